//! Beside a field changed here and by another tab's save: the other value
//! and the choice to keep the user's value or take that one
//! ([`crate::domain::field_merge`]). Shown only while the field is in conflict.

use leptos::prelude::*;

use crate::app::words;

#[component]
pub fn ConflictChoice(
    /// The paragraph's id (`plan-conflict-T5-value`, `task-lead-conflict`).
    id: String,
    /// What is said ([`crate::domain::field_merge::choice_text`]); `None` while
    /// the field is not in conflict.
    #[prop(into)]
    text: Signal<Option<String>>,
    /// Called with `true` to keep the user's value, `false` to take the
    /// other one.
    on_choose: Callback<bool>,
) -> impl IntoView {
    let keep = words("Giữ giá trị của bạn", "Keep your value");
    let take = words("Lấy giá trị kia", "Take the other value");
    move || {
        text.get().map(|text| {
            view! {
                <p class="field-conflict" id=id.clone() role="alert">
                    {text}
                    " "
                    <button type="button" class="secondary" on:click=move |_| on_choose.run(true)>
                        {keep}
                    </button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| on_choose.run(false)>
                        {take}
                    </button>
                </p>
            }
        })
    }
}
