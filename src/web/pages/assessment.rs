//! Tự đánh giá: a cooperative manager's self-assessment (legal checklist,
//! classification under Thông tư 01/2020/TT-BKHĐT, exemplary readiness,
//! action plan, printable report).
//!
//! Everything on the page is HTML text written by
//! [`crate::assessment::page`]. The forms are rewritten only when their
//! shape changes (another cooperative, year, language, rule set, new
//! actions), so typing never loses focus; the results are rewritten after
//! every edit. One `change` and one `click` handler serve every control:
//! they pass the control's `name` and value to [`page::apply`].

use chrono::Datelike;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::assessment::page;
use crate::web::state::AppState;
use crate::web::today::today;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let ws = state.workspace;
    // The cooperative and year asked for; an unknown id means the first
    // cooperative.
    let chosen = RwSignal::new((String::new(), today().year() - 1));
    // Bumped when the forms must be rewritten although the selection did
    // not change (the rule set switched, actions added).
    let shape = RwSignal::new(0u32);
    let message = RwSignal::new(String::new());
    let drafts = StoredValue::new(Vec::<(String, String)>::new());

    let current = Memo::new(move |_| {
        let (id, year) = chosen.get();
        let id = ws.with(|w| {
            let known = page::cooperatives(w).any(|u| u.id == id);
            if known {
                id
            } else {
                page::cooperatives(w)
                    .next()
                    .map(|u| u.id.clone())
                    .unwrap_or_default()
            }
        });
        (id, year)
    });
    // Another workspace opened, or a cooperative created.
    let workspace_key = Memo::new(move |_| ws.with(|w| (w.id.clone(), w.units.len())));
    // Every region is the same closure type, so Leptos builds its
    // rendering code once for all of them.
    let regions = (0..page::REGIONS)
        .map(|index| {
            let html = move || {
                let (id, year) = current.get();
                let lang = lang.get();
                // Only the message's own region follows the message.
                let note = if index == page::MESSAGE_REGION {
                    message.get()
                } else {
                    String::new()
                };
                let write = |w: &crate::workspace::Workspace| {
                    page::region(w, &id, year, today(), lang, index, &note)
                };
                if page::is_form(index) {
                    shape.track();
                    workspace_key.track();
                    ws.with_untracked(write)
                } else if index == page::MESSAGE_REGION {
                    ws.with_untracked(write)
                } else {
                    ws.with(write)
                }
            };
            view! { <div inner_html=html></div> }
        })
        .collect_view();

    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else {
            return;
        };
        // Inputs and selects alike: `name`, `value` and `checked` are read
        // as properties.
        let control: web_sys::HtmlInputElement = target.unchecked_into();
        let name = control.name();
        let value = if control.type_() == "checkbox" {
            control.checked().to_string()
        } else {
            control.value()
        };
        if name == "unit" {
            chosen.update(|c| c.0 = value);
            return;
        }
        if name == "year" {
            chosen.update(|c| c.1 = value.parse().unwrap_or(c.1));
            return;
        }
        if let Some(field) = name.strip_prefix("new:") {
            drafts.update_value(|d| {
                d.retain(|(k, _)| k != field);
                d.push((field.to_owned(), value));
            });
            return;
        }
        let (id, year) = current.get_untracked();
        let lang = lang.get_untracked();
        let mut outcome = Ok(());
        ws.update(|w| outcome = page::apply(w, &id, year, today(), &name, &value, lang));
        match outcome {
            Ok(()) => {
                let _ = control.remove_attribute("aria-invalid");
                message.set(String::new());
            }
            Err(error) => {
                let _ = control.set_attribute("aria-invalid", "true");
                let label = control
                    .get_attribute("aria-label")
                    .unwrap_or_else(|| name.clone());
                message.set(format!("{label}: {error}"));
            }
        }
        if name == "law" {
            shape.update(|s| *s += 1);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(act) = ev
            .target()
            .map(|t| t.unchecked_into::<web_sys::Element>())
            .and_then(|e| e.get_attribute("data-act"))
        else {
            return;
        };
        let (id, year) = current.get_untracked();
        let lang = lang.get_untracked();
        match act.as_str() {
            "create" => {
                let draft = |key: &str| {
                    drafts.with_value(|d| {
                        d.iter()
                            .find(|(k, _)| k == key)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    })
                };
                let (name, code, members) = (draft("name"), draft("code"), draft("members"));
                let mut created = Err(String::new());
                ws.update(|w| {
                    created = page::create_cooperative(w, &name, &code, &members, year, lang)
                });
                match created {
                    Ok(new_id) => chosen.update(|c| c.0 = new_id),
                    Err(error) => message.set(error),
                }
            }
            "propose" => {
                ws.update(|w| {
                    page::propose_actions(w, &id, year, today(), lang);
                });
                shape.update(|s| *s += 1);
            }
            "reorganise"
                if state.confirm(
                    "Ghi nhận hợp tác xã đã tổ chức lại theo Luật HTX 2012 từ hôm nay? Việc này được tính vào chỉ tiêu T1.",
                    "Record the cooperative as reorganised under the 2012 law as of today? This counts towards target T1.",
                ) =>
            {
                ws.update(|w| {
                    page::mark_reorganised(w, &id, year, today());
                });
            }
            "print" => {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }
            _ => {}
        }
    };

    view! {
        <section class="page assessment-page" aria-labelledby="assessment-title" on:change=on_change on:click=on_click>
            {regions}
        </section>
    }
}
