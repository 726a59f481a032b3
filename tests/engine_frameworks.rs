//! The worked examples and rules of FRAMEWORKS.md, checked through the public scoring API.

use kam_radar::framework::{presets, Classification, LineRule};
use kam_radar::i18n::Lang;
use kam_radar::model::{Account, Input, Stakeholder};
use kam_radar::scoring::{explain, Engine, How, Invalid, ScoreError, Scores};

fn n(v: f64) -> Input {
    Input::Number(v)
}
fn t(s: &str) -> Input {
    Input::Text(s.into())
}

fn engine_with(edit: impl Fn(&mut Vec<kam_radar::framework::Framework>)) -> Engine {
    let mut fws = presets::all();
    edit(&mut fws);
    Engine::new(&fws).expect("valid frameworks")
}

fn class_of(engine: &Engine, scores: &Scores, fw: &str) -> Option<String> {
    let i = engine.index_of(fw).expect("framework");
    let o = scores.framework(i).outcome(0);
    o.class
        .map(|c| engine.frameworks()[i].classes()[usize::from(c)].id.clone())
}

fn set_rule(fws: &mut [kam_radar::framework::Framework], id: &str, rule: LineRule) {
    for f in fws.iter_mut().filter(|f| f.id == id) {
        if let Classification::Lines { rule: r, .. } = &mut f.classification {
            *r = rule;
        }
    }
}

/// The source's customers A and B, scores given directly (external keys).
fn external_customer(name: &str, s: [f64; 6]) -> Account {
    Account::new(name, name)
        .with("market_size", n(s[0]))
        .with("rd_capability", n(s[1]))
        .with("quality_requirement", n(s[2]))
        .with("regulatory_requirement", n(s[3]))
        .with("price_type", n(s[4]))
        .with("professional_level", n(s[5]))
}

fn internal_customer(name: &str, s: [f64; 6]) -> Account {
    Account::new(name, name)
        .with("sales_scale", n(s[0]))
        .with("profit_level", n(s[1]))
        .with("quality_requirement", n(s[2]))
        .with("credit_rating", n(s[3]))
        .with("relationship", n(s[4]))
        .with("professional_level", n(s[5]))
}

const A: [f64; 6] = [100.0, 95.0, 80.0, 90.0, 70.0, 90.0];
const B: [f64; 6] = [60.0, 100.0, 90.0, 70.0, 95.0, 85.0];

fn short_ids(engine: &Engine, scores: &Scores, fw: &str, line: &str) -> Vec<String> {
    let i = engine.index_of(fw).expect("framework");
    let f = &engine.frameworks()[i];
    let li = f.lines.iter().position(|l| l.id == line).expect("line");
    let mask = scores.framework(i).outcome(0).short[li];
    f.dimensions
        .iter()
        .enumerate()
        .filter(|(k, _)| mask & (1 << k) != 0)
        .map(|(_, d)| d.id.clone())
        .collect()
}

#[test]
fn external_profile_customers_a_and_b_are_potential_targets_with_the_listed_shortfalls() {
    let e = Engine::presets();
    let a = e.score_account(&external_customer("A", A), &[]);
    assert_eq!(class_of(&e, &a, "external").as_deref(), Some("potential"));
    assert_eq!(
        short_ids(&e, &a, "external", "baseline"),
        ["quality", "price_type"]
    );
    let b = e.score_account(&external_customer("B", B), &[]);
    assert_eq!(class_of(&e, &b, "external").as_deref(), Some("potential"));
    assert_eq!(short_ids(&e, &b, "external", "baseline"), ["regulatory"]);

    // The explanation names the comparisons the source draws.
    let i = e.index_of("external").unwrap();
    let lines = explain::explain(
        e.frameworks(),
        i,
        a.framework(i).dims(0),
        a.framework(i).outcome(0),
        &external_customer("A", A).inputs,
        Lang::En,
    );
    let text = lines.join("\n");
    assert!(
        text.contains("Quality requirement 质量要求 (80 < 90)"),
        "{text}"
    );
    assert!(text.contains("Price type 价格类型 (70 < 85)"), "{text}");
    assert!(text.contains("→ potential target 潜在目标客户"), "{text}");
}

#[test]
fn external_profile_under_the_total_rule_compares_sums() {
    // Baseline total 465, warning total 290: A sums 525 and B 500, both reach the baseline.
    let e = engine_with(|f| set_rule(f, "external", LineRule::Total));
    for (name, s) in [("A", A), ("B", B)] {
        let r = e.score_account(&external_customer(name, s), &[]);
        assert_eq!(
            class_of(&e, &r, "external").as_deref(),
            Some("target"),
            "{name}"
        );
    }
}

#[test]
fn internal_profile_customers_a_and_b_are_general_under_every_dimension_with_the_exact_misses() {
    let e = Engine::presets();
    let a = e.score_account(&internal_customer("A", A), &[]);
    assert_eq!(class_of(&e, &a, "internal").as_deref(), Some("general"));
    assert_eq!(short_ids(&e, &a, "internal", "key"), ["relationship"]);
    assert_eq!(
        short_ids(&e, &a, "internal", "important"),
        ["quality", "relationship"]
    );
    assert!(short_ids(&e, &a, "internal", "general").is_empty());

    let b = e.score_account(&internal_customer("B", B), &[]);
    assert_eq!(class_of(&e, &b, "internal").as_deref(), Some("general"));
    assert_eq!(
        short_ids(&e, &b, "internal", "key"),
        ["credit", "professional"]
    );
    assert_eq!(short_ids(&e, &b, "internal", "important"), ["credit"]);
}

#[test]
fn internal_profile_customers_a_and_b_are_key_accounts_under_the_total_rule() {
    let e = engine_with(|f| set_rule(f, "internal", LineRule::Total));
    let i = e.index_of("internal").unwrap();
    for (name, s, total) in [("A", A, 525.0), ("B", B, 500.0)] {
        let r = e.score_account(&internal_customer(name, s), &[]);
        assert_eq!(r.framework(i).outcome(0).complete_total(), Some(total));
        assert_eq!(
            class_of(&e, &r, "internal").as_deref(),
            Some("key"),
            "{name}"
        );
        let text = explain::explain_outcome(
            &e.frameworks()[i],
            r.framework(i).dims(0),
            r.framework(i).outcome(0),
            Lang::En,
        )
        .join("\n");
        assert!(
            text.contains(&format!("Total {total} ≥ line total 490")),
            "{text}"
        );
    }
}

fn person(account: &str, point: &str, name: &str, age: f64, s: [&str; 5]) -> Stakeholder {
    let mut p = Stakeholder {
        account: account.into(),
        journey_point: point.into(),
        name: name.into(),
        ..Stakeholder::default()
    };
    p.inputs.insert("age".into(), n(age));
    for (k, v) in [
        "education",
        "org_role",
        "power_role",
        "relationship_role",
        "potential",
    ]
    .iter()
    .zip(s)
    {
        p.inputs.insert((*k).into(), t(v));
    }
    p
}

#[test]
fn stakeholders_x_y_z_against_the_ideal_profile() {
    let e = Engine::presets();
    // Labels chosen to give the source's scores: X 50,80,100,100,90,100 etc. The potential band
    // midpoints are 95/85/75, so numbers are used where the source gives an exact 100, 90 or 70.
    let mut x = person(
        "acc",
        "销售",
        "X",
        50.0,
        ["本科", "董事长", "最终决策者", "支持者", "蓝筹股"],
    );
    x.inputs.insert("potential".into(), n(100.0));
    let mut y = person(
        "acc",
        "FAT",
        "Y",
        35.0,
        ["硕士", "总监", "影响者", "教练", "潜力股"],
    );
    y.inputs.insert("potential".into(), n(90.0));
    let mut z = person(
        "acc",
        "SAT",
        "Z",
        40.0,
        ["本科", "总经理", "决策者", "反对者", "红筹股"],
    );
    z.inputs.insert("potential".into(), n(70.0));
    let people = [x, y, z];
    let scores = e.score(&e.index(&[Account::new("acc", "A")], &people));
    let i = e.index_of("stakeholder").unwrap();
    let f = &e.frameworks()[i];
    let expected: [([f64; 6], &[&str]); 3] = [
        (
            [50.0, 80.0, 100.0, 100.0, 90.0, 100.0],
            &["education", "relationship_role"],
        ),
        (
            [35.0, 90.0, 80.0, 80.0, 100.0, 90.0],
            &["education", "org_role", "power_role", "potential"],
        ),
        (
            [40.0, 80.0, 90.0, 90.0, 50.0, 70.0],
            &[
                "education",
                "org_role",
                "power_role",
                "relationship_role",
                "potential",
            ],
        ),
    ];
    for (row, (values, short)) in expected.iter().enumerate() {
        let got: Vec<f64> = scores
            .framework(i)
            .dims(row)
            .iter()
            .map(|d| d.value().unwrap())
            .collect();
        assert_eq!(&got, values, "row {row}");
        let o = scores.framework(i).outcome(row);
        let ids: Vec<&str> = f
            .dimensions
            .iter()
            .enumerate()
            .filter(|(k, _)| o.short[0] & (1 << k) != 0)
            .map(|(_, d)| d.id.as_str())
            .collect();
        // Age 50 is above the ideal 30 and never counts as short: it is plotted, not scored.
        assert_eq!(&ids, short, "row {row}");
        assert_eq!(
            o.class.map(|c| f.classes()[usize::from(c)].id.as_str()),
            Some("gap")
        );
    }
}

fn scorecard_total(total_parts: [f64; 6]) -> Account {
    let keys = kam_radar::model::keys::SCORECARD;
    keys.iter()
        .zip(total_parts)
        .fold(Account::new("s", "s"), |a, (k, v)| a.with(k, n(v)))
}

#[test]
fn scorecard_lists_at_exactly_80_and_60() {
    let e = Engine::presets();
    let cases = [
        ([30.0, 20.0, 20.0, 10.0, 0.0, 0.0], "key"),        // 80
        ([29.99, 20.0, 20.0, 10.0, 0.0, 0.0], "potential"), // 79.99
        ([30.0, 20.0, 10.0, 0.0, 0.0, 0.0], "potential"),   // 60
        ([29.99, 20.0, 10.0, 0.0, 0.0, 0.0], "none"),       // 59.99
    ];
    for (parts, want) in cases {
        let r = e.score_account(&scorecard_total(parts), &[]);
        assert_eq!(
            class_of(&e, &r, "scorecard").as_deref(),
            Some(want),
            "{parts:?}"
        );
    }
}

fn credit_account(deal: f64, perf: f64, risk: f64) -> Account {
    Account::new("c", "c")
        .with("deal_volume", n(deal))
        .with("contract_performance", n(perf))
        .with("operating_risk", n(risk))
}

#[test]
fn credit_grades_and_lists_at_exactly_80_and_60() {
    let e = Engine::presets();
    let i = e.index_of("credit").unwrap();
    let cases = [
        ((50.0, 30.0, 0.0), "AAA", "green"),
        ((50.0, 29.99, 0.0), "AA", "yellow"),
        ((40.0, 20.0, 0.0), "AA", "yellow"),
        ((40.0, 19.99, 0.0), "A", "red"),
        ((10.0, 10.0, -40.0), "A", "red"),
    ];
    for ((d, p, r), grade, list) in cases {
        let s = e.score_account(&credit_account(d, p, r), &[]);
        let o = s.framework(i).outcome(0);
        let c = &e.frameworks()[i].classes()[usize::from(o.class.unwrap())];
        assert_eq!(
            (c.id.as_str(), c.list.as_ref().unwrap().id.as_str()),
            (grade, list),
            "{d} {p} {r}"
        );
    }
    // A negative total stays a negative number and the internal credit dimension clamps it to 0.
    let s = e.score_account(&credit_account(10.0, 10.0, -40.0), &[]);
    assert_eq!(s.framework(i).outcome(0).complete_total(), Some(-20.0));
    let int = e.index_of("internal").unwrap();
    let credit_dim = s.framework(int).dims(0)[3];
    assert_eq!(credit_dim.value(), Some(0.0));
    assert_eq!(credit_dim.how, How::FrameworkTotal { clamped: true });
}

#[test]
fn credit_labels_score_band_midpoints_and_feed_the_internal_profile() {
    let e = Engine::presets();
    let a = Account::new("c", "c")
        .with("deal_volume", t("高"))
        .with("contract_performance", t("mid"))
        .with("operating_risk", t("low risk"));
    let s = e.score_account(&a, &[]);
    let i = e.index_of("credit").unwrap();
    assert_eq!(
        s.framework(i).outcome(0).complete_total(),
        Some(42.5 + 27.5 - 5.0)
    );
    let int = e.index_of("internal").unwrap();
    assert_eq!(s.framework(int).dims(0)[3].value(), Some(65.0));
}

fn market(revenue: f64) -> f64 {
    let e = Engine::presets();
    let i = e.index_of("external").unwrap();
    let s = e.score_account(&Account::new("m", "m").with("revenue_usd", n(revenue)), &[]);
    s.framework(i).dims(0)[0].value().unwrap()
}

#[test]
fn market_size_breakpoints() {
    for (revenue, want) in [
        (0.0, 10.0),
        (5e7, 10.0),
        (1e8, 10.0),
        (8e8, 45.0),
        (1.5e9, 80.0),
        (2e9, 90.0),
        (2.5e9, 100.0),
        (1e10, 100.0),
    ] {
        assert!(
            (market(revenue) - want).abs() < 1e-9,
            "{revenue} → {} not {want}",
            market(revenue)
        );
    }
}

#[test]
fn sales_scale_and_rd_breakpoints() {
    let e = Engine::presets();
    let int = e.index_of("internal").unwrap();
    let ext = e.index_of("external").unwrap();
    for (sales, want) in [
        (0.0, 10.0),
        (5e5, 10.0),
        (1e6, 10.0),
        (3e6, 30.0),
        (5e6, 50.0),
        (1e7, 75.0),
        (1.5e7, 100.0),
        (4e7, 100.0),
    ] {
        let s = e.score_account(&Account::new("x", "x").with("annual_sales", n(sales)), &[]);
        assert!(
            (s.framework(int).dims(0)[0].value().unwrap() - want).abs() < 1e-9,
            "{sales}"
        );
    }
    for (pipes, want) in [(0.0, 0.0), (3.0, 30.0), (10.0, 100.0), (12.0, 100.0)] {
        let s = e.score_account(
            &Account::new("x", "x").with("product_pipelines", n(pipes)),
            &[],
        );
        assert_eq!(s.framework(ext).dims(0)[1].value(), Some(want), "{pipes}");
    }
}

#[test]
fn level_labels_in_zh_en_odd_case_and_spaces() {
    let e = Engine::presets();
    let i = e.index_of("scorecard").unwrap();
    for label in ["high", "高", "HIGH", "  High ", "\u{3000}高 "] {
        let s = e.score_account(
            &Account::new("x", "x").with("profit_contribution", t(label)),
            &[],
        );
        let d = s.framework(i).dims(0)[1];
        assert_eq!(d.value(), Some(17.5), "{label:?}");
        assert_eq!(d.how, How::Level(0));
    }
    let st = e.index_of("stakeholder").unwrap();
    let mut p = person(
        "x",
        "SAT",
        "P",
        40.0,
        [
            "本科",
            "经理",
            "Key  Decision   Maker",
            "Coach",
            "blue chip",
        ],
    );
    p.inputs
        .insert("power_role".into(), t(" key decision maker "));
    let s = e.score(&e.index(&[Account::new("x", "x")], &[p]));
    assert_eq!(s.framework(st).dims(0)[3].value(), Some(100.0));
    assert_eq!(s.framework(st).dims(0)[4].value(), Some(100.0));
}

#[test]
fn the_worked_explanation_reads_like_the_spec_in_both_languages() {
    let e = Engine::presets();
    let i = e.index_of("scorecard").unwrap();
    let a = Account::new("x", "x").with("profit_contribution", t("high"));
    let s = e.score_account(&a, &[]);
    let f = &e.frameworks()[i];
    let en = explain::explain_dimension(
        e.frameworks(),
        &f.dimensions[1],
        &s.framework(i).dims(0)[1],
        &a.inputs,
        Lang::En,
    );
    assert_eq!(
        en,
        "Profit contribution 利润贡献: 'high' → 17.5 of 20 (band 15–20)"
    );
    let zh = explain::explain_dimension(
        e.frameworks(),
        &f.dimensions[1],
        &s.framework(i).dims(0)[1],
        &a.inputs,
        Lang::Zh,
    );
    assert_eq!(
        zh,
        "利润贡献（Profit contribution）：'high' → 17.5 / 20 (分数段 高: 15–20)"
    );
}

#[test]
fn an_unknown_label_is_an_error_listing_the_accepted_labels_in_both_languages() {
    let e = Engine::presets();
    let a = Account::new("acme", "Acme").with("quality_requirement", t("excellent"));
    let s = e.score_account(&a, &[]);
    let i = e.index_of("external").unwrap();
    assert_eq!(
        s.framework(i).dims(0)[2].how,
        How::Invalid(Invalid::UnknownLabel)
    );
    let problems = e.problems(i, s.framework(i).dims(0), &a.inputs, &a.name);
    let err = problems
        .iter()
        .find(|p| p.input() == "quality_requirement")
        .expect("quality problem");
    let msg = err.to_string();
    assert!(matches!(err, ScoreError::UnknownLabel { .. }));
    for part in [
        "Acme",
        "Quality requirement 质量要求",
        "'excellent'",
        "medium 中",
        "high 高",
        "low 低",
    ] {
        assert!(msg.contains(part), "{part} missing from {msg}");
    }
}

#[test]
fn an_out_of_range_number_is_an_error_never_clamped() {
    let e = Engine::presets();
    let a = Account::new("acme", "Acme").with("strategic_fit", n(35.0));
    let s = e.score_account(&a, &[]);
    let i = e.index_of("scorecard").unwrap();
    let d = s.framework(i).dims(0)[0];
    assert_eq!(d.value(), None);
    assert_eq!(d.how, How::Invalid(Invalid::OutOfRange));
    let msg = e.problems(i, s.framework(i).dims(0), &a.inputs, &a.name)[0].to_string();
    assert_eq!(
        msg,
        "Acme: Strategic fit 战略契合度: 35 is out of range; allowed 0 to 30"
    );
    // A negative revenue is below the first breakpoint: rejected too.
    let s = e.score_account(&Account::new("x", "x").with("revenue_usd", n(-1.0)), &[]);
    let ext = e.index_of("external").unwrap();
    assert_eq!(
        s.framework(ext).dims(0)[0].how,
        How::Invalid(Invalid::OutOfRange)
    );
}

#[test]
fn a_missing_input_stays_missing_and_the_account_is_not_classified() {
    let e = Engine::presets();
    let a = scorecard_total([30.0, 20.0, 20.0, 10.0, 10.0, 0.0]);
    let mut partial = a.clone();
    partial.inputs.remove("development_potential");
    let i = e.index_of("scorecard").unwrap();
    let s = e.score_account(&partial, &[]);
    let o = s.framework(i).outcome(0);
    assert_eq!(s.framework(i).dims(0)[5].how, How::Missing);
    assert_eq!(s.framework(i).dims(0)[5].value(), None);
    assert_eq!(o.total, 90.0); // the rest still scores
    assert!(!o.is_complete());
    assert_eq!(o.complete_total(), None);
    assert_eq!(o.class, None);
    let text = explain::explain_outcome(&e.frameworks()[i], s.framework(i).dims(0), o, Lang::En)
        .join("\n");
    assert!(
        text.contains("missing Development potential 发展潜力"),
        "{text}"
    );
    assert!(text.contains("not classified"), "{text}");
}

#[test]
fn relationship_is_the_power_weighted_mean_of_stakeholders_and_falls_back_without_them() {
    let e = Engine::presets();
    let int = e.index_of("internal").unwrap();
    let acc = Account::new("acc", "Acc").with("relationship", t("fair"));
    // opponent (50) with power 100 and coach (100) with power 70: (5000 + 7000) / 170.
    let people = [
        person(
            "acc",
            "销售",
            "P",
            45.0,
            ["本科", "总经理", "最终决策者", "反对者", "潜力股"],
        ),
        person(
            "acc",
            "FAT",
            "Q",
            30.0,
            ["本科", "经理", "执行者", "教练", "潜力股"],
        ),
    ];
    let s = e.score_account(&acc, &people);
    let d = s.framework(int).dims(0)[4];
    assert!((d.value().unwrap() - 12000.0 / 170.0).abs() < 1e-9);
    assert_eq!(d.how, How::Stakeholders { count: 2 });
    let s = e.score_account(&acc, &[]);
    assert_eq!(s.framework(int).dims(0)[4].value(), Some(60.0));
    assert_eq!(s.framework(int).dims(0)[4].how, How::Level(2));
}
