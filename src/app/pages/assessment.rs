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
use std::cell::RefCell;

use web_sys::Element;

use crate::app::dom::{
    action, event_element, focus_first, input_value, name_and_value, refresh_controls, set_text,
};
use crate::app::state::AppState;
use crate::app::today::today;
use crate::app::ui::*;
use crate::assessment::page;
use crate::assessment::shown::Shown;
use crate::field_merge::{KEEP, TAKE};
use crate::workspace::Workspace;

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let ws = state.workspace;
    // The cooperative and year asked for; an unknown id means the first
    // cooperative. (Signal types the app already has: each new one adds
    // code to the download.)
    let chosen_unit = RwSignal::new(String::new());
    // The year chosen last (kept across navigation and reloads), if the
    // page still offers it; else the year before this one.
    let year = crate::app::storage::load_assessment_year()
        .filter(|y| ws.with_untracked(|w| page::assessed_years(w, today()).contains(y)))
        .unwrap_or(today().year() - 1);
    let chosen_year = RwSignal::new(year as usize);
    // Bumped when the forms must be rewritten although the selection did
    // not change (the rule set switched, actions added).
    let shape = RwSignal::new(0u32);
    let message = RwSignal::new(String::new());
    // The assessment as the forms show it (the base of each edit, against
    // another tab's saves), and the field being typed in, not yet saved.
    let shown = StoredValue::new(Shown::default());
    let typing = StoredValue::new(None::<(String, String)>);

    // The cooperative shown (the first when the one asked for is not in
    // the workspace) and the year.
    let current = move |w: &Workspace| {
        let id = chosen_unit.get();
        let known = page::cooperatives(w).any(|u| u.id == id);
        let first = || page::cooperatives(w).next().map(|u| u.id.clone());
        let id = if known {
            id
        } else {
            first().unwrap_or_default()
        };
        (id, chosen_year.get() as i32)
    };

    // The assessment now chosen, as stored, is what the forms show.
    let reset = move || {
        ws.with_untracked(|w| {
            let (id, year) = current(w);
            shown.set_value(Shown::of(w, &id, year));
        })
    };
    reset();
    // The alert's region has a class of its own: it stays in view while
    // the forms scroll (style/main.css), and nothing else does.
    let regions: String = (0..page::REGIONS)
        .map(|index| {
            if index == page::MESSAGE_REGION {
                r#"<div class="assessment-alert"></div>"#
            } else {
                "<div></div>"
            }
        })
        .collect();
    root.set_inner_html(&format!(
        r#"<section class="page assessment-page" aria-labelledby="assessment-title"><p id="{HEARD}" class="form-notice" role="status"></p>{regions}</section>"#
    ));
    let section = root.clone();
    for index in 0..page::REGIONS {
        let Some(element) = region_element(root, index) else {
            continue;
        };
        // A form is written again only when its shape changes (another
        // cooperative, year, workspace or language, the rule set switched,
        // actions added), never for a value typed in it, so the focus
        // stays where the user is: what it was written for is kept.
        let written = RefCell::new((String::new(), String::new()));
        region(&element, move || {
            if index == page::MESSAGE_REGION {
                return page::message_html(&message.get(), lang.get());
            }
            let lang = lang.get();
            let shape = shape.get();
            ws.with(|w| {
                let (id, year) = current(w);
                let html = || page::region(w, &id, year, today(), lang, index);
                if !page::is_form(index) {
                    return html();
                }
                let key = format!(
                    "{}|{}|{id}|{year}|{}|{shape}",
                    w.id,
                    w.units.len(),
                    lang.tag()
                );
                let mut written = written.borrow_mut();
                if written.0 != key {
                    *written = (key, html());
                }
                written.1.clone()
            })
        });
    }

    // Another tab's save of the assessment shown is said at once, and the
    // forms show the stored values; the field being typed keeps its text
    // (its save then checks it against the other tab's value).
    Effect::watch(
        move || ws.track(),
        move |_, _, _| {
            let (id, year) = ws.with_untracked(current);
            let typed = typing.get_value();
            let heard = ws.with_untracked(|w| {
                let mut heard = false;
                shown.update_value(|s| {
                    if s.is_for(&id, year) {
                        heard = s.hear(w, typed.as_ref().map(|(n, _)| n.as_str()));
                    } else {
                        *s = Shown::of(w, &id, year);
                    }
                });
                heard
            });
            if !heard {
                return;
            }
            let lang = lang.get_untracked();
            set_text(HEARD, Shown::heard().get(lang));
            // The forms' controls take the stored values in place, so the
            // one being typed in keeps its text and focus (and is saved,
            // and checked, when left); other controls than before (another
            // tab added actions) are written anew.
            let keep = typed.as_ref().map(|(n, _)| n.as_str());
            let refreshed = ws.with_untracked(|w| {
                (0..page::REGIONS)
                    .filter(|i| page::is_form(*i))
                    .all(|index| {
                        let fresh = page::region(w, &id, year, today(), lang, index);
                        region_element(&section, index)
                            .is_some_and(|element| refresh_controls(&element, &fresh, "name", keep))
                    })
            });
            if !refreshed {
                shape.update(|s| *s += 1);
                if let Some((name, value)) = typed {
                    next_frame(move || restore(&name, &value));
                }
            }
        },
        false,
    );

    // An amount shows beside it the value as it will be stored, as typed.
    listen(root, "input", move |ev| {
        if let Some((name, value)) = name_and_value(&ev) {
            if let Some(echo) = page::typed_echo(&name, &value, lang.get_untracked()) {
                crate::app::dom::set_text(&page::echo_id(&name), &echo);
            }
            typing.set_value(Some((name, value)));
        }
    });

    listen(root, "change", move |ev| {
        let Some((name, value)) = name_and_value(&ev) else {
            return;
        };
        match name.as_str() {
            "unit" => {
                chosen_unit.set(value);
                return reset();
            }
            "year" => {
                let Some(year) = crate::assessment::int(&value).and_then(|y| i32::try_from(y).ok())
                else {
                    return;
                };
                crate::app::storage::save_assessment_year(year);
                chosen_year.set(year as usize);
                return reset();
            }
            // The create form is read when "Tạo" is pressed.
            _ if name.starts_with("new:") => return,
            _ => {}
        }
        typing.set_value(None);
        let (id, year) = ws.with_untracked(current);
        let lang = lang.get_untracked();
        // Saved only if another tab did not change this field meanwhile
        // to another value: else both values are shown, to choose.
        let clear = ws.with_untracked(|w| {
            let mut clear = false;
            shown.update_value(|s| {
                if !s.is_for(&id, year) {
                    *s = Shown::of(w, &id, year);
                }
                clear = s.check(w, &name, &value, today(), lang);
            });
            clear
        });
        if !clear {
            if let Some(old) = crate::app::dom::by_id(&Shown::conflict_id(&name)) {
                old.remove();
            }
            // After the control's label (a box of buttons inside a label
            // would be part of its name), or after the control.
            let control = event_element(&ev, "[name]");
            let place = control
                .as_ref()
                .and_then(|c| c.closest("label").ok().flatten())
                .or(control);
            if let Some(control) = place {
                let _ = control.insert_adjacent_html(
                    "afterend",
                    &shown.with_value(|s| s.choice_html(&name, lang)),
                );
            }
            message.set(Shown::not_saved().get(lang).to_owned());
            focus_first(&format!("#{} button", Shown::conflict_id(&name)));
            return;
        }
        let mut outcome = Ok(());
        ws.update(|w| outcome = page::apply(w, &id, year, today(), &name, &value, lang));
        ws.with_untracked(|w| shown.update_value(|s| s.saved(w, &name)));
        match outcome {
            Ok(()) => {
                // Saved here: what another tab did before is shown already.
                set_text(HEARD, "");
                if let Some(control) = event_element(&ev, "[name]") {
                    let _ = control.remove_attribute("aria-invalid");
                }
                message.set(String::new());
            }
            Err(error) => {
                let control = event_element(&ev, "[name]");
                let label = control.as_ref().and_then(|c| {
                    let _ = c.set_attribute("aria-invalid", "true");
                    c.get_attribute("aria-label")
                });
                message.set(format!("{}: {error}", label.unwrap_or(name.clone())));
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
        let (id, year) = ws.with_untracked(current);
        let lang = lang.get_untracked();
        match act.as_str() {
            KEEP | TAKE => {
                let Some(name) =
                    event_element(&ev, "[data-field]").and_then(|b| b.get_attribute("data-field"))
                else {
                    return;
                };
                let mut mine = None;
                shown.update_value(|s| mine = s.choose(&name, act == KEEP));
                if let Some(value) = mine {
                    let mut outcome = Ok(());
                    ws.update(|w| {
                        outcome = page::apply(w, &id, year, today(), &name, &value, lang)
                    });
                    ws.with_untracked(|w| shown.update_value(|s| s.saved(w, &name)));
                    if let Err(error) = outcome {
                        message.set(error);
                    }
                } else {
                    message.set(String::new());
                }
                // The forms show what is stored now, without the choice.
                shape.update(|s| *s += 1);
            }
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
                // Made here: the forms are written again from it.
                ws.with_untracked(|w| shown.set_value(Shown::of(w, &id, year)));
                shape.update(|s| *s += 1);
            }
            "reorganise" => {
                // Asked in the app's own dialog; recorded once confirmed.
                wasm_bindgen_futures::spawn_local(async move {
                    if state
                        .ask(
                            "Ghi nhận hợp tác xã đã tổ chức lại theo Luật HTX 2012 từ hôm nay? Việc này được tính vào chỉ tiêu T1.",
                            "Record the cooperative as reorganised under the 2012 law as of today? This counts towards target T1.",
                        )
                        .await
                    {
                        ws.update(|w| {
                            page::mark_reorganised(w, &id, year, today());
                        });
                    }
                });
            }
            "print" => {
                let _ = window().print();
            }
            _ => {}
        }
    });
}

/// The element of region `index` of the page in `root`.
fn region_element(root: &Element, index: usize) -> Option<Element> {
    find(root, &format!("section > div:nth-of-type({})", index + 1))
}

/// The line that says another tab saved the assessment shown.
const HEARD: &str = "assessment-heard";

/// Puts back what the user was typing in control `name` (the forms were
/// just written again) and the focus in it.
fn restore(name: &str, value: &str) {
    let selector = format!("[name=\"{name}\"]");
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten());
    if let Some(control) = found {
        let _ = js_sys::Reflect::set(&control, &"value".into(), &value.into());
        focus_first(&selector);
    }
}
