//! A path the app does not know.

use leptos::prelude::*;

use crate::app::words;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{words("Không tìm thấy trang", "Page not found")}</h1>
            <p><a href="/">{words("Về trang Tổng quan", "Back to the dashboard")}</a></p>
        </section>
    }
}
