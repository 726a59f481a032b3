//! Spreadsheet import: bytes → [`Table`]s → column [`Mapping`]s → accounts, stakeholders,
//! orders and credit assessments, with an [`ImportReport`] that locates every problem.
//!
//! The steps, in the order the Import view (or the worker) calls them:
//!
//! 1. [`read_file`] (any format) — or [`read_csv`] alone in the main bundle and
//!    [`read_workbook`] in the worker, which is the only caller of calamine. Each has a
//!    `_with_progress` twin that reports progress and can be cancelled.
//! 2. [`plan_sheets`]: per table, the guessed [`TableKind`] and the automatic [`Mapping`]
//!    (or the one remembered in [`MappingMemory`] for the same headers). The user may change
//!    both: [`auto_map`] re-maps after a kind change, [`Mapping::set`] overrides a column.
//! 3. [`convert`]: rows → model values plus the report; invalid rows are left out and listed,
//!    [`problem_rows_csv`] exports them to be fixed and imported again. The worker uses
//!    [`convert_in_parts`], which hands the accounts over while it converts.
//! 4. [`plan_merge`]: what the import would change in a workspace (new, updated, unchanged,
//!    with problems), then [`MergePlan::apply`]. A merge never deletes anything.
//!
//! [`template_csv`] and [`template_xlsx`] give files that map back automatically. The pure
//! `fn(&[u8])` entries in [`fuzz`] exist for fuzzers and property tests.

mod convert;
mod decode;
mod mapping;
mod merge;
mod report;
mod table;
mod template;
mod text;
pub mod transfer;
mod value;
mod workbook;
pub mod worker;

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Label, Lang};

pub use convert::{convert, convert_in_parts, AccountParts, Imported, Origin};
pub use decode::TextEncoding;
pub use mapping::{
    auto_map, guess_kind, header_signature, normalise_header, plan_sheets, targets_for, ColumnMap,
    Confidence, Mapping, MappingMemory, PersonalField, SheetPlan, TableKind, Target,
};
pub use merge::{plan_merge, AccountChange, MergePlan, MergeSummary};
pub use report::{column_letter, problem_rows_csv, ImportReport, Problem, Reason, Severity};
pub use table::{Row, Table, TableSource};
pub use template::{template_csv, template_xlsx};
pub use text::{read_csv, read_csv_with_progress, Delimiter};
pub use value::{excel_serial_to_date, parse_date, parse_number, ValueError};
pub use workbook::{read_workbook, read_workbook_with_progress};

/// Files above this size are refused before parsing: a browser tab holds the bytes, the
/// decoded text and the cell store at once, and 200 MB of CSV is already ~2 million rows.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// Excel's own sheet limit, header included: a sheet with more rows cannot have come from a
/// spreadsheet and would not open in one for fixing.
pub const MAX_ROWS: usize = 1_048_576;

/// Called with the fraction done (0.0–1.0); returning `Break` cancels the read.
pub type Progress<'a> = &'a mut dyn FnMut(f32) -> ControlFlow<()>;

/// The container a file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// Delimited text: CSV, TSV, semicolon-separated, Excel's "Unicode text".
    Text,
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

/// A read file: its tables (one per sheet; one for a text file) and what was detected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub file: String,
    pub format: FileFormat,
    /// For text files: the detected encoding, shown to the user.
    pub encoding: Option<TextEncoding>,
    /// For text files: the detected delimiter, shown to the user.
    pub delimiter: Option<Delimiter>,
    /// Every sheet, in workbook order, including empty ones (so the user sees them all).
    pub sheets: Vec<Table>,
}

/// A file that cannot be read at all. Problems with single cells are [`Problem`]s instead.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ImportError {
    #[error("{file}: the file is {bytes} bytes; the limit is {limit} bytes — split it into smaller files")]
    TooLarge {
        file: String,
        bytes: usize,
        limit: usize,
    },
    #[error("{file}{}: more than {limit} rows, Excel's limit — split it into smaller files", sheet_suffix(.sheet))]
    TooManyRows {
        file: String,
        sheet: Option<String>,
        limit: usize,
    },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error(
        "{file}: not a readable spreadsheet ({reason}); save it as .xlsx or .csv and try again"
    )]
    Workbook { file: String, reason: String },
    #[error("{file}: not a spreadsheet or a text table (it holds binary data, such as an image or a PDF); choose an .xlsx, .xls, .ods or .csv file")]
    Binary { file: String },
    #[error("{file}: not a readable text table near row {row} ({reason})")]
    Text {
        file: String,
        row: usize,
        reason: String,
    },
    #[error("the import was cancelled")]
    Cancelled,
    #[error("the template could not be written: {0}")]
    Template(String),
}

fn sheet_suffix(sheet: &Option<String>) -> String {
    sheet
        .as_ref()
        .map_or_else(String::new, |s| format!(", sheet {s}"))
}

impl ImportError {
    /// The message in `lang`; the English text is also the `Display` form.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ImportError::TooLarge { file, bytes, limit } => {
                format!("{file}：文件大小 {bytes} 字节，超过上限 {limit} 字节，请拆分成较小的文件")
            }
            ImportError::TooManyRows { file, sheet, limit } => {
                let sheet = sheet
                    .as_ref()
                    .map_or_else(String::new, |s| format!("，工作表 {s}"));
                format!("{file}{sheet}：超过 {limit} 行（Excel 的上限），请拆分成较小的文件")
            }
            ImportError::Empty { file } => format!("{file}：文件是空的"),
            ImportError::Workbook { file, reason } => {
                format!("{file}：无法读取该表格文件（{reason}），请另存为 .xlsx 或 .csv 后重试")
            }
            ImportError::Binary { file } => format!(
                "{file}：不是电子表格或文本表格（含二进制数据，例如图片或 PDF）；请选择 .xlsx、.xls、.ods 或 .csv 文件"
            ),
            ImportError::Text { file, row, reason } => {
                format!("{file}：第 {row} 行附近无法读取（{reason}）")
            }
            ImportError::Cancelled => "导入已取消".to_string(),
            ImportError::Template(e) => format!("无法生成模板：{e}"),
        }
    }

    /// The message in both languages, for a view that switches language later.
    pub fn label(&self) -> Label {
        Label::new(self.text(Lang::En), self.text(Lang::Zh))
    }
}

/// Reads any supported file: a workbook (XLSX, XLSB, XLS, ODS — recognised by its bytes, or
/// by its extension when the bytes are not recognisable) or delimited text.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Workbook, ImportError> {
    read_file_with_progress(name, bytes, &mut |_| ControlFlow::Continue(()))
}

/// [`read_file`] with progress and cancellation.
pub fn read_file_with_progress(
    name: &str,
    bytes: &[u8],
    progress: Progress<'_>,
) -> Result<Workbook, ImportError> {
    if looks_like_workbook(name, bytes) {
        read_workbook_with_progress(name, bytes, progress)
    } else if looks_binary(bytes) {
        // Its size first: too large is the error to fix first, whatever the file holds.
        check_size(name, bytes)?;
        Err(ImportError::Binary {
            file: name.to_string(),
        })
    } else {
        read_csv_with_progress(name, bytes, progress)
    }
}

/// A zero byte near the start: text in UTF-8 or GBK never has one, UTF-16 (which does) starts
/// with its BOM, and images, PDFs and archives all do. Read as text, such a file became a
/// table of garbled rows ("CSV · GBK, 44 rows") instead of an error.
fn looks_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    !utf16 && memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// Zip (XLSX, XLSB, ODS) and OLE (XLS) signatures, else a workbook extension.
fn looks_like_workbook(name: &str, bytes: &[u8]) -> bool {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0";
    if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn check_size(name: &str, bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file: name.to_string(),
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(ImportError::Empty {
            file: name.to_string(),
        });
    }
    Ok(())
}

/// Pure `fn(&[u8])` entries for fuzzers (cargo-fuzz, AFL) and property tests: each runs a
/// whole stage on arbitrary bytes and must never panic.
pub mod fuzz {
    use super::*;
    use crate::framework::presets;

    /// Every reader, as the drop zone calls it.
    pub fn read_any(data: &[u8]) {
        let _ = read_file("fuzz.bin", data);
        let _ = read_file("fuzz.xlsx", data);
    }

    /// Reading as text, mapping and converting with the presets: the whole text pipeline.
    pub fn text_pipeline(data: &[u8]) {
        if let Ok(book) = read_csv("fuzz.csv", data) {
            let plans = plan_sheets(&book, &MappingMemory::default());
            let sheets: Vec<(&Table, &SheetPlan)> = book.sheets.iter().zip(&plans).collect();
            let _ = convert(&sheets, &presets::all(), &[]);
        }
    }

    /// Cell-value parsing.
    pub fn values(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = parse_number(&text, false);
        let _ = parse_number(&text, true);
        let _ = parse_date(&text);
    }
}
