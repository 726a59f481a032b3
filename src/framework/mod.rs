//! Frameworks as data: dimensions with scoring rules, reference lines and a classification.
//!
//! A framework is a plain value. The presets in [`presets`] are values of this type, the
//! framework editor edits the same value, and the scorer reads nothing else — adding a
//! framework is adding data. Every choice the source leaves open (an inclusive threshold, the
//! "every dimension" or "total" line rule, a breakpoint) is a field here, and the reasoning
//! behind it is kept beside it as an [`Interpretation`] in both languages.

pub mod edit;
pub mod file;
pub mod history;
pub mod presets;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::Label;
use crate::scoring::normalise_label;

/// At most this many scored dimensions per framework: "which dimensions fall short" is a bit set.
pub const MAX_DIMENSIONS: usize = 32;
/// At most this many reference lines per framework, so an outcome stays a small `Copy` value.
pub const MAX_LINES: usize = 8;

/// A scoring framework: what is scored, how, and how the result is classified.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    /// Stable id (`scorecard`, `credit`, `external`, `internal`, `stakeholder`, or the user's own).
    pub id: String,
    pub name: Label,
    #[serde(default)]
    pub description: Label,
    /// Whether an account or one of its stakeholders is scored.
    #[serde(default)]
    pub subject: Subject,
    pub dimensions: Vec<Dimension>,
    #[serde(default)]
    pub lines: Vec<ReferenceLine>,
    pub classification: Classification,
    /// The source's ambiguities and how this framework resolves them, shown as help text.
    #[serde(default)]
    pub interpretations: Vec<Interpretation>,
}

/// What one row of a framework's results is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    #[default]
    Account,
    Stakeholder,
}

/// One axis of a framework.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub label: Label,
    #[serde(default)]
    pub help: Label,
    pub min: f64,
    pub max: f64,
    /// The input key the rule reads from an account's (or stakeholder's) inputs.
    pub input: String,
    /// `false` for an axis that is plotted as is and never scored (a stakeholder's age): it is
    /// left out of the total and of every line comparison.
    #[serde(default = "yes")]
    pub scored: bool,
    pub rule: Rule,
}

fn yes() -> bool {
    true
}

/// How a dimension turns its input into a score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// The number itself, which must lie in [min, max].
    Direct,
    /// A label (zh or en, any case, spaces ignored) → the level's score; a number in [min, max]
    /// is accepted as is.
    Levels {
        levels: Vec<Level>,
        /// Picks the level from a raw measure when no label or number is entered (credit deal
        /// volume from annual sales against the workspace's thresholds).
        #[serde(default)]
        by_measure: Option<LevelsByMeasure>,
    },
    /// A raw measure interpolated between breakpoints, flat beyond the last, capped at max.
    Piecewise {
        /// `(measure, score)` pairs with strictly increasing measures.
        breakpoints: Vec<[f64; 2]>,
        /// The unit of the measure, for explanations ("USD", "pipelines").
        #[serde(default)]
        unit: Label,
        /// Optional key under which a score may be entered directly instead of the measure
        /// (as the source's worked examples do); used only when the measure is absent.
        #[serde(default)]
        score_input: Option<String>,
    },
    /// A value taken from another result, with the rule used before that result exists.
    Derived {
        from: Derivation,
        /// Applied to the dimension's own input when the derivation has no value.
        fallback: Box<Rule>,
    },
}

/// Where a derived dimension takes its value from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Derivation {
    /// Another account framework's complete total, clamped to this dimension's [min, max].
    FrameworkTotal { framework: String },
    /// The mean of the account's stakeholders' `value` dimension weighted by their `weight`
    /// dimension, both from a stakeholder framework; without `weight`, the plain mean (the
    /// alternative to the internal profile's Interpretation, FRAMEWORKS.md).
    StakeholderWeightedMean {
        framework: String,
        value: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weight: Option<String>,
    },
}

/// Thresholds that choose a level from a measure: level `i` when the measure is at least
/// `cuts[i]` (cuts descending, one fewer than the levels is enough), otherwise the last level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelsByMeasure {
    pub input: String,
    pub cuts: Vec<f64>,
}

/// A named band of a levels rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub id: String,
    pub label: Label,
    /// Further accepted spellings ("mid", "批准者").
    #[serde(default)]
    pub aliases: Vec<String>,
    pub lo: f64,
    pub hi: f64,
    /// The score a label gives; the band midpoint when absent.
    #[serde(default)]
    pub score: Option<f64>,
}

impl Level {
    /// The score this level's label gives.
    pub fn default_score(&self) -> f64 {
        self.score.unwrap_or((self.lo + self.hi) / 2.0)
    }
}

/// A reference line: one value per dimension, in dimension order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferenceLine {
    pub id: String,
    pub name: Label,
    pub values: Vec<f64>,
}

/// A class an outcome can reach.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassDef {
    /// Stable English id, as exported (`key`, `AAA`, `target`).
    pub id: String,
    pub label: Label,
    /// A list the class puts the account on, e.g. the credit grade's colour list.
    #[serde(default)]
    pub list: Option<ListTag>,
    /// What the class means for the user ("watch", "develop first").
    #[serde(default)]
    pub meaning: Label,
}

/// A named list a class belongs to (credit AAA → green list 绿名单).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListTag {
    pub id: String,
    pub label: Label,
}

/// How a complete result is classified.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Classification {
    /// Scores and lines only (the stakeholder radar).
    None,
    /// The total against thresholds, tested highest first.
    Total {
        bands: Vec<TotalBand>,
        /// Whether a total equal to a band's minimum reaches the band ("80分以上" includes 80).
        inclusive: bool,
        otherwise: ClassDef,
    },
    /// Reference lines, tested in order; the first step that holds decides.
    Lines {
        rule: LineRule,
        steps: Vec<LineStep>,
        otherwise: ClassDef,
    },
}

/// A class reached when the total is at least `min`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalBand {
    pub min: f64,
    pub class: ClassDef,
}

/// How an account is compared with a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineRule {
    /// Every scored dimension is compared with the line's value for it.
    EveryDimension,
    /// The sum of the scores is compared with the sum of the line.
    Total,
}

/// One test of a lines classification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineStep {
    /// The id of a line of the framework.
    pub line: String,
    pub test: LineTest,
    pub class: ClassDef,
}

/// What a line step tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineTest {
    /// The account reaches the line (every dimension ≥ its value, or total ≥ line total).
    Meets,
    /// The account falls below the line (any dimension < its value, or total < line total).
    FallsBelow,
}

/// A choice made where the source is ambiguous, with its alternative, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interpretation {
    pub id: String,
    pub text: Label,
}

/// A framework that cannot be scored, found when it is prepared.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FrameworkError {
    #[error("framework '{framework}': dimension '{dimension}' has min {min} above max {max}")]
    BadRange {
        framework: String,
        dimension: String,
        min: f64,
        max: f64,
    },
    #[error("framework '{framework}': dimension '{dimension}': {problem}")]
    BadRule {
        framework: String,
        dimension: String,
        problem: String,
    },
    #[error(
        "framework '{framework}' has {count} dimensions; at most {MAX_DIMENSIONS} are supported"
    )]
    TooManyDimensions { framework: String, count: usize },
    #[error("framework '{framework}' has {count} lines; at most {MAX_LINES} are supported")]
    TooManyLines { framework: String, count: usize },
    /// A value of a line: `problem` starts with the dimension ("dimension 'market_size': …").
    #[error("framework '{framework}': line '{line}', {problem}")]
    BadLineValue {
        framework: String,
        line: String,
        problem: String,
    },
    #[error("framework '{framework}': line '{line}' has {found} values but there are {expected} dimensions")]
    LineLength {
        framework: String,
        line: String,
        found: usize,
        expected: usize,
    },
    #[error(
        "framework '{framework}': classification refers to line '{line}', which it does not have"
    )]
    UnknownLine { framework: String, line: String },
    #[error("framework '{framework}': dimension '{dimension}' derives from '{source_id}', which is not an available framework of the right kind or has no dimension '{source_dimension}'")]
    UnknownSource {
        framework: String,
        dimension: String,
        source_id: String,
        source_dimension: String,
    },
    #[error("frameworks {ids:?} derive from each other in a cycle")]
    Cycle { ids: Vec<String> },
    #[error("two frameworks share the id '{0}'")]
    DuplicateId(String),
}

impl Framework {
    /// The line with this id.
    pub fn line(&self, id: &str) -> Option<&ReferenceLine> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// Every class this framework can reach, in the order outcomes index them.
    pub fn classes(&self) -> Vec<&ClassDef> {
        match &self.classification {
            Classification::None => Vec::new(),
            Classification::Total {
                bands, otherwise, ..
            } => bands
                .iter()
                .map(|b| &b.class)
                .chain(std::iter::once(otherwise))
                .collect(),
            Classification::Lines {
                steps, otherwise, ..
            } => steps
                .iter()
                .map(|s| &s.class)
                .chain(std::iter::once(otherwise))
                .collect(),
        }
    }

    /// Checks the framework on its own (ranges, rules, lines); derivations are checked when
    /// frameworks are prepared together.
    pub fn validate(&self) -> Result<(), FrameworkError> {
        let fw = || self.id.clone();
        if self.dimensions.len() > MAX_DIMENSIONS {
            return Err(FrameworkError::TooManyDimensions {
                framework: fw(),
                count: self.dimensions.len(),
            });
        }
        if self.lines.len() > MAX_LINES {
            return Err(FrameworkError::TooManyLines {
                framework: fw(),
                count: self.lines.len(),
            });
        }
        for d in &self.dimensions {
            if !d.min.is_finite() || !d.max.is_finite() || d.min > d.max {
                return Err(FrameworkError::BadRange {
                    framework: fw(),
                    dimension: d.id.clone(),
                    min: d.min,
                    max: d.max,
                });
            }
            check_rule(&d.rule).map_err(|problem| FrameworkError::BadRule {
                framework: fw(),
                dimension: d.id.clone(),
                problem,
            })?;
        }
        for l in &self.lines {
            if l.values.len() != self.dimensions.len() {
                return Err(FrameworkError::LineLength {
                    framework: fw(),
                    line: l.id.clone(),
                    found: l.values.len(),
                    expected: self.dimensions.len(),
                });
            }
        }
        if let Classification::Lines { steps, .. } = &self.classification {
            for s in steps {
                if self.line(&s.line).is_none() {
                    return Err(FrameworkError::UnknownLine {
                        framework: fw(),
                        line: s.line.clone(),
                    });
                }
            }
        }
        if let Some((li, di, fault)) = line_faults(self).into_iter().next() {
            let problem = match fault {
                LineFault::NotFinite => "not a finite number".to_string(),
                LineFault::Outside { value, min, max } => {
                    format!("{value} lies outside the dimension's {min} to {max}")
                }
                LineFault::AboveMetLine { value, line, limit } => format!(
                    "{value} is above line '{}' ({limit}); accounts falling below this line are ruled out, so it must not be above the line they must meet",
                    self.lines[line].id
                ),
            };
            return Err(FrameworkError::BadLineValue {
                framework: fw(),
                line: self.lines[li].id.clone(),
                problem: format!("dimension '{}': {problem}", self.dimensions[di].id),
            });
        }
        Ok(())
    }
}

/// Why a level's labels do not name it.
#[derive(Clone, Debug, PartialEq)]
pub enum LabelFault {
    /// Neither an English nor a Chinese label: the level cannot be chosen by name.
    Blank,
    /// A label that already names the level at index `by` of the same dimension. Scoring
    /// matches a label with [`normalise_label`] against every level's labels, id and aliases,
    /// and the first level to claim a spelling keeps it, so this label could not pick its level.
    Taken { label: String, by: usize },
}

/// Every level of a levels rule whose labels cannot name it, in level order, at most one fault
/// per level. Two levels sharing a label are reported once, on the later one.
pub fn label_faults(levels: &[Level]) -> Vec<(usize, LabelFault)> {
    let names = |l: &Level| [l.label.en.as_str(), l.label.zh.as_str()].map(normalise_label);
    let other_spellings = |l: &Level| -> Vec<String> {
        std::iter::once(l.id.as_str())
            .chain(l.aliases.iter().map(String::as_str))
            .map(normalise_label)
            .collect()
    };
    let mut out = Vec::new();
    for (li, l) in levels.iter().enumerate() {
        let own = names(l);
        if own.iter().all(String::is_empty) {
            out.push((li, LabelFault::Blank));
            continue;
        }
        let taken = own.iter().filter(|n| !n.is_empty()).find_map(|n| {
            levels
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != li)
                .find(|(other, o)| {
                    if names(o).contains(n) {
                        // A later level sharing the label reports the clash itself.
                        *other < li
                    } else {
                        other_spellings(o).contains(n)
                    }
                })
                .map(|(by, _)| LabelFault::Taken {
                    label: n.clone(),
                    by,
                })
        });
        if let Some(fault) = taken {
            out.push((li, fault));
        }
    }
    out
}

/// Why a value of a reference line cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LineFault {
    NotFinite,
    /// Outside the dimension's [min, max]: no score can be compared with it as meant.
    Outside {
        value: f64,
        min: f64,
        max: f64,
    },
    /// A line that rules accounts out when they fall below it (the warning line 警戒线) above
    /// the line at index `line` that accounts must meet (the baseline 基准线, value `limit`):
    /// the spec's "below the warning line" lies under "at or above the baseline".
    AboveMetLine {
        value: f64,
        line: usize,
        limit: f64,
    },
}

/// Every faulty value of the framework's lines as `(line, dimension, fault)`, line by line.
/// Lines of the wrong length and dimensions with a broken range are reported elsewhere.
///
/// Only the order FRAMEWORKS.md implies is checked: a line tested with "falls below" must not
/// be above a line tested with "meets" (external profile: warning ≤ baseline) on any scored
/// dimension. Lines that are each met on their own (the internal profile's tier lines) have no
/// order: the spec says they are not nested.
pub fn line_faults(f: &Framework) -> Vec<(usize, usize, LineFault)> {
    let width = f.dimensions.len();
    let (met, ruled_out): (Vec<usize>, Vec<usize>) = match &f.classification {
        Classification::Lines { steps, .. } => {
            let index = |test: LineTest| -> Vec<usize> {
                steps
                    .iter()
                    .filter(|s| s.test == test)
                    .filter_map(|s| f.lines.iter().position(|l| l.id == s.line))
                    .collect()
            };
            (index(LineTest::Meets), index(LineTest::FallsBelow))
        }
        _ => (Vec::new(), Vec::new()),
    };
    let mut out = Vec::new();
    for (li, l) in f.lines.iter().enumerate() {
        if l.values.len() != width {
            continue;
        }
        for (di, (&value, d)) in l.values.iter().zip(&f.dimensions).enumerate() {
            if !d.min.is_finite() || !d.max.is_finite() || d.min > d.max {
                continue;
            }
            if !value.is_finite() {
                out.push((li, di, LineFault::NotFinite));
            } else if value < d.min || value > d.max {
                let (min, max) = (d.min, d.max);
                out.push((li, di, LineFault::Outside { value, min, max }));
            } else if d.scored && ruled_out.contains(&li) {
                let above = met
                    .iter()
                    .filter(|&&m| m != li && f.lines[m].values.len() == width)
                    .map(|&m| (m, f.lines[m].values[di]))
                    .find(|&(_, limit)| limit.is_finite() && value > limit);
                if let Some((line, limit)) = above {
                    out.push((li, di, LineFault::AboveMetLine { value, line, limit }));
                }
            }
        }
    }
    out
}

fn check_rule(rule: &Rule) -> Result<(), String> {
    match rule {
        Rule::Direct => Ok(()),
        Rule::Levels { levels, by_measure } => {
            if let Some(m) = by_measure {
                if m.cuts.len() >= levels.len()
                    || m.cuts.iter().any(|c| !c.is_finite())
                    || m.cuts.windows(2).any(|w| w[0] <= w[1])
                {
                    return Err(
                        "level thresholds must decrease and be fewer than the levels".into(),
                    );
                }
            }
            if levels.is_empty() {
                return Err("a levels rule needs at least one level".into());
            }
            if levels.len() > usize::from(u8::MAX) {
                return Err("a levels rule has too many levels".into());
            }
            for l in levels {
                if !l.lo.is_finite() || !l.hi.is_finite() || l.lo > l.hi {
                    return Err(format!(
                        "level '{}' has lo {} above hi {}",
                        l.id, l.lo, l.hi
                    ));
                }
            }
            match label_faults(levels).into_iter().next() {
                Some((li, LabelFault::Blank)) => Err(format!(
                    "level '{}' has neither an English nor a Chinese label",
                    levels[li].id
                )),
                Some((li, LabelFault::Taken { label, by })) => Err(format!(
                    "level '{}': the label '{label}' already names level '{}'",
                    levels[li].id, levels[by].id
                )),
                None => Ok(()),
            }
        }
        Rule::Piecewise { breakpoints, .. } => {
            if breakpoints.is_empty() {
                return Err("a piecewise rule needs at least one breakpoint".into());
            }
            if breakpoints.len() > usize::from(u8::MAX) {
                return Err("a piecewise rule has too many breakpoints".into());
            }
            if breakpoints.iter().flatten().any(|v| !v.is_finite()) {
                return Err("breakpoints must be finite numbers".into());
            }
            if breakpoints.windows(2).any(|w| w[0][0] >= w[1][0]) {
                return Err("breakpoint measures must increase strictly".into());
            }
            Ok(())
        }
        Rule::Derived { fallback, .. } => match fallback.as_ref() {
            Rule::Derived { .. } => {
                Err("a derived rule cannot fall back to another derived rule".into())
            }
            other => check_rule(other),
        },
    }
}
