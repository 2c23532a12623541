//! Editing the plan's targets, the T6 reading, districts and sectors. Edits
//! go into a draft checked as a whole ([`crate::plan_validation`]); only a
//! draft without errors replaces the plan, and warnings are shown and kept.

use leptos::prelude::*;

use crate::format::{iso_date, parse_date};
use crate::i18n::{Lang, Text};
use crate::plan::{Comparator, Plan, QualifiedReading, Sector};
use crate::plan_validation::check_plan;
use crate::validation::Severity;
use crate::web::state::AppState;

/// A number typed with either decimal mark ("1,2" or "1.2").
fn parse_number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A value as the editor shows it: shares in percent, counts as they are.
fn shown(value: f64, share: bool) -> String {
    let value = if share { value * 100.0 } else { value };
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !slug.ends_with('-') {
            slug.push(c);
        }
    }
    slug.trim_matches('-').to_owned()
}

#[component]
pub fn PlanEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let draft = RwSignal::new(state.workspace.with_untracked(|w| w.plan.clone()));
    // A plan replaced from elsewhere (another workspace, an import) resets
    // the draft.
    Effect::watch(
        move || state.workspace.with(|w| w.id.clone()),
        move |_, _, _| draft.set(state.workspace.with_untracked(|w| w.plan.clone())),
        false,
    );
    let issues = Memo::new(move |_| draft.with(check_plan));
    let changed = move || state.workspace.with(|w| draft.with(|d| &w.plan != d));
    let has_errors = move || issues.with(|i| i.iter().any(|i| i.is_error()));
    let save = move |_| {
        if has_errors() {
            return;
        }
        let plan = draft.get_untracked();
        state.workspace.update(|w| w.plan = plan);
    };
    let cancel = move |_| draft.set(state.workspace.with_untracked(|w| w.plan.clone()));

    let target_rows = move || {
        let lang = lang.get();
        draft.with(|plan| {
            plan.targets
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let share = t.indicator.is_share();
                    let rising = t.comparator == Comparator::RisingEachYear;
                    let unit = if rising {
                        ""
                    } else if share {
                        "%"
                    } else {
                        lang.pick("HTX", "coops")
                    };
                    let id = t.id.clone();
                    let error_for = move |field: &'static str| {
                        let id = id.clone();
                        move || {
                            issues.with(|issues| {
                                issues
                                    .iter()
                                    .filter(|x| x.target_id.as_deref() == Some(id.as_str()) && x.field == field)
                                    .map(|x| x.message.get(lang).to_owned())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                        }
                    };
                    let value_error = error_for("value");
                    let band_error = error_for("band_upper");
                    let deadline_error = error_for("deadline");
                    let value_id = format!("target-{}-value", t.id);
                    let band_id = format!("target-{}-band", t.id);
                    let deadline_id = format!("target-{}-deadline", t.id);
                    let comparator_id = format!("target-{}-comparator", t.id);
                    view! {
                        <tr>
                            <th scope="row">{t.id.clone()} " · " {t.title.get(lang).to_owned()}</th>
                            <td>
                                <label class="visually-hidden" for=comparator_id.clone()>{format!("{} {}", lang.pick("Phép so sánh của", "Comparator of"), t.id)}</label>
                                <select id=comparator_id disabled=rising on:change=move |ev| {
                                    let comparator = match event_target_value(&ev).as_str() {
                                        "more_than" => Comparator::MoreThan,
                                        _ => Comparator::AtLeast,
                                    };
                                    draft.update(|p| if let Some(t) = p.targets.get_mut(i) { t.comparator = comparator });
                                }>
                                    {if rising {
                                        view! { <option selected=true>{lang.pick("tăng dần", "rising")}</option> }.into_any()
                                    } else {
                                        view! {
                                            <option value="at_least" selected=t.comparator == Comparator::AtLeast>"≥"</option>
                                            <option value="more_than" selected=t.comparator == Comparator::MoreThan>">"</option>
                                        }
                                        .into_any()
                                    }}
                                </select>
                            </td>
                            <td>
                                <label class="visually-hidden" for=value_id.clone()>{format!("{} {} ({unit})", lang.pick("Mức mục tiêu của", "Target value of"), t.id)}</label>
                                <input id=value_id type="text" inputmode="decimal" size="6" disabled=rising
                                    prop:value=if rising { String::new() } else { shown(t.value, share) }
                                    on:change=move |ev| {
                                        let typed = parse_number(&event_target_value(&ev));
                                        draft.update(|p| if let Some(t) = p.targets.get_mut(i) {
                                            // Unreadable text becomes NaN, which the check reports.
                                            let value = typed.unwrap_or(f64::NAN);
                                            t.value = if share { value / 100.0 } else { value };
                                        });
                                    } />
                                " " {unit}
                                <span class="field-error" role="alert">{value_error}</span>
                            </td>
                            <td>
                                <label class="visually-hidden" for=band_id.clone()>{format!("{} {} ({unit})", lang.pick("Cận trên của", "Upper end of"), t.id)}</label>
                                <input id=band_id type="text" inputmode="decimal" size="6" disabled=rising
                                    prop:value=t.band_upper.map(|b| shown(b, share)).unwrap_or_default()
                                    on:change=move |ev| {
                                        let text = event_target_value(&ev);
                                        draft.update(|p| if let Some(t) = p.targets.get_mut(i) {
                                            t.band_upper = if text.trim().is_empty() {
                                                None
                                            } else {
                                                let value = parse_number(&text).unwrap_or(f64::NAN);
                                                Some(if share { value / 100.0 } else { value })
                                            };
                                        });
                                    } />
                                <span class="field-error" role="alert">{band_error}</span>
                            </td>
                            <td>
                                <label class="visually-hidden" for=deadline_id.clone()>{format!("{} {}", lang.pick("Thời hạn của", "Deadline of"), t.id)}</label>
                                <input id=deadline_id type="date" prop:value=iso_date(t.deadline) on:change=move |ev| {
                                    if let Some(date) = parse_date(&event_target_value(&ev)) {
                                        draft.update(|p| if let Some(t) = p.targets.get_mut(i) { t.deadline = date });
                                    }
                                } />
                                <span class="field-warning">{deadline_error}</span>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    let districts_text = move || draft.with(|p| p.districts.join("\n"));
    let set_districts = move |ev| {
        let text = event_target_value(&ev);
        draft.update(|p| {
            p.districts = text
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect()
        });
    };
    let sector_rows = move || {
        let lang = lang.get();
        draft.with(|p| {
            p.sectors
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let vi_id = format!("sector-{i}-vi");
                    let en_id = format!("sector-{i}-en");
                    view! {
                        <tr>
                            <td><code>{s.id.clone()}</code></td>
                            <td>
                                <label class="visually-hidden" for=vi_id.clone()>{format!("{} {}", lang.pick("Tên tiếng Việt của lĩnh vực", "Vietnamese name of sector"), s.id)}</label>
                                <input id=vi_id type="text" prop:value=s.name.vi.clone() on:change=move |ev| {
                                    let name = event_target_value(&ev);
                                    draft.update(|p| if let Some(s) = p.sectors.get_mut(i) { s.name.vi = name });
                                } />
                            </td>
                            <td>
                                <label class="visually-hidden" for=en_id.clone()>{format!("{} {}", lang.pick("Tên tiếng Anh của lĩnh vực", "English name of sector"), s.id)}</label>
                                <input id=en_id type="text" prop:value=s.name.en.clone() on:change=move |ev| {
                                    let name = event_target_value(&ev);
                                    draft.update(|p| if let Some(s) = p.sectors.get_mut(i) { s.name.en = name });
                                } />
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let new_sector = RwSignal::new(String::new());
    let add_sector = move |_| {
        let name = new_sector.get_untracked().trim().to_owned();
        if name.is_empty() {
            return;
        }
        draft.update(|p| {
            let mut id = slug(&name);
            while p.sectors.iter().any(|s| s.id == id) {
                id.push_str("-2");
            }
            p.sectors.push(Sector {
                id,
                name: Text::new(name.clone(), name),
            });
        });
        new_sector.set(String::new());
    };
    let general_issues = move || {
        let lang = lang.get();
        issues.with(|issues| {
            issues
                .iter()
                .filter(|x| x.target_id.is_none())
                .map(|x| {
                    let class = if x.severity == Severity::Error {
                        "issue issue-error"
                    } else {
                        "issue issue-warning"
                    };
                    view! { <li class=class>{x.message.get(lang).to_owned()}</li> }
                })
                .collect_view()
        })
    };
    let reading = move || draft.with(|p| p.settings.qualified_reading);

    view! {
        <section class="plan-editor" aria-labelledby="plan-editor-title">
            <h2 id="plan-editor-title">{move || lang.get().pick("Sửa các chỉ tiêu", "Edit the targets")}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().pick("Chỉ tiêu", "Target")}</th>
                            <th scope="col">{move || lang.get().pick("So sánh", "Comparator")}</th>
                            <th scope="col">{move || lang.get().pick("Mức", "Value")}</th>
                            <th scope="col">{move || lang.get().pick("Cận trên", "Band up to")}</th>
                            <th scope="col">{move || lang.get().pick("Thời hạn", "Deadline")}</th>
                        </tr>
                    </thead>
                    <tbody>{target_rows}</tbody>
                </table>
            </div>
            <fieldset>
                <legend>{move || lang.get().pick("Cách hiểu chỉ tiêu T6 (70% cao đẳng trở lên)", "Reading of T6 (70 % college or above)")}</legend>
                <label class="inline">
                    <input type="radio" name="t6-reading" prop:checked=move || reading() == QualifiedReading::OfTrained
                        on:change=move |_| draft.update(|p| p.settings.qualified_reading = QualifiedReading::OfTrained) />
                    {move || lang.get().pick("70% của số cán bộ đã được đào tạo (mặc định)", "70 % of the trained managers (default)")}
                </label>
                <label class="inline">
                    <input type="radio" name="t6-reading" prop:checked=move || reading() == QualifiedReading::OfAll
                        on:change=move |_| draft.update(|p| p.settings.qualified_reading = QualifiedReading::OfAll) />
                    {move || lang.get().pick("70% của tất cả cán bộ quản lý", "70 % of all key managers")}
                </label>
            </fieldset>
            <div class="columns">
                <div>
                    <label class="stacked" for="districts-editor">
                        {move || lang.get().pick("Quận, huyện (mỗi dòng một tên)", "Districts (one per line)")}
                    </label>
                    <textarea id="districts-editor" rows="8" prop:value=districts_text on:change=set_districts></textarea>
                </div>
                <div>
                    <table>
                        <caption>{move || lang.get().pick("Lĩnh vực", "Sectors")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || lang.get().pick("Mã", "Key")}</th>
                                <th scope="col">{move || lang.get().pick("Tiếng Việt", "Vietnamese")}</th>
                                <th scope="col">{move || lang.get().pick("Tiếng Anh", "English")}</th>
                            </tr>
                        </thead>
                        <tbody>{sector_rows}</tbody>
                    </table>
                    <label class="inline" for="new-sector">{move || lang.get().pick("Lĩnh vực mới", "New sector")}</label>
                    <input id="new-sector" type="text" prop:value=move || new_sector.get() on:input=move |ev| new_sector.set(event_target_value(&ev)) />
                    <button type="button" class="secondary" on:click=add_sector>{move || lang.get().pick("Thêm", "Add")}</button>
                </div>
            </div>
            <ul class="issues">{general_issues}</ul>
            <div class="form-actions">
                <button type="button" on:click=save disabled=move || !changed() || has_errors()>
                    {move || lang.get().pick("Lưu thay đổi kế hoạch", "Save the plan changes")}
                </button>
                <button type="button" class="secondary" on:click=cancel disabled=move || !changed()>
                    {move || lang.get().pick("Hủy thay đổi", "Discard the changes")}
                </button>
                <span class="form-status" role="status">
                    {move || if has_errors() {
                        lang.get().pick("Còn lỗi: chưa thể lưu.", "There are errors: it cannot be saved yet.")
                    } else if changed() {
                        lang.get().pick("Có thay đổi chưa lưu.", "Unsaved changes.")
                    } else {
                        ""
                    }}
                </span>
            </div>
        </section>
    }
}

/// A copy of the plan to model another one from, marked as a copy.
pub fn copy_of(plan: &Plan, lang: Lang) -> Plan {
    let mut copy = plan.clone();
    copy.identity.number = format!(
        "{} ({})",
        plan.identity.number,
        lang.pick("bản sao", "copy")
    );
    copy
}
