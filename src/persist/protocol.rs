//! The save protocol: a new generation is written beside the live one, verified, made live by
//! one write of the head record, and only then is the older generation retired — so a crash
//! or a full store between any two writes leaves the old or the new workspace, never a mix.
//!
//! Each function is written once as `async` code over [`AsyncKeyValueStore`] (the `_async`
//! names, for IndexedDB) and offered synchronously over [`KeyValueStore`] (localStorage).
//! A generation's chunks are named by their checksum, so an unchanged block is never written
//! twice: a save writes only the blocks that changed, and the backup generation costs only
//! what differs from the live one.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::backup::BackupState;
use super::codec::{self, BlockSource, Table};
use super::format::{envelope_text, migrate, parse_envelope, Envelope, FORMAT_VERSION};
use super::pack::{pack, unpack};
use super::store::{run_ready, utf16_len, AsyncKeyValueStore, Blocking, KeyValueStore, StoreError};
use super::{fnv1a64, PersistError, APP_PREFIX};
use crate::model::Workspace;

/// Who saves, on top of which revision, and when.
#[derive(Clone, Debug)]
pub struct SaveContext<'a> {
    /// A random id of this tab, chosen once per page load; shown in conflict messages.
    pub writer: &'a str,
    /// The revision this tab loaded or last saved ([`LoadOutcome::revision`],
    /// [`SaveReceipt::revision`]); 0 for a workspace this tab created.
    pub base_revision: u64,
    /// The time of the save, from the browser's clock.
    pub now: DateTime<Utc>,
}

/// What a successful save did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveReceipt {
    /// The new revision: the tab's next `base_revision`.
    pub revision: u64,
    pub generation: u64,
    /// UTF-16 code units of the live generation (head, manifest and chunks, keys included).
    pub live_chars: usize,
    /// UTF-16 code units this save wrote (changed chunks, manifest, head).
    pub written_chars: usize,
    pub chunks_written: usize,
    pub chunks_reused: usize,
    /// The store was full, so the backup generation was given up to make room.
    pub backup_dropped: bool,
    /// The work not yet downloaded as a file, this save included.
    pub unexported: BackupState,
}

/// The head record: which generation is live. Read it on a storage event to see whether
/// another tab saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadInfo {
    pub generation: u64,
    /// The backup generation, kept to fall back on.
    pub previous: Option<u64>,
    pub revision: u64,
    pub writer: String,
    pub saved_at: String,
    /// The workspace's name at this save, for the workspace list.
    #[serde(default)]
    pub name: String,
    pub live_chars: usize,
    pub accounts: usize,
    /// The work saved since the file was last downloaded (absent before this was tracked).
    #[serde(default)]
    pub unexported: BackupState,
}

#[derive(Serialize, Deserialize)]
struct HeadDoc {
    format: String,
    version: u32,
    #[serde(flatten)]
    info: HeadInfo,
}

const HEAD_FORMAT: &str = "kam-radar-head";

/// A loaded workspace and what loading it took.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadOutcome {
    pub workspace: Workspace,
    /// The base revision for this tab's next save.
    pub revision: u64,
    pub generation: u64,
    /// Set when the newest generation could not be read and an older one was loaded.
    pub recovered_from: Option<Recovery>,
    /// The unreadable newest data as JSON `{ key: stored text }`, kept in the store and
    /// offered for download.
    pub unreadable_raw: Option<String>,
    /// The work not yet downloaded as a file, from the head record.
    pub unexported: BackupState,
}

/// The generation that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    pub generation: u64,
    pub reason: RecoveryReason,
    /// The error, for the banner's details.
    pub message: String,
}

/// Why a generation could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryReason {
    /// Damaged: invalid JSON, a wrong checksum or a missing chunk.
    Corrupt,
    /// Written by a newer version of the app. Saving over it asks first (a conflict).
    NewerVersion,
}

/// Where a workspace's stored characters go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoredSize {
    /// Everything under the workspace's keys, in UTF-16 code units.
    pub total_chars: usize,
    /// The live generation: head, manifest and its chunks.
    pub live_chars: usize,
    /// What only the backup generation holds.
    pub backup_chars: usize,
    /// Anything else: unreadable data kept for download, leftovers of an interrupted save.
    pub other_chars: usize,
}

/// Every key of a stored workspace starts with this, then its id and a dot.
pub(crate) const WS_KEY_PREFIX: &str = "kam-radar.ws.";

pub(crate) fn ws_prefix(id: &str) -> String {
    format!("{WS_KEY_PREFIX}{id}.")
}

/// The key of a workspace's head record; a storage event on it means another tab saved.
pub fn head_key(id: &str) -> String {
    format!("{}head", ws_prefix(id))
}

fn gen_key(id: &str, g: u64) -> String {
    format!("{}g.{g}", ws_prefix(id))
}

fn chunk_key(id: &str, name: &str) -> String {
    format!("{}c.{name}", ws_prefix(id))
}

fn chunk_name(text: &str) -> String {
    format!("{:016x}", fnv1a64(text))
}

fn key_chars(key: &str, value: &str) -> usize {
    utf16_len(key) + utf16_len(value)
}

/// The generations and chunk names stored for a workspace.
fn scan(keys: &[String], id: &str) -> (BTreeSet<u64>, HashSet<String>) {
    let prefix = ws_prefix(id);
    let mut gens = BTreeSet::new();
    let mut chunks = HashSet::new();
    for k in keys {
        let Some(rest) = k.strip_prefix(&prefix) else {
            continue;
        };
        if let Some(g) = rest.strip_prefix("g.").and_then(|g| g.parse().ok()) {
            gens.insert(g);
        } else if let Some(c) = rest.strip_prefix("c.") {
            chunks.insert(c.to_string());
        }
    }
    (gens, chunks)
}

/// The head record, if one is stored and readable.
pub async fn peek_head_async<S: AsyncKeyValueStore>(
    store: &S,
    id: &str,
) -> Result<Option<HeadInfo>, PersistError> {
    let text = store.get(&head_key(id)).await?;
    Ok(text
        .and_then(|t| serde_json::from_str::<HeadDoc>(&t).ok())
        .filter(|d| d.format == HEAD_FORMAT)
        .map(|d| d.info))
}

/// The chunk names a generation's payload refers to, if its manifest is ours and intact.
fn chunk_refs(env: &Envelope) -> Vec<String> {
    let mut out = Vec::new();
    if env.version != 2 {
        return out;
    }
    let mut push = |v: &Value| {
        if let Some(s) = v.as_str() {
            out.push(s.to_string());
        }
    };
    if let Some(m) = env.payload.get("meta") {
        push(m);
    }
    for t in Table::ALL {
        if let Some(list) = env.payload.get(t.name()).and_then(Value::as_array) {
            list.iter().for_each(&mut push);
        }
    }
    out
}

/// A generation that could not be read, with everything stored for it.
struct Unreadable {
    reason: RecoveryReason,
    error: PersistError,
    raw: String,
}

enum ReadFailure {
    /// The store itself failed: loading stops.
    Store(PersistError),
    Unreadable(Unreadable),
}

/// Reads and checks generation `g`, resolving its chunks.
async fn read_generation<S: AsyncKeyValueStore>(
    store: &S,
    id: &str,
    g: u64,
) -> Result<(Workspace, Envelope), ReadFailure> {
    let key = gen_key(id, g);
    // Every key read, with its stored text (`None`: missing), in reading order: the raw data
    // offered for download when the generation cannot be read is what was read until then.
    let mut pieces: Vec<(String, Option<String>)> = Vec::new();
    let text = store
        .get(&key)
        .await
        .map_err(|e| ReadFailure::Store(e.into()))?;
    let fail = |pieces: &[(String, Option<String>)], error: PersistError| {
        let reason = match error {
            PersistError::NewerVersion { .. } => RecoveryReason::NewerVersion,
            _ => RecoveryReason::Corrupt,
        };
        let map: serde_json::Map<String, Value> = pieces
            .iter()
            .map(|(k, t)| (k.clone(), t.as_deref().map_or(Value::Null, Value::from)))
            .collect();
        ReadFailure::Unreadable(Unreadable {
            reason,
            error,
            raw: serde_json::to_string_pretty(&map).unwrap_or_default(),
        })
    };
    let Some(text) = text else {
        return Err(fail(&pieces, PersistError::NotFound(id.into())));
    };
    pieces.push((key, Some(text)));
    let env =
        parse_envelope(pieces[0].1.as_deref().unwrap_or_default()).map_err(|e| fail(&pieces, e))?;
    if env.version != 2 {
        let ws = migrate(env.payload.clone(), env.version).map_err(|e| fail(&pieces, e))?;
        return Ok((ws, env));
    }
    // Resolve each chunk reference into its JSON text; an inline block stays as it is.
    let mut sources: Vec<Source> = Vec::new();
    let refs = std::iter::once(env.payload.get("meta").cloned().unwrap_or(Value::Null)).chain(
        Table::ALL.iter().flat_map(|t| {
            env.payload
                .get(t.name())
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        }),
    );
    let mut counts = [0usize; 4];
    for (t, out) in Table::ALL.iter().zip(counts.iter_mut()) {
        *out = env
            .payload
            .get(t.name())
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
    }
    // Blocks are decoded as their chunks arrive (a large store answers each read in a task
    // of its own, so a 100k-account workspace is not decoded in one go); on any error this
    // stops, and the careful reading below reports it.
    let mut arriving = Arriving::new(counts);
    for r in refs {
        let Some(name) = r.as_str() else {
            sources.push(Source::Inline(r));
            arriving.take(sources.last());
            continue;
        };
        let key = chunk_key(id, name);
        let text = store
            .get(&key)
            .await
            .map_err(|e| ReadFailure::Store(e.into()))?;
        let json = text
            .as_deref()
            .map(|t| (chunk_name(t) == name).then(|| unpack(t)).flatten());
        pieces.push((key.clone(), text));
        let json = match json {
            None => {
                return Err(fail(
                    &pieces,
                    PersistError::Malformed(format!("the chunk {key} is missing")),
                ))
            }
            Some(None) => {
                return Err(fail(
                    &pieces,
                    PersistError::Malformed(format!("the chunk {key} is damaged")),
                ))
            }
            Some(Some(json)) => json,
        };
        sources.push(Source::Chunk {
            key,
            json,
            read: pieces.len(),
        });
        arriving.take(sources.last());
    }
    if let Some(ws) = arriving.finish() {
        return Ok((ws, env));
    }
    // Something is wrong: every chunk is parsed in order first, as a damaged chunk is
    // reported before any block is decoded.
    let mut values = Vec::with_capacity(sources.len());
    for s in &sources {
        values.push(match s {
            Source::Inline(v) => v.clone(),
            Source::Chunk { key, json, read } => {
                serde_json::from_str::<Value>(json).map_err(|e| {
                    fail(
                        &pieces[..*read],
                        PersistError::Malformed(format!("the chunk {key}: {e}")),
                    )
                })?
            }
        });
    }
    let (meta, mut rest) = match values.split_first() {
        Some((meta, rest)) => (meta, rest),
        None => return Err(fail(&pieces, PersistError::NotFound(id.into()))),
    };
    let mut blocks: [Vec<&Value>; 4] = Default::default();
    for (n, out) in counts.iter().zip(blocks.iter_mut()) {
        let (these, after) = rest.split_at((*n).min(rest.len()));
        out.extend(these);
        rest = after;
    }
    match codec::decode(meta, blocks) {
        Ok(ws) => Ok((ws, env)),
        Err(e) => Err(fail(&pieces, e)),
    }
}

/// The meta or a block of a generation: a chunk's JSON text, or a value inline.
enum Source {
    Chunk {
        key: String,
        json: String,
        /// How many keys had been read with this one.
        read: usize,
    },
    Inline(Value),
}

/// The decoding of a generation's sources as they are read: the meta, then the blocks of
/// each table by `counts`, straight from their texts (no `Value` of a chunk is built).
struct Arriving {
    counts: [usize; 4],
    /// Sources taken so far.
    taken: usize,
    /// `None` before the meta, and for good after any error.
    decoding: Option<codec::Decoding>,
    failed: bool,
}

impl Arriving {
    fn new(counts: [usize; 4]) -> Self {
        Arriving {
            counts,
            taken: 0,
            decoding: None,
            failed: false,
        }
    }

    /// Decodes the next source.
    fn take(&mut self, source: Option<&Source>) {
        let at = self.taken;
        self.taken += 1;
        let Some(source) = source.filter(|_| !self.failed) else {
            return;
        };
        let decoded = match (at, &mut self.decoding) {
            (0, _) => {
                let meta = match source {
                    Source::Chunk { json, .. } => serde_json::from_str::<Value>(json).ok(),
                    Source::Inline(v) => Some(v.clone()),
                };
                self.decoding = meta.and_then(|m| codec::Decoding::start(&m).ok());
                self.decoding.is_some()
            }
            (_, Some(decoding)) => {
                let block = match source {
                    Source::Chunk { json, .. } => BlockSource::Text(json),
                    Source::Inline(v) => BlockSource::Value(v),
                };
                block_place(self.counts, at - 1)
                    .is_some_and(|(t, i)| decoding.add(t, i, block).is_ok())
            }
            (_, None) => false,
        };
        self.failed |= !decoded;
    }

    /// The workspace, when every source was taken and decoded.
    fn finish(self) -> Option<Workspace> {
        let expected = 1 + self.counts.iter().sum::<usize>();
        if self.failed || self.taken != expected {
            return None;
        }
        self.decoding.map(codec::Decoding::finish)
    }
}

/// The table and index in it of block number `n` counted across the tables by `counts`.
fn block_place(counts: [usize; 4], n: usize) -> Option<(Table, usize)> {
    let mut n = n;
    for (t, count) in Table::ALL.into_iter().zip(counts) {
        if n < count {
            return Some((t, n));
        }
        n -= count;
    }
    None
}

/// Loads workspace `id`: the live generation, or — when it cannot be read — the newest older
/// one that can, reporting what happened. Nothing is written: unreadable data stays stored.
pub async fn load_async<S: AsyncKeyValueStore>(
    store: &S,
    id: &str,
) -> Result<LoadOutcome, PersistError> {
    let keys = store.keys().await?;
    let (gens, _) = scan(&keys, id);
    let head = peek_head_async(store, id).await?;
    // The live generation first, then older ones newest first, and last any generation newer
    // than the head (written by a save that was interrupted before it went live).
    let live = head.as_ref().map(|h| h.generation);
    let mut order: Vec<u64> = live.into_iter().collect();
    let below = live.unwrap_or(u64::MAX);
    order.extend(gens.iter().rev().filter(|g| **g < below));
    order.extend(gens.iter().rev().filter(|g| live.is_some() && **g > below));
    if order.is_empty() {
        return Err(PersistError::NotFound(id.into()));
    }
    let mut first_failure: Option<(u64, Unreadable)> = None;
    for g in order {
        match read_generation(store, id, g).await {
            Ok((workspace, env)) => {
                let head_revision = head.as_ref().map_or(0, |h| h.revision);
                // Saving over damaged data needs no question; over a newer app's data it does,
                // so the base revision stays below the head's and the next save conflicts.
                let newer = matches!(&first_failure, Some((_, u)) if u.reason == RecoveryReason::NewerVersion);
                let revision = if newer {
                    env.revision
                } else {
                    env.revision.max(head_revision)
                };
                let (recovered_from, unreadable_raw) = match first_failure {
                    Some((fg, u)) => (
                        Some(Recovery {
                            generation: fg,
                            reason: u.reason,
                            message: u.error.to_string(),
                        }),
                        Some(u.raw),
                    ),
                    None => (None, None),
                };
                return Ok(LoadOutcome {
                    workspace,
                    revision,
                    generation: g,
                    recovered_from,
                    unreadable_raw,
                    unexported: head
                        .as_ref()
                        .map(|h| h.unexported.clone())
                        .unwrap_or_default(),
                });
            }
            Err(ReadFailure::Store(e)) => return Err(e),
            Err(ReadFailure::Unreadable(u)) => {
                if first_failure.is_none() {
                    first_failure = Some((g, u));
                }
            }
        }
    }
    match first_failure {
        Some((_, u)) => Err(match u.error {
            e @ PersistError::NewerVersion { .. } => e.keeping_raw(|| u.raw),
            e => PersistError::Unreadable {
                reason: e.to_string(),
                raw: u.raw,
            },
        }),
        None => Err(PersistError::NotFound(id.into())),
    }
}

/// A workspace encoded and packed for saving, each chunk named by its content. The page
/// makes it from the open workspace in place, in steps ([`SnapshotSteps`]), and saves it
/// across awaits instead of copying a 100k-account workspace to hold it meanwhile.
pub struct Snapshot {
    pub(crate) name: String,
    accounts: usize,
    meta: PackedChunk,
    /// Each table's blocks, in [`Table::ALL`] order.
    blocks: [Vec<PackedChunk>; 4],
}

/// One chunk as stored: packed, with its content name and size in UTF-16 code units.
struct PackedChunk {
    name: String,
    text: String,
    chars: usize,
}

impl PackedChunk {
    fn of(json: &str) -> PackedChunk {
        let text = pack(json);
        PackedChunk {
            name: chunk_name(&text),
            chars: utf16_len(&text),
            text,
        }
    }
}

impl Snapshot {
    /// Encodes `ws`; fails on what cannot be stored (a NaN), before anything is written.
    pub fn of(ws: &Workspace) -> Result<Snapshot, PersistError> {
        let mut steps = SnapshotSteps::start(ws)?;
        while steps.step(ws, usize::MAX)? {}
        Ok(steps.finish(ws))
    }

    /// The chunks in payload order: the meta, then the blocks table by table.
    fn chunks(&self) -> impl Iterator<Item = &PackedChunk> {
        std::iter::once(&self.meta).chain(self.blocks.iter().flatten())
    }

    /// UTF-16 code units of the chunks without their keys: what a save takes at least.
    pub(crate) fn chunk_chars(&self) -> usize {
        self.chunks().map(|c| c.chars).sum()
    }
}

/// A [`Snapshot`] made a few blocks at a time ([`codec::Encoding`]), each block packed and
/// named as it is encoded, so saving a 100k-account workspace leaves the page free between
/// steps and little to do in the save itself. Every step must be given the workspace the
/// snapshot started from, unchanged.
pub struct SnapshotSteps {
    encoding: codec::Encoding,
    meta: PackedChunk,
    blocks: [Vec<PackedChunk>; 4],
}

impl SnapshotSteps {
    /// Encodes and packs the meta; the tables follow in steps.
    pub fn start(ws: &Workspace) -> Result<SnapshotSteps, PersistError> {
        let encoding = codec::Encoding::start(ws)?;
        Ok(SnapshotSteps {
            meta: PackedChunk::of(encoding.meta()),
            encoding,
            blocks: Default::default(),
        })
    }

    /// Encodes and packs whole blocks until at least `rows` rows are done or every table is;
    /// `true` while rows remain.
    pub fn step(&mut self, ws: &Workspace, rows: usize) -> Result<bool, PersistError> {
        let more = self.encoding.step(ws, rows)?;
        for (t, packed) in self.blocks.iter_mut().enumerate() {
            let texts = self.encoding.blocks(Table::ALL[t]);
            packed.extend(
                texts[packed.len()..]
                    .iter()
                    .map(|json| PackedChunk::of(json)),
            );
        }
        Ok(more)
    }

    /// The snapshot of `ws`; call once [`SnapshotSteps::step`] said no rows remain.
    pub fn finish(self, ws: &Workspace) -> Snapshot {
        Snapshot {
            name: ws.name.clone(),
            accounts: ws.accounts.len(),
            meta: self.meta,
            blocks: self.blocks,
        }
    }
}

/// Saves `ws` as workspace `id`, refusing with [`PersistError::Conflict`] when another tab
/// saved a newer revision since `ctx.base_revision`.
pub async fn save_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
) -> Result<SaveReceipt, PersistError> {
    save_generation(store, id, &Snapshot::of(ws)?, ctx, true).await
}

/// Saves `ws` as workspace `id` whatever another tab saved (the user chose "overwrite").
pub async fn save_overwrite_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
) -> Result<SaveReceipt, PersistError> {
    save_generation(store, id, &Snapshot::of(ws)?, ctx, false).await
}

/// Writes one key, giving up the backup generation once if the store is full.
async fn write<S: AsyncKeyValueStore>(
    store: &mut S,
    key: &str,
    text: &str,
    backup: &mut Option<Backup<'_>>,
    dropped: &mut bool,
) -> Result<(), StoreError> {
    match store.set(key, text).await {
        Err(StoreError::QuotaExceeded) => {
            if let Some(b) = backup.take() {
                drop_backup(store, b).await?;
                *dropped = true;
                return store.set(key, text).await;
            }
            Err(StoreError::QuotaExceeded)
        }
        other => other,
    }
}

/// The backup generation that may be given up when the store is full, and the chunks the
/// live and the new generation need, which must survive.
struct Backup<'a> {
    id: &'a str,
    generation: u64,
    needed: HashSet<String>,
}

async fn drop_backup<S: AsyncKeyValueStore>(
    store: &mut S,
    b: Backup<'_>,
) -> Result<(), StoreError> {
    let key = gen_key(b.id, b.generation);
    let Some(text) = store.get(&key).await? else {
        return Ok(());
    };
    let Ok(env) = parse_envelope(&text) else {
        // Unreadable data is never removed automatically.
        return Ok(());
    };
    store.remove(&key).await?;
    for name in chunk_refs(&env) {
        if !b.needed.contains(&name) {
            store.remove(&chunk_key(b.id, &name)).await?;
        }
    }
    Ok(())
}

pub(crate) async fn save_generation<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    snapshot: &Snapshot,
    ctx: &SaveContext<'_>,
    check_conflict: bool,
) -> Result<SaveReceipt, PersistError> {
    let keys = store.keys().await?;
    let head = peek_head_async(store, id).await?;
    if let Some(h) = &head {
        if check_conflict && h.revision > ctx.base_revision {
            return Err(PersistError::Conflict {
                stored_revision: h.revision,
                stored_writer: h.writer.clone(),
                base_revision: ctx.base_revision,
            });
        }
    }
    let (gens, existing) = scan(&keys, id);
    let live = head.as_ref().map(|h| h.generation);
    let generation = gens.iter().copied().chain(live).max().unwrap_or(0) + 1;
    let revision = head
        .as_ref()
        .map_or(0, |h| h.revision)
        .max(ctx.base_revision)
        + 1;
    let saved_at = ctx.now.to_rfc3339_opts(SecondsFormat::Millis, true);

    let plan = plan_chunks(id, snapshot);
    let manifest = envelope_text(
        FORMAT_VERSION,
        &saved_at,
        revision,
        ctx.writer,
        plan.payload,
    )?;
    let manifest_key = gen_key(id, generation);
    let to_write: Vec<(&str, &str, usize)> = plan
        .chunks
        .iter()
        .filter(|chunk| !existing.contains(chunk.name))
        .map(|chunk| (chunk.key.as_str(), chunk.text, chunk.chars))
        .collect();
    let needed_chars: usize = to_write.iter().map(|&(_, _, chars)| chars).sum::<usize>()
        + key_chars(&manifest_key, &manifest);

    // The backup may be given up for room only if it is not the live generation itself.
    let live_refs = match live {
        Some(g) => readable_refs(store, id, g).await?,
        None => Vec::new(),
    };
    let mut needed: HashSet<String> = plan.chunks.iter().map(|c| c.name.to_string()).collect();
    needed.extend(live_refs);
    let mut backup = head
        .as_ref()
        .and_then(|h| h.previous.filter(|p| Some(*p) != live))
        .map(|generation| Backup {
            id,
            generation,
            needed,
        });
    let mut dropped = false;

    let mut written: Vec<&str> = Vec::new();
    let mut writes: Vec<(&str, &str)> = to_write.iter().map(|&(k, t, _)| (k, t)).collect();
    writes.push((&manifest_key, &manifest));
    for &(key, text) in &writes {
        if let Err(e) = write(store, key, text, &mut backup, &mut dropped).await {
            rollback(store, &written).await;
            return Err(quota_with(e.into(), needed_chars));
        }
        written.push(key);
    }
    // Read back what was written: a store that silently truncated or mangled a value must
    // not become the live generation.
    for &(key, text) in &writes {
        match store.get(key).await {
            Ok(Some(back)) if back == text => {}
            Ok(_) => {
                rollback(store, &written).await;
                return Err(PersistError::Store(format!(
                    "{key} did not read back as written"
                )));
            }
            Err(e) => {
                rollback(store, &written).await;
                return Err(e.into());
            }
        }
    }

    let previous = match live {
        Some(g) if readable_manifest(store, id, g).await?.is_some() => Some(g),
        _ => None,
    };
    let live_chars = plan.chars + key_chars(&manifest_key, &manifest);
    let mut unexported = head
        .as_ref()
        .map(|h| h.unexported.clone())
        .unwrap_or_default();
    unexported.record_change(ctx.now);
    let info = HeadInfo {
        generation,
        previous,
        revision,
        writer: ctx.writer.to_string(),
        saved_at,
        name: snapshot.name.clone(),
        live_chars,
        accounts: snapshot.accounts,
        unexported: unexported.clone(),
    };
    let head_text = head_text(info)?;
    let head_key = head_key(id);
    let live_chars = live_chars + key_chars(&head_key, &head_text);
    // The single write that makes the new generation live.
    if let Err(e) = write(store, &head_key, &head_text, &mut backup, &mut dropped).await {
        rollback(store, &written).await;
        return Err(quota_with(e.into(), needed_chars));
    }
    // The new generation is live; retiring the old one is tidying, and a failure here leaves
    // only garbage that the next save removes.
    let keep: Vec<u64> = std::iter::once(generation).chain(previous).collect();
    let _ = retire(store, id, &keep).await;
    Ok(SaveReceipt {
        revision,
        generation,
        live_chars,
        written_chars: needed_chars + key_chars(&head_key, &head_text),
        chunks_written: to_write.len(),
        chunks_reused: plan.chunks.len() - to_write.len(),
        backup_dropped: dropped,
        unexported,
    })
}

/// Changes the backup-reminder state in workspace `id`'s head record (one write; the revision
/// stays, so no tab sees a conflict) and returns the new state.
pub(crate) async fn update_unexported<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    change: impl FnOnce(&mut BackupState),
) -> Result<BackupState, PersistError> {
    let mut info = peek_head_async(store, id)
        .await?
        .ok_or_else(|| PersistError::NotFound(id.into()))?;
    change(&mut info.unexported);
    let state = info.unexported.clone();
    store.set(&head_key(id), &head_text(info)?).await?;
    Ok(state)
}

fn quota_with(e: PersistError, needed_chars: usize) -> PersistError {
    match e {
        PersistError::QuotaExceeded { .. } => PersistError::QuotaExceeded { needed_chars },
        other => other,
    }
}

fn head_text(info: HeadInfo) -> Result<String, PersistError> {
    serde_json::to_string(&HeadDoc {
        format: HEAD_FORMAT.into(),
        version: 1,
        info,
    })
    .map_err(|e| PersistError::Malformed(e.to_string()))
}

/// The chunks of a snapshot and the payload that lists them.
struct ChunkPlan<'a> {
    /// In payload order, without duplicates.
    chunks: Vec<PlannedChunk<'a>>,
    payload: Value,
    /// UTF-16 code units of the chunks with their keys.
    chars: usize,
}

/// A chunk of a save: its content name, its store key, its packed text and the UTF-16 code
/// units of key and text.
struct PlannedChunk<'a> {
    name: &'a str,
    key: String,
    text: &'a str,
    chars: usize,
}

fn plan_chunks<'a>(id: &str, snapshot: &'a Snapshot) -> ChunkPlan<'a> {
    let mut chunks = Vec::new();
    let mut seen = HashSet::new();
    let mut chars = 0;
    let mut name_of = |chunk: &'a PackedChunk| {
        if seen.insert(chunk.name.as_str()) {
            let key = chunk_key(id, &chunk.name);
            let size = utf16_len(&key) + chunk.chars;
            chars += size;
            chunks.push(PlannedChunk {
                name: &chunk.name,
                key,
                text: &chunk.text,
                chars: size,
            });
        }
        Value::from(chunk.name.as_str())
    };
    let mut payload = serde_json::Map::new();
    payload.insert(
        "schema_version".into(),
        Value::from(crate::model::SCHEMA_VERSION),
    );
    payload.insert("meta".into(), name_of(&snapshot.meta));
    for (t, blocks) in Table::ALL.iter().zip(&snapshot.blocks) {
        let list: Vec<Value> = blocks.iter().map(&mut name_of).collect();
        payload.insert(t.name().into(), Value::Array(list));
    }
    ChunkPlan {
        chunks,
        payload: Value::Object(payload),
        chars,
    }
}

/// The manifest of generation `g` if it is ours, current or older, and intact.
async fn readable_manifest<S: AsyncKeyValueStore>(
    store: &S,
    id: &str,
    g: u64,
) -> Result<Option<Envelope>, StoreError> {
    Ok(store
        .get(&gen_key(id, g))
        .await?
        .and_then(|t| parse_envelope(&t).ok()))
}

async fn readable_refs<S: AsyncKeyValueStore>(
    store: &S,
    id: &str,
    g: u64,
) -> Result<Vec<String>, StoreError> {
    Ok(readable_manifest(store, id, g)
        .await?
        .map(|e| chunk_refs(&e))
        .unwrap_or_default())
}

/// Removes the generations not in `keep` that are ours and intact (their own chunks checked
/// before removal), then every chunk no remaining manifest refers to. Unreadable or newer
/// data is left for the user to download or discard.
async fn retire<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
    keep: &[u64],
) -> Result<(), StoreError> {
    let keys = store.keys().await?;
    let (gens, chunks) = scan(&keys, id);
    let mut referenced: HashSet<String> = HashSet::new();
    let mut candidates = Vec::new();
    for g in &gens {
        match readable_manifest(store, id, *g).await? {
            Some(env) if !keep.contains(g) => candidates.push((*g, env)),
            Some(env) => referenced.extend(chunk_refs(&env)),
            None => {}
        }
    }
    for (g, env) in candidates {
        let mut intact = true;
        for name in chunk_refs(&env).iter().filter(|n| !referenced.contains(*n)) {
            let text = store.get(&chunk_key(id, name)).await?;
            intact &= text.is_some_and(|t| chunk_name(&t) == *name);
        }
        if intact {
            store.remove(&gen_key(id, g)).await?;
        } else {
            referenced.extend(chunk_refs(&env));
        }
    }
    for name in chunks.iter().filter(|n| !referenced.contains(*n)) {
        store.remove(&chunk_key(id, name)).await?;
    }
    Ok(())
}

/// Best-effort removal of a failed save's writes; whatever stays is unreferenced garbage that
/// the next successful save removes.
async fn rollback<S: AsyncKeyValueStore>(store: &mut S, written: &[&str]) {
    for key in written {
        if store.remove(key).await.is_err() {
            return;
        }
    }
}

/// Removes every generation of workspace `id` that cannot be loaded (after the user downloaded
/// or dismissed it), and the chunks only they held.
pub async fn discard_unreadable_async<S: AsyncKeyValueStore>(
    store: &mut S,
    id: &str,
) -> Result<usize, PersistError> {
    let keys = store.keys().await?;
    let (gens, _) = scan(&keys, id);
    let mut removed = 0;
    for g in gens {
        match read_generation(store, id, g).await {
            Ok(_) => {}
            Err(ReadFailure::Store(e)) => return Err(e),
            Err(ReadFailure::Unreadable(_)) => {
                store.remove(&gen_key(id, g)).await?;
                removed += 1;
            }
        }
    }
    let head = peek_head_async(store, id).await?;
    let keep: Vec<u64> = head
        .iter()
        .flat_map(|h| [Some(h.generation), h.previous])
        .flatten()
        .collect();
    retire(store, id, &keep).await?;
    Ok(removed)
}

/// How many UTF-16 code units workspace `id` occupies, and where they go.
pub async fn stored_size_async<S: AsyncKeyValueStore>(
    store: &S,
    id: &str,
) -> Result<StoredSize, PersistError> {
    let keys = store.keys().await?;
    let head = peek_head_async(store, id).await?;
    let live_refs: HashSet<String> = match &head {
        Some(h) => readable_refs(store, id, h.generation)
            .await?
            .into_iter()
            .collect(),
        None => HashSet::new(),
    };
    let backup_refs: HashSet<String> = match head.as_ref().and_then(|h| h.previous) {
        Some(p) => readable_refs(store, id, p).await?.into_iter().collect(),
        None => HashSet::new(),
    };
    let prefix = ws_prefix(id);
    let mut size = StoredSize::default();
    for key in keys.iter().filter(|k| k.starts_with(&prefix)) {
        let chars = store.get(key).await?.map_or(0, |v| key_chars(key, &v));
        let rest = &key[prefix.len()..];
        let generation = rest.strip_prefix("g.").and_then(|g| g.parse::<u64>().ok());
        let chunk = rest.strip_prefix("c.");
        let is_live = rest == "head"
            || (generation.is_some() && generation == head.as_ref().map(|h| h.generation))
            || chunk.is_some_and(|c| live_refs.contains(c));
        let is_backup = (generation.is_some()
            && generation == head.as_ref().and_then(|h| h.previous))
            || chunk.is_some_and(|c| backup_refs.contains(c));
        size.total_chars += chars;
        if is_live {
            size.live_chars += chars;
        } else if is_backup {
            size.backup_chars += chars;
        } else {
            size.other_chars += chars;
        }
    }
    Ok(size)
}

/// UTF-16 code units of everything this app stores (all keys under [`APP_PREFIX`]), for
/// "localStorage: 3.2 MB of ~5 MB" (a code unit is two bytes).
pub async fn storage_usage_async<S: AsyncKeyValueStore>(store: &S) -> Result<usize, PersistError> {
    let mut total = 0;
    for key in store
        .keys()
        .await?
        .iter()
        .filter(|k| k.starts_with(APP_PREFIX))
    {
        total += store.get(key).await?.map_or(0, |v| key_chars(key, &v));
    }
    Ok(total)
}

/// UTF-16 code units a first save of `ws` would take (chunks, manifest and head with keys), to
/// choose between localStorage and IndexedDB before saving.
pub fn encoded_size(ws: &Workspace) -> Result<usize, PersistError> {
    let id = "w0000000000";
    let snapshot = Snapshot::of(ws)?;
    let plan = plan_chunks(id, &snapshot);
    let manifest = envelope_text(
        FORMAT_VERSION,
        "2000-01-01T00:00:00.000Z",
        1,
        "tab",
        plan.payload,
    )?;
    // The head record is about 200 characters; counted so the figure matches what is stored.
    Ok(plan.chars + key_chars(&gen_key(id, 1), &manifest) + 200)
}

/// A read-only view for the synchronous load functions; they never write.
pub(crate) struct ReadOnly<'a, S: ?Sized>(pub(crate) &'a S);

impl<S: KeyValueStore + ?Sized> AsyncKeyValueStore for ReadOnly<'_, S> {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get(key)
    }
    async fn set(&mut self, _: &str, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Other("read-only view".into()))
    }
    async fn remove(&mut self, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Other("read-only view".into()))
    }
    async fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.0.keys()
    }
}

/// [`load_async`] over a synchronous store.
pub fn load<S: KeyValueStore + ?Sized>(store: &S, id: &str) -> Result<LoadOutcome, PersistError> {
    run_ready(load_async(&ReadOnly(store), id))
}

/// [`save_async`] over a synchronous store.
pub fn save<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
) -> Result<SaveReceipt, PersistError> {
    run_ready(save_async(&mut Blocking(store), id, ws, ctx))
}

/// [`save_overwrite_async`] over a synchronous store.
pub fn save_overwrite<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
    ws: &Workspace,
    ctx: &SaveContext<'_>,
) -> Result<SaveReceipt, PersistError> {
    run_ready(save_overwrite_async(&mut Blocking(store), id, ws, ctx))
}

/// [`peek_head_async`] over a synchronous store.
pub fn peek_head<S: KeyValueStore + ?Sized>(
    store: &S,
    id: &str,
) -> Result<Option<HeadInfo>, PersistError> {
    run_ready(peek_head_async(&ReadOnly(store), id))
}

/// [`discard_unreadable_async`] over a synchronous store.
pub fn discard_unreadable<S: KeyValueStore + ?Sized>(
    store: &mut S,
    id: &str,
) -> Result<usize, PersistError> {
    run_ready(discard_unreadable_async(&mut Blocking(store), id))
}

/// [`stored_size_async`] over a synchronous store.
pub fn stored_size<S: KeyValueStore + ?Sized>(
    store: &S,
    id: &str,
) -> Result<StoredSize, PersistError> {
    run_ready(stored_size_async(&ReadOnly(store), id))
}

/// [`storage_usage_async`] over a synchronous store.
pub fn storage_usage<S: KeyValueStore + ?Sized>(store: &S) -> Result<usize, PersistError> {
    run_ready(storage_usage_async(&ReadOnly(store)))
}
