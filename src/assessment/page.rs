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

type Attrs<'a> = [(&'static str, Option<&'a str>)];

/// Points kept in hundredths, shown with decimals only where needed.
pub fn points(hundredths: i64, lang: Lang) -> String {
    let decimals = if hundredths % 100 == 0 { 0 } else { 2 };
    format_number(hundredths as f64 / 100.0, decimals, lang)
}

fn input(html: &mut Html, label: &str, attrs: &Attrs) {
    html.open("label", &[("class", Some("field"))])
        .element("span", &[], label)
        .void("input", attrs)
        .close("label");
}

fn select(html: &mut Html, label: &str, name: &str, options: &[(&str, &str)], selected: &str) {
    html.open("label", &[("class", Some("field"))])
        .element("span", &[], label)
        .open("select", &[("name", Some(name))]);
    for (value, text) in options {
        let chosen = (*value == selected).then_some("");
        html.element(
            "option",
            &[("value", Some(value)), ("selected", chosen)],
            text,
        );
    }
    html.close("select").close("label");
}

fn opt_text<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(T::to_string).unwrap_or_default()
}

/// The cooperatives a manager can assess, by index into the workspace.
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
        html.open("fieldset", &[("class", Some("create-coop"))])
            .element(
                "legend",
                &[],
                lang.pick("Tạo hợp tác xã", "Create a cooperative"),
            );
        html.element(
            "p",
            &[],
            lang.pick(
                "Không gian làm việc chưa có hợp tác xã nào. Nhập vài thông tin để bắt đầu tự đánh giá.",
                "The workspace has no cooperative yet. Enter a few facts to start the self-assessment.",
            ),
        );
        input(
            &mut html,
            lang.pick("Tên hợp tác xã", "Cooperative name"),
            &[
                ("name", Some("new:name")),
                ("type", Some("text")),
                ("required", Some("")),
            ],
        );
        input(
            &mut html,
            lang.pick("Mã số HTX", "Registration code"),
            &[("name", Some("new:code")), ("type", Some("text"))],
        );
        input(
            &mut html,
            lang.pick("Số thành viên", "Members"),
            &[
                ("name", Some("new:members")),
                ("type", Some("number")),
                ("min", Some("0")),
            ],
        );
        html.element(
            "button",
            &[("type", Some("button")), ("data-act", Some("create"))],
            lang.pick("Tạo", "Create"),
        );
        html.close("fieldset");
        return html.into_string();
    }
    html.open("div", &[("class", Some("pick"))]);
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
    let years: Vec<(String, String)> = (ws.plan.start_year - 1..=last)
        .rev()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let years: Vec<(&str, &str)> = years
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    select(
        &mut html,
        lang.pick("Năm đánh giá", "Year assessed"),
        "year",
        &years,
        &year.to_string(),
    );
    let saved = find(ws, unit_id, year);
    let date = iso_date(saved.map_or_else(|| default_date(year, today), |a| a.assessed_on));
    input(
        &mut html,
        lang.pick("Ngày đánh giá", "Assessment date"),
        &[
            ("name", Some("date")),
            ("type", Some("date")),
            ("value", Some(&date)),
        ],
    );
    let in_force =
        Law::in_force_on(saved.map_or_else(|| default_date(year, today), |a| a.assessed_on));
    let viewed = saved.map_or(in_force, Assessment::law);
    let law_label = |law: Law| {
        let name = match law {
            Law::Coop2012 => lang.pick("Luật HTX 2012", "2012 Law"),
            Law::Coop2023 => lang.pick("Luật HTX 2023", "2023 Law"),
        };
        if law == in_force {
            format!("{name} ({})", lang.pick("đang có hiệu lực", "in force"))
        } else {
            format!("{name} ({})", lang.pick("chỉ để xem", "for viewing"))
        }
    };
    let laws = [
        ("2012", law_label(Law::Coop2012)),
        ("2023", law_label(Law::Coop2023)),
    ];
    let laws: Vec<(&str, &str)> = laws.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let viewed_key = if viewed == Law::Coop2012 {
        "2012"
    } else {
        "2023"
    };
    select(
        &mut html,
        lang.pick("Bộ quy định", "Rule set"),
        "law",
        &laws,
        viewed_key,
    );
    html.close("div");
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
    html.open("fieldset", &[("class", Some("facts"))]).element(
        "legend",
        &[],
        lang.pick(
            "Số liệu cho các kiểm tra tự động",
            "Data for the automatic checks",
        ),
    );
    let number = |html: &mut Html, name: &str, label: &str, value: String| {
        input(
            html,
            label,
            &[
                ("name", Some(name)),
                ("type", Some("text")),
                ("inputmode", Some("decimal")),
                ("value", Some(&value)),
            ],
        );
    };
    number(
        &mut html,
        "fact:board_size",
        lang.pick("Số thành viên HĐQT", "Board members"),
        opt_text(&f.board_size),
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
    let meeting = f.annual_meeting_on.map(iso_date).unwrap_or_default();
    input(
        &mut html,
        lang.pick("Ngày đại hội thường niên", "Annual meeting date"),
        &[
            ("name", Some("fact:meeting")),
            ("type", Some("date")),
            ("value", Some(&meeting)),
        ],
    );
    number(
        &mut html,
        "fact:capital_share",
        lang.pick(
            "Vốn góp lớn nhất của một thành viên (%)",
            "Largest member's capital share (%)",
        ),
        opt_text(&f.largest_member_capital_percent),
    );
    number(
        &mut html,
        "fact:income",
        lang.pick(
            "Thu nhập để trích quỹ (triệu đồng)",
            "Income to allocate (million VND)",
        ),
        opt_text(&f.income_for_allocation),
    );
    number(
        &mut html,
        "fact:development",
        lang.pick("Trích quỹ đầu tư phát triển", "Development fund allocated"),
        opt_text(&f.development_fund_allocated),
    );
    number(
        &mut html,
        "fact:reserve",
        lang.pick("Trích quỹ dự phòng tài chính", "Reserve fund allocated"),
        opt_text(&f.reserve_fund_allocated),
    );
    number(
        &mut html,
        "fact:external_income",
        lang.pick(
            "Thu nhập từ giao dịch bên ngoài",
            "Income from external transactions",
        ),
        opt_text(&f.external_income),
    );
    number(
        &mut html,
        "fact:indivisible",
        lang.pick("Trích quỹ chung không chia", "Indivisible fund allocated"),
        opt_text(&f.indivisible_fund_allocated),
    );
    html.close("fieldset");
    html.into_string()
}

fn answer_label(answer: Answer, lang: Lang) -> &'static str {
    match answer {
        Answer::Yes => lang.pick("Có (đạt)", "Yes (met)"),
        Answer::No => lang.pick("Không (chưa đạt)", "No (not met)"),
        Answer::NotApplicable => lang.pick("Không áp dụng", "Not applicable"),
    }
}

/// The manual rules of the viewed set, each with its answer and a note.
pub fn answers_form_html(a: &Assessment, lang: Lang) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("answers"))]);
    html.element(
        "caption",
        &[],
        lang.pick("Quy định tự trả lời", "Rules you answer"),
    );
    html.open("thead", &[]).open("tr", &[]);
    for h in [
        lang.pick("Quy định", "Rule"),
        lang.pick("Trả lời", "Answer"),
        lang.pick("Ghi chú", "Note"),
    ] {
        html.element("th", &[("scope", Some("col"))], h);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for rule in a.law().rules().rules.iter().filter(|r| !r.is_automatic()) {
        let (answer, note) = a.answer(rule.id).unwrap_or((None, ""));
        let key = answer.map_or("", Answer::key);
        html.open("tr", &[]).open(
            "th",
            &[
                ("scope", Some("row")),
                ("id", Some(&format!("r-{}", rule.id))),
            ],
        );
        html.text(rule.text.get(lang))
            .element("small", &[("class", Some("cite"))], rule.citation);
        html.close("th").open("td", &[]);
        let options = [
            ("", "—"),
            ("yes", answer_label(Answer::Yes, lang)),
            ("no", answer_label(Answer::No, lang)),
            ("na", answer_label(Answer::NotApplicable, lang)),
        ];
        let name = format!("ans:{}", rule.id);
        html.open(
            "select",
            &[
                ("name", Some(&name)),
                (
                    "aria-label",
                    Some(&format!("{}: {}", lang.pick("Trả lời", "Answer"), rule.id)),
                ),
            ],
        );
        for (value, text) in options {
            html.element(
                "option",
                &[
                    ("value", Some(value)),
                    ("selected", (value == key).then_some("")),
                ],
                text,
            );
        }
        html.close("select").close("td").open("td", &[]);
        let name = format!("note:{}", rule.id);
        html.void(
            "input",
            &[
                ("name", Some(&name)),
                ("type", Some("text")),
                ("value", Some(note)),
                (
                    "aria-label",
                    Some(&format!("{}: {}", lang.pick("Ghi chú", "Note"), rule.id)),
                ),
            ],
        );
        html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("div");
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
    let failed: Vec<&RuleResult> = results
        .iter()
        .filter(|r| r.outcome == Outcome::Fail)
        .collect();
    if failed.is_empty() {
        return;
    }
    html.element("h4", &[], lang.pick("Quy định không đạt", "Rules failed"));
    html.open("ul", &[("class", Some("failures"))]);
    for r in failed {
        html.open("li", &[])
            .text(r.rule.text.get(lang))
            .text(" — ")
            .element("cite", &[], r.rule.citation)
            .close("li");
    }
    html.close("ul");
}

/// The checklist's results: every rule with its outcome, the summary, the
/// failures with their citations, and the 2012 reorganisation mark.
pub fn checklist_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let results = evaluate(unit, a);
    let summary = Summary::of(&results);
    let mut html = Html::new();
    html.open(
        "p",
        &[
            ("class", Some("summary")),
            ("id", Some("checklist-summary")),
        ],
    )
    .text(&format!(
        "{} {} · {} {} · {} {} · {} {}",
        summary.passed,
        lang.pick("đạt", "passed"),
        summary.failed,
        lang.pick("không đạt", "failed"),
        summary.unanswered,
        lang.pick("chưa trả lời", "unanswered"),
        summary.not_applicable,
        lang.pick("không áp dụng", "not applicable"),
    ));
    html.close("p");
    failures(&mut html, &results, lang);
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("checklist"))]);
    html.element("caption", &[], a.law().rules().title.get(lang));
    html.open("thead", &[]).open("tr", &[]);
    for h in [
        lang.pick("Quy định", "Rule"),
        lang.pick("Căn cứ", "Citation"),
        lang.pick("Cách kiểm tra", "Check"),
        lang.pick("Kết quả", "Result"),
    ] {
        html.element("th", &[("scope", Some("col"))], h);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for r in &results {
        html.open("tr", &[])
            .open("th", &[("scope", Some("row"))])
            .text(r.rule.text.get(lang));
        if r.rule.verification != super::Verification::Verified {
            html.element(
                "small",
                &[("class", Some("unverified"))],
                &format!(" ({})", r.rule.verification.label(lang)),
            );
        }
        html.close("th").element("td", &[], r.rule.citation);
        let how = if r.rule.is_automatic() {
            lang.pick("Tự động", "Automatic")
        } else {
            lang.pick("Tự trả lời", "Answered")
        };
        html.element("td", &[], how);
        html.open("td", &[])
            .element(
                "strong",
                &[("class", Some(outcome_class(r.outcome)))],
                outcome_label(r.outcome, lang),
            )
            .element("small", &[], &format!(" {}", r.detail.get(lang)))
            .close("td");
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");

    // Reorganisation under the 2012 law (target T1).
    let rules_2012 = evaluate_law(unit, a, Law::Coop2012);
    let s2012 = Summary::of(&rules_2012);
    html.open("div", &[("class", Some("reorganise"))]);
    if let Some(date) = unit.reorganisation.completed_on {
        html.element(
            "p",
            &[],
            &format!(
                "{} {}",
                lang.pick(
                    "Đã tổ chức lại theo Luật HTX 2012 ngày",
                    "Reorganised under the 2012 law on"
                ),
                format_date(date, lang)
            ),
        );
    } else if s2012.all_mandatory_pass() {
        html.element("p", &[], lang.pick("Mọi quy định bắt buộc của Luật HTX 2012 đều đạt: có thể ghi nhận HTX đã tổ chức lại (tính vào chỉ tiêu T1).", "Every mandatory rule of the 2012 law passes: the cooperative can be marked as reorganised (counts towards T1)."));
        html.element(
            "button",
            &[("type", Some("button")), ("data-act", Some("reorganise"))],
            lang.pick(
                "Ghi nhận đã tổ chức lại theo Luật 2012",
                "Mark reorganised under the 2012 law",
            ),
        );
    } else {
        html.element(
            "p",
            &[("class", Some("muted"))],
            &format!(
                "{} ({} {}, {} {})",
                lang.pick(
                    "Chưa thể ghi nhận tổ chức lại theo Luật 2012",
                    "Cannot be marked reorganised under the 2012 law yet"
                ),
                s2012.mandatory_failed,
                lang.pick("không đạt", "failed"),
                s2012.mandatory_unanswered,
                lang.pick("chưa rõ", "open")
            ),
        );
    }
    html.close("div");
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
    html.open("div", &[("class", Some("months"))]);
    input(
        &mut html,
        lang.pick(
            "Số tháng hoạt động trong năm",
            "Months operating in the year",
        ),
        &[
            ("name", Some("months_operated")),
            ("type", Some("number")),
            ("min", Some("0")),
            ("max", Some("12")),
            ("value", Some(&opt_text(&a.months_operated))),
        ],
    );
    input(
        &mut html,
        lang.pick("Số tháng ngừng hoạt động", "Months stopped"),
        &[
            ("name", Some("months_stopped")),
            ("type", Some("number")),
            ("min", Some("0")),
            ("max", Some("12")),
            ("value", Some(&opt_text(&a.months_stopped))),
        ],
    );
    html.close("div");
    let Some(rubric) = super::classification::rubric(&a.rubric_version) else {
        html.element(
            "p",
            &[("class", Some("field-error"))],
            &format!(
                "{} {}",
                lang.pick("Không biết phiên bản thang điểm", "Unknown rubric version"),
                a.rubric_version
            ),
        );
        return html.into_string();
    };
    let record = unit.record(a.year);
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("scores"))]);
    html.element(
        "caption",
        &[],
        &format!("{} ({})", rubric.source, rubric.version),
    );
    html.open("thead", &[]).open("tr", &[]);
    for h in [
        lang.pick("Tiêu chí", "Criterion"),
        lang.pick("Mục chấm", "Item"),
        lang.pick("Điểm", "Points"),
        lang.pick("Tối đa", "Max"),
    ] {
        html.element("th", &[("scope", Some("col"))], h);
    }
    html.close("tr").close("thead");
    for group in rubric.groups {
        html.open("tbody", &[])
            .open("tr", &[("class", Some("group"))]);
        html.element(
            "th",
            &[("scope", Some("rowgroup")), ("colspan", Some("4"))],
            &format!(
                "{} {} · {}",
                lang.pick("Nhóm", "Group"),
                roman(group.number),
                group.name.get(lang)
            ),
        );
        html.close("tr");
        for criterion in group.criteria {
            let items = criterion.scoring_items();
            let max = effective_max(a, criterion);
            for (i, item) in items.iter().enumerate() {
                html.open("tr", &[]);
                if i == 0 {
                    let span = items.len().to_string();
                    html.open("th", &[("scope", Some("row")), ("rowspan", Some(&span))]);
                    html.text(&format!(
                        "{}. {}",
                        criterion.number,
                        criterion.name.get(lang)
                    ));
                    if criterion.verification == super::Verification::Unverified {
                        html.element(
                            "small",
                            &[("class", Some("unverified"))],
                            &format!(
                                " ⚠ {}",
                                lang.pick(
                                    "điểm tối đa chưa kiểm chứng — sửa được",
                                    "maximum unverified — editable"
                                )
                            ),
                        );
                    }
                    if let Some(text) = figures(criterion.number, record, lang) {
                        html.element("small", &[("class", Some("figures"))], &text);
                    }
                    html.close("th");
                }
                let item_max = if item.editable { max } else { item.max };
                let label = format!(
                    "{} {} ({} {})",
                    lang.pick("Điểm", "Points"),
                    item.id,
                    lang.pick("tối đa", "max"),
                    item_max
                );
                html.element(
                    "td",
                    &[],
                    if item.id.len() > 2 || item.id.chars().any(|c| c.is_ascii_alphabetic()) {
                        item.name.get(lang)
                    } else {
                        ""
                    },
                );
                let name = format!("score:{}", item.id);
                let value = a.score(item.id).map(|d| d.to_string()).unwrap_or_default();
                html.open("td", &[])
                    .void(
                        "input",
                        &[
                            ("name", Some(&name)),
                            ("type", Some("text")),
                            ("inputmode", Some("decimal")),
                            ("class", Some("score")),
                            ("value", Some(&value)),
                            ("aria-label", Some(&label)),
                        ],
                    )
                    .close("td");
                html.open("td", &[("class", Some("num"))]);
                if item.editable {
                    let name = format!("max:{}", criterion.number);
                    let label = format!(
                        "{} {}",
                        lang.pick("Điểm tối đa tiêu chí", "Maximum of criterion"),
                        criterion.number
                    );
                    html.void(
                        "input",
                        &[
                            ("name", Some(&name)),
                            ("type", Some("number")),
                            ("min", Some("1")),
                            ("max", Some("100")),
                            ("class", Some("max")),
                            ("value", Some(&max.to_string())),
                            ("aria-label", Some(&label)),
                        ],
                    );
                } else {
                    html.text(&item_max.to_string());
                }
                html.close("td").close("tr");
            }
        }
        html.close("tbody");
    }
    html.close("table").close("div");
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
    html.open(
        "dl",
        &[("class", Some("figures-list")), ("id", Some("grade"))],
    );
    html.element("dt", &[], lang.pick("Tổng điểm", "Total"));
    html.element(
        "dd",
        &[],
        &format!("{} / {}", points(c.total, lang), points(c.max_total, lang)),
    );
    html.element("dt", &[], lang.pick("Xếp loại", "Grade"));
    html.open("dd", &[])
        .element("strong", &[], &outcome_text(&c, lang))
        .close("dd");
    html.element("dt", &[], lang.pick("Quy mô", "Size class"));
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
    html.element("dd", &[], &size);
    if let Some(p) = &previous {
        html.element(
            "dt",
            &[],
            &format!("{} {}", lang.pick("Năm", "Year"), a.year - 1),
        );
        html.element(
            "dd",
            &[],
            &format!("{} · {}", points(p.total, lang), outcome_text(p, lang)),
        );
    }
    html.close("dl");
    if !c.invalid_items.is_empty() {
        html.element(
            "p",
            &[("class", Some("field-error"))],
            &format!(
                "{}: {}",
                lang.pick(
                    "Điểm vượt tối đa, không tính",
                    "Scores above their maximum, not counted"
                ),
                c.invalid_items.join(", ")
            ),
        );
    }
    html.open("div", &[("class", Some("columns"))]);
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
    let rows: Vec<Vec<String>> = c
        .criteria
        .iter()
        .map(|ct| {
            let mut row = vec![
                format!("{}. {}", ct.number, ct.name.get(lang)),
                ct.score.map_or("—".to_owned(), |s| points(s, lang)),
            ];
            if let Some(p) = &previous {
                let before = p
                    .criteria
                    .iter()
                    .find(|x| x.number == ct.number)
                    .and_then(|x| x.score);
                row.push(before.map_or("—".to_owned(), |s| points(s, lang)));
            }
            row.push(points(ct.max, lang));
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let numeric: Vec<usize> = (1..header.len()).collect();
    html.open("div", &[]);
    crate::html::table(
        &mut html,
        Some("criteria"),
        Some(lang.pick("Điểm theo tiêu chí", "Points by criterion")),
        &header,
        &rows,
        &numeric,
    );
    html.close("div").close("div");
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
    html.open("figure", &[("class", Some("chart radar"))]);
    html.open(
        "svg",
        &[
            ("viewBox", Some("0 0 300 300")),
            ("role", Some("img")),
            ("aria-labelledby", Some("radar-title radar-desc")),
        ],
    );
    html.element("title", &[("id", Some("radar-title"))], title);
    let desc: Vec<String> = c
        .groups
        .iter()
        .map(|g| {
            format!(
                "{} {}: {}/{}",
                lang.pick("Nhóm", "Group"),
                roman(g.number),
                points(g.score, lang),
                points(g.max, lang)
            )
        })
        .collect();
    html.element("desc", &[("id", Some("radar-desc"))], &desc.join("; "));
    for ring in [0.25, 0.5, 0.75, 1.0] {
        html.void(
            "circle",
            &[
                ("class", Some("chart-grid")),
                ("cx", Some("150")),
                ("cy", Some("150")),
                ("r", Some(&format!("{:.1}", RADAR * ring))),
                ("fill", Some("none")),
            ],
        )
        .close("circle");
    }
    for (g, (dx, dy)) in c.groups.iter().zip(AXES) {
        let (x, y) = (
            CENTRE + (RADAR + 22.0) * dx,
            CENTRE + (RADAR + 22.0) * dy + 4.0,
        );
        let (ex, ey) = (
            format!("{:.1}", CENTRE + RADAR * dx),
            format!("{:.1}", CENTRE + RADAR * dy),
        );
        html.void(
            "line",
            &[
                ("class", Some("chart-grid")),
                ("x1", Some("150")),
                ("y1", Some("150")),
                ("x2", Some(&ex)),
                ("y2", Some(&ey)),
            ],
        )
        .close("line");
        html.element(
            "text",
            &[
                ("class", Some("chart-label")),
                ("x", Some(&format!("{x:.1}"))),
                ("y", Some(&format!("{y:.1}"))),
                ("text-anchor", Some("middle")),
            ],
            roman(g.number),
        );
    }
    if let Some(p) = previous {
        html.void(
            "polygon",
            &[
                ("class", Some("radar-previous")),
                ("points", Some(&polygon(p))),
            ],
        )
        .close("polygon");
    }
    html.void(
        "polygon",
        &[
            ("class", Some("radar-current")),
            ("points", Some(&polygon(c))),
        ],
    )
    .close("polygon");
    html.close("svg");
    let legend = match previous {
        Some(_) => format!(
            "{title}: {year} ({}) · {} ({})",
            lang.pick("nền đậm", "solid"),
            year - 1,
            lang.pick("nét đứt", "dashed")
        ),
        None => format!("{title}: {year}"),
    };
    html.element("figcaption", &[], &legend);
    html.close("figure");
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
    html.open("fieldset", &[("class", Some("exemplary-criteria"))])
        .element(
            "legend",
            &[],
            lang.pick(
                "Điều kiện điển hình (sửa được)",
                "Exemplary criteria (editable)",
            ),
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
        &[
            ("name", Some("ex:years")),
            ("type", Some("number")),
            ("min", Some("0")),
            ("max", Some("10")),
            ("value", Some(&criteria.profitable_years.to_string())),
        ],
    );
    html.open("label", &[("class", Some("inline"))])
        .void(
            "input",
            &[
                ("name", Some("ex:compliance")),
                ("type", Some("checkbox")),
                ("checked", criteria.require_compliance.then_some("")),
            ],
        )
        .text(lang.pick(
            "Tuân thủ mọi quy định bắt buộc",
            "Every mandatory legal rule passed",
        ))
        .close("label");
    html.close("fieldset");
    html.into_string()
}

/// Readiness: each condition met or what is missing.
pub fn readiness_html(ws: &Workspace, unit: &Unit, year: i32, lang: Lang) -> String {
    let r = readiness(ws, unit, year, &ws.exemplary_criteria);
    let mut html = Html::new();
    html.element("p", &[("class", Some("summary")), ("id", Some("readiness-verdict"))], if r.is_ready() {
        lang.pick("Sẵn sàng đề xuất điển hình tiên tiến: hợp tác xã xuất hiện trong danh sách ứng viên của chỉ tiêu T8.", "Ready to be put forward as exemplary: the cooperative appears among T8's candidates.")
    } else {
        lang.pick("Chưa sẵn sàng đề xuất điển hình tiên tiến.", "Not yet ready to be put forward as exemplary.")
    });
    html.open("ul", &[("class", Some("conditions"))]);
    for c in &r.conditions {
        html.open("li", &[("class", Some(if c.met { "ok" } else { "fail" }))]);
        html.element("strong", &[], if c.met { "✓ " } else { "✗ " })
            .text(c.text.get(lang));
        if !c.met {
            html.text(" — ").text(c.detail.get(lang));
        }
        html.close("li");
    }
    html.close("ul");
    html.into_string()
}

/// The action items as a form: action, owner, due date and status, each
/// under the gap it answers.
pub fn actions_form_html(unit: &Unit, a: &Assessment, lang: Lang) -> String {
    let found = gaps(unit, a);
    let mut html = Html::new();
    if a.actions.is_empty() {
        html.element(
            "p",
            &[("class", Some("muted"))],
            lang.pick(
                "Chưa có hành động nào trong kế hoạch.",
                "No action in the plan yet.",
            ),
        );
        return html.into_string();
    }
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("actions"))]);
    html.element(
        "caption",
        &[],
        lang.pick("Kế hoạch hành động", "Action plan"),
    );
    html.open("thead", &[]).open("tr", &[]);
    for h in [
        lang.pick("Điểm cần khắc phục", "Gap"),
        lang.pick("Hành động", "Action"),
        lang.pick("Người phụ trách", "Owner"),
        lang.pick("Hạn", "Due"),
        lang.pick("Tình trạng", "Status"),
    ] {
        html.element("th", &[("scope", Some("col"))], h);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    let statuses: Vec<(&str, &str)> = ActionStatus::ALL
        .iter()
        .map(|s| (s.key(), s.label(lang)))
        .collect();
    for (i, item) in a.actions.iter().enumerate() {
        let gap = gap_text(&found, &item.source, lang);
        html.open("tr", &[])
            .element("th", &[("scope", Some("row"))], &gap);
        let cell = |html: &mut Html, field: &str, kind: &str, value: &str, label: &str| {
            let name = format!("act:{i}:{field}");
            let label = format!("{label} {}", i + 1);
            html.open("td", &[])
                .void(
                    "input",
                    &[
                        ("name", Some(&name)),
                        ("type", Some(kind)),
                        ("value", Some(value)),
                        ("aria-label", Some(&label)),
                    ],
                )
                .close("td");
        };
        cell(
            &mut html,
            "action",
            "text",
            &item.action,
            lang.pick("Hành động", "Action"),
        );
        cell(
            &mut html,
            "owner",
            "text",
            &item.owner,
            lang.pick("Người phụ trách", "Owner"),
        );
        cell(
            &mut html,
            "due",
            "date",
            &item.due.map(iso_date).unwrap_or_default(),
            lang.pick("Hạn", "Due"),
        );
        let name = format!("act:{i}:status");
        let label = format!("{} {}", lang.pick("Tình trạng", "Status"), i + 1);
        html.open("td", &[]).open(
            "select",
            &[("name", Some(&name)), ("aria-label", Some(&label))],
        );
        for (value, text) in &statuses {
            html.element(
                "option",
                &[
                    ("value", Some(value)),
                    ("selected", (*value == item.status.key()).then_some("")),
                ],
                text,
            );
        }
        html.close("select").close("td").close("tr");
    }
    html.close("tbody").close("table").close("div");
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
        html.element(
            "p",
            &[("class", Some("muted"))],
            lang.pick(
                "Mọi điểm cần khắc phục đã có hành động.",
                "Every gap has an action.",
            ),
        );
        return html.into_string();
    }
    html.element(
        "p",
        &[],
        &format!(
            "{} {}",
            open.len(),
            lang.pick(
                "điểm cần khắc phục chưa có hành động:",
                "gaps without an action:"
            )
        ),
    );
    html.open("ul", &[]);
    for g in &open {
        html.open("li", &[])
            .text(g.description.get(lang))
            .text(" → ")
            .element("em", &[], g.proposal.get(lang))
            .close("li");
    }
    html.close("ul");
    html.element(
        "button",
        &[("type", Some("button")), ("data-act", Some("propose"))],
        lang.pick(
            "Đưa các hành động đề xuất vào kế hoạch",
            "Add the proposed actions to the plan",
        ),
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
                &[("type", Some("button")), ("data-act", Some("print"))],
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
