//! Imports a generated 100k-row, ~10 MB CSV: parse alone, parse + map + convert, and the
//! engine's index + score of the result; and the same rows as an XLSX workbook (written with
//! rust_xlsxwriter, numbers as numbers): read alone, read + map + convert.
//!
//! Run: `cargo bench --no-default-features --bench import -- --warm-up-time 1 --measurement-time 5`.

use criterion::{criterion_group, criterion_main, Criterion};
use kam_radar::framework::presets;
use kam_radar::import::{
    convert, plan_sheets, read_csv, read_workbook, MappingMemory, SheetPlan, Table, Workbook,
};
use kam_radar::sample::Seeded;
use kam_radar::scoring::Engine;
use std::hint::black_box;

const ROWS: usize = 100_000;

/// Chinese headers, labels in both languages, money with separators and units, as exported
/// from a real CRM: about 110 bytes a row.
fn generate() -> Vec<u8> {
    let mut r = Seeded::new(7);
    let mut out = String::from(
        "\u{feff}客户编号,客户名称,行业,区域,负责人,战略契合度,利润贡献,业务规模,行业影响力,\
         市场和品牌效应,发展潜力,年度项目成交量,履约程度,经营风险,营业收入,质量要求,年销售额\n",
    );
    let levels = ["高", "中", "低", "high", "mid", "low"];
    for i in 0..ROWS {
        let revenue = r.next_u64() % 3_000_000_000;
        let sales = r.next_u64() % 2_000;
        out.push_str(&format!(
            "C{i:06},客户{i},{},{},{},{},{},{},{},{},{},{},{},{},\"{}\",{},{}万\n",
            r.pick(&["制造", "能源", "IT"]),
            r.pick(&["华东", "华北", "华南"]),
            r.pick(&["王", "李", "张"]),
            r.pick(&levels),
            r.pick(&levels),
            r.pick(&levels),
            r.pick(&levels),
            r.pick(&levels),
            r.pick(&levels),
            r.pick(&["高", "中", "低"]),
            r.next_u64() % 50,
            r.pick(&["低", "中", "高"]),
            group_thousands(revenue),
            r.pick(&["中", "高", "低"]),
            sales,
        ));
    }
    out.into_bytes()
}

/// The CSV's rows as a workbook: text cells as strings, plain numbers (the deal volume, the
/// revenue) as numbers, as a CRM export saved by Excel holds them.
fn generate_xlsx(csv: &[u8]) -> Vec<u8> {
    let book = read_csv("bench.csv", csv).expect("reads");
    let table = &book.sheets[0];
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in table.headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).expect("writes");
    }
    for (r, row) in table.rows().enumerate() {
        for (c, cell) in row.cells().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell.replace(',', "").parse::<f64>() {
                Ok(v) => sheet.write_number(r, c, v),
                Err(_) => sheet.write_string(r, c, cell),
            }
            .expect("writes");
        }
    }
    workbook.save_to_buffer().expect("saves")
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn bench(c: &mut Criterion) {
    let bytes = generate();
    eprintln!(
        "generated {} rows, {:.1} MB",
        ROWS,
        bytes.len() as f64 / 1e6
    );
    let frameworks = presets::all();
    let memory = MappingMemory::default();
    c.bench_function("import_parse_100k", |b| {
        b.iter(|| black_box(read_csv("bench.csv", black_box(&bytes))))
    });
    let parse_and_map = || {
        let book = read_csv("bench.csv", &bytes).expect("reads");
        let plans = plan_sheets(&book, &memory);
        let sheets: Vec<(&Table, &SheetPlan)> = book.sheets.iter().zip(&plans).collect();
        convert(&sheets, &frameworks, &[])
    };
    let imported = parse_and_map();
    assert_eq!(
        imported.accounts.len(),
        ROWS,
        "{:?}",
        imported.report.problems.first()
    );
    c.bench_function("import_parse_map_convert_100k", |b| {
        b.iter(|| black_box(parse_and_map()))
    });
    let book = read_csv("bench.csv", &bytes).expect("reads");
    c.bench_function("import_map_convert_100k", |b| {
        b.iter(|| {
            let plans = plan_sheets(&book, &memory);
            let sheets: Vec<(&Table, &SheetPlan)> = book.sheets.iter().zip(&plans).collect();
            black_box(convert(&sheets, &frameworks, &[]))
        })
    });
    let xlsx = generate_xlsx(&bytes);
    eprintln!("generated the workbook, {:.1} MB", xlsx.len() as f64 / 1e6);
    c.bench_function("import_xlsx_read_100k", |b| {
        b.iter(|| black_box(read_workbook("bench.xlsx", black_box(&xlsx))))
    });
    let map_and_convert = |book: &Workbook| {
        let plans = plan_sheets(book, &memory);
        let sheets: Vec<(&Table, &SheetPlan)> = book.sheets.iter().zip(&plans).collect();
        convert(&sheets, &frameworks, &[])
    };
    let from_xlsx = map_and_convert(&read_workbook("bench.xlsx", &xlsx).expect("reads"));
    assert_eq!(from_xlsx.accounts, imported.accounts);
    c.bench_function("import_xlsx_read_map_convert_100k", |b| {
        b.iter(|| {
            black_box(map_and_convert(
                &read_workbook("bench.xlsx", &xlsx).expect("reads"),
            ))
        })
    });
    let engine = Engine::presets();
    c.bench_function("import_index_score_100k", |b| {
        b.iter(|| black_box(engine.score(&engine.index(&imported.accounts, &[]))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
