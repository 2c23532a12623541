//! "A new version is ready — reload": the banner for a new build that the
//! service worker has fetched in the background, with the words and
//! buttons of [`crate::report::update_view`].
//!
//! boot.js is the go-between: it sets `<html data-update="ready">` and
//! sends `coop-plan:update-ready` when a new build waits, and on
//! `coop-plan:update-apply` lets it take over and reloads the page.
//!
//! Unsaved input, which a reload would lose: an element marked
//! `data-unsaved` (a data-page form whose fields differ from the record,
//! the plan editor's and the task form's pending changes).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::app::browser;
use crate::app::state::AppState;
use crate::report::update_view::{banner, Update, UpdateAction};

const READY: &str = "coop-plan:update-ready";
const APPLY: &str = "coop-plan:update-apply";

/// The banner, while a new version is ready.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let ready_at_start = browser::document()
        .document_element()
        .and_then(|html| html.get_attribute("data-update"))
        .is_some_and(|v| v == "ready");
    let update = RwSignal::new(if ready_at_start {
        Update::Ready
    } else {
        Update::None
    });
    // The app lives as long as the page: the listener is never removed.
    let _ = window_event_listener_untyped(READY, move |_| {
        if update.get_untracked() == Update::None {
            update.set(Update::Ready);
        }
    });
    let shown = Memo::new(move |_| banner(update.get(), lang.get()));
    let host = NodeRef::<html::Div>::new();
    let act = move |action: UpdateAction| match action {
        UpdateAction::Reload => {
            if unsaved_input().is_some() {
                update.set(Update::Unsaved);
                // Once the warning has been drawn.
                browser::next_frame(move || {
                    if let Some(host) = host.get_untracked() {
                        focus_first_button(&host);
                    }
                });
            } else {
                apply();
            }
        }
        UpdateAction::ReloadAnyway => apply(),
        UpdateAction::Later => {
            update.set(Update::Ready);
            if let Some(control) = unsaved_input().and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
                let _ = control.focus();
            }
        }
    };
    view! {
        {move || {
                shown
                    .get()
                    .map(|banner| {
                        let buttons = banner
                            .buttons
                            .into_iter()
                            .enumerate()
                            .map(|(index, button)| {
                                view! {
                                    {(index > 0).then_some(" ")}
                                    <button
                                        type="button"
                                        class=button.secondary.then_some("secondary")
                                        on:click=move |_| act(button.action)
                                    >
                                        {button.label}
                                    </button>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class=banner.class node_ref=host>
                                <p>{banner.message}</p>
                                <div class="notice-actions">{buttons}</div>
                            </div>
                        }
                    })
            }}
    }
}

fn apply() {
    if let Ok(event) = web_sys::Event::new(APPLY) {
        let _ = browser::window().dispatch_event(&event);
    }
}

fn focus_first_button(banner: &Element) {
    if let Some(button) =
        browser::find(banner, "button").and_then(|b| b.dyn_into::<HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}

/// What holds input a reload would lose: the first element of the page
/// marked `data-unsaved` (a form whose draft differs from what is stored,
/// the plan editor's pending changes), or the first control inside it when
/// it is a container, for the focus to go back to.
///
/// Controls' `defaultValue` says nothing here: an input bound by Leptos
/// (`prop:value`) has none, so a form says itself whether it is unsaved.
fn unsaved_input() -> Option<Element> {
    let main = browser::document().get_element_by_id("main")?;
    let marked = browser::find(&main, "[data-unsaved]")?;
    if matches!(
        marked.tag_name().as_str(),
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"
    ) {
        return Some(marked);
    }
    browser::find(&marked, "input, select, textarea").or(Some(marked))
}
