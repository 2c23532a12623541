//! What an import would do, before it does: the encodings of the CSV files,
//! a merge's conflicts to choose between, the units added, changed and
//! removed, the other changes, every error and warning with its place, and
//! the buttons to confirm or cancel. Above it, how each CSV file's numbers
//! were read, with the button to read a file again the other way.
//!
//! Everything said comes from the domain as data
//! ([`crate::files::import::preview_summary`], [`crate::domain::merge::Merge::conflict_list`],
//! [`crate::files::csv_data::numbers_notes`]); this module lays it out.

use leptos::prelude::*;

use crate::app::pages::data::import::Import;
use crate::app::state::AppState;
use crate::app::words;
use crate::domain::merge::ConflictList;
use crate::files::csv_data::numbers_notes;
use crate::files::import::{preview_summary, LineList, OtherChanges, PreviewSummary};
use crate::report::data_page::{encoding_lines, PREVIEW_SHOWN};

/// Conflicts listed at once; "Newest wins" settles the rest.
const CONFLICTS_SHOWN: usize = 100;

/// How each CSV file's numbers were read, and a button to read it again
/// the other way. Shown with the preview, and with a refused file's errors.
#[component]
pub fn NumbersNotes(import: Import, on_action: UnsyncCallback<()>) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let notes = Memo::new(move |_| {
        let lang = lang.get();
        import.numbers.with(|n| numbers_notes(n, lang))
    });
    move || {
        let notes = notes.get();
        (!notes.is_empty()).then(|| {
            let notes = notes
                .into_iter()
                .map(|note| {
                    let (file, convention) = (note.file, note.reread);
                    let again = move |_| {
                        on_action.run(());
                        import.read_again(file.clone(), convention);
                    };
                    view! {
                        <p class="csv-numbers-file">
                            {note.text}
                            {note.warning.map(|w| view! { <strong>{w}</strong> })}
                            " "
                            <button type="button" class="secondary" on:click=again>
                                {note.reread_label}
                            </button>
                        </p>
                    }
                })
                .collect_view();
            view! { <div class="csv-numbers">{notes}</div> }
        })
    }
}

/// The preview of the import waiting for confirmation, if there is one.
#[component]
pub fn ImportPreviewSection(
    import: Import,
    /// Called before any button's action (it ends the chance to undo a
    /// deletion of a unit).
    on_action: UnsyncCallback<()>,
    /// Called once the preview's workspace has replaced the open one's.
    on_imported: UnsyncCallback<()>,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let summary = Memo::new(move |_| {
        let lang = lang.get();
        import
            .preview
            .with(|p| p.as_ref().map(|p| preview_summary(p, PREVIEW_SHOWN, lang)))
    });
    // Not while a choice's preview is being made again.
    let can_confirm = Memo::new(move |_| {
        import.running.with(Option::is_none)
            && import
                .preview
                .with(|p| p.as_ref().is_some_and(|p| p.can_confirm()))
    });
    let encodings = Memo::new(move |_| {
        let lang = lang.get();
        import.encodings.with(|e| encoding_lines(e, lang))
    });
    let conflicts = Memo::new(move |_| {
        let lang = lang.get();
        import
            .merge
            .with(|m| m.as_ref().map(|m| m.conflict_list(CONFLICTS_SHOWN, lang)))
    });
    let has_conflicts = move || conflicts.with(|c| c.as_ref().is_some_and(|c| !c.items.is_empty()));
    let newest = move |_| {
        on_action.run(());
        import.newest_wins();
    };
    let confirm = move |_| {
        on_action.run(());
        if import.confirm() {
            on_imported.run(());
        }
    };
    let cancel = move |_| {
        on_action.run(());
        import.stop();
    };
    let choose = move |conflict: usize, value: usize| import.choose(conflict, value);
    view! {
        <Show when=move || summary.with(Option::is_some)>
            <section class="import-preview" aria-labelledby="import-preview-title">
                <h3 id="import-preview-title" tabindex="-1">
                    {words("Xem trước khi nhập", "Before importing")}
                </h3>
                {move || {
                    encodings
                        .get()
                        .into_iter()
                        .map(|line| view! { <p class="file-encoding">{line}</p> })
                        .collect_view()
                }}
                <Show when=move || conflicts.with(Option::is_some)>
                    <div class="conflicts">
                        <MergeConflicts list=conflicts choose/>
                    </div>
                    <Show when=has_conflicts>
                        <p>
                            <button type="button" class="secondary" on:click=newest>
                                {words(
                                    "Mới nhất được giữ (chọn giá trị của tệp lưu sau cùng cho mọi mục)",
                                    "Newest wins (take the most recently saved file's value everywhere)",
                                )}
                            </button>
                        </p>
                    </Show>
                </Show>
                {move || summary.get().map(summary_view)}
                <div class="form-actions">
                    <button type="button" id="confirm-import" disabled=move || !can_confirm.get() on:click=confirm>
                        {words("Xác nhận nhập tệp", "Confirm the import")}
                    </button>
                    <button type="button" id="cancel-import" class="secondary" on:click=cancel>
                        {words("Hủy", "Cancel")}
                    </button>
                </div>
            </section>
        </Show>
    }
}

/// The counts, the names, the other changes, the errors and the warnings.
fn summary_view(summary: PreviewSummary) -> impl IntoView {
    let counts = summary
        .counts
        .into_iter()
        .map(|(label, count)| {
            view! {
                <div>
                    <dt>{label}</dt>
                    <dd>{count}</dd>
                </div>
            }
        })
        .collect_view();
    let names = summary
        .names
        .into_iter()
        .map(|(label, line)| {
            view! {
                <p>
                    <strong>{label}</strong>
                    ": "
                    {line}
                </p>
            }
        })
        .collect_view();
    let other = match summary.other {
        OtherChanges::None(text) => view! { <p class="no-other-changes">{text}</p> }.into_any(),
        OtherChanges::Some {
            heading,
            fields,
            lists,
        } => {
            let fields = fields.map(|fields| {
                view! {
                    <p>{fields.heading.clone()}</p>
                    <ul class="field-changes">{lines(fields, None)}</ul>
                }
            });
            let lists = lists
                .into_iter()
                .map(|(heading, text)| {
                    view! {
                        <p>
                            <strong>{heading}</strong>
                            {text}
                        </p>
                    }
                })
                .collect_view();
            view! {
                <section class="other-changes">
                    <p>
                        <strong>{heading}</strong>
                    </p>
                    {fields}
                    {lists}
                </section>
            }
            .into_any()
        }
    };
    let errors = summary.errors.map(|errors| {
        view! {
            <p class="field-error">{errors.heading.clone()}</p>
            <ul class="issues">{lines(errors, Some("issue issue-error"))}</ul>
        }
    });
    let warnings = summary.warnings.map(|warnings| {
        view! {
            <p>{warnings.heading.clone()}</p>
            <ul class="issues">{lines(warnings, Some("issue issue-warning"))}</ul>
        }
    });
    view! {
        <p>
            <strong>{summary.units_heading}</strong>
        </p>
        <dl class="counts">{counts}</dl>
        {names}
        {other}
        {errors}
        {warnings}
    }
}

/// A list's lines as items, and how many more.
pub fn lines(list: LineList, class: Option<&'static str>) -> impl IntoView {
    list.lines
        .into_iter()
        .chain(list.more)
        .map(|line| view! { <li class=class>{line}</li> })
        .collect_view()
}

/// The values that differ between the files, one group of radio buttons
/// each; a choice is made in the merge at once.
#[component]
fn MergeConflicts(
    list: Memo<Option<ConflictList>>,
    choose: impl Fn(usize, usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        list.get().map(|list| {
            let items = list
                .items
                .into_iter()
                .enumerate()
                .map(|(index, item)| {
                    let name = format!("conflict-{index}");
                    let options = item
                        .options
                        .into_iter()
                        .enumerate()
                        .map(|(value, text)| {
                            view! {
                                <label>
                                    <input
                                        type="radio"
                                        name=name.clone()
                                        value=value.to_string()
                                        prop:checked=value == item.chosen
                                        on:change=move |_| choose(index, value)
                                    />
                                    {text}
                                </label>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="conflict">
                            <legend>{item.legend}</legend>
                            {options}
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <p>{list.heading}</p>
                {items}
                {list.more.map(|more| view! { <p>{more}</p> })}
            }
        })
    }
}
