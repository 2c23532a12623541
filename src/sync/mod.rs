//! Sync with a province's CouchDB (issue 15), the plain-Rust part: the
//! documents a workspace is written as and read back from, what a push
//! sends and what the server answered, where a pull stopped, the
//! field-by-field choice for a record changed on both sides, and the
//! province's picture it publishes for managers ([`aggregate`]).
//!
//! Nothing here talks to the network or knows the browser: the app
//! (`app/`) sends the requests this module builds and gives it the
//! answers. The server's rules are `couchdb/validate_doc_update.js`; the
//! documents' ids follow its `idOf` exactly ([`doc_id`]).

pub mod address;
pub mod aggregate;
pub mod conflict;
pub mod doc_id;
pub mod document;
pub mod pull;
pub mod push;
pub mod record;
pub mod scope;
pub mod state;
pub mod status;
