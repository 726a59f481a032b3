//! The conversation between the Import view and the import worker, and the worker's side of
//! it. The worker (a Web Worker, `src/bin/import_worker.rs`) owns everything heavy — the
//! readers (calamine for workbooks), the header synonyms, the conversion and the template
//! writer — so none of it ships in the main bundle and a 100k-row file never blocks the page.
//!
//! This module is pure: the worker binary only moves [`Request`]s, [`Reply`]s and byte
//! buffers across `postMessage`, so the whole conversation is tested natively.
//!
//! 1. [`Request::Read`] with the files' bytes → [`Reply::Progress`]… then [`Reply::Read`]:
//!    per file what was detected (or why it cannot be read), per sheet the headers, the first
//!    rows, the guessed plan and the automatic plan for every other table kind, so the view
//!    can switch a sheet's kind without asking again.
//! 2. [`Request::Convert`] with the plans the user confirmed → [`Reply::Converted`]: the
//!    imported records and their report, plus the first problems rendered in both languages.
//! 3. [`Request::ProblemRows`] / [`Request::Template`] → [`Reply::File`] with the bytes.
//! 4. [`Request::ResultsXlsx`] with the results workbook as data (built by the page from its
//!    scores, [`crate::export::book`]) → [`Reply::File`] with the XLSX bytes.

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

use super::transfer::{self, DamagedRecords, Records};
use super::{
    auto_map, convert_in_parts, plan_sheets, problem_rows_csv, read_file_with_progress,
    targets_for, template_csv, template_xlsx, AccountParts, Delimiter, FileFormat, ImportReport,
    Imported, MappingMemory, Problem, Severity, SheetPlan, Table, TableKind, Target, TextEncoding,
};
use crate::export::book::ResultsBook;
use crate::framework::Framework;
use crate::i18n::{Label, Lang};
use crate::model::{Account, Workspace};
use crate::scoring::ahead::ScoreAhead;
use crate::scoring::Engine;

/// The MIME type of an XLSX workbook.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Rows of each sheet shown under the mapping, to check it against real values.
pub const PREVIEW_ROWS: usize = 6;

/// Records per [`Reply::Records`] message: the page decodes each part in its own task, so a
/// 100k-account import never holds the page for long.
pub const RECORDS_PER_PART: usize = 5_000;

/// Problems rendered for the view; the rest are counted, and all of them are in the
/// downloadable problem rows.
pub const PROBLEMS_SHOWN: usize = 500;

/// What the Import view asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Request {
    /// Read the files whose bytes travel alongside, in this order.
    Read {
        names: Vec<String>,
        memory: MappingMemory,
    },
    /// Convert every sheet of the last read with the plan the user confirmed (one per sheet,
    /// in order), checking values against `frameworks` and linking rows to `existing`.
    Convert {
        plans: Vec<SheetPlan>,
        frameworks: Vec<Framework>,
        existing: Vec<AccountRef>,
    },
    /// The rejected rows of one sheet of the last conversion, as CSV to fix and re-import.
    ProblemRows { sheet: usize, lang: Lang },
    /// A template to hand to a client.
    Template {
        format: TemplateFormat,
        frameworks: Vec<Framework>,
    },
    /// The results workbook to write as XLSX, offered as `name`.
    ResultsXlsx { name: String, book: ResultsBook },
}

/// An account of the workspace, as far as linking imported rows needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRef {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateFormat {
    Csv,
    Xlsx,
}

/// The long step under way, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Converting,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// The worker has started and takes requests.
    Ready,
    /// `fraction` (0–1) of `stage` is done; the bar moves, the page stays responsive.
    Progress {
        stage: Stage,
        fraction: f32,
    },
    Read(ReadResult),
    /// Part `part` (counted from 0) of the converted records, as bytes alongside (see
    /// [`Arrivals`]), sent while the conversion goes on; `fraction` (0–1) of the
    /// conversion is done. Every part comes before [`Reply::Converted`].
    Records {
        part: usize,
        fraction: f32,
    },
    /// The report of the conversion whose records were just sent.
    Converted(Converted),
    /// A file to offer for download; its bytes travel alongside.
    File {
        name: String,
        mime: String,
    },
    /// A request that could not be carried out (not a problem with the user's data, which
    /// the report covers).
    Failed {
        message: Label,
    },
}

/// Every file of a read, every sheet found, and the fields each table kind can map to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadResult {
    pub files: Vec<FileRead>,
    /// Every sheet of every readable file, in order; [`Request::Convert`] takes one plan each.
    pub sheets: Vec<SheetPreview>,
    /// For each table kind, the fields its columns can fill, for the mapping dropdowns.
    pub targets: Vec<(TableKind, Vec<(Target, Label)>)>,
}

/// One file: what it turned out to be, or why it cannot be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRead {
    pub name: String,
    pub format: Option<FileFormat>,
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<Delimiter>,
    pub error: Option<Label>,
}

/// One sheet as the mapping step shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetPreview {
    pub file: String,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    /// Data rows (the header row not counted).
    pub rows: usize,
    /// The first [`PREVIEW_ROWS`] rows' cells.
    pub preview: Vec<Vec<String>>,
    /// The guessed (or remembered) kind and mapping.
    pub plan: SheetPlan,
    /// The automatic plan for every kind, [`TableKind::ALL`] then `Other`, with `plan` itself
    /// in its kind's place.
    pub alternatives: Vec<SheetPlan>,
}

/// The result of a conversion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Converted {
    pub rows_read: usize,
    pub rows_imported: usize,
    /// Distinct rows left out because of errors.
    pub rows_with_errors: usize,
    pub total_problems: usize,
    /// The first [`PROBLEMS_SHOWN`] problems, located and explained in both languages.
    pub problems: Vec<ProblemLine>,
    /// Sheets (by index) with rejected rows, for the "download problem rows" buttons.
    pub sheets_with_rejected_rows: Vec<usize>,
}

/// A problem as the report table shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProblemLine {
    pub file: String,
    pub sheet: Option<String>,
    pub row: usize,
    /// The column's letter (`C`) and header, when the problem is in one cell.
    pub column: Option<String>,
    pub value: String,
    pub reason: Label,
    pub error: bool,
}

/// The page's end of a conversion: the records of every [`Reply::Records`] part so far, and,
/// for an import into a workspace without records, its accounts indexed and scored as they
/// arrive ([`ScoreAhead`]), while the worker converts the next rows.
#[derive(Default)]
pub struct Arrivals {
    imported: Imported,
    ahead: Option<ScoreAhead>,
}

impl Arrivals {
    /// Ready for the parts of a conversion into `ws`. Into a workspace without records (no
    /// account, no stakeholder) whose frameworks in force can score, the accounts are scored
    /// as they come; into any other, the commit scores them.
    pub fn into_workspace(ws: &Workspace) -> Arrivals {
        let first = ws.accounts.is_empty() && ws.stakeholders.is_empty();
        let ahead = first
            .then(|| Engine::new(&ws.frameworks_in_force()).ok())
            .flatten()
            .map(ScoreAhead::new);
        Arrivals {
            imported: Imported::default(),
            ahead,
        }
    }

    /// Adds one part, the bytes of [`transfer::encode`]. Its accounts are scored by
    /// [`Arrivals::score_arrived`], which the page calls in a task of its own: decoding a
    /// part and scoring it in one task held the page for over 100 ms on the first part, when
    /// the code ran for the first time. No account is scored ahead once a stakeholder has
    /// arrived: their scores need the stakeholders, which the commit indexes.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<(), DamagedRecords> {
        transfer::decode(bytes, &mut self.imported)?;
        if !self.imported.stakeholders.is_empty() {
            self.ahead = None;
        }
        Ok(())
    }

    /// Scores ahead the accounts received since the last call (of one part, or of several
    /// when parts came faster than their scoring).
    pub fn score_arrived(&mut self) {
        if let Some(ahead) = &mut self.ahead {
            ahead.add(&self.imported.accounts);
        }
    }

    /// Every part's records, ready for [`super::plan_merge`] (the report travels as the
    /// counts and lines of [`Converted`] instead), and the accounts scored ahead, those
    /// still unscored included.
    pub fn finish(mut self) -> (Imported, Option<ScoreAhead>) {
        self.score_arrived();
        (self.imported, self.ahead)
    }
}

/// Numbers the parts of converted records and hands them to `post`, in the order they are
/// sent: the accounts written while the conversion went on first ([`convert_in_parts`]), then
/// the rest.
struct PartSender<'p> {
    next: usize,
    post: &'p mut dyn FnMut(usize, f32, Vec<u8>),
}

impl PartSender<'_> {
    fn post(&mut self, fraction: f32, bytes: Vec<u8>) {
        (self.post)(self.next, fraction.min(1.0), bytes);
        self.next += 1;
    }

    /// Sends what `imported` still holds in parts of at most [`RECORDS_PER_PART`] rows of
    /// each table, then drops those records (its report stays). When nothing at all was
    /// sent, one (empty) part is, so the page always hears of the records.
    fn send_rest(&mut self, imported: &mut Imported) {
        fn part_of<T>(rows: &[T], part: usize) -> &[T] {
            rows.chunks(RECORDS_PER_PART).nth(part).unwrap_or_default()
        }
        let parts = [
            imported.accounts.len(),
            imported.stakeholders.len(),
            imported.orders.len(),
            imported.assessments.len(),
        ]
        .into_iter()
        .map(|len| len.div_ceil(RECORDS_PER_PART))
        .max()
        .unwrap_or(0)
        .max(usize::from(self.next == 0));
        for part in 0..parts {
            let records = Records {
                accounts: part_of(&imported.accounts, part),
                stakeholders: part_of(&imported.stakeholders, part),
                orders: part_of(&imported.orders, part),
                assessments: part_of(&imported.assessments, part),
            };
            self.post((part + 1) as f32 / parts as f32, transfer::encode(records));
        }
        imported.accounts = Vec::new();
        imported.stakeholders = Vec::new();
        imported.orders = Vec::new();
        imported.assessments = Vec::new();
    }
}

impl ProblemLine {
    fn from_problem(p: &Problem) -> Self {
        ProblemLine {
            file: p.file.clone(),
            sheet: p.sheet.clone(),
            row: p.row,
            column: p.column_letter().map(|letter| {
                if p.header.is_empty() {
                    letter
                } else {
                    format!("{letter} {}", p.header)
                }
            }),
            value: p.value.clone(),
            reason: Label::new(p.reason.text(Lang::En), p.reason.text(Lang::Zh)),
            error: p.severity == Severity::Error,
        }
    }
}

/// Sends a reply, with bytes for [`Reply::File`].
pub type Post<'a> = &'a mut dyn FnMut(Reply, Option<Vec<u8>>);

/// The worker's state between requests: the sheets of the last read and the report of the
/// last conversion.
#[derive(Default)]
pub struct ImportWorker {
    sheets: Vec<Table>,
    last_report: Option<ImportReport>,
}

impl ImportWorker {
    /// Answers one request; `files` are the bytes sent with [`Request::Read`].
    pub fn handle(&mut self, request: Request, files: Vec<Vec<u8>>, post: Post<'_>) {
        match request {
            Request::Read { names, memory } => {
                let result = self.read(&names, &files, &memory, post);
                post(Reply::Read(result), None);
            }
            Request::Convert {
                plans,
                frameworks,
                existing,
            } => match self.convert(&plans, &frameworks, &existing, post) {
                Ok(converted) => post(Reply::Converted(converted), None),
                Err(message) => post(Reply::Failed { message }, None),
            },
            Request::ProblemRows { sheet, lang } => {
                let table = self.sheets.get(sheet);
                let csv = table
                    .zip(self.last_report.as_ref())
                    .and_then(|(table, report)| {
                        problem_rows_csv(table, report, lang).map(|bytes| (table, bytes))
                    });
                match csv {
                    Some((table, bytes)) => {
                        let stem = table
                            .source
                            .file
                            .rsplit_once('.')
                            .map_or(table.source.file.as_str(), |(stem, _)| stem);
                        let sheet = table.source.sheet.as_deref().unwrap_or_default();
                        let name = crate::export::file_name(&[stem, sheet, "problems"], "csv");
                        post(reply_file(name, "text/csv"), Some(bytes));
                    }
                    None => post(
                        Reply::Failed {
                            message: Label::new(
                                "This sheet has no rejected rows.",
                                "该工作表没有被拒绝的行。",
                            ),
                        },
                        None,
                    ),
                }
            }
            Request::Template { format, frameworks } => match format {
                TemplateFormat::Csv => post(
                    reply_file("kam-radar-template.csv".into(), "text/csv"),
                    Some(template_csv()),
                ),
                TemplateFormat::Xlsx => match template_xlsx(&frameworks) {
                    Ok(bytes) => post(
                        reply_file(
                            "kam-radar-template.xlsx".into(),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        ),
                        Some(bytes),
                    ),
                    Err(e) => post(Reply::Failed { message: e.label() }, None),
                },
            },
            Request::ResultsXlsx { name, book } => match crate::export::xlsx::write_xlsx(&book) {
                Ok(bytes) => post(reply_file(name, XLSX_MIME), Some(bytes)),
                Err(e) => post(
                    Reply::Failed {
                        message: Label::new(
                            format!("The results workbook could not be made: {e}."),
                            format!("无法生成结果工作簿：{e}。"),
                        ),
                    },
                    None,
                ),
            },
        }
    }

    fn read(
        &mut self,
        names: &[String],
        files: &[Vec<u8>],
        memory: &MappingMemory,
        post: Post<'_>,
    ) -> ReadResult {
        self.sheets.clear();
        self.last_report = None;
        let mut result = ReadResult {
            targets: TableKind::ALL
                .into_iter()
                .map(|kind| (kind, targets_for(kind)))
                .collect(),
            ..ReadResult::default()
        };
        let count = names.len().max(1) as f32;
        let mut reported = -1.0_f32;
        for (index, name) in names.iter().enumerate() {
            let bytes = files.get(index).map_or(&[][..], Vec::as_slice);
            let mut progress = |done: f32| {
                let fraction = (index as f32 + done) / count;
                // A message per percent is plenty for a bar, and cheap for the page.
                if fraction - reported >= 0.01 {
                    reported = fraction;
                    post(
                        Reply::Progress {
                            stage: Stage::Reading,
                            fraction,
                        },
                        None,
                    );
                }
                ControlFlow::Continue(())
            };
            match read_file_with_progress(name, bytes, &mut progress) {
                Ok(book) => {
                    let plans = plan_sheets(&book, memory);
                    result.files.push(FileRead {
                        name: name.clone(),
                        format: Some(book.format),
                        encoding: book.encoding,
                        delimiter: book.delimiter,
                        error: None,
                    });
                    for (table, plan) in book.sheets.into_iter().zip(plans) {
                        result.sheets.push(preview(&table, plan));
                        self.sheets.push(table);
                    }
                }
                Err(e) => result.files.push(FileRead {
                    name: name.clone(),
                    format: None,
                    encoding: None,
                    delimiter: None,
                    error: Some(e.label()),
                }),
            }
        }
        result
    }

    fn convert(
        &mut self,
        plans: &[SheetPlan],
        frameworks: &[Framework],
        existing: &[AccountRef],
        post: Post<'_>,
    ) -> Result<Converted, Label> {
        if plans.len() != self.sheets.len() {
            return Err(Label::new(
                "The files changed since they were read; read them again.",
                "文件在读取后已变化，请重新读取。",
            ));
        }
        post(
            Reply::Progress {
                stage: Stage::Converting,
                fraction: 0.0,
            },
            None,
        );
        let existing: Vec<Account> = existing
            .iter()
            .map(|a| Account::new(a.id.clone(), a.name.clone()))
            .collect();
        let pairs: Vec<(&Table, &SheetPlan)> = self.sheets.iter().zip(plans).collect();
        let mut post_part = |part, fraction, bytes| {
            post(Reply::Records { part, fraction }, Some(bytes));
        };
        let mut sender = PartSender {
            next: 0,
            post: &mut post_part,
        };
        let mut imported = convert_in_parts(
            &pairs,
            frameworks,
            &existing,
            AccountParts {
                size: RECORDS_PER_PART,
                send: &mut |fraction, bytes| sender.post(fraction, bytes),
            },
        );
        sender.send_rest(&mut imported);
        in_reading_order(&mut imported.report.problems, &self.sheets);
        let problems = imported
            .report
            .problems
            .iter()
            .take(PROBLEMS_SHOWN)
            .map(ProblemLine::from_problem)
            .collect();
        let sheets_with_rejected_rows = self
            .sheets
            .iter()
            .enumerate()
            .filter(|(_, table)| {
                imported
                    .report
                    .problems
                    .iter()
                    .any(|p| p.rejects_row_of(table))
            })
            .map(|(i, _)| i)
            .collect();
        let report = imported.report;
        let converted = Converted {
            rows_read: report.rows_read,
            rows_imported: report.rows_imported,
            rows_with_errors: report.rows_with_errors(),
            total_problems: report.problems.len(),
            problems,
            sheets_with_rejected_rows,
        };
        self.last_report = Some(report);
        Ok(converted)
    }
}

/// Problems in the order the user reads the files: by the read tables' order (a problem of
/// no table read last), then by row. The reading finds some (a broken quote, broken bytes)
/// before the conversion finds the rest, and duplicate ids are found last; the report and
/// its download list them by row. A stable sort: the problems of one row keep their order.
fn in_reading_order(problems: &mut [Problem], tables: &[Table]) {
    problems.sort_by_cached_key(|p| {
        let table = tables
            .iter()
            .position(|t| t.source.file == p.file && t.source.sheet == p.sheet)
            .unwrap_or(tables.len());
        (table, p.row)
    });
}

fn reply_file(name: String, mime: &str) -> Reply {
    Reply::File {
        name,
        mime: mime.to_string(),
    }
}

fn preview(table: &Table, plan: SheetPlan) -> SheetPreview {
    let alternatives = TableKind::ALL
        .into_iter()
        .chain([TableKind::Other])
        .map(|kind| {
            if kind == plan.kind {
                plan.clone()
            } else {
                SheetPlan {
                    kind,
                    mapping: auto_map(&table.headers, kind),
                }
            }
        })
        .collect();
    SheetPreview {
        file: table.source.file.clone(),
        sheet: table.source.sheet.clone(),
        headers: table.headers.clone(),
        rows: table.len(),
        preview: table
            .rows()
            .take(PREVIEW_ROWS)
            .map(|row| row.cells().map(str::to_string).collect())
            .collect(),
        plan,
        alternatives,
    }
}
