//! Messages the user must see: failed saves, and data kept aside because it
//! could not be read. Written by [`crate::notice_view`]; one click listener
//! handles every button.

use web_sys::Element;

use crate::i18n::Lang;
use crate::notice_view::{notices_html, Kept};
use crate::web::dom::action;
use crate::web::download::download_text;
use crate::web::state::AppState;
use crate::web::storage;
use crate::web::ui::*;

/// Writes the notices into `root` and keeps them current.
pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    region(root, move || {
        let lang = lang.get();
        state.notices.with(|notices| {
            state.quarantined.with(|quarantined| {
                let notices: Vec<_> = notices.iter().map(|n| (n.id, &n.text)).collect();
                let kept: Vec<Kept> = quarantined
                    .iter()
                    .map(|q| Kept {
                        key: &q.key,
                        reason: if lang == Lang::Vi {
                            &q.reason_vi
                        } else {
                            &q.reason_en
                        },
                    })
                    .collect();
                notices_html(&notices, &kept, lang)
            })
        })
    });
    listen(root, "click", move |ev| {
        let Some(action) = action(&ev) else { return };
        let Some((verb, target)) = action.split_once(':') else {
            return;
        };
        match verb {
            "dismiss" => {
                if let Ok(id) = target.parse::<u32>() {
                    state.notices.update(|n| n.retain(|notice| notice.id != id));
                }
            }
            "download" => {
                let file_name = format!("{}.json", target.replace(':', "-"));
                let saved = storage::quarantined_text(target)
                    .is_some_and(|text| download_text(&file_name, "application/json", &text));
                if !saved {
                    state.notify(crate::i18n::Text::new(
                        "Trình duyệt không cho tải tệp về. Dữ liệu vẫn được cất riêng.",
                        "The browser refused the download. The data is still kept aside.",
                    ));
                }
            }
            "discard" => {
                let confirmed = state.confirm(
                    "Xóa hẳn dữ liệu không đọc được này? Không thể hoàn tác.",
                    "Delete this unreadable data for good? This cannot be undone.",
                );
                if confirmed {
                    let target = target.to_owned();
                    wasm_bindgen_futures::spawn_local(async move {
                        storage::discard_quarantined(&target).await;
                        state.quarantined.set(storage::list_quarantined());
                    });
                }
            }
            _ => {}
        }
    });
}
