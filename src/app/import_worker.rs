//! The import's Web Worker: the binary `import-worker`
//! (`src/bin/import_worker.rs`), which Trunk builds beside the app
//! (`data-type="worker"` in index.html) and the page starts for each JSON
//! import or merge, and for each CSV import
//! ([`crate::app::files::ImportWorker`]).
//!
//! It does the work that cannot be sliced, or that would make the page's
//! download bigger: serde_json reads a document in one call, and CSV files
//! are decoded with encoding_rs, whose tables (about 125 KB of the wasm)
//! the page then never downloads. It reads a file's bytes in slices of
//! [`SLICE_BYTES`] (`FileReaderSync`, which only workers have), none over
//! the import cap ([`MAX_IMPORT_BYTES`]).
//!
//! Messages are arrays, and the worker first says `["ready"]` once it
//! listens. Then the page sends one of two requests:
//!
//! - **JSON** — an array of `File`s: for each file, in order, the worker
//!   reads the document ([`crate::files::import::read_json_file`]) and posts
//!   the workspace back as [`Pieces`], one each time the page asks for the
//!   next (`"next"`), so that the page reads each piece in a task of its
//!   own: `["head", file, text, units]` and `["units", file, text]`…; then
//!   `["done"]`.
//! - **Decode CSV** — `["csv", File, File…]`: for each file, in order, the
//!   worker decodes its bytes as a spreadsheet wrote them
//!   ([`crate::files::bytes::spreadsheet_text`]) and posts
//!   `["text", file, encoding, buffer]` (the UTF-8 text's bytes in an
//!   `ArrayBuffer` it transfers, the encoding by its
//!   [`Encoding::code`](crate::files::bytes::Encoding::code)) or, for a
//!   file that is not text, `["not-text", file, encoding, line, byte]`
//!   ([`crate::files::bytes::NotText`]); then `["done"]`. The page reads the
//!   rows itself, a slice at a time.
//!
//! Either way, a file that cannot be read (or is over the cap) is
//! `["error", file, vi, en]`, and nothing more comes. `file` is the file's
//! index in the request.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::files::bytes::{Decoded, Decoding, NotText};
use crate::files::import::{read_json_file, ImportError, MAX_IMPORT_BYTES};
use crate::files::import_pieces::{Pieces, PIECE_BYTES};
use crate::i18n::{Lang, Text};

/// A file is read this many bytes at a time.
pub const SLICE_BYTES: u32 = 8 * 1024 * 1024;

/// A CSV file is decoded this many bytes at a time (as the page decoded
/// it before), so that its text grows a piece at a time into the room
/// made for it rather than being reserved for the worst case at once.
const DECODE_PIECE: usize = 1 << 20;

/// The files still to send and the one being sent, piece by piece.
#[derive(Default)]
struct Feed {
    files: std::collections::VecDeque<web_sys::File>,
    /// The file being sent: its index, its pieces, and whether its head
    /// has been sent.
    sending: Option<(u32, Pieces, bool)>,
    next_index: u32,
}

/// Listens for files to import (or CSV files to decode), and says it is
/// ready. A JSON file's piece is sent when the page asks for the next
/// (`"next"`), so that the page never holds more than one piece it has not
/// read; a CSV file's text is sent as soon as it is decoded.
pub fn run() {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let mut feed = Feed::default();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if data.as_string().as_deref() == Some("next") {
                return send_next(&reply, &mut feed);
            }
            let request: js_sys::Array = data.unchecked_into();
            let files = || request.iter().filter_map(|f| f.dyn_into().ok());
            if request.get(0).as_string().as_deref() == Some("csv") {
                feed = Feed::default();
                return decode_csv(&reply, files().collect());
            }
            feed = Feed {
                files: files().collect(),
                ..Feed::default()
            };
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

/// Decodes each of `files` as a spreadsheet wrote it and posts its text
/// (or where it is not text), in order; stops at a file that cannot be
/// read.
fn decode_csv(scope: &web_sys::DedicatedWorkerGlobalScope, files: Vec<web_sys::File>) {
    for (index, file) in files.iter().enumerate() {
        let index = JsValue::from(index as u32);
        let bytes = match read_bytes(file) {
            Some(bytes) => Rc::<[u8]>::from(bytes),
            None => {
                let text = unreadable(file);
                let (vi, en) = (JsValue::from_str(&text.vi), JsValue::from_str(&text.en));
                return post(scope, &[JsValue::from_str("error"), index, vi, en]);
            }
        };
        let mut decoding = Decoding::new(bytes);
        let decoded = loop {
            if let Some(decoded) = decoding.step(DECODE_PIECE) {
                break decoded;
            }
        };
        // The bytes are freed before the text is copied out.
        drop(decoding);
        match decoded {
            Ok(Decoded { text, encoding }) => {
                let buffer = js_sys::Uint8Array::from(text.as_bytes()).buffer();
                drop(text);
                let message: js_sys::Array = [
                    JsValue::from_str("text"),
                    index,
                    JsValue::from_str(encoding.code()),
                    buffer.clone().into(),
                ]
                .iter()
                .collect();
                let transfer: js_sys::Array = std::iter::once(JsValue::from(buffer)).collect();
                let _ = scope.post_message_with_transfer(&message, &transfer);
            }
            Err(NotText {
                encoding,
                line,
                byte,
            }) => post(
                scope,
                &[
                    JsValue::from_str("not-text"),
                    index,
                    JsValue::from_str(encoding.code()),
                    JsValue::from(line as f64),
                    JsValue::from(byte as f64),
                ],
            ),
        }
    }
    post(scope, &[JsValue::from_str("done")]);
}

/// A file's workspace, or why it cannot be imported.
fn read(file: &web_sys::File) -> Result<crate::domain::workspace::Workspace, Text> {
    match read_bytes(file) {
        Some(bytes) => {
            read_json_file(bytes).map_err(|e| Text::new(e.message(Lang::Vi), e.message(Lang::En)))
        }
        None => Err(unreadable(file)),
    }
}

/// Why [`read_bytes`] gave nothing for `file`.
fn unreadable(file: &web_sys::File) -> Text {
    if file.size() > MAX_IMPORT_BYTES as f64 {
        let e = ImportError::TooLarge {
            bytes: file.size() as u64,
        };
        return Text::new(e.message(Lang::Vi), e.message(Lang::En));
    }
    Text::new("Không đọc được tệp.", "The file could not be read.")
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
