//! The portfolio table's filters, counts and sorts: on five hand-scored accounts, and on the
//! demo workspace against a plain re-computation from the engine's own outcomes.

mod credit_support;

use chrono::NaiveDate;
use credit_support::red;
use kam_radar::demo;
use kam_radar::framework::presets;
use kam_radar::model::{AbcBasis, Account, AccountLevel, Input, Order, Workspace};
use kam_radar::portfolio::{select, Column, Columns, Filter, Selection, Sort, NONE};
use kam_radar::scoring::credit;
use kam_radar::scoring::segmentation::Cuts;
use kam_radar::scoring::Engine;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// An account with scorecard and credit numbers (`None`: the input is left out), and sales.
fn account(
    id: &str,
    name: &str,
    scorecard: [Option<f64>; 6],
    credit: Option<[f64; 3]>,
    sales: Option<f64>,
    (owner, region, level): (&str, &str, Option<AccountLevel>),
) -> Account {
    let mut a = Account::new(id, name);
    for (key, v) in kam_radar::model::keys::SCORECARD.into_iter().zip(scorecard) {
        if let Some(v) = v {
            a.inputs.insert(key.into(), Input::Number(v));
        }
    }
    if let Some(c) = credit {
        for (key, v) in ["deal_volume", "contract_performance", "operating_risk"]
            .into_iter()
            .zip(c)
        {
            a.inputs.insert(key.into(), Input::Number(v));
        }
    }
    if let Some(s) = sales {
        a.inputs.insert("annual_sales".into(), Input::Number(s));
    }
    a.owner = owner.into();
    a.region = region.into();
    a.level = level;
    a
}

/// Scorecard totals 90, 60, 45, incomplete, 80 (key, potential, none, —, key); credit 90 AAA,
/// 65 AA, −20 A, missing, 80 AAA; ABC on sales 600/250/100/50/— → A, B, B, C, —.
fn five() -> Workspace {
    let s = |v: [f64; 6]| v.map(Some);
    let accounts = vec![
        account(
            "a1",
            "Acme Corp",
            s([30.0, 20.0, 20.0, 10.0, 5.0, 5.0]),
            Some([50.0, 45.0, -5.0]),
            Some(600.0),
            ("王经理", "华东", Some(AccountLevel::Company)),
        ),
        account(
            "a2",
            "beta 公司",
            s([20.0, 15.0, 15.0, 5.0, 3.0, 2.0]),
            Some([40.0, 35.0, -10.0]),
            Some(250.0),
            ("李经理", "华南", Some(AccountLevel::Regional)),
        ),
        account(
            "a3",
            "Zeta",
            s([10.0, 10.0, 10.0, 5.0, 5.0, 5.0]),
            Some([10.0, 10.0, -40.0]),
            Some(100.0),
            ("王经理", "华东", None),
        ),
        account(
            "a4",
            "Delta",
            [
                None,
                Some(20.0),
                Some(20.0),
                Some(10.0),
                Some(10.0),
                Some(10.0),
            ],
            None,
            Some(50.0),
            ("", "华北", None),
        ),
        account(
            "a5",
            "acme east",
            s([30.0, 20.0, 15.0, 10.0, 5.0, 0.0]),
            Some([50.0, 30.0, 0.0]),
            None,
            ("李经理", "华东", Some(AccountLevel::Company)),
        ),
    ];
    let orders = vec![
        Order {
            account: "a1".into(),
            date: day(2026, 10, 1),
            amount: 500.0,
        },
        Order {
            account: "a1".into(),
            date: day(2026, 6, 1),
            amount: 100.0,
        },
        Order {
            account: "a2".into(),
            date: day(2025, 1, 1),
            amount: 80.0,
        },
        Order {
            account: "a3".into(),
            date: day(2026, 9, 1),
            amount: 20.0,
        },
    ];
    Workspace {
        accounts,
        orders,
        ..Workspace::default()
    }
}

/// The engine, columns and cuts of a workspace (RFM as of 2026-11-22).
fn prepare(ws: &Workspace) -> (Engine, Columns, Cuts) {
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets are valid");
    let portfolio = engine.index(&ws.accounts, &ws.stakeholders);
    let scores = engine.score(&portfolio);
    let as_of = Some(day(2026, 11, 22));
    let cuts = Cuts::compute(&ws.accounts, &ws.orders, &ws.settings, as_of);
    let columns = Columns::build(&engine, &portfolio, &scores, ws, as_of);
    (engine, columns, cuts)
}

fn rows(ws: &Workspace, columns: &Columns, filter: &Filter, sort: Option<Sort>) -> Vec<u32> {
    select(columns, &ws.accounts, filter, sort).rows
}

fn sorted(column: Column, descending: bool) -> Option<Sort> {
    Some(Sort { column, descending })
}

#[test]
fn columns_hold_each_frameworks_total_and_class_and_the_cuts() {
    let ws = five();
    let (engine, c, cuts) = prepare(&ws);
    assert_eq!(c.len(), 5);
    let totals: Vec<Option<f64>> = (0..5).map(|r| c.score(0, r)).collect();
    assert_eq!(
        totals,
        vec![Some(90.0), Some(60.0), Some(45.0), None, Some(80.0)]
    );
    let fi = engine.index_of(presets::SCORECARD).expect("scorecard");
    let classes = engine.frameworks()[fi].classes();
    let ids: Vec<&str> = (0..5)
        .map(|r| {
            c.class(0, r)
                .map_or("—", |k| classes[usize::from(k)].id.as_str())
        })
        .collect();
    assert_eq!(ids, ["key", "potential", "none", "—", "key"]);
    // Its three classes, then "key-account status lost" (no account here has lost it).
    assert_eq!(c.classes(0), 4);
    assert_eq!(c.lost_class(), Some((0, 3)));
    assert!((0..5).all(|r| c.lost_on(r).is_none()));
    assert_eq!(
        c.score(1, 2),
        Some(-20.0),
        "a negative credit total is kept"
    );
    let abc: Vec<Option<u8>> = (0..5).map(|r| c.abc(r)).collect();
    assert_eq!(abc, vec![Some(0), Some(1), Some(1), Some(2), None]);
    let from_inputs: Vec<Option<u8>> = cuts.abc.iter().map(|a| a.map(|a| a as u8)).collect();
    assert_eq!(
        abc, from_inputs,
        "the indexed sales give the classes the inputs give"
    );
    for row in 0..5 {
        let expected =
            cuts.rfm[row].map(|r| u16::from(r.r) * 100 + u16::from(r.f) * 10 + u16::from(r.m));
        assert_eq!(c.rfm(row), expected);
    }
    assert!(c.rfm(0).is_some() && c.rfm(3).is_none());
    assert_eq!(c.owners(), ["李经理", "王经理"]);
    assert_eq!(c.regions(), ["华东", "华北", "华南"]);
    assert_eq!(
        (0..5).map(|r| c.level(r)).collect::<Vec<_>>(),
        vec![Some(0), Some(1), None, None, Some(0)]
    );
}

#[test]
fn abc_on_contract_value_reads_the_inputs_no_framework_indexes() {
    let mut ws = five();
    ws.settings.abc_basis = AbcBasis::ContractValue;
    for (a, v) in ws.accounts.iter_mut().zip([10.0, 70.0, 0.0, 20.0, 0.0]) {
        a.inputs.insert("contract_value".into(), Input::Number(v));
    }
    let (_, c, cuts) = prepare(&ws);
    let abc: Vec<Option<u8>> = (0..5).map(|r| c.abc(r)).collect();
    // 70 → 70 %: A; 20 → 90 %: B; 10 → 100 %: C; the zeros add nothing: C.
    assert_eq!(abc, vec![Some(2), Some(0), Some(2), Some(1), Some(2)]);
    let from_inputs: Vec<Option<u8>> = cuts.abc.iter().map(|a| a.map(|a| a as u8)).collect();
    assert_eq!(abc, from_inputs);
}

#[test]
fn the_key_account_list_shows_only_key_accounts_and_counts_say_what_each_choice_shows() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let mut filter = Filter::default();
    filter.class[0] = Some(0);
    let s: Selection = select(&c, &ws.accounts, &filter, None);
    assert_eq!(s.rows, vec![0, 4]);
    // The scorecard's own counts ignore its own filter: key 2, potential 1, none 1, status
    // lost 0, unclassified 1 — each is what clicking that class would show.
    assert_eq!(s.class_counts[0], vec![2, 1, 1, 0, 1]);
    assert_eq!(s.class_counts[0][0] as usize, s.rows.len());
    // Every other count is among the two key accounts: both AAA, ABC A and none.
    assert_eq!(s.class_counts[1], vec![2, 0, 0, 0]);
    assert_eq!(s.abc_counts, [1, 0, 0, 1]);
    // Nothing has external inputs, so both are unclassified there.
    assert_eq!(s.class_counts[2].last(), Some(&2));
    assert_eq!(s.class_counts[2].iter().sum::<u32>(), 2);

    filter.class[0] = Some(NONE);
    assert_eq!(rows(&ws, &c, &filter, None), vec![3], "the unclassified");
}

#[test]
fn counts_follow_the_other_filters() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let filter = Filter {
        owner: Some("王经理".into()),
        ..Filter::default()
    };
    let s = select(&c, &ws.accounts, &filter, None);
    assert_eq!(s.rows, vec![0, 2]);
    assert_eq!(s.class_counts[0], vec![1, 0, 1, 0, 0]);
    assert_eq!(s.class_counts[1], vec![1, 0, 1, 0], "AAA and A");
    // Green list (AAA) and red list (A) filters on top of the owner.
    let mut green = filter.clone();
    green.class[1] = Some(0);
    assert_eq!(rows(&ws, &c, &green, None), vec![0]);
    let mut red = filter;
    red.class[1] = Some(2);
    assert_eq!(rows(&ws, &c, &red, None), vec![2]);
    // Two facet filters that no account meets together: no row, and each facet counts what
    // dropping the other would show.
    let mut none = Filter::default();
    none.class[0] = Some(1);
    none.class[1] = Some(0);
    let s = select(&c, &ws.accounts, &none, None);
    assert!(s.rows.is_empty());
    assert_eq!(
        s.class_counts[0][0], 2,
        "AAA accounts that are key accounts"
    );
    assert_eq!(s.class_counts[1][1], 1, "potential accounts that are AA");
}

#[test]
fn level_region_abc_and_unknown_owner_filters() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let with = |f: Filter| rows(&ws, &c, &f, None);
    assert_eq!(
        with(Filter {
            level: Some(0),
            ..Filter::default()
        }),
        vec![0, 4]
    );
    assert_eq!(
        with(Filter {
            level: Some(NONE),
            ..Filter::default()
        }),
        vec![2, 3]
    );
    assert_eq!(
        with(Filter {
            region: Some("华东".into()),
            ..Filter::default()
        }),
        vec![0, 2, 4]
    );
    assert_eq!(
        with(Filter {
            abc: Some(1),
            ..Filter::default()
        }),
        vec![1, 2]
    );
    let nobody = select(
        &c,
        &ws.accounts,
        &Filter {
            owner: Some("nobody".into()),
            ..Filter::default()
        },
        None,
    );
    assert!(nobody.rows.is_empty());
    assert!(nobody.class_counts.iter().flatten().all(|n| *n == 0));
}

#[test]
fn free_text_search_ignores_case_and_finds_chinese_ids_and_regions() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let find = |text: &str| {
        rows(
            &ws,
            &c,
            &Filter {
                text: text.into(),
                ..Filter::default()
            },
            None,
        )
    };
    assert_eq!(find("ACME"), vec![0, 4]);
    assert_eq!(
        find(" acme  "),
        vec![0, 4],
        "surrounding spaces are ignored"
    );
    assert_eq!(find("公司"), vec![1]);
    assert_eq!(find("华南"), vec![1]);
    assert_eq!(find("a3"), vec![2]);
    assert_eq!(find("李经理"), vec![1, 4]);
    assert_eq!(
        find("corpa1"),
        Vec::<u32>::new(),
        "no match across two fields"
    );
    assert_eq!(find("   "), vec![0, 1, 2, 3, 4]);
}

#[test]
fn scores_sort_either_way_with_missing_totals_last() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let all = Filter::default();
    assert_eq!(rows(&ws, &c, &all, None), vec![0, 1, 2, 3, 4]);
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Score(0), true)),
        vec![0, 4, 1, 2, 3]
    );
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Score(0), false)),
        vec![2, 1, 4, 0, 3]
    );
    // Credit totals cross zero: −20 sorts below 65.
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Score(1), false)),
        vec![2, 1, 4, 0, 3]
    );
    // The sort applies to the filtered rows only.
    let mut key = Filter::default();
    key.class[0] = Some(0);
    assert_eq!(
        rows(&ws, &c, &key, sorted(Column::Score(0), false)),
        vec![4, 0]
    );
}

#[test]
fn classes_owners_and_levels_sort_best_first_and_ties_keep_the_workspace_order() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let all = Filter::default();
    // Credit grade: AAA (rows 0, 4), AA (1), A (2), missing (3).
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Class(1), false)),
        vec![0, 4, 1, 2, 3]
    );
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Class(1), true)),
        vec![2, 1, 0, 4, 3]
    );
    // Owners in byte order (李 before 王), the account without one last.
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Owner, false)),
        vec![1, 4, 0, 2, 3]
    );
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Level, false)),
        vec![0, 4, 1, 2, 3]
    );
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Abc, true)),
        vec![3, 1, 2, 0, 4]
    );
}

#[test]
fn names_sort_by_character_code() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let all = Filter::default();
    // "Acme Corp", "Delta", "Zeta", "acme east", "beta 公司": capitals first.
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Name, false)),
        vec![0, 3, 2, 4, 1]
    );
    assert_eq!(
        rows(&ws, &c, &all, sorted(Column::Name, true)),
        vec![1, 4, 2, 3, 0]
    );
}

#[test]
fn rfm_sorts_by_its_cell_with_accounts_without_orders_last() {
    let ws = five();
    let (_, c, _) = prepare(&ws);
    let got = rows(&ws, &c, &Filter::default(), sorted(Column::Rfm, true));
    let cells: Vec<Option<u16>> = got.iter().map(|&r| c.rfm(r as usize)).collect();
    assert_eq!(cells.iter().filter(|v| v.is_some()).count(), 3);
    assert!(cells.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => a >= b,
        (None, Some(_)) => false,
        _ => true,
    }));
}

#[test]
fn an_empty_workspace_gives_an_empty_table() {
    let ws = Workspace::default();
    let (_, c, _) = prepare(&ws);
    assert!(c.is_empty());
    let s = select(
        &c,
        &ws.accounts,
        &Filter {
            text: "x".into(),
            ..Filter::default()
        },
        sorted(Column::Name, false),
    );
    assert!(s.rows.is_empty());
    assert_eq!(s.class_counts[0], vec![0, 0, 0, 0, 0]);
}

/// The demo workspace against a plain re-computation from the engine's outcomes: every list
/// filter shows exactly its accounts, counts add up, and every sort orders by its column.
#[test]
fn the_demo_agrees_with_the_engine_for_every_list_and_every_sort() {
    let ws = demo::workspace(day(2026, 11, 22));
    let (engine, c, _) = prepare(&ws);
    let n = ws.accounts.len();
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    // The red-list clock of every account with assessments, read on its own.
    let clocks = credit::red_list(
        &engine,
        &ws.credit_assessments,
        day(2026, 11, 22),
        ws.settings.red_list_months,
    )
    .expect("the credit preset is in force");
    let revoked = |r: usize| clocks.get(&ws.accounts[r].id).is_some_and(|s| s.revoked);
    for (slot, id) in presets::ACCOUNT_PRESETS.into_iter().enumerate() {
        let fi = engine.index_of(id).expect("preset");
        let classes = engine.frameworks()[fi].classes().len();
        let all = select(&c, &ws.accounts, &Filter::default(), None);
        assert_eq!(all.class_counts[slot].iter().sum::<u32>() as usize, n);
        // The scorecard has one class more: key accounts that lost their status.
        let shown = if id == presets::SCORECARD {
            classes + 1
        } else {
            classes
        };
        assert_eq!(c.classes(slot), shown);
        for class in 0..shown as u8 {
            let mut filter = Filter::default();
            filter.class[slot] = Some(class);
            let got = rows(&ws, &c, &filter, None);
            let outcome = |r: usize| scores.framework(fi).outcome(r).class;
            let expected: Vec<u32> = (0..n)
                .filter(|&r| match (id == presets::SCORECARD, class) {
                    (true, 0) => outcome(r) == Some(0) && !revoked(r),
                    (true, k) if usize::from(k) == classes => outcome(r) == Some(0) && revoked(r),
                    _ => outcome(r) == Some(class),
                })
                .map(|r| r as u32)
                .collect();
            assert!(
                !expected.is_empty(),
                "{id} class {class} is reached by the demo"
            );
            assert_eq!(got, expected, "{id} class {class}");
            assert_eq!(
                all.class_counts[slot][usize::from(class)] as usize,
                got.len()
            );
        }
    }
    for column in Column::ALL {
        for descending in [false, true] {
            let got = rows(&ws, &c, &Filter::default(), sorted(column, descending));
            let mut seen = got.clone();
            seen.sort_unstable();
            assert_eq!(
                seen,
                (0..n as u32).collect::<Vec<_>>(),
                "{column:?}: a permutation"
            );
            if let Column::Score(f) = column {
                let values: Vec<Option<f64>> =
                    got.iter().map(|&r| c.score(f, r as usize)).collect();
                let present = values.iter().take_while(|v| v.is_some()).count();
                assert!(
                    values[present..].iter().all(Option::is_none),
                    "missing last"
                );
                assert!(values[..present].windows(2).all(|w| if descending {
                    w[0] >= w[1]
                } else {
                    w[0] <= w[1]
                }));
            }
            if column == Column::Name {
                let names: Vec<&str> = got
                    .iter()
                    .map(|&r| ws.accounts[r as usize].name.as_str())
                    .collect();
                assert!(names
                    .windows(2)
                    .all(|w| (w[0] <= w[1]) != descending || w[0] == w[1]));
            }
        }
    }
}

/// What a user sees of every row: each framework's score and class, ABC, RFM, level.
fn row_values(columns: &Columns) -> Vec<String> {
    (0..columns.len())
        .map(|row| {
            let frameworks: Vec<String> = (0..kam_radar::portfolio::FRAMEWORKS)
                .map(|f| format!("{:?}/{:?}", columns.score(f, row), columns.class(f, row)))
                .collect();
            format!(
                "{} {:?} {:?} {:?}",
                frameworks.join(" "),
                columns.abc(row),
                columns.rfm(row),
                columns.level(row)
            )
        })
        .collect()
}

#[test]
fn columns_after_a_framework_edit_equal_columns_built_afresh() {
    let mut ws = five();
    let (engine, before, _) = prepare(&ws);
    // The key-account threshold lowered to 40 in an edited copy of the scorecard.
    let mut scorecard = engine.frameworks()[0].clone();
    assert_eq!(scorecard.id, "scorecard");
    if let kam_radar::framework::Classification::Total { bands, .. } = &mut scorecard.classification
    {
        bands[0].min = 40.0;
    }
    ws.frameworks.push(scorecard);
    let edited = Engine::new(&ws.frameworks_in_force()).expect("an edited copy is valid");
    let portfolio = edited.index(&ws.accounts, &ws.stakeholders);
    let scores = edited.score(&portfolio);
    let as_of = Some(day(2026, 11, 22));
    let rescored = Columns::rescored(&before, &edited, &portfolio, &scores, &ws, as_of);
    let fresh = Columns::build(&edited, &portfolio, &scores, &ws, as_of);
    assert_eq!(row_values(&rescored), row_values(&fresh));
    assert_ne!(row_values(&rescored), row_values(&before), "the edit shows");
    // A settings change (ABC cut-offs) is not kept from before.
    ws.settings.abc_cutoffs = [20.0, 50.0];
    let recut = Columns::rescored(&rescored, &edited, &portfolio, &scores, &ws, as_of);
    let fresh = Columns::build(&edited, &portfolio, &scores, &ws, as_of);
    assert_eq!(row_values(&recut), row_values(&fresh));
    assert_ne!(
        row_values(&recut),
        row_values(&rescored),
        "the new cut-offs show"
    );
}

#[test]
fn a_key_account_red_for_a_year_is_shown_as_having_lost_its_status() {
    let mut ws = five();
    // Acme Corp (row 0, key account) red since 2025-10-01, still red in 2026; Zeta (row 2, not
    // a key account) red as long; Acme East (row 4, key) red only since 2026-06-01.
    ws.credit_assessments = vec![
        red("a1", day(2025, 10, 1)),
        red("a1", day(2026, 4, 1)),
        red("a3", day(2025, 10, 1)),
        red("a5", day(2026, 6, 1)),
    ];
    let (_, c, _) = prepare(&ws);
    assert_eq!(c.class(0, 0), Some(3), "Acme Corp lost its status");
    assert_eq!(c.lost_on(0), Some(day(2026, 10, 1)));
    assert_eq!(c.class(0, 2), Some(2), "Zeta had no status to lose");
    assert_eq!(c.class(0, 4), Some(0), "Acme East's clock has not run out");
    // The key account list is now Acme East alone; the lost status is a choice of its own.
    let mut filter = Filter::default();
    filter.class[0] = Some(0);
    let s = select(&c, &ws.accounts, &filter, None);
    assert_eq!(s.rows, vec![4]);
    assert_eq!(s.class_counts[0], vec![1, 1, 1, 1, 1]);
    filter.class[0] = Some(3);
    assert_eq!(rows(&ws, &c, &filter, None), vec![0]);
    // Sorted by the scorecard's class, a lost status comes after the scorecard's own classes.
    let by_class = rows(&ws, &c, &Filter::default(), sorted(Column::Class(0), false));
    assert_eq!(by_class, vec![4, 1, 2, 0, 3]);

    // The Portfolio view's accounts-per-class chart counts it apart, too.
    let engine = Engine::new(&ws.frameworks_in_force()).expect("presets");
    let scores = engine.score(&engine.index(&ws.accounts, &ws.stakeholders));
    let lost = credit::LostStatus::compute(&engine, &scores, &ws, day(2026, 11, 22));
    let bars = |framework: &str, lang| {
        kam_radar::portfolio::class_bars(&engine, &scores, framework, &lost, lang)
            .expect("in force")
    };
    let scorecard = bars(presets::SCORECARD, kam_radar::i18n::Lang::En);
    let expected = [
        ("key account list", 1),
        ("potential key account list", 1),
        ("not listed", 1),
        ("key-account status lost · red list", 1),
        ("not classified (inputs missing or not valid)", 1),
    ];
    assert_eq!(
        scorecard,
        expected.map(|(l, n)| (l.to_string(), n)).to_vec()
    );
    let zh = bars(presets::SCORECARD, kam_radar::i18n::Lang::Zh);
    assert_eq!(zh[3], ("已取消大客户资格 · 红名单".to_string(), 1));
    assert!(
        !bars(presets::CREDIT, kam_radar::i18n::Lang::En)
            .iter()
            .any(|(l, _)| l.contains("status lost")),
        "only the scorecard has the bar"
    );
    let none = credit::LostStatus::default();
    let kept = kam_radar::portfolio::class_bars(
        &engine,
        &scores,
        presets::SCORECARD,
        &none,
        kam_radar::i18n::Lang::En,
    )
    .expect("in force");
    assert_eq!(kept[0], ("key account list".to_string(), 2));
    assert_eq!(kept.len(), 4, "no bar for a status nobody lost");

    // With 14 months to serve, the status is not lost yet: the setting is the workspace's.
    ws.settings.red_list_months = 14;
    let (_, c, _) = prepare(&ws);
    assert_eq!((c.class(0, 0), c.lost_on(0)), (Some(0), None));
}
