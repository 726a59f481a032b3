//! Two stores seen as one: workspaces live in a small store (localStorage) until one no longer
//! fits, then it moves whole to a large store (IndexedDB). Every key of a workspace lives in
//! exactly one of them, so the save protocol and the workspace functions run unchanged over
//! [`Tiered`], and the user can be told where each workspace is kept.
//!
//! A workspace is in the large store once its head record is there. A move copies the
//! workspace's keys to the large store with the head record last, then removes them from the
//! small store with the head first, so a workspace is never in neither store: a move cut short
//! before the head leaves an unused partial copy (the next move writes over it), and
//! [`Tiered::open`] removes what a move cut short after the head left in the small store.

use std::cell::RefCell;

use super::protocol::{
    head_key, save_generation, ws_prefix, SaveContext, SaveReceipt, Snapshot, WS_KEY_PREFIX,
};
use super::store::{AsyncKeyValueStore, StoreError};
use super::workspaces::{add_current, first_save, fresh_id};
use super::{PersistError, INDEXED_DB_THRESHOLD_CHARS};
use crate::model::Workspace;

/// Where a workspace is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tier {
    /// The small store (localStorage).
    Small,
    /// The large store (IndexedDB).
    Large,
}

/// A small store and, when the browser has one, a large store.
pub struct Tiered<A, B> {
    small: A,
    large: Option<B>,
    /// Workspaces seen with a head in the large store or moved there. They stay listed (a
    /// purge removes the head first, then the rest, still from the large store); a handful,
    /// so a list is smaller code than a set.
    in_large: RefCell<Vec<String>>,
}

/// The workspace id a stored key belongs to.
fn workspace_of(key: &str) -> Option<&str> {
    key.strip_prefix(WS_KEY_PREFIX)?.split('.').next()
}

/// The workspaces whose head record is among `keys`.
fn with_head(keys: &[String]) -> Vec<String> {
    keys.iter()
        .filter(|k| k.ends_with(".head"))
        .filter_map(|k| workspace_of(k))
        .map(str::to_string)
        .collect()
}

impl<A: AsyncKeyValueStore, B: AsyncKeyValueStore> Tiered<A, B> {
    /// Both stores, after finishing a move that a closed tab cut short once the head was in
    /// the large store. A large store that cannot be read is left out (everything then stays
    /// in the small store).
    pub async fn open(mut small: A, large: Option<B>) -> Result<Self, PersistError> {
        let mut large = large;
        let mut in_large = Vec::new();
        if let Some(store) = large.as_mut() {
            match store.keys().await {
                Ok(keys) => {
                    in_large = with_head(&keys);
                    for k in small.keys().await? {
                        if workspace_of(&k).is_some_and(|id| in_large.iter().any(|l| l == id)) {
                            small.remove(&k).await?;
                        }
                    }
                }
                Err(_) => large = None,
            }
        }
        Ok(Tiered {
            small,
            large,
            in_large: RefCell::new(in_large),
        })
    }

    /// The small store.
    pub fn small(&self) -> &A {
        &self.small
    }

    /// The large store, if the browser has one.
    pub fn large(&self) -> Option<&B> {
        self.large.as_ref()
    }

    /// Where workspace `id` is kept.
    pub fn tier(&self, id: &str) -> Tier {
        if self.in_large.borrow().iter().any(|l| l == id) {
            Tier::Large
        } else {
            Tier::Small
        }
    }

    fn large_for(&self, key: &str) -> bool {
        workspace_of(key).is_some_and(|id| self.tier(id) == Tier::Large)
    }

    /// Whether workspace `id` could move to the large store.
    fn can_move(&self, id: &str) -> bool {
        self.large.is_some() && self.tier(id) == Tier::Small
    }

    /// Moves workspace `id` whole from the small to the large store. On failure the small
    /// store is unchanged and what was copied is removed again.
    pub async fn move_to_large(&mut self, id: &str) -> Result<(), PersistError> {
        let Some(large) = self.large.as_mut() else {
            return Err(PersistError::Unavailable);
        };
        let prefix = ws_prefix(id);
        let head = head_key(id);
        let mut keys: Vec<String> = self
            .small
            .keys()
            .await?
            .into_iter()
            .filter(|k| k.starts_with(&prefix) && *k != head)
            .collect();
        // The head last: until it is in the large store, the workspace lives in the small one.
        keys.push(head);
        let mut copied = Vec::with_capacity(keys.len());
        for k in &keys {
            let Some(value) = self.small.get(k).await? else {
                continue;
            };
            let written = match large.set(k, &value).await {
                Ok(()) => large.get(k).await,
                Err(e) => Err(e),
            };
            copied.push(k);
            if written.as_ref().map(Option::as_deref) != Ok(Some(value.as_str())) {
                for k in copied {
                    let _ = large.remove(k).await;
                }
                return Err(match written {
                    Err(e) => e.into(),
                    Ok(_) => PersistError::Store(format!("{k} did not read back as written")),
                });
            }
        }
        self.in_large.borrow_mut().push(id.to_string());
        // The head first: a removal cut short leaves head-less keys that `open` clears.
        for k in keys.iter().rev() {
            self.small.remove(k).await?;
        }
        Ok(())
    }
}

impl<A: AsyncKeyValueStore, B: AsyncKeyValueStore> AsyncKeyValueStore for Tiered<A, B> {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self.large.as_ref().filter(|_| self.large_for(key)) {
            Some(large) => large.get(key).await,
            None => self.small.get(key).await,
        }
    }

    async fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let large_for = self.large_for(key);
        match self.large.as_mut().filter(|_| large_for) {
            Some(large) => large.set(key, value).await,
            None => self.small.set(key, value).await,
        }
    }

    async fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        let large_for = self.large_for(key);
        match self.large.as_mut().filter(|_| large_for) {
            Some(large) => large.remove(key).await,
            None => self.small.remove(key).await,
        }
    }

    /// Every key of the store each workspace lives in; also notes workspaces another tab
    /// moved to the large store, which is why the protocol's functions all begin with it.
    async fn keys(&self) -> Result<Vec<String>, StoreError> {
        let large = match &self.large {
            Some(store) => store.keys().await?,
            None => Vec::new(),
        };
        for id in with_head(&large) {
            if self.tier(&id) == Tier::Small {
                self.in_large.borrow_mut().push(id);
            }
        }
        let mut out: Vec<String> = self
            .small
            .keys()
            .await?
            .into_iter()
            .filter(|k| !self.large_for(k))
            .collect();
        out.extend(large.into_iter().filter(|k| self.large_for(k)));
        Ok(out)
    }
}

/// Saves `ws` as workspace `id` where it fits ([`save_snapshot_placed`]).
pub async fn save_placed<A: AsyncKeyValueStore, B: AsyncKeyValueStore>(
    store: &mut Tiered<A, B>,
    id: &str,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
    overwrite: bool,
) -> Result<SaveReceipt, PersistError> {
    save_snapshot_placed(store, id, &Snapshot::of(ws)?, ctx, overwrite).await
}

/// Saves a workspace as `id` where it fits: a snapshot larger than
/// [`INDEXED_DB_THRESHOLD_CHARS`] goes to the large store at once; when the small store is
/// full, the workspace moves to the large store and the save is made there; after a save that
/// leaves it larger than the threshold in the small store (its other generation counted), it
/// moves too. `overwrite` replaces
/// another tab's newer save (the user chose to).
pub async fn save_snapshot_placed<A: AsyncKeyValueStore, B: AsyncKeyValueStore>(
    store: &mut Tiered<A, B>,
    id: &str,
    snapshot: &Snapshot,
    ctx: &SaveContext<'_>,
    overwrite: bool,
) -> Result<SaveReceipt, PersistError> {
    // Too large for the small store whatever it holds: moved first, so the save is not
    // tried there (a 100k-account workspace would fill localStorage before failing).
    if snapshot.chunk_chars() > INDEXED_DB_THRESHOLD_CHARS && store.can_move(id) {
        let _ = store.move_to_large(id).await;
    }
    match save_generation(store, id, snapshot, ctx, !overwrite).await {
        Err(PersistError::QuotaExceeded { .. }) if store.can_move(id) => {
            store.move_to_large(id).await?;
            save_generation(store, id, snapshot, ctx, !overwrite).await
        }
        Ok(receipt) if receipt.live_chars > INDEXED_DB_THRESHOLD_CHARS && store.can_move(id) => {
            // The save is made; a failed move only means it stays where it is.
            let _ = store.move_to_large(id).await;
            Ok(receipt)
        }
        other => other,
    }
}

/// Saves `ws` as a new workspace where it fits ([`create_snapshot_placed`]).
pub async fn create_placed<A: AsyncKeyValueStore, B: AsyncKeyValueStore>(
    store: &mut Tiered<A, B>,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
) -> Result<(String, SaveReceipt), PersistError> {
    create_snapshot_placed(store, &Snapshot::of(ws)?, ctx).await
}

/// Saves a workspace as a new one where it fits ([`save_snapshot_placed`]), makes it current
/// and returns its id.
pub async fn create_snapshot_placed<A: AsyncKeyValueStore, B: AsyncKeyValueStore>(
    store: &mut Tiered<A, B>,
    snapshot: &Snapshot,
    ctx: &SaveContext<'_>,
) -> Result<(String, SaveReceipt), PersistError> {
    let id = fresh_id(store, ctx.now).await?;
    let receipt = save_snapshot_placed(store, &id, snapshot, &first_save(ctx), false).await?;
    add_current(store, &id, &snapshot.name, ctx.now).await?;
    Ok((id, receipt))
}
