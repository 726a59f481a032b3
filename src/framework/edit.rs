//! Editing a framework: the changes the framework editor offers, and a check that names every
//! problem by where it is ("framework 'scorecard', dimension 'profit', level 'high': lo 18
//! above hi 15"), so the editor can put the message on the field and refuse to score with it.
//!
//! An [`Edit`] addresses its target by index, as the editor shows it; [`apply`] fails only
//! when that target no longer exists. Whether the result can be scored is [`check`]'s answer,
//! which covers everything [`Framework::validate`] refuses and a little more (a level band or
//! breakpoint score outside its dimension, class thresholds that do not decrease, a weight of
//! 0). [`attempt`] is the editor's step: apply to a copy, keep it only if it checks.
//! [`MaxChange`] is the one thing the editor warns about without refusing: a scorecard whose
//! weights no longer add up to the maximum its thresholds were set against.

use std::fmt;

use thiserror::Error;

use super::{
    label_faults, line_faults, presets, Classification, Derivation, Dimension, Framework,
    LabelFault, Level, LineFault, LineRule, ReferenceLine, Rule, MAX_DIMENSIONS, MAX_LINES,
};
use crate::i18n::{Label, Lang, Msg};
use crate::scoring::explain::num;

/// Which end of a level's band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Lo,
    Hi,
}

/// Which half of a breakpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Measure,
    Score,
}

/// One change the editor can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// The weight (maximum) of a dimension. Its level bands, level scores and breakpoint
    /// scores are rescaled from [min, old max] onto [min, new max], so "high" stays the top of
    /// the range; reference lines and class thresholds are left as they are.
    SetWeight {
        dim: usize,
        max: f64,
    },
    SetLevelBound {
        dim: usize,
        level: usize,
        bound: Bound,
        value: f64,
    },
    /// The score a level's label gives; `None` for the band midpoint.
    SetLevelScore {
        dim: usize,
        level: usize,
        score: Option<f64>,
    },
    SetLevelLabel {
        dim: usize,
        level: usize,
        lang: Lang,
        text: String,
    },
    SetBreakpoint {
        dim: usize,
        index: usize,
        part: Part,
        value: f64,
    },
    /// A breakpoint after the last one (measure doubled, same score).
    AddBreakpoint {
        dim: usize,
    },
    RemoveBreakpoint {
        dim: usize,
        index: usize,
    },
    SetLineValue {
        line: usize,
        dim: usize,
        value: f64,
    },
    /// A new reference line, a copy of the last one (or of the dimensions' minimums).
    AddLine,
    RemoveLine {
        line: usize,
    },
    /// The minimum total of a class of a total classification.
    SetBandMin {
        band: usize,
        min: f64,
    },
    /// Whether a total equal to a class's minimum reaches it.
    SetInclusive(bool),
    /// Every dimension against the line, or the total against the line's total.
    SetLineRule(LineRule),
    /// What a dimension derived from the stakeholders weights each person's score by: a
    /// stakeholder dimension (the power role, the Interpretation), or nothing (plain mean).
    SetStakeholderWeight {
        dim: usize,
        weight: Option<String>,
    },
    /// A new direct dimension scored 0 to 10, read from an input key of its own.
    AddDimension,
    /// Removes a dimension and its value on every line.
    RemoveDimension {
        dim: usize,
    },
}

/// An edit that addresses something the framework does not have (a stale index).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("framework '{framework}' has no {what}; reopen the framework and try again")]
pub struct EditError {
    pub framework: String,
    pub what: String,
}

/// Where in a framework a problem is; indices as the editor shows them.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    Framework,
    Dimension(usize),
    Level(usize, usize),
    Breakpoint(usize, usize),
    /// The level thresholds of a levels-by-measure rule.
    Cuts(usize),
    Line(usize),
    LineValue(usize, usize),
    Band(usize),
    Step(usize),
}

/// What is wrong, with the numbers involved.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    NoDimensions,
    TooManyDimensions(usize),
    TooManyLines(usize),
    /// Min above max, or a bound that is not a number.
    Range {
        min: f64,
        max: f64,
    },
    /// A weight (max) equal to the minimum: nothing left to score, and the level bands it
    /// would squeeze to one point could not be scaled back.
    NoRange {
        min: f64,
    },
    NoLevels,
    TooManyLevels,
    /// A level with neither an English nor a Chinese label.
    NoLabel,
    /// A level label that already names another level of the dimension (by its id).
    LabelTaken {
        label: String,
        by: String,
    },
    LevelInverted {
        lo: f64,
        hi: f64,
    },
    LevelOutside {
        lo: f64,
        hi: f64,
        min: f64,
        max: f64,
    },
    ScoreOutside {
        score: f64,
        min: f64,
        max: f64,
    },
    NoBreakpoints,
    TooManyBreakpoints,
    NotFinite,
    MeasureNotIncreasing {
        previous: f64,
        measure: f64,
    },
    BadCuts,
    DerivedFallback,
    LineLength {
        found: usize,
        expected: usize,
    },
    BandNotBelow {
        min: f64,
        above: f64,
    },
    UnknownLine(String),
    /// A line accounts must not fall below, above the line (by id) they must meet.
    LineAboveMet {
        value: f64,
        line: String,
        limit: f64,
    },
}

/// One problem of a framework, with the names of where it is for people.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub place: Place,
    /// The ids naming the place: framework, then dimension / level / line / class.
    pub path: Vec<Seg>,
    pub kind: Kind,
}

/// A step of a problem's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Framework(String),
    Dimension(String),
    Level(String),
    /// Breakpoint number, from 1.
    Breakpoint(usize),
    Line(String),
    Class(String),
    Cuts,
}

impl Seg {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Seg::Framework(id), Lang::En) => format!("framework '{id}'"),
            (Seg::Framework(id), Lang::Zh) => format!("框架“{id}”"),
            (Seg::Dimension(id), Lang::En) => format!("dimension '{id}'"),
            (Seg::Dimension(id), Lang::Zh) => format!("维度“{id}”"),
            (Seg::Level(id), Lang::En) => format!("level '{id}'"),
            (Seg::Level(id), Lang::Zh) => format!("等级“{id}”"),
            (Seg::Breakpoint(n), Lang::En) => format!("breakpoint {n}"),
            (Seg::Breakpoint(n), Lang::Zh) => format!("第{n}个折点"),
            (Seg::Line(id), Lang::En) => format!("line '{id}'"),
            (Seg::Line(id), Lang::Zh) => format!("参考线“{id}”"),
            (Seg::Class(id), Lang::En) => format!("class '{id}'"),
            (Seg::Class(id), Lang::Zh) => format!("类别“{id}”"),
            (Seg::Cuts, Lang::En) => "level thresholds".into(),
            (Seg::Cuts, Lang::Zh) => "等级阈值".into(),
        }
    }
}

impl Kind {
    /// What is wrong and what to do, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Kind::NoDimensions if zh => "至少需要一个维度".into(),
            Kind::NoDimensions => "a framework needs at least one dimension".into(),
            Kind::TooManyDimensions(n) if zh => {
                format!("有{n}个维度，最多支持{MAX_DIMENSIONS}个")
            }
            Kind::TooManyDimensions(n) => {
                format!("{n} dimensions; at most {MAX_DIMENSIONS} are supported")
            }
            Kind::TooManyLines(n) if zh => format!("有{n}条参考线，最多支持{MAX_LINES}条"),
            Kind::TooManyLines(n) => format!("{n} lines; at most {MAX_LINES} are supported"),
            Kind::Range { min, max } if zh => {
                format!(
                    "最小值{}高于最大值{}；最大值须高于最小值",
                    num(*min),
                    num(*max)
                )
            }
            Kind::Range { min, max } => format!(
                "min {} above max {}; make the max above the min",
                num(*min),
                num(*max)
            ),
            Kind::NoRange { min } => Msg::FwProblemNoRange
                .text(lang)
                .replace("{min}", &num(*min)),
            Kind::NoLevels if zh => "等级规则至少需要一个等级".into(),
            Kind::NoLevels => "a levels rule needs at least one level".into(),
            Kind::TooManyLevels if zh => "等级过多".into(),
            Kind::TooManyLevels => "too many levels".into(),
            Kind::NoLabel => Msg::FwProblemNoLabel.text(lang).into(),
            Kind::LabelTaken { label, by } => Msg::FwProblemLabelTaken
                .text(lang)
                .replace("{label}", label)
                .replace("{level}", by),
            Kind::LevelInverted { lo, hi } if zh => {
                format!("下限{}高于上限{}", num(*lo), num(*hi))
            }
            Kind::LevelInverted { lo, hi } => format!("lo {} above hi {}", num(*lo), num(*hi)),
            Kind::LevelOutside { lo, hi, min, max } if zh => format!(
                "分数段{}–{}超出维度范围{}–{}",
                num(*lo),
                num(*hi),
                num(*min),
                num(*max)
            ),
            Kind::LevelOutside { lo, hi, min, max } => format!(
                "band {}–{} lies outside the dimension's {}–{}",
                num(*lo),
                num(*hi),
                num(*min),
                num(*max)
            ),
            Kind::ScoreOutside { score, min, max } if zh => {
                format!("分数{}超出维度范围{}–{}", num(*score), num(*min), num(*max))
            }
            Kind::ScoreOutside { score, min, max } => format!(
                "score {} lies outside the dimension's {}–{}",
                num(*score),
                num(*min),
                num(*max)
            ),
            Kind::NoBreakpoints if zh => "折线规则至少需要一个折点".into(),
            Kind::NoBreakpoints => "a piecewise rule needs at least one breakpoint".into(),
            Kind::TooManyBreakpoints if zh => "折点过多".into(),
            Kind::TooManyBreakpoints => "too many breakpoints".into(),
            Kind::NotFinite if zh => "须为有限的数字".into(),
            Kind::NotFinite => "must be a finite number".into(),
            Kind::MeasureNotIncreasing { previous, measure } if zh => format!(
                "度量值{}不大于前一个折点的{}；折点须严格递增",
                num(*measure),
                num(*previous)
            ),
            Kind::MeasureNotIncreasing { previous, measure } => format!(
                "measure {} is not above the previous breakpoint's {}; measures must increase",
                num(*measure),
                num(*previous)
            ),
            Kind::BadCuts if zh => "等级阈值须递减且少于等级数".into(),
            Kind::BadCuts => "level thresholds must decrease and be fewer than the levels".into(),
            Kind::DerivedFallback if zh => "派生规则不能以另一个派生规则为后备".into(),
            Kind::DerivedFallback => {
                "a derived rule cannot fall back to another derived rule".into()
            }
            Kind::LineLength { found, expected } if zh => {
                format!("有{found}个值，但有{expected}个维度")
            }
            Kind::LineLength { found, expected } => {
                format!("{found} values but {expected} dimensions")
            }
            Kind::BandNotBelow { min, above } if zh => format!(
                "最低分{}不低于上一类别的{}；阈值须从高到低",
                num(*min),
                num(*above)
            ),
            Kind::BandNotBelow { min, above } => format!(
                "minimum {} is not below the class above's {}; thresholds must decrease",
                num(*min),
                num(*above)
            ),
            Kind::UnknownLine(line) if zh => format!("分类引用了不存在的参考线“{line}”"),
            Kind::UnknownLine(line) => {
                format!("the classification uses line '{line}', which the framework does not have")
            }
            Kind::LineAboveMet { value, line, limit } => Msg::FwProblemLineAboveMet
                .text(lang)
                .replace("{value}", &num(*value))
                .replace("{line}", line)
                .replace("{limit}", &num(*limit)),
        }
    }
}

impl Problem {
    /// "framework 'scorecard', dimension 'profit', level 'high': lo 18 above hi 15".
    pub fn text(&self, lang: Lang) -> String {
        let (sep, colon) = match lang {
            Lang::En => (", ", ": "),
            Lang::Zh => ("，", "："),
        };
        let path: Vec<String> = self.path.iter().map(|s| s.text(lang)).collect();
        format!("{}{colon}{}", path.join(sep), self.kind.text(lang))
    }

    /// The message without the framework, for a field inside the framework's own editor.
    pub fn short_text(&self, lang: Lang) -> String {
        let inner = Problem {
            place: self.place.clone(),
            path: self
                .path
                .iter()
                .filter(|s| !matches!(s, Seg::Framework(_)))
                .cloned()
                .collect(),
            kind: self.kind.clone(),
        };
        if inner.path.is_empty() {
            self.kind.text(lang)
        } else {
            inner.text(lang)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The levels of a rule, looking through a derived rule's fallback.
pub fn levels_of(rule: &Rule) -> Option<&Vec<Level>> {
    match rule {
        Rule::Levels { levels, .. } => Some(levels),
        Rule::Derived { fallback, .. } => levels_of(fallback),
        _ => None,
    }
}

fn levels_mut(rule: &mut Rule) -> Option<&mut Vec<Level>> {
    match rule {
        Rule::Levels { levels, .. } => Some(levels),
        Rule::Derived { fallback, .. } => levels_mut(fallback),
        _ => None,
    }
}

/// The breakpoints of a rule, looking through a derived rule's fallback.
pub fn breakpoints_of(rule: &Rule) -> Option<&Vec<[f64; 2]>> {
    match rule {
        Rule::Piecewise { breakpoints, .. } => Some(breakpoints),
        Rule::Derived { fallback, .. } => breakpoints_of(fallback),
        _ => None,
    }
}

fn breakpoints_mut(rule: &mut Rule) -> Option<&mut Vec<[f64; 2]>> {
    match rule {
        Rule::Piecewise { breakpoints, .. } => Some(breakpoints),
        Rule::Derived { fallback, .. } => breakpoints_mut(fallback),
        _ => None,
    }
}

/// Applies one edit. The result may still be unscorable: ask [`check`].
pub fn apply(f: &mut Framework, edit: &Edit) -> Result<(), EditError> {
    let fid = f.id.clone();
    let missing = |what: String| EditError {
        framework: fid.clone(),
        what,
    };
    let dim_count = f.dimensions.len();
    let dim_ok = |dim: usize| dim < dim_count;
    match edit {
        Edit::SetWeight { dim, max } => {
            if !dim_ok(*dim) {
                return Err(missing(format!("dimension {}", dim + 1)));
            }
            let d = &mut f.dimensions[*dim];
            let (min, old) = (d.min, d.max);
            let span = old - min;
            // A zero-width range has no proportion to keep: the bands are left alone.
            if span > 0.0 && max.is_finite() {
                // The old maximum becomes the new one exactly: 30 scaled by 31/30 would be
                // 31.000000000000004, outside the new range.
                let scale = |v: f64| {
                    if v == old {
                        *max
                    } else {
                        min + (v - min) / span * (max - min)
                    }
                };
                if let Some(levels) = levels_mut(&mut d.rule) {
                    for l in levels {
                        l.lo = scale(l.lo);
                        l.hi = scale(l.hi);
                        l.score = l.score.map(scale);
                    }
                }
                if let Some(bps) = breakpoints_mut(&mut d.rule) {
                    for b in bps {
                        b[1] = scale(b[1]);
                    }
                }
            }
            d.max = *max;
        }
        Edit::SetLevelBound {
            dim,
            level,
            bound,
            value,
        } => {
            let l = level_mut(f, *dim, *level).ok_or_else(|| missing(level_name(*dim, *level)))?;
            match bound {
                Bound::Lo => l.lo = *value,
                Bound::Hi => l.hi = *value,
            }
        }
        Edit::SetLevelScore { dim, level, score } => {
            let l = level_mut(f, *dim, *level).ok_or_else(|| missing(level_name(*dim, *level)))?;
            l.score = *score;
        }
        Edit::SetLevelLabel {
            dim,
            level,
            lang,
            text,
        } => {
            let l = level_mut(f, *dim, *level).ok_or_else(|| missing(level_name(*dim, *level)))?;
            match lang {
                Lang::En => l.label.en = text.trim().to_string(),
                Lang::Zh => l.label.zh = text.trim().to_string(),
            }
        }
        Edit::SetBreakpoint {
            dim,
            index,
            part,
            value,
        } => {
            let b = f
                .dimensions
                .get_mut(*dim)
                .and_then(|d| breakpoints_mut(&mut d.rule))
                .and_then(|b| b.get_mut(*index));
            let Some(b) = b else {
                return Err(missing(format!("breakpoint {}", index + 1)));
            };
            match part {
                Part::Measure => b[0] = *value,
                Part::Score => b[1] = *value,
            }
        }
        Edit::AddBreakpoint { dim } => {
            let bps = f
                .dimensions
                .get_mut(*dim)
                .and_then(|d| breakpoints_mut(&mut d.rule));
            let Some(bps) = bps else {
                return Err(missing(format!("piecewise dimension {}", dim + 1)));
            };
            let next = match bps.last() {
                Some([m, s]) if *m > 0.0 => [m * 2.0, *s],
                Some([m, s]) => [m + 1.0, *s],
                None => [0.0, 0.0],
            };
            bps.push(next);
        }
        Edit::RemoveBreakpoint { dim, index } => {
            let bps = f
                .dimensions
                .get_mut(*dim)
                .and_then(|d| breakpoints_mut(&mut d.rule))
                .filter(|b| *index < b.len());
            let Some(bps) = bps else {
                return Err(missing(format!("breakpoint {}", index + 1)));
            };
            bps.remove(*index);
        }
        Edit::SetLineValue { line, dim, value } => {
            let v = f.lines.get_mut(*line).and_then(|l| l.values.get_mut(*dim));
            let Some(v) = v else {
                return Err(missing(format!("value {} of line {}", dim + 1, line + 1)));
            };
            *v = *value;
        }
        Edit::AddLine => {
            let values = match f.lines.last() {
                Some(l) => l.values.clone(),
                None => f.dimensions.iter().map(|d| d.min).collect(),
            };
            let n = (1..)
                .find(|n| f.line(&format!("line_{n}")).is_none())
                .unwrap_or(1);
            f.lines.push(ReferenceLine {
                id: format!("line_{n}"),
                name: Label::new(format!("line {n}"), format!("参考线{n}")),
                values,
            });
        }
        Edit::RemoveLine { line } => {
            if *line >= f.lines.len() {
                return Err(missing(format!("line {}", line + 1)));
            }
            f.lines.remove(*line);
        }
        Edit::SetBandMin { band, min } => {
            let b = match &mut f.classification {
                Classification::Total { bands, .. } => bands.get_mut(*band),
                _ => None,
            };
            let Some(b) = b else {
                return Err(missing(format!("class threshold {}", band + 1)));
            };
            b.min = *min;
        }
        Edit::SetInclusive(on) => match &mut f.classification {
            Classification::Total { inclusive, .. } => *inclusive = *on,
            _ => return Err(missing("total classification".into())),
        },
        Edit::SetLineRule(new) => match &mut f.classification {
            Classification::Lines { rule, .. } => *rule = *new,
            _ => return Err(missing("lines classification".into())),
        },
        Edit::SetStakeholderWeight { dim, weight } => {
            match f.dimensions.get_mut(*dim).map(|d| &mut d.rule) {
                Some(Rule::Derived {
                    from: Derivation::StakeholderWeightedMean { weight: w, .. },
                    ..
                }) => w.clone_from(weight),
                _ => {
                    return Err(missing(format!(
                        "dimension {dim} derived from stakeholders"
                    )))
                }
            }
        }
        Edit::AddDimension => {
            let n = (f.dimensions.len() + 1..)
                .find(|n| f.dimension(&format!("dimension_{n}")).is_none())
                .unwrap_or(0);
            let id = format!("dimension_{n}");
            f.dimensions.push(Dimension {
                id: id.clone(),
                label: Label::new(format!("Dimension {n}"), format!("维度{n}")),
                help: Label::default(),
                min: 0.0,
                max: 10.0,
                input: id,
                scored: true,
                rule: Rule::Direct,
            });
            for l in &mut f.lines {
                l.values.push(0.0);
            }
        }
        Edit::RemoveDimension { dim } => {
            if !dim_ok(*dim) {
                return Err(missing(format!("dimension {}", dim + 1)));
            }
            f.dimensions.remove(*dim);
            for l in &mut f.lines {
                if *dim < l.values.len() {
                    l.values.remove(*dim);
                }
            }
        }
    }
    Ok(())
}

/// Why the editor did not take an edit.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// The edit addresses something the framework no longer has.
    Stale(EditError),
    /// The edited framework could not be scored: its first problem, located.
    Problem(Problem),
}

/// The editor's step: `f` with the edit applied, if the result passes [`check`]; `None` when
/// the edit changes nothing. A refused edit leaves `f` as it was.
pub fn attempt(f: &Framework, edit: &Edit) -> Result<Option<Framework>, Refusal> {
    let mut edited = f.clone();
    apply(&mut edited, edit).map_err(Refusal::Stale)?;
    if let Some(problem) = check(&edited).into_iter().next() {
        return Err(Refusal::Problem(problem));
    }
    Ok((edited != *f).then_some(edited))
}

/// The weights of a total-classified framework (the scorecard) adding up to another maximum
/// than the one its preset states and its class thresholds were set against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MaxChange {
    /// The preset's maximum total ("100 points").
    pub stated: f64,
    /// The maximum total the weights now give.
    pub now: f64,
}

impl MaxChange {
    /// Whether the weights of `f` no longer add up to its preset's maximum. Frameworks that
    /// are not classified by their total, and the user's own, state no maximum.
    pub fn of(f: &Framework) -> Option<MaxChange> {
        if !matches!(f.classification, Classification::Total { .. }) {
            return None;
        }
        let maximum = |f: &Framework| -> f64 {
            f.dimensions
                .iter()
                .filter(|d| d.scored)
                .map(|d| d.max)
                .sum()
        };
        let stated = maximum(&presets::by_id(&f.id)?);
        let now = maximum(f);
        ((now - stated).abs() > 1e-9).then_some(MaxChange { stated, now })
    }

    /// The editor's warning: the new maximum, and that the thresholds of `f` stayed.
    pub fn text(&self, f: &Framework, lang: Lang) -> String {
        let thresholds = match &f.classification {
            Classification::Total { bands, .. } => bands
                .iter()
                .map(|b| num(b.min))
                .collect::<Vec<_>>()
                .join(" / "),
            _ => String::new(),
        };
        Msg::FwMaxChanged
            .text(lang)
            .replace("{now}", &num(self.now))
            .replace("{stated}", &num(self.stated))
            .replace("{thresholds}", &thresholds)
    }
}

fn level_name(dim: usize, level: usize) -> String {
    format!("level {} of dimension {}", level + 1, dim + 1)
}

fn level_mut(f: &mut Framework, dim: usize, level: usize) -> Option<&mut Level> {
    f.dimensions
        .get_mut(dim)
        .and_then(|d| levels_mut(&mut d.rule))
        .and_then(|l| l.get_mut(level))
}

/// Every problem of a framework, in the order the editor shows the fields. Empty means the
/// framework passes [`Framework::validate`] too.
pub fn check(f: &Framework) -> Vec<Problem> {
    let mut out = Vec::new();
    let fw = Seg::Framework(f.id.clone());
    let mut push = |place: Place, mut path: Vec<Seg>, kind: Kind| {
        path.insert(0, fw.clone());
        out.push(Problem { place, path, kind });
    };
    if f.dimensions.is_empty() {
        push(Place::Framework, vec![], Kind::NoDimensions);
    }
    if f.dimensions.len() > MAX_DIMENSIONS {
        push(
            Place::Framework,
            vec![],
            Kind::TooManyDimensions(f.dimensions.len()),
        );
    }
    if f.lines.len() > MAX_LINES {
        push(Place::Framework, vec![], Kind::TooManyLines(f.lines.len()));
    }
    for (di, d) in f.dimensions.iter().enumerate() {
        let ds = || vec![Seg::Dimension(d.id.clone())];
        if !d.min.is_finite() || !d.max.is_finite() || d.min > d.max {
            push(
                Place::Dimension(di),
                ds(),
                Kind::Range {
                    min: d.min,
                    max: d.max,
                },
            );
            // Bands cannot be judged against a broken range.
            continue;
        }
        if d.max == d.min {
            push(Place::Dimension(di), ds(), Kind::NoRange { min: d.min });
            continue;
        }
        let mut rule = &d.rule;
        if let Rule::Derived { fallback, .. } = rule {
            if matches!(fallback.as_ref(), Rule::Derived { .. }) {
                push(Place::Dimension(di), ds(), Kind::DerivedFallback);
                continue;
            }
            rule = fallback;
        }
        match rule {
            Rule::Levels { levels, by_measure } => {
                if levels.is_empty() {
                    push(Place::Dimension(di), ds(), Kind::NoLevels);
                }
                if levels.len() > usize::from(u8::MAX) {
                    push(Place::Dimension(di), ds(), Kind::TooManyLevels);
                }
                if let Some(m) = by_measure {
                    if m.cuts.len() >= levels.len()
                        || m.cuts.iter().any(|c| !c.is_finite())
                        || m.cuts.windows(2).any(|w| w[0] <= w[1])
                    {
                        let mut p = ds();
                        p.push(Seg::Cuts);
                        push(Place::Cuts(di), p, Kind::BadCuts);
                    }
                }
                for (li, l) in levels.iter().enumerate() {
                    let mut p = ds();
                    p.push(Seg::Level(l.id.clone()));
                    let place = Place::Level(di, li);
                    if !l.lo.is_finite() || !l.hi.is_finite() {
                        push(place, p, Kind::NotFinite);
                    } else if l.lo > l.hi {
                        push(place, p, Kind::LevelInverted { lo: l.lo, hi: l.hi });
                    } else if l.lo < d.min || l.hi > d.max {
                        push(
                            place,
                            p,
                            Kind::LevelOutside {
                                lo: l.lo,
                                hi: l.hi,
                                min: d.min,
                                max: d.max,
                            },
                        );
                    } else if let Some(s) = l.score {
                        if !s.is_finite() || s < d.min || s > d.max {
                            push(
                                place,
                                p,
                                Kind::ScoreOutside {
                                    score: s,
                                    min: d.min,
                                    max: d.max,
                                },
                            );
                        }
                    }
                }
                for (li, fault) in label_faults(levels) {
                    let mut p = ds();
                    p.push(Seg::Level(levels[li].id.clone()));
                    let kind = match fault {
                        LabelFault::Blank => Kind::NoLabel,
                        LabelFault::Taken { label, by } => Kind::LabelTaken {
                            label,
                            by: levels[by].id.clone(),
                        },
                    };
                    push(Place::Level(di, li), p, kind);
                }
            }
            Rule::Piecewise { breakpoints, .. } => {
                if breakpoints.is_empty() {
                    push(Place::Dimension(di), ds(), Kind::NoBreakpoints);
                }
                if breakpoints.len() > usize::from(u8::MAX) {
                    push(Place::Dimension(di), ds(), Kind::TooManyBreakpoints);
                }
                for (bi, b) in breakpoints.iter().enumerate() {
                    let mut p = ds();
                    p.push(Seg::Breakpoint(bi + 1));
                    let place = Place::Breakpoint(di, bi);
                    if !b[0].is_finite() || !b[1].is_finite() {
                        push(place, p, Kind::NotFinite);
                    } else if bi > 0 && breakpoints[bi - 1][0] >= b[0] {
                        push(
                            place,
                            p,
                            Kind::MeasureNotIncreasing {
                                previous: breakpoints[bi - 1][0],
                                measure: b[0],
                            },
                        );
                    } else if b[1] < d.min || b[1] > d.max {
                        push(
                            place,
                            p,
                            Kind::ScoreOutside {
                                score: b[1],
                                min: d.min,
                                max: d.max,
                            },
                        );
                    }
                }
            }
            Rule::Direct | Rule::Derived { .. } => {}
        }
    }
    for (li, l) in f.lines.iter().enumerate() {
        if l.values.len() != f.dimensions.len() {
            push(
                Place::Line(li),
                vec![Seg::Line(l.id.clone())],
                Kind::LineLength {
                    found: l.values.len(),
                    expected: f.dimensions.len(),
                },
            );
        }
    }
    for (li, di, fault) in line_faults(f) {
        let path = vec![
            Seg::Line(f.lines[li].id.clone()),
            Seg::Dimension(f.dimensions[di].id.clone()),
        ];
        let kind = match fault {
            LineFault::NotFinite => Kind::NotFinite,
            LineFault::Outside { value, min, max } => Kind::ScoreOutside {
                score: value,
                min,
                max,
            },
            LineFault::AboveMetLine { value, line, limit } => Kind::LineAboveMet {
                value,
                line: f.lines[line].id.clone(),
                limit,
            },
        };
        push(Place::LineValue(li, di), path, kind);
    }
    match &f.classification {
        Classification::None => {}
        Classification::Total { bands, .. } => {
            for (bi, b) in bands.iter().enumerate() {
                let p = vec![Seg::Class(b.class.id.clone())];
                if !b.min.is_finite() {
                    push(Place::Band(bi), p, Kind::NotFinite);
                } else if bi > 0 && bands[bi - 1].min <= b.min {
                    push(
                        Place::Band(bi),
                        p,
                        Kind::BandNotBelow {
                            min: b.min,
                            above: bands[bi - 1].min,
                        },
                    );
                }
            }
        }
        Classification::Lines { steps, .. } => {
            for (si, s) in steps.iter().enumerate() {
                if f.line(&s.line).is_none() {
                    push(
                        Place::Step(si),
                        vec![Seg::Class(s.class.id.clone())],
                        Kind::UnknownLine(s.line.clone()),
                    );
                }
            }
        }
    }
    out
}

/// Whether a line is used by the classification (and so cannot be removed).
pub fn line_in_use(f: &Framework, line: usize) -> bool {
    let Some(l) = f.lines.get(line) else {
        return false;
    };
    match &f.classification {
        Classification::Lines { steps, .. } => steps.iter().any(|s| s.line == l.id),
        _ => false,
    }
}

/// Puts an edited framework into a workspace's list: it replaces the copy with its id, or is
/// added after the others.
pub fn upsert(frameworks: &mut Vec<Framework>, f: Framework) {
    match frameworks.iter_mut().find(|g| g.id == f.id) {
        Some(slot) => *slot = f,
        None => frameworks.push(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::presets;
    use crate::framework::{Derivation, LevelsByMeasure};

    fn scorecard() -> Framework {
        presets::scorecard()
    }

    #[test]
    fn every_preset_passes_the_check() {
        for f in presets::all() {
            assert_eq!(check(&f), vec![], "{}", f.id);
        }
    }

    #[test]
    fn a_new_weight_scales_the_bands_in_proportion() {
        let mut f = scorecard();
        apply(&mut f, &Edit::SetWeight { dim: 0, max: 45.0 }).unwrap();
        let d = &f.dimensions[0];
        assert_eq!(d.max, 45.0);
        let levels = levels_of(&d.rule).unwrap();
        let bands: Vec<(f64, f64)> = levels.iter().map(|l| (l.lo, l.hi)).collect();
        assert_eq!(bands, vec![(30.0, 45.0), (15.0, 30.0), (0.0, 15.0)]);
        assert_eq!(levels[0].default_score(), 37.5);
        assert_eq!(check(&f), vec![]);
        // The thresholds are not touched: they are edited on their own.
        let Classification::Total { bands, .. } = &f.classification else {
            panic!("total")
        };
        assert_eq!(bands[0].min, 80.0);
    }

    #[test]
    fn a_weight_on_a_range_not_starting_at_zero_keeps_its_minimum() {
        let mut f = presets::credit();
        // Operating risk −50 … 0 becomes −50 … 10: bands stretch from −50.
        apply(&mut f, &Edit::SetWeight { dim: 2, max: 10.0 }).unwrap();
        let levels = levels_of(&f.dimensions[2].rule).unwrap();
        assert_eq!((levels[0].lo, levels[0].hi), (-2.0, 10.0));
        assert_eq!((levels[2].lo, levels[2].hi), (-50.0, -32.0));
    }

    #[test]
    fn breakpoint_scores_follow_a_new_weight_and_the_derived_fallback_is_reached() {
        let mut f = presets::internal();
        apply(&mut f, &Edit::SetWeight { dim: 0, max: 50.0 }).unwrap();
        assert_eq!(
            breakpoints_of(&f.dimensions[0].rule).unwrap()[3],
            [1.5e7, 50.0]
        );
        // The credit dimension is derived; its fallback levels still scale.
        apply(&mut f, &Edit::SetWeight { dim: 3, max: 200.0 }).unwrap();
        let levels = levels_of(&f.dimensions[3].rule).unwrap();
        assert_eq!((levels[0].lo, levels[0].hi), (160.0, 200.0));
        assert!(matches!(
            f.dimensions[3].rule,
            Rule::Derived {
                from: Derivation::FrameworkTotal { .. },
                ..
            }
        ));
        assert_eq!(check(&f), vec![]);
    }

    #[test]
    fn an_inverted_level_is_located_and_worded_in_both_languages() {
        let mut f = presets::internal();
        apply(
            &mut f,
            &Edit::SetLevelBound {
                dim: 1,
                level: 0,
                bound: Bound::Lo,
                value: 101.0,
            },
        )
        .unwrap();
        let problems = check(&f);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].place, Place::Level(1, 0));
        assert_eq!(
            problems[0].to_string(),
            "framework 'internal', dimension 'profit', level 'high': lo 101 above hi 100"
        );
        assert_eq!(
            problems[0].text(Lang::Zh),
            "框架“internal”，维度“profit”，等级“high”：下限101高于上限100"
        );
        assert_eq!(
            problems[0].short_text(Lang::En),
            "dimension 'profit', level 'high': lo 101 above hi 100"
        );
        assert!(f.validate().is_err());
    }

    #[test]
    fn a_band_outside_the_range_and_a_weight_below_the_minimum_are_refused() {
        let mut f = scorecard();
        apply(
            &mut f,
            &Edit::SetLevelBound {
                dim: 1,
                level: 0,
                bound: Bound::Hi,
                value: 25.0,
            },
        )
        .unwrap();
        assert!(matches!(check(&f)[0].kind, Kind::LevelOutside { .. }));
        let mut f = scorecard();
        apply(&mut f, &Edit::SetWeight { dim: 1, max: -5.0 }).unwrap();
        let problems = check(&f);
        assert_eq!(problems[0].place, Place::Dimension(1));
        assert!(f.validate().is_err());
    }

    #[test]
    fn a_weight_of_zero_is_refused_on_its_dimension_and_the_bands_survive() {
        let mut f = scorecard();
        apply(&mut f, &Edit::SetWeight { dim: 0, max: 0.0 }).unwrap();
        let problems = check(&f);
        assert_eq!(
            problems.first().map(Problem::to_string).as_deref(),
            Some("framework 'scorecard', dimension 'strategic_fit': the weight (max) equals the minimum 0, which leaves nothing to score; enter a weight above 0")
        );
        assert_eq!(
            problems[0].text(Lang::Zh),
            "框架“scorecard”，维度“strategic_fit”：权重（满分）等于最小值0，没有可计分的范围；请输入大于0的权重"
        );
        // The editor takes nothing: the bands are still 20–30 / 10–20 / 0–10, so setting the
        // weight back to 30 changes nothing.
        let preset = scorecard();
        for max in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            let refused = attempt(&preset, &Edit::SetWeight { dim: 0, max });
            assert!(
                matches!(&refused, Err(Refusal::Problem(p)) if p.place == Place::Dimension(0)),
                "{max}: {refused:?}"
            );
        }
        assert_eq!(
            attempt(&preset, &Edit::SetWeight { dim: 0, max: 30.0 }),
            Ok(None)
        );
        // Operating risk (−50 to 0): a weight of 0 is its preset and stays fine; −50 is not.
        let credit = presets::credit();
        assert_eq!(check(&credit), vec![]);
        let refused = attempt(&credit, &Edit::SetWeight { dim: 2, max: -50.0 });
        assert!(
            matches!(refused, Err(Refusal::Problem(p)) if p.kind == Kind::NoRange { min: -50.0 })
        );
    }

    #[test]
    fn a_weight_just_above_the_old_one_keeps_the_top_band_inside_the_range() {
        let mut f = scorecard();
        apply(&mut f, &Edit::SetWeight { dim: 0, max: 31.0 }).unwrap();
        assert_eq!(check(&f), vec![]);
        assert_eq!(levels_of(&f.dimensions[0].rule).unwrap()[0].hi, 31.0);
    }

    #[test]
    fn blank_and_shared_level_labels_are_refused_on_their_level() {
        // Both labels of 'mid' cleared: the level could not be chosen by name.
        let mut f = scorecard();
        for lang in [Lang::En, Lang::Zh] {
            let text = " ".to_string();
            apply(
                &mut f,
                &Edit::SetLevelLabel {
                    dim: 0,
                    level: 1,
                    lang,
                    text,
                },
            )
            .unwrap();
        }
        let problems = check(&f);
        assert_eq!(
            problems.first().map(Problem::to_string).as_deref(),
            Some("framework 'scorecard', dimension 'strategic_fit', level 'mid': the level needs a label in English or Chinese")
        );
        assert_eq!(problems[0].place, Place::Level(0, 1));
        assert_eq!(
            f.validate().unwrap_err().to_string(),
            "framework 'scorecard': dimension 'strategic_fit': level 'mid' has neither an English nor a Chinese label"
        );

        // 'low' renamed 'High': two levels answer to "high" (labels match in any case), and
        // choosing the second would score as the first.
        let mut g = scorecard();
        let text = "High".to_string();
        apply(
            &mut g,
            &Edit::SetLevelLabel {
                dim: 0,
                level: 2,
                lang: Lang::En,
                text,
            },
        )
        .unwrap();
        let problems = check(&g);
        assert_eq!(
            problems.first().map(Problem::to_string).as_deref(),
            Some("framework 'scorecard', dimension 'strategic_fit', level 'low': the label 'high' already names level 'high'; each level needs a label of its own")
        );
        assert_eq!(problems.len(), 1, "the clash is said once");
        assert_eq!(
            problems[0].text(Lang::Zh),
            "框架“scorecard”，维度“strategic_fit”，等级“low”：标签“high”已用于等级“high”；各等级的标签不能相同"
        );
        assert_eq!(
            g.validate().unwrap_err().to_string(),
            "framework 'scorecard': dimension 'strategic_fit': level 'low': the label 'high' already names level 'high'"
        );
        // Spaces and case do not hide a clash with the Chinese label either.
        let mut h = scorecard();
        let text = " 高 ".to_string();
        apply(
            &mut h,
            &Edit::SetLevelLabel {
                dim: 1,
                level: 1,
                lang: Lang::Zh,
                text,
            },
        )
        .unwrap();
        assert_eq!(check(&h)[0].place, Place::Level(1, 1));

        // One language left blank is fine: the other names the level.
        let mut k = scorecard();
        let text = String::new();
        apply(
            &mut k,
            &Edit::SetLevelLabel {
                dim: 0,
                level: 1,
                lang: Lang::En,
                text,
            },
        )
        .unwrap();
        assert_eq!(check(&k), vec![]);
        assert!(k.validate().is_ok());
    }

    #[test]
    fn line_values_outside_the_range_or_a_warning_above_the_baseline_are_refused() {
        // External profile, market size: warning line 70 above the baseline's 60.
        let mut f = presets::external();
        apply(
            &mut f,
            &Edit::SetLineValue {
                line: 1,
                dim: 0,
                value: 70.0,
            },
        )
        .unwrap();
        let problems = check(&f);
        assert_eq!(
            problems.first().map(Problem::to_string).as_deref(),
            Some("framework 'external', line 'warning', dimension 'market_size': 70 is above line 'baseline' (60); a line below which accounts are ruled out must not be above the line they must meet")
        );
        assert_eq!(problems[0].place, Place::LineValue(1, 0));
        assert_eq!(
            problems[0].text(Lang::Zh),
            "框架“external”，参考线“warning”，维度“market_size”：70高于参考线“baseline”的60；低于即排除的参考线（如警戒线）不能高于须达到的参考线（如基准线）"
        );
        assert!(f.validate().unwrap_err().to_string().starts_with(
            "framework 'external': line 'warning', dimension 'market_size': 70 is above line 'baseline' (60)"
        ));
        // Lowering the baseline under the warning line is the same fault.
        let mut g = presets::external();
        let value = 30.0;
        apply(
            &mut g,
            &Edit::SetLineValue {
                line: 0,
                dim: 0,
                value,
            },
        )
        .unwrap();
        assert!(matches!(check(&g)[0].kind, Kind::LineAboveMet { .. }));
        // Equal lines are allowed.
        let mut g = presets::external();
        let value = 40.0;
        apply(
            &mut g,
            &Edit::SetLineValue {
                line: 0,
                dim: 0,
                value,
            },
        )
        .unwrap();
        assert_eq!(check(&g), vec![]);

        // A baseline of 150 on a 0–100 dimension.
        let mut h = presets::external();
        let value = 150.0;
        apply(
            &mut h,
            &Edit::SetLineValue {
                line: 0,
                dim: 0,
                value,
            },
        )
        .unwrap();
        let problems = check(&h);
        assert_eq!(
            problems.first().map(Problem::to_string).as_deref(),
            Some("framework 'external', line 'baseline', dimension 'market_size': score 150 lies outside the dimension's 0–100")
        );
        assert!(h.validate().is_err());

        // The internal profile's tier lines are each met on their own (the spec: "not
        // nested"), so an important line above the key line is no fault.
        let mut k = presets::internal();
        let value = 60.0;
        apply(
            &mut k,
            &Edit::SetLineValue {
                line: 1,
                dim: 0,
                value,
            },
        )
        .unwrap();
        assert_eq!(check(&k), vec![]);
        assert!(k.validate().is_ok());
    }

    #[test]
    fn a_scorecard_whose_weights_no_longer_add_up_warns_without_refusing() {
        let preset = scorecard();
        assert_eq!(MaxChange::of(&preset), None);
        let f = attempt(&preset, &Edit::SetWeight { dim: 0, max: 40.0 })
            .unwrap()
            .unwrap();
        let change = MaxChange::of(&f).unwrap();
        assert_eq!(
            change,
            MaxChange {
                stated: 100.0,
                now: 110.0
            }
        );
        assert_eq!(
            change.text(&f, Lang::En),
            "The weights now add up to 110 points, not 100: the maximum total is 110. The class thresholds (80 / 60) were not changed with them; adjust them under Classification if needed."
        );
        assert_eq!(
            change.text(&f, Lang::Zh),
            "各项权重之和现为110分（原满分100分），总分上限随之变为110分。分类阈值（80 / 60）未随权重调整，如有需要请在“分类规则”中修改。"
        );
        // Removing a criterion lowers the maximum the same way; the credit rating too.
        let g = attempt(&preset, &Edit::RemoveDimension { dim: 5 })
            .unwrap()
            .unwrap();
        assert_eq!(MaxChange::of(&g).map(|c| c.now), Some(90.0));
        let credit = attempt(&presets::credit(), &Edit::SetWeight { dim: 0, max: 60.0 })
            .unwrap()
            .unwrap();
        assert_eq!(MaxChange::of(&credit).map(|c| c.now), Some(110.0));
        // Frameworks classified by lines state no maximum.
        let external = attempt(
            &presets::external(),
            &Edit::SetWeight { dim: 0, max: 120.0 },
        )
        .unwrap()
        .unwrap();
        assert_eq!(MaxChange::of(&external), None);
    }

    #[test]
    fn level_scores_and_labels_are_edited() {
        let mut f = scorecard();
        apply(
            &mut f,
            &Edit::SetLevelScore {
                dim: 0,
                level: 1,
                score: Some(18.0),
            },
        )
        .unwrap();
        apply(
            &mut f,
            &Edit::SetLevelLabel {
                dim: 0,
                level: 1,
                lang: Lang::Zh,
                text: " 一般 ".into(),
            },
        )
        .unwrap();
        let l = &levels_of(&f.dimensions[0].rule).unwrap()[1];
        assert_eq!(l.default_score(), 18.0);
        assert_eq!(l.label.zh, "一般");
        apply(
            &mut f,
            &Edit::SetLevelScore {
                dim: 0,
                level: 1,
                score: Some(31.0),
            },
        )
        .unwrap();
        assert!(matches!(check(&f)[0].kind, Kind::ScoreOutside { .. }));
    }

    #[test]
    fn breakpoints_are_edited_added_and_removed_and_must_increase() {
        let mut f = presets::external();
        apply(&mut f, &Edit::AddBreakpoint { dim: 0 }).unwrap();
        assert_eq!(
            breakpoints_of(&f.dimensions[0].rule).unwrap()[4],
            [5e9, 100.0]
        );
        apply(&mut f, &Edit::RemoveBreakpoint { dim: 0, index: 4 }).unwrap();
        assert_eq!(breakpoints_of(&f.dimensions[0].rule).unwrap().len(), 4);
        apply(
            &mut f,
            &Edit::SetBreakpoint {
                dim: 0,
                index: 2,
                part: Part::Measure,
                value: 5e7,
            },
        )
        .unwrap();
        let problems = check(&f);
        assert_eq!(problems[0].place, Place::Breakpoint(0, 2));
        assert_eq!(
            problems[0].to_string(),
            "framework 'external', dimension 'market_size', breakpoint 3: measure 50000000 is not above the previous breakpoint's 100000000; measures must increase"
        );
        assert!(f.validate().is_err());
        assert!(apply(&mut f, &Edit::RemoveBreakpoint { dim: 2, index: 0 }).is_err());
    }

    #[test]
    fn thresholds_inclusive_flag_and_line_rule_are_switched() {
        let mut f = scorecard();
        apply(&mut f, &Edit::SetBandMin { band: 0, min: 85.0 }).unwrap();
        apply(&mut f, &Edit::SetInclusive(false)).unwrap();
        let Classification::Total {
            bands, inclusive, ..
        } = &f.classification
        else {
            panic!("total")
        };
        assert_eq!((bands[0].min, *inclusive), (85.0, false));
        apply(&mut f, &Edit::SetBandMin { band: 1, min: 90.0 }).unwrap();
        let problems = check(&f);
        assert_eq!(problems[0].place, Place::Band(1));
        assert!(problems[0].to_string().contains("class 'potential'"));
        assert!(apply(&mut f, &Edit::SetLineRule(LineRule::Total)).is_err());

        let mut g = presets::internal();
        apply(&mut g, &Edit::SetLineRule(LineRule::Total)).unwrap();
        assert!(matches!(
            g.classification,
            Classification::Lines {
                rule: LineRule::Total,
                ..
            }
        ));
    }

    #[test]
    fn lines_are_edited_added_and_a_used_one_cannot_go_silently() {
        let mut f = presets::external();
        apply(
            &mut f,
            &Edit::SetLineValue {
                line: 0,
                dim: 2,
                value: 80.0,
            },
        )
        .unwrap();
        assert_eq!(f.lines[0].values[2], 80.0);
        apply(&mut f, &Edit::AddLine).unwrap();
        assert_eq!(f.lines[2].id, "line_1");
        assert_eq!(f.lines[2].values, f.lines[1].values);
        assert!(!line_in_use(&f, 2));
        assert!(line_in_use(&f, 0));
        apply(&mut f, &Edit::RemoveLine { line: 2 }).unwrap();
        assert_eq!(check(&f), vec![]);
        apply(&mut f, &Edit::RemoveLine { line: 0 }).unwrap();
        let problems = check(&f);
        assert!(matches!(problems[0].kind, Kind::UnknownLine(_)));
        assert!(f.validate().is_err());
    }

    #[test]
    fn dimensions_are_added_and_removed_with_their_line_values() {
        let mut f = presets::external();
        apply(&mut f, &Edit::AddDimension).unwrap();
        assert_eq!(f.dimensions.len(), 7);
        assert_eq!(f.dimensions[6].id, "dimension_7");
        assert!(f.lines.iter().all(|l| l.values.len() == 7));
        assert_eq!(check(&f), vec![]);
        apply(&mut f, &Edit::RemoveDimension { dim: 0 }).unwrap();
        assert_eq!(f.lines[0].values, vec![60.0, 90.0, 90.0, 85.0, 80.0, 0.0]);
        assert_eq!(check(&f), vec![]);
        assert!(f.validate().is_ok());
        let mut g = presets::credit();
        for _ in 0..3 {
            apply(&mut g, &Edit::RemoveDimension { dim: 0 }).unwrap();
        }
        assert_eq!(check(&g)[0].kind, Kind::NoDimensions);
    }

    #[test]
    fn stale_indices_are_refused_without_change() {
        let mut f = scorecard();
        let before = f.clone();
        assert!(apply(&mut f, &Edit::SetWeight { dim: 9, max: 1.0 }).is_err());
        assert!(apply(
            &mut f,
            &Edit::SetLineValue {
                line: 0,
                dim: 0,
                value: 1.0
            }
        )
        .is_err());
        assert_eq!(f, before);
    }

    #[test]
    fn bad_level_thresholds_and_line_lengths_are_located() {
        let mut f = presets::credit();
        if let Rule::Levels { by_measure, .. } = &mut f.dimensions[0].rule {
            *by_measure = Some(LevelsByMeasure {
                input: "annual_sales".into(),
                cuts: vec![1.0, 2.0],
            });
        }
        assert_eq!(check(&f)[0].place, Place::Cuts(0));
        let mut g = presets::external();
        g.lines[1].values.pop();
        assert_eq!(check(&g)[0].place, Place::Line(1));
        assert!(g.validate().is_err());
    }

    #[test]
    fn upsert_replaces_by_id_or_adds() {
        let mut list = vec![scorecard()];
        let mut edited = scorecard();
        edited.dimensions.pop();
        upsert(&mut list, edited.clone());
        assert_eq!(list, vec![edited]);
        upsert(&mut list, presets::credit());
        assert_eq!(list.len(), 2);
    }
}
