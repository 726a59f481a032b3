//! Portfolio charts checked through their SVG: the captions, classes and threshold lines a
//! reader relies on are there, labelled, and free of NaN.

mod chart_support;

use chart_support::{elements, texts};
use kam_radar::chart::geometry::text_width;
use kam_radar::chart::palette::{self, css};
use kam_radar::chart::{
    Chart, ChartError, ChartStyle, ClassCountsSpec, ParetoSpec, ScatterPoint, ScatterSpec,
};
use kam_radar::model::Settings;
use plotters::style::WHITE;

fn style() -> ChartStyle {
    ChartStyle::default()
}

/// The number of dashed threshold pieces that are vertical and horizontal.
fn threshold_pieces(svg: &str) -> (usize, usize) {
    let colour = css(palette::THRESHOLD);
    let mut vertical = 0;
    let mut horizontal = 0;
    for e in elements(svg)
        .into_iter()
        .filter(|e| e.tag == "polyline" && e.attr("stroke") == colour)
    {
        let p = e.points();
        if p.len() == 2 && p[0].0 == p[1].0 {
            vertical += 1;
        } else if p.len() == 2 && p[0].1 == p[1].1 {
            horizontal += 1;
        }
    }
    (vertical, horizontal)
}

/// The contents of the `<text>` elements drawn in the threshold colour.
fn threshold_labels(svg: &str) -> Vec<String> {
    let colour = css(palette::THRESHOLD);
    let mut v: Vec<String> = elements(svg)
        .into_iter()
        .filter(|e| e.tag == "text" && e.attr("fill") == colour)
        .map(|e| e.text)
        .collect();
    v.sort();
    v
}

#[test]
fn class_counts_show_every_class_with_its_count() {
    let spec = ClassCountsSpec {
        title: "Key-account scorecard 大客户评判标准".into(),
        y_caption: "Accounts 客户数".into(),
        bars: vec![
            ("Key account 大客户".into(), 4),
            ("Potential key account 潜在大客户".into(), 9),
            ("Not listed 未列入".into(), 0),
        ],
    };
    let svg = Chart::ClassCounts(spec.clone())
        .svg(&style(), 640, 400)
        .expect("drawable");
    let t = texts(&svg);
    for s in [
        "Key-account scorecard 大客户评判标准",
        "Accounts 客户数",
        "4",
        "9",
        "0",
    ] {
        assert!(t.iter().any(|x| x == s), "{s} missing");
    }
    // A class name may be wrapped to its bar's width; all of it is written.
    let all_text = t.join(" ");
    for name in [
        "Key account 大客户",
        "Potential key account 潜在大客户",
        "Not listed 未列入",
    ] {
        for word in name.split(' ') {
            assert!(all_text.contains(word), "{word} of {name} missing");
        }
    }
    // Bars in the first series colour, their heights in proportion to the counts (9 : 4).
    let mut heights: Vec<f64> = elements(&svg)
        .into_iter()
        .filter(|e| e.tag == "rect" && e.attr("fill") == css(palette::series_colour(0)))
        .map(|e| e.num("height"))
        .filter(|h| *h > 0.0)
        .collect();
    heights.sort_by(f64::total_cmp);
    assert_eq!(heights.len(), 2, "{heights:?}");
    assert!(
        (heights[1] / heights[0] - 9.0 / 4.0).abs() < 0.05,
        "{heights:?}"
    );
    assert!(!svg.contains("NaN"));
    // No classes at all still draws an empty chart rather than failing.
    let empty = ClassCountsSpec {
        bars: vec![],
        ..spec
    };
    assert!(Chart::ClassCounts(empty.clone())
        .svg(&style(), 640, 400)
        .is_ok());
}

#[test]
fn pareto_draws_and_labels_the_a_and_b_cutoffs() {
    let spec = ParetoSpec {
        title: "ABC by annual sales 年销售额ABC分类".into(),
        x_caption: "Share of accounts 客户占比".into(),
        y_caption: "Cumulative share 累计占比 (%)".into(),
        values: vec![500.0, 200.0, 120.0, 80.0, 50.0, 30.0, 20.0],
        // In the unit of the workspace's settings, which the Portfolio view passes as is.
        cutoffs: Settings::default().abc_cutoffs,
    };
    let svg = Chart::Pareto(spec.clone())
        .svg(&style(), 640, 400)
        .expect("drawable");
    let t = texts(&svg);
    for s in [
        "ABC by annual sales 年销售额ABC分类",
        "Share of accounts 客户占比",
        "Cumulative share 累计占比 (%)",
    ] {
        assert!(t.iter().any(|x| x == s), "{s} missing");
    }
    assert_eq!(threshold_labels(&svg), vec!["A · 80%", "B · 95%"]);
    let (vertical, horizontal) = threshold_pieces(&svg);
    assert_eq!(vertical, 0);
    assert!(
        horizontal >= 2 * 10,
        "two long dashed lines, got {horizontal} pieces"
    );
    // One dot per account on the curve.
    let dots = elements(&svg)
        .into_iter()
        .filter(|e| e.tag == "circle" && e.attr("fill") == css(palette::series_colour(0)))
        .count();
    assert_eq!(dots, 7);
    assert!(!svg.contains("NaN"));

    // All-zero amounts have no shares: the chart is drawn without a curve, never with NaN.
    let zero = ParetoSpec {
        values: vec![0.0, 0.0],
        ..spec.clone()
    };
    let svg = Chart::Pareto(zero.clone())
        .svg(&style(), 640, 400)
        .expect("drawable");
    assert!(!svg.contains("NaN"));
    let negative = ParetoSpec {
        values: vec![10.0, -1.0],
        ..spec
    };
    assert!(matches!(
        Chart::Pareto(negative.clone()).svg(&style(), 640, 400),
        Err(ChartError::NegativeAmount { .. })
    ));
}

#[test]
fn scatter_draws_the_60_and_80_lines_on_both_axes() {
    let spec = ScatterSpec {
        title: "Key-account score vs credit 大客户评分与信用".into(),
        x_caption: "Key-account score 大客户评分".into(),
        y_caption: "Credit score 信用评分".into(),
        points: vec![
            ScatterPoint {
                x: 85.0,
                y: 90.0,
                name: "Acme".into(),
            },
            ScatterPoint {
                x: 65.0,
                y: -30.0,
                name: "华东机械".into(),
            },
        ],
    };
    let svg = Chart::Scatter(spec.clone())
        .svg(&style(), 640, 480)
        .expect("drawable");
    let t = texts(&svg);
    for s in [
        "Key-account score vs credit 大客户评分与信用",
        "Key-account score 大客户评分",
        "Credit score 信用评分",
        "Acme",
        "华东机械",
    ] {
        assert!(t.iter().any(|x| x == s), "{s} missing");
    }
    assert_eq!(threshold_labels(&svg), vec!["60", "60", "80", "80"]);
    let (vertical, horizontal) = threshold_pieces(&svg);
    assert!(vertical >= 2 * 10 && horizontal >= 2 * 10);
    assert!(!svg.contains("NaN"));

    let bad = ScatterSpec {
        points: vec![ScatterPoint {
            x: f64::NAN,
            y: 0.0,
            name: "X".into(),
        }],
        ..spec
    };
    assert!(matches!(
        Chart::Scatter(bad.clone()).svg(&style(), 640, 480),
        Err(ChartError::NotFinite { .. })
    ));
}

#[test]
fn a_long_title_is_set_smaller_to_fit_a_narrow_chart_and_line_values_stay_over_the_dots() {
    let title = "Key-account score against credit score";
    let spec = ScatterSpec {
        title: title.into(),
        x_caption: "Key-account score".into(),
        y_caption: "Credit score".into(),
        // Dots where the values of the 80 lines are written.
        points: (0..40)
            .map(|i| ScatterPoint {
                x: 78.0 + f64::from(i % 8),
                y: 94.0 + f64::from(i / 8),
                name: String::new(),
            })
            .collect(),
    };
    let svg_at = |width: u32| {
        Chart::Scatter(spec.clone())
            .svg(&style(), width, 300)
            .expect("drawable")
    };
    let title_size = |svg: &str| {
        elements(svg)
            .into_iter()
            .find(|e| e.tag == "text" && e.text == title)
            .map(|e| e.num("font-size"))
            .expect("the title is drawn")
    };
    let (wide, wider, narrow) = (
        title_size(&svg_at(640)),
        title_size(&svg_at(900)),
        title_size(&svg_at(340)),
    );
    assert_eq!(wide, wider, "room enough: the title keeps its size");
    assert!(
        narrow < wide,
        "a 340 px chart sets it smaller: {narrow} vs {wide}"
    );

    // Every value of a line comes after the last dot, on a white ground of its own.
    let svg = svg_at(640);
    let all = elements(&svg);
    let last_dot = all
        .iter()
        .rposition(|e| e.tag == "circle")
        .expect("dots drawn");
    let threshold = css(palette::THRESHOLD);
    let values: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, e)| e.tag == "text" && e.attr("fill") == threshold)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(values.len(), 4);
    for i in values {
        assert!(i > last_dot, "a line's value is drawn under the dots");
        let ground = &all[i - 1];
        assert!(
            ground.tag == "rect" && ground.attr("fill") == css(WHITE),
            "no white ground under the value: {:?}",
            ground.tag
        );
    }
}

#[test]
fn class_names_of_neighbouring_bars_never_run_into_each_other_on_a_narrow_chart() {
    let spec = ClassCountsSpec {
        title: "Key-account evaluation scorecard".into(),
        y_caption: "Accounts per class".into(),
        bars: vec![
            ("key account list".into(), 56),
            ("potential key account list".into(), 50),
            ("not listed".into(), 97),
        ],
    };
    let svg = Chart::ClassCounts(spec)
        .svg(&style(), 350, 240)
        .expect("drawable");
    // Lines of the class names: below the bars, centred on them. On each line of text, the
    // estimated extents must not overlap.
    let names: Vec<_> = elements(&svg)
        .into_iter()
        .filter(|e| e.tag == "text" && e.attr("text-anchor") == "middle")
        .filter(|e| e.text.chars().any(char::is_alphabetic))
        .collect();
    assert!(
        names.len() > 3,
        "the long names are wrapped onto more lines"
    );
    let mut rows: std::collections::BTreeMap<i64, Vec<(f64, f64)>> = Default::default();
    for e in &names {
        // `Chart::svg` writes text at its size on the canvas.
        let width = text_width(&e.text, e.num("font-size"));
        let x = e.num("x");
        rows.entry(e.num("y").round() as i64)
            .or_default()
            .push((x - width / 2.0, x + width / 2.0));
    }
    for (y, mut spans) in rows {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in spans.windows(2) {
            assert!(
                pair[0].1 <= pair[1].0,
                "names overlap on the line at y {y}: {spans:?}"
            );
        }
    }
}

#[test]
fn the_value_ticks_of_a_short_class_chart_keep_apart() {
    let spec = ClassCountsSpec {
        title: "Key-account evaluation scorecard".into(),
        y_caption: "Accounts per class".into(),
        bars: vec![
            ("key account list".into(), 49),
            ("potential key account list".into(), 50),
            ("not listed".into(), 97),
            ("key-account status lost · red list".into(), 7),
        ],
    };
    // A third of a 1280x720 projector, the class names wrapped onto three lines.
    let svg = Chart::ClassCounts(spec)
        .svg(&style(), 350, 210)
        .expect("drawable");
    let mut ticks: Vec<(f64, f64)> = elements(&svg)
        .into_iter()
        .filter(|e| e.tag == "text" && e.attr("text-anchor") != "middle")
        .filter(|e| e.text.parse::<f64>().is_ok())
        .map(|e| (e.num("y"), e.num("font-size")))
        .collect();
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(ticks.len() >= 2, "the value axis is labelled: {ticks:?}");
    for pair in ticks.windows(2) {
        assert!(
            pair[1].0 - pair[0].0 >= 1.5 * pair[0].1,
            "value ticks crowd each other: {ticks:?}"
        );
    }
}

/// The numeric tick labels of one axis, in order along it: the position of each and its
/// extent along the axis (the font size on the value axis, whose labels end at the axis; the
/// text's width on the other, whose labels are centred under their tick).
fn ticks(svg: &str, value_axis: bool) -> Vec<(f64, f64)> {
    let ink = css(palette::INK);
    let mut ticks: Vec<(f64, f64)> = elements(svg)
        .into_iter()
        .filter(|e| e.tag == "text" && e.attr("fill") == ink && e.text.parse::<f64>().is_ok())
        .filter(|e| (e.attr("text-anchor") != "middle") == value_axis)
        .map(|e| {
            // `Chart::svg` writes text at the size it has on the canvas.
            let font = e.num("font-size");
            if value_axis {
                (e.num("y"), font)
            } else {
                (e.num("x"), text_width(&e.text, font))
            }
        })
        .collect();
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    ticks
}

/// A text's anchor point, its length along the line and its height.
fn text_box(svg: &str, text: &str) -> (f64, f64, f64, f64) {
    let e = elements(svg)
        .into_iter()
        .find(|e| e.tag == "text" && e.text == text)
        .unwrap_or_else(|| panic!("{text} is drawn"));
    let font = e.num("font-size");
    (
        e.num("x"),
        e.num("y"),
        text_width(&e.text, font),
        font * 1.25,
    )
}

#[test]
fn a_small_pareto_and_scatter_keep_their_ticks_apart_and_the_caption_off_the_title() {
    let pareto = ParetoSpec {
        title: "ABC Pareto curve · annual sales".into(),
        x_caption: "Share of accounts (%)".into(),
        y_caption: "Cumulative share (%)".into(),
        values: (1..=200).map(f64::from).collect(),
        cutoffs: Settings::default().abc_cutoffs,
    };
    let scatter = ScatterSpec {
        title: "Key-account score vs credit".into(),
        x_caption: "Key-account score".into(),
        y_caption: "Credit score".into(),
        points: vec![ScatterPoint {
            x: 70.0,
            y: 40.0,
            name: "Acme".into(),
        }],
    };
    let charts = [
        (
            pareto.title.clone(),
            pareto.y_caption.clone(),
            Chart::Pareto(pareto),
        ),
        (
            scatter.title.clone(),
            scatter.y_caption.clone(),
            Chart::Scatter(scatter),
        ),
    ];
    for (title, y_caption, chart) in charts {
        // A third of a 1280x720 projector, as the Portfolio view lays them out (aspect 0.6).
        let svg = chart.svg(&style(), 350, 210).expect("drawable");
        let values = ticks(&svg, true);
        assert!(values.len() >= 3, "the value axis is labelled: {values:?}");
        for pair in values.windows(2) {
            assert!(
                pair[1].0 - pair[0].0 >= 1.5 * pair[0].1,
                "value ticks crowd each other: {values:?}"
            );
        }
        let across = ticks(&svg, false);
        assert!(across.len() >= 3, "the x axis is labelled: {across:?}");
        for pair in across.windows(2) {
            let gap = (pair[1].0 - pair[1].1 / 2.0) - (pair[0].0 + pair[0].1 / 2.0);
            assert!(gap >= 10.0, "x ticks crowd each other: {across:?}");
        }
        // The value axis' caption runs up the axis, centred on its anchor; the title is
        // centred on its anchor and hangs below it.
        let (cx, cy, length, thickness) = text_box(&svg, &y_caption);
        let (tx, ty, width, height) = text_box(&svg, &title);
        let apart_across = cx + thickness / 2.0 <= tx - width / 2.0;
        let apart_along = cy - length / 2.0 >= ty + height;
        assert!(
            apart_across || apart_along,
            "the caption ({cx}, {cy}, {length}) runs into the title ({tx}, {ty}, {width})"
        );
    }
}
