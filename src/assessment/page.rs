//! The self-assessment page as text: its forms described and written as
//! HTML, the edits they send applied by name, and every result (checklist,
//! classification, radar chart, readiness, action plan, printable report)
//! written as HTML for the page to show whole.
//!
//! Each distinct Leptos view adds to the download; HTML text costs almost
//! nothing and is tested natively. The page keeps one delegated handler
//! that hands `(name, value)` of the control that changed to [`apply`].
//! Control names: `date`, `law`, `fact:<field>`, `ans:<rule>`,
//! `note:<rule>`, `months_operated`, `months_stopped`, `score:<item>`,
//! `max:<criterion>`, `act:<index>:<action|owner|due|status>`,
//! `ex:<latest|previous|years|compliance>`, `new:<name|code|members>`.

use chrono::{Datelike, NaiveDate};

use super::action_plan::{add_missing_actions, gaps, ActionStatus, GapSource};
use super::classification::{
    classify, effective_max, manager_qualification_shares, parse_score, Classification,
    GradeOutcome, NotGraded, CURRENT_RUBRIC,
};
use super::exemplary::{readiness, ExemplaryCriteria};
use super::legal_rules::{evaluate, evaluate_law, Law, Outcome, RuleResult, Summary};
use super::{find, find_or_create, Answer, Assessment, GovernanceModel, Grade, SizeClass};
use crate::decimal::Decimal;
use crate::format::{format_date, format_decimal, format_number, format_percent, iso_date};
use crate::html::Html;
use crate::i18n::Lang;
use crate::iso_date::parse_iso;
use crate::unit::{Unit, UnitKind, YearRecord};
use crate::workspace::Workspace;

/// Points kept in hundredths, shown with decimals only where needed.
pub fn points(hundredths: i64, lang: Lang) -> String {
    let decimals = if hundredths % 100 == 0 { 0 } else { 2 };
    format_number(hundredths as f64 / 100.0, decimals, lang)
}

/// A labelled input; `kind` is an `<input type>`.
fn input(html: &mut Html, label: &str, name: &str, kind: &str, value: &str) {
    html.fill(
        "<label class=\"field\"><span>{}</span><input name=\"{}\" type=\"{}\" value=\"{}\"></label>",
        &[label, name, kind, value],
    );
}

/// The `<option>`s of a select, `selected` chosen.
fn options(html: &mut Html, options: &[(&str, &str)], selected: &str) {
    for (value, text) in options {
        let chosen = if *value == selected {
            " selected=\"\""
        } else {
            ""
        };
        html.fill("<option value=\"{}\"", &[value])
            .append_text(chosen)
            .fill(">{}</option>", &[text]);
    }
}

fn select(html: &mut Html, label: &str, name: &str, choices: &[(&str, &str)], selected: &str) {
    html.fill(
        "<label class=\"field\"><span>{}</span><select name=\"{}\">",
        &[label, name],
    );
    options(html, choices, selected);
    html.append_text("</select></label>");
}

fn opt_text<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(T::to_string).unwrap_or_default()
}

/// The cooperatives a manager can assess.
pub fn cooperatives(ws: &Workspace) -> impl Iterator<Item = &Unit> {
    ws.units.iter().filter(|u| u.kind.is_cooperative())
}

/// Picking the cooperative, the year, the assessment date and the rule set
/// viewed; or, in a workspace without a cooperative, a short form to
/// create one.
pub fn pick_form_html(
    ws: &Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let mut html = Html::new();
    if cooperatives(ws).next().is_none() {
        html.fill(
            "<fieldset class=\"create-coop\"><legend>{}</legend><p>{}</p>",
            &[
                lang.pick("Tạo hợp tác xã", "Create a cooperative"),
                lang.pick(
                    "Không gian làm việc chưa có hợp tác xã nào. Nhập vài thông tin để bắt đầu tự đánh giá.",
                    "The workspace has no cooperative yet. Enter a few facts to start the self-assessment.",
                ),
            ],
        );
        input(
            &mut html,
            lang.pick("Tên hợp tác xã", "Cooperative name"),
            "new:name",
            "text",
            "",
        );
        input(
            &mut html,
            lang.pick("Mã số HTX", "Registration code"),
            "new:code",
            "text",
            "",
        );
        input(
            &mut html,
            lang.pick("Số thành viên", "Members"),
            "new:members",
            "number",
            "",
        );
        html.fill(
            "<button type=\"button\" data-action=\"create\">{}</button></fieldset>",
            &[lang.pick("Tạo", "Create")],
        );
        return html.into_string();
    }
    html.append_text("<div class=\"pick\">");
    let units: Vec<(&str, &str)> = cooperatives(ws)
        .map(|u| (u.id.as_str(), u.name.as_str()))
        .collect();
    select(
        &mut html,
        lang.pick("Hợp tác xã", "Cooperative"),
        "unit",
        &units,
        unit_id,
    );
    let last = today.year().max(ws.plan.end_year);
    let years: Vec<String> = (ws.plan.start_year - 1..=last)
        .rev()
        .map(|y| y.to_string())
        .collect();
    let years: Vec<(&str, &str)> = years.iter().map(|y| (y.as_str(), y.as_str())).collect();
    select(
        &mut html,
        lang.pick("Năm đánh giá", "Year assessed"),
        "year",
        &years,
        &year.to_string(),
    );
    let saved = find(ws, unit_id, year);
    let date = saved.map_or_else(|| default_date(year, today), |a| a.assessed_on);
    input(
        &mut html,
        lang.pick("Ngày đánh giá", "Assessment date"),
        "date",
        "date",
        &iso_date(date),
    );
    let in_force = Law::in_force_on(date);
    let viewed = saved.map_or(in_force, Assessment::law);
    let label = |law: Law, name: &str| {
        let note = if law == in_force {
            lang.pick("đang có hiệu lực", "in force")
        } else {
            lang.pick("chỉ để xem", "for viewing")
        };
        format!("{name} ({note})")
    };
    let l2012 = label(Law::Coop2012, lang.pick("Luật HTX 2012", "2012 Law"));
    let l2023 = label(Law::Coop2023, lang.pick("Luật HTX 2023", "2023 Law"));
    let viewed_key = if viewed == Law::Coop2012 {
        "2012"
    } else {
        "2023"
    };
    select(
        &mut html,
        lang.pick("Bộ quy định", "Rule set"),
        "law",
        &[("2012", &l2012), ("2023", &l2023)],
        viewed_key,
    );
    html.append_text("</div>");
    html.into_string()
}

/// A new assessment's date: 31 March after the year, or today if sooner.
pub fn default_date(year: i32, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 3, 31).map_or(today, |d| d.min(today))
}

/// The facts the automatic checks read that the yearly record lacks.
pub fn facts_form_html(a: &Assessment, lang: Lang) -> String {
    let f = &a.facts;
    let mut html = Html::new();
    html.fill(
        "<fieldset class=\"facts\"><legend>{}</legend>",
        &[lang.pick(
            "Số liệu cho các kiểm tra tự động",
            "Data for the automatic checks",
        )],
    );
    input(
        &mut html,
        lang.pick("Số thành viên HĐQT", "Board members"),
        "fact:board_size",
        "text",
        &opt_text(&f.board_size),
    );
    let board = match f.has_supervisory_board {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    select(
        &mut html,
        lang.pick("Có ban kiểm soát", "Supervisory board"),
        "fact:supervisory_board",
        &[
            ("", "—"),
            ("yes", lang.pick("Có", "Yes")),
            ("no", lang.pick("Không", "No")),
        ],
        board,
    );
    let model = match f.governance_model {
        Some(GovernanceModel::Full) => "full",
        Some(GovernanceModel::Reduced) => "reduced",
        None => "",
    };
    select(
        &mut html,
        lang.pick(
            "Mô hình quản trị (Luật 2023)",
            "Governance model (2023 law)",
        ),
        "fact:model",
        &[
            ("", "—"),
            ("full", lang.pick("Đầy đủ", "Full")),
            ("reduced", lang.pick("Rút gọn", "Reduced")),
        ],
        model,
    );
    input(
        &mut html,
        lang.pick("Ngày đại hội thường niên", "Annual meeting date"),
        "fact:meeting",
        "date",
        &f.annual_meeting_on.map(iso_date).unwrap_or_default(),
    );
    let amounts = [
        (
            "fact:capital_share",
            lang.pick(
                "Vốn góp lớn nhất của một thành viên (%)",
                "Largest member's capital share (%)",
            ),
            &f.largest_member_capital_percent,
        ),
        (
            "fact:income",
            lang.pick(
                "Thu nhập để trích quỹ (triệu đồng)",
                "Income to allocate (million VND)",
            ),
            &f.income_for_allocation,
        ),
        (
            "fact:development",
            lang.pick("Trích quỹ đầu tư phát triển", "Development fund allocated"),
            &f.development_fund_allocated,
        ),
        (
            "fact:reserve",
            lang.pick("Trích quỹ dự phòng tài chính", "Reserve fund allocated"),
            &f.reserve_fund_allocated,
        ),
        (
            "fact:external_income",
            lang.pick(
                "Thu nhập từ giao dịch bên ngoài",
                "Income from external transactions",
            ),
            &f.external_income,
        ),
        (
            "fact:indivisible",
            lang.pick("Trích quỹ chung không chia", "Indivisible fund allocated"),
            &f.indivisible_fund_allocated,
        ),
    ];
    for (name, label, value) in amounts {
        input(&mut html, label, name, "text", &opt_text(value));
    }
    html.append_text("</fieldset>");
    html.into_string()
}

fn answer_label(answer: Answer, lang: Lang) -> &'static str {
    match answer {
        Answer::Yes => lang.pick("Có (đạt)", "Yes (met)"),
        Answer::No => lang.pick("Không (chưa đạt)", "No (not met)"),
        Answer::NotApplicable => lang.pick("Không áp dụng", "Not applicable"),
    }
}

/// Opens a table with its caption and column headers.
fn table_head(html: &mut Html, class: &str, caption: &str, header: &[&str]) {
    html.fill(
        "<div class=\"table-scroll\"><table class=\"{}\"><caption>{}</caption><thead><tr>",
        &[class, caption],
    );
    for h in header {
        html.fill("<th scope=\"col\">{}</th>", &[h]);
    }
    html.append_text("</tr></thead><tbody>");
}

const TABLE_END: &str = "</tbody></table></div>";

/// The manual rules of the viewed set, each with its answer and a note.
pub fn answers_form_html(a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    let (answer_word, note_word) = (lang.pick("Trả lời", "Answer"), lang.pick("Ghi chú", "Note"));
    table_head(
        &mut html,
        "answers",
        lang.pick("Quy định tự trả lời", "Rules you answer"),
        &[lang.pick("Quy định", "Rule"), answer_word, note_word],
    );
    let choices = [
        ("", "—"),
        ("yes", answer_label(Answer::Yes, lang)),
        ("no", answer_label(Answer::No, lang)),
        ("na", answer_label(Answer::NotApplicable, lang)),
    ];
    for rule in a.law().rules().rules.iter().filter(|r| !r.is_automatic()) {
        let (answer, note) = a.answer(rule.id).unwrap_or((None, ""));
        html.fill(
            "<tr><th scope=\"row\">{}<small class=\"cite\">{}</small></th><td><select name=\"ans:{}\" aria-label=\"{}: {}\">",
            &[rule.text.get(lang), rule.citation, rule.id, answer_word, rule.id],
        );
        options(&mut html, &choices, answer.map_or("", Answer::key));
        html.fill(
            "</select></td><td><input name=\"note:{}\" type=\"text\" value=\"{}\" aria-label=\"{}: {}\"></td></tr>",
            &[rule.id, note, note_word, rule.id],
        );
    }
    html.append_text(TABLE_END);
    html.into_string()
}

fn outcome_label(outcome: Outcome, lang: Lang) -> &'static str {
    match outcome {
        Outcome::Pass => lang.pick("Đạt", "Pass"),
        Outcome::Fail => lang.pick("Không đạt", "Fail"),
        Outcome::NotApplicable => lang.pick("Không áp dụng", "N/A"),
        Outcome::Unanswered => lang.pick("Chưa rõ", "Open"),
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "ok",
        Outcome::Fail => "fail",
        Outcome::NotApplicable => "na",
        Outcome::Unanswered => "open",
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
    html.fill(
        "<h4>{}</h4><ul class=\"failures\">",
        &[lang.pick("Quy định không đạt", "Rules failed")],
    );
    for r in failed {
        html.fill(
            "<li>{} — <cite>{}</cite></li>",
            &[r.rule.text.get(lang), r.rule.citation],
        );
    }
    html.append_text("</ul>");
}

/// "3 passed · 1 failed · …" of a checklist.
fn summary_text(summary: &Summary, lang: Lang) -> String {
    format!(
        "{} {} · {} {} · {} {} · {} {}",
        summary.passed,
        lang.pick("đạt", "passed"),
        summary.failed,
        lang.pick("không đạt", "failed"),
        summary.unanswered,
        lang.pick("chưa trả lời", "unanswered"),
        summary.not_applicable,
        lang.pick("không áp dụng", "not applicable"),
    )
}

/// The checklist's results: every rule with its outcome, the summary, the
/// failures with their citations, and the 2012 reorganisation mark.
pub fn checklist_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let results = evaluate(unit, a);
    let mut html = Html::new();
    html.fill(
        "<p class=\"summary\" id=\"checklist-summary\">{}</p>",
        &[&summary_text(&Summary::of(&results), lang)],
    );
    failures(&mut html, &results, lang);
    table_head(
        &mut html,
        "checklist",
        a.law().rules().title.get(lang),
        &[
            lang.pick("Quy định", "Rule"),
            lang.pick("Căn cứ", "Citation"),
            lang.pick("Cách kiểm tra", "Check"),
            lang.pick("Kết quả", "Result"),
        ],
    );
    for r in &results {
        let verification = if r.rule.verification == super::Verification::Verified {
            String::new()
        } else {
            format!("({})", r.rule.verification.label(lang))
        };
        let how = if r.rule.is_automatic() {
            lang.pick("Tự động", "Automatic")
        } else {
            lang.pick("Tự trả lời", "Answered")
        };
        html.fill(
            "<tr><th scope=\"row\">{}<small class=\"unverified\">{}</small></th><td>{}</td><td>{}</td><td><strong class=\"{}\">{}</strong><small>{}</small></td></tr>",
            &[
                r.rule.text.get(lang),
                &verification,
                r.rule.citation,
                how,
                outcome_class(r.outcome),
                outcome_label(r.outcome, lang),
                r.detail.get(lang),
            ],
        );
    }
    html.append_text(TABLE_END);

    // Reorganisation under the 2012 law (target T1).
    let s2012 = Summary::of(&evaluate_law(unit, a, Law::Coop2012));
    html.append_text("<div class=\"reorganise\">");
    if let Some(date) = unit.reorganisation.completed_on {
        html.fill(
            "<p>{} {}</p>",
            &[
                lang.pick(
                    "Đã tổ chức lại theo Luật HTX 2012 ngày",
                    "Reorganised under the 2012 law on",
                ),
                &format_date(date, lang),
            ],
        );
    } else if s2012.all_mandatory_pass() {
        html.fill(
            "<p>{}</p><button type=\"button\" data-action=\"reorganise\">{}</button>",
            &[
                lang.pick(
                    "Mọi quy định bắt buộc của Luật HTX 2012 đều đạt: có thể ghi nhận HTX đã tổ chức lại (tính vào chỉ tiêu T1).",
                    "Every mandatory rule of the 2012 law passes: the cooperative can be marked as reorganised (counts towards T1).",
                ),
                lang.pick("Ghi nhận đã tổ chức lại theo Luật 2012", "Mark reorganised under the 2012 law"),
            ],
        );
    } else {
        html.fill(
            "<p class=\"muted\">{} ({} {}, {} {})</p>",
            &[
                lang.pick(
                    "Chưa thể ghi nhận tổ chức lại theo Luật 2012",
                    "Cannot be marked reorganised under the 2012 law yet",
                ),
                &s2012.mandatory_failed.to_string(),
                lang.pick("không đạt", "failed"),
                &s2012.mandatory_unanswered.to_string(),
                lang.pick("chưa rõ", "open"),
            ],
        );
    }
    html.append_text("</div>");
    html.into_string()
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

/// What the yearly record says beside a criterion, if anything.
fn figures(criterion: u8, record: Option<&YearRecord>, lang: Lang) -> Option<String> {
    let record = record?;
    let money = |d: &Option<Decimal>| d.as_ref().map(|d| format_decimal(d, lang));
    let m = lang.pick("triệu đồng", "million VND");
    let text = match criterion {
        1 => money(&record.total_capital)
            .map(|v| format!("{}: {v} {m}", lang.pick("Tổng nguồn vốn", "Total capital"))),
        2 => money(&record.indivisible_assets).map(|v| {
            format!(
                "{}: {v} {m}",
                lang.pick("Tài sản không chia", "Indivisible assets")
            )
        }),
        3 => {
            let parts: Vec<String> = [
                money(&record.revenue)
                    .map(|v| format!("{}: {v} {m}", lang.pick("Doanh thu", "Revenue"))),
                money(&record.pre_tax_profit).map(|v| {
                    format!(
                        "{}: {v} {m}",
                        lang.pick("Lợi nhuận trước thuế", "Pre-tax profit")
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        4 => {
            let parts: Vec<String> = [
                money(&record.development_fund)
                    .map(|v| format!("{}: {v}", lang.pick("Quỹ ĐTPT", "Development fund"))),
                money(&record.reserve_fund)
                    .map(|v| format!("{}: {v}", lang.pick("Quỹ dự phòng", "Reserve fund"))),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty()).then(|| format!("{} ({m})", parts.join("; ")))
        }
        7 => manager_qualification_shares(record).map(|(college, vocational)| {
            format!(
                "{}: {} {}; {} {}",
                lang.pick("Cán bộ quản lý chủ chốt", "Key managers"),
                format_percent(college, 0, lang),
                lang.pick("đại học, cao đẳng", "university or college"),
                format_percent(vocational, 0, lang),
                lang.pick("sơ cấp, trung cấp", "elementary or intermediate"),
            )
        }),
        12 => record.non_member_supply_percent.as_ref().map(|p| {
            format!(
                "{}: {}%",
                lang.pick("Cung ứng ra ngoài thành viên", "Supplied to non-members"),
                format_decimal(p, lang)
            )
        }),
        _ => None,
    };
    text
}

/// The scoring form: months operated and stopped, then every item of the
/// rubric the assessment was scored with, its maximum, the data beside the
/// criteria the record informs, and the unverified maxima as inputs.
pub fn scores_form_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    html.append_text("<div class=\"months\">");
    input(
        &mut html,
        lang.pick(
            "Số tháng hoạt động trong năm",
            "Months operating in the year",
        ),
        "months_operated",
        "number",
        &opt_text(&a.months_operated),
    );
    input(
        &mut html,
        lang.pick("Số tháng ngừng hoạt động", "Months stopped"),
        "months_stopped",
        "number",
        &opt_text(&a.months_stopped),
    );
    html.append_text("</div>");
    let Some(rubric) = super::classification::rubric(&a.rubric_version) else {
        html.fill(
            "<p class=\"field-error\">{} {}</p>",
            &[
                lang.pick("Không biết phiên bản thang điểm", "Unknown rubric version"),
                &a.rubric_version,
            ],
        );
        return html.into_string();
    };
    let record = unit.record(a.year);
    let (points_word, max_word) = (lang.pick("Điểm", "Points"), lang.pick("tối đa", "max"));
    table_head(
        &mut html,
        "scores",
        &format!("{} ({})", rubric.source, rubric.version),
        &[
            lang.pick("Tiêu chí", "Criterion"),
            lang.pick("Mục chấm", "Item"),
            points_word,
            lang.pick("Tối đa", "Max"),
        ],
    );
    for group in rubric.groups {
        html.fill(
            "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"4\">{} {} · {}</th></tr>",
            &[
                lang.pick("Nhóm", "Group"),
                roman(group.number),
                group.name.get(lang),
            ],
        );
        for criterion in group.criteria {
            let items = criterion.scoring_items();
            let max = effective_max(a, criterion);
            for (i, item) in items.iter().enumerate() {
                html.append_text("<tr>");
                if i == 0 {
                    let unverified = if criterion.verification == super::Verification::Unverified {
                        lang.pick(
                            "⚠ điểm tối đa chưa kiểm chứng — sửa được",
                            "⚠ maximum unverified — editable",
                        )
                    } else {
                        ""
                    };
                    let data = figures(criterion.number, record, lang).unwrap_or_default();
                    html.fill(
                        "<th scope=\"row\" rowspan=\"{}\">{}. {}<small class=\"unverified\">{}</small><small class=\"figures\">{}</small></th>",
                        &[
                            &items.len().to_string(),
                            &criterion.number.to_string(),
                            criterion.name.get(lang),
                            unverified,
                            &data,
                        ],
                    );
                }
                let item_max = if item.editable { max } else { item.max }.to_string();
                // A criterion without sub-items is named in its row head.
                let name = if item.editable || criterion.items.is_empty() {
                    ""
                } else {
                    item.name.get(lang)
                };
                let value = a.score(item.id).map(|d| d.to_string()).unwrap_or_default();
                html.fill(
                    "<td>{}</td><td><input name=\"score:{}\" type=\"text\" inputmode=\"decimal\" class=\"score\" value=\"{}\" aria-label=\"{} {} ({} {})\"></td><td class=\"num\">",
                    &[name, item.id, &value, points_word, item.id, max_word, &item_max],
                );
                if item.editable {
                    html.fill(
                        "<input name=\"max:{}\" type=\"number\" min=\"1\" max=\"100\" class=\"max\" value=\"{}\" aria-label=\"{} {}\">",
                        &[
                            &criterion.number.to_string(),
                            &item_max,
                            lang.pick("Điểm tối đa tiêu chí", "Maximum of criterion"),
                            &criterion.number.to_string(),
                        ],
                    );
                } else {
                    html.text(&item_max);
                }
                html.append_text("</td></tr>");
            }
        }
    }
    html.append_text(TABLE_END);
    html.into_string()
}

fn roman(number: u8) -> &'static str {
    ["", "I", "II", "III", "IV"]
        .get(usize::from(number))
        .copied()
        .unwrap_or("?")
}

/// The grade, the "not graded" reason or how many items are left.
pub fn outcome_text(c: &Classification, lang: Lang) -> String {
    match c.outcome {
        GradeOutcome::Graded(grade) => grade.label(lang).to_owned(),
        GradeOutcome::NotGraded(NotGraded::OperatedUnderTwelveMonths) => lang
            .pick(
                "Không xếp loại (hoạt động dưới 12 tháng)",
                "Not graded (operated under 12 months)",
            )
            .to_owned(),
        GradeOutcome::NotGraded(NotGraded::StoppedOverThreeMonths) => lang
            .pick(
                "Không xếp loại (ngừng hoạt động quá 3 tháng)",
                "Not graded (stopped over 3 months)",
            )
            .to_owned(),
        GradeOutcome::Incomplete => format!(
            "{} ({}/{} {})",
            lang.pick("Chưa đủ điểm để xếp loại", "Not all items scored"),
            c.scored_items,
            c.total_items,
            lang.pick("mục đã chấm", "items scored")
        ),
    }
}

/// The classification: total, grade, size class, the criteria against last
/// year, and the radar chart by group.
pub fn classification_html(ws: &Workspace, unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    let Some(c) = classify(a) else {
        return html.into_string();
    };
    let previous = find(ws, &unit.id, a.year - 1).and_then(classify);
    let size = unit.record(a.year).and_then(|r| r.members).map_or_else(
        || {
            lang.pick("chưa có số thành viên", "no member count")
                .to_owned()
        },
        |m| {
            format!(
                "{} ({m} {})",
                SizeClass::of_members(m).label(lang),
                lang.pick("thành viên", "members")
            )
        },
    );
    html.fill(
        "<dl class=\"figures-list\" id=\"grade\"><dt>{}</dt><dd>{} / {}</dd><dt>{}</dt><dd><strong>{}</strong></dd><dt>{}</dt><dd>{}</dd>",
        &[
            lang.pick("Tổng điểm", "Total"),
            &points(c.total, lang),
            &points(c.max_total, lang),
            lang.pick("Xếp loại", "Grade"),
            &outcome_text(&c, lang),
            lang.pick("Quy mô", "Size class"),
            &size,
        ],
    );
    if let Some(p) = &previous {
        html.fill(
            "<dt>{} {}</dt><dd>{} · {}</dd>",
            &[
                lang.pick("Năm", "Year"),
                &(a.year - 1).to_string(),
                &points(p.total, lang),
                &outcome_text(p, lang),
            ],
        );
    }
    html.append_text("</dl>");
    if !c.invalid_items.is_empty() {
        html.fill(
            "<p class=\"field-error\">{}: {}</p>",
            &[
                lang.pick(
                    "Điểm vượt tối đa, không tính",
                    "Scores above their maximum, not counted",
                ),
                &c.invalid_items.join(", "),
            ],
        );
    }
    html.append_text("<div class=\"columns\">");
    radar(&mut html, &c, previous.as_ref(), a.year, lang);
    // Criteria against last year.
    let mut header = vec![
        lang.pick("Tiêu chí", "Criterion").to_owned(),
        a.year.to_string(),
    ];
    if previous.is_some() {
        header.push((a.year - 1).to_string());
    }
    header.push(lang.pick("Tối đa", "Max").to_owned());
    let shown = |s: Option<i64>| s.map_or("—".to_owned(), |s| points(s, lang));
    let rows: Vec<Vec<String>> = c
        .criteria
        .iter()
        .map(|ct| {
            let mut row = vec![
                format!("{}. {}", ct.number, ct.name.get(lang)),
                shown(ct.score),
            ];
            if let Some(p) = &previous {
                let before = p.criteria.iter().find(|x| x.number == ct.number);
                row.push(shown(before.and_then(|x| x.score)));
            }
            row.push(points(ct.max, lang));
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let numeric: Vec<usize> = (1..header.len()).collect();
    html.append_text("<div>");
    crate::html::table(
        &mut html,
        Some("criteria"),
        Some(lang.pick("Điểm theo tiêu chí", "Points by criterion")),
        &header,
        &rows,
        &numeric,
    );
    html.append_text("</div></div>");
    html.into_string()
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

/// A radar chart of the four group shares, this year over last year's.
fn radar(
    html: &mut Html,
    c: &Classification,
    previous: Option<&Classification>,
    year: i32,
    lang: Lang,
) {
    let title = lang.pick(
        "Tỷ lệ điểm theo nhóm tiêu chí",
        "Share of points by criterion group",
    );
    let group = lang.pick("Nhóm", "Group");
    let desc: Vec<String> = c
        .groups
        .iter()
        .map(|g| {
            format!(
                "{group} {}: {}/{}",
                roman(g.number),
                points(g.score, lang),
                points(g.max, lang)
            )
        })
        .collect();
    html.fill(
        "<figure class=\"chart radar\"><svg viewBox=\"0 0 300 300\" role=\"img\" aria-labelledby=\"radar-title radar-desc\"><title id=\"radar-title\">{}</title><desc id=\"radar-desc\">{}</desc>\
         <circle class=\"chart-grid\" cx=\"150\" cy=\"150\" r=\"27.5\" fill=\"none\"></circle><circle class=\"chart-grid\" cx=\"150\" cy=\"150\" r=\"55\" fill=\"none\"></circle>\
         <circle class=\"chart-grid\" cx=\"150\" cy=\"150\" r=\"82.5\" fill=\"none\"></circle><circle class=\"chart-grid\" cx=\"150\" cy=\"150\" r=\"110\" fill=\"none\"></circle>\
         <line class=\"chart-grid\" x1=\"150\" y1=\"40\" x2=\"150\" y2=\"260\"></line><line class=\"chart-grid\" x1=\"40\" y1=\"150\" x2=\"260\" y2=\"150\"></line>\
         <text class=\"chart-label\" x=\"150\" y=\"22\" text-anchor=\"middle\">I</text><text class=\"chart-label\" x=\"282\" y=\"154\" text-anchor=\"middle\">II</text>\
         <text class=\"chart-label\" x=\"150\" y=\"286\" text-anchor=\"middle\">III</text><text class=\"chart-label\" x=\"18\" y=\"154\" text-anchor=\"middle\">IV</text>",
        &[title, &desc.join("; ")],
    );
    if let Some(p) = previous {
        html.fill(
            "<polygon class=\"radar-previous\" points=\"{}\"></polygon>",
            &[&polygon(p)],
        );
    }
    html.fill(
        "<polygon class=\"radar-current\" points=\"{}\"></polygon></svg>",
        &[&polygon(c)],
    );
    let legend = match previous {
        Some(_) => format!(
            "{title}: {year} ({}) · {} ({})",
            lang.pick("nền đậm", "solid"),
            year - 1,
            lang.pick("nét đứt", "dashed")
        ),
        None => format!("{title}: {year}"),
    };
    html.fill("<figcaption>{}</figcaption></figure>", &[&legend]);
}

fn grade_options(lang: Lang) -> [(&'static str, &'static str); 4] {
    [
        ("excellent", Grade::Excellent.label(lang)),
        ("good", Grade::Good.label(lang)),
        ("average", Grade::Average.label(lang)),
        ("weak", Grade::Weak.label(lang)),
    ]
}

fn grade_key(grade: Grade) -> &'static str {
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
pub fn exemplary_form_html(criteria: &ExemplaryCriteria, lang: Lang) -> String {
    let mut html = Html::new();
    html.fill(
        "<fieldset class=\"exemplary-criteria\"><legend>{}</legend>",
        &[lang.pick(
            "Điều kiện điển hình (sửa được)",
            "Exemplary criteria (editable)",
        )],
    );
    let grades = grade_options(lang);
    select(
        &mut html,
        lang.pick("Xếp loại năm đánh giá từ", "Grade in the year at least"),
        "ex:latest",
        &grades,
        grade_key(criteria.latest_grade),
    );
    let mut previous = vec![("", lang.pick("Không xét", "Not asked"))];
    previous.extend(grades);
    select(
        &mut html,
        lang.pick("Xếp loại năm trước từ", "Grade the year before at least"),
        "ex:previous",
        &previous,
        criteria.previous_grade.map_or("", grade_key),
    );
    input(
        &mut html,
        lang.pick(
            "Số năm có lãi liền (0: không xét)",
            "Profitable years running (0: not asked)",
        ),
        "ex:years",
        "number",
        &criteria.profitable_years.to_string(),
    );
    let checked = if criteria.require_compliance {
        " checked=\"\""
    } else {
        ""
    };
    html.append_text("<label class=\"inline\"><input name=\"ex:compliance\" type=\"checkbox\"")
        .append_text(checked)
        .fill(
            ">{}</label></fieldset>",
            &[lang.pick(
                "Tuân thủ mọi quy định bắt buộc",
                "Every mandatory legal rule passed",
            )],
        );
    html.into_string()
}

/// Readiness: each condition met or what is missing.
pub fn readiness_html(ws: &Workspace, unit: &Unit, year: i32, lang: Lang) -> String {
    let r = readiness(ws, unit, year, &ws.exemplary_criteria);
    let mut html = Html::new();
    let verdict = if r.is_ready() {
        lang.pick(
            "Sẵn sàng đề xuất điển hình tiên tiến: hợp tác xã xuất hiện trong danh sách ứng viên của chỉ tiêu T8.",
            "Ready to be put forward as exemplary: the cooperative appears among T8's candidates.",
        )
    } else {
        lang.pick(
            "Chưa sẵn sàng đề xuất điển hình tiên tiến.",
            "Not yet ready to be put forward as exemplary.",
        )
    };
    html.fill(
        "<p class=\"summary\" id=\"readiness-verdict\">{}</p><ul class=\"conditions\">",
        &[verdict],
    );
    for c in &r.conditions {
        let (class, mark, detail) = if c.met {
            ("ok", "✓", String::new())
        } else {
            ("fail", "✗", format!(" — {}", c.detail.get(lang)))
        };
        html.fill(
            "<li class=\"{}\"><strong>{} </strong>{}{}</li>",
            &[class, mark, c.text.get(lang), &detail],
        );
    }
    html.append_text("</ul>");
    html.into_string()
}

/// The action items as a form: action, owner, due date and status, each
/// under the gap it answers.
pub fn actions_form_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    if a.actions.is_empty() {
        html.fill(
            "<p class=\"muted\">{}</p>",
            &[lang.pick(
                "Chưa có hành động nào trong kế hoạch.",
                "No action in the plan yet.",
            )],
        );
        return html.into_string();
    }
    let found = gaps(unit, a);
    let words = [
        lang.pick("Điểm cần khắc phục", "Gap"),
        lang.pick("Hành động", "Action"),
        lang.pick("Người phụ trách", "Owner"),
        lang.pick("Hạn", "Due"),
        lang.pick("Tình trạng", "Status"),
    ];
    table_head(
        &mut html,
        "actions",
        lang.pick("Kế hoạch hành động", "Action plan"),
        &words,
    );
    let statuses: Vec<(&str, &str)> = ActionStatus::ALL
        .iter()
        .map(|s| (s.key(), s.label(lang)))
        .collect();
    for (i, item) in a.actions.iter().enumerate() {
        let n = i.to_string();
        let shown = (i + 1).to_string();
        let due = item.due.map(iso_date).unwrap_or_default();
        html.fill(
            "<tr><th scope=\"row\">{}</th>\
             <td><input name=\"act:{}:action\" type=\"text\" value=\"{}\" aria-label=\"{} {}\"></td>\
             <td><input name=\"act:{}:owner\" type=\"text\" value=\"{}\" aria-label=\"{} {}\"></td>\
             <td><input name=\"act:{}:due\" type=\"date\" value=\"{}\" aria-label=\"{} {}\"></td>\
             <td><select name=\"act:{}:status\" aria-label=\"{} {}\">",
            &[
                &gap_text(&found, &item.source, lang),
                &n,
                &item.action,
                words[1],
                &shown,
                &n,
                &item.owner,
                words[2],
                &shown,
                &n,
                &due,
                words[3],
                &shown,
                &n,
                words[4],
                &shown,
            ],
        );
        options(&mut html, &statuses, item.status.key());
        html.append_text("</select></td></tr>");
    }
    html.append_text(TABLE_END);
    html.into_string()
}

fn gap_text(found: &[super::action_plan::Gap], source: &GapSource, lang: Lang) -> String {
    found.iter().find(|g| &g.source == source).map_or_else(
        || {
            format!(
                "{} ({})",
                source.key(),
                lang.pick("đã khắc phục", "no longer a gap")
            )
        },
        |g| g.description.get(lang).to_owned(),
    )
}

/// The gaps that have no action yet, each with the action proposed.
pub fn gaps_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let open: Vec<_> = gaps(unit, a)
        .into_iter()
        .filter(|g| !a.actions.iter().any(|x| x.source == g.source))
        .collect();
    let mut html = Html::new();
    if open.is_empty() {
        html.fill(
            "<p class=\"muted\">{}</p>",
            &[lang.pick(
                "Mọi điểm cần khắc phục đã có hành động.",
                "Every gap has an action.",
            )],
        );
        return html.into_string();
    }
    html.fill(
        "<p>{} {}</p><ul>",
        &[
            &open.len().to_string(),
            lang.pick(
                "điểm cần khắc phục chưa có hành động:",
                "gaps without an action:",
            ),
        ],
    );
    for g in &open {
        html.fill(
            "<li>{} → <em>{}</em></li>",
            &[g.description.get(lang), g.proposal.get(lang)],
        );
    }
    html.fill(
        "</ul><button type=\"button\" data-action=\"propose\">{}</button>",
        &[lang.pick(
            "Đưa các hành động đề xuất vào kế hoạch",
            "Add the proposed actions to the plan",
        )],
    );
    html.into_string()
}

/// The one-page A4 report: name, code, year, scores by criterion, grade,
/// checklist failures with citations and the action plan.
pub fn report_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    html.open(
        "article",
        &[
            ("class", Some("assessment-report")),
            ("aria-labelledby", Some("report-title")),
        ],
    );
    html.element(
        "h2",
        &[("id", Some("report-title"))],
        &format!(
            "{} {} — {}",
            lang.pick("Báo cáo tự đánh giá năm", "Self-assessment report"),
            a.year,
            unit.name
        ),
    );
    let code = if unit.registration_code.is_empty() {
        "—"
    } else {
        &unit.registration_code
    };
    html.element(
        "p",
        &[],
        &format!(
            "{}: {code} · {}: {} · {}: {}",
            lang.pick("Mã số", "Code"),
            lang.pick("Ngày đánh giá", "Assessed on"),
            format_date(a.assessed_on, lang),
            lang.pick("Thang điểm", "Rubric"),
            a.rubric_version
        ),
    );
    if let Some(c) = classify(a) {
        html.element(
            "p",
            &[("class", Some("report-grade"))],
            &format!(
                "{}: {} / {} · {}: {}",
                lang.pick("Tổng điểm", "Total"),
                points(c.total, lang),
                points(c.max_total, lang),
                lang.pick("Xếp loại", "Grade"),
                outcome_text(&c, lang)
            ),
        );
        let rows: Vec<Vec<String>> = c
            .criteria
            .iter()
            .map(|ct| {
                vec![
                    format!("{}. {}", ct.number, ct.name.get(lang)),
                    ct.score.map_or("—".to_owned(), |s| points(s, lang)),
                    points(ct.max, lang),
                ]
            })
            .collect();
        crate::html::table(
            &mut html,
            Some("report-scores"),
            Some(lang.pick("Điểm theo tiêu chí", "Points by criterion")),
            &[
                lang.pick("Tiêu chí", "Criterion"),
                lang.pick("Điểm", "Points"),
                lang.pick("Tối đa", "Max"),
            ],
            &rows,
            &[1, 2],
        );
    }
    let results = evaluate(unit, a);
    let summary = Summary::of(&results);
    html.element(
        "h3",
        &[],
        &format!(
            "{} — {} {}, {} {}, {} {}",
            a.law().rules().title.get(lang),
            summary.passed,
            lang.pick("đạt", "passed"),
            summary.failed,
            lang.pick("không đạt", "failed"),
            summary.unanswered,
            lang.pick("chưa trả lời", "unanswered")
        ),
    );
    failures(&mut html, &results, lang);
    html.element("h3", &[], lang.pick("Kế hoạch hành động", "Action plan"));
    if a.actions.is_empty() {
        html.element("p", &[], lang.pick("Chưa có hành động.", "No action yet."));
    } else {
        let found = gaps(unit, a);
        let rows: Vec<Vec<String>> = a
            .actions
            .iter()
            .map(|x| {
                vec![
                    x.action.clone(),
                    gap_text(&found, &x.source, lang),
                    x.owner.clone(),
                    x.due.map(|d| format_date(d, lang)).unwrap_or_default(),
                    x.status.label(lang).to_owned(),
                ]
            })
            .collect();
        crate::html::table(
            &mut html,
            Some("report-actions-table"),
            None,
            &[
                lang.pick("Hành động", "Action"),
                lang.pick("Điểm cần khắc phục", "Gap"),
                lang.pick("Người phụ trách", "Owner"),
                lang.pick("Hạn", "Due"),
                lang.pick("Tình trạng", "Status"),
            ],
            &rows,
            &[],
        );
    }
    html.close("article");
    html.into_string()
}

/// Cooperatives ready to be put forward as exemplary, by their latest
/// self-assessed year up to `year`: T8's candidates.
pub fn candidates_html(ws: &Workspace, year: i32, lang: Lang) -> String {
    let mut html = Html::new();
    html.element(
        "h2",
        &[("id", Some("candidates-title"))],
        lang.pick(
            "Ứng viên điển hình (theo tự đánh giá)",
            "Exemplary candidates (from self-assessments)",
        ),
    );
    let mut rows = Vec::new();
    for unit in cooperatives(ws) {
        let latest = ws
            .assessments
            .iter()
            .filter(|a| a.unit_id == unit.id && a.year <= year)
            .map(|a| a.year)
            .max();
        let Some(latest) = latest else { continue };
        if readiness(ws, unit, latest, &ws.exemplary_criteria).is_ready() {
            rows.push((unit, latest));
        }
    }
    if rows.is_empty() {
        html.element(
            "p",
            &[],
            lang.pick(
                "Chưa có hợp tác xã nào sẵn sàng theo kết quả tự đánh giá.",
                "No cooperative is ready according to its self-assessment yet.",
            ),
        );
        return html.into_string();
    }
    html.open("ul", &[("class", Some("candidates"))]);
    for (unit, latest) in rows {
        let href = format!("/units/{}", unit.id);
        html.open("li", &[])
            .element("a", &[("href", Some(&href))], &unit.name)
            .text(&format!(
                " ({} {latest})",
                lang.pick("tự đánh giá năm", "self-assessed")
            ))
            .close("li");
    }
    html.close("ul");
    html.into_string()
}

/// What the user typed is not valid; the message says why.
pub type ApplyError = String;

fn parse_opt_decimal(value: &str, lang: Lang) -> Result<Option<Decimal>, ApplyError> {
    let value = value.trim().replace(',', ".");
    if value.is_empty() {
        return Ok(None);
    }
    Decimal::parse(&value)
        .map(Some)
        .map_err(|_| lang.pick("Không phải số", "Not a number").to_owned())
}

fn parse_opt_int<T: std::str::FromStr>(value: &str, lang: Lang) -> Result<Option<T>, ApplyError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| {
        lang.pick("Không phải số nguyên không âm", "Not a whole number")
            .to_owned()
    })
}

fn parse_opt_date(value: &str, lang: Lang) -> Result<Option<NaiveDate>, ApplyError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_iso(value)
        .or_else(|| crate::format::parse_date(value))
        .map(Some)
        .ok_or_else(|| lang.pick("Không phải ngày", "Not a date").to_owned())
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
        let c = &mut ws.exemplary_criteria;
        match field {
            "latest" => c.latest_grade = grade_from_key(value).unwrap_or(c.latest_grade),
            "previous" => c.previous_grade = grade_from_key(value),
            "years" => c.profitable_years = parse_opt_int(value, lang)?.unwrap_or(0).min(10),
            "compliance" => c.require_compliance = value == "true",
            _ => {}
        }
        return Ok(());
    }
    if ws.unit(unit_id).is_none() {
        return Ok(());
    }
    let date = default_date(year, today);
    // Checked before the assessment is created, so a bad first entry
    // leaves no empty assessment behind.
    let max_of = |a: Option<&Assessment>, item: &str| -> Option<u32> {
        let rubric = a.map_or(Some(CURRENT_RUBRIC), |a| {
            super::classification::rubric(&a.rubric_version)
        })?;
        rubric.criteria().find_map(|c| {
            c.scoring_items()
                .into_iter()
                .find(|i| i.id == item)
                .map(|i| {
                    if i.editable {
                        a.map_or(c.max, |a| effective_max(a, c))
                    } else {
                        i.max
                    }
                })
        })
    };
    let score = match name.strip_prefix("score:") {
        Some(item) if !value.trim().is_empty() => {
            let max = max_of(find(ws, unit_id, year), item).ok_or_else(|| "?".to_owned())?;
            Some(parse_score(value, max).map_err(|e| e.message(lang))?)
        }
        _ => None,
    };
    let a = find_or_create(ws, unit_id, year, date);
    let f = &mut a.facts;
    match name {
        "date" => a.assessed_on = parse_opt_date(value, lang)?.unwrap_or(a.assessed_on),
        "law" => {
            let law = if value == "2012" {
                Law::Coop2012
            } else {
                Law::Coop2023
            };
            a.law = (law != Law::in_force_on(a.assessed_on)).then_some(law);
        }
        "months_operated" => {
            a.months_operated = parse_opt_int(value, lang)?.map(|m: u32| m.min(12))
        }
        "months_stopped" => a.months_stopped = parse_opt_int(value, lang)?.map(|m: u32| m.min(12)),
        "fact:board_size" => f.board_size = parse_opt_int(value, lang)?,
        "fact:supervisory_board" => {
            f.has_supervisory_board = match value {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            }
        }
        "fact:model" => {
            f.governance_model = match value {
                "full" => Some(GovernanceModel::Full),
                "reduced" => Some(GovernanceModel::Reduced),
                _ => None,
            }
        }
        "fact:meeting" => f.annual_meeting_on = parse_opt_date(value, lang)?,
        "fact:capital_share" => f.largest_member_capital_percent = parse_opt_decimal(value, lang)?,
        "fact:income" => f.income_for_allocation = parse_opt_decimal(value, lang)?,
        "fact:development" => f.development_fund_allocated = parse_opt_decimal(value, lang)?,
        "fact:reserve" => f.reserve_fund_allocated = parse_opt_decimal(value, lang)?,
        "fact:external_income" => f.external_income = parse_opt_decimal(value, lang)?,
        "fact:indivisible" => f.indivisible_fund_allocated = parse_opt_decimal(value, lang)?,
        _ => {
            if let Some(rule) = name.strip_prefix("ans:") {
                a.set_answer(rule, Answer::from_key(value));
            } else if let Some(rule) = name.strip_prefix("note:") {
                a.set_note(rule, value.trim().to_owned());
            } else if let Some(item) = name.strip_prefix("score:") {
                a.set_score(item, score);
            } else if let Some(number) = name.strip_prefix("max:") {
                let number: u8 = number.parse().unwrap_or(0);
                let max: Option<u32> = parse_opt_int(value, lang)?;
                if max.is_some_and(|m| !(1..=100).contains(&m)) {
                    return Err(lang
                        .pick("Điểm tối đa từ 1 đến 100", "A maximum is 1 to 100")
                        .to_owned());
                }
                let rubric_max = CURRENT_RUBRIC.criterion(number).map(|c| c.max);
                a.set_max_override(number, max.filter(|m| Some(*m) != rubric_max));
            } else if let Some(rest) = name.strip_prefix("act:") {
                let (index, field) = rest.split_once(':').unwrap_or(("", ""));
                let Some(item) = index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| a.actions.get_mut(i))
                else {
                    return Ok(());
                };
                match field {
                    "action" => item.action = value.trim().to_owned(),
                    "owner" => item.owner = value.trim().to_owned(),
                    "due" => item.due = parse_opt_date(value, lang)?,
                    "status" => item.status = ActionStatus::from_key(value).unwrap_or(item.status),
                    _ => {}
                }
            }
        }
    }
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
    let Some(unit) = ws.unit(unit_id).cloned() else {
        return 0;
    };
    let a = find_or_create(ws, unit_id, year, default_date(year, today));
    add_missing_actions(&unit, a, lang)
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
        return Err(lang
            .pick("Cần tên hợp tác xã", "A name is needed")
            .to_owned());
    }
    let members: Option<i64> = parse_opt_int(members, lang)?;
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

fn heading(html: &mut Html, level: &'static str, id: &str, text: &str) {
    html.element(level, &[("id", Some(id))], text);
}

/// Region `index` of the page for the cooperative `unit_id` and `year`:
/// the headings, forms and results in reading order. `message` is the
/// last refused entry, shown in [`MESSAGE_REGION`].
pub fn region(
    ws: &Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    lang: Lang,
    index: usize,
    message: &str,
) -> String {
    let mut html = Html::new();
    if index == 0 {
        heading(
            &mut html,
            "h1",
            "assessment-title",
            lang.pick("Tự đánh giá hợp tác xã", "Cooperative self-assessment"),
        );
        html.append_text(&pick_form_html(ws, unit_id, year, today, lang));
        return html.into_string();
    }
    if index == MESSAGE_REGION {
        html.element(
            "p",
            &[
                ("class", Some("field-error assessment-message")),
                ("role", Some("alert")),
            ],
            message,
        );
        return html.into_string();
    }
    if index == 6 {
        heading(
            &mut html,
            "h2",
            "exemplary-title",
            lang.pick("3. Sẵn sàng điển hình tiên tiến", "3. Exemplary readiness"),
        );
        html.append_text(&exemplary_form_html(&ws.exemplary_criteria, lang));
        return html.into_string();
    }
    let Some(unit) = ws.unit(unit_id) else {
        return html.into_string();
    };
    let blank;
    let a = match find(ws, unit_id, year) {
        Some(a) => a,
        None => {
            blank = Assessment::new(unit_id, year, default_date(year, today));
            &blank
        }
    };
    let text = match index {
        2 => {
            heading(
                &mut html,
                "h2",
                "checklist-title",
                lang.pick("1. Tuân thủ pháp luật", "1. Legal compliance"),
            );
            html.append_text(&facts_form_html(a, lang));
            answers_form_html(a, lang)
        }
        3 => checklist_html(unit, a, lang),
        4 => {
            heading(
                &mut html,
                "h2",
                "scores-title",
                lang.pick(
                    "2. Xếp loại (Thông tư 01/2020/TT-BKHĐT)",
                    "2. Classification (Circular 01/2020/TT-BKHĐT)",
                ),
            );
            scores_form_html(unit, a, lang)
        }
        5 => classification_html(ws, unit, a, lang),
        7 => readiness_html(ws, unit, year, lang),
        8 => {
            heading(
                &mut html,
                "h2",
                "actions-title",
                lang.pick("4. Kế hoạch hành động", "4. Action plan"),
            );
            gaps_html(unit, a, lang)
        }
        9 => actions_form_html(unit, a, lang),
        _ => {
            html.open("div", &[("class", Some("report-section"))]);
            heading(
                &mut html,
                "h2",
                "print-title",
                lang.pick("5. Báo cáo (một trang A4)", "5. Report (one A4 page)"),
            );
            html.element(
                "button",
                &[("type", Some("button")), ("data-action", Some("print"))],
                lang.pick("In báo cáo", "Print the report"),
            );
            html.append_text(&report_html(unit, a, lang));
            html.close("div");
            return html.into_string();
        }
    };
    html.append_text(&text);
    html.into_string()
}
