//! What an edit changed: the classes of every row before and after, compared framework by
//! framework, straight from two [`Scores`] (no re-indexing, no re-scoring).
//!
//! "Up" and "down" follow the rank of the classes, best first. For a total classification
//! that is the order of the bands, then the otherwise class. For lines it is the steps that an
//! account reaches by meeting a line, in order, then the otherwise class, then the steps it
//! falls to by dropping below a line (the external profile: target, potential target, not a
//! target). A row that gains or loses a class (an input becomes invalid) changes without a
//! direction.

use crate::framework::{Classification, Framework, LineTest, Subject};
use crate::scoring::{FrameworkScores, Scores};

/// Which way a row moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    /// To or from no class.
    Unranked,
}

/// One row whose class changed, by class id (`None`: not classified).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub row: usize,
    pub from: Option<String>,
    pub to: Option<String>,
    pub direction: Direction,
}

/// The classes of one framework before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameworkDiff {
    pub framework: String,
    pub subject: Subject,
    /// Rows per class id (and `None` for not classified), in the new framework's class order;
    /// a class only the old framework had comes last.
    pub counts: Vec<(Option<String>, u32, u32)>,
    pub changes: Vec<Change>,
}

impl FrameworkDiff {
    pub fn up(&self) -> usize {
        self.count(Direction::Up)
    }

    pub fn down(&self) -> usize {
        self.count(Direction::Down)
    }

    pub fn unranked(&self) -> usize {
        self.count(Direction::Unranked)
    }

    fn count(&self, d: Direction) -> usize {
        self.changes.iter().filter(|c| c.direction == d).count()
    }
}

/// The rank of each class of a framework (index as in [`Framework::classes`]), 0 the best.
pub fn class_ranks(f: &Framework) -> Vec<usize> {
    match &f.classification {
        Classification::None => Vec::new(),
        Classification::Total { bands, .. } => (0..=bands.len()).collect(),
        Classification::Lines { steps, .. } => {
            let meets = steps.iter().filter(|s| s.test == LineTest::Meets).count();
            let mut above = 0;
            let mut below = meets + 1;
            let mut ranks: Vec<usize> = steps
                .iter()
                .map(|s| {
                    if s.test == LineTest::Meets {
                        above += 1;
                        above - 1
                    } else {
                        below += 1;
                        below - 1
                    }
                })
                .collect();
            ranks.push(meets);
            ranks
        }
    }
}

/// Rows per class index of a framework's results, and the rows without a class.
pub fn class_counts(f: &Framework, results: &FrameworkScores) -> (Vec<u32>, u32) {
    let mut counts = vec![0u32; f.classes().len()];
    let mut none = 0;
    for row in 0..results.len() {
        match results
            .outcome(row)
            .class
            .and_then(|c| counts.get_mut(usize::from(c)))
        {
            Some(n) => *n += 1,
            None => none += 1,
        }
    }
    (counts, none)
}

/// The class changes of every framework present before and after (matched by id). `None`
/// when the two results are not of the same rows (the records changed in between).
pub fn diff(
    before_frameworks: &[Framework],
    before: &Scores,
    after_frameworks: &[Framework],
    after: &Scores,
) -> Option<Vec<FrameworkDiff>> {
    let mut out = Vec::new();
    for (ai, fa) in after_frameworks.iter().enumerate() {
        let Some(bi) = before_frameworks.iter().position(|f| f.id == fa.id) else {
            continue;
        };
        let fb = &before_frameworks[bi];
        let (rb, ra) = (before.framework(bi), after.framework(ai));
        if rb.len() != ra.len() || fb.subject != fa.subject {
            return None;
        }
        out.push(framework_diff(fb, rb, fa, ra));
    }
    Some(out)
}

fn framework_diff(
    fb: &Framework,
    rb: &FrameworkScores,
    fa: &Framework,
    ra: &FrameworkScores,
) -> FrameworkDiff {
    let (cb, ca) = (fb.classes(), fa.classes());
    let (kb, ka) = (class_ranks(fb), class_ranks(fa));
    let id_of = |classes: &[&crate::framework::ClassDef], c: Option<u8>| {
        c.and_then(|c| classes.get(usize::from(c)))
            .map(|c| c.id.clone())
    };
    let mut changes = Vec::new();
    for row in 0..ra.len() {
        let (from, to) = (rb.outcome(row).class, ra.outcome(row).class);
        let (from_id, to_id) = (id_of(&cb, from), id_of(&ca, to));
        if from_id == to_id {
            continue;
        }
        let rank_from = from.and_then(|c| kb.get(usize::from(c)));
        let rank_to = to.and_then(|c| ka.get(usize::from(c)));
        let direction = match (rank_from, rank_to) {
            (Some(f), Some(t)) if t < f => Direction::Up,
            (Some(f), Some(t)) if t > f => Direction::Down,
            _ => Direction::Unranked,
        };
        changes.push(Change {
            row,
            from: from_id,
            to: to_id,
            direction,
        });
    }
    let (nb, none_b) = class_counts(fb, rb);
    let (na, none_a) = class_counts(fa, ra);
    let mut counts: Vec<(Option<String>, u32, u32)> = ca
        .iter()
        .zip(&na)
        .map(|(c, n)| {
            let old = cb.iter().position(|o| o.id == c.id).map_or(0, |i| nb[i]);
            (Some(c.id.clone()), old, *n)
        })
        .collect();
    for (c, n) in cb.iter().zip(&nb) {
        if !ca.iter().any(|o| o.id == c.id) {
            counts.push((Some(c.id.clone()), *n, 0));
        }
    }
    counts.push((None, none_b, none_a));
    FrameworkDiff {
        framework: fa.id.clone(),
        subject: fa.subject,
        counts,
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::edit::{apply, Edit};
    use crate::framework::presets;
    use crate::model::{Account, Input};
    use crate::scoring::Engine;

    fn account(id: &str, level: &str) -> Account {
        let mut a = Account::new(id, id);
        for key in crate::model::keys::SCORECARD {
            a.inputs.insert(key.into(), Input::Text(level.into()));
        }
        a
    }

    fn scored(frameworks: &[Framework], accounts: &[Account]) -> (Engine, Scores) {
        let engine = Engine::new(frameworks).unwrap();
        let scores = engine.score(&engine.index(accounts, &[]));
        (engine, scores)
    }

    #[test]
    fn a_heavier_weight_moves_accounts_up_and_the_counts_follow() {
        // All "high": 25 + 17.5 + 17.5 + 7.5 * 3 = 82.5 (key); all "mid": 15 + 12.5 * 2 + 2.5 * 3
        // = 47.5 (not listed); one blank: unclassified.
        let mut mixed = account("m", "mid");
        mixed
            .inputs
            .insert("strategic_fit".into(), Input::Text("high".into()));
        let accounts = vec![
            account("h", "high"),
            account("l", "mid"),
            mixed,
            Account::new("x", "x"),
        ];
        let before = vec![presets::scorecard()];
        let (eb, sb) = scored(&before, &accounts);
        let mut edited = presets::scorecard();
        // Strategic fit 30 → 60: high 50, mid 30, so "mixed" reaches 50 + 32.5 = 82.5.
        apply(&mut edited, &Edit::SetWeight { dim: 0, max: 60.0 }).unwrap();
        let (ea, sa) = scored(&[edited], &accounts);
        let d = diff(eb.frameworks(), &sb, ea.frameworks(), &sa).unwrap();
        assert_eq!(d.len(), 1);
        let d = &d[0];
        assert_eq!(
            d.changes,
            vec![
                Change {
                    row: 1,
                    from: Some("none".into()),
                    to: Some("potential".into()),
                    direction: Direction::Up,
                },
                Change {
                    row: 2,
                    from: Some("none".into()),
                    to: Some("key".into()),
                    direction: Direction::Up,
                },
            ]
        );
        assert_eq!((d.up(), d.down(), d.unranked()), (2, 0, 0));
        assert_eq!(
            d.counts,
            vec![
                (Some("key".into()), 1, 2),
                (Some("potential".into()), 0, 1),
                (Some("none".into()), 2, 0),
                (None, 1, 1),
            ]
        );
    }

    #[test]
    fn an_exclusive_threshold_moves_an_account_on_it_down() {
        let mut a = Account::new("a", "a");
        for (key, v) in crate::model::keys::SCORECARD
            .iter()
            .zip([30.0, 20.0, 10.0, 10.0, 5.0, 5.0])
        {
            a.inputs.insert((*key).into(), Input::Number(v));
        }
        let accounts = vec![a];
        let (eb, sb) = scored(&[presets::scorecard()], &accounts);
        let mut edited = presets::scorecard();
        apply(&mut edited, &Edit::SetInclusive(false)).unwrap();
        let (ea, sa) = scored(&[edited], &accounts);
        let d = diff(eb.frameworks(), &sb, ea.frameworks(), &sa).unwrap();
        assert_eq!(d[0].down(), 1);
        assert_eq!(d[0].changes[0].to.as_deref(), Some("potential"));
    }

    #[test]
    fn lines_rank_target_above_potential_above_not_a_target() {
        let f = presets::external();
        let classes: Vec<&str> = f.classes().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(classes, vec!["target", "not_target", "potential"]);
        assert_eq!(class_ranks(&f), vec![0, 2, 1]);
        assert_eq!(class_ranks(&presets::internal()), vec![0, 1, 2, 3]);
        assert_eq!(class_ranks(&presets::scorecard()), vec![0, 1, 2]);
    }

    #[test]
    fn the_line_rule_switch_moves_the_sources_customers_up_to_key_accounts() {
        // FRAMEWORKS.md §4: A and B are general accounts by every dimension, key by total.
        let rows = [
            [100.0, 95.0, 80.0, 90.0, 70.0, 90.0],
            [60.0, 100.0, 90.0, 70.0, 95.0, 85.0],
        ];
        let accounts: Vec<Account> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut a = Account::new(format!("c{i}"), "c");
                for (key, v) in [
                    "sales_scale",
                    "profit_level",
                    "quality_requirement",
                    "credit_rating",
                    "relationship",
                    "professional_level",
                ]
                .iter()
                .zip(r)
                {
                    a.inputs.insert((*key).into(), Input::Number(*v));
                }
                a
            })
            .collect();
        let base = presets::all();
        let (eb, sb) = scored(&base, &accounts);
        let mut edited = presets::internal();
        apply(
            &mut edited,
            &Edit::SetLineRule(crate::framework::LineRule::Total),
        )
        .unwrap();
        let after: Vec<Framework> = base
            .into_iter()
            .map(|f| if f.id == edited.id { edited.clone() } else { f })
            .collect();
        let (ea, sa) = scored(&after, &accounts);
        let d = diff(eb.frameworks(), &sb, ea.frameworks(), &sa).unwrap();
        let internal = d.iter().find(|d| d.framework == "internal").unwrap();
        assert_eq!(internal.up(), 2);
        assert!(internal
            .changes
            .iter()
            .all(|c| c.from.as_deref() == Some("general") && c.to.as_deref() == Some("key")));
        let scorecard = d.iter().find(|d| d.framework == "scorecard").unwrap();
        assert!(
            scorecard.changes.is_empty(),
            "other frameworks are unchanged"
        );
    }

    #[test]
    fn different_rows_give_no_diff() {
        let (eb, sb) = scored(&[presets::scorecard()], &[account("a", "high")]);
        let (ea, sa) = scored(&[presets::scorecard()], &[]);
        assert_eq!(diff(eb.frameworks(), &sb, ea.frameworks(), &sa), None);
    }
}
