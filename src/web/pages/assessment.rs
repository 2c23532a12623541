//! Tự đánh giá: a cooperative manager's self-assessment (legal checklist,
//! classification under Thông tư 01/2020/TT-BKHĐT, exemplary readiness,
//! action plan, printable report).
//!
//! Everything on the page is HTML text written by
//! [`crate::assessment::page`], in [`page::REGIONS`] regions. The forms are
//! rewritten only when their shape changes (another cooperative, year,
//! language, rule set, new actions), so typing never loses focus; the
//! results are rewritten after every edit. One `change` and one `click`
//! listener serve every control: they pass the control's `name` and value
//! to [`page::apply`], or its `data-action` to the page's few buttons.

use chrono::Datelike;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::assessment::page;
use crate::web::dom::{action, property};
use crate::web::state::AppState;
use crate::web::today::today;
use crate::web::ui::*;

pub fn mount(root: &Element) {
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
    // What the create form holds until "Tạo" is pressed.
    let drafts = StoredValue::new(Vec::<(String, String)>::new());

    let current = Memo::new(move |_| {
        let (id, year) = chosen.get();
        let id = ws.with(|w| {
            if page::cooperatives(w).any(|u| u.id == id) {
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

    root.set_inner_html(&format!(
        r#"<section class="page assessment-page" aria-labelledby="assessment-title">{}</section>"#,
        "<div></div>".repeat(page::REGIONS)
    ));
    for index in 0..page::REGIONS {
        let Some(element) = find(root, &format!("section > div:nth-child({})", index + 1)) else {
            continue;
        };
        region(&element, move || {
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
        });
    }

    listen(root, "change", move |ev| {
        let Some(control) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let js: &JsValue = control.as_ref();
        let name = property(js, "name").as_string().unwrap_or_default();
        // Inputs and selects alike: `value` and `checked` are read as
        // properties.
        let value = if property(js, "type").as_string().as_deref() == Some("checkbox") {
            property(js, "checked").is_truthy().to_string()
        } else {
            property(js, "value").as_string().unwrap_or_default()
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
                let label = control.get_attribute("aria-label").unwrap_or(name.clone());
                message.set(format!("{label}: {error}"));
            }
        }
        if name == "law" {
            shape.update(|s| *s += 1);
        }
    });

    listen(root, "click", move |ev| {
        let Some(act) = action(&ev) else {
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
                    Ok(new_id) => {
                        drafts.set_value(Vec::new());
                        message.set(String::new());
                        chosen.update(|c| c.0 = new_id);
                    }
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
                let _ = window().print();
            }
            _ => {}
        }
    });
}
