//! The results workbook, end to end natively: built from the demo's scores, sent to the import
//! worker as its JSON request would be, written as XLSX, and read back with calamine — the
//! sheets a user finds, their bilingual headers, numbers that are numbers, and an account name
//! crafted to run a command arriving as plain, neutralised text.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use kam_radar::export::book::results_book;
use kam_radar::import::worker::{ImportWorker, Reply, Request, XLSX_MIME};
use kam_radar::model::{Account, Input, Workspace};
use kam_radar::scoring::segmentation::Cuts;
use kam_radar::scoring::Engine;

const EVIL: &str = "=cmd|' /C calc'!A0";

fn workspace() -> Workspace {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let mut ws = kam_radar::demo::workspace(today);
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
    let book = results_book(&engine, ws, &scores, &cuts, rows);
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
fn the_csv_and_the_workbook_neutralise_the_same_cells() {
    use kam_radar::export::results::neutralise;
    use kam_radar::export::xlsx::cell_text;
    for text in [EVIL, "+1", "-x", "@a", "\tt", "\rr", "plain", "客户", ""] {
        assert_eq!(cell_text(text), neutralise(text), "{text:?}");
    }
}
