//! Preferences kept in the browser's localStorage (through `gloo-storage`). When storage is
//! unavailable (private mode, disabled), reads find nothing and writes are dropped: the app
//! still works, it only forgets.

use gloo_storage::{LocalStorage, Storage};

use crate::i18n::Lang;

const LANGUAGE_KEY: &str = "kam-radar.lang";

/// The language the user chose last time, if any.
pub fn saved_language() -> Option<Lang> {
    LocalStorage::get::<Lang>(LANGUAGE_KEY).ok()
}

/// Remembers the user's language choice; returns whether it could be stored.
pub fn save_language(lang: Lang) -> bool {
    LocalStorage::set(LANGUAGE_KEY, lang).is_ok()
}
