//! The notices at the top of every page, written as HTML text: messages
//! the user must see (a failed save, another tab's change), and data kept
//! aside because it could not be read, with its reason and what can be
//! done with it. Written here rather than as a keyed Leptos list, which
//! cost 11 KB of the download for a list that is almost always empty.
//!
//! Buttons: `data-action="dismiss:<id>"`, `"download:<key>"` and
//! `"discard:<key>"`.

use crate::html::Html;
use crate::i18n::{Lang, Text};

/// Data kept aside: its storage key and why it could not be read.
pub struct Kept<'a> {
    pub key: &'a str,
    pub reason: &'a str,
}

pub fn notices_html(notices: &[(u32, &Text)], kept: &[Kept], lang: Lang) -> String {
    let pick = |vi, en| lang.pick(vi, en);
    let mut html = Html::new();
    for (id, text) in notices {
        html.open(
            "div",
            &[
                ("class", Some("notice notice-error")),
                ("role", Some("alert")),
            ],
        )
        .element("p", &[], text.get(lang))
        .element(
            "button",
            &[
                ("type", Some("button")),
                ("data-action", Some(&format!("dismiss:{id}"))),
            ],
            pick("Đã hiểu", "Dismiss"),
        )
        .close("div");
    }
    for kept in kept {
        html.open(
            "div",
            &[("class", Some("notice notice-warning")), ("role", Some("alert"))],
        )
        .element(
            "p",
            &[],
            pick(
                "Có dữ liệu đã lưu mà ứng dụng không đọc được. Dữ liệu đó đã được cất riêng và không bị ghi đè; bạn có thể tải về để gửi cho người hỗ trợ.",
                "Some saved data could not be read. It has been kept aside and will not be overwritten; you can download it to send to someone who can help.",
            ),
        )
        .element("p", &[("class", Some("reason"))], kept.reason)
        .open("div", &[("class", Some("notice-actions"))])
        .element(
            "button",
            &[
                ("type", Some("button")),
                ("data-action", Some(&format!("download:{}", kept.key))),
            ],
            pick("Tải về dữ liệu không đọc được", "Download the unreadable data"),
        )
        .text(" ")
        .element(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("secondary")),
                ("data-action", Some(&format!("discard:{}", kept.key))),
            ],
            pick("Xóa dữ liệu này", "Delete this data"),
        )
        .close("div")
        .close("div");
    }
    html.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_and_kept_data_carry_their_actions() {
        let text = Text::new("Không lưu được <đầy>", "Not saved <full>");
        let kept = [Kept {
            key: "coop-plan:quarantine:main:1",
            reason: "JSON hỏng ở dòng 1",
        }];
        let html = notices_html(&[(7, &text)], &kept, Lang::Vi);
        assert!(html.contains("Không lưu được &lt;đầy&gt;"));
        assert!(html.contains("data-action=\"dismiss:7\""));
        assert!(html.contains("data-action=\"download:coop-plan:quarantine:main:1\""));
        assert!(html.contains("data-action=\"discard:coop-plan:quarantine:main:1\""));
        assert!(html.contains("JSON hỏng ở dòng 1"));
        assert_eq!(html.matches("role=\"alert\"").count(), 2);
        assert_eq!(notices_html(&[], &[], Lang::En), "");
    }
}
