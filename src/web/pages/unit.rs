//! One unit's record, as stored: what drill-downs link to. The sheet is
//! written by [`crate::report::unit_sheet_html`]; editing is on the data
//! page.

use web_sys::Element;

use crate::report::unit_sheet_html;
use crate::web::state::AppState;
use crate::web::ui::*;

pub fn mount(root: &Element, id: String) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    region(root, move || {
        let lang = lang.get();
        let sheet = state
            .workspace
            .with(|w| w.unit(&id).map(|unit| unit_sheet_html(&w.plan, unit, lang)));
        let body = sheet.unwrap_or_else(|| {
            format!(
                r#"<h1 id="unit-title">{}</h1><p><a href="/data">{}</a></p>"#,
                lang.pick("Không tìm thấy đơn vị", "Unit not found"),
                lang.pick("Về trang Dữ liệu", "Back to the data page"),
            )
        });
        format!(r#"<section class="page unit-page" aria-labelledby="unit-title">{body}</section>"#)
    });
}
