//! Timing hooks for the in-browser benchmarks (`tests/e2e/bench/`): exported to JavaScript so
//! a headless Chromium run can time the app's own code paths without the DOM around them.

use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;

use crate::chart::profiles::{framework_radar, Compared};
use crate::chart::ChartStyle;
use crate::framework::presets;
use crate::i18n::Lang;
use crate::route::View;
use crate::scoring::Engine;

/// Draws `count` profile radars (the demo's accounts' external and internal profiles against
/// their lines) on detached 420×357 canvases at a device pixel ratio of 2, and returns the
/// milliseconds a redraw of them took (specs are built and the canvases drawn once before the
/// clock starts).
#[wasm_bindgen(js_name = benchDrawRadars)]
pub fn bench_draw_radars(count: u32) -> Result<f64, JsValue> {
    let workspace = crate::demo::workspace(super::browser::today());
    let engine = Engine::new(&workspace.frameworks_in_force()).map_err(|e| e.to_string())?;
    let scores = engine.score(&engine.index(&workspace.accounts, &workspace.stakeholders));
    let mut specs = Vec::new();
    for row in 0..count as usize {
        let framework = if row % 2 == 0 {
            presets::EXTERNAL
        } else {
            presets::INTERNAL
        };
        let fi = engine.index_of(framework).ok_or("no such framework")?;
        let account = &workspace.accounts[row % workspace.accounts.len()];
        specs.push(framework_radar(
            &engine.frameworks()[fi],
            &[Compared {
                name: &account.name,
                dims: scores.framework(fi).dims(row % workspace.accounts.len()),
            }],
            Some(0),
            Lang::En,
        ));
    }
    let canvases: Vec<web_sys::HtmlCanvasElement> = (0..count)
        .map(|_| {
            let canvas: web_sys::HtmlCanvasElement =
                document().create_element("canvas")?.unchecked_into();
            canvas.set_width(840);
            canvas.set_height(714);
            Ok(canvas)
        })
        .collect::<Result<_, JsValue>>()?;
    let style = ChartStyle::with_scale(2.0);
    let draw_all = || -> Result<(), JsValue> {
        for (spec, canvas) in specs.iter().zip(&canvases) {
            let backend =
                CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D canvas")?;
            let area = backend.into_drawing_area();
            crate::chart::draw_radar(&area, spec, &style).map_err(|e| e.to_string())?;
            area.present().map_err(|e| e.to_string())?;
        }
        Ok(())
    };
    // Chromium allocates a canvas' backing store on its first drawing, whatever is drawn
    // (about 3 ms for an 840×714 canvas). The app pays that once per chart on screen, not per
    // redraw, so the clock times a redraw of canvases already drawn once.
    draw_all()?;
    let clock = window().performance().ok_or("no performance clock")?;
    let start = clock.now();
    draw_all()?;
    Ok(clock.now() - start)
}

/// Mounts the portfolio table for `count` synthetic accounts — the demo's accounts repeated
/// under new ids and names, without people, orders or credit history — on an element of the
/// page, and returns the milliseconds from mounting to its first rows laid out: the columns
/// gathered from the scores with ABC and the owners and regions, the filter pass with the
/// counts, and the HTML and DOM of the filter bar, the counts, the heading and the rows in
/// view. Scoring is done before the clock starts.
#[wasm_bindgen(js_name = benchTableRender)]
pub fn bench_table_render(count: u32) -> Result<f64, JsValue> {
    let mut workspace = crate::demo::workspace(super::browser::today());
    let demo = std::mem::take(&mut workspace.accounts);
    workspace.accounts = (0..count as usize)
        .map(|i| {
            let mut account = demo[i % demo.len()].clone();
            account.id = format!("bench-{i}");
            account.name = format!("{} {i}", account.name);
            account
        })
        .collect();
    workspace.stakeholders.clear();
    workspace.orders.clear();
    workspace.credit_assessments.clear();
    let owner = Owner::new();
    owner.with(|| {
        provide_context(super::AppState::new(Lang::En, View::Portfolio));
        let data = super::state::WorkspaceState::new(workspace);
        provide_context(data);
        provide_context(super::table::TableState::new(data));
        data.scored.with(|_| ());
        let host: web_sys::HtmlElement = document().create_element("div")?.unchecked_into();
        document().body().ok_or("no body")?.append_child(&host)?;
        let clock = window().performance().ok_or("no performance clock")?;
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
