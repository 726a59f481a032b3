//! Workbooks (XLSX, XLSB, XLS, ODS) read from memory through calamine, every sheet listed.
//!
//! This is the only caller of calamine, kept apart from [`super::read_csv`] so the main wasm
//! bundle can leave it out and only the import worker carries it. Cells become text as the
//! user sees them, except dates, which become ISO dates (`2024-01-05`) so that date columns
//! read the same from a workbook and from text.

use std::fmt::Write as _;
use std::io::Cursor;
use std::ops::ControlFlow;

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader, Sheets};

use super::table::{Table, TableBuilder, TableSource};
use super::value::excel_serial_to_date;
use super::{check_size, FileFormat, ImportError, Progress, Workbook, MAX_ROWS};

/// Reads every sheet of a workbook.
pub fn read_workbook(name: &str, bytes: &[u8]) -> Result<Workbook, ImportError> {
    read_workbook_with_progress(name, bytes, &mut |_| ControlFlow::Continue(()))
}

/// [`read_workbook`] with progress (per sheet) and cancellation.
pub fn read_workbook_with_progress(
    name: &str,
    bytes: &[u8],
    progress: Progress<'_>,
) -> Result<Workbook, ImportError> {
    check_size(name, bytes)?;
    let unreadable = |e: calamine::Error| ImportError::Workbook {
        file: name.to_string(),
        reason: e.to_string(),
    };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let format = match &book {
        Sheets::Xls(_) => FileFormat::Xls,
        Sheets::Xlsx(_) => FileFormat::Xlsx,
        Sheets::Xlsb(_) => FileFormat::Xlsb,
        Sheets::Ods(_) => FileFormat::Ods,
    };
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for (i, sheet) in names.iter().enumerate() {
        if let ControlFlow::Break(()) = progress(i as f32 / names.len().max(1) as f32) {
            return Err(ImportError::Cancelled);
        }
        let range = book.worksheet_range(sheet).map_err(unreadable)?;
        let source = TableSource {
            file: name.to_string(),
            sheet: Some(sheet.clone()),
        };
        sheets.push(sheet_table(source, &range)?);
    }
    let _ = progress(1.0);
    Ok(Workbook {
        file: name.to_string(),
        format,
        encoding: None,
        delimiter: None,
        sheets,
    })
}

fn sheet_table(source: TableSource, range: &Range<Data>) -> Result<Table, ImportError> {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    if range.height() > MAX_ROWS {
        return Err(ImportError::TooManyRows {
            file: source.file,
            sheet: source.sheet,
            limit: MAX_ROWS,
        });
    }
    let mut table = TableBuilder::new(source, first_col, 0);
    let mut cell = String::new();
    for (i, row) in range.rows().enumerate() {
        for value in row {
            cell.clear();
            write_cell(&mut cell, value);
            table.push_cell(cell.as_bytes());
        }
        table.end_row(first_row + i as u32 + 1);
    }
    Ok(table.finish(false))
}

/// Writes a cell as text: numbers in their shortest exact form, dates as ISO dates (with the
/// time only when there is one), errors as Excel shows them (`#DIV/0!`).
fn write_cell(out: &mut String, value: &Data) {
    let _ = match value {
        Data::Empty => Ok(()),
        Data::String(s) => {
            out.push_str(s);
            Ok(())
        }
        Data::Int(i) => write!(out, "{i}"),
        Data::Float(f) => write!(out, "{f}"),
        Data::Bool(b) => write!(out, "{}", if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let serial = dt.as_f64();
            match excel_serial_to_date(serial) {
                Ok(date) => {
                    let seconds = ((serial - serial.floor()) * 86_400.0).round() as u32;
                    if seconds == 0 {
                        write!(out, "{date}")
                    } else {
                        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
                        write!(out, "{date} {h:02}:{m:02}:{s:02}")
                    }
                }
                Err(_) => write!(out, "{serial}"),
            }
        }
        Data::DateTime(dt) => write!(out, "{}", dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            out.push_str(s);
            Ok(())
        }
        Data::Error(e) => write!(out, "{e}"),
    };
}
