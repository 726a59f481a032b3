//! Keeps the workspaces in the browser. At start it opens localStorage and IndexedDB as one
//! tiered store (a workspace that outgrows localStorage moves to IndexedDB), purges deletions
//! whose undo time ran out and loads the current workspace; it saves every change shortly
//! after it is made through the persistence core's crash-safe protocol; it runs the workspace
//! operations (new, open, rename, duplicate, delete with undo) one at a time, saving the open
//! workspace first; and it says what happened — saved, working in memory, storage full,
//! changed in another tab, recovered from damaged data, work worth downloading — so the user
//! never loses work silently.

use std::rc::Rc;
use std::time::Duration;

use futures::lock::Mutex;
use leptos::prelude::*;

use super::browser;
use super::state::WorkspaceState;
use super::storage::{IdbStore, LocalStore};
use crate::i18n::Label;
use crate::model::Workspace;
use crate::persist::backup::{dismiss_reminder_async, mark_exported_async};
use crate::persist::protocol::{discard_unreadable_async, peek_head_async};
use crate::persist::workspaces::{
    delete_all_data_async, delete_async, list_async, purge_async, purge_expired_async,
    read_index_async, rename_async, restore_async, switch_async,
};
use crate::persist::{
    self, create_snapshot_placed, head_key, load_async, save_snapshot_placed, PersistError,
    SaveContext, Snapshot, SnapshotSteps, Tier, Tiered, Trashed, WorkspaceSummary, INDEX_KEY,
    UNDO_SECONDS,
};

type Store = Tiered<LocalStore, IdbStore>;

/// How long the app waits after a change before saving, so typing does not save per key.
const SAVE_DELAY: Duration = Duration::from_millis(400);
/// Rows encoded per task when saving: about 15 ms of a 100k-account workspace's 0.4 s.
const SAVE_STEP_ROWS: usize = 4_000;
/// Edits during one save after which it encodes the rest without pausing.
const SAVE_RESTARTS: usize = 3;

/// What the last save did, for the header's indicator and the banners.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the workspace was opened.
    Idle,
    /// Saved; the stored size in UTF-16 code units, and where.
    Saved { chars: usize, tier: Tier },
    /// Storage cannot be used: nothing is kept after this tab closes.
    MemoryOnly,
    /// Storage is full: the previous save is intact, newer changes are not saved.
    Full,
    /// Another tab saved this workspace after this tab loaded it.
    ChangedElsewhere,
    /// Any other failure, with the reason.
    Failed(Label),
}

/// Data the last load could not read: kept in storage and offered for download.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub message: String,
    pub raw: Option<String>,
}

/// A stored workspace as the switcher and the Privacy & data page list it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Listed {
    pub summary: WorkspaceSummary,
    pub tier: Tier,
}

/// What the user asked to do with the workspaces.
pub enum Op {
    /// Saves the open workspace; `true` overwrites another tab's newer save.
    Save(bool),
    /// A new workspace holding this, made current.
    Create(Workspace),
    /// Data arriving (the demo, an opened file): it fills the open workspace if that is
    /// blank, and gets a workspace of its own otherwise, so nothing is replaced.
    Add(Workspace),
    Open(String),
    Rename(String, String),
    /// Copies a workspace under a new name and opens the copy.
    Duplicate(String, String),
    Delete(String),
    /// Brings back the latest deletion.
    Undo,
    /// The undo time of a deletion ran out.
    Expire(String),
    /// The workspace file was just downloaded.
    Exported,
    DismissReminder,
    /// Takes the other tab's version of the open workspace.
    Reload,
    DiscardUnreadable,
    DeleteAll,
    /// Another tab wrote this key (`None`: it cleared the storage).
    StorageEvent(Option<String>),
}

/// The saving machinery and its reports, provided at the root.
#[derive(Clone, Copy)]
pub struct Autosave {
    pub status: RwSignal<SaveStatus>,
    pub recovered: RwSignal<Option<Recovered>>,
    /// The stored workspaces not in the trash, refreshed after every save and operation.
    pub workspaces: RwSignal<Vec<Listed>>,
    /// The open workspace's id, once it is stored.
    pub current: RwSignal<Option<String>>,
    /// The latest deletion while it can be undone.
    pub deleted: RwSignal<Option<Trashed>>,
    /// Whether to remind the user to download the workspace file.
    pub remind_backup: RwSignal<bool>,
    /// The stored workspace is open (false for the moment the stores take to open).
    pub ready: RwSignal<bool>,
    /// Workspaces are kept in the browser (false: working in memory).
    pub stored: RwSignal<bool>,
    /// IndexedDB is available for workspaces too large for localStorage.
    pub has_large: RwSignal<bool>,
    session: StoredValue<Session, LocalStorage>,
    store: StoredValue<Rc<Mutex<Option<Store>>>, LocalStorage>,
    data: WorkspaceState,
}

/// The tab's side of the save protocol.
struct Session {
    /// The open workspace's id; `None` until its first save creates it.
    id: Option<String>,
    /// The revision this tab last loaded or saved.
    base_revision: u64,
    /// A random id of this tab, shown in conflict messages.
    writer: String,
    pending: Option<TimeoutHandle>,
    undo_timer: Option<TimeoutHandle>,
    /// The workspace holds changes not saved yet.
    dirty: bool,
    /// The next change came from storage (a load), not from the user: do not save it back.
    skip_next: bool,
    /// The change-watching effect has run once (before that, a load needs no skipping).
    subscribed: bool,
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

impl Autosave {
    /// Opens storage, loads the current workspace into `data`, and starts saving changes.
    pub fn start(data: WorkspaceState) -> Autosave {
        let autosave = Autosave {
            status: RwSignal::new(SaveStatus::Idle),
            recovered: RwSignal::new(None),
            workspaces: RwSignal::new(Vec::new()),
            current: RwSignal::new(None),
            deleted: RwSignal::new(None),
            remind_backup: RwSignal::new(false),
            ready: RwSignal::new(false),
            stored: RwSignal::new(false),
            has_large: RwSignal::new(false),
            session: StoredValue::new_local(Session {
                id: None,
                base_revision: 0,
                writer: format!("tab-{:08x}", (js_sys::Math::random() * 4e9) as u64),
                pending: None,
                undo_timer: None,
                dirty: false,
                skip_next: false,
                subscribed: false,
            }),
            store: StoredValue::new_local(Rc::new(Mutex::new(None))),
            data,
        };
        Effect::new(move |previous: Option<()>| {
            data.workspace.track();
            // The first run only subscribes: what is there needs no save.
            if previous.is_some() {
                autosave.changed();
            } else {
                autosave.session.update_value(|s| s.subscribed = true);
            }
        });
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            let key = event.key();
            if key
                .as_deref()
                .is_none_or(|k| k == INDEX_KEY || k.ends_with(".head"))
            {
                autosave.run(Op::StorageEvent(key));
            }
        });
        leptos::task::spawn_local(autosave.open());
        autosave
    }

    async fn open(self) {
        let mutex = self.store.get_value();
        let mut guard = mutex.lock().await;
        let opened = match LocalStore::open() {
            Some(local) => Tiered::open(local, IdbStore::open().await).await.ok(),
            None => None,
        };
        if let Some(store) = opened {
            let store = guard.insert(store);
            if let Err(error) = self.open_current(store).await {
                self.report(error);
            }
            let _ = purge_expired_async(store, now()).await;
            self.refresh(store).await;
            self.has_large.set(store.large().is_some());
            self.stored.set(true);
        } else {
            self.status.set(SaveStatus::MemoryOnly);
        }
        self.ready.set(true);
    }

    /// The change-watching effect saw a change: save it shortly, unless it was a load.
    fn changed(self) {
        let skip = self.session.try_update_value(|s| {
            if let Some(pending) = s.pending.take() {
                pending.clear();
            }
            let skip = std::mem::take(&mut s.skip_next);
            s.dirty |= !skip;
            skip
        });
        if skip.unwrap_or(true) {
            return;
        }
        let handle = set_timeout_with_handle(move || self.run(Op::Save(false)), SAVE_DELAY).ok();
        self.session.update_value(|s| s.pending = handle);
    }

    /// Runs `op` after the operations already asked for.
    pub fn run(self, op: Op) {
        self.run_then(op, |_| {});
    }

    /// Runs `op`, then `done` with its outcome (failures also show in the banners).
    pub fn run_then(self, op: Op, done: impl FnOnce(Result<(), Label>) + 'static) {
        leptos::task::spawn_local(async move {
            let mutex = self.store.get_value();
            let mut guard = mutex.lock().await;
            let outcome = match guard.as_mut() {
                Some(store) => {
                    let outcome = self.apply(store, op).await;
                    self.refresh(store).await;
                    outcome
                }
                None => {
                    self.in_memory(op);
                    Ok(())
                }
            };
            done(outcome.map_err(|error| {
                let label = error.label();
                self.report(error);
                label
            }));
        });
    }

    /// Without storage there is one workspace, in memory (the switcher and the list are not
    /// shown); arriving data replaces it.
    fn in_memory(self, op: Op) {
        match op {
            Op::Add(ws) => self.data.replace(ws),
            Op::DeleteAll => self.data.replace(Workspace::default()),
            _ => {}
        }
    }

    async fn apply(self, store: &mut Store, op: Op) -> Result<(), PersistError> {
        let writer = self.session.with_value(|s| s.writer.clone());
        let context = SaveContext {
            writer: &writer,
            base_revision: 0,
            now: now(),
        };
        // Whatever may change the open workspace saves it first (so undo brings back exactly
        // what the user saw); if that fails, the operation stops and the banner says why.
        let overwrite = match &op {
            Op::Save(overwrite) => Some(*overwrite),
            Op::Create(_) | Op::Add(_) | Op::Open(_) | Op::Duplicate(..) => Some(false),
            Op::Delete(_) | Op::Undo => Some(false),
            _ => None,
        };
        if let Some(overwrite) = overwrite {
            self.save(store, overwrite).await?;
        }
        // A workspace to create and open, if the operation makes one.
        let created = match op {
            Op::Add(ws) if self.data.workspace.with_untracked(Workspace::is_blank) => {
                self.data.replace(ws);
                None
            }
            Op::Create(ws) | Op::Add(ws) => Some(ws),
            Op::Duplicate(id, name) => {
                let mut ws = load_async(store, &id).await?.workspace;
                ws.name = name;
                Some(ws)
            }
            Op::Open(id) => {
                switch_async(store, &id).await?;
                self.load(store, id).await?;
                None
            }
            Op::Rename(id, name) if self.current.get_untracked().as_deref() == Some(&id) => {
                // The open workspace is renamed in place; the change is saved like any other.
                self.data.edit_frameworks(|ws| ws.name = name);
                None
            }
            Op::Rename(id, name) => {
                rename_async(store, &id, &name, &context).await?;
                None
            }
            Op::Delete(id) => {
                self.cancel_undo_timer();
                let trashed = delete_async(store, &id, context.now).await?;
                if trashed.was_current {
                    self.open_current(store).await?;
                }
                let expire = trashed.id.clone();
                let timer = set_timeout_with_handle(
                    move || self.run(Op::Expire(expire)),
                    Duration::from_secs(UNDO_SECONDS as u64),
                )
                .ok();
                self.session.update_value(|s| s.undo_timer = timer);
                self.deleted.set(Some(trashed));
                None
            }
            Op::Undo => {
                if let Some(trashed) = self.deleted.get_untracked() {
                    self.cancel_undo_timer();
                    restore_async(store, &trashed).await?;
                    self.deleted.set(None);
                    if trashed.was_current {
                        self.load(store, trashed.id).await?;
                    }
                }
                None
            }
            Op::Expire(id) => {
                if self
                    .deleted
                    .with_untracked(|d| d.as_ref().is_some_and(|t| t.id == id))
                {
                    self.deleted.set(None);
                    purge_async(store, &id).await?;
                }
                None
            }
            Op::Exported | Op::DismissReminder => {
                self.remind_backup.set(false);
                if let Some(id) = self.session.with_value(|s| s.id.clone()) {
                    let state = match op {
                        Op::Exported => mark_exported_async(store, &id, context.now).await?,
                        _ => dismiss_reminder_async(store, &id).await?,
                    };
                    self.remind_backup.set(state.due());
                }
                None
            }
            Op::Reload => {
                if let Some(id) = self.session.with_value(|s| s.id.clone()) {
                    self.load(store, id).await?;
                }
                None
            }
            Op::DiscardUnreadable => {
                if let Some(id) = self.session.with_value(|s| s.id.clone()) {
                    discard_unreadable_async(store, &id).await?;
                }
                self.recovered.set(None);
                None
            }
            Op::StorageEvent(key) => {
                self.on_storage_event(store, key).await;
                None
            }
            Op::DeleteAll => {
                self.cancel_undo_timer();
                self.session.update_value(|s| {
                    if let Some(pending) = s.pending.take() {
                        pending.clear();
                    }
                });
                delete_all_data_async(store).await?;
                self.deleted.set(None);
                self.recovered.set(None);
                self.blank();
                None
            }
            Op::Save(_) => None,
        };
        if let Some(ws) = created {
            let snapshot = snapshot_of(&ws).await?;
            let (id, receipt) = create_snapshot_placed(store, &snapshot, &context).await?;
            drop(snapshot);
            self.opened(id, receipt.revision, ws, receipt.unexported.due())
                .await;
            self.saved(store, receipt.live_chars);
        }
        Ok(())
    }

    /// Saves the open workspace if it changed (or whatever another tab saved, `overwrite`).
    async fn save(self, store: &mut Store, overwrite: bool) -> Result<(), PersistError> {
        let due = self.session.try_update_value(|s| {
            if let Some(pending) = s.pending.take() {
                pending.clear();
            }
            let due = s.dirty || overwrite;
            s.dirty = false;
            due.then(|| (s.id.clone(), s.base_revision))
        });
        let Some((id, base_revision)) = due.flatten() else {
            return Ok(());
        };
        let writer = self.session.with_value(|s| s.writer.clone());
        let snapshot = snapshot_in_steps(self.data).await;
        let context = SaveContext {
            writer: &writer,
            base_revision,
            now: now(),
        };
        let outcome = match (snapshot, id) {
            (Err(e), _) => Err(e),
            (Ok(snapshot), None) => create_snapshot_placed(store, &snapshot, &context)
                .await
                .map(|(id, receipt)| {
                    self.session.update_value(|s| s.id = Some(id.clone()));
                    self.current.set(Some(id));
                    receipt
                }),
            (Ok(snapshot), Some(id)) => {
                save_snapshot_placed(store, &id, &snapshot, &context, overwrite).await
            }
        };
        match outcome {
            Ok(receipt) => {
                self.session
                    .update_value(|s| s.base_revision = receipt.revision);
                self.remind_backup.set(receipt.unexported.due());
                self.saved(store, receipt.live_chars);
                Ok(())
            }
            Err(error) => {
                self.session.update_value(|s| s.dirty = true);
                Err(error)
            }
        }
    }

    fn saved(self, store: &Store, chars: usize) {
        let tier = self
            .session
            .with_value(|s| s.id.as_deref().map(|id| store.tier(id)))
            .unwrap_or(Tier::Small);
        self.status.set(SaveStatus::Saved { chars, tier });
    }

    /// Opens the workspace the index names as current, or a blank one.
    async fn open_current(self, store: &mut Store) -> Result<(), PersistError> {
        match read_index_async(store).await?.current {
            Some(id) => self.load(store, id).await,
            None => {
                self.blank();
                Ok(())
            }
        }
    }

    async fn load(self, store: &mut Store, id: String) -> Result<(), PersistError> {
        let outcome = load_async(store, &id).await?;
        self.recovered
            .set(outcome.recovered_from.map(|recovery| Recovered {
                message: recovery.message,
                raw: outcome.unreadable_raw,
            }));
        self.opened(
            id,
            outcome.revision,
            outcome.workspace,
            outcome.unexported.due(),
        )
        .await;
        if matches!(
            self.status.get_untracked(),
            SaveStatus::ChangedElsewhere | SaveStatus::Full
        ) {
            self.status.set(SaveStatus::Idle);
        }
        Ok(())
    }

    /// Shows a workspace that was just loaded or stored, without saving it back.
    /// Shows a stored workspace: indexed and scored in steps, so opening 100k accounts does
    /// not hold the page.
    async fn opened(self, id: String, revision: u64, workspace: Workspace, remind: bool) {
        self.session.update_value(|s| {
            s.id = Some(id.clone());
            s.base_revision = revision;
            s.dirty = false;
            s.skip_next = s.subscribed;
        });
        self.current.set(Some(id));
        self.remind_backup.set(remind);
        self.data.replace_in_steps(workspace).await;
    }

    /// An empty workspace that is stored once the user changes something.
    fn blank(self) {
        self.session.update_value(|s| {
            s.id = None;
            s.base_revision = 0;
            s.dirty = false;
            s.skip_next = s.subscribed;
        });
        self.current.set(None);
        self.remind_backup.set(false);
        self.status.set(SaveStatus::Idle);
        self.data.replace(Workspace::default());
    }

    fn cancel_undo_timer(self) {
        self.session.update_value(|s| {
            if let Some(timer) = s.undo_timer.take() {
                timer.clear();
            }
        });
    }

    async fn refresh(self, store: &Store) {
        if let Ok(rows) = list_async(store).await {
            self.workspaces.set(
                rows.into_iter()
                    .filter(|r| r.trashed_at.is_none())
                    .map(|summary| Listed {
                        tier: store.tier(&summary.id),
                        summary,
                    })
                    .collect(),
            );
        }
    }

    fn report(self, error: PersistError) {
        self.status.set(match error {
            PersistError::QuotaExceeded { .. } => SaveStatus::Full,
            PersistError::Conflict { .. } => SaveStatus::ChangedElsewhere,
            PersistError::Unavailable => SaveStatus::MemoryOnly,
            error => SaveStatus::Failed(error.label()),
        });
    }

    /// Another tab wrote the index or a head record: list the workspaces again, and if it
    /// saved the open one, ask before anything is lost.
    async fn on_storage_event(self, store: &Store, key: Option<String>) {
        let (id, base) = self.session.with_value(|s| (s.id.clone(), s.base_revision));
        if let Some(id) = id.filter(|id| key.as_deref() == Some(head_key(id).as_str())) {
            if let Ok(Some(head)) = peek_head_async(store, &id).await {
                if head.revision > base {
                    self.status.set(SaveStatus::ChangedElsewhere);
                }
            }
        }
    }

    /// The characters KAM Radar keeps in localStorage, if it can be read now.
    pub fn local_usage(self) -> Option<usize> {
        let mutex = self.store.get_value();
        let guard = mutex.try_lock()?;
        persist::storage_usage(guard.as_ref()?.small()).ok()
    }
}

/// Encodes a workspace not open yet for saving, a few thousand rows per task.
async fn snapshot_of(ws: &Workspace) -> Result<Snapshot, PersistError> {
    let mut steps = SnapshotSteps::start(ws)?;
    while steps.step(ws, SAVE_STEP_ROWS)? {
        browser::next_task().await;
    }
    Ok(steps.finish(ws))
}

/// Encodes the open workspace in place for saving (a 100k-account workspace is not copied),
/// a few thousand rows per task so the page keeps answering. An edit in between starts it
/// again, since the encoding would mix two versions of the workspace; after a few such edits
/// the rest is encoded in one go, so a save always ends.
pub(super) async fn snapshot_in_steps(data: WorkspaceState) -> Result<Snapshot, PersistError> {
    let workspace = data.workspace;
    let mut restarts = 0;
    'encode: loop {
        let revision = data.revision();
        let mut steps = workspace.with_untracked(SnapshotSteps::start)?;
        let rows = if restarts < SAVE_RESTARTS {
            SAVE_STEP_ROWS
        } else {
            usize::MAX
        };
        while workspace.with_untracked(|ws| steps.step(ws, rows))? {
            browser::next_task().await;
            if data.revision() != revision {
                restarts += 1;
                continue 'encode;
            }
        }
        return Ok(workspace.with_untracked(|ws| steps.finish(ws)));
    }
}
