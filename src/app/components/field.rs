//! One field of a form: its label, its input (text, number, date, list or
//! checkbox), its hint, the echo of an amount as it will be stored
//! ("= 4.800 triệu đồng"), its message and, while another tab saved it
//! too, the choice between the two values ([`ConflictChoice`]).
//!
//! The field draws a [`FieldView`] that the domain computed
//! ([`crate::edit::form::Form::field`]); it computes nothing itself. The
//! input is bound by property (`prop:value`), so typing is never undone
//! by a redraw, and its message is tied to it for screen readers
//! (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

use crate::app::components::conflict_choice::ConflictChoice;
use crate::edit::form::{FieldKind, FieldView};

/// What the user entered in a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entered {
    /// The text of an input or the code of a list's choice.
    Text(String),
    /// A checkbox ticked (`true`) or not.
    Flag(bool),
}

/// The ids of a field's parts, from the input's.
struct Ids {
    input: String,
    hint: String,
    echo: String,
    message: String,
    conflict: String,
}

impl Ids {
    fn of(id: &str) -> Ids {
        Ids {
            input: id.to_owned(),
            hint: format!("{id}-hint"),
            echo: format!("{id}-echo"),
            message: format!("{id}-msg"),
            conflict: format!("{id}-conflict"),
        }
    }
}

#[component]
pub fn Field(
    /// The input's id (`f-revenue`); its parts are `<id>-hint`,
    /// `<id>-echo`, `<id>-msg` and `<id>-conflict`.
    id: String,
    /// What the field shows, as the domain computed it. Its kind is read
    /// once: a field does not change kind.
    #[prop(into)]
    field: Signal<FieldView>,
    /// Called with each change the user makes.
    on_entered: Callback<Entered>,
    /// Called with the user's choice while the field is in conflict:
    /// `true` keeps the user's value.
    on_choose: Callback<bool>,
) -> impl IntoView {
    let ids = Ids::of(&id);
    let (kind, name, has_hint, has_echo) = field.with_untracked(|f| {
        (
            f.kind.clone(),
            f.field.key(),
            f.hint.is_some(),
            f.echo.is_some(),
        )
    });
    let invalid = move || field.with(|f| f.error).then_some("true");
    let message = view! {
        <span
            id=ids.message.clone()
            class=move || if field.with(|f| f.error) { "field-error" } else { "field-warning" }
        >
            {move || field.with(|f| f.message.clone())}
        </span>
    };
    let conflict = view! {
        <ConflictChoice
            id=ids.conflict.clone()
            text=Signal::derive(move || field.with(|f| f.conflict.clone()))
            on_choose
        />
    };
    let label = move || field.with(|f| f.label.clone());
    if kind == FieldKind::Flag {
        return view! {
            <div class="field">
                <label for=ids.input.clone()>
                    <input
                        id=ids.input.clone()
                        name=name
                        type="checkbox"
                        prop:checked=move || field.with(|f| f.checked)
                        aria-invalid=invalid
                        aria-describedby=ids.message.clone()
                        on:change:target=move |ev| {
                            on_entered.run(Entered::Flag(ev.target().checked()))
                        }
                    />
                    " "
                    {label}
                </label>
                {message}
                {conflict}
            </div>
        }
        .into_any();
    }
    let mut described = Vec::new();
    if has_hint {
        described.push(ids.hint.clone());
    }
    described.push(ids.message.clone());
    if has_echo {
        described.push(ids.echo.clone());
    }
    let described = described.join(" ");
    let control = match kind {
        FieldKind::Choice(_) => {
            let options = move || {
                field.with(|f| {
                    let FieldKind::Choice(choices) = &f.kind else {
                        return Vec::new();
                    };
                    choices
                        .iter()
                        .map(|(code, text)| {
                            let selected = *code == f.value;
                            view! {
                                <option value=code.clone() selected=selected prop:selected=selected>
                                    {text.clone()}
                                </option>
                            }
                        })
                        .collect::<Vec<_>>()
                })
            };
            view! {
                <select
                    id=ids.input.clone()
                    name=name
                    aria-invalid=invalid
                    aria-describedby=described
                    on:change:target=move |ev| on_entered.run(Entered::Text(ev.target().value()))
                >
                    {options}
                </select>
            }
            .into_any()
        }
        kind => {
            let (kind, mode) = match kind {
                FieldKind::Date => ("date", None),
                FieldKind::Number => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <input
                    id=ids.input.clone()
                    name=name
                    type=kind
                    inputmode=mode
                    prop:value=move || field.with(|f| f.value.clone())
                    aria-invalid=invalid
                    aria-describedby=described
                    autocomplete="off"
                    on:input:target=move |ev| on_entered.run(Entered::Text(ev.target().value()))
                />
            }
            .into_any()
        }
    };
    let hint = has_hint.then(|| {
        view! {
            <span id=ids.hint.clone() class="hint">
                {move || field.with(|f| f.hint.unwrap_or_default())}
            </span>
        }
    });
    let echo = has_echo.then(|| {
        view! {
            <span id=ids.echo.clone() class="echo">
                {move || field.with(|f| f.echo.clone().unwrap_or_default())}
            </span>
        }
    });
    view! {
        <div class="field">
            <label for=ids.input.clone()>{label}</label>
            {control}
            {hint}
            {echo}
            {message}
            {conflict}
        </div>
    }
    .into_any()
}
