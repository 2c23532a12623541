use web_sys::Element;

use crate::web::state::AppState;
use crate::web::ui::*;

pub fn mount(root: &Element) {
    let lang = expect_context::<AppState>().lang;
    region(root, move || {
        let lang = lang.get();
        format!(
            r#"<section class="page"><h1>{}</h1><p><a href="/">{}</a></p></section>"#,
            lang.pick("Không tìm thấy trang", "Page not found"),
            lang.pick("Về trang Tổng quan", "Back to the dashboard"),
        )
    });
}
