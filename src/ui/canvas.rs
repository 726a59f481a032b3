//! The chart canvas, one of the few modules that touch the browser: it sizes the canvas
//! backing store by `devicePixelRatio`, follows its container's width, redraws when its chart
//! changes, and renders PNG (2×) and SVG downloads of the same drawing. Charts reach the
//! canvas through [`Canvas2d`], this module's plotters backend, which makes few calls into
//! the browser per chart, and a [`ChartPainter`], which keeps a radar's still part as a
//! picture so that new values redraw only what shows them.

use std::fmt::Write;

use leptos::html;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{browser, download};
use crate::chart::{draw_radar_marks, draw_radar_web, Chart, ChartStyle, RadarLayout, RadarSpec};

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

    // The first drawing waits for a task of its own: a view with several charts (the
    // Portfolio view at 100k accounts) shows its other content first, then draws each chart in
    // a task of its own instead of holding the page for all of them. Later changes redraw at
    // once.
    let ready = RwSignal::new(false);
    let painter = StoredValue::new_local(ChartPainter::default());
    leptos::task::spawn_local(async move {
        browser::next_task().await;
        let _ = ready.try_set(true);
    });
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
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
                Some(chart) => painter
                    .try_update_value(|p| p.draw(&canvas, chart, width, height, ratio))
                    .unwrap_or(Ok(())),
                None => {
                    clear(&canvas);
                    Ok(())
                }
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

/// Empties the canvas when there is nothing to draw any more (the data behind a chart went
/// away), so an earlier drawing is never left standing for data it no longer shows.
fn clear(canvas: &web_sys::HtmlCanvasElement) {
    canvas.set_width(0);
    canvas.set_height(0);
    let _ = web_sys::HtmlElement::style(canvas).set_property("height", "0");
}

/// Draws charts on one canvas, remembering the still part of the last radar drawn.
#[derive(Default)]
pub struct ChartPainter {
    backdrop: Option<RadarBackdrop>,
}

/// The radar last drawn, with what its still part ([`draw_radar_web`]) was drawn for: layout,
/// style and size; once the radar has been redrawn with that part unchanged (its values are
/// being edited), also that part's picture, on a canvas of its own that is never shown (a few
/// MB at a projector's size, so a radar drawn once does not keep one).
struct RadarBackdrop {
    /// The radar last drawn, laid out as `layout`.
    spec: RadarSpec,
    layout: RadarLayout,
    style: ChartStyle,
    /// The backing store's size, in pixels.
    size: (u32, u32),
    picture: Option<web_sys::HtmlCanvasElement>,
}

impl ChartPainter {
    /// Draws `chart` at `width` × `height` CSS pixels with a backing store `ratio` times
    /// larger. A radar redrawn with new values (or moved reference lines) keeps the layout of
    /// its web, labels and legend ([`RadarLayout::for_new_values`]) and is painted from the
    /// picture of that still part, with only its marks drawn anew: the same pixels, without
    /// laying out and shaping its text again.
    pub fn draw(
        &mut self,
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
        let css = web_sys::HtmlElement::style(canvas);
        let _ = css.set_property("width", &format!("{width}px"));
        let _ = css.set_property("height", &format!("{height}px"));
        let style = ChartStyle::with_scale(ratio);
        let area = canvas_2d(canvas)?.into_drawing_area();
        let Chart::Radar(spec) = chart else {
            self.backdrop = None;
            chart.draw(&area, &style).map_err(|e| e.to_string())?;
            return area.present().map_err(|e| e.to_string());
        };
        spec.validate().map_err(|e| e.to_string())?;
        let alike = |b: &&mut RadarBackdrop| b.size == backing && b.style == style;
        let moved = self
            .backdrop
            .as_mut()
            .filter(alike)
            .and_then(|b| b.layout.for_new_values(&b.spec, spec, &style));
        let layout =
            moved.unwrap_or_else(|| RadarLayout::compute(spec, &style, backing.0, backing.1));
        match self
            .backdrop
            .as_mut()
            .filter(|b| alike(b) && b.layout.same_web(&layout))
        {
            Some(backdrop) => {
                let picture = match backdrop.picture.take() {
                    Some(picture) => picture,
                    None => web_picture(&backdrop.spec, &backdrop.layout, &style, backing)?,
                };
                paint_over(canvas, &picture)?;
                backdrop.picture = Some(picture);
                backdrop.spec = spec.clone();
                backdrop.layout = layout;
            }
            None => {
                draw_radar_web(&area, spec, &layout, &style).map_err(|e| e.to_string())?;
                self.backdrop = Some(RadarBackdrop {
                    spec: spec.clone(),
                    layout,
                    style: style.clone(),
                    size: backing,
                    picture: None,
                });
            }
        }
        let drawn = self.backdrop.as_ref().ok_or("no radar drawn")?;
        draw_radar_marks(&area, spec, &drawn.layout, &style).map_err(|e| e.to_string())?;
        area.present().map_err(|e| e.to_string())
    }
}

/// Paints `picture` (a canvas of the same size) onto `canvas`, which nothing has been drawn
/// on since its size was set.
fn paint_over(
    canvas: &web_sys::HtmlCanvasElement,
    picture: &web_sys::HtmlCanvasElement,
) -> Result<(), String> {
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("this browser gives no 2D canvas")?;
    context
        .draw_image_with_html_canvas_element(picture, 0.0, 0.0)
        .map_err(|e| format!("{e:?}"))
}

/// The still part of `spec`'s radar for `layout`, drawn on a new canvas of `size` pixels.
fn web_picture(
    spec: &RadarSpec,
    layout: &RadarLayout,
    style: &ChartStyle,
    size: (u32, u32),
) -> Result<web_sys::HtmlCanvasElement, String> {
    let picture: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    picture.set_width(size.0);
    picture.set_height(size.1);
    let area = canvas_2d(&picture)?.into_drawing_area();
    draw_radar_web(&area, spec, layout, style).map_err(|e| e.to_string())?;
    area.present().map_err(|e| e.to_string())?;
    Ok(picture)
}

fn canvas_2d(canvas: &web_sys::HtmlCanvasElement) -> Result<Canvas2d, String> {
    Canvas2d::new(canvas).ok_or_else(|| "this browser gives no 2D canvas".to_string())
}

/// Renders the chart at twice its CSS size on a detached canvas and offers it as a PNG.
fn offer_png(chart: &Chart, width: u32, height: u32, name: &str) -> Result<(), String> {
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    ChartPainter::default().draw(&canvas, chart, width, height, 2.0)?;
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

/// A plotters backend for a 2D canvas that crosses into the browser as rarely as it can.
///
/// plotters-canvas sets the colour, width and font for every primitive and strokes every
/// segment of a dashed line on its own: a radar took some 1,500 calls from wasm into the
/// browser, each converting a string or two, and 12 radars took twice the 10 ms budget of a
/// redraw. Here a style is set only when it differs from the one the context has, and
/// consecutive shapes painted alike are written as one SVG path text, turned into one
/// `Path2D` and stroked or filled once. Only opaque paint is merged: shapes of a translucent
/// colour are painted one by one, so where they overlap they blend as they did before.
/// Text and anything painted differently end the batch first, so the order of painting, and
/// with it the picture, stays the same.
pub struct Canvas2d {
    context: web_sys::CanvasRenderingContext2d,
    size: (u32, u32),
    /// The paint of the shapes in `path`, not yet drawn.
    pending: Option<Paint>,
    /// SVG path data of the shapes waiting to be painted with `pending`.
    path: String,
    /// What the context is set to (`None`: not known, set it before use).
    stroke: Option<(Rgba, f64)>,
    fill: Option<Rgba>,
    font: String,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

/// A colour as plotters gives it, compared exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rgba((u8, u8, u8), f64);

impl Rgba {
    fn of(colour: BackendColor) -> Self {
        Rgba(colour.rgb, colour.alpha)
    }

    fn css(self) -> String {
        let Rgba((r, g, b), a) = self;
        format!("rgba({r},{g},{b},{a})")
    }

    fn opaque(self) -> bool {
        self.1 >= 1.0
    }
}

/// How a batch of shapes is painted.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Paint {
    /// Outlined in a colour at a line width.
    Stroke(Rgba, f64),
    Fill(Rgba),
}

/// Why the canvas could not draw (the browser refused a call).
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

fn refused(e: wasm_bindgen::JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(format!("{e:?}")))
}

impl Canvas2d {
    /// The backend drawing on `canvas` at its backing store's size; `None` when the browser
    /// gives no 2D context.
    pub fn new(canvas: &web_sys::HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas2d {
            context,
            size: (canvas.width(), canvas.height()),
            pending: None,
            path: String::new(),
            stroke: None,
            fill: None,
            font: String::new(),
            align: None,
            baseline: None,
        })
    }

    /// Starts a shape painted with `paint`: the batch goes on when it is painted the same way
    /// in an opaque colour, else it is drawn first.
    fn begin(&mut self, paint: Paint) -> Result<(), DrawingErrorKind<CanvasError>> {
        let opaque = match paint {
            Paint::Stroke(c, _) | Paint::Fill(c) => c.opaque(),
        };
        if self.pending != Some(paint) || !opaque {
            self.flush()?;
            self.pending = Some(paint);
        }
        Ok(())
    }

    /// Paints the waiting shapes.
    fn flush(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        let Some(paint) = self.pending.take() else {
            return Ok(());
        };
        if self.path.is_empty() {
            return Ok(());
        }
        let path = web_sys::Path2d::new_with_path_string(&self.path).map_err(refused)?;
        self.path.clear();
        match paint {
            Paint::Stroke(colour, width) => {
                if self.stroke != Some((colour, width)) {
                    if self.stroke.map(|s| s.0) != Some(colour) {
                        self.context.set_stroke_style_str(&colour.css());
                    }
                    if self.stroke.map(|s| s.1) != Some(width) {
                        self.context.set_line_width(width);
                    }
                    self.stroke = Some((colour, width));
                }
                self.context.stroke_with_path(&path);
            }
            Paint::Fill(colour) => {
                self.set_fill(colour);
                self.context.fill_with_path_2d(&path);
            }
        }
        Ok(())
    }

    fn set_fill(&mut self, colour: Rgba) {
        if self.fill != Some(colour) {
            self.context.set_fill_style_str(&colour.css());
            self.fill = Some(colour);
        }
    }

    /// Appends `M x y` or `L x y` to the path (writing into a String cannot fail).
    fn to(&mut self, command: char, (x, y): (f64, f64)) {
        let _ = write!(self.path, "{command}{x} {y}");
    }

    /// Appends the line through `points`: a move to the first, then lines to the others;
    /// whether there was any point.
    fn trace(&mut self, points: impl IntoIterator<Item = BackendCoord>) -> bool {
        let mut command = 'M';
        for point in points {
            self.to(command, at(point));
            command = 'L';
        }
        command == 'L'
    }

    fn rect(&mut self, (x0, y0): BackendCoord, (x1, y1): BackendCoord) {
        let _ = write!(self.path, "M{x0} {y0}H{x1}V{y1}H{x0}Z");
    }
}

impl Drop for Canvas2d {
    /// Paints what is still waiting when a drawing ends without `present`.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

fn at((x, y): BackendCoord) -> (f64, f64) {
    (f64::from(x), f64::from(y))
}

fn width_of(style: &impl BackendStyle) -> f64 {
    f64::from(style.stroke_width())
}

impl DrawingBackend for Canvas2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.flush()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        colour: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.begin(Paint::Fill(Rgba::of(colour)))?;
        self.rect(point, (point.0 + 1, point.1 + 1));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.begin(Paint::Stroke(Rgba::of(style.color()), width_of(style)))?;
        // A horizontal or vertical line moves half a pixel onto the pixel grid, so a thin one
        // stays sharp (as plotters-canvas does).
        let (mut a, mut b) = (at(from), at(to));
        if from.0 == to.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if from.1 == to.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.to('M', a);
        self.to('L', b);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let colour = Rgba::of(style.color());
        let (w, h) = (self.size.0 as i32, self.size.1 as i32);
        let everything =
            upper_left.0 <= 0 && upper_left.1 <= 0 && bottom_right.0 >= w && bottom_right.1 >= h;
        if fill && everything && colour.opaque() {
            // The background: as a fillRect the browser sees the whole canvas is painted over
            // and drops what it had recorded of the previous drawing.
            self.flush()?;
            self.set_fill(colour);
            self.context
                .fill_rect(0.0, 0.0, f64::from(self.size.0), f64::from(self.size.1));
            return Ok(());
        }
        self.begin(if fill {
            Paint::Fill(colour)
        } else {
            Paint::Stroke(colour, width_of(style))
        })?;
        self.rect(upper_left, bottom_right);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.begin(Paint::Stroke(Rgba::of(style.color()), width_of(style)))?;
        self.trace(path);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.begin(Paint::Fill(Rgba::of(style.color())))?;
        if self.trace(path) {
            self.path.push('Z');
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        centre: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let colour = Rgba::of(style.color());
        self.begin(if fill {
            Paint::Fill(colour)
        } else {
            Paint::Stroke(colour, width_of(style))
        })?;
        // Two half circles: an SVG arc cannot end where it starts.
        let (x, y) = centre;
        let r = radius;
        let _ = write!(
            self.path,
            "M{} {y}A{r} {r} 0 1 1 {} {y}A{r} {r} 0 1 1 {} {y}Z",
            i64::from(x) + i64::from(r),
            i64::from(x) - i64::from(r),
            i64::from(x) + i64::from(r),
        );
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.flush()?;
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.baseline != Some(baseline) {
            self.context.set_text_baseline(baseline);
            self.baseline = Some(baseline);
        }
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.align != Some(align) {
            self.context.set_text_align(align);
            self.align = Some(align);
        }
        self.set_fill(Rgba::of(colour));
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        if self.font != font {
            self.context.set_font(&font);
            self.font = font;
        }
        let (x, y) = at(pos);
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.5,
            FontTransform::Rotate180 => 1.0,
            FontTransform::Rotate270 => 1.5,
        } * std::f64::consts::PI;
        if turn == 0.0 {
            return self.context.fill_text(text, x, y).map_err(refused);
        }
        // Rotated about its anchor; the transform is the identity again afterwards (this
        // backend never sets another), which spares a save and restore of the whole state.
        let (sin, cos) = turn.sin_cos();
        self.context
            .set_transform(cos, sin, -sin, cos, x, y)
            .map_err(refused)?;
        let drawn = self.context.fill_text(text, 0.0, 0.0).map_err(refused);
        self.context
            .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            .map_err(refused)?;
        drawn
    }
}
