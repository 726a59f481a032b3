//! The chart canvas, one of the few modules that touch the browser: it sizes the canvas
//! backing store by `devicePixelRatio` (plotters-canvas does not), follows its container's
//! width, redraws when its chart changes, and renders PNG (2×) and SVG downloads of the same
//! drawing.

use leptos::html;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::download;
use crate::chart::{Chart, ChartStyle, RadarLayout};

/// A chart drawn on a canvas as wide as its container, `aspect` = height / width.
#[component]
pub fn ChartCanvas(
    #[prop(into)] chart: Signal<Option<Chart>>,
    /// Names the downloads: account (or portfolio) and chart.
    #[prop(into)]
    file_stem: Signal<Vec<String>>,
    #[prop(default = 0.8)] aspect: f64,
    #[prop(default = 320)] max_width: u32,
    #[prop(into, optional)] test_id: String,
) -> impl IntoView {
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let holder_ref = NodeRef::<html::Div>::new();
    let css_width = RwSignal::new(0u32);
    let failure = RwSignal::new(None::<String>);
    // The value under the pointer: (x, y, text) in CSS pixels of the canvas.
    let tooltip = RwSignal::new(None::<(f64, f64, String)>);
    let point_at = move |ev: web_sys::MouseEvent| {
        let width = css_width.get_untracked();
        let height = (width as f64 * aspect).round() as u32;
        let hit = chart.with_untracked(|chart| match chart {
            Some(Chart::Radar(spec)) => {
                RadarLayout::compute(spec, &ChartStyle::default(), width, height).vertex_at(
                    spec,
                    f64::from(ev.offset_x()),
                    f64::from(ev.offset_y()),
                    12.0,
                )
            }
            _ => None,
        });
        tooltip.set(hit.map(|hit| (hit.at.x, hit.at.y, hit.text)));
    };

    // Follow the container's width: the projector, a laptop and the print view differ.
    Effect::new(move |_| {
        if let Some(holder) = holder_ref.get() {
            let observer = observe_width(&holder, move |width| {
                let width = width.min(max_width as f64).round() as u32;
                if css_width.get_untracked() != width {
                    css_width.set(width);
                }
            });
            let observer = SendWrapper::new(observer);
            on_cleanup(move || drop(observer));
        }
    });

    Effect::new(move |_| {
        let width = css_width.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        if width == 0 {
            return;
        }
        let height = (width as f64 * aspect).round() as u32;
        let ratio = window().device_pixel_ratio().max(1.0);
        chart.with(|chart| {
            let outcome = match chart {
                Some(chart) => draw(&canvas, chart, width, height, ratio),
                None => Ok(()),
            };
            failure.set(outcome.err());
        });
    });

    let download_png = move |_| {
        let width = css_width.get_untracked().max(320);
        let height = (width as f64 * aspect).round() as u32;
        let name = download::file_name_for(&file_stem.get_untracked(), "png");
        chart.with_untracked(|chart| {
            if let Some(chart) = chart {
                if let Err(error) = offer_png(chart, width, height, &name) {
                    failure.set(Some(error));
                }
            }
        });
    };
    let download_svg = move |_| {
        let width = css_width.get_untracked().max(320);
        let height = (width as f64 * aspect).round() as u32;
        let name = download::file_name_for(&file_stem.get_untracked(), "svg");
        chart.with_untracked(|chart| {
            if let Some(chart) = chart {
                let outcome = chart
                    .svg(&ChartStyle::default(), width, height)
                    .map_err(|e| e.to_string())
                    .and_then(|svg| download::offer_bytes(&name, "image/svg+xml", svg.as_bytes()));
                if let Err(error) = outcome {
                    failure.set(Some(error));
                }
            }
        });
    };
    let app = super::use_app();
    view! {
        <figure class="chart" data-testid=test_id>
            <div class="chart-holder" node_ref=holder_ref>
                <canvas
                    node_ref=canvas_ref
                    role="img"
                    aria-label=move || chart.with(|c| c.as_ref().map(|c| c.title().to_string()))
                    on:mousemove=point_at
                    on:mouseleave=move |_| tooltip.set(None)
                ></canvas>
                {move || {
                    tooltip
                        .get()
                        .map(|(x, y, text)| {
                            view! {
                                <div
                                    class="chart-tooltip"
                                    role="tooltip"
                                    style:left=format!("{x}px")
                                    style:top=format!("{y}px")
                                >
                                    {text}
                                </div>
                            }
                        })
                }}
            </div>
            <figcaption class="chart-actions">
                <button type="button" class="small" data-action="png" on:click=download_png>
                    {app.t(crate::i18n::Msg::DownloadPng)}
                </button>
                <button type="button" class="small" data-action="svg" on:click=download_svg>
                    {app.t(crate::i18n::Msg::DownloadSvg)}
                </button>
                {move || failure.get().map(|error| view! { <span class="error">{error}</span> })}
            </figcaption>
        </figure>
    }
}

/// Draws `chart` at `width` × `height` CSS pixels with a backing store `ratio` times larger.
fn draw(
    canvas: &web_sys::HtmlCanvasElement,
    chart: &Chart,
    width: u32,
    height: u32,
    ratio: f64,
) -> Result<(), String> {
    let backing = (
        (width as f64 * ratio).round() as u32,
        (height as f64 * ratio).round() as u32,
    );
    canvas.set_width(backing.0);
    canvas.set_height(backing.1);
    let style = web_sys::HtmlElement::style(canvas);
    let _ = style.set_property("width", &format!("{width}px"));
    let _ = style.set_property("height", &format!("{height}px"));
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "this browser gives no 2D canvas".to_string())?;
    let area = backend.into_drawing_area();
    chart
        .draw(&area, &ChartStyle::with_scale(ratio))
        .map_err(|e| e.to_string())?;
    area.present().map_err(|e| e.to_string())
}

/// Renders the chart at twice its CSS size on a detached canvas and offers it as a PNG.
fn offer_png(chart: &Chart, width: u32, height: u32, name: &str) -> Result<(), String> {
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    draw(&canvas, chart, width, height, 2.0)?;
    let name = name.to_string();
    let on_blob = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        if let Some(blob) = blob {
            let _ = download::offer_blob(&name, &blob);
        }
    });
    canvas
        .to_blob(on_blob.unchecked_ref())
        .map_err(|e| format!("{e:?}"))
}

/// Watches an element's width; stops when dropped (the view that owns the canvas went away).
struct WidthObserver {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn Fn(js_sys::Array)>,
}

impl Drop for WidthObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `follow` with the element's content width now and whenever it changes.
fn observe_width(
    element: &web_sys::HtmlDivElement,
    follow: impl Fn(f64) + 'static,
) -> Option<WidthObserver> {
    follow(element.get_bounding_client_rect().width());
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            follow(entry.content_rect().width());
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(WidthObserver {
        observer,
        _callback: callback,
    })
}
