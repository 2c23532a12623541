//! Mô phỏng: what-if projections, goal seek, Monte Carlo, sensitivity and
//! scenarios. The page holds the draft ([`Workbench`]) in a signal; the
//! model ([`Setup`]) and everything shown are memos over it, the workspace,
//! the as-of date and the language, drawn from the data the domain returns
//! ([`crate::report::simulation`]).
//!
//! `/simulation?scenario=<id>` opens that scenario (the workshop's
//! exercises link here with an id that creates it the first time).

mod form;
mod monte_carlo;
mod results;
mod scenarios;

use leptos::prelude::*;

use crate::app::route::Location;
use crate::app::state::AppState;
use crate::app::words;
use crate::route::query_value;
use crate::simulation::workbench::{self, Heard, Results, Workbench};
use crate::simulation::Setup;

/// What the page's parts share: the draft, the model it sets up, and the
/// results that follow the inputs.
#[derive(Clone, Copy)]
struct Sim {
    state: AppState,
    wb: RwSignal<Workbench>,
    setup: Memo<Setup>,
    results: Memo<Results>,
}

impl Sim {
    /// Changes the draft and the workspace together (a scenario saved,
    /// opened, deleted); the workspace is saved and shown anew only if `f`
    /// says it changed.
    fn edit(
        self,
        f: impl FnOnce(&mut Workbench, &mut crate::domain::workspace::Workspace) -> bool,
    ) {
        let mut draft = self.wb.get_untracked();
        self.state.workspace.maybe_update(|w| f(&mut draft, w));
        self.wb.set(draft);
    }

    /// Writes the fields changed here into the open scenario as stored now
    /// (saved with the workspace). When another tab deleted the open
    /// scenario, nothing is saved: the page says so and the draft stays,
    /// no longer tied to a scenario. A field another tab changed too waits
    /// for the user's choice: nothing is saved meanwhile.
    fn save_open(self) {
        let gone = self
            .state
            .workspace
            .with_untracked(|w| self.wb.with_untracked(|b| b.open_is_gone(w)));
        if gone {
            self.forget_open();
        } else if self.wb.with_untracked(|b| b.open.is_some()) {
            self.edit(|b, w| b.save_into(w));
        }
    }

    /// The open scenario is gone (another tab deleted it): said at once.
    fn forget_open(self) {
        self.wb.update(Workbench::forget_open);
        self.state.notify(workbench::scenario_gone());
    }
}

#[component]
pub fn SimulationPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let location = expect_context::<Location>();
    let lang = state.lang;
    let wb = RwSignal::new(Workbench::default());
    let setup = Memo::new(move |_| {
        let (kind, options) = wb.with(|b| (b.kind, b.options()));
        let as_of = state.as_of.get();
        state
            .workspace
            .with(|w| Setup::from_workspace(kind, w, as_of, options))
    });
    let results =
        Memo::new(move |_| setup.with(|s| wb.with(|b| workbench::results(b, s, lang.get()))));
    let sim = Sim {
        state,
        wb,
        setup,
        results,
    };

    // The scenario the address names, now and whenever it changes.
    let open_from_address = move |url: &str| {
        let Some(id) = query_value(url, "scenario") else {
            return;
        };
        let (as_of, lang) = (state.as_of.get_untracked(), lang.get_untracked());
        sim.edit(|b, w| b.open_or_create(w, &id, as_of, lang));
    };
    open_from_address(&untrack(|| location.url()));
    Effect::watch(
        move || location.url(),
        move |url, _, _| open_from_address(url),
        false,
    );

    // Another tab's save of the open scenario goes into the draft at once
    // where the user changed nothing, and the page says so; its deletion
    // leaves the draft unsaved. Another workspace closes the scenario.
    let opened_id = StoredValue::new(state.workspace.with_untracked(|w| w.id.clone()));
    Effect::watch(
        move || state.workspace.track(),
        move |_, _, _| {
            let id = state.workspace.with_untracked(|w| w.id.clone());
            if opened_id.with_value(|o| *o != id) {
                opened_id.set_value(id);
                wb.update(Workbench::close);
                return;
            }
            let mut draft = wb.get_untracked();
            match state.workspace.with_untracked(|w| draft.hear(w)) {
                Heard::Nothing => wb.update_untracked(|b| *b = draft),
                Heard::Changed => wb.set(draft),
                Heard::Deleted => sim.forget_open(),
            }
        },
        false,
    );

    view! {
        <section class="page simulation" aria-labelledby="sim-title">
            <h1 id="sim-title">{words("Mô phỏng", "Simulation")}</h1>
            <p class="lead">
                {words(
                    "Thử các giả định và xem đến hạn các chỉ tiêu sẽ ra sao, cần bao nhiêu để đạt, và khả năng đạt khi các giả định không chắc chắn. Giá trị mặc định lấy từ dữ liệu của bạn.",
                    "Try assumptions and see where the targets will be at their deadlines, what it would take to meet them, and the chance of meeting them when the assumptions are uncertain. Defaults come from your data.",
                )}
            </p>
            <form::Settings sim/>
            <form::Inputs sim/>
            <form::Merge sim/>
            <results::Results sim/>
            <monte_carlo::MonteCarlo sim/>
            <scenarios::Scenarios sim/>
            <scenarios::Comparison sim/>
        </section>
    }
}
