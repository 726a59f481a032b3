//! The radar chart checked the way a user sees it: geometry from the source's worked examples
//! (FRAMEWORKS.md §3 and §5) and the SVG a download would contain.

mod chart_support;

use chart_support::{elements, texts, Element};
use kam_radar::chart::geometry::{
    axis_angle, axis_direction, below_line, polygon_vertices, Point, RadarFrame, Scale,
};
use kam_radar::chart::palette::{self, css};
use kam_radar::chart::{
    radar_svg, radar_table, Chart, ChartError, ChartStyle, RadarAxis, RadarLayout, RadarSpec,
    ReferenceLine, Series,
};

const A: [f64; 6] = [100.0, 95.0, 80.0, 90.0, 70.0, 90.0];
const B: [f64; 6] = [60.0, 100.0, 90.0, 70.0, 95.0, 85.0];
const BASELINE: [f64; 6] = [60.0, 60.0, 90.0, 90.0, 85.0, 80.0];
const WARNING: [f64; 6] = [40.0, 0.0, 60.0, 60.0, 60.0, 70.0];

const EN_AXES: [&str; 6] = [
    "Market size",
    "R&D capability",
    "Quality requirement",
    "Regulatory requirement",
    "Price type",
    "Professional level",
];
const ZH_AXES: [&str; 6] = [
    "市场规模",
    "研发能力",
    "质量要求",
    "法规要求",
    "价格类型",
    "专业水平",
];

fn series(name: &str, values: &[f64]) -> Series {
    Series {
        name: name.into(),
        values: values.iter().copied().map(Some).collect(),
    }
}

fn external(axes: &[&str], lines: [&str; 2]) -> RadarSpec {
    RadarSpec {
        title: "External profile 客户外部画像".into(),
        axes: axes.iter().map(|a| RadarAxis::percent(*a)).collect(),
        lines: vec![
            ReferenceLine {
                name: lines[0].into(),
                values: BASELINE.to_vec(),
            },
            ReferenceLine {
                name: lines[1].into(),
                values: WARNING.to_vec(),
            },
        ],
        series: vec![series("Customer A", &A), series("Customer B", &B)],
        marked_line: Some(0),
    }
}

fn external_en() -> RadarSpec {
    external(&EN_AXES, ["Baseline", "Warning line"])
}

fn external_zh() -> RadarSpec {
    external(&ZH_AXES, ["基准线", "警戒线"])
}

fn stakeholder_spec() -> RadarSpec {
    let mut axes = vec![RadarAxis {
        label: "Age 年龄 (20–70 yrs)".into(),
        scale: Scale::new(20.0, 70.0),
        compared: false,
    }];
    for l in [
        "Education 学历",
        "Organisational role 组织角色",
        "Power role 权力角色",
        "Relationship role 关系角色",
        "Development potential 发展潜力",
    ] {
        axes.push(RadarAxis::percent(l));
    }
    RadarSpec {
        title: "Stakeholders 客户人员雷达画像".into(),
        axes,
        lines: vec![ReferenceLine {
            name: "Ideal profile 理想画像".into(),
            values: vec![30.0, 100.0, 100.0, 100.0, 100.0, 100.0],
        }],
        series: vec![
            series("X · 销售", &[50.0, 80.0, 100.0, 100.0, 90.0, 100.0]),
            series("Y · FAT", &[35.0, 90.0, 80.0, 80.0, 100.0, 90.0]),
            series("Z · SAT", &[40.0, 80.0, 90.0, 90.0, 50.0, 70.0]),
        ],
        marked_line: None,
    }
}

fn unit_frame() -> RadarFrame {
    RadarFrame {
        centre: Point::new(0.0, 0.0),
        radius: 1.0,
    }
}

fn svg(spec: &RadarSpec) -> String {
    radar_svg(spec, &ChartStyle::default(), 800, 600).expect("drawable spec")
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn six_axes_first_up_then_sixty_degrees_clockwise() {
    assert!(near(axis_angle(0, 6), 0.0));
    let (x, y) = axis_direction(0, 6);
    assert!(near(x, 0.0) && near(y, -1.0), "first axis straight up");
    for i in 1..6 {
        let step = axis_angle(i, 6) - axis_angle(i - 1, 6);
        assert!(near(step.to_degrees(), 60.0));
        // Clockwise on screen (y down): the cross product of consecutive directions is positive.
        let (ax, ay) = axis_direction(i - 1, 6);
        let (bx, by) = axis_direction(i, 6);
        assert!(ax * by - ay * bx > 0.0);
    }
}

#[test]
fn customers_and_baseline_land_where_their_numbers_say() {
    let frame = unit_frame();
    let scales = [Scale::PERCENT; 6];
    for values in [A, B, BASELINE] {
        let opt: Vec<Option<f64>> = values.iter().copied().map(Some).collect();
        let verts = polygon_vertices(&frame, &scales, &opt);
        for (i, v) in verts.iter().enumerate() {
            let v = v.expect("present");
            let (dx, dy) = axis_direction(i, 6);
            let r = values[i] / 100.0;
            assert!(
                near(v.point.x, dx * r) && near(v.point.y, dy * r),
                "axis {i}"
            );
            assert!(!v.clamped);
        }
    }
    // Spot-check one by hand: A's R&D 95 at 60° clockwise from up.
    let a1 = polygon_vertices(&frame, &scales, &A.map(Some))[1].expect("present");
    assert!(near(a1.point.x, 0.95 * 3f64.sqrt() / 2.0) && near(a1.point.y, -0.95 * 0.5));

    // The laid-out chart keeps the same proportions in pixels.
    let spec = external_en();
    let layout = RadarLayout::compute(&spec, &ChartStyle::default(), 800, 600);
    let (c, r) = (layout.frame.centre, layout.frame.radius);
    for (k, values) in [A, B].iter().enumerate() {
        for (i, v) in layout.series[k].iter().enumerate() {
            let d = v.expect("present").point.distance(c);
            assert!(near(d, values[i] / 100.0 * r));
        }
    }
    for (i, p) in layout.lines[0].iter().enumerate() {
        assert!(near(p.distance(c), BASELINE[i] / 100.0 * r));
    }
}

#[test]
fn age_thirty_on_a_20_to_70_axis_is_a_fifth_of_the_radius() {
    let f = Scale::new(20.0, 70.0).fraction(30.0);
    assert!(near(f.of_radius, 0.2) && !f.clamped);
    let spec = stakeholder_spec();
    let layout = RadarLayout::compute(&spec, &ChartStyle::default(), 800, 600);
    // The ideal profile's age (30) sits at 0.2 of the radius on the first axis.
    let p = layout.lines[0][0];
    assert!(near(
        p.distance(layout.frame.centre),
        0.2 * layout.frame.radius
    ));
    assert!(near(p.x, layout.frame.centre.x) && p.y < layout.frame.centre.y);
}

#[test]
fn adjacent_axis_labels_never_overlap() {
    let long_en = [
        "Strategic fit 战略契合度",
        "Profit contribution 利润贡献",
        "Business scale 业务规模",
        "Industry influence 行业影响力",
        "Market & brand effect 市场和品牌效应",
        "Development potential 发展潜力",
    ];
    let long_zh = [
        "最终决策者（关键决策者/批准者）",
        "市场和品牌效应",
        "客户关系",
        "组织角色",
        "法规要求",
        "行业影响力",
        "发展潜力",
        "战略契合度",
    ];
    let sets: Vec<Vec<&str>> = vec![
        EN_AXES.to_vec(),
        ZH_AXES.to_vec(),
        long_en.to_vec(),
        long_zh.to_vec(),
    ];
    for labels in &sets {
        let spec = RadarSpec {
            title: String::new(),
            axes: labels.iter().map(|l| RadarAxis::percent(*l)).collect(),
            lines: vec![],
            series: vec![],
            marked_line: None,
        };
        for (w, h, scale) in [(800, 600, 1.0), (480, 360, 1.0), (1600, 1200, 2.0)] {
            let layout = RadarLayout::compute(&spec, &ChartStyle::with_scale(scale), w, h);
            let n = layout.labels.len();
            for i in 0..n {
                let j = (i + 1) % n;
                assert!(
                    !layout.labels[i].bounds.intersects(&layout.labels[j].bounds),
                    "{:?} and {:?} overlap at {w}x{h}",
                    labels[i],
                    labels[j]
                );
                // Labels lie outside the web.
                let b = layout.labels[i].bounds;
                let centre = layout.frame.centre;
                let nearest = Point::new(centre.x.clamp(b.x0, b.x1), centre.y.clamp(b.y0, b.y1));
                assert!(nearest.distance(centre) > layout.frame.radius * 0.99);
            }
        }
    }
}

#[test]
fn shortfalls_against_the_baseline_match_the_source() {
    assert_eq!(below_line(&A.map(Some), &BASELINE), vec![2, 4]); // quality, price type
    assert_eq!(below_line(&B.map(Some), &BASELINE), vec![3]); // regulatory
                                                              // A missing value is unknown, not short.
    let mut gap = A.map(Some);
    gap[2] = None;
    assert_eq!(below_line(&gap, &BASELINE), vec![4]);

    let found: Vec<(usize, usize, f64)> = external_en()
        .shortfalls()
        .iter()
        .map(|s| (s.series, s.axis, s.value))
        .collect();
    assert_eq!(found, vec![(0, 2, 80.0), (0, 4, 70.0), (1, 3, 70.0)]);
}

fn by_tag<'a>(els: &'a [Element], tag: &str) -> impl Iterator<Item = &'a Element> {
    let tag = tag.to_string();
    els.iter().filter(move |e| e.tag == tag)
}

#[test]
fn svg_names_every_dimension_and_line_in_both_languages() {
    for (spec, axes, lines) in [
        (external_zh(), ZH_AXES, ["基准线", "警戒线"]),
        (external_en(), EN_AXES, ["Baseline", "Warning line"]),
    ] {
        let text = texts(&svg(&spec));
        for a in axes {
            assert!(text.iter().any(|t| t == a), "axis label {a} missing");
        }
        for l in lines {
            assert!(text.iter().any(|t| t == l), "legend entry {l} missing");
        }
        for s in ["Customer A", "Customer B", "External profile 客户外部画像"] {
            assert!(text.iter().any(|t| t == s), "{s} missing");
        }
        // The ring values on the first axis.
        for v in ["20", "40", "60", "80", "100"] {
            assert!(text.iter().any(|t| t == v), "ring value {v} missing");
        }
    }
}

#[test]
fn svg_text_uses_the_cjk_font_list() {
    let s = svg(&external_zh());
    let els = elements(&s);
    let label = by_tag(&els, "text")
        .find(|e| e.text == "质量要求")
        .expect("label drawn");
    assert!(label.attr("font-family").contains("PingFang SC"));
    assert!(label.attr("font-family").contains("Noto Sans CJK SC"));
}

#[test]
fn reference_lines_are_drawn_dashed_on_every_edge() {
    let spec = external_en();
    let s = svg(&spec);
    let els = elements(&s);
    let layout = RadarLayout::compute(&spec, &ChartStyle::default(), 800, 600);
    for (k, points) in layout.lines.iter().enumerate() {
        let colour = css(palette::line_style(k).colour);
        let dashes: Vec<Vec<(f64, f64)>> = by_tag(&els, "polyline")
            .filter(|e| e.attr("stroke") == colour)
            .map(Element::points)
            .collect();
        for i in 0..points.len() {
            let (a, b) = (points[i], points[(i + 1) % points.len()]);
            let len = a.distance(b);
            if len < 30.0 {
                continue; // The warning line's edges around R&D 0 are too short to judge.
            }
            let on_edge = |p: (f64, f64)| {
                // Distance from p to segment ab, with rounding to whole pixels allowed.
                let (vx, vy) = (b.x - a.x, b.y - a.y);
                let t = (((p.0 - a.x) * vx + (p.1 - a.y) * vy) / (len * len)).clamp(0.0, 1.0);
                Point::new(a.x + t * vx, a.y + t * vy).distance(Point::new(p.0, p.1)) < 1.5
            };
            let pieces = dashes
                .iter()
                .filter(|d| d.len() == 2 && on_edge(d[0]) && on_edge(d[1]))
                .count();
            assert!(pieces >= 3, "line {k} edge {i}: {pieces} pieces");
        }
    }
}

#[test]
fn points_below_the_baseline_are_ringed_with_their_value() {
    let spec = external_en();
    let s = svg(&spec);
    let els = elements(&s);
    let mark = css(palette::SHORTFALL);
    let rings = by_tag(&els, "circle")
        .filter(|e| e.attr("stroke") == mark && e.attr("fill") == "none")
        .count();
    // Three short points (A: quality, price type; B: regulatory) plus the legend's sample ring.
    assert_eq!(rings, 3 + 1);
    let mut values: Vec<String> = by_tag(&els, "text")
        .filter(|e| e.attr("fill") == mark)
        .map(|e| e.text.clone())
        .collect();
    values.sort();
    assert_eq!(values, vec!["70", "70", "80"]);
    assert!(texts(&s).iter().any(|t| t == "< Baseline"));

    // Without a marked line nothing is ringed and the legend has no ring entry.
    let mut plain = spec.clone();
    plain.marked_line = None;
    let s = svg(&plain);
    assert_eq!(
        by_tag(&elements(&s), "circle")
            .filter(|e| e.attr("stroke") == mark)
            .count(),
        0
    );
}

#[test]
fn a_missing_value_leaves_a_gap_not_a_point_at_the_centre() {
    let mut spec = external_en();
    spec.series[0].values[2] = None; // A's quality unknown
    let s = svg(&spec);
    assert!(!s.contains("NaN"));
    let els = elements(&s);
    let layout = RadarLayout::compute(&spec, &ChartStyle::default(), 800, 600);
    let (cx, cy) = (layout.frame.centre.x, layout.frame.centre.y);
    let at_centre = |p: (f64, f64)| (p.0 - cx).abs() <= 1.0 && (p.1 - cy).abs() <= 1.0;
    let colour = css(palette::series_colour(0));
    let dots: Vec<&Element> = by_tag(&els, "circle")
        .filter(|e| e.attr("fill") == colour)
        .collect();
    assert_eq!(dots.len(), 5, "five known values, five dots");
    assert!(dots.iter().all(|d| !at_centre((d.num("cx"), d.num("cy")))));
    for e in by_tag(&els, "polyline").filter(|e| e.attr("stroke") == colour) {
        assert!(
            e.points().into_iter().all(|p| !at_centre(p)),
            "outline through the centre"
        );
    }
    for e in by_tag(&els, "polygon").filter(|e| e.attr("fill") == colour) {
        assert!(
            e.points().into_iter().all(|p| !at_centre(p)),
            "fill through the centre"
        );
    }
    // The gap is flagged on the rim, and the ring for quality is gone with the value.
    assert!(texts(&s).iter().any(|t| t == "?"));
    let mark = css(palette::SHORTFALL);
    let rings = by_tag(&els, "circle")
        .filter(|e| e.attr("stroke") == mark && e.attr("fill") == "none")
        .count();
    assert_eq!(rings, 2 + 1);
}

#[test]
fn no_nan_even_for_off_scale_values_and_extreme_sizes() {
    let mut spec = stakeholder_spec();
    spec.series[0].values[0] = Some(85.0); // older than the age axis reaches
    spec.series[1].values[3] = Some(-10.0);
    for (w, h) in [(800, 600), (120, 90), (1, 1)] {
        let s = radar_svg(&spec, &ChartStyle::with_scale(f64::NAN), w, h).expect("drawable");
        assert!(!s.contains("NaN") && !s.contains("inf"), "{w}x{h}");
    }
    // The off-scale values are drawn as hollow squares, not as ordinary dots.
    let s = svg(&spec);
    let colour = css(palette::series_colour(0));
    assert!(elements(&s)
        .iter()
        .any(|e| e.tag == "rect" && e.attr("stroke") == colour && e.attr("fill") == "none"));
    // The age axis states its own scale in its label; the ring values are the 0–100 ones.
    let t = texts(&s);
    assert!(t.iter().any(|x| x == "Age 年龄 (20–70 yrs)"));
    // An axis whose label does not state its different scale gets it added.
    let mut unstated = stakeholder_spec();
    unstated.axes[0].label = "Age 年龄".into();
    let t = texts(&svg(&unstated));
    assert!(t.iter().any(|x| x == "Age 年龄 (20–70)"), "{t:?}");
}

#[test]
fn svg_text_has_the_same_css_size_as_on_the_canvas() {
    // plotters' SVG backend divides font sizes by 1.24 and its canvas backend does not; the SVG
    // export compensates, so axis labels are 13 px in both.
    let s = svg(&external_en());
    let label = elements(&s)
        .into_iter()
        .find(|e| e.tag == "text" && e.text == "Market size")
        .expect("label");
    assert!(
        (label.num("font-size") - 13.0).abs() < 1e-6,
        "{}",
        label.attr("font-size")
    );
}

#[test]
fn a_2x_style_draws_text_and_strokes_twice_as_large() {
    let spec = external_en();
    let one = radar_svg(&spec, &ChartStyle::with_scale(1.0), 800, 600).expect("1x");
    let two = radar_svg(&spec, &ChartStyle::with_scale(2.0), 1600, 1200).expect("2x");
    let size_of = |s: &str| {
        elements(s)
            .into_iter()
            .find(|e| e.tag == "text" && e.text == "Price type")
            .map(|e| e.num("font-size"))
            .expect("label")
    };
    assert!(near(size_of(&two), 2.0 * size_of(&one)));
    let width_of = |s: &str| {
        elements(s)
            .into_iter()
            .find(|e| e.tag == "polyline" && e.attr("stroke") == css(palette::series_colour(0)))
            .map(|e| e.num("stroke-width"))
            .expect("outline")
    };
    assert!(near(width_of(&two), 2.0 * width_of(&one)));
}

#[test]
fn table_gives_the_drawn_numbers_per_axis() {
    let mut spec = external_zh();
    spec.series[1].values[0] = None;
    let table = radar_table(&spec);
    assert_eq!(
        table.columns,
        vec!["Customer A", "Customer B", "基准线", "警戒线"]
    );
    assert_eq!(table.rows.len(), 6);
    let quality = &table.rows[2];
    assert_eq!(quality.axis, "质量要求");
    let cells: Vec<(&str, bool)> = quality
        .cells
        .iter()
        .map(|c| (c.text.as_str(), c.below_marked_line))
        .collect();
    assert_eq!(
        cells,
        vec![("80", true), ("90", false), ("90", false), ("60", false)]
    );
    assert_eq!(table.rows[0].cells[1].text, "—");
    assert_eq!(table.rows[3].cells[1].text, "70");
    assert!(table.rows[3].cells[1].below_marked_line);
}

#[test]
fn invalid_specs_are_refused_with_a_reason() {
    let mut short = external_en();
    short.series[0].values.pop();
    assert!(matches!(
        radar_svg(&short, &ChartStyle::default(), 400, 300),
        Err(ChartError::LengthMismatch {
            found: 5,
            expected: 6,
            ..
        })
    ));
    let mut nan = external_en();
    nan.lines[0].values[1] = f64::NAN;
    assert!(matches!(
        radar_svg(&nan, &ChartStyle::default(), 400, 300),
        Err(ChartError::NotFinite { .. })
    ));
    let mut crowded = external_en();
    crowded.series = (0..6).map(|i| series(&format!("S{i}"), &A)).collect();
    assert!(matches!(
        crowded.validate(),
        Err(ChartError::TooManySeries { count: 6, max: 5 })
    ));
    let mut two = external_en();
    two.axes.truncate(2);
    assert_eq!(two.validate(), Err(ChartError::TooFewAxes { count: 2 }));
    let mut marked = external_en();
    marked.marked_line = Some(2);
    assert!(matches!(
        marked.validate(),
        Err(ChartError::NoSuchLine { .. })
    ));
    let mut scale = external_en();
    scale.axes[0].scale = Scale::new(70.0, 20.0);
    assert!(matches!(scale.validate(), Err(ChartError::BadScale { .. })));
}

#[test]
fn the_chart_enum_exports_the_same_svg_as_radar_svg() {
    let spec = external_zh();
    let chart = Chart::Radar(spec.clone());
    assert_eq!(chart.title(), "External profile 客户外部画像");
    let style = ChartStyle::default();
    assert_eq!(
        chart.svg(&style, 640, 480).expect("drawable"),
        radar_svg(&spec, &style, 640, 480).expect("drawable")
    );
}

#[test]
fn a_person_younger_than_the_ideal_age_is_not_marked_short() {
    let mut spec = stakeholder_spec();
    spec.marked_line = Some(0);
    for series in &mut spec.series {
        series.values[0] = Some(25.0);
    }
    assert!(
        spec.shortfalls().iter().all(|s| s.axis != 0),
        "age is plotted as is and never compared with the ideal"
    );
}

/// The external profile as the app shows it for one account, the long name of the source's
/// example included.
fn app_external() -> RadarSpec {
    let mut spec = external_en();
    spec.series = vec![series("客户A Customer A (source example 示例)", &A)];
    spec
}

/// The stakeholder small multiple: one person against the ideal profile.
fn app_stakeholder() -> RadarSpec {
    let mut axes = vec![RadarAxis {
        label: "Age (20–50)".into(),
        scale: Scale::new(20.0, 50.0),
        compared: false,
    }];
    for l in [
        "Education",
        "Organisational role",
        "Power role",
        "Relationship role",
        "Development potential",
    ] {
        axes.push(RadarAxis::percent(l));
    }
    RadarSpec {
        title: "Wang Wei 王伟".into(),
        axes,
        lines: vec![ReferenceLine {
            name: "Ideal profile".into(),
            values: vec![30.0, 100.0, 100.0, 100.0, 100.0, 100.0],
        }],
        series: vec![series(
            "Wang Wei 王伟",
            &[45.0, 80.0, 90.0, 70.0, 60.0, 85.0],
        )],
        marked_line: Some(0),
    }
}

/// The app's canvases: (spec, CSS width, CSS height, least radius as a share of the smaller side).
fn app_canvases() -> Vec<(&'static str, RadarSpec, u32, u32, f64)> {
    vec![
        ("external", app_external(), 420, 357, 0.3),
        ("external zh", external_zh(), 420, 357, 0.3),
        ("stakeholder", app_stakeholder(), 300, 255, 0.25),
    ]
}

#[test]
fn on_the_apps_small_canvases_the_web_dominates_and_no_text_collides() {
    for (name, spec, w, h, share) in app_canvases() {
        for scale in [1.0, 2.0] {
            let (dw, dh) = ((f64::from(w) * scale) as u32, (f64::from(h) * scale) as u32);
            let layout = RadarLayout::compute(&spec, &ChartStyle::with_scale(scale), dw, dh);
            let at = format!("{name} at {w}x{h} @{scale}");
            let radius_css = layout.frame.radius / scale;
            assert!(
                radius_css >= share * f64::from(w.min(h)) - 0.5,
                "{at}: radius {radius_css}"
            );
            let mut boxes: Vec<(String, kam_radar::chart::geometry::Rect)> = layout
                .labels
                .iter()
                .zip(&layout.label_lines)
                .map(|(p, lines)| (lines.join(" "), p.bounds))
                .collect();
            boxes.extend(layout.legend.iter().map(|e| (e.text.clone(), e.bounds)));
            boxes.extend(layout.title.iter().map(|t| (t.text.clone(), t.bounds)));
            let (cw, ch) = (f64::from(dw), f64::from(dh));
            let centre = layout.frame.centre;
            for (i, (text, b)) in boxes.iter().enumerate() {
                assert!(
                    b.x0 >= 0.0 && b.y0 >= 0.0 && b.x1 <= cw && b.y1 <= ch,
                    "{at}: {text:?} leaves the canvas: {b:?}"
                );
                let nearest = Point::new(centre.x.clamp(b.x0, b.x1), centre.y.clamp(b.y0, b.y1));
                assert!(
                    nearest.distance(centre) >= layout.frame.radius,
                    "{at}: {text:?} covers the web"
                );
                for (other, c) in &boxes[i + 1..] {
                    assert!(!b.intersects(c), "{at}: {text:?} overlaps {other:?}");
                }
            }
            // The ring values stay inside the canvas and apart from each other.
            for (k, v) in layout.ring_values.iter().enumerate() {
                let b = v.bounds;
                assert!(b.x0 >= 0.0 && b.y0 >= 0.0 && b.x1 <= cw && b.y1 <= ch);
                for u in &layout.ring_values[k + 1..] {
                    assert!(!b.intersects(&u.bounds), "{at}: ring values overlap");
                }
            }
        }
    }
}

#[test]
fn the_old_small_web_is_gone() {
    // Before wrapping and the compact legend, this canvas gave a web of 47 CSS px radius
    // (13 % of the smaller side), the floor of the old fit.
    let layout = RadarLayout::compute(&app_external(), &ChartStyle::with_scale(2.0), 840, 714);
    assert!(
        layout.frame.radius / 2.0 > 2.0 * 47.0,
        "{}",
        layout.frame.radius
    );
}

#[test]
fn long_labels_are_wrapped_and_long_names_cut_on_a_small_canvas() {
    let style = ChartStyle::default();
    let s = radar_svg(&app_external(), &style, 420, 357).expect("drawable");
    let t = texts(&s);
    // "Quality requirement" is two <text> lines, and never one.
    assert!(t.iter().any(|x| x == "Quality") && t.iter().any(|x| x == "requirement"));
    assert!(!t.iter().any(|x| x == "Quality requirement"));
    // The account's long name is cut in the legend; the table keeps it whole.
    assert!(t
        .iter()
        .any(|x| x.starts_with("客户A Customer A") && x.ends_with('…')));
    // On a roomy canvas the labels stay whole.
    let t = texts(&svg(&app_external()));
    assert!(t.iter().any(|x| x == "Quality requirement"));
    assert!(t
        .iter()
        .any(|x| x == "客户A Customer A (source example 示例)"));
}

#[test]
fn ring_values_are_written_once() {
    let muted = css(palette::MUTED);
    for (name, spec, w, h, _) in app_canvases() {
        for scale in [1.0, 2.0] {
            let (dw, dh) = ((f64::from(w) * scale) as u32, (f64::from(h) * scale) as u32);
            let s = radar_svg(&spec, &ChartStyle::with_scale(scale), dw, dh).expect("drawable");
            let ring_labels: Vec<String> = elements(&s)
                .into_iter()
                .filter(|e| e.tag == "text" && e.attr("fill") == muted)
                .map(|e| e.text)
                .collect();
            let eighty = ring_labels.iter().filter(|t| *t == "80").count();
            assert_eq!(eighty, 1, "{name} @{scale}: {ring_labels:?}");
            assert!(ring_labels.iter().filter(|t| *t == "100").count() <= 1);
        }
    }
    // With every axis on another scale than the ring values', those axes state theirs and
    // still only one set of ring values is written.
    let mut mixed = app_external();
    for (axis, (lo, hi)) in mixed.axes.iter_mut().zip([
        (0.0, 100.0),
        (0.0, 100.0),
        (50.0, 100.0),
        (50.0, 100.0),
        (50.0, 100.0),
        (60.0, 100.0),
    ]) {
        axis.scale = Scale::new(lo, hi);
    }
    let s = radar_svg(&mixed, &ChartStyle::default(), 420, 357).expect("drawable");
    let ring_labels: Vec<String> = elements(&s)
        .into_iter()
        .filter(|e| e.tag == "text" && e.attr("fill") == muted)
        .map(|e| e.text)
        .collect();
    assert!(
        ring_labels.iter().filter(|t| *t == "100").count() <= 1,
        "{ring_labels:?}"
    );
    assert!(texts(&s).iter().any(|t| t == "(60–100)"));
}

#[test]
fn ring_values_are_left_out_when_the_web_is_too_small_to_keep_them_apart() {
    let layout = RadarLayout::compute(&app_stakeholder(), &ChartStyle::default(), 120, 102);
    for (k, v) in layout.ring_values.iter().enumerate() {
        for u in &layout.ring_values[k + 1..] {
            assert!(!v.bounds.intersects(&u.bounds));
        }
    }
    assert!(layout.ring_values.len() < 5);
}

#[test]
fn pointing_at_a_vertex_reads_its_value_and_the_lines_on_that_axis() {
    let spec = external_en();
    let style = ChartStyle::default();
    let layout = RadarLayout::compute(&spec, &style, 420, 357);
    // Customer A's quality requirement vertex (axis 2).
    let vertex = layout.series[0][2].expect("A has a quality score");
    let hit = layout
        .vertex_at(&spec, vertex.point.x + 2.0, vertex.point.y - 2.0, 10.0)
        .expect("a vertex is within reach");
    assert!(
        hit.text.starts_with("Customer A · Quality requirement: 80"),
        "{}",
        hit.text
    );
    assert!(
        hit.text.contains("Baseline 90"),
        "the baseline on that axis: {}",
        hit.text
    );
    assert!(layout.vertex_at(&spec, -50.0, -50.0, 10.0).is_none());
}

#[test]
fn new_values_move_only_the_marks_and_anything_else_lays_the_radar_out_anew() {
    let style = ChartStyle::with_scale(2.0);
    let before = external(&EN_AXES, ["Baseline", "Warning line"]);
    let layout = RadarLayout::compute(&before, &style, 840, 714);

    // Customer A's R&D capability edited from 95 to 70, and a line moved: still below the
    // baseline somewhere, so the legend keeps its shortfall entry.
    let mut edited = before.clone();
    edited.series[0].values[1] = Some(70.0);
    edited.lines[1].values[0] = 50.0;
    let moved = layout
        .for_new_values(&before, &edited, &style)
        .expect("only values changed");
    assert_eq!(moved, RadarLayout::compute(&edited, &style, 840, 714));
    assert_ne!(moved.series, layout.series, "the outline moved");
    assert!(moved.same_web(&layout));

    // Anything a reader sees as text is laid out again.
    let mut renamed = edited.clone();
    renamed.series[1].name = "Customer C".into();
    assert_eq!(layout.for_new_values(&before, &renamed, &style), None);
    let zh = external(&ZH_AXES, ["Baseline", "Warning line"]);
    assert_eq!(layout.for_new_values(&before, &zh, &style), None);
    // With no point below the baseline any more, the legend loses its shortfall entry.
    let mut clear = before.clone();
    clear.lines[0].values = vec![0.0; 6];
    assert!(clear.shortfalls().is_empty() && !before.shortfalls().is_empty());
    assert_eq!(layout.for_new_values(&before, &clear, &style), None);
    assert!(!RadarLayout::compute(&clear, &style, 840, 714).same_web(&layout));
}
