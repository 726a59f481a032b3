//! Browser storage, the one module that touches it: localStorage (through `gloo-storage`) as
//! the persistence core's [`KeyValueStore`], and the interface language preference. When
//! storage is unavailable (private mode, disabled), [`LocalStore::open`] says so and the app
//! works in memory.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::persist::{KeyValueStore, StoreError};

const LANGUAGE_KEY: &str = "kam-radar.lang";

/// Whether localStorage can be reached at all. gloo-storage panics when it cannot (its
/// getter throws in some private modes), so every use asks this first.
fn reachable() -> bool {
    matches!(window().local_storage(), Ok(Some(_)))
}

/// The language the user chose last time, if any.
pub fn saved_language() -> Option<Lang> {
    reachable()
        .then(|| LocalStorage::get::<Lang>(LANGUAGE_KEY).ok())
        .flatten()
}

/// Remembers the user's language choice; returns whether it could be stored.
pub fn save_language(lang: Lang) -> bool {
    reachable() && LocalStorage::set(LANGUAGE_KEY, lang).is_ok()
}

/// The origin's localStorage as a string store.
pub struct LocalStore {
    storage: web_sys::Storage,
}

impl LocalStore {
    /// localStorage if it can be read and written; `None` in private mode or when disabled.
    pub fn open() -> Option<LocalStore> {
        if !reachable() {
            return None;
        }
        let storage = LocalStorage::raw();
        let probe = "kam-radar.probe";
        storage.set_item(probe, "1").ok()?;
        storage.remove_item(probe).ok()?;
        Some(LocalStore { storage })
    }
}

/// Tells a full storage apart from other failures: the browser throws a `DOMException`
/// named `QuotaExceededError`.
fn store_error(error: wasm_bindgen::JsValue) -> StoreError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(exception) if exception.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
        Some(exception) => StoreError::Other(exception.message()),
        None => StoreError::Other(format!("{error:?}")),
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(store_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let count = self.storage.length().map_err(store_error)?;
        Ok((0..count)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .collect())
    }
}
