//! Editing the plan's targets, the T6 reading, districts and sectors. Edits
//! go into a draft checked as a whole ([`crate::plan_validation`]); only a
//! draft without errors replaces the plan, and warnings are shown and kept.
//!
//! The form is written by [`crate::plan_form`]; this component holds the
//! draft, one delegated listener per kind of event, and the save and
//! discard buttons. An edit rewrites only the messages beside the fields.

use web_sys::Element;

use crate::i18n::Lang;
use crate::plan::Plan;
use crate::plan_draft::{Field, PlanDraft};
use crate::plan_form::{self, Applied};
use crate::plan_validation::check_plan;
use crate::web::dom::{
    action, event_element, fill_slots, focus_later, input_value, name_and_value,
};
use crate::web::state::AppState;
use crate::web::ui::*;

/// Writes the editor into `root` (a `<section>`).
pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let stored_plan = move || state.workspace.with_untracked(|w| w.plan.clone());
    let draft = StoredValue::new(PlanDraft::new(&stored_plan()));
    let opened_id = StoredValue::new(state.workspace.with_untracked(|w| w.id.clone()));
    // `edits` counts changes to the draft; `layout` counts the times the
    // form must be written again (rows added, changes discarded, another
    // tab's save merged, another plan opened).
    let edits = RwSignal::new(0u32);
    let layout = RwSignal::new(0u32);
    // Set when another tab's save changed what this editor shows.
    let heard = RwSignal::new(false);
    let redraw = move || {
        edits.update(|n| *n += 1);
        layout.update(|n| *n += 1);
    };
    let reset = move || {
        draft.update_value(|d| d.discard(&stored_plan()));
        heard.set(false);
        redraw();
    };
    // The plan as stored now merged into the draft, field by field: the
    // editor says so when another save changed it, and shows the result.
    let merge_stored = move || {
        let before = draft.get_value();
        let found = state
            .workspace
            .with_untracked(|w| draft.try_update_value(|d| d.rebase(&w.plan)))
            .unwrap_or_default();
        if found.changed_elsewhere() {
            heard.set(true);
        }
        if draft.with_value(|d| *d != before) {
            redraw();
        }
    };
    // Another plan (another workspace, an import) resets the draft; a save
    // of this plan elsewhere (another tab, another form) is merged into it
    // field by field, and the form shows exactly what the draft holds.
    Effect::watch(
        move || state.workspace.track(),
        move |_, _, _| {
            let id = state.workspace.with_untracked(|w| w.id.clone());
            if opened_id.with_value(|o| *o != id) {
                opened_id.set_value(id);
                reset();
                return;
            }
            merge_stored();
        },
        false,
    );
    let issues = Memo::new(move |_| {
        edits.track();
        draft.with_value(|d| check_plan(&d.draft))
    });
    Effect::watch(
        move || issues.track(),
        move |_, _, _| {
            let slots = draft.with_value(|d| {
                issues.with_untracked(|i| plan_form::messages(&d.draft, i, lang.get_untracked()))
            });
            fill_slots(&slots, plan_form::GENERAL_SLOT);
        },
        false,
    );
    let changed = move || {
        edits.track();
        draft.with_value(PlanDraft::is_changed)
    };
    let in_conflict = move || {
        edits.track();
        draft.with_value(|d| !d.conflicts().is_empty())
    };
    let has_errors = move || issues.with(|i| i.iter().any(|i| i.is_error()));

    let frame = root.clone();
    rebuild_on(
        move || lang.get(),
        move |lang| {
            frame.set_inner_html(&format!(
                r#"<h2 id="plan-editor-title">{}</h2><p class="form-notice" id="plan-notice" role="status"></p><div class="plan-form"></div><div class="form-actions"><button type="button" data-action="save-plan">{}</button><button type="button" class="secondary" data-action="discard-plan">{}</button><span class="form-status" role="status"></span></div>"#,
                lang.pick("Sửa các chỉ tiêu", "Edit the targets"),
                lang.pick("Lưu thay đổi kế hoạch", "Save the plan changes"),
                lang.pick("Hủy thay đổi", "Discard the changes"),
            ));
            let part = |selector: &str| find(&frame, selector).expect("the plan editor");
            region(&part("#plan-notice"), move || {
                if heard.get() {
                    lang.pick(
                        "Tab khác vừa lưu thay đổi cho mục này; giá trị bạn chưa sửa đã được cập nhật.",
                        "Another tab just saved changes to this; the values you had not changed were updated.",
                    )
                } else {
                    ""
                }
                .to_owned()
            });
            region(&part(".plan-form"), move || {
                layout.track();
                draft.with_value(|d| {
                    issues.with_untracked(|i| {
                        plan_form::form_html_with(&d.draft, i, d.conflicts(), lang)
                    })
                })
            });
            let (save, discard) = (
                part("[data-action=save-plan]"),
                part("[data-action=discard-plan]"),
            );
            Effect::new(move |_| {
                let changed = changed();
                toggle_attribute(&save, "disabled", !changed || has_errors() || in_conflict());
                toggle_attribute(&discard, "disabled", !changed);
                // Held back by a reload to a new version (components::update).
                toggle_attribute(&save, "data-unsaved", changed);
            });
            region(&part(".form-status"), move || {
                if in_conflict() {
                    lang.pick(
                        "Chưa lưu: hãy chọn giá trị cho các ô được sửa ở cả hai tab.",
                        "Not saved: choose a value for the fields changed in both tabs.",
                    )
                } else if has_errors() {
                    lang.pick(
                        "Còn lỗi: chưa thể lưu.",
                        "There are errors: it cannot be saved yet.",
                    )
                } else if changed() {
                    lang.pick("Có thay đổi chưa lưu.", "Unsaved changes.")
                } else {
                    ""
                }
                .to_owned()
            });
        },
    );

    let add_sector = move || {
        let name = input_value("new-sector").unwrap_or_default();
        let mut added = false;
        draft.update_value(|d| added = plan_form::add_sector(&mut d.draft, &name));
        if added {
            redraw();
            focus_later("new-sector");
        }
    };
    let choose = move |ev: &web_sys::Event, keep_mine: bool| {
        let Some(field) = event_element(ev, "[data-field]")
            .and_then(|e| e.get_attribute("data-field"))
            .and_then(|key| Field::from_key(&key))
        else {
            return;
        };
        let mut chosen = false;
        draft.update_value(|d| chosen = d.choose(&field, keep_mine));
        if chosen {
            redraw();
        }
    };
    listen(root, "change", move |ev| {
        let Some((name, value)) = name_and_value(&ev) else {
            return;
        };
        let mut applied = Applied::Unknown;
        draft.update_value(|d| {
            applied = plan_form::apply(&mut d.draft, &name, &value, lang.get_untracked())
        });
        if applied != Applied::Unknown {
            edits.update(|n| *n += 1);
        }
    });
    listen(root, "click", move |ev| match action(&ev).as_deref() {
        Some("add-sector") => add_sector(),
        Some("plan-conflict-keep") => choose(&ev, true),
        Some("plan-conflict-take") => choose(&ev, false),
        Some("save-plan") => {
            if has_errors() {
                return;
            }
            // Onto the plan as it is stored now: a save made elsewhere since
            // the last merge is merged first, and a new conflict stops here.
            merge_stored();
            let Some(plan) = draft.with_value(PlanDraft::to_save) else {
                return;
            };
            state.workspace.update(|w| w.plan = plan);
            heard.set(false);
            edits.update(|n| *n += 1);
        }
        Some("discard-plan") => reset(),
        _ => {}
    });
    listen(root, "keydown", move |ev| {
        if key(&ev) == "Enter" && name_and_value(&ev).is_some_and(|(name, _)| name == "new-sector")
        {
            ev.prevent_default();
            add_sector();
        }
    });
}

/// A copy of the plan to model another one from, marked as a copy.
pub fn copy_of(plan: &Plan, lang: Lang) -> Plan {
    let mut copy = plan.clone();
    copy.identity.number = format!(
        "{} ({})",
        plan.identity.number,
        lang.pick("bản sao", "copy")
    );
    copy
}
