//! A workspace as the CouchDB documents of a province's database
//! (`couchdb/README.md`), and documents received from it applied back to a
//! workspace.
//!
//! One document per record, so that no document is larger than a unit's
//! history and two people editing different records never touch the same
//! document:
//! - `unit`: a unit without its years;
//! - `year`: one year's record of a unit;
//! - `assessment`: a self-assessment (its `period` is its year);
//! - `task`: a task of the plan, by its stable id (`key`);
//! - `plan`: the plan without its tasks;
//! - `city`: everything else the workspace holds and no unit owns
//!   ([`CityInputs`]: its name, the city's yearly inputs, the exemplary
//!   criteria and the scenarios), all of it the province's to write.
//!
//! Each carries the record's serde form under `data`, the form the
//! workspace file writes ([`crate::files::document`]), and is read back by
//! the same derived readers, a wrong value named by its place
//! ([`crate::files::document::read_value`]); an older document is migrated
//! by the file's own steps ([`crate::files::document::migrate_tree`]).
//! Nothing here panics on what the server sends: a document that cannot
//! be read is reported with its `_id` and the reason.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::assessment::Assessment;
use crate::domain::plan::Plan;
use crate::domain::task::Task;
use crate::domain::unit::{Unit, YearRecord};
use crate::domain::workspace::{CityYear, Workspace, SCHEMA_VERSION};
use crate::files::document::{migrate_tree, read_value};
use crate::simulation::scenario::Scenario;
use crate::sync::doc_id::{DocId, DocKey, DocType};
use crate::sync::state::SyncState;

/// The workspace's inputs that belong to no unit and are not the plan: the
/// `city` document. The workspace's id is every document's `workspace`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CityInputs {
    pub name: String,
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub city_years: Vec<CityYear>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemplary_criteria: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
}

/// A document as this build writes it. `_rev` is not part of it: a push
/// adds the revision it knows ([`crate::sync::push`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub workspace: String,
    #[serde(rename = "type")]
    pub doc_type: DocType,
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub data: Value,
}

impl SyncDoc {
    /// The document's text without `_rev`: what [`SyncState`] remembers
    /// and a push compares.
    pub fn body(&self) -> String {
        serde_json::to_string(self).expect("a document of JSON values always serialises")
    }

    /// The document as JSON, with `_rev` when one is known (an update).
    pub fn to_value(&self, rev: Option<&str>) -> Value {
        let mut value =
            serde_json::to_value(self).expect("a document of JSON values always serialises");
        if let (Some(rev), Some(object)) = (rev, value.as_object_mut()) {
            object.insert("_rev".to_owned(), Value::from(rev));
        }
        value
    }
}

fn to_data<T: Serialize>(record: &T) -> Value {
    // Every stored type writes plain JSON (see files::document::write).
    serde_json::to_value(record).expect("stored types always serialise")
}

/// A unit without its years (every field named, so a new one is not
/// forgotten here).
fn unit_without_years(unit: &Unit) -> Unit {
    Unit {
        id: unit.id.clone(),
        name: unit.name.clone(),
        kind: unit.kind,
        registration_code: unit.registration_code.clone(),
        sector: unit.sector.clone(),
        district: unit.district.clone(),
        commune: unit.commune.clone(),
        founded: unit.founded,
        model: unit.model,
        reorganisation: unit.reorganisation.clone(),
        status_history: unit.status_history.clone(),
        recognitions: unit.recognitions.clone(),
        group: unit.group.clone(),
        years: Vec::new(),
    }
}

/// The plan without its tasks (every field named).
fn plan_without_tasks(plan: &Plan) -> Plan {
    Plan {
        identity: plan.identity.clone(),
        start_year: plan.start_year,
        end_year: plan.end_year,
        baseline_year: plan.baseline_year,
        targets: plan.targets.clone(),
        settings: plan.settings.clone(),
        districts: plan.districts.clone(),
        sectors: plan.sectors.clone(),
        tasks: Vec::new(),
    }
}

fn city_inputs(ws: &Workspace) -> CityInputs {
    CityInputs {
        name: ws.name.clone(),
        illustrative: ws.illustrative,
        city_years: ws.city_years.clone(),
        exemplary_criteria: ws.exemplary_criteria.clone(),
        scenarios: ws.scenarios.clone(),
    }
}

fn doc(workspace: &str, key: DocKey, data: Value) -> SyncDoc {
    let id = DocId::new(workspace, key);
    let (unit, year, period, key) = match &id.key {
        DocKey::Unit { unit } => (Some(unit.clone()), None, None, None),
        DocKey::Year { unit, year } => (Some(unit.clone()), Some(*year), None, None),
        DocKey::Assessment { unit, year } => {
            (Some(unit.clone()), None, Some(year.to_string()), None)
        }
        DocKey::Task { task } => (None, None, None, Some(task.clone())),
        DocKey::Plan | DocKey::City | DocKey::Aggregate => (None, None, None, None),
    };
    SyncDoc {
        id: id.to_id(),
        workspace: id.workspace,
        doc_type: id.key.doc_type(),
        schema_version: SCHEMA_VERSION,
        unit,
        year,
        period,
        key,
        data,
    }
}

pub fn unit_doc(workspace: &str, unit: &Unit) -> SyncDoc {
    let key = DocKey::Unit {
        unit: unit.id.clone(),
    };
    doc(workspace, key, to_data(&unit_without_years(unit)))
}

pub fn year_doc(workspace: &str, unit_id: &str, record: &YearRecord) -> SyncDoc {
    let key = DocKey::Year {
        unit: unit_id.to_owned(),
        year: record.year,
    };
    doc(workspace, key, to_data(record))
}

pub fn assessment_doc(workspace: &str, assessment: &Assessment) -> SyncDoc {
    let key = DocKey::Assessment {
        unit: assessment.unit_id.clone(),
        year: assessment.year,
    };
    doc(workspace, key, to_data(assessment))
}

pub fn task_doc(workspace: &str, task: &Task) -> SyncDoc {
    let key = DocKey::Task {
        task: task.id.clone(),
    };
    doc(workspace, key, to_data(task))
}

pub fn plan_doc(ws: &Workspace) -> SyncDoc {
    doc(&ws.id, DocKey::Plan, to_data(&plan_without_tasks(&ws.plan)))
}

pub fn city_doc(ws: &Workspace) -> SyncDoc {
    doc(&ws.id, DocKey::City, to_data(&city_inputs(ws)))
}

/// Every document of a workspace: the plan, the city's inputs, the tasks,
/// each unit followed by its years, then the self-assessments. Applied in
/// this order to [`blank_workspace`], they give the workspace back exactly
/// ([`apply`]).
pub fn documents(ws: &Workspace) -> Vec<SyncDoc> {
    let years: usize = ws.units.iter().map(|u| u.years.len()).sum();
    let mut docs =
        Vec::with_capacity(2 + ws.plan.tasks.len() + ws.units.len() + years + ws.assessments.len());
    docs.push(plan_doc(ws));
    docs.push(city_doc(ws));
    docs.extend(ws.plan.tasks.iter().map(|t| task_doc(&ws.id, t)));
    for unit in &ws.units {
        docs.push(unit_doc(&ws.id, unit));
        docs.extend(unit.years.iter().map(|r| year_doc(&ws.id, &unit.id, r)));
    }
    docs.extend(ws.assessments.iter().map(|a| assessment_doc(&ws.id, a)));
    docs
}

/// The workspace a first pull fills: the plan the app ships with but none
/// of its tasks (the server's come as documents), no unit, no inputs.
pub fn blank_workspace(id: &str) -> Workspace {
    let mut ws = Workspace::new(id, "");
    ws.plan.tasks.clear();
    ws
}

/// A record read from a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// Without its years.
    Unit(Unit),
    Year {
        unit: String,
        record: YearRecord,
    },
    Assessment(Assessment),
    Task(Task),
    /// Without its tasks.
    Plan(Plan),
    City(CityInputs),
}

impl Record {
    /// The document this build writes for the record.
    pub fn to_doc(&self, workspace: &str) -> SyncDoc {
        match self {
            Record::Unit(unit) => unit_doc(workspace, unit),
            Record::Year { unit, record } => year_doc(workspace, unit, record),
            Record::Assessment(a) => assessment_doc(workspace, a),
            Record::Task(t) => task_doc(workspace, t),
            Record::Plan(plan) => doc(workspace, DocKey::Plan, to_data(plan)),
            Record::City(city) => doc(workspace, DocKey::City, to_data(city)),
        }
    }
}

/// What a received document says.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// The record at revision `rev`.
    Record {
        id: DocId,
        rev: String,
        record: Box<Record>,
    },
    /// The document was deleted at revision `rev`.
    Deleted { id: DocId, rev: String },
}

/// Why a received document was not applied.
#[derive(Clone, Debug, PartialEq)]
pub enum NotApplied {
    /// Written by a newer version of the app: kept untouched on the
    /// server and out of the workspace, and said to the user.
    Newer { id: String, found: u64 },
    /// Not a document this build can read: its `_id` and why, in plain
    /// words.
    Malformed { id: String, reason: String },
    /// Of another workspace or the design document: not this
    /// workspace's records (the province's aggregate is read apart, by
    /// [`crate::sync::aggregate::read_aggregate`]).
    Other { id: String },
}

fn malformed(id: &str, reason: impl Into<String>) -> NotApplied {
    NotApplied::Malformed {
        id: id.to_owned(),
        reason: reason.into(),
    }
}

/// Reads one document as received from `_all_docs?include_docs=true`,
/// `_changes?include_docs=true` or a `GET`, for the workspace `workspace`.
pub fn read_doc(workspace: &str, value: &Value) -> Result<Incoming, NotApplied> {
    let Some(object) = value.as_object() else {
        return Err(malformed("?", "the document is not a JSON object"));
    };
    let Some(id) = object.get("_id").and_then(Value::as_str) else {
        return Err(malformed("?", "the document has no _id"));
    };
    if id.starts_with('_') {
        return Err(NotApplied::Other { id: id.to_owned() });
    }
    let rev = object
        .get("_rev")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let doc_id = DocId::parse(id).map_err(|e| malformed(id, e.0))?;
    if doc_id.workspace != workspace || doc_id.key == DocKey::Aggregate {
        return Err(NotApplied::Other { id: id.to_owned() });
    }
    if object.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return Ok(Incoming::Deleted { id: doc_id, rev });
    }
    let version = match object.get("schema_version") {
        None => return Err(malformed(id, "the document has no schema_version")),
        Some(v) => v
            .as_u64()
            .filter(|v| *v >= 1)
            .ok_or_else(|| malformed(id, "the schema_version is not a whole number from 1"))?,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(NotApplied::Newer {
            id: id.to_owned(),
            found: version,
        });
    }
    // The fields must say what the id says (validate_doc_update refuses
    // any other document, but a document may have been written around it
    // by a server admin).
    let same = |field: &str, expected: Option<Value>| object.get(field).cloned() == expected;
    let expected_unit = doc_id.key.unit().map(Value::from);
    let (year, period, key) = match &doc_id.key {
        DocKey::Year { year, .. } => (Some(Value::from(*year)), None, None),
        DocKey::Assessment { year, .. } => (None, Some(Value::from(year.to_string())), None),
        DocKey::Task { task } => (None, None, Some(Value::from(task.as_str()))),
        _ => (None, None, None),
    };
    if !same("workspace", Some(Value::from(workspace)))
        || !same("type", Some(Value::from(doc_id.key.doc_type().as_str())))
        || (expected_unit.is_some() && !same("unit", expected_unit))
        || (year.is_some() && !same("year", year))
        || (period.is_some() && !same("period", period))
        || (key.is_some() && !same("key", key))
    {
        return Err(malformed(
            id,
            "the fields workspace, type, unit, year, period or key do not match the _id",
        ));
    }
    let Some(data) = object.get("data") else {
        return Err(malformed(id, "the document has no data"));
    };
    let record =
        read_record(&doc_id.key, data.clone(), version).map_err(|reason| malformed(id, reason))?;
    Ok(Incoming::Record {
        id: doc_id,
        rev,
        record: Box::new(record),
    })
}

/// Takes the first item of `list` in `tree` (a workspace-shaped tree made
/// to migrate one record).
fn first_of(mut tree: Value, list: &str) -> Result<Value, String> {
    match tree.get_mut(list).and_then(Value::as_array_mut) {
        Some(items) if items.len() == 1 => Ok(items.remove(0)),
        _ => Err(format!("data: the migrated {list} is not one record")),
    }
}

/// The record under `data`, migrated first if older, checked against the
/// id's key.
fn read_record(key: &DocKey, data: Value, version: u64) -> Result<Record, String> {
    let older = version < u64::from(SCHEMA_VERSION);
    let in_data = |message: String| format!("data: {message}");
    Ok(match key {
        DocKey::Unit { unit } => {
            let data = if older {
                let mut tree = serde_json::json!({ "units": [data] });
                migrate_tree(&mut tree, version);
                first_of(tree, "units")?
            } else {
                data
            };
            let read: Unit = read_value(&data).map_err(in_data)?;
            if read.id != *unit {
                return Err("data: the unit's id is not the one of the _id".to_owned());
            }
            if !read.years.is_empty() {
                return Err(
                    "data: a unit document holds no years (they are year documents)".to_owned(),
                );
            }
            Record::Unit(read)
        }
        DocKey::Year { unit, year } => {
            let data = if older {
                let mut tree = serde_json::json!({ "units": [{ "years": [data] }] });
                migrate_tree(&mut tree, version);
                let unit = first_of(tree, "units")?;
                first_of(unit, "years")?
            } else {
                data
            };
            let record: YearRecord = read_value(&data).map_err(in_data)?;
            if record.year != *year {
                return Err("data: the record's year is not the one of the _id".to_owned());
            }
            Record::Year {
                unit: unit.clone(),
                record,
            }
        }
        DocKey::Assessment { unit, year } => {
            let data = if older {
                let mut tree = serde_json::json!({ "assessments": [data] });
                migrate_tree(&mut tree, version);
                first_of(tree, "assessments")?
            } else {
                data
            };
            let read: Assessment = read_value(&data).map_err(in_data)?;
            if read.unit_id != *unit || read.year != *year {
                return Err(
                    "data: the assessment's unit or year is not the one of the _id".to_owned(),
                );
            }
            Record::Assessment(read)
        }
        DocKey::Task { task } => {
            let read: Task = read_value(&data).map_err(in_data)?;
            if read.id != *task {
                return Err("data: the task's id is not the key of the _id".to_owned());
            }
            Record::Task(read)
        }
        DocKey::Plan => {
            let plan: Plan = read_value(&data).map_err(in_data)?;
            if !plan.tasks.is_empty() {
                return Err(
                    "data: a plan document holds no tasks (they are task documents)".to_owned(),
                );
            }
            Record::Plan(plan)
        }
        DocKey::City => {
            let mut data = data;
            if older {
                // The city's inputs are workspace-shaped already.
                migrate_tree(&mut data, version);
                if let Some(object) = data.as_object_mut() {
                    object.remove("schema_version");
                }
            }
            Record::City(read_value(&data).map_err(in_data)?)
        }
        DocKey::Aggregate => return Err("an aggregate is not a workspace record".to_owned()),
    })
}

/// How [`apply`] treats a record changed here since the server was last
/// known to hold it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// A record changed here and, differently, on the server is left as
    /// it is here and reported as [`Applied::diverged`], for the user to
    /// choose field by field ([`crate::sync::conflict`]). The everyday pull.
    KeepLocalEdits,
    /// The server's documents replace whatever is here: a first pull
    /// into [`blank_workspace`].
    TakeServer,
}

/// What [`apply`] did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// How many documents changed the workspace (inserted, replaced or
    /// deleted a record).
    pub changed: usize,
    /// Documents changed both here and on the server since the last sync:
    /// left as they are here; the server's version is given for the user's
    /// choice.
    pub diverged: Vec<Incoming>,
    /// Year documents whose unit is not in the workspace (yet): the unit's
    /// document may come in a later batch; give them to [`apply`] again
    /// with it.
    pub waiting: Vec<Value>,
    /// Documents kept untouched: newer, malformed or not this workspace's.
    pub not_applied: Vec<NotApplied>,
    /// The positions of the units this apply replaced, changed the years
    /// of, or added at the end, in increasing order, when it removed none
    /// (no unit moved); `None` when it removed one. What the app patches
    /// its index and its save with instead of going through every unit.
    pub units: Option<Vec<usize>>,
    /// The province's aggregate, when one came ([`crate::sync::aggregate`]):
    /// never a record of the workspace; the caller keeps it.
    pub aggregate: Option<crate::sync::aggregate::News>,
}

/// Where a workspace's records are, by key, for one [`apply`]: the lists
/// are indexed once, so applying a whole database is not quadratic.
struct Index {
    units: HashMap<String, usize>,
    units_gone: HashSet<usize>,
    /// Units put or given a year, by position.
    units_touched: std::collections::BTreeSet<usize>,
    tasks: HashMap<String, usize>,
    tasks_gone: HashSet<usize>,
    assessments: HashMap<(String, i32), usize>,
    assessments_gone: HashSet<usize>,
}

impl Index {
    fn of(ws: &Workspace) -> Index {
        Index {
            units: ws
                .units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.id.clone(), i))
                .collect(),
            units_gone: HashSet::new(),
            units_touched: std::collections::BTreeSet::new(),
            tasks: ws
                .plan
                .tasks
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.clone(), i))
                .collect(),
            tasks_gone: HashSet::new(),
            assessments: ws
                .assessments
                .iter()
                .enumerate()
                .map(|(i, a)| ((a.unit_id.clone(), a.year), i))
                .collect(),
            assessments_gone: HashSet::new(),
        }
    }

    /// The local record a key names, as its document.
    fn local_doc(&self, ws: &Workspace, key: &DocKey) -> Option<SyncDoc> {
        let id = &ws.id;
        match key {
            DocKey::Unit { unit } => self.units.get(unit).map(|&i| unit_doc(id, &ws.units[i])),
            DocKey::Year { unit, year } => self
                .units
                .get(unit)
                .and_then(|&i| ws.units[i].record(*year))
                .map(|r| year_doc(id, unit, r)),
            DocKey::Assessment { unit, year } => self
                .assessments
                .get(&(unit.clone(), *year))
                .map(|&i| assessment_doc(id, &ws.assessments[i])),
            DocKey::Task { task } => self
                .tasks
                .get(task)
                .map(|&i| task_doc(id, &ws.plan.tasks[i])),
            DocKey::Plan => Some(plan_doc(ws)),
            DocKey::City => Some(city_doc(ws)),
            DocKey::Aggregate => None,
        }
    }
}

/// Puts `record` in the workspace in place of the one with its key, or
/// adds it. False for a year whose unit is not there.
fn put(ws: &mut Workspace, index: &mut Index, record: Record) -> bool {
    match record {
        Record::Unit(unit) => match index.units.get(&unit.id) {
            Some(&i) => {
                let years = std::mem::take(&mut ws.units[i].years);
                ws.units[i] = Unit { years, ..unit };
                index.units_touched.insert(i);
            }
            None => {
                index.units_touched.insert(ws.units.len());
                index.units.insert(unit.id.clone(), ws.units.len());
                ws.units.push(unit);
            }
        },
        Record::Year { unit, record } => {
            let Some(&i) = index.units.get(&unit) else {
                return false;
            };
            index.units_touched.insert(i);
            match ws.units[i].record_mut(record.year) {
                Some(slot) => *slot = record,
                None => ws.units[i].years.push(record),
            }
        }
        Record::Assessment(a) => match index.assessments.get(&(a.unit_id.clone(), a.year)) {
            Some(&i) => ws.assessments[i] = a,
            None => {
                index
                    .assessments
                    .insert((a.unit_id.clone(), a.year), ws.assessments.len());
                ws.assessments.push(a);
            }
        },
        Record::Task(task) => match index.tasks.get(&task.id) {
            Some(&i) => ws.plan.tasks[i] = task,
            None => {
                index.tasks.insert(task.id.clone(), ws.plan.tasks.len());
                ws.plan.tasks.push(task);
            }
        },
        Record::Plan(plan) => {
            let tasks = std::mem::take(&mut ws.plan.tasks);
            ws.plan = Plan { tasks, ..plan };
        }
        Record::City(city) => {
            ws.name = city.name;
            ws.illustrative = city.illustrative;
            ws.city_years = city.city_years;
            ws.exemplary_criteria = city.exemplary_criteria;
            ws.scenarios = city.scenarios;
        }
    }
    true
}

/// Removes the record a key names. A unit goes with its years (their own
/// deletions follow, or have come). The plan and the city's inputs are
/// never deleted: a deletion of theirs is kept out (false).
fn remove(ws: &mut Workspace, index: &mut Index, key: &DocKey) -> bool {
    match key {
        DocKey::Unit { unit } => {
            if let Some(i) = index.units.remove(unit) {
                index.units_gone.insert(i);
            }
        }
        DocKey::Year { unit, year } => {
            if let Some(&i) = index.units.get(unit) {
                ws.units[i].years.retain(|r| r.year != *year);
                index.units_touched.insert(i);
            }
        }
        DocKey::Assessment { unit, year } => {
            if let Some(i) = index.assessments.remove(&(unit.clone(), *year)) {
                index.assessments_gone.insert(i);
            }
        }
        DocKey::Task { task } => {
            if let Some(i) = index.tasks.remove(task) {
                index.tasks_gone.insert(i);
            }
        }
        DocKey::Plan | DocKey::City | DocKey::Aggregate => return false,
    }
    true
}

fn drop_gone<T>(list: &mut Vec<T>, gone: &HashSet<usize>) {
    if gone.is_empty() {
        return;
    }
    let mut at = 0;
    list.retain(|_| {
        at += 1;
        !gone.contains(&(at - 1))
    });
}

/// The workspace's record `key` names, as its document; `None` when it is
/// not here.
pub fn local_doc(ws: &Workspace, key: &DocKey) -> Option<SyncDoc> {
    Index::of(ws).local_doc(ws, key)
}

/// The province's aggregate received: given back in `out`, and its
/// revision remembered in `state` (the province's next push writes over
/// it; a manager never sends it). One of a newer version is held, as any
/// document.
fn apply_aggregate(workspace: &str, state: &mut SyncState, value: &Value, out: &mut Applied) {
    use crate::sync::aggregate::{read_aggregate, News};
    match read_aggregate(workspace, value) {
        Ok(received) => {
            match received.news {
                News::Published(_) => state.remember(&received.id, &received.rev, received.body),
                News::Withdrawn => state.forget(&received.id),
            }
            out.aggregate = Some(received.news);
        }
        Err(NotApplied::Newer { id, found }) => {
            let rev = value.get("_rev").and_then(Value::as_str).unwrap_or("");
            state.hold(&id, rev, found);
            out.not_applied.push(NotApplied::Newer { id, found });
        }
        Err(other) => out.not_applied.push(other),
    }
}

/// Applies documents received from the server to `ws`, keyed by id:
/// inserts, replaces and deletes records, and remembers in `state` what
/// the server holds. Documents of a newer schema are not applied (and
/// `state` keeps them off any push), malformed ones are reported with
/// their `_id`, documents of another workspace are left out; see
/// [`Policy`] for records changed here too.
pub fn apply(ws: &mut Workspace, state: &mut SyncState, docs: &[Value], policy: Policy) -> Applied {
    apply_at(ws, state, docs, policy, &mut Places::default())
}

/// Where [`apply`] finds a workspace's records, kept from one call to the
/// next: a pull applies a national workspace's documents a hundred at a
/// time, and listing 30,000 units' places for each hundred would be most
/// of its work. The caller says when the workspace changed otherwise
/// ([`Places::forget`]); a call that removed records forgets them itself.
#[derive(Default)]
pub struct Places {
    index: Option<Index>,
}

impl Places {
    /// The workspace changed since the last [`apply_at`]: list again.
    pub fn forget(&mut self) {
        self.index = None;
    }
}

/// [`apply`] with the places `places` kept from the last call on this
/// workspace, unchanged since.
pub fn apply_at(
    ws: &mut Workspace,
    state: &mut SyncState,
    docs: &[Value],
    policy: Policy,
    places: &mut Places,
) -> Applied {
    let mut out = Applied::default();
    let mut index = match places.index.take() {
        Some(index)
            if index.units.len() == ws.units.len()
                && index.tasks.len() == ws.plan.tasks.len()
                && index.assessments.len() == ws.assessments.len() =>
        {
            index
        }
        _ => Index::of(ws),
    };
    index.units_touched.clear();
    let workspace = ws.id.clone();
    let aggregate_id = crate::sync::aggregate::aggregate_id(&workspace);
    for value in docs {
        if value.get("_id").and_then(Value::as_str) == Some(aggregate_id.as_str()) {
            apply_aggregate(&workspace, state, value, &mut out);
            continue;
        }
        let incoming = match read_doc(&workspace, value) {
            Ok(incoming) => incoming,
            Err(NotApplied::Newer { id, found }) => {
                let rev = value.get("_rev").and_then(Value::as_str).unwrap_or("");
                state.hold(&id, rev, found);
                out.not_applied.push(NotApplied::Newer { id, found });
                continue;
            }
            Err(other) => {
                out.not_applied.push(other);
                continue;
            }
        };
        let (doc_id, rev, record) = match incoming {
            Incoming::Record { id, rev, record } => (id, rev, Some(*record)),
            Incoming::Deleted { id, rev } => (id, rev, None),
        };
        let id_text = doc_id.to_id();
        let theirs_body = record.as_ref().map(|r| r.to_doc(&workspace).body());
        let local_body = index.local_doc(ws, &doc_id.key).map(|d| d.body());
        let changed = local_body != theirs_body;
        if policy == Policy::KeepLocalEdits
            && changed
            && !state.holds(&id_text, local_body.as_deref())
        {
            let incoming = match record {
                Some(record) => Incoming::Record {
                    id: doc_id,
                    rev,
                    record: Box::new(record),
                },
                None => Incoming::Deleted { id: doc_id, rev },
            };
            out.diverged.push(incoming);
            continue;
        }
        match (record, theirs_body) {
            (Some(record), Some(body)) => {
                if !put(ws, &mut index, record) {
                    out.waiting.push(value.clone());
                    continue;
                }
                state.remember(&id_text, &rev, body);
            }
            _ => {
                if !remove(ws, &mut index, &doc_id.key) {
                    out.not_applied.push(malformed(
                        &id_text,
                        "the plan and the city's inputs are never deleted",
                    ));
                    continue;
                }
                state.forget(&id_text);
            }
        }
        if changed {
            out.changed += 1;
        }
    }
    out.units = index
        .units_gone
        .is_empty()
        .then(|| index.units_touched.iter().copied().collect());
    drop_gone(&mut ws.units, &index.units_gone);
    drop_gone(&mut ws.plan.tasks, &index.tasks_gone);
    drop_gone(&mut ws.assessments, &index.assessments_gone);
    let moved = !(index.units_gone.is_empty()
        && index.tasks_gone.is_empty()
        && index.assessments_gone.is_empty());
    if !moved {
        places.index = Some(index);
    }
    out
}
