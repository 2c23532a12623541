//! Messages the user must see: failed saves, and data kept aside because it
//! could not be read.

use leptos::prelude::*;

use crate::web::download::download_text;
use crate::web::state::AppState;
use crate::web::storage::{self, Quarantined};

#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let dismiss = move |id: u32| state.notices.update(|n| n.retain(|notice| notice.id != id));

    view! {
        <div class="notices">
            <For each=move || state.notices.get() key=|notice| notice.id let:notice>
                <div class="notice notice-error" role="alert">
                    <p>{move || notice.text.get(lang.get()).to_owned()}</p>
                    <button type="button" on:click=move |_| dismiss(notice.id)>
                        {move || lang.get().pick("Đã hiểu", "Dismiss")}
                    </button>
                </div>
            </For>
            <For each=move || state.quarantined.get() key=|q| q.key.clone() let:kept>
                <QuarantineNotice kept=kept />
            </For>
        </div>
    }
}

#[component]
fn QuarantineNotice(kept: Quarantined) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let key = kept.key.clone();
    let file_name = format!("{}.json", kept.key.replace(':', "-"));
    let download = {
        let key = key.clone();
        move |_| {
            let saved = storage::quarantined_text(&key)
                .is_some_and(|text| download_text(&file_name, "application/json", &text));
            if !saved {
                state.notify(crate::i18n::Text::new(
                    "Trình duyệt không cho tải tệp về. Dữ liệu vẫn được cất riêng.",
                    "The browser refused the download. The data is still kept aside.",
                ));
            }
        }
    };
    let discard = move |_| {
        let confirmed = state.confirm(
            "Xóa hẳn dữ liệu không đọc được này? Không thể hoàn tác.",
            "Delete this unreadable data for good? This cannot be undone.",
        );
        if confirmed {
            storage::discard_quarantined(&key);
            state.quarantined.set(storage::list_quarantined());
        }
    };
    let reason = move || {
        if lang.get() == crate::i18n::Lang::Vi {
            kept.reason_vi.clone()
        } else {
            kept.reason_en.clone()
        }
    };

    view! {
        <div class="notice notice-warning" role="alert">
            <p>
                {move || lang.get().pick(
                    "Có dữ liệu đã lưu mà ứng dụng không đọc được. Dữ liệu đó đã được cất riêng và không bị ghi đè; bạn có thể tải về để gửi cho người hỗ trợ.",
                    "Some saved data could not be read. It has been kept aside and will not be overwritten; you can download it to send to someone who can help.",
                )}
            </p>
            <p class="reason">{reason}</p>
            <div class="notice-actions">
                <button type="button" on:click=download>
                    {move || lang.get().pick("Tải về dữ liệu không đọc được", "Download the unreadable data")}
                </button>
                <button type="button" class="secondary" on:click=discard>
                    {move || lang.get().pick("Xóa dữ liệu này", "Delete this data")}
                </button>
            </div>
        </div>
    }
}
