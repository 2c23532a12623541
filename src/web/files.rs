//! Reading files the user picks or drops, as bytes: what they mean as text
//! is decided in the domain ([`crate::files`]), which knows the encodings
//! spreadsheets write and can say where a file is not text.

use wasm_bindgen::JsCast;

/// The files of a file input or a drop, in order.
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// Reads `file`'s bytes and calls `done` with them (`None` if the browser
/// could not read it). A callback rather than a future: the download stays
/// free of an async executor for this.
pub fn read_bytes(file: &web_sys::File, done: impl FnOnce(Option<Vec<u8>>) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else {
        return done(None);
    };
    let reader_in_callback = reader.clone();
    let on_load_end = wasm_bindgen::closure::Closure::once_into_js(move || {
        let buffer = reader_in_callback
            .result()
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::ArrayBuffer>().ok());
        done(buffer.map(|b| js_sys::Uint8Array::new(&b).to_vec()))
    });
    // `loadend` fires after a success and after a failure alike.
    reader.set_onloadend(Some(on_load_end.unchecked_ref()));
    let _ = reader.read_as_array_buffer(file);
}
