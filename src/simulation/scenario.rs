//! Scenarios: named sets of assumptions, saved in the workspace (and so in
//! its JSON export), duplicated and compared against a base.
//!
//! A scenario stores only what the user changed (overrides by input key);
//! every other input follows the workspace's data, so a scenario stays
//! current when the data are corrected.

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

use super::distribution::{Estimate, Shape};
use super::monte_carlo::Summary;
use super::{ModelKind, Options, Quantity, Setup, Trajectory};
use crate::i18n::Text;

/// A named set of assumptions for one model, saved in the workspace as
/// `{"id", "name", "model", "per_year_growth", "overrides": ["key low
/// likely high [pert]", …]}`, by serde's derived code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    #[serde(
        default,
        serialize_with = "write_model",
        deserialize_with = "read_model"
    )]
    pub model: ModelKind,
    /// GRDP share: one growth rate per year instead of one for all years.
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_year_growth: bool,
    /// Inputs the user set, by [`super::InputSpec::key`]; every other input
    /// follows the data.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "write_overrides",
        deserialize_with = "read_overrides"
    )]
    pub overrides: Vec<Override>,
}

/// One input set by the user: a number (`low == likely == high`) or a
/// range, triangular unless `pert`.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub key: String,
    pub low: f64,
    pub likely: f64,
    pub high: f64,
    pub pert: bool,
}

fn write_model<S: Serializer>(kind: &ModelKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind.key())
}

fn write_overrides<S: Serializer>(list: &[Override], serializer: S) -> Result<S::Ok, S::Error> {
    let lines: Vec<String> = list.iter().map(Override::to_text).collect();
    lines.serialize(serializer)
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn read_model<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ModelKind, D::Error> {
    let key = String::deserialize(deserializer)?;
    ModelKind::from_key(&key)
        .ok_or_else(|| D::Error::custom(format!("unknown simulation model \"{key}\"")))
}

fn read_overrides<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Override>, D::Error> {
    let lines = Vec::<String>::deserialize(deserializer)?;
    lines
        .iter()
        .map(|line| {
            Override::from_text(line)
                .ok_or_else(|| D::Error::custom(format!("unreadable override \"{line}\"")))
        })
        .collect()
}

impl Override {
    pub fn new(key: impl Into<String>, estimate: Estimate) -> Override {
        Override {
            key: key.into(),
            low: estimate.low,
            likely: estimate.likely,
            high: estimate.high,
            pert: estimate.shape == Shape::Pert,
        }
    }

    /// As stored: `key low likely high`, then `pert` for a PERT range.
    pub fn to_text(&self) -> String {
        let pert = if self.pert { " pert" } else { "" };
        format!(
            "{} {} {} {}{pert}",
            self.key, self.low, self.likely, self.high
        )
    }

    /// Reads what [`Override::to_text`] writes.
    pub fn from_text(text: &str) -> Option<Override> {
        let mut words = text.split(' ').filter(|w| !w.is_empty());
        let key = words.next()?.to_owned();
        let mut number = || words.next()?.parse::<f64>().ok().filter(|v| v.is_finite());
        let (low, likely, high) = (number()?, number()?, number()?);
        let pert = match words.next() {
            None => false,
            Some("pert") => true,
            Some(_) => return None,
        };
        Some(Override {
            key,
            low,
            likely,
            high,
            pert,
        })
    }

    pub fn estimate(&self) -> Estimate {
        let shape = if self.pert {
            Shape::Pert
        } else {
            Shape::Triangular
        };
        Estimate::range(self.low, self.likely, self.high, shape)
    }
}

/// The override of `key` in a list of them.
pub fn find<'a>(overrides: &'a [Override], key: &str) -> Option<&'a Override> {
    overrides.iter().find(|o| o.key == key)
}

/// Sets (or replaces) the override of `key`.
pub fn set(overrides: &mut Vec<Override>, key: &str, estimate: Estimate) {
    let new = Override::new(key, estimate);
    match overrides.iter_mut().find(|o| o.key == key) {
        Some(slot) => *slot = new,
        None => overrides.push(new),
    }
}

impl Scenario {
    pub fn new(id: impl Into<String>, name: impl Into<String>, model: ModelKind) -> Scenario {
        Scenario {
            id: id.into(),
            name: name.into(),
            model,
            ..Scenario::default()
        }
    }

    pub fn options(&self) -> Options {
        Options {
            per_year_growth: self.per_year_growth,
        }
    }

    /// A copy under a new id and name.
    pub fn duplicate(&self, id: impl Into<String>, name: impl Into<String>) -> Scenario {
        Scenario {
            id: id.into(),
            name: name.into(),
            ..self.clone()
        }
    }
}

/// An id no scenario in `existing` has: "s1", "s2", …
pub fn unused_id(existing: &[Scenario]) -> String {
    (1..)
        .map(|n| format!("s{n}"))
        .find(|id| existing.iter().all(|s| &s.id != id))
        .unwrap_or_else(|| format!("s{}", existing.len() + 1))
}

/// `base`, or `base (2)`, `base (3)`, … whichever no scenario has.
pub fn unused_name(base: &str, existing: &[Scenario]) -> String {
    if existing.iter().all(|s| s.name != base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} ({n})"))
        .find(|name| existing.iter().all(|s| &s.name != name))
        .unwrap_or_else(|| base.to_owned())
}

/// A scenario run: its inputs' most likely values, the projection at them,
/// and its Monte Carlo summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluated<'a> {
    pub setup: &'a Setup,
    pub values: Vec<f64>,
    pub trajectory: Trajectory,
    pub summary: Option<Summary>,
}

/// What a comparison row holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// An input's most likely value.
    Input,
    /// A metric's projected value on its deadline.
    Projected,
    /// The probability of meeting a goal.
    Probability,
}

/// One row of a comparison: the base's value, each other scenario's and
/// its difference from the base (`None` where a scenario lacks the row).
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    pub kind: RowKind,
    pub label: Text,
    pub quantity: Quantity,
    pub base: f64,
    pub others: Vec<Option<(f64, f64)>>,
}

/// Compares scenarios of the same model with a base: inputs (matched by
/// key), projected values on the deadlines, and probabilities of meeting
/// each goal when every run has a summary.
pub fn compare(base: &Evaluated, others: &[Evaluated]) -> Vec<ComparisonRow> {
    let mut rows = Vec::new();
    for (index, spec) in base.setup.inputs.iter().enumerate() {
        let Some(&base_value) = base.values.get(index) else {
            continue;
        };
        let others = others
            .iter()
            .map(|other| {
                let position = other.setup.input_index(&spec.key)?;
                let value = *other.values.get(position)?;
                Some((value, value - base_value))
            })
            .collect();
        rows.push(ComparisonRow {
            kind: RowKind::Input,
            label: spec.label.clone(),
            quantity: spec.quantity,
            base: base_value,
            others,
        });
    }
    for (index, metric) in base.setup.metrics.iter().enumerate() {
        let Some(&base_value) = base.trajectory.judged.get(index) else {
            continue;
        };
        let others = others
            .iter()
            .map(|other| {
                let value = *other.trajectory.judged.get(index)?;
                Some((value, value - base_value))
            })
            .collect();
        rows.push(ComparisonRow {
            kind: RowKind::Projected,
            label: metric.title.clone(),
            quantity: metric.quantity,
            base: base_value,
            others,
        });
    }
    if let Some(base_summary) = &base.summary {
        for (index, goal) in base.setup.goals.iter().enumerate() {
            let Some(&base_value) = base_summary.probabilities.get(index) else {
                continue;
            };
            let others = others
                .iter()
                .map(|other| {
                    let value = *other.summary.as_ref()?.probabilities.get(index)?;
                    Some((value, value - base_value))
                })
                .collect();
            rows.push(ComparisonRow {
                kind: RowKind::Probability,
                label: goal.label.clone(),
                quantity: Quantity::Fraction,
                base: base_value,
                others,
            });
        }
    }
    rows
}
