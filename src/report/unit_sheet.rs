//! A unit's record as stored, as data: identity, status history, yearly
//! records and key managers. What `/units/<id>` shows; editing is on the
//! data page.

use chrono::NaiveDate;

use super::{qualification_label, role_label, status_label, Table};
use crate::domain::plan::Plan;
use crate::domain::unit::Unit;
use crate::i18n::format::{format_date, format_decimal, format_number};
use crate::i18n::Lang;

/// A term and its value, in a `<dl>`.
pub type Term = (&'static str, String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitSheet {
    pub name: String,
    pub identity: Vec<Term>,
    pub status_title: &'static str,
    /// The status changes, oldest first, one line each; none when the unit
    /// has been active since it was founded ([`UnitSheet::always_active`]).
    pub status_changes: Vec<String>,
    /// Said when there is no status change.
    pub always_active: &'static str,
    pub years_title: &'static str,
    /// One record per year, the earliest first.
    pub years: Vec<YearSheet>,
    /// Said when there is no yearly record.
    pub no_years: &'static str,
}

/// One year's record: its figures and its key managers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearSheet {
    pub year: i32,
    pub title: String,
    pub figures: Vec<Term>,
    pub managers: Table,
}

impl UnitSheet {
    pub fn new(plan: &Plan, unit: &Unit, lang: Lang) -> UnitSheet {
        let date = |d: Option<NaiveDate>| d.map_or("—".to_owned(), |d| format_date(d, lang));
        let sector = plan
            .sector(&unit.sector)
            .map_or(unit.sector.clone(), |s| s.name.get(lang).to_owned());
        let reorganised = if unit.reorganisation.required {
            date(unit.reorganisation.completed_on)
        } else {
            lang.pick("Không phải", "Not required").to_owned()
        };
        let identity = vec![
            (
                lang.pick("Loại", "Kind"),
                unit.kind.abbreviation().to_owned(),
            ),
            (
                lang.pick("Mã số", "Registration code"),
                unit.registration_code.clone(),
            ),
            (lang.pick("Quận, huyện", "District"), unit.district.clone()),
            (lang.pick("Lĩnh vực", "Sector"), sector),
            (lang.pick("Thành lập", "Founded"), date(unit.founded)),
            (
                lang.pick(
                    "Tổ chức lại theo Luật 2012",
                    "Reorganised under the 2012 law",
                ),
                reorganised,
            ),
        ];
        let status_changes = unit
            .status_history
            .iter()
            .map(|change| {
                format!(
                    "{} {} {}",
                    status_label(change.status, lang),
                    lang.pick("từ", "from"),
                    format_date(change.since, lang)
                )
            })
            .collect();
        let mut years: Vec<_> = unit.years.iter().collect();
        crate::sorting::sort_by_key(&mut years, |r| r.year);
        UnitSheet {
            name: unit.name.clone(),
            identity,
            status_title: lang.pick("Tình trạng", "Status"),
            status_changes,
            always_active: lang.pick("Hoạt động từ khi thành lập.", "Active since founding."),
            years_title: lang.pick("Số liệu theo năm", "Yearly records"),
            years: years
                .into_iter()
                .map(|record| YearSheet::new(record, lang))
                .collect(),
            no_years: lang.pick("Chưa có số liệu năm nào.", "No yearly record yet."),
        }
    }
}

impl YearSheet {
    fn new(record: &crate::domain::unit::YearRecord, lang: Lang) -> YearSheet {
        let amount = |a: &Option<crate::domain::decimal::Decimal>| {
            a.as_ref()
                .map_or("—".to_owned(), |a| format_decimal(a, lang))
        };
        let count =
            |c: Option<i64>| c.map_or("—".to_owned(), |c| format_number(c as f64, 0, lang));
        let figures = vec![
            (lang.pick("Thành viên", "Members"), count(record.members)),
            (
                lang.pick("Lao động thường xuyên", "Regular workers"),
                count(record.regular_workers),
            ),
            (
                lang.pick("Doanh thu (tr.đ)", "Revenue (m VND)"),
                amount(&record.revenue),
            ),
            (
                lang.pick("Lợi nhuận trước thuế (tr.đ)", "Pre-tax profit (m VND)"),
                amount(&record.pre_tax_profit),
            ),
            (
                lang.pick("Giá trị gia tăng (tr.đ)", "Value added (m VND)"),
                amount(&record.value_added),
            ),
            (
                lang.pick("Cán bộ, lao động / được bồi dưỡng", "Staff / coached"),
                format!("{} / {}", count(record.staff), count(record.staff_trained)),
            ),
        ];
        let rows = record
            .key_managers
            .iter()
            .map(|m| {
                vec![
                    role_label(m.role, lang).to_owned(),
                    qualification_label(m.qualification, lang).to_owned(),
                    if m.trained {
                        lang.pick("Đã đào tạo", "Trained")
                    } else {
                        lang.pick("Chưa đào tạo", "Not trained")
                    }
                    .to_owned(),
                ]
            })
            .collect();
        let header = [
            lang.pick("Cán bộ quản lý chủ chốt", "Key manager"),
            lang.pick("Trình độ", "Qualification"),
            lang.pick("Đào tạo", "Training"),
        ];
        YearSheet {
            year: record.year,
            title: format!("{} {}", lang.pick("Năm", "Year"), record.year),
            figures,
            managers: Table::new(&header, rows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::{UnitKind, YearRecord};

    #[test]
    fn a_unit_sheet_keeps_what_users_typed_as_text() {
        let plan = Plan::hai_phong_135();
        let unit = Unit::new("u1", "HTX <b>Đông</b> & Tây", UnitKind::Htx);
        let sheet = UnitSheet::new(&plan, &unit, Lang::Vi);
        // Text, drawn as text by the view: never read as markup.
        assert_eq!(sheet.name, "HTX <b>Đông</b> & Tây");
        assert_eq!(sheet.identity[0], ("Loại", "HTX".to_owned()));
        assert!(sheet.status_changes.is_empty());
        assert_eq!(sheet.always_active, "Hoạt động từ khi thành lập.");
        assert!(sheet.years.is_empty());
        assert_eq!(sheet.no_years, "Chưa có số liệu năm nào.");
    }

    #[test]
    fn years_come_earliest_first_with_figures_in_the_pages_language() {
        let plan = Plan::hai_phong_135();
        let mut unit = Unit::new("u1", "HTX Tân Liên", UnitKind::Htx);
        for (year, members) in [(2019, Some(1250)), (2017, None)] {
            unit.years.push(YearRecord {
                year,
                members,
                ..YearRecord::default()
            });
        }
        let vi = UnitSheet::new(&plan, &unit, Lang::Vi);
        assert_eq!(
            vi.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            [2017, 2019]
        );
        assert_eq!(vi.years[1].title, "Năm 2019");
        assert_eq!(vi.years[1].figures[0], ("Thành viên", "1.250".to_owned()));
        assert_eq!(vi.years[0].figures[0].1, "—");
        assert_eq!(vi.years[1].managers.header[0], "Cán bộ quản lý chủ chốt");
        let en = UnitSheet::new(&plan, &unit, Lang::En);
        assert_eq!(en.years[1].figures[0], ("Members", "1,250".to_owned()));
    }
}
