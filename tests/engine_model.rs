//! The presets compile, the workspace format round-trips and refuses newer versions, and the
//! workspace settings reach the frameworks.

use kam_radar::framework::presets;
use kam_radar::model::{Account, Input, ModelError, Workspace, SCHEMA_VERSION};
use kam_radar::scoring::{Engine, How};

#[test]
fn every_preset_is_valid_and_the_engine_has_all_five() {
    let e = Engine::new(&presets::all()).expect("presets compile");
    for id in ["scorecard", "credit", "external", "internal", "stakeholder"] {
        assert!(e.index_of(id).is_some(), "{id}");
    }
}

#[test]
fn a_workspace_round_trips_and_a_newer_one_is_refused() {
    let mut ws = Workspace::default();
    ws.accounts
        .push(Account::new("a", "Acme").with("quality_requirement", Input::Text("中".into())));
    let mut edited = presets::scorecard();
    edited.name.en = "My scorecard".into();
    ws.frameworks.push(edited);
    let json = serde_json::to_string(&ws).expect("serialises");
    let back = Workspace::from_json(&json).expect("reads");
    assert_eq!(back, ws);
    assert_eq!(back.frameworks_in_force()[0].name.en, "My scorecard");
    let newer = json.replace(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        "\"schema_version\":99",
    );
    assert!(matches!(
        Workspace::from_json(&newer),
        Err(ModelError::NewerVersion { found: 99 })
    ));
}

#[test]
fn deal_volume_thresholds_pick_the_level_from_annual_sales() {
    let mut ws = Workspace::default();
    ws.settings.deal_volume_thresholds = Some([5e6, 1e6]);
    let e = Engine::new(&ws.frameworks_in_force()).expect("valid");
    let credit = e.index_of("credit").unwrap();
    for (sales, want) in [(6e6, 42.5), (5e6, 42.5), (2e6, 27.5), (5e5, 10.0)] {
        let a = Account::new("a", "a").with("annual_sales", Input::Number(sales));
        let s = e.score_account(&a, &[]);
        let d = s.framework(credit).dims(0)[0];
        assert_eq!(d.value(), Some(want), "{sales}");
        assert!(matches!(d.how, How::LevelFromMeasure(_)));
    }
}
