//! Re-scoring after a framework edit: only what changed is scored again, and the result is
//! exactly what scoring from scratch gives (the live framework editor relies on both).

use chrono::NaiveDate;
use kam_radar::demo;
use kam_radar::framework::{presets, Classification, Framework, Rule};
use kam_radar::model::Workspace;
use kam_radar::scoring::{Engine, How, Portfolio, Scores};

fn demo_workspace() -> Workspace {
    demo::workspace(NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"))
}

fn scored(ws: &Workspace) -> (Engine, Portfolio, Scores) {
    let engine = Engine::new(&ws.frameworks_in_force()).expect("frameworks");
    let portfolio = engine.index(&ws.accounts, &ws.stakeholders);
    let scores = engine.score(&portfolio);
    (engine, portfolio, scores)
}

/// Every framework's every row equal: dimension scores and outcomes (NaN-free comparisons).
fn assert_same(engine: &Engine, a: &Scores, b: &Scores) {
    for (fi, f) in engine.frameworks().iter().enumerate() {
        let (x, y) = (a.framework(fi), b.framework(fi));
        assert_eq!(x.len(), y.len(), "{}", f.id);
        for row in 0..x.len() {
            assert_eq!(x.outcome(row), y.outcome(row), "{} row {row}", f.id);
            let values = |s: &kam_radar::scoring::FrameworkScores| {
                s.dims(row)
                    .iter()
                    .map(|d| (d.value(), d.how))
                    .collect::<Vec<_>>()
            };
            assert_eq!(values(x), values(y), "{} row {row}", f.id);
        }
    }
}

fn edited(ws: &Workspace, id: &str, edit: impl FnOnce(&mut Framework)) -> Workspace {
    let mut f = presets::all()
        .into_iter()
        .find(|f| f.id == id)
        .expect("preset");
    edit(&mut f);
    let mut out = ws.clone();
    out.frameworks.push(f);
    out
}

fn class_counts(engine: &Engine, scores: &Scores, id: &str) -> Vec<usize> {
    let fi = engine.index_of(id).expect("framework");
    let f = scores.framework(fi);
    let mut counts = vec![0; engine.frameworks()[fi].classes().len() + 1];
    for row in 0..f.len() {
        counts[f.outcome(row).class.map_or(0, |c| c as usize + 1)] += 1;
    }
    counts
}

#[test]
fn a_threshold_edit_rescored_equals_a_fresh_score_and_moves_accounts() {
    let ws = demo_workspace();
    let (before_engine, portfolio, before) = scored(&ws);
    let lowered = edited(&ws, presets::SCORECARD, |f| {
        if let Classification::Total { bands, .. } = &mut f.classification {
            bands[0].min = 70.0;
        }
    });
    let engine = Engine::new(&lowered.frameworks_in_force()).expect("frameworks");
    assert!(
        engine.reads_like(&before_engine),
        "a threshold keeps the inputs read"
    );
    let rescored = engine
        .rescore(&portfolio, (&before_engine, &before))
        .expect("same inputs");
    let (_, _, fresh) = scored(&lowered);
    assert_same(&engine, &rescored, &fresh);
    // The edit is visible: more key accounts than before.
    let key = |s: &Scores| class_counts(&engine, s, presets::SCORECARD)[1];
    assert!(
        key(&rescored) > key(&before),
        "{} vs {}",
        key(&rescored),
        key(&before)
    );
}

#[test]
fn a_level_score_edited_in_one_dimension_rescored_equals_a_fresh_score() {
    let ws = demo_workspace();
    let (before_engine, portfolio, before) = scored(&ws);
    // As the framework editor's weight change does: the points of strategic fit's first level.
    let edited_ws = edited(&ws, presets::SCORECARD, |f| {
        let fit = f
            .dimensions
            .iter_mut()
            .find(|d| d.id == "strategic_fit")
            .expect("strategic fit");
        if let Rule::Levels { levels, .. } = &mut fit.rule {
            // Its band's lowest points instead of the midpoint.
            levels[0].score = Some(levels[0].lo);
        }
    });
    let preset = presets::scorecard();
    let fit = preset.dimensions.iter().find(|d| d.id == "strategic_fit");
    let taken_off = match &fit.expect("strategic fit").rule {
        Rule::Levels { levels, .. } => (levels[0].hi - levels[0].lo) / 2.0,
        _ => unreachable!("strategic fit is scored by levels"),
    };
    assert!(taken_off > 0.0);
    let engine = Engine::new(&edited_ws.frameworks_in_force()).expect("frameworks");
    let rescored = engine
        .rescore(&portfolio, (&before_engine, &before))
        .expect("same inputs");
    let (_, _, fresh) = scored(&edited_ws);
    assert_same(&engine, &rescored, &fresh);
    // The edited column moved the totals of the accounts at that level, and only theirs.
    let fi = engine.index_of(presets::SCORECARD).expect("scorecard");
    let moved: Vec<f64> = (0..portfolio.accounts())
        .filter_map(|r| {
            let (was, now) = (
                before.framework(fi).outcome(r),
                rescored.framework(fi).outcome(r),
            );
            (was.total != now.total).then_some(was.total - now.total)
        })
        .collect();
    assert!(!moved.is_empty(), "some accounts are at the edited level");
    let column = preset
        .dimensions
        .iter()
        .position(|d| d.id == "strategic_fit")
        .expect("strategic fit");
    let at_level = (0..portfolio.accounts())
        .filter(|&r| rescored.framework(fi).dims(r)[column].how == How::Level(0))
        .count();
    assert_eq!(
        moved.len(),
        at_level,
        "exactly the accounts at that level moved"
    );
    assert!(
        moved.iter().all(|d| (d - taken_off).abs() < 1e-9),
        "each moved by the {taken_off} points taken off: {moved:?}"
    );
}

#[test]
fn a_credit_edit_reaches_the_internal_profile_derived_from_it() {
    let ws = demo_workspace();
    let (before_engine, portfolio, before) = scored(&ws);
    // Operating risk counts double in a copied credit rating: the credit score moves, and with
    // it the internal profile's derived credit dimension.
    let harsher = edited(&ws, presets::CREDIT, |f| {
        let risk = f
            .dimensions
            .iter_mut()
            .find(|d| d.id == "operating_risk")
            .expect("operating risk");
        risk.min = -100.0;
        if let Rule::Levels { levels, .. } = &mut risk.rule {
            for l in levels {
                l.lo *= 2.0;
                l.hi *= 2.0;
                l.score = l.score.map(|s| s * 2.0);
            }
        }
    });
    let engine = Engine::new(&harsher.frameworks_in_force()).expect("frameworks");
    let rescored = engine
        .rescore(&portfolio, (&before_engine, &before))
        .expect("same inputs");
    let (_, _, fresh) = scored(&harsher);
    assert_same(&engine, &rescored, &fresh);
    let internal = engine.index_of(presets::INTERNAL).expect("internal");
    let changed = (0..portfolio.accounts())
        .filter(|&r| {
            before.framework(internal).outcome(r).total
                != rescored.framework(internal).outcome(r).total
        })
        .count();
    assert!(
        changed > 0,
        "the internal profile follows the credit rating"
    );
}

#[test]
fn an_edit_that_reads_another_input_is_scored_from_a_new_index() {
    let ws = demo_workspace();
    let (before_engine, portfolio, before) = scored(&ws);
    let renamed = edited(&ws, presets::EXTERNAL, |f| {
        f.dimensions[0].input = "another_measure".into();
    });
    let engine = Engine::new(&renamed.frameworks_in_force()).expect("frameworks");
    assert!(!engine.reads_like(&before_engine));
    assert!(
        engine
            .rescore(&portfolio, (&before_engine, &before))
            .is_none(),
        "the old index has no column for the new input"
    );
}

#[test]
fn scoring_in_steps_takes_one_step_per_framework_and_equals_scoring_at_once() {
    let ws = demo_workspace();
    let (engine, portfolio, at_once) = scored(&ws);
    let mut steps = engine.score_in_steps(&portfolio);
    let mut taken = 1;
    while steps.step() {
        taken += 1;
    }
    // A further step after the last is harmless: the import commit may ask once too often.
    assert!(!steps.step());
    assert_eq!(taken, engine.frameworks().len());
    assert_same(&engine, &steps.finish(), &at_once);
    // Derived frameworks (internal profile ← credit rating, relationship ← stakeholders) are
    // scored after their sources, so finishing early still agrees.
    let mut partial = engine.score_in_steps(&portfolio);
    partial.step();
    assert_same(&engine, &partial.finish(), &at_once);
}

#[test]
fn indexing_in_steps_of_a_few_rows_equals_indexing_at_once() {
    let ws = demo_workspace();
    let (engine, _, at_once) = scored(&ws);
    let rows = ws.accounts.len() + ws.stakeholders.len();
    assert!(!ws.stakeholders.is_empty(), "the demo has stakeholders");
    let mut steps = engine.index_in_steps(&ws.accounts, &ws.stakeholders);
    let mut taken = 1;
    while steps.step(&ws.accounts, &ws.stakeholders, 7) {
        taken += 1;
    }
    assert_eq!(taken, rows.div_ceil(7));
    let portfolio = steps.finish(&ws.accounts, &ws.stakeholders);
    assert_eq!(portfolio.accounts(), ws.accounts.len());
    assert_same(&engine, &engine.score(&portfolio), &at_once);
}

#[test]
fn indexing_in_steps_ends_when_the_records_are_shorter_than_announced() {
    let ws = demo_workspace();
    let engine = Engine::new(&ws.frameworks_in_force()).expect("frameworks");
    let mut steps = engine.index_in_steps(&ws.accounts, &ws.stakeholders);
    let fewer = &ws.accounts[..10];
    let mut taken = 0;
    while steps.step(fewer, &[], 4) {
        taken += 1;
        assert!(taken < 10, "the indexing does not end");
    }
}
