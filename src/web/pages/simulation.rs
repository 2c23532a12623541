//! Mô phỏng: what-if projections, goal seek and Monte Carlo. Not built yet.

use web_sys::Element;

pub fn mount(root: &Element) {
    super::coming::mount(
        root,
        "simulation",
        ("Mô phỏng", "Simulation"),
        (
            "Trang này sẽ cho phép thử các giả định (tăng trưởng giá trị gia tăng, số suất đào tạo, tốc độ chuyển đổi và giải thể) và xem khả năng đạt từng chỉ tiêu.",
            "This page will let you try assumptions (value-added growth, training seats, the pace of reorganisation and dissolution) and see the chance of meeting each target.",
        ),
    );
}
