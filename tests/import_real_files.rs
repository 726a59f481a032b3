//! Files no one here wrote: a workbook saved by LibreOffice Calc 7.4 as XLSX and as ODS, and
//! the same accounts saved by LibreOffice as a GBK CSV (see
//! `tests/fixtures/import/libreoffice/README.md` for how they were made). They go through the
//! command line's entry (`run_files`) and the import the app uses, and must agree with each
//! other and with the scores the frameworks give by hand.

use std::collections::BTreeMap;

use kam_radar::framework::presets;
use kam_radar::i18n::Lang;
use kam_radar::import::{
    convert, plan_sheets, read_file, MappingMemory, SheetPlan, Table, TextEncoding,
};
use kam_radar::scoring::batch::{run_files, FileBytes};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/libreoffice/"
);

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).expect("fixture")
}

/// The command line's results CSV for one file, as `account → column → cell`, and its
/// report lines.
fn command_line(name: &str) -> (BTreeMap<String, BTreeMap<String, String>>, Vec<String>) {
    let data = bytes(name);
    let out = run_files(
        &[FileBytes {
            name,
            bytes: &data,
            kind: None,
        }],
        None,
    )
    .expect("runs");
    let mut csv = Vec::new();
    kam_radar::export::results::write_csv(&out.batch.results, &mut csv).expect("csv");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            let cells: BTreeMap<String, String> = header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect();
            (cells["account"].clone(), cells)
        })
        .collect();
    (rows, out.import.lines(Lang::En))
}

#[test]
fn libreoffice_xlsx_and_ods_score_the_same_as_the_frameworks_say() {
    let (xlsx, xlsx_report) = command_line("kam.xlsx");
    let (ods, ods_report) = command_line("kam.ods");
    assert_eq!(
        xlsx, ods,
        "XLSX and ODS of one workbook give the same results"
    );
    // Six criteria as labels; 高/中/低 take the middle of their band (FRAMEWORKS.md): e.g.
    // 华东: 25 + 17.5 + 17.5 + 7.5 + 7.5 + 7.5 = 82.5, on the key list (≥ 80).
    let ka: Vec<(&str, &str, &str)> = xlsx
        .iter()
        .map(|(name, c)| (name.as_str(), c["ka_score"].as_str(), c["ka_list"].as_str()))
        .collect();
    assert_eq!(
        ka,
        [
            ("北方化工集团", "25", "none"),
            ("华东精密机械有限公司", "82.5", "key"),
            ("南方电子科技股份有限公司", "55", "none"),
            ("长江物流有限公司", "67.5", "potential"),
        ]
    );
    // The stakeholder sheet links by account name: 华东's coach counts in its relationship.
    assert_eq!(xlsx["华东精密机械有限公司"]["int_relationship"], "100");
    for (file, report) in [("kam.xlsx", &xlsx_report), ("kam.ods", &ods_report)] {
        for (sheet, row, column, value) in [
            ("客户", 5, "F (战略契合度)", "很高"),
            ("客户人员", 4, "E (权力角色)", "使用者"),
        ] {
            let line = format!("{file}, sheet {sheet}, row {row}, column {column}, value '{value}': not a known level");
            assert!(
                report.iter().any(|l| l.starts_with(&line)),
                "{line}\n{report:#?}"
            );
        }
    }
}

#[test]
fn the_libreoffice_gbk_csv_gives_the_same_account_scores_as_its_workbook() {
    let book = read_file("kam_gbk.csv", &bytes("kam_gbk.csv")).expect("reads");
    assert_eq!(book.encoding, Some(TextEncoding::Gb18030));
    let (csv, report) = command_line("kam_gbk.csv");
    let (xlsx, _) = command_line("kam.xlsx");
    assert_eq!(
        csv.keys().collect::<Vec<_>>(),
        xlsx.keys().collect::<Vec<_>>()
    );
    for (name, cells) in &csv {
        for column in ["ka_score", "ka_list", "int_sales_scale", "abc"] {
            assert_eq!(cells[column], xlsx[name][column], "{name} {column}");
        }
    }
    assert!(
        report
            .iter()
            .any(|l| l.starts_with("kam_gbk.csv, row 5, column F (战略契合度), value '很高'")),
        "{report:#?}"
    );
}

#[test]
fn numbers_and_dates_typed_in_libreoffice_arrive_as_written() {
    for name in ["kam.xlsx", "kam.ods", "kam_gbk.csv"] {
        let book = read_file(name, &bytes(name)).expect("reads");
        let plans = plan_sheets(&book, &MappingMemory::default());
        let sheets: Vec<(&Table, &SheetPlan)> = book.sheets.iter().zip(&plans).collect();
        let imported = convert(&sheets, &presets::all(), &[]);
        let east = imported
            .accounts
            .iter()
            .find(|a| a.name == "华东精密机械有限公司")
            .expect("华东");
        assert_eq!(east.number("annual_sales"), Some(12_000_000.0), "{name}");
        assert_eq!(east.owner, "张伟", "{name}");
        assert_eq!(
            east.attributes.get("首次合作日期").map(String::as_str),
            Some("2019-03-15"),
            "{name}: a date cell is kept as its ISO date"
        );
    }
}
