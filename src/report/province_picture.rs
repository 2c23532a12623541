//! The province's picture as a manager's screen shows it: the province's
//! published figures ([`crate::sync::aggregate::Aggregate`]) and her own
//! cooperatives placed against them ([`crate::sync::aggregate::places`]),
//! as text in one language. No markup, no arithmetic on figures beyond
//! writing them: the domain computed them.

use crate::domain::plan::Indicator;
use crate::domain::status::Status;
use crate::i18n::format::{format_date, format_number, format_percent};
use crate::i18n::wording::{detail_text, format_value, target_text, value_text};
use crate::i18n::Lang;
use crate::sync::aggregate::{Aggregate, Place, Quarter, Spread, Standing, TargetPlace};

/// One of her cooperatives on one target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnCell {
    pub unit_name: String,
    /// Her own figure, when the target has one to show.
    pub value: Option<String>,
    /// Where she stands, in words.
    pub standing: String,
    /// A stable key for attributes and tests ("counts", "below", …).
    pub key: &'static str,
}

/// One target: the province's figure and hers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PictureRow {
    pub target_id: String,
    pub title: String,
    /// The target: "≥ 1,0% (đến 1,2%)".
    pub target: String,
    /// The province's value: "91,6%", "—".
    pub value: String,
    /// The counts behind it: "208 / 227 · năm 2019".
    pub detail: Option<String>,
    pub status: Status,
    pub own: Vec<OwnCell>,
}

/// The whole panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProvincePicture {
    /// "Số liệu Sở công bố, tính đến ngày 07/12/2026 (kế hoạch 135/KH-UBND)."
    pub published: String,
    /// "7 đơn vị; 6 HTX và 1 THT đang hoạt động."
    pub counts: String,
    pub rows: Vec<PictureRow>,
    /// The revenue's spread, then one line per cooperative of hers.
    pub revenue: Vec<String>,
}

fn standing_key(standing: Standing) -> &'static str {
    match standing {
        Standing::Counts => "counts",
        Standing::Awaited => "awaited",
        Standing::AtOrAbove => "at-or-above",
        Standing::Below => "below",
        Standing::NotCounted => "not-counted",
        Standing::NoProvinceFigure => "no-province-figure",
    }
}

/// Where she stands on a target, in the target's own words.
fn standing_text(place: &TargetPlace, lang: Lang) -> String {
    let pick = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
    match (place.standing, place.indicator) {
        (Standing::Counts, Indicator::ReorganisedShare) => pick(
            "Đã tổ chức lại theo Luật 2012: được tính vào chỉ tiêu",
            "Reorganised under the 2012 law: counts toward the target",
        ),
        (Standing::Counts, Indicator::InactiveDissolvedShare) => pick("Đã giải thể", "Dissolved"),
        (Standing::Counts, Indicator::GroupsCompliantShare) => pick(
            "Đáp ứng điều kiện theo luật: được tính vào chỉ tiêu",
            "Meets the legal conditions: counts toward the target",
        ),
        (Standing::Counts, Indicator::ExemplaryCount) => pick(
            "Được công nhận điển hình tiên tiến: được tính vào chỉ tiêu",
            "Recognised as exemplary: counts toward the target",
        ),
        (Standing::Counts, _) => pick(
            "Phần đóng góp vào giá trị gia tăng KTTT của tỉnh",
            "Its part of the province's collective value added",
        ),
        (Standing::Awaited, Indicator::ReorganisedShare) => pick(
            "Chưa tổ chức lại: chỉ tiêu còn chờ HTX này",
            "Not reorganised: the target still waits for it",
        ),
        (Standing::Awaited, Indicator::InactiveDissolvedShare) => pick(
            "Ngừng hoạt động, chưa giải thể: chỉ tiêu còn chờ HTX này",
            "Inactive, not dissolved: the target still waits for it",
        ),
        (Standing::Awaited, Indicator::GroupsCompliantShare) => pick(
            "Chưa đáp ứng điều kiện theo luật",
            "Does not meet the legal conditions yet",
        ),
        (Standing::Awaited, _) => pick(
            "Chưa được công nhận điển hình tiên tiến trong kỳ kế hoạch",
            "Not recognised as exemplary in the plan's period",
        ),
        (Standing::AtOrAbove, _) => pick(
            "Bằng hoặc cao hơn mức chung của tỉnh",
            "At or above the province's figure",
        ),
        (Standing::Below, _) => pick("Thấp hơn mức chung của tỉnh", "Below the province's figure"),
        (Standing::NotCounted, _) => pick(
            "Không thuộc diện tính của chỉ tiêu này, hoặc chưa có số liệu",
            "Not counted by this target, or no figures of its own",
        ),
        (Standing::NoProvinceFigure, _) => pick(
            "Tỉnh chưa có số liệu để so sánh",
            "The province has no figure to compare with",
        ),
    }
}

/// Her own figure on a target, where it says more than the words.
fn own_value(place: &TargetPlace, lang: Lang) -> Option<String> {
    match place.indicator {
        Indicator::ReorganisedShare
        | Indicator::InactiveDissolvedShare
        | Indicator::GroupsCompliantShare
        | Indicator::ExemplaryCount => None,
        Indicator::GrdpShare => place.share_of_province.map(|s| format_percent(s, 1, lang)),
        indicator => place.own.value.map(|v| {
            let value = format_value(indicator, v, lang);
            match place.own.observation.as_ref() {
                Some(crate::domain::indicator::Observation::Share {
                    numerator,
                    denominator,
                }) => format!(
                    "{value} ({} / {})",
                    format_number(*numerator, 0, lang),
                    format_number(*denominator, 0, lang)
                ),
                _ => value,
            }
        }),
    }
}

fn millions(value: f64, lang: Lang) -> String {
    format!(
        "{} {}",
        format_number(value, 0, lang),
        lang.pick("triệu đồng", "million VND")
    )
}

fn spread_line(spread: &Spread, lang: Lang) -> String {
    let reporting = format_number(f64::from(spread.reporting), 0, lang);
    match lang {
        Lang::Vi => format!(
            "Doanh thu một HTX năm {}: bình quân {}, trung vị {} (một phần tư số HTX dưới {}, một phần tư trên {}); {} HTX báo cáo.",
            spread.year,
            millions(spread.mean, lang),
            millions(spread.median, lang),
            millions(spread.lower_quartile, lang),
            millions(spread.upper_quartile, lang),
            reporting
        ),
        Lang::En => format!(
            "Revenue per cooperative in {}: mean {}, median {} (a quarter of them below {}, a quarter above {}); {} cooperatives reported.",
            spread.year,
            millions(spread.mean, lang),
            millions(spread.median, lang),
            millions(spread.lower_quartile, lang),
            millions(spread.upper_quartile, lang),
            reporting
        ),
    }
}

fn quarter_text(quarter: Quarter, lang: Lang) -> &'static str {
    match quarter {
        Quarter::Top => lang.pick(
            "thuộc một phần tư số HTX có doanh thu cao nhất",
            "in the top quarter",
        ),
        Quarter::UpperMiddle => lang.pick("từ trung vị trở lên", "at or above the median"),
        Quarter::LowerMiddle => lang.pick("dưới trung vị", "below the median"),
        Quarter::Bottom => lang.pick(
            "thuộc một phần tư số HTX có doanh thu thấp nhất",
            "in the bottom quarter",
        ),
    }
}

fn revenue_line(place: &Place, lang: Lang) -> String {
    let Some(revenue) = &place.revenue else {
        return format!(
            "{}: {}",
            place.unit_name,
            lang.pick(
                "chưa có doanh thu của năm này để so sánh",
                "no revenue for that year to compare",
            )
        );
    };
    let of_mean = revenue
        .of_mean
        .map(|f| {
            format!(
                "; {} {}",
                format_percent(f, 0, lang),
                lang.pick("mức bình quân", "of the mean")
            )
        })
        .unwrap_or_default();
    format!(
        "{}: {}, {}{of_mean}.",
        place.unit_name,
        millions(revenue.own, lang),
        quarter_text(revenue.quarter, lang)
    )
}

impl ProvincePicture {
    /// The panel for `aggregate` and her `places`, in `lang`.
    pub fn new(aggregate: &Aggregate, places: &[Place], lang: Lang) -> ProvincePicture {
        let date = format_date(aggregate.as_of, lang);
        let plan = if aggregate.plan.is_empty() {
            String::new()
        } else {
            format!(" ({} {})", lang.pick("kế hoạch", "plan"), aggregate.plan)
        };
        let published = format!(
            "{} {date}{plan}.",
            lang.pick(
                "Số liệu Sở công bố, tính đến ngày",
                "Figures the province published, as of"
            )
        );
        let count = |n: u32| format_number(f64::from(n), 0, lang);
        let c = &aggregate.counts;
        let counts = match lang {
            Lang::Vi => format!(
                "{} đơn vị; {} HTX và {} THT đang hoạt động.",
                count(c.units),
                count(c.active_cooperatives),
                count(c.active_groups)
            ),
            Lang::En => format!(
                "{} units; {} {} and {} {} operating.",
                count(c.units),
                count(c.active_cooperatives),
                if c.active_cooperatives == 1 {
                    "cooperative"
                } else {
                    "cooperatives"
                },
                count(c.active_groups),
                if c.active_groups == 1 {
                    "cooperative group"
                } else {
                    "cooperative groups"
                }
            ),
        };
        let rows = aggregate
            .targets
            .iter()
            .enumerate()
            .map(|(at, figure)| PictureRow {
                target_id: figure.target.id.clone(),
                title: figure.target.title.get(lang).to_owned(),
                target: target_text(&figure.target, lang),
                value: value_text(&figure.evaluation, lang),
                detail: detail_text(&figure.evaluation, lang),
                status: figure.evaluation.status,
                own: places
                    .iter()
                    .filter_map(|p| p.targets.get(at).map(|t| (p, t)))
                    .map(|(p, t)| OwnCell {
                        unit_name: p.unit_name.clone(),
                        value: own_value(t, lang),
                        standing: standing_text(t, lang),
                        key: standing_key(t.standing),
                    })
                    .collect(),
            })
            .collect();
        let revenue = match &aggregate.revenue {
            Some(spread) => std::iter::once(spread_line(spread, lang))
                .chain(places.iter().map(|p| revenue_line(p, lang)))
                .collect(),
            None => vec![lang
                .pick(
                    "Sở không công bố doanh thu: chưa đủ số HTX báo cáo.",
                    "The province published no revenue figures: too few cooperatives reported one.",
                )
                .to_owned()],
        };
        ProvincePicture {
            published,
            counts,
            rows,
            revenue,
        }
    }
}
