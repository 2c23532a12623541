//! Reading a document's plan by hand, from the JSON tree, as
//! [`crate::unit_read`] reads its units and for the same reason: serde's
//! derived readers for the plan's nine structs were about a fifth of all
//! the reading code in the download. A wrong value is named by its place
//! ("plan, targets 3: value: expected a number, found a text").

use serde_json::Value;

use crate::json_read::*;
use crate::plan::{
    Comparator, Indicator, Plan, PlanIdentity, PlanSettings, QualifiedReading, Sector, Target,
};
use crate::task::{ProgressEntry, Task, TaskDeadline, TaskStatus};

pub fn plan(value: &Value) -> Read<Plan> {
    let o = object(value)?;
    Ok(Plan {
        identity: identity(required(o, "identity")?).map_err(|e| format!("identity, {e}"))?,
        start_year: integer(required(o, "start_year")?, "start_year")?,
        end_year: integer(required(o, "end_year")?, "end_year")?,
        baseline_year: integer(required(o, "baseline_year")?, "baseline_year")?,
        targets: items(required(o, "targets")?, "targets", &target)?,
        settings: match o.get("settings") {
            Some(v) => PlanSettings {
                qualified_reading: key(
                    required(object(v)?, "qualified_reading")?,
                    "qualified_reading",
                    QualifiedReading::KEYS,
                    QualifiedReading::VARIANTS,
                )?,
            },
            None => PlanSettings::default(),
        },
        districts: strings(required(o, "districts")?, "districts")?,
        sectors: items(required(o, "sectors")?, "sectors", &|v| {
            let s = object(v)?;
            Ok(Sector {
                id: string(required(s, "id")?, "id")?,
                name: text(required(s, "name")?, "name")?,
            })
        })?,
        tasks: list(o, "tasks", &task)?,
    })
}

fn identity(value: &Value) -> Read<PlanIdentity> {
    let o = object(value)?;
    Ok(PlanIdentity {
        number: string(required(o, "number")?, "number")?,
        title: text(required(o, "title")?, "title")?,
        issuer: string(required(o, "issuer")?, "issuer")?,
        signer: string(required(o, "signer")?, "signer")?,
        issued: required_date(o, "issued")?,
        implements: strings(required(o, "implements")?, "implements")?,
        source: string(required(o, "source")?, "source")?,
    })
}

fn target(value: &Value) -> Read<Target> {
    let o = object(value)?;
    Ok(Target {
        id: string(required(o, "id")?, "id")?,
        indicator: key(
            required(o, "indicator")?,
            "indicator",
            Indicator::KEYS,
            Indicator::VARIANTS,
        )?,
        title: text(required(o, "title")?, "title")?,
        wording: string(required(o, "wording")?, "wording")?,
        comparator: key(
            required(o, "comparator")?,
            "comparator",
            Comparator::KEYS,
            Comparator::VARIANTS,
        )?,
        value: number(required(o, "value")?, "value")?,
        band_upper: present(o, "band_upper")
            .map(|v| number(v, "band_upper"))
            .transpose()?,
        deadline: required_date(o, "deadline")?,
        source: string(required(o, "source")?, "source")?,
    })
}

fn task(value: &Value) -> Read<Task> {
    let o = object(value)?;
    Ok(Task {
        id: string(required(o, "id")?, "id")?,
        title: text(required(o, "title")?, "title")?,
        lead_agency: string(required(o, "lead_agency")?, "lead_agency")?,
        partner_agencies: match o.get("partner_agencies") {
            Some(v) => strings(v, "partner_agencies")?,
            None => Vec::new(),
        },
        deadline: present(o, "deadline")
            .map(|v| deadline(v).map_err(|e| format!("deadline: {e}")))
            .transpose()?,
        status: match o.get("status") {
            Some(v) => key(v, "status", TaskStatus::KEYS, TaskStatus::VARIANTS)?,
            None => TaskStatus::default(),
        },
        notes: text_or_empty(o, "notes")?,
        progress: list(o, "progress", &|v| {
            let p = object(v)?;
            Ok(ProgressEntry {
                date: required_date(p, "date")?,
                note: string(required(p, "note")?, "note")?,
            })
        })?,
        source: text_or_empty(o, "source")?,
    })
}

/// A task's deadline: `{"kind": "quarter", "year": 2018, "quarter": 2}`
/// and so on.
pub fn deadline(value: &Value) -> Read<TaskDeadline> {
    let o = object(value)?;
    let kind = string(required(o, "kind")?, "kind")?;
    let number = |field: &str| -> Read<u32> { integer(required(o, field)?, field) };
    let year = || -> Read<i32> { integer(required(o, "year")?, "year") };
    match kind.as_str() {
        "date" => Ok(TaskDeadline::Date {
            date: required_date(o, "date")?,
        }),
        "quarter" => Ok(TaskDeadline::Quarter {
            year: year()?,
            quarter: number("quarter")?,
        }),
        "year" => Ok(TaskDeadline::Year { year: year()? }),
        "yearly" => Ok(TaskDeadline::Yearly {
            month: number("month")?,
            day: number("day")?,
        }),
        other => Err(format!(
            "kind: unknown value \"{other}\", expected one of date, quarter, year, yearly"
        )),
    }
}
