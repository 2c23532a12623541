//! The banner that says a new version of the app is ready, written as
//! HTML text.
//!
//! A new build is fetched in the background by the service worker and
//! waits; the banner's button switches to it and reloads the page. A
//! reload would lose what a user typed into a form and has not saved, so
//! when there is such input the button warns first and names the choice:
//! go back and save, or reload anyway. A warning rather than a banner that
//! waits for the save: the user asked for the reload, may have given up on
//! the form, and should not have to hunt for why nothing happens.
//!
//! Buttons: `data-action="update-reload"` (reload, unless a form has
//! unsaved input), `"update-reload-anyway"` and `"update-later"`.

use crate::html::Html;
use crate::i18n::Lang;

/// Where the banner is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Update {
    /// No new version, or none ready yet: no banner.
    #[default]
    None,
    /// A new version is ready.
    Ready,
    /// The user asked to reload while a form had unsaved input.
    Unsaved,
}

pub fn banner_html(update: Update, lang: Lang) -> String {
    let pick = |vi, en| lang.pick(vi, en);
    let button = |html: &mut Html, action: &str, class: Option<&str>, text: &str| {
        html.element(
            "button",
            &[
                ("type", Some("button")),
                ("class", class),
                ("data-action", Some(action)),
            ],
            text,
        );
    };
    let mut html = Html::new();
    match update {
        Update::None => {}
        Update::Ready => {
            html.open("div", &[("class", Some("notice notice-update"))])
                .element(
                    "p",
                    &[],
                    pick(
                        "Có phiên bản mới — tải lại để dùng.",
                        "A new version is ready — reload to use it.",
                    ),
                )
                .open("div", &[("class", Some("notice-actions"))]);
            button(&mut html, "update-reload", None, pick("Tải lại", "Reload"));
            html.close("div").close("div");
        }
        Update::Unsaved => {
            html.open("div", &[("class", Some("notice notice-warning"))])
                .element(
                    "p",
                    &[],
                    pick(
                        "Có biểu mẫu đang nhập dở chưa lưu. Tải lại bây giờ sẽ mất phần đã nhập; hãy lưu trước, rồi tải lại.",
                        "A form has input that is not saved. Reloading now loses it; save it first, then reload.",
                    ),
                )
                .open("div", &[("class", Some("notice-actions"))]);
            button(
                &mut html,
                "update-later",
                None,
                pick("Quay lại biểu mẫu", "Back to the form"),
            );
            html.text(" ");
            button(
                &mut html,
                "update-reload-anyway",
                Some("secondary"),
                pick("Vẫn tải lại, bỏ phần chưa lưu", "Reload anyway, losing it"),
            );
            html.close("div").close("div");
        }
    }
    html.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_says_what_is_ready_in_both_languages() {
        assert_eq!(banner_html(Update::None, Lang::Vi), "");
        let vi = banner_html(Update::Ready, Lang::Vi);
        assert!(vi.contains("Có phiên bản mới — tải lại"), "{vi}");
        assert!(vi.contains("data-action=\"update-reload\""));
        assert!(banner_html(Update::Ready, Lang::En).contains("A new version is ready — reload"));
    }

    #[test]
    fn unsaved_input_is_warned_of_with_both_choices() {
        for lang in [Lang::Vi, Lang::En] {
            let html = banner_html(Update::Unsaved, lang);
            assert!(html.contains("data-action=\"update-later\""), "{html}");
            assert!(html.contains("data-action=\"update-reload-anyway\""));
            assert!(!html.contains("data-action=\"update-reload\""));
        }
    }
}
