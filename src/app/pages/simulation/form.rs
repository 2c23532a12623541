//! The page's settings (model, runs, seed), the inputs as a table of
//! fields, and the choices a save in another tab left to make.

use leptos::prelude::*;

use super::Sim;
use crate::app::components::conflict_choice::ConflictChoice;
use crate::app::components::keys_of;
use crate::app::components::ForAny;
use crate::app::words;
use crate::i18n::format::format_number;
use crate::simulation::distribution::Shape;
use crate::simulation::workbench::{Bound, FieldRow, InputRow};
use crate::simulation::ModelKind;

/// The model chooser and the page's settings.
#[component]
pub(super) fn Settings(sim: Sim) -> impl IntoView {
    let Sim { state, wb, .. } = sim;
    let lang = state.lang;
    let kind = Memo::new(move |_| wb.with(|b| b.kind));
    let per_year = Memo::new(move |_| wb.with(|b| b.per_year_growth));
    // Memos: an unreadable entry leaves the value, and so the field, as
    // the user typed it.
    let samples = Memo::new(move |_| wb.with(|b| b.samples));
    let seed = Memo::new(move |_| wb.with(|b| b.seed));
    let options = ModelKind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <option value=k.key() prop:selected=move || kind.get() == k>
                    {move || k.title().get(lang.get()).to_owned()}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="sim-settings">
            <label for="sim-model">{words("Mô hình", "Model")}</label>
            <select
                id="sim-model"
                on:change:target=move |ev| {
                    let Some(kind) = ModelKind::from_key(&ev.target().value()) else { return };
                    if wb.try_update(|b| b.set_model(kind)).unwrap_or(false) {
                        sim.save_open();
                    }
                }
            >
                {options}
            </select>
            <Show when=move || kind.get() == ModelKind::GrdpShare>
                <label class="inline">
                    <input
                        type="checkbox"
                        prop:checked=per_year
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            wb.update(|b| b.set_per_year_growth(on));
                            sim.save_open();
                        }
                    />
                    {words(" Mỗi năm một tốc độ tăng trưởng", " One growth rate per year")}
                </label>
            </Show>
            <label for="sim-samples">{words("Số lần mô phỏng", "Samples")}</label>
            <input
                id="sim-samples"
                type="text"
                inputmode="numeric"
                size="10"
                prop:value=move || format_number(f64::from(samples.get()), 0, lang.get())
                on:change:target=move |ev| {
                    let text = ev.target().value();
                    wb.update(|b| {
                        b.set_samples(&text, lang.get_untracked());
                    });
                }
            />
            <label for="sim-seed">{words("Hạt giống", "Seed")}</label>
            <input
                id="sim-seed"
                type="text"
                inputmode="numeric"
                size="8"
                prop:value=move || seed.get().to_string()
                on:change:target=move |ev| {
                    let text = ev.target().value();
                    wb.update(|b| {
                        b.set_seed(&text);
                    });
                }
            />
        </div>
    }
}

/// The inputs as a table: each with its most likely value, an optional
/// range (minimum and maximum) and its shape, and where the default came
/// from.
#[component]
pub(super) fn Inputs(sim: Sim) -> impl IntoView {
    let Sim {
        state, wb, setup, ..
    } = sim;
    let lang = state.lang;
    let rows = Memo::new(move |_| setup.with(|s| wb.with(|b| b.input_rows(s, lang.get()))));
    view! {
        <div class="table-scroll">
            <table class="sim-inputs">
                <caption>
                    {words(
                        "Giả định (để trống tối thiểu và tối đa nếu chắc chắn)",
                        "Assumptions (leave minimum and maximum empty when certain)",
                    )}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{words("Đầu vào", "Input")}</th>
                        <th scope="col">{words("Tối thiểu", "Minimum")}</th>
                        <th scope="col">{words("Khả năng nhất", "Most likely")}</th>
                        <th scope="col">{words("Tối đa", "Maximum")}</th>
                        <th scope="col">{words("Phân phối", "Shape")}</th>
                    </tr>
                </thead>
                <tbody>
                    <ForAny
                        each=move || rows.with(|r| keys_of(r.iter().map(|r| r.key.as_str())))
                        key=|key| key.clone()
                        let((key, nth))
                    >
                        <InputRowView
                            sim
                            key=key.clone()
                            row=Signal::derive(move || {
                                rows.with(|r| r.iter().filter(|r| r.key == key).nth(nth).cloned())
                            })
                        />
                    </ForAny>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn InputRowView(sim: Sim, key: String, row: Signal<Option<InputRow>>) -> impl IntoView {
    let Sim {
        state, wb, setup, ..
    } = sim;
    let lang = state.lang;
    let label = move || row.with(|r| r.as_ref().map(|r| r.label.clone()));
    let source = move || row.with(|r| r.as_ref().map(|r| r.source.clone()));
    let missing = move || row.with(|r| r.as_ref().is_some_and(|r| r.missing));
    let pert = move || row.with(|r| r.as_ref().is_some_and(|r| r.shape == Shape::Pert));
    let shape_key = key.clone();
    let fields = Bound::ALL
        .into_iter()
        .map(|bound| {
            let field = Signal::derive(move || {
                row.with(|r| {
                    r.as_ref()
                        .and_then(|r| r.fields.iter().find(|f| f.bound == bound).cloned())
                })
            });
            view! { <BoundField sim key=key.clone() bound field/> }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row">
                {label}
                <small>{source}</small>
                <Show when=missing>
                    <span class="field-error">{words("Cần nhập giá trị.", "A value is needed.")}</span>
                </Show>
            </th>
            {fields}
            <td>
                <select
                    aria-label=move || {
                        format!("{}: {}", label().unwrap_or_default(), lang.get().pick("phân phối", "shape"))
                    }
                    on:change:target=move |ev| {
                        let shape = if ev.target().value() == "pert" { Shape::Pert } else { Shape::Triangular };
                        setup.with_untracked(|s| wb.update(|b| b.set_shape(s, &shape_key, shape)));
                        sim.save_open();
                    }
                >
                    <option value="triangular" prop:selected=move || !pert()>
                        {words("Tam giác", "Triangular")}
                    </option>
                    <option value="pert" prop:selected=pert>
                        "PERT"
                    </option>
                </select>
            </td>
        </tr>
    }
}

/// One of an input's numbers: the field, named by its input and column,
/// and under a money field the value as it will be used.
#[component]
fn BoundField(
    sim: Sim,
    key: String,
    bound: Bound,
    field: Signal<Option<FieldRow>>,
) -> impl IntoView {
    let Sim {
        state, wb, setup, ..
    } = sim;
    let lang = state.lang;
    let id = format!("sim-{key}-{}", bound.key());
    let echo_id = format!("{id}-echo");
    let echo = move || field.with(|f| f.as_ref().and_then(|f| f.echo.clone()));
    let has_echo = move || field.with(|f| f.as_ref().is_some_and(|f| f.echo.is_some()));
    let described = {
        let echo_id = echo_id.clone();
        move || has_echo().then(|| echo_id.clone())
    };
    view! {
        <td>
            // The column's word above the field where the table is shown
            // as cards (phones); the field's name says it already.
            <span class="sim-col" aria-hidden="true">{move || bound.words(lang.get())}</span>
            <input
                id=id
                type="text"
                inputmode="decimal"
                size="7"
                aria-label=move || field.with(|f| f.as_ref().map(|f| f.name.clone()))
                aria-describedby=described
                prop:value=move || field.with(|f| f.as_ref().map(|f| f.text.clone()).unwrap_or_default())
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    setup.with_untracked(|s| {
                        wb.update(|b| b.field(s, &key, bound, &text, lang.get_untracked()))
                    });
                }
                on:change=move |_| sim.save_open()
            />
            <Show when=has_echo>
                <small class="echo" id=echo_id.clone()>{echo}</small>
            </Show>
        </td>
    }
}

/// What another tab's save of the open scenario did, and for each field
/// changed in both tabs the choice of value.
#[component]
pub(super) fn Merge(sim: Sim) -> impl IntoView {
    let Sim {
        state, wb, setup, ..
    } = sim;
    let lang = state.lang;
    let heard = move || wb.with(|b| b.heard.as_ref().map(|t| t.get(lang.get()).to_owned()));
    let lines = Memo::new(move |_| setup.with(|s| wb.with(|b| b.conflict_lines(s, lang.get()))));
    view! {
        <p id="sim-heard" class="form-notice" role="status">{heard}</p>
        <ForAny
            each=move || lines.with(|l| l.iter().map(|l| (l.id.clone(), l.field.clone())).collect::<Vec<_>>())
            key=|key| key.clone()
            let((id, field))
        >
            <ConflictChoice
                id=id.clone()
                text=Signal::derive(move || lines.with(|l| l.iter().find(|l| l.id == id).map(|l| l.text.clone())))
                on_choose=Callback::new(move |keep_mine: bool| {
                    wb.update(|b| b.choose(&field, keep_mine));
                    // Every choice made: what is on the page now is saved.
                    if wb.with_untracked(|b| b.conflicts.is_empty()) {
                        sim.save_open();
                    }
                })
            />
        </ForAny>
    }
}
