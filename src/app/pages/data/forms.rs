//! The data page's entry forms: a unit, a unit's yearly figures (with its
//! key managers) and the city-level inputs, and the top of the page that
//! opens them (the title, "+ Thêm đơn vị", "Số liệu cấp thành phố" and the
//! note that says a save was made).
//!
//! The open form is a draft ([`Form`]) in one signal; each field shows
//! what the domain computes of it ([`Form::field`]) through the
//! [`crate::app::components::field::Field`] component, and writes what is
//! typed back into the draft, which checks itself as a whole. Fields are
//! named by their typed [`Field`] everywhere here; the only text made of
//! one is its element's id ([`input_id`]). Save rebases the draft on what
//! is stored now (another tab may have saved the same record: a field
//! changed on both sides waits for the user's choice), applies it and
//! opens the saved unit again.

use chrono::Datelike;
use leptos::prelude::*;

use crate::app::browser::next_frame;
use crate::app::components::field::Entered;
use crate::app::state::{AppState, UnitChange};
use crate::app::words;
use crate::domain::workspace::Workspace;
use crate::edit::form::{
    city_years, unit_years, Deleted, Field, FieldView, Form, Invalid, ManagerPart, Rebase, Target,
    YearField,
};
use crate::i18n::Lang;

/// A line said in both languages, chosen when shown.
type Said = (&'static str, &'static str);

const SAVED: Said = ("Đã lưu.", "Saved.");
const NOT_SAVED_ERRORS: Said = (
    "Chưa lưu: hãy sửa các ô có lỗi.",
    "Not saved: fix the fields with errors.",
);
const NOT_SAVED_CONFLICTS: Said = (
    "Chưa lưu: một tab khác vừa lưu các ô được đánh dấu. Hãy chọn giá trị cho từng ô rồi lưu.",
    "Not saved: another tab just saved the marked fields. Choose a value for each, then save.",
);
/// What the note at the top says after an import (the files section).
pub const IMPORTED: Said = ("Đã nhập.", "Imported.");

/// The entry forms' state and what they do; copied into every handler.
#[derive(Clone, Copy)]
pub struct Entry {
    state: AppState,
    /// The open form, if any.
    pub draft: RwSignal<Option<Form>>,
    /// Why the last save did not happen, under the form.
    status: RwSignal<Option<Said>>,
    /// The note beside the buttons at the top ("Đã lưu.").
    pub saved: RwSignal<Option<Said>>,
    /// The unit deleted last, until the next action (its undo note).
    deleted: RwSignal<Option<Deleted>>,
}

impl Entry {
    pub fn new(state: AppState, deleted: RwSignal<Option<Deleted>>) -> Entry {
        Entry {
            state,
            draft: RwSignal::new(None),
            status: RwSignal::new(None),
            saved: RwSignal::new(None),
            deleted,
        }
    }

    fn lang(self) -> Lang {
        self.state.lang.get_untracked()
    }

    fn read<R>(self, f: impl FnOnce(&Workspace) -> R) -> R {
        self.state.workspace.with_untracked(f)
    }

    /// Any action but undo ends the chance to undo a deletion.
    pub fn forget_undo(self) {
        if self.deleted.with_untracked(Option::is_some) {
            self.deleted.set(None);
        }
    }

    /// Opens a form (or closes it with `None`) and focuses `focus_id`, or
    /// the form's first field, once it is drawn.
    pub fn open(self, next: Option<Form>, focus_id: Option<String>) {
        let focus_id = focus_id.or_else(|| next.as_ref().and_then(Form::first_field).map(input_id));
        self.status.set(None);
        self.draft.set(next);
        if let Some(id) = focus_id {
            focus_soon(format!("#{id}"));
        }
    }

    /// Opens the unit form on unit `id` (`None`: a new unit).
    pub fn open_unit(self, id: Option<&str>) {
        self.forget_undo();
        let lang = self.lang();
        let form = self.read(|w| Form::unit(w, id, lang));
        self.open(Some(form), None);
    }

    fn open_with(self, make: impl FnOnce(&Workspace, i32, Lang) -> Form) {
        self.forget_undo();
        let this_year = crate::app::today::today().year();
        let lang = self.lang();
        let form = self.read(|w| make(w, this_year, lang));
        self.open(Some(form), None);
    }

    /// Closes the form, the focus back on "+ Thêm đơn vị".
    fn cancel(self) {
        self.forget_undo();
        self.open(None, Some("add-unit".to_owned()));
    }

    /// Closes the form if it edits unit `id` (just deleted).
    pub fn forget_unit(self, id: &str) {
        let edits = self
            .draft
            .with_untracked(|d| d.as_ref().and_then(Form::unit_id) == Some(id));
        if edits {
            self.draft.set(None);
        }
    }

    fn edit(self, f: impl FnOnce(&mut Form, &Workspace)) {
        let ws = self.state.workspace;
        self.draft.update(|d| {
            if let Some(form) = d.as_mut() {
                ws.with_untracked(|w| f(form, w));
            }
        });
    }

    fn enter(self, field: Field, entered: Entered) {
        self.edit(|form, w| match entered {
            Entered::Text(text) => form.set(w, field, &text),
            Entered::Flag(checked) => form.set_flag(w, field, checked),
        });
    }

    /// The user's choice for a field changed here and by another save.
    fn choose(self, field: Field, keep_mine: bool) {
        self.forget_undo();
        self.edit(|form, w| form.resolve(w, field, keep_mine));
        focus_soon(format!("#{}", input_id(field)));
    }

    fn add_manager(self) {
        self.forget_undo();
        self.edit(|form, w| form.add_manager(w));
        let rows = self
            .draft
            .with_untracked(|d| d.as_ref().map_or(1, Form::managers));
        let last = Field::Manager(rows.saturating_sub(1), ManagerPart::Role);
        focus_soon(format!("#{}", input_id(last)));
    }

    fn remove_manager(self, index: usize) {
        self.forget_undo();
        self.edit(|form, w| form.remove_manager(w, index));
        focus_soon(format!("#{}", input_id(YearField::Year.into())));
    }

    /// Saves the form: only the fields changed here go onto the record as
    /// it is stored now; a conflict or an error keeps the form open and
    /// says why, the focus on the first field to see to.
    fn save(self) {
        self.forget_undo();
        let Some(mut form) = self.draft.get_untracked() else {
            return;
        };
        if let Rebase::Conflicts(conflicts) = self.read(|w| form.rebase(w)) {
            let first = conflicts.first().map(|(field, _)| *field);
            self.draft.set(Some(form));
            self.status.set(Some(NOT_SAVED_CONFLICTS));
            if let Some(field) = first {
                focus_soon(format!("#{}-conflict button", input_id(field)));
            }
            return;
        }
        self.read(|w| form.check(w));
        if form.has_errors() {
            let first = form.first_error().map(|f| format!("#{}", input_id(f)));
            self.draft.set(Some(form));
            self.status.set(Some(NOT_SAVED_ERRORS));
            if let Some(selector) = first {
                focus_soon(selector);
            }
            return;
        }
        let mut result = Err(Invalid);
        // A unit's or year's form changes that one unit only: the index
        // behind the targets is patched rather than built again.
        self.state.edit_one_unit(&mut |w| {
            result = form.apply(w);
            result.clone().ok().flatten().map(UnitChange::Saved)
        });
        self.saved.set(Some(SAVED));
        let lang = self.lang();
        let next = match result {
            Ok(Some(id)) => Some(self.read(|w| Form::unit(w, Some(&id), lang))),
            _ => None,
        };
        self.open(next, None);
    }
}

/// The id of `field`'s input (`f-revenue`, `f-manager-2-role`), to which
/// its parts add (`-msg`, `-conflict`: see the field component). The
/// end-to-end tests find fields by these ids.
fn input_id(field: Field) -> String {
    format!("f-{}", field.key())
}

/// Focuses the element `selector` finds as soon as the page has drawn
/// what the last change of a signal shows: the drawing runs in tasks
/// already queued, so a task queued after them (and one tick more) finds
/// the element before the browser handles the user's next key. Not found
/// then, it is tried once more at the next frame.
fn focus_soon(selector: String) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        if !focus_selector(&selector) {
            next_frame(move || {
                focus_selector(&selector);
            });
        }
    });
}

/// Focuses the element `selector` finds; whether there was one.
fn focus_selector(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let found = crate::app::browser::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    found.is_some_and(|element| element.focus().is_ok())
}

/// The top of the page: its title, what it is for, the buttons that open
/// the unit and city forms, and the note that says the last save.
#[component]
pub fn EntryTop(entry: Entry, forms: bool) -> impl IntoView {
    let lang = entry.state.lang;
    let lead = move || {
        let lang = lang.get();
        if forms {
            lang.pick(
                "Các đơn vị kinh tế tập thể trong không gian làm việc này: thêm, sửa, xóa đơn vị, nhập số liệu từng năm và số liệu cấp thành phố. Mọi thay đổi hợp lệ được lưu ngay.",
                "The collective-economy units in this workspace: add, edit and delete units, enter each year's figures and the city-level inputs. Every valid change is saved at once.",
            )
        } else {
            lang.pick(
                "Các đơn vị kinh tế tập thể trong không gian làm việc này. Số liệu được nhập qua tệp JSON; biểu mẫu nhập liệu và nhập tệp CSV chưa có trong bản này.",
                "The collective-economy units in this workspace. Data comes in through JSON files; the entry forms and CSV import are not in this version yet.",
            )
        }
    };
    let buttons = forms.then(|| {
        view! {
            <button type="button" id="add-unit" on:click=move |_| entry.open_unit(None)>
                {words("+ Thêm đơn vị", "+ Add a unit")}
            </button>
            <button
                type="button"
                class="secondary"
                on:click=move |_| entry.open_with(|w, this_year, lang| Form::city(w, None, this_year, lang))
            >
                {words("Số liệu cấp thành phố", "City-level inputs")}
            </button>
        }
    });
    let saved = move || entry.saved.get().map(|(vi, en)| lang.get().pick(vi, en));
    view! {
        <h1 id="data-title">{words("Dữ liệu", "Data")}</h1>
        <p class="lead">{lead}</p>
        <p class="form-actions">
            {buttons}
            <span id="data-saved" class="saved-note" role="status">{saved}</span>
        </p>
    }
}

/// The open form, if any, and under a unit's form its years; under the
/// city's, the years entered.
#[component]
pub fn EntryForm(entry: Entry) -> impl IntoView {
    let draft = entry.draft;
    // The form is drawn again only when what it edits, or its number of
    // key-manager rows, changes; typing changes the fields' values only.
    let shape =
        Memo::new(move |_| draft.with(|d| d.as_ref().map(|f| (f.target.clone(), f.managers()))));
    let state = entry.state;
    // A save elsewhere (another tab) that changed or deleted the record
    // the form edits is said in the form at once.
    Effect::new(move |_| {
        state.workspace.track();
        draft.maybe_update(|d| {
            d.as_mut()
                .and_then(|f| state.workspace.with_untracked(|w| f.hear(w)))
                .is_some()
        });
    });
    // A new language: the numbers typed so far are written its way.
    Effect::new(move |_| {
        let lang = state.lang.get();
        draft.maybe_update(|d| match d.as_mut() {
            Some(form) => {
                state.workspace.with_untracked(|w| form.set_lang(w, lang));
                true
            }
            None => false,
        });
    });
    move || {
        shape
            .get()
            .map(|(target, _)| view! { <OpenForm entry target/> })
    }
}

#[component]
fn OpenForm(entry: Entry, target: Target) -> impl IntoView {
    let state = entry.state;
    let (draft, lang) = (entry.draft, state.lang);
    let unsaved = Memo::new(move |_| draft.with(|d| d.as_ref().is_some_and(Form::unsaved)));
    let title = move || {
        state.workspace.with(|w| {
            draft.with(|d| {
                d.as_ref()
                    .map(|f| f.title(w, lang.get()))
                    .unwrap_or_default()
            })
        })
    };
    let (groups, rows) = draft.with_untracked(|d| {
        d.as_ref().map_or_else(Default::default, |f| {
            let lang = lang.get_untracked();
            (
                f.groups(lang),
                f.has_managers().then(|| f.manager_rows(lang)),
            )
        })
    });
    let legend_of = move |index: usize| {
        move || {
            draft.with(|d| {
                d.as_ref()
                    .and_then(|f| f.groups(lang.get()).get(index).and_then(|g| g.legend))
                    .unwrap_or_default()
            })
        }
    };
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            let fields = group
                .fields
                .into_iter()
                .map(|field| view! { <FormField entry field/> })
                .collect::<Vec<_>>();
            match group.legend {
                None => view! { <div class="form-grid">{fields}</div> }.into_any(),
                Some(_) => view! {
                    <fieldset>
                        <legend>{legend_of(index)}</legend>
                        {fields}
                    </fieldset>
                }
                .into_any(),
            }
        })
        .collect::<Vec<_>>();
    let managers = rows.map(|rows| {
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(index, row)| {
                let title = move || {
                    draft.with(|d| {
                        d.as_ref()
                            .and_then(|f| f.manager_rows(lang.get()).into_iter().nth(index))
                            .unwrap_or_default()
                    })
                };
                let fields = row
                    .fields
                    .into_iter()
                    .map(|field| view! { <FormField entry field/> })
                    .collect::<Vec<_>>();
                view! {
                    <div class="manager-row">
                        <strong>{move || title().title}</strong>
                        {fields}
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| entry.remove_manager(index)
                        >
                            {move || title().remove}
                        </button>
                    </div>
                }
            })
            .collect::<Vec<_>>();
        let conflict = Signal::derive(move || {
            draft.with(|d| d.as_ref().and_then(|f| f.managers_conflict(lang.get())))
        });
        let on_choose = Callback::new(move |keep_mine| entry.choose(Field::Managers, keep_mine));
        view! {
            <fieldset class="managers">
                <legend>{move || Form::managers_legend(lang.get())}</legend>
                <crate::app::components::conflict_choice::ConflictChoice
                    id=format!("{}-conflict", input_id(Field::Managers))
                    text=conflict
                    on_choose
                />
                {rows}
                <button type="button" class="secondary" on:click=move |_| entry.add_manager()>
                    {words("+ Thêm cán bộ quản lý", "+ Add a key manager")}
                </button>
            </fieldset>
        }
    });
    let heard = move || draft.with(|d| d.as_ref().map(|f| f.heard().notice(lang.get())));
    let status = move || entry.status.get().map(|(vi, en)| lang.get().pick(vi, en));
    let keydown = move |ev: web_sys::KeyboardEvent| {
        let on_button = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| e.tag_name() == "BUTTON");
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                entry.cancel();
            }
            "Enter" if !on_button => {
                ev.prevent_default();
                entry.save();
            }
            _ => {}
        }
    };
    let under = match target {
        Target::Unit(Some(id)) => Some(view! { <UnitYears entry id/> }.into_any()),
        Target::City(_) => Some(view! { <CityYears entry/> }.into_any()),
        _ => None,
    };
    view! {
        <form
            class="entry-form"
            novalidate=""
            aria-labelledby="entry-form-title"
            data-unsaved=move || unsaved.get().then_some("")
            on:keydown=keydown
            on:submit=move |ev| {
                ev.prevent_default();
                entry.save();
            }
        >
            <h2 id="entry-form-title">{title}</h2>
            <p class="hint">
                {words(
                    "Enter để lưu, Esc để hủy. Lỗi hiện ngay bên cạnh ô nhập.",
                    "Enter saves, Escape cancels. Problems show beside each field.",
                )}
            </p>
            {groups}
            {managers}
            <p id="form-heard" class="form-notice" role="status">{heard}</p>
            <p id="form-status" class="field-error" role="alert">{status}</p>
            <div class="form-actions">
                <button type="submit">{words("Lưu", "Save")}</button>
                <button type="button" class="secondary" on:click=move |_| entry.cancel()>
                    {words("Hủy", "Cancel")}
                </button>
            </div>
        </form>
        {under}
    }
}

/// Field `field` of the open form.
#[component]
fn FormField(entry: Entry, field: Field) -> impl IntoView {
    let (draft, state) = (entry.draft, entry.state);
    let shown = Memo::new(move |_| {
        state.workspace.with(|w| {
            draft.with(|d| {
                d.as_ref()
                    .and_then(|f| f.field(w, field, state.lang.get()))
                    .unwrap_or_else(|| FieldView::empty(field))
            })
        })
    });
    let on_entered = Callback::new(move |entered| entry.enter(field, entered));
    let on_choose = Callback::new(move |keep_mine| entry.choose(field, keep_mine));
    view! {
        <crate::app::components::field::Field id=input_id(field) field=shown on_entered on_choose/>
    }
}

/// Under a unit's form: its years, to edit one, start the next from the
/// latest, or add an empty one.
#[component]
fn UnitYears(entry: Entry, id: String) -> impl IntoView {
    let state = entry.state;
    let years = Memo::new({
        let id = id.clone();
        move |_| state.workspace.with(|w| unit_years(w, &id))
    });
    let lang = state.lang;
    let unit = StoredValue::new(id);
    let list = move || {
        years
            .get()
            .into_iter()
            .map(|year| {
                view! {
                    <li>
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| {
                                let id = unit.get_value();
                                entry.open_with(|w, this_year, lang| {
                                    Form::year(w, &id, Some(year), this_year, lang)
                                })
                            }
                        >
                            {move || format!("{} {year}", lang.get().pick("Sửa số liệu năm", "Edit the figures for"))}
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let next = move || {
        years.with(|y| y.last().copied()).map(|latest| {
            let text = move || match lang.get() {
                Lang::Vi => format!("Bắt đầu năm {} từ số liệu năm {latest}", latest + 1),
                Lang::En => format!("Start {} from {latest}", latest + 1),
            };
            view! {
                <button
                    type="button"
                    on:click=move |_| {
                        let id = unit.get_value();
                        entry.open_with(|w, _, lang| Form::next_year_from(w, &id, latest, lang))
                    }
                >
                    {text}
                </button>
            }
        })
    };
    view! {
        <section class="unit-years" aria-labelledby="unit-years-title">
            <h3 id="unit-years-title">{words("Số liệu theo năm", "Figures by year")}</h3>
            <ul class="year-list">{list}</ul>
            <p class="form-actions">
                {next}
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        let id = unit.get_value();
                        entry.open_with(|w, this_year, lang| Form::year(w, &id, None, this_year, lang))
                    }
                >
                    {words("Thêm năm trống", "Add an empty year")}
                </button>
            </p>
        </section>
    }
}

/// Under the city's form: the years entered, to edit one.
#[component]
fn CityYears(entry: Entry) -> impl IntoView {
    let state = entry.state;
    let years = Memo::new(move |_| state.workspace.with(city_years));
    let lang = state.lang;
    move || {
        let years = years.get();
        (!years.is_empty()).then(|| {
            let buttons = years
                .into_iter()
                .map(|year| {
                    view! {
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| {
                                entry.open_with(|w, this_year, lang| {
                                    Form::city(w, Some(year), this_year, lang)
                                })
                            }
                        >
                            {move || format!("{} {year}", lang.get().pick("Sửa năm", "Edit"))}
                        </button>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <p class="form-actions">
                    {words("Các năm đã nhập: ", "Years entered: ")}
                    {buttons}
                </p>
            }
        })
    }
}
