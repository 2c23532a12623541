//! A workspace: one plan and the data measured against it.
//!
//! Users keep several (their own, the workshop demo, copies to play with);
//! each is stored and exported as one JSON document carrying
//! [`SCHEMA_VERSION`]. Reading and migrating documents is
//! [`crate::files::document`]'s job.

use serde::{Deserialize, Serialize};

use crate::assessment::Assessment;
use crate::domain::decimal::Decimal;
use crate::domain::plan::Plan;
use crate::domain::unit::Unit;
use crate::simulation::scenario::Scenario;

/// The version of the workspace document this build writes. Older documents
/// are migrated step by step on load and import ([`crate::files::document`]).
pub const SCHEMA_VERSION: u32 = 3;

/// City-level inputs for one year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityYear {
    #[serde(default)]
    pub year: i32,
    /// GRDP at current prices, millions of VND.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grdp_current_prices: Option<Decimal>,
    /// Value added of the collective economy not captured unit by unit,
    /// millions of VND.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_collective_value_added: Option<Decimal>,
}

/// Written and read by serde's derived code, through
/// [`crate::files::document`] (which migrates older documents first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Always written as [`SCHEMA_VERSION`]: a document is saved in the
    /// schema of the build that saves it.
    #[serde(serialize_with = "write_current_version")]
    pub schema_version: u32,
    pub id: String,
    pub name: String,
    /// Set for generated demonstration data, which must be labelled as
    /// illustrative wherever it is shown.
    #[serde(default)]
    pub illustrative: bool,
    pub plan: Plan,
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub city_years: Vec<CityYear>,
    /// Self-assessments, one per cooperative per year ([`crate::assessment`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    /// What "ready to be exemplary" means in this workspace, as the
    /// entries the page's criteria send (`"previous=none"`); none: the
    /// defaults ([`crate::assessment::ExemplaryCriteria::of`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemplary_criteria: Vec<String>,
    /// Named what-if scenarios of the simulation page
    /// ([`crate::simulation::scenario`]); no key while there are none, so
    /// files without scenarios are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
}

fn write_current_version<S: serde::Serializer>(_: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u32(SCHEMA_VERSION)
}

impl Workspace {
    /// Whether this is the view of a workspace a newer version of the app
    /// wrote ([`crate::files::document::Newer`]): every page shows it, nothing
    /// saves it.
    pub fn read_only(&self) -> bool {
        self.schema_version > SCHEMA_VERSION
    }

    /// An empty workspace for the plan the app ships with.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Workspace {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            name: name.into(),
            illustrative: false,
            plan: Plan::hai_phong_135(),
            units: Vec::new(),
            city_years: Vec::new(),
            assessments: Vec::new(),
            exemplary_criteria: Vec::new(),
            scenarios: Vec::new(),
        }
    }

    pub fn city_year(&self, year: i32) -> Option<&CityYear> {
        self.city_years.iter().find(|c| c.year == year)
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.city_years.is_empty()
    }
}
