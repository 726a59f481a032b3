//! Scoring a whole file: the command line's logic, as a library function the example calls.
//!
//! [`run_files`] is what the command line calls: files of any format the importer reads, every
//! sheet mapped by [`crate::import`]'s rules, the import report beside the scoring problems.
//!
//! [`run`] is the strict form for plain CSV text with the input keys as headers: `account`
//! (the name), optionally `id`, `industry`, `region`, `owner`, and any input keys of
//! [`crate::model::keys::ALL`]; stakeholders in a second CSV with `account` (id or name),
//! `journey_point`, `name` and the stakeholder framework's input keys. Problems are collected,
//! never fatal: each names file, row (the header is row 1), column, value and reason.

use std::fmt;

use thiserror::Error;

use crate::export::results::{results_table, ResultsTable};
use crate::framework::{presets, Framework, Subject};
use crate::import::{
    auto_map, column_letter, convert, plan_sheets, read_file, ImportError, ImportReport,
    MappingMemory, Origin, SheetPlan, Table, TableKind, Target,
};
use crate::model::{keys, Account, Input, Settings, Stakeholder};
use crate::scoring::credit::LostStatus;
use crate::scoring::segmentation::Cuts;
use crate::scoring::Engine;

/// One problem with one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// Spreadsheet row number: the header is row 1.
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, row {}, column {}, value '{}': {}",
            self.file, self.row, self.column, self.value, self.reason
        )
    }
}

/// A file that could not be used at all.
#[derive(Debug, Error)]
pub enum BatchError {
    #[error("{file}: not a readable CSV: {source}")]
    Csv {
        file: String,
        #[source]
        source: csv::Error,
    },
    #[error("{file}: no '{column}' column in the header row")]
    NoColumn { file: String, column: &'static str },
    #[error("{file}: not a framework: {source}")]
    Framework {
        file: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("{file}: framework id '{id}' is not one of the presets ({known})")]
    UnknownFramework {
        file: String,
        id: String,
        known: String,
    },
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{file}: {source}")]
    Invalid {
        file: String,
        #[source]
        source: crate::framework::FrameworkError,
    },
}

/// A named file's text.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// What a batch run produced.
#[derive(Clone, Debug)]
pub struct BatchOutput {
    pub results: ResultsTable,
    pub problems: Vec<Problem>,
    /// Accounts with at least one dimension scored in some framework.
    pub scored: usize,
}

const ACCOUNT_ATTRIBUTES: [&str; 5] = ["account", "id", "industry", "region", "owner"];
const STAKEHOLDER_ATTRIBUTES: [&str; 3] = ["account", "journey_point", "name"];

fn read(src: Source<'_>) -> Result<(Vec<String>, Vec<csv::StringRecord>), BatchError> {
    let err = |source| BatchError::Csv {
        file: src.name.to_string(),
        source,
    };
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(src.text.trim_start_matches('\u{feff}').as_bytes());
    let header = r
        .headers()
        .map_err(err)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let rows = r.records().collect::<Result<Vec<_>, _>>().map_err(err)?;
    Ok((header, rows))
}

fn unknown_columns(file: &str, header: &[String], known: &[&str], out: &mut Vec<Problem>) {
    for h in header {
        if !known.contains(&h.as_str()) {
            out.push(Problem {
                file: file.into(),
                row: 1,
                column: h.clone(),
                value: String::new(),
                reason: "unknown column, ignored".into(),
            });
        }
    }
}

/// Reads the accounts CSV. An account without `id` takes its name as id.
pub fn read_accounts(
    src: Source<'_>,
    engine: &Engine,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Account>, BatchError> {
    let (header, rows) = read(src)?;
    let name_col = header
        .iter()
        .position(|h| h == "account")
        .ok_or(BatchError::NoColumn {
            file: src.name.into(),
            column: "account",
        })?;
    let mut known: Vec<&str> = ACCOUNT_ATTRIBUTES.to_vec();
    known.extend(engine.account_keys().iter().map(String::as_str));
    known.extend([keys::CATEGORY_SPEND, keys::CONTRACT_VALUE]);
    unknown_columns(src.name, &header, &known, problems);
    let mut accounts = Vec::with_capacity(rows.len());
    for (r, rec) in rows.iter().enumerate() {
        let get = |c: &str| {
            header
                .iter()
                .position(|h| h == c)
                .and_then(|i| rec.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let name = rec.get(name_col).map(str::trim).unwrap_or("");
        if name.is_empty() {
            problems.push(Problem {
                file: src.name.into(),
                row: r + 2,
                column: "account".into(),
                value: String::new(),
                reason: "no account name; row skipped".into(),
            });
            continue;
        }
        let id = Some(get("id")).filter(|s| !s.is_empty()).unwrap_or(name);
        let mut a = Account::new(id, name);
        a.industry = get("industry").into();
        a.region = get("region").into();
        a.owner = get("owner").into();
        for (h, cell) in header.iter().zip(rec.iter()) {
            if ACCOUNT_ATTRIBUTES.contains(&h.as_str()) || !known.contains(&h.as_str()) {
                continue;
            }
            if let Some(v) = Input::parse(cell) {
                a.inputs.insert(h.into(), v);
            }
        }
        accounts.push(a);
    }
    Ok(accounts)
}

/// Reads the stakeholders CSV; `account` may hold an account's id or its name. Returns each
/// stakeholder with its spreadsheet row.
pub fn read_stakeholders(
    src: Source<'_>,
    engine: &Engine,
    accounts: &[Account],
    problems: &mut Vec<Problem>,
) -> Result<Vec<(usize, Stakeholder)>, BatchError> {
    let (header, rows) = read(src)?;
    if !header.iter().any(|h| h == "account") {
        return Err(BatchError::NoColumn {
            file: src.name.into(),
            column: "account",
        });
    }
    let mut known: Vec<&str> = STAKEHOLDER_ATTRIBUTES.to_vec();
    known.extend(engine.stakeholder_keys().iter().map(String::as_str));
    unknown_columns(src.name, &header, &known, problems);
    let mut out = Vec::with_capacity(rows.len());
    for (r, rec) in rows.iter().enumerate() {
        let get = |c: &str| {
            header
                .iter()
                .position(|h| h == c)
                .and_then(|i| rec.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let who = get("account");
        let Some(account) = accounts
            .iter()
            .find(|a| a.id == who)
            .or_else(|| accounts.iter().find(|a| a.name == who))
        else {
            problems.push(Problem {
                file: src.name.into(),
                row: r + 2,
                column: "account".into(),
                value: who.into(),
                reason: "no such account in the accounts file; row skipped".into(),
            });
            continue;
        };
        let mut s = Stakeholder {
            account: account.id.clone(),
            journey_point: get("journey_point").into(),
            name: get("name").into(),
            ..Stakeholder::default()
        };
        for (h, cell) in header.iter().zip(rec.iter()) {
            if STAKEHOLDER_ATTRIBUTES.contains(&h.as_str()) || !known.contains(&h.as_str()) {
                continue;
            }
            if let Some(v) = Input::parse(cell) {
                s.inputs.insert(h.into(), v);
            }
        }
        out.push((r + 2, s));
    }
    Ok(out)
}

/// The frameworks in force: the presets, one replaced by a framework JSON with its id.
pub fn frameworks(replacement: Option<Source<'_>>) -> Result<Vec<Framework>, BatchError> {
    let mut all = presets::all();
    if let Some(src) = replacement {
        let f: Framework =
            serde_json::from_str(src.text).map_err(|source| BatchError::Framework {
                file: src.name.into(),
                source,
            })?;
        let Some(slot) = all.iter_mut().find(|p| p.id == f.id) else {
            return Err(BatchError::UnknownFramework {
                file: src.name.into(),
                id: f.id,
                known: presets::all()
                    .iter()
                    .map(|p| p.id.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        *slot = f;
    }
    Ok(all)
}

/// Reads strict CSV text (input keys as headers), scores and tabulates.
pub fn run(
    accounts: Source<'_>,
    stakeholders: Option<Source<'_>>,
    framework: Option<Source<'_>>,
) -> Result<BatchOutput, BatchError> {
    let fws = frameworks(framework)?;
    let engine = Engine::new(&fws).map_err(|source| BatchError::Invalid {
        file: framework.map_or("presets", |f| f.name).into(),
        source,
    })?;
    let mut problems = Vec::new();
    let list = read_accounts(accounts, &engine, &mut problems)?;
    let people = match stakeholders {
        Some(src) => read_stakeholders(src, &engine, &list, &mut problems)?,
        None => Vec::new(),
    };
    let people_only: Vec<Stakeholder> = people.iter().map(|(_, s)| s.clone()).collect();
    // Rows of the accounts file, for problem locations (skipped rows leave gaps).
    let account_rows = account_rows(accounts)?;
    let stakeholder_file = stakeholders.map_or("", |s| s.name);
    Ok(score_all(
        &engine,
        &list,
        &people_only,
        &|i, key| Location {
            file: accounts.name.into(),
            row: account_rows.get(i).copied().unwrap_or(0),
            column: key.into(),
        },
        &|k, key| Location {
            file: stakeholder_file.into(),
            row: people.get(k).map_or(0, |(row, _)| *row),
            column: key.into(),
        },
        problems,
    ))
}

/// Where a scoring problem's input sits, for the problem line.
struct Location {
    file: String,
    row: usize,
    column: String,
}

/// Scores accounts and stakeholders, adds every missing or rejected input to `problems`
/// (located by `account_at` / `person_at` from the row index and input key) and tabulates.
fn score_all(
    engine: &Engine,
    list: &[Account],
    people: &[Stakeholder],
    account_at: &dyn Fn(usize, &str) -> Location,
    person_at: &dyn Fn(usize, &str) -> Location,
    mut problems: Vec<Problem>,
) -> BatchOutput {
    let scores = engine.score(&engine.index(list, people));
    let mut scored = 0;
    for (i, a) in list.iter().enumerate() {
        let mut any = false;
        for (fi, f) in engine.frameworks().iter().enumerate() {
            if f.subject != Subject::Account {
                continue;
            }
            let dims = scores.framework(fi).dims(i);
            any |= dims.iter().any(|d| d.value().is_some());
            for e in engine.problems(fi, dims, &a.inputs, &a.name) {
                let at = account_at(i, e.input());
                problems.push(Problem {
                    file: at.file,
                    row: at.row,
                    column: at.column,
                    value: e.value().into(),
                    reason: format!(
                        "{} ({}): {}",
                        f.id,
                        dimension_name(f, e.input()),
                        e.reason()
                    ),
                });
            }
        }
        scored += usize::from(any);
    }
    for (fi, f) in engine.frameworks().iter().enumerate() {
        if f.subject != Subject::Stakeholder {
            continue;
        }
        for (k, s) in people.iter().enumerate() {
            for e in engine.problems(fi, scores.framework(fi).dims(k), &s.inputs, &s.name) {
                let at = person_at(k, e.input());
                problems.push(Problem {
                    file: at.file,
                    row: at.row,
                    column: at.column,
                    value: e.value().into(),
                    reason: format!("{}: {}", s.name, e.reason()),
                });
            }
        }
    }
    // The command line reads accounts and people only: no orders for RFM, no credit history
    // for the red list.
    let cuts = Cuts::compute(list, &[], &Settings::default(), None);
    BatchOutput {
        results: results_table(engine, list, &scores, &cuts, &LostStatus::default()),
        problems,
        scored,
    }
}

/// A named file's bytes, in any format [`crate::import::read_file`] reads.
#[derive(Clone, Copy, Debug)]
pub struct FileBytes<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// Forces every sheet of the file to this kind instead of guessing it.
    pub kind: Option<TableKind>,
}

/// What [`run_files`] produced: the scores and scoring problems, and the import report.
#[derive(Clone, Debug)]
pub struct FilesOutput {
    pub batch: BatchOutput,
    pub import: ImportReport,
}

/// Reads files of any format (CSV/TSV in any supported encoding, XLSX, XLS, ODS), maps every
/// sheet with the importer's rules (kinds guessed unless forced, columns mapped by header
/// synonyms), converts, scores and tabulates: what `examples/score.rs` prints.
pub fn run_files(
    files: &[FileBytes<'_>],
    framework: Option<Source<'_>>,
) -> Result<FilesOutput, BatchError> {
    let fws = frameworks(framework)?;
    let engine = Engine::new(&fws).map_err(|source| BatchError::Invalid {
        file: framework.map_or("presets", |f| f.name).into(),
        source,
    })?;
    let mut books = Vec::with_capacity(files.len());
    for f in files {
        books.push((read_file(f.name, f.bytes)?, f.kind));
    }
    let memory = MappingMemory::default();
    let mut tables: Vec<&Table> = Vec::new();
    let mut plans: Vec<SheetPlan> = Vec::new();
    for (book, kind) in &books {
        for (table, guessed) in book.sheets.iter().zip(plan_sheets(book, &memory)) {
            let plan = match kind {
                Some(k) => SheetPlan {
                    kind: *k,
                    mapping: auto_map(&table.headers, *k),
                },
                None => guessed,
            };
            tables.push(table);
            plans.push(plan);
        }
    }
    let sheets: Vec<(&Table, &SheetPlan)> = tables.iter().copied().zip(&plans).collect();
    let imported = convert(&sheets, &fws, &[]);
    let where_is = |sheet: usize, row: usize, key: &str| {
        let (table, plan) = sheets[sheet];
        let column = plan
            .mapping
            .column_of(&Target::Input(key.to_string()))
            .map_or_else(
                || key.to_string(),
                |c| {
                    let letter = column_letter(c + table.first_column as usize);
                    format!(
                        "{letter} ({})",
                        table.headers.get(c).map_or("", String::as_str)
                    )
                },
            );
        let file = match &table.source.sheet {
            Some(name) => format!("{}, sheet {name}", table.source.file),
            None => table.source.file.clone(),
        };
        Location { file, row, column }
    };
    let batch = score_all(
        &engine,
        &imported.accounts,
        &imported.stakeholders,
        &|i, key| {
            let o = imported
                .account_origins
                .get(i)
                .copied()
                .unwrap_or(Origin { sheet: 0, row: 0 });
            where_is(o.sheet, o.row, key)
        },
        &|k, key| {
            let o = imported
                .stakeholder_origins
                .get(k)
                .copied()
                .unwrap_or(Origin { sheet: 0, row: 0 });
            where_is(o.sheet, o.row, key)
        },
        Vec::new(),
    );
    Ok(FilesOutput {
        batch,
        import: imported.report,
    })
}

fn dimension_name(f: &Framework, input: &str) -> String {
    f.dimensions
        .iter()
        .find(|d| d.input == input)
        .map_or(input.to_string(), |d| d.label.both())
}

/// The spreadsheet row of each account that [`read_accounts`] kept.
fn account_rows(src: Source<'_>) -> Result<Vec<usize>, BatchError> {
    let (header, rows) = read(src)?;
    let name_col = header.iter().position(|h| h == "account");
    Ok(rows
        .iter()
        .enumerate()
        .filter(|(_, rec)| {
            name_col
                .and_then(|c| rec.get(c))
                .is_some_and(|n| !n.trim().is_empty())
        })
        .map(|(r, _)| r + 2)
        .collect())
}
