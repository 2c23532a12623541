//! The plan editor as data: the form written as HTML text, each edit
//! applied to a draft by field name, and the messages placed beside their
//! fields. The page (`web::components::plan_editor`) shows [`form_html`]
//! once, sends every `change` to [`apply`], and rewrites only the message
//! slots ([`messages`]), so typing and tabbing never lose focus; checking
//! the draft as a whole is [`crate::plan_validation::check_plan`].
//!
//! Field names: `target:<i>:comparator|value|band|deadline`, `reading`,
//! `districts`, `sector:<i>:vi|en`; `new-sector` is read when the "Add"
//! button (`data-action="add-sector"`) is pressed.

use crate::format::{iso_date, parse_date};
use crate::html::Html;
use crate::i18n::{Lang, Text};
use crate::number::{self, Convention, NumberError};
use crate::plan::{Comparator, Plan, QualifiedReading, Sector};
use crate::plan_draft::{describe, Field, Part, Value};
use crate::plan_validation::PlanIssue;
use crate::validation::Severity;

/// A number as the page's language writes it ("1,2" in Vietnamese, "1.2"
/// in English; see [`crate::number`]); `None` for anything else.
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

/// What an edit did to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// Only values changed: the inputs already show them.
    Values,
    /// Rows were added: the form must be written again.
    Structure,
    /// The name is not one of the form's (nothing changed).
    Unknown,
}

/// Applies what the user typed into field `name` to the draft, numbers
/// read as `lang` writes them. Text that is not a number becomes NaN,
/// which [`crate::plan_validation`] reports beside the field, after the
/// form a number takes ([`messages`]).
pub fn apply(draft: &mut Plan, name: &str, value: &str, lang: Lang) -> Applied {
    let mut parts = name.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("target"), Some(index), Some(field)) => {
            let Some(target) = index
                .parse::<usize>()
                .ok()
                .and_then(|i| draft.targets.get_mut(i))
            else {
                return Applied::Unknown;
            };
            let share = target.indicator.is_share();
            let number = || {
                let typed = parse_number(value, lang).unwrap_or(f64::NAN);
                if share {
                    typed / 100.0
                } else {
                    typed
                }
            };
            match field {
                "comparator" if target.comparator != Comparator::RisingEachYear => {
                    target.comparator = if value == "more_than" {
                        Comparator::MoreThan
                    } else {
                        Comparator::AtLeast
                    }
                }
                "value" => target.value = number(),
                "band" => {
                    target.band_upper = (!value.trim().is_empty()).then(number);
                }
                "deadline" => match parse_date(value) {
                    Some(date) => target.deadline = date,
                    None => return Applied::Unknown,
                },
                _ => return Applied::Unknown,
            }
            Applied::Values
        }
        (Some("sector"), Some(index), Some(language)) => {
            let Some(sector) = index
                .parse::<usize>()
                .ok()
                .and_then(|i| draft.sectors.get_mut(i))
            else {
                return Applied::Unknown;
            };
            match language {
                "vi" => sector.name.vi = value.to_owned(),
                "en" => sector.name.en = value.to_owned(),
                _ => return Applied::Unknown,
            }
            Applied::Values
        }
        (Some("reading"), None, None) => {
            draft.settings.qualified_reading = if value == "of_all" {
                QualifiedReading::OfAll
            } else {
                QualifiedReading::OfTrained
            };
            Applied::Values
        }
        (Some("districts"), None, None) => {
            draft.districts = value
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect();
            Applied::Values
        }
        _ => Applied::Unknown,
    }
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

/// The id of the message slot beside a target's field.
fn slot(index: usize, field: &str) -> String {
    format!("plan-msg-{index}-{field}")
}

/// The form for `draft`, with the messages of `issues` in place.
pub fn form_html(draft: &Plan, issues: &[PlanIssue], lang: Lang) -> String {
    form_html_with(draft, issues, &[], lang)
}

/// The form for `draft`, with the messages of `issues` in place and, under
/// each field in `conflicts`, the value saved elsewhere with the choice to
/// keep the user's value or take that one.
pub fn form_html_with(
    draft: &Plan,
    issues: &[PlanIssue],
    conflicts: &[(Field, Value)],
    lang: Lang,
) -> String {
    let conflict = |html: &mut Html, field: Field| {
        if let Some((_, theirs)) = conflicts.iter().find(|(f, _)| *f == field) {
            conflict_html(html, draft, &field, theirs, lang);
        }
    };
    let mut html = Html::new();
    let pick = |vi, en| lang.pick(vi, en);
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[])
        .open("thead", &[])
        .open("tr", &[]);
    for head in [
        pick("Chỉ tiêu", "Target"),
        pick("So sánh", "Comparator"),
        pick("Mức", "Value"),
        pick("Cận trên", "Band up to"),
        pick("Thời hạn", "Deadline"),
    ] {
        html.element("th", &[("scope", Some("col"))], head);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for (i, t) in draft.targets.iter().enumerate() {
        let share = t.indicator.is_share();
        let rising = t.comparator == Comparator::RisingEachYear;
        let unit = if rising {
            ""
        } else if share {
            "%"
        } else {
            pick("HTX", "coops")
        };
        let disabled = rising.then_some("");
        let name = |field: &str| format!("target:{i}:{field}");
        let id = |field: &str| format!("target-{}-{field}", t.id);
        html.open("tr", &[]).element(
            "th",
            &[("scope", Some("row"))],
            &format!("{} · {}", t.id, t.title.get(lang)),
        );

        // Comparator.
        html.open("td", &[]);
        label(
            &mut html,
            &id("comparator"),
            &format!("{} {}", pick("Phép so sánh của", "Comparator of"), t.id),
        );
        html.open(
            "select",
            &[
                ("id", Some(&id("comparator"))),
                ("name", Some(&name("comparator"))),
                ("disabled", disabled),
            ],
        );
        if rising {
            html.element(
                "option",
                &[("selected", Some(""))],
                pick("tăng dần", "rising"),
            );
        } else {
            for (value, text, comparator) in [
                ("at_least", "≥", Comparator::AtLeast),
                ("more_than", ">", Comparator::MoreThan),
            ] {
                let selected = (t.comparator == comparator).then_some("");
                html.element(
                    "option",
                    &[("value", Some(value)), ("selected", selected)],
                    text,
                );
            }
        }
        html.close("select");
        conflict(&mut html, Field::Target(t.id.clone(), Part::Comparator));
        html.close("td");

        // Value and band.
        for (field, vi, en, value, class) in [
            (
                "value",
                "Mức mục tiêu của",
                "Target value of",
                (!rising).then(|| shown(t.value, share, lang)),
                "field-error",
            ),
            (
                "band",
                "Cận trên của",
                "Upper end of",
                t.band_upper.map(|b| shown(b, share, lang)),
                "field-error",
            ),
        ] {
            html.open("td", &[]);
            label(
                &mut html,
                &id(field),
                &format!("{} {} ({unit})", pick(vi, en), t.id),
            );
            let value = value.unwrap_or_default();
            html.void(
                "input",
                &[
                    ("id", Some(&id(field))),
                    ("name", Some(&name(field))),
                    ("type", Some("text")),
                    ("inputmode", Some("decimal")),
                    ("size", Some("6")),
                    ("value", Some(&value)),
                    ("disabled", disabled),
                ],
            );
            if field == "value" {
                html.text(" ").text(unit);
            }
            let issue_field = if field == "band" { "band_upper" } else { field };
            let typed = if field == "band" {
                t.band_upper
            } else {
                Some(t.value)
            };
            message_slot(
                &mut html,
                &slot(i, field),
                class,
                &(number_message(typed, lang) + &message_for(issues, &t.id, issue_field, lang)),
            );
            let part = if field == "band" {
                Part::Band
            } else {
                Part::Value
            };
            conflict(&mut html, Field::Target(t.id.clone(), part));
            html.close("td");
        }

        // Deadline.
        html.open("td", &[]);
        label(
            &mut html,
            &id("deadline"),
            &format!("{} {}", pick("Thời hạn của", "Deadline of"), t.id),
        );
        html.void(
            "input",
            &[
                ("id", Some(&id("deadline"))),
                ("name", Some(&name("deadline"))),
                ("type", Some("date")),
                ("value", Some(&iso_date(t.deadline))),
            ],
        );
        message_slot(
            &mut html,
            &slot(i, "deadline"),
            "field-warning",
            &message_for(issues, &t.id, "deadline", lang),
        );
        conflict(&mut html, Field::Target(t.id.clone(), Part::Deadline));
        html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("div");

    // The reading of T6.
    html.open("fieldset", &[]).element(
        "legend",
        &[],
        pick(
            "Cách hiểu chỉ tiêu T6 (70% cao đẳng trở lên)",
            "Reading of T6 (70 % college or above)",
        ),
    );
    for (value, reading, vi, en) in [
        (
            "of_trained",
            QualifiedReading::OfTrained,
            "70% của số cán bộ đã được đào tạo (mặc định)",
            "70 % of the trained managers (default)",
        ),
        (
            "of_all",
            QualifiedReading::OfAll,
            "70% của tất cả cán bộ quản lý",
            "70 % of all key managers",
        ),
    ] {
        let checked = (draft.settings.qualified_reading == reading).then_some("");
        html.open("label", &[("class", Some("inline"))])
            .void(
                "input",
                &[
                    ("type", Some("radio")),
                    ("name", Some("reading")),
                    ("value", Some(value)),
                    ("checked", checked),
                ],
            )
            .text(" ")
            .text(pick(vi, en))
            .close("label");
    }
    conflict(&mut html, Field::Reading);
    html.close("fieldset");

    // Districts and sectors.
    html.open("div", &[("class", Some("columns"))])
        .open("div", &[]);
    html.element(
        "label",
        &[
            ("class", Some("stacked")),
            ("for", Some("districts-editor")),
        ],
        pick("Quận, huyện (mỗi dòng một tên)", "Districts (one per line)"),
    );
    html.element(
        "textarea",
        &[
            ("id", Some("districts-editor")),
            ("name", Some("districts")),
            ("rows", Some("8")),
        ],
        &draft.districts.join("\n"),
    );
    conflict(&mut html, Field::Districts);
    html.close("div").open("div", &[]).open("table", &[]);
    html.element("caption", &[], pick("Lĩnh vực", "Sectors"))
        .open("thead", &[])
        .open("tr", &[]);
    for head in [
        pick("Mã", "Key"),
        pick("Tiếng Việt", "Vietnamese"),
        pick("Tiếng Anh", "English"),
    ] {
        html.element("th", &[("scope", Some("col"))], head);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for (i, sector) in draft.sectors.iter().enumerate() {
        html.open("tr", &[])
            .open("td", &[])
            .element("code", &[], &sector.id)
            .close("td");
        for (language, vi, en, value) in [
            (
                "vi",
                "Tên tiếng Việt của lĩnh vực",
                "Vietnamese name of sector",
                &sector.name.vi,
            ),
            (
                "en",
                "Tên tiếng Anh của lĩnh vực",
                "English name of sector",
                &sector.name.en,
            ),
        ] {
            let id = format!("sector-{i}-{language}");
            html.open("td", &[]);
            label(&mut html, &id, &format!("{} {}", pick(vi, en), sector.id));
            html.void(
                "input",
                &[
                    ("id", Some(&id)),
                    ("name", Some(&format!("sector:{i}:{language}"))),
                    ("type", Some("text")),
                    ("value", Some(value)),
                ],
            );
            html.close("td");
        }
        html.close("tr");
    }
    html.close("tbody").close("table");
    html.element(
        "label",
        &[("class", Some("inline")), ("for", Some("new-sector"))],
        pick("Lĩnh vực mới", "New sector"),
    )
    .void(
        "input",
        &[
            ("id", Some("new-sector")),
            ("name", Some("new-sector")),
            ("type", Some("text")),
        ],
    )
    .text(" ")
    .element(
        "button",
        &[
            ("type", Some("button")),
            ("class", Some("secondary")),
            ("data-action", Some("add-sector")),
        ],
        pick("Thêm", "Add"),
    );
    conflict(&mut html, Field::Sectors);
    html.close("div").close("div");
    html.open(
        "ul",
        &[("class", Some("issues")), ("id", Some(GENERAL_SLOT))],
    );
    html.append_text(&general_html(issues, lang));
    html.close("ul");
    html.into_string()
}

/// The slot of the messages about the plan as a whole.
/// The id of the box under `field` that shows the value saved elsewhere.
pub fn conflict_id(field: &Field) -> String {
    format!("plan-conflict-{}", field.key().replace(':', "-"))
}

/// The value saved elsewhere for `field`, with the two choices.
fn conflict_html(html: &mut Html, plan: &Plan, field: &Field, theirs: &Value, lang: Lang) {
    html.open(
        "p",
        &[
            ("class", Some("field-conflict")),
            ("id", Some(&conflict_id(field))),
            ("role", Some("alert")),
        ],
    )
    .text(&format!(
        "{} {} — {}",
        lang.pick("Tab khác vừa lưu:", "Another tab just saved:"),
        describe(plan, field, theirs, lang),
        lang.pick(
            "giữ giá trị của bạn hoặc lấy giá trị kia",
            "keep your value or take the other one"
        )
    ));
    let key = field.key();
    for (action, vi, en) in [
        (
            "plan-conflict-keep",
            "Giữ giá trị của bạn",
            "Keep your value",
        ),
        (
            "plan-conflict-take",
            "Lấy giá trị kia",
            "Take the other value",
        ),
    ] {
        html.text(" ").element(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("secondary")),
                ("data-action", Some(action)),
                ("data-field", Some(&key)),
            ],
            lang.pick(vi, en),
        );
    }
    html.close("p");
}

pub const GENERAL_SLOT: &str = "plan-msg-general";

fn label(html: &mut Html, for_id: &str, text: &str) {
    html.element(
        "label",
        &[("class", Some("visually-hidden")), ("for", Some(for_id))],
        text,
    );
}

fn message_slot(html: &mut Html, id: &str, class: &'static str, text: &str) {
    html.element(
        "span",
        &[
            ("id", Some(id)),
            ("class", Some(class)),
            ("role", Some("alert")),
        ],
        text,
    );
}

/// What a field that could not be read as a number should hold, before
/// the plan's own message about it (its value is then NaN).
fn number_message(value: Option<f64>, lang: Lang) -> String {
    if value.is_some_and(f64::is_nan) {
        let text = NumberError::NotANumber.message(Convention::of(lang));
        format!("{} ", text.get(lang))
    } else {
        String::new()
    }
}

fn message_for(issues: &[PlanIssue], target_id: &str, field: &str, lang: Lang) -> String {
    let mut text = String::new();
    for issue in issues
        .iter()
        .filter(|x| x.target_id.as_deref() == Some(target_id) && x.field == field)
    {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(issue.message.get(lang));
    }
    text
}

/// The items of the list of messages about the plan as a whole.
fn general_html(issues: &[PlanIssue], lang: Lang) -> String {
    let mut html = Html::new();
    for issue in issues.iter().filter(|x| x.target_id.is_none()) {
        let class = if issue.severity == Severity::Error {
            "issue issue-error"
        } else {
            "issue issue-warning"
        };
        html.element("li", &[("class", Some(class))], issue.message.get(lang));
    }
    html.into_string()
}

/// Every message slot's id and its text now (empty to clear it), with the
/// general list's items last as HTML (under [`GENERAL_SLOT`]).
pub fn messages(draft: &Plan, issues: &[PlanIssue], lang: Lang) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(draft.targets.len() * 3 + 1);
    for (i, t) in draft.targets.iter().enumerate() {
        for (field, issue_field, typed) in [
            ("value", "value", Some(t.value)),
            ("band", "band_upper", t.band_upper),
            ("deadline", "deadline", None),
        ] {
            out.push((
                slot(i, field),
                number_message(typed, lang) + &message_for(issues, &t.id, issue_field, lang),
            ));
        }
    }
    out.push((GENERAL_SLOT.to_owned(), general_html(issues, lang)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan_validation::check_plan;

    fn plan() -> Plan {
        Plan::hai_phong_135()
    }

    fn index_of(plan: &Plan, id: &str) -> usize {
        plan.targets.iter().position(|t| t.id == id).unwrap()
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
    fn edits_reach_the_draft_by_field_name() {
        let mut draft = plan();
        let t5 = index_of(&draft, "T5");
        assert_eq!(
            apply(&mut draft, &format!("target:{t5}:value"), "60", Lang::Vi),
            Applied::Values
        );
        assert!((draft.targets[t5].value - 0.6).abs() < 1e-12);
        apply(
            &mut draft,
            &format!("target:{t5}:comparator"),
            "more_than",
            Lang::Vi,
        );
        assert_eq!(draft.targets[t5].comparator, Comparator::MoreThan);
        apply(
            &mut draft,
            &format!("target:{t5}:deadline"),
            "2021-06-30",
            Lang::Vi,
        );
        assert_eq!(iso_date(draft.targets[t5].deadline), "2021-06-30");
        apply(&mut draft, &format!("target:{t5}:band"), "70", Lang::Vi);
        assert!((draft.targets[t5].band_upper.unwrap() - 0.7).abs() < 1e-12);
        apply(&mut draft, &format!("target:{t5}:band"), " ", Lang::Vi);
        assert_eq!(draft.targets[t5].band_upper, None);
        apply(&mut draft, "reading", "of_all", Lang::Vi);
        assert_eq!(draft.settings.qualified_reading, QualifiedReading::OfAll);
        apply(
            &mut draft,
            "districts",
            "  Lê Chân \n\nNgô Quyền\n",
            Lang::Vi,
        );
        assert_eq!(draft.districts, ["Lê Chân", "Ngô Quyền"]);
        apply(&mut draft, "sector:0:en", "Farming", Lang::Vi);
        assert_eq!(draft.sectors[0].name.en, "Farming");
        for unknown in [
            "target:99:value",
            "target:0:nope",
            "sector:x:vi",
            "nothing",
            "",
        ] {
            assert_eq!(
                apply(&mut draft, unknown, "1", Lang::Vi),
                Applied::Unknown,
                "{unknown}"
            );
        }
    }

    #[test]
    fn unreadable_values_are_reported_beside_their_field() {
        let mut draft = plan();
        let t5 = index_of(&draft, "T5");
        apply(&mut draft, &format!("target:{t5}:value"), "nhiều", Lang::Vi);
        let issues = check_plan(&draft);
        let slots = messages(&draft, &issues, Lang::Vi);
        let (_, text) = slots
            .iter()
            .find(|(id, _)| *id == slot(t5, "value"))
            .unwrap();
        assert!(text.contains("T5"), "{text}");
        assert!(text.contains("4.800 hoặc 1.250,5"), "{text}");
        // Every slot the messages name is in the form.
        let form = form_html(&draft, &issues, Lang::Vi);
        for (id, _) in &slots {
            assert!(form.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(form.contains(&escape_text(text)));
    }

    fn escape_text(text: &str) -> String {
        crate::html::escape(text).into_owned()
    }

    #[test]
    fn the_form_labels_every_input() {
        let draft = plan();
        let form = form_html(&draft, &[], Lang::En);
        let inputs = form.matches("<input id=\"").count() + form.matches("<select id=\"").count();
        let labels = form
            .matches("<label class=\"visually-hidden\" for=\"")
            .count();
        assert_eq!(
            inputs - 1,
            labels,
            "every input but the new sector's has a hidden label"
        );
        assert!(form.contains("for=\"new-sector\""));
        assert!(form.contains("Target value of T5 (%)"));
        assert!(form.contains("<textarea id=\"districts-editor\""));
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
