//! Dữ liệu: what the workspace holds. Entry forms, import and merge come
//! with the data issue; for now the units are listed as stored and the
//! whole workspace can be downloaded as a JSON file.

use leptos::prelude::*;

use crate::document::to_json;
use crate::format::{format_number, iso_date};
use crate::i18n::{Lang, Text};
use crate::unit::{OperatingStatus, UnitKind};
use crate::validation::validate_workspace;
use crate::web::download::download_text;
use crate::web::state::AppState;

/// Rows shown at once; the table is a preview, not the editor.
const SHOWN: usize = 100;
/// Validation messages listed at once.
const ISSUES_SHOWN: usize = 50;

fn status_label(status: Option<OperatingStatus>, lang: Lang) -> &'static str {
    match status {
        Some(OperatingStatus::Active) => lang.pick("Đang hoạt động", "Active"),
        Some(OperatingStatus::Inactive) => lang.pick("Ngừng hoạt động", "Inactive"),
        Some(OperatingStatus::Dissolved) => lang.pick("Đã giải thể", "Dissolved"),
        None => lang.pick("Chưa thành lập", "Not yet founded"),
    }
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let counts = move || {
        let lang = lang.get();
        state.workspace.with(|w| {
            UnitKind::ALL
                .iter()
                .map(|kind| {
                    let count = w.units.iter().filter(|u| u.kind == *kind).count();
                    view! {
                        <div>
                            <dt>{kind.abbreviation()}</dt>
                            <dd>{format_number(count as f64, 0, lang)}</dd>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    let rows = move || {
        let lang = lang.get();
        let as_of = state.as_of.get();
        state.workspace.with(|w| {
            w.units
                .iter()
                .take(SHOWN)
                .map(|unit| {
                    let sector = w
                        .plan
                        .sector(&unit.sector)
                        .map_or(unit.sector.clone(), |s| s.name.get(lang).to_owned());
                    view! {
                        <tr>
                            <th scope="row">{unit.name.clone()}</th>
                            <td>{unit.kind.abbreviation()}</td>
                            <td>{unit.registration_code.clone()}</td>
                            <td>{unit.district.clone()}</td>
                            <td>{sector}</td>
                            <td>{status_label(unit.status_on(as_of), lang)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let total = move || state.workspace.with(|w| w.units.len());
    let report = Memo::new(move |_| state.workspace.with(validate_workspace));
    let issues = move || {
        let lang = lang.get();
        report.with(|report| {
            let errors = report.errors().count();
            let warnings = report.warnings().count();
            let summary = format!(
                "{} {} · {} {}",
                format_number(errors as f64, 0, lang),
                lang.pick("lỗi", "errors"),
                format_number(warnings as f64, 0, lang),
                lang.pick("cảnh báo", "warnings"),
            );
            let items = report
                .issues
                .iter()
                .take(ISSUES_SHOWN)
                .map(|issue| {
                    let (class, word) = if issue.is_error() {
                        ("issue issue-error", lang.pick("Lỗi", "Error"))
                    } else {
                        ("issue issue-warning", lang.pick("Cảnh báo", "Warning"))
                    };
                    view! {
                        <li class=class>
                            <strong>{word}</strong> " · " {issue.location.describe(lang)} ": " {issue.message.get(lang).to_owned()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2>{lang.pick("Kiểm tra dữ liệu", "Data checks")}</h2>
                <p>{summary}</p>
                <ul class="issues">{items}</ul>
            }
        })
    };
    let shown_note = move || {
        let lang = lang.get();
        let total = total();
        (total > SHOWN).then(|| {
            format!(
                "{} {} / {} {}",
                lang.pick("Đang hiện", "Showing"),
                format_number(SHOWN as f64, 0, lang),
                format_number(total as f64, 0, lang),
                lang.pick("đơn vị.", "units."),
            )
        })
    };
    let export = move |_| {
        let (name, json) = state
            .workspace
            .with_untracked(|w| (w.name.clone(), to_json(w)));
        let date = iso_date(state.as_of.get_untracked());
        let file_name = format!("{}-{date}.json", name.replace(['/', '\\', ':'], "-"));
        if !download_text(&file_name, "application/json", &json) {
            state.notify(Text::new(
                "Trình duyệt không cho tải tệp về.",
                "The browser refused the download.",
            ));
        }
    };

    view! {
        <section class="page data" aria-labelledby="data-title">
            <h1 id="data-title">{move || lang.get().pick("Dữ liệu", "Data")}</h1>
            <p class="lead">
                {move || lang.get().pick(
                    "Các đơn vị kinh tế tập thể trong không gian làm việc này. Biểu mẫu nhập liệu, nhập tệp JSON/CSV và gộp tệp đang được xây dựng.",
                    "The collective-economy units in this workspace. Entry forms, JSON/CSV import and merging are being built.",
                )}
            </p>
            <dl class="counts">{counts}</dl>
            <p>
                <button type="button" on:click=export>
                    {move || lang.get().pick("Tải về tệp JSON của không gian làm việc", "Download the workspace as JSON")}
                </button>
            </p>
            <Show
                when=move || total() != 0
                fallback=move || view! {
                    <p class="empty-state">
                        {move || lang.get().pick("Chưa có đơn vị nào.", "No units yet.")}
                    </p>
                }
            >
                <div class="table-scroll">
                    <table>
                        <caption>{move || lang.get().pick("Danh sách đơn vị", "Units")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || lang.get().pick("Tên", "Name")}</th>
                                <th scope="col">{move || lang.get().pick("Loại", "Kind")}</th>
                                <th scope="col">{move || lang.get().pick("Mã số", "Code")}</th>
                                <th scope="col">{move || lang.get().pick("Quận/huyện", "District")}</th>
                                <th scope="col">{move || lang.get().pick("Lĩnh vực", "Sector")}</th>
                                <th scope="col">{move || lang.get().pick("Tình trạng", "Status")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p>{shown_note}</p>
            </Show>
            {issues}
        </section>
    }
}
