//! One module per page of the app. A page not yet moved onto components
//! has a `mount` that writes it into its host element (`super::legacy`)
//! and makes the regions and listeners that keep it current; they are
//! thrown away when another page is shown.

pub mod assessment;
pub mod coming;
pub mod dashboard;
pub mod data;
pub mod not_found;
pub mod plan;
pub mod present;
pub mod report;
pub mod simulation;
pub mod target;
pub mod unit;
pub mod workshop;
