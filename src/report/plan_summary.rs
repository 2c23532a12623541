//! The plan as the plan page shows it, as data: its identity, the
//! documents it implements, its targets with their wording and sources,
//! the reading of T6, and (for plan 135) its text. No markup: the app's
//! plan page draws it.

use crate::domain::plan::{Plan, QualifiedReading};
use crate::i18n::format::format_date;
use crate::i18n::wording::target_text;
use crate::i18n::Lang;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanSummary {
    /// "Kế hoạch 135/KH-UBND".
    pub title: String,
    pub lead: String,
    /// The identity's terms and values (issuer, signer, dates, period…).
    pub identity: Vec<(&'static str, String)>,
    pub implements: Vec<String>,
    /// The targets' table: its header, then one row per target, whose first
    /// cell (the id) heads the row.
    pub header: [&'static str; 5],
    pub rows: Vec<[String; 5]>,
    /// How T6 is read, in words.
    pub reading: &'static str,
}

impl PlanSummary {
    pub fn new(plan: &Plan, lang: Lang) -> PlanSummary {
        let identity = &plan.identity;
        let pick = |vi, en| lang.pick(vi, en);
        PlanSummary {
            title: format!("{} {}", pick("Kế hoạch", "Plan"), identity.number),
            lead: identity.title.get(lang).to_owned(),
            identity: vec![
                (
                    pick("Cơ quan ban hành", "Issued by"),
                    identity.issuer.clone(),
                ),
                (pick("Người ký", "Signed by"), identity.signer.clone()),
                (
                    pick("Ngày ban hành", "Issued on"),
                    format_date(identity.issued, lang),
                ),
                (
                    pick("Giai đoạn", "Period"),
                    format!("{}–{}", plan.start_year, plan.end_year),
                ),
                (
                    pick("Năm gốc", "Baseline year"),
                    plan.baseline_year.to_string(),
                ),
                (pick("Nguồn văn bản", "Source"), identity.source.clone()),
            ],
            implements: identity.implements.clone(),
            header: [
                pick("Mã", "Id"),
                pick(
                    "Chỉ tiêu và lời văn của Kế hoạch",
                    "Target and the plan's words",
                ),
                pick("Mức", "Value"),
                pick("Thời hạn", "Deadline"),
                pick("Nguồn", "Source"),
            ],
            rows: plan
                .targets
                .iter()
                .map(|t| {
                    [
                        t.id.clone(),
                        format!("{} — “{}”", t.title.get(lang), t.wording),
                        target_text(t, lang),
                        format_date(t.deadline, lang),
                        t.source.clone(),
                    ]
                })
                .collect(),
            reading: match plan.settings.qualified_reading {
                QualifiedReading::OfTrained => pick(
                    "70% của số cán bộ quản lý đã được đào tạo (cách hiểu mặc định)",
                    "70% of the trained key managers (default reading)",
                ),
                QualifiedReading::OfAll => {
                    pick("70% của tất cả cán bộ quản lý", "70% of all key managers")
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_the_plan_and_every_target_in_both_languages() {
        let mut plan = Plan::hai_phong_135();
        let vi = PlanSummary::new(&plan, Lang::Vi);
        assert_eq!(vi.title, "Kế hoạch 135/KH-UBND");
        assert_eq!(vi.rows.len(), plan.targets.len());
        assert_eq!(vi.rows[0][0], "T1");
        assert!(vi.rows[0][1].contains(" — “"));
        assert!(vi.identity.iter().any(|(term, value)| *term == "Giai đoạn"
            && *value == format!("{}–{}", plan.start_year, plan.end_year)));
        assert!(vi.reading.contains("đã được đào tạo"));
        plan.settings.qualified_reading = QualifiedReading::OfAll;
        let en = PlanSummary::new(&plan, Lang::En);
        assert_eq!(en.title, "Plan 135/KH-UBND");
        assert_eq!(en.header[0], "Id");
        assert_eq!(en.reading, "70% of all key managers");
        assert_eq!(en.implements, plan.identity.implements);
    }
}
