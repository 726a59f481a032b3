//! The stakeholder map of one account: the power map (power role × relationship role per
//! journey point), the relationship plan (each person's next step and why), the coverage gaps
//! of each journey point, and the weighted mean behind the internal profile's relationship.
//!
//! People are placed by the *level* their score names in the stakeholder framework in force
//! (its level ids, `key_decision_maker`, `opponent` …), never by the text a user typed, so
//! "反对者", "Opponent" and 50 all land in the same cell. The source's principle for the plan:
//! befriend opponents, turn neutrals into supporters, develop supporters into coaches.

use crate::framework::{presets, Derivation, Framework, Level, Rule};
use crate::i18n::Label;
use crate::model::Stakeholder;
use crate::scoring::{explain::num, DimScore, Engine, How, Scores};

/// The stakeholder dimension holding each person's power role.
pub const POWER_ROLE: &str = "power_role";
/// The stakeholder dimension holding each person's relationship role.
pub const RELATIONSHIP_ROLE: &str = "relationship_role";

/// The next step with one person, from their relationship role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Opponent: make a friend of them.
    Befriend,
    /// Neutral: turn into a supporter.
    MakeSupporter,
    /// Supporter: develop into a coach.
    MakeCoach,
    /// Coach: maintain the relationship.
    Maintain,
    /// The relationship role is missing or names no known level: find out.
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
            Step::MakeCoach => {
                Label::new("Develop this supporter into a coach", "把支持者发展成教练")
            }
            Step::Maintain => {
                Label::new("Maintain: keep this coach close", "维护：保持与教练的关系")
            }
            Step::Assess => Label::new("Assess their relationship role", "识别其关系角色"),
        }
    }

    /// Why this is the step: what the role means (source §5) and where it leads.
    pub fn reason(self) -> Label {
        match self {
            Step::Befriend => Label::new(
                "An opponent is negative toward us; befriending them removes resistance.",
                "反对者对我方持负面态度；与其交朋友以消除阻力。",
            ),
            Step::MakeSupporter => Label::new(
                "A neutral neither supports nor opposes us; win their support for long-term cooperation.",
                "中立者既不支持也不反对我方；争取其支持长期合作。",
            ),
            Step::MakeCoach => Label::new(
                "A supporter backs long-term cooperation; a coach also approves of us highly and guides us.",
                "支持者支持长期合作；教练还高度认可我方并给予指导。",
            ),
            Step::Maintain => Label::new(
                "A coach highly approves of us and guides us: the best a relationship gets.",
                "教练高度认可我方并给予指导，这是最好的关系。",
            ),
            Step::Assess => Label::new(
                "No relationship role is recorded (or it names no known level), so no step can be chosen.",
                "未记录关系角色（或不是已知的等级），无法确定下一步。",
            ),
        }
    }

    /// A stable id for tests and styling.
    pub fn id(self) -> &'static str {
        match self {
            Step::Befriend => "befriend",
            Step::MakeSupporter => "make-supporter",
            Step::MakeCoach => "make-coach",
            Step::Maintain => "maintain",
            Step::Assess => "assess",
        }
    }

    /// The step for a relationship level id of the preset (an edited framework's other ids:
    /// assess).
    fn for_stance(id: Option<&str>) -> Step {
        match id {
            Some("opponent") => Step::Befriend,
            Some("neutral") => Step::MakeSupporter,
            Some("supporter") => Step::MakeCoach,
            Some("coach") => Step::Maintain,
            _ => Step::Assess,
        }
    }
}

/// A gap in the coverage of a journey point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Nobody is recorded at this journey point (the other gaps are then not listed).
    Nobody,
    /// Nobody here is known as the key decision maker (approver).
    NoKeyDecisionMaker,
    /// Nobody here is a coach.
    NoCoach,
    /// An opponent holds approval power: a key decision maker (workspace stakeholder row).
    OpponentApprover(usize),
    /// An opponent has the final say on a matter: a decision maker (workspace stakeholder row).
    OpponentDecisionMaker(usize),
}

impl Gap {
    /// The gap in both languages.
    pub fn label(&self) -> Label {
        match self {
            Gap::Nobody => Label::new("Nobody known at this journey point", "该旅程点尚无已知人员"),
            Gap::NoKeyDecisionMaker => Label::new(
                "No key decision maker (approver) known",
                "未掌握最终决策者（批准者）",
            ),
            Gap::NoCoach => Label::new("No coach", "没有教练"),
            Gap::OpponentApprover(_) => Label::new(
                "An opponent holds approval power (key decision maker)",
                "反对者掌握审批权（最终决策者）",
            ),
            Gap::OpponentDecisionMaker(_) => Label::new(
                "An opponent has the final say on a matter (decision maker)",
                "反对者拥有决策权（决策者）",
            ),
        }
    }

    /// The person the gap is about, if any (workspace stakeholder row).
    pub fn person(&self) -> Option<usize> {
        match self {
            Gap::OpponentApprover(row) | Gap::OpponentDecisionMaker(row) => Some(*row),
            _ => None,
        }
    }

    /// A stable id for tests and styling.
    pub fn id(&self) -> &'static str {
        match self {
            Gap::Nobody => "nobody",
            Gap::NoKeyDecisionMaker => "no-key-decision-maker",
            Gap::NoCoach => "no-coach",
            Gap::OpponentApprover(_) => "opponent-approver",
            Gap::OpponentDecisionMaker(_) => "opponent-decision-maker",
        }
    }
}

/// One level of a role axis: its id and label, from the framework in force.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleLevel {
    pub id: String,
    pub label: Label,
    pub score: f64,
}

/// A person of the account with the levels their power and relationship scores name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The row of this person in the workspace's stakeholder list (and in the scores).
    pub row: usize,
    /// Index into [`StakeholderMap::powers`]; `None` when the power role is not known.
    pub power: Option<usize>,
    /// Index into [`StakeholderMap::stances`]; `None` when the relationship role is not known.
    pub stance: Option<usize>,
}

/// One journey point: its people, its power-map grid and its gaps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JourneyPoint {
    pub name: String,
    /// Workspace stakeholder rows, in workspace order.
    pub people: Vec<usize>,
    /// `grid[power][stance]`: the rows placed in that cell. Rows follow [`StakeholderMap::powers`]
    /// and columns [`StakeholderMap::stances`], each with a last "not known" entry.
    pub grid: Vec<Vec<Vec<usize>>>,
    pub gaps: Vec<Gap>,
}

/// One line of the relationship plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    /// Workspace stakeholder row.
    pub row: usize,
    pub step: Step,
}

/// Everything the Stakeholders view shows about one account's people.
#[derive(Clone, Debug, PartialEq)]
pub struct StakeholderMap {
    /// Power-role levels, highest score first (rows of every grid, before "not known").
    pub powers: Vec<RoleLevel>,
    /// Relationship-role levels, highest score first (columns, before "not known").
    pub stances: Vec<RoleLevel>,
    pub people: Vec<Person>,
    /// The workspace's journey points, then any other point the account's people are at.
    pub journey_points: Vec<JourneyPoint>,
    /// Every person's next step, the most powerful first (then workspace order).
    pub plan: Vec<PlanItem>,
}

impl StakeholderMap {
    /// The person at workspace row `row`, if they belong to this account.
    pub fn person(&self, row: usize) -> Option<&Person> {
        self.people.iter().find(|p| p.row == row)
    }

    /// Whether anyone's power role is not known (the grids then show a "not known" row).
    pub fn any_unknown_power(&self) -> bool {
        self.people.iter().any(|p| p.power.is_none())
    }

    /// Whether anyone's relationship role is not known (the grids show a "not known" column).
    pub fn any_unknown_stance(&self) -> bool {
        self.people.iter().any(|p| p.stance.is_none())
    }

    /// The power level id of a person (`None`: not known).
    pub fn power_id(&self, person: &Person) -> Option<&str> {
        person.power.map(|i| self.powers[i].id.as_str())
    }

    /// The relationship level id of a person (`None`: not known).
    pub fn stance_id(&self, person: &Person) -> Option<&str> {
        person.stance.map(|i| self.stances[i].id.as_str())
    }
}

/// The levels of a levels dimension, highest score first, with their original indices.
fn sorted_levels<'a>(f: &'a Framework, dim: &str) -> Vec<(usize, &'a Level)> {
    let mut levels: Vec<(usize, &Level)> = match f.dimension(dim).map(|d| &d.rule) {
        Some(Rule::Levels { levels, .. }) => levels.iter().enumerate().collect(),
        Some(Rule::Derived { fallback, .. }) => match fallback.as_ref() {
            Rule::Levels { levels, .. } => levels.iter().enumerate().collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    levels.sort_by(|a, b| b.1.default_score().total_cmp(&a.1.default_score()));
    levels
}

/// The position in `sorted` (highest score first) of the level a score names: the matched
/// level for a label; for a number the highest level whose score it reaches (85 as a
/// relationship role is neutral, not supporter), or the lowest level when it reaches none
/// (40 is an opponent). Missing and rejected inputs name no level.
fn level_of(sorted: &[(usize, &Level)], s: Option<&DimScore>) -> Option<usize> {
    let s = s?;
    match s.how {
        How::Level(i) | How::LevelFromMeasure(i) => {
            sorted.iter().position(|(orig, _)| *orig == usize::from(i))
        }
        _ => {
            let v = s.value()?;
            sorted
                .iter()
                .position(|(_, l)| l.default_score() <= v)
                .or_else(|| sorted.len().checked_sub(1))
        }
    }
}

fn role_levels(sorted: &[(usize, &Level)]) -> Vec<RoleLevel> {
    sorted
        .iter()
        .map(|(_, l)| RoleLevel {
            id: l.id.clone(),
            label: l.label.clone(),
            score: l.default_score(),
        })
        .collect()
}

/// The map of one account's people. `scores` must come from the engine indexing the same
/// `stakeholders` (row `i` of the stakeholder framework is `stakeholders[i]`). `None` when
/// the engine has no stakeholder framework.
pub fn stakeholder_map(
    engine: &Engine,
    scores: &Scores,
    stakeholders: &[Stakeholder],
    account: &str,
    journey_points: &[String],
) -> Option<StakeholderMap> {
    let fi = engine.index_of(presets::STAKEHOLDER)?;
    let f = &engine.frameworks()[fi];
    let results = scores.framework(fi);
    let power_dim = f.dimensions.iter().position(|d| d.id == POWER_ROLE);
    let stance_dim = f.dimensions.iter().position(|d| d.id == RELATIONSHIP_ROLE);
    let power_levels = sorted_levels(f, POWER_ROLE);
    let stance_levels = sorted_levels(f, RELATIONSHIP_ROLE);
    let score_of = |row: usize, dim: Option<usize>| -> Option<&DimScore> {
        if row >= results.len() {
            return None;
        }
        results.dims(row).get(dim?)
    };
    let people: Vec<Person> = stakeholders
        .iter()
        .enumerate()
        .filter(|(_, s)| s.account == account)
        .map(|(row, _)| Person {
            row,
            power: level_of(&power_levels, score_of(row, power_dim)),
            stance: level_of(&stance_levels, score_of(row, stance_dim)),
        })
        .collect();
    let mut map = StakeholderMap {
        powers: role_levels(&power_levels),
        stances: role_levels(&stance_levels),
        people,
        journey_points: Vec::new(),
        plan: Vec::new(),
    };

    let mut names: Vec<String> = journey_points.to_vec();
    for p in &map.people {
        let point = &stakeholders[p.row].journey_point;
        if !names.contains(point) {
            names.push(point.clone());
        }
    }
    map.journey_points = names
        .into_iter()
        .map(|name| {
            let here: Vec<&Person> = map
                .people
                .iter()
                .filter(|p| stakeholders[p.row].journey_point == name)
                .collect();
            let unknown_power = map.powers.len();
            let unknown_stance = map.stances.len();
            let mut grid = vec![vec![Vec::new(); unknown_stance + 1]; unknown_power + 1];
            for p in &here {
                let r = p.power.unwrap_or(unknown_power);
                let c = p.stance.unwrap_or(unknown_stance);
                grid[r][c].push(p.row);
            }
            JourneyPoint {
                people: here.iter().map(|p| p.row).collect(),
                gaps: gaps(&map, &here),
                grid,
                name,
            }
        })
        .collect();

    let mut plan: Vec<(&Person, PlanItem)> = map
        .people
        .iter()
        .map(|p| {
            let item = PlanItem {
                row: p.row,
                step: Step::for_stance(map.stance_id(p)),
            };
            (p, item)
        })
        .collect();
    // The most powerful first: their stance weighs most (in the relationship score too).
    plan.sort_by_key(|(p, _)| p.power.unwrap_or(usize::MAX));
    map.plan = plan.into_iter().map(|(_, item)| item).collect();
    Some(map)
}

/// The level a person's score on the levels dimension `dim` names (their power role, their
/// relationship role), with its label: what the score means for a reader. `person` is a row
/// of the stakeholder framework's results.
pub fn role_level(engine: &Engine, scores: &Scores, person: usize, dim: &str) -> Option<RoleLevel> {
    let fi = engine.index_of(presets::STAKEHOLDER)?;
    let f = &engine.frameworks()[fi];
    let results = scores.framework(fi);
    let di = f.dimensions.iter().position(|d| d.id == dim)?;
    let score = (person < results.len()).then(|| results.dims(person).get(di))??;
    let levels = sorted_levels(f, dim);
    let at = level_of(&levels, Some(score))?;
    role_levels(&levels[at..=at]).pop()
}

/// Every stakeholder's next step, in stakeholder order, for exports that list all people at
/// once (the Stakeholders view's [`StakeholderMap::plan`] orders one account's by power).
pub fn relationship_plan(engine: &Engine, scores: &Scores, count: usize) -> Vec<Step> {
    (0..count)
        .map(|person| {
            let stance = role_level(engine, scores, person, RELATIONSHIP_ROLE);
            Step::for_stance(stance.as_ref().map(|l| l.id.as_str()))
        })
        .collect()
}

/// The gaps of one journey point with these people.
fn gaps(map: &StakeholderMap, here: &[&Person]) -> Vec<Gap> {
    if here.is_empty() {
        return vec![Gap::Nobody];
    }
    let mut out = Vec::new();
    if !here
        .iter()
        .any(|p| map.power_id(p) == Some("key_decision_maker"))
    {
        out.push(Gap::NoKeyDecisionMaker);
    }
    if !here.iter().any(|p| map.stance_id(p) == Some("coach")) {
        out.push(Gap::NoCoach);
    }
    for p in here {
        if map.stance_id(p) != Some("opponent") {
            continue;
        }
        match map.power_id(p) {
            Some("key_decision_maker") => out.push(Gap::OpponentApprover(p.row)),
            Some("decision_maker") => out.push(Gap::OpponentDecisionMaker(p.row)),
            _ => {}
        }
    }
    out
}

/// One person's part in the relationship score.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// Workspace stakeholder row.
    pub row: usize,
    /// Their relationship-role score.
    pub value: f64,
    /// Their power-role score, the weight.
    pub weight: f64,
}

/// How the internal profile's customer relationship follows from the account's people: the
/// mean of their relationship-role scores weighted by their power-role scores, or their plain
/// mean when the framework in force says so.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationshipBreakdown {
    /// People with both scores, in workspace order (a weight of 1 each for the plain mean).
    pub terms: Vec<Term>,
    /// Whether the terms carry weights of their own (not the plain mean).
    pub weighted: bool,
    /// People left out because one of the two scores is missing or rejected.
    pub left_out: Vec<usize>,
}

impl RelationshipBreakdown {
    /// The weighted mean; `None` with nobody to weigh (the level entered for the account is
    /// then used).
    pub fn mean(&self) -> Option<f64> {
        let weights: f64 = self.terms.iter().map(|t| t.weight).sum();
        (weights > 0.0)
            .then(|| self.terms.iter().map(|t| t.value * t.weight).sum::<f64>() / weights)
    }

    /// The sum written out, "(90×100 + 100×80) ÷ (100 + 80) = 94.44".
    pub fn formula(&self) -> Option<String> {
        let mean = self.mean()?;
        if !self.weighted {
            let values: Vec<String> = self.terms.iter().map(|t| num(t.value)).collect();
            return Some(format!(
                "({}) ÷ {} = {}",
                values.join(" + "),
                self.terms.len(),
                num(mean)
            ));
        }
        let products: Vec<String> = self
            .terms
            .iter()
            .map(|t| format!("{}×{}", num(t.value), num(t.weight)))
            .collect();
        let weights: Vec<String> = self.terms.iter().map(|t| num(t.weight)).collect();
        Some(format!(
            "({}) ÷ ({}) = {}",
            products.join(" + "),
            weights.join(" + "),
            num(mean)
        ))
    }
}

/// The index of the dimension of `f` derived from the stakeholders (the internal profile's
/// customer relationship).
pub fn relationship_dimension(f: &Framework) -> Option<usize> {
    f.dimensions.iter().position(|d| {
        matches!(
            d.rule,
            Rule::Derived {
                from: Derivation::StakeholderWeightedMean { .. },
                ..
            }
        )
    })
}

/// The relationship breakdown of `account`, following the stakeholder derivation of the
/// internal profile in force (which dimensions are value and weight). `None` when no internal
/// dimension is derived from the stakeholders.
pub fn relationship_breakdown(
    engine: &Engine,
    scores: &Scores,
    stakeholders: &[Stakeholder],
    account: &str,
) -> Option<RelationshipBreakdown> {
    let internal = &engine.frameworks()[engine.index_of(presets::INTERNAL)?];
    let Rule::Derived {
        from:
            Derivation::StakeholderWeightedMean {
                framework,
                value,
                weight,
            },
        ..
    } = &internal.dimensions[relationship_dimension(internal)?].rule
    else {
        return None;
    };
    let fi = engine.index_of(framework)?;
    let f = &engine.frameworks()[fi];
    let vi = f.dimensions.iter().position(|d| &d.id == value)?;
    let wi = match weight {
        Some(weight) => Some(f.dimensions.iter().position(|d| &d.id == weight)?),
        None => None,
    };
    let results = scores.framework(fi);
    let mut out = RelationshipBreakdown {
        terms: Vec::new(),
        weighted: wi.is_some(),
        left_out: Vec::new(),
    };
    for (row, _) in stakeholders
        .iter()
        .enumerate()
        .filter(|(_, s)| s.account == account)
    {
        let dims = if row < results.len() {
            results.dims(row)
        } else {
            &[]
        };
        match (
            dims.get(vi).and_then(DimScore::value),
            // Without a weight dimension, everyone counts once (the plain mean).
            wi.map_or(Some(1.0), |wi| dims.get(wi).and_then(DimScore::value)),
        ) {
            (Some(value), Some(weight)) => out.terms.push(Term { row, value, weight }),
            _ => out.left_out.push(row),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Account, Input};

    fn person(name: &str, point: &str, power: Input, stance: Input) -> Stakeholder {
        let mut p = Stakeholder {
            account: "a".into(),
            journey_point: point.into(),
            name: name.into(),
            ..Stakeholder::default()
        };
        p.inputs.insert(POWER_ROLE.into(), power);
        p.inputs.insert(RELATIONSHIP_ROLE.into(), stance);
        p
    }

    fn text(s: &str) -> Input {
        Input::Text(s.into())
    }

    /// The source's X (销售), Y (FAT) and Z (SAT), with their power and relationship roles.
    fn xyz() -> Vec<Stakeholder> {
        vec![
            person("X", "销售", text("最终决策者"), text("支持者")),
            person("Y", "FAT", text("影响者"), text("教练")),
            person("Z", "SAT", text("决策者"), text("反对者")),
        ]
    }

    fn points() -> Vec<String> {
        ["销售", "合同签订", "FAT", "SAT"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn map_of(people: &[Stakeholder]) -> StakeholderMap {
        let e = Engine::presets();
        let scores = e.score(&e.index(&[Account::new("a", "A")], people));
        stakeholder_map(&e, &scores, people, "a", &points()).expect("the presets have the map")
    }

    fn ids(map: &StakeholderMap, row: usize) -> (Option<&str>, Option<&str>) {
        let p = map.person(row).expect("the person is on the map");
        (map.power_id(p), map.stance_id(p))
    }

    #[test]
    fn the_source_people_are_placed_planned_and_their_gaps_flagged() {
        let people = xyz();
        let map = map_of(&people);
        assert_eq!(
            map.powers.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
            [
                "key_decision_maker",
                "decision_maker",
                "influencer",
                "executor"
            ]
        );
        assert_eq!(
            map.stances
                .iter()
                .map(|l| l.id.as_str())
                .collect::<Vec<_>>(),
            ["coach", "supporter", "neutral", "opponent"]
        );
        let sales = &map.journey_points[0];
        assert_eq!(sales.name, "销售");
        assert_eq!(sales.grid[0][1], [0], "X: key decision maker × supporter");
        assert_eq!(sales.gaps, [Gap::NoCoach]);
        assert_eq!(
            map.journey_points[1].gaps,
            [Gap::Nobody],
            "nobody at 合同签订"
        );
        let fat = &map.journey_points[2];
        assert_eq!(fat.grid[2][0], [1], "Y: influencer × coach");
        assert_eq!(fat.gaps, [Gap::NoKeyDecisionMaker]);
        let sat = &map.journey_points[3];
        assert_eq!(sat.grid[1][3], [2], "Z: decision maker × opponent");
        assert_eq!(
            sat.gaps,
            [
                Gap::NoKeyDecisionMaker,
                Gap::NoCoach,
                Gap::OpponentDecisionMaker(2)
            ]
        );
        // The plan, the most powerful first: X (approver), Z (decision maker), Y (influencer).
        assert_eq!(
            map.plan,
            [
                PlanItem {
                    row: 0,
                    step: Step::MakeCoach
                },
                PlanItem {
                    row: 2,
                    step: Step::Befriend
                },
                PlanItem {
                    row: 1,
                    step: Step::Maintain
                },
            ]
        );
    }

    #[test]
    fn an_opponent_approver_is_a_gap_and_a_plan_change() {
        let mut people = xyz();
        people[0]
            .inputs
            .insert(RELATIONSHIP_ROLE.into(), text("opponent"));
        let map = map_of(&people);
        assert_eq!(
            map.journey_points[0].gaps,
            [Gap::NoCoach, Gap::OpponentApprover(0)]
        );
        assert_eq!(map.journey_points[0].grid[0][3], [0]);
        assert_eq!(
            map.plan[0],
            PlanItem {
                row: 0,
                step: Step::Befriend
            }
        );
        assert_eq!(Gap::OpponentApprover(0).person(), Some(0));
    }

    #[test]
    fn zh_en_aliases_and_numbers_place_alike() {
        let people = vec![
            person("a", "销售", text("Key Decision Maker"), text("OPPONENT")),
            person("b", "销售", text(" 批准者 "), text("反对者")),
            person("c", "销售", Input::Number(100.0), Input::Number(50.0)),
            person("d", "销售", text("approver"), Input::Number(40.0)),
        ];
        let map = map_of(&people);
        for row in 0..4 {
            assert_eq!(
                ids(&map, row),
                (Some("key_decision_maker"), Some("opponent")),
                "person {row}"
            );
        }
        assert_eq!(map.journey_points[0].grid[0][3], [0, 1, 2, 3]);
    }

    #[test]
    fn a_number_between_levels_names_the_level_it_reaches() {
        let people = vec![
            person("n", "FAT", Input::Number(95.0), Input::Number(85.0)),
            person("s", "FAT", Input::Number(70.0), Input::Number(99.9)),
        ];
        let map = map_of(&people);
        assert_eq!(ids(&map, 0), (Some("decision_maker"), Some("neutral")));
        assert_eq!(ids(&map, 1), (Some("executor"), Some("supporter")));
        assert_eq!(
            map.plan,
            [
                PlanItem {
                    row: 0,
                    step: Step::MakeSupporter
                },
                PlanItem {
                    row: 1,
                    step: Step::MakeCoach
                },
            ],
            "the decision maker before the executor"
        );
    }

    #[test]
    fn unknown_roles_are_assessed_and_placed_in_the_not_known_cells() {
        let mut missing = person("m", "SAT", text("x"), text("x"));
        missing.inputs.clear();
        let people = vec![
            person("u", "SAT", text("boss"), text("friend")),
            missing,
            person("r", "SAT", Input::Number(120.0), Input::Number(-1.0)),
        ];
        let map = map_of(&people);
        assert!(map.any_unknown_power() && map.any_unknown_stance());
        let sat = &map.journey_points[3];
        assert_eq!(
            sat.grid[4][4],
            [0, 1, 2],
            "unknown label, missing, out of range"
        );
        assert!(map.plan.iter().all(|p| p.step == Step::Assess));
        assert_eq!(sat.gaps, [Gap::NoKeyDecisionMaker, Gap::NoCoach]);
    }

    #[test]
    fn every_relationship_level_has_its_step() {
        let people: Vec<Stakeholder> = ["教练", "supporter", "中立者", "opponent"]
            .iter()
            .map(|s| person(s, "FAT", text("executor"), text(s)))
            .collect();
        let map = map_of(&people);
        let steps: Vec<Step> = map.plan.iter().map(|p| p.step).collect();
        assert_eq!(
            steps,
            [
                Step::Maintain,
                Step::MakeCoach,
                Step::MakeSupporter,
                Step::Befriend
            ]
        );
        assert_eq!(map.journey_points[2].gaps, [Gap::NoKeyDecisionMaker]);
    }

    #[test]
    fn a_point_outside_the_settings_is_listed_after_them_and_other_accounts_are_ignored() {
        let mut people = xyz();
        people.push(person("W", "售后", text("executor"), text("neutral")));
        let mut other = person("O", "销售", text("approver"), text("opponent"));
        other.account = "b".into();
        people.push(other);
        let map = map_of(&people);
        let names: Vec<&str> = map.journey_points.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(names, ["销售", "合同签订", "FAT", "SAT", "售后"]);
        assert_eq!(map.people.len(), 4);
        assert_eq!(map.journey_points[0].people, [0]);
    }

    #[test]
    fn the_relationship_is_the_power_weighted_mean_and_matches_the_engine() {
        let e = Engine::presets();
        let mut people = xyz();
        people.push(person("no power", "FAT", text("?"), text("coach")));
        let accounts = [Account::new("a", "A")];
        let scores = e.score(&e.index(&accounts, &people));
        let b = relationship_breakdown(&e, &scores, &people, "a").expect("derived");
        assert_eq!(b.left_out, [3]);
        // X 90×100, Y 100×80, Z 50×90 over 270.
        let mean = b.mean().expect("people weigh");
        assert!((mean - 21_500.0 / 270.0).abs() < 1e-9);
        assert_eq!(
            b.formula().as_deref(),
            Some("(90×100 + 100×80 + 50×90) ÷ (100 + 80 + 90) = 79.63")
        );
        let fi = e.index_of(presets::INTERNAL).expect("internal");
        let f = &e.frameworks()[fi];
        let di = f
            .dimensions
            .iter()
            .position(|d| d.id == "relationship")
            .expect("relationship dimension");
        let engine_value = scores.framework(fi).dims(0)[di].value().expect("derived");
        assert!((engine_value - mean).abs() < 1e-9);

        // X turned opponent: (50×100 + 8000 + 4500) / 270 = 64.81, 14.81 lower.
        people[0]
            .inputs
            .insert(RELATIONSHIP_ROLE.into(), text("反对者"));
        let scores = e.score(&e.index(&accounts, &people));
        let after = relationship_breakdown(&e, &scores, &people, "a")
            .and_then(|b| b.mean())
            .expect("derived");
        assert_eq!(num(after), "64.81");
        assert_eq!(num(mean - after), "14.81");
    }

    #[test]
    fn the_plain_mean_alternative_is_one_edit_away_and_the_engine_follows_it() {
        let mut frameworks = presets::all();
        let internal = frameworks
            .iter_mut()
            .find(|f| f.id == presets::INTERNAL)
            .expect("internal");
        let dim = relationship_dimension(internal).expect("derived");
        crate::framework::edit::apply(
            internal,
            &crate::framework::edit::Edit::SetStakeholderWeight { dim, weight: None },
        )
        .expect("a derived dimension");
        let e = Engine::new(&frameworks).expect("valid");
        let people = xyz();
        let accounts = [Account::new("a", "A")];
        let scores = e.score(&e.index(&accounts, &people));
        let b = relationship_breakdown(&e, &scores, &people, "a").expect("derived");
        // X 90, Y 100, Z 50: (90 + 100 + 50) ÷ 3 = 80, against 79.63 weighted by power.
        assert_eq!(b.formula().as_deref(), Some("(90 + 100 + 50) ÷ 3 = 80"));
        let fi = e.index_of(presets::INTERNAL).expect("internal");
        assert_eq!(scores.framework(fi).dims(0)[dim].value(), Some(80.0));
        let why = crate::scoring::explain::explain_dimension(
            e.frameworks(),
            &e.frameworks()[fi].dimensions[dim],
            &scores.framework(fi).dims(0)[dim],
            &accounts[0].inputs,
            crate::i18n::Lang::En,
        );
        assert!(
            why.contains("plain mean of the stakeholders' scores (n = 3) → 80 of 100"),
            "{why}"
        );
    }

    #[test]
    fn nobody_to_weigh_gives_no_mean() {
        let e = Engine::presets();
        let people: Vec<Stakeholder> = Vec::new();
        let scores = e.score(&e.index(&[Account::new("a", "A")], &people));
        let b = relationship_breakdown(&e, &scores, &people, "a").expect("derived");
        assert_eq!(b.mean(), None);
        assert_eq!(b.formula(), None);
        let map = stakeholder_map(&e, &scores, &people, "a", &points()).expect("map");
        assert!(map.journey_points.iter().all(|j| j.gaps == [Gap::Nobody]));
        assert!(map.plan.is_empty());
    }
}
