//! Classification of a cooperative under Thông tư 01/2020/TT-BKHĐT: the
//! rubric as versioned data, score checking, total, grade and size class.
//!
//! Points are counted in hundredths ([`super::hundredths`]) so that the grade
//! boundaries are exact: 80 is Tốt and 79.99 is Khá.
//!
//! The maxima of groups I–II come from a reworded copy of the circular's
//! appendix (research notes §3.1, 🟡); those of groups III–IV were not found
//! in any source and are placeholders the user can correct.

use super::{hundredths, Assessment, StaticText, Verification};
use crate::domain::decimal::Decimal;
use crate::domain::unit::{Qualification, YearRecord};
use crate::i18n::Lang;

/// A version of the rubric.
#[derive(Debug)]
pub struct Rubric {
    pub version: &'static str,
    pub source: &'static str,
    pub groups: &'static [CriterionGroup],
}

#[derive(Debug)]
pub struct CriterionGroup {
    /// I to IV.
    pub number: u8,
    pub name: StaticText,
    pub criteria: &'static [Criterion],
}

#[derive(Debug)]
pub struct Criterion {
    /// 1 to 15.
    pub number: u8,
    pub name: StaticText,
    pub max: u32,
    pub verification: Verification,
    pub items: &'static [SubItem],
}

#[derive(Debug)]
pub struct SubItem {
    /// "1a", "7c", …
    pub id: &'static str,
    pub name: StaticText,
    pub max: u32,
}

/// A unit of scoring: a sub-item, or a criterion that has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScoringItem {
    pub id: &'static str,
    pub criterion: u8,
    pub name: StaticText,
    pub max: u32,
    /// The maximum may be corrected by the user (an unverified criterion
    /// without sub-items).
    pub editable: bool,
}

const fn t(vi: &'static str, en: &'static str) -> StaticText {
    StaticText::new(vi, en)
}

const fn item(id: &'static str, vi: &'static str, en: &'static str, max: u32) -> SubItem {
    SubItem {
        id,
        name: t(vi, en),
        max,
    }
}

const fn criterion(
    number: u8,
    vi: &'static str,
    en: &'static str,
    max: u32,
    verification: Verification,
    items: &'static [SubItem],
) -> Criterion {
    Criterion {
        number,
        name: t(vi, en),
        max,
        verification,
        items,
    }
}

use Verification::{Secondary, Unverified};

/// Thông tư 01/2020/TT-BKHĐT, Phụ lục II (bảng tiêu chí đánh giá). Names of
/// the 15 criteria ✅; points of groups I–II 🟡 (research notes §3.1);
/// points of groups III–IV ⚠️: placeholders summing to the 40 points left
/// of the 100, split 25 / 15 from an unchecked recollection.
pub static TT01_2020_V1: Rubric = Rubric {
    version: "tt01-2020/v1",
    source: "Thông tư 01/2020/TT-BKHĐT, Phụ lục II",
    groups: &[
        CriterionGroup {
            number: 1,
            name: t("Tài chính", "Finance"),
            criteria: &[
                criterion(
                    1,
                    "Vốn của hợp tác xã",
                    "Capital",
                    7,
                    Secondary,
                    &[
                        item("1a", "Tổng nguồn vốn bình quân", "Average total capital", 6),
                        item(
                            "1b",
                            "Tăng so với năm trước",
                            "Growth on the previous year",
                            1,
                        ),
                    ],
                ),
                criterion(
                    2,
                    "Tài sản",
                    "Assets",
                    6,
                    Secondary,
                    &[
                        item(
                            "2a",
                            "Tài sản không chia bình quân",
                            "Average indivisible assets",
                            5,
                        ),
                        item(
                            "2b",
                            "Tăng so với năm trước",
                            "Growth on the previous year",
                            1,
                        ),
                    ],
                ),
                criterion(
                    3,
                    "Kết quả sản xuất, kinh doanh",
                    "Business results",
                    11,
                    Secondary,
                    &[
                        item(
                            "3a",
                            "Doanh thu bán hàng và cung cấp dịch vụ",
                            "Revenue from sales and services",
                            4,
                        ),
                        item(
                            "3b",
                            "Tỷ lệ đáp ứng loại sản phẩm, dịch vụ cho thành viên",
                            "Share of products and services members need that is supplied",
                            3,
                        ),
                        item("3c", "Lợi nhuận trước thuế", "Pre-tax profit", 4),
                    ],
                ),
                criterion(
                    4,
                    "Trích lập quỹ",
                    "Fund allocations",
                    6,
                    Secondary,
                    &[
                        item(
                            "4a",
                            "Quỹ đầu tư phát triển",
                            "Development investment fund",
                            2,
                        ),
                        item("4b", "Quỹ dự phòng", "Reserve fund", 2),
                        item("4c", "Quỹ khác", "Other funds", 2),
                    ],
                ),
            ],
        },
        CriterionGroup {
            number: 2,
            name: t(
                "Quản trị, điều hành và năng lực",
                "Governance, management and capacity",
            ),
            criteria: &[
                criterion(
                    5,
                    "Chấp hành pháp luật",
                    "Compliance with the law",
                    8,
                    Secondary,
                    &[],
                ),
                criterion(
                    6,
                    "Giải quyết tranh chấp, khiếu nại",
                    "Handling of disputes and complaints",
                    6,
                    Secondary,
                    &[],
                ),
                criterion(
                    7,
                    "Trình độ cán bộ quản lý, điều hành",
                    "Qualifications of managers",
                    6,
                    Secondary,
                    &[
                        item(
                            "7a",
                            "Tỷ lệ qua đào tạo đại học, cao đẳng trở lên",
                            "Share trained at university or college level",
                            2,
                        ),
                        item(
                            "7b",
                            "Tỷ lệ qua đào tạo sơ cấp, trung cấp",
                            "Share trained at elementary or intermediate level",
                            2,
                        ),
                        item("7c", "Tỷ lệ cán bộ trẻ", "Share of young managers", 2),
                    ],
                ),
                criterion(
                    8,
                    "Chế độ, chính sách cho thành viên và người lao động",
                    "Benefits for members and workers",
                    6,
                    Secondary,
                    &[],
                ),
                criterion(
                    9,
                    "Ứng dụng khoa học kỹ thuật, thương hiệu, chuỗi giá trị",
                    "Technology, brand and value chains",
                    4,
                    Secondary,
                    &[],
                ),
            ],
        },
        CriterionGroup {
            number: 3,
            name: t("Thành viên", "Members"),
            criteria: &[
                criterion(
                    10,
                    "Mức độ tham gia của thành viên",
                    "Member participation",
                    8,
                    Unverified,
                    &[],
                ),
                criterion(
                    11,
                    "Lợi ích của thành viên",
                    "Member benefits",
                    9,
                    Unverified,
                    &[],
                ),
                criterion(
                    12,
                    "Sản phẩm, dịch vụ cung ứng cho thành viên",
                    "Products and services supplied to members",
                    8,
                    Unverified,
                    &[],
                ),
            ],
        },
        CriterionGroup {
            number: 4,
            name: t("Tác động xã hội", "Social impact"),
            criteria: &[
                criterion(
                    13,
                    "Thông tin, truyền thông, đào tạo",
                    "Information, communication, training",
                    5,
                    Unverified,
                    &[],
                ),
                criterion(
                    14,
                    "Ảnh hưởng tích cực đến cộng đồng",
                    "Positive effect on the community",
                    5,
                    Unverified,
                    &[],
                ),
                criterion(
                    15,
                    "Khen thưởng trong năm",
                    "Awards in the year",
                    5,
                    Unverified,
                    &[],
                ),
            ],
        },
    ],
};

/// The rubric new assessments use.
pub static CURRENT_RUBRIC: &Rubric = &TT01_2020_V1;

/// Every rubric version this build knows, so that old results keep theirs.
pub static RUBRICS: &[&Rubric] = &[&TT01_2020_V1];

pub fn rubric(version: &str) -> Option<&'static Rubric> {
    RUBRICS.iter().copied().find(|r| r.version == version)
}

const CRITERION_IDS: [&str; 16] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
];

/// The maximum of a scoring item (`"1a"`, or a criterion without
/// sub-items such as `"5"`) in an assessment's rubric, with the user's
/// corrections.
pub fn item_max(assessment: &Assessment, item: &str) -> Option<u32> {
    rubric(&assessment.rubric_version)?
        .criteria()
        .into_iter()
        .find_map(|c| match c.items.iter().find(|i| i.id == item) {
            Some(i) => Some(i.max),
            None => (c.items.is_empty() && CRITERION_IDS.get(usize::from(c.number)) == Some(&item))
                .then(|| effective_max(assessment, c)),
        })
}

impl Criterion {
    pub fn is_editable(&self) -> bool {
        self.verification == Verification::Unverified && self.items.is_empty()
    }

    /// The items a user scores: the sub-items, or the criterion itself.
    pub fn scoring_items(&self) -> Vec<ScoringItem> {
        if self.items.is_empty() {
            vec![ScoringItem {
                id: CRITERION_IDS
                    .get(usize::from(self.number))
                    .copied()
                    .unwrap_or("?"),
                criterion: self.number,
                name: self.name,
                max: self.max,
                editable: self.is_editable(),
            }]
        } else {
            self.items
                .iter()
                .map(|i| ScoringItem {
                    id: i.id,
                    criterion: self.number,
                    name: i.name,
                    max: i.max,
                    editable: false,
                })
                .collect()
        }
    }
}

impl Rubric {
    /// The criteria of every group, in order (a list rather than a chain
    /// of iterators: one copy of plain loops instead of generic code at
    /// each use).
    pub fn criteria(&self) -> Vec<&'static Criterion> {
        let mut all = Vec::new();
        for group in self.groups {
            for criterion in group.criteria {
                all.push(criterion);
            }
        }
        all
    }

    pub fn criterion(&self, number: u8) -> Option<&'static Criterion> {
        self.criteria().into_iter().find(|c| c.number == number)
    }

    pub fn max_total(&self) -> u32 {
        self.criteria().iter().map(|c| c.max).sum()
    }
}

/// A criterion's maximum in an assessment: the user's correction where the
/// rubric allows one, else the rubric's.
pub fn effective_max(assessment: &Assessment, criterion: &Criterion) -> u32 {
    if criterion.is_editable() {
        assessment
            .max_override(criterion.number)
            .unwrap_or(criterion.max)
    } else {
        criterion.max
    }
}

/// Why an entered score is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreError {
    NotANumber,
    Negative,
    TooManyDecimals,
    AboveMax(u32),
}

impl ScoreError {
    pub fn message(self, lang: Lang) -> String {
        let (template, max) = match self {
            ScoreError::NotANumber => (
                "{Không phải số (ví dụ 4 hoặc 3,5)|Not a number (e.g. 4 or 3.5)}",
                0,
            ),
            ScoreError::Negative => ("{Điểm không được âm|A score cannot be negative}", 0),
            ScoreError::TooManyDecimals => ("{Tối đa 2 chữ số thập phân|At most 2 decimals}", 0),
            ScoreError::AboveMax(max) => ("{Tối đa|At most} {} {điểm|points}", max),
        };
        crate::i18n::say(lang, template, &[&max.to_string()])
    }
}

/// Parses and checks a score typed by the user: 0 to `max`, at most two
/// decimals; a comma is taken as the decimal point ("3,5").
pub fn parse_score(text: &str, max: u32) -> Result<Decimal, ScoreError> {
    let normalised = text.trim().replace(',', ".");
    let points = Decimal::parse(&normalised).map_err(|_| ScoreError::NotANumber)?;
    let value = hundredths(&points).ok_or(ScoreError::TooManyDecimals)?;
    if value < 0 || points.is_negative() {
        return Err(ScoreError::Negative);
    }
    if value > i64::from(max) * 100 {
        return Err(ScoreError::AboveMax(max));
    }
    Ok(points)
}

/// Xếp loại (Thông tư 01/2020/TT-BKHĐT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    /// Yếu: under 50.
    Weak,
    /// Trung bình: 50 to under 65.
    Average,
    /// Khá: 65 to under 80.
    Good,
    /// Tốt: 80 to 100.
    Excellent,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Average, Grade::Weak];

    /// The grade of a total in hundredths of a point.
    pub fn of_total(total_hundredths: i64) -> Grade {
        if total_hundredths >= 8000 {
            Grade::Excellent
        } else if total_hundredths >= 6500 {
            Grade::Good
        } else if total_hundredths >= 5000 {
            Grade::Average
        } else {
            Grade::Weak
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grade::Excellent => lang.pick("Tốt", "Excellent (Tốt)"),
            Grade::Good => lang.pick("Khá", "Good (Khá)"),
            Grade::Average => lang.pick("Trung bình", "Average (Trung bình)"),
            Grade::Weak => lang.pick("Yếu", "Weak (Yếu)"),
        }
    }
}

/// Why a cooperative is not graded in a year (Thông tư 01/2020/TT-BKHĐT).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotGraded {
    OperatedUnderTwelveMonths,
    StoppedOverThreeMonths,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradeOutcome {
    Graded(Grade),
    NotGraded(NotGraded),
    /// Some items have no score yet.
    Incomplete,
}

/// Whether the cooperative can be graded for the year: it operated the
/// whole 12 months and stopped no more than 3. An unstated figure does not
/// prevent grading.
pub fn eligibility(
    months_operated: Option<i64>,
    months_stopped: Option<i64>,
) -> Result<(), NotGraded> {
    if months_operated.is_some_and(|m| m < 12) {
        return Err(NotGraded::OperatedUnderTwelveMonths);
    }
    if months_stopped.is_some_and(|m| m > 3) {
        return Err(NotGraded::StoppedOverThreeMonths);
    }
    Ok(())
}

/// Quy mô by number of members (Thông tư 01/2020/TT-BKHĐT, Điều 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeClass {
    /// Siêu nhỏ: under 50.
    Micro,
    /// Nhỏ: 50 to 300.
    Small,
    /// Vừa: over 300 to 1,000.
    Medium,
    /// Lớn: over 1,000.
    Large,
}

impl SizeClass {
    pub fn of_members(members: i64) -> SizeClass {
        if members < 50 {
            SizeClass::Micro
        } else if members <= 300 {
            SizeClass::Small
        } else if members <= 1000 {
            SizeClass::Medium
        } else {
            SizeClass::Large
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SizeClass::Micro => lang.pick("Siêu nhỏ", "Micro"),
            SizeClass::Small => lang.pick("Nhỏ", "Small"),
            SizeClass::Medium => lang.pick("Vừa", "Medium"),
            SizeClass::Large => lang.pick("Lớn", "Large"),
        }
    }
}

/// Score and maximum of one criterion group, in hundredths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupTotal {
    pub number: u8,
    pub name: StaticText,
    pub score: i64,
    pub max: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriterionTotal {
    pub number: u8,
    pub name: StaticText,
    /// `None` when no item of the criterion is scored.
    pub score: Option<i64>,
    pub max: i64,
}

/// The classification computed from an assessment's scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub rubric_version: &'static str,
    /// In hundredths of a point.
    pub total: i64,
    pub max_total: i64,
    pub scored_items: usize,
    pub total_items: usize,
    /// Items whose stored score is above its maximum or unreadable (after a
    /// maximum was lowered, say); they count as unscored.
    pub invalid_items: Vec<&'static str>,
    pub groups: Vec<GroupTotal>,
    pub criteria: Vec<CriterionTotal>,
    pub outcome: GradeOutcome,
}

/// Scores the assessment with the rubric version it was saved with.
/// `None` if this build does not know that version.
pub fn classify(assessment: &Assessment) -> Option<Classification> {
    let rubric = rubric(&assessment.rubric_version)?;
    let mut result = Classification {
        rubric_version: rubric.version,
        total: 0,
        max_total: 0,
        scored_items: 0,
        total_items: 0,
        invalid_items: Vec::new(),
        groups: Vec::new(),
        criteria: Vec::new(),
        outcome: GradeOutcome::Incomplete,
    };
    for group in rubric.groups {
        let mut group_total = GroupTotal {
            number: group.number,
            name: group.name,
            score: 0,
            max: 0,
        };
        for criterion in group.criteria {
            let criterion_max = effective_max(assessment, criterion);
            let mut criterion_score: Option<i64> = None;
            for scoring in criterion.scoring_items() {
                let max = if scoring.editable {
                    criterion_max
                } else {
                    scoring.max
                };
                result.total_items += 1;
                let Some(points) = assessment.value("score:", scoring.id) else {
                    continue;
                };
                match points.parse().ok().and_then(super::hundredths_of) {
                    Some(value) if (0..=i64::from(max) * 100).contains(&value) => {
                        result.scored_items += 1;
                        criterion_score = Some(criterion_score.unwrap_or(0) + value);
                    }
                    _ => result.invalid_items.push(scoring.id),
                }
            }
            let score = criterion_score.unwrap_or(0);
            result.total += score;
            group_total.score += score;
            group_total.max += i64::from(criterion_max) * 100;
            result.criteria.push(CriterionTotal {
                number: criterion.number,
                name: criterion.name,
                score: criterion_score,
                max: i64::from(criterion_max) * 100,
            });
        }
        result.max_total += group_total.max;
        result.groups.push(group_total);
    }
    result.outcome = match eligibility(
        assessment.number("months_operated"),
        assessment.number("months_stopped"),
    ) {
        Err(reason) => GradeOutcome::NotGraded(reason),
        Ok(()) if result.scored_items < result.total_items => GradeOutcome::Incomplete,
        Ok(()) => GradeOutcome::Graded(Grade::of_total(result.total)),
    };
    Some(result)
}

/// The grade of a saved assessment, if it has one.
pub fn grade_of(assessment: &Assessment) -> Option<Grade> {
    match classify(assessment)?.outcome {
        GradeOutcome::Graded(grade) => Some(grade),
        GradeOutcome::NotGraded(_) | GradeOutcome::Incomplete => None,
    }
}

/// Shares of the key managers by qualification, for criterion 7: (đại học
/// or cao đẳng, sơ cấp or trung cấp), as fractions of all key managers.
/// `None` when the record lists no manager.
pub fn manager_qualification_shares(record: &YearRecord) -> Option<(f64, f64)> {
    let managers = &record.key_managers;
    if managers.is_empty() {
        return None;
    }
    let count = managers.len() as f64;
    let college = managers
        .iter()
        .filter(|m| m.qualification.is_college_or_above())
        .count() as f64;
    let vocational = managers
        .iter()
        .filter(|m| {
            matches!(
                m.qualification,
                Qualification::Elementary | Qualification::Intermediate
            )
        })
        .count() as f64;
    Some((college / count, vocational / count))
}
