//! The plan editor as data: the rows of its table of targets with their
//! labels, the message beside each field and those about the plan as a
//! whole, and the sectors it adds. No markup: the app's plan editor
//! (`app::components::plan_editor`) draws them; what is typed goes into a
//! [`crate::edit::plan_draft::PlanDraft`], checked as a whole by
//! [`crate::domain::plan_validation::check_plan`].

use crate::domain::plan::{Comparator, Plan, Sector};
use crate::domain::plan_validation::PlanIssue;
use crate::domain::validation::Severity;
use crate::edit::plan_draft::{Field, Part};
use crate::i18n::number::{self, Convention, NumberError};
use crate::i18n::{Lang, Text};

/// A number as the page's language writes it ("1,2" in Vietnamese, "1.2"
/// in English; see [`crate::i18n::number`]); `None` for anything else.
pub fn parse_number(text: &str, lang: Lang) -> Option<f64> {
    number::parse_f64(text, Convention::of(lang)).ok().flatten()
}

/// A value as the editor shows it, in the page's language: shares in
/// percent, counts as they are.
pub fn shown(value: f64, share: bool, lang: Lang) -> String {
    let value = if share { value * 100.0 } else { value };
    number::write_f64(value, 4, Convention::of(lang))
}

/// A key for a sector from its name: lower case ASCII, words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !slug.ends_with('-') {
            slug.push(c);
        }
    }
    slug.trim_matches('-').to_owned()
}

/// Adds a sector named `name` (the same name in both languages until
/// edited) under a key no other sector has. Blank names add nothing.
pub fn add_sector(draft: &mut Plan, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    let mut id = slug(name);
    if id.is_empty() {
        id.push_str("linh-vuc");
    }
    while draft.sectors.iter().any(|s| s.id == id) {
        id.push_str("-2");
    }
    draft.sectors.push(Sector {
        id,
        name: Text::new(name, name),
    });
    true
}

/// A copy of the plan to model another one from, marked as a copy.
pub fn copy_of(plan: &Plan, lang: Lang) -> Plan {
    let mut copy = plan.clone();
    copy.identity.number = format!(
        "{} ({})",
        plan.identity.number,
        lang.pick("bản sao", "copy")
    );
    copy
}

/// One row of the editor's table of targets: what heads it, how its value
/// is counted, and the labels of its four controls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetRow {
    pub id: String,
    /// "T5 · …": the target's id and title.
    pub heading: String,
    /// A target that rises each year has no comparator or level to edit.
    pub rising: bool,
    /// What the level is counted in: "%", "HTX", or nothing.
    pub unit: &'static str,
    /// The labels of the comparator, the value, the band and the deadline.
    pub labels: [String; 4],
}

/// The rows of the editor's table, one per target of `draft`, in order.
pub fn target_rows(draft: &Plan, lang: Lang) -> Vec<TargetRow> {
    let pick = |vi, en| lang.pick(vi, en);
    draft
        .targets
        .iter()
        .map(|t| {
            let rising = t.comparator == Comparator::RisingEachYear;
            let unit = if rising {
                ""
            } else if t.indicator.is_share() {
                "%"
            } else {
                pick("HTX", "coops")
            };
            TargetRow {
                id: t.id.clone(),
                heading: format!("{} · {}", t.id, t.title.get(lang)),
                rising,
                unit,
                labels: [
                    format!("{} {}", pick("Phép so sánh của", "Comparator of"), t.id),
                    format!(
                        "{} {} ({unit})",
                        pick("Mức mục tiêu của", "Target value of"),
                        t.id
                    ),
                    format!("{} {} ({unit})", pick("Cận trên của", "Upper end of"), t.id),
                    format!("{} {}", pick("Thời hạn của", "Deadline of"), t.id),
                ],
            }
        })
        .collect()
}

/// The id of the box under `field` that shows the value saved elsewhere.
pub fn conflict_id(field: &Field) -> String {
    format!("plan-conflict-{}", field.key().replace(':', "-"))
}

/// The name of a target's field in [`PlanIssue::field`].
fn issue_field(part: Part) -> &'static str {
    match part {
        Part::Comparator => "comparator",
        Part::Value => "value",
        Part::Band => "band_upper",
        Part::Deadline => "deadline",
    }
}

/// The message beside `part` of target `target_id`: for a number that
/// could not be read, what a number takes, then the plan's own messages
/// about the field; empty when all is well.
pub fn field_message(
    draft: &Plan,
    issues: &[PlanIssue],
    target_id: &str,
    part: Part,
    lang: Lang,
) -> String {
    let typed = draft
        .targets
        .iter()
        .find(|t| t.id == target_id)
        .and_then(|t| match part {
            Part::Value => Some(t.value),
            Part::Band => t.band_upper,
            Part::Comparator | Part::Deadline => None,
        });
    let mut text = if typed.is_some_and(f64::is_nan) {
        let unreadable = NumberError::NotANumber.message(Convention::of(lang));
        format!("{} ", unreadable.get(lang))
    } else {
        String::new()
    };
    let field = issue_field(part);
    for (n, issue) in issues
        .iter()
        .filter(|x| x.target_id.as_deref() == Some(target_id) && x.field == field)
        .enumerate()
    {
        if n > 0 {
            text.push(' ');
        }
        text.push_str(issue.message.get(lang));
    }
    text
}

/// A message about the plan as a whole (no target's field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneralIssue {
    pub error: bool,
    pub text: String,
}

impl GeneralIssue {
    /// The list item's class.
    pub fn class(&self) -> &'static str {
        if self.error {
            "issue issue-error"
        } else {
            "issue issue-warning"
        }
    }
}

/// The messages about the plan as a whole, in order.
pub fn general_issues(issues: &[PlanIssue], lang: Lang) -> Vec<GeneralIssue> {
    issues
        .iter()
        .filter(|x| x.target_id.is_none())
        .map(|issue| GeneralIssue {
            error: issue.severity == Severity::Error,
            text: issue.message.get(lang).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan_validation::check_plan;
    use crate::edit::plan_draft::PlanDraft;

    fn plan() -> Plan {
        Plan::hai_phong_135()
    }

    #[test]
    fn numbers_take_either_decimal_mark_and_shares_are_percent() {
        assert_eq!(parse_number(" 1,2 ", Lang::Vi), Some(1.2));
        assert_eq!(parse_number("1.2", Lang::En), Some(1.2));
        // A point in Vietnamese groups thousands: "1.2" is no number.
        assert_eq!(parse_number("1.2", Lang::Vi), None);
        assert_eq!(parse_number("1.200", Lang::Vi), Some(1200.0));
        assert_eq!(parse_number("abc", Lang::Vi), None);
        assert_eq!(parse_number("inf", Lang::En), None);
        assert_eq!(shown(0.5, true, Lang::Vi), "50");
        assert_eq!(shown(0.012, true, Lang::Vi), "1,2");
        assert_eq!(shown(0.012, true, Lang::En), "1.2");
        assert_eq!(shown(1200.0, false, Lang::Vi), "1.200");
        assert_eq!(slug("Nông nghiệp & Thủy sản"), "nong-nghiep-thuy-san");
    }

    #[test]
    fn unreadable_values_are_reported_beside_their_field() {
        let mut draft = PlanDraft::new(&plan());
        let t5 = Field::Target("T5".into(), Part::Value);
        assert!(draft.input(&t5, "nhiều", Lang::Vi));
        let issues = check_plan(&draft.draft);
        let text = field_message(&draft.draft, &issues, "T5", Part::Value, Lang::Vi);
        assert!(text.contains("T5"), "{text}");
        assert!(text.contains("4.800 hoặc 1.250,5"), "{text}");
        // The other fields have nothing to say.
        for part in [Part::Band, Part::Deadline] {
            assert_eq!(
                field_message(&draft.draft, &issues, "T5", part, Lang::Vi),
                ""
            );
        }
        assert_eq!(
            field_message(&draft.draft, &issues, "T1", Part::Value, Lang::Vi),
            ""
        );
        // Over 100 % is no share: said beside the field, as an error.
        assert!(draft.input(&t5, "150", Lang::Vi));
        let issues = check_plan(&draft.draft);
        let text = field_message(&draft.draft, &issues, "T5", Part::Value, Lang::Vi);
        assert!(text.starts_with("Mức mục tiêu của T5 phải là"), "{text}");
        assert!(issues.iter().any(PlanIssue::is_error));
    }

    #[test]
    fn messages_about_the_plan_as_a_whole_are_listed_with_their_severity() {
        let mut draft = plan();
        draft.start_year = draft.end_year + 1;
        let issues = check_plan(&draft);
        let general = general_issues(&issues, Lang::En);
        assert!(!general.is_empty());
        assert!(general
            .iter()
            .any(|g| g.error && g.class() == "issue issue-error"));
        assert!(general_issues(&check_plan(&plan()), Lang::En)
            .iter()
            .all(|g| !g.error));
    }

    #[test]
    fn the_form_labels_every_control() {
        let draft = plan();
        let rows = target_rows(&draft, Lang::En);
        assert_eq!(rows.len(), draft.targets.len());
        let t5 = rows
            .iter()
            .find(|r| r.id == "T5")
            .cloned()
            .unwrap_or_default();
        assert_eq!(t5.labels[1], "Target value of T5 (%)");
        assert_eq!(t5.labels[0], "Comparator of T5");
        assert!(t5.heading.starts_with("T5 · "));
        // Each label names its target: no two controls share one.
        let mut labels: Vec<&String> = rows.iter().flat_map(|r| r.labels.iter()).collect();
        let count = labels.len();
        crate::sorting::sort(&mut labels);
        labels.dedup();
        assert_eq!(labels.len(), count);
        let rising = rows.iter().filter(|r| r.rising);
        assert!(rising.clone().count() > 0);
        assert!(rising.clone().all(|r| r.unit.is_empty()));
        let vi = target_rows(&draft, Lang::Vi);
        assert!(vi.iter().any(|r| r.labels[1].ends_with("(HTX)")));
        let copy = copy_of(&draft, Lang::Vi);
        assert_eq!(copy.identity.number, "135/KH-UBND (bản sao)");
    }

    #[test]
    fn sectors_get_unique_keys() {
        let mut draft = plan();
        let before = draft.sectors.len();
        assert!(!add_sector(&mut draft, "   "));
        assert!(add_sector(&mut draft, "Du lịch"));
        assert!(add_sector(&mut draft, "Du lịch"));
        assert!(add_sector(&mut draft, "!!!"));
        let keys: Vec<&str> = draft.sectors[before..]
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(keys, ["du-lich", "du-lich-2", "linh-vuc"]);
    }
}
