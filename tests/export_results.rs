//! The results CSV the app downloads: text cells a spreadsheet would run as a formula arrive
//! neutralised, the engine's negative numbers stay numbers, and the writer quotes exactly as the
//! `csv` crate does.

use chrono::NaiveDate;
use kam_radar::export::results::{neutralise, results_table, write_csv, Cell, ResultsTable};
use kam_radar::model::{Account, Input, Settings};
use kam_radar::scoring::credit::LostStatus;
use kam_radar::scoring::segmentation::Cuts;
use kam_radar::scoring::Engine;

#[test]
fn every_formula_prefix_is_neutralised_and_nothing_else() {
    for text in [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "=HYPERLINK(\"http://x\")",
    ] {
        assert_eq!(neutralise(text), format!("'{text}"), "{text:?}");
    }
    for text in ["", "1-2", "a=b", " =1", "'=1", "客户A", "AAA", "545"] {
        assert_eq!(neutralise(text), text, "{text:?}");
    }
}

fn csv_text(table: &ResultsTable) -> String {
    let mut out = Vec::new();
    write_csv(table, &mut out).expect("writes");
    String::from_utf8(out).expect("utf8")
}

#[test]
fn names_and_ids_starting_with_a_formula_sign_arrive_as_text_and_negative_scores_as_numbers() {
    let mut accounts = Vec::new();
    for (i, sign) in ["=", "+", "-", "@", "\t", "\r"].into_iter().enumerate() {
        accounts.push(
            Account::new(format!("{sign}id{i}"), format!("{sign}cmd|' /C calc'!A{i}"))
                .with("deal_volume", Input::Number(10.0))
                .with("contract_performance", Input::Number(10.0))
                .with("operating_risk", Input::Number(-40.0)),
        );
    }
    let engine = Engine::presets();
    let scores = engine.score(&engine.index(&accounts, &[]));
    let cuts = Cuts::compute(&accounts, &[], &Settings::default(), None);
    let table = results_table(&engine, &accounts, &scores, &cuts, &LostStatus::default());
    let text = csv_text(&table);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(records.len(), accounts.len());
    for (record, account) in records.iter().zip(&accounts) {
        assert_eq!(record[at("account")], format!("'{}", account.name));
        assert_eq!(record[at("account_id")], format!("'{}", account.id));
        assert_eq!(
            &record[at("credit_score")],
            "-20",
            "a number, not neutralised"
        );
        assert_eq!(&record[at("credit_operating_risk")], "-40");
        assert_eq!(&record[at("credit_grade")], "A");
        for field in record.iter() {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r'])
                    || field.parse::<f64>().is_ok(),
                "{field:?} would run as a formula"
            );
        }
    }
}

#[test]
fn the_writer_quotes_exactly_as_the_csv_crate_does() {
    let cells = [
        "plain",
        "",
        "a,b",
        "say \"hi\"",
        "two\nlines",
        "cr\rhere",
        "客户A，中文",
        " spaced ",
        "#hash",
        "'quoted'",
    ];
    let table = ResultsTable {
        header: vec!["h,1".into(), "h\"2".into(), "h3".into()],
        rows: cells
            .windows(3)
            .map(|w| {
                vec![
                    Cell::Text(w[0].into()),
                    Cell::Text(w[1].into()),
                    Cell::Text(w[2].into()),
                ]
            })
            .chain([vec![Cell::Empty, Cell::Number(-2.5), Cell::Number(1e-7)]])
            .collect(),
    };
    let mut expected = csv::Writer::from_writer(Vec::new());
    expected.write_record(&table.header).expect("header");
    for row in &table.rows {
        expected
            .write_record(row.iter().map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Number(v) => kam_radar::export::results::number(*v),
                Cell::Text(t) => t.clone(),
            }))
            .expect("row");
    }
    let expected = String::from_utf8(expected.into_inner().expect("flush")).expect("utf8");
    assert_eq!(csv_text(&table), expected);
}

#[test]
fn a_key_account_that_lost_its_status_is_exported_as_such_with_the_day() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let ws = kam_radar::demo::workspace(today);
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets");
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, Some(today));
    let lost = LostStatus::compute(&engine, &scores, &ws, today);
    let table = results_table(&engine, &ws.accounts, &scores, &cuts, &lost);
    let text = csv_text(&table);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let mut seen = 0;
    for (row, record) in reader.records().enumerate() {
        let record = record.expect("row");
        match lost.lost_on(row) {
            Some(day) => {
                seen += 1;
                assert_eq!(&record[at("ka_list")], "key_status_lost");
                assert_eq!(record[at("ka_status_lost_on")], day.to_string());
                assert!(
                    record[at("ka_score")].parse::<f64>().expect("a total") >= 80.0,
                    "the score that made it a key account stays"
                );
            }
            None => {
                assert_ne!(&record[at("ka_list")], "key_status_lost");
                assert_eq!(&record[at("ka_status_lost_on")], "");
            }
        }
    }
    assert_eq!(seen, lost.count());
    assert!(seen > 0, "the demo has such accounts");
}
