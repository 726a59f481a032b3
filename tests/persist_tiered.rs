//! Two stores as one: a workspace that no longer fits the small store (localStorage) moves
//! whole to the large one (IndexedDB), every workspace function works across both, and a move
//! cut short by a closed tab never loses the workspace.

#[allow(dead_code)] // Each test file uses a different part of the shared support.
#[path = "fixtures/persist/support.rs"]
mod support;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use kam_radar::model::Workspace;
use kam_radar::persist::workspaces::{delete_async, list_async, purge_async, switch_async};
use kam_radar::persist::{
    create_placed, head_key, load_async, save_placed, storage_usage, Blocking, KeyValueStore,
    MemoryStore, PersistError, StoreError, Tier, Tiered, LOCAL_STORAGE_QUOTA_CHARS,
};
use support::{at, ctx, realistic};

/// Runs a future whose every await is ready (the stores here are in memory).
fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

type Store<'a> = Tiered<Blocking<'a, MemoryStore>, Blocking<'a, MemoryStore>>;

fn open<'a>(small: &'a mut MemoryStore, large: Option<&'a mut MemoryStore>) -> Store<'a> {
    run(Tiered::open(Blocking(small), large.map(Blocking))).unwrap()
}

fn ws_keys(store: &MemoryStore, id: &str) -> usize {
    let prefix = format!("kam-radar.ws.{id}.");
    store
        .keys()
        .unwrap()
        .iter()
        .filter(|k| k.starts_with(&prefix))
        .count()
}

#[test]
fn a_workspace_that_does_not_fit_moves_to_the_large_store_and_loads_from_there() {
    // A small store of 400k characters: room for a few hundred accounts, not 3,000.
    let mut small = MemoryStore::with_quota(400_000);
    let mut large = MemoryStore::new();
    let mut store = open(&mut small, Some(&mut large));
    let (little, _) = run(create_placed(&mut store, &realistic(50), &ctx("t", 0))).unwrap();
    assert_eq!(store.tier(&little), Tier::Small);

    let big = realistic(3_000);
    let (id, receipt) = run(create_placed(&mut store, &big, &ctx("t", 1))).unwrap();
    assert_eq!(store.tier(&id), Tier::Large);
    let out = run(load_async(&store, &id)).unwrap();
    assert_eq!(out.workspace, big);
    assert_eq!(out.revision, receipt.revision);
    // Both are listed, the big one current.
    let rows = run(list_async(&store)).unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[1].current && rows[1].id == id && rows[1].accounts == 3_000);
    drop(store);
    assert_eq!(
        ws_keys(&small, &id),
        0,
        "nothing of it is left in the small store"
    );
    assert!(ws_keys(&large, &id) > 10);
    assert_eq!(ws_keys(&large, &little), 0);
    assert!(
        small.get("kam-radar.index").unwrap().is_some(),
        "the index stays small"
    );

    // Opened again (a reload), it is found where it is and saves there.
    let mut store = open(&mut small, Some(&mut large));
    assert_eq!(store.tier(&id), Tier::Large);
    let mut edited = big.clone();
    edited.accounts[7].name = "改名".into();
    let again = run(save_placed(
        &mut store,
        &id,
        &edited,
        &ctx("t", receipt.revision),
        false,
    ));
    assert!(
        again.unwrap().chunks_written <= 2,
        "an edit writes what changed"
    );
    assert_eq!(run(load_async(&store, &id)).unwrap().workspace, edited);
}

#[test]
fn a_workspace_in_the_small_store_moves_when_a_save_no_longer_fits() {
    let mut small = MemoryStore::with_quota(500_000);
    let mut large = MemoryStore::new();
    let mut store = open(&mut small, Some(&mut large));
    let ws = realistic(2_000);
    let (id, first) = run(create_placed(&mut store, &ws, &ctx("t", 0))).unwrap();
    assert_eq!(store.tier(&id), Tier::Small);
    // Every row changes: the new generation cannot sit beside the old one.
    let mut rewritten = ws.clone();
    for a in &mut rewritten.accounts {
        a.notes = "重新导入".into();
    }
    let second = run(save_placed(
        &mut store,
        &id,
        &rewritten,
        &ctx("t", first.revision),
        false,
    ))
    .unwrap();
    assert_eq!(store.tier(&id), Tier::Large);
    assert_eq!(
        second.revision,
        first.revision + 1,
        "the same workspace, one revision on"
    );
    assert_eq!(run(load_async(&store, &id)).unwrap().workspace, rewritten);
    drop(store);
    assert_eq!(ws_keys(&small, &id), 0);
}

#[test]
fn without_a_large_store_a_save_that_does_not_fit_fails_and_keeps_the_last_save() {
    let mut small = MemoryStore::with_quota(500_000);
    let mut store = open(&mut small, None);
    let ws = realistic(2_000);
    let (id, first) = run(create_placed(&mut store, &ws, &ctx("t", 0))).unwrap();
    let mut rewritten = ws.clone();
    for a in &mut rewritten.accounts {
        a.notes = "重新导入".into();
    }
    let failed = run(save_placed(
        &mut store,
        &id,
        &rewritten,
        &ctx("t", first.revision),
        false,
    ));
    assert!(
        matches!(failed, Err(PersistError::QuotaExceeded { .. })),
        "{failed:?}"
    );
    assert_eq!(run(load_async(&store, &id)).unwrap().workspace, ws);
}

/// 700 accounts with 4,000 characters of notes each: over the IndexedDB threshold, quickly.
fn over_the_threshold() -> Workspace {
    let mut ws = realistic(700);
    for (i, a) in ws.accounts.iter_mut().enumerate() {
        a.notes = format!("{i}")
            .chars()
            .chain("会议纪要".chars().cycle().take(4_000))
            .collect();
    }
    ws
}

#[test]
fn a_workspace_too_big_to_share_local_storage_is_kept_in_the_large_store() {
    let mut small = MemoryStore::new(); // no quota: only the size rule can move it
    let mut large = MemoryStore::new();
    let mut store = open(&mut small, Some(&mut large));
    let ws = over_the_threshold();
    let (id, receipt) = run(create_placed(&mut store, &ws, &ctx("t", 0))).unwrap();
    assert!(receipt.live_chars > kam_radar::persist::INDEXED_DB_THRESHOLD_CHARS);
    assert!(receipt.live_chars < LOCAL_STORAGE_QUOTA_CHARS);
    assert_eq!(store.tier(&id), Tier::Large);
    drop(store);
    assert!(
        storage_usage(&small).unwrap() < 1_000,
        "only the index is left"
    );
}

/// A store that counts the characters written to it, to see where a save went.
#[derive(Default)]
struct Counting {
    inner: MemoryStore,
    written_chars: usize,
}

impl KeyValueStore for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.written_chars += key.len() + value.chars().count();
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

#[test]
fn a_workspace_known_to_be_too_big_is_saved_straight_into_the_large_store() {
    // Writing megabytes to localStorage only to move them holds the page for nothing.
    let mut small = Counting::default();
    let mut large = MemoryStore::new();
    let mut store = run(Tiered::open(
        Blocking(&mut small),
        Some(Blocking(&mut large)),
    ))
    .unwrap();
    let ws = over_the_threshold();
    let (id, receipt) = run(create_placed(&mut store, &ws, &ctx("t", 0))).unwrap();
    assert!(receipt.live_chars > kam_radar::persist::INDEXED_DB_THRESHOLD_CHARS);
    assert_eq!(store.tier(&id), Tier::Large);
    assert_eq!(run(load_async(&store, &id)).unwrap().workspace, ws);
    drop(store);
    assert!(
        small.written_chars < 1_000,
        "{} characters went through the small store",
        small.written_chars
    );
}

#[test]
fn switch_delete_and_purge_work_across_both_stores() {
    let mut small = MemoryStore::with_quota(400_000);
    let mut large = MemoryStore::new();
    let mut store = open(&mut small, Some(&mut large));
    let (a, _) = run(create_placed(&mut store, &realistic(20), &ctx("t", 0))).unwrap();
    let (b, _) = run(create_placed(&mut store, &realistic(3_000), &ctx("t", 1))).unwrap();
    run(switch_async(&mut store, &a)).unwrap();
    run(delete_async(&mut store, &b, at(5))).unwrap();
    run(purge_async(&mut store, &b)).unwrap();
    assert_eq!(run(list_async(&store)).unwrap().len(), 1);
    drop(store);
    assert_eq!(
        ws_keys(&large, &b),
        0,
        "a purge removes every key from the large store"
    );
    assert!(ws_keys(&small, &a) > 0);
}

#[test]
fn a_move_cut_short_leaves_the_workspace_whole_in_one_store() {
    let mut small = MemoryStore::new();
    let mut large = MemoryStore::new();
    let ws = realistic(100);
    let (id, _) = {
        let mut store = open(&mut small, Some(&mut large));
        run(create_placed(&mut store, &ws, &ctx("t", 0))).unwrap()
    };
    let keys: Vec<String> = small
        .keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(&format!("kam-radar.ws.{id}.")))
        .collect();
    let head = head_key(&id);

    // Cut short while copying: the large store has some chunks but not the head.
    for k in keys.iter().filter(|k| **k != head).take(2) {
        large.set(k, &small.get(k).unwrap().unwrap()).unwrap();
    }
    {
        let mut store = open(&mut small, Some(&mut large));
        assert_eq!(store.tier(&id), Tier::Small, "the partial copy is not used");
        assert_eq!(run(load_async(&store, &id)).unwrap().workspace, ws);
        assert_eq!(run(list_async(&store)).unwrap().len(), 1);
        // Moving again writes over it.
        run(store.move_to_large(&id)).unwrap();
        assert_eq!(store.tier(&id), Tier::Large);
        assert_eq!(run(load_async(&store, &id)).unwrap().workspace, ws);
    }
    assert_eq!(ws_keys(&small, &id), 0);
    // Back to the state before the move, to cut the next one short later.
    for k in &keys {
        small.set(k, &large.get(k).unwrap().unwrap()).unwrap();
        large.remove(k).unwrap();
    }

    // Cut short while removing: everything copied, the small store's head already gone.
    for k in &keys {
        large.set(k, &small.get(k).unwrap().unwrap()).unwrap();
    }
    small.remove(&head).unwrap();
    {
        let store = open(&mut small, Some(&mut large));
        assert_eq!(store.tier(&id), Tier::Large);
        assert_eq!(run(load_async(&store, &id)).unwrap().workspace, ws);
    }
    assert_eq!(
        ws_keys(&small, &id),
        0,
        "the small store's leftovers are removed"
    );
}
