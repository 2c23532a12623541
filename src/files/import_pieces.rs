//! A JSON import that never holds the page for long: the file is read and
//! checked in a Web Worker, and the page takes the workspace back in
//! pieces, each in a task of its own.
//!
//! serde_json reads a document in one call: a 34 MB export (30,000 units
//! with three years of records) takes over a second, a second in which the
//! page could not answer a click if it ran there. The import's worker
//! (`src/bin/import_worker.rs`) reads the file's bytes, turns them into
//! text and reads the document ([`crate::files::import::read_json_file`]: every
//! refusal with its place, as before), then writes it out again as
//! [`Pieces`]: its head (everything but the units), then its units in lists
//! of about [`PIECE_BYTES`] of JSON, in the stored document's form. The
//! page reads each piece as it arrives ([`Assembler`]), a few milliseconds
//! each, then validates the workspace a slice of units at a time and
//! compares it with the open one ([`CheckedImport`]): the same preview, the
//! same errors and warnings as an import read at once.
//!
//! Nothing here knows the browser.

use crate::domain::unit::Unit;
use crate::domain::validation::Checker;
use crate::domain::workspace::Workspace;
use crate::files::csv_data::{Phase, Progress};
use crate::files::document::{from_json, to_json};
use crate::files::import::{Comparison, ImportPreview};
use crate::i18n::Lang;

/// About how many bytes of JSON a piece of units holds: the page reads one
/// in a few milliseconds (a unit with three years is about 1.1 KB).
pub const PIECE_BYTES: usize = 96 * 1024;

/// A workspace as pieces of JSON: first its head (the document without its
/// units), then lists of its units, each of about `piece_bytes` (at least
/// one unit each). The units are written as they are taken, so the
/// workspace and all its text are never held at once.
pub struct Pieces {
    head: Option<String>,
    units: std::vec::IntoIter<Unit>,
    total: usize,
    piece_bytes: usize,
}

impl Pieces {
    pub fn new(mut workspace: Workspace, piece_bytes: usize) -> Self {
        let units = std::mem::take(&mut workspace.units);
        Pieces {
            head: Some(to_json(&workspace)),
            total: units.len(),
            units: units.into_iter(),
            piece_bytes: piece_bytes.max(1),
        }
    }

    /// How many units the workspace has.
    pub fn units(&self) -> usize {
        self.total
    }
}

impl Iterator for Pieces {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if let Some(head) = self.head.take() {
            return Some(head);
        }
        let mut out = String::with_capacity(self.piece_bytes + self.piece_bytes / 4);
        out.push('[');
        // Bounded by the workspace's units, which the iterator consumes.
        for unit in self.units.by_ref() {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&crate::files::document::unit_text(&unit));
            if out.len() >= self.piece_bytes {
                break;
            }
        }
        if out.len() == 1 {
            return None;
        }
        out.push(']');
        Some(out)
    }
}

/// The page's side of [`Pieces`]: the head, then each list of units, in
/// the order they were written.
#[derive(Default)]
pub struct Assembler {
    head: Option<Workspace>,
    units: Vec<Unit>,
}

impl Assembler {
    /// Reads the next piece. An error means the piece is not one the
    /// worker writes (its text, in English, for the console).
    pub fn take(&mut self, piece: &str) -> Result<(), String> {
        if self.head.is_none() {
            self.head = Some(from_json(piece).map_err(|e| e.message(Lang::En))?);
            return Ok(());
        }
        let units =
            crate::files::document::units_from_text(piece).map_err(|e| e.message(Lang::En))?;
        self.units.extend(units);
        Ok(())
    }

    /// Units read so far.
    pub fn units(&self) -> usize {
        self.units.len()
    }

    /// The workspace, once its head has been read.
    pub fn finish(self) -> Option<Workspace> {
        let mut workspace = self.head?;
        workspace.units = self.units;
        Some(workspace)
    }
}

/// A workspace read from a file, validated a slice of units at a time
/// ([`Checker`]) and then compared with the open workspace a slice at a
/// time too ([`Comparison`]): the same preview as
/// [`crate::files::import::preview_workspace`].
pub struct CheckedImport {
    /// The workspace until it is checked, then the comparison.
    workspace: Option<Workspace>,
    checker: Checker,
    comparison: Option<Comparison>,
}

impl CheckedImport {
    pub fn new(workspace: Workspace) -> Self {
        CheckedImport {
            workspace: Some(workspace),
            checker: Checker::default(),
            comparison: None,
        }
    }

    /// A workspace already validated (`report`: the CSV import validates
    /// as it reads), to compare only.
    pub fn checked(workspace: Workspace, report: crate::domain::validation::Report) -> Self {
        CheckedImport {
            workspace: None,
            checker: Checker::default(),
            comparison: Some(Comparison::new(workspace, report)),
        }
    }

    /// Checks, or compares with `current`, up to `count` more units; how
    /// far it is (checking and comparing both count as
    /// [`Phase::Checking`]).
    pub fn step(&mut self, current: &Workspace, count: usize) -> Progress {
        let count = count.max(1);
        let mut done = false;
        match (&mut self.comparison, &self.workspace) {
            (Some(comparison), _) => done = comparison.step(current, count),
            (None, Some(workspace)) => {
                if self.checker.step(workspace, count) {
                    let report = std::mem::take(&mut self.checker).finish(workspace);
                    self.comparison = self
                        .workspace
                        .take()
                        .map(|workspace| Comparison::new(workspace, report));
                }
            }
            (None, None) => done = true,
        }
        let (compared, to_compare) = self
            .comparison
            .as_ref()
            .map_or((0, 0), |c| c.progress(current));
        let units = self.workspace.as_ref().map_or(0, |w| w.units.len());
        let checked = if self.comparison.is_some() {
            0
        } else {
            self.checker.done
        };
        Progress {
            phase: if done { Phase::Done } else { Phase::Checking },
            done: checked + compared,
            total: 2 * units + to_compare,
            rows: 0,
        }
    }

    /// What the import would change in `current` (the check and the
    /// comparison are run to their end first).
    pub fn preview(mut self, current: &Workspace) -> ImportPreview {
        while self.comparison.is_none() && self.workspace.is_some() {
            self.step(current, usize::MAX);
        }
        match (self.comparison, self.workspace) {
            (Some(comparison), _) => comparison.finish(current),
            (None, workspace) => {
                let workspace = workspace.unwrap_or_else(|| Workspace::new("", ""));
                crate::files::import::preview_workspace(current, workspace)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::import::{preview_import, preview_workspace};

    fn assembled(workspace: &Workspace, piece_bytes: usize) -> (Workspace, usize) {
        let pieces = Pieces::new(workspace.clone(), piece_bytes);
        assert_eq!(pieces.units(), workspace.units.len());
        let mut assembler = Assembler::default();
        let mut count = 0;
        for piece in pieces {
            assert!(
                piece.len() < piece_bytes + 4096 || count == 0,
                "{}",
                piece.len()
            );
            assembler.take(&piece).expect("a piece the worker wrote");
            count += 1;
        }
        (assembler.finish().expect("a head"), count)
    }

    #[test]
    fn a_workspace_comes_back_whole_from_its_pieces() {
        let mut workspace = crate::benchmark::big_workspace(300, 3);
        workspace.name = "Hải Phòng \"135\"".into();
        let (back, pieces) = assembled(&workspace, 16 * 1024);
        assert!(pieces > 10, "{pieces} pieces");
        assert_eq!(back, workspace);
        // The document read at once says the same.
        assert_eq!(back, from_json(&to_json(&workspace)).expect("readable"));
        // One piece per unit at the smallest size, and none for no units.
        let (back, pieces) = assembled(&workspace, 1);
        assert_eq!((back, pieces), (workspace.clone(), 301));
        let empty = Workspace::new("w", "Trống");
        assert_eq!(assembled(&empty, PIECE_BYTES), (empty, 1));
    }

    #[test]
    fn pieces_that_are_not_the_workers_are_refused() {
        let mut assembler = Assembler::default();
        assert!(assembler.take("[1, 2]").is_err());
        assembler
            .take(&to_json(&Workspace::new("w", "x")))
            .expect("a head");
        assert!(assembler.take("{\"units\": 1}").is_err());
        assert!(assembler.take("[{\"id\": 3}]").is_err());
        assert_eq!(assembler.units(), 0);
    }

    #[test]
    fn a_checked_import_previews_as_an_import_read_at_once() {
        let current = crate::benchmark::big_workspace(120, 3);
        let mut file = crate::benchmark::big_workspace(150, 2);
        // Errors and warnings to find: a negative count, a code used twice.
        if let Some(record) = file.units.get_mut(7).and_then(|u| u.years.first_mut()) {
            record.members = Some(-3);
        }
        let code = file.units[3].registration_code.clone();
        file.units[140].registration_code = code;
        file.units[10].name = "Đổi tên".into();
        file.units.remove(20);
        let text = to_json(&file);
        let at_once = preview_import(&current, &text, text.len() as u64).expect("readable");
        let mut checked = CheckedImport::new(file.clone());
        let mut steps = 0;
        while checked.step(&current, 25).phase != Phase::Done {
            steps += 1;
            assert!(steps < 200);
        }
        // Checking 150 units twice, then comparing 150 and 120 twice.
        assert!(steps >= 20, "{steps}");
        for sliced in [
            checked.preview(&current),
            CheckedImport::new(file.clone()).preview(&current),
        ] {
            assert!(!sliced.errors.is_empty());
            assert_eq!(sliced.errors, at_once.errors);
            assert_eq!(sliced.warnings, at_once.warnings);
            assert_eq!(
                (
                    &sliced.added,
                    &sliced.updated,
                    &sliced.removed,
                    sliced.unchanged
                ),
                (
                    &at_once.added,
                    &at_once.updated,
                    &at_once.removed,
                    at_once.unchanged
                )
            );
            assert_eq!(sliced.workspace, at_once.workspace);
            assert_eq!(
                sliced.workspace,
                preview_workspace(&current, file.clone()).workspace
            );
        }
    }

    #[test]
    fn a_file_is_read_from_its_bytes_with_every_refusal_placed() {
        let workspace = crate::benchmark::big_workspace(5, 1);
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(to_json(&workspace).into_bytes());
        assert_eq!(crate::files::import::read_json_file(bytes), Ok(workspace));
        let error = crate::files::import::read_json_file(b"{\n\"a\": \"\xFF\"}".to_vec())
            .expect_err("not UTF-8");
        assert!(
            error.message(Lang::En).contains("line 2, byte 9"),
            "{error:?}"
        );
        let error = crate::files::import::read_json_file(b"{\n\"schema_version\": 2,\n}".to_vec())
            .expect_err("broken");
        assert!(error.message(Lang::Vi).contains("dòng 3"), "{error:?}");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod timing {
    use super::*;
    use std::time::Instant;

    /// The page's share of a 30,000-unit import, natively:
    /// `cargo test --release --no-default-features --lib import_pieces::timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn the_pages_share_of_a_big_import() {
        let workspace = crate::benchmark::big_workspace(30_000, 3);
        let empty = Workspace::new("w", "x");
        let pieces: Vec<String> = Pieces::new(workspace.clone(), PIECE_BYTES).collect();
        let mut assembler = Assembler::default();
        let mut longest = 0f64;
        let start = Instant::now();
        for piece in &pieces {
            let at = Instant::now();
            assembler.take(piece).expect("a piece");
            longest = longest.max(at.elapsed().as_secs_f64() * 1000.0);
        }
        let read_ms = start.elapsed().as_secs_f64() * 1000.0;
        let mut import = CheckedImport::new(assembler.finish().expect("a head"));
        let start = Instant::now();
        while import.step(&empty, 100).phase != Phase::Done {}
        let check_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let preview = import.preview(&empty);
        let preview_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let again = CheckedImport::new(workspace.clone()).preview(&workspace);
        let same_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        drop((preview, again));
        let drop_ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "pieces={} read_ms={read_ms:.0} longest_piece_ms={longest:.1} check_ms={check_ms:.0} preview_into_empty_ms={preview_ms:.1} check_and_preview_into_itself_ms={same_ms:.1} drop_ms={drop_ms:.1}",
            pieces.len()
        );
    }
}
