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
use crate::web::dom::{action, input_value, property};
use crate::web::state::AppState;
use crate::web::today::today;
use crate::web::ui::*;

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let ws = state.workspace;
    // The cooperative and year asked for; an unknown id means the first
    // cooperative. (Signal types the app already has: each new one adds
    // code to the download.)
    let chosen_unit = RwSignal::new(String::new());
    let chosen_year = RwSignal::new((today().year() - 1) as usize);
    // Bumped when the forms must be rewritten although the selection did
    // not change (the rule set switched, actions added).
    let shape = RwSignal::new(0u32);
    let message = RwSignal::new(String::new());

    // The cooperative shown and the year.
    let current = Memo::new(move |_| {
        let id = chosen_unit.get();
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
        (id, chosen_year.get())
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
                page::region(w, &id, year as i32, today(), lang, index, &note)
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
        match name.as_str() {
            "unit" => return chosen_unit.set(value),
            "year" => return chosen_year.set(crate::assessment::int(&value).unwrap_or(0) as usize),
            // The create form is read when "Tạo" is pressed.
            _ if name.starts_with("new:") => return,
            _ => {}
        }
        let (id, year) = current.get_untracked();
        let lang = lang.get_untracked();
        let mut outcome = Ok(());
        ws.update(|w| outcome = page::apply(w, &id, year as i32, today(), &name, &value, lang));
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
        let (year, lang) = (year as i32, lang.get_untracked());
        match act.as_str() {
            "create" => {
                let field = |id: &str| input_value(id).unwrap_or_default();
                let (name, code, members) =
                    (field("new-name"), field("new-code"), field("new-members"));
                let mut created = Err(String::new());
                ws.update(|w| {
                    created = page::create_cooperative(w, &name, &code, &members, year, lang)
                });
                match created {
                    Ok(new_id) => {
                        message.set(String::new());
                        chosen_unit.set(new_id);
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
