//! What goes in and out as files and stored records: the workspace
//! document (serde, migrations, errors that name their place), CSV for
//! Excel, bytes to text, JSON imports read a piece at a time, what an import
//! or a save changes, and the rules for keeping a backup.

pub mod backup;
pub mod bytes;
pub mod csv;
pub mod csv_data;
pub mod document;
pub mod document_check;
pub mod import;
pub mod import_diff;
pub mod import_pieces;
pub mod iso_date;
pub mod json_tree;
pub mod save_diff;
