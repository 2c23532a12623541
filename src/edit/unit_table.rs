//! The data page's table of units: filtered, searched, sorted and shown a
//! page at a time, as data (`app::components::unit_table` draws it).
//!
//! A city holds up to tens of thousands of units; only one page of rows is
//! ever built, and filtering and sorting touch each unit once, so typing
//! in the search box stays quick at 30,000 units. This module writes no
//! markup: the controls are typed ([`Filter`], [`SortKey`]) and the rows
//! plain text.

use chrono::NaiveDate;

use crate::domain::unit::{OperatingStatus, Unit, UnitKind};
use crate::domain::workspace::Workspace;
use crate::i18n::format::format_number;
use crate::i18n::Lang;
use crate::report::status_label;

/// Rows on one page of the table.
pub const PAGE_SIZE: usize = 50;

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    Name,
    Kind,
    RegistrationCode,
    District,
    Sector,
    Status,
    LatestYear,
}

impl SortKey {
    /// The columns in the order the table shows them.
    pub const ALL: [SortKey; 7] = [
        SortKey::Name,
        SortKey::Kind,
        SortKey::RegistrationCode,
        SortKey::District,
        SortKey::Sector,
        SortKey::Status,
        SortKey::LatestYear,
    ];

    /// The column's heading (its sort button's name).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SortKey::Name => lang.pick("Tên", "Name"),
            SortKey::Kind => lang.pick("Loại", "Kind"),
            SortKey::RegistrationCode => lang.pick("Mã số", "Code"),
            SortKey::District => lang.pick("Quận/huyện", "District"),
            SortKey::Sector => lang.pick("Lĩnh vực", "Sector"),
            SortKey::Status => lang.pick("Tình trạng", "Status"),
            SortKey::LatestYear => lang.pick("Năm số liệu mới nhất", "Latest year"),
        }
    }
}

/// A filter control of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Filter {
    Kind,
    District,
    Sector,
    Status,
}

impl Filter {
    pub const ALL: [Filter; 4] = [
        Filter::Kind,
        Filter::District,
        Filter::Sector,
        Filter::Status,
    ];

    /// The control's id (`filter-kind`), for its label.
    pub fn id(self) -> &'static str {
        match self {
            Filter::Kind => "filter-kind",
            Filter::District => "filter-district",
            Filter::Sector => "filter-sector",
            Filter::Status => "filter-status",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Filter::Kind => lang.pick("Loại hình", "Kind"),
            Filter::District => lang.pick("Quận, huyện", "District"),
            Filter::Sector => lang.pick("Lĩnh vực", "Sector"),
            Filter::Status => lang.pick("Tình trạng", "Status"),
        }
    }
}

/// What the user asked the table for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitQuery {
    /// A kind's abbreviation ("HTX"), or empty for all.
    pub kind: String,
    pub district: String,
    pub sector: String,
    /// "active", "inactive", "dissolved", "not_founded", or empty.
    pub status: String,
    /// Part of a name or registration code, any case.
    pub search: String,
    /// `None` keeps the stored order.
    pub sort: Option<SortKey>,
    pub descending: bool,
    /// From 0.
    pub page: usize,
}

impl UnitQuery {
    /// The value chosen in a filter ("" for all).
    pub fn filter(&self, filter: Filter) -> &str {
        match filter {
            Filter::Kind => &self.kind,
            Filter::District => &self.district,
            Filter::Sector => &self.sector,
            Filter::Status => &self.status,
        }
    }

    /// Chooses a filter's value; back to the first page.
    pub fn set_filter(&mut self, filter: Filter, value: &str) {
        let slot = match filter {
            Filter::Kind => &mut self.kind,
            Filter::District => &mut self.district,
            Filter::Sector => &mut self.sector,
            Filter::Status => &mut self.status,
        };
        value.clone_into(slot);
        self.page = 0;
    }

    /// Searches names and codes; back to the first page.
    pub fn set_search(&mut self, value: &str) {
        value.clone_into(&mut self.search);
        self.page = 0;
    }

    /// Sorts by `key`; the same key again reverses the order.
    pub fn sort_by(&mut self, key: SortKey) {
        if self.sort == Some(key) {
            self.descending = !self.descending;
        } else {
            self.sort = Some(key);
            self.descending = false;
        }
    }

    /// Shows page `page` (from 0).
    pub fn go_to(&mut self, page: usize) {
        self.page = page;
    }
}

fn status_key(unit: &Unit, as_of: NaiveDate) -> &'static str {
    match unit.status_on(as_of) {
        Some(OperatingStatus::Active) => "active",
        Some(OperatingStatus::Inactive) => "inactive",
        Some(OperatingStatus::Dissolved) => "dissolved",
        None => "not_founded",
    }
}

fn status_text(key: &str, lang: Lang) -> &'static str {
    match key {
        "active" => status_label(OperatingStatus::Active, lang),
        "inactive" => status_label(OperatingStatus::Inactive, lang),
        "dissolved" => status_label(OperatingStatus::Dissolved, lang),
        _ => lang.pick("Chưa thành lập", "Not yet founded"),
    }
}

fn sector_name<'a>(ws: &'a Workspace, unit: &'a Unit, lang: Lang) -> &'a str {
    ws.plan
        .sector(&unit.sector)
        .map_or(unit.sector.as_str(), |s| s.name.get(lang))
}

fn latest_year(unit: &Unit) -> Option<i32> {
    unit.years.iter().map(|r| r.year).max()
}

/// The indices of the units the query selects, in the order asked for.
pub fn select(ws: &Workspace, query: &UnitQuery, as_of: NaiveDate, lang: Lang) -> Vec<usize> {
    let search = query.search.trim().to_lowercase();
    let kind = UnitKind::ALL
        .into_iter()
        .find(|k| k.abbreviation() == query.kind);
    let mut selected: Vec<usize> = ws
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| kind.is_none_or(|k| u.kind == k))
        .filter(|(_, u)| query.district.is_empty() || u.district == query.district)
        .filter(|(_, u)| query.sector.is_empty() || u.sector == query.sector)
        .filter(|(_, u)| query.status.is_empty() || status_key(u, as_of) == query.status)
        .filter(|(_, u)| {
            search.is_empty()
                || u.name.to_lowercase().contains(&search)
                || u.registration_code.to_lowercase().contains(&search)
        })
        .map(|(i, _)| i)
        .collect();
    if let Some(sort) = query.sort {
        // One key per selected unit, then one stable sort of positions in
        // that list: the comparison never re-reads a unit.
        let keys: Vec<String> = selected
            .iter()
            .map(|&i| {
                let Some(unit) = ws.units.get(i) else {
                    return String::new();
                };
                match sort {
                    SortKey::Name => unit.name.to_lowercase(),
                    SortKey::Kind => unit.kind.abbreviation().to_owned(),
                    SortKey::RegistrationCode => unit.registration_code.to_lowercase(),
                    SortKey::District => unit.district.to_lowercase(),
                    SortKey::Sector => sector_name(ws, unit, lang).to_lowercase(),
                    SortKey::Status => status_text(status_key(unit, as_of), lang).to_owned(),
                    // Years as fixed-width text sort as numbers; no year
                    // sorts first.
                    SortKey::LatestYear => {
                        latest_year(unit).map_or_else(String::new, |y| format!("{y:06}"))
                    }
                }
            })
            .collect();
        let descending = query.descending;
        let mut order: Vec<usize> = (0..selected.len()).collect();
        crate::sorting::sort_by(&mut order, |&a, &b| {
            let ordering = keys.get(a).cmp(&keys.get(b));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
        selected = order
            .into_iter()
            .filter_map(|position| selected.get(position).copied())
            .collect();
    }
    selected
}

/// One choice of a filter: the value it sets and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub text: String,
}

/// A filter's select: its label, the "all" choice's words and the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterControl {
    pub filter: Filter,
    pub label: &'static str,
    pub all: &'static str,
    pub choices: Vec<Choice>,
}

/// The filter controls: kind, district, sector and status (the search box
/// is [`search_label`]).
pub fn filter_controls(ws: &Workspace, lang: Lang) -> Vec<FilterControl> {
    let choice = |value: &str, text: &str| Choice {
        value: value.to_owned(),
        text: text.to_owned(),
    };
    Filter::ALL
        .into_iter()
        .map(|filter| {
            let choices = match filter {
                Filter::Kind => UnitKind::ALL
                    .iter()
                    .map(|k| choice(k.abbreviation(), k.abbreviation()))
                    .collect(),
                Filter::District => ws.plan.districts.iter().map(|d| choice(d, d)).collect(),
                Filter::Sector => ws
                    .plan
                    .sectors
                    .iter()
                    .map(|s| choice(&s.id, s.name.get(lang)))
                    .collect(),
                Filter::Status => ["active", "inactive", "dissolved", "not_founded"]
                    .iter()
                    .map(|k| choice(k, status_text(k, lang)))
                    .collect(),
            };
            FilterControl {
                filter,
                label: filter.label(lang),
                all: lang.pick("Tất cả", "All"),
                choices,
            }
        })
        .collect()
}

/// The search box's label.
pub fn search_label(lang: Lang) -> &'static str {
    lang.pick("Tìm theo tên hoặc mã số", "Search by name or code")
}

/// A column's heading: its sort key, words and `aria-sort` when sorted by it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnHead {
    pub key: SortKey,
    pub label: &'static str,
    /// "ascending" or "descending" on the column sorted by.
    pub sort: Option<&'static str>,
}

/// One unit's row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitRow {
    pub id: String,
    /// The name, or "(unnamed)".
    pub name: String,
    /// The unit's page, its id percent-encoded.
    pub href: String,
    pub kind: &'static str,
    pub registration_code: String,
    pub district: String,
    pub sector: String,
    pub status: &'static str,
    /// The latest year with figures, or "—".
    pub latest_year: String,
    /// The edit and delete buttons' names ("Sửa HTX An Phú").
    pub edit_label: String,
    pub delete_label: String,
}

/// The page buttons under the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pager {
    /// The pages the buttons go to (from 0).
    pub previous: usize,
    pub next: usize,
    pub at_first: bool,
    pub at_last: bool,
    /// "Trang 1 / 3".
    pub label: String,
}

/// What the table shows: the counts, one page of rows, the page buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitTable {
    /// "Đơn vị 1–50 trong 120 đơn vị khớp (tổng số 300)."
    pub count: String,
    pub columns: Vec<ColumnHead>,
    /// Empty when nothing matches: no table is shown.
    pub rows: Vec<UnitRow>,
    /// `None` when everything fits on one page.
    pub pager: Option<Pager>,
}

/// The table for `query`: counts, one page of rows and the page buttons.
pub fn unit_table(
    ws: &Workspace,
    query: &UnitQuery,
    as_of: NaiveDate,
    page_size: usize,
    lang: Lang,
) -> UnitTable {
    let selected = select(ws, query, as_of, lang);
    let page_size = page_size.max(1);
    let pages = selected.len().div_ceil(page_size).max(1);
    let page = query.page.min(pages - 1);
    let first = page * page_size;
    let number = |n: usize| format_number(n as f64, 0, lang);

    let count = if selected.is_empty() {
        match lang {
            Lang::Vi => format!(
                "Không có đơn vị nào khớp (trong {} đơn vị).",
                number(ws.units.len())
            ),
            Lang::En => format!("No unit matches (of {} units).", number(ws.units.len())),
        }
    } else {
        let last = (first + page_size).min(selected.len());
        match lang {
            Lang::Vi => format!(
                "Đơn vị {}–{} trong {} đơn vị khớp (tổng số {}).",
                number(first + 1),
                number(last),
                number(selected.len()),
                number(ws.units.len())
            ),
            Lang::En => format!(
                "Units {}–{} of {} matching ({} in all).",
                number(first + 1),
                number(last),
                number(selected.len()),
                number(ws.units.len())
            ),
        }
    };
    let order = if query.descending {
        "descending"
    } else {
        "ascending"
    };
    let columns = SortKey::ALL
        .into_iter()
        .map(|key| ColumnHead {
            key,
            label: key.label(lang),
            sort: (query.sort == Some(key)).then_some(order),
        })
        .collect();
    let rows = selected
        .iter()
        .skip(first)
        .take(page_size)
        .filter_map(|&i| ws.units.get(i))
        .map(|unit| {
            let name = if unit.name.trim().is_empty() {
                lang.pick("(chưa có tên)", "(unnamed)")
            } else {
                unit.name.as_str()
            };
            UnitRow {
                id: unit.id.clone(),
                name: name.to_owned(),
                href: format!("/units/{}", crate::route::percent_encode(&unit.id)),
                kind: unit.kind.abbreviation(),
                registration_code: unit.registration_code.clone(),
                district: unit.district.clone(),
                sector: sector_name(ws, unit, lang).to_owned(),
                status: status_text(status_key(unit, as_of), lang),
                latest_year: latest_year(unit).map_or_else(|| "—".to_owned(), |y| y.to_string()),
                edit_label: format!("{} {name}", lang.pick("Sửa", "Edit")),
                delete_label: format!("{} {name}", lang.pick("Xóa", "Delete")),
            }
        })
        .collect();
    let pager = (pages > 1).then(|| Pager {
        previous: page.saturating_sub(1),
        next: (page + 1).min(pages - 1),
        at_first: page == 0,
        at_last: page + 1 == pages,
        label: match lang {
            Lang::Vi => format!("Trang {} / {}", number(page + 1), number(pages)),
            Lang::En => format!("Page {} of {}", number(page + 1), number(pages)),
        },
    });
    UnitTable {
        count,
        columns,
        rows,
        pager,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::synthetic_workspace;

    fn ws() -> Workspace {
        let mut ws = Workspace::new("w", "w");
        for (id, name, kind, code, district) in [
            ("a", "HTX Bình Minh", UnitKind::Htx, "0203", "Lê Chân"),
            ("b", "THT Rau sạch", UnitKind::Tht, "", "Hồng Bàng"),
            ("c/d", "HTX An Phú <b>", UnitKind::Htx, "0201", "Hồng Bàng"),
        ] {
            let mut unit = Unit::new(id, name, kind);
            unit.registration_code = code.into();
            unit.district = district.into();
            ws.units.push(unit);
        }
        ws
    }

    fn names(ws: &Workspace, query: &UnitQuery) -> Vec<String> {
        let as_of = NaiveDate::from_ymd_opt(2019, 6, 30).unwrap_or_default();
        select(ws, query, as_of, Lang::Vi)
            .into_iter()
            .filter_map(|i| ws.units.get(i).map(|u| u.name.clone()))
            .collect()
    }

    #[test]
    fn filters_search_and_sort() {
        let ws = ws();
        let mut query = UnitQuery::default();
        query.set_filter(Filter::Kind, "HTX");
        assert_eq!(names(&ws, &query), ["HTX Bình Minh", "HTX An Phú <b>"]);
        query.sort_by(SortKey::Name);
        assert_eq!(names(&ws, &query), ["HTX An Phú <b>", "HTX Bình Minh"]);
        query.sort_by(SortKey::Name);
        assert!(query.descending);
        assert_eq!(names(&ws, &query), ["HTX Bình Minh", "HTX An Phú <b>"]);
        query.set_filter(Filter::Kind, "");
        query.set_filter(Filter::District, "Hồng Bàng");
        query.sort_by(SortKey::RegistrationCode);
        assert_eq!(names(&ws, &query), ["THT Rau sạch", "HTX An Phú <b>"]);
        query.set_search("0201");
        assert_eq!(names(&ws, &query), ["HTX An Phú <b>"]);
        query.set_search("rau");
        query.set_filter(Filter::District, "");
        assert_eq!(names(&ws, &query), ["THT Rau sạch"]);
        query.set_filter(Filter::Status, "dissolved");
        assert!(names(&ws, &query).is_empty());
    }

    #[test]
    fn filters_go_back_to_the_first_page() {
        let mut query = UnitQuery::default();
        query.go_to(3);
        query.sort_by(SortKey::Name);
        assert_eq!(query.page, 3, "sorting keeps the page");
        query.set_search("a");
        assert_eq!(query.page, 0);
        query.go_to(2);
        query.set_filter(Filter::Sector, "x");
        assert_eq!(query.page, 0);
    }

    #[test]
    fn one_page_is_shown_with_counts_and_names_as_text() {
        let ws = ws();
        let as_of = NaiveDate::from_ymd_opt(2019, 6, 30).unwrap_or_default();
        let mut query = UnitQuery::default();
        let table = unit_table(&ws, &query, as_of, 2, Lang::Vi);
        assert_eq!(table.count, "Đơn vị 1–2 trong 3 đơn vị khớp (tổng số 3).");
        let pager = table.pager.clone().unwrap_or_else(|| panic!("two pages"));
        assert_eq!(pager.label, "Trang 1 / 2");
        assert!(pager.at_first && !pager.at_last);
        assert_eq!(pager.next, 1);
        assert!(
            table.rows.iter().all(|r| !r.name.contains("An Phú")),
            "the third unit is on page 2"
        );
        query.go_to(1);
        let table = unit_table(&ws, &query, as_of, 2, Lang::Vi);
        let row = table.rows.first().cloned().unwrap_or_default();
        // The name is text: the view escapes it.
        assert_eq!(row.name, "HTX An Phú <b>");
        assert_eq!(row.id, "c/d");
        assert_eq!(row.href, "/units/c%2Fd");
        assert_eq!(row.edit_label, "Sửa HTX An Phú <b>");
        assert_eq!(row.delete_label, "Xóa HTX An Phú <b>");
        assert_eq!(row.latest_year, "—");
        assert_eq!(
            table.pager.map(|p| (p.at_last, p.previous)),
            Some((true, 0))
        );
        let controls = filter_controls(&ws, Lang::En);
        assert_eq!(
            controls
                .iter()
                .map(|c| (c.filter.id(), c.label))
                .collect::<Vec<_>>(),
            [
                ("filter-kind", "Kind"),
                ("filter-district", "District"),
                ("filter-sector", "Sector"),
                ("filter-status", "Status")
            ]
        );
        assert!(controls.iter().all(|c| c.all == "All"));
    }

    #[test]
    fn the_sorted_column_says_so_and_nothing_matching_has_no_rows() {
        let ws = ws();
        let as_of = NaiveDate::from_ymd_opt(2019, 6, 30).unwrap_or_default();
        let mut query = UnitQuery::default();
        query.sort_by(SortKey::Name);
        query.sort_by(SortKey::Name);
        let table = unit_table(&ws, &query, as_of, PAGE_SIZE, Lang::Vi);
        let sorted: Vec<_> = table
            .columns
            .iter()
            .filter_map(|c| c.sort.map(|s| (c.label, s)))
            .collect();
        assert_eq!(sorted, [("Tên", "descending")]);
        assert!(table.pager.is_none());
        query.set_search("không có");
        let table = unit_table(&ws, &query, as_of, PAGE_SIZE, Lang::En);
        assert_eq!(table.count, "No unit matches (of 3 units).");
        assert!(table.rows.is_empty());
    }

    #[test]
    fn thirty_thousand_units_page_quickly() {
        let ws = synthetic_workspace(30_000, 7);
        let as_of = NaiveDate::from_ymd_opt(2019, 6, 30).unwrap_or_default();
        let mut query = UnitQuery::default();
        query.sort_by(SortKey::Name);
        query.set_search("a");
        let started = std::time::Instant::now();
        let table = unit_table(&ws, &query, as_of, PAGE_SIZE, Lang::Vi);
        assert!(table.rows.len() <= PAGE_SIZE);
        // Generous for a debug build on a shared machine; the browser
        // figure is in `make bench`.
        assert!(
            started.elapsed().as_secs_f64() < 2.0,
            "{:?}",
            started.elapsed()
        );
    }
}
