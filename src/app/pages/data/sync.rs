//! Đồng bộ: the sync settings of the open workspace (server address,
//! database, user name; the password only to log in, never kept), the
//! login, "Sync now", "Log out", and the status line: who is logged in,
//! online or not, last pushed and pulled, changes waiting, and what went
//! wrong, in plain words, and the records in conflict to settle field by
//! field. The texts come from [`crate::sync::status`].

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::province::ProvincePanel;
use crate::app::state::AppState;
use crate::app::sync::Sync;
use crate::app::words;
use crate::domain::field_merge::value;
use crate::i18n::Text;
use crate::sync::address::{check_workspace_id, default_server, WORKSPACE_ID_MAX};
use crate::sync::conflict::Unsettled;
use crate::sync::status::{last_text, offline_text, online_text, pending_text, readable_id};

/// A moment (milliseconds since 1970) in the browser's time zone.
fn local_time(millis: f64) -> Option<chrono::NaiveDateTime> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    NaiveDate::from_ymd_opt(
        i32::try_from(date.get_full_year()).ok()?,
        date.get_month() + 1,
        date.get_date(),
    )?
    .and_hms_opt(date.get_hours(), date.get_minutes(), date.get_seconds())
}

#[component]
pub fn SyncSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sync = expect_context::<Sync>();
    let lang = state.lang;
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let server = RwSignal::new(default_server(&origin));
    let database = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // The form's own message (a setting refused, a wrong password).
    let message = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    // The form shows the open workspace's settings when it has some.
    Effect::new(move |_| {
        if let Some(settings) = sync.settings.get() {
            server.set(settings.server);
            database.set(settings.database);
            user.set(settings.user);
        }
    });
    let log_in = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let configured = sync
                .configure(
                    state,
                    &server.get_untracked(),
                    &database.get_untracked(),
                    &user.get_untracked(),
                )
                .await;
            let result = match configured {
                Ok(_) => sync.log_in(state, &password.get_untracked()).await,
                Err(text) => Err(text),
            };
            // The password is not kept, not even in the form.
            password.set(String::new());
            message.set(result.err());
            busy.set(false);
        });
    };
    let sync_now = move |_| sync.sync_now(state);
    let log_out = move |_| {
        spawn_local(async move { sync.log_out().await });
    };
    let text = move |t: Text| t.get(lang.get()).to_owned();
    let who = move || {
        sync.session.get().map(|s| {
            text(Text::new(
                format!("Đã đăng nhập: {} ({})", s.name, s.roles.join(", ")),
                format!("Logged in: {} ({})", s.name, s.roles.join(", ")),
            ))
        })
    };
    let connection = move || {
        if sync.offline.get() || !sync.online.get() {
            text(offline_text())
        } else {
            text(online_text())
        }
    };
    let pushed = move || {
        text(last_text(
            "Lần gửi cuối",
            "Last pushed",
            sync.last_pushed.get().and_then(local_time),
        ))
    };
    let pulled = move || {
        text(last_text(
            "Lần nhận cuối",
            "Last pulled",
            sync.last_pulled.get().and_then(local_time),
        ))
    };
    let pending = move || match sync.pending.get() {
        Some(count) => text(pending_text(count)),
        None if sync.pending_flag.get() => text(Text::new(
            "Có thay đổi chờ gửi",
            "Changes are waiting to be sent",
        )),
        None => text(pending_text(0)),
    };
    let problems = move || {
        let lang = lang.get();
        let mut lines: Vec<String> = Vec::new();
        if let Some(error) = sync.error.get() {
            lines.push(error.get(lang).to_owned());
        }
        if let Some(outcome) = sync.outcome.get() {
            lines.extend(outcome.problems().iter().map(|t| t.get(lang).to_owned()));
        }
        lines
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view()
    };
    let summary = move || {
        sync.outcome
            .get()
            .map(|o| o.summary().get(lang.get()).to_owned())
    };
    let configured = move || sync.settings.with(Option::is_some);
    let logged_in = move || sync.session.with(Option::is_some);
    view! {
        <section class="sync" aria-labelledby="sync-title">
            <h2 id="sync-title">{words("Đồng bộ", "Sync")}</h2>
            <p>
                {words(
                    "Gửi thay đổi của không gian làm việc này lên máy chủ CouchDB của Sở và nhận thay đổi của người khác. Mật khẩu không được lưu.",
                    "Sends this workspace's changes to the province's CouchDB server and receives the others'. The password is not kept.",
                )}
            </p>
            <p id="sync-workspace">
                {move || {
                    let id = state.workspace.with(|w| w.id.clone());
                    Text::new(
                        format!("Mã không gian làm việc này: {id}. Trên máy chủ, số liệu được ghi theo mã này: người cùng đồng bộ một bộ số liệu phải mở không gian làm việc có cùng mã."),
                        format!("This workspace's id: {id}. On the server the data is filed under this id: people who sync the same data must open a workspace with the same id."),
                    )
                    .get(lang.get())
                    .to_owned()
                }}
            </p>
            <JoinWorkspace/>
            <form class="sync-form" on:submit=log_in>
                <p class="field">
                    <label for="sync-server">{words("Địa chỉ máy chủ", "Server address")}</label>
                    <input id="sync-server" type="url" autocomplete="url" prop:value=server
                        on:input:target=move |ev| server.set(ev.target().value())/>
                </p>
                <p class="field">
                    <label for="sync-database">{words("Cơ sở dữ liệu", "Database")}</label>
                    <input id="sync-database" type="text" autocomplete="off" spellcheck="false"
                        prop:value=database
                        on:input:target=move |ev| database.set(ev.target().value())/>
                </p>
                <p class="field">
                    <label for="sync-user">{words("Tên đăng nhập", "User name")}</label>
                    <input id="sync-user" type="text" autocomplete="username" prop:value=user
                        on:input:target=move |ev| user.set(ev.target().value())/>
                </p>
                <p class="field">
                    <label for="sync-password">{words("Mật khẩu", "Password")}</label>
                    <input id="sync-password" type="password" autocomplete="current-password"
                        prop:value=password
                        on:input:target=move |ev| password.set(ev.target().value())/>
                </p>
                <p class="sync-actions">
                    <button type="submit" disabled=busy>{words("Đăng nhập", "Log in")}</button>
                    <button type="button" class="secondary" id="sync-now"
                        disabled=move || !configured() || sync.running.get()
                        on:click=sync_now>
                        {words("Đồng bộ ngay", "Sync now")}
                    </button>
                    <button type="button" class="secondary" id="sync-log-out"
                        disabled=move || !logged_in()
                        on:click=log_out>
                        {words("Đăng xuất", "Log out")}
                    </button>
                </p>
                <p id="sync-form-message" class="field-message" role="alert">
                    {move || message.get().map(|m| m.get(lang.get()).to_owned())}
                </p>
            </form>
            <div id="sync-status" role="status" aria-live="polite" hidden=move || !configured()>
                <ul class="sync-status">
                    <li id="sync-user-status">{who}</li>
                    <li id="sync-connection"
                        data-state=move || if sync.offline.get() || !sync.online.get() { "offline" } else { "online" }>
                        {connection}
                    </li>
                    <li id="sync-pushed">{pushed}</li>
                    <li id="sync-pulled">{pulled}</li>
                    <li id="sync-pending">{pending}</li>
                    <li id="sync-running" hidden=move || !sync.running.get()>
                        {words("Đang đồng bộ…", "Syncing…")}
                    </li>
                </ul>
                <p id="sync-summary">{summary}</p>
                <ul id="sync-problems" class="sync-problems">{problems}</ul>
                <SyncChoices/>
                <ProvincePanel/>
            </div>
        </section>
    }
}

/// The records in conflict, field by field: for each field changed both
/// here and on the server, keep the value here or take the server's; once
/// every field is chosen, the chosen record is written and sent.
#[component]
fn SyncChoices() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sync = expect_context::<Sync>();
    let lang = state.lang;
    let message = RwSignal::new(None::<Text>);
    let choices = move || {
        sync.choices
            .get()
            .into_iter()
            .enumerate()
            .map(|(at, choice)| {
                let title = readable_id(&choice.id.to_id());
                let fields = choice
                    .conflicts()
                    .iter()
                    .map(|(field, theirs)| {
                        let mine = value(&choice.merged.mine, field).to_owned();
                        let keep = field.clone();
                        let take = field.clone();
                        let choose = move |field: &str, keep_mine: bool| {
                            sync.choices.update(|c| {
                                if let Some(choice) = c.get_mut(at) {
                                    choice.choose(field, keep_mine);
                                }
                            });
                        };
                        let mine_label = mine.clone();
                        let theirs_label = theirs.clone();
                        view! {
                            <li>
                                <strong>{field.clone()}</strong>
                                " "
                                <button type="button" class="secondary"
                                    on:click=move |_| choose(&keep, true)>
                                    {move || format!("{}: {mine_label}", lang.get().pick("Giữ bản ở đây", "Keep the version here"))}
                                </button>
                                " "
                                <button type="button" class="secondary"
                                    on:click=move |_| choose(&take, false)>
                                    {move || format!("{}: {theirs_label}", lang.get().pick("Lấy bản máy chủ", "Take the server's"))}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                let ready = choice.conflicts().is_empty();
                let write = move |_| {
                    message.set(None);
                    if let Err(unsettled) = sync.settle(state, at) {
                        message.set(Some(match unsettled {
                            Unsettled::Pending(fields) => Text::new(
                                format!("Còn phải chọn: {}", fields.join(", ")),
                                format!("Still to choose: {}", fields.join(", ")),
                            ),
                            Unsettled::Unreadable { field, message } => Text::new(
                                format!("{field}: {}", message.vi),
                                format!("{field}: {}", message.en),
                            ),
                        }));
                    }
                };
                view! {
                    <section class="sync-choice">
                        <h3>{title}</h3>
                        <ul>{fields}</ul>
                        <p>
                            <button type="button" disabled=!ready on:click=write>
                                {words("Ghi bản đã chọn", "Write the chosen version")}
                            </button>
                        </p>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div id="sync-choices">
            {choices}
            <p class="field-message" role="alert">
                {move || message.get().map(|m| m.get(lang.get()).to_owned())}
            </p>
        </div>
    }
}

/// Opens the province's workspace by the id the province gives: the one
/// stored here under that id, or an empty one (the plan the app ships
/// with, no unit) that the first pull fills. Then the user logs in.
#[component]
fn JoinWorkspace() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let typed = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Text>);
    let join = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = match check_workspace_id(&typed.get_untracked()) {
            Ok(id) => id,
            Err(text) => {
                message.set(Some(text));
                return;
            }
        };
        message.set(None);
        if state.workspace.with_untracked(|w| w.id == id) {
            message.set(Some(Text::new(
                "Không gian làm việc này đang mở.",
                "This workspace is open already.",
            )));
            return;
        }
        spawn_local(async move {
            let workspace = match crate::app::storage::read_workspace(&id).await {
                Some(Ok(stored)) => stored,
                Some(Err(_)) => {
                    message.set(Some(Text::new(
                        "Không gian làm việc có mã này trên máy không đọc được; hãy xem mục Lưu trữ.",
                        "The workspace stored here under this id cannot be read; see Storage.",
                    )));
                    return;
                }
                None => {
                    let mut blank = crate::sync::document::blank_workspace(&id);
                    blank.name = id.clone();
                    blank
                }
            };
            state.open_workspace(workspace);
            typed.set(String::new());
            message.set(Some(Text::new(
                "Đã mở. Hãy đăng nhập để nhận số liệu từ máy chủ.",
                "Opened. Log in to receive the data from the server.",
            )));
        });
    };
    view! {
        <form class="sync-join" on:submit=join>
            <p class="field">
                <label for="sync-join-id">{words("Mở không gian làm việc của Sở theo mã", "Open the province's workspace by its id")}</label>
                <input id="sync-join-id" type="text" autocomplete="off" spellcheck="false"
                    maxlength=WORKSPACE_ID_MAX.to_string()
                    prop:value=typed on:input:target=move |ev| typed.set(ev.target().value())/>
            </p>
            <p class="sync-actions">
                <button type="submit" class="secondary">{words("Mở", "Open")}</button>
            </p>
            <p id="sync-join-message" class="field-message" role="status">
                {move || message.get().map(|m| m.get(lang.get()).to_owned())}
            </p>
        </form>
    }
}
