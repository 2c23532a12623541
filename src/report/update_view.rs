//! The banner that says a new version of the app is ready, as words and
//! buttons.
//!
//! A new build is fetched in the background by the service worker and
//! waits; the banner's button switches to it and reloads the page. A
//! reload would lose what a user typed into a form and has not saved, so
//! when there is such input the button warns first and names the choice:
//! go back and save, or reload anyway. A warning rather than a banner that
//! waits for the save: the user asked for the reload, may have given up on
//! the form, and should not have to hunt for why nothing happens.
//!
//! No markup: `app::components::update` draws the [`Banner`].

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

/// What a button of the banner does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateAction {
    /// Reload into the new version, unless a form has unsaved input.
    Reload,
    /// Reload although a form has unsaved input.
    ReloadAnyway,
    /// Go back to the form with unsaved input.
    Later,
}

/// A button of the banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BannerButton {
    pub action: UpdateAction,
    /// Drawn as the lesser choice (class `secondary`).
    pub secondary: bool,
    pub label: &'static str,
}

/// The banner: its class (`notice-update` or `notice-warning`), what it
/// says, and its buttons in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    pub class: &'static str,
    pub message: &'static str,
    pub buttons: Vec<BannerButton>,
}

/// The banner for `update`, or none.
pub fn banner(update: Update, lang: Lang) -> Option<Banner> {
    let pick = |vi, en| lang.pick(vi, en);
    let button = |action, secondary, label| BannerButton {
        action,
        secondary,
        label,
    };
    match update {
        Update::None => None,
        Update::Ready => Some(Banner {
            class: "notice notice-update",
            message: pick(
                "Có phiên bản mới — tải lại để dùng.",
                "A new version is ready — reload to use it.",
            ),
            buttons: vec![button(UpdateAction::Reload, false, pick("Tải lại", "Reload"))],
        }),
        Update::Unsaved => Some(Banner {
            class: "notice notice-warning",
            message: pick(
                "Có biểu mẫu đang nhập dở chưa lưu. Tải lại bây giờ sẽ mất phần đã nhập; hãy lưu trước, rồi tải lại.",
                "A form has input that is not saved. Reloading now loses it; save it first, then reload.",
            ),
            buttons: vec![
                button(
                    UpdateAction::Later,
                    false,
                    pick("Quay lại biểu mẫu", "Back to the form"),
                ),
                button(
                    UpdateAction::ReloadAnyway,
                    true,
                    pick("Vẫn tải lại, bỏ phần chưa lưu", "Reload anyway, losing it"),
                ),
            ],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions(banner: &Banner) -> Vec<UpdateAction> {
        banner.buttons.iter().map(|b| b.action).collect()
    }

    #[test]
    fn the_banner_says_what_is_ready_in_both_languages() {
        assert_eq!(banner(Update::None, Lang::Vi), None);
        let vi = banner(Update::Ready, Lang::Vi).expect("a banner");
        assert!(vi.message.contains("Có phiên bản mới — tải lại"), "{vi:?}");
        assert_eq!(actions(&vi), [UpdateAction::Reload]);
        assert_eq!(vi.buttons[0].label, "Tải lại");
        let en = banner(Update::Ready, Lang::En).expect("a banner");
        assert!(en.message.contains("A new version is ready — reload"));
    }

    #[test]
    fn unsaved_input_is_warned_of_with_both_choices() {
        for lang in [Lang::Vi, Lang::En] {
            let warning = banner(Update::Unsaved, lang).expect("a banner");
            assert_eq!(warning.class, "notice notice-warning");
            assert_eq!(
                actions(&warning),
                [UpdateAction::Later, UpdateAction::ReloadAnyway]
            );
            assert!(!warning.buttons[0].secondary && warning.buttons[1].secondary);
        }
    }
}
