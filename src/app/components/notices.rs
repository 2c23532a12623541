//! Messages the user must see: failed saves, and data kept aside because it
//! could not be read. The words are [`crate::report::notice_view`]'s; each button
//! is a closure on its element.

use leptos::prelude::*;

use crate::app::components::ForAny;
use crate::app::download::download_text;
use crate::app::state::{AppState, Notice};
use crate::app::storage::{self, Quarantined};
use crate::report::notice_view::{dismiss_label, kept_file_name, KeptWords};

#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <ForAny each=move || state.notices.get() key=|notice| notice.id let(notice)>
            <Message notice/>
        </ForAny>
        <ForAny each=move || state.quarantined.get() key=|kept| kept.key.clone() let(kept)>
            <Kept kept/>
        </ForAny>
    }
}

/// A message, until dismissed.
#[component]
fn Message(notice: Notice) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let Notice { id, text } = notice;
    view! {
        <div class="notice notice-error" role="alert">
            <p>{move || text.get(lang.get()).to_owned()}</p>
            <button
                type="button"
                on:click=move |_| state.notices.update(|n| n.retain(|notice| notice.id != id))
            >
                {move || dismiss_label(lang.get())}
            </button>
        </div>
    }
}

/// Data kept aside: why, and buttons to download or delete it.
#[component]
fn Kept(kept: Quarantined) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let words = Memo::new(move |_| KeptWords::new(lang.get()));
    let Quarantined {
        key,
        reason_vi,
        reason_en,
        ..
    } = kept;
    let download = {
        let key = key.clone();
        move |_| {
            let saved = storage::quarantined_text(&key).is_some_and(|text| {
                download_text(&kept_file_name(&key), "application/json", &text)
            });
            if !saved {
                let vi = KeptWords::new(crate::i18n::Lang::Vi).download_refused;
                let en = KeptWords::new(crate::i18n::Lang::En).download_refused;
                state.notify(crate::i18n::Text::new(vi, en));
            }
        }
    };
    let discard = move |_| {
        let (vi, en) = (
            KeptWords::new(crate::i18n::Lang::Vi).confirm_discard,
            KeptWords::new(crate::i18n::Lang::En).confirm_discard,
        );
        let key = key.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if state.ask(vi, en).await {
                storage::discard_quarantined(&key).await;
                state.quarantined.set(storage::list_quarantined());
            }
        });
    };
    view! {
        <div class="notice notice-warning" role="alert">
            <p>{move || words.get().message}</p>
            <p class="reason">{move || lang.get().pick(&reason_vi, &reason_en).to_owned()}</p>
            <div class="notice-actions">
                <button type="button" on:click=download>{move || words.get().download}</button>
                " "
                <button type="button" class="secondary" on:click=discard>
                    {move || words.get().discard}
                </button>
            </div>
        </div>
    }
}
