//! The stored format and the portable file: compactness, every migration, round trips.

#[allow(dead_code)] // Each test file uses a different part of the shared support.
#[path = "fixtures/persist/support.rs"]
mod support;

use kam_radar::model::{Input, Workspace, SCHEMA_VERSION};
use kam_radar::persist::codec::{decode_inline, encode, Encoding};
use kam_radar::persist::format::{decode_document, encode_document};
use kam_radar::persist::{
    encoded_size, export_file, import_file, migrate, utf16_len, PersistError,
    LOCAL_STORAGE_QUOTA_CHARS,
};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/persist");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Our value may take 4.5 M UTF-16 code units of the ~5 M localStorage gives an origin; the
/// rest is for the backup generation's changed chunks and the other keys.
const BUDGET_CHARS: usize = 4_500_000;

#[test]
fn fifteen_thousand_accounts_with_three_stakeholders_fit_in_local_storage() {
    let ws = realistic_sample();
    let per_account = encoded_size(&ws).unwrap() as f64 / ws.accounts.len() as f64;
    let plain = serde_json::to_string(&ws).unwrap();
    let plain_per_account = utf16_len(&plain) as f64 / ws.accounts.len() as f64;
    eprintln!(
        "stored size per account (21 inputs, 3 stakeholders, 2 orders): compact {per_account:.1} UTF-16 units, plain serde JSON {plain_per_account:.1}; 15,000 accounts ≈ {:.2} M of {:.1} M",
        per_account * 15_000.0 / 1e6,
        LOCAL_STORAGE_QUOTA_CHARS as f64 / 1e6
    );
    // The bound that guarantees the target: 15,000 × 300 = 4.5 M.
    assert!(
        per_account * 15_000.0 <= BUDGET_CHARS as f64,
        "{per_account} per account"
    );
}

fn realistic_sample() -> Workspace {
    support::realistic(2_000)
}

#[test]
fn a_full_size_workspace_round_trips_through_the_compact_form() {
    let ws = support::realistic(15_000);
    let size = encoded_size(&ws).unwrap();
    assert!(size <= BUDGET_CHARS, "{size}");
    let inline = encode(&ws).unwrap().to_inline().unwrap();
    assert_eq!(decode_inline(&inline).unwrap(), ws);
}

#[test]
fn a_damaged_block_is_refused_naming_its_table_block_and_row() {
    let text = encode(&realistic_sample()).unwrap().inline_text().unwrap();
    // The first account row loses its id: the error names the table, block and row.
    let damaged = text.replacen("\"rows\":[[", "\"rows\":[[null,", 1);
    assert_ne!(damaged, text, "the accounts block has rows");
    let value: serde_json::Value = serde_json::from_str(&damaged).unwrap();
    let err = decode_inline(&value).unwrap_err().to_string();
    assert!(err.contains("accounts block 0, row 0"), "{err}");
}

#[test]
fn integral_amounts_are_written_without_a_fraction_and_others_exactly() {
    let mut ws = Workspace::default();
    ws.accounts.push(
        kam_radar::model::Account::new("A", "甲")
            .with("annual_sales", Input::Number(1_250_000.0))
            .with("share", Input::Number(0.1 + 0.2)),
    );
    let text = encode(&ws).unwrap().blocks[0][0].clone();
    assert!(text.contains("1250000,0.30000000000000004"), "{text}");
}

#[test]
fn a_nan_is_refused_with_where_it_is() {
    let mut ws = Workspace::default();
    ws.accounts.push(
        kam_radar::model::Account::new("A7", "乙").with("annual_sales", Input::Number(f64::NAN)),
    );
    let err = encode(&ws).unwrap_err();
    assert!(matches!(err, PersistError::NotFinite(_)));
    assert!(
        err.to_string().contains("A7") && err.to_string().contains("annual_sales"),
        "{err}"
    );
    assert!(matches!(export_file(&ws), Err(PersistError::NotFinite(_))));
}

#[test]
fn a_version_1_document_migrates_into_the_current_build() {
    let text = fixture("stored-v1.json");
    let ws = decode_document(&text).unwrap();
    assert_eq!(ws.accounts.len(), 2);
    assert_eq!(ws.accounts[0].name, "江苏恒瑞医药");
    assert_eq!(ws.accounts[0].number("annual_sales"), Some(3_560_000.0));
    assert_eq!(ws.stakeholders[0].name, "张伟");
    assert_eq!(ws.name, "", "fields added after v1 take their defaults");
    // The payload alone, through migrate.
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(migrate(doc["payload"].clone(), 1).unwrap(), ws);
}

#[test]
fn a_version_2_document_reads_back_and_migrate_accepts_its_payload() {
    let ws = support::realistic(50);
    let text = encode_document(&ws, "2025-01-01T00:00:00.000Z", 3, "tab").unwrap();
    assert_eq!(decode_document(&text).unwrap(), ws);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "kam-radar-workspace");
    assert_eq!(doc["version"], 2);
    assert_eq!(migrate(doc["payload"].clone(), 2).unwrap(), ws);
}

#[test]
fn a_newer_stored_version_is_refused_and_its_text_kept() {
    let text = fixture("stored-v9.json");
    match decode_document(&text) {
        Err(PersistError::NewerVersion { found: 9, raw, .. }) => assert_eq!(raw, text),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        migrate(serde_json::json!({}), 3),
        Err(PersistError::NewerVersion { found: 3, .. })
    ));
    let newer_schema = serde_json::json!({ "schema_version": SCHEMA_VERSION + 1 });
    assert!(matches!(
        migrate(newer_schema, 1),
        Err(PersistError::NewerVersion { .. })
    ));
}

#[test]
fn a_damaged_document_is_refused_with_its_text() {
    let ws = support::realistic(3);
    let text = encode_document(&ws, "2025-01-01T00:00:00.000Z", 1, "tab").unwrap();
    let damaged = text.replacen("KA00001", "KA00009", 1);
    match decode_document(&damaged) {
        Err(PersistError::Unreadable { reason, raw }) => {
            assert!(reason.contains("checksum"), "{reason}");
            assert_eq!(raw, damaged);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_file_is_pretty_versioned_json() {
    let ws = support::realistic(2);
    let text = export_file(&ws).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"kam-radar-workspace-file\",\n  \"version\": 1,"));
    assert_eq!(import_file(&text).unwrap(), ws);
}

#[test]
fn import_accepts_every_file_version_a_bare_workspace_and_a_stored_document() {
    let v1 = import_file(&fixture("file-v1.json")).unwrap();
    assert_eq!(v1.name, "示例工作区");
    assert_eq!(v1.accounts[0].id, "KA00001");
    let bare = import_file(&fixture("bare-workspace.json")).unwrap();
    assert_eq!(bare.accounts.len(), 1);
    let stored = import_file(&fixture("stored-v1.json")).unwrap();
    assert_eq!(stored.accounts.len(), 2);
    assert!(matches!(
        import_file(&fixture("file-v7.json")),
        Err(PersistError::NewerVersion { found: 7, .. })
    ));
    assert!(matches!(
        import_file("a,b\n1,2"),
        Err(PersistError::NotAWorkspace(_))
    ));
    assert!(matches!(
        import_file("{\"format\":\"other\"}"),
        Err(PersistError::NotAWorkspace(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_file_round_trips(ws in support::workspace()) {
        let text = export_file(&ws).unwrap();
        prop_assert_eq!(import_file(&text).unwrap(), ws);
    }

    #[test]
    fn the_compact_form_round_trips(ws in support::workspace()) {
        let inline = encode(&ws).unwrap().to_inline().unwrap();
        prop_assert_eq!(&decode_inline(&inline).unwrap(), &ws);
        let text = encode_document(&ws, "2025-01-01T00:00:00.000Z", 1, "t").unwrap();
        prop_assert_eq!(decode_document(&text).unwrap(), ws);
    }

    #[test]
    fn encoding_in_steps_writes_the_same_blocks(ws in support::workspace(), rows in 1..40_usize) {
        let mut encoding = Encoding::start(&ws).unwrap();
        let mut steps = 1;
        while encoding.step(&ws, rows).unwrap() {
            steps += 1;
        }
        let total = ws.accounts.len() + ws.stakeholders.len() + ws.orders.len()
            + ws.credit_assessments.len();
        // Each step but the last writes at least `rows` rows, so the work was really split.
        prop_assert!(steps <= total / rows + 2, "{steps} steps of {rows} rows for {total} rows");
        prop_assert_eq!(encoding.finish(), encode(&ws).unwrap());
    }

    #[test]
    fn packing_round_trips_any_text(text in any::<String>()) {
        let packed = kam_radar::persist::pack::pack(&text);
        prop_assert!(packed.chars().all(|c| !(0xD800..=0xDFFF).contains(&(c as u32))));
        prop_assert_eq!(kam_radar::persist::pack::unpack(&packed), Some(text));
    }

    #[test]
    fn stored_version_1_round_trips(ws in support::workspace()) {
        let v1 = serde_json::to_value(&ws).unwrap();
        prop_assert_eq!(migrate(v1, 1).unwrap(), ws);
    }
}
