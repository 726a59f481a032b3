//! The stored workspace codec at 100k accounts (≈20 inputs each, attributes, 3 stakeholders,
//! 2 orders, some credit assessments): the whole workspace encoded and decoded, the import
//! worker's path (records encoded in parts, the page decoding them), and the save protocol
//! over a store in memory (a new workspace, a save after editing one account, a load).
//!
//! Run: `cargo bench --no-default-features --bench persist -- --warm-up-time 1 --measurement-time 5`.

use std::hint::black_box;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kam_radar::import::worker::{decode_records, RECORDS_PER_PART};
use kam_radar::import::Imported;
use kam_radar::model::{
    Account, AccountLevel, CreditAssessment, Input, Order, PersonalDetails, Stakeholder, Workspace,
};
use kam_radar::persist::codec::encode;
use kam_radar::persist::format::{decode_document, encode_document};
use kam_radar::persist::{load, save, MemoryStore, SaveContext};
use kam_radar::sample::Seeded;

const ACCOUNTS: usize = 100_000;

const HML: &[&str] = &["高", "中", "低", "high", "mid", "low"];

/// A CRM import's worth of accounts: Chinese names, 21 inputs (6 numbers, some fractional,
/// 15 labels), two extra imported columns on one account in three, a note on one in ten.
fn generate() -> Workspace {
    let mut r = Seeded::new(11);
    let mut ws = Workspace {
        name: "华东大客户 2025".into(),
        ..Workspace::default()
    };
    let places = [
        "江苏", "浙江", "上海", "深圳", "北京", "山东", "湖北", "四川",
    ];
    let cores = [
        "恒瑞", "精工", "华诚", "远景", "新元", "博达", "中科", "海纳",
    ];
    let kinds = [
        "生物科技股份有限公司",
        "精密制造有限公司",
        "电子科技有限公司",
    ];
    let industries = [
        "医药",
        "化工",
        "电子",
        "汽车零部件",
        "食品",
        "机械",
        "新能源",
    ];
    let regions = ["华东", "华南", "华北", "华中", "西南", "西北", "东北"];
    let owners: Vec<String> = (0..30).map(|i| format!("销售{i:02}")).collect();
    let owners: Vec<&str> = owners.iter().map(String::as_str).collect();
    let day0 = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    for i in 0..ACCOUNTS {
        let id = format!("KA{i:06}");
        let mut a = Account::new(
            id.clone(),
            format!("{}{}{}", r.pick(&places), r.pick(&cores), r.pick(&kinds)),
        );
        a.industry = r.pick(&industries).into();
        a.region = r.pick(&regions).into();
        a.owner = r.pick(&owners).into();
        a.level = match r.next_u64() % 3 {
            0 => Some(AccountLevel::Company),
            1 => Some(AccountLevel::Regional),
            _ => None,
        };
        for (k, v) in [
            ("revenue_usd", (r.range(10_000, 5_000_000) * 1000) as f64),
            ("annual_sales", r.upto(2e7)),
            ("category_spend", r.range(100_000, 50_000_000) as f64),
            ("contract_value", r.upto(9e6)),
            ("product_pipelines", r.range(0, 25) as f64),
            ("market_size", (r.range(0, 1000) as f64) / 10.0),
        ] {
            a.inputs.insert(k.into(), Input::Number(v));
        }
        for k in [
            "strategic_fit",
            "profit_contribution",
            "business_scale",
            "industry_influence",
            "brand_effect",
            "development_potential",
            "deal_volume",
            "quality_requirement",
            "regulatory_requirement",
            "profit_level",
        ] {
            a.inputs.insert(k.into(), Input::Text(r.pick(HML).into()));
        }
        for (k, options) in [
            ("contract_performance", &["好", "中", "差"][..]),
            ("operating_risk", &["低", "中", "高"][..]),
            ("price_type", &["豪放型", "保守型", "敏感型"][..]),
            ("professional_level", &["专业型", "外行型", "中间型"][..]),
            ("relationship", &["好", "中", "一般", "差"][..]),
        ] {
            a.inputs
                .insert(k.into(), Input::Text(r.pick(options).into()));
        }
        if i % 3 == 0 {
            a.attributes
                .insert("Rating".into(), r.pick(&["Hot", "Warm", "Cold"]).into());
            a.attributes
                .insert("BillingCity".into(), r.pick(&places).to_string());
        }
        if i % 10 == 0 {
            a.notes = format!("年度复盘：\"重点\" 跟进 {i}\n第二行");
        }
        for (j, point) in ["销售", "合同签订", "FAT"].into_iter().enumerate() {
            let mut s = Stakeholder {
                account: id.clone(),
                journey_point: point.into(),
                name: format!("{}{}", r.pick(&["张", "王", "李", "赵"]), j),
                ..Stakeholder::default()
            };
            s.inputs
                .insert("age".into(), Input::Number(r.range(28, 60) as f64));
            for (k, options) in [
                ("education", &["本科", "硕士", "博士", "大专"][..]),
                ("power_role", &["决策者", "影响者", "使用者", "批准者"][..]),
                ("relationship_role", &["支持者", "中立者", "反对者"][..]),
            ] {
                s.inputs
                    .insert(k.into(), Input::Text(r.pick(options).into()));
            }
            s.personal = PersonalDetails {
                gender: r.pick(&["男", "女"]).into(),
                phone: format!("1{}", r.range(3_000_000_000, 9_999_999_999)),
                ..PersonalDetails::default()
            };
            ws.stakeholders.push(s);
        }
        for _ in 0..2 {
            ws.orders.push(Order {
                account: id.clone(),
                date: day0 + TimeDelta::days(r.range(0, 700) as i64),
                amount: r.range(1_000, 2_000_000) as f64,
            });
        }
        if i % 4 == 0 {
            let mut c = CreditAssessment {
                account: id.clone(),
                date: day0 + TimeDelta::days(r.range(0, 700) as i64),
                inputs: Default::default(),
            };
            c.inputs
                .insert("deal_volume".into(), Input::Text(r.pick(HML).into()));
            c.inputs
                .insert("contract_performance".into(), Input::Number(r.upto(50.0)));
            ws.credit_assessments.push(c);
        }
        ws.accounts.push(a);
    }
    ws
}

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default()
}

/// The records the import worker sends, in parts of [`RECORDS_PER_PART`] rows per table.
fn parts(ws: &Workspace) -> Vec<Workspace> {
    let n = RECORDS_PER_PART;
    let count = ws.accounts.len().div_ceil(n);
    let slice = |part: usize, accounts: &[String]| Workspace {
        accounts: ws.accounts[part * n..((part + 1) * n).min(ws.accounts.len())].to_vec(),
        stakeholders: ws
            .stakeholders
            .iter()
            .filter(|s| accounts.binary_search(&s.account).is_ok())
            .cloned()
            .collect(),
        orders: ws
            .orders
            .iter()
            .filter(|o| accounts.binary_search(&o.account).is_ok())
            .cloned()
            .collect(),
        credit_assessments: ws
            .credit_assessments
            .iter()
            .filter(|c| accounts.binary_search(&c.account).is_ok())
            .cloned()
            .collect(),
        ..Workspace::default()
    };
    (0..count)
        .map(|part| {
            let ids: Vec<String> = ws.accounts[part * n..((part + 1) * n).min(ws.accounts.len())]
                .iter()
                .map(|a| a.id.clone())
                .collect();
            slice(part, &ids)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let ws = generate();
    let document = encode_document(&ws, "2025-06-15T00:00:00.000Z", 1, "bench").unwrap();
    assert_eq!(decode_document(&document).unwrap(), ws);
    let parts = parts(&ws);
    let ctx = SaveContext {
        writer: "bench",
        base_revision: 0,
        now: at(),
    };
    let mut saved = MemoryStore::new();
    let receipt = save(&mut saved, "w1", &ws, &ctx).unwrap();
    let mut edited = ws.clone();
    edited.accounts[ACCOUNTS / 2].name.push_str(" (edited)");
    let edit_ctx = SaveContext {
        base_revision: receipt.revision,
        ..ctx.clone()
    };

    let mut g = c.benchmark_group("persist_100k");
    g.sample_size(10);
    g.bench_function("encode", |b| b.iter(|| encode(black_box(&ws)).unwrap()));
    g.bench_function("encode_document", |b| {
        b.iter(|| encode_document(black_box(&ws), "", 0, "bench").unwrap())
    });
    g.bench_function("decode_document", |b| {
        b.iter(|| decode_document(black_box(&document)).unwrap())
    });
    g.bench_function("import_worker_encode_then_decode_records", |b| {
        b.iter(|| {
            let mut into = Imported::default();
            for part in &parts {
                let text = encode_document(part, "", 0, "import-worker").unwrap();
                decode_records(text.as_bytes(), &mut into).unwrap();
            }
            into
        })
    });
    g.bench_function("save_new", |b| {
        b.iter_batched(
            MemoryStore::new,
            |mut store| save(&mut store, "w1", black_box(&ws), &ctx).unwrap(),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("save_after_editing_one_account", |b| {
        b.iter_batched(
            || saved.clone(),
            |mut store| save(&mut store, "w1", black_box(&edited), &edit_ctx).unwrap(),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("load", |b| {
        b.iter(|| load(black_box(&saved), "w1").unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
