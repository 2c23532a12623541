//! What an import changes beyond its units, as data: the plan's fields
//! (old → new: "T3 · giá trị mục tiêu: 100% → 50%"), its targets, tasks,
//! districts and sectors, the city inputs, the self-assessments, the
//! scenarios and the workspace's own settings.
//!
//! A file that keeps every unit can still replace the plan, delete every
//! task or change the GRDP: the preview must say so before the user
//! confirms ([`crate::files::import::preview_summary`] says it). Each list is
//! matched by the item's id (a city year by its year, an assessment by its
//! unit and year) with hashed lookups, so the work is linear in the size
//! of the two workspaces; nothing here loops over a range of years.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::domain::plan::{Plan, QualifiedReading, Target};
use crate::domain::workspace::{CityYear, Workspace};
use crate::i18n::format::{format_date, format_decimal};
use crate::i18n::wording::target_text;
use crate::i18n::{Lang, Text};

/// One field that changes: where, and its value before and after, in
/// both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub place: Text,
    pub old: Text,
    pub new: Text,
}

/// The items of one list that the file adds, changes or removes, each
/// by its label ("IV.1 · Tổ chức triển khai…").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListChanges {
    pub added: Vec<Text>,
    pub changed: Vec<Text>,
    pub removed: Vec<Text>,
}

impl ListChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    pub fn len(&self) -> usize {
        self.added.len() + self.changed.len() + self.removed.len()
    }
}

/// Everything an import changes besides the units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// The workspace's name and settings, the plan's identity, period,
    /// settings and the fields of targets present in both.
    pub fields: Vec<Change>,
    pub targets: ListChanges,
    pub tasks: ListChanges,
    pub districts: ListChanges,
    pub sectors: ListChanges,
    pub city_years: ListChanges,
    pub assessments: ListChanges,
    pub scenarios: ListChanges,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.lists().iter().all(|(_, list)| list.is_empty())
    }

    /// Each list with its heading, in the order the preview shows them.
    pub fn lists(&self) -> [(Text, &ListChanges); 7] {
        [
            (Text::new("Mục tiêu", "Targets"), &self.targets),
            (Text::new("Nhiệm vụ", "Tasks"), &self.tasks),
            (Text::new("Quận, huyện", "Districts"), &self.districts),
            (Text::new("Lĩnh vực", "Sectors"), &self.sectors),
            (
                Text::new("Số liệu cấp thành phố", "City-level inputs"),
                &self.city_years,
            ),
            (
                Text::new("Tự đánh giá", "Self-assessments"),
                &self.assessments,
            ),
            (Text::new("Kịch bản mô phỏng", "Scenarios"), &self.scenarios),
        ]
    }
}

/// What replacing `current` by `incoming` changes, units aside.
pub fn changes(current: &Workspace, incoming: &Workspace) -> Changes {
    let mut fields = Vec::new();
    let mut field = |place: Text, old: Text, new: Text| {
        if old != new {
            fields.push(Change { place, old, new });
        }
    };
    let same = |text: &str| Text::new(text, text);
    field(
        Text::new("Tên không gian làm việc", "Workspace name"),
        same(&current.name),
        same(&incoming.name),
    );
    let illustrative = |on: bool| {
        if on {
            Text::new("số liệu minh họa", "illustrative data")
        } else {
            Text::new("số liệu thật", "real data")
        }
    };
    field(
        Text::new("Loại số liệu", "Kind of data"),
        illustrative(current.illustrative),
        illustrative(incoming.illustrative),
    );
    field(
        Text::new("Tiêu chí điển hình", "Exemplary criteria"),
        same(&current.exemplary_criteria.join("; ")),
        same(&incoming.exemplary_criteria.join("; ")),
    );
    plan_fields(&current.plan, &incoming.plan, &mut field);
    Changes {
        fields,
        targets: targets(&current.plan, &incoming.plan),
        tasks: by_key(
            &current.plan.tasks,
            &incoming.plan.tasks,
            |t| t.id.as_str(),
            |t| {
                let title = |lang| format!("{} · {}", t.id, t.title.get(lang));
                Text::new(title(Lang::Vi), title(Lang::En))
            },
        ),
        districts: by_key(
            &current.plan.districts,
            &incoming.plan.districts,
            |d| d.as_str(),
            |d| same(d),
        ),
        sectors: by_key(
            &current.plan.sectors,
            &incoming.plan.sectors,
            |s| s.id.as_str(),
            |s| Text::new(&s.name.vi, &s.name.en),
        ),
        city_years: by_key(
            &current.city_years,
            &incoming.city_years,
            |c| c.year,
            city_label,
        ),
        assessments: by_key(
            &current.assessments,
            &incoming.assessments,
            |a| (a.unit_id.as_str(), a.year),
            |a| {
                let name = incoming
                    .unit(&a.unit_id)
                    .or_else(|| current.unit(&a.unit_id))
                    .map_or(a.unit_id.as_str(), |u| u.name.as_str());
                same(&format!("{name} · {}", a.year))
            },
        ),
        scenarios: by_key(
            &current.scenarios,
            &incoming.scenarios,
            |s| s.id.as_str(),
            |s| same(&s.name),
        ),
    }
}

/// A city year as the preview lists it: "2019 · GRDP 1.000.000".
fn city_label(c: &CityYear) -> Text {
    let label = |lang: Lang| {
        let mut text = c.year.to_string();
        if let Some(grdp) = &c.grdp_current_prices {
            text.push_str(&format!(" · GRDP {}", format_decimal(grdp, lang)));
        }
        if let Some(extra) = &c.extra_collective_value_added {
            text.push_str(&format!(
                " · {} {}",
                lang.pick("KTTT ngoài đơn vị", "other collective"),
                format_decimal(extra, lang)
            ));
        }
        text
    };
    Text::new(label(Lang::Vi), label(Lang::En))
}

/// Items of two lists matched by `key` (the first of a repeated key
/// counts): added, changed (present in both, not equal) and removed.
fn by_key<'a, T: PartialEq, K: Eq + Hash>(
    current: &'a [T],
    incoming: &'a [T],
    key: impl Fn(&'a T) -> K,
    label: impl Fn(&T) -> Text,
) -> ListChanges {
    let mut old: HashMap<K, &T> = HashMap::with_capacity(current.len());
    for item in current {
        old.entry(key(item)).or_insert(item);
    }
    let mut seen = HashSet::with_capacity(incoming.len());
    let mut list = ListChanges::default();
    for item in incoming {
        let k = key(item);
        match old.get(&k) {
            None => list.added.push(label(item)),
            Some(before) if seen.contains(&k) || *before == item => {}
            Some(_) => list.changed.push(label(item)),
        }
        seen.insert(k);
    }
    for item in current {
        if !seen.contains(&key(item)) {
            list.removed.push(label(item));
        }
    }
    list
}

fn plan_fields(current: &Plan, incoming: &Plan, field: &mut impl FnMut(Text, Text, Text)) {
    let same = |text: &str| Text::new(text, text);
    let plan = |vi: &str, en: &str| Text::new(format!("Kế hoạch · {vi}"), format!("Plan · {en}"));
    let (a, b) = (&current.identity, &incoming.identity);
    field(plan("số hiệu", "number"), same(&a.number), same(&b.number));
    field(plan("tên", "title"), a.title.clone(), b.title.clone());
    field(
        plan("cơ quan ban hành", "issuer"),
        same(&a.issuer),
        same(&b.issuer),
    );
    field(plan("người ký", "signer"), same(&a.signer), same(&b.signer));
    let date = |d| Text::new(format_date(d, Lang::Vi), format_date(d, Lang::En));
    field(
        plan("ngày ban hành", "issued"),
        date(a.issued),
        date(b.issued),
    );
    field(
        plan("văn bản thực hiện", "implements"),
        same(&a.implements.join("; ")),
        same(&b.implements.join("; ")),
    );
    field(plan("nguồn", "source"), same(&a.source), same(&b.source));
    let period = |p: &Plan| same(&format!("{}–{}", p.start_year, p.end_year));
    field(
        plan("giai đoạn", "period"),
        period(current),
        period(incoming),
    );
    field(
        plan("năm gốc", "baseline year"),
        same(&current.baseline_year.to_string()),
        same(&incoming.baseline_year.to_string()),
    );
    let reading = |r: QualifiedReading| match r {
        QualifiedReading::OfTrained => Text::new(
            "70% của số cán bộ đã được đào tạo",
            "70 % of the trained managers",
        ),
        QualifiedReading::OfAll => {
            Text::new("70% của tất cả cán bộ quản lý", "70 % of all key managers")
        }
    };
    field(
        plan("cách hiểu T6", "reading of T6"),
        reading(current.settings.qualified_reading),
        reading(incoming.settings.qualified_reading),
    );
    // The fields of each target present in both plans (by id; of a
    // repeated id the first counts, as in `by_key`: collected in reverse,
    // the first overwrites the later ones).
    let old: HashMap<&str, &Target> = current
        .targets
        .iter()
        .rev()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let mut seen = HashSet::new();
    for new in &incoming.targets {
        let Some(old) = old.get(new.id.as_str()) else {
            continue;
        };
        if !seen.insert(new.id.as_str()) || *old == new {
            continue;
        }
        let at = |vi: &str, en: &str| {
            Text::new(format!("{} · {vi}", new.id), format!("{} · {en}", new.id))
        };
        let value = |t: &Target| Text::new(target_text(t, Lang::Vi), target_text(t, Lang::En));
        field(
            at("giá trị mục tiêu", "target value"),
            value(old),
            value(new),
        );
        field(
            at("thời hạn", "deadline"),
            date(old.deadline),
            date(new.deadline),
        );
        field(at("tên", "title"), old.title.clone(), new.title.clone());
        field(
            at("lời văn", "wording"),
            same(&old.wording),
            same(&new.wording),
        );
        field(
            at("chỉ tiêu đo", "indicator"),
            same(old.indicator.stored_key()),
            same(new.indicator.stored_key()),
        );
        field(at("nguồn", "source"), same(&old.source), same(&new.source));
    }
}

/// Targets added and removed (their changed fields are in `fields`).
fn targets(current: &Plan, incoming: &Plan) -> ListChanges {
    let mut list = by_key(
        &current.targets,
        &incoming.targets,
        |t| t.id.as_str(),
        |t| {
            Text::new(
                format!("{} · {}", t.id, t.title.vi),
                format!("{} · {}", t.id, t.title.en),
            )
        },
    );
    // A target's changes are listed field by field.
    list.changed.clear();
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decimal::Decimal;
    use crate::domain::task::TaskDeadline;

    fn shown(changes: &Changes, lang: Lang) -> Vec<String> {
        changes
            .fields
            .iter()
            .map(|c| {
                format!(
                    "{}: {} → {}",
                    c.place.get(lang),
                    c.old.get(lang),
                    c.new.get(lang)
                )
            })
            .collect()
    }

    #[test]
    fn the_same_workspace_changes_nothing() {
        let ws = Workspace::new("w", "w");
        assert!(changes(&ws, &ws.clone()).is_empty());
    }

    #[test]
    fn a_target_value_changed_is_shown_old_to_new_in_both_languages() {
        let current = Workspace::new("w", "w");
        let mut incoming = current.clone();
        incoming.plan.targets[0].value = 0.5;
        let found = changes(&current, &incoming);
        assert_eq!(
            shown(&found, Lang::Vi),
            ["T1 · giá trị mục tiêu: 100% → ≥ 50%"]
        );
        assert_eq!(shown(&found, Lang::En), ["T1 · target value: 100% → ≥ 50%"]);
        incoming.plan.targets[2].value = 0.005;
        incoming.plan.targets[2].band_upper = None;
        let found = changes(&current, &incoming);
        assert_eq!(
            shown(&found, Lang::Vi)[1],
            "T3 · giá trị mục tiêu: ≥ 1,0% (đến 1,2%) → ≥ 0,5%"
        );
    }

    #[test]
    fn every_list_says_what_is_added_changed_and_removed() {
        let current = Workspace::new("w", "w");
        let mut incoming = current.clone();
        incoming.plan.tasks.remove(0);
        incoming.plan.tasks[0].deadline = Some(TaskDeadline::Year { year: 2019 });
        incoming.plan.districts.pop();
        incoming.plan.districts.push("Quận Mới".into());
        incoming.plan.start_year = 2019;
        incoming.plan.targets.pop();
        incoming.city_years.push(CityYear {
            year: 2019,
            grdp_current_prices: Decimal::parse("1000000").ok(),
            extra_collective_value_added: None,
        });
        let found = changes(&current, &incoming);
        assert_eq!(found.tasks.removed.len(), 1);
        assert!(found.tasks.removed[0].vi.starts_with("IV.1 · "));
        assert!(found.tasks.changed[0].en.starts_with("IV.2 · "));
        assert_eq!(found.districts.added, [Text::new("Quận Mới", "Quận Mới")]);
        assert_eq!(found.districts.removed[0].vi, "Bạch Long Vĩ");
        assert_eq!(
            found.targets.removed[0].vi,
            "T9 · Tăng trưởng KTTT ngày càng cao"
        );
        assert_eq!(found.city_years.added[0].vi, "2019 · GRDP 1.000.000");
        assert_eq!(
            shown(&found, Lang::En),
            ["Plan · period: 2018–2020 → 2019–2020"]
        );
        let back = changes(&incoming, &current);
        assert_eq!(back.city_years.removed.len(), 1);
        assert_eq!(back.tasks.added.len(), 1);
    }
}
