//! Properties: piecewise scores are monotone and bounded, classifications survive a serde round
//! trip, and an edited threshold moves exactly the accounts it should.

use kam_radar::framework::{presets, Classification, Framework};
use kam_radar::model::{Account, Input};
use kam_radar::scoring::Engine;
use proptest::prelude::*;

fn piecewise_framework(bps: Vec<[f64; 2]>, max: f64) -> Framework {
    let mut f = presets::external();
    f.id = "pw".into();
    f.dimensions.truncate(1);
    f.lines.clear();
    f.classification = Classification::None;
    f.dimensions[0].max = max;
    f.dimensions[0].rule = kam_radar::framework::Rule::Piecewise {
        breakpoints: bps,
        unit: Default::default(),
        score_input: None,
    };
    f
}

prop_compose! {
    fn breakpoints()(steps in prop::collection::vec((0.1f64..1e6, 0.0f64..30.0), 1..6), y0 in 0.0f64..50.0) -> Vec<[f64; 2]> {
        let (mut x, mut y) = (0.0, y0);
        let mut out = vec![[x, y]];
        for (dx, dy) in steps { x += dx; y += dy; out.push([x, y]); }
        out
    }
}

proptest! {
    #[test]
    fn piecewise_scores_are_monotone_and_bounded(bps in breakpoints(), a in 0.0f64..5e6, b in 0.0f64..5e6, max in 10.0f64..150.0) {
        let e = Engine::new(&[piecewise_framework(bps.clone(), max)]).unwrap();
        let score = |m: f64| {
            let s = e.score_account(&Account::new("x", "x").with("revenue_usd", Input::Number(m)), &[]);
            s.framework(0).dims(0)[0].value().unwrap()
        };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(score(lo) <= score(hi) + 1e-9);
        prop_assert!(score(hi) <= max);
        prop_assert!(score(lo) >= bps[0][1].min(max) - 1e-9);
    }

    #[test]
    fn classifications_survive_a_serde_round_trip(
        parts in prop::array::uniform6(0u8..4),
        ext in prop::array::uniform6(50.0f64..100.0),
    ) {
        let labels = ["high", "mid", "low", "高"];
        let keys = kam_radar::model::keys::SCORECARD;
        let ext_keys = ["market_size", "rd_capability", "quality_requirement", "regulatory_requirement", "price_type", "professional_level"];
        let mut a = Account::new("p", "P");
        for (k, p) in keys.iter().zip(parts) { a.inputs.insert((*k).into(), Input::Text(labels[usize::from(p)].into())); }
        for (k, v) in ext_keys.iter().zip(ext) { a.inputs.insert((*k).into(), Input::Number(v.max(60.0))); }
        let fws = presets::all();
        let json = serde_json::to_string(&fws).unwrap();
        let back: Vec<Framework> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &fws);
        let acc_back: Account = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        // serde_json without `float_roundtrip` may move a float by one ulp, so the account is
        // compared by what it scores to, which is the property that matters to a user.
        prop_assert_eq!(acc_back.inputs.len(), a.inputs.len());
        let (e1, e2) = (Engine::new(&fws).unwrap(), Engine::new(&back).unwrap());
        let (s1, s2) = (e1.score_account(&a, &[]), e2.score_account(&acc_back, &[]));
        // The stakeholder framework has no rows here: it scores people, not accounts.
        for i in (0..fws.len()).filter(|&i| !s1.framework(i).is_empty()) {
            let (o1, o2) = (s1.framework(i).outcome(0), s2.framework(i).outcome(0));
            prop_assert_eq!(o1.class, o2.class);
            prop_assert_eq!(o1.short, o2.short);
            prop_assert!((o1.total - o2.total).abs() < 1e-9);
        }
    }

    #[test]
    fn raising_the_key_threshold_moves_exactly_the_accounts_between_80_and_85(
        totals in prop::collection::vec((0.0f64..30.0, 0.0f64..20.0, 0.0f64..20.0, 0.0f64..10.0, 0.0f64..10.0, 0.0f64..10.0), 1..40)
    ) {
        let keys = kam_radar::model::keys::SCORECARD;
        let accounts: Vec<Account> = totals.iter().enumerate().map(|(i, t)| {
            let v = [t.0, t.1, t.2, t.3, t.4, t.5];
            keys.iter().zip(v).fold(Account::new(i.to_string(), "x"), |a, (k, x)| a.with(k, Input::Number(x)))
        }).collect();
        let base = presets::all();
        let mut edited = base.clone();
        if let Classification::Total { bands, .. } = &mut edited[0].classification { bands[0].min = 85.0; }
        let (e1, e2) = (Engine::new(&base).unwrap(), Engine::new(&edited).unwrap());
        let (s1, s2) = (e1.score(&e1.index(&accounts, &[])), e2.score(&e2.index(&accounts, &[])));
        for (i, t) in totals.iter().enumerate() {
            let total = t.0 + t.1 + t.2 + t.3 + t.4 + t.5;
            let (c1, c2) = (s1.framework(0).outcome(i).class, s2.framework(0).outcome(i).class);
            let moved = c1 != c2;
            let expected = (80.0..85.0).contains(&s1.framework(0).outcome(i).total);
            prop_assert_eq!(moved, expected, "total {}", total);
            if moved { prop_assert_eq!((c1, c2), (Some(0), Some(1))); }
        }
    }
}
