//! The import's Web Worker: the binary `import-worker`
//! (`src/bin/import_worker.rs`), which Trunk builds beside the app
//! (`data-type="worker"` in index.html) and the page starts for each JSON
//! import or merge ([`crate::app::files::ImportWorker`]).
//!
//! It does the work that cannot be sliced: serde_json reads a document in
//! one call. For each file it is sent, in order, it reads the bytes in
//! slices of [`SLICE_BYTES`] (`FileReaderSync`, which only workers have),
//! reads the document ([`crate::files::import::read_json_file`]) and posts the
//! workspace back as [`Pieces`], one each time the page asks for the next
//! (`"next"`); the page reads each piece in a task of its own. Messages
//! are arrays: `["ready"]` once it listens; then for each file
//! `["head", file, text, units]` and `["units", file, text]`…; then
//! `["done"]` — or `["error", file, vi, en]` for the first file that cannot
//! be imported, and nothing more.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::files::import::{read_json_file, ImportError, MAX_IMPORT_BYTES};
use crate::files::import_pieces::{Pieces, PIECE_BYTES};
use crate::i18n::{Lang, Text};

/// A file is read this many bytes at a time.
pub const SLICE_BYTES: u32 = 8 * 1024 * 1024;

/// The files still to send and the one being sent, piece by piece.
#[derive(Default)]
struct Feed {
    files: std::collections::VecDeque<web_sys::File>,
    /// The file being sent: its index, its pieces, and whether its head
    /// has been sent.
    sending: Option<(u32, Pieces, bool)>,
    next_index: u32,
}

/// Listens for files to import, and says it is ready. A piece is sent
/// when the page asks for the next (`"next"`), so that the page never
/// holds more than one piece it has not read.
pub fn run() {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let mut feed = Feed::default();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if data.as_string().as_deref() != Some("next") {
                let files: js_sys::Array = data.unchecked_into();
                feed = Feed {
                    files: files.iter().filter_map(|f| f.dyn_into().ok()).collect(),
                    ..Feed::default()
                };
            }
            send_next(&reply, &mut feed);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &[JsValue::from_str("ready")]);
}

fn post(scope: &web_sys::DedicatedWorkerGlobalScope, parts: &[JsValue]) {
    let message: js_sys::Array = parts.iter().collect();
    let _ = scope.post_message(&message);
}

/// Sends the next piece: of the file being sent, else of the next file
/// (read first), else says every file has been sent.
fn send_next(scope: &web_sys::DedicatedWorkerGlobalScope, feed: &mut Feed) {
    if let Some((index, pieces, head_sent)) = feed.sending.as_mut() {
        let units = pieces.units() as u32;
        if let Some(piece) = pieces.next() {
            let (index, piece) = (JsValue::from(*index), JsValue::from_str(&piece));
            if *head_sent {
                post(scope, &[JsValue::from_str("units"), index, piece]);
            } else {
                *head_sent = true;
                let units = JsValue::from(units);
                post(scope, &[JsValue::from_str("head"), index, piece, units]);
            }
            return;
        }
        feed.sending = None;
    }
    let Some(file) = feed.files.pop_front() else {
        return post(scope, &[JsValue::from_str("done")]);
    };
    let index = feed.next_index;
    feed.next_index += 1;
    match read(&file) {
        Ok(workspace) => {
            feed.sending = Some((index, Pieces::new(workspace, PIECE_BYTES), false));
            send_next(scope, feed);
        }
        Err(text) => {
            feed.files.clear();
            let (vi, en) = (JsValue::from_str(&text.vi), JsValue::from_str(&text.en));
            post(
                scope,
                &[JsValue::from_str("error"), JsValue::from(index), vi, en],
            );
        }
    }
}

/// A file's workspace, or why it cannot be imported.
fn read(file: &web_sys::File) -> Result<crate::domain::workspace::Workspace, Text> {
    match read_bytes(file) {
        Some(bytes) => {
            read_json_file(bytes).map_err(|e| Text::new(e.message(Lang::Vi), e.message(Lang::En)))
        }
        None if file.size() > MAX_IMPORT_BYTES as f64 => {
            let e = ImportError::TooLarge {
                bytes: file.size() as u64,
            };
            Err(Text::new(e.message(Lang::Vi), e.message(Lang::En)))
        }
        None => Err(Text::new(
            "Không đọc được tệp.",
            "The file could not be read.",
        )),
    }
}

/// A file's bytes, read a slice at a time into one buffer; `None` when it
/// is over the import cap or cannot be read.
fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let size = file.size();
    if size > MAX_IMPORT_BYTES as f64 {
        return None;
    }
    let reader = web_sys::FileReaderSync::new().ok()?;
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    // At most MAX_IMPORT_BYTES / SLICE_BYTES (32) slices.
    while start < size {
        let end = (start + f64::from(SLICE_BYTES)).min(size);
        let blob = file.slice_with_f64_and_f64(start, end).ok()?;
        let buffer = reader.read_as_array_buffer(&blob).ok()?;
        let array = js_sys::Uint8Array::new(&buffer);
        let at = bytes.len();
        let length = array.length() as usize;
        if length == 0 {
            break;
        }
        bytes.resize(at + length, 0);
        array.copy_to(bytes.get_mut(at..)?);
        start = end;
    }
    Some(bytes)
}
