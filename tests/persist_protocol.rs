//! The save protocol over a fake store: quota, corruption, newer data, crashes at every
//! write, two tabs, unavailable storage.

#[allow(dead_code)] // Each test file uses a different part of the shared support.
#[path = "fixtures/persist/support.rs"]
mod support;

use std::collections::BTreeMap;

use kam_radar::model::{Account, Input, Workspace};
use kam_radar::persist::{
    head_key, load, peek_head, save, save_overwrite, storage_usage, stored_size, KeyValueStore,
    MemoryStore, PersistError, RecoveryReason, StoreError,
};
use proptest::prelude::*;
use support::ctx;

const ID: &str = "w1";

fn edited(ws: &Workspace, tag: &str) -> Workspace {
    let mut ws = ws.clone();
    ws.accounts.push(
        Account::new(format!("new-{tag}"), format!("新客户{tag}"))
            .with("annual_sales", Input::Number(42.5)),
    );
    if let Some(a) = ws.accounts.first_mut() {
        a.name = format!("{} ({tag})", a.name);
    }
    ws
}

#[test]
fn a_saved_workspace_loads_back_and_a_second_save_writes_only_what_changed() {
    let mut store = MemoryStore::new();
    let ws = support::realistic(1_000);
    let first = save(&mut store, ID, &ws, &ctx("tab-a", 0)).unwrap();
    let out = load(&store, ID).unwrap();
    assert_eq!(out.workspace, ws);
    assert_eq!(out.revision, first.revision);
    assert_eq!(out.recovered_from, None);

    let mut changed = ws.clone();
    changed.accounts[500].name = "改名后的客户".into();
    let second = save(&mut store, ID, &changed, &ctx("tab-a", first.revision)).unwrap();
    eprintln!(
        "first save wrote {} chars in {} chunks; an edit of one account wrote {} chars ({} chunks, {} reused)",
        first.written_chars, first.chunks_written, second.written_chars, second.chunks_written, second.chunks_reused
    );
    assert!(second.chunks_written <= 2, "{second:?}");
    assert!(second.written_chars * 10 < first.written_chars);
    assert_eq!(load(&store, ID).unwrap().workspace, changed);
    let size = stored_size(&store, ID).unwrap();
    assert_eq!(size.live_chars, second.live_chars);
    assert!(
        size.backup_chars > 0 && size.backup_chars * 10 < size.live_chars,
        "{size:?}"
    );
    assert_eq!(size.other_chars, 0);
    assert_eq!(storage_usage(&store).unwrap(), size.total_chars);
}

#[test]
fn a_full_store_refuses_the_save_and_keeps_the_previous_state() {
    let ws = support::realistic(300);
    let mut store = MemoryStore::new();
    save(&mut store, ID, &ws, &ctx("a", 0)).unwrap();
    let before = store.entries().clone();
    store.set_quota(Some(store.used() + 500));
    let bigger = support::realistic(600);
    match save(&mut store, ID, &bigger, &ctx("a", 1)) {
        Err(PersistError::QuotaExceeded { needed_chars }) => assert!(needed_chars > 500),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.entries(), &before, "nothing changed");
    assert_eq!(load(&store, ID).unwrap().workspace, ws);
}

#[test]
fn when_full_the_backup_generation_makes_room_for_the_new_one() {
    let ws = support::realistic(300);
    let mut store = MemoryStore::new();
    let r1 = save(&mut store, ID, &ws, &ctx("a", 0)).unwrap();
    let ws2 = edited(&ws, "2");
    let r2 = save(&mut store, ID, &ws2, &ctx("a", r1.revision)).unwrap();
    // Exactly the room of the live generation and a little: the backup must go for a third.
    store.set_quota(Some(store.used() + 200));
    let ws3 = edited(&ws2, "3");
    let r3 = save(&mut store, ID, &ws3, &ctx("a", r2.revision)).unwrap();
    assert!(r3.backup_dropped);
    assert_eq!(load(&store, ID).unwrap().workspace, ws3);
}

#[test]
fn a_corrupt_head_generation_falls_back_and_is_kept_for_download() {
    let ws1 = support::realistic(200);
    let ws2 = edited(&ws1, "2");
    let mut store = MemoryStore::new();
    let r1 = save(&mut store, ID, &ws1, &ctx("a", 0)).unwrap();
    let r2 = save(&mut store, ID, &ws2, &ctx("a", r1.revision)).unwrap();
    // Damage a chunk only the newest generation has.
    let before: Vec<String> = store.keys().unwrap();
    let head = peek_head(&store, ID).unwrap().unwrap();
    let manifest = store
        .get(&format!("kam-radar.ws.{ID}.g.{}", head.generation))
        .unwrap()
        .unwrap();
    let older = store
        .get(&format!("kam-radar.ws.{ID}.g.{}", r1.generation))
        .unwrap()
        .unwrap();
    let victim = before
        .iter()
        .filter(|k| k.contains(".c."))
        .find(|k| manifest.contains(&k[k.len() - 16..]) && !older.contains(&k[k.len() - 16..]))
        .cloned()
        .unwrap();
    let damaged = store
        .get(&victim)
        .unwrap()
        .unwrap()
        .replacen('\u{3401}', "\u{3402}", 1)
        + "\u{3400}";
    store.set(&victim, &damaged).unwrap();

    let out = load(&store, ID).unwrap();
    let recovery = out.recovered_from.clone().unwrap();
    assert_eq!(recovery.reason, RecoveryReason::Corrupt);
    assert_eq!(recovery.generation, r2.generation);
    assert_eq!(out.workspace, ws1);
    let raw = out.unreadable_raw.clone().unwrap();
    assert!(raw.contains(&victim));
    // Saving over damaged data needs no question, and the damaged generation is kept.
    let r3 = save(
        &mut store,
        ID,
        &edited(&out.workspace, "3"),
        &ctx("a", out.revision),
    )
    .unwrap();
    assert!(r3.revision > r2.revision);
    assert_eq!(
        store.get(&victim).unwrap().as_deref(),
        Some(damaged.as_str())
    );
    assert!(store
        .get(&format!("kam-radar.ws.{ID}.g.{}", r2.generation))
        .unwrap()
        .is_some());
    // Until the user discards it.
    assert_eq!(
        kam_radar::persist::discard_unreadable(&mut store, ID).unwrap(),
        1
    );
    assert!(store.get(&victim).unwrap().is_none());
    assert_eq!(
        load(&store, ID).unwrap().workspace,
        edited(&out.workspace, "3")
    );
}

#[test]
fn a_generation_from_a_newer_version_is_kept_and_saving_over_it_asks_first() {
    let ws = support::realistic(20);
    let mut store = MemoryStore::new();
    let r1 = save(&mut store, ID, &ws, &ctx("a", 0)).unwrap();
    // A newer app saved generation 7 and moved the head to it.
    let newer = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/persist/stored-v9.json"
    ))
    .unwrap();
    store
        .set(&format!("kam-radar.ws.{ID}.g.7"), &newer)
        .unwrap();
    let head = format!(
        r#"{{"format":"kam-radar-head","version":1,"generation":7,"previous":{},"revision":99,"writer":"tab-future","saved_at":"2031-01-01T00:00:00.000Z","live_chars":0,"accounts":0}}"#,
        r1.generation
    );
    store.set(&head_key(ID), &head).unwrap();

    let out = load(&store, ID).unwrap();
    assert_eq!(out.workspace, ws);
    assert_eq!(
        out.recovered_from.as_ref().unwrap().reason,
        RecoveryReason::NewerVersion
    );
    assert!(out
        .unreadable_raw
        .as_ref()
        .unwrap()
        .contains("whatever the future holds"));
    assert!(matches!(
        save(&mut store, ID, &ws, &ctx("a", out.revision)),
        Err(PersistError::Conflict {
            stored_revision: 99,
            ..
        })
    ));
    let r = save_overwrite(&mut store, ID, &edited(&ws, "x"), &ctx("a", out.revision)).unwrap();
    assert_eq!(r.revision, 100);
    assert_eq!(
        store.get(&format!("kam-radar.ws.{ID}.g.7")).unwrap(),
        Some(newer),
        "kept"
    );
}

#[test]
fn only_unreadable_data_is_an_error_with_its_raw_text() {
    let mut store = MemoryStore::new();
    store
        .set(&format!("kam-radar.ws.{ID}.g.1"), "{ not json")
        .unwrap();
    match load(&store, ID) {
        Err(e @ PersistError::Unreadable { .. }) => assert!(e.raw().unwrap().contains("not json")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        load(&store, "nope"),
        Err(PersistError::NotFound(_))
    ));
}

#[test]
fn a_second_tab_saving_first_makes_this_tab_s_save_a_conflict() {
    let ws = support::realistic(10);
    let mut store = MemoryStore::new();
    let r1 = save(&mut store, ID, &ws, &ctx("tab-a", 0)).unwrap();
    // Tab B loads and saves; tab A still works from revision r1.
    let b = load(&store, ID).unwrap();
    let rb = save(
        &mut store,
        ID,
        &edited(&b.workspace, "b"),
        &ctx("tab-b", b.revision),
    )
    .unwrap();
    assert_eq!(
        peek_head(&store, ID).unwrap().unwrap().revision,
        rb.revision
    );
    match save(
        &mut store,
        ID,
        &edited(&ws, "a"),
        &ctx("tab-a", r1.revision),
    ) {
        Err(PersistError::Conflict {
            stored_revision,
            stored_writer,
            base_revision,
        }) => {
            assert_eq!(
                (stored_revision, stored_writer.as_str(), base_revision),
                (rb.revision, "tab-b", r1.revision)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        load(&store, ID).unwrap().workspace,
        edited(&b.workspace, "b")
    );
    let ra = save_overwrite(
        &mut store,
        ID,
        &edited(&ws, "a"),
        &ctx("tab-a", r1.revision),
    )
    .unwrap();
    assert!(ra.revision > rb.revision);
    assert_eq!(load(&store, ID).unwrap().workspace, edited(&ws, "a"));
}

/// A store that is unavailable, as localStorage is in some private modes.
struct NoStorage;

impl KeyValueStore for NoStorage {
    fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
        Err(StoreError::Unavailable)
    }
    fn set(&mut self, _: &str, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
    fn remove(&mut self, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Err(StoreError::Unavailable)
    }
}

#[test]
fn unavailable_storage_is_reported_so_the_app_can_work_in_memory() {
    let ws = support::realistic(5);
    let mut none = NoStorage;
    assert!(matches!(load(&none, ID), Err(PersistError::Unavailable)));
    let err = save(&mut none, ID, &ws, &ctx("a", 0)).unwrap_err();
    assert!(matches!(err, PersistError::Unavailable));
    assert!(err.to_string().contains("working in memory"));
    // The shell's fallback: the same protocol over memory.
    let mut memory = MemoryStore::new();
    save(&mut memory, ID, &ws, &ctx("a", 0)).unwrap();
    assert_eq!(load(&memory, ID).unwrap().workspace, ws);
}

/// A store that dies after `writes_left` writes: every later operation fails, as if the tab
/// had been closed mid-save.
struct Crashing {
    inner: MemoryStore,
    writes_left: usize,
    writes: usize,
}

impl Crashing {
    fn alive(&self) -> Result<(), StoreError> {
        if self.writes >= self.writes_left {
            Err(StoreError::Other("crashed".into()))
        } else {
            Ok(())
        }
    }
}

impl KeyValueStore for Crashing {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.alive()?;
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.alive()?;
        self.writes += 1;
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.alive()?;
        self.writes += 1;
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.alive()?;
        self.inner.keys()
    }
}

fn crash_everywhere(
    old: &Workspace,
    new: &Workspace,
    history: &[Workspace],
) -> Result<(), TestCaseError> {
    let mut base = MemoryStore::new();
    let mut rev = 0;
    for ws in history.iter().chain([old]) {
        rev = save(&mut base, ID, ws, &ctx("a", rev)).unwrap().revision;
    }
    let mut full = Crashing {
        inner: base.clone(),
        writes_left: usize::MAX,
        writes: 0,
    };
    save(&mut full, ID, new, &ctx("a", rev)).unwrap();
    let total = full.writes;
    for n in 0..=total {
        let mut store = Crashing {
            inner: base.clone(),
            writes_left: n,
            writes: 0,
        };
        let _ = save(&mut store, ID, new, &ctx("a", rev));
        let got = load(&store.inner, ID).unwrap().workspace;
        prop_assert!(
            got == *old || got == *new,
            "after {} of {} writes: a mix",
            n,
            total
        );
        // And the next save from there succeeds and tidies up.
        let mut after = store.inner;
        let base_rev = load(&after, ID).unwrap().revision;
        save(&mut after, ID, new, &ctx("a", base_rev)).unwrap();
        prop_assert_eq!(&load(&after, ID).unwrap().workspace, new);
        prop_assert_eq!(stored_size(&after, ID).unwrap().other_chars, 0);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_crash_between_any_two_writes_leaves_the_old_or_the_new_workspace(
        old in support::workspace(),
        new in support::workspace(),
        history in prop::collection::vec(support::workspace(), 0..3),
    ) {
        crash_everywhere(&old, &new, &history)?;
    }
}

#[test]
fn a_crash_at_every_write_of_a_realistic_edit_leaves_old_or_new() {
    let old = support::realistic(400);
    let mut new = edited(&old, "n");
    new.accounts.remove(100);
    new.stakeholders.truncate(900);
    new.column_mappings =
        BTreeMap::from([("crm".to_string(), serde_json::json!({"名称": "name"}))]);
    crash_everywhere(&old, &new, &[edited(&old, "h")]).unwrap();
}
