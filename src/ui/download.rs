//! Saving files the app makes (charts, exports) to the user's computer: a Blob, an object URL
//! and a click on a temporary link. Nothing is uploaded anywhere.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `file_name` with the MIME type `mime`.
pub fn offer_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    offer_blob(file_name, &blob)
}

/// Offers a Blob (e.g. a canvas rendered to PNG) as a download named `file_name`.
pub fn offer_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| format!("{e:?}"))?;
    let link: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The browser has taken its copy once the click is handled; free ours afterwards.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// The download name for parts such as `["客户A", "External profile"]`.
pub fn file_name_for(parts: &[String], extension: &str) -> String {
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    crate::export::file_name(&parts, extension)
}
