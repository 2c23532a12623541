//! Tổng quan: every target of the plan as of the chosen date.

use leptos::prelude::*;

use crate::app::components::opening::OpeningLine;
use crate::app::components::target_card::TargetCard;
use crate::app::components::ForAny;
use crate::app::state::AppState;
use crate::app::words;
use crate::domain::demo::{as_of_note, published_as_of, DEMO_ID};
use crate::report::TargetCard;

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let cards = Memo::new(move |_| {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        state.evaluations.with(|evaluations| {
            state.workspace.with(|w| {
                w.plan
                    .targets
                    .iter()
                    .zip(evaluations)
                    .map(|(target, evaluation)| TargetCard::new(target, evaluation, as_of, lang))
                    .collect::<Vec<_>>()
            })
        })
    });
    // The cards are drawn a turn after the page around them: at a
    // national scale's start-up, the app and its nine cards drawn in one
    // task held the page for 60–100 ms.
    let drawn = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::app::storage::next_turn().await;
        let _ = drawn.try_set(true);
    });
    let is_demo = move || state.workspace.with(|w| w.id == DEMO_ID);
    let is_empty =
        move || state.reading.with(Option::is_none) && state.workspace.with(|w| w.is_empty());
    view! {
        <section class="page dashboard" aria-labelledby="dashboard-title">
            <h1 id="dashboard-title">{words("Tổng quan các chỉ tiêu", "Targets at a glance")}</h1>
            <p class="page-actions">
                <a href="/report">{words("Báo cáo tiến độ (in, CSV)", "Progress report (print, CSV)")}</a>
            </p>
            <OpeningLine/>
            <Show when=is_demo>
                <DemoAsOf/>
            </Show>
            <Show when=is_empty>
                <div class="empty-state">
                    <p>
                        {words(
                            "Không gian làm việc này chưa có dữ liệu, nên chưa chỉ tiêu nào tính được.",
                            "This workspace has no data yet, so no target can be computed.",
                        )}
                    </p>
                    <p><a href="/data">{words("Nhập dữ liệu ở trang Dữ liệu", "Enter data on the Data page")}</a></p>
                </div>
            </Show>
            <div class="cards">
                // One card per target of the plan, each following its own
                // entry of the memo.
                <ForAny
                    each=move || if drawn.get() { cards.with(|c| 0..c.len()) } else { 0..0 }
                    key=|index| *index
                    let(index)
                >
                    <TargetCard
                        card=Signal::derive(move || cards.with(|c| c.get(index).cloned().unwrap_or_default()))
                        linked=true
                    />
                </ForAny>
            </div>
        </section>
    }
}

/// The demo's note on its date: the published figures are those of one
/// day, and a button shows the dashboard as of that day.
#[component]
fn DemoAsOf() -> impl IntoView {
    let state = expect_context::<AppState>();
    let note = Memo::new(move |_| as_of_note(state.as_of.get(), state.lang.get()));
    let published = published_as_of();
    view! {
        <p class="demo-as-of">
            {move || note.get().0}
            {move || {
                note.get()
                    .1
                    .map(|words| {
                        view! {
                            " "
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| state.as_of.set(published)
                            >
                                {words}
                            </button>
                        }
                    })
            }}
        </p>
    }
}
