//! Tự đánh giá: the cooperative manager's self-assessment (legal checklist,
//! classification under Thông tư 01/2020/TT-BKHĐT, action plan). Not built
//! yet; the page says so rather than show anything that is not real.

use web_sys::Element;

pub fn mount(root: &Element) {
    super::coming::mount(
        root,
        "assessment",
        ("Tự đánh giá", "Self-assessment"),
        (
            "Trang này sẽ giúp cán bộ quản lý hợp tác xã tự kiểm tra việc tuân thủ Luật Hợp tác xã (2012 và 2023), tự chấm điểm xếp loại theo Thông tư 01/2020/TT-BKHĐT và lập kế hoạch khắc phục.",
            "This page will let a cooperative's manager check compliance with the Law on Cooperatives (2012 and 2023), score the classification of Circular 01/2020/TT-BKHĐT and draw up an action plan.",
        ),
    );
}
