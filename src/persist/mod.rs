//! Saving workspaces in the browser: a versioned compact format, its migrations, a crash-safe
//! save protocol over any key-value store, workspace management and the portable file.
//!
//! The layout in the store (every key starts with [`APP_PREFIX`]; see `FORMAT.md` beside this
//! file for the full description):
//!
//! - `kam-radar.index` — the list of workspaces and the current one ([`workspaces`]);
//! - `kam-radar.ws.<id>.head` — the pointer to the live generation, its revision and writer;
//! - `kam-radar.ws.<id>.g.<n>` — generation `n`: the envelope with the payload's chunk list;
//! - `kam-radar.ws.<id>.c.<hash>` — a chunk (a block of rows), named by its own checksum, so a
//!   generation shares every unchanged chunk with the previous one.
//!
//! Nothing here touches the browser: the shell implements [`KeyValueStore`] for localStorage
//! and [`AsyncKeyValueStore`] for IndexedDB, joins them in a [`Tiered`] store (a workspace
//! that outgrows localStorage moves to IndexedDB) and calls the functions re-exported below.

pub mod backup;
pub mod codec;
pub mod file;
pub mod format;
pub mod pack;
pub mod protocol;
pub mod store;
pub mod tiered;
pub mod workspaces;

use thiserror::Error;

use crate::i18n::{Label, Lang};

pub use backup::{dismiss_reminder, mark_exported, BackupState};
pub use file::{export_file, import_file, FILE_FORMAT, FILE_VERSION};
pub use format::{migrate, FORMAT, FORMAT_VERSION};
pub use protocol::{
    discard_unreadable, encoded_size, head_key, load, load_async, peek_head, save, save_async,
    save_overwrite, save_overwrite_async, storage_usage, stored_size, HeadInfo, LoadOutcome,
    Recovery, RecoveryReason, SaveContext, SaveReceipt, Snapshot, SnapshotSteps, StoredSize,
};
pub use store::{utf16_len, AsyncKeyValueStore, Blocking, KeyValueStore, MemoryStore, StoreError};
pub use tiered::{
    create_placed, create_snapshot_placed, save_placed, save_snapshot_placed, Tier, Tiered,
};
pub use workspaces::{
    create, delete, delete_all_data, duplicate, list, purge, purge_expired, read_index, rename,
    restore, switch, unique_name, IndexEntry, Trashed, WorkspaceIndex, WorkspaceSummary,
    UNDO_SECONDS,
};

/// Every key this app writes starts with this, so "delete all data" can find them all.
pub const APP_PREFIX: &str = "kam-radar.";

/// The key of the workspace index.
pub const INDEX_KEY: &str = "kam-radar.index";

/// Roughly what Chromium grants localStorage per origin, in UTF-16 code units (10 MiB).
pub const LOCAL_STORAGE_QUOTA_CHARS: usize = 5_000_000;

/// A workspace whose live generation takes more than this many UTF-16 code units in
/// localStorage moves to IndexedDB after its save ([`save_placed`]): it leaves room for a
/// save's changed chunks and the backup generation below the quota. A save that does not fit
/// moves it too, whatever its size.
pub const INDEXED_DB_THRESHOLD_CHARS: usize = 4_000_000;

/// Why a workspace could not be saved, loaded, imported or managed.
#[derive(Debug, Error)]
pub enum PersistError {
    /// The browser storage is full; nothing stored before the attempt was changed.
    #[error("the browser storage is full (about {needed_chars} more characters were needed); the previous save is intact — delete workspaces you no longer need, or download this one as a file")]
    QuotaExceeded { needed_chars: usize },
    /// Storage cannot be used; the shell keeps working in memory.
    #[error("the browser storage is not available (private mode or disabled); working in memory — download the workspace to keep it")]
    Unavailable,
    /// The store failed in another way.
    #[error("the browser storage failed: {0}")]
    Store(String),
    /// Another tab saved a newer revision since this one loaded.
    #[error("this workspace was changed in another tab (revision {stored_revision} by {stored_writer}, this tab has revision {base_revision}); reload it, or overwrite it with this tab's version")]
    Conflict {
        stored_revision: u64,
        stored_writer: String,
        base_revision: u64,
    },
    /// No workspace with this id, or it holds no data.
    #[error("no saved workspace with id {0:?}")]
    NotFound(String),
    /// The document was written by a newer version of the app; its text is kept.
    #[error("this was saved by a newer version of KAM Radar ({what} version {found}, this app reads up to {supported}); update the app — the data is kept unchanged")]
    NewerVersion {
        what: &'static str,
        found: u64,
        supported: u64,
        raw: String,
    },
    /// The document cannot be read: invalid JSON, a wrong checksum, a missing part.
    #[error(
        "the saved data cannot be read ({reason}); it is kept unchanged and can be downloaded"
    )]
    Unreadable { reason: String, raw: String },
    /// A value in a document has the wrong shape.
    #[error("the saved data is not valid: {0}")]
    Malformed(String),
    /// A number cannot be written faithfully (NaN or infinite).
    #[error("{0} is not a finite number and cannot be saved")]
    NotFinite(String),
    /// A file that is not a KAM Radar workspace.
    #[error("this file is not a KAM Radar workspace: {0}")]
    NotAWorkspace(NotAWorkspace),
    /// A workspace operation that the index forbids (switching to a deleted workspace …).
    #[error("{0}")]
    Invalid(String),
}

/// Why a file chosen to open is not a workspace.
#[derive(Debug, Error)]
pub enum NotAWorkspace {
    /// Not JSON at all; the parser's own words say where it stopped.
    #[error("not JSON ({0})")]
    NotJson(String),
    /// A workspace file's frame without its workspace.
    #[error("the file has no workspace")]
    NoWorkspace,
    /// JSON of another program or format.
    #[error("its format is {0:?}")]
    OtherFormat(String),
    /// JSON without any mark of KAM Radar.
    #[error("it has neither a format nor a schema_version")]
    NoFormat,
}

impl PersistError {
    /// The error as the user reads it in `lang`. English is the error's own text; Chinese
    /// says the same, with the technical detail (a parser's message, a value) kept as it is.
    pub fn describe(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            PersistError::QuotaExceeded { needed_chars } => format!(
                "浏览器存储已满（还需约 {needed_chars} 个字符）；上一次保存完好无损——请删除不再需要的工作区，或把此工作区下载为文件"
            ),
            PersistError::Unavailable => {
                "浏览器存储不可用（隐私模式或已被禁用）；目前只在内存中工作——请下载工作区以便保留".into()
            }
            PersistError::Store(detail) => format!("浏览器存储出错：{detail}"),
            PersistError::Conflict {
                stored_revision,
                stored_writer,
                base_revision,
            } => format!(
                "此工作区已在另一个标签页中修改（修订 {stored_revision}，由 {stored_writer} 保存；本标签页为修订 {base_revision}）；请重新载入，或用本标签页的版本覆盖"
            ),
            PersistError::NotFound(id) => format!("没有 ID 为 {id:?} 的已保存工作区"),
            PersistError::NewerVersion {
                found, supported, ..
            } => format!(
                "这是较新版本的 KAM Radar 保存的（版本 {found}，本应用最高可读版本 {supported}）；请更新应用——数据保持不变"
            ),
            PersistError::Unreadable { reason, .. } => {
                format!("保存的数据无法读取（{reason}）；数据保持不变，可以下载")
            }
            PersistError::Malformed(detail) => format!("保存的数据无效：{detail}"),
            PersistError::NotFinite(what) => format!("{what} 不是有限的数值，无法保存"),
            PersistError::NotAWorkspace(why) => format!(
                "此文件不是 KAM Radar 工作区：{}",
                match why {
                    NotAWorkspace::NotJson(detail) => format!("不是 JSON（{detail}）"),
                    NotAWorkspace::NoWorkspace => "文件中没有工作区".into(),
                    NotAWorkspace::OtherFormat(format) => format!("其格式为 {format:?}"),
                    NotAWorkspace::NoFormat => "既没有 format 也没有 schema_version".into(),
                }
            ),
            PersistError::Invalid(detail) => detail.clone(),
        }
    }

    /// The error in both languages, for a message shown in whichever is chosen later.
    pub fn label(&self) -> Label {
        Label::new(self.describe(Lang::En), self.describe(Lang::Zh))
    }

    /// A newer-version error carrying `raw` as the kept text (the whole document, not only the
    /// part that was being read when the version was found); other errors unchanged.
    pub(crate) fn keeping_raw(self, raw: impl FnOnce() -> String) -> PersistError {
        match self {
            PersistError::NewerVersion {
                what,
                found,
                supported,
                ..
            } => PersistError::NewerVersion {
                what,
                found,
                supported,
                raw: raw(),
            },
            other => other,
        }
    }

    /// The raw text kept for download when stored data could not be read.
    pub fn raw(&self) -> Option<&str> {
        match self {
            PersistError::NewerVersion { raw, .. } | PersistError::Unreadable { raw, .. } => {
                Some(raw)
            }
            _ => None,
        }
    }
}

impl From<StoreError> for PersistError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::QuotaExceeded => PersistError::QuotaExceeded { needed_chars: 0 },
            StoreError::Unavailable => PersistError::Unavailable,
            StoreError::Other(s) => PersistError::Store(s),
        }
    }
}

/// FNV-1a, 64 bits: the checksum of payloads and the name of chunks. It detects truncation
/// and edits, which is all a checksum of our own writes has to do, and it is a few lines in
/// any language, so the format stays checkable outside this app.
pub fn fnv1a64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The checksum of a payload text as written in an envelope.
pub fn checksum(text: &str) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(text))
}
