//! Every input format the importer accepts, with fixtures built in code: GBK text, a
//! several-sheet XLSX, UTF-16 "Unicode text", broken quoting, semicolon files with decimal
//! commas, quoted line breaks, and the size limits.

use chrono::NaiveDate;
use encoding_rs::GBK;
use kam_radar::framework::presets;
use kam_radar::i18n::Lang;
use kam_radar::import::{
    convert, plan_sheets, read_csv, read_file, read_workbook, Delimiter, FileFormat, ImportError,
    Imported, MappingMemory, Reason, Severity, SheetPlan, Table, TableKind, TextEncoding, Workbook,
    MAX_FILE_BYTES, MAX_ROWS,
};
use kam_radar::model::{Account, Input};
use kam_radar::scoring::Engine;
use rust_xlsxwriter::{ExcelDateTime, Format};

fn import(book: &Workbook) -> (Vec<SheetPlan>, Imported) {
    let plans = plan_sheets(book, &MappingMemory::default());
    let sheets: Vec<(&Table, &SheetPlan)> = book.sheets.iter().zip(&plans).collect();
    let imported = convert(&sheets, &presets::all(), &[]);
    (plans, imported)
}

/// The names on the scorecard's key-account list (total ≥ 80).
fn key_accounts(accounts: &[Account]) -> Vec<String> {
    let engine = Engine::presets();
    let fi = engine.index_of(presets::SCORECARD).expect("scorecard");
    let scores = engine.score(&engine.index(accounts, &[]));
    let classes = engine.frameworks()[fi].classes();
    accounts
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            scores
                .framework(fi)
                .outcome(*i)
                .class
                .is_some_and(|c| classes[c as usize].id == "key")
        })
        .map(|(_, a)| a.name.clone())
        .collect()
}

fn account<'a>(imported: &'a Imported, name: &str) -> &'a Account {
    imported
        .accounts
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no account {name}: {:?}", imported.accounts))
}

#[test]
fn gbk_csv_from_chinese_excel_is_detected_mapped_and_scored() {
    let text = "客户名称,行业,战略契合度,利润贡献,业务规模,行业影响力,市场和品牌效应,发展潜力,年销售额,营业收入\r\n\
                华为技术,通信,高,高,高,高,高,高,\"1,200万\",US$ 1.5B\r\n\
                小米,消费电子,中,中,中,中,中,中,3亿元,\r\n";
    let (bytes, _, unmappable) = GBK.encode(text);
    assert!(!unmappable);
    let book = read_file("客户.csv", &bytes).expect("reads");
    assert_eq!(book.encoding, Some(TextEncoding::Gb18030));
    assert_eq!(book.delimiter, Some(Delimiter::Comma));
    let (plans, imported) = import(&book);
    assert_eq!(plans[0].kind, TableKind::Accounts);
    let huawei = account(&imported, "华为技术");
    assert_eq!(huawei.industry, "通信");
    assert_eq!(huawei.number("annual_sales"), Some(12_000_000.0));
    assert_eq!(huawei.number("revenue_usd"), Some(1.5e9));
    assert_eq!(
        huawei.inputs.get("strategic_fit"),
        Some(&Input::Text("高".into()))
    );
    let xiaomi = account(&imported, "小米");
    assert_eq!(xiaomi.number("annual_sales"), Some(3e8));
    // An empty cell is missing, not zero.
    assert!(!xiaomi.inputs.contains_key("revenue_usd"));
    assert_eq!(key_accounts(&imported.accounts), ["华为技术"]);
    assert!(
        imported.report.problems.is_empty(),
        "{:?}",
        imported.report.lines(Lang::En)
    );
}

fn several_sheets() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let accounts = book.add_worksheet();
    accounts.set_name("客户").expect("name");
    let rows: [&[&str]; 3] = [
        &[
            "客户编号",
            "客户名称",
            "战略契合度",
            "利润贡献",
            "业务规模",
            "行业影响力",
            "市场和品牌效应",
            "发展潜力",
        ],
        &["C001", "Alpha", "high", " HIGH ", "高", "高", "high", "高"],
        &["C002", "Beta", "极高", "mid", "mid", "mid", "mid", "mid"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            accounts
                .write_string(r as u32, c as u16, *v)
                .expect("write");
        }
    }
    accounts.write_string(0, 8, "营业收入").expect("write");
    accounts.write_number(1, 8, 2_000_000_000.0).expect("write");
    let people = book.add_worksheet();
    people.set_name("人员").expect("name");
    let rows: [&[&str]; 3] = [
        &[
            "所属客户",
            "姓名",
            "旅程点",
            "年龄",
            "学历",
            "职位",
            "权力角色",
            "关系角色",
            "发展潜力",
        ],
        &[
            "alpha ",
            "张三",
            "销售",
            "45",
            "硕士",
            "总经理",
            "决策者",
            "教练",
            "蓝筹股",
        ],
        &[
            "Gamma",
            "李四",
            "FAT",
            "38",
            "本科",
            "经理",
            "影响者",
            "支持者",
            "潜力股",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            people.write_string(r as u32, c as u16, *v).expect("write");
        }
    }
    let orders = book.add_worksheet();
    orders.set_name("订单").expect("name");
    for (c, h) in ["客户", "订单日期", "金额"].iter().enumerate() {
        orders.write_string(0, c as u16, *h).expect("write");
    }
    let jan5 = ExcelDateTime::from_ymd(2024, 1, 5).expect("date");
    orders.write_string(1, 0, "C001").expect("write");
    orders
        .write_datetime_with_format(1, 1, &jan5, &date)
        .expect("write");
    orders.write_number(1, 2, 100_000.0).expect("write");
    orders.write_string(2, 0, "Alpha").expect("write");
    orders.write_string(2, 1, "2024年3月1日").expect("write");
    orders.write_string(2, 2, "¥20万").expect("write");
    orders.write_string(3, 0, "Alpha").expect("write");
    orders.write_string(3, 1, "2024/13/1").expect("write");
    orders.write_number(3, 2, 5.0).expect("write");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn an_xlsx_with_accounts_stakeholders_and_orders_imports_linked_and_located() {
    let bytes = several_sheets();
    let book = read_workbook("portfolio.xlsx", &bytes).expect("reads");
    assert_eq!(book.format, FileFormat::Xlsx);
    let names: Vec<_> = book.sheets.iter().map(|t| t.source.sheet.clone()).collect();
    assert_eq!(
        names,
        [
            Some("客户".into()),
            Some("人员".into()),
            Some("订单".into())
        ]
    );
    // read_file dispatches on the zip signature whatever the name.
    assert_eq!(
        read_file("upload.bin", &bytes).expect("reads").format,
        FileFormat::Xlsx
    );

    let (plans, imported) = import(&book);
    let kinds: Vec<_> = plans.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            TableKind::Accounts,
            TableKind::Stakeholders,
            TableKind::Orders
        ]
    );

    assert_eq!(imported.accounts.len(), 1, "Beta has an unknown level");
    let alpha = account(&imported, "Alpha");
    assert_eq!(alpha.id, "C001");
    assert_eq!(alpha.number("revenue_usd"), Some(2e9));
    assert_eq!(key_accounts(&imported.accounts), ["Alpha"]);

    assert_eq!(imported.stakeholders.len(), 1);
    let zhang = &imported.stakeholders[0];
    assert_eq!(
        (zhang.account.as_str(), zhang.name.as_str()),
        ("C001", "张三")
    );
    assert_eq!(
        zhang.inputs.get("org_role"),
        Some(&Input::Text("总经理".into()))
    );
    assert_eq!(zhang.inputs.get("age"), Some(&Input::Number(45.0)));

    let orders: Vec<_> = imported
        .orders
        .iter()
        .map(|o| (o.account.as_str(), o.date, o.amount))
        .collect();
    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).expect("date");
    assert_eq!(
        orders,
        [
            ("C001", day(1, 5), 100_000.0),
            ("C001", day(3, 1), 200_000.0)
        ]
    );

    let lines = imported.report.lines(Lang::En);
    let expect = [
        "portfolio.xlsx, sheet 客户, row 3, column C (战略契合度), value '极高': not a known level; accepted: high 高, mid 中, low 低 (row skipped)",
        "portfolio.xlsx, sheet 人员, row 3, column A (所属客户), value 'Gamma': no such account in the import or the workspace (row skipped)",
        "portfolio.xlsx, sheet 订单, row 4, column B (订单日期), value '2024/13/1': not a date (write e.g. 2024-01-05, 2024/1/5, 2024年1月5日) (row skipped)",
    ];
    for e in expect {
        assert!(lines.iter().any(|l| l == e), "missing {e}\nin {lines:#?}");
    }
    let zh = imported.report.lines(Lang::Zh);
    assert!(
        zh.iter().any(|l| l
            .starts_with("portfolio.xlsx，工作表 人员，第 3 行，A 列（所属客户），值“Gamma”：")),
        "{zh:#?}"
    );
    assert_eq!(imported.report.rows_with_errors(), 3);
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

#[test]
fn excel_unicode_text_is_utf16_with_tabs() {
    let bytes =
        utf16le("客户名称\t年销售额\t质量要求\r\n甲公司\t1 234 567\t中\r\n乙公司\t45%\t High \r\n");
    let book = read_file("unicode.txt", &bytes).expect("reads");
    assert_eq!(book.encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(book.delimiter, Some(Delimiter::Tab));
    let (_, imported) = import(&book);
    assert_eq!(
        account(&imported, "甲公司").number("annual_sales"),
        Some(1_234_567.0)
    );
    assert_eq!(
        account(&imported, "乙公司").number("annual_sales"),
        Some(0.45)
    );
    // Labels stay as written; the engine matches them case- and space-insensitively.
    assert_eq!(
        account(&imported, "乙公司")
            .inputs
            .get("quality_requirement"),
        Some(&Input::Text("High".into()))
    );
}

#[test]
fn an_unterminated_quote_is_located_and_the_rows_before_it_import() {
    let text = "客户名称,备注\nAlpha,ok\nBeta,\"never closed\nGamma,x\n";
    let book = read_csv("broken.csv", text.as_bytes()).expect("best effort, no error");
    let (_, imported) = import(&book);
    let names: Vec<_> = imported.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Alpha"]);
    let p = imported
        .report
        .problems
        .iter()
        .find(|p| p.reason == Reason::UnterminatedQuote)
        .expect("located");
    assert_eq!(
        (p.row, p.column_letter().as_deref(), p.header.as_str()),
        (3, Some("B"), "备注")
    );
    assert_eq!(p.severity, Severity::Error);
}

#[test]
fn bytes_no_encoding_reads_are_a_warning_at_their_first_cell_and_the_rows_still_import() {
    // A UTF-8 file (with Excel's BOM) with one stray byte in row 3's name, and a GBK-looking
    // file whose broken byte is in a header.
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice("客户名称,战略契合度\n华东机械,高\n南方".as_bytes());
    utf8.push(0xFF);
    utf8.extend_from_slice("电子,中\n".as_bytes());
    let (mut gbk, _, _) = GBK.encode("客户名称,战略契合度\n华东机械,高\n");
    gbk.to_mut().insert(4, 0xFF);
    // Where the warning points: row, column, header, value.
    let expected = [
        (3, "A", "客户名称", "南方\u{FFFD}电子"),
        (1, "A", "客户\u{FFFD}名称", "客户\u{FFFD}名称"),
    ];
    let files = [
        ("bom.csv", &utf8[..], TextEncoding::Utf8Bom),
        ("gbk.csv", &gbk[..], TextEncoding::Gb18030),
    ];
    for ((name, bytes, encoding), (row, column, header, value)) in files.into_iter().zip(expected) {
        let book = read_csv(name, bytes).expect("reads, with a warning");
        assert_eq!(book.encoding, Some(encoding), "{name}");
        let p = &book.sheets[0].problems[0];
        assert_eq!(
            (p.reason.clone(), p.severity, p.file.as_str()),
            (Reason::UndecodableBytes, Severity::Warning, name)
        );
        assert_eq!(
            (
                p.row,
                p.column_letter().as_deref(),
                p.header.as_str(),
                p.value.as_str()
            ),
            (row, Some(column), header, value),
            "{name}"
        );
    }
    let (_, imported) = import(&read_csv("bom.csv", &utf8).expect("reads"));
    assert_eq!(
        imported.report.rows_imported, 2,
        "a warning leaves no row out"
    );
}

#[test]
fn quoted_line_breaks_and_blank_rows_keep_excel_row_numbers() {
    let text = "客户名称,战略契合度,备注\n\"A\",高,\"line one\nline two\"\n,,\nB,bad,x\n";
    // Excel on Windows ends rows with CRLF (and keeps LF inside cells).
    let crlf = "客户名称,战略契合度,备注\r\n\"A\",高,\"line one\nline two\"\r\n,,\r\nB,bad,x\r\n";
    for (name, text) in [("lf.csv", text), ("crlf.csv", crlf)] {
        let book = read_csv(name, text.as_bytes()).expect("reads");
        let (_, imported) = import(&book);
        assert_eq!(
            account(&imported, "A").notes,
            "line one\nline two",
            "{name}"
        );
        let p = &imported.report.problems[0];
        assert_eq!((p.row, p.value.as_str()), (4, "bad"), "{name}");
        let rows: Vec<usize> = book.sheets[0].rows().map(|r| r.number()).collect();
        assert_eq!(
            rows,
            [2, 4],
            "{name}: the blank row 3 is skipped, not renumbered"
        );
    }
}

#[test]
fn semicolon_files_use_decimal_commas() {
    let text = "Name;Annual sales;Revenue;Notes\nAcme;1.234,5;2.000.000;\"a; b\"\n";
    let book = read_csv("eu.csv", text.as_bytes()).expect("reads");
    assert_eq!(book.delimiter, Some(Delimiter::Semicolon));
    let (_, imported) = import(&book);
    let acme = account(&imported, "Acme");
    assert_eq!(acme.number("annual_sales"), Some(1234.5));
    assert_eq!(acme.number("revenue_usd"), Some(2e6));
    assert_eq!(acme.notes, "a; b");
}

#[test]
fn files_beyond_the_limits_are_refused_with_a_clear_error() {
    let huge = vec![0u8; MAX_FILE_BYTES + 1];
    let e = read_file("huge.csv", &huge).expect_err("too large");
    assert!(matches!(e, ImportError::TooLarge { .. }));
    assert!(e.to_string().contains("split it"), "{e}");
    assert!(e.text(Lang::Zh).contains("拆分"));

    let mut rows = String::from("name\n");
    rows.push_str(&"x\n".repeat(MAX_ROWS));
    let e = read_csv("rows.csv", rows.as_bytes()).expect_err("too many rows");
    assert!(
        matches!(
            e,
            ImportError::TooManyRows {
                limit: MAX_ROWS,
                ..
            }
        ),
        "{e}"
    );

    assert!(matches!(
        read_file("empty.csv", b""),
        Err(ImportError::Empty { .. })
    ));
    let e = read_file("fake.xlsx", b"not a zip").expect_err("not a workbook");
    assert!(matches!(e, ImportError::Workbook { .. }), "{e}");
}

#[test]
fn an_image_or_a_pdf_is_refused_as_binary_instead_of_read_as_garbled_rows() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    let pdf =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 3 >>\nstream\n\0\x01\x02\nendstream";
    for (name, bytes) in [
        ("logo.png", &png[..]),
        ("report.pdf", &pdf[..]),
        ("data.csv", &png[..]),
    ] {
        let e = read_file(name, bytes).expect_err("binary");
        assert!(matches!(e, ImportError::Binary { .. }), "{name}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("{name}: not a spreadsheet")),
            "{e}"
        );
        assert!(e.text(Lang::Zh).contains("不是电子表格或文本表格"), "{e}");
    }
    // UTF-16 text is full of zero bytes and still reads (its BOM says what it is).
    assert!(read_file(
        "unicode.txt",
        &utf16le("客户名称\t年销售额\r\n甲公司\t12\r\n")
    )
    .is_ok());
}

#[test]
fn progress_is_reported_and_cancelling_stops_the_read() {
    use std::ops::ControlFlow;
    let mut text = String::from("name,annual_sales\n");
    for i in 0..20_000 {
        text.push_str(&format!("a{i},{i}\n"));
    }
    let mut seen = Vec::new();
    let book = kam_radar::import::read_csv_with_progress("p.csv", text.as_bytes(), &mut |f| {
        seen.push(f);
        ControlFlow::Continue(())
    })
    .expect("reads");
    assert_eq!(book.sheets[0].len(), 20_000);
    assert!(seen.len() >= 2 && seen.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(seen.last(), Some(&1.0));
    let cancelled =
        kam_radar::import::read_csv_with_progress("p.csv", text.as_bytes(), &mut |_| {
            ControlFlow::Break(())
        });
    assert_eq!(cancelled, Err(ImportError::Cancelled));
}
