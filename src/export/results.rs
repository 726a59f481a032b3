//! The results CSV: one row per account, stable English column ids, formula-injection safe.
//!
//! The app's results export and the command line write this same format. Columns: `account`,
//! `ka_score`, `ka_list` (`key_status_lost` for a key account that lost its status on the red
//! list, FRAMEWORKS.md §2), `ka_status_lost_on` (that day), `credit_score`, `credit_grade`,
//! `credit_list`, `ext_class`, `int_tier`,
//! `ext_<dimension>` and `int_<dimension>` for each profile dimension, `abc`, `rfm`,
//! `share_of_wallet`, `mainstream_supplier`, `ka_<dimension>`, `credit_<dimension>`,
//! `account_id` and `incomplete` (the `framework:dimension` inputs missing or invalid). A cell is
//! empty where the value could not be computed; a total is empty unless complete.
//!
//! Formula injection: a text cell (the account's name and id, class ids, the list of incomplete
//! inputs) that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
//! leading `'`, so a spreadsheet shows it as text instead of running it. Number cells are the
//! engine's own numbers and stay numbers: an operating risk of −22.5 is written `-22.5` and
//! still sums in the spreadsheet.

use std::borrow::Cow;
use std::io::Write;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::framework::presets;
use crate::model::Account;
use crate::scoring::credit::{LostStatus, STATUS_LOST};
use crate::scoring::segmentation::Cuts;
use crate::scoring::{Engine, Scores};

/// One cell of the results table. It travels to the import worker (which writes the XLSX) as
/// plain JSON: `null`, a number or a string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
}

/// The results as a table, ready for CSV or a spreadsheet writer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultsTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The results could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("could not write the results: {0}")]
    Io(#[from] std::io::Error),
    /// The workbook writer refused the data (a sheet over Excel's 1,048,576 rows, …).
    #[error("could not write the results workbook: {0}")]
    Xlsx(String),
}

/// Prefixes `'` to text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR).
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// A number as written: up to four decimals, no trailing zeros.
pub fn number(v: f64) -> String {
    let s = format!("{:.4}", (v * 1e4).round() / 1e4);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// The column prefix of each framework exported with its dimensions.
const PREFIXES: [(&str, &str); 4] = [
    (presets::SCORECARD, "ka"),
    (presets::CREDIT, "credit"),
    (presets::EXTERNAL, "ext"),
    (presets::INTERNAL, "int"),
];

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// A row's ABC class and RFM cell, as the results CSV and the results workbook write them.
pub(super) fn abc_rfm_cells(cuts: &Cuts, row: usize) -> [Cell; 2] {
    let abc = cuts.abc.get(row).copied().flatten();
    let rfm = cuts.rfm.get(row).copied().flatten();
    [
        abc.map_or(Cell::Empty, |c| text(c.as_str())),
        rfm.map_or(Cell::Empty, |r| text(&r.to_string())),
    ]
}

/// Builds the results table of `accounts` (in order) from their scores and cuts.
pub fn results_table(
    engine: &Engine,
    accounts: &[Account],
    scores: &Scores,
    cuts: &Cuts,
    lost: &LostStatus,
) -> ResultsTable {
    let fw = |id: &str| engine.index_of(id).map(|i| (i, &engine.frameworks()[i]));
    let dims_of = |id: &str| -> Vec<String> {
        fw(id).map_or(Vec::new(), |(_, f)| {
            f.dimensions.iter().map(|d| d.id.clone()).collect()
        })
    };
    let mut header: Vec<String> = [
        "account",
        "ka_score",
        "ka_list",
        "ka_status_lost_on",
        "credit_score",
        "credit_grade",
        "credit_list",
        "ext_class",
        "int_tier",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    for (id, prefix) in [(presets::EXTERNAL, "ext"), (presets::INTERNAL, "int")] {
        header.extend(dims_of(id).into_iter().map(|d| format!("{prefix}_{d}")));
    }
    header.extend(["abc", "rfm", "share_of_wallet", "mainstream_supplier"].map(String::from));
    for (id, prefix) in [(presets::SCORECARD, "ka"), (presets::CREDIT, "credit")] {
        header.extend(dims_of(id).into_iter().map(|d| format!("{prefix}_{d}")));
    }
    header.extend(["account_id", "incomplete"].map(String::from));

    let class_cells = |id: &str, row: usize| -> (Cell, Cell, Cell) {
        let Some((i, f)) = fw(id) else {
            return (Cell::Empty, Cell::Empty, Cell::Empty);
        };
        let o = scores.framework(i).outcome(row);
        let total = o.complete_total().map_or(Cell::Empty, Cell::Number);
        let class = o
            .class
            .and_then(|c| f.classes().get(usize::from(c)).map(|c| (*c).clone()));
        let id_cell = class.as_ref().map_or(Cell::Empty, |c| text(&c.id));
        let list = class
            .as_ref()
            .and_then(|c| c.list.as_ref())
            .map_or(Cell::Empty, |l| text(&l.id));
        (total, id_cell, list)
    };
    let dim_cells = |id: &str, row: usize| -> Vec<Cell> {
        fw(id).map_or(Vec::new(), |(i, _)| {
            scores
                .framework(i)
                .dims(row)
                .iter()
                .map(|s| s.value().map_or(Cell::Empty, Cell::Number))
                .collect()
        })
    };

    let rows = accounts
        .iter()
        .enumerate()
        .map(|(row, a)| {
            let (ka_score, mut ka_list, _) = class_cells(presets::SCORECARD, row);
            // A key account that lost its status on the red list is listed as such.
            let lost_on = lost.lost_on(row);
            if lost_on.is_some() {
                ka_list = text(STATUS_LOST);
            }
            let (credit_score, credit_grade, credit_list) = class_cells(presets::CREDIT, row);
            let (_, ext_class, _) = class_cells(presets::EXTERNAL, row);
            let (_, int_tier, _) = class_cells(presets::INTERNAL, row);
            let mut cells = vec![
                text(&a.name),
                ka_score,
                ka_list,
                lost_on.map_or(Cell::Empty, |d| text(&d.to_string())),
                credit_score,
                credit_grade,
                credit_list,
                ext_class,
                int_tier,
            ];
            cells.extend(dim_cells(presets::EXTERNAL, row));
            cells.extend(dim_cells(presets::INTERNAL, row));
            cells.extend(abc_rfm_cells(cuts, row));
            let sow = cuts.share_of_wallet.get(row).copied().flatten();
            cells.push(sow.map_or(Cell::Empty, |s| Cell::Number(s.share)));
            cells.push(sow.map_or(Cell::Empty, |s| {
                text(if s.mainstream { "yes" } else { "no" })
            }));
            cells.extend(dim_cells(presets::SCORECARD, row));
            cells.extend(dim_cells(presets::CREDIT, row));
            cells.push(text(&a.id));
            let mut incomplete = Vec::new();
            for (id, prefix) in PREFIXES {
                if let Some((i, f)) = fw(id) {
                    let o = scores.framework(i).outcome(row);
                    for (k, d) in f.dimensions.iter().enumerate() {
                        if (o.missing | o.invalid) & (1 << k) != 0 {
                            incomplete.push(format!("{prefix}:{}", d.id));
                        }
                    }
                }
            }
            cells.push(text(&incomplete.join(";")));
            cells
        })
        .collect();
    ResultsTable { header, rows }
}

/// Writes the table as CSV (UTF-8, comma-separated, `\n` after each record); text cells are
/// neutralised, numbers not. A field holding a comma, a double quote, CR or LF is quoted, its
/// quotes doubled: the bytes the `csv` crate's writer gives for such tables, without its code
/// in the wasm.
pub fn write_csv<W: Write>(table: &ResultsTable, mut out: W) -> Result<(), ExportError> {
    let mut line = String::new();
    let mut record = |cells: &mut dyn Iterator<Item = Cow<'_, str>>| {
        line.clear();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                line.push(',');
            }
            if cell.contains([',', '"', '\r', '\n']) {
                line.push('"');
                line.push_str(&cell.replace('"', "\"\""));
                line.push('"');
            } else {
                line.push_str(&cell);
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())
    };
    record(&mut table.header.iter().map(|h| Cow::Borrowed(h.as_str())))?;
    for row in &table.rows {
        record(&mut row.iter().map(|c| match c {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Number(v) => Cow::Owned(number(*v)),
            Cell::Text(t) => neutralise(t),
        }))?;
    }
    out.flush()?;
    Ok(())
}
