//! The stakeholder map: each person's next relationship step and the coverage of each journey point.
//!
//! The source's principle: befriend opponents, turn neutrals into supporters, develop supporters
//! into coaches. Coverage flags the gaps a key-account manager acts on: no key decision maker
//! known, no coach, an opponent holding approval or decision power.

use crate::framework::{presets, Framework, Rule};
use crate::i18n::Label;
use crate::model::Stakeholder;
use crate::scoring::{DimScore, Engine, How, Scores};

/// The next step with one person, from their relationship role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Opponent: make a friend of them.
    Befriend,
    /// Neutral: turn into a supporter.
    MakeSupporter,
    /// Supporter: develop into a coach.
    MakeCoach,
    /// Coach: keep the relationship.
    Keep,
    /// The relationship role is not known yet: find out.
    Assess,
}

impl Step {
    /// The step in both languages, in the source's words.
    pub fn label(self) -> Label {
        match self {
            Step::Befriend => Label::new("Befriend this opponent", "与反对者交朋友"),
            Step::MakeSupporter => {
                Label::new("Turn this neutral into a supporter", "把中立者变成支持者")
            }
            Step::MakeCoach => Label::new(
                "Develop this supporter into a coach",
                "把支持者发展成教练者",
            ),
            Step::Keep => Label::new("Keep this coach close", "保持与教练者的关系"),
            Step::Assess => Label::new("Find out where this person stands", "识别其关系角色"),
        }
    }
}

/// A gap in the coverage of a journey point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    NoKeyDecisionMaker,
    NoCoach,
    /// An opponent with approval or decision power (index into the stakeholder list).
    OpponentWithPower(usize),
}

impl Gap {
    /// The gap in both languages.
    pub fn label(&self) -> Label {
        match self {
            Gap::NoKeyDecisionMaker => {
                Label::new("No key decision maker known", "未掌握最终决策者")
            }
            Gap::NoCoach => Label::new("No coach", "没有教练"),
            Gap::OpponentWithPower(_) => Label::new(
                "An opponent holds approval or decision power",
                "反对者掌握审批权或决策权",
            ),
        }
    }
}

/// Who is known at one journey point of an account and what is missing there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JourneyCoverage {
    pub journey_point: String,
    /// Indices into the stakeholder list.
    pub people: Vec<usize>,
    pub gaps: Vec<Gap>,
}

/// The level id a score names: the label's level, or for a number the highest level whose
/// score it reaches (85 as a relationship role counts as neutral, not supporter).
fn level_id<'a>(f: &'a Framework, dim: &str, s: Option<&DimScore>) -> Option<&'a str> {
    let d = f.dimension(dim)?;
    let Rule::Levels { levels, .. } = &d.rule else {
        return None;
    };
    let s = s?;
    match s.how {
        How::Level(i) | How::LevelFromMeasure(i) => {
            levels.get(usize::from(i)).map(|l| l.id.as_str())
        }
        _ => {
            let v = s.value()?;
            levels
                .iter()
                .filter(|l| l.default_score() <= v)
                .max_by(|a, b| a.default_score().total_cmp(&b.default_score()))
                .map(|l| l.id.as_str())
        }
    }
}

fn role<'a>(engine: &'a Engine, scores: &Scores, person: usize, dim: &str) -> Option<&'a str> {
    let fi = engine.index_of(presets::STAKEHOLDER)?;
    let f = &engine.frameworks()[fi];
    let di = f.dimensions.iter().position(|d| d.id == dim)?;
    let rows = scores.framework(fi);
    if person >= rows.len() {
        return None;
    }
    level_id(f, dim, rows.dims(person).get(di))
}

/// The level a person's score on the levels dimension `dim` names (their power role, their
/// relationship role), in both languages: what the score means for a reader.
pub fn role_label(engine: &Engine, scores: &Scores, person: usize, dim: &str) -> Option<Label> {
    let id = role(engine, scores, person, dim)?;
    let f = &engine.frameworks()[engine.index_of(presets::STAKEHOLDER)?];
    let Rule::Levels { levels, .. } = &f.dimension(dim)?.rule else {
        return None;
    };
    levels.iter().find(|l| l.id == id).map(|l| l.label.clone())
}

/// Each stakeholder's next step, in stakeholder order (`scores` from the same stakeholder list).
pub fn relationship_plan(engine: &Engine, scores: &Scores, count: usize) -> Vec<Step> {
    (0..count)
        .map(|i| match role(engine, scores, i, "relationship_role") {
            Some("opponent") => Step::Befriend,
            Some("neutral") => Step::MakeSupporter,
            Some("supporter") => Step::MakeCoach,
            Some("coach") => Step::Keep,
            _ => Step::Assess,
        })
        .collect()
}

/// Coverage of every journey point of one account: the workspace's points, then any other
/// point its stakeholders are placed at.
pub fn coverage(
    engine: &Engine,
    scores: &Scores,
    stakeholders: &[Stakeholder],
    account: &str,
    journey_points: &[String],
) -> Vec<JourneyCoverage> {
    let mut points: Vec<String> = journey_points.to_vec();
    for s in stakeholders.iter().filter(|s| s.account == account) {
        if !points.contains(&s.journey_point) {
            points.push(s.journey_point.clone());
        }
    }
    points
        .into_iter()
        .map(|point| {
            let people: Vec<usize> = stakeholders
                .iter()
                .enumerate()
                .filter(|(_, s)| s.account == account && s.journey_point == point)
                .map(|(i, _)| i)
                .collect();
            let power = |i: usize| role(engine, scores, i, "power_role");
            let stance = |i: usize| role(engine, scores, i, "relationship_role");
            let mut gaps = Vec::new();
            if !people
                .iter()
                .any(|&i| power(i) == Some("key_decision_maker"))
            {
                gaps.push(Gap::NoKeyDecisionMaker);
            }
            if !people.iter().any(|&i| stance(i) == Some("coach")) {
                gaps.push(Gap::NoCoach);
            }
            for &i in &people {
                let powerful = matches!(power(i), Some("key_decision_maker" | "decision_maker"));
                if powerful && stance(i) == Some("opponent") {
                    gaps.push(Gap::OpponentWithPower(i));
                }
            }
            JourneyCoverage {
                journey_point: point,
                people,
                gaps,
            }
        })
        .collect()
}
