//! The fields of the entry forms ([`crate::edit::form`]), typed: one enum
//! per form ([`UnitField`], [`YearField`], [`CityField`]), a key manager's
//! row as [`Field::Manager`] (its index and [`ManagerPart`]), and
//! [`Field`], which is any of them.
//!
//! What the page shows of a field that does not depend on what was typed
//! (its label, its hint, how it is entered, the unit its amount is echoed
//! in) is a `match` on the enum, so a new field does not compile until it
//! says each. A field's key ([`Field::key`]) is the one text it still has:
//! its name in the page (`name`, and `f-<key>` as the input's id) and its
//! column in the CSV files ([`crate::files::csv_data`]), whose cells the
//! form reads and writes by that name. The other texts that come in —
//! the field a validation message is about — are turned into fields by
//! `from_key` where the form places them, and nowhere else.
//!
//! This module must not know the browser: the page turns a key into an
//! id.

use crate::files::csv_data::column_label;
use crate::i18n::Lang;

/// A field of the unit form, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitField {
    Name,
    Kind,
    RegistrationCode,
    Sector,
    District,
    Commune,
    Founded,
    Model,
    ReorganisationRequired,
    ReorganisationCompletedOn,
    /// The latest time the unit stopped operating (its status history).
    InactiveSince,
    /// The latest return to activity after it (its status history).
    ResumedOn,
    /// Its dissolution (its status history).
    DissolvedOn,
    Recognitions,
    /// Tổ hợp tác only.
    ContractAuthenticated,
    /// Tổ hợp tác only.
    MeetsLegalConditions,
}

/// A field of a unit's yearly figures, in the form's order: the year,
/// then the figures as the years file writes them (its key managers are
/// rows of their own, [`Field::Manager`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YearField {
    Year,
    Members,
    RegularWorkers,
    CharterCapital,
    TotalCapital,
    IndivisibleAssets,
    Revenue,
    PreTaxProfit,
    ValueAdded,
    AverageWorkerIncome,
    Staff,
    StaffTrained,
    DevelopmentFund,
    ReserveFund,
    NonMemberSupplyPercent,
}

/// A field of the city's yearly inputs, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CityField {
    Year,
    GrdpCurrentPrices,
    ExtraCollectiveValueAdded,
}

/// A field of a key manager's row, in the row's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ManagerPart {
    Role,
    Qualification,
    Trained,
    Name,
}

/// A field of any entry form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Unit(UnitField),
    Year(YearField),
    City(CityField),
    /// Part of key-manager row `index` (from 0) of a year's form.
    Manager(usize, ManagerPart),
    /// A year's key-manager rows as one block: in conflict when rows were
    /// added or removed both here and by another save, and the user
    /// chooses whose rows to keep. It holds no text of its own.
    Managers,
}

/// How a field is entered, before the choices of its list are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Free text.
    Text,
    /// A number written the page's way.
    Number,
    /// A date.
    Date,
    /// Yes or no.
    Flag,
    /// One of a list's choices.
    Choice(Choices),
}

/// The list a choice field picks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    /// HTX, LHHTX, THT.
    UnitKinds,
    /// The plan's sectors (or none).
    Sectors,
    /// The plan's districts (or none).
    Districts,
    /// The cooperative models (or none).
    Models,
    /// A key manager's roles.
    Roles,
    /// A key manager's qualifications.
    Qualifications,
}

/// A label in both languages, from the files' header for `key`, so that
/// the form and the spreadsheet say the same.
fn header(key: &'static str, lang: Lang) -> &'static str {
    column_label(key, lang)
}

const MILLIONS: (&str, &str) = ("Triệu đồng", "Millions of VND");
const MILLIONS_ECHO: (&str, &str) = (" triệu đồng", " million VND");

/// What a yearly figure is counted in.
#[derive(Clone, Copy)]
enum Amount {
    Millions,
    MillionsAYear,
    Percent,
}

impl UnitField {
    pub const ALL: [UnitField; 16] = [
        UnitField::Name,
        UnitField::Kind,
        UnitField::RegistrationCode,
        UnitField::Sector,
        UnitField::District,
        UnitField::Commune,
        UnitField::Founded,
        UnitField::Model,
        UnitField::ReorganisationRequired,
        UnitField::ReorganisationCompletedOn,
        UnitField::InactiveSince,
        UnitField::ResumedOn,
        UnitField::DissolvedOn,
        UnitField::Recognitions,
        UnitField::ContractAuthenticated,
        UnitField::MeetsLegalConditions,
    ];

    /// Its name in the page, and its column in the units file (but for
    /// the three status dates, which the file writes as one history).
    pub fn key(self) -> &'static str {
        match self {
            UnitField::Name => "name",
            UnitField::Kind => "kind",
            UnitField::RegistrationCode => "registration_code",
            UnitField::Sector => "sector",
            UnitField::District => "district",
            UnitField::Commune => "commune",
            UnitField::Founded => "founded",
            UnitField::Model => "model",
            UnitField::ReorganisationRequired => "reorganisation_required",
            UnitField::ReorganisationCompletedOn => "reorganisation_completed_on",
            UnitField::InactiveSince => "inactive_since",
            UnitField::ResumedOn => "resumed_on",
            UnitField::DissolvedOn => "dissolved_on",
            UnitField::Recognitions => "recognitions",
            UnitField::ContractAuthenticated => "contract_authenticated",
            UnitField::MeetsLegalConditions => "meets_legal_conditions",
        }
    }

    /// The field whose key is `key`.
    pub fn from_key(key: &str) -> Option<UnitField> {
        UnitField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether the form reads it from the unit's status history rather
    /// than from a cell of the units file.
    pub fn is_status_date(self) -> bool {
        matches!(
            self,
            UnitField::InactiveSince | UnitField::ResumedOn | UnitField::DissolvedOn
        )
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            UnitField::InactiveSince => lang.pick("Ngừng hoạt động từ ngày", "Inactive since"),
            UnitField::ResumedOn => lang.pick("Hoạt động trở lại từ ngày", "Operating again since"),
            UnitField::DissolvedOn => lang.pick("Giải thể ngày", "Dissolved on"),
            UnitField::Name
            | UnitField::Kind
            | UnitField::RegistrationCode
            | UnitField::Sector
            | UnitField::District
            | UnitField::Commune
            | UnitField::Founded
            | UnitField::Model
            | UnitField::ReorganisationRequired
            | UnitField::ReorganisationCompletedOn
            | UnitField::Recognitions
            | UnitField::ContractAuthenticated
            | UnitField::MeetsLegalConditions => header(self.key(), lang),
        }
    }

    fn hint(self, lang: Lang) -> Option<&'static str> {
        match self {
            UnitField::Recognitions => Some(lang.pick(
                "Mỗi lần công nhận: năm, ngày quyết định (hoặc -), số quyết định; cách nhau bằng dấu chấm phẩy. Ví dụ: 2019 2019-12-01 QĐ số 12",
                "Each recognition: year, decision date (or -), decision; separated by semicolons. E.g. 2019 2019-12-01 Decision 12",
            )),
            UnitField::Name
            | UnitField::Kind
            | UnitField::RegistrationCode
            | UnitField::Sector
            | UnitField::District
            | UnitField::Commune
            | UnitField::Founded
            | UnitField::Model
            | UnitField::ReorganisationRequired
            | UnitField::ReorganisationCompletedOn
            | UnitField::InactiveSince
            | UnitField::ResumedOn
            | UnitField::DissolvedOn
            | UnitField::ContractAuthenticated
            | UnitField::MeetsLegalConditions => None,
        }
    }

    fn input(self) -> Input {
        match self {
            UnitField::Name
            | UnitField::RegistrationCode
            | UnitField::Commune
            | UnitField::Recognitions => Input::Text,
            UnitField::Kind => Input::Choice(Choices::UnitKinds),
            UnitField::Sector => Input::Choice(Choices::Sectors),
            UnitField::District => Input::Choice(Choices::Districts),
            UnitField::Model => Input::Choice(Choices::Models),
            UnitField::Founded
            | UnitField::ReorganisationCompletedOn
            | UnitField::InactiveSince
            | UnitField::ResumedOn
            | UnitField::DissolvedOn => Input::Date,
            UnitField::ReorganisationRequired
            | UnitField::ContractAuthenticated
            | UnitField::MeetsLegalConditions => Input::Flag,
        }
    }
}

impl YearField {
    pub const ALL: [YearField; 15] = [
        YearField::Year,
        YearField::Members,
        YearField::RegularWorkers,
        YearField::CharterCapital,
        YearField::TotalCapital,
        YearField::IndivisibleAssets,
        YearField::Revenue,
        YearField::PreTaxProfit,
        YearField::ValueAdded,
        YearField::AverageWorkerIncome,
        YearField::Staff,
        YearField::StaffTrained,
        YearField::DevelopmentFund,
        YearField::ReserveFund,
        YearField::NonMemberSupplyPercent,
    ];

    /// Its name in the page, and its column in the years file.
    pub fn key(self) -> &'static str {
        match self {
            YearField::Year => "year",
            YearField::Members => "members",
            YearField::RegularWorkers => "regular_workers",
            YearField::CharterCapital => "charter_capital",
            YearField::TotalCapital => "total_capital",
            YearField::IndivisibleAssets => "indivisible_assets",
            YearField::Revenue => "revenue",
            YearField::PreTaxProfit => "pre_tax_profit",
            YearField::ValueAdded => "value_added",
            YearField::AverageWorkerIncome => "average_worker_income",
            YearField::Staff => "staff",
            YearField::StaffTrained => "staff_trained",
            YearField::DevelopmentFund => "development_fund",
            YearField::ReserveFund => "reserve_fund",
            YearField::NonMemberSupplyPercent => "non_member_supply_percent",
        }
    }

    /// The field whose key is `key`.
    pub fn from_key(key: &str) -> Option<YearField> {
        YearField::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        header(self.key(), lang)
    }

    /// What the figure is counted in: its hint and its echo both say it.
    fn amount(self) -> Option<Amount> {
        match self {
            YearField::CharterCapital
            | YearField::TotalCapital
            | YearField::IndivisibleAssets
            | YearField::Revenue
            | YearField::PreTaxProfit
            | YearField::ValueAdded
            | YearField::DevelopmentFund
            | YearField::ReserveFund => Some(Amount::Millions),
            YearField::AverageWorkerIncome => Some(Amount::MillionsAYear),
            YearField::NonMemberSupplyPercent => Some(Amount::Percent),
            YearField::Year
            | YearField::Members
            | YearField::RegularWorkers
            | YearField::Staff
            | YearField::StaffTrained => None,
        }
    }

    fn hint(self, lang: Lang) -> Option<&'static str> {
        self.amount().map(|amount| match amount {
            Amount::Millions => lang.pick(MILLIONS.0, MILLIONS.1),
            Amount::MillionsAYear => lang.pick("Triệu đồng/năm", "Millions of VND a year"),
            Amount::Percent => "%",
        })
    }

    /// The unit an amount is echoed in after its number; `None` for the
    /// year and the counts.
    fn echo_unit(self, lang: Lang) -> Option<&'static str> {
        self.amount().map(|amount| match amount {
            Amount::Millions => lang.pick(MILLIONS_ECHO.0, MILLIONS_ECHO.1),
            Amount::MillionsAYear => lang.pick(" triệu đồng/năm", " million VND a year"),
            Amount::Percent => "%",
        })
    }
}

impl CityField {
    pub const ALL: [CityField; 3] = [
        CityField::Year,
        CityField::GrdpCurrentPrices,
        CityField::ExtraCollectiveValueAdded,
    ];

    /// Its name in the page (and the city input's field in the document).
    pub fn key(self) -> &'static str {
        match self {
            CityField::Year => "year",
            CityField::GrdpCurrentPrices => "grdp_current_prices",
            CityField::ExtraCollectiveValueAdded => "extra_collective_value_added",
        }
    }

    /// The field whose key is `key`.
    pub fn from_key(key: &str) -> Option<CityField> {
        CityField::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        header(self.key(), lang)
    }

    fn hint(self, lang: Lang) -> Option<&'static str> {
        match self {
            CityField::GrdpCurrentPrices | CityField::ExtraCollectiveValueAdded => {
                Some(lang.pick(MILLIONS.0, MILLIONS.1))
            }
            CityField::Year => None,
        }
    }

    fn echo_unit(self, lang: Lang) -> Option<&'static str> {
        match self {
            CityField::GrdpCurrentPrices | CityField::ExtraCollectiveValueAdded => {
                Some(lang.pick(MILLIONS_ECHO.0, MILLIONS_ECHO.1))
            }
            CityField::Year => None,
        }
    }
}

impl ManagerPart {
    pub const ALL: [ManagerPart; 4] = [
        ManagerPart::Role,
        ManagerPart::Qualification,
        ManagerPart::Trained,
        ManagerPart::Name,
    ];

    /// The end of its key (`manager-2-role`).
    pub fn key(self) -> &'static str {
        match self {
            ManagerPart::Role => "role",
            ManagerPart::Qualification => "qualification",
            ManagerPart::Trained => "trained",
            ManagerPart::Name => "name",
        }
    }

    /// The part whose key is `key`.
    pub fn from_key(key: &str) -> Option<ManagerPart> {
        ManagerPart::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Its label, without the row's title.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ManagerPart::Role => lang.pick("Chức danh", "Role"),
            ManagerPart::Qualification => lang.pick("Trình độ chuyên môn", "Qualification"),
            ManagerPart::Trained => lang.pick("Đã được bồi dưỡng", "Trained"),
            ManagerPart::Name => lang.pick("Họ tên", "Name"),
        }
    }

    fn input(self) -> Input {
        match self {
            ManagerPart::Role => Input::Choice(Choices::Roles),
            ManagerPart::Qualification => Input::Choice(Choices::Qualifications),
            ManagerPart::Trained => Input::Flag,
            ManagerPart::Name => Input::Text,
        }
    }
}

/// "Cán bộ số 2": key-manager row `index` (from 0).
pub fn manager_title(index: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Cán bộ số {}", index + 1),
        Lang::En => format!("Manager {}", index + 1),
    }
}

/// The legend of a year's key-manager rows.
pub fn managers_label(lang: Lang) -> &'static str {
    header("key_managers", lang)
}

impl Field {
    /// Its name in the page: the input's `name`, and its id after `f-`
    /// (`revenue`, `manager-2-role`; `managers` for the rows' conflict).
    /// The e2e tests find fields by these, so they never change.
    pub fn key(self) -> String {
        match self {
            Field::Unit(field) => field.key().to_owned(),
            Field::Year(field) => field.key().to_owned(),
            Field::City(field) => field.key().to_owned(),
            Field::Manager(index, part) => format!("manager-{index}-{}", part.key()),
            Field::Managers => "managers".to_owned(),
        }
    }

    /// Whether it belongs to a key manager's row.
    pub fn is_manager(self) -> bool {
        matches!(self, Field::Manager(..))
    }

    /// Its label ("Doanh thu", "Chức danh (Cán bộ số 2)").
    pub fn label(self, lang: Lang) -> String {
        match self {
            Field::Unit(field) => field.label(lang).to_owned(),
            Field::Year(field) => field.label(lang).to_owned(),
            Field::City(field) => field.label(lang).to_owned(),
            Field::Manager(index, part) => {
                format!("{} ({})", part.label(lang), manager_title(index, lang))
            }
            Field::Managers => managers_label(lang).to_owned(),
        }
    }

    /// The format to follow, for the fields with one.
    pub fn hint(self, lang: Lang) -> Option<&'static str> {
        match self {
            Field::Unit(field) => field.hint(lang),
            Field::Year(field) => field.hint(lang),
            Field::City(field) => field.hint(lang),
            Field::Manager(..) | Field::Managers => None,
        }
    }

    /// How it is entered.
    pub fn input(self) -> Input {
        match self {
            Field::Unit(field) => field.input(),
            Field::Year(_) | Field::City(_) => Input::Number,
            Field::Manager(_, part) => part.input(),
            Field::Managers => Input::Text,
        }
    }

    /// Whether it holds a number written in the page's convention (a
    /// count or an amount), which a new language writes its way; a year
    /// is not one.
    pub fn is_number(self) -> bool {
        match self {
            Field::Year(YearField::Year) | Field::City(CityField::Year) => false,
            Field::Year(_) | Field::City(_) => true,
            Field::Unit(_) | Field::Manager(..) | Field::Managers => false,
        }
    }

    /// The unit an amount's stored value is shown in, after its number
    /// ("= 4.800 triệu đồng"); `None` for the fields that are not amounts.
    pub fn echo_unit(self, lang: Lang) -> Option<&'static str> {
        match self {
            Field::Year(field) => field.echo_unit(lang),
            Field::City(field) => field.echo_unit(lang),
            Field::Unit(_) | Field::Manager(..) | Field::Managers => None,
        }
    }
}

impl From<UnitField> for Field {
    fn from(field: UnitField) -> Field {
        Field::Unit(field)
    }
}

impl From<YearField> for Field {
    fn from(field: YearField) -> Field {
        Field::Year(field)
    }
}

impl From<CityField> for Field {
    fn from(field: CityField) -> Field {
        Field::City(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::csv_data::{is_number_field, UNIT_COLUMNS, YEAR_FIELDS};

    /// Every field of every form, with two key-manager rows.
    fn every_field() -> Vec<Field> {
        UnitField::ALL
            .into_iter()
            .map(Field::Unit)
            .chain(YearField::ALL.into_iter().map(Field::Year))
            .chain(CityField::ALL.into_iter().map(Field::City))
            .chain((0..2).flat_map(|i| {
                ManagerPart::ALL
                    .into_iter()
                    .map(move |p| Field::Manager(i, p))
            }))
            .chain([Field::Managers])
            .collect()
    }

    /// A label that fell through to its key (a column the files do not
    /// name) would show "staff_trained" on the page.
    #[test]
    fn every_field_has_a_label_in_both_languages_and_a_hint_in_both_or_neither() {
        for field in every_field() {
            let key = field.key();
            let (vi, en) = (field.label(Lang::Vi), field.label(Lang::En));
            for label in [&vi, &en] {
                assert!(!label.is_empty(), "{field:?}");
                assert_ne!(*label, key, "{field:?} has no label of its own");
                assert!(!label.contains('_'), "{field:?}: {label}");
            }
            assert_ne!(vi, en, "{field:?} is labelled in one language only");
            match (field.hint(Lang::Vi), field.hint(Lang::En)) {
                (None, None) => {}
                (Some(vi), Some(en)) => {
                    assert!(!vi.is_empty() && !en.is_empty(), "{field:?}");
                    // "%" is the same in both.
                    assert!(vi != en || vi == "%", "{field:?}: {vi}");
                }
                hints => panic!("{field:?} has a hint in one language only: {hints:?}"),
            }
            if field.input() == Input::Flag {
                assert_eq!(field.hint(Lang::Vi), None, "a checkbox's label says it all");
            }
        }
    }

    /// The keys are the page's names and the files' columns: each is one
    /// field's, and reads back as that field.
    #[test]
    fn keys_round_trip_and_are_unique_within_a_form() {
        for field in UnitField::ALL {
            assert_eq!(UnitField::from_key(field.key()), Some(field));
        }
        for field in YearField::ALL {
            assert_eq!(YearField::from_key(field.key()), Some(field));
        }
        for field in CityField::ALL {
            assert_eq!(CityField::from_key(field.key()), Some(field));
        }
        for part in ManagerPart::ALL {
            assert_eq!(ManagerPart::from_key(part.key()), Some(part));
        }
        assert_eq!(UnitField::from_key("status_history"), None);
        assert_eq!(YearField::from_key("key_managers"), None);
        assert_eq!(Field::Manager(2, ManagerPart::Role).key(), "manager-2-role");
        assert_eq!(Field::Managers.key(), "managers");
        let forms: [Vec<Field>; 3] = [
            UnitField::ALL.into_iter().map(Field::Unit).collect(),
            YearField::ALL
                .into_iter()
                .map(Field::Year)
                .chain((0..3).flat_map(|i| ManagerPart::ALL.map(|p| Field::Manager(i, p))))
                .chain([Field::Managers])
                .collect(),
            CityField::ALL.into_iter().map(Field::City).collect(),
        ];
        for fields in forms {
            let mut keys: Vec<String> = fields.iter().map(|f| f.key()).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(
                keys.len(),
                fields.len(),
                "two fields share a name: {keys:?}"
            );
        }
    }

    /// The forms read and write cells of the files by key: every figure
    /// of the years file has its field, every column of the units file
    /// but the id and the status history (entered as three dates) too, and
    /// a field is a number exactly when its column is.
    #[test]
    fn the_forms_fields_are_the_files_columns() {
        let figures: Vec<&str> = YearField::ALL
            .into_iter()
            .filter(|f| *f != YearField::Year)
            .map(YearField::key)
            .collect();
        let columns: Vec<&str> = YEAR_FIELDS
            .into_iter()
            .filter(|c| *c != "key_managers")
            .collect();
        assert_eq!(figures, columns);
        let unit_columns: Vec<&str> = UnitField::ALL
            .into_iter()
            .filter(|f| !f.is_status_date())
            .map(UnitField::key)
            .collect();
        let file_columns: Vec<&str> = UNIT_COLUMNS
            .into_iter()
            .filter(|c| !matches!(*c, "id" | "status_history"))
            .collect();
        assert_eq!(unit_columns, file_columns);
        for field in YearField::ALL {
            assert_eq!(
                Field::Year(field).is_number(),
                is_number_field(field.key()),
                "{field:?}"
            );
        }
    }
}
