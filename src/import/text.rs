//! Delimited text (CSV, TSV, semicolon, pipe): encoding detected, delimiter sniffed, quotes and
//! line breaks inside quotes handled by the `csv` crate, one reused record for the whole file.
//!
//! This is the part of the importer the main bundle ships; it never touches calamine.

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

use super::decode::decode;
use super::report::{Problem, Reason, Severity};
use super::table::{Table, TableBuilder, TableSource};
use super::{check_size, FileFormat, ImportError, Progress, Workbook, MAX_ROWS};
use crate::i18n::Lang;

/// The field separator of a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Tab,
    Semicolon,
    Pipe,
}

impl Delimiter {
    const ALL: [Delimiter; 4] = [
        Delimiter::Comma,
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Pipe,
    ];

    /// The byte it stands for.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
            Delimiter::Semicolon => b';',
            Delimiter::Pipe => b'|',
        }
    }

    /// The name shown in the import summary.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Delimiter::Comma, Lang::En) => "comma ( , )",
            (Delimiter::Comma, Lang::Zh) => "逗号（ , ）",
            (Delimiter::Tab, Lang::En) => "tab",
            (Delimiter::Tab, Lang::Zh) => "制表符（Tab）",
            (Delimiter::Semicolon, Lang::En) => "semicolon ( ; )",
            (Delimiter::Semicolon, Lang::Zh) => "分号（ ; ）",
            (Delimiter::Pipe, Lang::En) => "vertical bar ( | )",
            (Delimiter::Pipe, Lang::Zh) => "竖线（ | ）",
        }
    }
}

/// How much text the delimiter is guessed from.
const SNIFF_BYTES: usize = 64 * 1024;
const SNIFF_RECORDS: usize = 50;
/// Progress is reported (and cancellation checked) every this many records.
const PROGRESS_EVERY: usize = 8192;

/// Reads delimited text into a one-table [`Workbook`].
pub fn read_csv(name: &str, bytes: &[u8]) -> Result<Workbook, ImportError> {
    read_csv_with_progress(name, bytes, &mut |_| ControlFlow::Continue(()))
}

/// [`read_csv`] with progress (fraction of bytes read) and cancellation.
pub fn read_csv_with_progress(
    name: &str,
    bytes: &[u8],
    progress: Progress<'_>,
) -> Result<Workbook, ImportError> {
    check_size(name, bytes)?;
    let decoded = decode(bytes);
    let text: &str = &decoded.text;
    let delimiter = sniff(text);
    let source = TableSource {
        file: name.to_string(),
        sheet: None,
    };
    let mut table = TableBuilder::new(source, 0, text.len());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    // The row the user sees is 1 + the line breaks before the record's first byte, less
    // those inside quoted cells (which Excel keeps within one row). Counted from the bytes:
    // the reader's own line count is one short in CRLF files, i.e. everything Excel saves.
    let mut breaks_inside_cells: u64 = 0;
    let mut breaks_before = (0usize, 0u64);
    let mut last = (0u64, 0u32);
    let mut records = 0usize;
    let total = text.len().max(1) as f32;
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| ImportError::Text {
                file: name.to_string(),
                row: records + 1,
                reason: e.to_string(),
            })?;
        if !more {
            break;
        }
        records += 1;
        let byte = record.position().map_or(0, |p| p.byte());
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        // After a CRLF the reader's record starts at the LF: it still belongs to the row before.
        if text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        if start > breaks_before.0 {
            breaks_before.1 += line_breaks(&text.as_bytes()[breaks_before.0..start]);
            breaks_before.0 = start;
        }
        let row = (1 + breaks_before.1).saturating_sub(breaks_inside_cells);
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        if table.rows() + 1 >= MAX_ROWS {
            return Err(ImportError::TooManyRows {
                file: name.to_string(),
                sheet: None,
                limit: MAX_ROWS,
            });
        }
        breaks_inside_cells += line_breaks(record.as_slice());
        for field in record.iter() {
            table.push_cell(field);
        }
        if table.has_headers() && record.len() > table.header_count() {
            extra_cells(&mut table, &record, row);
        }
        table.end_row(row);
        last = (byte, row);
        if records.is_multiple_of(PROGRESS_EVERY) {
            if let ControlFlow::Break(()) = progress(byte as f32 / total) {
                return Err(ImportError::Cancelled);
            }
        }
    }
    if let Some(column) = unterminated_quote(text, last.0, delimiter.byte()) {
        let mut p =
            Problem::table_level(table.source(), Severity::Error, Reason::UnterminatedQuote);
        p.row = last.1 as usize;
        p.column = Some(column);
        p.header = table.header(column);
        table.problem(p);
    }
    let _ = progress(1.0);
    let mut sheet = table.finish(delimiter == Delimiter::Semicolon);
    if decoded.replaced {
        sheet.problems.insert(0, undecodable(&sheet));
    }
    Ok(Workbook {
        file: name.to_string(),
        format: FileFormat::Text,
        encoding: Some(decoded.encoding),
        delimiter: Some(delimiter),
        sheets: vec![sheet],
    })
}

/// The warning for bytes no encoding could read, located at the first cell (header or data)
/// where they show as U+FFFD, so the user knows where to look in the file.
fn undecodable(table: &Table) -> Problem {
    let mut p = Problem::table_level(&table.source, Severity::Warning, Reason::UndecodableBytes);
    let replaced = |cell: &str| cell.contains('\u{FFFD}');
    let in_headers = table
        .headers
        .iter()
        .position(|h| replaced(h))
        .map(|col| (table.header_row as usize, col, table.headers[col].clone()));
    let in_rows = || {
        table.rows().find_map(|row| {
            let col = row.cells().position(replaced)?;
            Some((row.number(), col, row.get(col).trim().to_string()))
        })
    };
    if let Some((row, col, value)) = in_headers.or_else(in_rows) {
        p.row = row;
        p.column = Some(col + table.first_column as usize);
        p.header = table.headers.get(col).cloned().unwrap_or_default();
        p.value = value;
    }
    p
}

/// The line breaks (LF) in `bytes`. Every byte of a file is looked at twice for them (in its
/// record, and between record starts), so memchr's search, a word at a time, instead of a
/// test of each byte; a record's cells are searched at once, not cell by cell.
fn line_breaks(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Cells beyond the header are not imported; say so when they hold something.
fn extra_cells(table: &mut TableBuilder, record: &csv::ByteRecord, row: u32) {
    let width = table.header_count();
    if let Some((col, cell)) = record
        .iter()
        .enumerate()
        .skip(width)
        .find(|(_, c)| !c.iter().all(u8::is_ascii_whitespace))
    {
        let mut p = Problem::table_level(
            table.source(),
            Severity::Warning,
            Reason::BeyondHeader { width },
        );
        p.row = row as usize;
        p.column = Some(col);
        p.value = String::from_utf8_lossy(cell).into_owned();
        table.problem(p);
    }
}

/// Whether the last record opened a quote it never closed (the csv crate then reads the rest
/// of the file into that cell without complaint), and in which column. Replays the quoting
/// rules on the last record's raw text: a quote opens a field only at its start, `""` inside a
/// quoted field is a literal quote, and a quote elsewhere is literal.
fn unterminated_quote(text: &str, last_record_start: u64, delimiter: u8) -> Option<usize> {
    let raw = text.as_bytes().get(last_record_start as usize..)?;
    let mut column = 0;
    let mut inside = false;
    let mut just_closed = false;
    let mut at_field_start = true;
    let mut opened_at = 0;
    for &b in raw {
        if b == b'"' {
            if inside {
                inside = false;
                just_closed = true;
                continue;
            }
            if just_closed || at_field_start {
                if at_field_start {
                    opened_at = column;
                }
                inside = true;
                just_closed = false;
                at_field_start = false;
                continue;
            }
        } else if b == delimiter && !inside {
            column += 1;
            at_field_start = true;
            just_closed = false;
            continue;
        }
        just_closed = false;
        at_field_start = false;
    }
    inside.then_some(opened_at)
}

/// Picks the delimiter that splits the first records into the same number (> 1) of fields
/// most consistently; ties go to more fields, then to the order comma, tab, semicolon, pipe.
fn sniff(text: &str) -> Delimiter {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text.as_bytes()[..end];
    // Cut at the last line break so a record cut in half does not count.
    let sample = match sample.iter().rposition(|&b| b == b'\n') {
        Some(i) if end < text.len() => &sample[..i],
        _ => sample,
    };
    let mut best = (Delimiter::Comma, 0usize, 0usize);
    for d in Delimiter::ALL {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d.byte())
            .has_headers(false)
            .flexible(true)
            .from_reader(sample);
        let counts: Vec<usize> = reader
            .byte_records()
            .take(SNIFF_RECORDS)
            .filter_map(Result::ok)
            .filter(|r| r.len() > 1 || r.get(0).is_some_and(|c| !c.is_empty()))
            .map(|r| r.len())
            .collect();
        let Some(mode) = mode(&counts) else { continue };
        if mode < 2 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == mode).count();
        // Consistency in per mille, so an integer comparison ranks candidates.
        let consistency = agreeing * 1000 / counts.len();
        if (consistency, mode) > (best.1, best.2) {
            best = (d, consistency, mode);
        }
    }
    best.0
}

fn mode(counts: &[usize]) -> Option<usize> {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for chunk in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| chunk.len() > n) {
            best = Some((chunk[0], chunk.len()));
        }
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_delimiter_and_ignores_commas_inside_quotes_and_numbers() {
        assert_eq!(sniff("a,b,c\n1,2,3\n"), Delimiter::Comma);
        assert_eq!(sniff("a\tb\n\"1,234\"\t2\n1,5\t3\n"), Delimiter::Tab);
        assert_eq!(sniff("a;b;c\n1,5;2;3\n"), Delimiter::Semicolon);
        assert_eq!(sniff("a|b\n1|2\n"), Delimiter::Pipe);
        assert_eq!(sniff("name\nx\n"), Delimiter::Comma);
    }

    #[test]
    fn an_unclosed_quote_is_found_in_its_column() {
        assert_eq!(unterminated_quote("a,\"b\nc\n", 0, b','), Some(1));
        assert_eq!(unterminated_quote("a,\"b\"\"c\"\n", 0, b','), None);
    }
}
