//! Explanations: a compact result turned into sentences a trainee can follow, in either language.
//!
//! Only the account on screen is explained, so this is where strings are built. Everything
//! shown comes from the framework data (labels, bands, breakpoints, lines) and the raw input;
//! the few fixed phrases are the per-language format strings below.

use crate::framework::{
    Classification, Derivation, Dimension, Framework, Level, LineRule, LineTest, Rule,
};
use crate::i18n::{Label, Lang};
use crate::model::Inputs;
use crate::scoring::{DimScore, How, Invalid, Outcome};

/// A number for people: at most two decimals, no trailing zeros, thousands not grouped.
pub fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A label in the reading language first, then the other one ("Quality requirement 质量要求").
pub fn name(label: &Label, lang: Lang) -> String {
    match lang {
        Lang::En => label.both(),
        Lang::Zh if !label.en.is_empty() && !label.zh.is_empty() && label.en != label.zh => {
            format!("{}（{}）", label.zh, label.en)
        }
        Lang::Zh => label.get(Lang::Zh).to_string(),
    }
}

fn levels_of(rule: &Rule) -> Option<&[crate::framework::Level]> {
    match rule {
        Rule::Levels { levels, .. } => Some(levels),
        Rule::Derived { fallback, .. } => levels_of(fallback),
        _ => None,
    }
}

/// What a dimension accepts, in English with the labels in both languages (for error messages).
pub fn accepted(d: &Dimension, rule: &Rule) -> String {
    let range = format!("a number from {} to {}", num(d.min), num(d.max));
    match rule {
        Rule::Direct => range,
        Rule::Levels { levels, by_measure } => {
            let names: Vec<String> = levels.iter().map(|l| l.label.both()).collect();
            let mut s = format!("{}, or {range}", names.join(", "));
            if let Some(m) = by_measure {
                s.push_str(&format!(" (or '{}' to choose the level)", m.input));
            }
            s
        }
        Rule::Piecewise {
            breakpoints,
            unit,
            score_input,
        } => {
            let from = breakpoints.first().map_or(0.0, |b| b[0]);
            let mut s = format!("a measure of at least {} {}", num(from), unit.en);
            if let Some(k) = score_input {
                s.push_str(&format!(
                    ", or a score from {} to {} in '{k}'",
                    num(d.min),
                    num(d.max)
                ));
            }
            s
        }
        Rule::Derived { fallback, .. } => accepted(d, fallback),
    }
}

struct Words {
    of: &'static str,
    band: &'static str,
    missing: &'static str,
    out_of_range: &'static str,
    unknown_label: &'static str,
    not_a_number: &'static str,
    allowed: &'static str,
    accepted: &'static str,
    interpolated: &'static str,
    flat_beyond: &'static str,
    capped: &'static str,
    score_entered: &'static str,
    fallback: &'static str,
    from_total: &'static str,
    clamped: &'static str,
    stakeholders: &'static str,
    stakeholders_plain: &'static str,
    from_measure: &'static str,
    plotted: &'static str,
    total: &'static str,
    incomplete: &'static str,
    missing_list: &'static str,
    invalid_list: &'static str,
    not_classified: &'static str,
    short_of: &'static str,
    meets_every: &'static str,
    below_any: &'static str,
    none_below: &'static str,
    line_total: &'static str,
    and: &'static str,
}

const EN: Words = Words {
    of: "of",
    band: "band",
    missing: "missing — not counted as 0",
    out_of_range: "out of range",
    unknown_label: "is not a known level",
    not_a_number: "is not a number",
    allowed: "allowed",
    accepted: "accepted",
    interpolated: "interpolated between",
    flat_beyond: "flat beyond the last breakpoint",
    capped: "capped at the maximum",
    score_entered: "score entered directly",
    fallback: "no derived value yet, entered value used",
    from_total: "total of",
    clamped: "clamped to",
    stakeholders: "mean of the stakeholders' scores, weighted by",
    stakeholders_plain: "plain mean of the stakeholders' scores",
    from_measure: "chosen from",
    plotted: "plotted as is, not scored",
    total: "Total",
    incomplete: "Total incomplete",
    missing_list: "missing",
    invalid_list: "invalid",
    not_classified: "not classified until complete",
    short_of: "short on",
    meets_every: "met on every dimension",
    below_any: "below on",
    none_below: "not below on any dimension",
    line_total: "line total",
    and: "and",
};

const ZH: Words = Words {
    of: "/",
    band: "分数段",
    missing: "缺失——不按0分计",
    out_of_range: "超出范围",
    unknown_label: "不是有效的档位",
    not_a_number: "不是数字",
    allowed: "允许",
    accepted: "可用",
    interpolated: "在以下折点间插值",
    flat_beyond: "超过最后一个折点后保持不变",
    capped: "以最高分封顶",
    score_entered: "直接输入的分数",
    fallback: "尚无推导值，采用输入值",
    from_total: "取自",
    clamped: "限制在",
    stakeholders: "各人员得分的加权平均，权重为",
    stakeholders_plain: "各人员得分的简单平均",
    from_measure: "依据",
    plotted: "按实际值绘制，不计分",
    total: "合计",
    incomplete: "合计不完整",
    missing_list: "缺少",
    invalid_list: "无效",
    not_classified: "输入完整后才分类",
    short_of: "未达到",
    meets_every: "各项均达到",
    below_any: "低于",
    none_below: "没有任何一项低于",
    line_total: "线合计",
    and: "且",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// The raw input the rule read, quoted when it is a label.
/// A measure as people write it: 1.5 B, 100 M (15亿, 500万 in Chinese); smaller ones as they
/// are. Trails and Help print sales and revenue this way, not as "1500000000".
pub fn measure(v: f64, lang: Lang) -> String {
    let a = v.abs();
    match lang {
        Lang::En if a >= 1e9 => format!("{} B", num(v / 1e9)),
        Lang::En if a >= 1e6 => format!("{} M", num(v / 1e6)),
        Lang::Zh if a >= 1e8 => format!("{}亿", num(v / 1e8)),
        Lang::Zh if a >= 1e4 => format!("{}万", num(v / 1e4)),
        _ => num(v),
    }
}

fn shown_input(d: &Dimension, inputs: &Inputs, lang: Lang) -> Option<String> {
    let key = match &d.rule {
        Rule::Piecewise {
            score_input: Some(k),
            ..
        } if !inputs.contains_key(&d.input) => k.as_str(),
        _ => d.input.as_str(),
    };
    let is_measure = matches!(d.rule, Rule::Piecewise { .. }) && key == d.input.as_str();
    inputs.get(key).map(|v| match v {
        crate::model::Input::Text(t) => format!("'{t}'"),
        crate::model::Input::Number(n) if is_measure => measure(*n, lang),
        crate::model::Input::Number(n) => num(*n),
    })
}

/// One dimension's score and how it was reached, e.g.
/// "Profit contribution 利润贡献: 'high' → 17.5 of 20 (band 15–20)".
pub fn explain_dimension(
    frameworks: &[Framework],
    d: &Dimension,
    s: &DimScore,
    inputs: &Inputs,
    lang: Lang,
) -> String {
    let w = words(lang);
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let head = format!("{}{colon}", name(&d.label, lang));
    let input = shown_input(d, inputs, lang).unwrap_or_default();
    let value = s.value().map(num).unwrap_or_default();
    let of = if d.scored {
        format!("{value} {} {}", w.of, num(d.max))
    } else {
        format!("{value} ({})", w.plotted)
    };
    let rule = match &d.rule {
        Rule::Derived { fallback, .. } => fallback.as_ref(),
        r => r,
    };
    let fallback_note = if matches!(d.rule, Rule::Derived { .. }) {
        format!("; {}", w.fallback)
    } else {
        String::new()
    };
    // A band is named unless the input already names it ("'high' → 17.5 of 20 (band 15–20)").
    let band = |l: &Level, named: bool| {
        if named {
            format!(" ({} {}–{})", w.band, num(l.lo), num(l.hi))
        } else {
            format!(
                " ({} {}: {}–{})",
                w.band,
                l.label.get(lang),
                num(l.lo),
                num(l.hi)
            )
        }
    };
    let body = match s.how {
        How::Direct => {
            // A number entered for a levels rule still says which band it falls in (the higher
            // one on a shared edge).
            let within = levels_of(rule).zip(s.value()).and_then(|(ls, v)| {
                ls.iter()
                    .filter(|l| v >= l.lo && v <= l.hi)
                    .max_by(|a, b| a.lo.total_cmp(&b.lo))
            });
            let within = within.map_or(String::new(), |l| band(l, false));
            format!("{input} → {of}{within}{fallback_note}")
        }
        How::Level(i) | How::LevelFromMeasure(i) => {
            let level = levels_of(rule).and_then(|ls| ls.get(usize::from(i)));
            let typed = match inputs.get(&d.input) {
                Some(crate::model::Input::Text(t)) if matches!(s.how, How::Level(_)) => {
                    crate::scoring::normalise_label(t)
                }
                _ => String::new(),
            };
            let band = level.map_or(String::new(), |l| {
                band(
                    l,
                    typed == crate::scoring::normalise_label(l.label.get(lang)),
                )
            });
            let source = match (&s.how, rule) {
                (
                    How::LevelFromMeasure(_),
                    Rule::Levels {
                        by_measure: Some(m),
                        ..
                    },
                ) => {
                    let shown = inputs
                        .get(&m.input)
                        .map(|v| match v {
                            crate::model::Input::Number(n) => measure(*n, lang),
                            text => text.to_string(),
                        })
                        .unwrap_or_default();
                    format!("{} {} {shown} → ", w.from_measure, m.input)
                }
                _ => format!("{input} → "),
            };
            format!("{source}{of}{band}{fallback_note}")
        }
        How::Piecewise { segment, capped } => {
            let Rule::Piecewise {
                breakpoints, unit, ..
            } = rule
            else {
                return format!("{head}{input} → {of}");
            };
            let seg = usize::from(segment);
            let how = if seg + 1 >= breakpoints.len() {
                let [x, y] = breakpoints[breakpoints.len() - 1];
                format!("{} ({} → {})", w.flat_beyond, measure(x, lang), num(y))
            } else {
                let ([x0, y0], [x1, y1]) = (breakpoints[seg], breakpoints[seg + 1]);
                format!(
                    "{} ({} → {}) {} ({} → {})",
                    w.interpolated,
                    measure(x0, lang),
                    num(y0),
                    w.and,
                    measure(x1, lang),
                    num(y1)
                )
            };
            let cap = if capped {
                format!("; {}", w.capped)
            } else {
                String::new()
            };
            format!("{input} {} → {of} ({how}{cap})", unit.get(lang))
        }
        How::ScoreEntered => format!("{input} → {of} ({})", w.score_entered),
        How::FrameworkTotal { clamped } => {
            let source = match &d.rule {
                Rule::Derived {
                    from: Derivation::FrameworkTotal { framework },
                    ..
                } => frameworks
                    .iter()
                    .find(|f| &f.id == framework)
                    .map_or(framework.clone(), |f| name(&f.name, lang)),
                _ => String::new(),
            };
            let clamp = if clamped {
                format!(", {} {}–{}", w.clamped, num(d.min), num(d.max))
            } else {
                String::new()
            };
            format!("{} {source} → {of}{clamp}", w.from_total)
        }
        How::Stakeholders { count } => match &d.rule {
            Rule::Derived {
                from:
                    Derivation::StakeholderWeightedMean {
                        framework,
                        weight: Some(weight),
                        ..
                    },
                ..
            } => {
                let weight = frameworks
                    .iter()
                    .find(|f| &f.id == framework)
                    .and_then(|f| f.dimension(weight))
                    .map_or(weight.clone(), |x| name(&x.label, lang));
                format!("{} {weight} (n = {count}) → {of}", w.stakeholders)
            }
            _ => format!("{} (n = {count}) → {of}", w.stakeholders_plain),
        },
        How::Missing => w.missing.to_string(),
        How::Invalid(Invalid::OutOfRange) => format!(
            "{input} {}; {} {}–{}",
            w.out_of_range,
            w.allowed,
            num(d.min),
            num(d.max)
        ),
        How::Invalid(Invalid::UnknownLabel) => {
            let names: Vec<String> = levels_of(rule)
                .unwrap_or(&[])
                .iter()
                .map(|l| l.label.both())
                .collect();
            format!(
                "{input} {}; {}: {}",
                w.unknown_label,
                w.accepted,
                names.join(", ")
            )
        }
        How::Invalid(Invalid::NotANumber) => format!("{input} {}", w.not_a_number),
    };
    format!("{head}{body}")
}

fn dim_list(f: &Framework, mask: u32, lang: Lang) -> String {
    f.dimensions
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, d)| name(&d.label, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn shortfalls(f: &Framework, dims: &[DimScore], line: usize, mask: u32, lang: Lang) -> String {
    f.dimensions
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(i, d)| {
            let v = dims
                .get(i)
                .and_then(DimScore::value)
                .map(num)
                .unwrap_or_default();
            format!(
                "{} ({v} < {})",
                name(&d.label, lang),
                num(f.lines[line].values[i])
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The total and the classification reached, and why; one sentence per test made.
pub fn explain_outcome(f: &Framework, dims: &[DimScore], o: &Outcome, lang: Lang) -> Vec<String> {
    let w = words(lang);
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let mut out = Vec::new();
    if !o.is_complete() {
        let mut parts = Vec::new();
        if o.missing != 0 {
            parts.push(format!(
                "{} {}",
                w.missing_list,
                dim_list(f, o.missing, lang)
            ));
        }
        if o.invalid != 0 {
            parts.push(format!(
                "{} {}",
                w.invalid_list,
                dim_list(f, o.invalid, lang)
            ));
        }
        // The points of the dimensions that have a score, not a total to read against a line.
        let so_far = match lang {
            Lang::En => format!(" ({} so far)", num(o.total)),
            Lang::Zh => format!("（目前 {}）", num(o.total)),
        };
        out.push(format!(
            "{}{so_far}{colon}{} — {}",
            w.incomplete,
            parts.join("; "),
            w.not_classified
        ));
    }
    let classes = f.classes();
    let reached = o.class.and_then(|c| classes.get(usize::from(c))).map(|c| {
        let list = c
            .list
            .as_ref()
            .map_or(String::new(), |l| format!(", {}", name(&l.label, lang)));
        format!("{}{list}", name(&c.label, lang))
    });
    match &f.classification {
        Classification::None => {}
        Classification::Total {
            bands, inclusive, ..
        } => {
            if let (Some(c), Some(reached)) = (o.class, reached) {
                let c = usize::from(c);
                let ge = if *inclusive { "≥" } else { ">" };
                let lt = if *inclusive { "<" } else { "≤" };
                let mut cond = Vec::new();
                if let Some(b) = bands.get(c) {
                    cond.push(format!("{ge} {}", num(b.min)));
                }
                if c > 0 {
                    if let Some(b) = bands.get(c - 1) {
                        cond.push(format!("{lt} {}", num(b.min)));
                    }
                }
                out.push(format!(
                    "{} {} {} → {reached}",
                    w.total,
                    num(o.total),
                    cond.join(&format!(" {} ", w.and))
                ));
            }
        }
        Classification::Lines { rule, steps, .. } => {
            if o.is_complete() {
                let decided = o.class.map_or(steps.len(), usize::from);
                for step in steps.iter().take(decided + 1) {
                    let Some(li) = f.lines.iter().position(|l| l.id == step.line) else {
                        continue;
                    };
                    let line = &f.lines[li];
                    let mask = o.short[li];
                    let text = match rule {
                        LineRule::EveryDimension => match (step.test, mask) {
                            (LineTest::Meets, 0) => w.meets_every.to_string(),
                            (LineTest::Meets, m) => {
                                format!("{} {}", w.short_of, shortfalls(f, dims, li, m, lang))
                            }
                            (LineTest::FallsBelow, 0) => w.none_below.to_string(),
                            (LineTest::FallsBelow, m) => {
                                format!("{} {}", w.below_any, shortfalls(f, dims, li, m, lang))
                            }
                        },
                        LineRule::Total => {
                            let sum: f64 = line
                                .values
                                .iter()
                                .zip(&f.dimensions)
                                .filter(|(_, d)| d.scored)
                                .map(|(v, _)| v)
                                .sum();
                            let cmp = if o.total >= sum { "≥" } else { "<" };
                            format!(
                                "{} {} {cmp} {} {}",
                                w.total,
                                num(o.total),
                                w.line_total,
                                num(sum)
                            )
                        }
                    };
                    out.push(format!("{}{colon}{text}", name(&line.name, lang)));
                }
                if let Some(reached) = reached {
                    out.push(format!("→ {reached}"));
                }
            } else {
                // Lines still say where the known scores stand, without concluding anything.
                for (li, line) in f.lines.iter().enumerate() {
                    if o.short[li] != 0 {
                        out.push(format!(
                            "{}{colon}{} {}",
                            name(&line.name, lang),
                            w.short_of,
                            shortfalls(f, dims, li, o.short[li], lang)
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The first letter in capitals, for a label that opens a sentence ("key account list").
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The classification in one sentence, class first, then the reason: "Key account list: total
/// 84 ≥ 80", "Target customer: every dimension meets the baseline", "Not a target: below the
/// warning line on Market size 市场规模 (30 < 40)". The trail ([`explain`]) gives the detail.
pub fn headline(f: &Framework, dims: &[DimScore], o: &Outcome, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let colon = if zh { "：" } else { ": " };
    let w = words(lang);
    if !o.is_complete() {
        let mut parts = Vec::new();
        if o.missing != 0 {
            parts.push(format!(
                "{} {}",
                w.missing_list,
                dim_list(f, o.missing, lang)
            ));
        }
        if o.invalid != 0 {
            parts.push(format!(
                "{} {}",
                w.invalid_list,
                dim_list(f, o.invalid, lang)
            ));
        }
        let (head, tail) = if zh {
            ("未分类", "补全输入后才能分类")
        } else {
            ("Not classified", "complete the inputs to classify")
        };
        return Some(format!("{head}{colon}{} — {tail}", parts.join("; ")));
    }
    let classes = f.classes();
    let c = usize::from(o.class?);
    let class = classes.get(c)?;
    let mut head = capitalised(class.label.get(lang));
    if let Some(list) = &class.list {
        head.push_str(if zh { "，" } else { ", " });
        head.push_str(list.label.get(lang));
    }
    let total = if zh { "合计" } else { "total" };
    let line_label = |li: usize| f.lines.get(li).map_or("", |l| l.name.get(lang));
    let reason = match &f.classification {
        Classification::None => return None,
        Classification::Total {
            bands, inclusive, ..
        } => {
            let (ge, lt) = if *inclusive {
                ("≥", "<")
            } else {
                (">", "≤")
            };
            let mut cond = Vec::new();
            if let Some(b) = bands.get(c) {
                cond.push(format!("{ge} {}", num(b.min)));
            }
            if c > 0 {
                if let Some(b) = bands.get(c - 1) {
                    cond.push(format!("{lt} {}", num(b.min)));
                }
            }
            format!(
                "{total} {} {}",
                num(o.total),
                cond.join(&format!(" {} ", w.and))
            )
        }
        Classification::Lines { rule, steps, .. } => {
            let step_line = |k: usize| {
                steps
                    .get(k)
                    .and_then(|s| f.lines.iter().position(|l| l.id == s.line))
            };
            let describe = |k: usize, holds: bool| -> Option<String> {
                let li = step_line(k)?;
                let test = steps.get(k)?.test;
                let name = line_label(li);
                Some(match (rule, test, holds) {
                    (LineRule::Total, _, _) => {
                        let sum: f64 = f.lines[li]
                            .values
                            .iter()
                            .zip(&f.dimensions)
                            .filter(|(_, d)| d.scored)
                            .map(|(v, _)| v)
                            .sum();
                        let cmp = if o.total >= sum { "≥" } else { "<" };
                        if zh {
                            format!("合计 {} {cmp} {name}合计 {}", num(o.total), num(sum))
                        } else {
                            format!(
                                "total {} {cmp} the {name}'s total {}",
                                num(o.total),
                                num(sum)
                            )
                        }
                    }
                    (_, LineTest::Meets, true) => {
                        if zh {
                            format!("各项均达到{name}")
                        } else {
                            format!("every dimension meets the {name}")
                        }
                    }
                    (_, LineTest::Meets, false) => {
                        let short = shortfalls(f, dims, li, o.short[li], lang);
                        if zh {
                            format!("未达到{name}：{short}")
                        } else {
                            format!("short of the {name} on {short}")
                        }
                    }
                    (_, LineTest::FallsBelow, true) => {
                        let short = shortfalls(f, dims, li, o.short[li], lang);
                        if zh {
                            format!("低于{name}：{short}")
                        } else {
                            format!("below the {name} on {short}")
                        }
                    }
                    (_, LineTest::FallsBelow, false) => {
                        if zh {
                            format!("没有任何一项低于{name}")
                        } else {
                            format!("no dimension below the {name}")
                        }
                    }
                })
            };
            if c < steps.len() {
                describe(c, true)?
            } else {
                (0..steps.len())
                    .filter_map(|k| describe(k, false))
                    .collect::<Vec<_>>()
                    .join(if zh { "；" } else { "; " })
            }
        }
    };
    Some(format!("{head}{colon}{reason}"))
}

/// Every dimension, then the outcome: the full trail of one row.
pub fn explain(
    frameworks: &[Framework],
    framework: usize,
    dims: &[DimScore],
    o: &Outcome,
    inputs: &Inputs,
    lang: Lang,
) -> Vec<String> {
    let Some(f) = frameworks.get(framework) else {
        return Vec::new();
    };
    let mut out: Vec<String> = f
        .dimensions
        .iter()
        .zip(dims)
        .map(|(d, s)| explain_dimension(frameworks, d, s, inputs, lang))
        .collect();
    out.extend(explain_outcome(f, dims, o, lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::presets;
    use crate::model::{Account, Input};
    use crate::scoring::Engine;

    fn headline_of(fw: &str, inputs: &[(&str, Input)], lang: Lang) -> Option<String> {
        let e = Engine::presets();
        let i = e.index_of(fw).unwrap();
        let a = inputs
            .iter()
            .fold(Account::new("a", "A"), |a, (k, v)| a.with(k, v.clone()));
        let s = e.score_account(&a, &[]);
        let r = s.framework(i);
        headline(&e.frameworks()[i], r.dims(0), r.outcome(0), lang)
    }

    fn text(v: &str) -> Input {
        Input::Text(v.into())
    }

    #[test]
    fn the_headline_names_the_class_then_the_total_and_its_thresholds() {
        let all_high: Vec<(&str, Input)> = crate::model::keys::SCORECARD
            .iter()
            .map(|k| (*k, text("high")))
            .collect();
        assert_eq!(
            headline_of(presets::SCORECARD, &all_high, Lang::En).unwrap(),
            "Key account list: total 82.5 ≥ 80"
        );
        assert_eq!(
            headline_of(presets::SCORECARD, &all_high, Lang::Zh).unwrap(),
            "大客户名单：合计 82.5 ≥ 80"
        );
        let mut potential = all_high.clone();
        potential[0].1 = text("mid");
        assert_eq!(
            headline_of(presets::SCORECARD, &potential, Lang::En).unwrap(),
            "Potential key account list: total 72.5 ≥ 60 and < 80"
        );
        let red = [
            ("deal_volume", text("low")),
            ("contract_performance", text("poor")),
            ("operating_risk", text("high")),
        ];
        assert_eq!(
            headline_of(presets::CREDIT, &red, Lang::En).unwrap(),
            "A, red list: total -22.5 < 60"
        );
        assert_eq!(
            headline_of(presets::SCORECARD, &all_high[..2], Lang::En).unwrap(),
            "Not classified: missing Business scale 业务规模, Industry influence 行业影响力, Market & brand effect 市场和品牌效应, Development potential 发展潜力 — complete the inputs to classify"
        );
    }

    #[test]
    fn the_headline_of_a_line_class_says_which_line_decided() {
        let scores = [100., 95., 80., 90., 70., 90.];
        let keys = [
            "market_size",
            "rd_capability",
            "quality_requirement",
            "regulatory_requirement",
            "price_type",
            "professional_level",
        ];
        let a: Vec<(&str, Input)> = keys
            .iter()
            .zip(scores)
            .map(|(k, v)| (*k, Input::Number(v)))
            .collect();
        assert_eq!(
            headline_of(presets::EXTERNAL, &a, Lang::En).unwrap(),
            "Potential target: short of the baseline on Quality requirement 质量要求 (80 < 90), Price type 价格类型 (70 < 85); no dimension below the warning line"
        );
        let mut low = a.clone();
        low[0].1 = Input::Number(30.0);
        assert_eq!(
            headline_of(presets::EXTERNAL, &low, Lang::Zh).unwrap(),
            "不作为目标客户：低于警戒线：市场规模（Market size） (30 < 40)"
        );
    }

    #[test]
    fn a_number_for_a_levels_rule_names_its_band_and_a_label_in_another_language_too() {
        let e = Engine::presets();
        let i = e.index_of(presets::SCORECARD).unwrap();
        let f = &e.frameworks()[i];
        let a = Account::new("a", "A")
            .with("profit_contribution", Input::Number(16.0))
            .with("business_scale", text("高"));
        let s = e.score_account(&a, &[]);
        let dims = s.framework(i).dims(0);
        assert_eq!(
            explain_dimension(
                e.frameworks(),
                &f.dimensions[1],
                &dims[1],
                &a.inputs,
                Lang::En
            ),
            "Profit contribution 利润贡献: 16 → 16 of 20 (band high: 15–20)"
        );
        assert_eq!(
            explain_dimension(
                e.frameworks(),
                &f.dimensions[2],
                &dims[2],
                &a.inputs,
                Lang::En
            ),
            "Business scale 业务规模: '高' → 17.5 of 20 (band high: 15–20)"
        );
        assert_eq!(
            explain_dimension(
                e.frameworks(),
                &f.dimensions[2],
                &dims[2],
                &a.inputs,
                Lang::Zh
            ),
            "业务规模（Business scale）：'高' → 17.5 / 20 (分数段 15–20)"
        );
    }

    #[test]
    fn revenue_reads_as_people_write_it_not_as_ten_digits() {
        let e = Engine::presets();
        let i = e.index_of(presets::EXTERNAL).unwrap();
        let f = &e.frameworks()[i];
        let a = Account::new("a", "A").with("revenue_usd", Input::Number(9e8));
        let s = e.score_account(&a, &[]);
        let why = |lang| {
            explain_dimension(
                e.frameworks(),
                &f.dimensions[0],
                &s.framework(i).dims(0)[0],
                &a.inputs,
                lang,
            )
        };
        let en = why(Lang::En);
        assert!(
            en.contains(
                ": 900 M USD → 50 of 100 (interpolated between (100 M → 10) and (1.5 B → 80))"
            ),
            "{en}"
        );
        let zh = why(Lang::Zh);
        assert!(zh.contains("9亿 美元 → 50"), "{zh}");
        assert!(
            zh.contains("(1亿 → 10)") && zh.contains("(15亿 → 80)"),
            "{zh}"
        );
        assert!(!en.contains("900000000") && !zh.contains("900000000"));
    }
}
