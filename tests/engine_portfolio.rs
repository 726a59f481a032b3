//! Credit history, portfolio cuts and the stakeholder plan on small hand-computed cases.

use chrono::NaiveDate;
use kam_radar::i18n::Lang;
use kam_radar::model::{Account, CreditAssessment, Input, Order, Settings, Stakeholder};
use kam_radar::scoring::credit::red_list;
use kam_radar::scoring::segmentation::{
    abc, describe_recency_weighted, describe_strategic, recency_weight, recency_weighted_value,
    rfm, rfm_measures, share_of_wallet, strategic_candidate, strategic_check, yearly_purchases,
    Abc,
};
use kam_radar::scoring::stakeholders::{stakeholder_map, Gap, Step};
use kam_radar::scoring::Engine;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn assessment(date: NaiveDate, total_grade: &str) -> CreditAssessment {
    // red: 10 + 10 − 5 = 15; green: 50 + 40 − 5 = 85.
    let (deal, perf) = if total_grade == "red" {
        (10.0, 10.0)
    } else {
        (50.0, 40.0)
    };
    let mut inputs = kam_radar::model::Inputs::new();
    inputs.insert("deal_volume".into(), Input::Number(deal));
    inputs.insert("contract_performance".into(), Input::Number(perf));
    inputs.insert("operating_risk".into(), Input::Number(-5.0));
    CreditAssessment {
        account: "k".into(),
        date,
        inputs,
    }
}

#[test]
fn a_key_account_red_for_12_months_loses_its_status_but_not_at_11() {
    let e = Engine::presets();
    let history = [
        assessment(d(2023, 1, 10), "green"),
        assessment(d(2024, 3, 15), "red"),
        assessment(d(2024, 9, 15), "red"),
    ];
    let at_11 = red_list(&e, &history, d(2025, 2, 15), 12).unwrap()["k"];
    assert_eq!(at_11.red_since, Some(d(2024, 3, 15)));
    assert!(!at_11.revoked);
    let at_12 = red_list(&e, &history, d(2025, 3, 15), 12).unwrap()["k"];
    assert!(at_12.revoked);
    assert_eq!(at_12.revoke_on, Some(d(2025, 3, 15)));
    // A green rating in between restarts the clock.
    let mut broken = history.to_vec();
    broken.push(assessment(d(2024, 12, 1), "green"));
    broken.push(assessment(d(2025, 1, 1), "red"));
    let s = red_list(&e, &broken, d(2025, 3, 15), 12).unwrap()["k"];
    assert_eq!(s.red_since, Some(d(2025, 1, 1)));
    assert!(!s.revoked);
    // Assessments after the as-of date are not known yet.
    let early = red_list(&e, &history, d(2024, 1, 1), 12).unwrap()["k"];
    assert_eq!(early.red_since, None);
}

#[test]
fn abc_by_cumulative_share() {
    // Total 100: cumulative 50, 80, 90, 95, 98, 100 → A A B B C C; missing → none.
    let v = [
        Some(10.0),
        Some(50.0),
        None,
        Some(2.0),
        Some(30.0),
        Some(5.0),
        Some(3.0),
    ];
    let got = abc(&v, [80.0, 95.0]);
    use Abc::*;
    assert_eq!(
        got,
        vec![Some(B), Some(A), None, Some(C), Some(A), Some(B), Some(C)]
    );
    // One account above 80% alone is still A.
    assert_eq!(
        abc(&[Some(90.0), Some(10.0)], [80.0, 95.0]),
        vec![Some(A), Some(C)]
    );
}

#[test]
fn rfm_quintiles_on_five_accounts() {
    let accounts: Vec<Account> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|id| Account::new(*id, *id))
        .collect();
    let as_of = d(2025, 1, 1);
    let o = |acc: &str, date: NaiveDate, amount: f64| Order {
        account: acc.into(),
        date,
        amount,
    };
    let orders = vec![
        o("a", d(2024, 12, 31), 100.0), // 1 day, 3 orders, 600
        o("a", d(2024, 6, 1), 200.0),
        o("a", d(2024, 3, 1), 300.0),
        o("b", d(2024, 12, 1), 1000.0), // 31 days, 1 order, 1000
        o("c", d(2024, 11, 1), 50.0),   // 61 days, 2 orders, 100
        o("c", d(2024, 10, 1), 50.0),
        o("d", d(2023, 6, 1), 5000.0), // 580 days, 0 in window, 0
        o("e", d(2024, 7, 1), 10.0),   // 184 days, 1 order, 10
        o("e", d(2025, 2, 1), 9999.0), // after as-of: ignored
    ];
    let r = rfm(&accounts, &orders, as_of, 365);
    let cells: Vec<String> = r
        .iter()
        .map(|x| x.map(|x| x.to_string()).unwrap_or_default())
        .collect();
    // R by days 1,31,61,580,184 → 5,4,3,1,2. F 3,1,2,0,1 → 5,2,4,1,2 (ties share the lower).
    // M 600,1000,100,0,10 → 4,5,3,1,2.
    assert_eq!(cells, ["554", "425", "343", "111", "222"]);
    assert_eq!(r[3].unwrap().recency_days, 580);
    // One account's measures, as the Account view shows them, are the ones ranked above.
    for (i, id) in ["a", "b", "c", "d", "e"].iter().enumerate() {
        let m = rfm_measures(&orders, id, as_of, 365).unwrap();
        let x = r[i].unwrap();
        assert_eq!(
            (m.recency_days, m.frequency, m.monetary),
            (x.recency_days, x.frequency, x.monetary)
        );
    }
    let e = rfm_measures(&orders, "e", as_of, 365).unwrap();
    assert_eq!(
        e.last_order,
        d(2024, 7, 1),
        "an order after the date is ignored"
    );
    assert_eq!(rfm_measures(&orders, "zz", as_of, 365), None);
}

#[test]
fn recency_weight_halves_every_half_life() {
    let as_of = d(2025, 1, 1);
    assert!((recency_weight(as_of, as_of, 3.0) - 1.0).abs() < 1e-12);
    // 3 years of 365.25 days = 1095.75 days; 1096 days back is a hair past one half-life.
    let three_years = d(2022, 1, 1); // 1096 days
    assert!(
        (recency_weight(three_years, as_of, 3.0) - 0.5f64.powf(1096.0 / 365.25 / 3.0)).abs()
            < 1e-12
    );
    // Hand/python: 1e6 × 0.5^(1096/365.25/3) = 499 920.93; 4 years (1461 days) → 396 850.26.
    assert!((1_000_000.0 * recency_weight(three_years, as_of, 3.0) - 499_920.93).abs() < 0.01);
    assert!((1_000_000.0 * recency_weight(d(2021, 1, 1), as_of, 3.0) - 396_850.26).abs() < 0.01);
}

#[test]
fn share_of_wallet_and_mainstream_supplier() {
    let s = share_of_wallet(Some(3.0), Some(5.0), 0.6).unwrap();
    assert!((s.share - 0.6).abs() < 1e-12 && s.mainstream);
    assert!(
        !share_of_wallet(Some(2.99), Some(5.0), 0.6)
            .unwrap()
            .mainstream
    );
    assert_eq!(share_of_wallet(Some(3.0), None, 0.6), None);
    assert_eq!(share_of_wallet(Some(3.0), Some(0.0), 0.6), None);
}

/// Orders of account "s", one on 1 June of each (year, amount).
fn mid_year_orders(years: &[(i32, f64)]) -> Vec<Order> {
    years
        .iter()
        .map(|&(y, amount)| Order {
            account: "s".into(),
            date: d(y, 6, 1),
            amount,
        })
        .collect()
}

#[test]
fn strategic_candidate_needs_share_and_growth_every_year() {
    // Years 100, 120, 150, 180: growth 20%, 25%, 20%; mean of last three 150 = 1.5% of 10 000.
    let orders = mid_year_orders(&[
        (2021, 100.0),
        (2022, 120.0),
        (2023, 150.0),
        (2024, 180.0),
        (2020, 999.0),
    ]);
    // Years of 12 months up to 31 Dec 2024 are the calendar years 2021–2024 here.
    let years = yearly_purchases(&orders, "s", d(2024, 12, 31));
    assert_eq!(years, [100.0, 120.0, 150.0, 180.0]);
    let c = strategic_candidate(years, 10_000.0, 1.0, 15.0);
    assert!(c.candidate);
    assert!((c.share_pct - 1.5).abs() < 1e-12);
    assert!(!strategic_candidate(years, 10_000.0, 1.0, 20.0).candidate); // 20% is not above 20%
    assert!(!strategic_candidate(years, 10_000.0, 2.0, 15.0).candidate);
}

#[test]
fn the_last_three_years_count_back_from_the_as_of_date() {
    let as_of = d(2026, 11, 22);
    let order = |date: NaiveDate, amount: f64| Order {
        account: "s".into(),
        date,
        amount,
    };
    let orders = [
        order(d(2026, 11, 22), 1.0),  // on the day: this year
        order(d(2025, 11, 23), 2.0),  // the first day of this year
        order(d(2025, 11, 22), 4.0),  // a year ago to the day: the year before
        order(d(2022, 11, 23), 8.0),  // the first day of the base year
        order(d(2022, 11, 22), 16.0), // older than the four years
        order(d(2026, 11, 23), 32.0), // after the as-of date
        Order {
            account: "other".into(),
            ..order(d(2026, 1, 1), 64.0)
        },
    ];
    assert_eq!(yearly_purchases(&orders, "s", as_of), [8.0, 0.0, 4.0, 3.0]);
}

#[test]
fn the_strategic_test_runs_with_the_workspace_thresholds_and_says_why() {
    let as_of = d(2026, 11, 22);
    let orders = mid_year_orders(&[(2023, 100.0), (2024, 125.0), (2025, 160.0), (2026, 200.0)]);
    let mut settings = Settings::default();
    assert_eq!(
        strategic_check(&orders, "s", as_of, &settings),
        None,
        "X, Y and revenue unset"
    );
    settings.our_revenue = Some(10_000.0);
    settings.strategic_share_pct = Some(1.5);
    settings.strategic_growth_pct = Some(20.0);
    let (check, years) = strategic_check(&orders, "s", as_of, &settings).expect("thresholds set");
    assert_eq!(years, [100.0, 125.0, 160.0, 200.0]);
    // Mean of 125, 160, 200 = 161.67 = 1.62% of 10 000; growth 25%, 28%, 25%.
    assert!(check.candidate);
    let lines = describe_strategic(&check, years, &settings, as_of, Lang::En);
    assert_eq!(lines[0], "Strategic candidate 战略级大客户候选: yes");
    assert_eq!(
        lines[1],
        "✓ Average yearly purchases 161.67 = 1.62% of our revenue 10000: above 1.5%"
    );
    assert_eq!(
        lines[2],
        "✓ Growth, year on year: 25% · 28% · 25%: each above 20%"
    );
    assert_eq!(
        lines[3],
        "Purchases in the four years of 12 months up to 2026-11-22: 100 → 125 → 160 → 200"
    );

    settings.strategic_growth_pct = Some(25.0); // 25% is not above 25%
    let (check, years) = strategic_check(&orders, "s", as_of, &settings).expect("thresholds set");
    assert!(!check.candidate);
    let zh = describe_strategic(&check, years, &settings, as_of, Lang::Zh);
    assert_eq!(zh[0], "不是战略级大客户候选");
    assert_eq!(zh[2], "✗ 逐年增长率：25% · 28% · 25%：并非每年均高于 25%");
}

#[test]
fn recency_weighted_value_sums_one_accounts_signed_contracts() {
    let as_of = d(2025, 1, 1);
    let orders = [
        Order {
            account: "a".into(),
            date: as_of,
            amount: 100.0,
        },
        Order {
            account: "a".into(),
            date: d(2022, 1, 1),
            amount: 1_000_000.0,
        },
        Order {
            account: "a".into(),
            date: d(2025, 6, 1),
            amount: 5.0,
        }, // not signed yet
        Order {
            account: "b".into(),
            date: as_of,
            amount: 7.0,
        },
    ];
    let value = recency_weighted_value(&orders, "a", as_of, 3.0);
    assert_eq!(value.contracts, 2);
    assert_eq!(value.nominal, 1_000_100.0);
    assert!(
        (value.weighted - 500_020.93).abs() < 0.01,
        "{}",
        value.weighted
    );
    assert_eq!(
        describe_recency_weighted(&value, 3.0, Lang::En),
        "500020.93 of 1000100 signed (2 contracts; each contract's weight halves every 3 years of age)"
    );
}

fn person(point: &str, power: &str, stance: &str) -> Stakeholder {
    let mut p = Stakeholder {
        account: "a".into(),
        journey_point: point.into(),
        name: format!("{point}-{power}"),
        ..Stakeholder::default()
    };
    p.inputs
        .insert("power_role".into(), Input::Text(power.into()));
    p.inputs
        .insert("relationship_role".into(), Input::Text(stance.into()));
    p
}

#[test]
fn relationship_plan_and_journey_coverage() {
    let e = Engine::presets();
    let people = vec![
        person("销售", "最终决策者", "教练"),
        person("销售", "influencer", "neutral"),
        person("FAT", "决策者", "反对者"),
        person("FAT", "executor", "supporter"),
    ];
    let scores = e.score(&e.index(&[Account::new("a", "A")], &people));
    let map = stakeholder_map(
        &e,
        &scores,
        &people,
        "a",
        &["销售".into(), "FAT".into(), "SAT".into()],
    )
    .expect("the presets have a stakeholder framework");
    let steps: Vec<(usize, Step)> = map.plan.iter().map(|p| (p.row, p.step)).collect();
    assert_eq!(
        steps,
        [
            (0, Step::Maintain),
            (2, Step::Befriend),
            (1, Step::MakeSupporter),
            (3, Step::MakeCoach)
        ],
        "every person's next step, the most powerful first"
    );
    let cov = &map.journey_points;
    assert_eq!(cov[0].gaps, []);
    assert_eq!(
        cov[1].gaps,
        [
            Gap::NoKeyDecisionMaker,
            Gap::NoCoach,
            Gap::OpponentDecisionMaker(2)
        ]
    );
    assert_eq!(cov[2].people, Vec::<usize>::new());
    assert_eq!(cov[2].gaps, [Gap::Nobody]);
}
