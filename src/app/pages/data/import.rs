//! An import under way on the data page, as signals: the progress line,
//! the preview waiting for confirmation (a merge's choices with it), how
//! each CSV file's numbers were read, and why a file was refused.
//!
//! A JSON file is read by the import's worker, off the page's thread, and
//! sent back in pieces; a CSV file is decoded by the worker (which alone
//! holds the decoders of spreadsheets' encodings) and sent back as UTF-8
//! text, which is read here a slice of rows at a time.
//! Checking and comparing the workspace that results is done a slice at a
//! time too, so that a big file (30,000 units) never freezes the page: each
//! slice runs about [`SLICE_MS`], then the browser handles events and draws
//! before the next. Every import has a number ([`Import::run`]); stopping it
//! moves the number on, and a slice or a worker's message of an older
//! number stops there.

use leptos::prelude::*;

use crate::app::browser::later;
use crate::app::files::{self, FromWorker, ImportWorker};
use crate::app::state::AppState;
use crate::domain::merge::{Building, Merge, Merging, Source};
use crate::files::bytes::{Decoded, Encoding, NotText};
use crate::files::csv_data::{CsvError, CsvImport, DecodedFile, FileNumbers, Phase, Progress};
use crate::files::import::{ImportError, ImportPreview, MAX_IMPORT_BYTES};
use crate::files::import_pieces::{Assembler, CheckedImport};
use crate::i18n::number::Convention;
use crate::i18n::Lang;
use crate::report::data_page::import_progress_text;

/// A CSV import runs this long (ms) before the browser gets its turn...
const SLICE_MS: f64 = 10.0;
/// ...checking the clock every this many rows (a row takes microseconds).
const STEP_ROWS: usize = 100;

/// Which file input a file came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Coop Plan JSON file that replaces the workspace's content.
    Json,
    /// CSV files of units and yearly figures, added and updated.
    Csv,
    /// Several JSON files merged into the workspace's content.
    Merge,
}

/// Why the files picked were not imported.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    /// One sentence, in the language of the page when it happened.
    Message(String),
    /// Every error of the refused CSV files, with its file and place.
    Csv(Vec<(String, CsvError)>),
}

/// The progress line while an import runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Running {
    pub csv: bool,
    /// "42%".
    pub percent: String,
}

/// A JSON import or merge being read by the import's worker: each file's
/// name and date, and its workspace as far as it has arrived.
struct JsonRead {
    merge: bool,
    files: Vec<(String, f64, Assembler)>,
    /// Units announced by the files' heads.
    units: usize,
    /// Units arrived so far.
    read: usize,
}

/// The CSV files the worker is decoding: each one's name, and what it
/// decoded to once that has arrived.
type Decoding = Vec<(String, Option<Result<Decoded, NotText>>)>;

/// CSV files as decoded, and the conventions chosen by file.
type CsvFiles = (Vec<DecodedFile>, Vec<(String, Convention)>);

/// The data page's import: what it shows, as signals, and the work under
/// way, out of the reactive graph. Copied into every handler.
#[derive(Clone, Copy)]
pub struct Import {
    state: AppState,
    /// The number of the import under way.
    run: StoredValue<u64>,
    pub running: RwSignal<Option<Running>>,
    pub error: RwSignal<Option<FileError>, LocalStorage>,
    /// The preview waiting for the user's confirmation.
    pub preview: RwSignal<Option<ImportPreview>, LocalStorage>,
    /// The merge behind the preview, with the user's choices.
    pub merge: RwSignal<Option<Merge>, LocalStorage>,
    /// The encoding of each CSV file of the preview.
    pub encodings: RwSignal<Vec<(String, Encoding)>>,
    /// How the last CSV import read each file's numbers.
    pub numbers: RwSignal<Vec<FileNumbers>>,
    /// The CSV files of the last import, decoded, and the conventions
    /// chosen, to read them again another way without the worker.
    csv: StoredValue<Option<CsvFiles>, LocalStorage>,
    /// The CSV files being decoded by the worker.
    decoding: StoredValue<Option<Decoding>, LocalStorage>,
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    json: StoredValue<Option<JsonRead>, LocalStorage>,
}

impl Import {
    pub fn new(state: AppState) -> Self {
        Import {
            state,
            run: StoredValue::new(0),
            running: RwSignal::new(None),
            error: RwSignal::new_local(None),
            preview: RwSignal::new_local(None),
            merge: RwSignal::new_local(None),
            encodings: RwSignal::new(Vec::new()),
            numbers: RwSignal::new(Vec::new()),
            csv: StoredValue::new_local(None),
            decoding: StoredValue::new_local(None),
            worker: StoredValue::new_local(None),
            json: StoredValue::new_local(None),
        }
    }

    fn lang(self) -> Lang {
        self.state.lang.get_untracked()
    }

    fn unreadable(self) -> String {
        self.lang()
            .pick("Không đọc được tệp.", "The file could not be read.")
            .to_owned()
    }

    /// Starts a new run: whatever ran before stops at its next step.
    fn next_run(self) -> u64 {
        let mut next = 0;
        self.run.update_value(|run| {
            *run = run.wrapping_add(1);
            next = *run;
        });
        next
    }

    /// Whether run `run` is still the one wanted (and the page still there).
    fn wanted(self, run: u64) -> bool {
        self.run.try_get_value() == Some(run)
    }

    /// Forgets any import under way or waiting for confirmation (a worker
    /// still reading is stopped).
    pub fn stop(self) {
        self.next_run();
        self.running.set(None);
        self.encodings.set(Vec::new());
        self.numbers.set(Vec::new());
        self.merge.set(None);
        self.csv.set_value(None);
        self.decoding.set_value(None);
        self.json.set_value(None);
        let worker = self.worker.try_update_value(Option::take).flatten();
        let preview = self.preview.try_update(Option::take).flatten();
        // Stopped (and a big preview freed) after this task.
        later(move || drop((worker, preview)));
    }

    /// Files picked in one of the inputs: too big ones are refused at
    /// once; JSON goes to the worker, CSV is decoded there and read here.
    pub fn pick(self, kind: FileKind, files: Vec<web_sys::File>) {
        self.stop();
        self.error.set(None);
        if files.is_empty() {
            return;
        }
        if let Some(big) = files.iter().find(|f| f.size() as u64 > MAX_IMPORT_BYTES) {
            let error = ImportError::TooLarge {
                bytes: big.size() as u64,
            };
            self.error
                .set(Some(FileError::Message(error.message(self.lang()))));
            return;
        }
        match kind {
            FileKind::Csv => self.start_decoding(files),
            FileKind::Json | FileKind::Merge => self.start_json(kind == FileKind::Merge, files),
        }
    }

    fn refuse(self, text: String) {
        self.stop();
        self.error.set(Some(FileError::Message(text)));
    }

    /// Hands JSON files to the import's worker, which reads and checks them
    /// off the page's thread and sends their workspaces back in pieces;
    /// meanwhile the page shows how far it is, with a button to cancel.
    fn start_json(self, merge: bool, files: Vec<web_sys::File>) {
        let names = files
            .iter()
            .map(|f| (f.name(), f.last_modified(), Assembler::default()))
            .collect();
        let run = self.run.get_value();
        let worker = files::import_in_worker(files, move |message| {
            if self.wanted(run) {
                self.heard_from_worker(run, message);
            }
        });
        if worker.is_none() {
            return self.refuse(self.unreadable());
        }
        self.running.set(Some(Running {
            csv: false,
            percent: "0%".to_owned(),
        }));
        self.worker.set_value(worker);
        self.json.set_value(Some(JsonRead {
            merge,
            files: names,
            units: 0,
            read: 0,
        }));
    }

    /// A message of the import's worker: one piece read (a task each), or
    /// the end of the files, or why one cannot be imported.
    fn heard_from_worker(self, run: u64, message: FromWorker) {
        let lang = self.lang();
        let unreadable = self.unreadable();
        let outcome = self.json.try_update_value(|json| {
            let json = json.as_mut()?;
            // A piece the page cannot read (never one the worker wrote)
            // ends the import.
            let mut take = |file: usize, text: &str| match json.files.get_mut(file) {
                Some((_, _, parts)) => parts.take(text).is_ok(),
                None => false,
            };
            Some(match message {
                FromWorker::Head { file, text, units } => {
                    json.units += units;
                    Heard::Piece((!take(file, &text)).then_some(unreadable))
                }
                FromWorker::Units { file, text } => {
                    let taken = take(file, &text);
                    json.read = json.files.iter().map(|(_, _, p)| p.units()).sum();
                    Heard::Piece((!taken).then_some(unreadable))
                }
                FromWorker::Refused { file, message } => {
                    let name = json.files.get(file).map(|(n, _, _)| n.clone());
                    let text = message.get(lang).to_owned();
                    Heard::Piece(Some(match name.filter(|_| json.merge) {
                        Some(name) => format!("{name}: {text}"),
                        None => text,
                    }))
                }
                FromWorker::Failed => Heard::Piece(Some(unreadable)),
                FromWorker::Done => Heard::Done,
                // A CSV file's text; not sent for JSON files.
                FromWorker::Decoded { .. } => return None,
            })
        });
        match outcome.flatten() {
            None => {}
            Some(Heard::Done) => self.json_read(run),
            Some(Heard::Piece(Some(refusal))) => self.refuse(refusal),
            Some(Heard::Piece(None)) => {
                let (done, total) = self
                    .json
                    .with_value(|j| j.as_ref().map_or((0, 0), |j| (j.read, j.units)));
                self.show_progress(
                    false,
                    &Progress {
                        phase: Phase::Reading,
                        done,
                        total,
                        rows: done,
                    },
                );
            }
        }
    }

    fn show_progress(self, csv: bool, progress: &Progress) {
        self.running.set(Some(Running {
            csv,
            percent: import_progress_text(progress),
        }));
    }

    /// Every file has arrived: a merge is merged and previewed, an import
    /// checked a slice at a time ([`Self::json_slice`]).
    fn json_read(self, run: u64) {
        let json = self.json.try_update_value(Option::take).flatten();
        let worker = self.worker.try_update_value(Option::take).flatten();
        later(move || drop(worker));
        let Some(json) = json else {
            return;
        };
        let mut workspaces = Vec::new();
        for (label, modified, parts) in json.files {
            match parts.finish() {
                Some(workspace) => workspaces.push((label, modified, workspace)),
                None => return self.refuse(self.unreadable()),
            }
        }
        if json.merge {
            let sources: Vec<Source> = workspaces
                .into_iter()
                .map(|(label, modified, workspace)| Source {
                    label,
                    modified,
                    workspace,
                })
                .collect();
            let merging = self
                .state
                .workspace
                .with_untracked(|w| Merging::new(w, &sources));
            return later(move || self.merge_slice(run, sources, merging));
        }
        if let Some((_, _, workspace)) = workspaces.pop() {
            self.json_slice(run, CheckedImport::new(workspace));
        }
    }

    /// Merges the files' units for about [`SLICE_MS`], then lets the
    /// browser handle events and draw; the merged workspace is then checked
    /// and compared with the open one a slice at a time too.
    fn merge_slice(self, run: u64, sources: Vec<Source>, mut merging: Merging) {
        if !self.wanted(run) {
            return;
        }
        let start = js_sys::Date::now();
        let done = loop {
            if merging.step(&sources, STEP_ROWS) {
                break true;
            }
            if js_sys::Date::now() - start >= SLICE_MS {
                break false;
            }
        };
        if !done {
            let (merged, total) = merging.progress();
            // Merging is the reading part of a merge's progress.
            self.show_progress(
                false,
                &Progress {
                    phase: Phase::Reading,
                    done: merged,
                    total,
                    rows: merged,
                },
            );
            return later(move || self.merge_slice(run, sources, merging));
        }
        let merged = merging.into_merge();
        let building = merged.building();
        self.merge.set(Some(merged));
        self.build_slice(run, building);
    }

    /// Builds the merged workspace for about [`SLICE_MS`] (at 30,000 units,
    /// at once, it held the page for a second), then lets the browser
    /// handle events and draw; the workspace is then checked and compared
    /// a slice at a time ([`Self::json_slice`]).
    fn build_slice(self, run: u64, mut building: Building) {
        if !self.wanted(run) {
            return;
        }
        let start = js_sys::Date::now();
        let done = loop {
            let Some(done) = self
                .merge
                .with_untracked(|m| m.as_ref().map(|m| building.step(m, STEP_ROWS)))
            else {
                return;
            };
            if done || js_sys::Date::now() - start >= SLICE_MS {
                break done;
            }
        };
        if !done {
            let (built, total) = self
                .merge
                .with_untracked(|m| m.as_ref().map(|m| building.progress(m)))
                .unwrap_or_default();
            self.show_progress(
                false,
                &Progress {
                    phase: Phase::Reading,
                    done: built,
                    total,
                    rows: built,
                },
            );
            return later(move || self.build_slice(run, building));
        }
        self.json_slice(run, CheckedImport::new(building.finish()));
    }

    /// Checks the workspace of a JSON import (and compares it, or a CSV
    /// import's, with the open one) for about [`SLICE_MS`], then lets the
    /// browser handle events and draw before the next slice; shows the
    /// preview at the end.
    fn json_slice(self, run: u64, mut import: CheckedImport) {
        if !self.wanted(run) {
            return;
        }
        let start = js_sys::Date::now();
        let progress = loop {
            let progress = self
                .state
                .workspace
                .with_untracked(|w| import.step(w, STEP_ROWS));
            if progress.phase == Phase::Done || js_sys::Date::now() - start >= SLICE_MS {
                break progress;
            }
        };
        if progress.phase != Phase::Done {
            let csv = self
                .running
                .with_untracked(|r| r.as_ref().is_some_and(|r| r.csv));
            self.show_progress(csv, &progress);
            return later(move || self.json_slice(run, import));
        }
        let preview = self.state.workspace.with_untracked(|w| import.preview(w));
        self.show_preview(preview);
    }

    fn show_preview(self, preview: ImportPreview) {
        self.running.set(None);
        self.preview.set(Some(preview));
    }

    /// Hands CSV files to the import's worker, which decodes them as a
    /// spreadsheet wrote them and sends back each one's text; meanwhile the
    /// page shows the import under way, with a button to cancel.
    fn start_decoding(self, files: Vec<web_sys::File>) {
        let names = files.iter().map(|f| (f.name(), None)).collect();
        let run = self.run.get_value();
        let worker = files::decode_csv_in_worker(files, move |message| {
            if self.wanted(run) {
                self.heard_decoded(message);
            }
        });
        if worker.is_none() {
            return self.refuse(self.unreadable());
        }
        self.running.set(Some(Running {
            csv: true,
            percent: "0%".to_owned(),
        }));
        self.worker.set_value(worker);
        self.decoding.set_value(Some(names));
    }

    /// A message of the worker decoding CSV files: a file's text, the end
    /// of the files, or why one cannot be read.
    fn heard_decoded(self, message: FromWorker) {
        match message {
            FromWorker::Decoded { file, text } => {
                self.decoding.try_update_value(|decoding| {
                    if let Some((_, slot)) = decoding.as_mut().and_then(|d| d.get_mut(file)) {
                        *slot = Some(text);
                    }
                });
            }
            FromWorker::Done => self.csv_decoded(),
            FromWorker::Refused { message, .. } => self.refuse(message.get(self.lang()).to_owned()),
            FromWorker::Failed => self.refuse(self.unreadable()),
            // A JSON import's pieces; not sent for CSV files.
            FromWorker::Head { .. } | FromWorker::Units { .. } => {}
        }
    }

    /// Every CSV file is decoded: keep the texts (choosing how a file's
    /// numbers are read imports them again from here) and import them a
    /// slice at a time.
    fn csv_decoded(self) {
        let decoding = self.decoding.try_update_value(Option::take).flatten();
        let worker = self.worker.try_update_value(Option::take).flatten();
        later(move || drop(worker));
        let files: Option<Vec<DecodedFile>> = decoding.and_then(|decoding| {
            decoding
                .into_iter()
                .map(|(name, text)| text.map(|text| (name, text)))
                .collect()
        });
        let Some(files) = files else {
            return self.refuse(self.unreadable());
        };
        self.csv.set_value(Some((files, Vec::new())));
        self.start_csv();
    }

    /// Reads the CSV files again, file `file`'s numbers in `convention`.
    pub fn read_again(self, file: String, convention: Convention) {
        self.csv.update_value(|csv| {
            if let Some((_, chosen)) = csv.as_mut() {
                chosen.retain(|(name, _)| *name != file);
                chosen.push((file, convention));
            }
        });
        self.error.set(None);
        self.start_csv();
    }

    /// Imports the CSV files kept here, their numbers read as the user
    /// chose or as each file's cells say ([`CsvImport::with_numbers`]).
    fn start_csv(self) {
        let Some((files, chosen)) = self.csv.get_value() else {
            return;
        };
        let run = self.next_run();
        self.preview.set(None);
        self.merge.set(None);
        self.numbers.set(Vec::new());
        self.encodings.set(Vec::new());
        self.running.set(Some(Running {
            csv: true,
            percent: "0%".to_owned(),
        }));
        let page = Convention::of(self.lang());
        let import = self
            .state
            .workspace
            .with_untracked(|w| CsvImport::decoded(w, files).with_numbers(page, chosen));
        // The texts are read in slices, the first in a task of its own:
        // this one already took them from the worker (or copied them).
        later(move || self.csv_slice(run, import));
    }

    /// Runs a CSV import for about [`SLICE_MS`], then lets the browser
    /// handle events and draw before the next slice (a big file read at
    /// once would freeze the page for seconds); shows the preview, or the
    /// errors, at the end.
    fn csv_slice(self, run: u64, mut import: CsvImport) {
        if !self.wanted(run) {
            return;
        }
        let start = js_sys::Date::now();
        let progress = loop {
            let progress = import.step(STEP_ROWS);
            if progress.phase == Phase::Done || js_sys::Date::now() - start >= SLICE_MS {
                break progress;
            }
        };
        if progress.phase != Phase::Done {
            self.show_progress(true, &progress);
            return later(move || self.csv_slice(run, import));
        }
        self.encodings.set(import.encodings().to_vec());
        // The refused files too say how their numbers were read, and offer
        // to read them the other way.
        self.numbers.set(import.numbers());
        match import.finish_checked() {
            // Compared with the open workspace a slice at a time too.
            Ok((workspace, report)) => {
                self.json_slice(run, CheckedImport::checked(workspace, report))
            }
            Err(errors) => {
                self.running.set(None);
                self.error.set(Some(FileError::Csv(errors)));
            }
        }
    }

    /// A choice between the files' values: the preview follows. The radio
    /// button already shows the choice, so the list is not drawn again
    /// (which would take the keyboard's place away).
    pub fn choose(self, conflict: usize, value: usize) {
        self.merge
            .update_untracked(|m| m.iter_mut().for_each(|m| m.choose(conflict, value)));
        self.merged_again();
    }

    /// The value of the file saved last, everywhere.
    pub fn newest_wins(self) {
        self.merge
            .update(|m| m.iter_mut().for_each(Merge::newest_wins));
        self.merged_again();
    }

    /// The preview made again from the merge as now chosen, a slice at a
    /// time; a choice made meanwhile starts it over. Until it is done the
    /// preview shown is the last one, and cannot be confirmed.
    fn merged_again(self) {
        let building = self
            .merge
            .with_untracked(|m| m.as_ref().map(Merge::building));
        if let Some(building) = building {
            let run = self.next_run();
            self.show_progress(
                false,
                &Progress {
                    phase: Phase::Reading,
                    done: 0,
                    total: 0,
                    rows: 0,
                },
            );
            self.build_slice(run, building);
        }
    }

    /// The preview's workspace replaces the open one's content, if it has
    /// no errors; `true` if it did.
    pub fn confirm(self) -> bool {
        if self.running.with_untracked(Option::is_some) {
            // The preview is being made again (a choice just made): what
            // is shown is not yet what would be opened.
            return false;
        }
        // Moved out, not copied: it may hold a whole city.
        let preview = self.preview.try_update(Option::take).flatten();
        self.stop();
        match preview.filter(ImportPreview::can_confirm) {
            Some(preview) => {
                self.state.open_workspace(preview.workspace);
                true
            }
            None => false,
        }
    }
}

/// What a message of the worker comes to.
enum Heard {
    /// A piece taken, or why the import ends.
    Piece(Option<String>),
    Done,
}
