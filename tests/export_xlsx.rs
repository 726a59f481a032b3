//! The results workbook, end to end natively: built from the demo's scores, sent to the import
//! worker as its JSON request would be, written as XLSX, and read back with calamine — the
//! sheets a user finds, their bilingual headers, numbers that are numbers, and an account name
//! crafted to run a command arriving as plain, neutralised text.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use kam_radar::export::book::results_book;
use kam_radar::import::worker::{ImportWorker, Reply, Request, XLSX_MIME};
use kam_radar::model::{Account, Input, Workspace};
use kam_radar::scoring::credit::LostStatus;
use kam_radar::scoring::segmentation::Cuts;
use kam_radar::scoring::Engine;

const EVIL: &str = "=cmd|' /C calc'!A0";

/// The day the demo is made for and the red list is read on.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn workspace() -> Workspace {
    let mut ws = kam_radar::demo::workspace(today());
    ws.accounts.push(
        Account::new("evil", EVIL)
            .with("deal_volume", Input::Number(10.0))
            .with("contract_performance", Input::Number(10.0))
            .with("operating_risk", Input::Number(-40.0)),
    );
    ws
}

/// The workbook's bytes as the worker makes them from the request the page sends.
fn xlsx_of(ws: &Workspace, rows: &[usize]) -> Vec<u8> {
    let engine = Engine::new(&ws.frameworks_in_force()).unwrap();
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, None);
    let lost = LostStatus::compute(&engine, &scores, ws, today());
    let book = results_book(&engine, ws, &scores, &cuts, &lost, rows);
    let request = Request::ResultsXlsx {
        name: "results.xlsx".into(),
        book,
    };
    // Through JSON, as across postMessage.
    let request: Request = serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
    let mut out = None;
    ImportWorker::default().handle(request, Vec::new(), &mut |reply, bytes| {
        out = Some((reply, bytes));
    });
    match out {
        Some((Reply::File { name, mime }, Some(bytes))) => {
            assert_eq!(name, "results.xlsx");
            assert_eq!(mime, XLSX_MIME);
            bytes
        }
        other => panic!("no workbook: {other:?}"),
    }
}

fn read(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes)).unwrap()
}

fn column(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|h| *h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn every_view_has_its_sheet_with_bilingual_headers() {
    let ws = workspace();
    let rows: Vec<usize> = (0..ws.accounts.len()).collect();
    let mut book = read(xlsx_of(&ws, &rows));
    assert_eq!(
        book.sheet_names(),
        [
            "客户组合 Portfolio",
            "大客户评判标准 scorecard",
            "信用等级 credit",
            "客户外部画像 external",
            "客户内部画像 internal",
            "客户人员 Stakeholders",
            "信用记录 Credit history",
        ]
    );
    let portfolio = book.worksheet_range("客户组合 Portfolio").unwrap();
    assert_eq!(
        portfolio.height(),
        ws.accounts.len() + 1,
        "a header and every account"
    );
    let header: Vec<Data> = portfolio.rows().next().unwrap().to_vec();
    assert_eq!(header[0].to_string(), "Account 客户");
    assert_eq!(header[1].to_string(), "Account id 客户编号");
    assert!(header
        .iter()
        .any(|h| *h == "Key-account evaluation scorecard 大客户评判标准 · Total 总分"));
    column(&header, "ABC ABC 类");
    column(&header, "Owner 负责人");

    let external = book.worksheet_range("客户外部画像 external").unwrap();
    let header: Vec<Data> = external.rows().next().unwrap().to_vec();
    let quality = column(&header, "Quality requirement 质量要求");
    let class = column(&header, "Class 类别");
    // Customer A, the source's example: quality 80, a potential target.
    let a = external.rows().find(|r| r[1] == "demo-a").unwrap();
    assert_eq!(a[quality], Data::Float(80.0), "a score is a number");
    assert_eq!(a[class].to_string(), "potential target 潜在目标客户");

    let people = book.worksheet_range("客户人员 Stakeholders").unwrap();
    let header: Vec<Data> = people.rows().next().unwrap().to_vec();
    let step = column(&header, "Next step 下一步");
    let z = people.rows().find(|r| r[3] == "Z").unwrap();
    assert_eq!(z[step].to_string(), "Befriend this opponent 与反对者交朋友");
    assert_eq!(
        z[column(&header, "Relationship role (level) 关系角色（档位）")].to_string(),
        "opponent 反对者"
    );

    let history = book.worksheet_range("信用记录 Credit history").unwrap();
    assert_eq!(history.height(), ws.credit_assessments.len() + 1);
    let header: Vec<Data> = history.rows().next().unwrap().to_vec();
    column(&header, "Date 日期");
    column(&header, "List 名单");
}

#[test]
fn an_injected_name_arrives_as_neutralised_text_and_negative_scores_stay_numbers() {
    let ws = workspace();
    let evil = ws.accounts.len() - 1;
    let mut book = read(xlsx_of(&ws, &[evil, 0]));
    let portfolio = book.worksheet_range("客户组合 Portfolio").unwrap();
    assert_eq!(
        portfolio.height(),
        3,
        "only the rows asked for, in their order"
    );
    let row: Vec<Data> = portfolio.rows().nth(1).unwrap().to_vec();
    assert_eq!(
        row[0],
        Data::String(format!("'{EVIL}")),
        "the same text as in the CSV"
    );
    assert_eq!(row[1], Data::String("evil".into()));

    let credit = book.worksheet_range("信用等级 credit").unwrap();
    let header: Vec<Data> = credit.rows().next().unwrap().to_vec();
    let total = column(&header, "Total 总分");
    let row: Vec<Data> = credit.rows().nth(1).unwrap().to_vec();
    assert_eq!(
        row[total],
        Data::Float(-20.0),
        "a negative total is a number, not text"
    );
    assert_eq!(
        row[column(&header, "List 名单")].to_string(),
        "red list 红名单"
    );

    // No formula anywhere in the file.
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(formulas.cells().all(|(_, _, f)| f.is_empty()), "{name}");
    }
}

#[test]
fn a_key_account_that_lost_its_status_is_listed_so_with_the_day() {
    let ws = workspace();
    let engine = Engine::new(&ws.frameworks_in_force()).unwrap();
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    let lost = LostStatus::compute(&engine, &scores, &ws, today());
    let lost_rows: Vec<usize> = (0..ws.accounts.len())
        .filter(|&r| lost.lost_on(r).is_some())
        .collect();
    assert!(!lost_rows.is_empty(), "the demo has such an account");
    let rows: Vec<usize> = (0..ws.accounts.len()).collect();
    let mut book = read(xlsx_of(&ws, &rows));
    let portfolio = book.worksheet_range("客户组合 Portfolio").unwrap();
    let header: Vec<Data> = portfolio.rows().next().unwrap().to_vec();
    let class = column(
        &header,
        "Key-account evaluation scorecard 大客户评判标准 · Class 类别",
    );
    let lost_on = column(&header, "Key-account status lost on 取消大客户资格日期");
    let label = "key-account status lost · red list 已取消大客户资格 · 红名单";
    for (row, cells) in portfolio.rows().skip(1).enumerate() {
        match lost.lost_on(row) {
            Some(day) => {
                assert_eq!(cells[class].to_string(), label);
                assert_eq!(
                    cells[lost_on].to_string(),
                    day.format("%Y-%m-%d").to_string()
                );
            }
            None => {
                assert_ne!(cells[class].to_string(), label);
                assert_eq!(cells[lost_on], Data::Empty);
            }
        }
    }
    let scorecard = book.worksheet_range("大客户评判标准 scorecard").unwrap();
    let header: Vec<Data> = scorecard.rows().next().unwrap().to_vec();
    let class = column(&header, "Class 类别");
    let first = scorecard.rows().nth(lost_rows[0] + 1).unwrap();
    assert_eq!(
        first[class].to_string(),
        label,
        "the framework's sheet agrees"
    );
}

#[test]
fn the_csv_and_the_workbook_neutralise_the_same_cells() {
    use kam_radar::export::results::neutralise;
    use kam_radar::export::xlsx::cell_text;
    for text in [EVIL, "+1", "-x", "@a", "\tt", "\rr", "plain", "客户", ""] {
        assert_eq!(cell_text(text), neutralise(text), "{text:?}");
    }
}
