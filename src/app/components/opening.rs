//! What a big workspace shows while its units are read after it opened
//! ([`crate::app::state::Reading`]): on the dashboard a line above the
//! targets its last save kept, on every other page a panel in the page's
//! place until the reading is done.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::i18n::format::format_number;
use crate::i18n::Lang;

/// `before` "45.000 / 110.000" `after`, the counts in the page's language;
/// nothing once the units are read.
fn progress(
    state: AppState,
    before: (&'static str, &'static str),
    after: (&'static str, &'static str),
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let lang: Lang = state.lang.get();
        state.reading.get().map(|reading| {
            format!(
                "{} {} / {}{}",
                lang.pick(before.0, before.1),
                format_number(reading.read as f64, 0, lang),
                format_number(reading.units as f64, 0, lang),
                lang.pick(after.0, after.1)
            )
        })
    }
}

/// The dashboard's line while the units are read.
#[component]
pub fn OpeningLine() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = progress(
        state,
        ("Đang đọc dữ liệu các đơn vị:", "Reading the units' data:"),
        (
            ". Các chỉ tiêu dưới đây là kết quả của lần lưu gần nhất; xem chi tiết và sửa dữ liệu được khi đọc xong.",
            ". The targets below are those of the last save; details and editing open once the data is read.",
        ),
    );
    view! {
        <p class="opening-line" id="opening-status" role="status" hidden=move || state.reading.with(Option::is_none)>
            {text}
        </p>
    }
}

/// Every other page's place while the units are read.
#[component]
pub fn OpeningPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    view! {
        <section class="page opening" aria-labelledby="opening-title">
            <h1 id="opening-title">{move || lang.get().pick("Đang mở dữ liệu…", "Opening the data…")}</h1>
            <p id="opening-status" role="status">
                {progress(
                    state,
                    ("Đã đọc", "Read"),
                    (
                        " đơn vị. Trang này mở khi đọc xong.",
                        " units. This page opens once they are read.",
                    ),
                )}
            </p>
            <p><a href="/">{move || lang.get().pick("Về trang Tổng quan", "Back to the overview")}</a></p>
        </section>
    }
}
