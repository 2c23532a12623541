use leptos::prelude::*;

use crate::web::state::AppState;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    view! {
        <section class="page">
            <h1>{move || lang.get().pick("Không tìm thấy trang", "Page not found")}</h1>
            <p><a href="/">{move || lang.get().pick("Về trang Tổng quan", "Back to the dashboard")}</a></p>
        </section>
    }
}
