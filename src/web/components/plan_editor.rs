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
use crate::plan_form::{self, Applied};
use crate::plan_validation::check_plan;
use crate::web::dom::{action, fill_slots, focus_later, input_value, name_and_value};
use crate::web::state::AppState;
use crate::web::ui::*;

/// Writes the editor into `root` (a `<section>`).
pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let draft = StoredValue::new(state.workspace.with_untracked(|w| w.plan.clone()));
    // `edits` counts changes to the draft; `layout` counts the times the
    // form must be written again (rows added, changes discarded, another
    // plan opened).
    let edits = RwSignal::new(0u32);
    let layout = RwSignal::new(0u32);
    let reset = move || {
        draft.set_value(state.workspace.with_untracked(|w| w.plan.clone()));
        edits.update(|n| *n += 1);
        layout.update(|n| *n += 1);
    };
    // A plan replaced from elsewhere (another workspace, an import, another
    // tab) resets the draft.
    Effect::watch(
        move || state.workspace.with(|w| w.id.clone()),
        move |_, _, _| reset(),
        false,
    );
    let issues = Memo::new(move |_| {
        edits.track();
        draft.with_value(check_plan)
    });
    Effect::watch(
        move || issues.track(),
        move |_, _, _| {
            let slots = draft.with_value(|d| {
                issues.with_untracked(|i| plan_form::messages(d, i, lang.get_untracked()))
            });
            fill_slots(&slots, plan_form::GENERAL_SLOT);
        },
        false,
    );
    let changed = move || {
        edits.track();
        state
            .workspace
            .with(|w| draft.with_value(|d: &Plan| &w.plan != d))
    };
    let has_errors = move || issues.with(|i| i.iter().any(|i| i.is_error()));

    let frame = root.clone();
    rebuild_on(
        move || lang.get(),
        move |lang| {
            frame.set_inner_html(&format!(
                r#"<h2 id="plan-editor-title">{}</h2><div class="plan-form"></div><div class="form-actions"><button type="button" data-action="save-plan">{}</button><button type="button" class="secondary" data-action="discard-plan">{}</button><span class="form-status" role="status"></span></div>"#,
                lang.pick("Sửa các chỉ tiêu", "Edit the targets"),
                lang.pick("Lưu thay đổi kế hoạch", "Save the plan changes"),
                lang.pick("Hủy thay đổi", "Discard the changes"),
            ));
            let part = |selector: &str| find(&frame, selector).expect("the plan editor");
            region(&part(".plan-form"), move || {
                layout.track();
                draft.with_value(|d| issues.with_untracked(|i| plan_form::form_html(d, i, lang)))
            });
            let (save, discard) = (
                part("[data-action=save-plan]"),
                part("[data-action=discard-plan]"),
            );
            Effect::new(move |_| {
                let changed = changed();
                toggle_attribute(&save, "disabled", !changed || has_errors());
                toggle_attribute(&discard, "disabled", !changed);
            });
            region(&part(".form-status"), move || {
                if has_errors() {
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
        draft.update_value(|d| added = plan_form::add_sector(d, &name));
        if added {
            edits.update(|n| *n += 1);
            layout.update(|n| *n += 1);
            focus_later("new-sector");
        }
    };
    listen(root, "change", move |ev| {
        let Some((name, value)) = name_and_value(&ev) else {
            return;
        };
        let mut applied = Applied::Unknown;
        draft.update_value(|d| applied = plan_form::apply(d, &name, &value, lang.get_untracked()));
        if applied != Applied::Unknown {
            edits.update(|n| *n += 1);
        }
    });
    listen(root, "click", move |ev| match action(&ev).as_deref() {
        Some("add-sector") => add_sector(),
        Some("save-plan") => {
            if has_errors() {
                return;
            }
            let plan = draft.get_value();
            state.workspace.update(|w| w.plan = plan);
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
