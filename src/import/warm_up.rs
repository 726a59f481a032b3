//! A practice import for an import worker started ahead of the user's file.
//!
//! A browser runs a new worker's WebAssembly with quickly compiled, unoptimised code, and
//! optimises each function only once it has run a while, and a call already under way keeps
//! its unoptimised code to the end. So the first file a worker reads spent its whole read and
//! conversion in slow code (the Import view's first read of a 100k-row file took about three
//! times a later one). While the user is still picking a file, [`practice`] takes the demo's
//! accounts through the same steps as a user's file, as CSV and as XLSX with the template's
//! headers — reading, mapping, conversion into the records' bytes — and drops the result.
//! Only the import worker calls it (`Request::WarmUp`); it never touches the worker's state.

use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook as XlsxWorkbook, XlsxError};

use super::mapping::{template_headers, TableKind, Target};
use super::{
    convert_in_parts, plan_sheets, read_file, AccountParts, MappingMemory, SheetPlan, Table,
};
use crate::framework::presets;
use crate::model::{Account, Input};

/// Rows of the practice CSV: enough for the browser to optimise the per-row and per-cell
/// code, little enough that a file dropped at once waits only a moment behind it.
pub const PRACTICE_ROWS: usize = 500;

/// Rows of the practice XLSX, fewer: writing the workbook is work of its own, and its
/// reader's hot code runs per cell.
pub const PRACTICE_XLSX_ROWS: usize = 200;

/// Reads, maps and converts a CSV file of [`PRACTICE_ROWS`] generated accounts and an XLSX
/// file of the first [`PRACTICE_XLSX_ROWS`], as a user's files are, and returns the rows the
/// conversions imported (every row, when all went as it should).
pub fn practice() -> usize {
    let rows = practice_rows();
    let mut files = vec![("practice.csv", csv_bytes(&rows))];
    if let Ok(xlsx) = xlsx_bytes(&rows, PRACTICE_XLSX_ROWS) {
        files.push(("practice.xlsx", xlsx));
    }
    files
        .into_iter()
        .map(|(name, bytes)| convert_file(name, &bytes))
        .sum()
}

/// The template's account headers with each generated account's cells, as text.
struct PracticeRows {
    headers: Vec<String>,
    cells: Vec<Vec<Cell>>,
}

enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(v) => v.to_string(),
        }
    }
}

/// The demo's accounts, repeated under new ids up to [`PRACTICE_ROWS`], under the headers the
/// accounts template has (so the same header synonyms map them).
fn practice_rows() -> PracticeRows {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let accounts = crate::demo::workspace(today).accounts;
    let columns = template_headers(TableKind::Accounts);
    let cells = (0..PRACTICE_ROWS)
        .filter_map(|row| {
            let account = accounts.get(row % accounts.len().max(1))?;
            Some(
                columns
                    .iter()
                    .map(|(target, _)| cell(account, target, row))
                    .collect(),
            )
        })
        .collect();
    PracticeRows {
        headers: columns.into_iter().map(|(_, header)| header).collect(),
        cells,
    }
}

fn cell(account: &Account, target: &Target, row: usize) -> Cell {
    let text = |t: &str| Cell::Text(t.to_string());
    match target {
        Target::Id => Cell::Text(format!("P{row:05}")),
        Target::Name => Cell::Text(format!("{} {row}", account.name)),
        Target::Industry => text(&account.industry),
        Target::Region => text(&account.region),
        Target::Owner => text(&account.owner),
        Target::Input(key) => match account.inputs.get(key.as_str()) {
            Some(Input::Number(v)) => Cell::Number(*v),
            Some(Input::Text(t)) => text(t),
            None => text(""),
        },
        _ => text(""),
    }
}

fn csv_bytes(rows: &PracticeRows) -> Vec<u8> {
    let mut out = Vec::new();
    let mut writer = csv::Writer::from_writer(&mut out);
    // Writing to a Vec cannot fail; a failure would only shorten the practice.
    let _ = writer.write_record(&rows.headers);
    for row in &rows.cells {
        let _ = writer.write_record(row.iter().map(Cell::text));
    }
    drop(writer);
    out
}

fn xlsx_bytes(rows: &PracticeRows, count: usize) -> Result<Vec<u8>, XlsxError> {
    let mut book = XlsxWorkbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in rows.headers.iter().enumerate() {
        sheet.write_string(0, col as u16, header)?;
    }
    for (row, cells) in rows.cells.iter().take(count).enumerate() {
        let row = row as u32 + 1;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(t) if t.is_empty() => {}
                Cell::Text(t) => {
                    sheet.write_string(row, col, t)?;
                }
                Cell::Number(v) => {
                    sheet.write_number(row, col, *v)?;
                }
            }
        }
    }
    book.save_to_buffer()
}

/// The rows a file's conversion imported, converted the way the worker converts a user's
/// file (its parts are written, then dropped).
fn convert_file(name: &str, bytes: &[u8]) -> usize {
    let Ok(book) = read_file(name, bytes) else {
        return 0;
    };
    let plans = plan_sheets(&book, &MappingMemory::default());
    let sheets: Vec<(&Table, &SheetPlan)> = book.sheets.iter().zip(&plans).collect();
    let imported = convert_in_parts(
        &sheets,
        &presets::all(),
        &[],
        AccountParts {
            size: super::worker::RECORDS_PER_PART,
            send: &mut |_, _| {},
        },
    );
    imported.report.rows_imported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_practice_imports_every_generated_row_of_both_files() {
        // Every row imported: the practice runs the path a good row takes
        // (a practice that failed on its own data would leave that code unoptimised).
        assert_eq!(practice(), PRACTICE_ROWS + PRACTICE_XLSX_ROWS);
    }

    #[test]
    fn the_practice_rows_carry_the_inputs_of_every_preset() {
        let rows = practice_rows();
        let filled = |header: &str| {
            let col = rows.headers.iter().position(|h| h == header);
            col.is_some_and(|col| {
                rows.cells
                    .iter()
                    .any(|row| !matches!(&row[col], Cell::Text(t) if t.is_empty()))
            })
        };
        let inputs: Vec<(Target, String)> = template_headers(TableKind::Accounts)
            .into_iter()
            .filter(|(target, _)| matches!(target, Target::Input(_)))
            .collect();
        let keys_read: std::collections::BTreeSet<String> = presets::all()
            .iter()
            .flat_map(|f| f.dimensions.iter().map(|d| d.input.clone()))
            .collect();
        for (target, header) in &inputs {
            let Target::Input(key) = target else { continue };
            if keys_read.contains(key) {
                assert!(filled(header), "no practice value for {header}");
            }
        }
    }
}
