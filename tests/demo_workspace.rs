//! The demo workspace must show every feature at once: every class of every framework, a
//! red-list revocation, ABC classes, the source's own examples scored as the source says, and
//! no input the engine rejects.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kam_radar::demo;
use kam_radar::framework::presets;
use kam_radar::scoring::{credit, segmentation, Engine};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date")
}

#[test]
fn the_demo_reaches_every_class_of_every_framework() {
    let ws = demo::workspace(today());
    assert!(
        ws.accounts.len() > demo::SYNTHETIC_ACCOUNTS,
        "about 200 accounts plus examples"
    );
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets are valid");
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    for id in [
        presets::SCORECARD,
        presets::CREDIT,
        presets::EXTERNAL,
        presets::INTERNAL,
    ] {
        let fi = engine.index_of(id).expect("preset present");
        let classes = engine.frameworks()[fi].classes();
        let reached: BTreeSet<String> = (0..ws.accounts.len())
            .filter_map(|row| scores.framework(fi).outcome(row).class)
            .map(|class| classes[usize::from(class)].id.clone())
            .collect();
        let all: BTreeSet<String> = classes.iter().map(|c| c.id.clone()).collect();
        assert_eq!(reached, all, "framework {id} misses classes in the demo");
    }
}

#[test]
fn every_demo_input_is_accepted_by_the_engine() {
    let ws = demo::workspace(today());
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets are valid");
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    for fi in 0..engine.frameworks().len() {
        if engine.frameworks()[fi].id == presets::STAKEHOLDER {
            continue;
        }
        for (row, account) in ws.accounts.iter().enumerate() {
            let problems = engine.problems(
                fi,
                scores.framework(fi).dims(row),
                &account.inputs,
                &account.name,
            );
            assert!(problems.is_empty(), "{}: {problems:?}", account.name);
        }
    }
}

#[test]
fn the_source_examples_score_as_the_source_says() {
    let ws = demo::workspace(today());
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets are valid");
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    let class_of = |framework: &str, account: &str| {
        let fi = engine.index_of(framework).expect("preset");
        let row = ws
            .accounts
            .iter()
            .position(|a| a.id == account)
            .expect("account");
        let class = scores.framework(fi).outcome(row).class.expect("classified");
        engine.frameworks()[fi].classes()[usize::from(class)]
            .id
            .clone()
    };
    assert_eq!(class_of(presets::EXTERNAL, "demo-a"), "potential");
    assert_eq!(class_of(presets::EXTERNAL, "demo-b"), "potential");
    assert_eq!(class_of(presets::INTERNAL, "demo-a"), "general");
    assert_eq!(class_of(presets::INTERNAL, "demo-b"), "general");
    let people: Vec<&str> = ws
        .stakeholders
        .iter()
        .filter(|s| s.account == "demo-c")
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(people, ["X", "Y", "Z"]);
}

#[test]
fn the_demo_shows_a_red_list_revocation_and_all_abc_classes() {
    let ws = demo::workspace(today());
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets are valid");
    let red = credit::red_list(&engine, &ws.credit_assessments, today(), 12).expect("credit");
    assert!(
        red.values().any(|status| status.revoked),
        "no account lost its status"
    );
    assert!(red
        .values()
        .any(|status| status.latest.is_some() && status.red_since.is_none()));

    let sales: Vec<Option<f64>> = ws
        .accounts
        .iter()
        .map(|a| a.number("annual_sales"))
        .collect();
    let classes: BTreeSet<String> = segmentation::abc(&sales, ws.settings.abc_cutoffs)
        .into_iter()
        .flatten()
        .map(|class| format!("{class:?}"))
        .collect();
    assert_eq!(classes.len(), 3, "ABC classes reached: {classes:?}");
}

#[test]
fn the_demo_runs_the_strategic_test_and_customer_c_passes_it() {
    let ws = demo::workspace(today());
    let tested: Vec<(String, bool)> = ws
        .accounts
        .iter()
        .map(|a| {
            let (check, _) =
                segmentation::strategic_check(&ws.orders, &a.id, today(), &ws.settings)
                    .expect("the demo sets X, Y and our revenue");
            (a.id.clone(), check.candidate)
        })
        .collect();
    assert!(tested.iter().any(|(id, yes)| id == "demo-c" && *yes));
    let candidates = tested.iter().filter(|(_, yes)| *yes).count();
    assert!(
        candidates < ws.accounts.len() / 4,
        "a candidate stands out: {candidates} of {}",
        ws.accounts.len()
    );
}

#[test]
fn the_demo_is_the_same_for_the_same_day_and_marked_as_demo() {
    let first = demo::workspace(today());
    assert_eq!(first, demo::workspace(today()));
    assert!(first.name.contains("Demo") && first.name.contains("演示"));
    assert!(first.accounts.iter().all(|a| demo::is_demo_id(&a.id)));
    assert!(first
        .stakeholders
        .iter()
        .all(|s| demo::is_demo_id(&s.account)));
}

#[test]
fn only_a_workspace_without_user_data_counts_as_blank_for_the_demo() {
    use kam_radar::model::{Account, Workspace};
    // The demo fills a blank workspace and gets its own workspace otherwise (ui::autosave).
    assert!(Workspace::default().is_blank());
    assert!(!demo::workspace(today()).is_blank());
    let named = Workspace {
        name: "华东".into(),
        ..Workspace::default()
    };
    assert!(
        !named.is_blank(),
        "an empty workspace the user named is kept"
    );
    let mut settings = Workspace::default();
    settings.settings.red_list_months = 6;
    assert!(!settings.is_blank(), "edited settings are work");
    let mut one = Workspace::default();
    one.accounts.push(Account::new("a", "Acme"));
    assert!(!one.is_blank());
    let mut framework = Workspace::default();
    framework.frameworks.push(presets::scorecard());
    assert!(!framework.is_blank());
}
