//! A record changed both here and on the server, offered field by field
//! as two tabs offer it ([`crate::domain::field_merge`]): a field
//! changed on one side only takes that side's value, a field changed on
//! both to different values waits for the user's choice.
//!
//! The three sides are the record here (mine), the server's (theirs: the
//! winning revision, or a losing one from `_conflicts`) and the one both
//! came from (the base: the body the sync stored for the document with
//! its revision, [`SyncState`]). Without a base (a record created on both
//! sides before any sync, or a conflict left by a replication), a field only one side filled is taken from it, as the merge of
//! files does ([`crate::domain::merge`]), and every field filled on both
//! sides with different values is a choice.
//!
//! Fields are named and written as the CSV files write them
//! ([`crate::files::csv_data`]: `UNIT_COLUMNS` but the id, `YEAR_FIELDS`),
//! so the choice shows what a user reads in a file ("inactive 2016-03-01")
//! and a chosen value is read back by the files' one parser per cell. The
//! entry forms' typed fields ([`crate::edit::form_field::Field`]) are not
//! used: they split a year's key managers into rows and a unit's status
//! into dated fields a form edits, which a whole record from a server does
//! not have. A task, a self-assessment, the plan and the city's inputs,
//! which have no CSV columns, are chosen by their document's top-level
//! fields, each value as it is stored ([`json_fields`]).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::domain::field_merge::{self, Fields, Merged};
use crate::domain::plan::Plan;
use crate::domain::unit::{Unit, YearRecord};
use crate::domain::workspace::Workspace;
use crate::files::csv_data::{
    set_unit_cell, set_year_cell, unit_cell, year_cell, UNIT_COLUMNS, YEAR_FIELDS,
};
use crate::i18n::number::Convention;
use crate::i18n::Text;
use crate::sync::doc_id::{DocId, DocKey};
use crate::sync::document::{apply, read_doc, Incoming, Policy, Record, SyncDoc};
use crate::sync::state::SyncState;

/// A unit's fields as texts, without its id (which names the document).
pub fn unit_fields(unit: &Unit) -> Fields {
    UNIT_COLUMNS
        .iter()
        .filter(|key| **key != "id")
        .map(|key| ((*key).to_owned(), unit_cell(unit, key)))
        .collect()
}

/// A year record's figures as texts, without its year (which names the
/// document).
pub fn year_fields(record: &YearRecord) -> Fields {
    YEAR_FIELDS
        .iter()
        .map(|key| ((*key).to_owned(), year_cell(record, key)))
        .collect()
}

/// The server's side of a choice.
#[derive(Clone, Debug, PartialEq)]
enum Theirs {
    Unit(Unit),
    Year {
        unit: String,
        record: Box<YearRecord>,
    },
    /// A task, a self-assessment, the plan or the city's inputs: chosen
    /// by the top-level fields of the document's `data`, with each side's
    /// values as they are ([`json_fields`]).
    Doc {
        /// The server's document.
        doc: Box<SyncDoc>,
        /// Each side's values by field, to write back the one chosen.
        values: Box<[BTreeMap<String, Value>; 3]>,
    },
}

/// A value as a choice shows it: a text as it is, anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The top-level fields of a document's `data` as texts: a text as it is,
/// any other value as JSON (`12`, `true`, `["a"]`); and the values
/// themselves.
pub fn json_fields(data: &Value) -> (Fields, BTreeMap<String, Value>) {
    let Some(object) = data.as_object() else {
        return (Fields::new(), BTreeMap::new());
    };
    let fields = object
        .iter()
        .map(|(key, value)| (key.clone(), text_of(value)))
        .collect();
    let values = object
        .iter()
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    (fields, values)
}

/// A record to settle field by field.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: DocId,
    /// The server's revision the choice is written over.
    pub rev: String,
    theirs: Theirs,
    /// The body of the server's document at [`Choice::rev`]: what the
    /// server is known to hold once the choice is written here.
    at_rev: String,
    /// Losing revisions the server keeps for the document (its
    /// `_conflicts`): deleted once the choice is written, as CouchDB
    /// expects of a conflict settled ([`crate::sync::push::resolution`]).
    pub losing: Vec<String>,
    /// The three-way merge: `merged.conflicts` are the fields waiting for
    /// the user, with the server's value.
    pub merged: Merged<String>,
}

/// Why a choice cannot be written yet.
#[derive(Clone, Debug, PartialEq)]
pub enum Unsettled {
    /// These fields still wait for the user's choice.
    Pending(Vec<String>),
    /// A field's text cannot be read back (not reached for values taken
    /// from records: the cells are written by the same module).
    Unreadable { field: String, message: Text },
}

/// The field-by-field choice for a unit or unit-year document that the
/// server holds as `incoming` while the workspace holds another version;
/// a task, a self-assessment, the plan or the city's inputs are chosen by
/// their document's top-level fields ([`json_fields`]); `None` for
/// deletions (chosen as a whole) and when the record is not here. `base` is the body both sides came from,
/// as the sync's storage keeps it for the document
/// ([`crate::sync::state`]), when there is one.
pub fn choice(ws: &Workspace, base: Option<&str>, incoming: &Incoming) -> Option<Choice> {
    let Incoming::Record { id, rev, record } = incoming else {
        return None;
    };
    let base = base
        .and_then(|body| serde_json::from_str(body).ok())
        .and_then(|value| read_doc(&ws.id, &value).ok());
    let base_record = match base {
        Some(Incoming::Record { record, .. }) => Some(*record),
        _ => None,
    };
    let (base, mine, theirs_fields, theirs) = match (&id.key, &**record) {
        (DocKey::Unit { unit }, Record::Unit(theirs)) => {
            let mine = ws.unit(unit)?;
            let base = match base_record {
                Some(Record::Unit(b)) => unit_fields(&b),
                _ => Fields::new(),
            };
            (
                base,
                unit_fields(mine),
                unit_fields(theirs),
                Theirs::Unit(theirs.clone()),
            )
        }
        (DocKey::Year { unit, year }, Record::Year { record: theirs, .. }) => {
            let mine = ws.unit(unit)?.record(*year)?;
            let base = match base_record {
                Some(Record::Year { record: b, .. }) => year_fields(&b),
                _ => Fields::new(),
            };
            (
                base,
                year_fields(mine),
                year_fields(theirs),
                Theirs::Year {
                    unit: unit.clone(),
                    record: Box::new(theirs.clone()),
                },
            )
        }
        (DocKey::Unit { .. } | DocKey::Year { .. } | DocKey::Aggregate, _) => return None,
        (key, theirs_record) => {
            let here = crate::sync::document::local_doc(ws, key)?;
            let there = theirs_record.to_doc(&ws.id);
            let base_data = base_record
                .map(|b| b.to_doc(&ws.id).data)
                .unwrap_or(Value::Null);
            let (base, base_values) = json_fields(&base_data);
            let (mine, mine_values) = json_fields(&here.data);
            let (theirs_fields, theirs_values) = json_fields(&there.data);
            (
                base,
                mine,
                theirs_fields,
                Theirs::Doc {
                    doc: Box::new(there),
                    values: Box::new([base_values, mine_values, theirs_values]),
                },
            )
        }
    };
    let merged = field_merge::merge(&base, &mine, &theirs_fields, &field_merge::equal);
    Some(Choice {
        id: id.clone(),
        rev: rev.clone(),
        at_rev: record.to_doc(&ws.id).body(),
        theirs,
        losing: Vec::new(),
        merged,
    })
}

/// The choice for a document the server holds in conflict (`_conflicts`,
/// left by a replication): the winning revision `winning_rev`, which the
/// workspace holds (the pull applied it), against the losing revision
/// `loser` (fetched with `?rev=`). No common ancestor is known, so every
/// field the two fill differently waits for the user. Once written, the
/// chosen version goes over the winning revision and every revision in
/// `losing` is deleted. `None` when the record is not here, or is not a
/// unit or a year.
pub fn choice_of_conflict(
    ws: &Workspace,
    winning_rev: &str,
    loser: &Incoming,
    losing: Vec<String>,
) -> Option<Choice> {
    let Incoming::Record { id, .. } = loser else {
        return None;
    };
    let here = crate::sync::document::local_doc(ws, &id.key)?;
    let mut made = choice(ws, None, loser)?;
    made.rev = winning_rev.to_owned();
    made.at_rev = here.body();
    made.losing = losing;
    Some(made)
}

impl Choice {
    /// The fields waiting for the user, with the server's value.
    pub fn conflicts(&self) -> &[(String, String)] {
        &self.merged.conflicts
    }

    /// The user's choice for a field in conflict: keep the value here
    /// (`keep_mine`) or take the server's.
    pub fn choose(&mut self, field: &str, keep_mine: bool) {
        let Some(at) = self.merged.conflicts.iter().position(|(f, _)| f == field) else {
            return;
        };
        let (field, theirs) = self.merged.conflicts.remove(at);
        field_merge::choose(
            &mut self.merged.base,
            &mut self.merged.mine,
            &field,
            &theirs,
            keep_mine,
        );
    }

    /// The record to write once every field is chosen: the server's, with
    /// the fields merged from here on top.
    pub fn resolved(&self, plan: &Plan) -> Result<Record, Unsettled> {
        if !self.merged.conflicts.is_empty() {
            return Err(Unsettled::Pending(
                self.merged
                    .conflicts
                    .iter()
                    .map(|(f, _)| f.clone())
                    .collect(),
            ));
        }
        let unreadable = |field: &str| {
            let field = field.to_owned();
            move |message: Text| Unsettled::Unreadable { field, message }
        };
        match &self.theirs {
            Theirs::Unit(theirs) => {
                let mut unit = theirs.clone();
                for (field, value) in &self.merged.mine {
                    if *value != unit_cell(theirs, field) {
                        set_unit_cell(&mut unit, field, value, plan).map_err(unreadable(field))?;
                    }
                }
                Ok(Record::Unit(unit))
            }
            Theirs::Year {
                unit,
                record: theirs,
            } => {
                let mut record = (**theirs).clone();
                for (field, value) in &self.merged.mine {
                    if *value != year_cell(theirs, field) {
                        set_year_cell(&mut record, field, value, Convention::PLAIN)
                            .map_err(unreadable(field))?;
                    }
                }
                Ok(Record::Year {
                    unit: unit.clone(),
                    record,
                })
            }
            Theirs::Doc { doc, values } => {
                let [base, mine, theirs] = &**values;
                let mut data = doc.data.clone();
                if let Some(object) = data.as_object_mut() {
                    for (field, text) in &self.merged.mine {
                        if theirs.get(field).map(text_of).as_ref() == Some(text) {
                            continue;
                        }
                        // The chosen text is one side's value: that value.
                        let value = [mine, base]
                            .into_iter()
                            .find_map(|side| side.get(field).filter(|v| text_of(v) == *text));
                        match value {
                            Some(value) => {
                                object.insert(field.clone(), value.clone());
                            }
                            None => {
                                object.remove(field);
                            }
                        }
                    }
                }
                let mut written = (**doc).clone();
                written.data = data;
                match read_doc(&written.workspace, &written.to_value(Some(&self.rev))) {
                    Ok(Incoming::Record { record, .. }) => Ok(*record),
                    _ => Err(Unsettled::Unreadable {
                        field: String::new(),
                        message: Text::new(
                            "Bản đã chọn không đọc lại được.",
                            "The chosen version cannot be read back.",
                        ),
                    }),
                }
            }
        }
    }

    /// Writes the chosen record into `ws` and remembers that the server
    /// holds its own version at [`Choice::rev`]: the next push then sends
    /// the chosen version over the server's revision, as CouchDB expects
    /// of a conflict settled (a write over the winning revision; a
    /// document received with `_conflicts` also needs its losing
    /// revisions deleted, [`crate::sync::push::resolution`]).
    pub fn settle(&self, ws: &mut Workspace, state: &mut SyncState) -> Result<(), Unsettled> {
        let record = self.resolved(&ws.plan)?;
        let chosen = record.to_doc(&ws.id);
        // Put in place by the pull's own code; what it would remember is
        // replaced just below.
        let mut scratch = SyncState::default();
        apply(
            ws,
            &mut scratch,
            &[chosen.to_value(Some(&self.rev))],
            Policy::TakeServer,
        );
        state.remember(&chosen.id, &self.rev, self.at_rev.clone());
        Ok(())
    }
}
