//! Mô phỏng: what-if projections, goal seek and Monte Carlo. Not built yet.

use leptos::prelude::*;

use super::coming::ComingPage;

#[component]
pub fn SimulationPage() -> impl IntoView {
    view! {
        <ComingPage
            id="simulation"
            title_vi="Mô phỏng"
            title_en="Simulation"
            about_vi="Trang này sẽ cho phép thử các giả định (tăng trưởng giá trị gia tăng, số suất đào tạo, tốc độ chuyển đổi và giải thể) và xem khả năng đạt từng chỉ tiêu."
            about_en="This page will let you try assumptions (value-added growth, training seats, the pace of reorganisation and dissolution) and see the chance of meeting each target."
        />
    }
}
