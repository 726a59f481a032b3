//! The key-value stores a workspace is saved into: the trait the browser glue implements, an
//! in-memory store with an optional quota, and the bridge that runs the one async protocol
//! over a synchronous store.
//!
//! The save protocol is written once, as `async` code over [`AsyncKeyValueStore`], so the same
//! logic drives localStorage (synchronous, wrapped by [`Blocking`]) and IndexedDB (asynchronous,
//! implemented by the shell). Sizes are counted in UTF-16 code units because that is what
//! browsers charge against the storage quota.

use std::collections::BTreeMap;
use std::future::{ready, Future, Ready};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use thiserror::Error;

/// Why a store refused an operation.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The write does not fit (localStorage `QuotaExceededError`).
    #[error("the browser storage is full")]
    QuotaExceeded,
    /// Storage cannot be used at all (private mode, disabled by policy, no window).
    #[error("the browser storage is not available")]
    Unavailable,
    /// Anything else the browser reported, as its text.
    #[error("the browser storage failed: {0}")]
    Other(String),
}

/// A synchronous string store such as localStorage.
pub trait KeyValueStore {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`, replacing what was there; atomic per key.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`; removing a missing key is not an error.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store, in any order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An asynchronous string store such as IndexedDB; the same contract as [`KeyValueStore`].
///
/// The futures need not be `Send`: the browser runs the app on one thread.
pub trait AsyncKeyValueStore {
    fn get(&self, key: &str) -> impl Future<Output = Result<Option<String>, StoreError>>;
    fn set(&mut self, key: &str, value: &str) -> impl Future<Output = Result<(), StoreError>>;
    fn remove(&mut self, key: &str) -> impl Future<Output = Result<(), StoreError>>;
    fn keys(&self) -> impl Future<Output = Result<Vec<String>, StoreError>>;
}

/// A synchronous store seen as an asynchronous one whose futures are always ready.
pub struct Blocking<'a, S: ?Sized>(pub &'a mut S);

// The concrete `Ready` futures are part of the contract: [`run_ready`] relies on them.
#[allow(refining_impl_trait)]
impl<S: KeyValueStore + ?Sized> AsyncKeyValueStore for Blocking<'_, S> {
    fn get(&self, key: &str) -> Ready<Result<Option<String>, StoreError>> {
        ready(self.0.get(key))
    }
    fn set(&mut self, key: &str, value: &str) -> Ready<Result<(), StoreError>> {
        ready(self.0.set(key, value))
    }
    fn remove(&mut self, key: &str) -> Ready<Result<(), StoreError>> {
        ready(self.0.remove(key))
    }
    fn keys(&self) -> Ready<Result<Vec<String>, StoreError>> {
        ready(self.0.keys())
    }
}

/// Runs a protocol future over a [`Blocking`] store to completion.
///
/// Every await point in the protocol is on a `Ready` future from [`Blocking`], so the first
/// poll completes; the loop only exists because `poll` has to be asked again in principle.
pub(crate) fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// The storage cost of a string as browsers count it: UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// A store in memory: the "working in memory" fallback when browser storage is unavailable,
/// and the fake the protocol tests run against. An optional quota, in UTF-16 code units of
/// keys plus values, makes it fail like a full localStorage.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    quota: Option<usize>,
    used: usize,
}

impl MemoryStore {
    /// An empty store without a quota.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// An empty store refusing writes beyond `chars` UTF-16 code units of keys plus values.
    pub fn with_quota(chars: usize) -> Self {
        MemoryStore {
            quota: Some(chars),
            ..MemoryStore::default()
        }
    }

    /// UTF-16 code units used by keys plus values.
    pub fn used(&self) -> usize {
        self.used
    }

    /// Changes the quota, e.g. to fill a store and then shrink it in a test.
    pub fn set_quota(&mut self, chars: Option<usize>) {
        self.quota = chars;
    }

    /// Every entry, for snapshots and downloads of everything stored.
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.entries
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let old = self
            .entries
            .get(key)
            .map_or(0, |v| utf16_len(key) + utf16_len(v));
        let new = utf16_len(key) + utf16_len(value);
        let after = self.used - old + new;
        if self.quota.is_some_and(|q| after > q) {
            return Err(StoreError::QuotaExceeded);
        }
        self.entries.insert(key.to_string(), value.to_string());
        self.used = after;
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if let Some(v) = self.entries.remove(key) {
            self.used -= utf16_len(key) + utf16_len(&v);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.keys().cloned().collect())
    }
}
