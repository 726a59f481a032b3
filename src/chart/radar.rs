//! The radar chart: its input ([`RadarSpec`]), layout, drawing, SVG export and text alternative.
//!
//! A radar compares up to five series (accounts or people) with the framework's reference lines
//! on the same axes. Points of a series strictly below the marked line get a ring and their
//! value, which is the chart's main message ("A falls short of the baseline on quality").
//! Missing values are shown as a break in the outline and a "?" on the rim, never as a point
//! at the centre, because a blank in the data is not a score of zero.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::geometry::{
    axis_direction, below_line, block_size, dash_segments, fit_frame, outline, place_axis_labels,
    polygon_vertices, text_box, text_height, text_width, truncate, wrap_label, HAlign,
    LabelPlacement, Outline, Point, RadarFrame, Rect, Scale, VAlign, Vertex, RING_FRACTIONS,
};
use super::palette::{self, Dash, FILL_ALPHA, MAX_SERIES};
use super::{format_value, hpos, size, to_svg, vpos, ChartError, ChartStyle};

/// One axis of the radar.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarAxis {
    /// The label shown outside the web, already in the chosen language; an axis with its own
    /// scale states its unit here, e.g. "Age 年龄 (20–70 yrs)".
    pub label: String,
    /// The values at the centre and on the outer ring.
    pub scale: Scale,
    /// Whether points on this axis are compared with the marked line. `false` for an axis
    /// plotted as is (a person's age), where being below the line means nothing.
    pub compared: bool,
}

impl RadarAxis {
    /// An axis scored 0–100.
    pub fn percent(label: impl Into<String>) -> Self {
        RadarAxis {
            label: label.into(),
            scale: Scale::PERCENT,
            compared: true,
        }
    }
}

/// A reference line (baseline, warning line, tier line, ideal profile): one value per axis.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceLine {
    /// The name in the legend, e.g. "Baseline 基准线".
    pub name: String,
    /// One value per axis.
    pub values: Vec<f64>,
}

/// A compared account or person: one value per axis, `None` where it is missing.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The name in the legend.
    pub name: String,
    /// One value per axis.
    pub values: Vec<Option<f64>>,
}

/// Everything a radar chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarSpec {
    /// The title above the chart (may be empty).
    pub title: String,
    /// The axes, first one straight up, then clockwise.
    pub axes: Vec<RadarAxis>,
    /// Reference lines, drawn dashed.
    pub lines: Vec<ReferenceLine>,
    /// Compared series, at most [`MAX_SERIES`].
    pub series: Vec<Series>,
    /// The line series are compared with: their points strictly below it are marked.
    pub marked_line: Option<usize>,
}

/// A point of a series strictly below the marked line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shortfall {
    /// Index of the series.
    pub series: usize,
    /// Index of the axis.
    pub axis: usize,
    /// The series' value.
    pub value: f64,
    /// The line's value on that axis.
    pub line_value: f64,
}

impl RadarSpec {
    /// Checks that the spec can be drawn: enough axes, usable scales, one finite value per axis
    /// everywhere, a palette colour per series, an existing marked line.
    pub fn validate(&self) -> Result<(), ChartError> {
        let n = self.axes.len();
        if n < 3 {
            return Err(ChartError::TooFewAxes { count: n });
        }
        if let Some(a) = self.axes.iter().find(|a| !a.scale.is_valid()) {
            return Err(ChartError::BadScale {
                axis: a.label.clone(),
                min: a.scale.min,
                max: a.scale.max,
            });
        }
        if self.series.len() > MAX_SERIES {
            return Err(ChartError::TooManySeries {
                count: self.series.len(),
                max: MAX_SERIES,
            });
        }
        let mismatch = |name: &str, found: usize| ChartError::LengthMismatch {
            name: name.to_string(),
            expected: n,
            found,
        };
        let not_finite = |name: &str, axis: usize| ChartError::NotFinite {
            name: name.to_string(),
            axis: self.axes[axis].label.clone(),
        };
        for line in &self.lines {
            if line.values.len() != n {
                return Err(mismatch(&line.name, line.values.len()));
            }
            if let Some(axis) = line.values.iter().position(|v| !v.is_finite()) {
                return Err(not_finite(&line.name, axis));
            }
        }
        for s in &self.series {
            if s.values.len() != n {
                return Err(mismatch(&s.name, s.values.len()));
            }
            if let Some(axis) = s
                .values
                .iter()
                .position(|v| v.is_some_and(|v| !v.is_finite()))
            {
                return Err(not_finite(&s.name, axis));
            }
        }
        if let Some(index) = self.marked_line {
            if index >= self.lines.len() {
                return Err(ChartError::NoSuchLine {
                    index,
                    count: self.lines.len(),
                });
            }
        }
        Ok(())
    }

    /// Every point of every series strictly below the marked line (none without one).
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        let Some(line) = self.marked_line.and_then(|i| self.lines.get(i)) else {
            return Vec::new();
        };
        self.series
            .iter()
            .enumerate()
            .flat_map(|(series, s)| {
                below_line(&s.values, &line.values)
                    .into_iter()
                    .filter(|&axis| self.axes.get(axis).is_some_and(|a| a.compared))
                    .filter_map(move |axis| {
                        Some(Shortfall {
                            series,
                            axis,
                            value: s.values.get(axis).copied().flatten()?,
                            line_value: *line.values.get(axis)?,
                        })
                    })
            })
            .collect()
    }

    fn scales(&self) -> Vec<Scale> {
        self.axes.iter().map(|a| a.scale).collect()
    }

    /// The axis the ring values are printed along: one with the most common scale, so they
    /// read for most axes, and of those the most upright one, where the values stack
    /// vertically and separate even on a small web (upwards before downwards).
    fn ring_axis(&self) -> usize {
        let n = self.axes.len();
        let count = |s: Scale| self.axes.iter().filter(|a| a.scale == s).count();
        let Some(mut common) = self.axes.first().map(|a| a.scale) else {
            return 0;
        };
        // The first of the most common scales, so a tie goes to the axes drawn first.
        for a in &self.axes {
            if count(a.scale) > count(common) {
                common = a.scale;
            }
        }
        let lean = |i: usize| {
            let (dx, dy) = axis_direction(i, n);
            (dx.abs(), dy)
        };
        (0..n)
            .filter(|&i| self.axes[i].scale == common)
            .min_by(|&a, &b| {
                lean(a)
                    .partial_cmp(&lean(b))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or(0)
    }

    /// The text drawn for axis `index`: its label, with its range added when its scale differs
    /// from the one the ring values are printed for and the label does not state it already,
    /// so no axis is read against numbers that are not its own.
    fn axis_text(&self, index: usize, ring_scale: Scale) -> String {
        let axis = &self.axes[index];
        let range = format!(
            "{}–{}",
            format_value(axis.scale.min),
            format_value(axis.scale.max)
        );
        if axis.scale == ring_scale || axis.label.contains(&range) {
            axis.label.clone()
        } else {
            format!("{} ({range})", axis.label)
        }
    }
}

/// What a legend entry stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendKind {
    /// Reference line `i`.
    Line(usize),
    /// Series `i`.
    Series(usize),
    /// The ring marking points below the marked line.
    Shortfall,
}

/// One legend entry with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// What it stands for.
    pub kind: LegendKind,
    /// Its text, cut with "…" when the name is too long for the legend.
    pub text: String,
    /// The sample's box (a dashed stroke, a filled swatch or a ring).
    pub swatch: Rect,
    /// The left-middle anchor of the text.
    pub text_at: Point,
    /// The box the sample and text cover together.
    pub bounds: Rect,
}

/// A line of text with the box it covers: the title, a ring value.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    /// The text as drawn.
    pub text: String,
    /// The point the text is aligned to.
    pub anchor: Point,
    /// Horizontal alignment at the anchor.
    pub h: HAlign,
    /// Vertical alignment at the anchor.
    pub v: VAlign,
    /// The estimated box the text covers.
    pub bounds: Rect,
}

/// A point of a series below the marked line as drawn: ringed, its value beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct ShortfallMark {
    /// The point, the centre of its ring.
    pub at: Point,
    /// The value written right of the ring.
    pub value: Caption,
}

/// The radius of the ring around a point below the marked line, in device pixels.
fn shortfall_ring(style: &ChartStyle) -> f64 {
    style.px(7.0).round().max(3.0)
}

/// Where everything of a radar goes in a drawing area of a given size, in device pixels.
///
/// [`draw_radar`] draws exactly this layout; the UI can use it too, e.g. to show a tooltip when
/// the pointer is near a vertex.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarLayout {
    /// The web's centre and radius.
    pub frame: RadarFrame,
    /// The font size of axis labels and legend, in CSS pixels: the base size, or a little
    /// less on a canvas too small for the web to dominate otherwise.
    pub font: f64,
    /// One placement per axis label.
    pub labels: Vec<LabelPlacement>,
    /// The lines of each axis label (a long label is wrapped), in axis order.
    pub label_lines: Vec<Vec<String>>,
    /// The title, if there is one.
    pub title: Option<Caption>,
    /// The ring values, printed once beside one axis (none when the web is too small to
    /// keep them apart).
    pub ring_values: Vec<Caption>,
    /// The points of series below the marked line, ringed, with their values.
    pub shortfalls: Vec<ShortfallMark>,
    /// The legend, below the web.
    pub legend: Vec<LegendEntry>,
    /// The vertices of each series (`None` where missing), in spec order.
    pub series: Vec<Vec<Option<Vertex>>>,
    /// The vertices of each reference line, in spec order.
    pub lines: Vec<Vec<Point>>,
}

/// Label font sizes tried in turn (CSS px) until the web is large enough; below 11 px text
/// stops being legible on a projector.
const FONT_STEPS: [f64; 3] = [size::LABEL, size::LABEL - 1.0, size::SMALL];

/// How much larger the title is than the labels, whatever size those end up.
const TITLE_STEP: f64 = size::TITLE - size::LABEL;

/// The share of the canvas' smaller side the web's radius should reach; below it labels are
/// wrapped and then made smaller, because the web is what the chart is about.
const DOMINANT_RADIUS: f64 = 0.3;

/// Labels wider than this many ems are wrapped when the web needs the room.
const WRAP_EMS: f64 = 6.5;

/// The widest a legend entry's text may be, as a share of the legend's width.
const LEGEND_TEXT_SHARE: f64 = 0.5;

impl RadarLayout {
    /// Whether [`draw_radar_web`] draws the same picture for both layouts (at the same style):
    /// the web, axis labels, legend and title are where they were. New values, or new
    /// reference lines under the same names, leave it so.
    pub fn same_web(&self, other: &RadarLayout) -> bool {
        self.frame == other.frame
            && self.font == other.font
            && self.labels == other.labels
            && self.label_lines == other.label_lines
            && self.title == other.title
            && self.legend == other.legend
    }

    /// Lays out `spec` in a `width` × `height` area. The spec should be valid
    /// ([`RadarSpec::validate`]); extra or missing values are ignored rather than panicking.
    ///
    /// Tries the base font on one line per label first, then wrapped labels, then smaller fonts,
    /// and takes the first layout whose web reaches [`DOMINANT_RADIUS`] of the smaller side,
    /// or the one with the largest web if none does; a roomy canvas thus keeps labels whole.
    pub fn compute(spec: &RadarSpec, style: &ChartStyle, width: u32, height: u32) -> Self {
        let goal = DOMINANT_RADIUS * f64::from(width.min(height));
        let mut best: Option<RadarLayout> = None;
        let tries =
            std::iter::once((size::LABEL, false)).chain(FONT_STEPS.iter().map(|f| (*f, true)));
        for (font, wrap) in tries {
            let layout = Self::arrange(spec, style, width, height, font, wrap);
            if layout.frame.radius >= goal {
                return layout;
            }
            if best
                .as_ref()
                .is_none_or(|b| layout.frame.radius > b.frame.radius + 0.5)
            {
                best = Some(layout);
            }
        }
        best.unwrap_or_else(|| Self::arrange(spec, style, width, height, size::LABEL, true))
    }

    /// The layout with labels and legend at `font` CSS px, long labels wrapped if `wrap`.
    fn arrange(
        spec: &RadarSpec,
        style: &ChartStyle,
        width: u32,
        height: u32,
        font: f64,
        wrap: bool,
    ) -> Self {
        let (w, h) = (f64::from(width), f64::from(height));
        let pad = style.px(8.0);
        let label_px = style.px(font);
        let title_px = style.px(font + TITLE_STEP);

        let title = (!spec.title.is_empty()).then(|| {
            let text = truncate(&spec.title, title_px, (w - 2.0 * pad).max(1.0));
            let anchor = Point::new(w / 2.0, pad);
            let tw = text_width(&text, title_px);
            Caption {
                bounds: Rect::new(
                    anchor.x - tw / 2.0,
                    anchor.y,
                    anchor.x + tw / 2.0,
                    anchor.y + text_height(title_px),
                ),
                text,
                anchor,
                h: HAlign::Centre,
                v: VAlign::Top,
            }
        });
        let title_h = title
            .as_ref()
            .map_or(0.0, |t| t.bounds.height() + style.px(4.0));

        let (legend, legend_h) = legend(spec, style, w, h, pad, label_px);
        let legend_top = h - pad - legend_h;

        let plot = Rect::new(
            pad,
            pad + title_h,
            w - pad,
            (legend_top - style.px(4.0)).max(pad + title_h + 1.0),
        );
        let ring_axis = spec.ring_axis();
        let ring_scale = spec.axes.get(ring_axis).map_or(Scale::PERCENT, |a| a.scale);
        let budget = if wrap {
            WRAP_EMS * label_px
        } else {
            f64::INFINITY
        };
        let label_lines: Vec<Vec<String>> = (0..spec.axes.len())
            .map(|i| wrap_label(&spec.axis_text(i, ring_scale), label_px, budget))
            .collect();
        let sizes: Vec<(f64, f64)> = label_lines
            .iter()
            .map(|l| block_size(l, label_px))
            .collect();
        let gap = style.px(6.0);
        let frame = fit_frame(plot, &sizes, gap);
        let labels = place_axis_labels(&frame, &sizes, gap);
        let mut layout = RadarLayout {
            frame,
            font,
            labels,
            label_lines,
            title,
            ring_values: Vec::new(),
            shortfalls: Vec::new(),
            legend,
            series: Vec::new(),
            lines: Vec::new(),
        };
        layout.place_values(spec, style);
        layout
    }

    /// The layout of `spec`, which differs from `earlier` (laid out as `self`, at the same
    /// size and `style`) only in its values, or in its reference lines' values: the web,
    /// labels, legend and title stay where they are and only the marks move, without laying
    /// out the text again. `None` when anything else differs (then lay it out anew with
    /// [`RadarLayout::compute`]), also when shortfalls appear or all go away, which adds or
    /// removes their legend entry.
    pub fn for_new_values(
        &self,
        earlier: &RadarSpec,
        spec: &RadarSpec,
        style: &ChartStyle,
    ) -> Option<RadarLayout> {
        let same_names = earlier.lines.len() == spec.lines.len()
            && earlier.series.len() == spec.series.len()
            && earlier
                .lines
                .iter()
                .zip(&spec.lines)
                .all(|(a, b)| a.name == b.name)
            && earlier
                .series
                .iter()
                .zip(&spec.series)
                .all(|(a, b)| a.name == b.name);
        let same_web = earlier.title == spec.title
            && earlier.axes == spec.axes
            && earlier.marked_line == spec.marked_line
            && same_names
            && earlier.shortfalls().is_empty() == spec.shortfalls().is_empty();
        same_web.then(|| {
            let mut layout = RadarLayout {
                ring_values: Vec::new(),
                shortfalls: Vec::new(),
                series: Vec::new(),
                lines: Vec::new(),
                ..self.clone()
            };
            layout.place_values(spec, style);
            layout
        })
    }

    /// Places what depends on the values in the web already laid out: the series' vertices,
    /// the shortfall marks, the ring values (clear of the shortfall values) and the lines.
    fn place_values(&mut self, spec: &RadarSpec, style: &ChartStyle) {
        let frame = &self.frame;
        let scales = spec.scales();
        let series: Vec<Vec<Option<Vertex>>> = spec
            .series
            .iter()
            .map(|s| polygon_vertices(frame, &scales, &s.values))
            .collect();
        let value_px = style.px(size::SMALL);
        let ring_r = shortfall_ring(style);
        let shortfalls: Vec<ShortfallMark> = spec
            .shortfalls()
            .iter()
            .filter_map(|s| {
                let at = series.get(s.series)?.get(s.axis).copied().flatten()?.point;
                // Right of the ring, clear of it, so the value stays legible over the outline.
                let anchor = Point::new(at.x + ring_r + style.px(3.0), at.y);
                let text = format_value(s.value);
                let w = text_width(&text, value_px);
                let bounds = text_box(anchor, w, value_px, HAlign::Left, VAlign::Middle);
                Some(ShortfallMark {
                    at,
                    value: Caption {
                        text,
                        anchor,
                        h: HAlign::Left,
                        v: VAlign::Middle,
                        bounds,
                    },
                })
            })
            .collect();
        let avoid: Vec<Rect> = shortfalls.iter().map(|m| m.value.bounds).collect();
        let ring_axis = spec.ring_axis();
        let ring_scale = spec.axes.get(ring_axis).map_or(Scale::PERCENT, |a| a.scale);
        let tick_px = style.px(self.font.min(size::SMALL));
        self.ring_values = ring_values(
            frame,
            spec.axes.len(),
            ring_axis,
            ring_scale,
            style,
            tick_px,
            &avoid,
        );
        self.lines = spec
            .lines
            .iter()
            .map(|l| {
                let values: Vec<Option<f64>> = l.values.iter().copied().map(Some).collect();
                polygon_vertices(frame, &scales, &values)
                    .into_iter()
                    .flatten()
                    .map(|v| v.point)
                    .collect()
            })
            .collect();
        self.shortfalls = shortfalls;
        self.series = series;
    }
}

/// The legend entries, flowing on as few rows as fit the width and centred, with the
/// legend's height: lines first (they are the yardstick), then series, then the ring's meaning.
fn legend(
    spec: &RadarSpec,
    style: &ChartStyle,
    w: f64,
    h: f64,
    pad: f64,
    label_px: f64,
) -> (Vec<LegendEntry>, f64) {
    let mut items: Vec<(LegendKind, &str)> = spec
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| (LegendKind::Line(i), l.name.as_str()))
        .collect();
    items.extend(
        spec.series
            .iter()
            .enumerate()
            .map(|(i, s)| (LegendKind::Series(i), s.name.as_str())),
    );
    let shortfall_text = spec
        .marked_line
        .and_then(|i| spec.lines.get(i))
        .filter(|_| !spec.shortfalls().is_empty())
        .map(|line| format!("< {}", line.name));
    if let Some(text) = &shortfall_text {
        items.push((LegendKind::Shortfall, text.as_str()));
    }
    let max_row = (w - 2.0 * pad).max(1.0);
    let items: Vec<(LegendKind, String)> = items
        .into_iter()
        .map(|(kind, text)| (kind, truncate(text, label_px, max_row * LEGEND_TEXT_SHARE)))
        .collect();
    let swatch_w = style.px(20.0);
    let inner_gap = style.px(5.0);
    let entry_gap = style.px(14.0);
    let line_h = text_height(label_px) * 1.1;
    let entry_w = |t: &str| swatch_w + inner_gap + text_width(t, label_px);
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut row_w = 0.0;
    for (i, (_, text)) in items.iter().enumerate() {
        let ew = entry_w(text);
        match rows.last_mut() {
            Some(row) if row_w + entry_gap + ew <= max_row => {
                row.push(i);
                row_w += entry_gap + ew;
            }
            _ => {
                rows.push(vec![i]);
                row_w = ew;
            }
        }
    }
    let legend_h = rows.len() as f64 * line_h;
    let top = h - pad - legend_h;
    let mut legend = Vec::with_capacity(items.len());
    for (r, row) in rows.iter().enumerate() {
        let total: f64 = row.iter().map(|i| entry_w(&items[*i].1)).sum::<f64>()
            + entry_gap * (row.len().saturating_sub(1)) as f64;
        let mut x = (w - total) / 2.0;
        let mid = top + (r as f64 + 0.5) * line_h;
        for i in row {
            let (kind, text) = &items[*i];
            let half = label_px * 0.45;
            let ew = entry_w(text);
            let text_half = text_height(label_px) / 2.0;
            legend.push(LegendEntry {
                kind: *kind,
                text: text.clone(),
                swatch: Rect::new(x, mid - half, x + swatch_w, mid + half),
                text_at: Point::new(x + swatch_w + inner_gap, mid),
                bounds: Rect::new(x, mid - text_half, x + ew, mid + text_half),
            });
            x += ew + entry_gap;
        }
    }
    (legend, legend_h)
}

/// The ring values beside axis `axis`, for `scale`, at `font_px`: every ring's value if their
/// boxes stay apart, else every other ring's, else none, because numbers piled on each other
/// inform nobody. Of the spoke's two sides the one where fewer values meet a box in `avoid`
/// (the shortfall values) is taken, and values that still meet one are left out.
fn ring_values(
    frame: &RadarFrame,
    n: usize,
    axis: usize,
    scale: Scale,
    style: &ChartStyle,
    font_px: f64,
    avoid: &[Rect],
) -> Vec<Caption> {
    let (dx, dy) = axis_direction(axis, n);
    let beside = dx.abs() < 0.3;
    let up = dy < 0.0;
    let d = style.px(5.0);
    // `side` 1 is the preferred side: left of a vertical spoke, on the inner side of each ring
    // (below it on the upward spoke), so the outermost value stays clear of the axis label and
    // none meets a shortfall value, which is written right of its point; beside a slanted
    // spoke, its clockwise side. `side` -1 is the mirror image.
    let place = |side: f64, f: f64| {
        let p = frame.point(axis, n, f);
        let (anchor, h, v) = if beside {
            (
                Point::new(p.x - side * d, if up { p.y + 1.0 } else { p.y - 1.0 }),
                if side > 0.0 {
                    HAlign::Right
                } else {
                    HAlign::Left
                },
                if up { VAlign::Top } else { VAlign::Bottom },
            )
        } else {
            let (tx, ty) = (-dy * side, dx * side);
            (
                Point::new(p.x + tx * d, p.y + ty * d),
                if tx >= 0.0 {
                    HAlign::Left
                } else {
                    HAlign::Right
                },
                if ty > 0.0 {
                    VAlign::Top
                } else {
                    VAlign::Bottom
                },
            )
        };
        let text = format_value(scale.value_at(f));
        // Digits have no descenders, so one em is their height; the leading is not needed.
        let bounds = text_box(anchor, text_width(&text, font_px), font_px, h, v);
        Caption {
            text,
            anchor,
            h,
            v,
            bounds,
        }
    };
    let apart = |cs: &[Caption]| cs.windows(2).all(|p| !p[0].bounds.intersects(&p[1].bounds));
    let on_side = |side: f64| -> Vec<Caption> {
        let all: Vec<Caption> = RING_FRACTIONS.iter().map(|f| place(side, *f)).collect();
        let alternate: Vec<Caption> = RING_FRACTIONS
            .iter()
            .skip(1)
            .step_by(2)
            .map(|f| place(side, *f))
            .collect();
        let chosen = if apart(&all) {
            all
        } else if apart(&alternate) {
            alternate
        } else {
            Vec::new()
        };
        chosen
            .into_iter()
            .filter(|c| !avoid.iter().any(|a| a.intersects(&c.bounds)))
            .collect()
    };
    let preferred = on_side(1.0);
    let mirrored = on_side(-1.0);
    if mirrored.len() > preferred.len() {
        mirrored
    } else {
        preferred
    }
}

fn px(points: &[Point]) -> Vec<(i32, i32)> {
    points.iter().map(|p| p.pixel()).collect()
}

/// Draws dashed (or solid) strokes along a path, one backend line per dash, because plotters
/// strokes polygons only solid.
fn draw_dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[Point],
    closed: bool,
    dash: Dash,
    colour: RGBColor,
    style: &ChartStyle,
    width_css: f64,
) -> Result<(), ChartError> {
    let stroke = colour.stroke_width(style.stroke(width_css));
    for (a, b) in dash_segments(points, closed, &dash.scaled(style.factor())) {
        area.draw(&PathElement::new(vec![a.pixel(), b.pixel()], stroke))?;
    }
    Ok(())
}

/// Draws a radar chart onto `area`, filling it: [`draw_radar_web`], then
/// [`draw_radar_marks`].
///
/// Order of drawing, back to front: web, axis labels, legend, title, ring values, reference
/// lines (dashed), series fills, series outlines and dots, shortfall rings with values.
pub fn draw_radar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &RadarSpec,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    spec.validate()?;
    let (width, height) = area.dim_in_pixel();
    let layout = RadarLayout::compute(spec, style, width, height);
    draw_radar_web(area, spec, &layout, style)?;
    draw_radar_marks(area, spec, &layout, style)
}

/// The radar's still part, filling `area`: the white ground, the web, the axis labels, the
/// legend and the title. It changes only when what [`RadarLayout::same_web`] compares does, so
/// a page that redraws a radar for new values can keep it as a picture and draw only
/// [`draw_radar_marks`] over it; most of a radar's text is here.
pub fn draw_radar_web<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &RadarSpec,
    layout: &RadarLayout,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let frame = layout.frame;
    let n = spec.axes.len();
    area.fill(&WHITE)?;

    // The web: rings, then spokes.
    let grid = palette::GRID.stroke_width(style.stroke(1.0));
    for f in RING_FRACTIONS {
        let mut ring = px(&frame.ring(f, n));
        if let Some(first) = ring.first().copied() {
            ring.push(first);
        }
        area.draw(&PathElement::new(ring, grid))?;
    }
    for i in 0..n {
        let end = frame.point(i, n, 1.0);
        area.draw(&PathElement::new(
            vec![frame.centre.pixel(), end.pixel()],
            grid,
        ))?;
    }

    // Axis labels line by line, each line aligned like the block, so a wrapped label stays
    // flush against the web's side.
    let line_h = text_height(style.px(layout.font));
    for (lines, place) in layout.label_lines.iter().zip(&layout.labels) {
        let ts = style.text(layout.font, palette::INK, hpos(place.h), VPos::Center);
        for (k, line) in lines.iter().enumerate() {
            let at = Point::new(place.anchor.x, place.bounds.y0 + (k as f64 + 0.5) * line_h);
            area.draw(&Text::new(line.as_str(), at.pixel(), ts.clone()))?;
        }
    }

    let ring = palette::SHORTFALL.stroke_width(style.stroke(2.0));
    // The ring's radius is a small whole number of pixels; the cast cannot truncate.
    let ring_r = shortfall_ring(style) as u32;
    let legend_text = style.text(layout.font, palette::INK, HPos::Left, VPos::Center);
    for entry in &layout.legend {
        let sw = entry.swatch;
        let mid = (sw.y0 + sw.y1) / 2.0;
        match entry.kind {
            LegendKind::Line(i) => {
                let ls = palette::line_style(i);
                let sample = [Point::new(sw.x0, mid), Point::new(sw.x1, mid)];
                draw_dashed(area, &sample, false, ls.dash, ls.colour, style, 1.8)?;
            }
            LegendKind::Series(i) => {
                let colour = palette::series_colour(i);
                let corners = [
                    Point::new(sw.x0, sw.y0).pixel(),
                    Point::new(sw.x1, sw.y1).pixel(),
                ];
                area.draw(&Rectangle::new(corners, colour.mix(FILL_ALPHA).filled()))?;
                area.draw(&Rectangle::new(
                    corners,
                    colour.stroke_width(style.stroke(2.0)),
                ))?;
            }
            LegendKind::Shortfall => {
                let c = Point::new((sw.x0 + sw.x1) / 2.0, mid);
                area.draw(&Circle::new(c.pixel(), ring_r, ring))?;
            }
        }
        area.draw(&Text::new(
            entry.text.as_str(),
            entry.text_at.pixel(),
            legend_text.clone(),
        ))?;
    }

    if let Some(title) = &layout.title {
        let ts = style.bold(
            layout.font + TITLE_STEP,
            palette::INK,
            HPos::Center,
            VPos::Top,
        );
        area.draw(&Text::new(title.text.as_str(), title.anchor.pixel(), ts))?;
    }
    Ok(())
}

/// What a radar shows of its values, over [`draw_radar_web`]: the ring values (placed clear
/// of the shortfall values), the reference lines, the series and the shortfall marks.
pub fn draw_radar_marks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &RadarSpec,
    layout: &RadarLayout,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let frame = layout.frame;
    let n = spec.axes.len();
    // Ring values, once, beside the ring axis.
    let tick_size = layout.font.min(size::SMALL);
    for tick in &layout.ring_values {
        let ts = style.text(tick_size, palette::MUTED, hpos(tick.h), vpos(tick.v));
        area.draw(&Text::new(tick.text.as_str(), tick.anchor.pixel(), ts))?;
    }

    // Reference lines, dashed so they never read as a series.
    for (k, points) in layout.lines.iter().enumerate() {
        let ls = palette::line_style(k);
        draw_dashed(area, points, true, ls.dash, ls.colour, style, 1.8)?;
    }

    // Series: fills first so no fill covers another series' outline.
    for (k, vertices) in layout.series.iter().enumerate() {
        // A series with a missing value is not filled: any filled shape would have to close
        // through the centre or across the gap, which reads as a value that is not there.
        if vertices.iter().all(Option::is_some) {
            let pts: Vec<Point> = vertices.iter().flatten().map(|v| v.point).collect();
            let fill = palette::series_colour(k).mix(FILL_ALPHA).filled();
            area.draw(&Polygon::new(px(&pts), fill))?;
        }
    }
    for (k, vertices) in layout.series.iter().enumerate() {
        let colour = palette::series_colour(k);
        let stroke = colour.stroke_width(style.stroke(2.0));
        let present: Vec<bool> = vertices.iter().map(Option::is_some).collect();
        let point = |axis: usize| vertices[axis].map(|v| v.point.pixel());
        match outline(&present) {
            Outline::Closed(axes) => {
                let mut pts: Vec<(i32, i32)> = axes.iter().filter_map(|a| point(*a)).collect();
                if let Some(first) = pts.first().copied() {
                    pts.push(first);
                }
                area.draw(&PathElement::new(pts, stroke))?;
            }
            Outline::Runs(runs) => {
                for run in runs.iter().filter(|r| r.len() > 1) {
                    let pts: Vec<(i32, i32)> = run.iter().filter_map(|a| point(*a)).collect();
                    area.draw(&PathElement::new(pts, stroke))?;
                }
            }
        }
        let dot = style.px(3.5).round().max(2.0) as u32;
        let missing_style = style.bold(size::LABEL, colour, HPos::Center, VPos::Center);
        let series_count = layout.series.len() as f64;
        for (axis, v) in vertices.iter().enumerate() {
            match v {
                Some(v) if v.clamped => {
                    // A value off the scale: a hollow square, so it does not pass for a value
                    // exactly on the rim or at the centre.
                    let s = style.px(4.5);
                    let (x, y) = (v.point.x, v.point.y);
                    let corners = [
                        Point::new(x - s, y - s).pixel(),
                        Point::new(x + s, y + s).pixel(),
                    ];
                    area.draw(&Rectangle::new(corners, WHITE.filled()))?;
                    area.draw(&Rectangle::new(
                        corners,
                        colour.stroke_width(style.stroke(2.0)),
                    ))?;
                }
                Some(v) => {
                    area.draw(&Circle::new(v.point.pixel(), dot, colour.filled()))?;
                }
                None => {
                    // A "?" on the rim, spread sideways per series so several gaps on one axis
                    // stay readable.
                    let rim = frame.point(axis, n, 1.0);
                    let (dx, dy) = axis_direction(axis, n);
                    let shift = (k as f64 - (series_count - 1.0) / 2.0) * style.px(11.0);
                    let at = Point::new(rim.x - dy * shift, rim.y + dx * shift);
                    area.draw(&Text::new("?", at.pixel(), missing_style.clone()))?;
                }
            }
        }
    }

    // Points below the marked line: a ring and the value, in the shortfall colour.
    let ring = palette::SHORTFALL.stroke_width(style.stroke(2.0));
    // The ring's radius is a small whole number of pixels; the cast cannot truncate.
    let ring_r = shortfall_ring(style) as u32;
    let value_style = style.bold(size::SMALL, palette::SHORTFALL, HPos::Left, VPos::Center);
    for mark in &layout.shortfalls {
        area.draw(&Circle::new(mark.at.pixel(), ring_r, ring))?;
        area.draw(&Text::new(
            mark.value.text.as_str(),
            mark.value.anchor.pixel(),
            value_style.clone(),
        ))?;
    }

    Ok(())
}

/// The radar as an SVG document of `width` × `height` (for downloads; the same drawing as the
/// canvas).
pub fn radar_svg(
    spec: &RadarSpec,
    style: &ChartStyle,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    to_svg(width, height, |area| {
        draw_radar(area, spec, &style.for_svg())
    })
}

/// One cell of the radar's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCell {
    /// The number as drawn ("80", "17.5"), or "—" when missing.
    pub text: String,
    /// The value is a series' point strictly below the marked line (ringed on the chart).
    pub below_marked_line: bool,
}

/// One row of the radar's table: an axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// The axis label.
    pub axis: String,
    /// One cell per column.
    pub cells: Vec<TableCell>,
}

/// The radar's numbers as a table, for screen readers and copying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RadarTable {
    /// Column headings: each series, then each reference line. (The axis column's heading is
    /// the UI's own word.)
    pub columns: Vec<String>,
    /// One row per axis, in axis order.
    pub rows: Vec<TableRow>,
}

/// The text alternative of a radar: rows are axes, columns are series then lines, the same
/// numbers the chart draws.
pub fn radar_table(spec: &RadarSpec) -> RadarTable {
    let shortfalls = spec.shortfalls();
    let columns = spec
        .series
        .iter()
        .map(|s| s.name.clone())
        .chain(spec.lines.iter().map(|l| l.name.clone()))
        .collect();
    let text = |v: Option<f64>| v.map_or_else(|| "—".to_string(), format_value);
    let rows = spec
        .axes
        .iter()
        .enumerate()
        .map(|(axis, a)| {
            let series = spec.series.iter().enumerate().map(|(k, s)| TableCell {
                text: text(s.values.get(axis).copied().flatten()),
                below_marked_line: shortfalls.iter().any(|f| f.series == k && f.axis == axis),
            });
            let lines = spec.lines.iter().map(|l| TableCell {
                text: text(l.values.get(axis).copied()),
                below_marked_line: false,
            });
            TableRow {
                axis: a.label.clone(),
                cells: series.chain(lines).collect(),
            }
        })
        .collect();
    RadarTable { columns, rows }
}

/// The point of a radar under the pointer, described for a tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct VertexHit {
    /// Where the vertex is drawn, in the layout's pixels.
    pub at: Point,
    /// "Customer A · Quality requirement: 80 (Baseline 90)".
    pub text: String,
}

impl RadarLayout {
    /// The vertex nearest to (`x`, `y`) within `reach` pixels, with its value and the lines'
    /// values on that axis, so every point of the chart can be read exactly.
    pub fn vertex_at(&self, spec: &RadarSpec, x: f64, y: f64, reach: f64) -> Option<VertexHit> {
        let pointer = Point::new(x, y);
        let (series, vertex) = self
            .series
            .iter()
            .enumerate()
            .flat_map(|(s, vertices)| vertices.iter().flatten().map(move |v| (s, v)))
            .filter(|(_, v)| v.point.distance(pointer) <= reach)
            .min_by(|a, b| {
                a.1.point
                    .distance(pointer)
                    .total_cmp(&b.1.point.distance(pointer))
            })?;
        let axis = spec.axes.get(vertex.axis)?;
        let lines: Vec<String> = spec
            .lines
            .iter()
            .filter_map(|l| {
                l.values
                    .get(vertex.axis)
                    .map(|v| format!("{} {}", l.name, format_value(*v)))
            })
            .collect();
        let name = spec
            .series
            .get(series)
            .map(|s| s.name.as_str())
            .unwrap_or("");
        let mut text = format!(
            "{name} · {}: {}",
            axis.label.replace('\n', " "),
            format_value(vertex.value)
        );
        if !lines.is_empty() {
            text.push_str(&format!(" ({})", lines.join(", ")));
        }
        Some(VertexHit {
            at: vertex.point,
            text,
        })
    }
}
