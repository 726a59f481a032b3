//! Several workspaces side by side: the index that lists them and remembers the current one,
//! and create, rename, duplicate, delete (undoable: to the trash, then restore or purge),
//! switch and "delete all data".
//!
//! The index is written after a workspace's data and before its data is removed, so an
//! interrupted operation leaves at worst a workspace without an index entry; [`list`] finds
//! such workspaces by their head records and shows them again rather than losing them.
//!
//! Undo keeps one deletion: deleting a workspace purges any deleted before it, and a workspace
//! left in the trash longer than [`UNDO_SECONDS`] (its tab closed before the undo ran out) is
//! purged by [`purge_expired`] when the app next starts.

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::protocol::{
    head_key, load_async, peek_head_async, save_async, ws_prefix, ReadOnly, SaveContext,
    SaveReceipt,
};
use super::store::{run_ready, AsyncKeyValueStore, Blocking, KeyValueStore};
use super::{PersistError, APP_PREFIX, INDEX_KEY};
use crate::model::Workspace;

/// The list of workspaces and the one last opened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceIndex {
    pub current: Option<String>,
    pub workspaces: Vec<IndexEntry>,
}

/// One workspace in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub name: String,
    pub created: String,
    /// When it was moved to the trash; `None` while it is in use.
    #[serde(default)]
    pub trashed_at: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct IndexDoc {
    format: String,
    version: u32,
    #[serde(flatten)]
    index: WorkspaceIndex,
}

const INDEX_FORMAT: &str = "kam-radar-index";

/// A row of the workspace list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorkspaceSummary {
    pub id: String,
    pub name: String,
    pub created: String,
    pub trashed_at: Option<String>,
    /// When it was last saved, if it ever was.
    pub modified: Option<String>,
    pub revision: u64,
    /// UTF-16 code units of its live generation (two bytes each).
    pub live_chars: usize,
    pub accounts: usize,
    pub current: bool,
}

/// How long a deleted workspace can be brought back, in seconds.
pub const UNDO_SECONDS: i64 = 60;

/// A workspace moved to the trash, with what [`restore`] needs to put it back exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trashed {
    pub id: String,
    pub name: String,
    /// It was the current workspace; restoring it makes it current again.
    pub was_current: bool,
}

fn timestamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `base`, or `base 2`, `base 3` … whichever no name in `taken` already is.
pub fn unique_name<'a>(taken: impl IntoIterator<Item = &'a str> + Clone, base: &str) -> String {
    let free = |name: &str| !taken.clone().into_iter().any(|t| t == name);
    if free(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|name| free(name))
        .unwrap_or_default()
}

/// The index; an empty one when none is stored or it cannot be read (the workspaces are then
/// found again by [`list`] from their head records).
pub async fn read_index_async<S: AsyncKeyValueStore>(
    store: &S,
) -> Result<WorkspaceIndex, PersistError> {
    Ok(store
        .get(INDEX_KEY)
        .await?
        .and_then(|t| serde_json::from_str::<IndexDoc>(&t).ok())
        .filter(|d| d.format == INDEX_FORMAT)
        .map(|d| d.index)
        .unwrap_or_default())
}

async fn write_index<S: AsyncKeyValueStore>(
    store: &mut S,
    index: WorkspaceIndex,
) -> Result<(), PersistError> {
    let text = serde_json::to_string(&IndexDoc {
        format: INDEX_FORMAT.into(),
        version: 1,
        index,
    })
    .map_err(|e| PersistError::Malformed(e.to_string()))?;
    Ok(store.set(INDEX_KEY, &text).await?)
}

/// The ids of every workspace that has a head record, indexed or not.
async fn stored_ids<S: AsyncKeyValueStore>(store: &S) -> Result<Vec<String>, PersistError> {
    let prefix = format!("{APP_PREFIX}ws.");
    Ok(store
        .keys()
        .await?
        .iter()
        .filter_map(|k| k.strip_prefix(&prefix)?.strip_suffix(".head"))
        .map(str::to_string)
        .collect())
}

/// Every workspace, in index order, followed by any found without an index entry.
pub async fn list_async<S: AsyncKeyValueStore>(
    store: &S,
) -> Result<Vec<WorkspaceSummary>, PersistError> {
    let index = read_index_async(store).await?;
    let mut entries = index.workspaces.clone();
    for id in stored_ids(store).await? {
        if !entries.iter().any(|e| e.id == id) {
            entries.push(IndexEntry {
                id,
                name: String::new(),
                created: String::new(),
                trashed_at: None,
            });
        }
    }
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let head = peek_head_async(store, &e.id).await?;
        let name = match &head {
            Some(h) if !h.name.is_empty() => h.name.clone(),
            _ if e.name.is_empty() => e.id.clone(),
            _ => e.name.clone(),
        };
        out.push(WorkspaceSummary {
            current: index.current.as_deref() == Some(e.id.as_str()),
            name,
            modified: head.as_ref().map(|h| h.saved_at.clone()),
            revision: head.as_ref().map_or(0, |h| h.revision),
            live_chars: head.as_ref().map_or(0, |h| h.live_chars),
            accounts: head.as_ref().map_or(0, |h| h.accounts),
            id: e.id,
            created: e.created,
            trashed_at: e.trashed_at,
        });
    }
    Ok(out)
}

/// An id no stored or indexed workspace has, made from the time.
pub(crate) async fn fresh_id<S: AsyncKeyValueStore>(
    store: &S,
    now: DateTime<Utc>,
) -> Result<String, PersistError> {
    let index = read_index_async(store).await?;
    let taken = stored_ids(store).await?;
    let base = format!("w{:x}", now.timestamp_millis().max(0));
    let mut id = base.clone();
    let mut n = 1;
    while taken.contains(&id) || index.workspaces.iter().any(|e| e.id == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    Ok(id)
}

/// Adds a just saved workspace to the index as the current one.
pub(crate) async fn add_current<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), PersistError> {
    let mut index = read_index_async(store).await?;
    index.workspaces.push(IndexEntry {
        id: id.to_string(),
        name: name.to_string(),
        created: timestamp(now),
        trashed_at: None,
    });
    index.current = Some(id.to_string());
    write_index(store, index).await
}

/// The context of a workspace's first save.
pub(crate) fn first_save<'a>(ctx: &SaveContext<'a>) -> SaveContext<'a> {
    SaveContext {
        base_revision: 0,
        ..ctx.clone()
    }
}

/// Saves `ws` as a new workspace, makes it current and returns its id.
pub async fn create_async<S: AsyncKeyValueStore>(
    store: &mut S,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
) -> Result<(String, SaveReceipt), PersistError> {
    let id = fresh_id(store, ctx.now).await?;
    let receipt = save_async(store, &id, ws, &first_save(ctx)).await?;
    add_current(store, &id, &ws.name, ctx.now).await?;
    Ok((id, receipt))
}

/// Renames a stored workspace by saving a new revision with the new name. A tab that has it
/// open takes the receipt's revision as its base (or renames its copy and saves instead).
pub async fn rename_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    name: &str,
    ctx: &SaveContext<'_>,
) -> Result<SaveReceipt, PersistError> {
    let loaded = load_async(store, id).await?;
    let mut ws = loaded.workspace;
    ws.name = name.to_string();
    let receipt = save_async(
        store,
        id,
        &ws,
        &SaveContext {
            base_revision: loaded.revision,
            ..ctx.clone()
        },
    )
    .await?;
    let mut index = read_index_async(store).await?;
    if let Some(e) = index.workspaces.iter_mut().find(|e| e.id == id) {
        e.name = name.to_string();
        write_index(store, index).await?;
    }
    Ok(receipt)
}

/// Copies a stored workspace under a new name; the copy becomes current.
pub async fn duplicate_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    name: &str,
    ctx: &SaveContext<'_>,
) -> Result<(String, SaveReceipt), PersistError> {
    let mut ws = load_async(store, id).await?.workspace;
    ws.name = name.to_string();
    create_async(store, &ws, ctx).await
}

async fn update_entry<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    change: impl FnOnce(&mut WorkspaceIndex, usize) -> Result<(), PersistError>,
) -> Result<(), PersistError> {
    let mut index = read_index_async(store).await?;
    let at = match index.workspaces.iter().position(|e| e.id == id) {
        Some(at) => at,
        None if stored_ids(store).await?.iter().any(|s| s == id) => {
            // A workspace found only by its head record gets its index entry back.
            index.workspaces.push(IndexEntry {
                id: id.to_string(),
                name: id.to_string(),
                created: String::new(),
                trashed_at: None,
            });
            index.workspaces.len() - 1
        }
        None => return Err(PersistError::NotFound(id.into())),
    };
    change(&mut index, at)?;
    write_index(store, index).await
}

/// Moves a workspace to the trash (undo with [`restore`]); its data stays until [`purge`].
/// Any workspace deleted before it is purged now: only the latest deletion can be undone.
/// If it was current, the next workspace in use becomes current.
pub async fn delete_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Trashed, PersistError> {
    for e in read_index_async(store).await?.workspaces {
        if e.trashed_at.is_some() && e.id != id {
            purge_async(store, &e.id).await?;
        }
    }
    let name = match peek_head_async(store, id).await? {
        Some(h) if !h.name.is_empty() => Some(h.name),
        _ => None,
    };
    let mut trashed = None;
    update_entry(store, id, |index, at| {
        let entry = &mut index.workspaces[at];
        entry.trashed_at = Some(timestamp(now));
        let was_current = index.current.as_deref() == Some(id);
        trashed = Some(Trashed {
            id: id.to_string(),
            name: name.unwrap_or_else(|| entry.name.clone()),
            was_current,
        });
        if was_current {
            index.current = index
                .workspaces
                .iter()
                .find(|e| e.trashed_at.is_none())
                .map(|e| e.id.clone());
        }
        Ok(())
    })
    .await?;
    trashed.ok_or_else(|| PersistError::NotFound(id.into()))
}

/// Takes a workspace out of the trash, in its place in the list, and makes it current again
/// if it was when it was deleted.
pub async fn restore_async<S: AsyncKeyValueStore>(
    store: &mut S,
    trashed: &Trashed,
) -> Result<(), PersistError> {
    update_entry(store, &trashed.id, |index, at| {
        if index.workspaces[at].trashed_at.take().is_none() {
            return Err(PersistError::Invalid(format!(
                "the workspace {:?} is not in the trash",
                trashed.name
            )));
        }
        if trashed.was_current {
            index.current = Some(trashed.id.clone());
        }
        Ok(())
    })
    .await
}

/// Purges every workspace that has been in the trash for [`UNDO_SECONDS`] or longer at
/// `now`; returns their ids.
pub async fn purge_expired_async<S: AsyncKeyValueStore>(
    store: &mut S,
    now: DateTime<Utc>,
) -> Result<Vec<String>, PersistError> {
    // Deletion times are written by this module in one fixed-width UTC form, so they compare
    // as text.
    let limit = timestamp(now - TimeDelta::seconds(UNDO_SECONDS));
    let expired: Vec<String> = read_index_async(store)
        .await?
        .workspaces
        .into_iter()
        .filter(|e| e.trashed_at.as_deref().is_some_and(|t| t <= limit.as_str()))
        .map(|e| e.id)
        .collect();
    for id in &expired {
        purge_async(store, id).await?;
    }
    Ok(expired)
}

/// Removes a workspace and all its data for good.
pub async fn purge_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
) -> Result<usize, PersistError> {
    // The head goes first, so an interrupted purge is not rediscovered as a live workspace.
    store.remove(&head_key(id)).await?;
    let prefix = ws_prefix(id);
    let keys: Vec<String> = store
        .keys()
        .await?
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .collect();
    for k in &keys {
        store.remove(k).await?;
    }
    let mut index = read_index_async(store).await?;
    let before = index.workspaces.len();
    index.workspaces.retain(|e| e.id != id);
    if index.current.as_deref() == Some(id) {
        index.current = None;
    }
    if index.workspaces.len() != before {
        write_index(store, index).await?;
    }
    Ok(keys.len() + 1)
}

/// Makes a workspace the current one (the one opened on start).
pub async fn switch_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
) -> Result<(), PersistError> {
    update_entry(store, id, |index, at| {
        if index.workspaces[at].trashed_at.is_some() {
            return Err(PersistError::Invalid(format!(
                "the workspace {:?} is in the trash; restore it first",
                index.workspaces[at].name
            )));
        }
        index.current = Some(id.to_string());
        Ok(())
    })
    .await
}

/// Removes every key of this app (workspaces, index, preferences); returns how many.
pub async fn delete_all_data_async<S: AsyncKeyValueStore>(
    store: &mut S,
) -> Result<usize, PersistError> {
    let keys: Vec<String> = store
        .keys()
        .await?
        .into_iter()
        .filter(|k| k.starts_with(APP_PREFIX))
        .collect();
    for k in &keys {
        store.remove(k).await?;
    }
    Ok(keys.len())
}

/// [`read_index_async`] over a synchronous store.
pub fn read_index<S: KeyValueStore + ?Sized>(store: &S) -> Result<WorkspaceIndex, PersistError> {
    run_ready(read_index_async(&ReadOnly(store)))
}

/// [`list_async`] over a synchronous store.
pub fn list<S: KeyValueStore + ?Sized>(store: &S) -> Result<Vec<WorkspaceSummary>, PersistError> {
    run_ready(list_async(&ReadOnly(store)))
}

/// [`purge_expired_async`] over a synchronous store.
pub fn purge_expired<S: KeyValueStore + ?Sized>(
    store: &mut S,
    now: DateTime<Utc>,
) -> Result<Vec<String>, PersistError> {
    run_ready(purge_expired_async(&mut Blocking(store), now))
}

/// [`create_async`] over a synchronous store.
pub fn create<S: KeyValueStore + ?Sized>(
    store: &mut S,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
) -> Result<(String, SaveReceipt), PersistError> {
    run_ready(create_async(&mut Blocking(store), ws, ctx))
}

/// [`rename_async`] over a synchronous store.
pub fn rename<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
    name: &str,
    ctx: &SaveContext<'_>,
) -> Result<SaveReceipt, PersistError> {
    run_ready(rename_async(&mut Blocking(store), id, name, ctx))
}

/// [`duplicate_async`] over a synchronous store.
pub fn duplicate<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
    name: &str,
    ctx: &SaveContext<'_>,
) -> Result<(String, SaveReceipt), PersistError> {
    run_ready(duplicate_async(&mut Blocking(store), id, name, ctx))
}

/// [`delete_async`] over a synchronous store.
pub fn delete<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Trashed, PersistError> {
    run_ready(delete_async(&mut Blocking(store), id, now))
}

/// [`restore_async`] over a synchronous store.
pub fn restore<S: KeyValueStore + ?Sized>(
    store: &mut S,
    trashed: &Trashed,
) -> Result<(), PersistError> {
    run_ready(restore_async(&mut Blocking(store), trashed))
}

/// [`purge_async`] over a synchronous store.
pub fn purge<S: KeyValueStore + ?Sized>(store: &mut S, id: &str) -> Result<usize, PersistError> {
    run_ready(purge_async(&mut Blocking(store), id))
}

/// [`switch_async`] over a synchronous store.
pub fn switch<S: KeyValueStore + ?Sized>(store: &mut S, id: &str) -> Result<(), PersistError> {
    run_ready(switch_async(&mut Blocking(store), id))
}

/// [`delete_all_data_async`] over a synchronous store.
pub fn delete_all_data<S: KeyValueStore + ?Sized>(store: &mut S) -> Result<usize, PersistError> {
    run_ready(delete_all_data_async(&mut Blocking(store)))
}
