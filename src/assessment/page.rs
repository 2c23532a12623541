//! The self-assessment page as text: its forms described and written as
//! HTML, the edits they send applied by name, and every result (checklist,
//! classification, radar chart, readiness, action plan, printable report)
//! written as HTML for the page to show whole.
//!
//! HTML text costs almost nothing to download and is tested natively. It
//! is written with [`Html::tr`] templates that carry their words in both
//! languages (`{Tạo|Create}`), one call per fragment. The page keeps one
//! delegated listener that hands `(name, value)` of the control that
//! changed to [`apply`]. Control names: `date`, `law`, `fact:<field>`,
//! `ans:<rule>`, `note:<rule>`, `months_operated`, `months_stopped`,
//! `score:<item>`, `max:<criterion>`,
//! `act:<id>:<source|action|owner|due|status>` (an action's stable id,
//! [`super::ActionItem::id`]),
//! `ex:<latest|previous|years|compliance>`, `new:<name|code|members>`.
//! Saved assessments are the same names and values ([`super::stored`]).

use chrono::{Datelike, NaiveDate};

use super::action_plan::{add_missing_actions, gaps, ActionStatus, Gap};
use super::classification::{
    classify, effective_max, item_max, manager_qualification_shares, parse_score, rubric,
    Classification, GradeOutcome, NotGraded, CURRENT_RUBRIC,
};
use super::exemplary::{readiness, ExemplaryCriteria};
use super::legal_rules::{evaluate, evaluate_in, evaluate_law, Law, Outcome, RuleResult, Summary};
use super::{find, find_or_new, store, Answer, Assessment, Grade, SizeClass, Verification, FACTS};
use crate::decimal::Decimal;
use crate::format::parse_iso;
use crate::format::{format_date, format_decimal, format_number, format_percent, iso_date};
use crate::html::{pick2, say, Html};
use crate::i18n::Lang;
use crate::number::{self, Convention};
use crate::unit::{Unit, UnitKind, YearRecord};
use crate::workspace::Workspace;

/// Points kept in hundredths, shown with decimals only where needed.
pub fn points(hundredths: i64, lang: Lang) -> String {
    let decimals = if hundredths % 100 == 0 { 0 } else { 2 };
    format_number(hundredths as f64 / 100.0, decimals, lang)
}

/// A labelled input; `label` is `"vi|en"`, `kind` an `<input type>`.
fn input(html: &mut Html, lang: Lang, label: &str, name: &str, kind: &str, value: &str) {
    html.tr(
        lang,
        "<label class=\"field\"><span>{}</span><input name=\"{}\" type=\"{}\" value=\"{}\"></label>",
        &[pick2(lang, label), name, kind, value],
    );
}

/// The `<option>`s of a select, `selected` chosen.
fn options(html: &mut Html, choices: &[(&str, &str)], selected: &str) {
    for (value, text) in choices {
        let chosen = if *value == selected {
            " selected=\"\""
        } else {
            ""
        };
        html.tr(
            Lang::Vi,
            "<option value=\"{}\"{!}>{}</option>",
            &[value, chosen, text],
        );
    }
}

/// A labelled select; `label` is `"vi|en"`.
fn select(
    html: &mut Html,
    lang: Lang,
    label: &str,
    name: &str,
    choices: &[(&str, &str)],
    selected: &str,
) {
    html.tr(
        lang,
        "<label class=\"field\"><span>{}</span><select name=\"{}\">",
        &[pick2(lang, label), name],
    );
    options(html, choices, selected);
    html.append_text("</select></label>");
}

/// A whole number as saved, or nothing.
fn count_text(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

/// An amount as saved (normalised: `3,5` is `3.5`), or nothing.
fn amount_text(value: Option<Decimal>) -> String {
    value.map(|d| d.as_str().to_owned()).unwrap_or_default()
}

/// The cooperatives a manager can assess.
pub fn cooperatives(ws: &Workspace) -> impl Iterator<Item = &Unit> {
    ws.units.iter().filter(|u| u.kind.is_cooperative())
}

/// The short form that creates a cooperative; the page reads its inputs by
/// their ids when "Tạo" is pressed.
const CREATE_FORM: &str = "<fieldset class=\"create-coop\"><legend>{Tạo hợp tác xã|Create a cooperative}</legend>\
<label class=\"field\"><span>{Tên hợp tác xã|Cooperative name}</span><input id=\"new-name\" name=\"new:name\" type=\"text\"></label>\
<label class=\"field\"><span>{Mã số HTX|Registration code}</span><input id=\"new-code\" name=\"new:code\" type=\"text\"></label>\
<label class=\"field\"><span>{Số thành viên|Members}</span><input id=\"new-members\" name=\"new:members\" type=\"text\" inputmode=\"numeric\"></label>\
<button type=\"button\" data-action=\"create\">{Tạo|Create}</button></fieldset>";

/// Picking the cooperative, the year, the assessment date and the rule set
/// viewed; or, in a workspace without a cooperative, a short form to
/// create one.
fn pick_form(
    html: &mut Html,
    ws: &Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) {
    if cooperatives(ws).next().is_none() {
        // The year assessed is chosen here too: the new cooperative's
        // figures (its members) are kept under it.
        html.append_text("<div class=\"pick\">");
        year_select(html, ws, year, today, lang);
        html.append_text("</div>");
        html.tr(lang, CREATE_FORM, &[]);
        return;
    }
    html.append_text("<div class=\"pick\">");
    let units: Vec<(&str, &str)> = cooperatives(ws)
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .collect();
    select(
        html,
        lang,
        "Hợp tác xã|Cooperative",
        "unit",
        &units,
        unit_id,
    );
    year_select(html, ws, year, today, lang);
    let saved = find(ws, unit_id, year);
    let date = saved.map_or_else(|| default_date(year, today), |a| a.assessed_on);
    input(
        html,
        lang,
        "Ngày đánh giá|Assessment date",
        "date",
        "date",
        &iso_date(date),
    );
    let in_force = Law::in_force_on(date);
    let viewed = saved.map_or(in_force, Assessment::law);
    html.tr(
        lang,
        "<label class=\"field\"><span>{Bộ quy định|Rule set}</span><select name=\"law\">",
        &[],
    );
    for (law, key) in [(Law::Coop2012, "2012"), (Law::Coop2023, "2023")] {
        let chosen = if law == viewed { " selected=\"\"" } else { "" };
        let status = if law == in_force {
            "{đang có hiệu lực|in force}"
        } else {
            "{chỉ để xem|for viewing}"
        };
        html.tr(
            lang,
            "<option value=\"{}\"{!}>{Luật HTX |}{}{| Law} (",
            &[key, chosen, key],
        )
        .tr(lang, status, &[])
        .append_text(")</option>");
    }
    html.append_text("</select></label></div>");
}

/// The year assessed: the plan's years (one before its start) to this
/// year.
pub fn assessed_years(ws: &Workspace, today: NaiveDate) -> std::ops::RangeInclusive<i32> {
    // The plan's years bounded: a stored plan may never have been checked.
    let (_, start_year, end_year) = ws.plan.bounded_years();
    let last_year = crate::plan::Plan::bounded_year(today.year()).max(end_year);
    start_year - 1..=last_year
}

fn year_select(html: &mut Html, ws: &Workspace, year: i32, today: NaiveDate, lang: Lang) {
    html.tr(
        lang,
        "<label class=\"field\"><span>{Năm đánh giá|Year assessed}</span><select name=\"year\">",
        &[],
    );
    for y in assessed_years(ws, today).rev() {
        let chosen = if y == year { " selected=\"\"" } else { "" };
        html.tr(
            lang,
            "<option value=\"{}\"{!}>{}</option>",
            &[&y.to_string(), chosen, &y.to_string()],
        );
    }
    html.append_text("</select></label>");
}

/// A new assessment's date: 31 March after the year, or today if sooner.
pub fn default_date(year: i32, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 3, 31).map_or(today, |d| d.min(today))
}

/// The facts the automatic checks read that the yearly record lacks.
fn facts_form(html: &mut Html, a: &Assessment, lang: Lang) {
    html.tr(
        lang,
        "<fieldset class=\"facts\"><legend>{Số liệu cho các kiểm tra tự động|Data for the automatic checks}</legend>",
        &[],
    );
    for (name, label) in FACTS {
        let value = a.value(name, "").unwrap_or_default();
        let value = value.as_str();
        let choices = match name {
            "fact:supervisory_board" => [("yes", "Có|Yes"), ("no", "Không|No")],
            "fact:model" => [("full", "Đầy đủ|Full"), ("reduced", "Rút gọn|Reduced")],
            _ => {
                if name == "fact:meeting" {
                    input(html, lang, label, name, "date", value);
                } else if let Some(echo) = typed_echo(name, &shown_number(value, lang), lang) {
                    // An amount: the value as stored beside it, which the
                    // page rewrites as the user types.
                    let id = echo_id(name);
                    html.tr(
                        lang,
                        "<label class=\"field\"><span>{}</span><input name=\"{}\" type=\"text\" inputmode=\"decimal\" value=\"{}\" aria-describedby=\"{}\"><small class=\"echo\" id=\"{}\">{}</small></label>",
                        &[pick2(lang, label), name, &shown_number(value, lang), &id, &id, &echo],
                    );
                } else {
                    input(html, lang, label, name, "text", &shown_number(value, lang));
                }
                continue;
            }
        };
        let [(first, first_text), (second, second_text)] = choices;
        select(
            html,
            lang,
            label,
            name,
            &[
                ("", "—"),
                (first, pick2(lang, first_text)),
                (second, pick2(lang, second_text)),
            ],
            value,
        );
    }
    html.append_text("</fieldset>");
}

/// Opens a table with its caption (none if empty) and column headers
/// (`"vi|en"`).
fn table_head(html: &mut Html, lang: Lang, class: &str, caption: &str, header: &[&str]) {
    html.tr(
        lang,
        "<div class=\"table-scroll\"><table class=\"{}\">",
        &[class],
    );
    if !caption.is_empty() {
        html.tr(lang, "<caption>{}</caption>", &[caption]);
    }
    html.append_text("<thead><tr>");
    for h in header {
        html.tr(lang, "<th scope=\"col\">{}</th>", &[pick2(lang, h)]);
    }
    html.append_text("</tr></thead><tbody>");
}

const TABLE_END: &str = "</tbody></table></div>";

/// The manual rules of the viewed set, each with its answer and a note.
fn answers_form(html: &mut Html, a: &Assessment, lang: Lang) {
    table_head(
        html,
        lang,
        "answers",
        pick2(lang, "Quy định tự trả lời|Rules you answer"),
        &["Quy định|Rule", "Trả lời|Answer", "Ghi chú|Note"],
    );
    let choices = [
        ("", "—"),
        ("yes", pick2(lang, "Có (đạt)|Yes (met)")),
        ("no", pick2(lang, "Không (chưa đạt)|No (not met)")),
        ("na", pick2(lang, "Không áp dụng|Not applicable")),
    ];
    for rule in a.law().rules().rules.iter().filter(|r| !r.is_automatic()) {
        let (answer, note) = (a.answer(rule.id), a.notes.get(rule.id).map(String::as_str));
        html.tr(
            lang,
            "<tr><th scope=\"row\">{}<small class=\"cite\">{}</small></th><td><select name=\"ans:{2}\" aria-label=\"{Trả lời|Answer}: {2}\">",
            &[rule.text.get(lang), rule.citation, rule.id],
        );
        options(html, &choices, answer.map_or("", Answer::key));
        html.tr(
            lang,
            "</select></td><td><input name=\"note:{0}\" type=\"text\" value=\"{1}\" aria-label=\"{Ghi chú|Note}: {0}\"></td></tr>",
            &[rule.id, note.unwrap_or_default()],
        );
    }
    html.append_text(TABLE_END);
}

/// The class and the `"vi|en"` word of an outcome.
fn outcome_word(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Pass => ("ok", "Đạt|Pass"),
        Outcome::Fail => ("fail", "Không đạt|Fail"),
        Outcome::NotApplicable => ("na", "Không áp dụng|N/A"),
        Outcome::Unanswered => ("open", "Chưa rõ|Open"),
    }
}

fn failures(html: &mut Html, results: &[RuleResult], lang: Lang) {
    let mut failed = results
        .iter()
        .filter(|r| r.outcome == Outcome::Fail)
        .peekable();
    if failed.peek().is_none() {
        return;
    }
    html.tr(
        lang,
        "<h4>{Quy định không đạt|Rules failed}</h4><ul class=\"failures\">",
        &[],
    );
    for r in failed {
        html.tr(
            lang,
            "<li>{} — <cite>{}</cite></li>",
            &[r.rule.text.get(lang), r.rule.citation],
        );
    }
    html.append_text("</ul>");
}

/// "3 passed · 1 failed · …" of a checklist.
fn summary_text(summary: &Summary, lang: Lang) -> String {
    say(
        lang,
        "{} {đạt|passed} · {} {không đạt|failed} · {} {chưa trả lời|unanswered} · {} {không áp dụng|not applicable}",
        &[
            &summary.passed.to_string(),
            &summary.failed.to_string(),
            &summary.unanswered.to_string(),
            &summary.not_applicable.to_string(),
        ],
    )
}

/// The checklist's results: every rule with its outcome, the summary, the
/// failures with their citations, and the 2012 reorganisation mark.
fn checklist(html: &mut Html, unit: &Unit, a: &Assessment, lang: Lang) {
    let law = a.law();
    let results = evaluate_in(unit, a, law, lang);
    html.tr(
        lang,
        "<p class=\"summary\" id=\"checklist-summary\">{}</p>",
        &[&summary_text(&Summary::of(&results), lang)],
    );
    failures(html, &results, lang);
    table_head(
        html,
        lang,
        "checklist",
        law.rules().title.get(lang),
        &[
            "Quy định|Rule",
            "Căn cứ|Citation",
            "Cách kiểm tra|Check",
            "Kết quả|Result",
        ],
    );
    for r in &results {
        let unverified = if r.rule.verification == Verification::Verified {
            ""
        } else {
            r.rule.verification.label(lang)
        };
        let how = if r.rule.is_automatic() {
            "Tự động|Automatic"
        } else {
            "Tự trả lời|Answered"
        };
        let (class, word) = outcome_word(r.outcome);
        html.tr(
            lang,
            "<tr><th scope=\"row\">{}<small class=\"unverified\">{}</small></th><td>{}</td><td>{}</td><td><strong class=\"{}\">{}</strong><small>{}</small></td></tr>",
            &[
                r.rule.text.get(lang),
                unverified,
                r.rule.citation,
                pick2(lang, how),
                class,
                pick2(lang, word),
                &r.detail,
            ],
        );
    }
    html.append_text(TABLE_END);

    // Reorganisation under the 2012 law (target T1).
    let s2012 = Summary::of(&evaluate_law(unit, a, Law::Coop2012));
    html.append_text("<div class=\"reorganise\">");
    if let Some(date) = unit.reorganisation.completed_on {
        html.tr(
            lang,
            "<p>{Đã tổ chức lại theo Luật HTX 2012 ngày|Reorganised under the 2012 law on} {}</p>",
            &[&format_date(date, lang)],
        );
    } else if s2012.all_mandatory_pass() {
        html.tr(
            lang,
            "<p>{Đạt mọi quy định bắt buộc của Luật 2012 (chỉ tiêu T1).|Every mandatory 2012 rule passes (target T1).}</p>\
             <button type=\"button\" data-action=\"reorganise\">{Ghi nhận đã tổ chức lại theo Luật 2012|Mark reorganised under the 2012 law}</button>",
            &[],
        );
    } else {
        html.tr(
            lang,
            "<p class=\"muted\">{Chưa thể ghi nhận tổ chức lại theo Luật 2012|Cannot be marked reorganised under the 2012 law yet} ({} {không đạt|failed}, {} {chưa rõ|open})</p>",
            &[
                &s2012.mandatory_failed.to_string(),
                &s2012.mandatory_unanswered.to_string(),
            ],
        );
    }
    html.append_text("</div>");
}

/// Marks the unit reorganised under the 2012 law on `on`, if every
/// mandatory 2012 rule passes for its assessment of `year`.
pub fn mark_reorganised(ws: &mut Workspace, unit_id: &str, year: i32, on: NaiveDate) -> bool {
    let passes = match (ws.unit(unit_id), find(ws, unit_id, year)) {
        (Some(unit), Some(a)) => {
            Summary::of(&evaluate_law(unit, a, Law::Coop2012)).all_mandatory_pass()
        }
        _ => false,
    };
    if !passes {
        return false;
    }
    let Some(unit) = ws.units.iter_mut().find(|u| u.id == unit_id) else {
        return false;
    };
    unit.reorganisation.required = true;
    unit.reorganisation.completed_on = Some(on);
    true
}

/// A figure of the yearly record.
type Field = fn(&YearRecord) -> &Option<Decimal>;

/// The record's amounts shown beside criteria 1 to 4 (millions of VND).
const AMOUNTS: [(u8, &str, Field); 6] = [
    (1, "Tổng nguồn vốn|Total capital", |r| {
        &r.total_capital
    }),
    (2, "Tài sản không chia|Indivisible assets", |r| {
        &r.indivisible_assets
    }),
    (3, "Doanh thu|Revenue", |r| &r.revenue),
    (3, "Lợi nhuận trước thuế|Pre-tax profit", |r| {
        &r.pre_tax_profit
    }),
    (4, "Quỹ ĐTPT|Development fund", |r| &r.development_fund),
    (4, "Quỹ dự phòng|Reserve fund", |r| &r.reserve_fund),
];

/// What the yearly record says beside a criterion, if anything.
fn figures(criterion: u8, record: Option<&YearRecord>, lang: Lang) -> String {
    let Some(record) = record else {
        return String::new();
    };
    let mut parts = Vec::new();
    for (number, label, field) in AMOUNTS {
        if let (true, Some(amount)) = (number == criterion, field(record)) {
            parts.push(say(
                lang,
                "{}: {} {triệu đồng|million VND}",
                &[pick2(lang, label), &format_decimal(amount, lang)],
            ));
        }
    }
    if criterion == 7 {
        if let Some((college, vocational)) = manager_qualification_shares(record) {
            parts.push(say(
                lang,
                "{Cán bộ quản lý chủ chốt|Key managers}: {} {đại học, cao đẳng|university or college}; {} {sơ cấp, trung cấp|elementary or intermediate}",
                &[
                    &format_percent(college, 0, lang),
                    &format_percent(vocational, 0, lang),
                ],
            ));
        }
    }
    if let (12, Some(share)) = (criterion, &record.non_member_supply_percent) {
        parts.push(say(
            lang,
            "{Cung ứng ra ngoài thành viên|Supplied to non-members}: {}%",
            &[&format_decimal(share, lang)],
        ));
    }
    parts.join("; ")
}

/// The scoring form: months operated and stopped, then every item of the
/// rubric the assessment was scored with, its maximum, the data beside the
/// criteria the record informs, and the unverified maxima as inputs.
fn scores_form(html: &mut Html, unit: &Unit, a: &Assessment, lang: Lang) {
    html.append_text("<div class=\"months\">");
    for (label, name) in [
        (
            "Số tháng hoạt động trong năm|Months operating in the year",
            "months_operated",
        ),
        ("Số tháng ngừng hoạt động|Months stopped", "months_stopped"),
    ] {
        let value = a.value(name, "").unwrap_or_default();
        input(html, lang, label, name, "number", &value);
    }
    html.append_text("</div>");
    let Some(rubric) = rubric(&a.rubric_version) else {
        html.tr(
            lang,
            "<p class=\"field-error\">{Không biết phiên bản thang điểm|Unknown rubric version} {}</p>",
            &[&a.rubric_version],
        );
        return;
    };
    let record = unit.record(a.year);
    table_head(
        html,
        lang,
        "scores",
        &format!("{} ({})", rubric.source, rubric.version),
        &[
            "Tiêu chí|Criterion",
            "Mục chấm|Item",
            "Điểm|Points",
            "Tối đa|Max",
        ],
    );
    for group in rubric.groups {
        html.tr(
            lang,
            "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"4\">{Nhóm|Group} {} · {}</th></tr>",
            &[roman(group.number), group.name.get(lang)],
        );
        for criterion in group.criteria {
            let items = criterion.scoring_items();
            let number = criterion.number.to_string();
            let max = effective_max(a, criterion);
            for (i, item) in items.iter().enumerate() {
                html.append_text("<tr>");
                if i == 0 {
                    let unverified = if criterion.verification == Verification::Unverified {
                        "{⚠ điểm tối đa chưa kiểm chứng — sửa được|⚠ maximum unverified — editable}"
                    } else {
                        ""
                    };
                    html.tr(
                        lang,
                        "<th scope=\"row\" rowspan=\"{}\">{}. {}<small class=\"unverified\">",
                        &[&items.len().to_string(), &number, criterion.name.get(lang)],
                    )
                    .tr(lang, unverified, &[])
                    .tr(
                        lang,
                        "</small><small class=\"figures\">{}</small></th>",
                        &[&figures(criterion.number, record, lang)],
                    );
                }
                let item_max = if item.editable { max } else { item.max }.to_string();
                // A criterion without sub-items is named in its row head.
                let name = if item.editable || criterion.items.is_empty() {
                    ""
                } else {
                    item.name.get(lang)
                };
                let value = shown_number(&a.value("score:", item.id).unwrap_or_default(), lang);
                let value = value.as_str();
                html.tr(
                    lang,
                    "<td>{}</td><td><input name=\"score:{1}\" type=\"text\" inputmode=\"decimal\" class=\"score\" value=\"{2}\" aria-label=\"{Điểm|Points} {1} ({tối đa|max} {3})\"></td><td class=\"num\">",
                    &[name, item.id, value, &item_max],
                );
                if item.editable {
                    html.tr(
                        lang,
                        "<input name=\"max:{0}\" type=\"number\" min=\"1\" max=\"100\" class=\"max\" value=\"{1}\" aria-label=\"{Điểm tối đa tiêu chí|Maximum of criterion} {0}\">",
                        &[&number, &item_max],
                    );
                } else {
                    html.text(&item_max);
                }
                html.append_text("</td></tr>");
            }
        }
    }
    html.append_text(TABLE_END);
}

fn roman(number: u8) -> &'static str {
    ["", "I", "II", "III", "IV"]
        .get(usize::from(number))
        .copied()
        .unwrap_or("?")
}

/// The grade, the "not graded" reason or how many items are left.
pub fn outcome_text(c: &Classification, lang: Lang) -> String {
    let text = match c.outcome {
        GradeOutcome::Graded(grade) => grade.label(lang),
        GradeOutcome::NotGraded(NotGraded::OperatedUnderTwelveMonths) => pick2(
            lang,
            "Không xếp loại (hoạt động dưới 12 tháng)|Not graded (operated under 12 months)",
        ),
        GradeOutcome::NotGraded(NotGraded::StoppedOverThreeMonths) => pick2(
            lang,
            "Không xếp loại (ngừng hoạt động quá 3 tháng)|Not graded (stopped over 3 months)",
        ),
        GradeOutcome::Incomplete => return say(
            lang,
            "{Chưa đủ điểm để xếp loại|Not all items scored} ({}/{} {mục đã chấm|items scored})",
            &[&c.scored_items.to_string(), &c.total_items.to_string()],
        ),
    };
    text.to_owned()
}

/// The classification: total, grade, size class, the criteria against last
/// year, and the radar chart by group.
fn classification(html: &mut Html, ws: &Workspace, unit: &Unit, a: &Assessment, lang: Lang) {
    let Some(c) = classify(a) else {
        return;
    };
    let previous = find(ws, &unit.id, a.year - 1).and_then(classify);
    let size = match unit.record(a.year).and_then(|r| r.members) {
        Some(m) => say(
            lang,
            "{} ({} {thành viên|members})",
            &[SizeClass::of_members(m).label(lang), &m.to_string()],
        ),
        None => pick2(lang, "chưa có số thành viên|no member count").to_owned(),
    };
    html.tr(
        lang,
        "<dl class=\"figures-list\" id=\"grade\"><dt>{Tổng điểm|Total}</dt><dd>{} / {}</dd><dt>{Xếp loại|Grade}</dt><dd><strong>{}</strong></dd><dt>{Quy mô|Size class}</dt><dd>{}</dd>",
        &[
            &points(c.total, lang),
            &points(c.max_total, lang),
            &outcome_text(&c, lang),
            &size,
        ],
    );
    if let Some(p) = &previous {
        html.tr(
            lang,
            "<dt>{Năm|Year} {}</dt><dd>{} · {}</dd>",
            &[
                &(a.year - 1).to_string(),
                &points(p.total, lang),
                &outcome_text(p, lang),
            ],
        );
    }
    html.append_text("</dl>");
    if !c.invalid_items.is_empty() {
        html.tr(
            lang,
            "<p class=\"field-error\">{Điểm vượt tối đa, không tính|Scores above their maximum, not counted}: {}</p>",
            &[&c.invalid_items.join(", ")],
        );
    }
    // The points by criterion, against last year, are in the report.
    radar(html, &c, previous.as_ref(), a.year, lang);
}

/// Points by criterion for `year`, against the year before when given.
fn criteria_table(
    html: &mut Html,
    c: &Classification,
    previous: Option<&Classification>,
    year: i32,
    lang: Lang,
) {
    const NUM: &str = "<th scope=\"col\" class=\"num\">{}</th>";
    html.tr(
        lang,
        "<div class=\"table-scroll\"><table class=\"criteria\"><caption>{Điểm theo tiêu chí|Points by criterion}</caption><thead><tr><th scope=\"col\">{Tiêu chí|Criterion}</th>",
        &[],
    )
    .tr(lang, NUM, &[&year.to_string()]);
    if previous.is_some() {
        html.tr(lang, NUM, &[&(year - 1).to_string()]);
    }
    html.tr(lang, NUM, &[pick2(lang, "Tối đa|Max")])
        .append_text("</tr></thead><tbody>");
    let shown = |s: Option<i64>| s.map_or("—".to_owned(), |s| points(s, lang));
    for ct in &c.criteria {
        html.tr(
            lang,
            "<tr><th scope=\"row\">{}. {}</th><td class=\"num\">{}</td>",
            &[&ct.number.to_string(), ct.name.get(lang), &shown(ct.score)],
        );
        if let Some(p) = previous {
            let before = p.criteria.iter().find(|x| x.number == ct.number);
            html.tr(
                lang,
                "<td class=\"num\">{}</td>",
                &[&shown(before.and_then(|x| x.score))],
            );
        }
        html.tr(
            lang,
            "<td class=\"num\">{}</td></tr>",
            &[&points(ct.max, lang)],
        );
    }
    html.append_text(TABLE_END);
}

const RADAR: f64 = 110.0;
const CENTRE: f64 = 150.0;

/// The axes of the four groups: up, right, down, left. A table rather than
/// sines and cosines, which would add the maths library to the download.
const AXES: [(f64, f64); 4] = [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)];

fn polygon(c: &Classification) -> String {
    let mut out = String::new();
    for (g, (dx, dy)) in c.groups.iter().zip(AXES) {
        let share = if g.max > 0 {
            (g.score as f64 / g.max as f64).clamp(0.0, 1.0)
        } else {
            0.0
        };
        out.push_str(&format!(
            "{:.1},{:.1} ",
            CENTRE + RADAR * share * dx,
            CENTRE + RADAR * share * dy
        ));
    }
    out
}

/// The radar chart's title, in its heading and its caption.
macro_rules! radar_title {
    () => {
        "{Tỷ lệ điểm theo nhóm tiêu chí|Share of points by criterion group}"
    };
}

/// A radar chart of the four group shares, this year over last year's.
fn radar(
    html: &mut Html,
    c: &Classification,
    previous: Option<&Classification>,
    year: i32,
    lang: Lang,
) {
    html.tr(
        lang,
        concat!(
            "<figure class=\"chart radar\"><svg viewBox=\"0 0 300 300\" role=\"img\" aria-labelledby=\"radar-title radar-desc\"><title id=\"radar-title\">",
            radar_title!(),
            "</title><desc id=\"radar-desc\">"
        ),
        &[],
    );
    for g in &c.groups {
        html.tr(
            lang,
            "{Nhóm|Group} {}: {}/{}; ",
            &[
                roman(g.number),
                &points(g.score, lang),
                &points(g.max, lang),
            ],
        );
    }
    html.append_text(
        "</desc><g class=\"chart-grid\" fill=\"none\"><circle cx=\"150\" cy=\"150\" r=\"27.5\"></circle><circle cx=\"150\" cy=\"150\" r=\"55\"></circle>\
         <circle cx=\"150\" cy=\"150\" r=\"82.5\"></circle><circle cx=\"150\" cy=\"150\" r=\"110\"></circle>\
         <line x1=\"150\" y1=\"40\" x2=\"150\" y2=\"260\"></line><line x1=\"40\" y1=\"150\" x2=\"260\" y2=\"150\"></line></g>\
         <g class=\"chart-label\" text-anchor=\"middle\"><text x=\"150\" y=\"22\">I</text><text x=\"282\" y=\"154\">II</text>\
         <text x=\"150\" y=\"286\">III</text><text x=\"18\" y=\"154\">IV</text></g>",
    );
    for (class, classification) in [("radar-previous", previous), ("radar-current", Some(c))] {
        if let Some(classification) = classification {
            html.tr(
                lang,
                "<polygon class=\"{}\" points=\"{}\"></polygon>",
                &[class, &polygon(classification)],
            );
        }
    }
    let years = [year.to_string(), (year - 1).to_string()];
    html.tr(
        lang,
        if previous.is_some() {
            concat!(
                "</svg><figcaption>",
                radar_title!(),
                ": {} ({nền đậm|solid}) · {} ({nét đứt|dashed})</figcaption></figure>"
            )
        } else {
            concat!(
                "</svg><figcaption>",
                radar_title!(),
                ": {}</figcaption></figure>"
            )
        },
        &[&years[0], &years[1]],
    );
}

/// A grade's key in forms and files.
pub fn grade_key(grade: Grade) -> &'static str {
    match grade {
        Grade::Excellent => "excellent",
        Grade::Good => "good",
        Grade::Average => "average",
        Grade::Weak => "weak",
    }
}

fn grade_from_key(key: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| grade_key(*g) == key)
}

/// The workspace's exemplary criteria as a form.
fn exemplary_form(html: &mut Html, criteria: &ExemplaryCriteria, lang: Lang) {
    html.tr(
        lang,
        "<fieldset class=\"exemplary-criteria\"><legend>{Điều kiện điển hình (sửa được)|Exemplary criteria (editable)}</legend>",
        &[],
    );
    let mut grades = vec![("", pick2(lang, "Không xét|Not asked"))];
    grades.extend(Grade::ALL.map(|g| (grade_key(g), g.label(lang))));
    select(
        html,
        lang,
        "Xếp loại năm đánh giá từ|Grade in the year at least",
        "ex:latest",
        grades.get(1..).unwrap_or_default(),
        grade_key(criteria.latest_grade),
    );
    select(
        html,
        lang,
        "Xếp loại năm trước từ|Grade the year before at least",
        "ex:previous",
        &grades,
        criteria.previous_grade.map_or("", grade_key),
    );
    input(
        html,
        lang,
        "Số năm có lãi liền (0: không xét)|Profitable years running (0: not asked)",
        "ex:years",
        "number",
        &criteria.profitable_years.to_string(),
    );
    select(
        html,
        lang,
        "Tuân thủ mọi quy định bắt buộc|Every mandatory legal rule passed",
        "ex:compliance",
        &[
            ("true", pick2(lang, "Có|Yes")),
            ("false", pick2(lang, "Không xét|Not asked")),
        ],
        if criteria.require_compliance {
            "true"
        } else {
            "false"
        },
    );
    html.append_text("</fieldset>");
}

/// Readiness: each condition met or what is missing.
fn readiness_part(html: &mut Html, ws: &Workspace, unit: &Unit, year: i32, lang: Lang) {
    let r = readiness(
        ws,
        unit,
        year,
        &ExemplaryCriteria::of(&ws.exemplary_criteria),
        lang,
    );
    let verdict = if r.is_ready() {
        "{Sẵn sàng đề xuất điển hình tiên tiến (ứng viên chỉ tiêu T8).|Ready to be put forward as exemplary (a T8 candidate).}"
    } else {
        "{Chưa sẵn sàng đề xuất điển hình tiên tiến.|Not yet ready to be put forward as exemplary.}"
    };
    html.append_text("<p class=\"summary\" id=\"readiness-verdict\">")
        .tr(lang, verdict, &[])
        .append_text("</p><ul class=\"conditions\">");
    for c in &r.conditions {
        if c.met {
            html.tr(
                lang,
                "<li class=\"ok\"><strong>✓ </strong>{}</li>",
                &[&c.text],
            );
        } else {
            html.tr(
                lang,
                "<li class=\"fail\"><strong>✗ </strong>{} — {}</li>",
                &[&c.text, &c.detail],
            );
        }
    }
    html.append_text("</ul>");
}

/// The action plan as a table: editable (the page's form) or as text (the
/// printed report). Each item sits under the gap it answers.
fn actions_table(html: &mut Html, unit: &Unit, a: &Assessment, lang: Lang, editable: bool) {
    let found = gaps(unit, a);
    let (class, caption) = if editable {
        ("actions", pick2(lang, "Kế hoạch hành động|Action plan"))
    } else {
        ("action-plan", "")
    };
    table_head(
        html,
        lang,
        class,
        caption,
        &[
            "Điểm cần khắc phục|Gap",
            "Hành động|Action",
            "Người phụ trách|Owner",
            "Hạn|Due",
            "Tình trạng|Status",
        ],
    );
    let statuses: Vec<(&str, &str)> = ActionStatus::ALL
        .iter()
        .map(|s| (s.key(), s.label(lang)))
        .collect();
    for (i, item) in a.actions().iter().enumerate() {
        let gap = gap_text(&found, &item.source, lang);
        let id = item.id.to_string();
        if editable {
            let due = item.due.map(iso_date).unwrap_or_default();
            html.tr(
                lang,
                "<tr><th scope=\"row\">{0}</th>\
                 <td><input name=\"act:{1}:action\" type=\"text\" value=\"{2}\" aria-label=\"{Hành động|Action} {5}\"></td>\
                 <td><input name=\"act:{1}:owner\" type=\"text\" value=\"{3}\" aria-label=\"{Người phụ trách|Owner} {5}\"></td>\
                 <td><input name=\"act:{1}:due\" type=\"date\" value=\"{4}\" aria-label=\"{Hạn|Due} {5}\"></td>\
                 <td><select name=\"act:{1}:status\" aria-label=\"{Tình trạng|Status} {5}\">",
                &[
                    &gap,
                    &id,
                    &item.action,
                    &item.owner,
                    &due,
                    &(i + 1).to_string(),
                ],
            );
            options(html, &statuses, item.status.key());
            html.append_text("</select></td></tr>");
        } else {
            let due = item.due.map(|d| format_date(d, lang)).unwrap_or_default();
            html.tr(
                lang,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                &[
                    &gap,
                    &item.action,
                    &item.owner,
                    &due,
                    item.status.label(lang),
                ],
            );
        }
    }
    html.append_text(TABLE_END);
}

/// The action items as a form: action, owner, due date and status, each
/// under the gap it answers.
fn actions_form(html: &mut Html, unit: &Unit, a: &Assessment, lang: Lang) {
    // Here, in a form written again only when its shape changes, and not
    // in the gaps' text written after every edit: a click right after
    // typing a score first commits the score (its `change`), which
    // rewrites the results; a button there would be replaced between the
    // press and the release, and the click lost.
    html.tr(
        lang,
        "<button type=\"button\" class=\"propose\" data-action=\"propose\">{Đưa các hành động đề xuất vào kế hoạch|Add the proposed actions to the plan}</button>",
        &[],
    );
    if a.actions().is_empty() {
        html.tr(
            lang,
            "<p class=\"muted\">{Chưa có hành động nào trong kế hoạch.|No action in the plan yet.}</p>",
            &[],
        );
    } else {
        actions_table(html, unit, a, lang, true);
    }
}

fn gap_text(found: &[Gap], source: &str, lang: Lang) -> String {
    found.iter().find(|g| g.source == source).map_or_else(
        || say(lang, "{} ({đã khắc phục|no longer a gap})", &[source]),
        |g| g.description(lang),
    )
}

/// The gaps that have no action yet, each with the action proposed.
fn gaps_part(html: &mut Html, unit: &Unit, a: &Assessment, lang: Lang) {
    let actions = a.actions();
    let open: Vec<Gap> = gaps(unit, a)
        .into_iter()
        .filter(|g| !actions.iter().any(|x| x.source == g.source))
        .collect();
    if open.is_empty() {
        html.tr(
            lang,
            "<p class=\"muted\">{Mọi điểm cần khắc phục đã có hành động.|Every gap has an action.}</p>",
            &[],
        );
        return;
    }
    // Each proposal shows in the plan once added, where it can be edited;
    // the button that adds them is in the actions form below.
    html.tr(
        lang,
        "<p>{} {điểm cần khắc phục chưa có hành động.|gaps without an action.}</p>",
        &[&open.len().to_string()],
    );
}

/// The one-page A4 report: name, code, year, scores by criterion, grade,
/// checklist failures with citations and the action plan.
fn report(
    html: &mut Html,
    unit: &Unit,
    a: &Assessment,
    previous: Option<&Classification>,
    lang: Lang,
) {
    let code = if unit.registration_code.is_empty() {
        "—"
    } else {
        &unit.registration_code
    };
    html.tr(
        lang,
        "<article class=\"assessment-report\" aria-labelledby=\"report-title\"><h2 id=\"report-title\">{Báo cáo tự đánh giá năm|Self-assessment report} {} — {}</h2>\
         <p>{Mã số|Code}: {} · {Ngày đánh giá|Assessed on}: {} · {Thang điểm|Rubric}: {}</p>",
        &[
            &a.year.to_string(),
            &unit.name,
            code,
            &format_date(a.assessed_on, lang),
            &a.rubric_version,
        ],
    );
    if unit.kind == UnitKind::Qtdnd {
        credit_fund_notice(html, lang);
    } else if let Some(c) = classify(a) {
        html.tr(
            lang,
            "<p class=\"report-grade\">{Tổng điểm|Total}: {} / {} · {Xếp loại|Grade}: {}</p>",
            &[
                &points(c.total, lang),
                &points(c.max_total, lang),
                &outcome_text(&c, lang),
            ],
        );
        criteria_table(html, &c, previous, a.year, lang);
    }
    let results = evaluate(unit, a);
    html.tr(
        lang,
        "<h3>{} — {}</h3>",
        &[
            a.law().rules().title.get(lang),
            &summary_text(&Summary::of(&results), lang),
        ],
    );
    failures(html, &results, lang);
    html.tr(lang, "<h3>{Kế hoạch hành động|Action plan}</h3>", &[]);
    if a.actions.is_empty() {
        html.tr(lang, "<p>{Chưa có hành động.|No action yet.}</p>", &[]);
    } else {
        actions_table(html, unit, a, lang, false);
    }
    html.append_text("</article>");
}

/// The page's parts as HTML text, one by one (the page writes them into
/// its regions with [`region`]).
pub fn pick_form_html(
    ws: &Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let mut html = Html::new();
    pick_form(&mut html, ws, unit_id, year, today, lang);
    html.into_string()
}

pub fn facts_form_html(a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    facts_form(&mut html, a, lang);
    html.into_string()
}

pub fn answers_form_html(a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    answers_form(&mut html, a, lang);
    html.into_string()
}

pub fn checklist_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    checklist(&mut html, unit, a, lang);
    html.into_string()
}

pub fn scores_form_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    scores_form(&mut html, unit, a, lang);
    html.into_string()
}

pub fn classification_html(ws: &Workspace, unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    classification(&mut html, ws, unit, a, lang);
    html.into_string()
}

pub fn exemplary_form_html(criteria: &ExemplaryCriteria, lang: Lang) -> String {
    let mut html = Html::new();
    exemplary_form(&mut html, criteria, lang);
    html.into_string()
}

pub fn readiness_html(ws: &Workspace, unit: &Unit, year: i32, lang: Lang) -> String {
    let mut html = Html::new();
    readiness_part(&mut html, ws, unit, year, lang);
    html.into_string()
}

pub fn actions_form_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    actions_form(&mut html, unit, a, lang);
    html.into_string()
}

pub fn gaps_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    gaps_part(&mut html, unit, a, lang);
    html.into_string()
}

pub fn report_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    report(&mut html, unit, a, None, lang);
    html.into_string()
}

/// What the user typed is not valid; the message says why.
pub type ApplyError = String;

/// An amount as the page's language writes it ([`crate::number`]:
/// "3,5" in Vietnamese, "3.5" in English). Saved assessments are read back
/// in English, which their plain form ("3.5") is.
fn parse_opt_decimal(value: &str, lang: Lang) -> Result<Option<Decimal>, ApplyError> {
    let convention = Convention::of(lang);
    number::parse_decimal(value, convention).map_err(|e| e.message(convention).get(lang).to_owned())
}

/// A whole number, not negative, as the page's language writes it.
fn parse_opt_int(value: &str, lang: Lang) -> Result<Option<u32>, ApplyError> {
    let convention = Convention::of(lang);
    match number::parse_whole(value, convention) {
        Ok(None) => Ok(None),
        Ok(Some(n)) => u32::try_from(n).map(Some).map_err(|_| {
            pick2(lang, "Không phải số nguyên không âm|Not a whole number").to_owned()
        }),
        Err(e) => Err(e.message(convention).get(lang).to_owned()),
    }
}

/// The id of the element that shows an amount fact as stored.
pub fn echo_id(name: &str) -> String {
    format!("echo-{}", name.replace(':', "-"))
}

/// What shows beside an amount fact typed as `value`: the value as it
/// will be stored, in the page's format and unit ("= 1.250,5 triệu
/// đồng"), empty when there is none or it cannot be read; `None` for a
/// control that is not an amount.
pub fn typed_echo(name: &str, value: &str, lang: Lang) -> Option<String> {
    let unit = match name {
        "fact:capital_share" => "%",
        "fact:income" => lang.pick(" triệu đồng", " million VND"),
        // The allocations are in the unit the income is given in.
        "fact:development" | "fact:reserve" | "fact:external_income" | "fact:indivisible" => "",
        _ => return None,
    };
    let convention = Convention::of(lang);
    Some(match number::parse_decimal(value, convention) {
        Ok(Some(amount)) => format!("= {}{unit}", number::write_decimal(&amount, convention)),
        _ => String::new(),
    })
}

/// A saved number ("3.5") as the page's language writes it ("3,5"); other
/// text as it is.
fn shown_number(value: &str, lang: Lang) -> String {
    match number::parse_plain(value, Convention::PLAIN) {
        Ok(Some(plain)) => number::write_plain(&plain, Convention::of(lang)),
        _ => value.to_owned(),
    }
}

fn parse_opt_date(value: &str, lang: Lang) -> Result<Option<NaiveDate>, ApplyError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_iso(value)
        .or_else(|| crate::format::parse_date(value))
        .map(Some)
        .ok_or_else(|| pick2(lang, "Không phải ngày|Not a date").to_owned())
}

/// The exemplary criteria's field `field` (`latest`, `previous`, `years`,
/// `compliance`) set from its control's value; also how saved criteria are
/// read back ([`super::stored`]).
pub fn set_exemplary(
    c: &mut ExemplaryCriteria,
    field: &str,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    match field {
        "latest" => c.latest_grade = grade_from_key(value).unwrap_or(c.latest_grade),
        "previous" => c.previous_grade = grade_from_key(value),
        "years" => c.profitable_years = parse_opt_int(value, lang)?.unwrap_or(0).min(10),
        "compliance" => c.require_compliance = value == "true",
        _ => {}
    }
    Ok(())
}

/// Sets one of the workspace's exemplary criteria: checked as
/// [`ExemplaryCriteria::of`] reads it, saved as typed (`none` for "not
/// asked", where no entry means the default).
pub fn set_exemplary_entry(
    ws: &mut Workspace,
    field: &str,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    set_exemplary(&mut ExemplaryCriteria::default(), field, value, lang)?;
    let value = match value.trim() {
        "" => "none",
        value => value,
    };
    super::set_entry(&mut ws.exemplary_criteria, field, value);
    Ok(())
}

/// Applies one edit from the page to the assessment of `unit_id` for
/// `year` (created on the first edit, dated `today`), or to the workspace's
/// exemplary criteria. Unknown names change nothing.
pub fn apply(
    ws: &mut Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    name: &str,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    if let Some(field) = name.strip_prefix("ex:") {
        return set_exemplary_entry(ws, field, value, lang);
    }
    if ws.unit(unit_id).is_none() {
        return Ok(());
    }
    // Edited on a copy and saved only if the entry is valid, so a bad
    // first entry leaves no empty assessment behind.
    let mut a = find_or_new(ws, unit_id, year, default_date(year, today));
    if let (Some(item), false) = (name.strip_prefix("score:"), value.trim().is_empty()) {
        let max = item_max(&a, item).ok_or_else(|| "?".to_owned())?;
        let convention = Convention::of(lang);
        let plain = number::parse_plain(value, convention)
            .map_err(|e| e.message(convention).get(lang).to_owned())?
            .unwrap_or_default();
        parse_score(&plain, max).map_err(|e| e.message(lang))?;
    }
    set_field(&mut a, name, value, lang)?;
    store(ws, a);
    Ok(())
}

/// Sets the field of an assessment that a control's `name` names (see the
/// module's documentation) from its value as typed, checked and normalised
/// (`3,5` is kept as `3.5`); also how a saved assessment is read back
/// ([`super::stored`]). Scores are not checked against their maxima here
/// ([`apply`] does). Unknown names change nothing.
pub fn set_field(
    a: &mut Assessment,
    name: &str,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    let value = value.trim();
    let (kind, key) = name.split_once(':').unwrap_or((name, ""));
    let stored = match (kind, key) {
        ("date", _) => {
            a.assessed_on = parse_opt_date(value, lang)?.unwrap_or(a.assessed_on);
            return Ok(());
        }
        ("law", _) => {
            let law = if value == "2012" {
                Law::Coop2012
            } else {
                Law::Coop2023
            };
            a.law = (law != Law::in_force_on(a.assessed_on)).then_some(law);
            return Ok(());
        }
        ("months_operated" | "months_stopped", _) => {
            count_text(parse_opt_int(value, lang)?.map(|m| m.min(12)))
        }
        ("max", _) => {
            let max = parse_opt_int(value, lang)?;
            if max.is_some_and(|m| !(1..=100).contains(&m)) {
                return Err(
                    pick2(lang, "Điểm tối đa từ 1 đến 100|A maximum is 1 to 100").to_owned(),
                );
            }
            let rubric_max = CURRENT_RUBRIC
                .criterion(
                    super::int(key)
                        .and_then(|n| u8::try_from(n).ok())
                        .unwrap_or(0),
                )
                .map(|c| c.max);
            count_text(max.filter(|m| Some(*m) != rubric_max))
        }
        ("fact", "board_size" | "official_members") => count_text(parse_opt_int(value, lang)?),
        ("fact", "meeting") => parse_opt_date(value, lang)?
            .map(iso_date)
            .unwrap_or_default(),
        ("fact", "supervisory_board" | "model") | ("ans" | "note", _) => value.to_owned(),
        ("fact", _) if FACTS.iter().any(|f| f.0 == name) => {
            amount_text(parse_opt_decimal(value, lang)?)
        }
        ("score", _) => amount_text(parse_opt_decimal(value, lang)?),
        ("act", _) => {
            // `act:<id>:<field>`: the action is found by its id, never by
            // its place in the list.
            let (id, field) = key.split_once(':').unwrap_or_default();
            let id = super::action_id(id);
            let known = id.is_some_and(|id| a.actions().iter().any(|x| x.id == id));
            match field {
                // A saved action: its gap first, then its fields.
                "source" if id.is_some() && !known => {
                    if !["rule:", "criterion:", "manager:"]
                        .iter()
                        .any(|kind| value.starts_with(kind))
                    {
                        return Err(pick2(lang, "Không rõ|Unknown").to_owned());
                    }
                    value.to_owned()
                }
                "due" if known => parse_opt_date(value, lang)?
                    .map(iso_date)
                    .unwrap_or_default(),
                "action" | "owner" | "status" if known => value.to_owned(),
                _ => return Ok(()),
            }
        }
        _ => return Ok(()),
    };
    a.set(name, &stored);
    Ok(())
}

/// Adds an action for every gap that has none yet; how many were added.
pub fn propose_actions(
    ws: &mut Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> usize {
    let Some(unit) = ws.unit(unit_id) else {
        return 0;
    };
    let mut a = find_or_new(ws, unit_id, year, default_date(year, today));
    let added = add_missing_actions(unit, &mut a, lang);
    store(ws, a);
    added
}

/// Creates a cooperative from the short form; returns its id.
pub fn create_cooperative(
    ws: &mut Workspace,
    name: &str,
    code: &str,
    members: &str,
    year: i32,
    lang: Lang,
) -> Result<String, ApplyError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(pick2(lang, "Cần tên hợp tác xã|A name is needed").to_owned());
    }
    let members = parse_opt_int(members, lang)?.map(i64::from);
    let id = (1..)
        .map(|n| format!("htx-{n}"))
        .find(|id| ws.unit(id).is_none())
        .unwrap_or_default();
    let mut unit = Unit::new(id.clone(), name, UnitKind::Htx);
    unit.registration_code = code.trim().to_owned();
    unit.years.push(YearRecord {
        year,
        members,
        ..YearRecord::default()
    });
    ws.units.push(unit);
    Ok(id)
}

/// The page's regions, in order. The page shows each in its own element:
/// forms are rewritten only when their shape changes (so that typing keeps
/// focus), results after every edit.
pub const REGIONS: usize = 11;

/// Whether region `index` holds controls (see [`REGIONS`]).
pub fn is_form(index: usize) -> bool {
    matches!(index, 0 | 2 | 4 | 6 | 9)
}

/// The region of the alert message.
pub const MESSAGE_REGION: usize = 1;

/// The alert that says why the last entry was refused.
pub fn message_html(message: &str, lang: Lang) -> String {
    let mut html = Html::new();
    html.tr(
        lang,
        "<p class=\"field-error assessment-message\" role=\"alert\">{}</p>",
        &[message],
    );
    html.into_string()
}

/// People's credit funds are not graded under TT 01/2020: the issue that
/// asked for this cites its Art. 1.2.c, which leaves them to the State
/// Bank's rules. The Circular's text is not in the app's reference copy,
/// so the citation is shown as not verified.
fn credit_fund_notice(html: &mut Html, lang: Lang) {
    html.tr(
        lang,
        "<p class=\"notice\" id=\"credit-fund-not-graded\">{Quỹ tín dụng nhân dân không xếp loại theo Thông tư 01/2020/TT-BKHĐT: việc phân loại quỹ tín dụng nhân dân theo quy định của Ngân hàng Nhà nước Việt Nam (Điều 1 khoản 2 điểm c của Thông tư — <em>chưa kiểm chứng</em> với văn bản gốc).|People's credit funds are not graded under Circular 01/2020/TT-BKHĐT: they are classified under the State Bank of Vietnam's rules (the Circular's Art. 1.2.c — <em>not verified</em> against the original text).}</p>",
        &[],
    );
}

/// Region `index` of the page for the cooperative `unit_id` and `year`:
/// the headings, forms and results in reading order (the alert, region
/// [`MESSAGE_REGION`], is [`message_html`]).
pub fn region(
    ws: &Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    lang: Lang,
    index: usize,
) -> String {
    let mut html = Html::new();
    let h = &mut html;
    // The heading of each region that has one.
    let heading = match index {
        0 => "<h1 id=\"assessment-title\">{Tự đánh giá hợp tác xã|Cooperative self-assessment}</h1>",
        2 => "<h2 id=\"checklist-title\">{1. Tuân thủ pháp luật|1. Legal compliance}</h2>",
        4 => "<h2 id=\"scores-title\">{2. Xếp loại (Thông tư 01/2020/TT-BKHĐT)|2. Classification (Circular 01/2020/TT-BKHĐT)}</h2>",
        6 => "<h2 id=\"exemplary-title\">{3. Sẵn sàng điển hình tiên tiến|3. Exemplary readiness}</h2>",
        8 => "<h2 id=\"actions-title\">{4. Kế hoạch hành động|4. Action plan}</h2>",
        10 => "<div class=\"report-section\"><h2 id=\"print-title\">{5. Báo cáo (một trang A4)|5. Report (one A4 page)}</h2>\
               <button type=\"button\" data-action=\"print\">{In báo cáo|Print the report}</button>",
        _ => "",
    };
    let unit = ws.unit(unit_id);
    // Without a cooperative only the create form and the criteria show.
    if unit.is_none() && index != 0 && index != 6 {
        return String::new();
    }
    h.tr(lang, heading, &[]);
    let blank;
    let a = match find(ws, unit_id, year) {
        Some(a) => a,
        None => {
            blank = Assessment::new(unit_id, year, default_date(year, today));
            &blank
        }
    };
    match (index, unit) {
        (0, _) => pick_form(h, ws, unit_id, year, today, lang),
        (6, _) => exemplary_form(h, &ExemplaryCriteria::of(&ws.exemplary_criteria), lang),
        (2, _) => {
            facts_form(h, a, lang);
            answers_form(h, a, lang);
        }
        (3, Some(unit)) => checklist(h, unit, a, lang),
        (4, Some(unit)) if unit.kind == UnitKind::Qtdnd => credit_fund_notice(h, lang),
        (5, Some(unit)) if unit.kind == UnitKind::Qtdnd => {}
        (4, Some(unit)) => scores_form(h, unit, a, lang),
        (5, Some(unit)) => classification(h, ws, unit, a, lang),
        (7, Some(unit)) => readiness_part(h, ws, unit, year, lang),
        (8, Some(unit)) => gaps_part(h, unit, a, lang),
        (9, Some(unit)) => actions_form(h, unit, a, lang),
        (_, Some(unit)) => {
            let previous = find(ws, unit_id, year - 1).and_then(classify);
            report(h, unit, a, previous.as_ref(), lang);
            h.append_text("</div>");
        }
        _ => {}
    }
    html.into_string()
}
