//! Portfolio charts: accounts per class, the ABC Pareto curve, and key-account score vs credit.
//!
//! These are ordinary Cartesian charts, so plotters' `ChartBuilder` draws the axes and mesh;
//! thresholds are drawn dashed in one colour and labelled with their value, because the lines
//! (60 and 80 points, the 80 % and 95 % cut-offs) are what a reader compares every account with.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::geometry::{
    dash_segments, text_box, text_height, text_width, wrap_label, HAlign, Point, VAlign,
};
use super::palette::{self, Dash};
use super::{format_value, hpos, size, vpos, ChartError, ChartStyle};

/// The margin around a portfolio chart, in CSS pixels.
const MARGIN: f64 = 12.0;
/// The room of the value axis' labels and caption, in CSS pixels.
const Y_LABELS: f64 = 52.0;

/// Accounts per class of one framework (e.g. key / potential / not listed).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassCountsSpec {
    /// The title, e.g. the framework's name.
    pub title: String,
    /// The caption of the count axis, e.g. "Accounts 客户数".
    pub y_caption: String,
    /// One bar per class, in the framework's order: the class label and its number of accounts.
    pub bars: Vec<(String, u32)>,
}

/// The ABC Pareto curve of one amount (annual sales, contract value).
#[derive(Clone, Debug, PartialEq)]
pub struct ParetoSpec {
    /// The title.
    pub title: String,
    /// The caption of the accounts axis, in % of the accounts, largest amount first, e.g.
    /// "Share of accounts 客户占比".
    pub x_caption: String,
    /// The caption of the share axis, e.g. "Cumulative share 累计占比 (%)".
    pub y_caption: String,
    /// The amounts, one per account (sorted here, largest first).
    pub values: Vec<f64>,
    /// The A and B cut-offs in % of the total, as the workspace's settings hold them (80 and
    /// 95 by default).
    pub cutoffs: [f64; 2],
}

/// One account on the score scatter.
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterPoint {
    /// Key-account score, 0–100.
    pub x: f64,
    /// Credit score, −50–100.
    pub y: f64,
    /// The account's name, written beside the point when there are few enough points.
    pub name: String,
}

/// Key-account score (x) against credit score (y) for every account.
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterSpec {
    /// The title.
    pub title: String,
    /// The caption of the x axis, e.g. "Key-account score 大客户评分".
    pub x_caption: String,
    /// The caption of the y axis, e.g. "Credit score 信用评分".
    pub y_caption: String,
    /// The accounts.
    pub points: Vec<ScatterPoint>,
}

/// Scatter points are named only up to this many; beyond it names would cover the points.
pub const MAX_NAMED_POINTS: usize = 25;

/// The 60 and 80 lines of both scores (potential/key account; AA/AAA credit).
const SCORE_LINES: [f64; 2] = [60.0, 80.0];

/// The plot's pixel position of a data point, relative to `area` (the chart context gives
/// backend coordinates, which differ when `area` is a sub-area).
fn local(area_base: (i32, i32), backend: (i32, i32)) -> Point {
    Point::new(
        f64::from(backend.0 - area_base.0),
        f64::from(backend.1 - area_base.1),
    )
}

/// The title's style: the title size, reduced as far as the label size so a long title fits
/// a narrow chart (a grid cell on a projector) instead of running off both sides.
fn title_style<'a>(title: &str, width_px: u32, style: &'a ChartStyle) -> TextStyle<'a> {
    // The estimate is for regular text; bold runs about a tenth wider.
    let room = f64::from(width_px) / style.factor() - 2.0 * MARGIN;
    let wanted = text_width(title, size::TITLE) * 1.1;
    let css = if wanted > room {
        (size::TITLE * room / wanted).max(size::LABEL)
    } else {
        size::TITLE
    };
    style.bold(css, palette::INK, HPos::Center, VPos::Top)
}

/// Writes a threshold's value on a white ground, so dots drawn under it never hide it.
fn value_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    at: Point,
    (h, v): (HAlign, VAlign),
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let w = style.px(text_width(text, size::SMALL) * 1.1 + 2.0);
    let ground = text_box(at, w, style.px(text_height(size::SMALL)), h, v);
    area.draw(&Rectangle::new(
        [
            Point::new(ground.x0 - style.px(1.0), ground.y0).pixel(),
            Point::new(ground.x1, ground.y1).pixel(),
        ],
        WHITE.filled(),
    ))?;
    let text_style = style.bold(size::SMALL, palette::THRESHOLD, hpos(h), vpos(v));
    area.draw(&Text::new(text, at.pixel(), text_style))?;
    Ok(())
}

/// Draws a dashed threshold from `a` to `b` (area pixels).
fn threshold<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: Point,
    b: Point,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let stroke = palette::THRESHOLD.stroke_width(style.stroke(1.5));
    for (p, q) in dash_segments(&[a, b], false, &Dash::Dashed.scaled(style.factor())) {
        area.draw(&PathElement::new(vec![p.pixel(), q.pixel()], stroke))?;
    }
    Ok(())
}

/// Draws the bar chart of accounts per class onto `area`, filling it.
pub fn draw_class_counts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ClassCountsSpec,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    area.fill(&WHITE)?;
    let n = spec.bars.len().max(1);
    let max = spec.bars.iter().map(|b| b.1).max().unwrap_or(0);
    // Headroom for the count written above the tallest bar.
    let top = i64::from(max) + i64::from(max / 8) + 1;
    // Each class name wrapped to its bar's slot, so neighbours never run into each other on a
    // narrow chart ("key account list" beside "potential key account list").
    let plot_css = f64::from(area.dim_in_pixel().0) / style.factor() - 2.0 * MARGIN - Y_LABELS;
    let slot = (plot_css / n as f64 - 6.0).max(size::LABEL * 3.0);
    let names: Vec<Vec<String>> = spec
        .bars
        .iter()
        .map(|(name, _)| wrap_label(name, size::LABEL, slot))
        .collect();
    let lines = names.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let line_h = text_height(size::LABEL);
    let x_labels = 10.0 + lines * line_h;
    // As many value ticks as the plot's height leaves room for: plotters' ten crowd a short
    // plot (0 to 110 in steps of 10, one above the other, under three-line class names).
    let height_css = f64::from(area.dim_in_pixel().1) / style.factor();
    let plot_h = height_css - 2.0 * MARGIN - text_height(size::TITLE) - x_labels;
    let ticks = (plot_h / (2.0 * text_height(size::SMALL))).clamp(2.0, 10.0) as usize;
    let mut chart = ChartBuilder::on(area)
        .caption(
            &spec.title,
            title_style(&spec.title, area.dim_in_pixel().0, style),
        )
        .margin(style.px(MARGIN))
        .x_label_area_size(style.px(x_labels))
        .y_label_area_size(style.px(Y_LABELS))
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0i64..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(ticks)
        .y_desc(spec.y_caption.as_str())
        .label_style(style.font(size::SMALL, palette::INK))
        .axis_desc_style(style.font(size::LABEL, palette::INK))
        .light_line_style(WHITE)
        .bold_line_style(palette::GRID.stroke_width(style.stroke(1.0)))
        .draw()?;
    let base = area.get_base_pixel();
    let label = style.text(size::LABEL, palette::INK, HPos::Center, VPos::Top);
    let count = style.bold(size::LABEL, palette::INK, HPos::Center, VPos::Bottom);
    for (i, ((_, c), name)) in spec.bars.iter().zip(&names).enumerate() {
        let x = i as f64;
        let colour = palette::series_colour(0);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.32, 0), (x + 0.32, i64::from(*c))],
            colour.filled(),
        )))?;
        let foot = local(base, chart.backend_coord(&(x, 0)));
        let head = local(base, chart.backend_coord(&(x, i64::from(*c))));
        for (k, line) in name.iter().enumerate() {
            let y = foot.y + style.px(6.0 + k as f64 * line_h);
            area.draw(&Text::new(
                line.as_str(),
                Point::new(foot.x, y).pixel(),
                label.clone(),
            ))?;
        }
        area.draw(&Text::new(
            c.to_string(),
            Point::new(head.x, head.y - style.px(3.0)).pixel(),
            count.clone(),
        ))?;
    }
    Ok(())
}

/// The Pareto curve of `values`: `(rank, cumulative share in %)` from `(0, 0)` to `(n, 100)`,
/// largest amount first. All amounts zero gives just the origin, since no share exists.
pub fn pareto_curve(values: &[f64]) -> Result<Vec<(f64, f64)>, ChartError> {
    for (i, v) in values.iter().enumerate() {
        let name = format!("#{}", i + 1);
        if !v.is_finite() {
            return Err(ChartError::NotFinite {
                name,
                axis: "amount".into(),
            });
        }
        if *v < 0.0 {
            return Err(ChartError::NegativeAmount { name });
        }
    }
    let sorted = crate::scoring::segmentation::sorted_descending(values);
    let total: f64 = sorted.iter().sum();
    let mut curve = vec![(0.0, 0.0)];
    if total <= 0.0 {
        return Ok(curve);
    }
    let mut running = 0.0;
    for (i, v) in sorted.iter().enumerate() {
        running += v;
        curve.push(((i + 1) as f64, 100.0 * running / total));
    }
    Ok(curve)
}

/// The points of a rising curve worth drawing on `width` pixels: for 100,000 accounts the
/// line has 100,000 points, of which a few per pixel column change what is seen. Keeps the
/// ends and about four points per pixel, evenly by rank.
fn thin_curve(curve: &[(f64, f64)], width: u32) -> impl Iterator<Item = (f64, f64)> + '_ {
    let step = curve.len().div_ceil(4 * width.max(1) as usize).max(1);
    let last = curve.len().saturating_sub(1);
    curve
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % step == 0 || *i == last)
        .map(|(_, p)| *p)
}

/// The axes, captions and grid of a chart with numbers on both axes (Pareto, scatter), in the
/// one style all charts share.
fn draw_axes<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    x_caption: &str,
    y_caption: &str,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let (plot_w, plot_h) = chart.plotting_area().dim_in_pixel();
    let (plot_w, plot_h) = (
        f64::from(plot_w) / style.factor(),
        f64::from(plot_h) / style.factor(),
    );
    // As many ticks as keep apart: plotters' ten labels crowd a chart a third of a projector
    // wide (0 to 100 in steps of 10, one above the other).
    let y_ticks = (plot_h / (1.4 * text_height(size::SMALL))).clamp(2.0, 10.0) as usize;
    let x_ticks = (plot_w / (2.0 * text_width("100", size::SMALL))).clamp(2.0, 10.0) as usize;
    chart
        .configure_mesh()
        .x_desc(x_caption)
        .y_desc(y_caption)
        .x_labels(x_ticks)
        .y_labels(y_ticks)
        .x_label_formatter(&|v| format_value(*v))
        .y_label_formatter(&|v| format_value(*v))
        .label_style(style.font(size::SMALL, palette::INK))
        .axis_desc_style(style.font(size::LABEL, palette::INK))
        .light_line_style(WHITE)
        .bold_line_style(palette::GRID.stroke_width(style.stroke(1.0)))
        .draw()?;
    Ok(())
}

/// Draws the ABC Pareto curve with its A and B cut-off lines onto `area`, filling it.
pub fn draw_pareto<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ParetoSpec,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let curve = pareto_curve(&spec.values)?;
    for c in spec.cutoffs {
        if !c.is_finite() {
            return Err(ChartError::NotFinite {
                name: spec.title.clone(),
                axis: "cut-off".into(),
            });
        }
    }
    area.fill(&WHITE)?;
    // Ranks as a share of the accounts: "the first 20% of accounts make 80% of sales".
    let n = spec.values.len().max(1) as f64;
    let curve: Vec<(f64, f64)> = curve
        .into_iter()
        .map(|(rank, share)| (100.0 * rank / n, share))
        .collect();
    let mut chart = ChartBuilder::on(area)
        .caption(
            &spec.title,
            title_style(&spec.title, area.dim_in_pixel().0, style),
        )
        .margin(style.px(MARGIN))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(Y_LABELS))
        .build_cartesian_2d(0f64..100f64, 0f64..100f64)?;
    draw_axes(&mut chart, &spec.x_caption, &spec.y_caption, style)?;
    let base = area.get_base_pixel();
    let label = style.bold(size::SMALL, palette::THRESHOLD, HPos::Right, VPos::Bottom);
    for (class, c) in ["A", "B"].iter().zip(spec.cutoffs) {
        let share = c.clamp(0.0, 100.0);
        let a = local(base, chart.backend_coord(&(0.0, share)));
        let b = local(base, chart.backend_coord(&(100.0, share)));
        threshold(area, a, b, style)?;
        area.draw(&Text::new(
            format!("{class} · {}%", format_value(share)),
            Point::new(b.x - style.px(4.0), b.y - style.px(3.0)).pixel(),
            label.clone(),
        ))?;
    }
    let colour = palette::series_colour(0);
    chart.draw_series(LineSeries::new(
        thin_curve(&curve, area.dim_in_pixel().0),
        colour.stroke_width(style.stroke(2.0)),
    ))?;
    // Dots only while they stay apart; for hundreds of accounts the line says it all.
    if curve.len() <= 61 {
        let r = style.px(3.0).round().max(2.0) as u32;
        chart.draw_series(
            curve
                .iter()
                .skip(1)
                .map(|p| Circle::new(*p, r, colour.filled())),
        )?;
    }
    Ok(())
}

/// Draws key-account score against credit score with the 60 and 80 lines on both axes onto
/// `area`, filling it. Points outside 0–100 × −50–100 are drawn hollow on the edge.
pub fn draw_score_scatter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ScatterSpec,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    for p in &spec.points {
        for (v, axis) in [(p.x, &spec.x_caption), (p.y, &spec.y_caption)] {
            if !v.is_finite() {
                return Err(ChartError::NotFinite {
                    name: p.name.clone(),
                    axis: axis.clone(),
                });
            }
        }
    }
    area.fill(&WHITE)?;
    let (x_range, y_range) = ((0.0, 100.0), (-50.0, 100.0));
    let mut chart = ChartBuilder::on(area)
        .caption(
            &spec.title,
            title_style(&spec.title, area.dim_in_pixel().0, style),
        )
        .margin(style.px(MARGIN))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(Y_LABELS))
        .build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)?;
    draw_axes(&mut chart, &spec.x_caption, &spec.y_caption, style)?;
    let base = area.get_base_pixel();
    // The lines under the dots, their values over them (written after the dots, below).
    let mut labels = Vec::new();
    for v in SCORE_LINES {
        let (a, b) = (
            local(base, chart.backend_coord(&(v, y_range.0))),
            local(base, chart.backend_coord(&(v, y_range.1))),
        );
        threshold(area, a, b, style)?;
        labels.push((
            v,
            Point::new(b.x + style.px(3.0), b.y + style.px(2.0)),
            (HAlign::Left, VAlign::Top),
        ));
        let (a, b) = (
            local(base, chart.backend_coord(&(x_range.0, v))),
            local(base, chart.backend_coord(&(x_range.1, v))),
        );
        threshold(area, a, b, style)?;
        labels.push((
            v,
            Point::new(b.x - style.px(3.0), b.y - style.px(2.0)),
            (HAlign::Right, VAlign::Bottom),
        ));
    }
    let colour = palette::series_colour(0);
    let r = style.px(4.0).round().max(2.0) as u32;
    let name_style = style.text(size::SMALL, palette::INK, HPos::Left, VPos::Center);
    let named = spec.points.len() <= MAX_NAMED_POINTS;
    // Accounts on the same pixel draw the same dot: each is drawn once, so 100,000 accounts
    // with a few hundred distinct score pairs cost a few hundred dots.
    let mut drawn = std::collections::HashSet::new();
    for p in &spec.points {
        let x = p.x.clamp(x_range.0, x_range.1);
        let y = p.y.clamp(y_range.0, y_range.1);
        let inside = (x, y) == (p.x, p.y);
        if !drawn.insert((chart.backend_coord(&(x, y)), inside)) && !named {
            continue;
        }
        let shape = if inside {
            colour.filled()
        } else {
            colour.stroke_width(style.stroke(2.0))
        };
        chart.draw_series(std::iter::once(Circle::new((x, y), r, shape)))?;
        if named {
            let at = local(base, chart.backend_coord(&(x, y)));
            area.draw(&Text::new(
                p.name.as_str(),
                Point::new(at.x + style.px(7.0), at.y).pixel(),
                name_style.clone(),
            ))?;
        }
    }
    for (v, at, anchor) in labels {
        value_label(area, &format_value(v), at, anchor, style)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pareto_curve_is_sorted_cumulative_and_ends_at_100() {
        let curve = pareto_curve(&[10.0, 60.0, 30.0]).expect("valid amounts");
        assert_eq!(
            curve,
            vec![(0.0, 0.0), (1.0, 60.0), (2.0, 90.0), (3.0, 100.0)]
        );
        assert_eq!(pareto_curve(&[0.0, 0.0]), Ok(vec![(0.0, 0.0)]));
    }

    /// The drawn elements of one chart as SVG text.
    fn svg_of(draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>)) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (520, 390)).into_drawing_area();
            draw(&area);
            area.present().expect("presents");
        }
        svg
    }

    #[test]
    fn a_large_portfolio_draws_each_dot_and_curve_point_worth_seeing_once() {
        let style = ChartStyle::default();
        let point = |i: usize| ScatterPoint {
            x: (i % 7) as f64 * 10.0,
            // Every tenth account above the chart's range: hollow on its edge.
            y: if i.is_multiple_of(10) {
                150.0
            } else {
                (i % 5) as f64 * 20.0
            },
            name: format!("Account {i}"),
        };
        let spec = |n: usize| ScatterSpec {
            title: "KA vs credit".into(),
            x_caption: "KA".into(),
            y_caption: "Credit".into(),
            points: (0..n).map(point).collect(),
        };
        let many = svg_of(|area| draw_score_scatter(area, &spec(100_000), &style).expect("draws"));
        let few = svg_of(|area| draw_score_scatter(area, &spec(700), &style).expect("draws"));
        // 100,000 accounts on the same 7 × 5 filled spots and 7 hollow ones as 700 accounts:
        // the same picture, at the same cost.
        assert_eq!(many, few);
        assert_eq!(many.matches("<circle").count(), 7 * 5 + 7);
        // Few enough to name: every account is drawn and named, even on a shared spot.
        let named = svg_of(|area| draw_score_scatter(area, &spec(20), &style).expect("draws"));
        assert_eq!(named.matches("<circle").count(), 20);
        assert!(named.contains("Account 19"));

        let values: Vec<f64> = (0..100_000).map(|i| f64::from(i % 997) + 1.0).collect();
        let curve = pareto_curve(&values).expect("valid amounts");
        let thinned: Vec<_> = thin_curve(&curve, 520).collect();
        assert!(thinned.len() <= 4 * 520 + 2, "{}", thinned.len());
        assert_eq!(thinned.first(), curve.first());
        assert_eq!(thinned.last(), Some(&(100_000.0, 100.0)));
        // Thinned, the line still passes through the curve's own points: nothing is invented.
        assert!(thinned.iter().all(|p| curve.contains(p)));
    }

    #[test]
    fn pareto_rejects_negative_and_nan_amounts() {
        assert_eq!(
            pareto_curve(&[5.0, -1.0]),
            Err(ChartError::NegativeAmount { name: "#2".into() })
        );
        assert!(matches!(
            pareto_curve(&[f64::NAN]),
            Err(ChartError::NotFinite { .. })
        ));
    }
}
