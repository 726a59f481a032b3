//! The one palette every chart uses: series colours, reference-line styles, marks and greys.
//!
//! Series colours are from the Okabe–Ito set, which stays distinguishable with the common
//! colour-vision deficiencies; its yellow is left out because it vanishes on a white projector
//! screen. Reference lines differ by dash pattern as well as colour, so a greyscale printout
//! still tells the baseline from the warning line.

use plotters::style::RGBColor;

/// How many series one radar can compare, one colour each.
pub const MAX_SERIES: usize = 5;

/// Series colours, in the order series are given: blue, orange, bluish green, reddish purple,
/// sky blue (Okabe–Ito).
pub const SERIES: [RGBColor; MAX_SERIES] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x56, 0xB4, 0xE9),
];

/// Opacity of a series' filled polygon: enough to see the shape, light enough to see the others.
pub const FILL_ALPHA: f64 = 0.2;

/// The mark for a point below the marked line (Okabe–Ito vermilion), never a series colour.
pub const SHORTFALL: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Text and axes.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);

/// Secondary text: ring values, tick labels.
pub const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);

/// The web's rings and spokes.
pub const GRID: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);

/// Threshold lines on portfolio charts (the 60 and 80 score lines, the ABC cut-offs).
pub const THRESHOLD: RGBColor = RGBColor(0x8B, 0x1A, 0x1A);

/// A stroke pattern, told apart in greyscale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    /// An unbroken line (series outlines).
    Solid,
    /// Long dashes.
    Dashed,
    /// Dots.
    Dotted,
    /// Dash, dot, dash.
    DashDot,
    /// Very long dashes with short gaps.
    LongDash,
}

impl Dash {
    /// On/off lengths in CSS pixels at scale 1, starting with on; empty for solid.
    pub fn pattern(self) -> &'static [f64] {
        match self {
            Dash::Solid => &[],
            Dash::Dashed => &[9.0, 5.0],
            Dash::Dotted => &[2.0, 4.0],
            Dash::DashDot => &[9.0, 4.0, 2.0, 4.0],
            Dash::LongDash => &[16.0, 5.0],
        }
    }

    /// The pattern multiplied by the device pixel ratio, so it looks the same on a 2× canvas.
    pub fn scaled(self, scale: f64) -> Vec<f64> {
        self.pattern().iter().map(|l| l * scale).collect()
    }
}

/// A reference line's look: colour and dash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineStyle {
    /// Stroke colour.
    pub colour: RGBColor,
    /// Dash pattern.
    pub dash: Dash,
}

/// Reference-line styles in the order lines are given (baseline, warning; or key, important,
/// general): dark grey dashed, vermilion dotted, ochre dash-dot, purple long dash.
pub const LINES: [LineStyle; 4] = [
    LineStyle {
        colour: RGBColor(0x33, 0x33, 0x33),
        dash: Dash::Dashed,
    },
    LineStyle {
        colour: RGBColor(0xD5, 0x5E, 0x00),
        dash: Dash::Dotted,
    },
    LineStyle {
        colour: RGBColor(0x8C, 0x6D, 0x00),
        dash: Dash::DashDot,
    },
    LineStyle {
        colour: RGBColor(0x6A, 0x3D, 0x9A),
        dash: Dash::LongDash,
    },
];

/// The colour of series `index` (cycling, though specs are limited to [`MAX_SERIES`]).
pub fn series_colour(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

/// The style of reference line `index`. Past four lines the styles repeat; no preset has more
/// than three.
pub fn line_style(index: usize) -> LineStyle {
    LINES[index % LINES.len()]
}

/// A colour as a CSS hex string (`#0072B2`), for HTML legends beside a chart.
pub fn css(colour: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance per WCAG 2, to check greyscale separability.
    fn luminance(c: RGBColor) -> f64 {
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    #[test]
    fn series_colours_are_distinct_and_visible_on_white() {
        for (i, a) in SERIES.iter().enumerate() {
            // Contrast with white at least 2:1, so a projected outline stays visible.
            assert!(1.05 / (luminance(*a) + 0.05) >= 2.0, "series {i} too light");
            for b in &SERIES[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!(
            !SERIES.contains(&SHORTFALL),
            "the shortfall mark is not a series colour"
        );
    }

    #[test]
    fn line_styles_differ_by_dash_not_only_colour() {
        for (i, a) in LINES.iter().enumerate() {
            assert_ne!(a.dash, Dash::Solid, "lines must not look like series");
            for b in &LINES[i + 1..] {
                assert_ne!(a.dash, b.dash);
            }
        }
        assert_eq!(Dash::Dashed.scaled(2.0), vec![18.0, 10.0]);
        assert_eq!(css(SERIES[0]), "#0072B2");
    }
}
