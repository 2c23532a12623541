//! Dữ liệu: the units (filtered, searched, sorted, a page at a time), the
//! entry forms for a unit, its years and the city's inputs, the files (JSON
//! and CSV, export, import with a preview, merging several files) and the
//! workspaces.
//!
//! The entry forms and the page's top are components ([`forms`]), as are
//! the table of units and the stored workspaces. The files, storage and
//! checks sections are still HTML written by the domain
//! ([`crate::data_page`], [`crate::report::data_checks_html`]). The page keeps its state outside
//! the reactive graph and rewrites one region (an element with an id) when
//! what it shows changes; one handler per kind of event reads the `name`
//! or `data-*` attribute of the element the event came from. While the
//! user types in a form only the messages beside the fields are rewritten,
//! never the inputs, so focus and caret stay where they are. This keeps
//! the page to a handful of closures: each Leptos view or reactive closure
//! costs download size (README, "Keeping the download small").

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::app::components::dialog::Question;
use crate::app::components::unit_table::{UnitFilters, UnitTable};
use crate::app::components::workspace_list::WorkspaceList;
use crate::app::dom::{
    by_id, event_element, focus, focus_later, later, property, set_html, set_text,
};
use crate::app::files::{self, FromWorker, ImportWorker};
use crate::app::persist;
use crate::app::state::{AppState, UnitChange};
use crate::app::ui::document;
use crate::app::words;
use crate::backup::{reminder, Persistence, StorageStatus};
use crate::csv_data::{
    errors_html, numbers_html, units_csv, years_csv, CsvImport, FileNumbers, Phase,
};
use crate::data_page::{
    backup_html, file_name, import_progress_html, import_progress_text, preview_region_html,
    shell_html, storage_html, undo_text, Parts,
};
use crate::document::to_json;
use crate::edit::form::{delete_unit, undo_delete, Deleted};
use crate::files::Encoding;
use crate::format::iso_date;
use crate::i18n::Lang;
use crate::import::{preview_workspace, ImportError, ImportPreview, MAX_IMPORT_BYTES};
use crate::import_pieces::{Assembler, CheckedImport};
use crate::merge::{merge, Merge, Source};
use crate::number::Convention;
use crate::report::data_checks_html;
use crate::unit_table::UnitQuery;
use crate::workspace::Workspace;
use leptos::prelude::*;

mod forms;

use forms::{Entry, EntryForm, EntryTop, IMPORTED};

/// What this build of the page has.
const PARTS: Parts = Parts::ALL;

/// Validation messages listed at once.
const ISSUES_SHOWN: usize = 50;
/// CSV errors listed at once.
const CSV_ERRORS_SHOWN: usize = 100;
/// A CSV import runs this long (ms) before the browser gets its turn...
const SLICE_MS: f64 = 10.0;
/// ...checking the clock every this many rows (a row takes microseconds).
const STEP_ROWS: usize = 100;

/// Reads the workspace without tracking. Every read of the page goes
/// through one instance of the signal's access code (`read_dyn`) instead of
/// one per closure: each instance costs download size.
fn read<R: Default>(state: AppState, f: impl FnOnce(&Workspace) -> R) -> R {
    let (mut f, mut out) = (Some(f), None);
    read_dyn(state, &mut |w| out = f.take().map(|f| f(w)));
    out.unwrap_or_default()
}

fn read_dyn(state: AppState, f: &mut dyn FnMut(&Workspace)) {
    state.workspace.with_untracked(|w| f(w));
}

/// An import waiting for the user's confirmation. One lives at a time and
/// it is never moved about, so the merge is not boxed (boxing it cost 1.3 KB
/// of the download).
#[allow(clippy::large_enum_variant)]
enum Pending {
    Preview(ImportPreview),
    Merge(Merge, ImportPreview),
}

/// The page's state; none of it is reactive.
#[derive(Default)]
struct Page {
    pending: Option<Pending>,
    /// The encoding of each CSV file of the pending import.
    encodings: Vec<(String, Encoding)>,
    /// The CSV files of the last import, and the conventions the user
    /// chose for their numbers, to read them again another way.
    csv: Option<CsvFiles>,
    /// How the last CSV import read each file's numbers.
    csv_numbers: Vec<FileNumbers>,
    /// What the browser last said of its storage; `None` until it answers.
    storage: Option<StorageStatus>,
    /// The worker reading a JSON import or merge, and what it has sent.
    worker: Option<ImportWorker>,
    json: Option<JsonRead>,
}

/// A JSON import or merge being read by the import's worker: each file's
/// name and date, and its workspace as far as it has arrived.
struct JsonRead {
    merge: bool,
    files: Vec<(String, f64, Assembler)>,
    /// Units announced by the files' heads, and read.
    units: usize,
    read: usize,
}

/// CSV files as picked (name, bytes), and the conventions chosen by file.
type CsvFiles = (Vec<(String, Vec<u8>)>, Vec<(String, Convention)>);

type Shared = Rc<RefCell<Page>>;

/// A file read: its name, when it was last modified and its bytes.
type ReadFile = (String, f64, Vec<u8>);
type Done = Box<dyn FnOnce(Option<Vec<ReadFile>>)>;

/// Reads `files`' bytes, then calls `done` with (name, last modified,
/// bytes) for each, in order; `None` if any cannot be read.
fn read_files(files: Vec<web_sys::File>, done: impl FnOnce(Option<Vec<ReadFile>>) + 'static) {
    let count = files.len();
    let results: Rc<RefCell<Vec<Option<ReadFile>>>> = Rc::new(RefCell::new(vec![None; count]));
    let done: Rc<RefCell<Option<Done>>> = Rc::new(RefCell::new(Some(Box::new(done))));
    let remaining = Rc::new(std::cell::Cell::new(count));
    for (index, file) in files.into_iter().enumerate() {
        let (results, done, remaining) = (results.clone(), done.clone(), remaining.clone());
        let (name, modified) = (file.name(), file.last_modified());
        files::read_bytes(&file, move |bytes| {
            if let Some(slot) = results.borrow_mut().get_mut(index) {
                *slot = bytes.map(|b| (name, modified, b));
            }
            remaining.set(remaining.get().saturating_sub(1));
            if remaining.get() == 0 {
                let all: Option<Vec<_>> = results.borrow_mut().drain(..).collect();
                if let Some(done) = done.borrow_mut().take() {
                    done(all);
                }
            }
        });
    }
}

/// The page: its state and the app's, passed to every handler.
#[derive(Clone)]
struct Ctx {
    state: AppState,
    page: Shared,
    /// The unit deleted last, until the next action (its undo note).
    deleted: RwSignal<Option<Deleted>>,
    /// The entry forms.
    entry: Entry,
}

impl Ctx {
    fn lang(&self) -> Lang {
        self.state.lang.get_untracked()
    }

    fn render_others(&self) {
        let page = self.page.borrow();
        let lang = self.lang();
        let numbers = numbers_html(&page.csv_numbers, lang);
        let preview = match &page.pending {
            Some(Pending::Preview(p)) => preview_region_html(p, None, &page.encodings, lang),
            Some(Pending::Merge(m, p)) => preview_region_html(p, Some(m), &[], lang),
            None => String::new(),
        };
        set_html("data-preview", &format!("{numbers}{preview}"));
    }

    /// Everything that shows the data.
    fn render_data(&self, lang: Lang) {
        read(self.state, |w| {
            set_html("data-checks", &data_checks_html(w, ISSUES_SHOWN, lang));
        });
    }

    /// The storage section and the backup reminder, from what the browser
    /// last said and the workspace's backup dates.
    fn render_storage(&self) {
        let lang = self.lang();
        let status = self.page.borrow().storage;
        let asked = persist::asked();
        set_html("data-storage", &storage_html(status.as_ref(), asked, lang));
        let refused = asked && status.is_some_and(|s| s.persistence == Persistence::BestEffort);
        let record = persist::backup_record(&read(self.state, |w| w.id.clone()));
        let due = reminder(&record, crate::app::today::today(), refused);
        set_html("data-backup", &backup_html(due, lang));
    }

    /// Asks the browser what it keeps (`ask`: first asks it to keep the
    /// data for good), then draws the storage section again.
    fn query_storage(&self, ask: bool) {
        let ctx = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if ask {
                persist::ask().await;
            }
            let status = persist::status().await;
            ctx.page.borrow_mut().storage = Some(status);
            ctx.render_storage();
            if ask {
                // The button was pressed: the focus goes back to it if the
                // browser still refuses.
                focus_selector("[data-action=\"ask-persist\"]");
            }
        });
    }

    /// Recomputes a merge's preview after a choice.
    fn remerge(&self) {
        let mut page = self.page.borrow_mut();
        if let Some(Pending::Merge(merge, preview)) = page.pending.as_mut() {
            if let Some(next) = read(self.state, |w| {
                Some(preview_workspace(w, merge.workspace()))
            }) {
                *preview = next;
            }
        }
    }

    /// Draws the page: the frame and the form too for a new language; a
    /// form, import or undo of another workspace is forgotten.
    fn draw(&self, hosts: [&Element; 3], lang: Lang, new_lang: bool, new_workspace: bool) {
        if new_lang {
            let shell = shell_html(lang, PARTS);
            for (host, html) in hosts.iter().zip([shell.top, shell.files, shell.checks]) {
                host.set_inner_html(&html);
            }
        }
        if new_workspace {
            *self.page.borrow_mut() = Page::default();
            self.deleted.set(None);
            self.entry.draft.set(None);
        }
        if new_lang || new_workspace {
            self.render_others();
        }
        self.render_data(lang);
        // Drawn at once from the last answer, then again with the new one.
        self.render_storage();
        self.query_storage(false);
    }

    fn on_input(&self, ev: &web_sys::Event) {
        let Some(el) = event_element(ev, "[name]") else {
            return;
        };
        let name = el.get_attribute("name").unwrap_or_default();
        let value = if el.get_attribute("type").as_deref() == Some("checkbox") {
            if property(&el, "checked").as_bool() == Some(true) {
                "có"
            } else {
                "không"
            }
            .to_owned()
        } else {
            property(&el, "value").as_string().unwrap_or_default()
        };
        if let Some(index) = name.strip_prefix("conflict-").and_then(|i| i.parse().ok()) {
            if let Some(Pending::Merge(merge, _)) = self.page.borrow_mut().pending.as_mut() {
                merge.choose(index, value.parse().unwrap_or(0));
            }
            self.remerge();
            self.render_others();
            focus_selector(&format!("[name=\"{name}\"][value=\"{value}\"]"));
        }
    }

    fn on_change(&self, ev: &web_sys::Event) {
        let Some(input) = event_element(ev, "[data-import]")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let kind = input.get_attribute("data-import").unwrap_or_default();
        let files = files::list(input.files());
        // The same file can be chosen again after a fix.
        input.set_value("");
        self.stop_imports();
        self.render_others();
        set_text("data-file-error", "");
        if files.is_empty() {
            return;
        }
        if let Some(big) = files.iter().find(|f| f.size() as u64 > MAX_IMPORT_BYTES) {
            let error = ImportError::TooLarge {
                bytes: big.size() as u64,
            };
            set_text("data-file-error", &error.message(self.lang()));
            return;
        }
        if kind != "csv" {
            return self.start_json(kind == "merge", files);
        }
        let ctx = self.clone();
        read_files(files, move |outcome| ctx.imported(outcome));
    }

    /// Forgets any import under way or waiting for confirmation (a worker
    /// still reading is stopped).
    fn stop_imports(&self) {
        let (worker, pending) = {
            let mut page = self.page.borrow_mut();
            page.encodings.clear();
            page.csv = None;
            page.csv_numbers.clear();
            page.json = None;
            (page.worker.take(), page.pending.take())
        };
        // Stopped (and a big preview freed) after this task.
        later(move || drop((worker, pending)));
    }

    /// Hands JSON files to the import's worker, which reads and checks them
    /// off the page's thread and sends their workspaces back in pieces
    /// ([`Self::heard_from_worker`]); meanwhile the page shows how far it is,
    /// with a button to cancel.
    fn start_json(&self, merge: bool, files: Vec<web_sys::File>) {
        let lang = self.lang();
        let names = files
            .iter()
            .map(|f| (f.name(), f.last_modified(), Assembler::default()))
            .collect();
        set_html("data-preview", &import_progress_html(lang, false));
        let ctx = self.clone();
        let worker = files::import_in_worker(files, move |message| ctx.heard_from_worker(message));
        if worker.is_none() {
            set_html("data-preview", "");
            set_text(
                "data-file-error",
                lang.pick("Không đọc được tệp.", "The file could not be read."),
            );
            return;
        }
        let mut page = self.page.borrow_mut();
        page.worker = worker;
        page.json = Some(JsonRead {
            merge,
            files: names,
            units: 0,
            read: 0,
        });
    }

    /// A message of the import's worker: one piece read (a task each), or
    /// the end of the files, or why one cannot be imported. The import
    /// stops when its progress line is gone (cancelled, another import,
    /// the page drawn again).
    fn heard_from_worker(&self, message: FromWorker) {
        let lang = self.lang();
        let Some(line) = by_id("csv-progress").filter(|_| self.page.borrow().json.is_some()) else {
            return self.stop_imports();
        };
        let refusal = {
            let mut page = self.page.borrow_mut();
            let Some(json) = page.json.as_mut() else {
                return;
            };
            let unreadable = || {
                lang.pick("Không đọc được tệp.", "The file could not be read.")
                    .to_owned()
            };
            // A piece the page cannot read (never one the worker wrote)
            // ends the import.
            let mut take = |file: usize, text: &str| match json.files.get_mut(file) {
                Some((_, _, parts)) => parts.take(text).is_ok(),
                None => false,
            };
            match message {
                FromWorker::Head { file, text, units } => {
                    json.units += units;
                    (!take(file, &text)).then(unreadable)
                }
                FromWorker::Units { file, text } => {
                    let taken = take(file, &text);
                    json.read = json.files.iter().map(|(_, _, p)| p.units()).sum();
                    (!taken).then(unreadable)
                }
                FromWorker::Refused { file, message } => {
                    let name = json.files.get(file).map(|(n, _, _)| n.clone());
                    let text = message.get(lang).to_owned();
                    Some(match name.filter(|_| json.merge) {
                        Some(name) => format!("{name}: {text}"),
                        None => text,
                    })
                }
                FromWorker::Failed => Some(unreadable()),
                FromWorker::Done => {
                    drop(page);
                    return self.json_read();
                }
            }
        };
        if let Some(text) = refusal {
            self.stop_imports();
            set_html("data-preview", "");
            return set_text("data-file-error", &text);
        }
        let json = self.page.borrow();
        if let Some(json) = json.json.as_ref() {
            line.set_text_content(Some(&import_progress_text(&crate::csv_data::Progress {
                phase: Phase::Reading,
                done: json.read,
                total: json.units,
                rows: json.read,
            })));
        }
    }

    /// Every file has arrived: a merge is merged and previewed, an import
    /// checked a slice at a time ([`Self::json_slice`]).
    fn json_read(&self) {
        let (json, worker) = {
            let mut page = self.page.borrow_mut();
            (page.json.take(), page.worker.take())
        };
        later(move || drop(worker));
        let Some(json) = json else {
            return;
        };
        let mut workspaces = Vec::new();
        for (label, modified, parts) in json.files {
            match parts.finish() {
                Some(workspace) => workspaces.push((label, modified, workspace)),
                None => {
                    set_html("data-preview", "");
                    let lang = self.lang();
                    return set_text(
                        "data-file-error",
                        lang.pick("Không đọc được tệp.", "The file could not be read."),
                    );
                }
            }
        }
        if json.merge {
            set_html("data-preview", "");
            let sources: Vec<Source> = workspaces
                .into_iter()
                .map(|(label, modified, workspace)| Source {
                    label,
                    modified,
                    workspace,
                })
                .collect();
            let pending = read(self.state, |w| {
                let merged = merge(w, &sources);
                let preview = preview_workspace(w, merged.workspace());
                Some(Ok(Pending::Merge(merged, preview)))
            });
            return self.show_pending(pending);
        }
        if let (Some((_, _, workspace)), Some(line)) = (workspaces.pop(), by_id("csv-progress")) {
            self.json_slice(CheckedImport::new(workspace), line);
        }
    }

    /// Checks the workspace of a JSON import (and compares it, or a CSV
    /// import's, with the open one) for about [`SLICE_MS`], then lets the
    /// browser handle events and draw before the next slice; shows the
    /// preview at the end. Stops when its progress line is gone.
    fn json_slice(&self, mut import: CheckedImport, line: web_sys::Element) {
        if !line.is_connected() {
            return;
        }
        let start = js_sys::Date::now();
        let progress = loop {
            let progress = read(self.state, |w| import.step(w, STEP_ROWS));
            if progress.phase == Phase::Done || js_sys::Date::now() - start >= SLICE_MS {
                break progress;
            }
        };
        if progress.phase != Phase::Done {
            line.set_text_content(Some(&import_progress_text(&progress)));
            let ctx = self.clone();
            return later(move || ctx.json_slice(import, line));
        }
        set_html("data-preview", "");
        let pending = read(self.state, |w| {
            Some(Ok(Pending::Preview(import.preview(w))))
        });
        self.show_pending(pending);
    }

    /// The CSV files chosen for an import, read: import them a slice at a
    /// time, or say why not.
    fn imported(&self, outcome: Option<Vec<ReadFile>>) {
        let lang = self.lang();
        let Some(files) = outcome else {
            set_text(
                "data-file-error",
                lang.pick("Không đọc được tệp.", "The file could not be read."),
            );
            return;
        };
        let files = files
            .into_iter()
            .map(|(name, _, bytes)| (name, bytes))
            .collect();
        self.page.borrow_mut().csv = Some((files, Vec::new()));
        self.start_csv()
    }

    /// Imports the CSV files kept in the page, their numbers read as the
    /// user chose or as each file's cells say ([`CsvImport::with_numbers`]).
    fn start_csv(&self) {
        let lang = self.lang();
        let Some((files, chosen)) = self.page.borrow().csv.clone() else {
            return;
        };
        let import = read(self.state, |w| {
            Some(CsvImport::from_bytes(w, files).with_numbers(Convention::of(lang), chosen))
        });
        set_html("data-preview", &import_progress_html(lang, true));
        if let (Some(import), Some(line)) = (import, by_id("csv-progress")) {
            self.csv_slice(import, line);
        }
    }

    fn show_pending(&self, pending: Option<Result<Pending, String>>) {
        match pending {
            Some(Ok(pending)) => {
                self.page.borrow_mut().pending = Some(pending);
                self.render_others();
                focus("import-preview-title");
            }
            Some(Err(html)) => set_html("data-file-error", &html),
            None => {}
        }
    }

    /// Runs a CSV import for about [`SLICE_MS`], then lets the browser
    /// handle events and draw before the next slice (a big file read at
    /// once would freeze the page for seconds); shows the preview, or the
    /// errors, at the end. The import stops when its progress line is gone:
    /// cancelled, another import, another workspace, the page drawn again.
    fn csv_slice(&self, mut import: CsvImport, line: web_sys::Element) {
        if !line.is_connected() {
            return;
        }
        let start = js_sys::Date::now();
        let progress = loop {
            let progress = import.step(STEP_ROWS);
            if progress.phase == Phase::Done || js_sys::Date::now() - start >= SLICE_MS {
                break progress;
            }
        };
        let lang = self.lang();
        if progress.phase != Phase::Done {
            line.set_text_content(Some(&import_progress_text(&progress)));
            let ctx = self.clone();
            return later(move || ctx.csv_slice(import, line));
        }
        self.page.borrow_mut().encodings = import.encodings().to_vec();
        self.page.borrow_mut().csv_numbers = import.numbers();
        match import.finish_checked() {
            // Compared with the open workspace a slice at a time too.
            Ok((workspace, report)) => {
                self.json_slice(CheckedImport::checked(workspace, report), line)
            }
            Err(errors) => {
                set_html("data-preview", "");
                // The refused files still say how their numbers were read,
                // and offer to read them the other way.
                self.render_others();
                self.show_pending(Some(Err(errors_html(&errors, CSV_ERRORS_SHOWN, lang))));
            }
        }
    }

    /// Any action but undo ends the chance to undo a deletion.
    fn forget_undo(&self) {
        self.entry.forget_undo();
    }

    /// Puts the unit deleted last back where it was.
    fn undo(&self) {
        if let Some(removed) = self.deleted.try_update(Option::take).flatten() {
            let mut removed = Some(removed);
            self.state.edit_one_unit(&mut |w| {
                let removed = removed.take()?;
                let at = removed.index.min(w.units.len());
                undo_delete(w, removed);
                Some(UnitChange::Inserted(at))
            });
        }
        focus("add-unit");
    }

    /// Opens the unit form on unit `id`.
    fn edit_unit(&self, id: &str) {
        self.entry.open_unit(Some(id));
    }

    /// Deletes unit `id` once the user agrees; it can be undone until the
    /// next action.
    fn delete_unit(&self, id: String) {
        self.forget_undo();
        let state = self.state;
        let unit = read(state, |w| w.unit(&id).map(|u| u.name.clone())).unwrap_or_default();
        let question = Question::confirm(
            &format!("Xóa đơn vị “{unit}” cùng mọi số liệu của nó?"),
            &format!("Delete the unit “{unit}” and all its figures?"),
        )
        .yes("Xóa", "Delete");
        let ctx = self.clone();
        spawn_local(async move {
            if state.ask_with(question).await.is_none() {
                return;
            }
            let mut removed = None;
            state.edit_one_unit(&mut |w| {
                removed = delete_unit(w, &id);
                removed.as_ref().map(|d| UnitChange::Removed(d.index))
            });
            ctx.entry.forget_unit(&id);
            ctx.deleted.set(removed);
            focus_later("undo-delete");
        });
    }

    fn on_click(&self, ev: &web_sys::Event) {
        let Some(button) = event_element(ev, "button") else {
            return;
        };
        let data = |name: &str| button.get_attribute(name);
        let state = self.state;
        let lang = self.lang();
        // Any action but undo ends the chance to undo a deletion.
        let action = data("data-action").unwrap_or_default();
        self.forget_undo();
        match action.as_str() {
            "export-json" | "export-units-csv" | "export-years-csv" => {
                let date = iso_date(state.as_of.get_untracked());
                let (name, what, contents) = read(state, |w| {
                    let (what, contents) = match action.as_str() {
                        "export-units-csv" => ("don-vi", units_csv(w)),
                        "export-years-csv" => ("so-lieu-nam", years_csv(w)),
                        _ => ("", to_json(w)),
                    };
                    (w.name.clone(), what, contents)
                });
                let (extension, mime) = if what.is_empty() {
                    ("json", "application/json")
                } else {
                    ("csv", "text/csv")
                };
                let started = state.offer_download(
                    &file_name(&name, &date, what, extension),
                    mime,
                    &contents,
                );
                if started && what.is_empty() {
                    // A backup: the reminder waits another 30 days.
                    persist::record_export(&read(state, |w| w.id.clone()));
                    self.render_storage();
                }
                return;
            }
            "ask-persist" => {
                set_html("data-storage", &storage_html(None, true, lang));
                return self.query_storage(true);
            }
            "newest-wins" => {
                if let Some(Pending::Merge(merge, _)) = self.page.borrow_mut().pending.as_mut() {
                    merge.newest_wins();
                }
                self.remerge();
                self.render_others();
                return focus("import-preview-title");
            }
            "confirm-import" => {
                // Moved out, not copied: it may hold a whole city.
                let pending = self.page.borrow_mut().pending.take();
                let preview = match pending {
                    Some(Pending::Preview(p)) | Some(Pending::Merge(_, p)) => Some(p),
                    None => None,
                };
                {
                    let mut page = self.page.borrow_mut();
                    page.csv = None;
                    page.csv_numbers.clear();
                }
                if let Some(preview) = preview.filter(ImportPreview::can_confirm) {
                    state.open_workspace(preview.workspace);
                    self.entry.saved.set(Some(IMPORTED));
                }
                self.render_others();
                return focus("data-title");
            }
            "cancel-import" => {
                // An import still running stops: its line is gone, and
                // the worker reading a JSON file is stopped.
                self.stop_imports();
                return self.render_others();
            }
            _ => {}
        }
        if let (Some(convention), Some(file)) = (
            data("data-numbers").and_then(|key| Convention::from_key(&key)),
            data("data-file"),
        ) {
            // Read the files again, this one's numbers the way chosen.
            {
                let mut page = self.page.borrow_mut();
                page.pending = None;
                page.csv_numbers.clear();
                if let Some((_, chosen)) = page.csv.as_mut() {
                    chosen.retain(|(name, _)| *name != file);
                    chosen.push((file, convention));
                }
            }
            set_text("data-file-error", "");
            self.start_csv();
        }
    }
}

/// The data page: the legacy regions (HTML text, above and below) around
/// the filters and the table of units (components).
#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let deleted = RwSignal::new(None);
    let entry = Entry::new(state, deleted);
    let ctx = Ctx {
        state,
        page: Rc::new(RefCell::new(Page::default())),
        deleted,
        entry,
    };
    let query = RwSignal::new(UnitQuery::default());
    let top = NodeRef::<leptos::html::Div>::new();
    let files = NodeRef::<leptos::html::Div>::new();
    let checks = NodeRef::<leptos::html::Div>::new();

    // Everything is drawn again when the language changes; the data's
    // regions when the data or the as-of date does. A form stays as typed.
    Effect::new({
        let ctx = ctx.clone();
        move |previous: Option<Option<(Lang, String, u32)>>| {
            let (Some(top), Some(files), Some(checks)) = (top.get(), files.get(), checks.get())
            else {
                return None;
            };
            let previous = previous.flatten();
            let lang = state.lang.get();
            state.as_of.track();
            let answers = state.storage_answers.get();
            let id = state.workspace.with(|w| w.id.clone());
            let new_lang = previous.as_ref().map(|p| p.0) != Some(lang);
            let new_workspace = previous.as_ref().is_some_and(|p| p.1 != id);
            untrack(|| ctx.draw([&top, &files, &checks], lang, new_lang, new_workspace));
            Some((lang, id, answers))
        }
    });

    let actions = StoredValue::new_local(ctx);
    let on_edit = UnsyncCallback::new(move |id: String| actions.get_value().edit_unit(&id));
    let on_delete = UnsyncCallback::new(move |id: String| actions.get_value().delete_unit(id));
    let on_action = UnsyncCallback::new(move |()| actions.get_value().forget_undo());
    let undo = move |_| actions.get_value().undo();
    let undo_note = move || {
        deleted
            .with(|d| d.as_ref().map(|d| undo_text(d, state.lang.get())))
            .map(|text| {
                view! {
                    <p class="undo">
                        {text}
                        " "
                        <button type="button" id="undo-delete" on:click=undo>
                            {words("Hoàn tác", "Undo")}
                        </button>
                    </p>
                }
            })
    };
    let click = move |ev: web_sys::MouseEvent| actions.get_value().on_click(&ev);
    let input = move |ev: web_sys::Event| actions.get_value().on_input(&ev);
    let change = move |ev: web_sys::Event| actions.get_value().on_change(&ev);
    view! {
        <section class="page data" id="data-page">
            <EntryTop entry forms=PARTS.forms/>
            <div
                node_ref=top
                on:click=click
                on:input=input
                on:change=change
            ></div>
            <div id="data-form" class="entry">
                <EntryForm entry/>
            </div>
            <div id="data-undo">{undo_note}</div>
            <div id="data-filters" class="unit-filters">
                <UnitFilters query/>
            </div>
            <div id="data-table" class="unit-list">
                <UnitTable query editable=PARTS.forms on_edit on_delete on_action/>
            </div>
            <div
                node_ref=files
                on:click=click
                on:input=input
                on:change=change
            ></div>
            {PARTS.workspaces.then(|| view! {
                <h2>{words("Không gian làm việc", "Workspaces")}</h2>
                <div id="data-workspaces">
                    <WorkspaceList on_action/>
                </div>
            })}
            <div node_ref=checks></div>
        </section>
    }
}

fn focus_selector(selector: &str) {
    if let Some(el) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
