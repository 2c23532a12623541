//! "A new version is ready — reload": the banner for a new build that the
//! service worker has fetched in the background, with the words and
//! buttons of [`crate::update_view`].
//!
//! boot.js is the go-between: it sets `<html data-update="ready">` and
//! sends `coop-plan:update-ready` when a new build waits, and on
//! `coop-plan:update-apply` lets it take over and reloads the page.
//!
//! Unsaved input, which a reload would lose: a form control in the page
//! whose value differs from the one it was drawn with, or an element
//! marked `data-unsaved` (the plan editor's pending changes).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use crate::update_view::{banner, Update, UpdateAction};
use crate::web::dom::property;
use crate::web::state::AppState;
use crate::web::ui;

const READY: &str = "coop-plan:update-ready";
const APPLY: &str = "coop-plan:update-apply";

/// The banner, while a new version is ready.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let ready_at_start = ui::document()
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
                ui::next_frame(move || {
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
        let _ = ui::window().dispatch_event(&event);
    }
}

fn focus_first_button(banner: &Element) {
    if let Some(button) = ui::find(banner, "button").and_then(|b| b.dyn_into::<HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}

/// The first control in the page that holds input a reload would lose.
fn unsaved_input() -> Option<Element> {
    let main = ui::document().get_element_by_id("main")?;
    if let Some(marked) = ui::find(&main, "[data-unsaved]") {
        return Some(marked);
    }
    let controls = main
        .query_selector_all("form input, form textarea, form select")
        .ok()?;
    // A page holds a few dozen controls; the bound is only a guard.
    (0..controls.length().min(10_000))
        .filter_map(|i| controls.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .find(changed)
}

/// Whether a control's value differs from the one it was drawn with.
fn changed(control: &Element) -> bool {
    let get = |name: &str| property(control, name);
    match control.tag_name().as_str() {
        "SELECT" => {
            // The option drawn as selected, or the first when none was.
            let options = get("options");
            let count = get("length").as_f64().unwrap_or(0.0) as u32;
            let drawn = (0..count.min(10_000))
                .find(|i| {
                    let option =
                        js_sys::Reflect::get(&options, &JsValue::from(*i)).unwrap_or_default();
                    property(&option, "defaultSelected").as_bool() == Some(true)
                })
                .unwrap_or(0);
            get("selectedIndex").as_f64() != Some(f64::from(drawn)) && count > 0
        }
        "INPUT" => match get("type").as_string().as_deref() {
            Some("checkbox" | "radio") => get("checked") != get("defaultChecked"),
            Some("button" | "submit" | "reset" | "hidden" | "file") => false,
            _ => get("value") != get("defaultValue"),
        },
        _ => get("value") != get("defaultValue"),
    }
}
