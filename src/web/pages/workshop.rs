//! Hội thảo: the trainer's page. It loads and resets the demonstration
//! workspace ([`crate::demo`]), a city whose aggregates equal Hải Phòng's
//! published mid-2019 figures, opens presentation mode
//! ([`super::present`]), collects participants' files ([`crate::collect`])
//! and answers what-if exercises ([`crate::exercise`]).

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::collect::{self, sources, workshop_base, Received};
use crate::demo::{demo_note_html, demo_workspace, published_as_of, DEMO_ID};
use crate::merge::{merge, Merge};
use crate::web::dom::{action, event_element, name_and_value};
use crate::web::files;
use crate::web::route::Location;
use crate::web::state::AppState;
use crate::web::storage;
use crate::web::ui::*;

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let location = expect_context::<Location>();
    let collect = Collect::new();

    let frame = root.clone();
    rebuild_on(
        move || lang.get(),
        move |lang| {
            frame.set_inner_html(&format!(
                r#"<section class="page workshop" aria-labelledby="workshop-title"><h1 id="workshop-title">{}</h1><h2>{}</h2><p class="lead">{}</p><div class="form-actions"><button type="button" data-action="open-demo">{}</button><button type="button" class="secondary" data-action="reset-demo">{}</button><span role="status" class="demo-status"></span></div><h2>{}</h2><p><a href="/present" class="button">{}</a> {}</p><div>{}</div><section class="collect" aria-labelledby="collect-title"><h2 id="collect-title">{}</h2><p>{}</p><div class="drop-zone"><label for="collect-files">{}</label><input id="collect-files" type="file" multiple accept=".json,application/json"></div><div class="collect-panel"></div></section><section class="exercises" aria-labelledby="exercises-title"><h2 id="exercises-title">{}</h2><p>{}</p><div class="exercise-list"></div></section></section>"#,
                lang.pick("Hội thảo", "Workshop"),
                lang.pick("Bộ dữ liệu minh họa", "Demo data"),
                lang.pick(
                    "Một thành phố minh họa có số liệu tổng hợp đúng bằng số liệu Hải Phòng công bố giữa năm 2019, để trình bày trong hội thảo. Bộ minh họa được lưu riêng, không trộn với dữ liệu của bạn.",
                    "An illustrative city whose totals equal what Hải Phòng published for mid-2019, to show in a workshop. The demo is kept apart from your own data.",
                ),
                lang.pick("Mở bộ dữ liệu minh họa", "Open the demo data"),
                lang.pick("Đặt lại bộ dữ liệu minh họa", "Reset the demo data"),
                lang.pick("Trình chiếu", "Presentation"),
                lang.pick("Trình chiếu các chỉ tiêu", "Present the targets"),
                lang.pick(
                    "Mỗi màn hình một chỉ tiêu, chữ lớn; phím ← → để chuyển, thanh thời gian để xem các chỉ tiêu thay đổi qua 2017–2020, Esc để thoát.",
                    "One target per screen in large type; ← → to move, the time slider to watch the targets change through 2017–2020, Esc to leave.",
                ),
                demo_note_html(lang),
                lang.pick("Gộp dữ liệu của học viên", "Collect the participants' data"),
                lang.pick(
                    "Mỗi học viên xuất dữ liệu của mình (trang Dữ liệu → Xuất JSON). Thả tất cả các tệp vào đây: cùng mã đăng ký là cùng một đơn vị; giá trị khác nhau được liệt kê để chọn. Kết quả là không gian làm việc « Hội thảo », không đụng đến dữ liệu của bạn.",
                    "Each participant exports their data (Data page → Export JSON). Drop all the files here: the same registration code is the same unit; differing values are listed to choose. The result is the « Workshop » workspace; your own data is not touched.",
                ),
                lang.pick(
                    "Thả các tệp vào đây, hoặc chọn tệp (được chọn nhiều tệp):",
                    "Drop the files here, or choose files (several at once):",
                ),
                lang.pick("Bài tập giả định", "What-if exercises"),
                lang.pick(
                    "Mỗi câu hỏi được trả lời bằng các mô hình mô phỏng trên dữ liệu đang mở, tại ngày đánh giá: chỉ tiêu theo đà của dữ liệu, và khi thay đổi như câu hỏi nêu.",
                    "Each question is answered with the simulation's models on the open data, as of the chosen date: the targets on the data's own course, and with the change the question makes.",
                ),
            ));
            let part = |selector: &str| find(&frame, selector).expect("the workshop page");
            region(&part(".demo-status"), move || {
                if state.workspace.with(|w| w.id == DEMO_ID) {
                    lang.pick("Đang mở bộ minh họa.", "The demo is open.")
                        .to_owned()
                } else {
                    String::new()
                }
            });
            region(&part(".collect-panel"), move || collect.panel(lang));
            region(&part(".exercise-list"), move || {
                let as_of = state.as_of.get();
                state
                    .workspace
                    .with(|w| crate::exercise::exercises_html(w, as_of, lang))
            });
        },
    );

    listen(root, "click", move |ev| match action(&ev).as_deref() {
        Some("open-demo") => {
            // The stored demo, as the room last left it; a new one the first time.
            let workspace = match storage::read_workspace(DEMO_ID) {
                Some(Ok(workspace)) => workspace,
                _ => demo_workspace(),
            };
            state.open_workspace(workspace);
            // At the date of its published figures; the dashboard says so.
            state.as_of.set(published_as_of());
            location.go("/");
        }
        Some("reset-demo") => {
            let confirmed = state.confirm(
                "Đặt lại bộ dữ liệu minh họa như ban đầu? Mọi thay đổi trong bộ minh họa sẽ mất; dữ liệu của bạn không bị ảnh hưởng.",
                "Reset the demo to how it started? Changes made to the demo are lost; your own data is not touched.",
            );
            if confirmed {
                state.open_workspace(demo_workspace());
                state.as_of.set(published_as_of());
                location.go("/");
            }
        }
        Some(other) if collect.act(other, state) => location.go("/"),
        _ => {}
    });
    listen(root, "change", move |ev| {
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|input| input.id() == "collect-files")
        {
            collect.take(files::list(input.files()));
            // The same files can be chosen again.
            input.set_value("");
        } else if let Some((name, value)) = name_and_value(&ev) {
            collect.choose(&name, &value);
        }
    });
    listen(root, "dragover", |ev| {
        if event_element(&ev, ".drop-zone").is_some() {
            ev.prevent_default();
        }
    });
    listen(root, "drop", move |ev| {
        if event_element(&ev, ".drop-zone").is_none() {
            return;
        }
        ev.prevent_default();
        let dropped = ev
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(|d| d.data_transfer())
            .and_then(|d| d.files());
        collect.take(files::list(dropped));
    });
}

/// Collect and merge: participants' exported files, dropped or picked at
/// once, listed by who sent what, merged by registration code into the
/// workshop workspace (conflicts to choose, or newest wins), whose
/// dashboard is the room's combined picture. The panel is written by
/// [`crate::collect::panel_html`].
#[derive(Clone, Copy)]
struct Collect {
    received: RwSignal<Vec<Received>>,
    /// The merge being decided and what keeps it from opening.
    merging: StoredValue<Option<Merge>>,
    problems: StoredValue<Vec<String>>,
    /// Counts the changes the panel must be written again for (choices
    /// made with the radio buttons are already on screen).
    shown: RwSignal<u32>,
}

impl Collect {
    fn new() -> Collect {
        Collect {
            received: RwSignal::new(Vec::new()),
            merging: StoredValue::new(None),
            problems: StoredValue::new(Vec::new()),
            shown: RwSignal::new(0),
        }
    }

    fn panel(self, lang: crate::i18n::Lang) -> String {
        self.shown.track();
        self.received.with(|r| {
            self.merging.with_value(|m| {
                self.problems
                    .with_value(|p| collect::panel_html(r, m.as_ref(), p, lang))
            })
        })
    }

    fn take(self, list: Vec<web_sys::File>) {
        self.merging.set_value(None);
        for file in list {
            let (name, modified, bytes) = (file.name(), file.last_modified(), file.size() as u64);
            if bytes > crate::import::MAX_IMPORT_BYTES {
                self.received
                    .update(|r| r.push(Received::read(&name, modified, bytes, None)));
                continue;
            }
            files::read_bytes(&file, move |data| {
                let file = Received::read(&name, modified, bytes, data.as_deref());
                self.received.update(|r| r.push(file));
            });
        }
    }

    /// A radio button chose one side of a conflict.
    fn choose(self, name: &str, value: &str) {
        let index = name.strip_prefix("conflict-").and_then(|i| i.parse().ok());
        if let (Some(index), Ok(value)) = (index, value.parse()) {
            self.merging.update_value(|m| {
                if let Some(m) = m {
                    m.choose(index, value)
                }
            });
        }
    }

    /// A button of the panel; `true` when the merged workspace was opened.
    fn act(self, action: &str, state: AppState) -> bool {
        let lang = state.lang.get_untracked();
        match action {
            "merge" => {
                let merged = self.received.with_untracked(|r| {
                    let sources = sources(r);
                    merge(&workshop_base(sources.len(), lang), &sources)
                });
                self.merging.set_value(Some(merged));
                self.problems.set_value(Vec::new());
            }
            "clear" => {
                self.merging.set_value(None);
                self.received.set(Vec::new());
            }
            "newest" => self.merging.update_value(|m| {
                if let Some(m) = m {
                    m.newest_wins()
                }
            }),
            "open" => {
                let Some(workspace) = self
                    .merging
                    .with_value(|m| m.as_ref().map(Merge::workspace))
                else {
                    return false;
                };
                let found = collect::problems(&workspace, lang);
                if found.is_empty() {
                    state.open_workspace(workspace);
                    return true;
                }
                self.problems.set_value(found);
            }
            _ => return false,
        }
        self.shown.update(|n| *n += 1);
        false
    }
}
