//! Reading files the user picks or drops, as text.

use wasm_bindgen::JsCast;

/// The files of a file input or a drop, in order.
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// Reads `file` as UTF-8 text and calls `done` with it (`None` if the
/// browser could not read it). A callback rather than a future: the
/// download stays free of an async executor for this.
pub fn read_text(file: &web_sys::File, done: impl FnOnce(Option<String>) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else {
        return done(None);
    };
    let reader_in_callback = reader.clone();
    let on_load_end = wasm_bindgen::closure::Closure::once_into_js(move || {
        done(reader_in_callback.result().ok().and_then(|v| v.as_string()))
    });
    // `loadend` fires after a success and after a failure alike.
    reader.set_onloadend(Some(on_load_end.unchecked_ref()));
    let _ = reader.read_as_text(file);
}
