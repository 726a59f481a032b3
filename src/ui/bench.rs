//! Timing hooks for the in-browser benchmark (`tests/e2e/bench/run.mjs`), so a headless
//! Chromium run can time the app's own code paths — the import worker, the workspace state's
//! memos, the persistence protocol, the chart and table code — without the clicks and the DOM
//! around them. Each drives the code the views call, never a shortcut of it. The app's entry
//! point (`src/main.rs`) exports them to JavaScript, not this module: exports made here
//! would be kept by every binary built from the crate, the import worker included, together
//! with the whole interface they reach.

use std::cell::RefCell;
use std::collections::BTreeMap;

use futures::channel::mpsc::{unbounded, UnboundedReceiver};
use futures::StreamExt;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::autosave::snapshot_in_steps;
use super::canvas::ChartPainter;
use super::state::{Scored, WorkspaceState};
use super::storage::{IdbStore, LocalStore};
use super::worker_client::WorkerClient;
use crate::chart::profiles::{framework_radar, Compared};
use crate::chart::Chart;
use crate::framework::{presets, Rule};
use crate::i18n::Lang;
use crate::import::worker::{Arrivals, Reply, Request};
use crate::import::{plan_merge, MappingMemory, SheetPlan};
use crate::model::Workspace;
use crate::persist::workspaces::purge_async;
use crate::persist::{
    create_snapshot_placed, load_async, save_snapshot_placed, SaveContext, Tiered,
};
use crate::route::View;
use crate::scoring::Engine;

/// Draws `count` profile radars (the demo's accounts' external and internal profiles against
/// their lines) on detached 420×357 canvases at a device pixel ratio of 2, the way the chart
/// canvases draw them ([`ChartPainter`]), and returns as JSON the milliseconds of:
///
/// - `redraw`: a redraw of all of them for new values, as when an account is edited: each
///   radar shows the values of the next account under its own name, then its own again;
/// - `fresh`: a drawing of all of them by painters that have drawn nothing yet, as when the
///   radars first appear, or the language or the lines' names change.
///
/// Specs are built and the canvases drawn twice before the clocks start: Chromium allocates
/// a canvas' backing store on its first drawing, whatever is drawn (about 3 ms for an 840×714
/// canvas), which the app pays once per chart on screen, not per redraw.
pub fn bench_draw_radars(count: u32) -> Result<String, JsValue> {
    let workspace = crate::demo::workspace(super::browser::today());
    let engine = Engine::new(&workspace.frameworks_in_force()).map_err(|e| e.to_string())?;
    let scores = engine.score(&engine.index(&workspace.accounts, &workspace.stakeholders));
    let accounts = workspace.accounts.len();
    let radars = |values_of: usize| -> Result<Vec<Chart>, JsValue> {
        (0..count as usize)
            .map(|row| {
                let framework = if row % 2 == 0 {
                    presets::EXTERNAL
                } else {
                    presets::INTERNAL
                };
                let fi = engine.index_of(framework).ok_or("no such framework")?;
                Ok(Chart::Radar(framework_radar(
                    &engine.frameworks()[fi],
                    &[Compared {
                        name: &workspace.accounts[row % accounts].name,
                        dims: scores.framework(fi).dims((row + values_of) % accounts),
                    }],
                    Some(0),
                    Lang::En,
                )))
            })
            .collect()
    };
    let (own, edited) = (radars(0)?, radars(1)?);
    let canvases: Vec<web_sys::HtmlCanvasElement> = (0..count)
        .map(|_| Ok(document().create_element("canvas")?.unchecked_into()))
        .collect::<Result<_, JsValue>>()?;
    let mut painters: Vec<ChartPainter> =
        canvases.iter().map(|_| ChartPainter::default()).collect();
    let draw_all = |charts: &[Chart], painters: &mut [ChartPainter]| -> Result<(), JsValue> {
        for ((chart, canvas), painter) in charts.iter().zip(&canvases).zip(painters) {
            painter.draw(canvas, chart, 420, 357, 2.0)?;
        }
        Ok(())
    };
    draw_all(&own, &mut painters)?;
    draw_all(&edited, &mut painters)?;
    let clock = clock()?;
    let start = clock.now();
    draw_all(&own, &mut painters)?;
    let redraw = clock.now() - start;
    let mut new_painters: Vec<ChartPainter> =
        canvases.iter().map(|_| ChartPainter::default()).collect();
    let start = clock.now();
    draw_all(&edited, &mut new_painters)?;
    let fresh = clock.now() - start;
    Ok(serde_json::json!({ "redraw": redraw, "fresh": fresh }).to_string())
}

/// Mounts the portfolio table for the accounts of the last [`bench_import`] on an element of
/// the page, and returns the milliseconds from mounting to its first rows laid out: the
/// columns gathered from the scores with ABC and the owners and regions, the filter pass with
/// the counts, and the HTML and DOM of the filter bar, the counts, the heading and the rows
/// in view. Scoring is done before the clock starts.
pub fn bench_table_render() -> Result<f64, JsValue> {
    let workspace = imported()?;
    let owner = Owner::new();
    owner.with(|| {
        provide_context(super::AppState::new(Lang::En, View::Portfolio));
        let data = super::state::WorkspaceState::new(workspace);
        provide_context(data);
        provide_context(super::table::TableState::new(data));
        data.scored.with(|_| ());
        let host: web_sys::HtmlElement = document().create_element("div")?.unchecked_into();
        document().body().ok_or("no body")?.append_child(&host)?;
        let clock = clock()?;
        let start = clock.now();
        let mounted = leptos::mount::mount_to(host.clone(), super::table::PortfolioTable);
        // Reading a size makes the browser lay out the new rows before the clock stops.
        host.get_bounding_client_rect();
        let elapsed = clock.now() - start;
        drop(mounted);
        host.remove();
        Ok(elapsed)
    })
}

/// What the hooks below share between calls: the import worker kept warm by [`bench_import`]
/// and the workspace of the last import, which the other hooks time their paths on.
#[derive(Default)]
struct Bench {
    worker: Option<(WorkerClient, Replies)>,
    /// The state the last import committed into, with the owner that keeps it alive.
    imported: Option<(Owner, WorkspaceState)>,
}

type Replies = UnboundedReceiver<(Reply, Option<Vec<u8>>)>;

thread_local! {
    static BENCH: RefCell<Bench> = RefCell::default();
}

fn clock() -> Result<web_sys::Performance, JsValue> {
    window()
        .performance()
        .ok_or_else(|| "no performance clock".into())
}

/// The workspace of the last [`bench_import`].
fn imported() -> Result<Workspace, JsValue> {
    BENCH
        .with(|b| {
            let b = b.borrow();
            b.imported
                .as_ref()
                .map(|(_, data)| data.workspace.get_untracked())
        })
        .ok_or_else(|| "import a file with benchImport first".into())
}

/// Drops the workspace of the last [`bench_import`], before the next one is timed.
pub fn bench_forget() {
    let forgotten = BENCH.with(|b| b.borrow_mut().imported.take());
    drop(forgotten);
}

/// The next reply other than progress; the worker's failures end the run.
async fn next_reply(replies: &mut Replies) -> Result<(Reply, Option<Vec<u8>>), JsValue> {
    loop {
        match replies.next().await {
            Some((Reply::Progress { .. } | Reply::Ready, _)) => continue,
            Some((Reply::Failed { message }, _)) => return Err(message.en.into()),
            Some(reply) => return Ok(reply),
            None => return Err("the import worker stopped".into()),
        }
    }
}

/// Imports `file` the way the Import view does with its automatic mapping, from the request
/// to the worker to the scores of the committed workspace, and returns the milliseconds of
/// each step and the accounts per class of every account framework, as JSON:
///
/// - `read`: the worker reads the file's bytes, parses it and maps its columns
///   ([`Request::Read`] until [`Reply::Read`]); with `fresh_worker` a new worker is started
///   (and its wasm compiled) first, as on the first import of a page;
/// - `convert`: the worker converts the rows and sends the records in parts, which the page
///   decodes as they come ([`Request::Convert`] until [`Reply::Converted`]);
/// - `receive`: the page's share of `convert`, decoding the parts ([`Arrivals::receive`])
///   and scoring their accounts ahead of the commit, each part's in the next task
///   ([`Arrivals::score_arrived`]), most of it while the worker converts the next rows;
/// - `merge`: the merge preview ([`plan_merge`]) the view shows before the user commits;
/// - `score`: the commit as the view's *Import* button makes it, in the next task: the merge
///   into a blank workspace with the remembered mapping, and the scores taken from those
///   scored ahead ([`WorkspaceState::edit_records_in_steps`]; when they cannot be, the index
///   and the scoring a framework per task), until the `scored` memo holds the scores;
/// - `total`: from the request to the scores, the wait for the commit's task taken out.
///
/// The workspace state stays for the other hooks; the worker stays for the next import.
pub async fn bench_import(file: web_sys::File, fresh_worker: bool) -> Result<String, JsValue> {
    let clock = clock()?;
    let start = clock.now();
    let taken = BENCH.with(|b| b.borrow_mut().worker.take());
    let (client, mut replies) = match taken {
        Some(running) if !fresh_worker => running,
        _ => {
            let (send, replies) = unbounded();
            let client = WorkerClient::start(move |reply, bytes| {
                let _ = send.unbounded_send((reply, bytes));
            })?;
            (client, replies)
        }
    };
    let names = vec![file.name()];
    let read_request = Request::Read {
        names,
        memory: MappingMemory::default(),
    };
    client.send(&read_request, std::slice::from_ref(&file));
    let Reply::Read(read) = next_reply(&mut replies).await?.0 else {
        return Err("the worker did not answer the read".into());
    };
    if read.sheets.is_empty() {
        return Err(format!("{:?}", read.files).into());
    }
    let read_done = clock.now();

    let plans: Vec<SheetPlan> = read.sheets.iter().map(|s| s.plan.clone()).collect();
    client.send(
        &Request::Convert {
            plans: plans.clone(),
            frameworks: Workspace::default().frameworks_in_force(),
            existing: Vec::new(),
        },
        &[],
    );
    // Into a blank workspace, as the view does: the accounts are scored as they arrive.
    let mut arrivals = Arrivals::into_workspace(&Workspace::default());
    let mut receive = 0.0;
    let converted = loop {
        match next_reply(&mut replies).await? {
            (Reply::Records { .. }, bytes) => {
                let at = clock.now();
                arrivals
                    .receive(&bytes.unwrap_or_default())
                    .map_err(|e| e.to_string())?;
                receive += clock.now() - at;
                // As the view does: the part's accounts are scored in a task of their own.
                super::browser::next_task().await;
                let at = clock.now();
                arrivals.score_arrived();
                receive += clock.now() - at;
            }
            (Reply::Converted(converted), _) => break converted,
            _ => return Err("an unexpected reply to the conversion".into()),
        }
    };
    let converted_at = clock.now();
    BENCH.with(|b| b.borrow_mut().worker = Some((client, replies)));

    let (received, ahead) = arrivals.finish();
    let plan = plan_merge(&Workspace::default(), received);
    let previewed = clock.now();
    // The view shows the preview, and the user commits in a task of its own.
    super::browser::next_task().await;
    let committing = clock.now();
    let mut memory = MappingMemory::default();
    for (sheet, plan) in read.sheets.iter().zip(&plans) {
        memory.remember(&sheet.headers, plan);
    }
    let owner = Owner::new();
    let data = owner.with(|| WorkspaceState::new(Workspace::default()));
    data.edit_records_in_steps(
        |ws| {
            plan.apply(ws);
            memory.store(&mut ws.column_mappings);
        },
        ahead,
    )
    .await;
    let classes = data.scored.with(|scored| class_counts(scored))?;
    let end = clock.now();
    let accounts = data.workspace.with_untracked(|ws| ws.accounts.len());
    let report = serde_json::json!({
        "read": read_done - start,
        "convert": converted_at - read_done,
        "receive": receive,
        "merge": previewed - converted_at,
        "score": end - committing,
        "total": end - start - (committing - previewed),
        "rows_read": converted.rows_read,
        "rows_imported": converted.rows_imported,
        "problems": converted.total_problems,
        "accounts": accounts,
        "classes": classes,
    });
    BENCH.with(|b| b.borrow_mut().imported = Some((owner, data)));
    Ok(report.to_string())
}

/// Accounts per class (by class id; `"-"` for no class) of every account preset.
fn class_counts(scored: &Result<Scored, String>) -> Result<serde_json::Value, JsValue> {
    let scored = scored.as_ref().map_err(|e| JsValue::from_str(e))?;
    let mut out = serde_json::Map::new();
    for id in presets::ACCOUNT_PRESETS {
        let fi = scored.engine.index_of(id).ok_or("no such framework")?;
        let classes = scored.engine.frameworks()[fi].classes();
        let results = scored.scores.framework(fi);
        let mut counts = BTreeMap::<String, u64>::new();
        for row in 0..results.len() {
            let class = results
                .outcome(row)
                .class
                .and_then(|c| classes.get(c as usize))
                .map_or("-", |c| c.id.as_str());
            *counts.entry(class.to_string()).or_default() += 1;
        }
        out.insert(
            id.to_string(),
            serde_json::to_value(counts).unwrap_or_default(),
        );
    }
    Ok(out.into())
}

fn scores_or_error(scored: &Result<Scored, String>) -> Result<(), JsValue> {
    scored
        .as_ref()
        .map(|_| ())
        .map_err(|e| JsValue::from_str(e))
}

/// A weight change in the editor's sense: the points the scorecard's "high" strategic fit
/// gives (25, the band midpoint, and 26 on every other call).
fn change_weight(ws: &mut Workspace, run: u32) {
    let mut scorecard = presets::scorecard();
    if let Some(Rule::Levels { levels, .. }) = scorecard
        .dimensions
        .iter_mut()
        .find(|d| d.id == "strategic_fit")
        .map(|d| &mut d.rule)
    {
        if let Some(high) = levels.first_mut() {
            high.score = Some(if run.is_multiple_of(2) { 26.0 } else { 25.0 });
        }
    }
    ws.frameworks.retain(|f| f.id != presets::SCORECARD);
    ws.frameworks.push(scorecard);
}

/// Times `runs` re-scorings of the last imported workspace after a weight change: each
/// changes the scorecard through the workspace state's `edit_frameworks`, as the framework
/// editor does, and reads the `scored` memo, which recomputes. Returns the milliseconds of
/// each run (the first scoring, before any change, is not timed).
pub fn bench_rescore(runs: u32) -> Result<Vec<f64>, JsValue> {
    let ws = imported()?;
    let clock = clock()?;
    let owner = Owner::new();
    owner.with(|| {
        let data = WorkspaceState::new(ws);
        data.scored.with(|s| scores_or_error(s))?;
        (0..runs)
            .map(|run| {
                let start = clock.now();
                data.edit_frameworks(|ws| change_weight(ws, run));
                data.scored.with(|s| scores_or_error(s))?;
                Ok(clock.now() - start)
            })
            .collect()
    })
}

/// Saves the last imported workspace to the browser's storage as a new workspace (where it
/// fits: localStorage, else IndexedDB) the way the autosave does — encoded a few thousand
/// rows per task — saves it again after a change to one account, loads it back, and removes
/// it. Returns the milliseconds of each step, the clock at each step's start and end (for
/// the longest task of each) and where it was stored, as JSON `{create, save, load, marks,
/// chars, tier}`.
pub async fn bench_storage() -> Result<String, JsValue> {
    let ws = imported()?;
    let accounts = ws.accounts.len();
    let owner = Owner::new();
    let data = owner.with(|| WorkspaceState::new(ws));
    let clock = clock()?;
    let local = LocalStore::open().ok_or("no localStorage")?;
    let mut store = Tiered::open(local, IdbStore::open().await)
        .await
        .map_err(|e| e.to_string())?;
    let now =
        chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    let context = SaveContext {
        writer: "bench",
        base_revision: 0,
        now,
    };
    let start = clock.now();
    let snapshot = snapshot_in_steps(data).await.map_err(|e| e.to_string())?;
    let (id, receipt) = create_snapshot_placed(&mut store, &snapshot, &context)
        .await
        .map_err(|e| e.to_string())?;
    drop(snapshot);
    let created = clock.now();
    data.edit_records(|ws| {
        if let Some(account) = ws.accounts.first_mut() {
            account.name.push_str(" (edited)");
        }
    });
    let edited = clock.now();
    let context = SaveContext {
        base_revision: receipt.revision,
        ..context
    };
    let snapshot = snapshot_in_steps(data).await.map_err(|e| e.to_string())?;
    let receipt = save_snapshot_placed(&mut store, &id, &snapshot, &context, false)
        .await
        .map_err(|e| e.to_string())?;
    drop(snapshot);
    let saved = clock.now();
    let loaded = load_async(&store, &id).await.map_err(|e| e.to_string())?;
    let done = clock.now();
    if loaded.workspace.accounts.len() != accounts {
        return Err("the loaded workspace lost accounts".into());
    }
    let tier = store.tier(&id);
    purge_async(&mut store, &id)
        .await
        .map_err(|e| e.to_string())?;
    drop(owner);
    Ok(serde_json::json!({
        "create": created - start,
        "save": saved - edited,
        "load": done - saved,
        "marks": [start, created, edited, saved, done],
        "chars": receipt.live_chars,
        "tier": format!("{tier:?}"),
    })
    .to_string())
}
