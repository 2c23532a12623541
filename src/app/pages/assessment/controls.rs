//! The page's controls bound to an [`AssessmentField`]: the value shown is
//! the page's ([`Page::value`]); typing is recorded, a change commits; a
//! refused entry is marked `aria-invalid`; a conflict with another tab's
//! save is offered right after the control (after its label, when the
//! control is inside one: a box of buttons inside a label would be part
//! of the control's name).

use leptos::prelude::*;

use super::Page;
use crate::app::components::conflict_choice::ConflictChoice;
use crate::assessment::edit::AssessmentField;

/// An input bound to `field`.
#[component]
pub fn FieldInput(
    field: AssessmentField,
    /// The `<input type>`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = None)] inputmode: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    /// The control's name for the message, and its `aria-label` when
    /// `aria` (a table cell has no `<label>`).
    #[prop(into)]
    label: Signal<String>,
    #[prop(optional)] aria: bool,
    /// Shown beside an amount as it will be stored, as typed.
    #[prop(optional)]
    echo: Option<RwSignal<String>>,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let value = page.value(field);
    let echo_id = echo.map(|_| format!("echo-{}", field.key().replace(':', "-")));
    view! {
        <input
            name=field.key()
            type=kind
            inputmode=inputmode
            class=class
            min=min
            max=max
            aria-label=move || aria.then(|| label.get())
            aria-describedby=echo_id
            aria-invalid=move || page.is_invalid(field).then_some("true")
            prop:value=value
            on:input:target=move |ev| {
                let text = ev.target().value();
                if let Some(echo) = echo {
                    echo.set(text.clone());
                }
                page.typing(field, text);
            }
            on:change:target=move |ev| page.commit(field, ev.target().value(), label.get_untracked())
        />
    }
}

/// A select bound to `field`, with `(value, text)` choices.
#[component]
pub fn FieldSelect(
    field: AssessmentField,
    #[prop(into)] choices: Signal<Vec<(&'static str, String)>>,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] aria: bool,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let value = page.value(field);
    view! {
        <select
            name=field.key()
            aria-label=move || aria.then(|| label.get())
            aria-invalid=move || page.is_invalid(field).then_some("true")
            on:change:target=move |ev| page.commit(field, ev.target().value(), label.get_untracked())
        >
            {move || {
                choices
                    .get()
                    .into_iter()
                    .map(|(key, text)| {
                        view! {
                            <option value=key prop:selected=move || value.get() == key>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// The choice offered beside `field` while it is in conflict.
#[component]
pub fn FieldConflict(field: AssessmentField) -> impl IntoView {
    let page = expect_context::<Page>();
    view! {
        <ConflictChoice
            id=field.conflict_id()
            text=page.conflict(field)
            on_choose=Callback::new(move |keep| page.choose(field, keep))
        />
    }
}

/// A labelled input of a form, its conflict after the label.
#[component]
pub fn LabelledInput(
    field: AssessmentField,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = None)] inputmode: Option<&'static str>,
    /// An amount: echoed as it will be stored.
    #[prop(optional)]
    amount: bool,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let lang = page.lang;
    let echo = amount.then(|| RwSignal::new(String::new()));
    let value = page.value(field);
    // The text echoed: what is typed, else what is shown.
    let echo_text = move || {
        echo.map(|typed| {
            let text = typed.get();
            let text = if text.is_empty() { value.get() } else { text };
            field.typed_echo(&text, lang.get()).unwrap_or_default()
        })
    };
    // A commit shows the stored value: the echo follows it again.
    Effect::watch(
        move || value.get(),
        move |_, _, _| {
            if let Some(echo) = echo {
                echo.set(String::new());
            }
        },
        false,
    );
    let echo_id = format!("echo-{}", field.key().replace(':', "-"));
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            {match echo {
                Some(echo) => {
                    view! {
                        <FieldInput field kind inputmode=Some(inputmode.unwrap_or("decimal")) label echo/>
                    }
                        .into_any()
                }
                None => view! { <FieldInput field kind inputmode label/> }.into_any(),
            }}
            {echo.map(|_| view! { <small class="echo" id=echo_id>{echo_text}</small> })}
        </label>
        <FieldConflict field/>
    }
}

/// A labelled select of a form, its conflict after the label.
#[component]
pub fn LabelledSelect(
    field: AssessmentField,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] choices: Signal<Vec<(&'static str, String)>>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <FieldSelect field choices label/>
        </label>
        <FieldConflict field/>
    }
}
