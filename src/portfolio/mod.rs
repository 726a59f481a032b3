//! The portfolio table's logic: each account's score and class in every account framework (in
//! the scorecard, a key account that lost its status on the red list has a class of its own),
//! its ABC class, RFM cell, owner, region and level, gathered once into plain columns, then
//! filtered, counted per class and sorted into row indices without reading the accounts again.
//!
//! [`Columns::build`] runs once per scoring of new records ([`Columns::rescored`] after a
//! framework edit keeps what does not depend on the frameworks); [`select`] runs on every filter or sort change: one
//! pass over the columns and one sort of `(key, row)` pairs, a few milliseconds for 100,000
//! accounts. The two costly preparations — the search text and the order of the names — are
//! made the first time a search or a name sort needs them.
//!
//! Rules a user sees: a missing value (an incomplete total, no class, no ABC value, no owner)
//! sorts last in both directions; equal keys keep the workspace order; names, owners and
//! regions sort by character code (capitals before small letters; Chinese names are not in
//! pinyin order). [`html`] renders the table for the browser shell.

pub mod html;

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use crate::fast_hash::FastMap;
use crate::framework::presets::{self, ACCOUNT_PRESETS};
use crate::i18n::{Lang, Msg};
use crate::model::{Account, AccountLevel, Settings, Workspace};
use crate::scoring::credit::{key_class, LostStatus};
use crate::scoring::segmentation::{abc, basis_key, rank_key, rfm, sort_keyed};
use crate::scoring::{Engine, FrameworkScores, Portfolio, Scores};

/// The frameworks of the table, in [`ACCOUNT_PRESETS`] order: scorecard, credit, external,
/// internal. A column's framework is its index in that list.
pub const FRAMEWORKS: usize = ACCOUNT_PRESETS.len();

/// "No value" in a small-number column: no class, no ABC class, no level.
pub const NONE: u8 = u8::MAX;

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    /// The complete total of the framework with this index.
    Score(usize),
    /// The class reached in the framework with this index (ordered as the framework lists
    /// them, best first).
    Class(usize),
    Abc,
    /// The RFM cell, read as a three-digit number (555 highest).
    Rfm,
    Owner,
    Region,
    /// Company-level before regional-level.
    Level,
}

impl Column {
    /// Every column, in the order the table shows them.
    pub const ALL: [Column; 14] = [
        Column::Name,
        Column::Score(0),
        Column::Class(0),
        Column::Score(1),
        Column::Class(1),
        Column::Score(2),
        Column::Class(2),
        Column::Score(3),
        Column::Class(3),
        Column::Abc,
        Column::Rfm,
        Column::Owner,
        Column::Region,
        Column::Level,
    ];

    /// Whether a first click sorts from high to low: numbers, where the best come first that
    /// way; names and classes start A to Z, best class first.
    pub fn descending_first(self) -> bool {
        matches!(self, Column::Score(_) | Column::Rfm)
    }
}

/// The order of the rows: a column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

/// What the table shows. A default filter shows every account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Per framework: only accounts of this class ([`NONE`]: only the unclassified).
    pub class: [Option<u8>; FRAMEWORKS],
    /// Only this ABC class (0 = A … 2 = C, [`NONE`]: no ABC class).
    pub abc: Option<u8>,
    /// Only accounts with exactly this owner.
    pub owner: Option<String>,
    /// Only accounts with exactly this region.
    pub region: Option<String>,
    /// Only this level (0 company, 1 regional, [`NONE`]: not set).
    pub level: Option<u8>,
    /// Text found in the name, id, industry, owner or region, ignoring the case of A–Z.
    pub text: String,
}

/// The table's values for every account, by column.
#[derive(Debug, Default)]
pub struct Columns {
    len: usize,
    /// Per framework, its results (shared with the scores, not copied; `None` when the
    /// framework is not in force).
    results: [Option<Arc<FrameworkScores>>; FRAMEWORKS],
    /// How many classes each framework has (0 when the framework is not in force), the
    /// scorecard's [`Columns::lost_class`] included.
    classes: [usize; FRAMEWORKS],
    /// The key accounts that lost their status on the red list (FRAMEWORKS.md §2).
    lost: LostStatus,
    /// The scorecard's place, its key class and the class after its own ones that a key
    /// account which lost its status shows instead, when the scorecard has a key class.
    lost_class: Option<(usize, u8, u8)>,
    /// What does not depend on the frameworks, shared by every scoring of the same records.
    records: Arc<RecordColumns>,
}

/// The columns that come from the records and the settings alone: a framework edit keeps them.
#[derive(Debug, Default)]
struct RecordColumns {
    /// The settings and the day they were computed with.
    settings: Settings,
    as_of: Option<NaiveDate>,
    abc: Vec<u8>,
    /// r·100 + f·10 + m, 0 when the account has no RFM cell.
    rfm: Vec<u16>,
    owners: Vec<String>,
    owner: Vec<u32>,
    regions: Vec<String>,
    region: Vec<u32>,
    level: Vec<u8>,
    /// Name, id, industry, owner and region of every row with A–Z lower-cased, and where each
    /// row's text starts (one more entry than rows).
    search: OnceLock<(String, Vec<u32>)>,
    /// Each row's place in the order of names.
    name_rank: OnceLock<Vec<u32>>,
}

/// Numbers each distinct non-empty value as it first appears, then renumbers them in byte
/// order: a few comparisons or one hash lookup per row, and a sort of the distinct values only.
#[derive(Default)]
struct Distinct<'a> {
    ids: FastMap<&'a str, u32>,
    /// Each value with the id it first got.
    values: Vec<(&'a str, usize)>,
}

/// Up to this many distinct values are found by comparing, beyond by hashing.
const SCAN: usize = 8;

impl<'a> Distinct<'a> {
    /// The value's id, `u32::MAX` for an empty one.
    fn id(&mut self, value: &'a str) -> u32 {
        if value.is_empty() {
            return u32::MAX;
        }
        let next = self.values.len();
        // A team has a few owners and regions: comparing with each is quicker than hashing
        // every row's value. The map takes over from the SCAN-th distinct value on.
        if next < SCAN {
            if let Some(id) = self.values.iter().position(|(v, _)| *v == value) {
                return id as u32;
            }
            self.values.push((value, next));
            if next + 1 == SCAN {
                self.ids
                    .extend(self.values.iter().map(|&(v, id)| (v, id as u32)));
            }
            return next as u32;
        }
        let values = &mut self.values;
        *self.ids.entry(value).or_insert_with(|| {
            values.push((value, next));
            next as u32
        })
    }

    /// The values in byte order, with `column`'s ids renumbered to their places.
    fn finish(mut self, column: &mut [u32]) -> Vec<String> {
        self.values.sort_unstable();
        let mut place = vec![0; self.values.len()];
        for (p, &(_, id)) in self.values.iter().enumerate() {
            place[id] = p as u32;
        }
        for id in column.iter_mut().filter(|id| **id != u32::MAX) {
            *id = place[*id as usize];
        }
        self.values
            .into_iter()
            .map(|(v, _)| v.to_string())
            .collect()
    }
}

impl RecordColumns {
    fn build(portfolio: &Portfolio, ws: &Workspace, as_of: Option<NaiveDate>) -> RecordColumns {
        let accounts = &ws.accounts;
        let len = accounts.len();
        let mut c = RecordColumns {
            settings: ws.settings.clone(),
            as_of,
            ..RecordColumns::default()
        };
        let basis = basis_key(ws.settings.abc_basis);
        let values = portfolio.numbers_of(basis, accounts);
        c.abc = abc(&values, ws.settings.abc_cutoffs)
            .into_iter()
            .map(|a| a.map_or(NONE, |a| a as u8))
            .collect();
        c.rfm = match as_of {
            Some(day) => rfm(accounts, &ws.orders, day, ws.settings.rfm_window_days)
                .into_iter()
                .map(|r| {
                    r.map_or(0, |r| {
                        u16::from(r.r) * 100 + u16::from(r.f) * 10 + u16::from(r.m)
                    })
                })
                .collect(),
            None => vec![0; len],
        };
        // Owner, region and level in one pass over the accounts.
        let (mut owners, mut regions) = (Distinct::default(), Distinct::default());
        c.owner.reserve(len);
        c.region.reserve(len);
        c.level.reserve(len);
        for a in accounts {
            c.owner.push(owners.id(&a.owner));
            c.region.push(regions.id(&a.region));
            c.level.push(match a.level {
                Some(AccountLevel::Company) => 0,
                Some(AccountLevel::Regional) => 1,
                None => NONE,
            });
        }
        c.owners = owners.finish(&mut c.owner);
        c.regions = regions.finish(&mut c.region);
        c
    }
}

impl Columns {
    /// Gathers the columns of the workspace's accounts from `portfolio` and `scores` (indexed and
    /// computed by `engine` from exactly these accounts) with their ABC class and, given the
    /// date to count recency from, their RFM cell. ABC reads the indexed measure when a
    /// framework reads it, so the accounts' input maps are not searched again.
    pub fn build(
        engine: &Engine,
        portfolio: &Portfolio,
        scores: &Scores,
        ws: &Workspace,
        as_of: Option<NaiveDate>,
    ) -> Columns {
        let records = RecordColumns::build(portfolio, ws, as_of);
        Columns::with_records(engine, scores, ws, Arc::new(records))
    }

    /// Like [`Columns::build`] after a framework edit: `previous` was built from the same
    /// records, so its ABC, RFM, owner, region and level columns are kept unless the settings
    /// or the day changed, and only the scores and classes are gathered again.
    pub fn rescored(
        previous: &Columns,
        engine: &Engine,
        portfolio: &Portfolio,
        scores: &Scores,
        ws: &Workspace,
        as_of: Option<NaiveDate>,
    ) -> Columns {
        let kept = &previous.records;
        let records = if previous.len == ws.accounts.len()
            && kept.as_of == as_of
            && kept.settings == ws.settings
        {
            Arc::clone(kept)
        } else {
            Arc::new(RecordColumns::build(portfolio, ws, as_of))
        };
        Columns::with_records(engine, scores, ws, records)
    }

    /// The framework columns of `scores`, over `records`; the red list is read as of the
    /// records' day (without one, no status is lost).
    fn with_records(
        engine: &Engine,
        scores: &Scores,
        ws: &Workspace,
        records: Arc<RecordColumns>,
    ) -> Columns {
        let lost = records
            .as_of
            .map(|day| LostStatus::compute(engine, scores, ws, day))
            .unwrap_or_default();
        let mut c = Columns {
            len: ws.accounts.len(),
            records,
            lost,
            ..Columns::default()
        };
        for (slot, id) in ACCOUNT_PRESETS.into_iter().enumerate() {
            if let Some(fi) = engine.index_of(id) {
                c.classes[slot] = engine.frameworks()[fi].classes().len();
                c.results[slot] = Some(scores.shared(fi));
            }
        }
        if let Some((fi, key)) = key_class(engine) {
            if let Some(slot) = ACCOUNT_PRESETS
                .iter()
                .position(|id| *id == presets::SCORECARD)
            {
                let own = engine.frameworks()[fi].classes().len();
                c.lost_class = Some((slot, key, own as u8));
                c.classes[slot] = own + 1;
            }
        }
        c
    }

    /// How many accounts there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no account.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The complete total of a row in a framework.
    pub fn score(&self, framework: usize, row: usize) -> Option<f64> {
        self.results[framework]
            .as_ref()?
            .outcome(row)
            .complete_total()
    }

    /// The class of a row in a framework; in the scorecard, a key account that lost its
    /// status on the red list has the [`Columns::lost_class`] instead of the key class.
    pub fn class(&self, framework: usize, row: usize) -> Option<u8> {
        let class = self.results[framework].as_ref()?.outcome(row).class;
        match self.lost_class {
            Some((slot, key, lost))
                if slot == framework && class == Some(key) && self.lost.lost_on(row).is_some() =>
            {
                Some(lost)
            }
            _ => class,
        }
    }

    /// How many classes a framework has (0 when it is not in force), the scorecard's
    /// [`Columns::lost_class`] included.
    pub fn classes(&self, framework: usize) -> usize {
        self.classes[framework]
    }

    /// The framework (its place in [`ACCOUNT_PRESETS`]) and the class that a key account
    /// which lost its status on the red list shows: the scorecard's, after its own classes.
    pub fn lost_class(&self) -> Option<(usize, u8)> {
        self.lost_class.map(|(slot, _, lost)| (slot, lost))
    }

    /// The day the account at this row lost key-account status, if it has.
    pub fn lost_on(&self, row: usize) -> Option<NaiveDate> {
        self.lost.lost_on(row)
    }

    /// The months on the red list that cost a key account its status.
    pub fn red_list_months(&self) -> u32 {
        self.records.settings.red_list_months
    }

    /// The ABC class of a row (0 = A).
    pub fn abc(&self, row: usize) -> Option<u8> {
        Some(self.records.abc[row]).filter(|c| *c != NONE)
    }

    /// The RFM cell of a row as a number such as 545.
    pub fn rfm(&self, row: usize) -> Option<u16> {
        Some(self.records.rfm[row]).filter(|c| *c != 0)
    }

    /// The level of a row (0 company, 1 regional).
    pub fn level(&self, row: usize) -> Option<u8> {
        Some(self.records.level[row]).filter(|c| *c != NONE)
    }

    /// The distinct owners, in byte order: the choices of the owner filter.
    pub fn owners(&self) -> &[String] {
        &self.records.owners
    }

    /// The distinct regions, in byte order.
    pub fn regions(&self) -> &[String] {
        &self.records.regions
    }

    fn search(&self, accounts: &[Account]) -> &(String, Vec<u32>) {
        self.records.search.get_or_init(|| {
            let mut text = String::new();
            let mut starts = Vec::with_capacity(self.len + 1);
            for a in accounts.iter().take(self.len) {
                starts.push(text.len() as u32);
                for field in [&a.name, &a.id, &a.industry, &a.owner, &a.region] {
                    text.push_str(field);
                    // A separator no search can contain, so a match never spans two fields.
                    text.push('\n');
                }
            }
            starts.push(text.len() as u32);
            // Only A–Z fold: Chinese has no case, and a case table lookup per character would
            // cost more than every search after it.
            text.make_ascii_lowercase();
            (text, starts)
        })
    }

    fn name_rank(&self, accounts: &[Account]) -> &[u32] {
        self.records.name_rank.get_or_init(|| {
            let name = |row: u32| accounts.get(row as usize).map_or("", |a| a.name.as_str());
            // Sorted by their first 8 bytes as a number first: most comparisons then stay in the
            // array instead of reading two names elsewhere in memory.
            let prefix = |row: u32| {
                let mut bytes = [0; 8];
                let name = name(row).as_bytes();
                let n = name.len().min(8);
                bytes[..n].copy_from_slice(&name[..n]);
                u64::from_be_bytes(bytes)
            };
            let mut order: Vec<(u64, u32)> = (0..self.len as u32).map(|r| (prefix(r), r)).collect();
            sort_keyed(&mut order);
            // Names sharing their first 8 bytes are ordered by the rest; equal names keep the
            // workspace order.
            for run in order.chunk_by_mut(|a, b| a.0 == b.0) {
                run.sort_unstable_by(|a, b| name(a.1).cmp(name(b.1)).then(a.1.cmp(&b.1)));
            }
            let mut rank = vec![0; self.len];
            for (place, (_, row)) in order.into_iter().enumerate() {
                rank[row as usize] = place as u32;
            }
            rank
        })
    }

    /// A row's sort key: ascending order is the column's natural order; `None` is missing.
    fn key(&self, column: Column, row: usize, accounts: &[Account]) -> Option<u64> {
        // Small numbers shift by one so that no present key inverts to the missing key.
        let small = |v: u8| (v != NONE).then_some(u64::from(v) + 1);
        let index = |v: u32| (v != u32::MAX).then_some(u64::from(v) + 1);
        match column {
            Column::Name => Some(u64::from(self.name_rank(accounts)[row]) + 1),
            Column::Score(f) => self.score(f, row).map(rank_key),
            Column::Class(f) => self.class(f, row).map(|c| u64::from(c) + 1),
            Column::Abc => small(self.records.abc[row]),
            Column::Rfm => self.rfm(row).map(u64::from),
            Column::Owner => index(self.records.owner[row]),
            Column::Region => index(self.records.region[row]),
            Column::Level => small(self.records.level[row]),
        }
    }
}

/// The bars of a framework's accounts-per-class chart, in class order: each class of the
/// framework with its count, then — in the scorecard — the key accounts that lost their
/// status on the red list (`lost`), then the unclassified; these two only when some account
/// is in them. `None` when the framework is not in force.
pub fn class_bars(
    engine: &Engine,
    scores: &Scores,
    framework: &str,
    lost: &LostStatus,
    lang: Lang,
) -> Option<Vec<(String, u32)>> {
    let fi = engine.index_of(framework)?;
    let classes = engine.frameworks()[fi].classes();
    let key = key_class(engine).filter(|(scorecard, _)| *scorecard == fi);
    let results = scores.framework(fi);
    let mut counts = vec![0u32; classes.len()];
    let (mut lost_status, mut unclassified) = (0u32, 0u32);
    for row in 0..results.len() {
        match results.outcome(row).class {
            Some(class) if key.is_some_and(|(_, k)| k == class) && lost.lost_on(row).is_some() => {
                lost_status += 1
            }
            Some(class) => counts[usize::from(class)] += 1,
            None => unclassified += 1,
        }
    }
    let mut bars: Vec<(String, u32)> = classes
        .iter()
        .zip(counts)
        .map(|(class, count)| (class.label.get(lang).to_string(), count))
        .collect();
    for (msg, count) in [
        (Msg::KeyStatusLost, lost_status),
        (Msg::NotClassified, unclassified),
    ] {
        if count > 0 {
            bars.push((msg.text(lang).to_string(), count));
        }
    }
    Some(bars)
}

/// The rows a filter shows, in order, with the counts per class.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Row indices (into the accounts), in display order.
    pub rows: Vec<u32>,
    /// Per framework, accounts per class, the last entry counting the unclassified. Each
    /// framework counts the accounts that pass every filter except its own class filter, so a
    /// count says how many rows choosing that class would show.
    pub class_counts: [Vec<u32>; FRAMEWORKS],
    /// Accounts per ABC class A, B, C and without one, counted the same way.
    pub abc_counts: [u32; 4],
}

/// The facets whose counts are shown: one per framework, then ABC.
const FACETS: usize = FRAMEWORKS + 1;

/// The rows of `columns` that pass `filter`, ordered by `sort` (`None`: workspace order), with
/// the counts per class. `accounts` must be the accounts the columns were built from.
pub fn select(
    columns: &Columns,
    accounts: &[Account],
    filter: &Filter,
    sort: Option<Sort>,
) -> Selection {
    let mut out = Selection {
        class_counts: std::array::from_fn(|f| vec![0; columns.classes[f] + 1]),
        ..Selection::default()
    };
    // A value no row has, for an owner or region not in the workspace: the filter shows none.
    let wanted = |value: &Option<String>, list: &[String]| {
        value
            .as_ref()
            .map(|v| list.binary_search(v).map_or(u32::MAX - 1, |i| i as u32))
    };
    let owner = wanted(&filter.owner, columns.owners());
    let region = wanted(&filter.region, columns.regions());
    let needle = filter.text.trim().to_ascii_lowercase();
    let search = (!needle.is_empty()).then(|| columns.search(accounts));
    for row in 0..columns.len {
        if owner.is_some_and(|o| o != columns.records.owner[row])
            || region.is_some_and(|r| r != columns.records.region[row])
            || filter
                .level
                .is_some_and(|l| l != columns.records.level[row])
        {
            continue;
        }
        let values: [u8; FACETS] = std::array::from_fn(|f| match f {
            FRAMEWORKS => columns.records.abc[row],
            f => columns.class(f, row).unwrap_or(NONE),
        });
        let wanted: [Option<u8>; FACETS] = std::array::from_fn(|f| match f {
            FRAMEWORKS => filter.abc,
            f => filter.class[f],
        });
        let mut failed = None;
        let mut failures = 0;
        for f in 0..FACETS {
            if wanted[f].is_some_and(|w| w != values[f]) {
                failed = Some(f);
                failures += 1;
            }
        }
        if failures > 1 {
            continue;
        }
        if let Some((text, starts)) = search {
            let (from, to) = (starts[row] as usize, starts[row + 1] as usize);
            if !text[from..to].contains(&needle) {
                continue;
            }
        }
        for f in 0..FACETS {
            if failed.is_some_and(|g| g != f) {
                continue;
            }
            let counts: &mut [u32] = match f {
                FRAMEWORKS => &mut out.abc_counts,
                f => &mut out.class_counts[f],
            };
            let last = counts.len() - 1;
            counts[usize::from(values[f]).min(last)] += 1;
        }
        if failed.is_none() {
            out.rows.push(row as u32);
        }
    }
    if let Some(Sort { column, descending }) = sort {
        let mut keyed: Vec<(u64, u32)> = out
            .rows
            .iter()
            .map(|&row| {
                let key = match columns.key(column, row as usize, accounts) {
                    None => u64::MAX,
                    Some(k) if descending => !k,
                    Some(k) => k,
                };
                (key, row)
            })
            .collect();
        sort_keyed(&mut keyed);
        out.rows = keyed.into_iter().map(|(_, row)| row).collect();
    }
    out
}
