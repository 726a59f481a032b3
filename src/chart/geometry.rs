//! Radar geometry as pure functions: axis angles, value → point, rings, polygons, dashes, labels.
//!
//! Nothing here knows plotters. Points are in pixel coordinates of the drawing area (x to the
//! right, y downwards), so what the tests measure is exactly what is drawn. The first axis points
//! straight up and the axes follow clockwise, as on the source's printed radar charts.

use std::f64::consts::TAU;

/// The fractions of the radius where the web's rings lie: 20, 40, 60, 80 and 100 on a 0–100 axis.
pub const RING_FRACTIONS: [f64; 5] = [0.2, 0.4, 0.6, 0.8, 1.0];

/// A point in pixel coordinates (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal position, to the right.
    pub x: f64,
    /// Vertical position, downwards.
    pub y: f64,
}

impl Point {
    /// A point at `(x, y)`.
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    /// The Euclidean distance to `other`.
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The point rounded to whole pixels, as plotters backends take them.
    pub fn pixel(self) -> (i32, i32) {
        // Coordinates come from finite layout arithmetic on a bounded canvas, so the cast
        // cannot overflow in practice; `as` saturates rather than panics if it ever did.
        (self.x.round() as i32, self.y.round() as i32)
    }
}

/// An axis-aligned rectangle in pixels: `x0 <= x1`, `y0 <= y1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl Rect {
    /// A rectangle from its edges.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect { x0, y0, x1, y1 }
    }

    /// Width in pixels.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height in pixels.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// The rectangle moved down by `dy` (up when negative).
    pub fn shifted_y(&self, dy: f64) -> Rect {
        Rect::new(self.x0, self.y0 + dy, self.x1, self.y1 + dy)
    }
}

/// The value range an axis spans, from the centre (`min`) to the outer ring (`max`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// The value at the centre.
    pub min: f64,
    /// The value at the outer ring.
    pub max: f64,
}

impl Scale {
    /// The 0–100 scale of every score.
    pub const PERCENT: Scale = Scale {
        min: 0.0,
        max: 100.0,
    };

    /// A scale from `min` to `max`.
    pub fn new(min: f64, max: f64) -> Self {
        Scale { min, max }
    }

    /// Whether the scale can map values: both ends finite and `min < max`.
    pub fn is_valid(&self) -> bool {
        self.min.is_finite() && self.max.is_finite() && self.min < self.max
    }

    /// Where `value` lies on this scale as a fraction of the radius, clamped to the web.
    pub fn fraction(&self, value: f64) -> Fraction {
        let raw = (value - self.min) / (self.max - self.min);
        let clamped = raw.clamp(0.0, 1.0);
        Fraction {
            of_radius: clamped,
            // The drawing marks clamped points differently, so a value off the scale is never
            // passed off as lying on the rim or at the centre.
            clamped: raw != clamped,
        }
    }

    /// The value at a fraction of the radius (for ring labels).
    pub fn value_at(&self, fraction: f64) -> f64 {
        self.min + fraction * (self.max - self.min)
    }
}

/// A value's place along an axis, as a fraction of the radius.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fraction {
    /// 0 at the centre, 1 on the outer ring.
    pub of_radius: f64,
    /// The value lay outside the scale and was pulled onto the web.
    pub clamped: bool,
}

/// The angle of axis `index` of `count`, in radians clockwise from straight up.
pub fn axis_angle(index: usize, count: usize) -> f64 {
    if count == 0 {
        return 0.0;
    }
    TAU * index as f64 / count as f64
}

/// The unit vector of axis `index` of `count` in pixel coordinates (so axis 0 is `(0, -1)`).
pub fn axis_direction(index: usize, count: usize) -> (f64, f64) {
    let a = axis_angle(index, count);
    (a.sin(), -a.cos())
}

/// Where the web sits in the drawing area: its centre and outer radius in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RadarFrame {
    /// The centre of the web.
    pub centre: Point,
    /// The radius of the outer ring.
    pub radius: f64,
}

impl RadarFrame {
    /// The point at `fraction` of the radius along axis `index` of `count`.
    pub fn point(&self, index: usize, count: usize, fraction: f64) -> Point {
        self.point_along(axis_direction(index, count), fraction)
    }

    /// The point at `fraction` of the radius along the axis of direction `(dx, dy)`.
    fn point_along(&self, (dx, dy): (f64, f64), fraction: f64) -> Point {
        Point::new(
            self.centre.x + dx * fraction * self.radius,
            self.centre.y + dy * fraction * self.radius,
        )
    }

    /// The corners of the ring at `fraction` of the radius, one per axis.
    pub fn ring(&self, fraction: f64, count: usize) -> Vec<Point> {
        (0..count).map(|i| self.point(i, count, fraction)).collect()
    }
}

/// One drawn corner of a series or line polygon.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vertex {
    /// The axis it lies on.
    pub axis: usize,
    /// The value it stands for, as given (not clamped).
    pub value: f64,
    /// Where it is drawn.
    pub point: Point,
    /// The value lay off the axis' scale and is drawn on the rim or at the centre.
    pub clamped: bool,
}

/// The vertices of a polygon: one per axis, `None` where the value is missing.
///
/// `scales` and `values` run over the same axes; extra entries on either side are ignored
/// (the spec is validated before drawing).
pub fn polygon_vertices(
    frame: &RadarFrame,
    scales: &[Scale],
    values: &[Option<f64>],
) -> Vec<Option<Vertex>> {
    let count = scales.len();
    scales
        .iter()
        .zip(values)
        .enumerate()
        .map(|(axis, (scale, value))| {
            value.map(|value| {
                let f = scale.fraction(value);
                Vertex {
                    axis,
                    value,
                    point: frame.point(axis, count, f.of_radius),
                    clamped: f.clamped,
                }
            })
        })
        .collect()
}

/// How a polygon with possibly missing corners is outlined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outline {
    /// Every corner is present: one closed polygon through these axes, in order.
    Closed(Vec<usize>),
    /// Some corners are missing: open runs of consecutive present axes (wrapping past the last
    /// axis). The outline breaks at each missing axis instead of dropping to the centre.
    Runs(Vec<Vec<usize>>),
}

/// The outline of a polygon whose corners are present where `present[axis]` is true.
pub fn outline(present: &[bool]) -> Outline {
    let n = present.len();
    if present.iter().all(|p| *p) {
        return Outline::Closed((0..n).collect());
    }
    let Some(gap) = present.iter().position(|p| !*p) else {
        return Outline::Runs(Vec::new());
    };
    // Start walking just after a gap so a run that wraps past the last axis stays in one piece.
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for step in 1..=n {
        let axis = (gap + step) % n;
        if present[axis] {
            run.push(axis);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    Outline::Runs(runs)
}

/// The axes where a series lies strictly below a line; missing values are never "below".
pub fn below_line(values: &[Option<f64>], line: &[f64]) -> Vec<usize> {
    values
        .iter()
        .zip(line)
        .enumerate()
        .filter_map(|(axis, (value, limit))| match value {
            Some(v) if v < limit => Some(axis),
            _ => None,
        })
        .collect()
}

/// Splits a path into the visible pieces of a dash pattern.
///
/// `pattern` alternates on and off lengths in pixels, starting with on; an empty pattern (or one
/// with no positive length) means solid, one piece per edge. The pattern continues across
/// corners, so a dashed polygon looks even all round; when `closed`, the last point joins the
/// first.
pub fn dash_segments(points: &[Point], closed: bool, pattern: &[f64]) -> Vec<(Point, Point)> {
    let mut edges: Vec<(Point, Point)> = points.windows(2).map(|w| (w[0], w[1])).collect();
    if closed && points.len() > 2 {
        if let (Some(last), Some(first)) = (points.last(), points.first()) {
            edges.push((*last, *first));
        }
    }
    let period: f64 = pattern.iter().filter(|l| **l > 0.0).sum();
    if period <= 0.0 || !period.is_finite() {
        return edges;
    }
    let mut out = Vec::new();
    // Position inside the pattern: which entry, and how much of it is used up.
    let mut entry = 0usize;
    let mut used = 0.0f64;
    for (a, b) in edges {
        let length = a.distance(b);
        if length <= f64::EPSILON {
            continue;
        }
        let at = |t: f64| {
            Point::new(
                a.x + (b.x - a.x) * t / length,
                a.y + (b.y - a.y) * t / length,
            )
        };
        let mut t = 0.0;
        while t < length {
            let piece = pattern[entry].max(0.0);
            let step = (piece - used).min(length - t);
            // Even entries of the pattern are the visible dashes, odd ones the gaps.
            if entry.is_multiple_of(2) && step > 0.0 {
                out.push((at(t), at(t + step)));
            }
            t += step;
            used += step;
            if used >= piece {
                used = 0.0;
                entry = (entry + 1) % pattern.len();
            }
        }
    }
    out
}

/// Whether a character is drawn about one em wide (CJK ideographs, kana, hangul, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The advance of a character in ems, as DejaVu Sans draws it: the widest of the common UI
/// fonts (and the one Linux browsers fall back to), so an estimate from it is a little more than
/// Segoe UI, San Francisco or Roboto need and labels placed by it do not collide on screen.
/// Character classes rather than one average, because a flat 0.62 em made "Quality requirement"
/// a fifth wider than drawn and took that room from the web.
fn advance(c: char) -> f64 {
    if is_wide(c) {
        return 1.0;
    }
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '·' => 0.3,
        ' ' | '-' | '/' => 0.34,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' => 0.41,
        '–' => 0.5,
        'm' => 0.98,
        'w' | '&' => 0.82,
        'M' | 'W' | '—' | '…' | '%' => 1.0,
        'A'..='Z' => 0.74,
        _ => 0.64,
    }
}

/// An estimate of the width of `text` at `font_px`, without any font (see [`advance`]); wide
/// (CJK) characters count one em.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(advance).sum::<f64>() * font_px
}

/// The height of one line of text at `font_px`, with a little leading.
pub fn text_height(font_px: f64) -> f64 {
    font_px * 1.25
}

/// The size of a block of lines at `font_px`: its widest line and the lines' total height.
pub fn block_size(lines: &[String], font_px: f64) -> (f64, f64) {
    let width = lines
        .iter()
        .map(|l| text_width(l, font_px))
        .fold(0.0, f64::max);
    (width, lines.len() as f64 * text_height(font_px))
}

/// `text` cut to fit `max_width` at `font_px`, ending in "…" when cut. A name in a legend is
/// cut rather than wrapped, because the full name is in the table beside the chart.
pub fn truncate(text: &str, font_px: f64, max_width: f64) -> String {
    if text_width(text, font_px) <= max_width {
        return text.to_string();
    }
    let budget = max_width - text_width("…", font_px);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += advance(c) * font_px;
        if used > budget {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Whether a line may break before `next`, after `prev`: between two CJK characters, except
/// before closing and after opening punctuation (so "（" never ends a line).
fn cjk_break(prev: char, next: char) -> bool {
    is_wide(prev)
        && is_wide(next)
        && !"）」』】，。、：；！？".contains(next)
        && !"（「『【".contains(prev)
}

/// The most lines a wrapped axis label gets; more would crowd its neighbours.
const MAX_LINES: usize = 3;

/// Breaks `text` into as few lines as keep each within `budget` at `font_px` (at most three),
/// breaking at spaces and between CJK characters, and balancing the lines. A label that fits,
/// or cannot be broken, stays on one line; one that cannot be brought within the budget gets
/// the narrowest split found.
pub fn wrap_label(text: &str, font_px: f64, budget: f64) -> Vec<String> {
    if text_width(text, font_px) <= budget {
        return vec![text.to_string()];
    }
    let chars: Vec<char> = text.chars().collect();
    // A break either drops a space (start..end is the space) or falls between two characters.
    let breaks: Vec<(usize, usize)> = (1..chars.len())
        .filter_map(|i| {
            if chars[i] == ' ' {
                Some((i, i + 1))
            } else if cjk_break(chars[i - 1], chars[i]) {
                Some((i, i))
            } else {
                None
            }
        })
        .collect();
    let line = |a: usize, b: usize| -> String { chars[a..b].iter().collect::<String>() };
    let split = |cuts: &[(usize, usize)]| -> Vec<String> {
        let mut lines = Vec::with_capacity(cuts.len() + 1);
        let mut from = 0;
        for &(end, next) in cuts {
            lines.push(line(from, end));
            from = next;
        }
        lines.push(line(from, chars.len()));
        lines
    };
    let widest = |lines: &[String]| {
        lines
            .iter()
            .map(|l| text_width(l, font_px))
            .fold(0.0, f64::max)
    };
    let mut best = vec![text.to_string()];
    let mut best_w = text_width(text, font_px);
    // Few break opportunities in a label, so trying every pair of them is cheap.
    for k in 1..MAX_LINES {
        let mut found: Option<(f64, Vec<String>)> = None;
        let mut consider = |lines: Vec<String>| {
            if lines.iter().any(|l| l.trim().is_empty()) {
                return;
            }
            let w = widest(&lines);
            if found.as_ref().is_none_or(|(fw, _)| w < *fw) {
                found = Some((w, lines));
            }
        };
        for (a, first) in breaks.iter().enumerate() {
            if k == 1 {
                consider(split(&[*first]));
            } else {
                for second in &breaks[a + 1..] {
                    consider(split(&[*first, *second]));
                }
            }
        }
        if let Some((w, lines)) = found {
            if w < best_w {
                best = lines;
                best_w = w;
            }
            if best_w <= budget {
                break;
            }
        }
    }
    best
}

/// Horizontal alignment of a label relative to its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HAlign {
    /// The text starts at the anchor (labels on the right of the web).
    Left,
    /// The text is centred on the anchor (labels at the top and bottom).
    Centre,
    /// The text ends at the anchor (labels on the left of the web).
    Right,
}

/// Vertical alignment of a label relative to its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAlign {
    /// The anchor is the top of the text (labels below the web).
    Top,
    /// The anchor is the middle of the text.
    Middle,
    /// The anchor is the bottom of the text (labels above the web).
    Bottom,
}

/// Where an axis label goes: its anchor, alignment and the box it will cover.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelPlacement {
    /// The point the text is aligned to.
    pub anchor: Point,
    /// Horizontal alignment at the anchor.
    pub h: HAlign,
    /// Vertical alignment at the anchor.
    pub v: VAlign,
    /// The estimated box the text covers.
    pub bounds: Rect,
}

/// Below this |sin| an axis counts as vertical and its label is centred on it.
const CENTRED: f64 = 0.15;

/// Beyond this |cos| a sideways axis counts as slanted, and its label hangs up or down.
const SLANTED: f64 = 0.3;

/// How the label of an axis pointing along `(dx, dy)` is aligned to its anchor.
fn alignment((dx, dy): (f64, f64)) -> (HAlign, VAlign) {
    let h = if dx.abs() < CENTRED {
        HAlign::Centre
    } else if dx > 0.0 {
        HAlign::Left
    } else {
        HAlign::Right
    };
    // A label beside a slanted axis hangs away from the web's equator: the circle bulges
    // furthest out at the equator, so a box reaching towards it would have to sit further out.
    let v = if dx.abs() >= CENTRED {
        if dy > SLANTED {
            VAlign::Top
        } else if dy < -SLANTED {
            VAlign::Bottom
        } else {
            VAlign::Middle
        }
    } else if dy < 0.0 {
        VAlign::Bottom
    } else {
        VAlign::Top
    };
    (h, v)
}

/// The box of a text of size `w` × `h` anchored at `anchor` with the given alignment.
pub fn text_box(anchor: Point, w: f64, h: f64, ha: HAlign, va: VAlign) -> Rect {
    let x0 = match ha {
        HAlign::Left => anchor.x,
        HAlign::Centre => anchor.x - w / 2.0,
        HAlign::Right => anchor.x - w,
    };
    let y0 = match va {
        VAlign::Top => anchor.y,
        VAlign::Middle => anchor.y - h / 2.0,
        VAlign::Bottom => anchor.y - h,
    };
    Rect::new(x0, y0, x0 + w, y0 + h)
}

/// The distance from `p` to the nearest point of `r` (0 inside it).
pub fn distance_to_rect(p: Point, r: &Rect) -> f64 {
    Point::new(p.x.clamp(r.x0, r.x1), p.y.clamp(r.y0, r.y1)).distance(p)
}

/// How far `r` must move along `dir` to keep `clearance` from `centre`: 0 when it does
/// already, else the least shift after which it does.
///
/// Exact, not searched: seen from the box, the centre moves along the ray `centre - t·dir`,
/// and the points closer than `clearance` to the box are the box grown by `clearance` with
/// rounded corners: two crossed rectangles and four discs. That shape is convex, so the ray
/// leaves it for good where it leaves the last of those pieces. A layout asks this of every
/// label at every radius [`fit_frame`] tries, some ten thousand times.
fn clearing_shift(r: &Rect, centre: Point, clearance: f64, dir: (f64, f64)) -> f64 {
    if distance_to_rect(centre, r) >= clearance {
        return 0.0;
    }
    let c = clearance;
    let (px, py) = (centre.x, centre.y);
    let (vx, vy) = (-dir.0, -dir.1);
    // The last t ≥ 0 at which the ray is in the rectangle, if it is there at all.
    let leaves_rect = |x0: f64, x1: f64, y0: f64, y1: f64| -> Option<f64> {
        let span = |p: f64, v: f64, lo: f64, hi: f64| -> Option<(f64, f64)> {
            if v == 0.0 {
                (lo..=hi)
                    .contains(&p)
                    .then_some((f64::NEG_INFINITY, f64::INFINITY))
            } else {
                let (a, b) = ((lo - p) / v, (hi - p) / v);
                Some((a.min(b), a.max(b)))
            }
        };
        let (ax, bx) = span(px, vx, x0, x1)?;
        let (ay, by) = span(py, vy, y0, y1)?;
        let (enter, leave) = (ax.max(ay), bx.min(by));
        (leave >= enter.max(0.0)).then_some(leave)
    };
    // The last t ≥ 0 at which the ray is in the disc about `(kx, ky)`, if it is there at all.
    let leaves_disc = |kx: f64, ky: f64| -> Option<f64> {
        let (dx, dy) = (px - kx, py - ky);
        let a = vx * vx + vy * vy;
        let b = vx * dx + vy * dy;
        let discriminant = b * b - a * (dx * dx + dy * dy - c * c);
        if a == 0.0 || discriminant < 0.0 {
            return None;
        }
        let leave = (-b + discriminant.sqrt()) / a;
        (leave >= 0.0).then_some(leave)
    };
    [
        leaves_rect(r.x0 - c, r.x1 + c, r.y0, r.y1),
        leaves_rect(r.x0, r.x1, r.y0 - c, r.y1 + c),
        leaves_disc(r.x0, r.y0),
        leaves_disc(r.x1, r.y0),
        leaves_disc(r.x0, r.y1),
        leaves_disc(r.x1, r.y1),
    ]
    .into_iter()
    .flatten()
    .fold(0.0, f64::max)
}

/// Places axis labels of the given sizes (width, height) just outside the web, aligned away
/// from it, each box at least `gap` from the web's outer circle, and moves labels of adjacent
/// axes apart vertically until their boxes no longer overlap.
pub fn place_axis_labels(
    frame: &RadarFrame,
    sizes: &[(f64, f64)],
    gap: f64,
) -> Vec<LabelPlacement> {
    let n = sizes.len();
    let dirs: Vec<(f64, f64)> = (0..n).map(|i| axis_direction(i, n)).collect();
    place_along(frame, sizes, gap, &dirs)
}

/// [`place_axis_labels`] with the axes' directions given ([`axis_direction`] of each), so the
/// many trial placements of [`fit_frame`] compute them once.
fn place_along(
    frame: &RadarFrame,
    sizes: &[(f64, f64)],
    gap: f64,
    dirs: &[(f64, f64)],
) -> Vec<LabelPlacement> {
    let n = sizes.len();
    let clearance = frame.radius + gap;
    let mut placed: Vec<LabelPlacement> = sizes
        .iter()
        .enumerate()
        .map(|(i, &(w, h))| {
            let dir = dirs[i];
            let (ha, va) = alignment(dir);
            // Start on the rim and slide outwards along the axis: a two-line label beside a
            // slanted axis needs more room than its anchor's distance alone would give.
            let rim = frame.point_along(dir, 1.0);
            let at_rim = text_box(rim, w, h, ha, va);
            let t = clearing_shift(&at_rim, frame.centre, clearance, dir);
            let anchor = Point::new(rim.x + dir.0 * t, rim.y + dir.1 * t);
            LabelPlacement {
                anchor,
                h: ha,
                v: va,
                bounds: text_box(anchor, w, h, ha, va),
            }
        })
        .collect();
    if n < 2 {
        return placed;
    }
    // Each pass separates every overlapping adjacent pair; moving one label can create a new
    // overlap with its other neighbour, which the next pass settles. The number of passes is
    // bounded so a pathological label set costs at most n² box tests.
    for _ in 0..n {
        let mut moved = false;
        for i in 0..n {
            let j = (i + 1) % n;
            if i == j || !placed[i].bounds.intersects(&placed[j].bounds) {
                continue;
            }
            // Move the more sideways of the two: the top and bottom labels stay on their axes.
            let (dxi, _) = dirs[i];
            let (dxj, _) = dirs[j];
            let (mover, other) = if dxj.abs() >= dxi.abs() {
                (j, i)
            } else {
                (i, j)
            };
            let (a, b) = (placed[mover].bounds, placed[other].bounds);
            let dy = if a.y0 + a.y1 >= b.y0 + b.y1 {
                b.y1 - a.y0 + 1.0
            } else {
                -(a.y1 - b.y0 + 1.0)
            };
            let shifted = a.shifted_y(dy);
            // Moving up or down can bring the box over the web's shoulder; push it sideways,
            // away from the web, until it clears the circle again.
            let side = if dirs[mover].0 >= 0.0 { 1.0 } else { -1.0 };
            let dx = side * clearing_shift(&shifted, frame.centre, clearance, (side, 0.0));
            let p = &mut placed[mover];
            p.anchor = Point::new(p.anchor.x + dx, p.anchor.y + dy);
            p.bounds = Rect::new(shifted.x0 + dx, shifted.y0, shifted.x1 + dx, shifted.y1);
            moved = true;
        }
        if !moved {
            break;
        }
    }
    placed
}

/// The box enclosing the web's outer circle and its labels placed for `frame`.
fn extent(frame: &RadarFrame, sizes: &[(f64, f64)], gap: f64, dirs: &[(f64, f64)]) -> Rect {
    let c = frame.centre;
    let r = frame.radius;
    place_along(frame, sizes, gap, dirs).iter().fold(
        Rect::new(c.x - r, c.y - r, c.x + r, c.y + r),
        |acc, p| {
            Rect::new(
                acc.x0.min(p.bounds.x0),
                acc.y0.min(p.bounds.y0),
                acc.x1.max(p.bounds.x1),
                acc.y1.max(p.bounds.y1),
            )
        },
    )
}

/// The largest web that fits `area` with its axis labels (of the given sizes) outside it.
///
/// The web and its labels together are centred in the area, so when the labels on one side
/// are wider the web moves a little towards the other rather than shrinking. The radius never
/// falls below a fifth of the area's smaller side, so a very long label may then reach past
/// the area rather than shrink the web to nothing.
pub fn fit_frame(area: Rect, sizes: &[(f64, f64)], gap: f64) -> RadarFrame {
    let half = (area.width().min(area.height()) / 2.0).max(0.0);
    let n = sizes.len();
    let dirs: Vec<(f64, f64)> = (0..n).map(|i| axis_direction(i, n)).collect();
    let at = |radius: f64| RadarFrame {
        centre: Point::new(0.0, 0.0),
        radius,
    };
    let fits = |radius: f64| {
        let e = extent(&at(radius), sizes, gap, &dirs);
        e.width() <= area.width() && e.height() <= area.height()
    };
    // The labels' extent grows with the radius, so the largest fitting radius is found by
    // bisection, to a thousandth of a pixel (about 20 halvings).
    let radius = if fits(half) {
        half
    } else {
        let (mut lo, mut hi) = (0.0, half);
        while hi - lo > 1e-3 {
            let mid = (lo + hi) / 2.0;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo.max(half * 0.4)
    };
    let e = extent(&at(radius), sizes, gap, &dirs);
    RadarFrame {
        centre: Point::new(
            (area.x0 + area.x1) / 2.0 - (e.x0 + e.x1) / 2.0,
            (area.y0 + area.y1) / 2.0 - (e.y0 + e.y1) / 2.0,
        ),
        radius,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-9;

    fn sizes(labels: &[&str], font_px: f64) -> Vec<(f64, f64)> {
        labels
            .iter()
            .map(|l| block_size(&[l.to_string()], font_px))
            .collect()
    }

    fn frame() -> RadarFrame {
        RadarFrame {
            centre: Point::new(300.0, 250.0),
            radius: 200.0,
        }
    }

    #[test]
    fn a_box_is_shifted_just_far_enough_to_clear_the_circle() {
        let centre = Point::new(0.0, 0.0);
        let clearance = 100.0;
        let distance = |r: &Rect| distance_to_rect(centre, r);
        let moved = |r: &Rect, (dx, dy): (f64, f64), t: f64| {
            Rect::new(r.x0 + dx * t, r.y0 + dy * t, r.x1 + dx * t, r.y1 + dy * t)
        };
        let mut shifted = 0;
        for axes in [5, 6, 7] {
            let dirs = (0..axes)
                .map(|i| axis_direction(i, axes))
                .chain([(1.0, 0.0), (-1.0, 0.0)]);
            for dir in dirs {
                for (x, y, w, h) in [
                    (-20.0, -10.0, 80.0, 30.0),
                    (30.0, 60.0, 120.0, 44.0),
                    (-150.0, -90.0, 40.0, 18.0),
                    (90.0, -5.0, 60.0, 10.0),
                    (-70.0, 75.0, 20.0, 60.0),
                    (200.0, 200.0, 10.0, 10.0),
                ] {
                    let r = Rect::new(x, y, x + w, y + h);
                    let t = clearing_shift(&r, centre, clearance, dir);
                    let after = distance(&moved(&r, dir, t));
                    assert!(
                        after >= clearance - 1e-9,
                        "{r:?} along {dir:?}: {t} leaves {after}"
                    );
                    if distance(&r) >= clearance {
                        assert_eq!(t, 0.0, "{r:?} clears already");
                    } else {
                        shifted += 1;
                        let short = distance(&moved(&r, dir, t - 1e-6));
                        assert!(
                            short < clearance,
                            "{r:?} along {dir:?}: {t} is more than needed"
                        );
                    }
                }
            }
        }
        assert!(shifted > 40, "most boxes start inside: {shifted}");
    }

    #[test]
    fn six_axes_start_straight_up_and_turn_sixty_degrees_clockwise() {
        let (dx, dy) = axis_direction(0, 6);
        assert!(dx.abs() < EPS && (dy + 1.0).abs() < EPS, "axis 0 points up");
        for i in 0..6 {
            let deg = axis_angle(i, 6).to_degrees();
            assert!((deg - 60.0 * i as f64).abs() < EPS);
        }
        // Clockwise on screen: the second axis is to the right of the first, above the centre.
        let (dx1, dy1) = axis_direction(1, 6);
        assert!(dx1 > 0.0 && dy1 < 0.0);
        // The fourth points straight down.
        let (dx3, dy3) = axis_direction(3, 6);
        assert!(dx3.abs() < EPS && (dy3 - 1.0).abs() < EPS);
    }

    #[test]
    fn rings_are_every_twenty_points() {
        let values: Vec<f64> = RING_FRACTIONS
            .iter()
            .map(|f| Scale::PERCENT.value_at(*f))
            .collect();
        assert_eq!(values, vec![20.0, 40.0, 60.0, 80.0, 100.0]);
        let f = frame();
        for p in f.ring(0.6, 6) {
            assert!((p.distance(f.centre) - 120.0).abs() < EPS);
        }
    }

    #[test]
    fn out_of_scale_values_are_clamped_and_flagged() {
        assert_eq!(
            Scale::PERCENT.fraction(120.0),
            Fraction {
                of_radius: 1.0,
                clamped: true
            }
        );
        assert_eq!(
            Scale::PERCENT.fraction(-5.0),
            Fraction {
                of_radius: 0.0,
                clamped: true
            }
        );
        assert!(!Scale::PERCENT.fraction(100.0).clamped);
    }

    #[test]
    fn outline_breaks_at_missing_values_and_wraps() {
        assert_eq!(outline(&[true; 4]), Outline::Closed(vec![0, 1, 2, 3]));
        assert_eq!(
            outline(&[true, true, false, true, true, true]),
            Outline::Runs(vec![vec![3, 4, 5, 0, 1]])
        );
        assert_eq!(
            outline(&[true, false, true, false]),
            Outline::Runs(vec![vec![2], vec![0]])
        );
        assert_eq!(outline(&[false, false]), Outline::Runs(vec![]));
    }

    #[test]
    fn dashes_cover_the_on_parts_and_continue_round_corners() {
        let square = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 10.0),
        ];
        let solid = dash_segments(&square, true, &[]);
        assert_eq!(solid.len(), 3);
        let dashed = dash_segments(&square, false, &[4.0, 2.0]);
        let drawn: f64 = dashed.iter().map(|(a, b)| a.distance(*b)).sum();
        // 20 px of path with a 4-on 2-off pattern: on 0–4, 6–10, 12–16, 18–20.
        assert!((drawn - 14.0).abs() < EPS, "drawn {drawn}");
        assert!(dashed.iter().all(|(a, b)| a.distance(*b) <= 4.0 + EPS));
    }

    #[test]
    fn cjk_text_is_estimated_wider_than_latin() {
        assert!(text_width("质量要求", 10.0) > text_width("abcd", 10.0));
        assert!((text_width("质量", 10.0) - 20.0).abs() < EPS);
    }

    #[test]
    fn labels_sit_outside_the_web_aligned_away_from_it() {
        let f = frame();
        let labels = [
            "top",
            "right-up",
            "right-down",
            "bottom",
            "left-down",
            "left-up",
        ];
        let placed = place_axis_labels(&f, &sizes(&labels, 12.0), 8.0);
        assert_eq!(placed[0].h, HAlign::Centre);
        assert_eq!(placed[0].v, VAlign::Bottom);
        assert_eq!(placed[1].h, HAlign::Left);
        assert_eq!(placed[3].v, VAlign::Top);
        assert_eq!(placed[5].h, HAlign::Right);
        for p in &placed {
            assert!(p.anchor.distance(f.centre) >= f.radius + 8.0 - EPS);
            assert!(distance_to_rect(f.centre, &p.bounds) >= f.radius + 8.0 - 1e-6);
        }
    }

    #[test]
    fn crowded_labels_are_moved_apart() {
        let f = RadarFrame {
            centre: Point::new(200.0, 200.0),
            radius: 60.0,
        };
        let labels: Vec<String> = (0..14)
            .map(|i| format!("Dimension number {i} 维度"))
            .collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let placed = place_axis_labels(&f, &sizes(&refs, 13.0), 6.0);
        for i in 0..placed.len() {
            let j = (i + 1) % placed.len();
            assert!(
                !placed[i].bounds.intersects(&placed[j].bounds),
                "labels {i} and {j} overlap"
            );
        }
    }

    #[test]
    fn fitted_web_leaves_room_for_labels() {
        let area = Rect::new(0.0, 0.0, 640.0, 480.0);
        let labels = [
            "Market size 市场规模",
            "R&D capability 研发能力",
            "Quality requirement 质量要求",
            "Regulatory requirement 法规要求",
            "Price type 价格类型",
            "Professional level 专业水平",
        ];
        let boxes = sizes(&labels, 13.0);
        let f = fit_frame(area, &boxes, 8.0);
        for p in place_axis_labels(&f, &boxes, 8.0) {
            assert!(p.bounds.x0 >= -EPS && p.bounds.x1 <= 640.0 + EPS);
            assert!(p.bounds.y0 >= -EPS && p.bounds.y1 <= 480.0 + EPS);
        }
        assert!(f.radius > 100.0, "radius {}", f.radius);
    }

    #[test]
    fn long_labels_wrap_at_a_space_into_balanced_lines() {
        assert_eq!(
            wrap_label("Quality requirement", 13.0, 100.0),
            vec!["Quality", "requirement"]
        );
        // "Organisational" alone is wider than the budget: the narrowest split is still taken.
        assert_eq!(
            wrap_label("Organisational role", 13.0, 60.0),
            vec!["Organisational", "role"]
        );
        assert_eq!(
            wrap_label("Quality requirement (50–100)", 13.0, 90.0),
            vec!["Quality", "requirement", "(50–100)"]
        );
        // Short labels and labels without a break stay whole.
        assert_eq!(wrap_label("Price type", 13.0, 100.0), vec!["Price type"]);
        assert_eq!(wrap_label("Unbreakable", 13.0, 10.0), vec!["Unbreakable"]);
        // CJK breaks between characters, never after an opening bracket.
        let zh = wrap_label("最终决策者（关键决策者/批准者）", 13.0, 120.0);
        assert_eq!(zh.concat(), "最终决策者（关键决策者/批准者）");
        assert!(zh.len() > 1 && zh.iter().all(|l| !l.ends_with('（')));
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        let name = "客户A Customer A (source example 示例)";
        let cut = truncate(name, 13.0, 120.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 13.0) <= 120.0,
            "{cut}"
        );
        assert!(name.starts_with(cut.trim_end_matches('…')));
        assert_eq!(truncate("Baseline", 13.0, 120.0), "Baseline");
    }

    #[test]
    fn a_narrow_area_still_gets_a_web_centred_between_its_labels() {
        let area = Rect::new(0.0, 0.0, 300.0, 200.0);
        // Wide labels on the right only: the web moves left instead of shrinking further.
        let boxes = [
            (20.0, 16.0),
            (90.0, 16.0),
            (90.0, 16.0),
            (20.0, 16.0),
            (10.0, 16.0),
            (10.0, 16.0),
        ];
        let f = fit_frame(area, &boxes, 6.0);
        assert!(f.centre.x < 150.0);
        for p in place_axis_labels(&f, &boxes, 6.0) {
            assert!(p.bounds.x0 >= -1e-6 && p.bounds.x1 <= 300.0 + 1e-6);
            assert!(p.bounds.y0 >= -1e-6 && p.bounds.y1 <= 200.0 + 1e-6);
        }
    }
}
