//! Workbooks (XLSX, XLSB, XLS, ODS) read from memory through calamine, every sheet listed.
//!
//! This is the only caller of calamine, kept apart from [`super::read_csv`] so the main wasm
//! bundle can leave it out and only the import worker carries it. Cells become text as the
//! user sees them, except dates, which become ISO dates (`2024-01-05`) so that date columns
//! read the same from a workbook and from text.
//!
//! XLSX and XLSB sheets are streamed cell by cell (calamine's cells reader): shared strings
//! are borrowed, not copied into a dense range of owned cells first, so a 100k-row sheet is
//! read with one copy of its text. XLS and ODS go through calamine's range.

use std::fmt::Write as _;
use std::io::Cursor;
use std::ops::ControlFlow;

use calamine::{
    open_workbook_auto_from_rs, CellErrorType, Data, DataRef, ExcelDateTime, Range, Reader, Sheets,
    XlsxError,
};

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
        let source = TableSource {
            file: name.to_string(),
            sheet: Some(sheet.clone()),
        };
        let table = match &mut book {
            Sheets::Xlsx(x) => match x.worksheet_cells_reader(sheet) {
                Ok(mut cells) => {
                    let next = || cells.next_cell().map_err(calamine::Error::Xlsx);
                    streamed_table(source, next).map_err(|e| e.or_else(unreadable))?
                }
                // A chart sheet: listed, empty (as calamine's range has it).
                Err(XlsxError::NotAWorksheet(_)) => sheet_table(source, &Range::default())?,
                Err(e) => return Err(unreadable(calamine::Error::Xlsx(e))),
            },
            Sheets::Xlsb(x) => {
                let mut cells = x
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| unreadable(calamine::Error::Xlsb(e)))?;
                let next = || cells.next_cell().map_err(calamine::Error::Xlsb);
                streamed_table(source, next).map_err(|e| e.or_else(unreadable))?
            }
            other => {
                let range = other.worksheet_range(sheet).map_err(unreadable)?;
                sheet_table(source, &range)?
            }
        };
        sheets.push(table);
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
        return Err(too_many_rows(source));
    }
    let mut table = TableBuilder::new(source, first_col, 0);
    let mut cell = String::new();
    for (i, row) in range.rows().enumerate() {
        for value in row {
            cell.clear();
            write_cell(&mut cell, Value::of(value));
            table.push_cell(cell.as_bytes());
        }
        table.end_row(first_row + i as u32 + 1);
    }
    Ok(table.finish(false))
}

fn too_many_rows(source: TableSource) -> ImportError {
    ImportError::TooManyRows {
        file: source.file,
        sheet: source.sheet,
        limit: MAX_ROWS,
    }
}

/// Why a streamed sheet could not be read: the reader failed, or the sheet breaks a limit.
enum StreamError {
    Reader(calamine::Error),
    Import(ImportError),
}

impl StreamError {
    fn or_else(self, unreadable: impl FnOnce(calamine::Error) -> ImportError) -> ImportError {
        match self {
            StreamError::Reader(e) => unreadable(e),
            StreamError::Import(e) => e,
        }
    }
}

/// A sheet from a cells reader, laid out as calamine's range would be (the rectangle from
/// the first to the last non-empty row and column, empty cells filled in), without the
/// range: each cell's text is written once into one buffer, then copied once into the table.
fn streamed_table<'a>(
    source: TableSource,
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, calamine::Error>,
) -> Result<Table, StreamError> {
    // Non-empty cells in reading order: position, and where their text ends in `text`.
    let mut positions: Vec<(u32, u32)> = Vec::new();
    let mut ends: Vec<u32> = Vec::new();
    let mut text = String::new();
    let mut in_order = true;
    while let Some(cell) = next().map_err(StreamError::Reader)? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let at = cell.get_position();
        in_order &= positions.last().is_none_or(|&last| last < at);
        write_cell(&mut text, Value::of_ref(value));
        positions.push(at);
        // u32 offsets, as in the table: files are capped at 200 MB.
        ends.push(text.len() as u32);
    }
    let (Some(first_row), Some(last_row), Some(first_col), Some(last_col)) = (
        positions.iter().map(|p| p.0).min(),
        positions.iter().map(|p| p.0).max(),
        positions.iter().map(|p| p.1).min(),
        positions.iter().map(|p| p.1).max(),
    ) else {
        return Ok(TableBuilder::new(source, 0, 0).finish(false));
    };
    if (last_row - first_row) as usize >= MAX_ROWS {
        return Err(StreamError::Import(too_many_rows(source)));
    }
    // Cells out of reading order (rare; some writers) are put in order; of two cells at one
    // place the later one counts, as in calamine's range.
    let mut order: Vec<usize> = (0..positions.len()).collect();
    if !in_order {
        order.sort_by_key(|&i| positions[i]);
    }
    let cell_text = |i: usize| {
        let start = i.checked_sub(1).map_or(0, |before| ends[before] as usize);
        text.get(start..ends[i] as usize).unwrap_or("")
    };
    let mut table = TableBuilder::new(source, first_col, text.len());
    let mut k = 0;
    while k < order.len() {
        let row = positions[order[k]].0;
        let mut col = first_col;
        while let Some(&i) = order.get(k).filter(|&&i| positions[i].0 == row) {
            k += 1;
            if order.get(k).is_some_and(|&j| positions[j] == positions[i]) {
                continue;
            }
            for _ in col..positions[i].1 {
                table.push_cell(b"");
            }
            table.push_cell(cell_text(i).as_bytes());
            col = positions[i].1 + 1;
        }
        for _ in col..=last_col {
            table.push_cell(b"");
        }
        table.end_row(row + 1);
    }
    Ok(table.finish(false))
}

/// A cell's value, from a range ([`Data`]) or a cells reader ([`DataRef`]).
enum Value<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(ExcelDateTime),
    Error(&'a CellErrorType),
}

impl<'a> Value<'a> {
    fn of(value: &'a Data) -> Self {
        match value {
            Data::Empty => Value::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s),
            Data::Int(i) => Value::Int(*i),
            Data::Float(f) => Value::Float(*f),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(dt) => Value::DateTime(*dt),
            Data::Error(e) => Value::Error(e),
        }
    }

    fn of_ref(value: &'a DataRef<'_>) -> Self {
        match value {
            DataRef::Empty => Value::Empty,
            DataRef::SharedString(s) => Value::Text(s),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Value::Text(s)
            }
            DataRef::Int(i) => Value::Int(*i),
            DataRef::Float(f) => Value::Float(*f),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(dt) => Value::DateTime(*dt),
            DataRef::Error(e) => Value::Error(e),
        }
    }
}

/// Writes a cell as text: numbers in their shortest exact form, dates as ISO dates (with the
/// time only when there is one), errors as Excel shows them (`#DIV/0!`).
fn write_cell(out: &mut String, value: Value<'_>) {
    let _ = match value {
        Value::Empty => Ok(()),
        Value::Text(s) => {
            out.push_str(s);
            Ok(())
        }
        Value::Int(i) => write!(out, "{i}"),
        Value::Float(f) => write!(out, "{f}"),
        Value::Bool(b) => write!(out, "{}", if b { "TRUE" } else { "FALSE" }),
        Value::DateTime(dt) if dt.is_datetime() => {
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
        Value::DateTime(dt) => write!(out, "{}", dt.as_f64()),
        Value::Error(e) => write!(out, "{e}"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Cell;

    fn source() -> TableSource {
        TableSource {
            file: "t.xlsx".into(),
            sheet: Some("Sheet1".into()),
        }
    }

    #[test]
    fn a_streamed_sheet_reads_as_calamines_range_does() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 5).expect("a date");
        let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        // A table from C3 with a gap row, a missing cell, a styled blank cell beyond the
        // data, and one cell left of it (so the table starts at column B).
        let mut write = || -> Result<(), rust_xlsxwriter::XlsxError> {
            sheet.write_string(2, 2, "客户名称")?;
            sheet.write_string(2, 3, "value")?;
            sheet.write_string(2, 5, "date")?;
            sheet.write_string(3, 2, "甲")?;
            sheet.write_number(3, 3, 1.5)?;
            sheet.write_datetime_with_format(3, 5, &date, &format)?;
            sheet.write_number(5, 3, 7)?;
            sheet.write_boolean(5, 5, true)?;
            sheet.write_blank(6, 9, &format)?;
            sheet.write_string(7, 1, "left")?;
            sheet.write_string(7, 2, "甲")?;
            Ok(())
        };
        write().expect("writes");
        let bytes = book.save_to_buffer().expect("saves");
        let streamed = read_workbook("t.xlsx", &bytes).expect("reads");
        let mut book = open_workbook_auto_from_rs(Cursor::new(&bytes)).expect("opens");
        let range = book.worksheet_range("Sheet1").expect("a sheet");
        let via_range = sheet_table(source(), &range).expect("a table");
        assert_eq!(streamed.sheets, [via_range]);
        let t = &streamed.sheets[0];
        assert_eq!((t.first_column, t.header_row), (1, 3));
        assert_eq!(t.headers, ["", "客户名称", "value", "", "date"]);
        let row = t.row(0).expect("a row");
        assert_eq!(row.get(4), "2024-01-05");
        assert_eq!(t.row(1).map(|r| (r.number(), r.get(4))), Some((6, "TRUE")));
    }

    #[test]
    fn cells_out_of_order_are_placed_and_the_later_of_two_wins() {
        let cells = [
            ((4, 2), DataRef::SharedString("b")),
            ((3, 3), DataRef::Float(2.0)),
            ((3, 2), DataRef::SharedString("name")),
            ((4, 2), DataRef::SharedString("c")),
            ((3, 4), DataRef::Empty),
        ];
        let mut given = cells.iter().cloned().map(|(at, v)| Cell::new(at, v));
        let streamed =
            streamed_table(source(), || Ok(given.next())).unwrap_or_else(|_| panic!("reads"));
        let sparse = cells
            .iter()
            .filter(|(_, v)| *v != DataRef::Empty)
            .map(|(at, v)| Cell::new(*at, Data::from(v.clone())))
            .collect();
        let via_range = sheet_table(source(), &Range::from_sparse(sparse)).expect("a table");
        assert_eq!(streamed, via_range);
        assert_eq!(streamed.row(0).map(|r| r.get(0)), Some("c"));
    }
}
