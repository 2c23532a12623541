//! How a target, its value and its deadline are worded on screen and in
//! print, in each language. Pure, so every phrase a card shows is tested
//! natively.

use chrono::NaiveDate;

use crate::domain::indicator::{Evaluation, Observation};
use crate::domain::plan::{Comparator, Indicator, Target};
use crate::i18n::format::{format_date, format_number, format_percent};
use crate::i18n::Lang;

/// Decimals for a share: T3's 1.0 % needs two, the others one.
fn share_decimals(indicator: Indicator) -> usize {
    if indicator == Indicator::GrdpShare {
        2
    } else {
        1
    }
}

/// The target value with its comparator: "≥ 1,0% (đến 1,2%)", "> 50%".
pub fn target_text(target: &Target, lang: Lang) -> String {
    let amount = |value: f64| {
        if target.indicator.is_share() {
            // As the plan writes them: "100%", "50%", but "1,0%" and "1,2%".
            let percent = value * 100.0;
            let decimals = if percent >= 10.0 && percent.fract() == 0.0 {
                0
            } else {
                1
            };
            format_percent(value, decimals, lang)
        } else {
            format!(
                "{} {}",
                format_number(value, 0, lang),
                lang.pick("HTX", "cooperatives")
            )
        }
    };
    let mut text = match target.comparator {
        Comparator::AtLeast if target.indicator.is_share() && target.value >= 1.0 => {
            amount(target.value)
        }
        Comparator::AtLeast => format!("≥ {}", amount(target.value)),
        Comparator::MoreThan => format!("> {}", amount(target.value)),
        Comparator::RisingEachYear => lang
            .pick("tăng dần qua từng năm", "rising every year")
            .to_owned(),
    };
    if let Some(upper) = target.band_upper {
        text.push_str(&format!(
            " ({} {})",
            lang.pick("đến", "up to"),
            amount(upper)
        ));
    }
    text
}

/// Any value of an indicator as the indicator writes it: a share as a
/// percentage, a count as a whole number, a growth rate with its sign.
pub fn format_value(indicator: Indicator, value: f64, lang: Lang) -> String {
    match indicator {
        Indicator::ExemplaryCount => format_number(value, 0, lang),
        Indicator::ValueAddedGrowth => signed_percent(value, lang),
        _ => format_percent(value, share_decimals(indicator), lang),
    }
}

/// The measured value: "91,6%", "9 HTX · 2 lĩnh vực", "+12,5%"; "—" for no data.
pub fn value_text(evaluation: &Evaluation, lang: Lang) -> String {
    let Some(value) = evaluation.measurement.value else {
        return "—".to_owned();
    };
    match &evaluation.measurement.observation {
        Some(Observation::Count { count, sectors }) => format!(
            "{} {} · {} {}",
            format_number(f64::from(*count), 0, lang),
            lang.pick("HTX", "cooperatives"),
            format_number(f64::from(*sectors), 0, lang),
            if *sectors == 1 {
                lang.pick("lĩnh vực", "sector")
            } else {
                lang.pick("lĩnh vực", "sectors")
            },
        ),
        Some(Observation::Growth { current, .. }) => signed_percent(*current, lang),
        _ => format_percent(value, share_decimals(evaluation.indicator), lang),
    }
}

fn signed_percent(rate: f64, lang: Lang) -> String {
    let sign = if rate > 0.0 { "+" } else { "" };
    format!("{sign}{}", format_percent(rate, 1, lang))
}

/// What the value is made of: "208 / 227 HTX", "VA 1.234 / GRDP 100.000
/// triệu đồng", "năm 2019; năm trước +10,0%".
pub fn detail_text(evaluation: &Evaluation, lang: Lang) -> Option<String> {
    let year = evaluation.measurement.data_year;
    let with_year = |text: String| match year {
        Some(year) => format!("{text} · {} {year}", lang.pick("năm", "year")),
        None => text,
    };
    match evaluation.measurement.observation.as_ref()? {
        Observation::Share {
            numerator,
            denominator,
        } => Some(with_year(match evaluation.indicator {
            Indicator::GrdpShare => format!(
                "{} {} / GRDP {} {}",
                lang.pick("GTGT KTTT", "Collective VA"),
                format_number(*numerator, 0, lang),
                format_number(*denominator, 0, lang),
                lang.pick("triệu đồng", "million VND"),
            ),
            _ => format!(
                "{} / {}",
                format_number(*numerator, 0, lang),
                format_number(*denominator, 0, lang)
            ),
        })),
        Observation::Growth { previous, .. } => Some(with_year(format!(
            "{} {}",
            lang.pick("năm trước", "year before"),
            signed_percent(*previous, lang)
        ))),
        Observation::Count { .. } => None,
    }
}

/// For a target met at its deadline whose value has since fallen below
/// the target: the verdict stays "met", and this says so beside today's
/// value. "Đã đạt khi đến hạn 31/12/2018 (100,0%); đã giảm sau đó."
pub fn slipped_text(target: &Target, evaluation: &Evaluation, lang: Lang) -> Option<String> {
    let then = evaluation.slipped?;
    let value = match evaluation.measurement.observation {
        Some(Observation::Count { .. }) => format_number(then, 0, lang),
        _ => format_percent(then, share_decimals(target.indicator), lang),
    };
    Some(format!(
        "{} {} ({value}); {}",
        lang.pick("Đã đạt khi đến hạn", "Met at the deadline,"),
        format_date(target.deadline, lang),
        lang.pick(
            "đã giảm xuống dưới mục tiêu sau đó.",
            "and has slipped below the target since."
        ),
    ))
}

/// The deadline with the days left or past: "30/06/2018 · còn 12 ngày".
pub fn deadline_text(deadline: NaiveDate, as_of: NaiveDate, lang: Lang) -> String {
    let days = (deadline - as_of).num_days();
    let distance = match days {
        0 => lang.pick("hạn là hôm nay", "due today").to_owned(),
        d if d > 0 => format!(
            "{} {} {}",
            lang.pick("còn", ""),
            format_number(d as f64, 0, lang),
            lang.pick("ngày", "days left")
        )
        .trim()
        .to_owned(),
        d => format!(
            "{} {} {}",
            lang.pick("quá hạn", ""),
            format_number((-d) as f64, 0, lang),
            lang.pick("ngày", "days past")
        )
        .trim()
        .to_owned(),
    };
    format!("{} · {distance}", format_date(deadline, lang))
}

/// A one-line comment on an evaluation, for the progress report.
pub fn comment_text(target: &Target, evaluation: &Evaluation, lang: Lang) -> String {
    use crate::domain::status::Status;
    match evaluation.status {
        Status::Met => match slipped_text(target, evaluation, lang) {
            Some(slipped) => slipped,
            None => lang
                .pick("Đã đạt mục tiêu đúng hạn.", "Met on time.")
                .to_owned(),
        },
        Status::MetLate => lang
            .pick(
                "Đã đạt, nhưng sau thời hạn.",
                "Met, but after the deadline.",
            )
            .to_owned(),
        Status::OnTrack => lang
            .pick(
                "Chưa đạt nhưng đang theo kịp lộ trình đến thời hạn.",
                "Not yet met, but keeping pace to the deadline.",
            )
            .to_owned(),
        Status::AtRisk => match (evaluation.expected, target.indicator.is_share()) {
            (Some(expected), true) => format!(
                "{} {}.",
                lang.pick(
                    "Thấp hơn lộ trình; lẽ ra cần khoảng",
                    "Behind the pace; about this was needed by now:"
                ),
                format_percent(expected, share_decimals(target.indicator), lang)
            ),
            _ => lang
                .pick(
                    "Thấp hơn lộ trình để đạt đúng hạn.",
                    "Behind the pace needed to meet the deadline.",
                )
                .to_owned(),
        },
        Status::Missed => lang
            .pick(
                "Đã quá thời hạn mà chưa đạt.",
                "The deadline has passed and it is not met.",
            )
            .to_owned(),
        Status::NoData => match target.indicator {
            Indicator::GrdpShare => lang
                .pick(
                    "Cần GRDP theo giá hiện hành và giá trị gia tăng của KTTT.",
                    "Needs GRDP at current prices and collective value added.",
                )
                .to_owned(),
            Indicator::ValueAddedGrowth => lang
                .pick(
                    "Cần giá trị gia tăng của KTTT ba năm liền.",
                    "Needs collective value added for three consecutive years.",
                )
                .to_owned(),
            _ => lang
                .pick(
                    "Chưa có dữ liệu để tính.",
                    "No data to compute it from yet.",
                )
                .to_owned(),
        },
    }
}

/// Where a bar for this target should end, on the indicator's own scale:
/// 100 % for most shares, a little beyond the band for T3, beyond the
/// target or the value for counts.
pub fn bar_scale(target: &Target, value: Option<f64>) -> f64 {
    let reach = target
        .band_upper
        .unwrap_or(target.value)
        .max(value.unwrap_or(0.0));
    if target.indicator.is_share() && target.value >= 0.1 {
        1.0
    } else {
        reach * 1.25
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Plan;

    #[test]
    fn targets_are_worded_with_their_comparators() {
        let plan = Plan::hai_phong_135();
        let text = |id: &str, lang| {
            plan.target(id)
                .map(|t| target_text(t, lang))
                .unwrap_or_default()
        };
        assert_eq!(text("T1", Lang::Vi), "100%");
        assert_eq!(text("T3", Lang::Vi), "≥ 1,0% (đến 1,2%)");
        assert_eq!(text("T5", Lang::En), "> 50%");
        assert_eq!(text("T6", Lang::Vi), "≥ 70%");
        assert_eq!(text("T8", Lang::Vi), "≥ 10 HTX");
        assert_eq!(text("T9", Lang::En), "rising every year");
    }

    #[test]
    fn deadlines_count_days_both_ways() {
        let deadline = NaiveDate::from_ymd_opt(2018, 6, 30).expect("date");
        let before = NaiveDate::from_ymd_opt(2018, 6, 18).expect("date");
        let after = NaiveDate::from_ymd_opt(2019, 6, 30).expect("date");
        assert_eq!(
            deadline_text(deadline, before, Lang::Vi),
            "30/06/2018 · còn 12 ngày"
        );
        assert_eq!(
            deadline_text(deadline, after, Lang::En),
            "30 Jun 2018 · 365 days past"
        );
        assert_eq!(
            deadline_text(deadline, deadline, Lang::Vi),
            "30/06/2018 · hạn là hôm nay"
        );
    }
}
