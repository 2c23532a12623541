//! What the self-assessment page shows, as data: the checklist's rows and
//! summary, the scoring form's rows with the record's figures beside them,
//! the classification with its radar chart's geometry, the action plan's
//! rows and the printable report. Texts come in the language asked for and
//! numbers in its format; the page's components lay them out. No markup.

use chrono::NaiveDate;

use super::action_plan::{gaps, ActionStatus, Gap};
use super::classification::{
    classify, effective_max, manager_qualification_shares, rubric, Classification, GradeOutcome,
    NotGraded,
};
use super::edit::AssessmentField;
use super::legal_rules::{evaluate, evaluate_in, evaluate_law, Law, Outcome, RuleResult, Summary};
use super::{find, Assessment, SizeClass, Verification};
use crate::domain::decimal::Decimal;
use crate::domain::unit::{Unit, UnitKind, YearRecord};
use crate::domain::workspace::Workspace;
use crate::i18n::format::{format_date, format_decimal, format_number, format_percent, iso_date};
use crate::i18n::{pick2, say, Lang};

/// Points kept in hundredths, shown with decimals only where needed.
pub fn points(hundredths: i64, lang: Lang) -> String {
    let decimals = if hundredths % 100 == 0 { 0 } else { 2 };
    format_number(hundredths as f64 / 100.0, decimals, lang)
}

/// The class and the word of an outcome.
pub fn outcome_word(outcome: Outcome, lang: Lang) -> (&'static str, &'static str) {
    let (class, word) = match outcome {
        Outcome::Pass => ("ok", "Đạt|Pass"),
        Outcome::Fail => ("fail", "Không đạt|Fail"),
        Outcome::NotApplicable => ("na", "Không áp dụng|N/A"),
        Outcome::Unanswered => ("open", "Chưa rõ|Open"),
    };
    (class, pick2(lang, word))
}

/// A failed rule: its text and citation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub text: &'static str,
    pub citation: &'static str,
}

fn failures(results: &[RuleResult], lang: Lang) -> Vec<Failure> {
    results
        .iter()
        .filter(|r| r.outcome == Outcome::Fail)
        .map(|r| Failure {
            text: r.rule.text.get(lang),
            citation: r.rule.citation,
        })
        .collect()
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

/// One rule of the checklist and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistRow {
    pub text: &'static str,
    /// How far the rule is verified, when not fully.
    pub unverified: &'static str,
    pub citation: &'static str,
    /// "Automatic" or "Answered".
    pub how: &'static str,
    /// `ok`, `fail`, `na` or `open`.
    pub class: &'static str,
    pub word: &'static str,
    pub detail: String,
}

/// Where the cooperative stands on its reorganisation under the 2012 law
/// (target T1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reorganisation {
    /// Done, on the date given.
    Done(String),
    /// Every mandatory 2012 rule passes: it can be marked.
    Possible,
    /// Not yet: how many mandatory rules fail and are open.
    NotYet { failed: usize, open: usize },
}

/// The legal checklist's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checklist {
    pub summary: String,
    pub failures: Vec<Failure>,
    pub title: &'static str,
    pub rows: Vec<ChecklistRow>,
    pub reorganisation: Reorganisation,
}

/// The checklist of `a`'s viewed rule set for `unit`.
pub fn checklist(unit: &Unit, a: &Assessment, lang: Lang) -> Checklist {
    let law = a.law();
    let results = evaluate_in(unit, a, law, lang);
    let rows = results
        .iter()
        .map(|r| {
            let (class, word) = outcome_word(r.outcome, lang);
            ChecklistRow {
                text: r.rule.text.get(lang),
                unverified: if r.rule.verification == Verification::Verified {
                    ""
                } else {
                    r.rule.verification.label(lang)
                },
                citation: r.rule.citation,
                how: pick2(
                    lang,
                    if r.rule.is_automatic() {
                        "Tự động|Automatic"
                    } else {
                        "Tự trả lời|Answered"
                    },
                ),
                class,
                word,
                detail: r.detail.clone(),
            }
        })
        .collect();
    let s2012 = Summary::of(&evaluate_law(unit, a, Law::Coop2012));
    let reorganisation = match unit.reorganisation.completed_on {
        Some(date) => Reorganisation::Done(format_date(date, lang)),
        None if s2012.all_mandatory_pass() => Reorganisation::Possible,
        None => Reorganisation::NotYet {
            failed: s2012.mandatory_failed,
            open: s2012.mandatory_unanswered,
        },
    };
    Checklist {
        summary: summary_text(&Summary::of(&results), lang),
        failures: failures(&results, lang),
        title: law.rules().title.get(lang),
        rows,
        reorganisation,
    }
}

/// A manual rule of the viewed set, answered on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ManualRule {
    pub id: &'static str,
    pub text: &'static str,
    pub citation: &'static str,
}

/// The rules of `law` the user answers.
pub fn manual_rules(law: Law, lang: Lang) -> Vec<ManualRule> {
    law.rules()
        .rules
        .iter()
        .filter(|r| !r.is_automatic())
        .map(|r| ManualRule {
            id: r.id,
            text: r.text.get(lang),
            citation: r.citation,
        })
        .collect()
}

/// The rule sets offered, each with its label: the one in force on the
/// assessment date, or "for viewing".
pub fn law_choices(assessed_on: NaiveDate, lang: Lang) -> Vec<(Law, String)> {
    let in_force = Law::in_force_on(assessed_on);
    [Law::Coop2012, Law::Coop2023]
        .into_iter()
        .map(|law| {
            let status = if law == in_force {
                "{đang có hiệu lực|in force}"
            } else {
                "{chỉ để xem|for viewing}"
            };
            let template = format!("{{Luật HTX |}}{}{{| Law}} ({status})", law.key());
            (law, say(lang, &template, &[]))
        })
        .collect()
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
pub fn figures(criterion: u8, record: Option<&YearRecord>, lang: Lang) -> String {
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

/// One item's row of the scoring form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreRow {
    /// The criterion's head on its first item's row: `(rows spanned,
    /// "7. name", unverified note, the record's figures)`.
    pub head: Option<(usize, String, &'static str, String)>,
    pub field: AssessmentField,
    /// The item's name (empty when the criterion's head names it).
    pub name: &'static str,
    /// The item's maximum, as shown.
    pub max: u32,
    /// The criterion whose maximum can be corrected in this row.
    pub editable: Option<u8>,
}

/// A group of criteria in the scoring form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreGroup {
    pub heading: String,
    pub rows: Vec<ScoreRow>,
}

/// The scoring form's table, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoresForm {
    Table {
        caption: String,
        groups: Vec<ScoreGroup>,
    },
    UnknownRubric(String),
}

fn roman(number: u8) -> &'static str {
    ["", "I", "II", "III", "IV"]
        .get(usize::from(number))
        .copied()
        .unwrap_or("?")
}

/// Every item of the rubric `a` was scored with, its maximum and the data
/// beside the criteria the record informs.
pub fn scores_form(unit: &Unit, a: &Assessment, lang: Lang) -> ScoresForm {
    let Some(rubric) = rubric(&a.rubric_version) else {
        return ScoresForm::UnknownRubric(say(
            lang,
            "{Không biết phiên bản thang điểm|Unknown rubric version} {}",
            &[&a.rubric_version],
        ));
    };
    let record = unit.record(a.year);
    let groups = rubric
        .groups
        .iter()
        .map(|group| {
            let mut rows = Vec::new();
            for criterion in group.criteria {
                let items = criterion.scoring_items();
                let max = effective_max(a, criterion);
                for (i, item) in items.iter().enumerate() {
                    let head = (i == 0).then(|| {
                        let unverified = if criterion.verification == Verification::Unverified {
                            pick2(
                                lang,
                                "⚠ điểm tối đa chưa kiểm chứng — sửa được|⚠ maximum unverified — editable",
                            )
                        } else {
                            ""
                        };
                        (
                            items.len(),
                            format!("{}. {}", criterion.number, criterion.name.get(lang)),
                            unverified,
                            figures(criterion.number, record, lang),
                        )
                    });
                    rows.push(ScoreRow {
                        head,
                        field: AssessmentField::Score(item.id),
                        // A criterion without sub-items is named in its row head.
                        name: if item.editable || criterion.items.is_empty() {
                            ""
                        } else {
                            item.name.get(lang)
                        },
                        max: if item.editable { max } else { item.max },
                        editable: item.editable.then_some(criterion.number),
                    });
                }
            }
            ScoreGroup {
                heading: say(
                    lang,
                    "{Nhóm|Group} {} · {}",
                    &[roman(group.number), group.name.get(lang)],
                ),
                rows,
            }
        })
        .collect();
    ScoresForm::Table {
        caption: format!("{} ({})", rubric.source, rubric.version),
        groups,
    }
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

/// The radar chart of the four group shares: geometry in a 300 × 300 box.
#[derive(Clone, Debug, PartialEq)]
pub struct Radar {
    /// The chart's title, also its accessible name.
    pub title: &'static str,
    /// Each group's points, for screen readers.
    pub description: String,
    /// The grid's circles: centre and radii.
    pub centre: f64,
    pub rings: [f64; 4],
    /// The polygons' points (`x,y x,y …`).
    pub current: String,
    pub previous: Option<String>,
    pub caption: String,
}

const RADAR: f64 = 110.0;
const CENTRE: f64 = 150.0;

/// The axes of the four groups: up, right, down, left.
const AXES: [(f64, f64); 4] = [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)];

/// The axis labels (the groups' numerals) and where they stand.
pub const RADAR_LABELS: [(&str, f64, f64); 4] = [
    ("I", 150.0, 22.0),
    ("II", 282.0, 154.0),
    ("III", 150.0, 286.0),
    ("IV", 18.0, 154.0),
];

fn polygon(c: &Classification) -> String {
    let mut out = Vec::new();
    for (g, (dx, dy)) in c.groups.iter().zip(AXES) {
        let share = if g.max > 0 {
            (g.score as f64 / g.max as f64).clamp(0.0, 1.0)
        } else {
            0.0
        };
        out.push(format!(
            "{:.1},{:.1}",
            CENTRE + RADAR * share * dx,
            CENTRE + RADAR * share * dy
        ));
    }
    out.join(" ")
}

/// The radar of `c`, over last year's when given.
pub fn radar(
    c: &Classification,
    previous: Option<&Classification>,
    year: i32,
    lang: Lang,
) -> Radar {
    let title = pick2(
        lang,
        "Tỷ lệ điểm theo nhóm tiêu chí|Share of points by criterion group",
    );
    let description = c
        .groups
        .iter()
        .map(|g| {
            say(
                lang,
                "{Nhóm|Group} {}: {}/{}; ",
                &[
                    roman(g.number),
                    &points(g.score, lang),
                    &points(g.max, lang),
                ],
            )
        })
        .collect();
    let caption = if previous.is_some() {
        say(
            lang,
            "{}: {} ({nền đậm|solid}) · {} ({nét đứt|dashed})",
            &[title, &year.to_string(), &(year - 1).to_string()],
        )
    } else {
        format!("{title}: {year}")
    };
    Radar {
        title,
        description,
        centre: CENTRE,
        rings: [RADAR / 4.0, RADAR / 2.0, RADAR * 0.75, RADAR],
        current: polygon(c),
        previous: previous.map(polygon),
        caption,
    }
}

/// The classification: total, grade, size class, last year, the items
/// scored above their maximum and the radar.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassificationView {
    pub total: String,
    pub grade: String,
    pub size: String,
    /// `("Year 2018", "80 · Good")`.
    pub previous: Option<(String, String)>,
    pub invalid: Option<String>,
    pub radar: Radar,
}

/// The classification of `a`, with last year's from the workspace.
pub fn classification(
    ws: &Workspace,
    unit: &Unit,
    a: &Assessment,
    lang: Lang,
) -> Option<ClassificationView> {
    let c = classify(a)?;
    let previous = find(ws, &unit.id, a.year - 1).and_then(classify);
    let size = match unit.record(a.year).and_then(|r| r.members) {
        Some(m) => say(
            lang,
            "{} ({} {thành viên|members})",
            &[SizeClass::of_members(m).label(lang), &m.to_string()],
        ),
        None => pick2(lang, "chưa có số thành viên|no member count").to_owned(),
    };
    Some(ClassificationView {
        total: format!("{} / {}", points(c.total, lang), points(c.max_total, lang)),
        grade: outcome_text(&c, lang),
        size,
        previous: previous.as_ref().map(|p| {
            (
                say(lang, "{Năm|Year} {}", &[&(a.year - 1).to_string()]),
                format!("{} · {}", points(p.total, lang), outcome_text(p, lang)),
            )
        }),
        invalid: (!c.invalid_items.is_empty()).then(|| {
            say(
                lang,
                "{Điểm vượt tối đa, không tính|Scores above their maximum, not counted}: {}",
                &[&c.invalid_items.join(", ")],
            )
        }),
        radar: radar(&c, previous.as_ref(), a.year, lang),
    })
}

/// An action of the plan as the page and the report show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionRow {
    pub id: u32,
    /// Its place in the list, from 1: what its controls' labels say.
    pub number: usize,
    /// The gap it answers.
    pub gap: String,
    pub action: String,
    pub owner: String,
    /// ISO, for the date input.
    pub due: String,
    /// In the page's format, for the report.
    pub due_shown: String,
    pub status: ActionStatus,
}

fn gap_text(found: &[Gap], source: &str, lang: Lang) -> String {
    found.iter().find(|g| g.source == source).map_or_else(
        || say(lang, "{} ({đã khắc phục|no longer a gap})", &[source]),
        |g| g.description(lang),
    )
}

/// The action plan, each item under the gap it answers.
pub fn action_rows(unit: &Unit, a: &Assessment, lang: Lang) -> Vec<ActionRow> {
    let found = gaps(unit, a);
    a.actions
        .iter()
        .enumerate()
        .map(|(i, item)| ActionRow {
            id: item.id,
            number: i + 1,
            gap: gap_text(&found, &item.source, lang),
            action: item.action.clone(),
            owner: item.owner.clone(),
            due: item.due.map(iso_date).unwrap_or_default(),
            due_shown: item.due.map(|d| format_date(d, lang)).unwrap_or_default(),
            status: item.status,
        })
        .collect()
}

/// How many gaps have no action yet.
pub fn open_gaps(unit: &Unit, a: &Assessment) -> usize {
    gaps(unit, a)
        .into_iter()
        .filter(|g| !a.actions.iter().any(|x| x.source == g.source))
        .count()
}

/// What is said of the gaps without an action.
pub fn open_gaps_text(open: usize, lang: Lang) -> String {
    if open == 0 {
        pick2(
            lang,
            "Mọi điểm cần khắc phục đã có hành động.|Every gap has an action.",
        )
        .to_owned()
    } else {
        say(
            lang,
            "{} {điểm cần khắc phục chưa có hành động.|gaps without an action.}",
            &[&open.to_string()],
        )
    }
}

/// Points by criterion for the year, against the year before when given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriteriaTable {
    /// The columns' years: this one, and last when compared.
    pub years: Vec<String>,
    /// `("7. name", points by year, max)`.
    pub rows: Vec<(String, Vec<String>, String)>,
}

fn criteria_table(
    c: &Classification,
    previous: Option<&Classification>,
    year: i32,
    lang: Lang,
) -> CriteriaTable {
    let shown = |s: Option<i64>| s.map_or("—".to_owned(), |s| points(s, lang));
    let mut years = vec![year.to_string()];
    if previous.is_some() {
        years.push((year - 1).to_string());
    }
    let rows = c
        .criteria
        .iter()
        .map(|ct| {
            let mut cells = vec![shown(ct.score)];
            if let Some(p) = previous {
                let before = p.criteria.iter().find(|x| x.number == ct.number);
                cells.push(shown(before.and_then(|x| x.score)));
            }
            (
                format!("{}. {}", ct.number, ct.name.get(lang)),
                cells,
                points(ct.max, lang),
            )
        })
        .collect();
    CriteriaTable { years, rows }
}

/// The one-page A4 report: name, code, year, scores by criterion, grade,
/// checklist failures with citations and the action plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    /// Code, date and rubric.
    pub line: String,
    /// People's credit funds are not graded.
    pub credit_fund: bool,
    pub grade: Option<String>,
    pub criteria: Option<CriteriaTable>,
    /// The rule set's title and its summary.
    pub checklist: String,
    pub failures: Vec<Failure>,
    pub actions: Vec<ActionRow>,
}

pub fn report(ws: &Workspace, unit: &Unit, a: &Assessment, lang: Lang) -> Report {
    let code = if unit.registration_code.is_empty() {
        "—"
    } else {
        &unit.registration_code
    };
    let previous = find(ws, &unit.id, a.year - 1).and_then(classify);
    let credit_fund = unit.kind == UnitKind::Qtdnd;
    let classified = (!credit_fund).then(|| classify(a)).flatten();
    let results = evaluate(unit, a);
    Report {
        title: say(
            lang,
            "{Báo cáo tự đánh giá năm|Self-assessment report} {} — {}",
            &[&a.year.to_string(), &unit.name],
        ),
        line: say(
            lang,
            "{Mã số|Code}: {} · {Ngày đánh giá|Assessed on}: {} · {Thang điểm|Rubric}: {}",
            &[code, &format_date(a.assessed_on, lang), &a.rubric_version],
        ),
        credit_fund,
        grade: classified.as_ref().map(|c| {
            say(
                lang,
                "{Tổng điểm|Total}: {} / {} · {Xếp loại|Grade}: {}",
                &[
                    &points(c.total, lang),
                    &points(c.max_total, lang),
                    &outcome_text(c, lang),
                ],
            )
        }),
        criteria: classified
            .as_ref()
            .map(|c| criteria_table(c, previous.as_ref(), a.year, lang)),
        checklist: format!(
            "{} — {}",
            a.law().rules().title.get(lang),
            summary_text(&Summary::of(&results), lang)
        ),
        failures: failures(&results, lang),
        actions: action_rows(unit, a, lang),
    }
}

/// Why a people's credit fund is not graded under TT 01/2020: the issue
/// that asked for this cites its Art. 1.2.c, which leaves them to the
/// State Bank's rules. The Circular's text is not in the app's reference
/// copy, so the citation is shown as not verified: `(before, "not
/// verified", after)`, the middle emphasised.
pub fn credit_fund_notice(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Vi => (
            "Quỹ tín dụng nhân dân không xếp loại theo Thông tư 01/2020/TT-BKHĐT: việc phân loại quỹ tín dụng nhân dân theo quy định của Ngân hàng Nhà nước Việt Nam (Điều 1 khoản 2 điểm c của Thông tư — ",
            "chưa kiểm chứng",
            " với văn bản gốc).",
        ),
        Lang::En => (
            "People's credit funds are not graded under Circular 01/2020/TT-BKHĐT: they are classified under the State Bank of Vietnam's rules (the Circular's Art. 1.2.c — ",
            "not verified",
            " against the original text).",
        ),
    }
}
