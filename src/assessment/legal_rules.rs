//! The legal compliance checklist: two versioned rule sets and their
//! evaluation against a unit's data.
//!
//! Each rule names its document and article. A rule is either checked
//! automatically from the yearly record and the [`GovernanceFacts`], or
//! answered by the manager. An automatic check whose data is missing is
//! [`Outcome::Unanswered`], never a pass or a failure.
//!
//! Sources: `reference/research-notes.md` §2 and, for the 2023 law, the
//! codified text in `reference/phap-dien-hop-tac-xa-2023.md`.

use chrono::{Datelike, NaiveDate};

use super::{at_most, Answer, Assessment, StaticText, Verification, FACTS};
use crate::domain::unit::{CoopModel, Unit, UnitKind};
use crate::i18n::Lang;
use crate::i18n::{pick2, say};

/// The law a rule set implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Law {
    /// Luật Hợp tác xã số 23/2012/QH13 with Nghị định 193/2013/NĐ-CP and
    /// Nghị định 107/2017/NĐ-CP; in force 01/07/2013 – 30/06/2024.
    Coop2012,
    /// Luật Hợp tác xã số 17/2023/QH15 and its guiding texts; in force from
    /// 01/07/2024.
    Coop2023,
}

impl Law {
    pub const ALL: [Law; 2] = [Law::Coop2012, Law::Coop2023];

    /// The first day the 2023 law applies (Luật 17/2023/QH15, Điều 115).
    pub fn coop_2023_effective() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The law in force on `date`. Dates before 01/07/2013 (the 2003 law,
    /// not modelled) get the 2012 set, which the plan's reorganisation
    /// target measures against.
    pub fn in_force_on(date: NaiveDate) -> Law {
        if date >= Law::coop_2023_effective() {
            Law::Coop2023
        } else {
            Law::Coop2012
        }
    }

    pub fn rules(self) -> &'static RuleSet {
        match self {
            Law::Coop2012 => &RULES_2012,
            Law::Coop2023 => &RULES_2023,
        }
    }
}

/// A version of the checklist for one law.
#[derive(Debug)]
pub struct RuleSet {
    pub law: Law,
    /// Changes whenever a rule or a figure changes.
    pub version: &'static str,
    pub title: StaticText,
    pub rules: &'static [LegalRule],
}

#[derive(Debug, PartialEq, Eq)]
pub struct LegalRule {
    pub id: &'static str,
    pub text: StaticText,
    pub citation: &'static str,
    pub mandatory: bool,
    /// How far the rule's figure and citation have been checked.
    pub verification: Verification,
    pub check: Check,
}

impl LegalRule {
    pub fn is_automatic(&self) -> bool {
        matches!(self.check, Check::Automatic(_))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Answered yes / no / not applicable by the manager.
    Manual,
    Automatic(AutoCheck),
}

/// An automatic check with its figures; `htx` applies to cooperatives, and
/// `union` to unions of cooperatives (LHHTX).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoCheck {
    /// Members at least the minimum (for a union: member cooperatives).
    /// With `official`, only official members count (the 2023 law): the
    /// yearly record's member count is all members, so it can only show a
    /// failure; a pass needs the official count entered.
    MinimumMembers {
        htx: i64,
        union: i64,
        official: bool,
    },
    /// The largest member's share of the charter capital at most the cap, in percent.
    MaxCapitalShare { htx: i64, union: i64 },
    /// A supervisory board (Ban kiểm soát) from this many members on.
    SupervisoryBoardFromMembers { htx: i64, union: i64 },
    /// A supervisory board where the governance model is the full one.
    SupervisoryBoardUnderFullModel,
    /// Board of management size within the range (both ends included).
    BoardSize { min: i64, max: i64 },
    /// The annual general meeting within this many months of the end of
    /// the financial year (taken as the calendar year).
    AnnualMeetingWithinMonths(u32),
    /// Products and services supplied to non-members at most this share of
    /// the total, in percent.
    NonMemberSupplyAtMost(i64),
    /// A fund allocation at least this share of its income, in percent.
    FundAtLeast { fund: Fund, htx: i64, union: i64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fund {
    /// Quỹ đầu tư phát triển, of the income to allocate (2012).
    Development,
    /// Quỹ dự phòng tài chính, of the income to allocate (2012).
    Reserve,
    /// Quỹ chung không chia, of the income from external transactions (2023).
    Indivisible,
}

const fn rule(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    citation: &'static str,
    mandatory: bool,
    verification: Verification,
    check: Check,
) -> LegalRule {
    LegalRule {
        id,
        text: StaticText::new(vi, en),
        citation,
        mandatory,
        verification,
        check,
    }
}

use Check::{Automatic, Manual};
use Verification::{Secondary, Unverified, Verified};

/// Law 23/2012/QH13 with Decrees 193/2013 and 107/2017 (research notes §2.1).
pub static RULES_2012: RuleSet = RuleSet {
    law: Law::Coop2012,
    version: "luat-htx-2012/v1",
    title: StaticText::new(
        "Luật Hợp tác xã 2012 (23/2012/QH13), Nghị định 193/2013/NĐ-CP, Nghị định 107/2017/NĐ-CP",
        "Law on Cooperatives 2012 (23/2012/QH13), Decree 193/2013/NĐ-CP, Decree 107/2017/NĐ-CP",
    ),
    rules: &[
        rule(
            "2012-members",
            "Hợp tác xã có ít nhất 7 thành viên; liên hiệp hợp tác xã có ít nhất 4 hợp tác xã thành viên.",
            "A cooperative has at least 7 members; a union has at least 4 member cooperatives.",
            "Luật 23/2012/QH13, Điều 3",
            true,
            Verified,
            Automatic(AutoCheck::MinimumMembers {
                htx: 7,
                union: 4,
                official: false,
            }),
        ),
        rule(
            "2012-capital-cap",
            "Vốn góp của một thành viên không quá 20% vốn điều lệ (hợp tác xã thành viên của liên hiệp: không quá 30%).",
            "No member's capital exceeds 20 % of the charter capital (a member cooperative of a union: 30 %).",
            "Luật 23/2012/QH13, Điều 17 khoản 1",
            true,
            Verified,
            Automatic(AutoCheck::MaxCapitalShare { htx: 20, union: 30 }),
        ),
        rule(
            "2012-capital-paid",
            "Thành viên góp đủ vốn trong 6 tháng kể từ ngày được cấp giấy chứng nhận đăng ký hoặc kết nạp, và được cấp giấy chứng nhận vốn góp.",
            "Members pay their capital in full within 6 months of registration or admission and receive a capital certificate.",
            "Luật 23/2012/QH13, Điều 17 khoản 3",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2012-bodies",
            "Có đủ tổ chức quản lý: đại hội thành viên, hội đồng quản trị, giám đốc (tổng giám đốc), ban kiểm soát hoặc kiểm soát viên.",
            "The governing bodies exist: general meeting, board of management, director, supervisory board or controller.",
            "Luật 23/2012/QH13, Điều 29",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2012-board-size",
            "Hội đồng quản trị có từ 3 đến 15 thành viên.",
            "The board of management has 3 to 15 members.",
            "Luật 23/2012/QH13, Điều 35",
            true,
            Verified,
            Automatic(AutoCheck::BoardSize { min: 3, max: 15 }),
        ),
        rule(
            "2012-board-meetings",
            "Hội đồng quản trị họp ít nhất 3 tháng một lần (liên hiệp: 6 tháng).",
            "The board meets at least every 3 months (a union: every 6 months).",
            "Luật 23/2012/QH13, Điều 35",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2012-supervisory-board",
            "Hợp tác xã có từ 30 thành viên trở lên (liên hiệp: từ 10 thành viên) phải bầu ban kiểm soát.",
            "A cooperative with 30 or more members (a union: 10 or more) must elect a supervisory board.",
            "Luật 23/2012/QH13, Điều 39 khoản 2",
            true,
            Verified,
            Automatic(AutoCheck::SupervisoryBoardFromMembers { htx: 30, union: 10 }),
        ),
        rule(
            "2012-annual-meeting",
            "Đại hội thành viên thường niên họp trong thời hạn 3 tháng kể từ ngày kết thúc năm tài chính.",
            "The annual general meeting is held within 3 months of the end of the financial year.",
            "Luật 23/2012/QH13, Điều 31",
            true,
            Verified,
            Automatic(AutoCheck::AnnualMeetingWithinMonths(3)),
        ),
        rule(
            "2012-non-member-supply",
            "Giá trị sản phẩm, dịch vụ cung ứng ra ngoài thành viên không vượt quá 50% tổng giá trị cung ứng.",
            "Products and services supplied to non-members do not exceed 50 % of the total supplied.",
            "Nghị định 193/2013/NĐ-CP, Điều 5 (sửa đổi bởi Nghị định 107/2017/NĐ-CP); khoản, điểm chưa kiểm chứng",
            true,
            Secondary,
            Automatic(AutoCheck::NonMemberSupplyAtMost(50)),
        ),
        rule(
            "2012-job-creation-wages",
            "Hợp tác xã tạo việc làm: tiền lương của người lao động không phải thành viên (hợp đồng không xác định thời hạn) không quá 30% tổng quỹ lương của lao động loại này.",
            "A job-creation cooperative: wages of non-member employees on indefinite contracts do not exceed 30 % of the payroll of such employees.",
            "Nghị định 193/2013/NĐ-CP, Điều 5 (sửa đổi bởi Nghị định 107/2017/NĐ-CP); khoản, điểm chưa kiểm chứng",
            true,
            Secondary,
            Manual,
        ),
        rule(
            "2012-development-fund",
            "Trích quỹ đầu tư phát triển không thấp hơn 20% thu nhập.",
            "At least 20 % of income is allocated to the development investment fund.",
            "Luật 23/2012/QH13, Điều 46",
            true,
            Secondary,
            Automatic(AutoCheck::FundAtLeast { fund: Fund::Development, htx: 20, union: 20 }),
        ),
        rule(
            "2012-reserve-fund",
            "Trích quỹ dự phòng tài chính không thấp hơn 5% thu nhập.",
            "At least 5 % of income is allocated to the financial reserve fund.",
            "Luật 23/2012/QH13, Điều 46",
            true,
            Secondary,
            Automatic(AutoCheck::FundAtLeast { fund: Fund::Reserve, htx: 5, union: 5 }),
        ),
        rule(
            "2012-distribution",
            "Thu nhập còn lại được phân phối chủ yếu theo mức độ sử dụng dịch vụ hoặc công sức lao động đóng góp, sau đó theo vốn góp.",
            "The remaining income is distributed mainly by use of services or labour contributed, then by capital.",
            "Luật 23/2012/QH13, Điều 46",
            true,
            Secondary,
            Manual,
        ),
        rule(
            "2012-annual-report",
            "Gửi báo cáo tình hình hoạt động hằng năm cho cơ quan đăng ký trước ngày 15 tháng 01.",
            "The annual activity report reaches the registration office before 15 January.",
            "Nghị định 193/2013/NĐ-CP (sửa đổi bởi Nghị định 107/2017/NĐ-CP); số điều chưa kiểm chứng",
            true,
            Unverified,
            Manual,
        ),
    ],
};

/// Law 17/2023/QH15 (research notes §2.2; articles from the Pháp điển copy).
pub static RULES_2023: RuleSet = RuleSet {
    law: Law::Coop2023,
    version: "luat-htx-2023/v1",
    title: StaticText::new(
        "Luật Hợp tác xã 2023 (17/2023/QH15) và văn bản hướng dẫn",
        "Law on Cooperatives 2023 (17/2023/QH15) and its guiding texts",
    ),
    rules: &[
        rule(
            "2023-members",
            "Hợp tác xã có ít nhất 5 thành viên chính thức; liên hiệp hợp tác xã có ít nhất 3 hợp tác xã thành viên chính thức.",
            "A cooperative has at least 5 official members; a union has at least 3 official member cooperatives.",
            "Luật 17/2023/QH15, Điều 4 khoản 7, khoản 8",
            true,
            Verified,
            Automatic(AutoCheck::MinimumMembers {
                htx: 5,
                union: 3,
                official: true,
            }),
        ),
        rule(
            "2023-capital-cap",
            "Vốn góp tối đa của một thành viên chính thức không quá 30% vốn điều lệ (liên hiệp: 40%).",
            "No official member's capital exceeds 30 % of the charter capital (a union: 40 %).",
            "Luật 17/2023/QH15, Điều 74 khoản 1",
            true,
            Verified,
            Automatic(AutoCheck::MaxCapitalShare { htx: 30, union: 40 }),
        ),
        rule(
            "2023-associate-capital",
            "Tổng vốn góp của thành viên liên kết góp vốn không quá 30% vốn điều lệ (liên hiệp: 40%); của nhà đầu tư nước ngoài không quá 30%.",
            "Capital of all capital-contributing associate members stays within 30 % of the charter capital (a union: 40 %); foreign investors' within 30 %.",
            "Luật 17/2023/QH15, Điều 74 khoản 2, khoản 3",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-capital-paid",
            "Thành viên góp đủ vốn trong thời hạn 6 tháng theo Điều lệ.",
            "Members pay their capital in full within 6 months as the charter provides.",
            "Luật 17/2023/QH15, Điều 74 khoản 4",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-governance-model",
            "Tổ chức quản trị đúng quy mô: hợp tác xã quy mô nhỏ, vừa, lớn phải theo tổ chức quản trị đầy đủ; chỉ quy mô siêu nhỏ được rút gọn.",
            "The governance model fits the size: small, medium and large cooperatives use the full model; only micro ones may use the reduced model.",
            "Luật 17/2023/QH15, Điều 56 khoản 2, khoản 3",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-board-size",
            "Hội đồng quản trị (tổ chức quản trị đầy đủ) có từ 3 đến 15 người.",
            "The board of management (full model) has 3 to 15 people.",
            "Luật 17/2023/QH15, Điều 65 khoản 1",
            true,
            Verified,
            Automatic(AutoCheck::BoardSize { min: 3, max: 15 }),
        ),
        rule(
            "2023-supervisory-board",
            "Tổ chức quản trị đầy đủ có Ban kiểm soát (1 đến 7 thành viên); tổ chức rút gọn có kiểm soát viên.",
            "The full model has a supervisory board (1 to 7 members); the reduced model a controller.",
            "Luật 17/2023/QH15, Điều 56 khoản 1, Điều 69 khoản 1",
            true,
            Verified,
            Automatic(AutoCheck::SupervisoryBoardUnderFullModel),
        ),
        rule(
            "2023-annual-meeting",
            "Đại hội thành viên thường niên được triệu tập trong thời hạn 4 tháng kể từ ngày kết thúc năm tài chính.",
            "The annual general meeting is convened within 4 months of the end of the financial year.",
            "Luật 17/2023/QH15, Điều 59 khoản 1",
            true,
            Verified,
            Automatic(AutoCheck::AnnualMeetingWithinMonths(4)),
        ),
        rule(
            "2023-supermajority",
            "Các quyết định sửa Điều lệ, đầu tư hoặc bán tài sản từ 20% tổng tài sản, thay đổi tổ chức quản trị, tổ chức lại, giải thể được thông qua với ít nhất 65% biểu quyết.",
            "Charter changes, investing or selling 20 % or more of assets, changing the governance model, reorganisation and dissolution pass with at least 65 % of votes.",
            "Luật 17/2023/QH15, Điều 61 khoản 2",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-incompatibilities",
            "Thành viên Hội đồng quản trị không đồng thời là thành viên Ban kiểm soát, kiểm soát viên, kế toán trưởng, thủ quỹ.",
            "No board member is also on the supervisory board, the controller, the chief accountant or the cashier.",
            "Luật 17/2023/QH15, Điều 62 khoản 1 điểm b",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-indivisible-fund",
            "Trích quỹ chung không chia từ thu nhập giao dịch bên ngoài không thấp hơn 5% (liên hiệp: 10%).",
            "At least 5 % of income from external transactions goes to the indivisible common fund (a union: 10 %).",
            "Luật 17/2023/QH15, Điều 84 khoản 2",
            true,
            Verified,
            Automatic(AutoCheck::FundAtLeast { fund: Fund::Indivisible, htx: 5, union: 10 }),
        ),
        rule(
            "2023-separate-income",
            "Hạch toán riêng thu nhập từ giao dịch nội bộ và giao dịch bên ngoài.",
            "Income from internal and external transactions is accounted for separately.",
            "Luật 17/2023/QH15, Điều 85",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-internal-distribution",
            "Thu nhập từ giao dịch nội bộ còn lại phân phối tối thiểu 51% cho thành viên chính thức theo mức độ sử dụng sản phẩm, dịch vụ và góp sức lao động.",
            "At least 51 % of the remaining internal-transaction income goes to official members by use of products, services and labour.",
            "Luật 17/2023/QH15, Điều 86 khoản 3 điểm a",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-disclosure",
            "Công khai Điều lệ, nghị quyết, danh sách vốn góp, báo cáo tài chính năm, quỹ chung không chia tại trụ sở.",
            "The charter, resolutions, member capital list, annual accounts and indivisible funds are posted at the head office.",
            "Luật 17/2023/QH15, Điều 14",
            true,
            Verified,
            Manual,
        ),
        rule(
            "2023-charter-amended",
            "Hợp tác xã thành lập trước 01/07/2024 đã sửa đổi Điều lệ theo Luật 2023 trong thời hạn 18 tháng.",
            "A cooperative founded before 01/07/2024 amended its charter to the 2023 law within 18 months.",
            "Luật 17/2023/QH15, Điều 115 khoản 1",
            true,
            Verified,
            Manual,
        ),
    ],
};

/// The result of one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    NotApplicable,
    /// Not answered, or an automatic check whose data is missing.
    Unanswered,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleResult {
    pub rule: &'static LegalRule,
    pub outcome: Outcome,
    /// What the data showed (automatic rules) or what is missing, in the
    /// language asked for ([`evaluate_in`]).
    pub detail: String,
}

/// Counts of a checklist's outcomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub mandatory_failed: usize,
    pub mandatory_unanswered: usize,
}

impl Summary {
    pub fn of(results: &[RuleResult]) -> Summary {
        let mut summary = Summary::default();
        for result in results {
            match result.outcome {
                Outcome::Pass => summary.passed += 1,
                Outcome::Fail => summary.failed += 1,
                Outcome::NotApplicable => summary.not_applicable += 1,
                Outcome::Unanswered => summary.unanswered += 1,
            }
            if result.rule.mandatory {
                match result.outcome {
                    Outcome::Fail => summary.mandatory_failed += 1,
                    Outcome::Unanswered => summary.mandatory_unanswered += 1,
                    Outcome::Pass | Outcome::NotApplicable => {}
                }
            }
        }
        summary
    }

    /// Every mandatory rule passed (or does not apply): for the 2012 set,
    /// what "reorganised under the 2012 law" (target T1) means.
    pub fn all_mandatory_pass(&self) -> bool {
        self.mandatory_failed == 0 && self.mandatory_unanswered == 0
    }
}

/// Evaluates the assessment's rule set (its `law`) for the unit.
pub fn evaluate(unit: &Unit, assessment: &Assessment) -> Vec<RuleResult> {
    evaluate_law(unit, assessment, assessment.law())
}

/// Evaluates the rules of `law`, whichever the assessment is set to.
pub fn evaluate_law(unit: &Unit, assessment: &Assessment, law: Law) -> Vec<RuleResult> {
    evaluate_in(unit, assessment, law, Lang::En)
}

/// Evaluates the rules of `law`, the details in `lang`.
pub fn evaluate_in(unit: &Unit, assessment: &Assessment, law: Law, lang: Lang) -> Vec<RuleResult> {
    law.rules()
        .rules
        .iter()
        .map(|rule| {
            let (outcome, detail) = match rule.check {
                Check::Manual => manual(assessment, rule),
                Check::Automatic(check) => match automatic(unit, assessment, law, check) {
                    Ok(outcome) => (outcome, String::new()),
                    Err(what) => (
                        Outcome::Unanswered,
                        say(
                            lang,
                            "{Thiếu số liệu|Missing data}: {}",
                            &[pick2(lang, what)],
                        ),
                    ),
                },
            };
            RuleResult {
                rule,
                outcome,
                detail,
            }
        })
        .collect()
}

/// A manual rule's outcome: its answer (the checklist shows it, so no
/// detail is needed).
fn manual(assessment: &Assessment, rule: &LegalRule) -> (Outcome, String) {
    let outcome = match assessment.answer(rule.id) {
        Some(Answer::Yes) => Outcome::Pass,
        Some(Answer::No) => Outcome::Fail,
        Some(Answer::NotApplicable) => Outcome::NotApplicable,
        None => Outcome::Unanswered,
    };
    (outcome, String::new())
}

/// The threshold for the unit's kind, or `None` where the rule set does
/// not speak to it (a people's credit fund follows the credit-institution
/// law; a cooperative group is not a cooperative).
fn for_kind(kind: UnitKind, htx: i64, union: i64) -> Option<i64> {
    match kind {
        UnitKind::Htx => Some(htx),
        UnitKind::Lhhtx => Some(union),
        UnitKind::Qtdnd | UnitKind::Tht => None,
    }
}

fn pass(ok: bool) -> Outcome {
    if ok {
        Outcome::Pass
    } else {
        Outcome::Fail
    }
}

const MEMBERS: &str = "Số thành viên trong năm|Members in the year";

/// An automatic check's outcome, or which figure is missing (the labels
/// of [`FACTS`] where it is one of the facts). The facts form shows the
/// figures and the rule's text the threshold.
fn automatic(
    unit: &Unit,
    a: &Assessment,
    law: Law,
    check: AutoCheck,
) -> Result<Outcome, &'static str> {
    use Outcome::NotApplicable;
    let record = unit.record(a.year);
    let members = record.and_then(|r| r.members);
    let fact = |i: usize| a.value(FACTS[i].0, "");
    // Amounts are checked when entered.
    let amount = |i: usize| fact(i)?.parse::<f64>().ok();
    let label = |i: usize| FACTS[i].1;
    let has_board = fact(1).map(|v| v == "yes");
    let within = |share: f64, cap: i64| at_most(share, cap as f64);
    match check {
        AutoCheck::MinimumMembers {
            htx,
            union,
            official: false,
        } => match (for_kind(unit.kind, htx, union), members) {
            (None, _) => Ok(NotApplicable),
            (_, None) => Err(MEMBERS),
            (Some(min), Some(m)) => Ok(pass(m >= min)),
        },
        AutoCheck::MinimumMembers {
            htx,
            union,
            official: true,
        } => match (
            for_kind(unit.kind, htx, union),
            a.number(FACTS[10].0),
            members,
        ) {
            (None, _, _) => Ok(NotApplicable),
            (Some(min), Some(official), _) => Ok(pass(official >= min)),
            // Fewer members in all than the minimum: fewer official ones too.
            (Some(min), None, Some(all)) if all < min => Ok(pass(false)),
            (Some(_), None, _) => Err(label(10)),
        },
        AutoCheck::MaxCapitalShare { htx, union } => {
            match (for_kind(unit.kind, htx, union), amount(4)) {
                (None, _) => Ok(NotApplicable),
                (_, None) => Err(label(4)),
                (Some(cap), Some(share)) => Ok(pass(within(share, cap))),
            }
        }
        AutoCheck::SupervisoryBoardFromMembers { htx, union } => {
            match (for_kind(unit.kind, htx, union), members, has_board) {
                (None, _, _) => Ok(NotApplicable),
                (_, None, _) => Err(MEMBERS),
                // Under the threshold the charter chooses a board or a controller.
                (Some(from), Some(m), _) if m < from => Ok(NotApplicable),
                (_, _, None) => Err(label(1)),
                (_, _, Some(has)) => Ok(pass(has)),
            }
        }
        AutoCheck::SupervisoryBoardUnderFullModel => match (fact(2).as_deref(), has_board) {
            (None, _) => Err(label(2)),
            // The reduced model has a controller instead of a board.
            (Some("reduced"), _) => Ok(NotApplicable),
            (_, None) => Err(label(1)),
            (_, Some(has)) => Ok(pass(has)),
        },
        AutoCheck::BoardSize { min, max } => match a.number(FACTS[0].0) {
            // The reduced model has no board of management.
            _ if law == Law::Coop2023 && fact(2).as_deref() == Some("reduced") => Ok(NotApplicable),
            None => Err(label(0)),
            Some(size) => Ok(pass((min..=max).contains(&size))),
        },
        AutoCheck::AnnualMeetingWithinMonths(months) => {
            let held = fact(3).as_deref().and_then(crate::i18n::format::parse_iso);
            let first = NaiveDate::from_ymd_opt(a.year + 1, 1, 1);
            match (held, first, annual_meeting_deadline(a.year, months)) {
                (Some(held), Some(first), Some(deadline)) => {
                    Ok(pass(held >= first && held <= deadline))
                }
                _ => Err(label(3)),
            }
        }
        AutoCheck::NonMemberSupplyAtMost(cap) => {
            match record.and_then(|r| r.non_member_supply_percent.as_ref()) {
                // A job-creation cooperative follows the wage rule instead.
                _ if unit.model == Some(CoopModel::JobCreation) => Ok(NotApplicable),
                None => Err("Tỷ lệ cung ứng ra ngoài thành viên|Share supplied to non-members"),
                Some(share) => Ok(pass(within(share.to_f64(), cap))),
            }
        }
        AutoCheck::FundAtLeast { fund, htx, union } => {
            // The facts of the income and of the allocation.
            let (income, allocated) = match fund {
                Fund::Development => (5, 6),
                Fund::Reserve => (5, 7),
                Fund::Indivisible => (8, 9),
            };
            match (
                for_kind(unit.kind, htx, union),
                amount(income),
                amount(allocated),
            ) {
                (None, _, _) => Ok(NotApplicable),
                (_, None, _) => Err(label(income)),
                (_, _, None) => Err(label(allocated)),
                // No income, nothing to allocate.
                (_, Some(income), _) if within(income, 0) => Ok(NotApplicable),
                // allocated / income ≥ minimum / 100  ⇔  allocated × 100 ≥ income × minimum
                (Some(min), Some(income), Some(allocated)) => {
                    Ok(pass(at_most(income * min as f64, allocated * 100.0)))
                }
            }
        }
    }
}

/// The last day for the annual meeting: `months` months after 31/12 of
/// `year` (3 months: 31/03; 4 months: 30/04 of the next year).
pub fn annual_meeting_deadline(year: i32, months: u32) -> Option<NaiveDate> {
    let next = year.checked_add(1)?;
    let first_after = if months >= 12 {
        NaiveDate::from_ymd_opt(next.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(next, months + 1, 1)?
    };
    first_after.pred_opt().filter(|d| d.year() >= next)
}
