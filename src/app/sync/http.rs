//! CouchDB's HTTP API through the browser's `fetch`: same origin, the
//! `_session` cookie sent and kept by the browser (`credentials:
//! "same-origin"`), JSON in and out, never from a cache. `web_sys` rather than a crate: the
//! app already links it, and four calls need no more.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestCache, RequestCredentials, RequestInit, Response};

/// Why a request gave no answer to read.
#[derive(Clone, Debug, PartialEq)]
pub enum HttpError {
    /// The request did not reach the server (offline, server down): try
    /// again later.
    Network,
    /// The server answered with an error status, and CouchDB's `error`
    /// and `reason`.
    Status {
        status: u16,
        error: String,
        reason: String,
    },
}

/// Sends `method url` with `body` (JSON) and gives the answer's text when
/// its status is 2xx.
pub async fn send(method: &str, url: &str, body: Option<&str>) -> Result<String, HttpError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    // Never an answer from a cache (the HTTP cache, or the service
    // worker's, which leaves `no-store` requests to the network).
    init.set_cache(RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(|_| HttpError::Network)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| HttpError::Network)?;
    let window = web_sys::window().ok_or(HttpError::Network)?;
    let answer = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| HttpError::Network)?;
    let response: Response = answer.dyn_into().map_err(|_| HttpError::Network)?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        return Ok(text);
    }
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let field = |name: &str| {
        parsed
            .get(name)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    Err(HttpError::Status {
        status: response.status(),
        error: field("error"),
        reason: field("reason"),
    })
}
