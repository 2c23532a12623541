//! In-app dialogs in place of the browser's `confirm()` and `prompt()`:
//! in the page's language, on the native `<dialog>` element (modal,
//! focus kept inside, Esc cancels, announced as a dialog by screen
//! readers), and awaited by the code that asks.

use std::collections::VecDeque;

use futures_channel::oneshot;
use leptos::html;
use leptos::prelude::*;

use crate::i18n::{Lang, Text};

/// What the user is asked.
pub struct Question {
    pub text: Text,
    /// The button that agrees ("OK" unless the question says better, such
    /// as "Xóa").
    pub yes: Text,
    /// `Some` asks for a line of text, starting from this value.
    pub answer_from: Option<String>,
}

impl Question {
    pub fn confirm(vi: &str, en: &str) -> Question {
        Question {
            text: Text::new(vi, en),
            yes: Text::new("Đồng ý", "OK"),
            answer_from: None,
        }
    }

    pub fn text(vi: &str, en: &str, default: &str) -> Question {
        Question {
            answer_from: Some(default.to_owned()),
            ..Question::confirm(vi, en)
        }
    }

    /// Names the button that agrees after what it does.
    pub fn yes(mut self, vi: &str, en: &str) -> Question {
        self.yes = Text::new(vi, en);
        self
    }
}

/// A question waiting for its answer: `None` when cancelled.
struct Asked {
    question: Question,
    reply: oneshot::Sender<Option<String>>,
}

/// The questions asked, the first one shown; shared through context.
#[derive(Clone, Copy)]
pub struct Dialogs {
    queue: RwSignal<VecDeque<Asked>, LocalStorage>,
}

impl Dialogs {
    pub fn new() -> Dialogs {
        Dialogs {
            queue: RwSignal::new_local(VecDeque::new()),
        }
    }

    /// Asks and waits; `None` if the user cancels (Esc, "Hủy").
    pub async fn ask(self, question: Question) -> Option<String> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .update(|q| q.push_back(Asked { question, reply }));
        answer.await.ok().flatten()
    }

    /// Answers the question shown and shows the next one.
    fn answer(self, answer: Option<String>) {
        let asked = self.queue.try_update(|q| q.pop_front()).flatten();
        if let Some(asked) = asked {
            let _ = asked.reply.send(answer);
        }
    }
}

impl Default for Dialogs {
    fn default() -> Self {
        Dialogs::new()
    }
}

/// The dialog the frame holds: shows the first question asked.
#[component]
pub fn DialogHost(dialogs: Dialogs, lang: RwSignal<Lang>) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let input = NodeRef::<html::Input>::new();
    // The question shown: its text, its button and its starting answer.
    let shown = Memo::new(move |_| {
        dialogs.queue.with(|q| {
            q.front().map(|a| {
                (
                    a.question.text.clone(),
                    a.question.yes.clone(),
                    a.question.answer_from.clone(),
                )
            })
        })
    });
    // Opens the dialog modally while a question waits, closes it after.
    Effect::new(move |_| {
        let open = shown.with(Option::is_some);
        let Some(dialog) = dialog.get() else { return };
        if open && !dialog.open() {
            let _ = dialog.show_modal();
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
                input.select();
            }
        } else if !open && dialog.open() {
            dialog.close();
        }
    });
    let pick = move |t: &Text| lang.with(|l| l.pick(&t.vi, &t.en).to_owned());
    let text = move || shown.with(|s| s.as_ref().map(|(t, _, _)| pick(t)).unwrap_or_default());
    let yes = move || shown.with(|s| s.as_ref().map(|(_, y, _)| pick(y)).unwrap_or_default());
    let asks_text = move || shown.with(|s| matches!(s, Some((_, _, Some(_)))));
    let start = move || {
        shown.with(|s| {
            s.as_ref()
                .and_then(|(_, _, a)| a.clone())
                .unwrap_or_default()
        })
    };
    let agree = move || {
        let answer = if shown.with_untracked(|s| matches!(s, Some((_, _, Some(_))))) {
            let typed = input.get_untracked().map(|i| i.value()).unwrap_or_default();
            let typed = typed.trim().to_owned();
            if typed.is_empty() {
                // An empty name is no answer: the question stays.
                if let Some(i) = input.get_untracked() {
                    let _ = i.focus();
                }
                return;
            }
            typed
        } else {
            String::new()
        };
        dialogs.answer(Some(answer));
    };
    view! {
        <dialog
            node_ref=dialog
            class="app-dialog"
            aria-labelledby="app-dialog-text"
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                dialogs.answer(None);
            }
        >
            <form
                method="dialog"
                on:submit=move |ev| {
                    ev.prevent_default();
                    agree();
                }
            >
                <p id="app-dialog-text" class="app-dialog-text">{text}</p>
                <Show when=asks_text>
                    <input
                        node_ref=input
                        type="text"
                        class="app-dialog-input"
                        aria-labelledby="app-dialog-text"
                        prop:value=start
                    />
                </Show>
                <div class="app-dialog-buttons">
                    <button type="submit" class="primary" autofocus=move || !asks_text()>
                        {yes}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| dialogs.answer(None)>
                        {move || lang.get().pick("Hủy", "Cancel")}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
