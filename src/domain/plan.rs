//! The plan: its identity, its targets as data, its settings, districts,
//! sectors and tasks.
//!
//! Nothing here computes a target (that is [`crate::domain::indicator`]). The plan is
//! data so that the same engine serves the next plan — Hải Phòng's 2021–2025
//! plan 215/KH-UBND, or another province's — by editing targets, deadlines
//! and lists. [`Plan::hai_phong_135`] is the plan the app ships with, built
//! only from the text in `reference/ke-hoach-135-KH-UBND-2018.txt`: the
//! plan's appendix (Phụ lục) is not in our copy, so none of it is invented.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::task::{Task, TaskStatus};
use crate::i18n::Text;

/// Who issued the plan, when, and what it implements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanIdentity {
    /// "135/KH-UBND".
    pub number: String,
    pub title: Text,
    pub issuer: String,
    pub signer: String,
    #[serde(with = "crate::files::iso_date")]
    pub issued: NaiveDate,
    /// The documents the plan implements, with their dates.
    pub implements: Vec<String>,
    /// Where the plan's text was read.
    pub source: String,
}

/// How an indicator's value is compared with the target value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// Value ≥ target ("đạt 100 %", "1,0 %", "10 HTX").
    #[serde(rename = "at_least")]
    AtLeast,
    /// Value > target, strictly ("trên 50 %": exactly 50 % is not met).
    #[serde(rename = "more_than")]
    MoreThan,
    /// The growth rate rises every year of the period ("ngày càng cao hơn").
    #[serde(rename = "rising_each_year")]
    RisingEachYear,
}

impl Comparator {
    /// Whether `value` passes `target` under this comparator, with the one
    /// tolerance of [`crate::domain::tolerance`]. "Rising each year" is judged over
    /// the whole period, never on one value, so one value never passes it.
    pub fn holds(self, value: f64, target: f64) -> bool {
        match self {
            Comparator::AtLeast => crate::domain::tolerance::at_least(value, target),
            Comparator::MoreThan => crate::domain::tolerance::more_than(value, target),
            Comparator::RisingEachYear => false,
        }
    }
}

impl Comparator {
    pub const ALL: [Comparator; 3] = [
        Comparator::AtLeast,
        Comparator::MoreThan,
        Comparator::RisingEachYear,
    ];

    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::MoreThan => "more_than",
            Comparator::RisingEachYear => "rising_each_year",
        }
    }
}

/// What a target measures. Each variant is computed exactly as DESIGN.md §2
/// defines it, in [`crate::domain::indicator`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Indicator {
    /// Cooperatives required to reorganise under the 2012 law that completed
    /// it by the as-of date ÷ those required and not dissolved.
    #[serde(rename = "reorganised_share")]
    ReorganisedShare,
    /// Cooperatives marked inactive by the as-of date that are dissolved by
    /// it ÷ all marked inactive and not operating again by then (one that
    /// resumed is out from the date it resumed).
    #[serde(rename = "inactive_dissolved_share")]
    InactiveDissolvedShare,
    /// Σ value added of units in the year (+ city-level collective value
    /// added) ÷ city GRDP at current prices.
    #[serde(rename = "grdp_share")]
    GrdpShare,
    /// Active cooperative groups (THT) meeting the legal conditions ÷ active THT.
    #[serde(rename = "groups_compliant_share")]
    GroupsCompliantShare,
    /// Trained key managers ÷ key managers, over active cooperatives.
    #[serde(rename = "managers_trained_share")]
    ManagersTrainedShare,
    /// Managers qualified at cao đẳng or above, under the plan's T6 reading.
    #[serde(rename = "managers_qualified_share")]
    ManagersQualifiedShare,
    /// Staff trained ÷ staff, over active cooperatives.
    #[serde(rename = "staff_trained_share")]
    StaffTrainedShare,
    /// Cooperatives recognised exemplary within the plan period.
    #[serde(rename = "exemplary_count")]
    ExemplaryCount,
    /// Value-added growth rate of year Y vs Y−1, compared with the year before.
    #[serde(rename = "value_added_growth")]
    ValueAddedGrowth,
}

impl Indicator {
    pub const ALL: [Indicator; 9] = [
        Indicator::ReorganisedShare,
        Indicator::InactiveDissolvedShare,
        Indicator::GrdpShare,
        Indicator::GroupsCompliantShare,
        Indicator::ManagersTrainedShare,
        Indicator::ManagersQualifiedShare,
        Indicator::StaffTrainedShare,
        Indicator::ExemplaryCount,
        Indicator::ValueAddedGrowth,
    ];

    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            Indicator::ReorganisedShare => "reorganised_share",
            Indicator::InactiveDissolvedShare => "inactive_dissolved_share",
            Indicator::GrdpShare => "grdp_share",
            Indicator::GroupsCompliantShare => "groups_compliant_share",
            Indicator::ManagersTrainedShare => "managers_trained_share",
            Indicator::ManagersQualifiedShare => "managers_qualified_share",
            Indicator::StaffTrainedShare => "staff_trained_share",
            Indicator::ExemplaryCount => "exemplary_count",
            Indicator::ValueAddedGrowth => "value_added_growth",
        }
    }
}

impl Indicator {
    /// Shares are fractions in [0, 1]; the others are counts or rates.
    pub fn is_share(self) -> bool {
        !matches!(
            self,
            Indicator::ExemplaryCount | Indicator::ValueAddedGrowth
        )
    }

    /// Whether the indicator reads yearly records (and so a data year),
    /// rather than dated events.
    pub fn is_yearly(self) -> bool {
        matches!(
            self,
            Indicator::GrdpShare
                | Indicator::ManagersTrainedShare
                | Indicator::ManagersQualifiedShare
                | Indicator::StaffTrainedShare
                | Indicator::ValueAddedGrowth
        )
    }
}

/// One target of the plan, as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// "T1" … "T9".
    pub id: String,
    pub indicator: Indicator,
    /// A short name for cards and tables.
    pub title: Text,
    /// The plan's own words for the target.
    pub wording: String,
    pub comparator: Comparator,
    /// The target value: a fraction for shares (0.5 = 50 %), a count for
    /// counts; unused for [`Comparator::RisingEachYear`].
    pub value: f64,
    /// The upper end of a target band (T3: 1.0–1.2 %), shown but not required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band_upper: Option<f64>,
    /// The last day on which meeting the target counts as on time.
    #[serde(with = "crate::files::iso_date")]
    pub deadline: NaiveDate,
    /// Where the target comes from.
    pub source: String,
}

/// The two readings of T6's "trong đó 70 % có trình độ cao đẳng trở lên".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QualifiedReading {
    /// 70 % of the *trained* key managers hold cao đẳng or above (default:
    /// "trong đó" — "of whom" — most naturally refers to the trained).
    #[default]
    #[serde(rename = "of_trained")]
    OfTrained,
    /// 70 % of *all* key managers hold cao đẳng or above.
    #[serde(rename = "of_all")]
    OfAll,
}

impl QualifiedReading {
    pub const ALL: [QualifiedReading; 2] = [QualifiedReading::OfTrained, QualifiedReading::OfAll];

    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            QualifiedReading::OfTrained => "of_trained",
            QualifiedReading::OfAll => "of_all",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSettings {
    pub qualified_reading: QualifiedReading,
}

/// A sector (lĩnh vực) cooperatives are classified by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sector {
    /// A stable key stored in units ("nong-nghiep").
    pub id: String,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub identity: PlanIdentity,
    pub start_year: i32,
    pub end_year: i32,
    pub baseline_year: i32,
    pub targets: Vec<Target>,
    #[serde(default)]
    pub settings: PlanSettings,
    pub districts: Vec<String>,
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    // Only called with the literal dates below, all of which exist.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

const PLAN_SOURCE: &str = "Kế hoạch 135/KH-UBND, mục II.2";

impl Plan {
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id == id)
    }

    /// The target that measures `indicator`, if the plan has one.
    pub fn target_for(&self, indicator: Indicator) -> Option<&Target> {
        self.targets.iter().find(|t| t.indicator == indicator)
    }

    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.id == id)
    }

    /// A year of the plan (or a deadline's) brought within 1990–2100 for a
    /// loop over years or a list of them. A valid plan is unchanged; a
    /// stored one that was never checked (an older build imported any
    /// file) must not make a loop run from year −100,000,000.
    pub fn bounded_year(year: i32) -> i32 {
        year.clamp(
            crate::domain::validation::EARLIEST_YEAR,
            crate::domain::validation::LATEST_YEAR,
        )
    }

    /// The baseline year, first and last year of the period, each
    /// [`Plan::bounded_year`], the last not before the first.
    pub fn bounded_years(&self) -> (i32, i32, i32) {
        let start = Plan::bounded_year(self.start_year);
        (
            Plan::bounded_year(self.baseline_year),
            start,
            Plan::bounded_year(self.end_year).max(start),
        )
    }

    /// The last day of the baseline year: the point the "on track" line
    /// starts from.
    pub fn baseline_date(&self) -> NaiveDate {
        date(self.baseline_year, 12, 31)
    }

    /// Kế hoạch 135/KH-UBND (23/05/2018) of the People's Committee of Hải
    /// Phòng, for 2018–2020, as far as its text is known.
    pub fn hai_phong_135() -> Plan {
        let target = |id: &str,
                      indicator: Indicator,
                      title: Text,
                      wording: &str,
                      comparator: Comparator,
                      value: f64,
                      deadline: NaiveDate| Target {
            id: id.to_owned(),
            indicator,
            title,
            wording: wording.to_owned(),
            comparator,
            value,
            band_upper: None,
            deadline,
            source: PLAN_SOURCE.to_owned(),
        };
        let end_2020 = date(2020, 12, 31);
        let mut targets = vec![
            target(
                "T1",
                Indicator::ReorganisedShare,
                Text::new("Chuyển đổi, tổ chức lại HTX theo Luật 2012", "Cooperatives reorganised under the 2012 law"),
                "Đến hết quý II/2018, hoàn thành việc chuyển đổi, tổ chức lại hợp tác xã theo Luật Hợp tác xã 2012.",
                Comparator::AtLeast,
                1.0,
                date(2018, 6, 30),
            ),
            target(
                "T2",
                Indicator::InactiveDissolvedShare,
                Text::new("Giải thể HTX ngừng hoạt động", "Inactive cooperatives dissolved"),
                "Đến hết năm 2018: Thực hiện giải thể dứt điểm các hợp tác xã ngừng hoạt động, không hoạt động trên địa bàn thành phố.",
                Comparator::AtLeast,
                1.0,
                date(2018, 12, 31),
            ),
            target(
                "T3",
                Indicator::GrdpShare,
                Text::new("Tỷ trọng KTTT trong GRDP", "Collective economy share of GRDP"),
                "Kinh tế tập thể thành phố đóng góp 1,0 - 1,2% GRDP thành phố.",
                Comparator::AtLeast,
                0.010,
                end_2020,
            ),
            target(
                "T4",
                Indicator::GroupsCompliantShare,
                Text::new("Tổ hợp tác hoạt động đúng pháp luật", "Cooperative groups operating lawfully"),
                "Các tổ hợp tác hoạt động theo đúng quy định của pháp luật.",
                Comparator::AtLeast,
                1.0,
                end_2020,
            ),
            target(
                "T5",
                Indicator::ManagersTrainedShare,
                Text::new("Cán bộ quản lý HTX được đào tạo", "Cooperative managers trained"),
                "Trên 50% cán bộ quản lý hợp tác xã (Chủ tịch hội đồng quản trị; Giám đốc, kế toán, kiểm soát) được đào tạo",
                Comparator::MoreThan,
                0.5,
                end_2020,
            ),
            target(
                "T6",
                Indicator::ManagersQualifiedShare,
                Text::new("Cán bộ quản lý có trình độ cao đẳng trở lên", "Managers qualified at college level or above"),
                "trong đó 70% có trình độ chuyên môn nghiệp vụ cao đẳng trở lên",
                Comparator::AtLeast,
                0.7,
                end_2020,
            ),
            target(
                "T7",
                Indicator::StaffTrainedShare,
                Text::new("Cán bộ chuyên môn, người lao động được bồi dưỡng", "Professional staff and workers coached"),
                "100% cán bộ chuyên môn, người lao động làm việc tại các hợp tác xã được bồi dưỡng, tập huấn nghiệp vụ, kỹ thuật.",
                Comparator::AtLeast,
                1.0,
                end_2020,
            ),
            target(
                "T8",
                Indicator::ExemplaryCount,
                Text::new("HTX điển hình tiên tiến", "Exemplary advanced cooperatives"),
                "Xây dựng 10 hợp tác xã điển hình tiên tiến trong các lĩnh vực.",
                Comparator::AtLeast,
                10.0,
                end_2020,
            ),
            target(
                "T9",
                Indicator::ValueAddedGrowth,
                Text::new("Tăng trưởng KTTT ngày càng cao", "Collective economy growth rising"),
                "Phấn đấu đạt tốc độ tăng trưởng ngày càng cao hơn, tiến tới có tỷ trọng lớn hơn trong GRDP thành phố.",
                Comparator::RisingEachYear,
                0.0,
                end_2020,
            ),
        ];
        targets[2].band_upper = Some(0.012);
        targets[8].source = "Kế hoạch 135/KH-UBND, mục I.1".to_owned();

        let sector = |id: &str, vi: &str, en: &str| Sector {
            id: id.to_owned(),
            name: Text::new(vi, en),
        };
        let section_iv = "Kế hoạch 135/KH-UBND, mục IV";
        Plan {
            identity: PlanIdentity {
                number: "135/KH-UBND".to_owned(),
                title: Text::new(
                    "Kế hoạch thực hiện Kết luận số 13-KL/TU về đẩy mạnh thực hiện Nghị quyết số 08-NQ/TU và Kết luận số 56-KL/TW về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể tại Hải Phòng trong giai đoạn 2018-2020",
                    "Plan implementing Conclusion 13-KL/TU on Resolution 08-NQ/TU and Conclusion 56-KL/TW: renewing, developing and improving the collective economy of Hải Phòng, 2018–2020",
                ),
                issuer: "Ủy ban nhân dân thành phố Hải Phòng".to_owned(),
                signer: "Nguyễn Văn Thành".to_owned(),
                issued: date(2018, 5, 23),
                implements: vec![
                    "Kết luận số 13-KL/TU ngày 25/3/2014 của Ban Thường vụ Thành ủy".to_owned(),
                    "Nghị quyết số 08-NQ/TU ngày 21/5/2002 của Ban Thường vụ Thành ủy Hải Phòng (khóa VII)".to_owned(),
                    "Kết luận số 56-KL/TW ngày 21/02/2013 của Bộ Chính trị".to_owned(),
                ],
                source: "thuviennhadat.vn/vbpl/ke-hoach-135-kh-ubnd-2018-…-416841.html".to_owned(),
            },
            start_year: 2018,
            end_year: 2020,
            baseline_year: 2017,
            targets,
            settings: PlanSettings::default(),
            districts: [
                "Hồng Bàng", "Ngô Quyền", "Lê Chân", "Hải An", "Kiến An", "Đồ Sơn", "Dương Kinh", "Thủy Nguyên",
                "An Dương", "An Lão", "Kiến Thụy", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải", "Bạch Long Vĩ",
            ]
            .into_iter()
            .map(str::to_owned)
            .collect(),
            sectors: vec![
                sector("nong-nghiep", "Nông nghiệp dịch vụ", "Agricultural services"),
                sector("thuong-mai-dich-vu", "Thương mại – dịch vụ", "Trade and services"),
                sector("cong-nghiep", "Công nghiệp – tiểu thủ công nghiệp", "Industry and handicrafts"),
                sector("tin-dung", "Tín dụng", "Credit"),
                sector("giao-thong-van-tai", "Giao thông vận tải", "Transport"),
                sector("dich-vu-dien", "Dịch vụ điện", "Electricity services"),
                // Two fields, as the plan lists them ("nước sạch, vệ sinh
                // môi trường"), though published statistics merge them.
                sector("nuoc-sach", "Nước sạch", "Clean water"),
                sector("ve-sinh-moi-truong", "Vệ sinh môi trường", "Environmental sanitation"),
                sector("xay-dung", "Xây dựng", "Construction"),
                sector("thuy-san", "Thủy sản", "Fisheries"),
                sector("quan-ly-cho", "Quản lý chợ", "Market management"),
                sector("ban-le", "Bán lẻ", "Retail"),
                sector("khac", "Khác", "Other"),
            ],
            tasks: vec![
                Task {
                    id: "IV.1".to_owned(),
                    title: Text::new(
                        "Tổ chức triển khai, đôn đốc, kiểm tra các Sở, ngành, địa phương, đơn vị thực hiện nhiệm vụ được giao; sơ kết, đánh giá kết quả thực hiện kế hoạch, báo cáo Ủy ban nhân dân thành phố",
                        "Organise implementation; urge and inspect departments, sectors, localities and units; review and evaluate the plan's results and report to the People's Committee",
                    ),
                    lead_agency: "Sở Kế hoạch và Đầu tư".to_owned(),
                    partner_agencies: Vec::new(),
                    deadline: None,
                    status: TaskStatus::NotStarted,
                    notes: String::new(),
                    progress: Vec::new(),
                    source: format!("{section_iv}.1"),
                },
                Task {
                    id: "IV.2".to_owned(),
                    title: Text::new(
                        "Lập dự toán kinh phí đảm bảo thực hiện các nội dung kế hoạch; hướng dẫn các Sở, ngành, quận, huyện lập dự toán kinh phí thực hiện các nhiệm vụ được giao",
                        "Prepare the budget estimates for the plan; guide departments, sectors and districts in preparing the estimates for their tasks",
                    ),
                    lead_agency: "Sở Tài chính".to_owned(),
                    partner_agencies: vec![
                        "Sở Kế hoạch và Đầu tư".to_owned(),
                        "Liên minh Hợp tác xã và Doanh nghiệp thành phố".to_owned(),
                    ],
                    deadline: None,
                    status: TaskStatus::NotStarted,
                    notes: String::new(),
                    progress: Vec::new(),
                    source: format!("{section_iv}.2"),
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_135_has_nine_targets_with_the_plan_deadlines() {
        let plan = Plan::hai_phong_135();
        let ids: Vec<&str> = plan.targets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"]);
        assert_eq!(
            plan.target("T1").map(|t| t.deadline),
            NaiveDate::from_ymd_opt(2018, 6, 30)
        );
        assert_eq!(
            plan.target("T2").map(|t| t.deadline),
            NaiveDate::from_ymd_opt(2018, 12, 31)
        );
        assert_eq!(
            plan.target("T5").map(|t| t.comparator),
            Some(Comparator::MoreThan)
        );
        assert_eq!(plan.target("T3").and_then(|t| t.band_upper), Some(0.012));
        assert_eq!(plan.districts.len(), 15);
        assert_eq!(plan.sectors.len(), 13);
        // Clean water and environmental sanitation are two fields, as the
        // plan lists them.
        for id in ["nuoc-sach", "ve-sinh-moi-truong"] {
            assert!(plan.sectors.iter().any(|s| s.id == id), "{id}");
        }
    }

    #[test]
    fn only_the_two_tasks_of_section_iv_ship() {
        let plan = Plan::hai_phong_135();
        let leads: Vec<&str> = plan.tasks.iter().map(|t| t.lead_agency.as_str()).collect();
        assert_eq!(leads, ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]);
    }
}
