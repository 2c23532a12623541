//! Merging several workspaces into one: a trainer collects the files of a
//! workshop's participants and gets one city.
//!
//! Units with the same registration code are the same unit; units without a
//! code are kept apart unless they are identical in every field and year. Values are compared as the cells of the CSV
//! files ([`crate::files::csv_data`]), field by field and year by year: a value
//! given in one file only is taken, and values that differ are listed as
//! [`Conflict`]s for the user to choose — or "newest wins" picks the value
//! of the most recently saved file for every conflict at once. Nothing is
//! decided silently, and the result is validated like any import before it
//! replaces anything.

use std::collections::{HashMap, HashSet};

use crate::domain::unit::{Unit, UnitKind, YearRecord};
use crate::domain::workspace::{CityYear, Workspace};
use crate::files::csv_data::{
    column_label, set_unit_cell, set_year_cell, unit_cell, year_cell, UNIT_COLUMNS, YEAR_FIELDS,
};
use crate::i18n::number::Convention;
use crate::i18n::Lang;

/// One file (or workspace) to merge.
#[derive(Clone, Debug)]
pub struct Source {
    /// What the user knows it by: the file name.
    pub label: String,
    /// When it was last saved, in milliseconds since 1970 (the file's date).
    pub modified: f64,
    pub workspace: Workspace,
}

/// Where a conflict is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Slot {
    Unit(usize),
    Year(usize, usize),
    City(usize),
}

/// Different values for one field of one unit (and year), from different
/// sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    slot: Slot,
    /// The column key ("revenue").
    pub field: &'static str,
    /// The unit's name (empty for the city) and the year, if any.
    pub unit_name: String,
    pub year: Option<i32>,
    /// Each distinct value with the first source that gave it.
    pub values: Vec<(usize, String)>,
    /// The index into `values` that the merge will use.
    pub chosen: usize,
}

/// The conflicts of a merge as the page lists them ([`Merge::conflict_list`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictList {
    /// How many values differ, or that none do.
    pub heading: String,
    pub items: Vec<ConflictItem>,
    /// How many more there are than are listed.
    pub more: Option<String>,
}

/// One value that differs between the files: where it is, each value with
/// the file it came from, and the one the merge will keep.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictItem {
    pub legend: String,
    pub options: Vec<String>,
    pub chosen: usize,
}

/// A cell and the source it came from.
#[derive(Clone, Debug, PartialEq)]
struct Cell {
    text: String,
    source: usize,
}

#[derive(Clone, Debug, PartialEq)]
struct MergedUnit {
    cells: Vec<Cell>,
    years: Vec<(i32, Vec<Cell>)>,
}

/// The merge in progress: the combined cells, the conflicts and the
/// choices made so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    base: Workspace,
    units: Vec<MergedUnit>,
    city: Vec<(i32, Vec<Cell>)>,
    modified: Vec<f64>,
    pub labels: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

const CITY_FIELDS: [&str; 2] = ["grdp_current_prices", "extra_collective_value_added"];

fn city_cell(city: &CityYear, field: &str) -> String {
    let value = if field == "grdp_current_prices" {
        &city.grdp_current_prices
    } else {
        &city.extra_collective_value_added
    };
    value
        .as_ref()
        .map(|v| v.as_str().to_owned())
        .unwrap_or_default()
}

fn cells(texts: impl Iterator<Item = String>, source: usize) -> Vec<Cell> {
    texts.map(|text| Cell { text, source }).collect()
}

/// Takes `incoming` into `current` cell by cell; differing values become
/// (or join) a conflict.
fn merge_cells(
    current: &mut [Cell],
    incoming: Vec<Cell>,
    keys: &[&'static str],
    slot: Slot,
    place: (&str, Option<i32>),
    conflicts: &mut Vec<Conflict>,
) {
    for ((cell, new), key) in current.iter_mut().zip(incoming).zip(keys) {
        if new.text.is_empty() || new.text == cell.text || *key == "id" {
            continue;
        }
        if cell.text.is_empty() {
            *cell = new;
            continue;
        }
        match conflicts
            .iter_mut()
            .find(|c| c.slot == slot && c.field == *key)
        {
            Some(conflict) => {
                if !conflict.values.iter().any(|(_, v)| *v == new.text) {
                    conflict.values.push((new.source, new.text));
                }
            }
            None => conflicts.push(Conflict {
                slot,
                field: key,
                unit_name: place.0.to_owned(),
                year: place.1,
                values: vec![(cell.source, cell.text.clone()), (new.source, new.text)],
                chosen: 0,
            }),
        }
    }
}

/// Merges `sources` into a workspace with `base`'s id, name and plan. The
/// first value met is chosen for each conflict until the user chooses.
pub fn merge(base: &Workspace, sources: &[Source]) -> Merge {
    let mut merging = Merging::new(base, sources);
    while !merging.step(sources, usize::MAX) {}
    merging.into_merge()
}

/// [`merge`] a few units at a time, so that merging the files of a whole
/// province never holds the page for long: each [`Merging::step`] is given
/// the same sources and merges a bounded number of units.
pub struct Merging {
    merged: Merge,
    by_code: HashMap<String, usize>,
    by_twin: HashMap<String, usize>,
    ids: HashSet<String>,
    next_id: usize,
    /// The next unit to merge: its source, and its place there (a
    /// source's city figures are merged after its last unit).
    source: usize,
    unit: usize,
    /// Units merged so far, and of all sources.
    done: usize,
    total: usize,
}

impl Merging {
    pub fn new(base: &Workspace, sources: &[Source]) -> Merging {
        Merging {
            merged: Merge {
                base: Workspace {
                    units: Vec::new(),
                    city_years: Vec::new(),
                    ..base.clone()
                },
                units: Vec::new(),
                city: Vec::new(),
                modified: sources.iter().map(|s| s.modified).collect(),
                labels: sources.iter().map(|s| s.label.clone()).collect(),
                conflicts: Vec::new(),
            },
            by_code: HashMap::new(),
            by_twin: HashMap::new(),
            ids: HashSet::new(),
            next_id: 1,
            source: 0,
            unit: 0,
            done: 0,
            total: sources.iter().map(|s| s.workspace.units.len()).sum(),
        }
    }

    /// Merges up to `units` more units of `sources` (the sources given to
    /// [`Merging::new`], every time); `true` once every source is merged.
    pub fn step(&mut self, sources: &[Source], units: usize) -> bool {
        let mut budget = units.max(1);
        while budget > 0 {
            let Some(source) = sources.get(self.source) else {
                break;
            };
            match source.workspace.units.get(self.unit) {
                Some(unit) => {
                    self.merge_unit(self.source, unit);
                    self.unit += 1;
                    self.done += 1;
                    budget -= 1;
                }
                None => {
                    self.merge_city(self.source, source);
                    self.source += 1;
                    self.unit = 0;
                }
            }
        }
        self.source >= sources.len()
    }

    /// Units merged so far, and of all sources.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.total)
    }

    /// The merge of the units merged so far (all of them once a step said
    /// so).
    pub fn into_merge(self) -> Merge {
        self.merged
    }

    fn merge_unit(&mut self, source_index: usize, unit: &Unit) {
        let code = unit.registration_code.trim().to_lowercase();
        let row = cells(
            UNIT_COLUMNS.iter().map(|k| unit_cell(unit, k)),
            source_index,
        );
        let years = |unit: &Unit| -> Vec<(i32, Vec<Cell>)> {
            unit.years
                .iter()
                .map(|r| {
                    (
                        r.year,
                        cells(YEAR_FIELDS.iter().map(|f| year_cell(r, f)), source_index),
                    )
                })
                .collect()
        };
        // Without a code, a unit is the same as one already met only if
        // everything about it is identical (the same file twice, or an
        // untouched copy of a shared workspace).
        let twin_key = code.is_empty().then(|| {
            let mut key = String::new();
            for cell in row.iter().skip(1) {
                key.push_str(&cell.text);
                key.push('\u{1f}');
            }
            for record in &unit.years {
                for field in YEAR_FIELDS {
                    key.push_str(&year_cell(record, field));
                    key.push('\u{1f}');
                }
                key.push_str(&record.year.to_string());
                key.push('\u{1e}');
            }
            key
        });
        let existing = match &twin_key {
            None => self.by_code.get(&code).copied(),
            Some(key) => self.by_twin.get(key).copied(),
        };
        let Some(index) = existing else {
            let mut row = row;
            // Ids are internal: a unit keeps its own unless another
            // unit of the merge already has it.
            if let Some(id) = row.first_mut() {
                if id.text.is_empty() || self.ids.contains(&id.text) {
                    id.text = loop {
                        let candidate = format!("merged-{}", self.next_id);
                        self.next_id += 1;
                        if !self.ids.contains(&candidate) {
                            break candidate;
                        }
                    };
                }
                self.ids.insert(id.text.clone());
            }
            match twin_key {
                None => self.by_code.insert(code, self.merged.units.len()),
                Some(key) => self.by_twin.insert(key, self.merged.units.len()),
            };
            self.merged.units.push(MergedUnit {
                cells: row,
                years: years(unit),
            });
            return;
        };
        let Some(target) = self.merged.units.get_mut(index) else {
            return;
        };
        let name = target
            .cells
            .get(1)
            .map(|c| c.text.clone())
            .unwrap_or_default();
        merge_cells(
            &mut target.cells,
            row,
            &UNIT_COLUMNS,
            Slot::Unit(index),
            (&name, None),
            &mut self.merged.conflicts,
        );
        for (year, record) in years(unit) {
            match target.years.iter().position(|(y, _)| *y == year) {
                None => target.years.push((year, record)),
                Some(position) => {
                    if let Some((_, current)) = target.years.get_mut(position) {
                        merge_cells(
                            current,
                            record,
                            &YEAR_FIELDS,
                            Slot::Year(index, position),
                            (&name, Some(year)),
                            &mut self.merged.conflicts,
                        );
                    }
                }
            }
        }
    }

    fn merge_city(&mut self, source_index: usize, source: &Source) {
        for city in &source.workspace.city_years {
            let row = cells(CITY_FIELDS.iter().map(|f| city_cell(city, f)), source_index);
            match self.merged.city.iter().position(|(y, _)| *y == city.year) {
                None => self.merged.city.push((city.year, row)),
                Some(position) => {
                    if let Some((_, current)) = self.merged.city.get_mut(position) {
                        merge_cells(
                            current,
                            row,
                            &CITY_FIELDS,
                            Slot::City(position),
                            ("", Some(city.year)),
                            &mut self.merged.conflicts,
                        );
                    }
                }
            }
        }
    }
}

/// The merged workspace being built ([`Merge::building`]).
#[derive(Debug)]
pub struct Building {
    /// The base, with the city's figures and the units built so far.
    ws: Workspace,
    /// The chosen values, by place: (field's position, text).
    chosen: HashMap<Slot, Vec<(usize, String)>>,
}

/// The text of field `position` at `slot`: the chosen one when the field
/// was in conflict, else the merged cell's.
fn chosen_text<'a>(
    chosen: &'a HashMap<Slot, Vec<(usize, String)>>,
    slot: Slot,
    position: usize,
    cells: &'a [Cell],
) -> Option<&'a str> {
    let cell = cells.get(position)?;
    Some(
        chosen
            .get(&slot)
            .and_then(|c| c.iter().rev().find(|(p, _)| *p == position))
            .map_or(cell.text.as_str(), |(_, text)| text.as_str()),
    )
}

impl Building {
    /// Builds up to `most` more units of `merge` (the merge this was made
    /// from); `true` once every unit is built.
    pub fn step(&mut self, merge: &Merge, most: usize) -> bool {
        let start = self.ws.units.len();
        let end = start.saturating_add(most.max(1)).min(merge.units.len());
        for u in start..end {
            let Some(merged) = merge.units.get(u) else {
                break;
            };
            let mut unit = Unit::new("", "", UnitKind::Htx);
            unit.group = None;
            for (i, key) in UNIT_COLUMNS.iter().enumerate() {
                if let Some(text) = chosen_text(&self.chosen, Slot::Unit(u), i, &merged.cells) {
                    // Every cell was written by `unit_cell`/`year_cell`, so
                    // reading it back cannot fail; a failure would leave
                    // the field empty.
                    let _ = set_unit_cell(&mut unit, key, text, &self.ws.plan);
                }
            }
            unit.years = merged
                .years
                .iter()
                .enumerate()
                .map(|(y, (year, cells))| {
                    let mut record = YearRecord {
                        year: *year,
                        ..Default::default()
                    };
                    for (i, field) in YEAR_FIELDS.iter().enumerate() {
                        if let Some(text) = chosen_text(&self.chosen, Slot::Year(u, y), i, cells) {
                            let _ = set_year_cell(&mut record, field, text, Convention::PLAIN);
                        }
                    }
                    record
                })
                .collect();
            self.ws.units.push(unit);
        }
        self.ws.units.len() >= merge.units.len()
    }

    /// Units built, and in all.
    pub fn progress(&self, merge: &Merge) -> (usize, usize) {
        (self.ws.units.len(), merge.units.len())
    }

    /// The merged workspace (once every unit is built).
    pub fn finish(self) -> Workspace {
        self.ws
    }
}

impl Merge {
    /// Chooses value `value` of conflict `conflict`; out-of-range indices
    /// are ignored.
    pub fn choose(&mut self, conflict: usize, value: usize) {
        if let Some(c) = self.conflicts.get_mut(conflict) {
            if value < c.values.len() {
                c.chosen = value;
            }
        }
    }

    /// For every conflict, the value of the most recently saved source (the
    /// later one of equally recent sources).
    pub fn newest_wins(&mut self) {
        let modified = &self.modified;
        for conflict in &mut self.conflicts {
            let mut best: Option<(usize, f64)> = None;
            for (i, (source, _)) in conflict.values.iter().enumerate() {
                let time = modified.get(*source).copied().unwrap_or(f64::MIN);
                if best.is_none_or(|(_, t)| time >= t) {
                    best = Some((i, time));
                }
            }
            conflict.chosen = best.map_or(0, |(i, _)| i);
        }
    }

    /// The merged workspace, with the chosen value of every conflict.
    pub fn workspace(&self) -> Workspace {
        let mut building = self.building();
        // Bounded: each step builds at least one unit.
        for _ in 0..=self.units.len() {
            if building.step(self, usize::MAX) {
                break;
            }
        }
        building.finish()
    }

    /// The same, built a few units per [`Building::step`]: at 30,000
    /// units, building it at once after each choice held the page for a
    /// second.
    pub fn building(&self) -> Building {
        let mut chosen: HashMap<Slot, Vec<(usize, String)>> = HashMap::new();
        for conflict in &self.conflicts {
            let Some((_, text)) = conflict.values.get(conflict.chosen) else {
                continue;
            };
            let keys: &[&str] = match conflict.slot {
                Slot::Unit(_) => &UNIT_COLUMNS,
                Slot::Year(..) => &YEAR_FIELDS,
                Slot::City(_) => &CITY_FIELDS,
            };
            if let Some(position) = keys.iter().position(|k| *k == conflict.field) {
                chosen
                    .entry(conflict.slot)
                    .or_default()
                    .push((position, text.clone()));
            }
        }
        let mut ws = self.base.clone();
        ws.units = Vec::with_capacity(self.units.len());
        ws.city_years = self
            .city
            .iter()
            .enumerate()
            .map(|(c, (year, cells))| {
                let amount = |i: usize| {
                    let text = chosen_text(&chosen, Slot::City(c), i, cells);
                    crate::files::csv_data::parse_amount(text?, Convention::PLAIN)
                        .ok()
                        .flatten()
                };
                CityYear {
                    year: *year,
                    grdp_current_prices: amount(0),
                    extra_collective_value_added: amount(1),
                }
            })
            .collect();
        Building { ws, chosen }
    }
    /// The conflicts to choose between, as the page shows them: the first
    /// `shown`, each with its place and its values in the page's language.
    pub fn conflict_list(&self, shown: usize, lang: Lang) -> ConflictList {
        if self.conflicts.is_empty() {
            return ConflictList {
                heading: lang
                    .pick(
                        "Không có giá trị nào mâu thuẫn giữa các tệp.",
                        "No values conflict between the files.",
                    )
                    .to_owned(),
                items: Vec::new(),
                more: None,
            };
        }
        let heading = match lang {
            Lang::Vi => format!(
                "{} giá trị khác nhau giữa các tệp. Chọn giá trị giữ lại:",
                self.conflicts.len()
            ),
            Lang::En => format!(
                "{} values differ between the files. Choose the one to keep:",
                self.conflicts.len()
            ),
        };
        let items = self
            .conflicts
            .iter()
            .take(shown)
            .map(|conflict| {
                let mut legend = if conflict.unit_name.is_empty() {
                    lang.pick("Thành phố", "City").to_owned()
                } else {
                    conflict.unit_name.clone()
                };
                if let Some(year) = conflict.year {
                    legend.push_str(&format!(" › {year}"));
                }
                legend.push_str(" › ");
                legend.push_str(if matches!(conflict.slot, Slot::City(_)) {
                    crate::domain::validation::field_label(conflict.field, lang)
                } else {
                    column_label(conflict.field, lang)
                });
                // A figure is shown the page's way ("3.200" in Vietnamese).
                let figure = crate::files::csv_data::is_number_field(conflict.field)
                    || matches!(conflict.slot, Slot::City(_));
                let options = conflict
                    .values
                    .iter()
                    .map(|(source, text)| {
                        let text = if figure {
                            crate::i18n::number::write_plain(text, Convention::of(lang))
                        } else {
                            text.clone()
                        };
                        let label = self.labels.get(*source).map_or("", String::as_str);
                        format!(" {text} ({label})")
                    })
                    .collect();
                ConflictItem {
                    legend,
                    options,
                    chosen: conflict.chosen,
                }
            })
            .collect();
        let more = (self.conflicts.len() > shown).then(|| {
            format!(
                "… (+{}) {}",
                self.conflicts.len() - shown,
                lang.pick(
                    "— dùng “Mới nhất được giữ” cho các giá trị còn lại",
                    "— use “Newest wins” for the rest"
                )
            )
        });
        ConflictList {
            heading,
            items,
            more,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decimal::Decimal;

    fn unit(id: &str, code: &str, name: &str, revenue: &str) -> Unit {
        let mut unit = Unit::new(id, name, UnitKind::Htx);
        unit.group = None;
        unit.registration_code = code.into();
        unit.years.push(YearRecord {
            year: 2019,
            revenue: Decimal::parse(revenue).ok(),
            ..Default::default()
        });
        unit
    }

    fn source(label: &str, modified: f64, units: Vec<Unit>) -> Source {
        let mut workspace = Workspace::new(label, label);
        workspace.units = units;
        Source {
            label: label.into(),
            modified,
            workspace,
        }
    }

    #[test]
    fn same_code_is_one_unit_and_conflicts_are_listed() {
        let mut b_only = unit("u1", "0202", "HTX B", "5");
        b_only.commune = "Đông Hải".into();
        let sources = [
            source(
                "a.json",
                10.0,
                vec![
                    unit("u1", "0201", "HTX A", "100"),
                    unit("x", "", "THT", "1"),
                    unit("y", "", "THT Y", "7"),
                ],
            ),
            source(
                "b.json",
                20.0,
                vec![
                    unit("u9", "0201", "HTX A", "120"),
                    b_only,
                    unit("x", "", "THT", "2"),
                    unit("y", "", "THT Y", "7"),
                ],
            ),
        ];
        let mut merge = merge(&Workspace::new("main", "Gộp"), &sources);
        assert_eq!(merge.conflicts.len(), 1);
        let conflict = &merge.conflicts[0];
        assert_eq!((conflict.field, conflict.year), ("revenue", Some(2019)));
        assert_eq!(
            conflict.values,
            [(0, "100".to_owned()), (1, "120".to_owned())]
        );
        let ws = merge.workspace();
        assert_eq!(ws.id, "main");
        assert_eq!(
            ws.units.len(),
            5,
            "A once, B, the two different code-less units apart, the identical ones once"
        );
        let ids: Vec<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["u1", "x", "y", "merged-1", "merged-2"]);
        assert_eq!(
            ws.units[0].years[0].revenue.as_ref().map(Decimal::as_str),
            Some("100")
        );
        assert_eq!(ws.units[3].commune, "Đông Hải");
        merge.newest_wins();
        let ws = merge.workspace();
        assert_eq!(
            ws.units[0].years[0].revenue.as_ref().map(Decimal::as_str),
            Some("120")
        );
        merge.choose(0, 0);
        assert_eq!(
            merge.workspace().units[0].years[0]
                .revenue
                .as_ref()
                .map(Decimal::as_str),
            Some("100")
        );
        let list = merge.conflict_list(10, Lang::Vi);
        assert_eq!(list.items.len(), 1);
        assert!(list.items[0].legend.contains("HTX A › 2019 › Doanh thu"));
        assert_eq!(list.items[0].options, [" 100 (a.json)", " 120 (b.json)"]);
        assert_eq!(list.items[0].chosen, 0);
        assert_eq!(list.more, None);
        assert!(crate::domain::validation::validate_workspace(&ws)
            .errors()
            .next()
            .is_none());
    }

    #[test]
    fn merging_one_workspace_gives_it_back() {
        let mut ws = Workspace::new("w", "w");
        ws.units = vec![unit("a", "01", "A", "1.50"), unit("b", "", "B", "2")];
        ws.city_years.push(CityYear {
            year: 2019,
            grdp_current_prices: Decimal::parse("1000").ok(),
            extra_collective_value_added: None,
        });
        let merged = merge(&ws, &[source("w", 0.0, ws.units.clone())]).workspace();
        assert_eq!(merged.units, ws.units);
    }

    #[test]
    fn conflicting_figures_are_shown_the_pages_way() {
        let base = Workspace::new("w", "w");
        let merged = merge(
            &base,
            &[
                source("a", 1.0, vec![unit("a", "01", "A", "3200")]),
                source("b", 2.0, vec![unit("a", "01", "A", "9999.5")]),
            ],
        );
        let options = |lang| merged.conflict_list(10, lang).items[0].options.clone();
        assert_eq!(options(Lang::Vi), [" 3.200 (a)", " 9.999,5 (b)"]);
        assert_eq!(options(Lang::En), [" 3,200 (a)", " 9,999.5 (b)"]);
    }

    /// Merging a few units at a time gives what merging at once gives:
    /// the same units, ids, conflicts and merged workspace, whatever the
    /// size of the steps.
    #[test]
    fn merging_in_steps_is_merging_at_once() {
        let sources = vec![
            source(
                "a",
                1.0,
                vec![
                    unit("u1", "C1", "Đồng Thái", "10"),
                    unit("u2", "", "Không mã", "5"),
                    unit("u3", "C3", "Ba", "1"),
                ],
            ),
            source(
                "b",
                2.0,
                vec![
                    unit("u1", "c1", "Đồng Thái mới", "12"),
                    unit("u9", "", "Không mã", "5"),
                    unit("u3", "", "Khác", "2"),
                ],
            ),
            source("c", 0.5, Vec::new()),
        ];
        let base = Workspace::new("main", "Gộp");
        let at_once = merge(&base, &sources);
        assert!(!at_once.conflicts.is_empty(), "the case has conflicts");
        for size in 1..=7 {
            let mut merging = Merging::new(&base, &sources);
            let mut steps = 0;
            while !merging.step(&sources, size) {
                steps += 1;
                assert!(steps <= 6, "steps of {size} end");
            }
            assert_eq!(merging.progress(), (6, 6));
            let merged = merging.into_merge();
            assert_eq!(merged, at_once, "steps of {size}");
            assert_eq!(merged.workspace(), at_once.workspace());
        }
    }

    /// The merged workspace built a unit or two per step, after choices,
    /// is the one built at once, and takes every chosen value, a unit's
    /// field and a year's figure alike.
    #[test]
    fn building_in_steps_after_choices_is_building_at_once() {
        let sources = vec![
            source(
                "a",
                1.0,
                vec![
                    unit("u1", "C1", "Đồng Thái", "10"),
                    unit("u3", "C3", "Ba", "1"),
                ],
            ),
            source(
                "b",
                2.0,
                vec![
                    unit("u1", "c1", "Đồng Thái mới", "12"),
                    unit("u3", "C3", "Ba", "2"),
                ],
            ),
        ];
        let mut merged = merge(&Workspace::new("main", "Gộp"), &sources);
        let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.field).collect();
        assert!(
            fields.contains(&"name") && fields.contains(&"revenue"),
            "{fields:?}"
        );
        for conflict in 0..merged.conflicts.len() {
            merged.choose(conflict, 1);
        }
        let at_once = merged.workspace();
        assert_eq!(at_once.units[0].name, "Đồng Thái mới");
        assert_eq!(
            at_once.units[1].years[0]
                .revenue
                .as_ref()
                .map(Decimal::as_str),
            Some("2")
        );
        for size in 1..=3 {
            let mut building = merged.building();
            let mut steps = 0;
            while !building.step(&merged, size) {
                steps += 1;
                assert!(steps <= 2, "steps of {size} end");
            }
            assert_eq!(building.progress(&merged), (2, 2));
            assert_eq!(building.finish(), at_once, "steps of {size}");
        }
        merged.choose(0, 0);
        assert_ne!(
            merged.workspace(),
            at_once,
            "a choice changes what is built"
        );
    }
}
