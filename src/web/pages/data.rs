//! Dữ liệu: the units (filtered, searched, sorted, a page at a time, with
//! delete and undo), the files (JSON and CSV: export, and import with a
//! preview) and the data checks.
//!
//! The entry forms, CSV import, merging several files and the workspace
//! panel are written and tested in the domain ([`crate::forms`],
//! [`crate::csv_data::import_csv_files`], [`crate::merge`],
//! [`crate::data_page::workspaces_html`]) but left out of this page until
//! the download has room for them (see [`PARTS`]).
//!
//! Everything shown is HTML written by the domain ([`crate::data_page`],
//! [`crate::unit_table`], [`crate::forms`],
//! [`crate::report::data_checks_html`]). The page keeps its state outside
//! the reactive graph and rewrites one region (an element with an id) when
//! what it shows changes; one handler per kind of event reads the `name`
//! or `data-*` attribute of the element the event came from. While the
//! user types in a form only the messages beside the fields are rewritten,
//! never the inputs, so focus and caret stay where they are. This keeps
//! the page to a handful of closures: each Leptos view or reactive closure
//! costs download size (README, "Keeping the download small").

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::csv_data::{units_csv, years_csv};
use crate::data_page::{file_name, preview_region_html, shell_html, undo_html, Parts};
use crate::document::to_json;
use crate::format::iso_date;
use crate::forms::{delete_unit, undo_delete, Deleted};
use crate::i18n::Lang;
use crate::import::{preview_import, ImportError, ImportPreview, MAX_IMPORT_BYTES};
use crate::report::data_checks_html;
use crate::unit_table::{controls_html, table_html, UnitQuery, PAGE_SIZE};
use crate::web::state::AppState;
use crate::workspace::Workspace;

/// What this build of the page has.
const PARTS: Parts = Parts {
    forms: false,
    csv_import: false,
    merge: false,
    workspaces: false,
};

/// Validation messages listed at once.
const ISSUES_SHOWN: usize = 50;

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

/// Changes the workspace (it is then saved, and every page follows).
fn write(state: AppState, f: impl FnOnce(&mut Workspace)) {
    let mut f = Some(f);
    write_dyn(state, &mut |w| {
        if let Some(f) = f.take() {
            f(w)
        }
    });
}

fn write_dyn(state: AppState, f: &mut dyn FnMut(&mut Workspace)) {
    state.workspace.update(|w| f(w));
}

/// The nearest element matching `selector` at or around the event's target.
fn event_element(ev: &web_sys::Event, selector: &str) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// A property of a DOM object (`value`, `checked`), without a typed binding
/// per kind of control.
fn property(el: &Element, name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(el, &wasm_bindgen::JsValue::from_str(name)).unwrap_or_default()
}

fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

fn set_html(id: &str, html: &str) {
    if let Some(el) = by_id(id) {
        el.set_inner_html(html);
    }
}

fn set_text(id: &str, text: &str) {
    if let Some(el) = by_id(id) {
        el.set_text_content(Some(text));
    }
}

fn focus(id: &str) {
    if let Some(el) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// An import waiting for the user's confirmation.
struct Pending(ImportPreview);

/// The page's state; none of it is reactive.
#[derive(Default)]
struct Page {
    query: UnitQuery,
    deleted: Option<Deleted>,
    pending: Option<Pending>,
}

type Shared = Rc<RefCell<Page>>;

/// A file read: its name, when it was last modified and its text.
type ReadFile = (String, f64, String);
type Done = Box<dyn FnOnce(Option<Vec<ReadFile>>)>;

/// Reads `files` as text, then calls `done` with (name, last modified,
/// text) for each, in order; `None` if any cannot be read.
fn read_files(
    files: Vec<web_sys::File>,
    done: impl FnOnce(Option<Vec<(String, f64, String)>>) + 'static,
) {
    let count = files.len();
    let results: Rc<RefCell<Vec<Option<ReadFile>>>> = Rc::new(RefCell::new(vec![None; count]));
    let done: Rc<RefCell<Option<Done>>> = Rc::new(RefCell::new(Some(Box::new(done))));
    let remaining = Rc::new(std::cell::Cell::new(count));
    for (index, file) in files.into_iter().enumerate() {
        let Ok(reader) = web_sys::FileReader::new() else {
            if let Some(done) = done.borrow_mut().take() {
                done(None);
            }
            return;
        };
        let (reader_in_callback, results, done, remaining) = (
            reader.clone(),
            results.clone(),
            done.clone(),
            remaining.clone(),
        );
        let (name, modified) = (file.name(), file.last_modified());
        // FileReader with a callback rather than a future: the download
        // stays free of an async executor.
        let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
            let text = reader_in_callback.result().ok().and_then(|v| v.as_string());
            if let Some(slot) = results.borrow_mut().get_mut(index) {
                *slot = text.map(|t| (name, modified, t));
            }
            remaining.set(remaining.get().saturating_sub(1));
            if remaining.get() == 0 {
                let all: Option<Vec<_>> = results.borrow_mut().drain(..).collect();
                if let Some(done) = done.borrow_mut().take() {
                    done(all);
                }
            }
        });
        reader.set_onload(Some(on_load.unchecked_ref()));
        let _ = reader.read_as_text(&file);
    }
}

/// The page: its state and the app's, passed to every handler.
#[derive(Clone)]
struct Ctx {
    state: AppState,
    page: Shared,
}

impl Ctx {
    fn lang(&self) -> Lang {
        self.state.lang.get_untracked()
    }

    fn render_table(&self) {
        let html = read(self.state, |w| {
            table_html(
                w,
                &self.page.borrow().query,
                self.state.as_of.get_untracked(),
                PAGE_SIZE,
                PARTS.forms,
                self.lang(),
            )
        });
        set_html("data-table", &html);
    }

    fn render_others(&self) {
        let page = self.page.borrow();
        let lang = self.lang();
        set_html("data-undo", &undo_html(page.deleted.as_ref(), lang));
        let preview = page
            .pending
            .as_ref()
            .map(|p| preview_region_html(&p.0, None, lang))
            .unwrap_or_default();
        set_html("data-preview", &preview);
    }

    /// Everything that shows the data.
    fn render_data(&self, lang: Lang) {
        read(self.state, |w| {
            let page = self.page.borrow();
            set_html("data-filters", &controls_html(w, &page.query, lang));
            set_html("data-checks", &data_checks_html(w, ISSUES_SHOWN, lang));
        });
        self.render_table();
    }

    /// Draws the page: the frame too for a new language, and forgets an
    /// import or undo of another workspace.
    fn draw(&self, lang: Lang, new_lang: bool, new_workspace: bool) {
        if new_lang {
            set_html("data-page", &shell_html(lang, PARTS));
        }
        if new_workspace {
            let query = self.page.borrow().query.clone();
            *self.page.borrow_mut() = Page {
                query,
                ..Page::default()
            };
        }
        if new_lang || new_workspace {
            self.render_others();
        }
        self.render_data(lang);
    }

    fn on_input(&self, ev: &web_sys::Event) {
        let Some(el) = event_element(ev, "#data-filters [name]") else {
            return;
        };
        let name = el.get_attribute("name").unwrap_or_default();
        let value = property(&el, "value").as_string().unwrap_or_default();
        self.page.borrow_mut().query.set(&name, &value);
        self.render_table();
    }

    fn on_change(&self, ev: &web_sys::Event) {
        let Some(input) = event_element(ev, "[data-import]")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        // The same file can be chosen again after a fix.
        input.set_value("");
        self.page.borrow_mut().pending = None;
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
        let ctx = self.clone();
        read_files(files, move |outcome| ctx.imported(outcome));
    }

    /// The files chosen for an import, read: preview them, or say why not.
    fn imported(&self, outcome: Option<Vec<(String, f64, String)>>) {
        let lang = self.lang();
        let Some(files) = outcome else {
            set_text(
                "data-file-error",
                lang.pick("Không đọc được tệp.", "The file could not be read."),
            );
            return;
        };
        let pending = read(self.state, |w| {
            Some({
                let text = files
                    .into_iter()
                    .next()
                    .map(|(_, _, t)| t)
                    .unwrap_or_default();
                preview_import(w, &text, text.len() as u64)
                    .map(Pending)
                    .map_err(|error| {
                        let mut html = crate::html::Html::new();
                        html.text(&error.message(lang));
                        html.into_string()
                    })
            })
        });
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

    fn on_click(&self, ev: &web_sys::Event) {
        let Some(button) = event_element(ev, "button") else {
            return;
        };
        let data = |name: &str| button.get_attribute(name);
        let state = self.state;
        let lang = self.lang();
        // Any action but undo ends the chance to undo a deletion.
        let action = data("data-action").unwrap_or_default();
        if action != "undo" && self.page.borrow_mut().deleted.take().is_some() {
            self.render_others();
        }
        match action.as_str() {
            "undo" => {
                if let Some(removed) = self.page.borrow_mut().deleted.take() {
                    write(state, |w| undo_delete(w, removed));
                }
                self.render_others();
                return focus("data-title");
            }
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
                return state.offer_download(
                    &file_name(&name, &date, what, extension),
                    mime,
                    &contents,
                );
            }
            "confirm-import" => {
                // Moved out, not copied: it may hold a whole city.
                let pending = self.page.borrow_mut().pending.take();
                if let Some(Pending(preview)) = pending.filter(|p| p.0.can_confirm()) {
                    state.open_workspace(preview.workspace);
                    set_text("data-saved", lang.pick("Đã nhập.", "Imported."));
                }
                self.render_others();
                return focus("data-title");
            }
            "cancel-import" => {
                self.page.borrow_mut().pending = None;
                return self.render_others();
            }
            _ => {}
        }
        if let Some(key) = data("data-sort") {
            self.page.borrow_mut().query.set("sort", &key);
            self.render_table();
            focus_selector(&format!("[data-sort=\"{key}\"]"));
        } else if let Some(number) = data("data-page") {
            self.page.borrow_mut().query.set("page", &number);
            self.render_table();
        } else if let Some(id) = data("data-delete") {
            let unit = read(state, |w| w.unit(&id).map(|u| u.name.clone())).unwrap_or_default();
            if state.confirm(
                &format!("Xóa đơn vị “{unit}” cùng mọi số liệu của nó?"),
                &format!("Delete the unit “{unit}” and all its figures?"),
            ) {
                let mut removed = None;
                write(state, |w| removed = delete_unit(w, &id));
                self.page.borrow_mut().deleted = removed;
                self.render_others();
                focus("undo-delete");
            }
        }
    }
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = Ctx {
        state,
        page: Rc::new(RefCell::new(Page::default())),
    };

    // Everything is drawn again when the language changes; the data's
    // regions when the data or the as-of date does.
    Effect::new({
        let ctx = ctx.clone();
        move |previous: Option<(Lang, String)>| {
            let lang = state.lang.get();
            state.as_of.track();
            let id = state.workspace.with(|w| w.id.clone());
            let new_lang = previous.as_ref().map(|p| p.0) != Some(lang);
            let new_workspace = previous.as_ref().is_some_and(|p| p.1 != id);
            if by_id("data-page").is_some() {
                ctx.draw(lang, new_lang, new_workspace);
            } else {
                // The page's element is not in the document yet (the
                // router mounts it after this first run): draw once it is.
                let ctx = ctx.clone();
                request_animation_frame(move || ctx.draw(lang, true, false));
            }
            (lang, id)
        }
    });

    let (c1, c2, c3) = (ctx.clone(), ctx.clone(), ctx);
    view! {
        <section class="page data" id="data-page"
            on:click=move |ev| c1.on_click(&ev)
            on:input=move |ev| c2.on_input(&ev)
            on:change=move |ev| c3.on_change(&ev)
        ></section>
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
