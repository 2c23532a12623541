//! Saved scenarios of the current model: save the draft as one, open,
//! rename, duplicate, delete (after asking, in an in-app dialog), and tick
//! some to compare against a base.

use leptos::prelude::*;

use super::Sim;
use crate::app::components::chart::line::LineChart;
use crate::app::components::dialog::Question;
use crate::app::components::keys_of;
use crate::app::components::ForAny;
use crate::app::words;
use crate::simulation::scenario::Scenario;
use crate::simulation::workbench::{comparison, Comparison as Compared};

#[component]
pub(super) fn Scenarios(sim: Sim) -> impl IntoView {
    let Sim { state, wb, .. } = sim;
    let lang = state.lang;
    let kind = Memo::new(move |_| wb.with(|b| b.kind));
    let mine = Memo::new(move |_| {
        let kind = kind.get();
        state.workspace.with(|w| {
            w.scenarios
                .iter()
                .filter(|s| s.model == kind)
                .cloned()
                .collect::<Vec<Scenario>>()
        })
    });
    let open_name = move || {
        let open = wb.with(|b| b.open.clone())?;
        state.workspace.with(|w| {
            w.scenarios
                .iter()
                .find(|s| s.id == open)
                .map(|s| s.name.clone())
        })
    };
    let new_name = RwSignal::new(String::new());
    let save_new = move |_| {
        let name = new_name.get_untracked();
        let lang = lang.get_untracked();
        sim.edit(|b, w| {
            b.save_new(w, &name, lang);
            true
        });
    };
    let base_options = move || {
        let base = wb.with(|b| b.base.clone());
        mine.with(|m| {
            m.iter()
                .map(|s| {
                    let selected = base.as_deref() == Some(s.id.as_str());
                    view! { <option value=s.id.clone() prop:selected=selected>{s.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <h2>{words("Kịch bản", "Scenarios")}</h2>
        <p class="sim-open">
            {move || match open_name() {
                Some(name) => {
                    view! {
                        {words("Đang mở kịch bản: ", "Open scenario: ")}
                        <strong>{name}</strong>
                        {words(". Thay đổi được lưu vào kịch bản này. ", ". Changes are saved to this scenario. ")}
                        <button type="button" class="secondary" on:click=move |_| wb.update(|b| b.close())>
                            {words("Đóng", "Close")}
                        </button>
                    }
                        .into_any()
                }
                None => {
                    words(
                        "Đang xem dữ liệu (chưa lưu thành kịch bản). ",
                        "Showing the data (not saved as a scenario). ",
                    )
                        .into_any()
                }
            }}
        </p>
        <div class="form-actions">
            <label for="sim-new-name">{words("Tên kịch bản mới", "New scenario's name")}</label>
            <input
                id="sim-new-name"
                type="text"
                size="20"
                prop:value=new_name
                on:input:target=move |ev| new_name.set(ev.target().value())
            />
            <button type="button" on:click=save_new>
                {words("Lưu thành kịch bản mới", "Save as a new scenario")}
            </button>
        </div>
        <Show
            when=move || mine.with(|m| !m.is_empty())
            fallback=|| {
                view! {
                    <p class="note">
                        {words("Chưa có kịch bản nào cho mô hình này.", "No scenario for this model yet.")}
                    </p>
                }
            }
        >
            <div class="table-scroll">
                <table class="sim-scenarios">
                    <caption>{words("Kịch bản", "Scenarios")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{words("Tên", "Name")}</th>
                            <th scope="col">{words("Số thay đổi", "Changes")}</th>
                            <th scope="col">{words("So sánh", "Compare")}</th>
                            <th scope="col">{words("Thao tác", "Actions")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <ForAny
                            each=move || mine.with(|m| keys_of(m.iter().map(|s| s.id.as_str())))
                            key=|key| key.clone()
                            let((id, nth))
                        >
                            <ScenarioRow
                                sim
                                id=id.clone()
                                scenario=Signal::derive(move || {
                                    mine.with(|m| m.iter().filter(|s| s.id == id).nth(nth).cloned())
                                })
                            />
                        </ForAny>
                    </tbody>
                </table>
            </div>
            <div class="form-actions">
                <label for="sim-base">{words("So sánh với (cơ sở)", "Compare against (base)")}</label>
                <select
                    id="sim-base"
                    on:change:target=move |ev| {
                        let id = ev.target().value();
                        wb.update(|b| b.set_base((!id.is_empty()).then_some(id)));
                    }
                >
                    <option value="" prop:selected=move || wb.with(|b| b.base.is_none())>
                        {words("Dữ liệu (không thay đổi)", "The data (no changes)")}
                    </option>
                    {base_options}
                </select>
                <span class="note">
                    {words("Chọn 2 đến 4 kịch bản để so sánh.", "Tick 2 to 4 scenarios to compare.")}
                </span>
            </div>
        </Show>
    }
}

/// One scenario: its name (renamed in place), how many inputs it changes,
/// whether it is compared, and what can be done with it.
#[component]
fn ScenarioRow(sim: Sim, id: String, scenario: Signal<Option<Scenario>>) -> impl IntoView {
    let Sim { state, wb, .. } = sim;
    let lang = state.lang;
    let id = StoredValue::new(id);
    let name = move || scenario.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let changes = move || scenario.with(|s| s.as_ref().map_or(0, |s| s.overrides.len()));
    let compared = move || id.with_value(|id| wb.with(|b| b.compared.iter().any(|c| c == id)));
    let full = move || wb.with(|b| b.compared.len() >= 4);
    let is_open = move || id.with_value(|id| wb.with(|b| b.open.as_deref() == Some(id.as_str())));
    let open = move |_| {
        let opened = id.with_value(|id| {
            let mut draft = wb.get_untracked();
            let opened = state.workspace.with_untracked(|w| draft.open_id(w, id));
            opened.then(|| wb.set(draft))
        });
        let _ = opened;
    };
    let duplicate = move |_| {
        let lang = lang.get_untracked();
        id.with_value(|id| {
            state
                .workspace
                .maybe_update(|w| wb.with_untracked(|b| b.duplicate(w, id, lang)));
        });
    };
    let delete = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let asked = Question::confirm("Xóa kịch bản này?", "Delete this scenario?")
                .yes("Xóa", "Delete");
            if state.ask_with(asked).await.is_some() {
                id.with_value(|id| {
                    sim.edit(|b, w| {
                        b.delete(w, id);
                        true
                    })
                });
            }
        });
    };
    view! {
        <tr>
            <td>
                <input
                    type="text"
                    size="18"
                    aria-label=move || format!("{} {}", lang.get().pick("Tên kịch bản", "Name of scenario"), name())
                    prop:value=name
                    on:change:target=move |ev| {
                        let text = ev.target().value();
                        id.with_value(|id| {
                            state.workspace.maybe_update(|w| wb.with_untracked(|b| b.rename(w, id, &text)));
                        });
                    }
                />
            </td>
            <td class="num">{changes}</td>
            <td>
                <input
                    type="checkbox"
                    aria-label=move || format!("{} {}", lang.get().pick("So sánh", "Compare"), name())
                    prop:checked=compared
                    disabled=move || !compared() && full()
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        id.with_value(|id| wb.update(|b| b.toggle_compare(id, on)));
                    }
                />
            </td>
            <td>
                <Show when=move || !is_open()>
                    <button type="button" on:click=open>{words("Mở", "Open")}</button>
                    " "
                </Show>
                <button type="button" class="secondary" on:click=duplicate>
                    {words("Nhân bản", "Duplicate")}
                </button>
                " "
                <button type="button" class="secondary" on:click=delete>
                    {words("Xóa", "Delete")}
                </button>
            </td>
        </tr>
    }
}

/// The ticked scenarios against the base: a table of differences and each
/// metric's projections overlaid. Nothing until two are ticked.
#[component]
pub(super) fn Comparison(sim: Sim) -> impl IntoView {
    let Sim { state, wb, .. } = sim;
    let lang = state.lang;
    // Only what the comparison reads of the draft: typing in a field does
    // not run it again (its edits count once saved into the scenario).
    let asked = Memo::new(move |_| {
        wb.with(|b| {
            (
                b.kind,
                b.base.clone(),
                b.compared.clone(),
                b.samples,
                b.seed,
            )
        })
    });
    let compared = Memo::new(move |_| {
        // Tracked through `asked` only (`track` would not run a memo not
        // yet read, and so would never hear of a change).
        let _ = asked.get();
        let draft = wb.get_untracked();
        let as_of = state.as_of.get();
        state
            .workspace
            .with(|w| comparison(&draft, w, as_of, lang.get()))
    });
    move || match compared.get() {
        Compared::Nothing => ().into_any(),
        Compared::Incomplete(note) => view! { <p class="note">{note}</p> }.into_any(),
        Compared::Table { table, charts } => {
            let head = table
                .columns
                .iter()
                .map(|(name, diff)| {
                    view! {
                        <th scope="col" class="num">{name.clone()}</th>
                        <th scope="col" class="num">{diff.clone()}</th>
                    }
                })
                .collect_view();
            let rows = table
                .rows
                .iter()
                .map(|row| {
                    let others = row
                        .others
                        .iter()
                        .map(|(value, diff)| {
                            view! {
                                <td class="num">{value.clone()}</td>
                                <td class="num sim-diff">{diff.clone()}</td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr class:sim-changed=row.changed>
                            <th scope="row">{row.label.clone()}</th>
                            <td class="num">{row.base.clone()}</td>
                            {others}
                        </tr>
                    }
                })
                .collect_view();
            let charts = charts
                .into_iter()
                .map(|chart| view! { <LineChart chart=Signal::stored(chart)/> })
                .collect_view();
            view! {
                <h3>{words("So sánh kịch bản", "Scenarios compared")}</h3>
                <div class="table-scroll">
                    <table class="sim-compare">
                        <caption>{table.caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">
                                    <span class="visually-hidden">{table.row_header}</span>
                                </th>
                                <th scope="col" class="num">{table.base.clone()}</th>
                                {head}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="sim-charts">{charts}</div>
            }
            .into_any()
        }
    }
}
