//! The results workbook written as XLSX: run in the import worker only, so rust_xlsxwriter
//! never enters the main bundle (`tests/e2e/support/size.mjs` checks it).
//!
//! Formula injection, the rule for both formats: a text cell — a header, a name, an id, a
//! class label — that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! `'` ([`neutralise`]), exactly as in the results CSV. Every text is also written as a string
//! cell, which Excel never evaluates when it opens the file; the `'` is still needed because
//! the cell would become a formula once a user edits it (F2, Enter) or saves the sheet as CSV
//! and opens that, and so the same account reads the same in both exports. Numbers are
//! written as number cells: a credit score of −20 stays a number that sums.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::book::{BookSheet, ResultsBook};
use super::results::{neutralise, Cell, ExportError};

/// Excel's longest cell text; a longer one is cut there rather than failing the whole file.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's rows per sheet, the header included.
const MAX_ROWS: usize = 1_048_576;

/// The text a cell holds: neutralised, and no longer than Excel allows.
pub fn cell_text(text: &str) -> String {
    let safe = neutralise(text);
    if safe.chars().count() > MAX_CELL_CHARS {
        safe.chars().take(MAX_CELL_CHARS).collect()
    } else {
        safe.into_owned()
    }
}

/// The workbook's bytes.
pub fn write_xlsx(book: &ResultsBook) -> Result<Vec<u8>, ExportError> {
    if let Some(sheet) = book.sheets.iter().find(|s| s.rows.len() >= MAX_ROWS) {
        return Err(ExportError::Xlsx(format!(
            "the sheet '{}' has {} rows, more than Excel's {MAX_ROWS}: export fewer accounts (filter the table, then \"Download shown rows\")",
            sheet.name,
            sheet.rows.len()
        )));
    }
    build(book).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(book: &ResultsBook) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for sheet in &book.sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        write_sheet(worksheet, sheet, &header)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(ws: &mut Worksheet, sheet: &BookSheet, header: &Format) -> Result<(), XlsxError> {
    for (c, h) in sheet.header.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, cell_text(h), header)?;
        // Wide enough for a name; long bilingual headings wrap instead.
        let width = if c == 0 { 32.0 } else { 16.0 };
        ws.set_column_width(c, width)?;
    }
    ws.set_row_height(0, 45)?;
    ws.set_freeze_panes(1, 1)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Number(v) => {
                    ws.write_number(r, c, *v)?;
                }
                Cell::Text(t) => {
                    ws.write_string(r, c, cell_text(t))?;
                }
            }
        }
    }
    if !sheet.header.is_empty() && !sheet.rows.is_empty() {
        ws.autofilter(0, 0, sheet.rows.len() as u32, sheet.header.len() as u16 - 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_start_a_formula_gets_the_same_quote_as_in_the_csv() {
        assert_eq!(cell_text("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(cell_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell_text("-17"), "'-17");
        assert_eq!(cell_text("\tx"), "'\tx");
        assert_eq!(cell_text("客户A"), "客户A");
        assert_eq!(
            cell_text(&"x".repeat(40_000)).chars().count(),
            MAX_CELL_CHARS
        );
    }

    #[test]
    fn too_many_rows_for_excel_is_refused_with_the_sheet_named() {
        let book = ResultsBook {
            sheets: vec![BookSheet {
                name: "big".into(),
                header: vec!["a".into()],
                rows: vec![Vec::new(); MAX_ROWS],
            }],
        };
        let e = write_xlsx(&book).unwrap_err().to_string();
        assert!(e.contains("'big'") && e.contains("1048576"), "{e}");
    }
}
