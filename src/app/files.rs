//! Reading files the user picks or drops, as bytes: what they mean as text
//! is decided in the domain ([`crate::files::bytes`]), which knows the encodings
//! spreadsheets write and can say where a file is not text.
//!
//! A file is read a slice of [`SLICE_BYTES`] at a time, each slice in a
//! task of its own, so that a big one (up to the 256 MB import cap) is
//! never handed to the page as one buffer in one long task. An import is
//! read by a Web Worker instead ([`ImportWorker`],
//! [`crate::app::import_worker`]): a JSON file is read, checked and handed
//! back in pieces; a CSV file is decoded there and handed back as UTF-8
//! text, so that the page's wasm holds no decoder of other encodings.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::files::bytes::{Decoded, Encoding, NotText};
use crate::i18n::Text;

/// A file is read this many bytes at a time.
pub const SLICE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// The files of a file input or a drop, in order.
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

type Done = Box<dyn FnOnce(Option<Vec<u8>>)>;

/// Reads `file`'s bytes and calls `done` with them (`None` if the browser
/// could not read it). A callback rather than a future: the download stays
/// free of an async executor for this.
pub fn read_bytes(file: &web_sys::File, done: impl FnOnce(Option<Vec<u8>>) + 'static) {
    let size = file.size();
    let bytes = Vec::with_capacity(size as usize);
    read_slice(file.clone().into(), 0.0, size, bytes, Box::new(done));
}

/// Reads `blob` from `start` on, one slice per task, into `bytes`.
fn read_slice(blob: web_sys::Blob, start: f64, size: f64, mut bytes: Vec<u8>, done: Done) {
    if start >= size {
        return done(Some(bytes));
    }
    let end = (start + SLICE_BYTES).min(size);
    let (Ok(slice), Ok(reader)) = (
        blob.slice_with_f64_and_f64(start, end),
        web_sys::FileReader::new(),
    ) else {
        return done(None);
    };
    let reader_in_callback = reader.clone();
    let on_load_end = Closure::once_into_js(move || {
        let Some(buffer) = reader_in_callback
            .result()
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::ArrayBuffer>().ok())
        else {
            return done(None);
        };
        let array = js_sys::Uint8Array::new(&buffer);
        let (at, length) = (bytes.len(), array.length() as usize);
        if length == 0 {
            // The file shrank while it was read: what was read is all.
            return done(Some(bytes));
        }
        bytes.resize(at + length, 0);
        if let Some(into) = bytes.get_mut(at..) {
            array.copy_to(into);
        }
        read_slice(blob, end, size, bytes, done);
    });
    // `loadend` fires after a success and after a failure alike.
    reader.set_onloadend(Some(on_load_end.unchecked_ref()));
    let _ = reader.read_as_array_buffer(&slice);
}

/// What the import's worker says ([`crate::app::import_worker`]).
pub enum FromWorker {
    /// File `file`'s head (its document without the units), and how many
    /// units follow.
    Head {
        file: usize,
        text: String,
        units: usize,
    },
    /// A list of file `file`'s units.
    Units { file: usize, text: String },
    /// CSV file `file` decoded: its text and the encoding it was read in,
    /// or where it is not text.
    Decoded {
        file: usize,
        text: Result<Decoded, NotText>,
    },
    /// File `file` cannot be imported, and why; nothing more comes.
    Refused { file: usize, message: Text },
    /// Every file has been sent.
    Done,
    /// The worker could not start or failed.
    Failed,
}

/// Where Trunk writes the worker's loader (`data-loader-shim` in
/// index.html); the service worker keeps it for offline use (sw.js).
const WORKER_URL: &str = "/import-worker_loader.js";

/// An import running in a Web Worker. Dropping it stops the worker.
pub struct ImportWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

type OnMessage = Rc<RefCell<Box<dyn FnMut(FromWorker)>>>;

/// Starts a worker that reads `files` as JSON workspace documents, in
/// order; `on` hears each of its messages, each in a task of its own.
pub fn import_in_worker(
    files: Vec<web_sys::File>,
    on: impl FnMut(FromWorker) + 'static,
) -> Option<ImportWorker> {
    start_worker(files.into_iter().collect(), on)
}

/// Starts a worker that decodes `files` as CSV files from a spreadsheet,
/// in order; `on` hears [`FromWorker::Decoded`] for each, each in a task
/// of its own, then [`FromWorker::Done`] (or why a file cannot be read).
pub fn decode_csv_in_worker(
    files: Vec<web_sys::File>,
    on: impl FnMut(FromWorker) + 'static,
) -> Option<ImportWorker> {
    let request = std::iter::once(wasm_bindgen::JsValue::from_str("csv"))
        .chain(files.into_iter().map(Into::into))
        .collect();
    start_worker(request, on)
}

/// A file's text as the worker sends it (`["text", file, encoding,
/// buffer]`, see [`crate::app::import_worker`]); `None` if the message is
/// not that (which the worker never sends).
fn decoded_text(data: &js_sys::Array) -> Option<Decoded> {
    let encoding = Encoding::from_code(&data.get(2).as_string()?)?;
    let buffer: js_sys::ArrayBuffer = data.get(3).dyn_into().ok()?;
    let text = String::from_utf8(js_sys::Uint8Array::new(&buffer).to_vec()).ok()?;
    Some(Decoded { text, encoding })
}

/// Where a file is not text, as the worker sends it (`["not-text", file,
/// encoding, line, byte]`).
fn not_text(data: &js_sys::Array) -> Option<NotText> {
    Some(NotText {
        encoding: Encoding::from_code(&data.get(2).as_string()?)?,
        line: data.get(3).as_f64()? as usize,
        byte: data.get(4).as_f64()? as usize,
    })
}

/// Starts the import's worker and sends it `request` once it listens;
/// `on` hears each of its messages, each in a task of its own.
fn start_worker(
    request: js_sys::Array,
    on: impl FnMut(FromWorker) + 'static,
) -> Option<ImportWorker> {
    let worker = web_sys::Worker::new(WORKER_URL).ok()?;
    let on: OnMessage = Rc::new(RefCell::new(Box::new(on)));
    let sender = worker.clone();
    let hear = on.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data: js_sys::Array = ev.data().unchecked_into();
            let kind = data.get(0).as_string().unwrap_or_default();
            let file = data.get(1).as_f64().unwrap_or(0.0) as usize;
            let text = |at: u32| data.get(at).as_string().unwrap_or_default();
            // What the worker wrote is read back whole; anything else would
            // be a fault of the page or the browser, and ends the import.
            let garbled = || FromWorker::Refused {
                file,
                message: Text::new(
                    "Không đọc được tệp: văn bản nhận được bị hỏng.",
                    "The file could not be read: the text received was garbled.",
                ),
            };
            let message = match kind.as_str() {
                // Messages sent before the worker listens would be lost.
                "ready" => {
                    let _ = sender.post_message(&request);
                    return;
                }
                "text" => match decoded_text(&data) {
                    Some(decoded) => FromWorker::Decoded {
                        file,
                        text: Ok(decoded),
                    },
                    None => garbled(),
                },
                "not-text" => match not_text(&data) {
                    Some(not_text) => FromWorker::Decoded {
                        file,
                        text: Err(not_text),
                    },
                    None => garbled(),
                },
                "head" => FromWorker::Head {
                    file,
                    text: text(2),
                    units: data.get(3).as_f64().unwrap_or(0.0) as usize,
                },
                "units" => FromWorker::Units {
                    file,
                    text: text(2),
                },
                "error" => FromWorker::Refused {
                    file,
                    message: Text::new(text(2), text(3)),
                },
                "done" => FromWorker::Done,
                _ => return,
            };
            let piece = matches!(message, FromWorker::Head { .. } | FromWorker::Units { .. });
            if let Ok(mut on) = hear.try_borrow_mut() {
                on(message);
            }
            // The next piece only once this one is read: the page never
            // holds the whole file's pieces at once.
            if piece {
                let _ = sender.post_message(&wasm_bindgen::JsValue::from_str("next"));
            }
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        if let Ok(mut on) = on.try_borrow_mut() {
            on(FromWorker::Failed);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(ImportWorker {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}
