//! A page whose features are not built yet: it says what it is for and
//! that it is being built, and shows nothing that is not real.

use leptos::prelude::*;

use crate::web::state::AppState;

#[component]
pub fn ComingPage(
    id: &'static str,
    title_vi: &'static str,
    title_en: &'static str,
    about_vi: &'static str,
    about_en: &'static str,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <section class=format!("page {id}") aria-labelledby=labelled_by>
            <h1 id=title_id>{move || lang.get().pick(title_vi, title_en)}</h1>
            <p class="lead">{move || lang.get().pick(about_vi, about_en)}</p>
            <p class="note">{move || lang.get().pick("Trang này đang được xây dựng.", "This page is being built.")}</p>
        </section>
    }
}
