//! The notices at the top of every page, as words: messages the user must
//! see (a failed save, another tab's change), and data kept aside because
//! it could not be read, with its reason and what can be done with it.
//! No markup: `app::components::notices` draws them.

use crate::i18n::Lang;

/// The button that closes a message.
pub fn dismiss_label(lang: Lang) -> &'static str {
    lang.pick("Đã hiểu", "Dismiss")
}

/// What the page says about data kept aside, and its two buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptWords {
    pub message: &'static str,
    pub download: &'static str,
    pub discard: &'static str,
    /// Asked before the data is deleted for good.
    pub confirm_discard: &'static str,
    /// Said when the browser refuses the download.
    pub download_refused: &'static str,
}

impl KeptWords {
    pub fn new(lang: Lang) -> KeptWords {
        let pick = |vi, en| lang.pick(vi, en);
        KeptWords {
            message: pick(
                "Có dữ liệu đã lưu mà ứng dụng không đọc được. Dữ liệu đó đã được cất riêng và không bị ghi đè; bạn có thể tải về để gửi cho người hỗ trợ.",
                "Some saved data could not be read. It has been kept aside and will not be overwritten; you can download it to send to someone who can help.",
            ),
            download: pick("Tải về dữ liệu không đọc được", "Download the unreadable data"),
            discard: pick("Xóa dữ liệu này", "Delete this data"),
            confirm_discard: pick(
                "Xóa hẳn dữ liệu không đọc được này? Không thể hoàn tác.",
                "Delete this unreadable data for good? This cannot be undone.",
            ),
            download_refused: pick(
                "Trình duyệt không cho tải tệp về. Dữ liệu vẫn được cất riêng.",
                "The browser refused the download. The data is still kept aside.",
            ),
        }
    }
}

/// The name of the file that carries data kept aside under `key`: the key
/// with its colons made dashes, which every file system accepts.
pub fn kept_file_name(key: &str) -> String {
    format!("{}.json", key.replace(':', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_data_is_explained_with_both_actions_in_each_language() {
        let vi = KeptWords::new(Lang::Vi);
        let en = KeptWords::new(Lang::En);
        assert!(vi.message.contains("cất riêng") && en.message.contains("kept aside"));
        assert_eq!(vi.download, "Tải về dữ liệu không đọc được");
        assert_eq!(en.discard, "Delete this data");
        assert!(vi.confirm_discard.contains("Không thể hoàn tác"));
        assert_ne!(vi, en);
        assert_eq!(dismiss_label(Lang::Vi), "Đã hiểu");
        assert_eq!(dismiss_label(Lang::En), "Dismiss");
    }

    #[test]
    fn a_kept_file_is_named_after_its_key_without_colons() {
        assert_eq!(
            kept_file_name("coop-plan:quarantine:main:1"),
            "coop-plan-quarantine-main-1.json"
        );
    }
}
