//! The stored workspace codec at 100k accounts (≈20 inputs each, attributes, 3 stakeholders,
//! 2 orders, some credit assessments): the whole workspace encoded and decoded, the import
//! worker's path (records encoded in parts, the page decoding them), and the save protocol
//! over a store in memory (a new workspace, a save after editing one account, a load).
//!
//! Run: `cargo bench --no-default-features --bench persist -- --warm-up-time 1 --measurement-time 5`.

use std::hint::black_box;

use chrono::{NaiveDate, TimeDelta};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kam_radar::import::transfer::{self, Records};
use kam_radar::import::worker::{Arrivals, RECORDS_PER_PART};
use kam_radar::model::{CreditAssessment, Input, Workspace};
use kam_radar::persist::codec::encode;
use kam_radar::persist::format::{decode_document, encode_document};
use kam_radar::persist::{load, save, MemoryStore, SaveContext};
use kam_radar::sample::Seeded;

#[allow(dead_code)] // The bench uses the generator and the save context of the shared support.
#[path = "../tests/fixtures/persist/support.rs"]
mod support;

const ACCOUNTS: usize = 100_000;

/// The persistence tests' realistic workspace (`tests/fixtures/persist/support.rs`: Chinese
/// names, 21 inputs, 3 stakeholders and 2 orders an account), with what the codec must also
/// carry at scale: fractional amounts, two imported columns on one account in three, a note
/// with quotes and a line break on one in ten, and a credit assessment on one in four.
fn generate() -> Workspace {
    let mut ws = support::realistic(ACCOUNTS);
    let mut r = Seeded::new(11);
    let day0 = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    for (i, a) in ws.accounts.iter_mut().enumerate() {
        a.inputs
            .insert("annual_sales".into(), Input::Number(r.upto(2e7)));
        a.inputs.insert(
            "market_size".into(),
            Input::Number((r.range(0, 1000) as f64) / 10.0),
        );
        if i % 3 == 0 {
            a.attributes
                .insert("Rating".into(), r.pick(&["Hot", "Warm", "Cold"]).into());
            a.attributes.insert(
                "BillingCity".into(),
                r.pick(&["苏州", "杭州", "深圳"]).into(),
            );
        }
        if i % 10 == 0 {
            a.notes = format!("年度复盘：\"重点\" 跟进 {i}\n第二行");
        }
        if i % 4 == 0 {
            let mut c = CreditAssessment {
                account: a.id.clone(),
                date: day0 + TimeDelta::days(r.range(0, 700) as i64),
                inputs: Default::default(),
            };
            c.inputs.insert(
                "deal_volume".into(),
                Input::Text(r.pick(&["高", "中", "低", "high", "mid", "low"]).into()),
            );
            c.inputs
                .insert("contract_performance".into(), Input::Number(r.upto(50.0)));
            ws.credit_assessments.push(c);
        }
    }
    ws
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
        now: support::at(0),
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
            let mut into = Arrivals::default();
            for part in &parts {
                let records = Records {
                    accounts: &part.accounts,
                    stakeholders: &part.stakeholders,
                    orders: &part.orders,
                    assessments: &part.credit_assessments,
                };
                into.receive(&transfer::encode(records)).unwrap();
            }
            into.finish()
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
