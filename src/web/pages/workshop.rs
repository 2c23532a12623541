//! Hội thảo: the trainer's workshop mode. Not built yet.

use leptos::prelude::*;

use super::coming::ComingPage;

#[component]
pub fn WorkshopPage() -> impl IntoView {
    view! {
        <ComingPage
            id="workshop"
            title_vi="Hội thảo"
            title_en="Workshop"
            about_vi="Trang này sẽ có bộ dữ liệu minh họa, chế độ trình chiếu, bài tập giả định và công cụ gộp tệp của học viên."
            about_en="This page will hold the illustrative demo data, a presentation mode, what-if exercises and a tool to merge participants' files."
        />
    }
}
