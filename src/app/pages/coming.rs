//! A page whose features are not built yet: it says what it is for and
//! that it is being built, and shows nothing that is not real.

use web_sys::Element;

use crate::app::state::AppState;
use crate::app::ui::*;

/// Vietnamese and English.
pub type Words = (&'static str, &'static str);

pub fn mount(root: &Element, id: &'static str, title: Words, about: Words) {
    let lang = expect_context::<AppState>().lang;
    region(root, move || {
        let lang = lang.get();
        format!(
            r#"<section class="page {id}" aria-labelledby="{id}-title"><h1 id="{id}-title">{}</h1><p class="lead">{}</p><p class="note">{}</p></section>"#,
            lang.pick(title.0, title.1),
            lang.pick(about.0, about.1),
            lang.pick("Trang này đang được xây dựng.", "This page is being built."),
        )
    });
}
