//! A label and a file input. The files picked go to `on_pick`, and the
//! input is emptied at once, so that the same file can be picked again
//! after the user fixes it.

use leptos::prelude::*;

#[component]
pub fn FilePicker(
    id: &'static str,
    /// The label's words, in the page's language.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The `accept` attribute: extensions and media types.
    accept: &'static str,
    /// Several files at once.
    #[prop(optional)]
    multiple: bool,
    on_pick: UnsyncCallback<Vec<web_sys::File>>,
) -> impl IntoView {
    let change = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = crate::app::files::list(input.files());
        input.set_value("");
        on_pick.run(files);
    };
    view! {
        <label class="stacked" for=id>{label}</label>
        <input id=id type="file" accept=accept multiple=multiple on:change=change/>
    }
}
