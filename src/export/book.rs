//! The results workbook as data: one sheet per view, bilingual headers, cells that are numbers
//! or text. The page builds it from the scores it already has and sends it to the import worker,
//! which writes the XLSX ([`super::xlsx`]); the workbook writer never enters the main bundle.
//!
//! Sheets: the portfolio (every account with each framework's total and class, ABC, RFM, share
//! of wallet, owner, region, level, industry), one sheet per account framework with every
//! dimension score, the stakeholders (each person's scores, roles and next step) and the credit
//! history (every dated assessment graded with the credit framework in force). Scores are
//! numbers; a cell is empty where a value could not be computed, and a total is empty unless
//! every input is there, as in the CSV.

use serde::{Deserialize, Serialize};

use super::results::{abc_rfm_cells, Cell};
use crate::framework::{presets, Framework, Subject};
use crate::i18n::{Lang, Msg};
use crate::model::{Account, AccountLevel, Workspace};
use crate::scoring::credit::{key_class, LostStatus};
use crate::scoring::segmentation::Cuts;
use crate::scoring::stakeholders::{relationship_plan, role_level};
use crate::scoring::{Engine, Scores};

/// The workbook: its sheets in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultsBook {
    pub sheets: Vec<BookSheet>,
}

/// One sheet: its tab name, a header row and the data rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookSheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Excel's longest sheet name.
const SHEET_NAME_CHARS: usize = 31;

/// A fixed heading in both languages, "Total 总分".
fn both(msg: Msg) -> String {
    format!("{} {}", msg.text(Lang::En), msg.text(Lang::Zh))
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn number(v: Option<f64>) -> Cell {
    v.filter(|v| v.is_finite())
        .map_or(Cell::Empty, Cell::Number)
}

/// A tab name Excel accepts: no `[]:*?/\`, not blank, at most 31 characters, and unlike
/// every name already taken (Excel compares them ignoring case).
fn sheet_name(wanted: &str, taken: &[BookSheet]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base = if clean.is_empty() { "Sheet" } else { clean };
    let clash = |name: &str| {
        taken
            .iter()
            .any(|s| s.name.to_lowercase() == name.to_lowercase())
    };
    let mut name: String = base.chars().take(SHEET_NAME_CHARS).collect();
    let mut n = 2;
    while clash(&name) {
        let suffix = format!(" ({n})");
        name = base
            .chars()
            .take(SHEET_NAME_CHARS - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

/// The account frameworks in force: the presets in the app's order, then the user's own.
fn account_frameworks(engine: &Engine) -> Vec<usize> {
    let mut order: Vec<usize> = presets::ACCOUNT_PRESETS
        .iter()
        .filter_map(|id| engine.index_of(id))
        .collect();
    for (fi, f) in engine.frameworks().iter().enumerate() {
        if f.subject == Subject::Account && !order.contains(&fi) {
            order.push(fi);
        }
    }
    order
}

/// The class cells of one outcome: the class label and, for a framework whose classes put
/// accounts on lists, the list. A key account that lost its status on the red list
/// (`status_lost`) says so instead of its class, as the portfolio table does.
fn class_cells(
    f: &Framework,
    class: Option<u8>,
    with_list: bool,
    status_lost: bool,
    out: &mut Vec<Cell>,
) {
    if status_lost {
        out.push(text(&both(Msg::KeyStatusLost)));
        if with_list {
            out.push(Cell::Empty);
        }
        return;
    }
    let classes = f.classes();
    let class = class.and_then(|c| classes.get(usize::from(c)).copied());
    out.push(class.map_or(Cell::Empty, |c| text(&c.label.both())));
    if with_list {
        out.push(
            class
                .and_then(|c| c.list.as_ref())
                .map_or(Cell::Empty, |l| text(&l.label.both())),
        );
    }
}

fn has_lists(f: &Framework) -> bool {
    f.classes().iter().any(|c| c.list.is_some())
}

/// The inputs of row `row` that are missing or invalid, as `framework:dimension`.
fn incomplete(engine: &Engine, scores: &Scores, frameworks: &[usize], row: usize) -> String {
    let mut out = Vec::new();
    for &fi in frameworks {
        let f = &engine.frameworks()[fi];
        let o = scores.framework(fi).outcome(row);
        for (k, d) in f.dimensions.iter().enumerate() {
            if (o.missing | o.invalid) & (1 << k) != 0 {
                out.push(format!("{}:{}", f.id, d.id));
            }
        }
    }
    out.join("; ")
}

fn level(account: &Account) -> Cell {
    match account.level {
        Some(AccountLevel::Company) => text(&both(Msg::LevelCompany)),
        Some(AccountLevel::Regional) => text(&both(Msg::LevelRegional)),
        None => Cell::Empty,
    }
}

/// Builds the workbook of the accounts at `rows` (indices into `ws.accounts`, in the order
/// wanted) with their stakeholders and credit history. `scores` are the engine's scores of
/// the whole workspace, `cuts` its portfolio cuts and `lost` the key accounts that lost their
/// status on the red list.
pub fn results_book(
    engine: &Engine,
    ws: &Workspace,
    scores: &Scores,
    cuts: &Cuts,
    lost: &LostStatus,
    rows: &[usize],
) -> ResultsBook {
    let mut book = ResultsBook::default();
    let frameworks = account_frameworks(engine);
    let key = key_class(engine);
    let status_lost = |fi: usize, class: Option<u8>, row: usize| {
        key == class.map(|c| (fi, c)) && lost.lost_on(row).is_some()
    };
    let rows: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| r < ws.accounts.len())
        .collect();
    let who = |row: usize| {
        let a = &ws.accounts[row];
        vec![text(&a.name), text(&a.id)]
    };
    let who_header = || vec![both(Msg::ColAccount), both(Msg::XlsxAccountId)];

    // The portfolio: one line per account, every framework's total and class.
    let mut header = who_header();
    for &fi in &frameworks {
        let f = &engine.frameworks()[fi];
        let name = f.name.both();
        header.push(format!("{name} · {}", both(Msg::XlsxTotal)));
        header.push(format!("{name} · {}", both(Msg::XlsxClass)));
        if has_lists(f) {
            header.push(format!("{name} · {}", both(Msg::XlsxList)));
        }
    }
    if key.is_some() {
        header.push(both(Msg::XlsxStatusLostOn));
    }
    header.extend(
        [
            Msg::ColAbc,
            Msg::ColRfm,
            Msg::XlsxShareOfWallet,
            Msg::XlsxMainstream,
            Msg::Owner,
            Msg::Region,
            Msg::ColLevel,
            Msg::Industry,
            Msg::XlsxIncomplete,
        ]
        .map(both),
    );
    let portfolio = rows
        .iter()
        .map(|&row| {
            let a = &ws.accounts[row];
            let mut cells = who(row);
            for &fi in &frameworks {
                let f = &engine.frameworks()[fi];
                let o = scores.framework(fi).outcome(row);
                cells.push(number(o.complete_total()));
                let status_lost = status_lost(fi, o.class, row);
                class_cells(f, o.class, has_lists(f), status_lost, &mut cells);
            }
            if key.is_some() {
                cells.push(
                    lost.lost_on(row)
                        .map_or(Cell::Empty, |day| Cell::Text(day.to_string())),
                );
            }
            cells.extend(abc_rfm_cells(cuts, row));
            let sow = cuts.share_of_wallet.get(row).copied().flatten();
            cells.push(number(sow.map(|s| s.share)));
            cells.push(sow.map_or(Cell::Empty, |s| {
                text(&both(if s.mainstream {
                    Msg::XlsxYes
                } else {
                    Msg::XlsxNo
                }))
            }));
            cells.extend([text(&a.owner), text(&a.region), level(a), text(&a.industry)]);
            cells.push(text(&incomplete(engine, scores, &frameworks, row)));
            cells
        })
        .collect();
    book.sheets.push(BookSheet {
        name: sheet_name("客户组合 Portfolio", &book.sheets),
        header,
        rows: portfolio,
    });

    // One sheet per account framework: every dimension's score, the total and the class.
    for &fi in &frameworks {
        let f = &engine.frameworks()[fi];
        let lists = has_lists(f);
        let mut header = who_header();
        header.extend(f.dimensions.iter().map(|d| d.label.both()));
        header.push(both(Msg::XlsxTotal));
        header.push(both(Msg::XlsxClass));
        if lists {
            header.push(both(Msg::XlsxList));
        }
        let results = scores.framework(fi);
        let sheet_rows = rows
            .iter()
            .map(|&row| {
                let mut cells = who(row);
                cells.extend(results.dims(row).iter().map(|s| number(s.value())));
                let o = results.outcome(row);
                cells.push(number(o.complete_total()));
                class_cells(f, o.class, lists, status_lost(fi, o.class, row), &mut cells);
                cells
            })
            .collect();
        let name = sheet_name(&format!("{} {}", f.name.zh, f.id), &book.sheets);
        book.sheets.push(BookSheet {
            name,
            header,
            rows: sheet_rows,
        });
    }

    // The people of these accounts, each with their scores, roles and next step.
    // Each chosen account's place in the export and its row, by id.
    let chosen: std::collections::HashMap<&str, (usize, usize)> = rows
        .iter()
        .enumerate()
        .map(|(order, &row)| (ws.accounts[row].id.as_str(), (order, row)))
        .collect();
    if let Some(si) = engine
        .frameworks()
        .iter()
        .position(|f| f.subject == Subject::Stakeholder)
    {
        let f = &engine.frameworks()[si];
        let results = scores.framework(si);
        let plan = relationship_plan(engine, scores, ws.stakeholders.len());
        let mut header = who_header();
        header.extend([both(Msg::XlsxJourneyPoint), both(Msg::XlsxPerson)]);
        header.extend(f.dimensions.iter().map(|d| d.label.both()));
        header.extend([
            both(Msg::XlsxPowerRole),
            both(Msg::XlsxRelationshipRole),
            both(Msg::XlsxNextStep),
        ]);
        let mut people: Vec<(usize, usize, usize)> = ws
            .stakeholders
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < results.len())
            .filter_map(|(i, s)| {
                chosen
                    .get(s.account.as_str())
                    .map(|&(order, row)| (order, row, i))
            })
            .collect();
        people.sort_unstable();
        let sheet_rows = people
            .into_iter()
            .map(|(_, row, i)| {
                let s = &ws.stakeholders[i];
                let mut cells = who(row);
                cells.extend([text(&s.journey_point), text(&s.name)]);
                cells.extend(results.dims(i).iter().map(|d| number(d.value())));
                for dim in ["power_role", "relationship_role"] {
                    cells.push(
                        role_level(engine, scores, i, dim)
                            .map_or(Cell::Empty, |l| text(&l.label.both())),
                    );
                }
                cells.push(plan.get(i).map_or(Cell::Empty, |p| text(&p.label().both())));
                cells
            })
            .collect();
        book.sheets.push(BookSheet {
            name: sheet_name("客户人员 Stakeholders", &book.sheets),
            header,
            rows: sheet_rows,
        });
    }

    // The credit history: every dated assessment, graded with the credit framework in force.
    if let Some(ci) = engine.index_of(presets::CREDIT) {
        let f = &engine.frameworks()[ci];
        let lists = has_lists(f);
        let mut dated: Vec<(usize, usize, &crate::model::CreditAssessment)> = ws
            .credit_assessments
            .iter()
            .filter_map(|a| {
                chosen
                    .get(a.account.as_str())
                    .map(|&(order, row)| (order, row, a))
            })
            .collect();
        dated.sort_by_key(|(order, _, a)| (*order, a.date));
        let graded: Vec<Account> = dated
            .iter()
            .map(|(_, _, a)| Account {
                id: a.account.clone(),
                inputs: a.inputs.clone(),
                ..Account::default()
            })
            .collect();
        let history = engine.score(&engine.index(&graded, &[]));
        let results = history.framework(ci);
        let mut header = who_header();
        header.push(both(Msg::XlsxDate));
        header.extend(f.dimensions.iter().map(|d| d.label.both()));
        header.push(both(Msg::XlsxTotal));
        header.push(both(Msg::XlsxClass));
        if lists {
            header.push(both(Msg::XlsxList));
        }
        let sheet_rows = dated
            .iter()
            .enumerate()
            .map(|(i, (_, row, a))| {
                let mut cells = who(*row);
                cells.push(text(&a.date.to_string()));
                cells.extend(results.dims(i).iter().map(|d| number(d.value())));
                let o = results.outcome(i);
                cells.push(number(o.complete_total()));
                class_cells(f, o.class, lists, false, &mut cells);
                cells
            })
            .collect();
        book.sheets.push(BookSheet {
            name: sheet_name("信用记录 Credit history", &book.sheets),
            header,
            rows: sheet_rows,
        });
    }
    book
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts_and_distinct() {
        let taken = vec![BookSheet {
            name: "客户组合 Portfolio".into(),
            ..BookSheet::default()
        }];
        assert_eq!(sheet_name("a/b:c", &taken), "a_b_c");
        assert_eq!(
            sheet_name("客户组合 PORTFOLIO", &taken),
            "客户组合 PORTFOLIO (2)"
        );
        let long = sheet_name(&"x".repeat(40), &taken);
        assert_eq!(long.chars().count(), 31);
        assert_eq!(sheet_name("  ", &taken), "Sheet");
    }
}
