//! Mô phỏng: what-if projections, goal seek, Monte Carlo, sensitivity and
//! scenarios. Everything shown is HTML text from the domain
//! ([`crate::simulation::view`], [`crate::simulation::workbench`]); this page
//! owns the draft, puts the text into five parts of the page and forwards
//! events from one listener per kind of event. The inputs are written again
//! only when the model or the scenario changes, so typing keeps its focus.
//!
//! Monte Carlo runs in slices of about 12 ms on the event loop (a
//! zero-delay [`Interval`]), with progress and a cancel button; a newer
//! run or leaving the page stops the older one.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use reactive_graph::owner::LocalStorage;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::field_merge::{KEEP, TAKE};
use crate::i18n::Lang;
use crate::route::query_value;
use crate::simulation::distribution::Estimate;
use crate::simulation::monte_carlo::Run;
use crate::simulation::view;
use crate::simulation::workbench::{self, Change, Workbench};
use crate::simulation::{Setup, Trajectory};
use crate::web::dom::{self, by_id, set_html};
use crate::web::route::Location;
use crate::web::state::AppState;
use crate::web::ui::*;
use crate::workspace::Workspace;

const SLICE_MS: f64 = 12.0;

struct Live {
    wb: Workbench,
    setup: Option<Setup>,
    inputs: Option<(Vec<Estimate>, Trajectory)>,
    run: Option<Run>,
    /// The timer that advances the run a slice at a time; dropping it stops
    /// the run, as a newer run, Cancel or leaving the page (its owner goes)
    /// do.
    timer: StoredValue<Option<Interval>, LocalStorage>,
}

type Shared = Rc<RefCell<Live>>;

/// Reads the workspace through one instance of the signal's code (each
/// closure type given to `with_untracked` would be another in the download).
fn read(state: AppState, f: &mut dyn FnMut(&Workspace)) {
    state.workspace.with_untracked(|w| f(w));
}

/// Changes the workspace, likewise; `f` says whether it changed anything
/// (only then is it saved and shown anew).
fn edit(state: AppState, f: &mut dyn FnMut(&mut Workspace) -> bool) {
    state.workspace.maybe_update(|w| f(w));
}

/// Everything: the settings and inputs, then the rest.
fn render_all(live: &Shared, state: AppState) {
    if let Some(html) = form_markup(live, state) {
        set_html("sim-form", &html);
    }
    render_merge(live, state);
    render_results(live, state);
    render_scenarios(live, state);
}

/// The settings and inputs as they are to be shown, for the setup of the
/// model and data now (kept for the rest of the page).
fn form_markup(live: &Shared, state: AppState) -> Option<String> {
    let lang = state.lang.get_untracked();
    let mut l = live.borrow_mut();
    let mut setup = None;
    let as_of = state.as_of.get_untracked();
    read(state, &mut |w| setup = Some(l.wb.setup(w, as_of)));
    let setup = setup?;
    let wb = &l.wb;
    let mut html = view::settings_html(wb.kind, wb.per_year_growth, wb.samples, wb.seed, lang);
    let (inputs, missing) = match setup.resolve(&wb.overrides) {
        Ok(inputs) => (inputs, Vec::new()),
        Err(missing) => (Vec::new(), missing.0),
    };
    html.push_str(&view::form_html(&setup, &inputs, &missing, lang));
    l.setup = Some(setup);
    Some(html)
}

/// What another tab's save of the open scenario did, and the choices.
fn render_merge(live: &Shared, state: AppState) {
    let lang = state.lang.get_untracked();
    let l = live.borrow();
    let html = match &l.setup {
        Some(setup) => l.wb.heard_html(setup, lang),
        None => String::new(),
    };
    set_html("sim-merge", &html);
}

/// The results that follow the inputs, then a new Monte Carlo run.
fn render_results(live: &Shared, state: AppState) {
    let lang = state.lang.get_untracked();
    {
        let mut l = live.borrow_mut();
        let Some(setup) = &l.setup else {
            return;
        };
        let (html, outcome) = workbench::results_html(&l.wb, setup, lang);
        set_html("sim-results", &html);
        l.inputs = outcome;
    }
    start_run(live, state);
}

fn render_scenarios(live: &Shared, state: AppState) {
    let lang = state.lang.get_untracked();
    let l = live.borrow();
    let wb = &l.wb;
    read(state, &mut |w| {
        set_html(
            "sim-scenarios",
            &view::scenarios_html(
                &w.scenarios,
                wb.kind,
                wb.open.as_deref(),
                wb.base.as_deref(),
                &wb.compared,
                lang,
            ),
        );
        set_html(
            "sim-compare",
            &workbench::comparison_html(wb, w, state.as_of.get_untracked(), lang),
        );
    });
}

fn render_monte_carlo(l: &Live, lang: Lang) {
    let html = match (&l.setup, &l.inputs) {
        (Some(setup), Some((_, trajectory))) => {
            let summary = l.run.as_ref().filter(|r| r.is_finished()).map(Run::summary);
            workbench::monte_carlo_html(setup, trajectory, summary.as_ref(), lang)
        }
        _ => String::new(),
    };
    set_html("sim-mc", &html);
}

fn start_run(live: &Shared, state: AppState) {
    let lang = state.lang.get_untracked();
    let timer = {
        let mut l = live.borrow_mut();
        l.timer.set_value(None);
        l.run = match (&l.setup, &l.inputs) {
            (Some(setup), Some((inputs, _))) => {
                Some(Run::new(setup, inputs.clone(), l.wb.samples, l.wb.seed))
            }
            _ => None,
        };
        render_monte_carlo(&l, lang);
        match &l.run {
            Some(run) => set_html("sim-progress", &view::progress_html(0, run.total(), lang)),
            None => return,
        }
        l.timer
    };
    // A slice per tick of a zero-delay timer: the browser handles clicks
    // and typing between slices.
    let ticking = live.clone();
    timer.set_value(Interval::start(Duration::ZERO, move || {
        step(&ticking, lang)
    }));
}

/// One slice of the run (about [`SLICE_MS`]); the last one shows the
/// results and stops the timer.
fn step(live: &Shared, lang: Lang) {
    let finished = {
        let mut guard = live.borrow_mut();
        let l = &mut *guard;
        let (Some(setup), Some(run)) = (&l.setup, &mut l.run) else {
            return;
        };
        let start = js_sys::Date::now();
        while !run.is_finished() && js_sys::Date::now() - start < SLICE_MS {
            run.advance(setup, 250);
        }
        // Only the bar and the count move: the cancel button stays put.
        if let Some(bar) = by_id("sim-progress-bar") {
            let _ = bar.set_attribute("value", &run.done().to_string());
        }
        dom::set_text(
            "sim-progress-count",
            &view::progress_count(run.done(), run.total(), lang),
        );
        run.is_finished()
    };
    if finished {
        let l = live.borrow();
        l.timer.set_value(None);
        render_monte_carlo(&l, lang);
    }
}

fn cancel(live: &Shared, lang: Lang) {
    let l = live.borrow();
    l.timer.set_value(None);
    if let Some(run) = &l.run {
        let mut html = view::progress_html(run.done(), run.done(), lang);
        html.push_str(&view::note_html(lang.pick(
            "Đã hủy. Thay đổi một giá trị hoặc số lần mô phỏng để chạy lại.",
            "Cancelled. Change a value or the number of samples to run again.",
        )));
        set_html("sim-progress", &html);
    }
}

fn apply(live: &Shared, state: AppState, change: Change) {
    match change {
        Change::None => {}
        Change::Values => render_results(live, state),
        Change::Run => start_run(live, state),
        Change::All => render_all(live, state),
        Change::Scenarios => render_scenarios(live, state),
    }
}

/// Writes the fields changed here into the open scenario as stored now
/// (saved with the workspace). When another tab deleted the open scenario,
/// nothing is saved: the page says so and the draft stays, no longer tied
/// to a scenario. A field another tab changed too waits for the user's
/// choice: nothing is saved, and the page shows both values.
fn save_open(live: &Shared, state: AppState) {
    let (gone, waiting) = {
        let mut guard = live.borrow_mut();
        let l = &mut *guard;
        let mut gone = false;
        read(state, &mut |w| gone = l.wb.open_is_gone(w));
        if l.wb.open.is_some() && !gone {
            // Only a real change is saved (and notifies).
            edit(state, &mut |w| l.wb.save_into(w));
        }
        (gone, !l.wb.conflicts.is_empty())
    };
    if gone {
        forget_open(live, state);
    } else if waiting {
        show_merged(live, state);
    }
}

/// The open scenario is gone (another tab deleted it): said at once; the
/// draft stays on the page, to be saved as a new scenario.
fn forget_open(live: &Shared, state: AppState) {
    {
        let mut l = live.borrow_mut();
        l.wb.open = None;
        l.wb.conflicts.clear();
        l.wb.heard = Some(workbench::scenario_gone());
    }
    state.notify(workbench::scenario_gone());
    let lang = state.lang.get_untracked();
    dom::set_text("sim-heard", workbench::scenario_gone().get(lang));
    render_scenarios(live, state);
}

/// The draft as merged with another tab's save, shown: the inputs take
/// their new values in place, so that the one being typed in keeps its
/// text, caret and focus (and is saved when left); the notice and the
/// choices below them; the results.
fn show_merged(live: &Shared, state: AppState) {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    let Some(html) = form_markup(live, state) else {
        return;
    };
    let refreshed = by_id("sim-form")
        .is_some_and(|form| dom::refresh_controls(&form, &html, "id", focused.as_deref()));
    if !refreshed {
        // Another model or other inputs: written anew.
        set_html("sim-form", &html);
        if let Some(id) = focused {
            dom::focus(&id);
        }
    }
    render_merge(live, state);
    render_results(live, state);
    render_scenarios(live, state);
}

/// Another tab's save reached this one: the open scenario's stored values
/// go into the draft at once where the user changed nothing, and the page
/// says so (or that the scenario is gone).
fn hear(live: &Shared, state: AppState) {
    let heard = {
        let mut l = live.borrow_mut();
        let mut heard = workbench::Heard::Nothing;
        read(state, &mut |w| heard = l.wb.hear(w));
        heard
    };
    match heard {
        workbench::Heard::Nothing => {}
        workbench::Heard::Changed => show_merged(live, state),
        workbench::Heard::Deleted => forget_open(live, state),
    }
}

/// An `input` (`committed` false) or `change` event in the page.
fn on_event(live: &Shared, state: AppState, ev: &web_sys::Event, committed: bool) {
    let Some(element) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let value = dom::property(&element, "value")
        .as_string()
        .unwrap_or_default();
    let checked = dom::property(&element, "checked")
        .as_bool()
        .unwrap_or(false);
    let attr = |name: &str| element.get_attribute(name);
    if let (Some(key), Some(field)) = (attr("data-key"), attr("data-f")) {
        if !committed || field == "shape" {
            let change = {
                let mut guard = live.borrow_mut();
                let l = &mut *guard;
                match &l.setup {
                    Some(setup) => {
                        let lang = state.lang.get_untracked();
                        // A money input shows its value as it will be used.
                        let quantity = setup.inputs.iter().find(|s| s.key == key);
                        if let Some(echo) =
                            quantity.and_then(|s| view::typed_echo(s.quantity, &value, lang))
                        {
                            dom::set_text(&view::echo_id(&key, &field), &echo);
                        }
                        l.wb.field(setup, &key, &field, &value, lang)
                    }
                    None => Change::None,
                }
            };
            apply(live, state, change);
        }
        if committed {
            save_open(live, state);
            render_scenarios(live, state);
        }
        return;
    }
    if !committed {
        return;
    }
    let change = if let Some(id) = attr("data-rename") {
        let l = live.borrow();
        let mut change = Change::None;
        edit(state, &mut |w| {
            change = l.wb.rename(w, &id, &value);
            change != Change::None
        });
        change
    } else if let Some(id) = attr("data-compare") {
        live.borrow_mut().wb.toggle_compare(&id, checked)
    } else if let Some(name) = attr("name") {
        let lang = state.lang.get_untracked();
        live.borrow_mut().wb.setting(&name, &value, checked, lang)
    } else {
        Change::None
    };
    if change == Change::All {
        save_open(live, state);
    }
    apply(live, state, change);
}

fn on_click(live: &Shared, state: AppState, ev: &web_sys::Event) {
    let Some(button) = dom::event_element(ev, "[data-action]") else {
        return;
    };
    let action = button.get_attribute("data-action").unwrap_or_default();
    let id = button.get_attribute("data-id").unwrap_or_default();
    let lang = state.lang.get_untracked();
    let change = match action.as_str() {
        "cancel" => return cancel(live, lang),
        KEEP | TAKE => {
            let field = button.get_attribute("data-field").unwrap_or_default();
            let (change, settled) = {
                let mut l = live.borrow_mut();
                let change = l.wb.choose(&field, action == KEEP);
                (change, l.wb.conflicts.is_empty())
            };
            // Every choice made: what is on the page now is saved.
            if settled {
                save_open(live, state);
            }
            change
        }
        "save-new" => {
            let name = dom::input_value("sim-new-name").unwrap_or_default();
            let mut l = live.borrow_mut();
            edit(state, &mut |w| {
                l.wb.save_new(w, &name, lang);
                true
            });
            Change::Scenarios
        }
        _ => {
            if action == "delete" && !state.confirm("Xóa kịch bản này?", "Delete this scenario?")
            {
                return;
            }
            let mut l = live.borrow_mut();
            let mut change = Change::None;
            edit(state, &mut |w| {
                change = l.wb.scenario_action(w, &action, &id, lang);
                change == Change::Scenarios && action != "close"
            });
            change
        }
    };
    apply(live, state, change);
}

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let mut wb = Workbench::default();
    // `/simulation?scenario=<id>` opens that scenario; the workshop's
    // exercises link here with an id that creates it the first time
    // (`Workbench::open_or_create`).
    let location = expect_context::<Location>();
    let url = untrack(|| location.url());
    if let Some(id) = query_value(&url, "scenario") {
        let (as_of, lang) = (state.as_of.get_untracked(), state.lang.get_untracked());
        edit(state, &mut |w| wb.open_or_create(w, &id, as_of, lang));
    }
    let live: Shared = Rc::new(RefCell::new(Live {
        wb,
        setup: None,
        inputs: None,
        run: None,
        timer: StoredValue::new_local(None),
    }));
    root.set_inner_html(
        r#"<section class="page simulation" aria-labelledby="sim-title"><h1 id="sim-title"></h1><div id="sim-form"></div><div id="sim-merge"></div><div id="sim-results"></div><div id="sim-mc"></div><div id="sim-scenarios"></div><div id="sim-compare"></div></section>"#,
    );
    // Only a new language, as-of date or workspace redraws everything;
    // saving a scenario changes the workspace but not its id, so the title's
    // region compares with what it drew last (a region rather than an
    // effect of its own: one instance of the effect code serves both).
    let redraw = live.clone();
    let drawn = RefCell::new(None);
    region(&find(root, "#sim-title").expect("the title"), move || {
        state.workspace.track();
        let mut id = String::new();
        read(state, &mut |w| id.clone_from(&w.id));
        let lang = state.lang.get();
        let now = Some((id, lang, state.as_of.get()));
        if *drawn.borrow() != now {
            drawn.replace(now);
            untrack(|| render_all(&redraw, state));
        } else {
            untrack(|| hear(&redraw, state));
        }
        lang.pick("Mô phỏng", "Simulation").to_owned()
    });
    let (on_input, on_change) = (live.clone(), live.clone());
    listen(root, "input", move |ev| {
        on_event(&on_input, state, &ev, false)
    });
    listen(root, "change", move |ev| {
        on_event(&on_change, state, &ev, true)
    });
    listen(root, "click", move |ev| on_click(&live, state, &ev));
}
