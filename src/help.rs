//! The help page for trainees, "how the frameworks work", as HTML text in one language.
//!
//! Everything that can change is read from the frameworks in force — each dimension with its
//! range, rule, bands and what it weighs, the reference lines, the classification and the
//! interpretations — so an edited framework is described as edited. The source's worked
//! examples (customers A and B, people X, Y and Z) are scored by the engine with those same
//! frameworks, and a lines framework's examples are scored again under the other line rule,
//! so the page shows what each interpretation changes. Only the short prose per framework is
//! written by hand ([`Msg`]). Every text is escaped.

use std::fmt::Write;

use crate::chart::format_value;
use crate::framework::{
    presets, Classification, Derivation, Dimension, Framework, LineRule, LineTest, Rule,
};
use crate::i18n::{Lang, Msg};
use crate::model::{Account, Input, Stakeholder};
use crate::portfolio::html::escape;
use crate::scoring::explain::{explain_outcome, measure, name};
use crate::scoring::stakeholders::relationship_plan;
use crate::scoring::Engine;

/// A worked example of the source: who, where (journey point, for people), and the scores.
type Example = (&'static str, &'static str, [f64; 6]);

/// Customers A and B, as the source scores them on both profiles (FRAMEWORKS.md §3, §4).
const CUSTOMERS: [Example; 2] = [
    ("A", "", [100.0, 95.0, 80.0, 90.0, 70.0, 90.0]),
    ("B", "", [60.0, 100.0, 90.0, 70.0, 95.0, 85.0]),
];

/// People X, Y and Z at their journey points (FRAMEWORKS.md §5).
const PEOPLE: [Example; 3] = [
    ("X", "销售", [50.0, 80.0, 100.0, 100.0, 90.0, 100.0]),
    ("Y", "FAT", [35.0, 90.0, 80.0, 80.0, 100.0, 90.0]),
    ("Z", "SAT", [40.0, 80.0, 90.0, 90.0, 50.0, 70.0]),
];

/// The hand-written introduction of a preset.
fn prose(id: &str) -> Option<Msg> {
    Some(match id {
        presets::SCORECARD => Msg::HelpScorecardProse,
        presets::CREDIT => Msg::HelpCreditProse,
        presets::EXTERNAL => Msg::HelpExternalProse,
        presets::INTERNAL => Msg::HelpInternalProse,
        presets::STAKEHOLDER => Msg::HelpStakeholderProse,
        _ => return None,
    })
}

/// How a rule turns an input into a score, in words.
fn rule_text(frameworks: &[Framework], d: &Dimension, rule: &Rule, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    match rule {
        Rule::Direct => format!(
            "{} {} {} {}",
            t(Msg::HelpDirect),
            format_value(d.min),
            t(Msg::HelpTo),
            format_value(d.max)
        ),
        Rule::Levels { levels, by_measure } => {
            let bands: Vec<String> = levels
                .iter()
                .map(|l| {
                    let score = format_value(l.default_score());
                    if l.lo == l.hi {
                        format!("{} {score}", name(&l.label, lang))
                    } else {
                        format!(
                            "{} {}–{} → {score}",
                            name(&l.label, lang),
                            format_value(l.lo),
                            format_value(l.hi)
                        )
                    }
                })
                .collect();
            let mut s = format!("{}{sep}{}", bands.join(sep), t(Msg::HelpLabelScores));
            if let Some(m) = by_measure {
                let cuts: Vec<String> = m.cuts.iter().map(|c| measure(*c, lang)).collect();
                let _ = write!(
                    s,
                    "{sep}{} '{}' ≥ {}",
                    t(Msg::HelpLevelFromMeasure),
                    m.input,
                    cuts.join(" / ")
                );
            }
            s
        }
        Rule::Piecewise {
            breakpoints,
            unit,
            score_input,
        } => {
            let points: Vec<String> = breakpoints
                .iter()
                .map(|[m, s]| format!("({} → {})", measure(*m, lang), format_value(*s)))
                .collect();
            let mut s = format!(
                "{} {} {}",
                t(Msg::HelpPiecewise),
                points.join(", "),
                unit.get(lang)
            );
            if let Some(k) = score_input {
                let _ = write!(s, "{sep}{} '{k}'", t(Msg::HelpScoreEntered));
            }
            s
        }
        Rule::Derived { from, fallback } => {
            let framework_name = |id: &str| {
                frameworks
                    .iter()
                    .find(|f| f.id == id)
                    .map_or(id.to_string(), |f| name(&f.name, lang))
            };
            let source = match from {
                Derivation::FrameworkTotal { framework } => format!(
                    "{} {} ({} {}–{})",
                    t(Msg::HelpDerivedTotal),
                    framework_name(framework),
                    t(Msg::HelpRange),
                    format_value(d.min),
                    format_value(d.max)
                ),
                Derivation::StakeholderWeightedMean {
                    framework,
                    value,
                    weight,
                } => {
                    let dim = |id: &str| {
                        frameworks
                            .iter()
                            .find(|f| &f.id == framework)
                            .and_then(|f| f.dimension(id))
                            .map_or(id.to_string(), |d| name(&d.label, lang))
                    };
                    match weight {
                        Some(weight) => format!(
                            "{} {}, {} {}",
                            t(Msg::HelpDerivedMean),
                            dim(value),
                            t(Msg::HelpWeightedBy),
                            dim(weight)
                        ),
                        None => format!(
                            "{} {}, {}",
                            t(Msg::HelpDerivedMean),
                            dim(value),
                            t(Msg::HelpUnweighted)
                        ),
                    }
                }
            };
            format!(
                "{source}{sep}{} {}",
                t(Msg::HelpBefore),
                rule_text(frameworks, d, fallback, lang)
            )
        }
    }
}

/// The input key a score can be entered under directly, as the source's examples do.
fn score_key(d: &Dimension) -> &str {
    match &d.rule {
        Rule::Piecewise {
            score_input: Some(k),
            ..
        } => k,
        _ => &d.input,
    }
}

fn inputs_of(f: &Framework, scores: &[f64; 6]) -> crate::model::Inputs {
    f.dimensions
        .iter()
        .zip(scores)
        .map(|(d, v)| (score_key(d).to_string(), Input::Number(*v)))
        .collect()
}

/// The framework's examples scored by `engine`: per example its scores and the sentences of
/// its outcome (and, for people, the next step).
/// A worked example scored: the explanation of its outcome, and for a person the step of the
/// relationship plan their class leads to.
struct ScoredExample {
    example: Example,
    why: Vec<String>,
    plan_step: Option<String>,
}

fn score_examples(engine: &Engine, id: &str, lang: Lang) -> Option<Vec<ScoredExample>> {
    let fi = engine.index_of(id)?;
    let f = &engine.frameworks()[fi];
    let examples: &[Example] = match id {
        presets::EXTERNAL | presets::INTERNAL => &CUSTOMERS,
        presets::STAKEHOLDER => &PEOPLE,
        _ => return None,
    };
    if f.dimensions.len() != 6 {
        return None;
    }
    let holder = Account::new("example", "example");
    let (accounts, people): (Vec<Account>, Vec<Stakeholder>) = if id == presets::STAKEHOLDER {
        let people = examples
            .iter()
            .map(|(who, point, scores)| Stakeholder {
                account: holder.id.clone(),
                journey_point: (*point).into(),
                name: (*who).into(),
                inputs: inputs_of(f, scores),
                ..Stakeholder::default()
            })
            .collect();
        (vec![holder], people)
    } else {
        let accounts = examples
            .iter()
            .map(|(who, _, scores)| Account {
                id: (*who).into(),
                name: (*who).into(),
                inputs: inputs_of(f, scores),
                ..Account::default()
            })
            .collect();
        (accounts, Vec::new())
    };
    let scores = engine.score(&engine.index(&accounts, &people));
    let results = scores.framework(fi);
    let plan = relationship_plan(engine, &scores, people.len());
    Some(
        examples
            .iter()
            .enumerate()
            .filter(|(row, _)| *row < results.len())
            .map(|(row, example)| ScoredExample {
                example: *example,
                why: explain_outcome(f, results.dims(row), results.outcome(row), lang),
                plan_step: plan.get(row).map(|step| step.label().get(lang).to_string()),
            })
            .collect(),
    )
}

/// The same frameworks with `id`'s line rule swapped for the other one, when it has one.
fn with_other_rule(frameworks: &[Framework], id: &str) -> Option<(Vec<Framework>, LineRule)> {
    let mut changed = frameworks.to_vec();
    let f = changed.iter_mut().find(|f| f.id == id)?;
    let Classification::Lines { rule, .. } = &mut f.classification else {
        return None;
    };
    *rule = match rule {
        LineRule::EveryDimension => LineRule::Total,
        LineRule::Total => LineRule::EveryDimension,
    };
    let rule = *rule;
    Some((changed, rule))
}

fn push_text(out: &mut String, tag: &str, text: &str) {
    let _ = write!(out, "<{tag}>");
    escape(out, text);
    let _ = write!(out, "</{tag}>");
}

fn classification(out: &mut String, f: &Framework, lang: Lang) {
    let t = |m: Msg| m.text(lang);
    let class = |c: &crate::framework::ClassDef| {
        let mut s = name(&c.label, lang);
        if let Some(list) = &c.list {
            let _ = write!(s, " · {}", name(&list.label, lang));
        }
        let meaning = c.meaning.get(lang);
        if !meaning.is_empty() {
            let _ = write!(s, " — {meaning}");
        }
        s
    };
    push_text(out, "h3", t(Msg::HelpClassification));
    out.push_str("<ul>");
    match &f.classification {
        Classification::None => push_text(out, "li", t(Msg::HelpNoClasses)),
        Classification::Total {
            bands,
            inclusive,
            otherwise,
        } => {
            let at_least = if *inclusive {
                t(Msg::HelpTotalAtLeast)
            } else {
                t(Msg::HelpTotalAbove)
            };
            for b in bands {
                let line = format!("{at_least} {} → {}", format_value(b.min), class(&b.class));
                push_text(out, "li", &line);
            }
            push_text(
                out,
                "li",
                &format!("{} → {}", t(Msg::HelpOtherwise), class(otherwise)),
            );
        }
        Classification::Lines {
            rule,
            steps,
            otherwise,
        } => {
            push_text(
                out,
                "li",
                t(match rule {
                    LineRule::EveryDimension => Msg::HelpRuleEvery,
                    LineRule::Total => Msg::HelpRuleTotal,
                }),
            );
            for step in steps {
                let line = f
                    .line(&step.line)
                    .map_or(step.line.clone(), |l| name(&l.name, lang));
                let test = match step.test {
                    LineTest::Meets => t(Msg::HelpMeets),
                    LineTest::FallsBelow => t(Msg::HelpFallsBelow),
                };
                push_text(
                    out,
                    "li",
                    &format!("{test} {line} → {}", class(&step.class)),
                );
            }
            push_text(
                out,
                "li",
                &format!("{} → {}", t(Msg::HelpOtherwise), class(otherwise)),
            );
        }
    }
    out.push_str("</ul>");
}

fn examples(out: &mut String, engine: &Engine, f: &Framework, lang: Lang) {
    let t = |m: Msg| m.text(lang);
    let Some(scored) = score_examples(engine, &f.id, lang) else {
        return;
    };
    // The other line rule, scored with everything else unchanged.
    let other = with_other_rule(engine.frameworks(), &f.id).and_then(|(frameworks, _)| {
        let engine = Engine::new(&frameworks).ok()?;
        score_examples(&engine, &f.id, lang)
    });
    push_text(out, "h3", t(Msg::HelpExamples));
    out.push_str("<table class=\"help-examples\"><thead><tr><th scope=\"col\"></th>");
    for d in &f.dimensions {
        push_text(out, "th", d.label.get(lang));
    }
    push_text(out, "th", t(Msg::HelpResult));
    out.push_str("</tr></thead><tbody>");
    for (i, scored) in scored.iter().enumerate() {
        let (who, point, scores) = scored.example;
        out.push_str("<tr data-example=\"");
        escape(out, who);
        out.push_str("\"><th scope=\"row\">");
        escape(out, who);
        if !point.is_empty() {
            out.push_str(" · ");
            escape(out, point);
        }
        out.push_str("</th>");
        for v in scores {
            let _ = write!(out, "<td class=\"num\">{}</td>", format_value(v));
        }
        out.push_str("<td><ul>");
        for line in scored.why.iter().chain(&scored.plan_step) {
            push_text(out, "li", line);
        }
        // The alternative rule's class: the last sentence of its explanation, not its plan step.
        if let Some(other) = other.as_ref().and_then(|o| o.get(i)) {
            let class = other.why.last().map_or("", String::as_str);
            push_text(out, "li", &format!("{}{class}", t(Msg::HelpAlternative)));
        }
        out.push_str("</ul></td></tr>");
    }
    out.push_str("</tbody></table>");
}

fn framework_section(out: &mut String, engine: &Engine, f: &Framework, lang: Lang) {
    let t = |m: Msg| m.text(lang);
    out.push_str(
        "<section class=\"help-framework\" data-testid=\"help-framework\" data-framework=\"",
    );
    escape(out, &f.id);
    out.push_str("\" id=\"help-");
    escape(out, &f.id);
    out.push_str("\">");
    push_text(out, "h2", &name(&f.name, lang));
    if let Some(m) = prose(&f.id) {
        push_text(out, "p", t(m));
    }
    let description = f.description.get(lang);
    if !description.is_empty() {
        push_text(out, "p", description);
    }

    push_text(out, "h3", t(Msg::HelpDimensions));
    out.push_str("<table class=\"help-dimensions\"><thead><tr>");
    for m in [
        Msg::Dimension,
        Msg::HelpRange,
        Msg::HelpRule,
        Msg::HelpWeighs,
    ] {
        push_text(out, "th", t(m));
    }
    out.push_str("</tr></thead><tbody>");
    for d in &f.dimensions {
        out.push_str("<tr>");
        push_text(out, "th", &name(&d.label, lang));
        push_text(
            out,
            "td",
            &format!("{}–{}", format_value(d.min), format_value(d.max)),
        );
        let rule = if d.scored {
            rule_text(engine.frameworks(), d, &d.rule, lang)
        } else {
            t(Msg::HelpNotScored).to_string()
        };
        push_text(out, "td", &rule);
        push_text(out, "td", d.help.get(lang));
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");

    if !f.lines.is_empty() {
        push_text(out, "h3", t(Msg::HelpLines));
        out.push_str("<table class=\"help-lines\"><thead><tr>");
        push_text(out, "th", t(Msg::HelpLine));
        for d in &f.dimensions {
            push_text(out, "th", d.label.get(lang));
        }
        out.push_str("</tr></thead><tbody>");
        for line in &f.lines {
            out.push_str("<tr>");
            push_text(out, "th", &name(&line.name, lang));
            for v in &line.values {
                let _ = write!(out, "<td class=\"num\">{}</td>", format_value(*v));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }

    classification(out, f, lang);

    if !f.interpretations.is_empty() {
        push_text(out, "h3", t(Msg::HelpInterpretations));
        out.push_str("<ul>");
        for i in &f.interpretations {
            push_text(out, "li", i.text.get(lang));
        }
        out.push_str("</ul>");
    }
    examples(out, engine, f, lang);
    out.push_str("</section>");
}

/// The whole help page for the frameworks of `engine` (those in force), in `lang`.
pub fn help_html(engine: &Engine, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let mut out = String::new();
    push_text(&mut out, "p", t(Msg::HelpIntro));
    out.push_str("<nav class=\"help-contents\" aria-label=\"");
    escape(&mut out, t(Msg::HelpContents));
    out.push_str("\"><ul>");
    for f in engine.frameworks() {
        out.push_str("<li><a href=\"#help-");
        escape(&mut out, &f.id);
        // Same-page links would change the route; the shell scrolls to the section instead.
        out.push_str("\" data-help-target=\"help-");
        escape(&mut out, &f.id);
        out.push_str("\">");
        escape(&mut out, &name(&f.name, lang));
        out.push_str("</a></li>");
    }
    out.push_str("</ul></nav>");
    for f in engine.frameworks() {
        framework_section(&mut out, engine, f, lang);
    }
    out.push_str("<section class=\"help-framework\" data-framework=\"segmentation\">");
    push_text(&mut out, "p", t(Msg::HelpSegmentationProse));
    out.push_str("</section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section<'a>(html: &'a str, id: &str) -> &'a str {
        let start = html
            .find(&format!("data-framework=\"{id}\""))
            .unwrap_or_else(|| panic!("no section {id}"));
        let rest = &html[start..];
        &rest[..rest.find("</section>").unwrap()]
    }

    #[test]
    fn the_presets_are_described_from_their_data() {
        let html = help_html(&Engine::presets(), Lang::En);
        for id in presets::ACCOUNT_PRESETS
            .iter()
            .chain([&presets::STAKEHOLDER])
        {
            section(&html, id);
        }
        let scorecard = section(&html, presets::SCORECARD);
        assert!(scorecard.contains("Strategic fit 战略契合度"));
        assert!(scorecard.contains("high 高 20–30 → 25"), "{scorecard}");
        assert!(
            scorecard.contains("total at least 80 → key account list 大客户名单"),
            "{scorecard}"
        );
        let external = section(&html, presets::EXTERNAL);
        assert!(external.contains("(100 M → 10)") && external.contains("(1.5 B → 80)"));
        assert!(
            external.contains("continuous, rising line"),
            "the interpretation"
        );
    }

    #[test]
    fn the_worked_examples_come_out_as_the_source_says() {
        let html = help_html(&Engine::presets(), Lang::En);
        let external = section(&html, presets::EXTERNAL);
        let a = &external[external.find("data-example=\"A\"").unwrap()..];
        let a = &a[..a.find("</tr>").unwrap()];
        assert!(a.contains("potential target"), "{a}");
        assert!(
            a.contains("Quality requirement 质量要求 (80 &lt; 90)"),
            "{a}"
        );
        let internal = section(&html, presets::INTERNAL);
        let b = &internal[internal.find("data-example=\"B\"").unwrap()..];
        let b = &b[..b.find("</tr>").unwrap()];
        assert!(b.contains("general account"), "{b}");
        assert!(
            b.contains("Under the alternative rule: → key account"),
            "the total rule makes B a key account: {b}"
        );
        let people = section(&html, presets::STAKEHOLDER);
        assert!(people.contains("data-example=\"Z\""));
        assert!(
            people.contains("Befriend this opponent"),
            "Z is an opponent: {people}"
        );
        // The other rule's line names a class, never the plan step of the first rule's one.
        for who in ["X", "Y", "Z"] {
            let row = &people[people.find(&format!("data-example=\"{who}\"")).unwrap()..];
            let row = &row[..row.find("</tr>").unwrap()];
            let alternative = &row[row.find("Under the alternative rule: ").unwrap()..];
            let alternative = &alternative[..alternative.find("</li>").unwrap()];
            assert!(alternative.contains(" → "), "{who}: {alternative}");
            assert!(!alternative.contains("this"), "{who}: {alternative}");
        }
    }

    #[test]
    fn an_edited_line_is_described_as_edited() {
        let mut frameworks = presets::all();
        let external = frameworks
            .iter_mut()
            .find(|f| f.id == presets::EXTERNAL)
            .unwrap();
        external.lines[0].values[2] = 75.0;
        let html = help_html(&Engine::new(&frameworks).unwrap(), Lang::Zh);
        let section = section(&html, presets::EXTERNAL);
        assert!(section.contains("<td class=\"num\">75</td>"));
        assert!(section.contains("基准线"));
        assert!(html.contains("评估框架") || html.contains("维度"));
    }
}
