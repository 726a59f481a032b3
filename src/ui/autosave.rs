//! Keeps the workspace in the browser: loads the current workspace at start, saves every
//! change within a second (debounced) through the persistence core's crash-safe protocol, and
//! says what happened — saved, working in memory, storage full, changed in another tab,
//! recovered from damaged data — so the user never loses work silently.

use std::time::Duration;

use leptos::prelude::*;

use super::state::WorkspaceState;
use super::storage::LocalStore;
use crate::persist::{self, PersistError, SaveContext};

/// How long the app waits after a change before saving, so typing does not save per key.
const SAVE_DELAY: Duration = Duration::from_millis(400);

/// What the last save did, for the header's indicator and the banners.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the app started.
    Idle,
    /// Saved in localStorage; the stored size in UTF-16 code units.
    Saved { chars: usize },
    /// Storage cannot be used: nothing is kept after this tab closes.
    MemoryOnly,
    /// Storage is full: the previous save is intact, newer changes are not saved.
    Full,
    /// Another tab saved this workspace after this tab loaded it.
    ChangedElsewhere,
    /// Any other failure, with the reason.
    Failed(String),
}

/// Data the last load could not read: kept in storage and offered for download.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub message: String,
    pub raw: Option<String>,
}

/// The saving machinery and its reports, provided at the root.
#[derive(Clone, Copy)]
pub struct Autosave {
    pub status: RwSignal<SaveStatus>,
    pub recovered: RwSignal<Option<Recovered>>,
    session: StoredValue<Session, LocalStorage>,
    data: WorkspaceState,
}

/// The tab's side of the save protocol.
struct Session {
    store: Option<LocalStore>,
    /// The saved workspace's id; `None` until the first save creates it.
    id: Option<String>,
    /// The revision this tab last loaded or saved.
    base_revision: u64,
    /// A random id of this tab, shown in conflict messages.
    writer: String,
    pending: Option<TimeoutHandle>,
    /// The next change came from storage (a reload), not from the user: do not save it back.
    skip_next: bool,
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
            session: StoredValue::new_local(Session {
                store: LocalStore::open(),
                id: None,
                base_revision: 0,
                writer: format!("tab-{:08x}", (js_sys::Math::random() * 4e9) as u64),
                pending: None,
                skip_next: false,
            }),
            data,
        };
        autosave.load_current(false);
        Effect::new(move |previous: Option<()>| {
            data.workspace.track();
            // The first run only subscribes: what was just loaded needs no save.
            if previous.is_some() {
                autosave.schedule();
            }
        });
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            autosave.on_storage_event(event.key());
        });
        autosave
    }

    /// Loads the current workspace; `reloading` when it replaces one the user already has, so
    /// the replacement is not saved straight back.
    fn load_current(self, reloading: bool) {
        self.session.update_value(|session| {
            let Some(store) = session.store.as_ref() else {
                self.status.set(SaveStatus::MemoryOnly);
                return;
            };
            let current = match persist::read_index(store) {
                Ok(index) => index.current,
                Err(error) => {
                    self.status.set(SaveStatus::Failed(error.to_string()));
                    return;
                }
            };
            let Some(id) = current else { return };
            match persist::load(store, &id) {
                Ok(outcome) => {
                    if let Some(recovery) = outcome.recovered_from {
                        self.recovered.set(Some(Recovered {
                            message: recovery.message,
                            raw: outcome.unreadable_raw,
                        }));
                    }
                    session.base_revision = outcome.revision;
                    session.id = Some(id);
                    session.skip_next = reloading;
                    self.data.workspace.set(outcome.workspace);
                }
                Err(error) => self.status.set(SaveStatus::Failed(error.to_string())),
            }
        });
    }

    fn schedule(self) {
        let skip = self.session.try_update_value(|session| {
            if let Some(pending) = session.pending.take() {
                pending.clear();
            }
            std::mem::take(&mut session.skip_next)
        });
        if skip.unwrap_or(false) {
            return;
        }
        let handle = set_timeout_with_handle(move || self.save(false), SAVE_DELAY).ok();
        self.session
            .update_value(|session| session.pending = handle);
    }

    /// Saves now; `overwrite` replaces a newer save of another tab (the user chose to).
    pub fn save(self, overwrite: bool) {
        self.data.workspace.with_untracked(|workspace| {
            self.session.update_value(|session| {
                session.pending = None;
                let Some(store) = session.store.as_mut() else {
                    self.status.set(SaveStatus::MemoryOnly);
                    return;
                };
                let context = SaveContext {
                    writer: &session.writer,
                    base_revision: session.base_revision,
                    now: now(),
                };
                let outcome = match session.id.as_deref() {
                    None => persist::create(store, workspace, &context).map(|(id, receipt)| {
                        session.id = Some(id);
                        receipt
                    }),
                    Some(id) if overwrite => {
                        persist::save_overwrite(store, id, workspace, &context)
                    }
                    Some(id) => persist::save(store, id, workspace, &context),
                };
                match outcome {
                    Ok(receipt) => {
                        session.base_revision = receipt.revision;
                        self.status.set(SaveStatus::Saved {
                            chars: receipt.live_chars,
                        });
                    }
                    Err(PersistError::QuotaExceeded { .. }) => self.status.set(SaveStatus::Full),
                    Err(PersistError::Conflict { .. }) => {
                        self.status.set(SaveStatus::ChangedElsewhere)
                    }
                    Err(PersistError::Unavailable) => self.status.set(SaveStatus::MemoryOnly),
                    Err(error) => self.status.set(SaveStatus::Failed(error.to_string())),
                }
            });
        });
    }

    /// Another tab wrote to storage: if it saved this workspace, ask before anything is lost.
    fn on_storage_event(self, key: Option<String>) {
        let changed = self.session.with_value(|session| {
            let (Some(store), Some(id)) = (session.store.as_ref(), session.id.as_deref()) else {
                return false;
            };
            if key.as_deref() != Some(persist::head_key(id).as_str()) {
                return false;
            }
            matches!(
                persist::peek_head(store, id),
                Ok(Some(head)) if head.revision > session.base_revision
            )
        });
        if changed {
            self.status.set(SaveStatus::ChangedElsewhere);
        }
    }

    /// Takes the other tab's version (the user chose to reload).
    pub fn reload(self) {
        self.load_current(true);
        if self.status.get_untracked() == SaveStatus::ChangedElsewhere {
            self.status.set(SaveStatus::Idle);
        }
    }

    /// Drops the unreadable data the last load kept, once the user has downloaded it.
    pub fn discard_unreadable(self) {
        self.session.update_value(|session| {
            if let (Some(store), Some(id)) = (session.store.as_mut(), session.id.as_deref()) {
                let _ = persist::discard_unreadable(store, id);
            }
        });
        self.recovered.set(None);
    }
}

impl Autosave {
    /// The characters KAM Radar keeps in localStorage, if storage can be read.
    pub fn usage(self) -> Option<usize> {
        self.session.with_value(|session| {
            session
                .store
                .as_ref()
                .and_then(|store| persist::storage_usage(store).ok())
        })
    }

    /// Removes every key KAM Radar wrote, and starts over with an empty workspace that is not
    /// saved until the user changes something.
    pub fn delete_everything(self) -> Result<(), String> {
        self.session
            .try_update_value(|session| {
                if let Some(pending) = session.pending.take() {
                    pending.clear();
                }
                session.id = None;
                session.base_revision = 0;
                session.skip_next = true;
                match session.store.as_mut() {
                    Some(store) => persist::delete_all_data(store)
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                    None => Ok(()),
                }
            })
            .unwrap_or_else(|| Err("the storage session has ended".to_string()))?;
        self.data.workspace.set(crate::model::Workspace::default());
        self.status
            .set(if self.session.with_value(|s| s.store.is_some()) {
                SaveStatus::Idle
            } else {
                SaveStatus::MemoryOnly
            });
        self.recovered.set(None);
        Ok(())
    }
}
