//! Scores 100k generated accounts (and 300k stakeholders) against every preset plus ABC.
//!
//! `rescore_after_weight_change` is what the framework editor costs per edit (only the edited
//! framework is scored again); `score` is every framework on an indexed portfolio;
//! `index_and_score` is what a data change costs. Run:
//! `cargo bench --no-default-features --bench scoring -- --warm-up-time 1 --measurement-time 3`.

use criterion::{criterion_group, criterion_main, Criterion};
use kam_radar::chart::profiles::{framework_radar, Compared};
use kam_radar::chart::{radar_svg, ChartStyle, RadarLayout, RadarSpec};
use kam_radar::framework::{presets, Rule};
use kam_radar::i18n::Lang;
use kam_radar::model::{keys, Account, Input, Settings, Stakeholder, Workspace};
use kam_radar::portfolio::html::{self, Labels};
use kam_radar::portfolio::{select, Columns, Filter};
use kam_radar::sample::Seeded;
use kam_radar::scoring::segmentation::{abc, Cuts};
use kam_radar::scoring::Engine;
use std::hint::black_box;

const ACCOUNTS: usize = 100_000;

fn generate() -> (Vec<Account>, Vec<Stakeholder>) {
    let mut r = Seeded::new(42);
    let mut accounts = Vec::with_capacity(ACCOUNTS);
    let mut people = Vec::with_capacity(ACCOUNTS * 3);
    for i in 0..ACCOUNTS {
        let mut a = Account::new(format!("acc-{i}"), format!("Account {i}"));
        for k in keys::SCORECARD {
            a.inputs.insert(
                k.into(),
                Input::Text(r.pick(&["high", "mid", "low", "高", "中", "低"]).into()),
            );
        }
        a.inputs.insert(
            "deal_volume".into(),
            Input::Text(r.pick(&["high", "mid", "low"]).into()),
        );
        a.inputs
            .insert("contract_performance".into(), Input::Number(r.upto(50.0)));
        a.inputs.insert(
            "operating_risk".into(),
            Input::Text(r.pick(&["low risk", "中", "high risk"]).into()),
        );
        a.inputs
            .insert(keys::REVENUE_USD.into(), Input::Number(r.upto(4e9)));
        a.inputs.insert(
            keys::PRODUCT_PIPELINES.into(),
            Input::Number((r.next_u64() % 14) as f64),
        );
        a.inputs.insert(
            "quality_requirement".into(),
            Input::Text(r.pick(&["中", "高", "低", "medium"]).into()),
        );
        a.inputs.insert(
            "regulatory_requirement".into(),
            Input::Text(r.pick(&["high", "medium", "low"]).into()),
        );
        a.inputs.insert(
            "price_type".into(),
            Input::Text(r.pick(&["豪放型", "保守型", "敏感型"]).into()),
        );
        a.inputs.insert(
            "professional_level".into(),
            Input::Text(r.pick(&["专业型", "外行型", "中间型"]).into()),
        );
        a.inputs
            .insert(keys::ANNUAL_SALES.into(), Input::Number(r.upto(2e7)));
        a.inputs.insert(
            "profit_level".into(),
            Input::Text(r.pick(&["high", "medium", "low"]).into()),
        );
        a.inputs.insert(
            "relationship".into(),
            Input::Text(r.pick(&["good", "medium", "fair", "poor"]).into()),
        );
        a.inputs
            .insert(keys::CATEGORY_SPEND.into(), Input::Number(r.upto(4e7)));
        for point in ["销售", "FAT", "SAT"] {
            let mut p = Stakeholder {
                account: a.id.clone(),
                journey_point: point.into(),
                name: "P".into(),
                ..Stakeholder::default()
            };
            p.inputs.insert(
                "age".into(),
                Input::Number(25.0 + (r.next_u64() % 40) as f64),
            );
            p.inputs.insert(
                "education".into(),
                Input::Text(r.pick(&["博士", "硕士", "本科", "大专"]).into()),
            );
            p.inputs.insert(
                "org_role".into(),
                Input::Text(r.pick(&["总经理", "总监", "经理", "员工"]).into()),
            );
            p.inputs.insert(
                "power_role".into(),
                Input::Text(r.pick(&["最终决策者", "决策者", "影响者", "执行者"]).into()),
            );
            p.inputs.insert(
                "relationship_role".into(),
                Input::Text(r.pick(&["教练", "支持者", "中立者", "反对者"]).into()),
            );
            p.inputs.insert(
                "potential".into(),
                Input::Text(r.pick(&["蓝筹股", "潜力股", "红筹股"]).into()),
            );
            people.push(p);
        }
        accounts.push(a);
    }
    (accounts, people)
}

fn bench(c: &mut Criterion) {
    let (accounts, people) = generate();
    let engine = Engine::presets();
    let settings = Settings::default();
    let portfolio = engine.index(&accounts, &people);
    let mut g = c.benchmark_group("100k_accounts");
    g.sample_size(10);
    // The UI's rescoring after a framework edit: every preset plus ABC, into reused buffers.
    let mut scores = engine.score(&portfolio);
    g.bench_function("score_all_presets_and_abc", |b| {
        b.iter(|| {
            engine.score_into(black_box(&portfolio), &mut scores);
            let classes = abc(&portfolio.numbers(keys::ANNUAL_SALES), settings.abc_cutoffs);
            black_box(classes.len() + scores.framework(0).len())
        })
    });
    // Strategic fit weighs 40 instead of 30, its bands scaled alike, in an edited copy.
    let mut frameworks = presets::all();
    let scorecard = frameworks
        .iter_mut()
        .find(|f| f.id == presets::SCORECARD)
        .expect("the scorecard preset");
    let strategic_fit = &mut scorecard.dimensions[0];
    strategic_fit.max = 40.0;
    if let Rule::Levels { levels, .. } = &mut strategic_fit.rule {
        for l in levels {
            l.lo *= 4.0 / 3.0;
            l.hi *= 4.0 / 3.0;
        }
    }
    let edited = Engine::new(&frameworks).expect("an edited copy of the presets");
    let before = engine.score(&portfolio);
    g.bench_function("rescore_after_weight_change", |b| {
        b.iter(|| black_box(edited.rescore(black_box(&portfolio), (&engine, &before))))
    });
    g.bench_function("score_fresh_buffers", |b| {
        b.iter(|| black_box(engine.score(black_box(&portfolio))))
    });
    g.bench_function("cuts_from_account_maps", |b| {
        b.iter(|| black_box(Cuts::compute(black_box(&accounts), &[], &settings, None)))
    });
    // The portfolio table's first render, minus the DOM: its columns, the filter pass with the
    // counts, and the HTML of the rows in view.
    let mut workspace = Workspace {
        accounts: accounts.clone(),
        ..Workspace::default()
    };
    workspace.settings = settings.clone();
    let labels = Labels::new(&engine, Lang::En);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22);
    g.bench_function("table_columns", |b| {
        b.iter(|| {
            black_box(Columns::build(
                &engine, &portfolio, &before, &workspace, day,
            ))
        })
    });
    let columns = Columns::build(&engine, &portfolio, &before, &workspace, day);
    g.bench_function("table_columns_after_weight_change", |b| {
        b.iter(|| {
            let scores = edited.rescore(&portfolio, (&engine, &before));
            let scores = scores.expect("the same inputs");
            let rescored =
                Columns::rescored(&columns, &edited, &portfolio, &scores, &workspace, day);
            black_box(select(&rescored, &accounts, &Filter::default(), None))
        })
    });
    g.bench_function("table_select_and_rows", |b| {
        b.iter(|| {
            let selection = select(&columns, &accounts, &Filter::default(), None);
            black_box(html::rows(
                &columns,
                &accounts,
                &selection,
                0..32,
                0,
                &labels,
            ))
        })
    });
    g.bench_function("index_and_score", |b| {
        b.iter(|| {
            let p = engine.index(black_box(&accounts), black_box(&people));
            black_box(engine.score(&p))
        })
    });
    g.finish();
}

/// The 12 profile radars of the browser's `benchDrawRadars` (the demo's accounts against their
/// lines, external and internal in turn) at 420×357 CSS px and a device pixel ratio of 2: their
/// layout alone, and drawn onto SVG (layout plus the drawing calls, without a canvas).
fn radars(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let workspace = kam_radar::demo::workspace(today);
    let engine = Engine::new(&workspace.frameworks_in_force()).expect("the demo's frameworks");
    let scores = engine.score(&engine.index(&workspace.accounts, &workspace.stakeholders));
    let n = workspace.accounts.len();
    let specs: Vec<RadarSpec> = (0..12)
        .map(|row| {
            let id = if row % 2 == 0 {
                presets::EXTERNAL
            } else {
                presets::INTERNAL
            };
            let fi = engine.index_of(id).expect("a profile preset");
            framework_radar(
                &engine.frameworks()[fi],
                &[Compared {
                    name: &workspace.accounts[row % n].name,
                    dims: scores.framework(fi).dims(row % n),
                }],
                Some(0),
                Lang::En,
            )
        })
        .collect();
    let style = ChartStyle::with_scale(2.0);
    let mut g = c.benchmark_group("12_radars");
    g.bench_function("layout", |b| {
        b.iter(|| {
            for spec in &specs {
                black_box(RadarLayout::compute(spec, &style, 840, 714));
            }
        })
    });
    g.bench_function("layout_and_svg", |b| {
        b.iter(|| {
            for spec in &specs {
                black_box(radar_svg(spec, &style, 840, 714).expect("a valid radar"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench, radars);
criterion_main!(benches);
