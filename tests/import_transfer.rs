//! The bytes the import worker hands the page (`import::transfer`): every table comes back as
//! it was sent, parts add up in order, and damaged bytes are refused with the byte they went
//! wrong at — never a panic, never a wrong account.

#[allow(dead_code)] // The transfer tests use the generators, not the save context.
#[path = "fixtures/persist/support.rs"]
mod support;

use std::sync::Arc;

use kam_radar::import::transfer::{decode, encode, AccountFields, PartWriter, Records};
use kam_radar::import::Imported;
use kam_radar::model::{Input, InputKey, Workspace};
use proptest::prelude::*;

fn records(ws: &Workspace) -> Records<'_> {
    Records {
        accounts: &ws.accounts,
        stakeholders: &ws.stakeholders,
        orders: &ws.orders,
        assessments: &ws.credit_assessments,
    }
}

fn decoded(bytes: &[u8]) -> Imported {
    let mut into = Imported::default();
    decode(bytes, &mut into).expect("the part decodes");
    into
}

proptest! {
    #[test]
    fn every_table_comes_back_as_it_was_sent(ws in support::workspace()) {
        let back = decoded(&encode(records(&ws)));
        prop_assert_eq!(&back.accounts, &ws.accounts);
        prop_assert_eq!(&back.stakeholders, &ws.stakeholders);
        prop_assert_eq!(&back.orders, &ws.orders);
        prop_assert_eq!(&back.assessments, &ws.credit_assessments);
    }

    #[test]
    fn damaged_bytes_are_refused_or_read_but_never_panic(
        ws in support::workspace(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = encode(records(&ws));
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let mut into = Imported::default();
        if let Err(e) = decode(&bytes, &mut into) {
            prop_assert!(e.at <= bytes.len(), "{e}");
        }
    }
}

#[test]
fn parts_are_added_after_the_records_already_received() {
    let ws = support::realistic(300);
    let (first, second) = ws.accounts.split_at(120);
    let mut into = Imported::default();
    for accounts in [first, second] {
        let part = Records {
            accounts,
            ..Records::default()
        };
        decode(&encode(part), &mut into).unwrap();
    }
    assert_eq!(into.accounts, ws.accounts);
}

#[test]
fn a_label_is_sent_once_and_shared_by_every_account_that_holds_it() {
    let ws = support::realistic(2_000);
    let bytes = encode(records(&ws));
    let back = decoded(&bytes);
    let highs: Vec<&Arc<str>> = back
        .accounts
        .iter()
        .flat_map(|a| a.inputs.iter())
        .filter_map(|(_, v)| match v {
            Input::Text(t) if &**t == "高" => Some(t),
            _ => None,
        })
        .collect();
    assert!(highs.len() > 1_000, "{}", highs.len());
    assert!(highs.iter().all(|t| Arc::ptr_eq(t, highs[0])));
    let in_bytes = bytes.windows("高".len()).filter(|w| *w == "高".as_bytes());
    assert!(in_bytes.count() < 50, "高 is written once, not per account");
}

#[test]
fn a_label_freed_while_its_part_is_written_is_not_mistaken_for_the_next_at_its_address() {
    // The conversion writes rows one at a time and frees a row's own labels after it; the
    // next row's label may then be allocated where the last one was.
    let key = InputKey::from("fit");
    let mut part = PartWriter::default();
    let labels = ["高", "中", "低", "high", "mid", "low"];
    for (i, label) in labels.iter().enumerate() {
        let inputs = [(key.clone(), Input::Text(Arc::from(*label)))];
        let id = format!("C{i}");
        part.account(AccountFields {
            texts: [&id, &id, "", "", ""],
            level: None,
            inputs: &inputs,
            notes: "",
            attributes: &[],
        });
    }
    let back = decoded(&part.take());
    let read: Vec<&str> = back
        .accounts
        .iter()
        .map(|a| match a.inputs.get("fit") {
            Some(Input::Text(t)) => &**t,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(read, labels);
}

#[test]
fn a_part_cut_anywhere_is_refused_at_the_cut() {
    let ws = support::realistic(20);
    let bytes = encode(records(&ws));
    for len in 0..bytes.len() {
        let err = decode(&bytes[..len], &mut Imported::default()).unwrap_err();
        assert!(err.at <= len, "cut at {len}: {err}");
    }
}

#[test]
fn damaged_parts_name_the_byte_and_what_is_wrong() {
    let ws = support::realistic(3);
    let bytes = encode(records(&ws));
    let err = |bytes: &[u8]| decode(bytes, &mut Imported::default()).unwrap_err();

    let e = err(b"{\"accounts\":[]}");
    assert_eq!((e.at, e.what), (0, "not a part of the records"));
    assert!(e.to_string().contains("import the file again"), "{e}");

    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(err(&longer).what, "bytes after the last record");

    // The first account's id ("KA0000" after the magic and the four counts) made invalid
    // UTF-8.
    let id = bytes.windows(2).position(|w| w == b"KA").unwrap();
    let mut not_text = bytes.clone();
    not_text[id] = 0xff;
    assert_eq!(
        (err(&not_text).at, err(&not_text).what),
        (id, "a text that is not UTF-8")
    );

    // An account count far larger than the part.
    let mut huge = bytes.clone();
    huge[4..8].copy_from_slice(&[0xff, 0xff, 0xff, 0x7f]);
    assert_eq!(
        (err(&huge).at, err(&huge).what),
        (4, "a count larger than the part")
    );
}
