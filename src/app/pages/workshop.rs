//! Hội thảo: the trainer's page. It loads and resets the demonstration
//! workspace ([`crate::domain::demo`]), a city whose aggregates equal Hải Phòng's
//! published mid-2019 figures, opens presentation mode
//! ([`super::present`]), collects participants' files ([`crate::domain::collect`])
//! and answers what-if exercises ([`crate::domain::exercise`]).

use leptos::prelude::*;

use crate::app::components::data_table::DataTable;
use crate::app::components::ForAny;
use crate::app::files;
use crate::app::route::Location;
use crate::app::state::AppState;
use crate::app::storage;
use crate::app::words;
use crate::domain::collect::{
    self, merge_button_text, received_table, sources, workshop_base, Received,
};
use crate::domain::demo::{demo_facts, demo_workspace, published_as_of, DEMO_ID};
use crate::domain::exercise::exercise_views;
use crate::domain::merge::{merge, Merge};

#[component]
pub fn WorkshopPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let location = expect_context::<Location>();
    let open_demo = move |_| {
        // The stored demo, as the room last left it; a new one the first time.
        leptos::task::spawn_local(async move {
            let workspace = match storage::read_workspace(DEMO_ID).await {
                Some(Ok(workspace)) => workspace,
                _ => demo_workspace(),
            };
            state.open_workspace(workspace);
            // At the date of its published figures; the dashboard says so.
            state.as_of.set(published_as_of());
            location.go("/");
        });
    };
    let reset_demo = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let confirmed = state
                .ask(
                    "Đặt lại bộ dữ liệu minh họa như ban đầu? Mọi thay đổi trong bộ minh họa sẽ mất; dữ liệu của bạn không bị ảnh hưởng.",
                    "Reset the demo to how it started? Changes made to the demo are lost; your own data is not touched.",
                )
                .await;
            if confirmed {
                state.open_workspace(demo_workspace());
                state.as_of.set(published_as_of());
                location.go("/");
            }
        });
    };
    let demo_open = move || {
        state
            .workspace
            .with(|w| w.id == DEMO_ID)
            .then(words("Đang mở bộ minh họa.", "The demo is open."))
    };
    let facts = move || {
        let lang = lang.get();
        demo_facts()
            .into_iter()
            .map(|fact| {
                let tag = if fact.published {
                    lang.pick("Số liệu công bố", "Published")
                } else {
                    lang.pick("Tự đặt ra", "Invented")
                };
                let source = (!fact.source.is_empty()).then(|| format!(" ({})", fact.source));
                view! { <li><strong>{tag}</strong>" — "{fact.what.get(lang).to_owned()}{source}</li> }
            })
            .collect_view()
    };
    view! {
        <section class="page workshop" aria-labelledby="workshop-title">
            <h1 id="workshop-title">{words("Hội thảo", "Workshop")}</h1>
            <h2>{words("Bộ dữ liệu minh họa", "Demo data")}</h2>
            <p class="lead">
                {words(
                    "Một thành phố minh họa có số liệu tổng hợp đúng bằng số liệu Hải Phòng công bố giữa năm 2019, để trình bày trong hội thảo. Bộ minh họa được lưu riêng, không trộn với dữ liệu của bạn.",
                    "An illustrative city whose totals equal what Hải Phòng published for mid-2019, to show in a workshop. The demo is kept apart from your own data.",
                )}
            </p>
            <div class="form-actions">
                <button type="button" on:click=open_demo>
                    {words("Mở bộ dữ liệu minh họa", "Open the demo data")}
                </button>
                <button type="button" class="secondary" on:click=reset_demo>
                    {words("Đặt lại bộ dữ liệu minh họa", "Reset the demo data")}
                </button>
                <span role="status" class="demo-status">{demo_open}</span>
            </div>
            <h2>{words("Trình chiếu", "Presentation")}</h2>
            <p>
                <a href="/present" class="button">{words("Trình chiếu các chỉ tiêu", "Present the targets")}</a>
                " "
                {words(
                    "Mỗi màn hình một chỉ tiêu, chữ lớn; phím ← → để chuyển, thanh thời gian để xem các chỉ tiêu thay đổi qua 2017–2020, Esc để thoát.",
                    "One target per screen in large type; ← → to move, the time slider to watch the targets change through 2017–2020, Esc to leave.",
                )}
            </p>
            <div><ul class="demo-facts">{facts}</ul></div>
            <Collect/>
            <section class="exercises" aria-labelledby="exercises-title">
                <h2 id="exercises-title">{words("Bài tập giả định", "What-if exercises")}</h2>
                <p>
                    {words(
                        "Mỗi câu hỏi được trả lời bằng các mô hình mô phỏng trên dữ liệu đang mở, tại ngày đánh giá: chỉ tiêu theo đà của dữ liệu, và khi thay đổi như câu hỏi nêu.",
                        "Each question is answered with the simulation's models on the open data, as of the chosen date: the targets on the data's own course, and with the change the question makes.",
                    )}
                </p>
                <Exercises/>
            </section>
        </section>
    }
}

/// Every exercise with its answer on the open data as of the chosen date.
#[component]
fn Exercises() -> impl IntoView {
    let state = expect_context::<AppState>();
    let views = Memo::new(move |_| {
        let (as_of, lang) = (state.as_of.get(), state.lang.get());
        state.workspace.with(|w| exercise_views(w, as_of, lang))
    });
    let open_as_scenario = words(
        "Mở thành kịch bản trong trang Mô phỏng",
        "Open as a scenario on the Simulation page",
    );
    view! {
        <div class="exercise-list">
            <ForAny each=move || views.get() key=|view| view.clone() let(exercise)>
                <article class="exercise" id=format!("exercise-{}", exercise.id)>
                    <h3>{exercise.question}</h3>
                    <p class="note">{exercise.hint}</p>
                    <p><a href=exercise.href>{open_as_scenario}</a></p>
                    {match exercise.answer {
                        Ok(table) => view! { <DataTable table/> }.into_any(),
                        Err(missing) => view! { <p class="field-warning">{missing}</p> }.into_any(),
                    }}
                </article>
            </ForAny>
        </div>
    }
}

/// Collect and merge: participants' exported files, dropped or picked at
/// once, listed by who sent what, merged by registration code into the
/// workshop workspace (conflicts to choose, or newest wins), whose
/// dashboard is the room's combined picture.
#[component]
fn Collect() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let location = expect_context::<Location>();
    let received = RwSignal::new(Vec::<Received>::new());
    // The merge being decided; a choice updates it in place.
    let merging = RwSignal::new(None::<Merge>);
    let problems = RwSignal::new(Vec::<String>::new());

    let take = move |list: Vec<web_sys::File>| {
        merging.set(None);
        for file in list {
            let (name, modified, bytes) = (file.name(), file.last_modified(), file.size() as u64);
            if bytes > crate::files::import::MAX_IMPORT_BYTES {
                received.update(|r| r.push(Received::read(&name, modified, bytes, None)));
                continue;
            }
            files::read_bytes(&file, move |data| {
                let file = Received::read(&name, modified, bytes, data.as_deref());
                received.update(|r| r.push(file));
            });
        }
    };
    let on_pick = move |input: web_sys::HtmlInputElement| {
        take(files::list(input.files()));
        // The same files can be chosen again.
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        take(files::list(ev.data_transfer().and_then(|d| d.files())));
    };
    let do_merge = move |_| {
        let lang = lang.get_untracked();
        let merged = received.with_untracked(|r| {
            let sources = sources(r);
            merge(&workshop_base(sources.len(), lang), &sources)
        });
        merging.set(Some(merged));
        problems.set(Vec::new());
    };
    let clear = move |_| {
        merging.set(None);
        received.set(Vec::new());
    };
    let newest = move |_| merging.update(|m| m.iter_mut().for_each(Merge::newest_wins));
    let open = move |_| {
        let Some(workspace) = merging.with_untracked(|m| m.as_ref().map(Merge::workspace)) else {
            return;
        };
        let found = collect::problems(&workspace, lang.get_untracked());
        if found.is_empty() {
            state.open_workspace(workspace);
            location.go("/");
        } else {
            problems.set(found);
        }
    };
    let readable = move || received.with(|r| r.iter().any(|f| f.read.is_ok()));
    let conflicts = Memo::new(move |_| {
        let lang = lang.get();
        merging.with(|m| m.as_ref().map(|m| m.conflict_list(200, lang)))
    });
    let has_conflicts = move || conflicts.with(|c| c.as_ref().is_some_and(|c| !c.items.is_empty()));
    // The radio button already shows the choice: the list is not drawn
    // again (which would take the keyboard's place away).
    let choose = move |index: usize, value: usize| {
        merging.update_untracked(|m| m.iter_mut().for_each(|m| m.choose(index, value)))
    };
    view! {
        <section class="collect" aria-labelledby="collect-title">
            <h2 id="collect-title">{words("Gộp dữ liệu của học viên", "Collect the participants' data")}</h2>
            <p>
                {words(
                    "Mỗi học viên xuất dữ liệu của mình (trang Dữ liệu → Xuất JSON). Thả tất cả các tệp vào đây: cùng mã đăng ký là cùng một đơn vị; giá trị khác nhau được liệt kê để chọn. Kết quả là không gian làm việc « Hội thảo », không đụng đến dữ liệu của bạn.",
                    "Each participant exports their data (Data page → Export JSON). Drop all the files here: the same registration code is the same unit; differing values are listed to choose. The result is the « Workshop » workspace; your own data is not touched.",
                )}
            </p>
            <div
                class="drop-zone"
                on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <label for="collect-files">
                    {words(
                        "Thả các tệp vào đây, hoặc chọn tệp (được chọn nhiều tệp):",
                        "Drop the files here, or choose files (several at once):",
                    )}
                </label>
                <input
                    id="collect-files"
                    type="file"
                    multiple
                    accept=".json,application/json"
                    on:change:target=move |ev| on_pick(ev.target())
                />
            </div>
            <div class="collect-panel">
                <Show when=move || received.with(|r| !r.is_empty())>
                    {move || {
                        let table = received.with(|r| received_table(r, lang.get()));
                        view! { <DataTable table/> }
                    }}
                    <div class="form-actions">
                        <button type="button" disabled=move || !readable() on:click=do_merge>
                            {move || received.with(|r| merge_button_text(r, lang.get()))}
                        </button>
                        <button type="button" class="secondary" on:click=clear>
                            {words("Bỏ danh sách tệp", "Clear the list")}
                        </button>
                    </div>
                    <Show when=move || conflicts.with(Option::is_some)>
                        <div class="conflicts">
                            <Conflicts list=conflicts choose/>
                        </div>
                        <div class="form-actions">
                            <Show when=has_conflicts>
                                <button type="button" class="secondary" on:click=newest>
                                    {words(
                                        "Giá trị mới nhất thắng (mọi chỗ khác nhau)",
                                        "Newest wins (every difference)",
                                    )}
                                </button>
                            </Show>
                            <button type="button" on:click=open>
                                {words(
                                    "Mở không gian Hội thảo với dữ liệu đã gộp",
                                    "Open the Workshop workspace with the merged data",
                                )}
                            </button>
                        </div>
                        <Show when=move || problems.with(|p| !p.is_empty())>
                            <p role="alert">
                                {words(
                                    "Dữ liệu gộp còn lỗi, chưa mở được:",
                                    "The merged data has errors and cannot be opened yet:",
                                )}
                            </p>
                            <ul class="issues">
                                {move || {
                                    problems
                                        .get()
                                        .into_iter()
                                        .map(|p| view! { <li class="issue issue-error">{p}</li> })
                                        .collect_view()
                                }}
                            </ul>
                        </Show>
                    </Show>
                </Show>
            </div>
        </section>
    }
}

/// The values that differ between the files, one group of radio buttons
/// each; a choice is made in the merge at once.
#[component]
fn Conflicts(
    list: Memo<Option<crate::domain::merge::ConflictList>>,
    choose: impl Fn(usize, usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        list.get().map(|list| {
            view! {
                <p>{list.heading}</p>
                {list
                    .items
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| {
                        let name = format!("conflict-{index}");
                        view! {
                            <fieldset class="conflict">
                                <legend>{item.legend}</legend>
                                {item
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
                                    .collect_view()}
                            </fieldset>
                        }
                    })
                    .collect_view()}
                {list.more.map(|more| view! { <p>{more}</p> })}
            }
        })
    }
}
