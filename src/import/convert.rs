//! Mapped tables → accounts, stakeholders, orders and credit assessments, checking each cell
//! against what its field accepts. A row with an error is left out whole and listed in the
//! report (with every problem it has, not just the first), so it can be fixed and imported
//! again; the other rows are imported.
//!
//! Inputs are kept as the user wrote them where the engine reads labels ("高", " High "), and
//! as numbers wherever a number was written (with units and separators resolved, see
//! [`super::parse_number`]). A label is checked against the levels of the frameworks in force,
//! a number against the dimension's range, so the report names the cell rather than the
//! scorer later naming only the account.
//!
//! A 100k-row file goes through here in the worker while the user waits, so the row loop
//! allocates only what the result keeps: a row's texts are borrowed from the table until the
//! row is kept, labels are checked by their first bytes, ids are de-duplicated by reference to
//! the table's text, and each row's inputs are collected in key order in a reused buffer. In
//! the worker ([`convert_in_parts`]) a kept row is written straight into the bytes sent to the
//! page, never built into an [`Account`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::fast_hash::{FastMap, FastSet};
use crate::framework::{Framework, Rule};
use crate::model::{
    keys, Account, AccountLevel, CreditAssessment, Input, InputKey, Inputs, LabelCache, Order,
    Stakeholder,
};
use crate::scoring::normalise_label;

use super::mapping::{Confidence, PersonalField, SheetPlan, TableKind, Target};
use super::report::{ImportReport, Problem, Reason, Severity};
use super::table::{Row, Table};
use super::transfer::{AccountFields, PartWriter};
use super::value::{fold_width, parse_date, parse_number, parse_trimmed_number, trim_cell};

/// Where an imported account came from: the index of its table in the slice given to
/// [`convert`], and its spreadsheet row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub sheet: usize,
    pub row: usize,
}

/// What an import produced, before it is merged into a workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    /// Accounts; a blank name means "keep the workspace's name" (the row had only an id).
    /// Empty after [`convert_in_parts`] when it handed every account over in parts.
    pub accounts: Vec<Account>,
    /// Parallel to `accounts`, or with [`convert_in_parts`] to the accounts in the order they
    /// were handed over.
    pub account_origins: Vec<Origin>,
    pub stakeholders: Vec<Stakeholder>,
    /// Parallel to `stakeholders`.
    pub stakeholder_origins: Vec<Origin>,
    pub orders: Vec<Order>,
    pub assessments: Vec<CreditAssessment>,
    pub report: ImportReport,
}

/// What an input cell may hold, from the frameworks that read its key.
#[derive(Default)]
struct Check {
    /// Normalised level spellings without repeats, each with its [`head`] and shared by every
    /// cell written exactly so; empty when the key takes no labels.
    labels: Vec<(u64, Arc<str>)>,
    /// The labels as shown in the report ("high 高, mid 中, low 低").
    accepted: String,
    range: Option<(f64, f64)>,
    number_only: bool,
}

fn check_for(key: &str, frameworks: &[Framework]) -> Check {
    let mut check = Check::default();
    if [keys::CATEGORY_SPEND, keys::CONTRACT_VALUE].contains(&key) {
        check.number_only = true;
        check.range = Some((0.0, f64::INFINITY));
    }
    let dims = frameworks.iter().flat_map(|f| &f.dimensions);
    for d in dims {
        let rule = match &d.rule {
            Rule::Derived { fallback, .. } => fallback.as_ref(),
            r => r,
        };
        let direct_score_input =
            matches!(rule, Rule::Piecewise { score_input: Some(k), .. } if k == key);
        if d.input != key && !direct_score_input {
            continue;
        }
        match rule {
            Rule::Levels { levels, .. } => {
                let mut shown = Vec::new();
                for l in levels {
                    let spellings = [&l.label.en, &l.label.zh, &l.id];
                    for s in spellings.into_iter().chain(&l.aliases) {
                        let label = normalise_label(s);
                        if !check.labels.iter().any(|(_, l)| **l == label) {
                            check.labels.push((head(&label), label.into()));
                        }
                    }
                    shown.push(l.label.both());
                }
                check.accepted = shown.join(", ");
                check.range.get_or_insert((d.min, d.max));
            }
            Rule::Piecewise { breakpoints, .. } if !direct_score_input => {
                check.number_only = true;
                let from = breakpoints.first().map_or(0.0, |b| b[0]);
                check.range.get_or_insert((from, f64::INFINITY));
            }
            _ => {
                check.number_only = true;
                check.range.get_or_insert((d.min, d.max));
            }
        }
    }
    check
}

/// The first eight bytes of a label as one number (zero-padded): two labels of one length
/// up to eight bytes ("高", "high") are equal when their heads are.
fn head(s: &str) -> u64 {
    let mut bytes = [0; 8];
    let n = s.len().min(8);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_le_bytes(bytes)
}

impl Check {
    /// The level `t` (trimmed) is when written exactly as listed, which most labels are.
    fn listed(&self, t: &str) -> Option<&Arc<str>> {
        let h = head(t);
        let long = t.len() > 8;
        self.labels
            .iter()
            .find(|(lh, l)| *lh == h && l.len() == t.len() && (!long || **l == *t))
            .map(|(_, l)| l)
    }
}

/// Reads one input cell, already trimmed; `Ok(None)` when blank. A label written exactly as
/// listed is the check's shared copy; any other text comes from `labels`, shared with every
/// other cell of the import that holds it.
fn read_input(
    cell: &str,
    check: &Check,
    decimal_comma: bool,
    labels: &mut LabelCache,
) -> Result<Option<Input>, Reason> {
    match parse_trimmed_number(cell, decimal_comma) {
        Ok(None) => Ok(None),
        Ok(Some(v)) => match check.range {
            Some((min, max)) if !(min..=max).contains(&v) => Err(Reason::OutOfRange { min, max }),
            _ => Ok(Some(Input::Number(v))),
        },
        Err(_) if check.number_only => Err(Reason::NotANumber),
        Err(_) if check.labels.is_empty() => Ok(Some(labels.text(cell))),
        Err(_) => match check.listed(cell) {
            Some(shared) => Ok(Some(Input::Text(shared.clone()))),
            None if check.listed(&normalise_label(cell)).is_some() => Ok(Some(labels.text(cell))),
            None => Err(Reason::UnknownLevel {
                accepted: check.accepted.clone(),
            }),
        },
    }
}

fn read_level(cell: &str) -> Result<Option<AccountLevel>, Reason> {
    let t = normalise_label(&fold_width(cell)).replace([' ', '-', '_'], "");
    match t.as_str() {
        "" => Ok(None),
        "公司级" | "公司" | "company" | "companylevel" | "corporate" => {
            Ok(Some(AccountLevel::Company))
        }
        "区域级" | "区域" | "regional" | "regionallevel" | "region" => {
            Ok(Some(AccountLevel::Regional))
        }
        _ => Err(Reason::UnknownAccountLevel),
    }
}

/// The key accounts are matched by across files: full-width folded, case and spacing ignored.
/// The same as `normalise_label(&fold_width(name))`, in one pass and (for ASCII and Chinese
/// names) one allocation: every import and merge computes it for every account.
pub(crate) fn link_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{ffe5}' => '¥',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else if out.chars().any(|c| c.to_lowercase().ne([c])) {
        out.to_lowercase()
    } else {
        out
    }
}

/// One column's compiled role.
enum Action {
    Field(Target),
    /// An input: its place in [`Compiled::input_keys`] (key order) and what it accepts.
    Input(usize, Check),
    Attribute(String),
    Skip,
}

struct Column {
    /// Index in the table's rows.
    index: usize,
    /// Spreadsheet column (for the report).
    sheet_column: usize,
    header: String,
    action: Action,
}

/// Compiles a plan against a table: each column's action, and the column of each fixed field.
struct Compiled {
    columns: Vec<Column>,
    fields: HashMap<Target, usize>,
    /// The key of each input column, sorted (a key mapped twice appears twice, in column
    /// order, so the later column wins as it would inserted one by one).
    input_keys: Vec<InputKey>,
}

fn compile(table: &Table, plan: &SheetPlan, frameworks: &[Framework]) -> Compiled {
    let mut columns = Vec::with_capacity(plan.mapping.columns.len());
    let mut fields = HashMap::new();
    let mut attribute_names = HashSet::new();
    // Input columns by key, then column: their rank is their place in the inputs map.
    let mut inputs: Vec<(&str, usize)> = plan
        .mapping
        .columns
        .iter()
        .enumerate()
        .filter_map(|(index, c)| match &c.target {
            Target::Input(key) => Some((key.as_str(), index)),
            _ => None,
        })
        .collect();
    inputs.sort_unstable();
    let rank = |index: usize| inputs.iter().position(|&(_, i)| i == index).unwrap_or(0);
    for (index, c) in plan.mapping.columns.iter().enumerate() {
        let sheet_column = index + table.first_column as usize;
        let action = match &c.target {
            Target::Input(key) => Action::Input(rank(index), check_for(key, frameworks)),
            Target::Attribute if plan.kind == TableKind::Accounts => {
                let mut name = c.header.trim().to_string();
                let letter = super::report::column_letter(sheet_column);
                if name.is_empty() {
                    name = letter;
                } else if !attribute_names.insert(name.clone()) {
                    name = format!("{name} ({letter})");
                }
                Action::Attribute(name)
            }
            Target::Attribute | Target::Ignore => Action::Skip,
            t => {
                fields.insert(t.clone(), index);
                Action::Field(t.clone())
            }
        };
        columns.push(Column {
            index,
            sheet_column,
            header: c.header.clone(),
            action,
        });
    }
    let input_keys = inputs.iter().map(|&(key, _)| InputKey::from(key)).collect();
    Compiled {
        columns,
        fields,
        input_keys,
    }
}

impl Compiled {
    fn column(&self, target: &Target) -> Option<&Column> {
        self.fields.get(target).map(|&i| &self.columns[i])
    }
}

/// One row's inputs as they are read, by rank (see [`Compiled::input_keys`]), and the labels
/// read so far; reused from row to row.
struct InputSlots {
    read: Vec<Option<Input>>,
    labels: LabelCache,
}

impl InputSlots {
    fn new(c: &Compiled) -> Self {
        InputSlots {
            read: c.input_keys.iter().map(|_| None).collect(),
            labels: LabelCache::default(),
        }
    }

    /// The inputs read so far, in key order and with the table's shared keys; empties the
    /// slots for the next row.
    fn take(&mut self, c: &Compiled) -> Inputs {
        let mut sorted = Vec::with_capacity(self.read.len());
        self.drain_sorted(c, &mut sorted);
        Inputs::from_sorted(sorted)
    }

    /// [`InputSlots::take`] into `sorted` (emptied first), whose memory is reused row to row.
    fn drain_sorted(&mut self, c: &Compiled, sorted: &mut Vec<(InputKey, Input)>) {
        sorted.clear();
        for (slot, key) in self.read.iter_mut().zip(&c.input_keys) {
            if let Some(v) = slot.take() {
                match sorted.last_mut() {
                    // A key mapped twice: the later column wins, as it would inserted one by
                    // one.
                    Some(last) if last.0 == *key => last.1 = v,
                    _ => sorted.push((key.clone(), v)),
                }
            }
        }
    }
}

/// Collects one row's problems.
struct RowProblems<'a> {
    table: &'a Table,
    row: usize,
    found: Vec<Problem>,
    errors: bool,
}

impl<'a> RowProblems<'a> {
    fn new(table: &'a Table, row: usize) -> Self {
        RowProblems {
            table,
            row,
            found: Vec::new(),
            errors: false,
        }
    }

    fn add(&mut self, column: Option<&Column>, value: &str, reason: Reason, severity: Severity) {
        self.errors |= severity == Severity::Error;
        let mut p = Problem::table_level(&self.table.source, severity, reason);
        p.row = self.row;
        if let Some(c) = column {
            p.column = Some(c.sheet_column);
            p.header = c.header.clone();
        }
        p.value = value.trim().to_string();
        self.found.push(p);
    }

    fn error(&mut self, column: Option<&Column>, value: &str, reason: Reason) {
        self.add(column, value, reason, Severity::Error);
    }
}

/// Resolves the account column of linked rows: id first, then name, in the import then in
/// the workspace.
struct Linker<'a> {
    ids: FastSet<&'a str>,
    names: FastMap<String, &'a str>,
}

impl<'a> Linker<'a> {
    fn new(imported: &'a [Account], existing: &'a [Account]) -> Self {
        let all = || imported.iter().chain(existing);
        let mut names =
            FastMap::with_capacity_and_hasher(imported.len() + existing.len(), Default::default());
        for a in all() {
            if !a.name.is_empty() {
                names.entry(link_key(&a.name)).or_insert(a.id.as_str());
            }
        }
        Linker {
            ids: all().map(|a| a.id.as_str()).collect(),
            names,
        }
    }

    fn resolve(&self, cell: &str) -> Option<String> {
        let t = cell.trim();
        if self.ids.contains(t) {
            return Some(t.to_string());
        }
        self.names.get(&link_key(t)).map(|id| id.to_string())
    }
}

/// The workspace's accounts by [`link_key`] of their name (the last of equal names wins),
/// built the first time a row without an id needs it.
struct ExistingNames<'a> {
    existing: &'a [Account],
    by_name: Option<FastMap<String, &'a str>>,
}

impl<'a> ExistingNames<'a> {
    fn id_of(&mut self, name: &str) -> Option<&'a str> {
        if self.existing.is_empty() {
            return None;
        }
        let existing = self.existing;
        let by_name = self.by_name.get_or_insert_with(|| {
            existing
                .iter()
                .map(|a| (link_key(&a.name), a.id.as_str()))
                .collect()
        });
        by_name.get(&link_key(name)).copied()
    }
}

/// Converts mapped tables: accounts tables first (so every other table can link to them),
/// then stakeholders, orders and assessments, linked to the imported accounts and to
/// `existing` (the workspace's) by id or name. `frameworks` are those in force, for checking
/// labels and ranges.
pub fn convert(
    sheets: &[(&Table, &SheetPlan)],
    frameworks: &[Framework],
    existing: &[Account],
) -> Imported {
    convert_with(sheets, frameworks, existing, None)
}

/// Where [`convert_in_parts`] hands the accounts over while it goes on.
pub struct AccountParts<'s> {
    /// Accounts per part (at least one).
    pub size: usize,
    /// Receives each part, in order, as soon as its last row is converted: the fraction of
    /// the accounts tables' rows converted by then (1 with the last part) and the part's bytes
    /// ([`super::transfer`]). The last part may be smaller.
    pub send: &'s mut dyn FnMut(f32, Vec<u8>),
}

/// [`convert`], handing the accounts over in parts while the rows are converted, so that
/// whoever receives them (the page, from the import worker) works on one part while the next
/// is converted. Each kept row is written straight into its part's bytes, never built into an
/// [`Account`] here; the result holds everything else (origins, report).
///
/// Linked tables (stakeholders, orders, assessments) are linked to the accounts imported
/// with them, so an import that has one keeps every account until the end: then `parts` gets
/// nothing, and the result is [`convert`]'s.
pub fn convert_in_parts(
    sheets: &[(&Table, &SheetPlan)],
    frameworks: &[Framework],
    existing: &[Account],
    parts: AccountParts<'_>,
) -> Imported {
    let any_linked = sheets.iter().any(|(_, plan)| is_linked(plan));
    let parts = (!any_linked).then(|| Streaming {
        size: parts.size.max(1),
        send: parts.send,
        writer: PartWriter::default(),
        rows: sheets
            .iter()
            .filter(|(_, plan)| plan.kind == TableKind::Accounts)
            .map(|(table, _)| table.len())
            .sum(),
    });
    convert_with(sheets, frameworks, existing, parts)
}

fn is_linked(plan: &SheetPlan) -> bool {
    !matches!(plan.kind, TableKind::Accounts | TableKind::Other)
}

fn convert_with(
    sheets: &[(&Table, &SheetPlan)],
    frameworks: &[Framework],
    existing: &[Account],
    mut parts: Option<Streaming<'_>>,
) -> Imported {
    let mut out = Imported::default();
    // Ids imported so far, with their row; borrowed from the tables' text and `existing`.
    let mut seen: FastMap<&str, usize> = FastMap::default();
    let mut existing_names = ExistingNames {
        existing,
        by_name: None,
    };
    for (i, &(table, plan)) in sheets.iter().enumerate() {
        if plan.kind == TableKind::Accounts {
            let ctx = Context {
                sheet: i,
                table,
                plan,
                frameworks,
            };
            convert_accounts(ctx, &mut existing_names, &mut seen, &mut parts, &mut out);
        }
    }
    if let Some(parts) = parts.as_mut().filter(|p| p.writer.accounts() > 0) {
        parts.send(parts.rows);
    }
    if sheets.iter().any(|(_, plan)| is_linked(plan)) {
        // The linker borrows the imported accounts while the linked rows are added.
        let accounts = std::mem::take(&mut out.accounts);
        let linker = Linker::new(&accounts, existing);
        for (i, &(table, plan)) in sheets.iter().enumerate() {
            if is_linked(plan) {
                let ctx = Context {
                    sheet: i,
                    table,
                    plan,
                    frameworks,
                };
                convert_linked(ctx, &linker, &mut out);
            }
        }
        out.accounts = accounts;
    }
    out
}

/// The part [`convert_in_parts`] is writing, and where it goes when full.
struct Streaming<'s> {
    size: usize,
    send: &'s mut dyn FnMut(f32, Vec<u8>),
    writer: PartWriter,
    /// The rows of every accounts table.
    rows: usize,
}

impl Streaming<'_> {
    /// Hands over the part written so far, `done` rows into [`Streaming::rows`].
    fn send(&mut self, done: usize) {
        let fraction = done as f32 / self.rows.max(1) as f32;
        (self.send)(fraction.min(1.0), self.writer.take());
    }
}

/// The table being converted, where it is in the import, and the frameworks in force.
#[derive(Clone, Copy)]
struct Context<'a> {
    sheet: usize,
    table: &'a Table,
    plan: &'a SheetPlan,
    frameworks: &'a [Framework],
}

/// Row numbers of rows the reader already found broken (sorted), and the reader's problems
/// reported.
fn reader_problems(table: &Table, report: &mut ImportReport) -> Vec<usize> {
    report.problems.extend(table.problems.iter().cloned());
    let mut broken: Vec<usize> = table
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.row)
        .collect();
    broken.sort_unstable();
    broken
}

fn missing_column(table: &Table, field: &str, report: &mut ImportReport) {
    let mut p = Problem::table_level(
        &table.source,
        Severity::Error,
        Reason::MissingColumn {
            field: field.to_string(),
        },
    );
    p.row = table.header_row as usize;
    report.problems.push(p);
}

fn convert_accounts<'a>(
    ctx: Context<'a>,
    existing: &mut ExistingNames<'a>,
    seen: &mut FastMap<&'a str, usize>,
    parts: &mut Option<Streaming<'_>>,
    out: &mut Imported,
) {
    let Context {
        sheet,
        table,
        plan,
        frameworks,
    } = ctx;
    let broken = reader_problems(table, &mut out.report);
    let c = compile(table, plan, frameworks);
    let name_col = c.fields.get(&Target::Name).copied();
    let id_col = c.fields.get(&Target::Id).copied();
    if name_col.is_none() && id_col.is_none() {
        missing_column(table, "客户名称 Account name", &mut out.report);
        return;
    }
    // Rows of the accounts tables before this one, for the parts' progress.
    let rows_before = out.report.rows_read;
    out.report.rows_read += table.len();
    if parts.is_none() {
        out.accounts.reserve(table.len());
    }
    out.account_origins.reserve(table.len());
    seen.reserve(table.len());
    let mut slots = InputSlots::new(&c);
    let mut inputs = Vec::new();
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    for (i, row) in table.rows().enumerate() {
        let mut problems = RowProblems::new(table, row.number());
        let name = name_col.map_or("", |i| trim_cell(row.get(i)));
        let id = id_col.map_or("", |i| trim_cell(row.get(i)));
        // The id this row imports under, borrowed until the row is kept.
        let mut account_id = "";
        if name.is_empty() && id.is_empty() {
            let col = name_col.or(id_col).map(|i| &c.columns[i]);
            problems.error(col, "", Reason::NoName);
        } else {
            account_id = match id {
                "" => existing.id_of(name).unwrap_or(name),
                id => id,
            };
            if let Some(&first_row) = seen.get(account_id) {
                let col = id_col.or(name_col).map(|i| &c.columns[i]);
                let value = if id.is_empty() { name } else { id };
                problems.error(col, value, Reason::DuplicateAccount { first_row });
            }
        }
        let [mut industry, mut region, mut owner, mut notes] = [""; 4];
        let mut level = None;
        attributes.clear();
        for col in &c.columns {
            let cell = trim_cell(row.get(col.index));
            if cell.is_empty() {
                continue;
            }
            match &col.action {
                Action::Field(Target::Industry) => industry = cell,
                Action::Field(Target::Region) => region = cell,
                Action::Field(Target::Owner) => owner = cell,
                Action::Field(Target::Notes) => notes = cell,
                Action::Field(Target::Level) => match read_level(cell) {
                    Ok(read) => level = read,
                    Err(reason) => problems.error(Some(col), cell, reason),
                },
                Action::Input(rank, check) => {
                    match read_input(cell, check, table.decimal_comma, &mut slots.labels) {
                        Ok(v) => slots.read[*rank] = v,
                        Err(reason) => problems.error(Some(col), cell, reason),
                    }
                }
                Action::Attribute(name) => attributes.push((name, cell)),
                Action::Field(_) | Action::Skip => {}
            }
        }
        slots.drain_sorted(&c, &mut inputs);
        finish_row(&row, &broken, problems, &mut out.report, || {
            seen.insert(account_id, row.number());
            out.account_origins.push(Origin {
                sheet,
                row: row.number(),
            });
            let account = AccountFields {
                texts: [account_id, name, industry, region, owner],
                level,
                inputs: &inputs,
                notes,
                attributes: &attributes,
            };
            match parts.as_mut() {
                Some(parts) => parts.writer.account(account),
                None => out.accounts.push(built(account)),
            }
        });
        if let Some(parts) = parts.as_mut().filter(|p| p.writer.accounts() >= p.size) {
            parts.send(rows_before + i + 1);
        }
    }
}

/// The account of a kept row.
fn built(a: AccountFields<'_>) -> Account {
    let [id, name, industry, region, owner] = a.texts.map(String::from);
    Account {
        id,
        name,
        industry,
        region,
        owner,
        level: a.level,
        inputs: Inputs::from_sorted(a.inputs.to_vec()),
        notes: a.notes.to_string(),
        attributes: a
            .attributes
            .iter()
            .map(|&(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// Reports a row's problems and keeps the row only when it has no error (and the reader did
/// not already find it broken).
fn finish_row(
    row: &Row<'_>,
    broken: &[usize],
    problems: RowProblems<'_>,
    report: &mut ImportReport,
    keep: impl FnOnce(),
) {
    let ok = !problems.errors && broken.binary_search(&row.number()).is_err();
    report.problems.extend(problems.found);
    if ok {
        report.rows_imported += 1;
        keep();
    }
}

/// The columns a linked table's rows read, looked up once per table.
struct LinkedColumns<'c> {
    account: Option<&'c Column>,
    name: Option<&'c Column>,
    date: Option<&'c Column>,
    amount: Option<&'c Column>,
}

fn convert_linked(ctx: Context<'_>, linker: &Linker<'_>, out: &mut Imported) {
    let Context {
        sheet,
        table,
        plan,
        frameworks,
    } = ctx;
    let broken = reader_problems(table, &mut out.report);
    let c = compile(table, plan, frameworks);
    let required: &[(Target, &str)] = match plan.kind {
        TableKind::Stakeholders => &[
            (Target::Account, "所属客户 Account"),
            (Target::Name, "姓名 Name"),
        ],
        TableKind::Orders => &[
            (Target::Account, "所属客户 Account"),
            (Target::Date, "日期 Date"),
            (Target::Amount, "金额 Amount"),
        ],
        _ => &[
            (Target::Account, "所属客户 Account"),
            (Target::Date, "评估日期 Assessment date"),
        ],
    };
    let mut complete = true;
    for (target, name) in required {
        if !c.fields.contains_key(target) {
            missing_column(table, name, &mut out.report);
            complete = false;
        }
    }
    if !complete {
        return;
    }
    for (col, map) in c.columns.iter().zip(&plan.mapping.columns) {
        if map.confidence == Confidence::None
            && map.target == Target::Ignore
            && !col.header.is_empty()
        {
            let mut p =
                Problem::table_level(&table.source, Severity::Warning, Reason::ColumnNotImported);
            p.row = table.header_row as usize;
            p.column = Some(col.sheet_column);
            p.header = col.header.clone();
            out.report.problems.push(p);
        }
    }
    let cols = LinkedColumns {
        account: c.column(&Target::Account),
        name: c.column(&Target::Name),
        date: c.column(&Target::Date),
        amount: c.column(&Target::Amount),
    };
    let mut slots = InputSlots::new(&c);
    out.report.rows_read += table.len();
    for row in table.rows() {
        let mut problems = RowProblems::new(table, row.number());
        let account = link(&row, cols.account, linker, &mut problems);
        match plan.kind {
            TableKind::Stakeholders => {
                let person = stakeholder_row(&row, &c, &cols, table, &mut slots, &mut problems);
                finish_row(&row, &broken, problems, &mut out.report, || {
                    out.stakeholders.push(Stakeholder { account, ..person });
                    out.stakeholder_origins.push(Origin {
                        sheet,
                        row: row.number(),
                    });
                });
            }
            TableKind::Orders => {
                let date = required_date(&row, cols.date, &mut problems);
                let amount = required_amount(&row, cols.amount, table, &mut problems);
                finish_row(&row, &broken, problems, &mut out.report, || {
                    if let (Some(date), Some(amount)) = (date, amount) {
                        out.orders.push(Order {
                            account,
                            date,
                            amount,
                        });
                    }
                });
            }
            _ => {
                let date = required_date(&row, cols.date, &mut problems);
                let inputs = row_inputs(&row, &c, table, &mut slots, &mut problems);
                finish_row(&row, &broken, problems, &mut out.report, || {
                    if let Some(date) = date {
                        out.assessments.push(CreditAssessment {
                            account,
                            date,
                            inputs,
                        });
                    }
                });
            }
        }
    }
}

fn link(
    row: &Row<'_>,
    col: Option<&Column>,
    linker: &Linker<'_>,
    problems: &mut RowProblems<'_>,
) -> String {
    let Some(col) = col else {
        return String::new();
    };
    let cell = row.get(col.index);
    if cell.trim().is_empty() {
        problems.error(Some(col), cell, Reason::NoAccount);
        return String::new();
    }
    linker.resolve(cell).unwrap_or_else(|| {
        problems.error(Some(col), cell, Reason::UnknownAccount);
        String::new()
    })
}

fn required_date(
    row: &Row<'_>,
    col: Option<&Column>,
    problems: &mut RowProblems<'_>,
) -> Option<chrono::NaiveDate> {
    let col = col?;
    let cell = row.get(col.index);
    match parse_date(cell) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.error(Some(col), cell, Reason::NoDate);
            None
        }
        Err(e) => {
            problems.error(Some(col), cell, e.reason());
            None
        }
    }
}

fn required_amount(
    row: &Row<'_>,
    col: Option<&Column>,
    table: &Table,
    problems: &mut RowProblems<'_>,
) -> Option<f64> {
    let col = col?;
    let cell = row.get(col.index);
    match parse_number(cell, table.decimal_comma) {
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            problems.error(Some(col), cell, Reason::NoAmount);
            None
        }
        Err(e) => {
            problems.error(Some(col), cell, e.reason());
            None
        }
    }
}

fn row_inputs(
    row: &Row<'_>,
    c: &Compiled,
    table: &Table,
    slots: &mut InputSlots,
    problems: &mut RowProblems<'_>,
) -> Inputs {
    for col in &c.columns {
        if let Action::Input(rank, check) = &col.action {
            let cell = trim_cell(row.get(col.index));
            match read_input(cell, check, table.decimal_comma, &mut slots.labels) {
                Ok(v) => slots.read[*rank] = v,
                Err(reason) => problems.error(Some(col), cell, reason),
            }
        }
    }
    slots.take(c)
}

fn stakeholder_row(
    row: &Row<'_>,
    c: &Compiled,
    cols: &LinkedColumns<'_>,
    table: &Table,
    slots: &mut InputSlots,
    problems: &mut RowProblems<'_>,
) -> Stakeholder {
    let mut s = Stakeholder {
        inputs: row_inputs(row, c, table, slots, problems),
        ..Stakeholder::default()
    };
    if let Some(col) = cols.name {
        s.name = row.get(col.index).trim().to_string();
        if s.name.is_empty() {
            problems.error(Some(col), "", Reason::NoPersonName);
        }
    }
    for col in &c.columns {
        let cell = row.get(col.index).trim();
        if cell.is_empty() {
            continue;
        }
        let slot = match &col.action {
            Action::Field(Target::JourneyPoint) => &mut s.journey_point,
            Action::Field(Target::Personal(p)) => match p {
                PersonalField::Gender => &mut s.personal.gender,
                PersonalField::Phone => &mut s.personal.phone,
                PersonalField::Email => &mut s.personal.email,
                PersonalField::Address => &mut s.personal.address,
                PersonalField::Background => &mut s.personal.background,
                PersonalField::Hobbies => &mut s.personal.hobbies,
                PersonalField::Family => &mut s.personal.family,
            },
            _ => continue,
        };
        *slot = cell.to_string();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::value::fold_width;

    #[test]
    fn link_key_is_normalise_label_of_the_folded_name() {
        for name in [
            "",
            "  ",
            "Acme",
            " ACME  Corp ",
            "华为\u{3000}技术",
            "ＡＣＭＥ　Ｃｏｒｐ",
            "￥ Bank",
            "\tOne\n Two  ",
            "ΟΔΟΣ ΣΑΣ",
            "İstanbul Ǆ",
            "客户 Ａ",
        ] {
            assert_eq!(
                link_key(name),
                normalise_label(&fold_width(name)),
                "{name:?}"
            );
        }
    }
}
