//! The browser APIs the shell needs outside storage: the URL fragment, the browser's language
//! preferences and the document's `lang` attribute. Components call these, never `web_sys`.

use leptos::prelude::*;

/// The current URL fragment, e.g. `#/portfolio`; empty when there is none.
pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Points the URL fragment at a view without adding a history entry when it is already there.
pub fn set_location_hash(hash: &str) {
    let location = window().location();
    if location.hash().unwrap_or_default() != hash {
        // A failure here only means the address bar lags behind; the view itself has changed.
        let _ = location.set_hash(hash);
    }
}

/// Calls `follow` with the new fragment whenever the user navigates (back, forward, typed URL).
pub fn on_hash_change(follow: impl Fn(String) + 'static) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| follow(location_hash()));
    // The shell lives as long as the page; the listener must too.
    std::mem::forget(handle);
}

/// The browser's language preferences, most preferred first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let navigator = window().navigator();
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Sets `<html lang>`, so screen readers and CJK font selection follow the interface language.
pub fn set_document_language(tag: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", tag);
    }
}

/// Removes the "loading" text that `index.html` shows until the app mounts.
pub fn remove_boot_message() {
    if let Some(message) = document().get_element_by_id("boot") {
        message.remove();
    }
}

/// Today's date on this computer's calendar, for dated features (red-list clock, RFM).
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}
