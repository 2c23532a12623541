//! The header: the plan's name, the workspace, the as-of date, the language
//! switch and the navigation.

use web_sys::Element;

use crate::format::{format_date, iso_date, parse_date};
use crate::html::escape;
use crate::i18n::{Lang, Text};
use crate::web::dom::{action, name_and_value, property};
use crate::web::route::Location;
use crate::web::state::AppState;
use crate::web::storage;
use crate::web::ui::*;

/// The pages in the navigation: path, Vietnamese, English.
const NAVIGATION: [(&str, &str, &str); 6] = [
    ("/", "Tổng quan", "Dashboard"),
    ("/data", "Dữ liệu", "Data"),
    ("/assessment", "Tự đánh giá", "Self-assessment"),
    ("/simulation", "Mô phỏng", "Simulation"),
    ("/workshop", "Hội thảo", "Workshop"),
    ("/plan", "Kế hoạch", "Plan"),
];

/// Writes the header into `root` (the app's `<header>`).
pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let location = expect_context::<Location>();
    let tour = expect_context::<super::tour::TourState>();
    // The stored workspaces, read again whenever the open one changes (a
    // new one may just have been made).
    let workspaces = Memo::new(move |_| {
        state.workspace.with(|w| w.id.clone());
        // A save that added or renamed a stored workspace.
        state.storage_answers.track();
        storage::list_workspaces()
    });

    let frame = root.clone();
    rebuild_on(
        move || lang.get(),
        move |lang| {
            let mut nav = String::new();
            for (href, vi, en) in NAVIGATION {
                nav.push_str(&format!(
                    r#"<li><a href="{href}">{}</a></li>"#,
                    lang.pick(vi, en)
                ));
            }
            frame.set_inner_html(&format!(
                r#"<div class="brand"><p class="app-name">Coop Plan</p><p class="plan-name"></p><p class="workspace-name"></p></div><div class="controls"><label class="as-of"><span>{}</span><input type="date" name="as-of" min="1990-01-01" max="2100-12-31"><span class="as-of-shown" aria-hidden="true"></span></label><button type="button" class="tour-open" data-action="tour">{}</button><button type="button" class="lang-switch" data-action="lang"><span lang="{}">{}</span></button></div><nav aria-label="{}"><ul>{nav}</ul></nav>"#,
                lang.pick("Ngày đánh giá", "As of"),
                lang.pick("Hướng dẫn", "Tour"),
                lang.pick("en", "vi"),
                lang.pick("English", "Tiếng Việt"),
                lang.pick("Các trang", "Pages"),
            ));
            let part = |selector: &str| find(&frame, selector).expect("the header");
            region(&part(".plan-name"), move || {
                state.workspace.with(|w| {
                    format!(
                        "{}{} · Hải Phòng {}–{}",
                        lang.pick("Kế hoạch ", "Plan "),
                        escape(&w.plan.identity.number),
                        w.plan.start_year,
                        w.plan.end_year
                    )
                })
            });
            region(&part(".workspace-name"), move || {
                workspaces.with(|list| {
                    state.workspace.with(|w| {
                        let mut line = crate::header_view::workspace_line_html(
                            &w.name,
                            &w.id,
                            list,
                            w.illustrative,
                            lang,
                        );
                        if w.read_only() {
                            line.push_str(&crate::header_view::read_only_tag_html(lang));
                        }
                        line
                    })
                })
            });
            let date = part("input");
            Effect::new(move |_| {
                let iso = iso_date(state.as_of.get());
                if property(&date, "value").as_string().as_deref() != Some(iso.as_str()) {
                    let _ = js_sys::Reflect::set(&date, &"value".into(), &iso.into());
                }
            });
            region(&part(".as-of-shown"), move || {
                format_date(state.as_of.get(), lang)
            });
            let links = part("nav");
            Effect::new(move |_| {
                location.url();
                for (index, (href, _, _)) in NAVIGATION.iter().enumerate() {
                    let Some(link) = find(&links, &format!("li:nth-child({}) a", index + 1)) else {
                        continue;
                    };
                    let _ = if location.is_current(href) {
                        link.set_attribute("aria-current", "page")
                    } else {
                        link.remove_attribute("aria-current")
                    };
                }
            });
        },
    );

    listen(root, "change", move |ev| {
        let Some((name, value)) = name_and_value(&ev) else {
            return;
        };
        match name.as_str() {
            // An empty or half-typed date changes nothing.
            "as-of" => {
                if let Some(date) = parse_date(&value) {
                    state.as_of.set(date);
                }
            }
            "workspace-switch" => wasm_bindgen_futures::spawn_local(async move {
                match storage::read_workspace(&value).await {
                    Some(Ok(workspace)) => state.open_workspace(workspace),
                    // Written by a newer version (left in localStorage):
                    // shown read-only, untouched.
                    None if state.open_read_only(&value) => {}
                    Some(Err(crate::document::DocumentError::NewerVersion { .. }))
                        if state.open_read_only(&value) => {}
                    _ => state.notify(Text::new(
                        "Không mở được không gian làm việc này.",
                        "This workspace could not be opened.",
                    )),
                }
            }),
            _ => {}
        }
    });
    listen(root, "click", move |ev| match action(&ev).as_deref() {
        Some("tour") => {
            tour.0.set(Some(0));
            location.go("/");
        }
        Some("lang") => lang.update(|l| {
            *l = match l {
                Lang::Vi => Lang::En,
                Lang::En => Lang::Vi,
            }
        }),
        _ => {}
    });
}
