//! One module per page of the app, each a component the router mounts.

pub mod assessment;
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
