//! The backup reminder: how much work a workspace holds that was never downloaded as a file,
//! and the rule that decides when to remind the user to download it — without nagging.
//!
//! The state travels in the workspace's head record (every save counts one change there, so
//! it survives reloads and is shared by tabs); downloading the file resets it, and dismissing
//! the reminder silences it until as much work again has been done.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::protocol::update_unexported;
use super::store::{run_ready, AsyncKeyValueStore, Blocking, KeyValueStore};
use super::PersistError;

/// Remind after this many saves since the last download (a save gathers the edits of a
/// moment: the app saves 0.4 s after typing stops).
pub const REMIND_AFTER_CHANGES: u32 = 25;

/// … or after this much editing time since the last download, in milliseconds.
pub const REMIND_AFTER_EDIT_MS: u64 = 15 * 60 * 1000;

/// A pause between two saves counts as editing time up to this long; a longer pause is a
/// break (lunch, the next day), not work.
pub const EDIT_GAP_CAP_MS: u64 = 5 * 60 * 1000;

/// The unexported work of one workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupState {
    /// Saves since the last download of the file.
    pub changes: u32,
    /// Editing time since the last download, in milliseconds.
    pub edit_ms: u64,
    /// When the last change was saved (milliseconds since 1970), to measure editing time.
    pub last_change_ms: Option<i64>,
    /// `changes` and `edit_ms` when the user last dismissed the reminder.
    pub dismissed_changes: u32,
    pub dismissed_edit_ms: u64,
    /// When the file was last downloaded (milliseconds since 1970).
    pub exported_ms: Option<i64>,
}

impl BackupState {
    /// Counts a save made at `now`.
    pub fn record_change(&mut self, now: DateTime<Utc>) {
        let now = now.timestamp_millis();
        if let Some(last) = self.last_change_ms {
            let gap = u64::try_from(now - last).unwrap_or(0);
            self.edit_ms += gap.min(EDIT_GAP_CAP_MS);
        }
        self.changes = self.changes.saturating_add(1);
        self.last_change_ms = Some(now);
    }

    /// The file was downloaded at `now`: nothing is unexported any more.
    pub fn mark_exported(&mut self, now: DateTime<Utc>) {
        let now = now.timestamp_millis();
        *self = BackupState {
            last_change_ms: Some(now),
            exported_ms: Some(now),
            ..BackupState::default()
        };
    }

    /// The user dismissed the reminder: quiet until as much work again is done.
    pub fn dismiss(&mut self) {
        self.dismissed_changes = self.changes;
        self.dismissed_edit_ms = self.edit_ms;
    }

    /// Whether to remind the user to download the workspace file now.
    pub fn due(&self) -> bool {
        self.changes.saturating_sub(self.dismissed_changes) >= REMIND_AFTER_CHANGES
            || self.edit_ms.saturating_sub(self.dismissed_edit_ms) >= REMIND_AFTER_EDIT_MS
    }
}

/// Records that workspace `id`'s file was downloaded at `now`; returns the reset state.
pub async fn mark_exported_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    now: DateTime<Utc>,
) -> Result<BackupState, PersistError> {
    update_unexported(store, id, |state| state.mark_exported(now)).await
}

/// Silences workspace `id`'s reminder until as much work again is done.
pub async fn dismiss_reminder_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
) -> Result<BackupState, PersistError> {
    update_unexported(store, id, BackupState::dismiss).await
}

/// [`mark_exported_async`] over a synchronous store.
pub fn mark_exported<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
    now: DateTime<Utc>,
) -> Result<BackupState, PersistError> {
    run_ready(mark_exported_async(&mut Blocking(store), id, now))
}

/// [`dismiss_reminder_async`] over a synchronous store.
pub fn dismiss_reminder<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
) -> Result<BackupState, PersistError> {
    run_ready(dismiss_reminder_async(&mut Blocking(store), id))
}
