//! A target's card: status, figures, a share's progress bar and the plan's
//! wording, as [`crate::report::TargetCard`] computed them. Each part
//! follows the card's signal, so a new as-of date or an edit redraws only
//! the text that changed.

use leptos::prelude::*;

use crate::report::{ProgressBar, TargetCard};

#[component]
pub fn TargetCard(
    card: Signal<TargetCard>,
    /// Whether the card links to the target's own page (not on that page).
    #[prop(optional)]
    linked: bool,
) -> impl IntoView {
    let part = move |f: fn(&TargetCard) -> String| move || card.with(f);
    let title_id = move || card.with(|c| format!("target-{}-title", c.id));
    let figure = move |index: usize| {
        (
            move || card.with(|c| c.figures[index].0),
            move || card.with(|c| c.figures[index].1.clone()),
        )
    };
    let [(current_term, current), (target_term, target), (deadline_term, deadline)] =
        [figure(0), figure(1), figure(2)];
    view! {
        <article
            class=move || card.with(|c| format!("target-card status-{}", c.status.key()))
            data-target-id=part(|c| c.id.clone())
            aria-labelledby=title_id
        >
            <h2 id=title_id>
                <span class="target-id">{part(|c| c.id.clone())}</span>
                " · "
                {part(|c| c.title.clone())}
            </h2>
            <p class="status" data-status=move || card.with(|c| c.status.key())>
                <span class="status-icon" aria-hidden="true">
                    {move || card.with(|c| c.status.icon())}
                </span>
                " "
                {move || card.with(|c| c.status_label)}
            </p>
            <dl class="figures">
                <div><dt>{current_term}</dt><dd class="value">{current}</dd></div>
                <div><dt>{target_term}</dt><dd>{target}</dd></div>
                <div><dt>{deadline_term}</dt><dd>{deadline}</dd></div>
            </dl>
            {move || card.with(|c| c.detail.clone()).map(|detail| view! { <p class="detail">{detail}</p> })}
            {move || card.with(|c| c.slipped.clone()).map(|slipped| view! { <p class="slipped">{slipped}</p> })}
            {move || card.with(|c| c.bar.clone()).map(|bar| view! { <Progress bar/> })}
            <p class="wording" lang="vi">{part(|c| c.wording.clone())}</p>
            {linked.then(|| view! {
                <p class="more">
                    <a href=part(|c| c.more.0.clone())>{part(|c| c.more.1.clone())}</a>
                </p>
            })}
        </article>
    }
}

/// A share's bar, with the target marked. An SVG rather than `style`
/// attributes, which the page's Content-Security-Policy (no inline style)
/// refuses.
#[component]
fn Progress(bar: ProgressBar) -> impl IntoView {
    let fill = format!("{:.1}", bar.fill);
    let mark = format!("{:.1}", bar.mark);
    view! {
        <svg
            class="progress"
            viewBox="0 0 100 10"
            preserveAspectRatio="none"
            role="img"
            aria-label=bar.label
        >
            <rect class="progress-track" width="100" height="10"></rect>
            <rect class="progress-fill" width=fill height="10"></rect>
            <line
                class="progress-target"
                x1=mark.clone()
                x2=mark
                y1="-4"
                y2="14"
                vector-effect="non-scaling-stroke"
            ></line>
        </svg>
    }
}
