//! Typed drafts of what the user types, validated as a whole, then
//! applied to the workspace.
//!
//! Nothing here knows the browser or writes markup: a form gives the page
//! what it shows as data ([`form::FieldView`]: label, kind, value, hint,
//! echo, message, conflict) and the page draws it (`app/pages/data/`).

pub mod form;
pub mod form_field;
pub mod plan_draft;
pub mod plan_form;
pub mod task_form;
pub mod unit_table;
