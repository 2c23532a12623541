//! Hội thảo: the trainer's page. For now it loads and resets the
//! demonstration workspace ([`crate::demo`]), a city whose aggregates equal
//! Hải Phòng's published mid-2019 figures, and opens presentation mode
//! ([`super::present`]), collects participants' files ([`crate::collect`])
//! and answers what-if exercises ([`crate::exercise`]).

use leptos::prelude::*;

use crate::collect::{self, sources, workshop_base, Received};
use crate::demo::{demo_note_html, demo_workspace, DEMO_ID};
use crate::merge::{merge, Merge};
use crate::web::files;
use crate::web::route::navigate;
use crate::web::state::AppState;
use crate::web::storage;

#[component]
pub fn WorkshopPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let go_to_dashboard = move || navigate("/");
    let open_demo = {
        let go = go_to_dashboard;
        move |_| {
            // The stored demo, as the room last left it; a new one the first time.
            let workspace = match storage::read_workspace(DEMO_ID) {
                Some(Ok(workspace)) => workspace,
                _ => demo_workspace(),
            };
            state.open_workspace(workspace);
            go();
        }
    };
    let reset_demo = move |_| {
        let confirmed = state.confirm(
                    "Đặt lại bộ dữ liệu minh họa như ban đầu? Mọi thay đổi trong bộ minh họa sẽ mất; dữ liệu của bạn không bị ảnh hưởng.",
                    "Reset the demo to how it started? Changes made to the demo are lost; your own data is not touched.",
        );
        if confirmed {
            state.open_workspace(demo_workspace());
            go_to_dashboard();
        }
    };
    let in_demo = move || state.workspace.with(|w| w.id == DEMO_ID);
    view! {
        <section class="page workshop" aria-labelledby="workshop-title">
            <h1 id="workshop-title">{move || lang.get().pick("Hội thảo", "Workshop")}</h1>
            <h2>{move || lang.get().pick("Bộ dữ liệu minh họa", "Demo data")}</h2>
            <p class="lead">
                {move || lang.get().pick(
                    "Một thành phố minh họa có số liệu tổng hợp đúng bằng số liệu Hải Phòng công bố giữa năm 2019, để trình bày trong hội thảo. Bộ minh họa được lưu riêng, không trộn với dữ liệu của bạn.",
                    "An illustrative city whose totals equal what Hải Phòng published for mid-2019, to show in a workshop. The demo is kept apart from your own data.",
                )}
            </p>
            <div class="form-actions">
                <button type="button" on:click=open_demo>
                    {move || lang.get().pick("Mở bộ dữ liệu minh họa", "Open the demo data")}
                </button>
                <button type="button" class="secondary" on:click=reset_demo>
                    {move || lang.get().pick("Đặt lại bộ dữ liệu minh họa", "Reset the demo data")}
                </button>
                <span role="status">
                    {move || in_demo().then(|| lang.get().pick("Đang mở bộ minh họa.", "The demo is open."))}
                </span>
            </div>
            <h2>{move || lang.get().pick("Trình chiếu", "Presentation")}</h2>
            <p>
                <a href="/present" class="button">{move || lang.get().pick("Trình chiếu các chỉ tiêu", "Present the targets")}</a>
                " "
                {move || lang.get().pick(
                    "Mỗi màn hình một chỉ tiêu, chữ lớn; phím ← → để chuyển, thanh thời gian để xem các chỉ tiêu thay đổi qua 2017–2020, Esc để thoát.",
                    "One target per screen in large type; ← → to move, the time slider to watch the targets change through 2017–2020, Esc to leave.",
                )}
            </p>
            <div inner_html=move || demo_note_html(lang.get())></div>
            <Collect />
            <section class="exercises" aria-labelledby="exercises-title">
                <h2 id="exercises-title">{move || lang.get().pick("Bài tập giả định", "What-if exercises")}</h2>
                <p>{move || lang.get().pick(
                    "Mỗi câu hỏi được trả lời bằng các mô hình mô phỏng trên dữ liệu đang mở, tại ngày đánh giá: chỉ tiêu theo đà của dữ liệu, và khi thay đổi như câu hỏi nêu.",
                    "Each question is answered with the simulation's models on the open data, as of the chosen date: the targets on the data's own course, and with the change the question makes.",
                )}</p>
                <div inner_html=move || {
                    let (lang, as_of) = (lang.get(), state.as_of.get());
                    state.workspace.with(|w| crate::exercise::exercises_html(w, as_of, lang))
                }></div>
            </section>
        </section>
    }
}

/// Collect and merge: participants' exported files, dropped or picked at
/// once, listed by who sent what, merged by registration code into the
/// workshop workspace (conflicts to choose, or newest wins), whose
/// dashboard is the room's combined picture. The panel is written by
/// [`crate::collect::panel_html`]; its buttons are handled here at once.
#[component]
fn Collect() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let received = RwSignal::new(Vec::<Received>::new());
    // The merge being decided and what keeps it from opening; `shown`
    // counts the changes the panel must be written again for (choices made
    // with the radio buttons are already on screen).
    let merging = StoredValue::new(None::<Merge>);
    let problems = StoredValue::new(Vec::<String>::new());
    let shown = RwSignal::new(0u32);
    let redraw = move || shown.update(|n| *n += 1);
    let take = move |list: Vec<web_sys::File>| {
        merging.set_value(None);
        for file in list {
            let (name, modified, bytes) = (file.name(), file.last_modified(), file.size() as u64);
            if bytes > crate::import::MAX_IMPORT_BYTES {
                received.update(|r| r.push(Received::read(&name, modified, bytes, None)));
                continue;
            }
            files::read_text(&file, move |text| {
                let file = Received::read(&name, modified, bytes, text.as_deref());
                received.update(|r| r.push(file));
            });
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            take(files::list(input.files()));
            // The same files can be chosen again.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        take(files::list(ev.data_transfer().and_then(|d| d.files())));
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let lang = lang.get_untracked();
        match crate::web::dom::action(&ev).as_deref() {
            Some("merge") => {
                let merged = received.with_untracked(|r| {
                    let sources = sources(r);
                    merge(&workshop_base(sources.len(), lang), &sources)
                });
                merging.set_value(Some(merged));
                problems.set_value(Vec::new());
            }
            Some("clear") => {
                merging.set_value(None);
                received.set(Vec::new());
            }
            Some("newest") => merging.update_value(|m| {
                if let Some(m) = m {
                    m.newest_wins()
                }
            }),
            Some("open") => {
                let Some(workspace) = merging.with_value(|m| m.as_ref().map(Merge::workspace))
                else {
                    return;
                };
                let found = collect::problems(&workspace, lang);
                if found.is_empty() {
                    state.open_workspace(workspace);
                    crate::web::route::navigate("/");
                    return;
                }
                problems.set_value(found);
            }
            _ => return,
        }
        redraw();
    };
    let on_choose = move |ev: leptos::ev::Event| {
        let Some((name, value)) = crate::web::dom::name_and_value(&ev) else {
            return;
        };
        let index = name.strip_prefix("conflict-").and_then(|i| i.parse().ok());
        if let (Some(index), Ok(value)) = (index, value.parse()) {
            merging.update_value(|m| {
                if let Some(m) = m {
                    m.choose(index, value)
                }
            });
        }
    };
    let panel = move || {
        shown.track();
        let lang = lang.get();
        received.with(|r| {
            merging.with_value(|m| {
                problems.with_value(|p| collect::panel_html(r, m.as_ref(), p, lang))
            })
        })
    };
    let pick = move |vi: &'static str, en: &'static str| move || lang.get().pick(vi, en);
    view! {
        <section class="collect" aria-labelledby="collect-title">
            <h2 id="collect-title">{pick("Gộp dữ liệu của học viên", "Collect the participants' data")}</h2>
            <p>{pick(
                "Mỗi học viên xuất dữ liệu của mình (trang Dữ liệu → Xuất JSON). Thả tất cả các tệp vào đây: cùng mã đăng ký là cùng một đơn vị; giá trị khác nhau được liệt kê để chọn. Kết quả là không gian làm việc « Hội thảo », không đụng đến dữ liệu của bạn.",
                "Each participant exports their data (Data page → Export JSON). Drop all the files here: the same registration code is the same unit; differing values are listed to choose. The result is the « Workshop » workspace; your own data is not touched.",
            )}</p>
            <div class="drop-zone" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label for="collect-files">{pick("Thả các tệp vào đây, hoặc chọn tệp (được chọn nhiều tệp):", "Drop the files here, or choose files (several at once):")}</label>
                <input id="collect-files" type="file" multiple accept=".json,application/json" on:change=on_pick />
            </div>
            <div inner_html=panel on:click=on_click on:change=on_choose></div>
        </section>
    }
}
