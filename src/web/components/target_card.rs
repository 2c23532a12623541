//! One target on the dashboard: value, target, deadline and status — the
//! status as a word and an icon, never by colour alone.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use super::progress_bar::ProgressBar;
use crate::i18n::Lang;
use crate::indicator::Evaluation;
use crate::plan::Target;
use crate::wording::{bar_scale, deadline_text, detail_text, target_text, value_text};

/// `linked`: on the dashboard the card leads to the target's own page.
#[component]
pub fn TargetCard(
    target: Target,
    evaluation: Evaluation,
    as_of: NaiveDate,
    lang: Lang,
    #[prop(default = true)] linked: bool,
) -> impl IntoView {
    let title_id = format!("target-{}-title", target.id);
    let labelled_by = title_id.clone();
    let status = evaluation.status;
    let value = value_text(&evaluation, lang);
    let target_value = target_text(&target, lang);
    let bar_label = format!(
        "{} {value}; {} {target_value}",
        lang.pick("Giá trị", "Value"),
        lang.pick("mục tiêu", "target"),
    );
    let scale = bar_scale(&target, evaluation.value());
    view! {
        <article class=format!("target-card status-{}", status.key()) data-target-id=target.id.clone() aria-labelledby=labelled_by>
            <h2 id=title_id>
                <span class="target-id">{target.id.clone()}</span>
                " · "
                {target.title.get(lang).to_owned()}
            </h2>
            <p class="status" data-status=status.key()>
                <span class="status-icon" aria-hidden="true">{status.icon()}</span>
                " "
                {status.label(lang)}
            </p>
            <dl class="figures">
                <div>
                    <dt>{lang.pick("Hiện tại", "Current")}</dt>
                    <dd class="value">{value}</dd>
                </div>
                <div>
                    <dt>{lang.pick("Mục tiêu", "Target")}</dt>
                    <dd>{target_value}</dd>
                </div>
                <div>
                    <dt>{lang.pick("Thời hạn", "Deadline")}</dt>
                    <dd>{deadline_text(target.deadline, as_of, lang)}</dd>
                </div>
            </dl>
            {detail_text(&evaluation, lang).map(|detail| view! { <p class="detail">{detail}</p> })}
            {target.indicator.is_share().then(|| view! {
                <ProgressBar value=evaluation.value() target=target.value scale_max=scale label=bar_label />
            })}
            <p class="wording" lang="vi">{format!("“{}”", target.wording)}</p>
            {linked.then(|| view! {
                <p class="more">
                    <A href=format!("/targets/{}", target.id)>
                        {format!("{} {} →", lang.pick("Chi tiết, phân tổ và danh sách đơn vị của", "Details, breakdowns and units of"), target.id)}
                    </A>
                </p>
            })}
        </article>
    }
}
