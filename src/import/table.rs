//! A read sheet as one compact cell store: all cell text in one `String`, cells as end
//! offsets, rows as end indices into the cells. At 100k rows × 15 columns this is three
//! allocations instead of 1.5 million, and it serialises cheaply to and from the worker.

use serde::{Deserialize, Serialize};

use super::report::Problem;

/// Where a table came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSource {
    pub file: String,
    /// The sheet name; `None` for a text file.
    pub sheet: Option<String>,
}

/// One sheet: a header row and data rows of text cells.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub source: TableSource,
    /// The header cells, trimmed; a blank header stays blank (the UI shows the column letter).
    pub headers: Vec<String>,
    /// The spreadsheet row of the header (1 unless rows above it were blank).
    pub header_row: u32,
    /// The spreadsheet column of the first cell, 0-based (a sheet whose data starts in C has 2).
    pub first_column: u32,
    /// Numbers are written with a decimal comma ("1.234,5"): set for semicolon-separated text,
    /// the form European Excel saves.
    pub decimal_comma: bool,
    /// Problems found while reading (broken quoting, cells beyond the header), by row.
    pub problems: Vec<Problem>,
    text: String,
    cell_ends: Vec<u32>,
    row_ends: Vec<u32>,
    row_numbers: Vec<u32>,
}

/// One data row, borrowed from its table.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a Table,
    first_cell: usize,
    end_cell: usize,
    number: u32,
}

impl<'a> Row<'a> {
    /// The cell in column `col` (0-based from the table's first column), "" when the row is
    /// shorter.
    pub fn get(&self, col: usize) -> &'a str {
        if col >= self.end_cell - self.first_cell {
            return "";
        }
        self.table.cell_text(self.first_cell + col)
    }

    /// The number of cells actually present.
    pub fn len(&self) -> usize {
        self.end_cell - self.first_cell
    }

    /// True for a row without cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row number the user sees in the spreadsheet (header row = 1 in a plain file).
    pub fn number(&self) -> usize {
        self.number as usize
    }

    /// The cells in order.
    pub fn cells(&self) -> impl Iterator<Item = &'a str> + 'a {
        let table = self.table;
        (self.first_cell..self.end_cell).map(move |i| table.cell_text(i))
    }
}

impl Table {
    /// The number of data rows.
    pub fn len(&self) -> usize {
        self.row_ends.len()
    }

    /// True when there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.row_ends.is_empty()
    }

    /// Data row `index` (0-based), if present.
    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        let end_cell = *self.row_ends.get(index)? as usize;
        let first_cell = match index {
            0 => 0,
            i => self.row_ends[i - 1] as usize,
        };
        Some(Row {
            table: self,
            first_cell,
            end_cell,
            number: self.row_numbers.get(index).copied().unwrap_or_default(),
        })
    }

    /// Every data row, for previews and conversion.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.len()).filter_map(move |i| self.row(i))
    }

    fn cell_text(&self, cell: usize) -> &str {
        let start = match cell {
            0 => 0,
            c => self.cell_ends[c - 1] as usize,
        };
        let end = self.cell_ends[cell] as usize;
        self.text.get(start..end).unwrap_or("")
    }
}

/// Builds a [`Table`] cell by cell. Cell text is appended as bytes; readers only append whole
/// UTF-8 strings (decoded text cut at ASCII delimiters), and [`TableBuilder::finish`] checks.
pub(crate) struct TableBuilder {
    source: TableSource,
    headers: Option<Vec<String>>,
    header_row: u32,
    first_column: u32,
    text: Vec<u8>,
    cell_ends: Vec<u32>,
    row_ends: Vec<u32>,
    row_numbers: Vec<u32>,
    row_start_cell: usize,
    row_start_text: usize,
    problems: Vec<Problem>,
}

impl TableBuilder {
    pub fn new(source: TableSource, first_column: u32, expected_bytes: usize) -> Self {
        TableBuilder {
            source,
            headers: None,
            header_row: 1,
            first_column,
            text: Vec::with_capacity(expected_bytes),
            cell_ends: Vec::new(),
            row_ends: Vec::new(),
            row_numbers: Vec::new(),
            row_start_cell: 0,
            row_start_text: 0,
            problems: Vec::new(),
        }
    }

    pub fn source(&self) -> &TableSource {
        &self.source
    }

    pub fn has_headers(&self) -> bool {
        self.headers.is_some()
    }

    pub fn header_count(&self) -> usize {
        self.headers.as_ref().map_or(0, Vec::len)
    }

    pub fn rows(&self) -> usize {
        self.row_ends.len()
    }

    /// The header of column `col`, "" when there is none.
    pub fn header(&self, col: usize) -> String {
        self.headers
            .as_ref()
            .and_then(|h| h.get(col))
            .cloned()
            .unwrap_or_default()
    }

    /// Appends one cell's text to the current row.
    pub fn push_cell(&mut self, cell: &[u8]) {
        self.text.extend_from_slice(cell);
        // u32 offsets are enough: files are capped at 200 MB.
        self.cell_ends.push(self.text.len() as u32);
    }

    /// Ends the current row, which is spreadsheet row `number`. The first row with any text
    /// becomes the header; blank rows are dropped (their numbers are simply skipped).
    pub fn end_row(&mut self, number: u32) {
        let cells = self.row_start_cell..self.cell_ends.len();
        let blank = self.text[self.row_start_text..]
            .iter()
            .all(u8::is_ascii_whitespace);
        if blank {
            self.discard_row();
            return;
        }
        if self.headers.is_none() {
            let mut start = self.row_start_text;
            let mut headers = Vec::with_capacity(cells.len());
            for &end in &self.cell_ends[cells] {
                let end = end as usize;
                headers.push(
                    String::from_utf8_lossy(&self.text[start..end])
                        .trim()
                        .to_string(),
                );
                start = end;
            }
            self.headers = Some(headers);
            self.header_row = number;
            self.discard_row();
            return;
        }
        self.row_ends.push(self.cell_ends.len() as u32);
        self.row_numbers.push(number);
        self.row_start_cell = self.cell_ends.len();
        self.row_start_text = self.text.len();
    }

    fn discard_row(&mut self) {
        self.cell_ends.truncate(self.row_start_cell);
        self.text.truncate(self.row_start_text);
    }

    pub fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    pub fn finish(mut self, decimal_comma: bool) -> Table {
        // A row left open (cells pushed without end_row) is dropped.
        self.discard_row();
        let text = match String::from_utf8(self.text) {
            Ok(t) => t,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        Table {
            source: self.source,
            headers: self.headers.unwrap_or_default(),
            header_row: self.header_row,
            first_column: self.first_column,
            decimal_comma,
            problems: self.problems,
            text,
            cell_ends: self.cell_ends,
            row_ends: self.row_ends,
            row_numbers: self.row_numbers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_spreadsheet_numbers_and_short_rows_read_blank() {
        let mut b = TableBuilder::new(TableSource::default(), 0, 0);
        b.push_cell(b"");
        b.end_row(1);
        for c in ["name", "x"] {
            b.push_cell(c.as_bytes());
        }
        b.end_row(2);
        for c in ["a", "1"] {
            b.push_cell(c.as_bytes());
        }
        b.end_row(3);
        b.push_cell(b" ");
        b.end_row(4);
        b.push_cell(b"b");
        b.end_row(5);
        let t = b.finish(false);
        assert_eq!(t.headers, ["name", "x"]);
        assert_eq!(t.header_row, 2);
        assert_eq!(t.len(), 2);
        let second = t.row(1).expect("row");
        assert_eq!(
            (second.number(), second.get(0), second.get(1)),
            (5, "b", "")
        );
        assert_eq!(t.row(0).map(|r| r.get(1)), Some("1"));
    }
}
