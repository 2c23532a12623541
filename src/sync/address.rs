//! The sync's server address and database name, checked before anything
//! is sent.
//!
//! The app and the province's CouchDB are served under one origin
//! (`couchdb/README.md`, "Production setup": CouchDB behind the same
//! reverse proxy at `/couchdb/`): the page's Content Security Policy keeps
//! `connect-src 'self'`, the `_session` cookie stays first-party and no
//! CORS is needed. An address on another origin is therefore refused
//! here, with the reason, and nothing is sent to it.

use crate::i18n::Text;

/// The path under the page's origin where the province serves CouchDB.
pub const DEFAULT_PATH: &str = "/couchdb";

/// The default server address for a page served from `origin`
/// (`https://host`).
pub fn default_server(origin: &str) -> String {
    format!("{}{DEFAULT_PATH}", origin.trim_end_matches('/'))
}

/// `scheme://host[:port]` of an absolute URL, lower-cased, with the
/// scheme's default port left out; `None` when `url` is not absolute.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

/// The server address to use for `entered` on a page served from
/// `origin`: an absolute URL on the page's own origin, or a path
/// (`/couchdb`) taken on it; without a trailing slash, query or fragment.
pub fn check_server(entered: &str, origin: &str) -> Result<String, Text> {
    let entered = entered.trim();
    if entered.is_empty() {
        return Err(Text::new(
            "Hãy nhập địa chỉ máy chủ đồng bộ.",
            "Enter the sync server's address.",
        ));
    }
    let Some(page) = origin_of(origin) else {
        return Err(Text::new(
            "Trang này không được mở từ một địa chỉ web, nên không đồng bộ được.",
            "This page was not opened from a web address, so it cannot sync.",
        ));
    };
    let absolute = if entered.starts_with('/') && !entered.starts_with("//") {
        format!("{page}{entered}")
    } else {
        entered.to_owned()
    };
    let Some(server) = origin_of(&absolute) else {
        return Err(Text::new(
            "Địa chỉ máy chủ phải bắt đầu bằng https:// (hoặc là một đường dẫn như /couchdb).",
            "The server address must start with https:// (or be a path such as /couchdb).",
        ));
    };
    if server != page {
        return Err(Text::new(
            format!("Không gửi gì đến {server}: máy chủ CouchDB phải nằm dưới chính địa chỉ của ứng dụng ({page}/couchdb). Sở cần cấu hình máy chủ như hướng dẫn trong couchdb/README.md, mục “Production setup”."),
            format!("Nothing is sent to {server}: the CouchDB server must be served under the app's own address ({page}/couchdb). The province must set up its server as couchdb/README.md, section “Production setup”, explains."),
        ));
    }
    // The path starts after the authority, as written (the origin above
    // was normalised: its length says nothing about the text's).
    let after_scheme = absolute.split_once("://").map_or("", |(_, rest)| rest);
    let path = after_scheme
        .find(['/', '?', '#'])
        .and_then(|at| after_scheme.get(at..))
        .unwrap_or("")
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    Ok(format!("{page}{path}"))
}

/// A database name as CouchDB accepts one: a lower-case letter, then
/// lower-case letters, digits and `_ $ ( ) + - /`.
pub fn check_database(entered: &str) -> Result<String, Text> {
    let name = entered.trim();
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok =
        chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
    if first_ok && rest_ok && name.len() <= 238 {
        Ok(name.to_owned())
    } else {
        Err(Text::new(
            "Tên cơ sở dữ liệu gồm chữ thường không dấu, chữ số và dấu gạch, bắt đầu bằng một chữ (ví dụ coop-plan-haiphong).",
            "A database name is lower-case letters without accents, digits and dashes, starting with a letter (for example coop-plan-haiphong).",
        ))
    }
}

/// The database's URL under `server` (its name percent-encoded: `/` is
/// allowed in a name and must be `%2F` in the path).
pub fn database_url(server: &str, database: &str) -> String {
    format!(
        "{server}/{}",
        crate::sync::doc_id::encode_component(database)
    )
}

/// The most characters of a workspace id typed to join a province's
/// workspace ([`check_workspace_id`]).
pub const WORKSPACE_ID_MAX: usize = 64;

/// A workspace id as a user types it to open the province's workspace
/// (the province gives it: the documents on the server are named by it):
/// letters, digits, `.`, `_` and `-`, at most [`WORKSPACE_ID_MAX`].
pub fn check_workspace_id(typed: &str) -> Result<String, Text> {
    let id = typed.trim();
    if id.is_empty() {
        return Err(Text::new(
            "Hãy nhập mã không gian làm việc do Sở gửi.",
            "Enter the workspace id the province gave you.",
        ));
    }
    let fits = id.chars().count() <= WORKSPACE_ID_MAX
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if fits {
        Ok(id.to_owned())
    } else {
        Err(Text::new(
            format!("Mã không gian làm việc chỉ gồm chữ không dấu, chữ số, “.”, “_” và “-”, tối đa {WORKSPACE_ID_MAX} ký tự."),
            format!("A workspace id holds only letters without accents, digits, “.”, “_” and “-”, at most {WORKSPACE_ID_MAX} characters."),
        ))
    }
}
