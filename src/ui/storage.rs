//! Browser storage, the one module that touches it: localStorage (through `gloo-storage`) and
//! IndexedDB as the persistence core's key-value stores, and the interface language
//! preference. When localStorage is unavailable (private mode, disabled),
//! [`LocalStore::open`] says so and the app works in memory; without IndexedDB, every
//! workspace stays in localStorage.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::i18n::Lang;
use crate::persist::{AsyncKeyValueStore, KeyValueStore, StoreError};

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
    /// A full localStorage is still opened: what it holds can be read (and moved).
    pub fn open() -> Option<LocalStore> {
        if !reachable() {
            return None;
        }
        let storage = LocalStorage::raw();
        let probe = "kam-radar.probe";
        match storage.set_item(probe, "1").map_err(store_error) {
            Ok(()) | Err(StoreError::QuotaExceeded) => {}
            Err(_) => return None,
        }
        storage.remove_item(probe).ok()?;
        Some(LocalStore { storage })
    }
}

/// Tells a full storage apart from other failures: the browser throws a `DOMException`
/// named `QuotaExceededError`.
fn store_error(error: JsValue) -> StoreError {
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

impl AsyncKeyValueStore for LocalStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        KeyValueStore::get(self, key)
    }
    async fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        KeyValueStore::set(self, key, value)
    }
    async fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        KeyValueStore::remove(self, key)
    }
    async fn keys(&self) -> Result<Vec<String>, StoreError> {
        KeyValueStore::keys(self)
    }
}

/// The database and its one object store of string values under string keys.
const IDB_NAME: &str = "kam-radar";
const IDB_STORE: &str = "kv";

/// This site's IndexedDB database as a string store, for workspaces too large for
/// localStorage.
pub struct IdbStore {
    db: IdbDatabase,
}

/// Waits for a request (or the open request) to succeed; its result, or the error.
async fn settle(request: &IdbRequest) -> Result<JsValue, StoreError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let done = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match done {
        Ok(_) => request.result().map_err(store_error),
        Err(_) => Err(request
            .error()
            .ok()
            .flatten()
            .map_or(StoreError::Unavailable, |e| store_error(e.into()))),
    }
}

/// Waits until a write transaction is committed, so the next write lands after it.
async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(promise).await.map(drop).map_err(|_| {
        tx.error().map_or_else(
            || StoreError::Other("the IndexedDB transaction was aborted".into()),
            |e| store_error(e.into()),
        )
    })
}

impl IdbStore {
    /// The database, created on first use; `None` where the browser has no IndexedDB or
    /// refuses it (some private modes).
    pub async fn open() -> Option<IdbStore> {
        let factory = window().indexed_db().ok()??;
        let request = factory.open_with_u32(IDB_NAME, 1).ok()?;
        let upgrading = request.clone();
        let upgrade = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(db) = upgrading
                .result()
                .ok()
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
            {
                let _ = db.create_object_store(IDB_STORE);
            }
        });
        request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
        let db = settle(&request)
            .await
            .ok()?
            .dyn_into::<IdbDatabase>()
            .ok()?;
        request.set_onupgradeneeded(None);
        Some(IdbStore { db })
    }

    fn object_store(
        &self,
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, IdbObjectStore), StoreError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(IDB_STORE, mode)
            .map_err(store_error)?;
        let store = tx.object_store(IDB_STORE).map_err(store_error)?;
        Ok((tx, store))
    }

    async fn write(
        &mut self,
        change: impl FnOnce(&IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<(), StoreError> {
        let (tx, store) = self.object_store(IdbTransactionMode::Readwrite)?;
        change(&store).map_err(store_error)?;
        committed(&tx).await
    }
}

impl AsyncKeyValueStore for IdbStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let (_, store) = self.object_store(IdbTransactionMode::Readonly)?;
        let request = store.get(&key.into()).map_err(store_error)?;
        Ok(settle(&request).await?.as_string())
    }

    async fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|store| store.put_with_key(&value.into(), &key.into()))
            .await
    }

    async fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.write(|store| store.delete(&key.into())).await
    }

    async fn keys(&self) -> Result<Vec<String>, StoreError> {
        let (_, store) = self.object_store(IdbTransactionMode::Readonly)?;
        let request = store.get_all_keys().map_err(store_error)?;
        let keys: js_sys::Array = settle(&request).await?.unchecked_into();
        Ok(keys.iter().filter_map(|k| k.as_string()).collect())
    }
}
