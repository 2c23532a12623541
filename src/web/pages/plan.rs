//! Kế hoạch: the plan the workspace measures against — its identity, its
//! targets as data, its settings, districts, sectors and tasks.

use leptos::prelude::*;

use crate::format::format_date;
use crate::plan::{QualifiedReading, TaskStatus};
use crate::web::state::AppState;
use crate::wording::target_text;

#[component]
pub fn PlanPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let content = move || {
        let lang = lang.get();
        state.workspace.with(|w| {
            let plan = &w.plan;
            let identity = &plan.identity;
            let targets = plan
                .targets
                .iter()
                .map(|t| {
                    view! {
                        <tr>
                            <th scope="row">{t.id.clone()}</th>
                            <td>{t.title.get(lang).to_owned()}<br /><span class="wording" lang="vi">{t.wording.clone()}</span></td>
                            <td>{target_text(t, lang)}</td>
                            <td>{format_date(t.deadline, lang)}</td>
                            <td>{t.source.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let reading = match plan.settings.qualified_reading {
                QualifiedReading::OfTrained => lang.pick(
                    "70% của số cán bộ quản lý đã được đào tạo (cách hiểu mặc định)",
                    "70% of the trained key managers (default reading)",
                ),
                QualifiedReading::OfAll => lang.pick("70% của tất cả cán bộ quản lý", "70% of all key managers"),
            };
            let tasks = plan
                .tasks
                .iter()
                .map(|task| {
                    let status = match task.status {
                        TaskStatus::NotStarted => lang.pick("Chưa bắt đầu", "Not started"),
                        TaskStatus::InProgress => lang.pick("Đang thực hiện", "In progress"),
                        TaskStatus::Done => lang.pick("Hoàn thành", "Done"),
                    };
                    view! {
                        <tr>
                            <th scope="row">{task.id.clone()}</th>
                            <td>{task.title.get(lang).to_owned()}</td>
                            <td>{task.lead_agency.clone()}</td>
                            <td>{task.partner_agencies.join("; ")}</td>
                            <td>{status}</td>
                            <td>{task.source.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let sectors = plan.sectors.iter().map(|s| view! { <li>{s.name.get(lang).to_owned()}</li> }).collect_view();
            let districts = plan.districts.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view();
            let implements = identity.implements.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view();
            view! {
                <h1 id="plan-title">{lang.pick("Kế hoạch ", "Plan ")} {identity.number.clone()}</h1>
                <p class="lead">{identity.title.get(lang).to_owned()}</p>
                <dl class="identity">
                    <div><dt>{lang.pick("Cơ quan ban hành", "Issued by")}</dt><dd>{identity.issuer.clone()}</dd></div>
                    <div><dt>{lang.pick("Người ký", "Signed by")}</dt><dd>{identity.signer.clone()}</dd></div>
                    <div><dt>{lang.pick("Ngày ban hành", "Issued on")}</dt><dd>{format_date(identity.issued, lang)}</dd></div>
                    <div><dt>{lang.pick("Giai đoạn", "Period")}</dt><dd>{format!("{}–{}", plan.start_year, plan.end_year)}</dd></div>
                    <div><dt>{lang.pick("Năm gốc", "Baseline year")}</dt><dd>{plan.baseline_year}</dd></div>
                    <div><dt>{lang.pick("Nguồn văn bản", "Source")}</dt><dd>{identity.source.clone()}</dd></div>
                </dl>
                <h2>{lang.pick("Thực hiện các văn bản", "Implements")}</h2>
                <ul>{implements}</ul>
                <h2>{lang.pick("Các chỉ tiêu", "Targets")}</h2>
                <div class="table-scroll">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{lang.pick("Mã", "Id")}</th>
                                <th scope="col">{lang.pick("Chỉ tiêu", "Target")}</th>
                                <th scope="col">{lang.pick("Mức", "Value")}</th>
                                <th scope="col">{lang.pick("Thời hạn", "Deadline")}</th>
                                <th scope="col">{lang.pick("Nguồn", "Source")}</th>
                            </tr>
                        </thead>
                        <tbody>{targets}</tbody>
                    </table>
                </div>
                <h2>{lang.pick("Cách hiểu chỉ tiêu T6", "Reading of target T6")}</h2>
                <p>{reading}</p>
                <h2>{lang.pick("Nhiệm vụ", "Tasks")}</h2>
                <p class="note">
                    {lang.pick(
                        "Phụ lục phân công nhiệm vụ của Kế hoạch không có trong bản văn bản hiện có; chỉ hai nhiệm vụ nêu tại mục IV được đưa sẵn. Không có nội dung nào của Phụ lục được tự đặt ra.",
                        "The plan's appendix of tasks is not in the copy of its text we have; only the two tasks named in section IV are built in. Nothing of the appendix is invented.",
                    )}
                </p>
                <div class="table-scroll">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{lang.pick("Mục", "Item")}</th>
                                <th scope="col">{lang.pick("Nhiệm vụ", "Task")}</th>
                                <th scope="col">{lang.pick("Chủ trì", "Lead")}</th>
                                <th scope="col">{lang.pick("Phối hợp", "Partners")}</th>
                                <th scope="col">{lang.pick("Tình trạng", "Status")}</th>
                                <th scope="col">{lang.pick("Nguồn", "Source")}</th>
                            </tr>
                        </thead>
                        <tbody>{tasks}</tbody>
                    </table>
                </div>
                <div class="columns">
                    <div>
                        <h2>{lang.pick("Quận, huyện", "Districts")}</h2>
                        <ul class="compact">{districts}</ul>
                    </div>
                    <div>
                        <h2>{lang.pick("Lĩnh vực", "Sectors")}</h2>
                        <ul class="compact">{sectors}</ul>
                    </div>
                </div>
            }
        })
    };
    view! { <section class="page plan" aria-labelledby="plan-title">{content}</section> }
}
