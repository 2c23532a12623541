//! A target's card, as data: what the dashboard, a target's page, the
//! presentation and the printed report show of one target as of a date.
//! No markup: the app's `TargetCard` component draws it.

use chrono::NaiveDate;

use crate::domain::indicator::Evaluation;
use crate::domain::plan::Target;
use crate::domain::status::Status;
use crate::i18n::wording::{bar_scale, deadline_text, detail_text, target_text, value_text};
use crate::i18n::Lang;

/// One target as of a date, in one language. The default is an empty card
/// with no data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetCard {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// The status in words ("Đạt", "Chưa có số liệu").
    pub status_label: &'static str,
    /// What the current value, the target and the deadline are called and
    /// say, in this order.
    pub figures: [(&'static str, String); 3],
    pub detail: Option<String>,
    pub slipped: Option<String>,
    /// The progress bar of a share, on a scale that shows the target.
    pub bar: Option<ProgressBar>,
    /// The plan's own words for the target (always Vietnamese).
    pub wording: String,
    /// The link to the target's page, with its text.
    pub more: (String, String),
}

/// A share's bar: both positions in per cent of the bar's length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgressBar {
    pub fill: f64,
    pub mark: f64,
    /// What the bar shows, for a screen reader.
    pub label: String,
}

impl TargetCard {
    pub fn new(target: &Target, evaluation: &Evaluation, as_of: NaiveDate, lang: Lang) -> Self {
        let value = value_text(evaluation, lang);
        let target_value = target_text(target, lang);
        let bar = target.indicator.is_share().then(|| {
            let scale = bar_scale(target, evaluation.value());
            let percent_of_scale = |x: f64| {
                if scale > 0.0 {
                    (x / scale * 100.0).clamp(0.0, 100.0)
                } else {
                    0.0
                }
            };
            ProgressBar {
                fill: evaluation.value().map_or(0.0, percent_of_scale),
                mark: percent_of_scale(target.value),
                label: format!(
                    "{} {value}; {} {target_value}",
                    lang.pick("Giá trị", "Value"),
                    lang.pick("mục tiêu", "target")
                ),
            }
        });
        TargetCard {
            id: target.id.clone(),
            title: target.title.get(lang).to_owned(),
            status: evaluation.status,
            status_label: evaluation.status.label(lang),
            figures: [
                (lang.pick("Hiện tại", "Current"), value),
                (lang.pick("Mục tiêu", "Target"), target_value),
                (
                    lang.pick("Thời hạn", "Deadline"),
                    deadline_text(target.deadline, as_of, lang),
                ),
            ],
            detail: detail_text(evaluation, lang),
            slipped: crate::i18n::wording::slipped_text(target, evaluation, lang),
            bar,
            wording: format!("“{}”", target.wording),
            more: (
                format!("/targets/{}", crate::route::percent_encode(&target.id)),
                format!(
                    "{} {} →",
                    lang.pick(
                        "Chi tiết, phân tổ và danh sách đơn vị của",
                        "Details, breakdowns and units of"
                    ),
                    target.id
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{demo_workspace, published_as_of};
    use crate::domain::indicator::evaluate_all;

    #[test]
    fn the_demo_cards_as_published() {
        let mut ws = demo_workspace();
        let as_of = published_as_of();
        let evaluations = evaluate_all(&ws, as_of);
        let cards: Vec<_> = ws
            .plan
            .targets
            .iter()
            .zip(&evaluations)
            .map(|(t, e)| TargetCard::new(t, e, as_of, Lang::Vi))
            .collect();
        assert_eq!(cards.len(), 9);
        let t1 = &cards[0];
        assert_eq!(t1.id, "T1");
        assert_eq!(t1.figures[0].0, "Hiện tại");
        // A share has a bar whose fill and mark are per cent of its scale.
        let bar = t1.bar.as_ref().expect("T1 is a share");
        assert!((0.0..=100.0).contains(&bar.fill) && (0.0..=100.0).contains(&bar.mark));
        assert!(bar.fill > 0.0, "T1 has a value in the demo");
        assert!(bar.label.starts_with("Giá trị "), "{}", bar.label);
        assert_eq!(t1.more.0, "/targets/T1");
        assert!(t1.wording.starts_with('“') && t1.wording.ends_with('”'));
        // Counts have no bar.
        for (card, target) in cards.iter().zip(&ws.plan.targets) {
            assert_eq!(
                card.bar.is_some(),
                target.indicator.is_share(),
                "{}",
                card.id
            );
        }
        // An id with / and a space is percent-encoded in the link.
        ws.plan.targets[0].id = "T 1/a".into();
        let card = TargetCard::new(&ws.plan.targets[0], &evaluations[0], as_of, Lang::En);
        assert_eq!(card.more.0, "/targets/T%201%2Fa");
        assert_eq!(card.figures[2].0, "Deadline");
    }
}
