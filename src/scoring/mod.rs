//! Scoring: frameworks compiled into an [`Engine`], accounts turned into compact results.
//!
//! The hot path allocates no string per account. [`Engine::index`] reads the accounts once into
//! an [`Portfolio`] — a column per input key, each distinct label stored once — and
//! [`Engine::score`] then scores every framework from it with plain array reads, writing one
//! `Copy` [`DimScore`] per dimension and one [`Outcome`] per row. Labels are matched against a
//! dimension's levels once per distinct label, not once per account. Words come later and only
//! on demand: [`explain`] renders a result in a language, [`Engine::problems`] lists what is
//! missing or invalid with the accepted values.

pub mod ahead;
pub mod batch;
pub mod credit;
pub mod diff;
pub mod entry;
pub mod explain;
pub mod form;
pub mod improve;
pub mod segmentation;
pub mod stakeholders;
mod table;

use std::sync::Arc;

use thiserror::Error;

use crate::fast_hash::FastMap;
use crate::framework::{
    Classification, Derivation, Dimension, Framework, FrameworkError, LineRule, LineTest, Rule,
    Subject, MAX_LINES,
};
use crate::model::{Account, Inputs, Stakeholder};
use table::{Cell, Table, TableBuilder};

/// How a dimension's score came about. Small and `Copy`; [`explain`] turns it into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// A number taken as is (direct rule, or a number entered for a levels rule).
    Direct,
    /// A label matched the level with this index.
    Level(u8),
    /// The level with this index was chosen from a measure against thresholds.
    LevelFromMeasure(u8),
    /// Interpolated on the segment starting at breakpoint `segment`; the last breakpoint's index
    /// means flat beyond it. `capped` when the dimension's max cut the value.
    Piecewise { segment: u8, capped: bool },
    /// A score entered directly in place of a piecewise measure.
    ScoreEntered,
    /// Another framework's total; `clamped` when it lay outside [min, max].
    FrameworkTotal { clamped: bool },
    /// Weighted mean over this many stakeholders.
    Stakeholders { count: u16 },
    /// No input.
    Missing,
    /// The input was rejected.
    Invalid(Invalid),
}

/// Why an input was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// A number outside [min, max] (or below the first breakpoint).
    OutOfRange,
    /// A label matching no level.
    UnknownLabel,
    /// Text where a number is needed.
    NotANumber,
}

/// One dimension's result: a score (absent when missing or invalid) and how it was reached.
#[derive(Clone, Copy, Debug)]
pub struct DimScore {
    /// The score; NaN when there is none, so a result stays 16 bytes.
    score: f64,
    pub how: How,
}

impl DimScore {
    fn ok(score: f64, how: How) -> Self {
        DimScore { score, how }
    }

    fn none(how: How) -> Self {
        DimScore {
            score: f64::NAN,
            how,
        }
    }

    /// The score, `None` when the input was missing or invalid.
    pub fn value(&self) -> Option<f64> {
        (!self.score.is_nan()).then_some(self.score)
    }
}

/// Equal results: the same score, or none, reached the same way.
impl PartialEq for DimScore {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.how == other.how
    }
}

/// A row's result in one framework: total, completeness, class and line comparisons.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    /// The sum of the scored dimensions that have a score.
    pub total: f64,
    /// Bit `i` set: dimension `i` has no input.
    pub missing: u32,
    /// Bit `i` set: dimension `i`'s input was rejected.
    pub invalid: u32,
    /// The class reached (index into [`Framework::classes`]); `None` when incomplete or the
    /// framework has no classification.
    pub class: Option<u8>,
    /// Per line (framework order): bit `i` set when dimension `i` is below that line.
    pub short: [u32; MAX_LINES],
}

impl Outcome {
    /// All inputs present and valid.
    pub fn is_complete(&self) -> bool {
        self.missing == 0 && self.invalid == 0
    }

    /// The total, only when complete: a partial sum is never passed off as a total.
    pub fn complete_total(&self) -> Option<f64> {
        self.is_complete().then_some(self.total)
    }
}

/// A problem with one account's input, naming account, dimension, value and what is allowed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ScoreError {
    #[error("{account}: {dimension}: {value} is out of range; allowed {min} to {max}")]
    OutOfRange {
        account: String,
        dimension: String,
        input: String,
        value: String,
        min: f64,
        max: f64,
    },
    #[error("{account}: {dimension}: '{value}' is not a known level; accepted: {accepted}")]
    UnknownLabel {
        account: String,
        dimension: String,
        input: String,
        value: String,
        accepted: String,
    },
    #[error("{account}: {dimension}: '{value}' is not a number")]
    NotANumber {
        account: String,
        dimension: String,
        input: String,
        value: String,
    },
    #[error("{account}: {dimension}: missing; enter {accepted} in '{input}'")]
    Missing {
        account: String,
        dimension: String,
        input: String,
        accepted: String,
    },
}

impl ScoreError {
    /// The input key (spreadsheet column) the problem is about.
    pub fn input(&self) -> &str {
        match self {
            ScoreError::OutOfRange { input, .. }
            | ScoreError::UnknownLabel { input, .. }
            | ScoreError::NotANumber { input, .. }
            | ScoreError::Missing { input, .. } => input,
        }
    }

    /// The offending value as entered (empty when missing).
    pub fn value(&self) -> &str {
        match self {
            ScoreError::OutOfRange { value, .. }
            | ScoreError::UnknownLabel { value, .. }
            | ScoreError::NotANumber { value, .. } => value,
            ScoreError::Missing { .. } => "",
        }
    }

    /// The reason without the account and dimension prefix.
    pub fn reason(&self) -> String {
        match self {
            ScoreError::OutOfRange { min, max, .. } => {
                format!("{} is out of range; allowed {min} to {max}", self.value())
            }
            ScoreError::UnknownLabel { accepted, .. } => {
                format!("unknown level; accepted: {accepted}")
            }
            ScoreError::NotANumber { .. } => "not a number".into(),
            ScoreError::Missing { accepted, .. } => format!("missing; enter {accepted}"),
        }
    }
}

/// Accounts and stakeholders read once for scoring; rebuild it when the data changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Portfolio {
    accounts: Table,
    stakeholders: Table,
    /// For each stakeholder, the index of its account (`None`: unknown account id).
    owner: Vec<Option<u32>>,
}

impl Portfolio {
    /// How many accounts were indexed.
    pub fn accounts(&self) -> usize {
        self.accounts.rows
    }

    /// The numbers of one account input key, by account (`None`: missing, a label, or a key no
    /// framework reads). Cheaper than reading every account's map again (ABC, share of wallet).
    pub fn numbers(&self, key: &str) -> Vec<Option<f64>> {
        let t = &self.accounts;
        let Some(col) = t.keys.iter().position(|k| k == key) else {
            return vec![None; t.rows];
        };
        t.column(col)
            .iter()
            .map(|c| match c.get() {
                Cell::Number(v) => Some(v),
                _ => None,
            })
            .collect()
    }

    /// The numbers of one account input key, by account, read from the index when a framework
    /// reads the key and from `accounts` (the records this portfolio indexed) otherwise.
    pub fn numbers_of(&self, key: &str, accounts: &[Account]) -> Vec<Option<f64>> {
        if self.accounts.keys.iter().any(|k| k == key) {
            self.numbers(key)
        } else {
            accounts.iter().map(|a| a.number(key)).collect()
        }
    }

    /// For each stakeholder, the index of its account, `None` when its account id is unknown.
    pub fn stakeholder_accounts(&self) -> &[Option<u32>] {
        &self.owner
    }
}

/// A levels rule compiled for matching.
#[derive(Clone, Debug, PartialEq)]
struct CompiledLevels {
    scores: Vec<f64>,
    /// Normalised spellings and the level each names.
    names: Vec<(String, u8)>,
    by_measure: Option<(usize, Vec<f64>)>,
}

#[derive(Clone, Debug, PartialEq)]
enum Compiled {
    Direct,
    Levels(CompiledLevels),
    Piecewise {
        breakpoints: Vec<[f64; 2]>,
        score_col: Option<usize>,
    },
    Derived {
        from: CompiledDerivation,
        fallback: Box<Compiled>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum CompiledDerivation {
    Total(usize),
    Weighted {
        fw: usize,
        value: usize,
        /// `None`: the plain mean.
        weight: Option<usize>,
    },
}

impl CompiledDerivation {
    /// The engine index of the framework the value comes from.
    fn source(self) -> usize {
        match self {
            CompiledDerivation::Total(fw) | CompiledDerivation::Weighted { fw, .. } => fw,
        }
    }
}

impl Compiled {
    /// The engine index of the framework a derived rule reads, `None` for the other rules.
    fn source(&self) -> Option<usize> {
        match self {
            Compiled::Derived { from, .. } => Some(from.source()),
            _ => None,
        }
    }
}

/// Two equal compiled dimensions score the same portfolio alike (given the same sources).
#[derive(Clone, Debug, PartialEq)]
struct CompiledDim {
    col: usize,
    min: f64,
    max: f64,
    scored: bool,
    rule: Compiled,
}

#[derive(Clone, Debug)]
struct CompiledClass {
    rule: ClassRule,
}

#[derive(Clone, Debug)]
enum ClassRule {
    None,
    Total {
        mins: Vec<f64>,
        inclusive: bool,
    },
    Lines {
        total: bool,
        /// (line index, meets?) per step.
        steps: Vec<(usize, bool)>,
    },
}

#[derive(Clone, Debug)]
struct Prepared {
    subject: Subject,
    dims: Vec<CompiledDim>,
    /// Line values, with the sum over scored dimensions.
    lines: Vec<(Vec<f64>, f64)>,
    /// The same line values by dimension (`[dim * lines + line]`), the order the scoring loop
    /// reads them in.
    line_values: Vec<f64>,
    class: CompiledClass,
}

/// Frameworks compiled for scoring, in an order where every source precedes its users.
#[derive(Clone, Debug)]
pub struct Engine {
    frameworks: Vec<Framework>,
    prepared: Vec<Prepared>,
    order: Vec<usize>,
    account_keys: Vec<String>,
    stakeholder_keys: Vec<String>,
}

/// Every framework's results for a [`Portfolio`]. Each framework's results are shared, so a
/// re-score after an edit of one framework keeps the others' without copying them.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    frameworks: Vec<Arc<FrameworkScores>>,
}

/// An indexing under way (see [`Engine::index_in_steps`]).
pub struct IndexSteps {
    accounts: TableBuilder,
    stakeholders: TableBuilder,
}

impl IndexSteps {
    /// Indexes up to `rows` more rows, accounts first; `true` while rows remain.
    pub fn step(
        &mut self,
        accounts: &[Account],
        stakeholders: &[Stakeholder],
        rows: usize,
    ) -> bool {
        let before = self.accounts.filled() + self.stakeholders.filled();
        let of_accounts = rows.min(self.accounts.remaining());
        let next = accounts.get(self.accounts.filled()..).unwrap_or_default();
        self.accounts
            .add(next.iter().take(of_accounts).map(|a| &a.inputs));
        let next = stakeholders
            .get(self.stakeholders.filled()..)
            .unwrap_or_default();
        self.stakeholders
            .add(next.iter().take(rows - of_accounts).map(|s| &s.inputs));
        let progressed = self.accounts.filled() + self.stakeholders.filled() > before;
        // Records shorter than announced end the indexing rather than loop on it.
        progressed && self.accounts.remaining() + self.stakeholders.remaining() > 0
    }

    /// The portfolio, once [`IndexSteps::step`] said no rows remain: with each stakeholder's
    /// account found by id.
    pub fn finish(self, accounts: &[Account], stakeholders: &[Stakeholder]) -> Portfolio {
        let owner = if stakeholders.is_empty() {
            Vec::new()
        } else {
            let by_id: FastMap<&str, u32> = accounts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), i as u32))
                .collect();
            // Stakeholders usually arrive grouped by account, so the previous answer is often
            // the right one and saves a lookup.
            let mut last: Option<(&str, Option<u32>)> = None;
            stakeholders
                .iter()
                .map(|s| match last {
                    Some((id, found)) if id == s.account => found,
                    _ => {
                        let found = by_id.get(s.account.as_str()).copied();
                        last = Some((s.account.as_str(), found));
                        found
                    }
                })
                .collect()
        };
        Portfolio {
            accounts: self.accounts.finish(),
            stakeholders: self.stakeholders.finish(),
            owner,
        }
    }
}

/// A scoring under way, one framework per [`ScoreSteps::step`] (see [`Engine::score_in_steps`]).
pub struct ScoreSteps<'a> {
    engine: &'a Engine,
    portfolio: &'a Portfolio,
    /// Frameworks scored so far, in dependency order.
    done: usize,
    out: Scores,
}

impl ScoreSteps<'_> {
    /// Scores the next framework; `false` once every framework is scored.
    pub fn step(&mut self) -> bool {
        let Some(&fi) = self.engine.order.get(self.done) else {
            return false;
        };
        self.engine
            .score_one(fi, self.portfolio, &mut self.out, &[]);
        self.done += 1;
        self.done < self.engine.order.len()
    }

    /// The scores, after every remaining step.
    pub fn finish(mut self) -> Scores {
        while self.step() {}
        self.out
    }
}

/// One framework's results, a row per account (or stakeholder).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameworkScores {
    width: usize,
    dims: Vec<DimScore>,
    outcomes: Vec<Outcome>,
}

impl FrameworkScores {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// The dimension results of a row, in dimension order.
    pub fn dims(&self, row: usize) -> &[DimScore] {
        &self.dims[row * self.width..(row + 1) * self.width]
    }

    /// The outcome of a row.
    pub fn outcome(&self, row: usize) -> &Outcome {
        &self.outcomes[row]
    }
}

impl Scores {
    /// The results of the framework at this engine index, shared: they stay as they are
    /// while this scoring lives, and a later scoring writes its own.
    pub fn shared(&self, index: usize) -> Arc<FrameworkScores> {
        Arc::clone(&self.frameworks[index])
    }

    /// The results of the framework at this engine index.
    pub fn framework(&self, index: usize) -> &FrameworkScores {
        &self.frameworks[index]
    }
}

/// Lower-cases and collapses spaces, so " Key  Decision Maker " names "key decision maker".
pub fn normalise_label(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn key_index(keys: &mut Vec<String>, key: &str) -> usize {
    match keys.iter().position(|k| k == key) {
        Some(i) => i,
        None => {
            keys.push(key.to_string());
            keys.len() - 1
        }
    }
}

impl Engine {
    /// Compiles frameworks; each is validated, and derivations must name an available source.
    pub fn new(frameworks: &[Framework]) -> Result<Engine, FrameworkError> {
        for (i, f) in frameworks.iter().enumerate() {
            f.validate()?;
            if frameworks[..i].iter().any(|g| g.id == f.id) {
                return Err(FrameworkError::DuplicateId(f.id.clone()));
            }
        }
        let order = dependency_order(frameworks)?;
        let mut account_keys = Vec::new();
        let mut stakeholder_keys = Vec::new();
        let mut prepared = Vec::with_capacity(frameworks.len());
        for f in frameworks {
            let keys = match f.subject {
                Subject::Account => &mut account_keys,
                Subject::Stakeholder => &mut stakeholder_keys,
            };
            let mut dims = Vec::with_capacity(f.dimensions.len());
            for d in &f.dimensions {
                let rule = compile_rule(frameworks, f, d, &d.rule, keys)?;
                dims.push(CompiledDim {
                    col: key_index(keys, &d.input),
                    min: d.min,
                    max: d.max,
                    scored: d.scored,
                    rule,
                });
            }
            let lines = f
                .lines
                .iter()
                .map(|l| {
                    let sum = l
                        .values
                        .iter()
                        .zip(&f.dimensions)
                        .filter(|(_, d)| d.scored)
                        .map(|(v, _)| v)
                        .sum();
                    (l.values.clone(), sum)
                })
                .collect();
            let rule = match &f.classification {
                Classification::None => ClassRule::None,
                Classification::Total {
                    bands, inclusive, ..
                } => ClassRule::Total {
                    mins: bands.iter().map(|b| b.min).collect(),
                    inclusive: *inclusive,
                },
                Classification::Lines { rule, steps, .. } => ClassRule::Lines {
                    total: *rule == LineRule::Total,
                    steps: steps
                        .iter()
                        .map(|s| {
                            let line = f.lines.iter().position(|l| l.id == s.line).unwrap_or(0);
                            (line, s.test == LineTest::Meets)
                        })
                        .collect(),
                },
            };
            let line_values = (0..f.dimensions.len())
                .flat_map(|i| {
                    f.lines
                        .iter()
                        .map(move |l| l.values.get(i).copied().unwrap_or(f64::NEG_INFINITY))
                })
                .collect();
            prepared.push(Prepared {
                subject: f.subject,
                dims,
                lines,
                line_values,
                class: CompiledClass { rule },
            });
        }
        Ok(Engine {
            frameworks: frameworks.to_vec(),
            prepared,
            order,
            account_keys,
            stakeholder_keys,
        })
    }

    /// The engine of the shipped presets.
    pub fn presets() -> Engine {
        // The presets are checked by the test suite, so this cannot fail for a released build;
        // falling back to no frameworks keeps the app alive rather than panicking.
        Engine::new(&crate::framework::presets::all()).unwrap_or_else(|_| Engine {
            frameworks: Vec::new(),
            prepared: Vec::new(),
            order: Vec::new(),
            account_keys: Vec::new(),
            stakeholder_keys: Vec::new(),
        })
    }

    /// The frameworks, in engine order (indices used by [`Scores::framework`]).
    pub fn frameworks(&self) -> &[Framework] {
        &self.frameworks
    }

    /// The engine index of the framework with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.frameworks.iter().position(|f| f.id == id)
    }

    /// Every input key the account frameworks read.
    pub fn account_keys(&self) -> &[String] {
        &self.account_keys
    }

    /// Every input key the stakeholder frameworks read.
    pub fn stakeholder_keys(&self) -> &[String] {
        &self.stakeholder_keys
    }

    /// Reads accounts and stakeholders into a [`Portfolio`] for [`Engine::score`].
    pub fn index(&self, accounts: &[Account], stakeholders: &[Stakeholder]) -> Portfolio {
        let mut steps = self.index_in_steps(accounts, stakeholders);
        while steps.step(accounts, stakeholders, usize::MAX) {}
        steps.finish(accounts, stakeholders)
    }

    /// Indexes accounts and stakeholders a slice of rows at a time, for a caller that must not
    /// hold its thread for the whole of it (the browser's main thread, at 100k accounts).
    /// Every step must be given the records given here, unchanged; finishes equal to
    /// [`Engine::index`].
    pub fn index_in_steps(&self, accounts: &[Account], stakeholders: &[Stakeholder]) -> IndexSteps {
        IndexSteps {
            accounts: TableBuilder::new(&self.account_keys, accounts.len()),
            stakeholders: TableBuilder::new(&self.stakeholder_keys, stakeholders.len()),
        }
    }

    /// Scores every framework on an indexed portfolio.
    pub fn score(&self, portfolio: &Portfolio) -> Scores {
        let mut out = Scores {
            frameworks: Vec::new(),
        };
        self.score_into(portfolio, &mut out);
        out
    }

    /// Like [`Engine::score`], reusing the buffers of a previous result: rescoring after an edit
    /// then touches no fresh memory, which is most of the cost at 100k accounts.
    pub fn score_into(&self, portfolio: &Portfolio, out: &mut Scores) {
        out.frameworks
            .resize_with(self.prepared.len(), Default::default);
        for &fi in &self.order {
            self.score_one(fi, portfolio, out, &[]);
        }
    }

    /// Scores a portfolio one framework at a time, for a caller that must not hold its thread
    /// for the whole scoring (the browser's main thread yields between steps at 100k accounts).
    /// Finishes equal to [`Engine::score`].
    pub fn score_in_steps<'a>(&'a self, portfolio: &'a Portfolio) -> ScoreSteps<'a> {
        let mut out = Scores {
            frameworks: Vec::new(),
        };
        out.frameworks
            .resize_with(self.prepared.len(), Default::default);
        ScoreSteps {
            engine: self,
            portfolio,
            done: 0,
            out,
        }
    }

    /// Scores the framework at engine index `fi` into `out`, in place when nothing else shares
    /// its previous results. The dimensions marked in `kept` keep the results `out` holds for
    /// them (see [`score_framework`]).
    fn score_one(&self, fi: usize, portfolio: &Portfolio, out: &mut Scores, kept: &[bool]) {
        let p = &self.prepared[fi];
        let table = match p.subject {
            Subject::Account => &portfolio.accounts,
            Subject::Stakeholder => &portfolio.stakeholders,
        };
        let mut current = std::mem::take(&mut out.frameworks[fi]);
        score_framework(
            p,
            table,
            portfolio,
            &out.frameworks,
            Arc::make_mut(&mut current),
            kept,
        );
        out.frameworks[fi] = current;
    }

    /// Whether a [`Portfolio`] indexed by `other` can be scored by this engine: both read the
    /// same input keys in the same order. A framework edit that keeps its inputs (a weight, a
    /// line, a threshold) keeps the index, so only the scoring is redone.
    pub fn reads_like(&self, other: &Engine) -> bool {
        self.account_keys == other.account_keys && self.stakeholder_keys == other.stakeholder_keys
    }

    /// Scores a portfolio after an edit, given the engine and scores from before it on the
    /// same portfolio. Only the frameworks that changed, and those derived from them, are
    /// scored again; the others' results are shared with `before`. Within a framework scored
    /// again, a dimension whose rule and sources did not change keeps its results, and only
    /// the totals and classes are worked out again (a weight edited in the framework editor
    /// scores one column of the portfolio, not all of them). Equal to [`Engine::score`]
    /// on the same portfolio; `None` when this engine reads other inputs than the old one (see
    /// [`Engine::reads_like`]) and the records must be indexed again.
    pub fn rescore(&self, portfolio: &Portfolio, before: (&Engine, &Scores)) -> Option<Scores> {
        let (old, old_scores) = before;
        if !self.reads_like(old) {
            return None;
        }
        if old.frameworks.len() != self.frameworks.len() {
            return Some(self.score(portfolio));
        }
        let mut dirty: Vec<bool> = self
            .frameworks
            .iter()
            .zip(&old.frameworks)
            .map(|(new, old)| new != old)
            .collect();
        let mut out = old_scores.clone();
        for &fi in &self.order {
            let source_changed = self.prepared[fi]
                .dims
                .iter()
                .filter_map(|d| d.rule.source())
                .any(|source| dirty[source]);
            if dirty[fi] || source_changed {
                dirty[fi] = true;
                let kept = self.unchanged_dims(fi, old, &old_scores.frameworks[fi], &dirty);
                // The old results are shared with `before`: the kept dimensions' results are
                // copied (the outcomes are worked out afresh), or fresh buffers are taken when
                // every dimension is scored again, rather than copy what is overwritten.
                let was = &old_scores.frameworks[fi];
                out.frameworks[fi] = Arc::new(FrameworkScores {
                    width: was.width,
                    dims: if kept.contains(&true) {
                        was.dims.clone()
                    } else {
                        Vec::new()
                    },
                    outcomes: Vec::new(),
                });
                self.score_one(fi, portfolio, &mut out, &kept);
            }
        }
        Some(out)
    }

    /// Which dimensions of the framework at engine index `fi` score exactly as they did in
    /// `old` (its results `was`): the same compiled rule over the same column, reading no
    /// framework marked `dirty`. Empty when the framework's shape changed.
    fn unchanged_dims(
        &self,
        fi: usize,
        old: &Engine,
        was: &FrameworkScores,
        dirty: &[bool],
    ) -> Vec<bool> {
        let now = &self.prepared[fi].dims;
        match old.prepared.get(fi) {
            Some(before) if before.dims.len() == now.len() && was.width == now.len() => now
                .iter()
                .zip(&before.dims)
                .map(|(d, b)| d == b && d.rule.source().is_none_or(|s| !dirty[s]))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Scores one account with its stakeholders (the explain path; row 0 is the account).
    pub fn score_account(&self, account: &Account, stakeholders: &[Stakeholder]) -> Scores {
        let mine: Vec<Stakeholder> = stakeholders
            .iter()
            .filter(|s| s.account == account.id)
            .cloned()
            .collect();
        self.score(&self.index(std::slice::from_ref(account), &mine))
    }

    /// The problems behind a row's missing and invalid dimensions, in words a user can act on.
    pub fn problems(
        &self,
        framework: usize,
        dims: &[DimScore],
        inputs: &Inputs,
        subject_name: &str,
    ) -> Vec<ScoreError> {
        let f = &self.frameworks[framework];
        f.dimensions
            .iter()
            .zip(dims)
            .filter_map(|(d, s)| dimension_problem(d, s, inputs, subject_name))
            .collect()
    }
}

fn dimension_problem(
    d: &Dimension,
    s: &DimScore,
    inputs: &Inputs,
    who: &str,
) -> Option<ScoreError> {
    let account = who.to_string();
    let dimension = d.label.both();
    let rule = match &d.rule {
        Rule::Derived { fallback, .. } => fallback.as_ref(),
        r => r,
    };
    // The value shown is the one the rule actually read: the measure of a piecewise rule if
    // present, else its directly entered score.
    let (input, raw) = match rule {
        Rule::Piecewise {
            score_input: Some(k),
            ..
        } if !inputs.contains_key(&d.input) => (k.clone(), inputs.get(k)),
        _ => (d.input.clone(), inputs.get(&d.input)),
    };
    let value = raw.map(|v| v.to_string()).unwrap_or_default();
    match s.how {
        How::Missing => Some(ScoreError::Missing {
            account,
            dimension,
            accepted: explain::accepted(d, rule),
            input: d.input.clone(),
        }),
        How::Invalid(Invalid::OutOfRange) => {
            let min = match rule {
                Rule::Piecewise { breakpoints, .. } if input == d.input => {
                    breakpoints.first().map_or(d.min, |b| b[0])
                }
                _ => d.min,
            };
            let max = match rule {
                Rule::Piecewise { .. } if input == d.input => f64::INFINITY,
                _ => d.max,
            };
            Some(ScoreError::OutOfRange {
                account,
                dimension,
                input,
                value,
                min,
                max,
            })
        }
        How::Invalid(Invalid::UnknownLabel) => Some(ScoreError::UnknownLabel {
            account,
            dimension,
            input,
            value,
            accepted: explain::accepted(d, rule),
        }),
        How::Invalid(Invalid::NotANumber) => Some(ScoreError::NotANumber {
            account,
            dimension,
            input,
            value,
        }),
        _ => None,
    }
}

/// Frameworks ordered so that every derivation's source comes first.
fn dependency_order(frameworks: &[Framework]) -> Result<Vec<usize>, FrameworkError> {
    let sources = |f: &Framework| -> Vec<String> {
        f.dimensions
            .iter()
            .filter_map(|d| match &d.rule {
                Rule::Derived { from, .. } => Some(match from {
                    Derivation::FrameworkTotal { framework } => framework.clone(),
                    Derivation::StakeholderWeightedMean { framework, .. } => framework.clone(),
                }),
                _ => None,
            })
            .collect()
    };
    let mut order: Vec<usize> = Vec::with_capacity(frameworks.len());
    while order.len() < frameworks.len() {
        let before = order.len();
        for (i, f) in frameworks.iter().enumerate() {
            if order.contains(&i) {
                continue;
            }
            let ready = sources(f).iter().all(|s| {
                order.iter().any(|&j| &frameworks[j].id == s)
                    || !frameworks.iter().any(|g| &g.id == s)
            });
            if ready {
                order.push(i);
            }
        }
        if order.len() == before {
            let ids = frameworks
                .iter()
                .enumerate()
                .filter(|(i, _)| !order.contains(i))
                .map(|(_, f)| f.id.clone())
                .collect();
            return Err(FrameworkError::Cycle { ids });
        }
    }
    Ok(order)
}

fn compile_rule(
    all: &[Framework],
    f: &Framework,
    d: &Dimension,
    rule: &Rule,
    keys: &mut Vec<String>,
) -> Result<Compiled, FrameworkError> {
    Ok(match rule {
        Rule::Direct => Compiled::Direct,
        Rule::Levels { levels, by_measure } => {
            let mut names = Vec::new();
            for (i, l) in levels.iter().enumerate() {
                let spellings = [l.label.en.as_str(), l.label.zh.as_str(), l.id.as_str()]
                    .into_iter()
                    .chain(l.aliases.iter().map(String::as_str));
                for s in spellings {
                    let n = normalise_label(s);
                    // The first level to claim a spelling keeps it.
                    if !n.is_empty() && !names.iter().any(|(m, _)| *m == n) {
                        names.push((n, i as u8));
                    }
                }
            }
            Compiled::Levels(CompiledLevels {
                scores: levels.iter().map(|l| l.default_score()).collect(),
                names,
                by_measure: by_measure
                    .as_ref()
                    .map(|m| (key_index(keys, &m.input), m.cuts.clone())),
            })
        }
        Rule::Piecewise {
            breakpoints,
            score_input,
            ..
        } => Compiled::Piecewise {
            breakpoints: breakpoints.clone(),
            score_col: score_input.as_deref().map(|k| key_index(keys, k)),
        },
        Rule::Derived { from, fallback } => {
            let unknown = |source: &str, dim: &str| FrameworkError::UnknownSource {
                framework: f.id.clone(),
                dimension: d.id.clone(),
                source_id: source.to_string(),
                source_dimension: dim.to_string(),
            };
            let from = match from {
                Derivation::FrameworkTotal { framework } => {
                    let i = all
                        .iter()
                        .position(|g| {
                            &g.id == framework && g.subject == Subject::Account && g.id != f.id
                        })
                        .ok_or_else(|| unknown(framework, ""))?;
                    CompiledDerivation::Total(i)
                }
                Derivation::StakeholderWeightedMean {
                    framework,
                    value,
                    weight,
                } => {
                    let i = all
                        .iter()
                        .position(|g| &g.id == framework && g.subject == Subject::Stakeholder)
                        .ok_or_else(|| unknown(framework, value))?;
                    let g = &all[i];
                    let v = g
                        .dimensions
                        .iter()
                        .position(|x| &x.id == value)
                        .ok_or_else(|| unknown(framework, value))?;
                    let w = weight
                        .as_ref()
                        .map(|weight| {
                            g.dimensions
                                .iter()
                                .position(|x| &x.id == weight)
                                .ok_or_else(|| unknown(framework, weight))
                        })
                        .transpose()?;
                    CompiledDerivation::Weighted {
                        fw: i,
                        value: v,
                        weight: w,
                    }
                }
            };
            Compiled::Derived {
                from,
                fallback: Box::new(compile_rule(all, f, d, fallback, keys)?),
            }
        }
    })
}

/// Per dimension of a levels rule, the result for each distinct label of its column, so a label
/// cell is scored with one table read.
fn resolve_labels(p: &Prepared, table: &Table) -> Vec<Vec<DimScore>> {
    p.dims
        .iter()
        .map(|d| {
            let levels = match &d.rule {
                Compiled::Levels(l) => Some(l),
                Compiled::Derived { fallback, .. } => match fallback.as_ref() {
                    Compiled::Levels(l) => Some(l),
                    _ => None,
                },
                _ => None,
            };
            match (levels, table.labels.get(d.col)) {
                (Some(l), Some(labels)) => labels
                    .iter()
                    .map(|t| {
                        let n = normalise_label(t);
                        let level = l.names.iter().find(|(m, _)| *m == n).map(|(_, i)| *i);
                        match level.and_then(|i| Some((i, *l.scores.get(usize::from(i))?))) {
                            Some((i, score)) => DimScore::ok(score, How::Level(i)),
                            None => DimScore::none(How::Invalid(Invalid::UnknownLabel)),
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            }
        })
        .collect()
}

/// Per account, the weighted mean of stakeholder scores and how many stakeholders it used.
fn weighted_means(
    owner: &[Option<u32>],
    accounts: usize,
    results: &[Arc<FrameworkScores>],
    fw: usize,
    value: usize,
    weight: Option<usize>,
) -> Vec<(f64, f64, u16)> {
    let mut acc = vec![(0.0, 0.0, 0u16); accounts];
    let scores = &results[fw];
    for (s, owner) in owner.iter().enumerate() {
        let (Some(a), Some(dims)) = (
            owner,
            scores.dims.get(s * scores.width..(s + 1) * scores.width),
        ) else {
            continue;
        };
        // Without a weight dimension every person counts once (the plain mean).
        let w = weight.map_or(Some(1.0), |weight| dims[weight].value());
        if let (Some(v), Some(w)) = (dims[value].value(), w) {
            let e = &mut acc[*a as usize];
            e.0 += v * w;
            e.1 += w;
            e.2 = e.2.saturating_add(1);
        }
    }
    acc
}

/// Rows scored together: a block's results stay in cache while each dimension fills its column
/// of them and the outcomes are summed, and are then appended to the output in one copy.
const BLOCK: usize = 256;

/// Scores one framework's dimensions over `table` into `out`, then its outcomes. A dimension
/// marked in `kept` is not scored again: `out` already holds its results (a re-score after an
/// edit that left it alone), and they only count towards the totals and classes.
fn score_framework(
    p: &Prepared,
    table: &Table,
    portfolio: &Portfolio,
    results: &[Arc<FrameworkScores>],
    out: &mut FrameworkScores,
    kept: &[bool],
) {
    let rows = table.rows;
    if p.dims.is_empty() {
        out.dims.clear();
        out.outcomes.clear();
    }
    size_results(p, out, rows);
    score_rows(p, table, &portfolio.owner, results, out, kept, 0..rows);
}

/// Sizes a framework's results for `rows` rows: a reused buffer of the same size is not
/// touched, and rows added are scored by [`score_rows`].
fn size_results(p: &Prepared, out: &mut FrameworkScores, rows: usize) {
    let width = p.dims.len();
    out.width = width;
    out.dims.resize(width * rows, DimScore::none(How::Missing));
    out.outcomes.resize(rows, outcome(p));
}

/// Scores the rows `range` of one framework into `out`, sized for them ([`size_results`]),
/// each stakeholder's account given by `owner`.
fn score_rows(
    p: &Prepared,
    table: &Table,
    owner: &[Option<u32>],
    results: &[Arc<FrameworkScores>],
    out: &mut FrameworkScores,
    kept: &[bool],
    range: std::ops::Range<usize>,
) {
    let kept = |i: usize| kept.get(i).copied().unwrap_or(false);
    let width = p.dims.len();
    if width == 0 {
        return;
    }
    let labels = resolve_labels(p, table);
    // Without stakeholders no account has a weighted mean: the fallback stands everywhere.
    let weighted: Vec<Option<Vec<(f64, f64, u16)>>> = p
        .dims
        .iter()
        .enumerate()
        .map(|(i, d)| match &d.rule {
            Compiled::Derived {
                from: CompiledDerivation::Weighted { fw, value, weight },
                ..
            } if !kept(i) && !owner.is_empty() => Some(weighted_means(
                owner, table.rows, results, *fw, *value, *weight,
            )),
            _ => None,
        })
        .collect();
    let empty = outcome(p);
    for start in range.clone().step_by(BLOCK) {
        let rows = start..(start + BLOCK).min(range.end);
        let block = &mut out.dims[rows.start * width..rows.end * width];
        let outcomes = &mut out.outcomes[rows.clone()];
        outcomes.fill(empty);
        for (i, d) in p.dims.iter().enumerate() {
            match &d.rule {
                _ if kept(i) => {}
                Compiled::Derived { from, fallback } => {
                    // The fallback everywhere, then the derivation wherever it has a value.
                    fill(
                        d,
                        fallback,
                        table,
                        &labels[i],
                        rows.clone(),
                        column(block, i, width),
                    );
                    let column = column(block, i, width);
                    derive(d, from, results, &weighted[i], rows.clone(), column);
                }
                rule => fill(
                    d,
                    rule,
                    table,
                    &labels[i],
                    rows.clone(),
                    column(block, i, width),
                ),
            }
            // Summed column by column while the column is hot: the dimension's bit, whether it
            // is scored and its line values stay fixed for the whole pass.
            tally(p, i, column(block, i, width), outcomes);
        }
        for o in outcomes {
            classify(p, o);
        }
    }
}

/// Dimension `i`'s results in a block of rows `width` results wide.
fn column(block: &mut [DimScore], i: usize, width: usize) -> impl Iterator<Item = &mut DimScore> {
    block
        .chunks_exact_mut(width)
        .filter_map(move |row| row.get_mut(i))
}

fn in_range(v: f64, d: &CompiledDim) -> bool {
    v >= d.min && v <= d.max
}

/// A number taken as is: the direct rule, and a number entered for a levels rule.
#[inline]
fn direct(cell: Cell, d: &CompiledDim) -> DimScore {
    match cell {
        Cell::Missing => DimScore::none(How::Missing),
        Cell::Label(_) => DimScore::none(How::Invalid(Invalid::NotANumber)),
        Cell::Number(v) if in_range(v, d) => DimScore::ok(v, How::Direct),
        Cell::Number(_) => DimScore::none(How::Invalid(Invalid::OutOfRange)),
    }
}

/// Scores one dimension over a range of rows from its column. The rule is matched once per
/// block, so each loop below is a tight pass over one or two dense columns.
fn fill<'a>(
    d: &CompiledDim,
    rule: &Compiled,
    table: &Table,
    labels: &[DimScore],
    range: std::ops::Range<usize>,
    out: impl Iterator<Item = &'a mut DimScore>,
) {
    let column = |col: usize| table.column(col).get(range.clone()).unwrap_or(&[]);
    let cells = column(d.col);
    match rule {
        Compiled::Direct | Compiled::Derived { .. } => {
            for (o, c) in out.zip(cells) {
                *o = direct(c.get(), d);
            }
        }
        Compiled::Levels(l) => {
            let measure = l
                .by_measure
                .as_ref()
                .map(|(col, cuts)| (column(*col), cuts));
            for (r, (o, c)) in out.zip(cells).enumerate() {
                *o = match c.get() {
                    Cell::Label(i) => labels
                        .get(i as usize)
                        .copied()
                        .unwrap_or(DimScore::none(How::Invalid(Invalid::UnknownLabel))),
                    Cell::Missing => match measure.and_then(|(m, cuts)| Some((m.get(r)?, cuts))) {
                        Some((m, cuts)) => match m.get() {
                            Cell::Number(m) => {
                                let level = cuts.iter().position(|c| m >= *c).unwrap_or(cuts.len());
                                let level = level.min(l.scores.len() - 1);
                                DimScore::ok(l.scores[level], How::LevelFromMeasure(level as u8))
                            }
                            // A measure that is not a number is reported on its own column by
                            // the frameworks that read it; here the level is simply not known.
                            _ => DimScore::none(How::Missing),
                        },
                        None => DimScore::none(How::Missing),
                    },
                    number => direct(number, d),
                };
            }
        }
        Compiled::Piecewise {
            breakpoints,
            score_col,
        } => {
            let entered = score_col.map(column);
            for (r, (o, c)) in out.zip(cells).enumerate() {
                *o = match c.get() {
                    Cell::Number(m) => piecewise(breakpoints, m, d.max),
                    Cell::Label(_) => DimScore::none(How::Invalid(Invalid::NotANumber)),
                    Cell::Missing => match entered.and_then(|e| e.get(r)).map(|e| e.get()) {
                        Some(Cell::Number(v)) if in_range(v, d) => {
                            DimScore::ok(v, How::ScoreEntered)
                        }
                        Some(Cell::Number(_)) => DimScore::none(How::Invalid(Invalid::OutOfRange)),
                        Some(Cell::Label(_)) => DimScore::none(How::Invalid(Invalid::NotANumber)),
                        _ => DimScore::none(How::Missing),
                    },
                };
            }
        }
    }
}

/// Overwrites a dimension's fallback scores with the derived value wherever there is one.
fn derive<'a>(
    d: &CompiledDim,
    from: &CompiledDerivation,
    results: &[Arc<FrameworkScores>],
    weighted: &Option<Vec<(f64, f64, u16)>>,
    range: std::ops::Range<usize>,
    out: impl Iterator<Item = &'a mut DimScore>,
) {
    match from {
        CompiledDerivation::Total(src) => {
            let totals = results
                .get(*src)
                .and_then(|s| s.outcomes.get(range))
                .unwrap_or(&[]);
            for (o, t) in out.zip(totals) {
                if let Some(t) = t.complete_total() {
                    let v = t.clamp(d.min, d.max);
                    *o = DimScore::ok(v, How::FrameworkTotal { clamped: v != t });
                }
            }
        }
        CompiledDerivation::Weighted { .. } => {
            let means = weighted.as_ref().and_then(|w| w.get(range)).unwrap_or(&[]);
            for (o, &(vw, w, n)) in out.zip(means) {
                if n > 0 && w > 0.0 {
                    *o = DimScore::ok(vw / w, How::Stakeholders { count: n });
                }
            }
        }
    }
}

/// Linear interpolation between breakpoints, flat beyond the last, capped at `max`; a measure
/// below the first breakpoint is out of range.
fn piecewise(bps: &[[f64; 2]], m: f64, max: f64) -> DimScore {
    let Some(first) = bps.first() else {
        return DimScore::none(How::Missing);
    };
    if m < first[0] {
        return DimScore::none(How::Invalid(Invalid::OutOfRange));
    }
    let last = bps.len() - 1;
    let seg = bps[1..].iter().position(|b| m < b[0]).unwrap_or(last);
    let raw = if seg == last {
        bps[last][1]
    } else {
        let ([x0, y0], [x1, y1]) = (bps[seg], bps[seg + 1]);
        y0 + (y1 - y0) * (m - x0) / (x1 - x0)
    };
    let capped = raw > max;
    DimScore::ok(
        raw.min(max),
        How::Piecewise {
            segment: seg as u8,
            capped,
        },
    )
}

/// The outcome of a row with no dimensions, classified; what each row's sum starts from.
fn outcome(p: &Prepared) -> Outcome {
    let mut o = Outcome {
        total: 0.0,
        missing: 0,
        invalid: 0,
        class: None,
        short: [0; MAX_LINES],
    };
    classify(p, &mut o);
    o
}

/// Adds dimension `i`'s scores to their rows' outcomes; the line count is a constant in each
/// instance so the per-row line comparisons unroll.
fn tally<'a>(
    p: &Prepared,
    i: usize,
    scores: impl Iterator<Item = &'a mut DimScore>,
    outcomes: &mut [Outcome],
) {
    match p.lines.len() {
        0 => add::<0>(p, i, scores, outcomes),
        1 => add::<1>(p, i, scores, outcomes),
        2 => add::<2>(p, i, scores, outcomes),
        3 => add::<3>(p, i, scores, outcomes),
        _ => add::<MAX_LINES>(p, i, scores, outcomes),
    }
}

#[inline]
fn add<'a, const L: usize>(
    p: &Prepared,
    i: usize,
    scores: impl Iterator<Item = &'a mut DimScore>,
    outcomes: &mut [Outcome],
) {
    let lines = p.lines.len();
    // Lines past the framework's own stay at minus infinity, which no score is below.
    let mut values = [f64::NEG_INFINITY; L];
    let own = p.line_values.get(i * lines..).unwrap_or(&[]);
    for (v, &own) in values.iter_mut().zip(own.iter().take(lines)) {
        *v = own;
    }
    let bit = 1 << i;
    let scored = p.dims.get(i).is_some_and(|d| d.scored);
    for (o, s) in outcomes.iter_mut().zip(scores) {
        match s.how {
            How::Missing => o.missing |= bit,
            How::Invalid(_) => o.invalid |= bit,
            _ => {}
        }
        // A score of NaN (none) adds nothing and is below no line.
        if scored && !s.score.is_nan() {
            o.total += s.score;
            for (short, &value) in o.short.iter_mut().zip(&values) {
                if s.score < value {
                    *short |= bit;
                }
            }
        }
    }
}

/// Sets the class of a summed outcome; an incomplete one has none.
fn classify(p: &Prepared, o: &mut Outcome) {
    if !o.is_complete() {
        o.class = None;
        return;
    }
    o.class = match &p.class.rule {
        ClassRule::None => None,
        ClassRule::Total { mins, inclusive } => {
            let hit = mins.iter().position(|m| {
                if *inclusive {
                    o.total >= *m
                } else {
                    o.total > *m
                }
            });
            Some(hit.unwrap_or(mins.len()) as u8)
        }
        ClassRule::Lines { total, steps } => {
            let hit = steps.iter().position(|&(line, meets)| {
                let below = if *total {
                    o.total < p.lines[line].1
                } else {
                    o.short[line] != 0
                };
                below != meets
            });
            Some(hit.unwrap_or(steps.len()) as u8)
        }
    };
}
