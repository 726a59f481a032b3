//! Files the user opens: reading them as text, and asking the browser to keep this site's
//! storage (so it is not evicted under storage pressure).

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The text of a file the user picked or dropped.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| format!("{e:?}"))?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// Asks the browser to keep this site's storage (`navigator.storage.persist()`); browsers may
/// grant it silently, ask the user, or refuse, and the app works the same either way.
pub fn request_persistent_storage() {
    if let Ok(promise) = window().navigator().storage().persist() {
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// The file chosen in a file input (and its name), clearing the input so choosing the same
/// file again fires another change.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<(web_sys::File, String)> {
    use wasm_bindgen::JsCast;
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    let name = file.name();
    Some((file, name))
}
