//! Several workspaces: create, rename, duplicate, delete with undo, purge, switch, delete all.

#[allow(dead_code)] // Each test file uses a different part of the shared support.
#[path = "fixtures/persist/support.rs"]
mod support;

use kam_radar::model::Workspace;
use kam_radar::persist::{
    create, delete, delete_all_data, duplicate, list, load, purge, read_index, rename, restore,
    switch, KeyValueStore, MemoryStore, PersistError,
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
    delete(&mut store, &b, at(5)).unwrap();
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
    // Undo.
    restore(&mut store, &b).unwrap();
    assert!(list(&store).unwrap()[1].trashed_at.is_none());
    assert_eq!(load(&store, &b).unwrap().workspace.name, "乙");
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
