//! Several workspaces: create, rename, duplicate, delete with undo, purge, switch, delete all,
//! the backup reminder kept with each, and the demo's choice of workspace.

#[allow(dead_code)] // Each test file uses a different part of the shared support.
#[path = "fixtures/persist/support.rs"]
mod support;

use kam_radar::model::Workspace;
use kam_radar::persist::backup::{REMIND_AFTER_CHANGES, REMIND_AFTER_EDIT_MS};
use kam_radar::persist::{
    create, delete, delete_all_data, dismiss_reminder, duplicate, list, load, mark_exported,
    peek_head, purge, purge_expired, read_index, rename, restore, save, switch, unique_name,
    BackupState, KeyValueStore, MemoryStore, PersistError, UNDO_SECONDS,
};
use support::{at, ctx};

fn named(name: &str, accounts: usize) -> Workspace {
    Workspace {
        name: name.into(),
        ..support::realistic(accounts)
    }
}

#[test]
fn workspaces_are_created_listed_renamed_duplicated_and_switched() {
    let mut store = MemoryStore::new();
    let (a, _) = create(&mut store, &named("华东", 30), &ctx("t", 0)).unwrap();
    let (b, _) = create(&mut store, &named("华南", 5), &ctx("t", 1)).unwrap();
    assert_ne!(a, b);
    let rows = list(&store).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["华东", "华南"]
    );
    assert!(
        rows[1].current && !rows[0].current,
        "a new workspace becomes current"
    );
    assert_eq!(rows[0].accounts, 30);
    assert!(rows[0].live_chars > rows[1].live_chars);
    assert!(rows[0].modified.is_some());

    rename(&mut store, &a, "华东重点客户", &ctx("t", 2)).unwrap();
    assert_eq!(load(&store, &a).unwrap().workspace.name, "华东重点客户");
    assert_eq!(list(&store).unwrap()[0].name, "华东重点客户");

    let (c, _) = duplicate(&mut store, &a, "华东 副本", &ctx("t", 3)).unwrap();
    let copy = load(&store, &c).unwrap().workspace;
    assert_eq!(copy.name, "华东 副本");
    assert_eq!(copy.accounts, load(&store, &a).unwrap().workspace.accounts);
    assert_eq!(
        read_index(&store).unwrap().current.as_deref(),
        Some(c.as_str())
    );

    switch(&mut store, &a).unwrap();
    assert_eq!(
        read_index(&store).unwrap().current.as_deref(),
        Some(a.as_str())
    );
    assert!(matches!(
        switch(&mut store, "missing"),
        Err(PersistError::NotFound(_))
    ));
}

#[test]
fn a_deleted_workspace_can_be_restored_until_it_is_purged() {
    let mut store = MemoryStore::new();
    let (a, _) = create(&mut store, &named("甲", 10), &ctx("t", 0)).unwrap();
    let (b, _) = create(&mut store, &named("乙", 10), &ctx("t", 1)).unwrap();
    let trashed = delete(&mut store, &b, at(5)).unwrap();
    assert_eq!((trashed.name.as_str(), trashed.was_current), ("乙", true));
    let index = read_index(&store).unwrap();
    assert_eq!(
        index.current.as_deref(),
        Some(a.as_str()),
        "the current one moves off the trash"
    );
    assert!(list(&store).unwrap()[1].trashed_at.is_some());
    assert!(matches!(
        switch(&mut store, &b),
        Err(PersistError::Invalid(_))
    ));
    // Undo: back in its place, current again, its data untouched.
    restore(&mut store, &trashed).unwrap();
    let rows = list(&store).unwrap();
    assert!(rows[1].trashed_at.is_none() && rows[1].current && rows[1].id == b);
    assert_eq!(load(&store, &b).unwrap().workspace, named("乙", 10));
    assert!(matches!(
        restore(&mut store, &trashed),
        Err(PersistError::Invalid(_))
    ));
    // For good.
    delete(&mut store, &b, at(6)).unwrap();
    purge(&mut store, &b).unwrap();
    assert_eq!(list(&store).unwrap().len(), 1);
    assert!(store
        .keys()
        .unwrap()
        .iter()
        .all(|k| !k.contains(&format!(".{b}."))));
    assert!(matches!(load(&store, &b), Err(PersistError::NotFound(_))));
}

#[test]
fn a_workspace_without_an_index_entry_is_found_again() {
    let mut store = MemoryStore::new();
    let (a, _) = create(&mut store, &named("丢失的索引", 3), &ctx("t", 0)).unwrap();
    store.remove("kam-radar.index").unwrap();
    let rows = list(&store).unwrap();
    assert_eq!(
        (rows[0].id.as_str(), rows[0].name.as_str()),
        (a.as_str(), "丢失的索引")
    );
    switch(&mut store, &a).unwrap();
}

#[test]
fn a_store_left_by_an_older_build_loads() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/persist/store-v1.json"
    ))
    .unwrap();
    let entries: std::collections::BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    let mut store = MemoryStore::new();
    for (k, v) in &entries {
        store.set(k, v).unwrap();
    }
    let rows = list(&store).unwrap();
    assert_eq!(rows[0].name, "旧工作区");
    let out = load(&store, "wold").unwrap();
    assert_eq!(out.workspace.accounts.len(), 2);
    assert_eq!(out.revision, 4);
    // Saving rewrites it in the current format and retires the old generation.
    let mut ws = out.workspace.clone();
    ws.name = "旧工作区".into();
    kam_radar::persist::save(&mut store, "wold", &ws, &ctx("t", out.revision)).unwrap();
    assert_eq!(load(&store, "wold").unwrap().workspace, ws);
}

#[test]
fn delete_all_data_removes_every_key_of_the_app_and_nothing_else() {
    let mut store = MemoryStore::new();
    create(&mut store, &named("甲", 10), &ctx("t", 0)).unwrap();
    create(&mut store, &named("乙", 10), &ctx("t", 1)).unwrap();
    store.set("kam-radar.lang", "\"zh\"").unwrap();
    store.set("other-app.key", "keep").unwrap();
    assert!(delete_all_data(&mut store).unwrap() > 5);
    assert_eq!(store.keys().unwrap(), vec!["other-app.key".to_string()]);
    assert!(list(&store).unwrap().is_empty());
}

#[test]
fn undo_restores_a_workspace_that_was_not_current_without_switching() {
    let mut store = MemoryStore::new();
    let (a, _) = create(&mut store, &named("甲", 4), &ctx("t", 0)).unwrap();
    let (b, _) = create(&mut store, &named("乙", 4), &ctx("t", 1)).unwrap();
    let (c, _) = create(&mut store, &named("丙", 4), &ctx("t", 2)).unwrap();
    let trashed = delete(&mut store, &a, at(5)).unwrap();
    assert!(!trashed.was_current);
    assert_eq!(read_index(&store).unwrap().current, Some(c.clone()));
    restore(&mut store, &trashed).unwrap();
    let index = read_index(&store).unwrap();
    assert_eq!(index.current, Some(c), "the current workspace stays");
    assert_eq!(
        index
            .workspaces
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        [a.as_str(), b.as_str(), index.workspaces[2].id.as_str()],
        "in its place in the list"
    );
}

#[test]
fn only_the_latest_deletion_can_be_undone() {
    let mut store = MemoryStore::new();
    let (a, _) = create(&mut store, &named("甲", 4), &ctx("t", 0)).unwrap();
    let (b, _) = create(&mut store, &named("乙", 4), &ctx("t", 1)).unwrap();
    create(&mut store, &named("丙", 4), &ctx("t", 2)).unwrap();
    let first = delete(&mut store, &a, at(5)).unwrap();
    delete(&mut store, &b, at(6)).unwrap();
    assert!(
        matches!(load(&store, &a), Err(PersistError::NotFound(_))),
        "the earlier deletion is purged by the next one"
    );
    assert!(restore(&mut store, &first).is_err());
    assert_eq!(list(&store).unwrap().len(), 2);
    assert_eq!(load(&store, &b).unwrap().workspace.name, "乙");
}

#[test]
fn the_trash_is_purged_once_the_undo_time_is_over() {
    let mut store = MemoryStore::new();
    create(&mut store, &named("甲", 4), &ctx("t", 0)).unwrap();
    let (b, _) = create(&mut store, &named("乙", 4), &ctx("t", 1)).unwrap();
    delete(&mut store, &b, at(10)).unwrap();
    assert!(purge_expired(&mut store, at(10 + UNDO_SECONDS - 1))
        .unwrap()
        .is_empty());
    assert!(load(&store, &b).is_ok(), "still undoable");
    assert_eq!(
        purge_expired(&mut store, at(10 + UNDO_SECONDS)).unwrap(),
        [b.as_str()]
    );
    assert!(matches!(load(&store, &b), Err(PersistError::NotFound(_))));
    assert_eq!(list(&store).unwrap().len(), 1);
}

#[test]
fn new_names_do_not_repeat_existing_ones() {
    assert_eq!(unique_name(["华东"], "华南"), "华南");
    assert_eq!(unique_name(["华东"], "华东"), "华东 2");
    assert_eq!(
        unique_name(["Workspace", "Workspace 2", "Workspace 3"], "Workspace"),
        "Workspace 4"
    );
}

#[test]
fn every_save_counts_towards_the_backup_reminder_and_a_download_resets_it() {
    let mut store = MemoryStore::new();
    let mut ws = named("甲", 3);
    let (id, receipt) = create(&mut store, &ws, &ctx("t", 0)).unwrap();
    assert_eq!(receipt.unexported.changes, 1);
    let mut revision = receipt.revision;
    for i in 1..REMIND_AFTER_CHANGES {
        assert!(!peek_head(&store, &id).unwrap().unwrap().unexported.due());
        ws.name = format!("甲 {i}");
        // One save a second: little editing time, so only the number of changes counts.
        let context = kam_radar::persist::SaveContext {
            writer: "t",
            base_revision: revision,
            now: at(i64::from(i)),
        };
        revision = save(&mut store, &id, &ws, &context).unwrap().revision;
    }
    let state = peek_head(&store, &id).unwrap().unwrap().unexported;
    assert_eq!(state.changes, REMIND_AFTER_CHANGES);
    assert!(state.due());
    assert!(
        load(&store, &id).unwrap().unexported.due(),
        "the state survives a reload"
    );
    // A download resets it without a new revision (no other tab sees a conflict).
    let reset = mark_exported(&mut store, &id, at(100)).unwrap();
    assert!(!reset.due() && reset.changes == 0);
    let head = peek_head(&store, &id).unwrap().unwrap();
    assert_eq!((head.revision, head.unexported), (revision, reset));
    assert!(matches!(
        mark_exported(&mut store, "missing", at(100)),
        Err(PersistError::NotFound(_))
    ));
}

#[test]
fn a_dismissed_reminder_stays_quiet_until_as_much_work_again() {
    let mut store = MemoryStore::new();
    let mut ws = named("甲", 3);
    let (id, receipt) = create(&mut store, &ws, &ctx("t", 0)).unwrap();
    let mut revision = receipt.revision;
    let mut second = 0;
    let mut save_once = |store: &mut MemoryStore, ws: &mut kam_radar::model::Workspace| {
        second += 1;
        ws.name = format!("甲 {second}");
        let context = kam_radar::persist::SaveContext {
            writer: "t",
            base_revision: revision,
            now: at(second),
        };
        revision = save(store, &id, ws, &context).unwrap().revision;
    };
    for _ in 1..REMIND_AFTER_CHANGES {
        save_once(&mut store, &mut ws);
    }
    assert!(peek_head(&store, &id).unwrap().unwrap().unexported.due());
    assert!(!dismiss_reminder(&mut store, &id).unwrap().due());
    for _ in 1..REMIND_AFTER_CHANGES {
        save_once(&mut store, &mut ws);
        assert!(!peek_head(&store, &id).unwrap().unwrap().unexported.due());
    }
    save_once(&mut store, &mut ws);
    assert!(peek_head(&store, &id).unwrap().unwrap().unexported.due());
}

#[test]
fn editing_time_counts_pauses_only_up_to_a_cap() {
    let minute = |m: i64| at(m * 60);
    let mut state = BackupState::default();
    state.record_change(minute(0));
    // A change every 3 minutes: all of it is editing time.
    for m in 1..5 {
        state.record_change(minute(m * 3));
    }
    assert_eq!(state.edit_ms, 12 * 60_000);
    assert!(!state.due());
    // A day's break counts as five minutes, which brings the total over fifteen.
    state.record_change(minute(12 + 24 * 60));
    assert_eq!(state.edit_ms, 17 * 60_000);
    assert!(state.edit_ms >= REMIND_AFTER_EDIT_MS && state.due());
    assert_eq!(state.changes, 6, "few changes, but long enough");
}
