//! Charts drawn by the core onto any plotters backend: the radar and the portfolio charts.
//!
//! Charts take their own plain inputs (labels already in the chosen language, numbers, names),
//! so they know nothing of frameworks or scores; the app adapts engine results to them. The same
//! drawing code renders to SVG (tests and downloads, via [`to_svg`]) and to the app's canvas, so
//! a download shows exactly what is on screen. Geometry lives in [`geometry`] as pure functions,
//! colours and dashes once in [`palette`].

pub mod geometry;
pub mod palette;
pub mod portfolio;
pub mod profiles;
pub mod radar;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use thiserror::Error;

pub use portfolio::{
    draw_class_counts, draw_pareto, draw_score_scatter, pareto_curve, ClassCountsSpec, ParetoSpec,
    ScatterPoint, ScatterSpec, MAX_NAMED_POINTS,
};
pub use radar::{
    draw_radar, draw_radar_marks, draw_radar_web, radar_svg, radar_table, RadarAxis, RadarLayout,
    RadarSpec, RadarTable, ReferenceLine, Series, Shortfall, TableCell, TableRow, VertexHit,
};

/// The font list for chart text: the platform UI font, then common CJK fonts, then any sans.
pub const DEFAULT_FONT_FAMILY: &str =
    "system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/// Why a chart could not be drawn.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ChartError {
    /// A radar needs at least three axes to enclose an area.
    #[error("a radar chart needs at least 3 dimensions, this one has {count}")]
    TooFewAxes {
        /// The number of axes given.
        count: usize,
    },
    /// An axis scale that cannot map values.
    #[error("axis '{axis}' has the scale {min}..{max}; the minimum must be below the maximum")]
    BadScale {
        /// The axis label.
        axis: String,
        /// The scale's minimum.
        min: f64,
        /// The scale's maximum.
        max: f64,
    },
    /// A series or line with a different number of values than there are axes.
    #[error("'{name}' has {found} values but the chart has {expected} dimensions")]
    LengthMismatch {
        /// The series or line name.
        name: String,
        /// The number of axes.
        expected: usize,
        /// The number of values given.
        found: usize,
    },
    /// A value that is NaN or infinite; a missing value must be given as missing instead.
    #[error("'{name}' has a value on '{axis}' that is not a finite number")]
    NotFinite {
        /// The series, line or point name.
        name: String,
        /// The axis label (or coordinate).
        axis: String,
    },
    /// More series than the palette can tell apart.
    #[error("{count} series cannot be told apart on one radar; compare at most {max}")]
    TooManySeries {
        /// The number of series given.
        count: usize,
        /// The largest number allowed.
        max: usize,
    },
    /// `marked_line` names a line that does not exist.
    #[error("the marked line {index} does not exist; the chart has {count} lines")]
    NoSuchLine {
        /// The index given.
        index: usize,
        /// The number of lines.
        count: usize,
    },
    /// A negative amount on a Pareto chart, where shares only make sense for amounts ≥ 0.
    #[error("'{name}' has a negative amount; a Pareto chart needs amounts of 0 or more")]
    NegativeAmount {
        /// Which value (its rank, 1-based).
        name: String,
    },
    /// The backend failed (for the canvas: the context was lost; for SVG: never in practice).
    #[error("drawing failed: {0}")]
    Drawing(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Drawing(e.to_string())
    }
}

/// How charts look on a given device: pixel ratio and fonts.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    /// The device pixel ratio: font sizes, line widths, dashes and margins are multiplied by it,
    /// so a canvas whose backing store is 2× its CSS size is drawn crisp. A value that is not a
    /// positive finite number counts as 1.
    pub scale: f64,
    /// A CSS font-family list (the SVG `font-family` attribute, the canvas `font` family).
    pub font_family: String,
    /// What font sizes are multiplied by before they reach plotters: 1 for the canvas, and
    /// 1.24 for SVG, whose backend divides every font size by 1.24 (the canvas backend does
    /// not), so text is the same size in a download as on screen. See [`ChartStyle::for_svg`].
    text_factor: f64,
}

/// plotters' SVG backend writes `font-size` as the requested size divided by this.
const SVG_FONT_DIVISOR: f64 = 1.24;

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            font_family: DEFAULT_FONT_FAMILY.to_string(),
            text_factor: 1.0,
        }
    }
}

impl ChartStyle {
    /// The default fonts at a device pixel ratio.
    pub fn with_scale(scale: f64) -> Self {
        ChartStyle {
            scale,
            ..ChartStyle::default()
        }
    }

    /// The same style for an SVG backend: text comes out at the size it has on the canvas.
    /// The `*_svg` functions apply it; call it when drawing onto an `SVGBackend` yourself.
    pub fn for_svg(&self) -> Self {
        ChartStyle {
            text_factor: SVG_FONT_DIVISOR,
            ..self.clone()
        }
    }

    /// A font size given in CSS pixels, as plotters must be asked for it on this backend.
    fn font_px(&self, css_px: f64) -> f64 {
        self.px(css_px) * self.text_factor
    }

    /// The effective scale factor.
    pub(crate) fn factor(&self) -> f64 {
        if self.scale.is_finite() && self.scale > 0.0 {
            self.scale
        } else {
            1.0
        }
    }

    /// A length given in CSS pixels, in device pixels.
    pub(crate) fn px(&self, css_px: f64) -> f64 {
        css_px * self.factor()
    }

    /// A stroke width in whole device pixels, never thinner than one.
    pub(crate) fn stroke(&self, css_px: f64) -> u32 {
        // Bounded by the clamp, so the cast cannot truncate meaningfully.
        self.px(css_px).round().clamp(1.0, 64.0) as u32
    }

    /// A coloured font at a CSS size, for plotters' own mesh labels and captions.
    pub(crate) fn font(&self, css_px: f64, colour: RGBColor) -> TextStyle<'_> {
        (self.font_family.as_str(), self.font_px(css_px))
            .into_font()
            .color(&colour)
    }

    /// A text style at a CSS size, coloured and aligned.
    pub(crate) fn text(&self, css_px: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'_> {
        (self.font_family.as_str(), self.font_px(css_px))
            .into_font()
            .color(&colour)
            .pos(Pos::new(h, v))
    }

    /// The same, in bold (titles).
    pub(crate) fn bold(&self, css_px: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'_> {
        (
            self.font_family.as_str(),
            self.font_px(css_px),
            FontStyle::Bold,
        )
            .into_font()
            .color(&colour)
            .pos(Pos::new(h, v))
    }
}

/// The plotters anchor of a layout's horizontal alignment.
pub(crate) fn hpos(h: geometry::HAlign) -> HPos {
    match h {
        geometry::HAlign::Left => HPos::Left,
        geometry::HAlign::Centre => HPos::Center,
        geometry::HAlign::Right => HPos::Right,
    }
}

/// The plotters anchor of a layout's vertical alignment.
pub(crate) fn vpos(v: geometry::VAlign) -> VPos {
    match v {
        geometry::VAlign::Top => VPos::Top,
        geometry::VAlign::Middle => VPos::Center,
        geometry::VAlign::Bottom => VPos::Bottom,
    }
}

/// Base font sizes in CSS pixels, chosen to be read from the back of a meeting room.
pub(crate) mod size {
    /// Chart titles.
    pub const TITLE: f64 = 17.0;
    /// Axis labels and legend entries.
    pub const LABEL: f64 = 13.0;
    /// Ring values, tick labels, marked values.
    pub const SMALL: f64 = 11.0;
}

/// A number as charts and tables print it: tenths, whole numbers without the decimal.
///
/// Rounded *down* to the tenth, so a total just under a class line (79.99 under 80) never
/// prints as the line itself beside a class that says it is below; the margin keeps binary
/// noise (a weighted sum of 80 computed as 79.999…9) from printing 79.9.
pub fn format_value(v: f64) -> String {
    let tenths = (v * 10.0 + 1e-7).floor();
    if tenths % 10.0 == 0.0 {
        // Adding zero turns -0 into 0, so a tiny negative never prints as "-0".
        format!("{}", tenths / 10.0 + 0.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

/// Any chart the app shows, so one canvas component can draw and export every kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// A radar of accounts or people against reference lines.
    Radar(RadarSpec),
    /// Accounts per class of one framework.
    ClassCounts(ClassCountsSpec),
    /// The ABC Pareto curve.
    Pareto(ParetoSpec),
    /// Key-account score against credit score.
    Scatter(ScatterSpec),
}

impl Chart {
    /// The chart's title (also its accessible name).
    pub fn title(&self) -> &str {
        match self {
            Chart::Radar(s) => &s.title,
            Chart::ClassCounts(s) => &s.title,
            Chart::Pareto(s) => &s.title,
            Chart::Scatter(s) => &s.title,
        }
    }

    /// Draws the chart onto `area`, filling it.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> Result<(), ChartError> {
        match self {
            Chart::Radar(s) => draw_radar(area, s, style),
            Chart::ClassCounts(s) => draw_class_counts(area, s, style),
            Chart::Pareto(s) => draw_pareto(area, s, style),
            Chart::Scatter(s) => draw_score_scatter(area, s, style),
        }
    }

    /// The chart as an SVG document of `width` × `height`, text sized as on the canvas.
    pub fn svg(&self, style: &ChartStyle, width: u32, height: u32) -> Result<String, ChartError> {
        let style = style.for_svg();
        to_svg(width, height, |area| self.draw(area, &style))
    }
}

/// Draws onto an SVG document of `width` × `height` and returns its text.
///
/// The drawing closure gets the whole area; the chart functions fill it with white first, so
/// the file looks like the screen when opened elsewhere. Pass the chart a style from
/// [`ChartStyle::for_svg`] so its text has the canvas' size.
pub fn to_svg<F>(width: u32, height: u32, draw: F) -> Result<String, ChartError>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
{
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present()?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::format_value;

    #[test]
    fn a_total_under_a_line_never_prints_as_the_line() {
        assert_eq!(format_value(79.99), "79.9");
        assert_eq!(format_value(59.99), "59.9");
        assert_eq!(format_value(449.97), "449.9");
        assert_eq!(format_value(80.0), "80");
        assert_eq!(format_value(80.04), "80");
    }

    #[test]
    fn whole_numbers_print_alike_however_they_were_reached() {
        assert_eq!(format_value(574.0), "574");
        assert_eq!(format_value(573.96), "573.9");
        // 0.1 × 3 and a weighted sum of 80 carry binary noise below the true value.
        assert_eq!(format_value(0.1 + 0.2), "0.3");
        assert_eq!(format_value(80.0 - 1e-12), "80");
        assert_eq!(format_value(-1e-12), "0");
        assert_eq!(format_value(-5.0), "-5");
        assert_eq!(format_value(25.5), "25.5");
    }
}
