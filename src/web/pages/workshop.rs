//! Hội thảo: the trainer's page. For now it loads and resets the
//! demonstration workspace ([`crate::demo`]), a city whose aggregates equal
//! Hải Phòng's published mid-2019 figures, and opens presentation mode
//! ([`super::present`]); exercises and collecting participants' files are
//! not built yet, and the page says so.

use leptos::prelude::*;

use crate::demo::{demo_note_html, demo_workspace, DEMO_ID};
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
            <p class="note">
                {move || lang.get().pick(
                    "Bài tập giả định và gộp tệp của học viên đang được xây dựng.",
                    "What-if exercises and merging participants' files are being built.",
                )}
            </p>
        </section>
    }
}
