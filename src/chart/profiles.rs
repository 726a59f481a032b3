//! Radar specs for scored accounts and people: the adapter from the engine's results to the
//! chart inputs, in the interface language. Reference lines come from the framework data, so
//! an edited line is drawn as edited.

use super::geometry::Scale;
use super::radar::{RadarAxis, RadarSpec, ReferenceLine, Series};
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::scoring::DimScore;

/// One compared account or person: its name and its dimension scores in framework order.
pub struct Compared<'a> {
    pub name: &'a str,
    pub dims: &'a [DimScore],
}

/// The radar of `framework` for the given accounts or people (at most five), with the
/// framework's reference lines, the one at `marked_line` used to mark shortfalls.
pub fn framework_radar(
    framework: &Framework,
    compared: &[Compared<'_>],
    marked_line: Option<usize>,
    lang: Lang,
) -> RadarSpec {
    let axes = framework
        .dimensions
        .iter()
        .enumerate()
        .map(|(axis, dimension)| {
            let label = dimension.label.get(lang).to_string();
            if dimension.scored {
                // Scores are drawn from 0 even where a rule's range starts higher (a level
                // scored 50–100): one set of rings then reads the same on every axis, as on
                // the consultants' own charts.
                RadarAxis {
                    label,
                    scale: Scale::new(dimension.min.min(0.0), dimension.max),
                    compared: true,
                }
            } else {
                // Plotted as is (a person's age): a scale fitted to the values and lines, stated
                // on the axis so nobody reads it as a score.
                let mut seen: Vec<f64> = compared
                    .iter()
                    .filter_map(|c| c.dims.get(axis).and_then(DimScore::value))
                    .collect();
                seen.extend(framework.lines.iter().filter_map(|l| l.values.get(axis)));
                let scale = unscored_scale(&seen, dimension.min, dimension.max);
                RadarAxis {
                    label: format!("{label} ({}–{})", scale.min, scale.max),
                    scale,
                    compared: false,
                }
            }
        })
        .collect();
    let lines = framework
        .lines
        .iter()
        .map(|line| ReferenceLine {
            name: capitalised(line.name.get(lang)),
            values: line.values.clone(),
        })
        .collect();
    let series = compared
        .iter()
        .map(|c| Series {
            name: c.name.to_string(),
            values: c.dims.iter().map(DimScore::value).collect(),
        })
        .collect();
    RadarSpec {
        title: framework.name.get(lang).to_string(),
        axes,
        lines,
        series,
        marked_line: marked_line.filter(|&i| i < framework.lines.len()),
    }
}

/// "baseline" → "Baseline" for the legend; Chinese is unchanged.
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A round scale around the values of an axis that is not a score, at least 30 wide, within
/// the dimension's own range.
fn unscored_scale(values: &[f64], min: f64, max: f64) -> Scale {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() {
        return Scale::new(min, max);
    }
    let mut lo = ((low - 5.0) / 10.0).floor() * 10.0;
    let mut hi = ((high + 5.0) / 10.0).ceil() * 10.0;
    if hi - lo < 30.0 {
        hi = lo + 30.0;
    }
    lo = lo.max(min);
    hi = hi.min(max);
    if hi <= lo {
        Scale::new(min, max)
    } else {
        Scale::new(lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::presets;
    use crate::model::{Input, Stakeholder};
    use crate::scoring::Engine;

    #[test]
    fn the_stakeholder_radar_plots_age_on_its_own_stated_scale_and_the_ideal_line() {
        let engine = Engine::presets();
        let mut person = Stakeholder {
            account: "c".into(),
            journey_point: "FAT".into(),
            name: "Y".into(),
            ..Stakeholder::default()
        };
        for (key, value) in [
            ("age", Input::Number(35.0)),
            ("education", Input::Text("硕士".into())),
            ("org_role", Input::Text("总监".into())),
            ("power_role", Input::Text("影响者".into())),
            ("relationship_role", Input::Text("教练".into())),
            ("potential", Input::Number(90.0)),
        ] {
            person.inputs.insert(key.into(), value);
        }
        let scores = engine.score(&engine.index(&[], &[person]));
        let fi = engine.index_of(presets::STAKEHOLDER).expect("preset");
        let spec = framework_radar(
            &engine.frameworks()[fi],
            &[Compared {
                name: "Y",
                dims: scores.framework(fi).dims(0),
            }],
            Some(0),
            Lang::En,
        );
        assert_eq!(spec.axes[0].label, "Age (20–50)");
        assert!(!spec.axes[0].compared);
        assert_eq!(
            spec.series[0].values,
            [
                Some(35.0),
                Some(90.0),
                Some(80.0),
                Some(80.0),
                Some(100.0),
                Some(90.0)
            ]
        );
        assert_eq!(
            spec.lines[0].values,
            [30.0, 100.0, 100.0, 100.0, 100.0, 100.0]
        );
        // Y is short of the ideal on education, role, power role and potential, never on age.
        let short: Vec<usize> = spec.shortfalls().iter().map(|s| s.axis).collect();
        assert_eq!(short, [1, 2, 3, 5]);
    }

    #[test]
    fn a_profile_radar_takes_its_lines_from_the_framework_data_as_edited() {
        let mut external = presets::external();
        external.lines[0].values[2] = 75.0;
        let spec = framework_radar(&external, &[], Some(0), Lang::Zh);
        assert_eq!(spec.lines[0].name, "基准线");
        assert_eq!(
            framework_radar(&external, &[], None, Lang::En).lines[1].name,
            "Warning line"
        );
        assert_eq!(spec.lines[0].values[2], 75.0);
        assert_eq!(spec.axes[2].label, "质量要求");
        assert!(
            spec.axes
                .iter()
                .all(|a| a.scale.min == 0.0 && a.scale.max == 100.0),
            "every profile axis reads 0–100"
        );
        assert_eq!(spec.marked_line, Some(0));
        assert_eq!(
            framework_radar(&external, &[], Some(9), Lang::En).marked_line,
            None
        );
    }
}
