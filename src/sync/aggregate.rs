//! The province's picture for managers (issue 15, item 6;
//! `couchdb/README.md`, "Users and roles"): one `aggregate` document per
//! workspace (`<workspace>:aggregate`), written by the province only,
//! holding the nine targets as the province's dashboard evaluates them and
//! the counts behind them — never a cooperative's record.
//!
//! - The province makes it from its workspace ([`Aggregate::of`],
//!   [`aggregate_doc`]) with the dashboard's own engine
//!   ([`crate::domain::indicator::Engine::evaluate_all`]), as of a date,
//!   and its push sends it when it changed ([`publish`]).
//! - A manager's pull receives it ([`read_aggregate`], called by
//!   [`crate::sync::document::apply`]), keeps it with the workspace's sync
//!   record, never in the workspace.
//! - Her own place in it ([`places`]): each of her cooperatives measured
//!   by the same engine, alone, as of the province's date, and set
//!   against the province's figures.
//!
//! No cooperative's figure is published: the revenue's spread (mean,
//! median, quartiles) only when at least [`MIN_REPORTING`] cooperatives
//! reported one, so that no single cooperative's revenue can be read
//! from it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::decimal::Decimal;
use crate::domain::indicator::{Engine, Evaluation, Measurement, Observation};
use crate::domain::plan::{Indicator, Target};
use crate::domain::tolerance::at_least;
use crate::domain::unit::Unit;
use crate::domain::workspace::{CityYear, Workspace, SCHEMA_VERSION};
use crate::files::document::read_value;
use crate::sync::doc_id::{DocId, DocKey, DocType};
use crate::sync::document::{NotApplied, SyncDoc};
use crate::sync::push::Outgoing;
use crate::sync::scope::Scope;
use crate::sync::state::SyncState;

/// The fewest cooperatives reporting a revenue for its spread to be
/// published: below it a median or a quartile is one cooperative's figure,
/// or nearly.
pub const MIN_REPORTING: usize = 5;

/// The most years, counting back from the as-of date's, searched for
/// one in which enough cooperatives reported a revenue.
pub const MAX_YEARS_BACK: usize = 10;

/// The most units a manager is placed for: far more than one person's
/// roles name in practice.
pub const MAX_PLACED: usize = 20;

/// How many units the province's figures are made of, as of the date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Every unit in the workspace (dissolved ones included).
    pub units: u32,
    /// Cooperatives (HTX, LHHTX, QTDND) operating on the date.
    pub active_cooperatives: u32,
    /// Cooperative groups (THT) operating on the date.
    pub active_groups: u32,
}

/// One target as the province's plan sets it and its dashboard evaluates
/// it (the value, the status and the counts behind it:
/// [`Measurement::observation`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetFigure {
    pub target: Target,
    pub evaluation: Evaluation,
}

/// A figure's spread over the cooperatives that reported it in `year`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub year: i32,
    /// Cooperatives reporting (at least [`MIN_REPORTING`]).
    pub reporting: u32,
    pub mean: f64,
    pub lower_quartile: f64,
    pub median: f64,
    pub upper_quartile: f64,
}

/// The province's published picture: the `data` of the `aggregate`
/// document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// The date the figures are evaluated at: the day the province
    /// published them.
    #[serde(with = "crate::files::iso_date")]
    pub as_of: NaiveDate,
    /// The plan's number ("135/KH-UBND").
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub counts: Counts,
    /// Every target of the province's plan, in the plan's order.
    #[serde(default)]
    pub targets: Vec<TargetFigure>,
    /// Revenue per cooperative, in millions of VND, when enough
    /// cooperatives reported one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Spread>,
}

fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The value at `at` (0 to 1) of sorted `values`, interpolated between
/// neighbours (the spreadsheets' QUARTILE.INC). `values` is not empty.
fn quantile(sorted: &[f64], at: f64) -> f64 {
    let last = sorted.len().saturating_sub(1);
    let position = at * last as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let (Some(low), Some(high)) = (sorted.get(below), sorted.get(above.min(last))) else {
        return 0.0;
    };
    low + (high - low) * (position - below as f64)
}

/// The revenues of the cooperatives operating at the end of `year` (or on
/// `as_of`, if sooner) that reported one for `year`.
fn revenues(ws: &Workspace, year: i32, as_of: NaiveDate) -> Vec<f64> {
    let on = as_of.min(year_end(year));
    ws.units
        .iter()
        .filter(|u| u.kind.is_cooperative() && u.is_active_on(on))
        .filter_map(|u| u.record(year)?.revenue.as_ref().map(|r| r.to_f64()))
        .filter(|r| r.is_finite())
        .collect()
}

/// The revenue's spread in the latest year, not after `as_of`'s, in which
/// at least [`MIN_REPORTING`] cooperatives reported one.
fn revenue_spread(ws: &Workspace, as_of: NaiveDate) -> Option<Spread> {
    let mut years: Vec<i32> = ws
        .units
        .iter()
        .flat_map(|u| u.years.iter().map(|r| r.year))
        .filter(|y| *y <= as_of.year())
        .collect();
    crate::sorting::sort_by(&mut years, |a, b| b.cmp(a));
    years.dedup();
    // Each year tried reads every unit: a few recent years only.
    years.into_iter().take(MAX_YEARS_BACK).find_map(|year| {
        let mut values = revenues(ws, year, as_of);
        if values.len() < MIN_REPORTING {
            return None;
        }
        crate::sorting::sort_by(&mut values, f64::total_cmp);
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        Some(Spread {
            year,
            reporting: u32::try_from(values.len()).unwrap_or(u32::MAX),
            mean,
            lower_quartile: quantile(&values, 0.25),
            median: quantile(&values, 0.5),
            upper_quartile: quantile(&values, 0.75),
        })
    })
}

impl Aggregate {
    /// The province's picture of `ws` as of `as_of`: every target
    /// evaluated by the dashboard's engine, the units counted, the
    /// revenue's spread.
    pub fn of(ws: &Workspace, as_of: NaiveDate) -> Aggregate {
        Aggregate::with(ws, as_of, Engine::new(ws).evaluate_all(as_of))
    }

    /// [`Aggregate::of`] with the targets evaluated already, as of `as_of`
    /// (the app's own, kept up to date with every edit: evaluating a
    /// national workspace afresh takes longer than a task may).
    pub fn with(ws: &Workspace, as_of: NaiveDate, evaluations: Vec<Evaluation>) -> Aggregate {
        let targets = ws
            .plan
            .targets
            .iter()
            .cloned()
            .zip(evaluations)
            .map(|(target, evaluation)| TargetFigure { target, evaluation })
            .collect();
        let mut counts = Counts {
            units: u32::try_from(ws.units.len()).unwrap_or(u32::MAX),
            ..Counts::default()
        };
        for unit in ws.units.iter().filter(|u| u.is_active_on(as_of)) {
            if unit.kind.is_cooperative() {
                counts.active_cooperatives += 1;
            } else {
                counts.active_groups += 1;
            }
        }
        Aggregate {
            as_of,
            plan: ws.plan.identity.number.clone(),
            counts,
            targets,
            revenue: revenue_spread(ws, as_of),
        }
    }
}

impl Aggregate {
    /// As the sync record keeps it ([`crate::sync::record::SyncRecord`]):
    /// the document's `data`.
    pub fn to_stored(&self) -> Value {
        // Plain numbers, texts and dates: it always serialises.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Read back from the sync record; `None` when this build cannot.
    pub fn from_stored(value: &Value) -> Option<Aggregate> {
        read_value(value).ok()
    }
}

/// The `aggregate` document of `ws` as of `as_of`, as the province's push
/// writes it.
pub fn aggregate_doc(ws: &Workspace, as_of: NaiveDate) -> SyncDoc {
    aggregate_doc_of(ws, Aggregate::of(ws, as_of))
}

/// The document of an aggregate made already.
pub fn aggregate_doc_of(ws: &Workspace, aggregate: Aggregate) -> SyncDoc {
    doc_in(&ws.id, &aggregate)
}

/// The aggregate's document in workspace `workspace`, as this build writes
/// it.
fn doc_in(workspace: &str, aggregate: &Aggregate) -> SyncDoc {
    SyncDoc {
        id: DocId::new(workspace, DocKey::Aggregate).to_id(),
        workspace: workspace.to_owned(),
        doc_type: DocType::Aggregate,
        schema_version: SCHEMA_VERSION,
        unit: None,
        year: None,
        period: None,
        key: None,
        data: aggregate.to_stored(),
    }
}

/// What a push adds to the documents pending
/// ([`crate::sync::scope::to_push`]): for the province, the aggregate as
/// of `as_of` when it differs from what the server is known to hold, over
/// the revision known; nothing while the server holds one written by a
/// newer version of the app. Never anything for a manager (the database
/// refuses it from her).
///
/// `evaluations` are the targets evaluated as of `as_of` when the caller
/// has them; they are evaluated here otherwise.
pub fn publish(
    ws: &Workspace,
    state: &SyncState,
    scope: &Scope,
    as_of: NaiveDate,
    evaluations: Option<Vec<Evaluation>>,
) -> Option<Outgoing> {
    if *scope != Scope::Province {
        return None;
    }
    let aggregate = match evaluations {
        Some(evaluations) => Aggregate::with(ws, as_of, evaluations),
        None => Aggregate::of(ws, as_of),
    };
    let doc = aggregate_doc_of(ws, aggregate);
    if state.is_held(&doc.id) || state.holds(&doc.id, Some(&doc.body())) {
        return None;
    }
    Some(Outgoing::write(&doc, state.rev(&doc.id)))
}

/// What a received aggregate document says.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    Published(Box<Aggregate>),
    /// The province deleted it.
    Withdrawn,
}

/// An aggregate document read: its revision, the body this build would
/// write for it (what [`SyncState`] remembers; empty for a deletion) and
/// what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    pub id: String,
    pub rev: String,
    pub body: String,
    pub news: News,
}

/// The `_id` of `workspace`'s aggregate: a received document with it is
/// read by [`read_aggregate`], not as a record.
pub fn aggregate_id(workspace: &str) -> String {
    DocId::new(workspace, DocKey::Aggregate).to_id()
}

fn malformed(id: &str, reason: impl Into<String>) -> NotApplied {
    NotApplied::Malformed {
        id: id.to_owned(),
        reason: reason.into(),
    }
}

/// Reads the aggregate document of `workspace` as received from the
/// server. One written by a newer version of the app is
/// [`NotApplied::Newer`] (kept untouched); one this build cannot read is
/// [`NotApplied::Malformed`], with the reason.
pub fn read_aggregate(workspace: &str, value: &Value) -> Result<Received, NotApplied> {
    let expected = aggregate_id(workspace);
    let Some(object) = value.as_object() else {
        return Err(malformed("?", "the document is not a JSON object"));
    };
    let id = object.get("_id").and_then(Value::as_str).unwrap_or("?");
    if id != expected {
        return Err(malformed(id, format!("an aggregate's _id is {expected}")));
    }
    let rev = object
        .get("_rev")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if object.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return Ok(Received {
            id: expected,
            rev,
            body: String::new(),
            news: News::Withdrawn,
        });
    }
    let version = object
        .get("schema_version")
        .ok_or_else(|| malformed(id, "the document has no schema_version"))?
        .as_u64()
        .filter(|v| *v >= 1)
        .ok_or_else(|| malformed(id, "the schema_version is not a whole number from 1"))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(NotApplied::Newer {
            id: id.to_owned(),
            found: version,
        });
    }
    if object.get("workspace").and_then(Value::as_str) != Some(workspace)
        || object.get("type").and_then(Value::as_str) != Some(DocType::Aggregate.as_str())
    {
        return Err(malformed(
            id,
            "the fields workspace or type do not match the _id",
        ));
    }
    let data = object
        .get("data")
        .ok_or_else(|| malformed(id, "the document has no data"))?;
    let aggregate: Aggregate =
        read_value(data).map_err(|message| malformed(id, format!("data: {message}")))?;
    let body = doc_in(workspace, &aggregate).body();
    Ok(Received {
        id: expected,
        rev,
        body,
        news: News::Published(Box::new(aggregate)),
    })
}

/// Where one of the manager's cooperatives stands on one target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Counted by the target, and done: reorganised (T1), dissolved (T2),
    /// a group meeting the legal conditions (T4), recognised exemplary in
    /// the plan's period (T8); for T3, its value added counts.
    Counts,
    /// Counted by the target and not done: one of those the target still
    /// waits for.
    Awaited,
    /// Its own share or growth at or above the province's.
    AtOrAbove,
    /// Below the province's.
    Below,
    /// Not among the units the target counts (a cooperative not required
    /// to reorganise, a group for T5), or no figure of its own.
    NotCounted,
    /// The province has no figure to set it against.
    NoProvinceFigure,
}

/// One of her cooperatives on one target.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetPlace {
    pub target_id: String,
    pub indicator: Indicator,
    /// Measured by the dashboard's engine on her cooperative alone, as of
    /// the province's date (for T3: its value added over the province's
    /// GRDP of the province's year).
    pub own: Measurement,
    pub standing: Standing,
    /// T3: its value added as a share of the province's collective value
    /// added, in the same year.
    pub share_of_province: Option<f64>,
}

/// Where a revenue stands in the province's spread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quarter {
    /// At or above the upper quartile.
    Top,
    /// At or above the median.
    UpperMiddle,
    /// At or above the lower quartile.
    LowerMiddle,
    Bottom,
}

/// Her cooperative's revenue in the spread's year.
#[derive(Clone, Debug, PartialEq)]
pub struct RevenuePlace {
    pub year: i32,
    /// Millions of VND, as stored.
    pub own: f64,
    pub quarter: Quarter,
    /// Her revenue over the province's mean (1.0 = the mean).
    pub of_mean: Option<f64>,
}

/// One of her cooperatives, placed in the province's picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub unit_id: String,
    pub unit_name: String,
    pub targets: Vec<TargetPlace>,
    /// `None` when the province published no spread or she reported no
    /// revenue for its year.
    pub revenue: Option<RevenuePlace>,
}

fn quarter_of(value: f64, spread: &Spread) -> Quarter {
    if at_least(value, spread.upper_quartile) {
        Quarter::Top
    } else if at_least(value, spread.median) {
        Quarter::UpperMiddle
    } else if at_least(value, spread.lower_quartile) {
        Quarter::LowerMiddle
    } else {
        Quarter::Bottom
    }
}

/// Her workspace reduced to one cooperative: the same plan, no other
/// unit, no city-level value added (a unit's own figures only), and for
/// T3 the GRDP the province divided by, in the province's year, so that
/// her share is counted as the province counts it.
fn alone(ws: &Workspace, unit: &Unit, aggregate: &Aggregate) -> Workspace {
    let mut own = Workspace::new(ws.id.clone(), ws.name.clone());
    own.plan = ws.plan.clone();
    own.units = vec![unit.clone()];
    let province_grdp = aggregate.targets.iter().find_map(|figure| {
        let measurement = &figure.evaluation.measurement;
        match (&measurement.observation, measurement.data_year) {
            (Some(Observation::Share { denominator, .. }), Some(year))
                if figure.evaluation.indicator == Indicator::GrdpShare =>
            {
                // f64's Display writes plain digits, which Decimal reads.
                Decimal::parse(&denominator.to_string())
                    .ok()
                    .map(|grdp| (year, grdp))
            }
            _ => None,
        }
    });
    own.city_years = match province_grdp {
        Some((year, grdp)) => vec![CityYear {
            year,
            grdp_current_prices: Some(grdp),
            extra_collective_value_added: None,
        }],
        None => ws
            .city_years
            .iter()
            .map(|c| CityYear {
                extra_collective_value_added: None,
                ..c.clone()
            })
            .collect(),
    };
    own
}

fn place_on(engine: &Engine<'_>, figure: &TargetFigure, as_of: NaiveDate) -> TargetPlace {
    let indicator = figure.evaluation.indicator;
    let own = engine.measure(indicator, as_of);
    let province = &figure.evaluation.measurement;
    let mut share_of_province = None;
    let standing = match indicator {
        // Counted or not, done or not: the unit's own share is 1 or 0.
        Indicator::ReorganisedShare
        | Indicator::InactiveDissolvedShare
        | Indicator::GroupsCompliantShare
        | Indicator::ExemplaryCount => match own.value {
            None => Standing::NotCounted,
            Some(v) if v > 0.0 => Standing::Counts,
            Some(_) => Standing::Awaited,
        },
        Indicator::GrdpShare => match (&own.observation, &province.observation) {
            (
                Some(Observation::Share {
                    numerator: mine, ..
                }),
                Some(Observation::Share { numerator: all, .. }),
            ) if own.data_year == province.data_year && *all > 0.0 => {
                share_of_province = Some(mine / all);
                Standing::Counts
            }
            (Some(_), _) if province.value.is_none() => Standing::NoProvinceFigure,
            _ => Standing::NotCounted,
        },
        _ => match (own.value, province.value) {
            (None, _) => Standing::NotCounted,
            (Some(_), None) => Standing::NoProvinceFigure,
            (Some(mine), Some(all)) if at_least(mine, all) => Standing::AtOrAbove,
            (Some(_), Some(_)) => Standing::Below,
        },
    };
    TargetPlace {
        target_id: figure.target.id.clone(),
        indicator,
        own,
        standing,
        share_of_province,
    }
}

/// Her cooperatives — `units`, the ones her `unit:<id>` roles name, as
/// far as her workspace holds them — placed in the province's picture.
/// At most [`MAX_PLACED`].
pub fn places(ws: &Workspace, aggregate: &Aggregate, units: &[String]) -> Vec<Place> {
    units
        .iter()
        .filter_map(|id| ws.unit(id))
        .take(MAX_PLACED)
        .map(|unit| {
            let own_ws = alone(ws, unit, aggregate);
            let engine = Engine::new(&own_ws);
            let targets = aggregate
                .targets
                .iter()
                .map(|figure| place_on(&engine, figure, aggregate.as_of))
                .collect();
            let revenue = aggregate.revenue.as_ref().and_then(|spread| {
                let own = unit.record(spread.year)?.revenue.as_ref()?.to_f64();
                own.is_finite().then(|| RevenuePlace {
                    year: spread.year,
                    own,
                    quarter: quarter_of(own, spread),
                    of_mean: (spread.mean > 0.0).then(|| own / spread.mean),
                })
            });
            Place {
                unit_id: unit.id.clone(),
                unit_name: unit.name.clone(),
                targets,
                revenue,
            }
        })
        .collect()
}
