//! Dữ liệu: the units (filtered, searched, sorted, a page at a time), the
//! entry forms for a unit, its years and the city's inputs, the files (JSON
//! and CSV, export, import with a preview, merging several files), the
//! browser's storage, the workspaces and the data checks.
//!
//! The table, the workspaces, the files ([`files`]), the storage section
//! and the backup reminder ([`storage`]) and the checks ([`checks`]) are
//! components. The frame above the table and the entry forms are still
//! HTML written by the domain ([`crate::data_page::shell_html`],
//! [`crate::forms`]): the page keeps the form outside the reactive graph
//! and rewrites its region when it changes; one handler per kind of event
//! reads the `name` or `data-*` attribute of the element the event came
//! from. While the user types in a form only the messages beside the
//! fields are rewritten, never the inputs, so focus and caret stay where
//! they are.

mod checks;
mod files;
mod import;
mod import_preview;
mod storage;

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;

use chrono::Datelike;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::app::components::dialog::Question;
use crate::app::components::unit_table::{UnitFilters, UnitTable};
use crate::app::components::workspace_list::WorkspaceList;
use crate::app::dom::{by_id, event_element, focus, focus_later, property, set_html, set_text};
use crate::app::state::{AppState, UnitChange};
use crate::app::ui::{document, key, toggle_attribute};
use crate::app::words;
use crate::data_page::{shell_html, undo_text, Parts};
use crate::forms::{delete_unit, undo_delete, Deleted, Form, Rebase};
use crate::i18n::Lang;
use crate::unit_table::UnitQuery;
use crate::workspace::Workspace;
use checks::DataChecks;
use files::DataFiles;
use leptos::prelude::*;
use storage::{BackupReminder, StorageSection, StorageWatch};

/// What this build of the page has.
const PARTS: Parts = Parts::ALL;

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

/// The page's state; none of it is reactive.
#[derive(Default)]
struct Page {
    form: Option<Form>,
}

type Shared = Rc<RefCell<Page>>;

/// The page: its state and the app's, passed to every handler.
#[derive(Clone)]
struct Ctx {
    state: AppState,
    page: Shared,
    /// The unit deleted last, until the next action (its undo note).
    deleted: RwSignal<Option<Deleted>>,
}

impl Ctx {
    fn lang(&self) -> Lang {
        self.state.lang.get_untracked()
    }

    /// Says in the open form, at once, when a save elsewhere (another tab)
    /// changed or deleted the record it edits.
    fn hear(&self) {
        let news = read(self.state, |w| {
            self.page.borrow_mut().form.as_mut().and_then(|f| f.hear(w))
        });
        if let Some(heard) = news {
            set_text(Form::heard_id(), heard.notice(self.lang()));
        }
    }

    fn render_form(&self) {
        let html = read(self.state, |w| {
            self.page
                .borrow()
                .form
                .as_ref()
                .map(|f| f.html(w, self.lang()))
                .unwrap_or_default()
        });
        set_html("data-form", &html);
        self.mark_unsaved();
    }

    /// Marks the open form `data-unsaved` while it differs from the record
    /// (the update banner asks before a reload would lose it).
    fn mark_unsaved(&self) {
        let unsaved = self.page.borrow().form.as_ref().is_some_and(Form::unsaved);
        if let Some(form) = document().query_selector("form.entry-form").ok().flatten() {
            toggle_attribute(&form, "data-unsaved", unsaved);
        }
    }

    /// Opens a form (or closes it with `None`) and focuses `focus_id`, or
    /// the form's first field.
    fn open(&self, next: Option<Form>, focus_id: Option<&str>) {
        let focus_id = focus_id.map(str::to_owned).or_else(|| {
            next.as_ref()
                .and_then(|f| f.first_field().map(|n| format!("f-{n}")))
        });
        self.page.borrow_mut().form = next;
        self.render_form();
        if let Some(id) = focus_id {
            focus(&id);
        }
    }

    fn show_messages(&self) {
        let page = self.page.borrow();
        // Each amount as it will be stored, beside its field.
        for (name, echo) in page.form.iter().flat_map(|f| f.echoes(self.lang())) {
            set_text(&format!("f-{name}-echo"), &echo);
        }
        for (name, error, text) in page.form.iter().flat_map(|f| f.messages(self.lang())) {
            let id = format!("f-{name}");
            if let Some(msg) = by_id(&format!("{id}-msg")) {
                msg.set_text_content(Some(&text));
                msg.set_class_name(if error {
                    "field-error"
                } else {
                    "field-warning"
                });
            }
            if let Some(input) = by_id(&id) {
                let _ = if error {
                    input.set_attribute("aria-invalid", "true")
                } else {
                    input.remove_attribute("aria-invalid")
                };
            }
        }
    }

    fn save(&self) {
        let Some(mut form) = self.page.borrow_mut().form.take() else {
            return;
        };
        self.forget_undo();
        // Only the fields changed here go onto the record as it is stored
        // now (another tab may have saved it since the form opened); a
        // field changed on both sides waits for the user's choice.
        if let Rebase::Conflicts(conflicts) = read(self.state, |w| form.rebase(w)) {
            let first = conflicts.first().map(|(name, _)| name.clone());
            self.page.borrow_mut().form = Some(form);
            self.render_form();
            set_text(
                "form-status",
                self.lang().pick(
                    "Chưa lưu: một tab khác vừa lưu các ô được đánh dấu. Hãy chọn giá trị cho từng ô rồi lưu.",
                    "Not saved: another tab just saved the marked fields. Choose a value for each, then save.",
                ),
            );
            if let Some(name) = first {
                focus_selector(&format!("#f-{name}-conflict button"));
            }
            return;
        }
        read(self.state, |w| form.check(w));
        if form.has_errors() {
            let first = form.first_error().map(|n| format!("f-{n}"));
            self.page.borrow_mut().form = Some(form);
            self.show_messages();
            set_text(
                "form-status",
                self.lang().pick(
                    "Chưa lưu: hãy sửa các ô có lỗi.",
                    "Not saved: fix the fields with errors.",
                ),
            );
            if let Some(id) = first {
                focus(&id);
            }
            return;
        }
        let mut result = Err(crate::forms::Invalid);
        // A unit's or year's form changes that one unit only: the index
        // behind the targets is patched rather than built again.
        self.state.edit_one_unit(&mut |w| {
            result = form.apply(w);
            result.clone().ok().flatten().map(UnitChange::Saved)
        });
        set_text("data-saved", self.lang().pick("Đã lưu.", "Saved."));
        let next = match result {
            Ok(Some(id)) => read(self.state, |w| Some(Form::unit(w, Some(&id), self.lang()))),
            _ => None,
        };
        self.open(next, None);
    }

    /// Draws the page: the frame and the form too for a new language; a
    /// form, import or undo of another workspace is forgotten.
    fn draw(&self, top: &Element, lang: Lang, new_lang: bool, new_workspace: bool) {
        if new_lang {
            top.set_inner_html(&shell_html(lang, PARTS));
        }
        if new_workspace {
            *self.page.borrow_mut() = Page::default();
            self.deleted.set(None);
        }
        if new_lang {
            // The numbers typed so far are written the new language's way.
            read(self.state, |w| {
                if let Some(form) = self.page.borrow_mut().form.as_mut() {
                    form.set_lang(w, lang);
                }
            });
        }
        if new_lang || new_workspace {
            self.render_form();
        }
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
        if el.closest(".entry-form").ok().flatten().is_some() {
            read(self.state, |w| {
                if let Some(form) = self.page.borrow_mut().form.as_mut() {
                    form.set(w, &name, &value);
                }
            });
            self.show_messages();
            self.mark_unsaved();
        }
    }

    fn on_keydown(&self, ev: &web_sys::Event) {
        let Some(el) = event_element(ev, ".entry-form *") else {
            return;
        };
        match key(ev).as_str() {
            "Escape" => {
                ev.prevent_default();
                self.open(None, Some("add-unit"));
            }
            "Enter" if el.tag_name() != "BUTTON" => {
                ev.prevent_default();
                self.save();
            }
            _ => {}
        }
    }

    /// Any action but undo ends the chance to undo a deletion.
    fn forget_undo(&self) {
        if self.deleted.with_untracked(Option::is_some) {
            self.deleted.set(None);
        }
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
        self.forget_undo();
        let lang = self.lang();
        let form = read(self.state, |w| Some(Form::unit(w, Some(id), lang)));
        self.open(form, None);
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
            let mut page = ctx.page.borrow_mut();
            if page.form.as_ref().and_then(|f| f.unit_id()) == Some(id.as_str()) {
                page.form = None;
            }
            drop(page);
            ctx.deleted.set(removed);
            ctx.render_form();
            focus_later("undo-delete");
        });
    }

    fn on_click(&self, ev: &web_sys::Event) {
        let Some(button) = event_element(ev, "button") else {
            return;
        };
        let data = |name: &str| button.get_attribute(name);
        let year = |name: &str| data(name).and_then(|y| y.parse::<i32>().ok());
        let this_year = crate::app::today::today().year();
        let state = self.state;
        let lang = self.lang();
        // Any action but undo ends the chance to undo a deletion.
        let action = data("data-action").unwrap_or_default();
        self.forget_undo();
        let unit_id = self
            .page
            .borrow()
            .form
            .as_ref()
            .and_then(|f| f.unit_id().map(str::to_owned));
        let form = |f: &dyn Fn(&Workspace) -> Form| read(state, |w| Some(f(w)));
        match action.as_str() {
            "conflict-keep" | "conflict-take" => {
                let Some(name) = data("data-field") else {
                    return;
                };
                read(state, |w| {
                    if let Some(form) = self.page.borrow_mut().form.as_mut() {
                        form.resolve(w, &name, action == "conflict-keep");
                    }
                });
                self.render_form();
                return focus(&format!("f-{name}"));
            }
            "add-unit" => return self.open(form(&|w| Form::unit(w, None, lang)), None),
            "city" => return self.open(form(&|w| Form::city(w, None, this_year, lang)), None),
            _ => {}
        }
        if data("data-cancel").is_some() {
            self.open(None, Some("add-unit"));
        } else if data("data-add-manager").is_some() {
            let rows = read(state, |w| {
                self.page.borrow_mut().form.as_mut().map(|f| {
                    f.add_manager(w);
                    f.managers()
                })
            });
            self.render_form();
            focus(&format!(
                "f-manager-{}-role",
                rows.unwrap_or(1).saturating_sub(1)
            ));
        } else if let Some(index) =
            data("data-remove-manager").and_then(|i| i.parse::<usize>().ok())
        {
            read(state, |w| {
                if let Some(f) = self.page.borrow_mut().form.as_mut() {
                    f.remove_manager(w, index);
                }
            });
            self.render_form();
            focus("f-year");
        } else if let Some(y) = year("data-city-year") {
            self.open(form(&|w| Form::city(w, Some(y), this_year, lang)), None);
        } else if let Some(id) =
            unit_id.filter(|_| button.closest(".entry").ok().flatten().is_some())
        {
            if let Some(y) = year("data-edit-year") {
                self.open(
                    form(&|w| Form::year(w, &id, Some(y), this_year, lang)),
                    None,
                );
            } else if data("data-new-year").is_some() {
                self.open(form(&|w| Form::year(w, &id, None, this_year, lang)), None);
            } else if let Some(y) = year("data-next-year") {
                self.open(form(&|w| Form::next_year_from(w, &id, y, lang)), None);
            }
        }
    }
}

/// The data page: the legacy regions (HTML text, above and below) around
/// the filters and the table of units (components).
#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = Ctx {
        state,
        page: Rc::new(RefCell::new(Page::default())),
        deleted: RwSignal::new(None),
    };
    let deleted = ctx.deleted;
    let query = RwSignal::new(UnitQuery::default());
    let top = NodeRef::<leptos::html::Div>::new();
    let storage = StorageWatch::new(state);

    // Everything is drawn again when the language changes; the data's
    // regions when the data or the as-of date does. A form stays as typed.
    Effect::new({
        let ctx = ctx.clone();
        move |previous: Option<Option<(Lang, String, u32)>>| {
            let top = top.get()?;
            let previous = previous.flatten();
            let lang = state.lang.get();
            state.as_of.track();
            let answers = state.storage_answers.get();
            let id = state.workspace.with(|w| w.id.clone());
            let new_lang = previous.as_ref().map(|p| p.0) != Some(lang);
            let new_workspace = previous.as_ref().is_some_and(|p| p.1 != id);
            untrack(|| {
                ctx.draw(&top, lang, new_lang, new_workspace);
                ctx.hear();
            });
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
    let keydown = move |ev: web_sys::KeyboardEvent| actions.get_value().on_keydown(&ev);
    // After an import, the page says so and the keyboard goes to its top.
    let on_imported = UnsyncCallback::new(move |()| {
        let lang = state.lang.get_untracked();
        set_text("data-saved", lang.pick("Đã nhập.", "Imported."));
        focus("data-title");
    });
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        actions.get_value().save();
    };
    view! {
        <section class="page data" id="data-page">
            <div
                node_ref=top
                on:click=click
                on:input=input
                on:keydown=keydown
                on:submit=submit
            ></div>
            // The backup reminder, near the top where it is seen.
            <BackupReminder watch=storage on_action/>
            <div id="data-undo">{undo_note}</div>
            <div id="data-filters" class="unit-filters">
                <UnitFilters query/>
            </div>
            <div id="data-table" class="unit-list">
                <UnitTable query editable=PARTS.forms on_edit on_delete on_action/>
            </div>
            <DataFiles parts=PARTS on_action on_imported exported=storage.exported/>
            <StorageSection watch=storage on_action/>
            {PARTS.workspaces.then(|| view! {
                <h2>{words("Không gian làm việc", "Workspaces")}</h2>
                <div id="data-workspaces">
                    <WorkspaceList on_action/>
                </div>
            })}
            <DataChecks/>
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
