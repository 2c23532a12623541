//! Tự đánh giá: a cooperative manager's self-assessment (legal checklist,
//! classification under Thông tư 01/2020/TT-BKHĐT, exemplary readiness,
//! action plan, printable report).
//!
//! The page holds the cooperative and year chosen and what the user typed
//! but could not save; everything else is derived from the workspace:
//! each control's value, and the results as `Memo`s of the domain's data
//! ([`crate::assessment::page`]). A control commits its field (an
//! [`AssessmentField`]) when it changes; the edit is checked against
//! another tab's save of the same field first ([`Shown`]), and a conflict
//! is offered to the user beside the field.

mod checklist;
mod controls;
mod pick;
mod plan;
mod report;
mod scores;

use chrono::Datelike;
use leptos::prelude::*;

use crate::app::state::AppState;
use crate::app::today::today;
use crate::app::words;
use crate::assessment::edit::{
    self, cooperative_shown, shown_assessment, AssessmentField, ExemplaryField,
};
use crate::assessment::shown::Shown;
use crate::assessment::Assessment;
use crate::domain::unit::Unit;
use crate::domain::workspace::Workspace;
use crate::i18n::Lang;

/// The page's state, shared with its parts through context.
#[derive(Clone, Copy)]
struct Page {
    ws: RwSignal<Workspace>,
    lang: RwSignal<Lang>,
    /// The cooperative asked for; an unknown id means the first.
    chosen_unit: RwSignal<String>,
    /// The cooperative shown (empty without a cooperative).
    unit_id: Memo<String>,
    year: RwSignal<i32>,
    unit: Memo<Option<Unit>>,
    /// The assessment shown: as saved, or blank.
    assessment: Memo<Assessment>,
    /// The assessment as the controls show it, the base of each edit
    /// against another tab's saves, and the fields in conflict.
    shown: RwSignal<Shown>,
    /// The field being typed in, with its text: not saved yet, it keeps
    /// its text when another tab's save arrives.
    typed: StoredValue<Option<(AssessmentField, String)>>,
    /// Text committed but not saved: refused (the message says why) or in
    /// conflict with another tab's save (the user chooses).
    drafts: RwSignal<Vec<(AssessmentField, String)>>,
    invalid: RwSignal<Vec<AssessmentField>>,
    /// Why the last entry was refused.
    message: RwSignal<String>,
    /// Another tab saved the assessment shown since this tab last did.
    heard: RwSignal<bool>,
}

impl Page {
    /// The text `field`'s control shows: what is being typed or was not
    /// saved, else the stored value in the page's format.
    fn value(self, field: AssessmentField) -> Memo<String> {
        Memo::new(move |_| {
            // Both read first, whatever is returned, so that the value
            // follows them once the typing is over.
            let draft = self.drafts.with(|d| {
                d.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, text)| text.clone())
            });
            let stored = self.assessment.with(|a| field.shown(a, self.lang.get()));
            let typed = self.typed.get_value().filter(|(f, _)| *f == field);
            typed.map(|(_, text)| text).or(draft).unwrap_or(stored)
        })
    }

    fn typing(self, field: AssessmentField, text: String) {
        self.typed.set_value(Some((field, text)));
    }

    fn is_invalid(self, field: AssessmentField) -> bool {
        self.invalid.with(|i| i.contains(&field))
    }

    fn conflict(self, field: AssessmentField) -> Signal<Option<String>> {
        Signal::derive(move || self.shown.with(|s| s.conflict_text(field, self.lang.get())))
    }

    fn keep_draft(self, field: AssessmentField, text: Option<String>) {
        self.drafts.update(|d| {
            d.retain(|(f, _)| *f != field);
            if let Some(text) = text {
                d.push((field, text));
            }
        });
    }

    /// Commits `field` with `text`, as typed; `label` names the field in
    /// the message when the text is refused.
    fn commit(self, field: AssessmentField, text: String, label: String) {
        self.typed.set_value(None);
        let (id, year) = (self.unit_id.get_untracked(), self.year.get_untracked());
        let lang = self.lang.get_untracked();
        // Saved only if another tab did not change this field meanwhile
        // to another value: else both values are shown, to choose.
        let mut clear = true;
        self.ws.with_untracked(|w| {
            self.shown.update(|s| {
                if !s.is_for(&id, year) {
                    *s = Shown::of(w, &id, year);
                }
                clear = s.check(w, field, &text, today(), lang);
            })
        });
        if !clear {
            self.keep_draft(field, Some(text));
            self.message.set(Shown::not_saved().get(lang).to_owned());
            let selector = format!("#{} button", field.conflict_id());
            crate::app::browser::next_frame(move || crate::app::browser::focus_first(&selector));
            return;
        }
        let mut outcome = Ok(());
        self.ws
            .update(|w| outcome = edit::apply(w, &id, year, today(), field, &text, lang));
        self.ws
            .with_untracked(|w| self.shown.update_untracked(|s| s.saved(w, field)));
        match outcome {
            Ok(()) => {
                // Saved here: what another tab did before is shown already.
                self.heard.set(false);
                self.invalid.update(|i| i.retain(|f| *f != field));
                self.keep_draft(field, None);
                self.message.set(String::new());
            }
            Err(error) => {
                self.invalid.update(|i| {
                    if !i.contains(&field) {
                        i.push(field);
                    }
                });
                self.keep_draft(field, Some(text));
                self.message.set(format!("{label}: {error}"));
            }
        }
    }

    /// The user's choice for a field in conflict: keep the value typed
    /// here (saved now) or take the other tab's (stored already).
    fn choose(self, field: AssessmentField, keep_mine: bool) {
        let mut mine = None;
        self.shown.update(|s| mine = s.choose(field, keep_mine));
        self.keep_draft(field, None);
        self.message.set(String::new());
        let Some(value) = mine else {
            return;
        };
        let (id, year) = (self.unit_id.get_untracked(), self.year.get_untracked());
        let lang = self.lang.get_untracked();
        let mut outcome = Ok(());
        self.ws
            .update(|w| outcome = edit::apply(w, &id, year, today(), field, &value, lang));
        self.ws
            .with_untracked(|w| self.shown.update_untracked(|s| s.saved(w, field)));
        if let Err(error) = outcome {
            self.message.set(error);
        }
    }

    /// Commits one of the workspace's exemplary criteria.
    fn commit_exemplary(self, field: ExemplaryField, text: String) {
        let lang = self.lang.get_untracked();
        let mut outcome = Ok(());
        self.ws
            .update(|w| outcome = edit::set_exemplary_entry(w, field, &text, lang));
        match outcome {
            Ok(()) => self.message.set(String::new()),
            Err(error) => self.message.set(error),
        }
    }

    /// Another cooperative or year: its assessment as stored is shown.
    fn reset(self) {
        self.typed.set_value(None);
        self.drafts.set(Vec::new());
        self.invalid.set(Vec::new());
        self.message.set(String::new());
        self.heard.set(false);
        let (id, year) = (self.unit_id.get_untracked(), self.year.get_untracked());
        self.ws
            .with_untracked(|w| self.shown.set(Shown::of(w, &id, year)));
    }
}

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ws = state.workspace;
    let lang = state.lang;
    // The year chosen last (kept across navigation and reloads), if the
    // page still offers it; else the year before this one.
    let first_year = crate::app::storage::load_assessment_year()
        .filter(|y| ws.with_untracked(|w| edit::assessed_years(w, today()).contains(y)))
        .unwrap_or(today().year() - 1);
    let year = RwSignal::new(first_year);
    let chosen_unit = RwSignal::new(String::new());
    let unit_id = Memo::new(move |_| ws.with(|w| cooperative_shown(w, &chosen_unit.get())));
    let unit = Memo::new(move |_| unit_id.with(|id| ws.with(|w| w.unit(id).cloned())));
    let assessment = Memo::new(move |_| {
        unit_id.with(|id| ws.with(|w| shown_assessment(w, id, year.get(), today())))
    });
    let shown = RwSignal::new(
        ws.with_untracked(|w| Shown::of(w, &unit_id.get_untracked(), year.get_untracked())),
    );
    let page = Page {
        ws,
        lang,
        chosen_unit,
        unit_id,
        year,
        unit,
        assessment,
        shown,
        typed: StoredValue::new(None),
        drafts: RwSignal::new(Vec::new()),
        invalid: RwSignal::new(Vec::new()),
        message: RwSignal::new(String::new()),
        heard: RwSignal::new(false),
    };
    provide_context(page);

    // Another cooperative or year shown (chosen, created, or the one shown
    // left the workspace): its assessment as stored is the base.
    Effect::watch(
        move || (unit_id.get(), year.get()),
        move |_, _, _| page.reset(),
        false,
    );
    // Another tab's save of the assessment shown is said at once, and the
    // controls show the stored values; the field being typed keeps its
    // text (its commit then checks it against the other tab's value).
    Effect::watch(
        move || ws.track(),
        move |_, _, _| {
            let (id, year) = (unit_id.get_untracked(), year.get_untracked());
            let typing = page.typed.get_value().map(|(field, _)| field);
            let mut heard = false;
            ws.with_untracked(|w| {
                shown.update_untracked(|s| {
                    if s.is_for(&id, year) {
                        heard = s.hear(w, typing);
                    } else {
                        *s = Shown::of(w, &id, year);
                    }
                })
            });
            if heard {
                page.heard.set(true);
            }
        },
        false,
    );

    let has_unit = move || unit.with(Option::is_some);
    let heard = move || {
        page.heard
            .get()
            .then(|| Shown::heard().get(lang.get()).to_owned())
    };
    view! {
        <section class="page assessment-page" aria-labelledby="assessment-title">
            <p id="assessment-heard" class="form-notice" role="status">{heard}</p>
            <div>
                <h1 id="assessment-title">
                    {words("Tự đánh giá hợp tác xã", "Cooperative self-assessment")}
                </h1>
                <pick::PickForm/>
            </div>
            // The alert stays in view while the forms scroll (style/main.css).
            <div class="assessment-alert">
                <p class="field-error assessment-message" role="alert">
                    {move || page.message.get()}
                </p>
            </div>
            <div>
                <Show when=has_unit>
                    <h2 id="checklist-title">
                        {words("1. Tuân thủ pháp luật", "1. Legal compliance")}
                    </h2>
                    <checklist::FactsForm/>
                    <checklist::AnswersForm/>
                </Show>
            </div>
            <div>
                <checklist::ChecklistResults/>
            </div>
            <div>
                <Show when=has_unit>
                    <h2 id="scores-title">
                        {words(
                            "2. Xếp loại (Thông tư 01/2020/TT-BKHĐT)",
                            "2. Classification (Circular 01/2020/TT-BKHĐT)",
                        )}
                    </h2>
                    <scores::ScoresForm/>
                </Show>
            </div>
            <div>
                <scores::ClassificationPart/>
            </div>
            <div>
                <h2 id="exemplary-title">
                    {words("3. Sẵn sàng điển hình tiên tiến", "3. Exemplary readiness")}
                </h2>
                <plan::ExemplaryForm/>
            </div>
            <div>
                <plan::ReadinessPart/>
            </div>
            <div>
                <Show when=has_unit>
                    <h2 id="actions-title">{words("4. Kế hoạch hành động", "4. Action plan")}</h2>
                    <plan::GapsPart/>
                </Show>
            </div>
            <div>
                <Show when=has_unit>
                    <plan::ActionsForm/>
                </Show>
            </div>
            <div>
                <Show when=has_unit>
                    <report::ReportPart/>
                </Show>
            </div>
        </section>
    }
}
