//! The data page's table of units: filtered, searched, sorted and shown a
//! page at a time, written as HTML text.
//!
//! A city holds up to tens of thousands of units; only one page of rows is
//! ever written, and filtering and sorting touch each unit once, so typing
//! in the search box stays quick at 30,000 units. The page's controls and
//! the table's buttons carry `name` and `data-*` attributes that one
//! delegated handler in the browser reads and passes to
//! [`UnitQuery::set`].

use chrono::NaiveDate;

use crate::format::format_number;
use crate::html::Html;
use crate::i18n::Lang;
use crate::report::status_label;
use crate::unit::{OperatingStatus, Unit, UnitKind};
use crate::workspace::Workspace;

/// Rows on one page of the table.
pub const PAGE_SIZE: usize = 50;

/// The columns the table can be sorted by.
pub const SORT_KEYS: [&str; 7] = [
    "name",
    "kind",
    "registration_code",
    "district",
    "sector",
    "status",
    "latest_year",
];

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
    /// One of [`SORT_KEYS`]; empty keeps the stored order.
    pub sort: String,
    pub descending: bool,
    /// From 0.
    pub page: usize,
}

impl UnitQuery {
    /// Applies one control's change: `name` is the control's name, or
    /// `sort` (a column key; the same key again reverses the order) or
    /// `page`. Filters go back to the first page.
    pub fn set(&mut self, name: &str, value: &str) {
        match name {
            "kind" => self.kind = value.to_owned(),
            "district" => self.district = value.to_owned(),
            "sector" => self.sector = value.to_owned(),
            "status" => self.status = value.to_owned(),
            "search" => self.search = value.to_owned(),
            "sort" => {
                if self.sort == value {
                    self.descending = !self.descending;
                } else {
                    self.sort = value.to_owned();
                    self.descending = false;
                }
                return;
            }
            "page" => {
                self.page = value.parse().unwrap_or(0);
                return;
            }
            _ => return,
        }
        self.page = 0;
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
    if SORT_KEYS.contains(&query.sort.as_str()) {
        // One key per selected unit, then one stable sort of positions in
        // that list: the comparison never re-reads a unit.
        let keys: Vec<String> = selected
            .iter()
            .map(|&i| {
                let Some(unit) = ws.units.get(i) else {
                    return String::new();
                };
                match query.sort.as_str() {
                    "name" => unit.name.to_lowercase(),
                    "kind" => unit.kind.abbreviation().to_owned(),
                    "registration_code" => unit.registration_code.to_lowercase(),
                    "district" => unit.district.to_lowercase(),
                    "sector" => sector_name(ws, unit, lang).to_lowercase(),
                    "status" => status_text(status_key(unit, as_of), lang).to_owned(),
                    // Years as fixed-width text sort as numbers; no year
                    // sorts first.
                    _ => latest_year(unit).map_or_else(String::new, |y| format!("{y:06}")),
                }
            })
            .collect();
        let descending = query.descending;
        let mut order: Vec<usize> = (0..selected.len()).collect();
        order.sort_by(|&a, &b| {
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

fn options(
    html: &mut Html,
    name: &'static str,
    label: &str,
    all: &str,
    choices: &[(String, String)],
    current: &str,
) {
    let id = format!("filter-{name}");
    html.open("label", &[("for", Some(&id))])
        .text(label)
        .close("label")
        .open("select", &[("id", Some(&id)), ("name", Some(name))])
        .element("option", &[("value", Some(""))], all);
    for (value, text) in choices {
        html.element(
            "option",
            &[
                ("value", Some(value)),
                ("selected", (value == current).then_some("")),
            ],
            text,
        );
    }
    html.close("select");
}

/// The filter controls: kind, district, sector, status and search.
pub fn controls_html(ws: &Workspace, query: &UnitQuery, lang: Lang) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("filters"))]);
    let kinds: Vec<(String, String)> = UnitKind::ALL
        .iter()
        .map(|k| (k.abbreviation().to_owned(), k.abbreviation().to_owned()))
        .collect();
    let all = lang.pick("Tất cả", "All");
    html.open("div", &[]);
    options(
        &mut html,
        "kind",
        lang.pick("Loại hình", "Kind"),
        all,
        &kinds,
        &query.kind,
    );
    html.close("div").open("div", &[]);
    let districts: Vec<(String, String)> = ws
        .plan
        .districts
        .iter()
        .map(|d| (d.clone(), d.clone()))
        .collect();
    options(
        &mut html,
        "district",
        lang.pick("Quận, huyện", "District"),
        all,
        &districts,
        &query.district,
    );
    html.close("div").open("div", &[]);
    let sectors: Vec<(String, String)> = ws
        .plan
        .sectors
        .iter()
        .map(|s| (s.id.clone(), s.name.get(lang).to_owned()))
        .collect();
    options(
        &mut html,
        "sector",
        lang.pick("Lĩnh vực", "Sector"),
        all,
        &sectors,
        &query.sector,
    );
    html.close("div").open("div", &[]);
    let statuses: Vec<(String, String)> = ["active", "inactive", "dissolved", "not_founded"]
        .iter()
        .map(|k| ((*k).to_owned(), status_text(k, lang).to_owned()))
        .collect();
    options(
        &mut html,
        "status",
        lang.pick("Tình trạng", "Status"),
        all,
        &statuses,
        &query.status,
    );
    html.close("div").open("div", &[]);
    html.open("label", &[("for", Some("filter-search"))])
        .text(lang.pick("Tìm theo tên hoặc mã số", "Search by name or code"))
        .close("label")
        .void(
            "input",
            &[
                ("id", Some("filter-search")),
                ("name", Some("search")),
                ("type", Some("search")),
                ("value", Some(&query.search)),
                ("autocomplete", Some("off")),
            ],
        );
    html.close("div").close("div");
    html.into_string()
}

/// The table: counts, one page of rows with edit (when `editable`: the
/// build has the entry forms) and delete buttons, and the page buttons.
pub fn table_html(
    ws: &Workspace,
    query: &UnitQuery,
    as_of: NaiveDate,
    page_size: usize,
    editable: bool,
    lang: Lang,
) -> String {
    let selected = select(ws, query, as_of, lang);
    let page_size = page_size.max(1);
    let pages = selected.len().div_ceil(page_size).max(1);
    let page = query.page.min(pages - 1);
    let first = page * page_size;
    let shown = selected.iter().skip(first).take(page_size);
    let number = |n: usize| format_number(n as f64, 0, lang);
    let mut html = Html::new();

    let counts = if selected.is_empty() {
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
    html.element(
        "p",
        &[("class", Some("table-count")), ("role", Some("status"))],
        &counts,
    );
    if selected.is_empty() {
        return html.into_string();
    }

    let headers = [
        ("name", lang.pick("Tên", "Name")),
        ("kind", lang.pick("Loại", "Kind")),
        ("registration_code", lang.pick("Mã số", "Code")),
        ("district", lang.pick("Quận/huyện", "District")),
        ("sector", lang.pick("Lĩnh vực", "Sector")),
        ("status", lang.pick("Tình trạng", "Status")),
        (
            "latest_year",
            lang.pick("Năm số liệu mới nhất", "Latest year"),
        ),
    ];
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("unit-table"))])
        .element("caption", &[], lang.pick("Danh sách đơn vị", "Units"))
        .open("thead", &[])
        .open("tr", &[]);
    for (key, label) in headers {
        let order = if query.descending {
            "descending"
        } else {
            "ascending"
        };
        let sort = (query.sort == key).then_some(order);
        html.open("th", &[("scope", Some("col")), ("aria-sort", sort)])
            .element(
                "button",
                &[
                    ("type", Some("button")),
                    ("class", Some("sort")),
                    ("data-sort", Some(key)),
                ],
                label,
            )
            .close("th");
    }
    html.element(
        "th",
        &[("scope", Some("col"))],
        lang.pick("Thao tác", "Actions"),
    );
    html.close("tr").close("thead").open("tbody", &[]);
    for unit in shown.filter_map(|&i| ws.units.get(i)) {
        let name = if unit.name.trim().is_empty() {
            lang.pick("(chưa có tên)", "(unnamed)")
        } else {
            unit.name.as_str()
        };
        let href = format!("/units/{}", crate::route::percent_encode(&unit.id));
        html.open("tr", &[])
            .open("th", &[("scope", Some("row"))])
            .element("a", &[("href", Some(&href))], name)
            .close("th")
            .element("td", &[], unit.kind.abbreviation())
            .element("td", &[], &unit.registration_code)
            .element("td", &[], &unit.district)
            .element("td", &[], sector_name(ws, unit, lang))
            .element("td", &[], status_text(status_key(unit, as_of), lang))
            .element(
                "td",
                &[("class", Some("num"))],
                &latest_year(unit).map_or_else(|| "—".to_owned(), |y| y.to_string()),
            )
            .open("td", &[("class", Some("actions"))]);
        let edit = format!("{} {name}", lang.pick("Sửa", "Edit"));
        let delete = format!("{} {name}", lang.pick("Xóa", "Delete"));
        if editable {
            html.element(
                "button",
                &[
                    ("type", Some("button")),
                    ("class", Some("secondary")),
                    ("data-edit", Some(&unit.id)),
                    ("aria-label", Some(&edit)),
                ],
                lang.pick("Sửa", "Edit"),
            );
        }
        html.element(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("secondary danger")),
                ("data-delete", Some(&unit.id)),
                ("aria-label", Some(&delete)),
            ],
            lang.pick("Xóa", "Delete"),
        )
        .close("td")
        .close("tr");
    }
    html.close("tbody").close("table").close("div");

    if pages > 1 {
        html.open(
            "nav",
            &[
                ("class", Some("pages")),
                ("aria-label", Some(lang.pick("Trang", "Pages"))),
            ],
        );
        let previous = page.saturating_sub(1).to_string();
        let next = (page + 1).min(pages - 1).to_string();
        let label = match lang {
            Lang::Vi => format!("Trang {} / {}", number(page + 1), number(pages)),
            Lang::En => format!("Page {} of {}", number(page + 1), number(pages)),
        };
        html.element(
            "button",
            &[
                ("type", Some("button")),
                ("data-page", Some(&previous)),
                ("disabled", (page == 0).then_some("")),
            ],
            lang.pick("‹ Trang trước", "‹ Previous"),
        )
        .element("span", &[], &label)
        .element(
            "button",
            &[
                ("type", Some("button")),
                ("data-page", Some(&next)),
                ("disabled", (page + 1 == pages).then_some("")),
            ],
            lang.pick("Trang sau ›", "Next ›"),
        )
        .close("nav");
    }
    html.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::synthetic_workspace;

    fn ws() -> Workspace {
        let mut ws = Workspace::new("w", "w");
        for (id, name, kind, code, district) in [
            ("a", "HTX Bình Minh", UnitKind::Htx, "0203", "Lê Chân"),
            ("b", "THT Rau sạch", UnitKind::Tht, "", "Hồng Bàng"),
            ("c", "HTX An Phú <b>", UnitKind::Htx, "0201", "Hồng Bàng"),
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
        query.set("kind", "HTX");
        assert_eq!(names(&ws, &query), ["HTX Bình Minh", "HTX An Phú <b>"]);
        query.set("sort", "name");
        assert_eq!(names(&ws, &query), ["HTX An Phú <b>", "HTX Bình Minh"]);
        query.set("sort", "name");
        assert!(query.descending);
        assert_eq!(names(&ws, &query), ["HTX Bình Minh", "HTX An Phú <b>"]);
        query.set("kind", "");
        query.set("district", "Hồng Bàng");
        query.set("sort", "registration_code");
        assert_eq!(names(&ws, &query), ["THT Rau sạch", "HTX An Phú <b>"]);
        query.set("search", "0201");
        assert_eq!(names(&ws, &query), ["HTX An Phú <b>"]);
        query.set("search", "rau");
        query.set("district", "");
        assert_eq!(names(&ws, &query), ["THT Rau sạch"]);
        query.set("status", "dissolved");
        assert!(names(&ws, &query).is_empty());
    }

    #[test]
    fn one_page_is_written_with_counts_and_escaped_names() {
        let ws = ws();
        let as_of = NaiveDate::from_ymd_opt(2019, 6, 30).unwrap_or_default();
        let mut query = UnitQuery::default();
        let html = table_html(&ws, &query, as_of, 2, true, Lang::Vi);
        assert!(html.contains("Đơn vị 1–2 trong 3 đơn vị khớp"));
        assert!(html.contains("Trang 1 / 2"));
        assert!(!html.contains("An Phú"), "the third unit is on page 2");
        query.set("page", "1");
        let html = table_html(&ws, &query, as_of, 2, true, Lang::Vi);
        assert!(html.contains("HTX An Phú &lt;b&gt;"));
        assert!(html.contains("data-edit=\"c\" aria-label=\"Sửa HTX An Phú &lt;b&gt;\""));
        let controls = controls_html(&ws, &query, Lang::En);
        assert!(controls.contains("<label for=\"filter-kind\">Kind</label>"));
    }

    #[test]
    fn thirty_thousand_units_page_quickly() {
        let ws = synthetic_workspace(30_000, 7);
        let as_of = NaiveDate::from_ymd_opt(2019, 6, 30).unwrap_or_default();
        let mut query = UnitQuery::default();
        query.set("sort", "name");
        query.set("search", "a");
        let started = std::time::Instant::now();
        let html = table_html(&ws, &query, as_of, PAGE_SIZE, false, Lang::Vi);
        assert!(html.matches("<tr>").count() <= PAGE_SIZE + 1);
        // Generous for a debug build on a shared machine; the browser
        // figure is in `make bench`.
        assert!(
            started.elapsed().as_secs_f64() < 2.0,
            "{:?}",
            started.elapsed()
        );
    }
}
