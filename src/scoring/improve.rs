//! What to improve: for one account's result in one framework, how far it is from a better
//! class and which inputs would close the gap, in words of either language.
//!
//! Two shapes of advice follow the two kinds of classification. A total against thresholds
//! (the key-account scorecard, the credit grade) gives the points missing to each better class
//! and the level changes that add points ("profit contribution mid → high (+5)"). Reference
//! lines (the external and internal profiles) give, per line, the dimensions below it and by
//! how much. The internal tier lines are not nested, so every better tier is listed with its
//! own gaps, named by the tier it is for; a line that puts the account in a bad class (the
//! external warning line) lists what lifts the account above it.

use crate::framework::{Classification, Framework, Level, LineRule, LineTest, Rule};
use crate::i18n::{Label, Lang};
use crate::scoring::explain::{name, num};
use crate::scoring::{DimScore, How, Outcome};

/// A change of one dimension's level that adds points.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    /// The dimension (framework order).
    pub dimension: usize,
    /// The level the score stands in now, `None` when it is a number outside every band.
    pub from: Option<usize>,
    /// The next level up: the level with the smallest label score above the current score.
    pub to: usize,
    /// The points the move adds.
    pub gain: f64,
}

/// One dimension below a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub dimension: usize,
    pub value: f64,
    /// The line's value for the dimension.
    pub line: f64,
}

impl Gap {
    /// The points the dimension lacks.
    pub fn missing(&self) -> f64 {
        self.line - self.value
    }
}

/// One piece of advice for one framework.
#[derive(Clone, Debug, PartialEq)]
pub enum Advice {
    /// Some inputs are missing or invalid: the result is not classified until they are fixed.
    Incomplete { missing: u32, invalid: u32 },
    /// The account is in the best class there is.
    Top { class: usize },
    /// A total classification: the points missing to reach a better class. `moves` (for the
    /// nearest class only; `None` for the others) are the level changes that add points,
    /// largest first.
    Points {
        class: usize,
        threshold: f64,
        needed: f64,
        inclusive: bool,
        moves: Option<Vec<Move>>,
    },
    /// A line the account must meet on every dimension: reaching `class` (`test` Meets) or
    /// leaving it (`test` FallsBelow) needs every gap closed.
    Gaps {
        line: usize,
        class: usize,
        test: LineTest,
        gaps: Vec<Gap>,
    },
    /// A line compared by totals: the points the total lacks.
    LineTotal {
        line: usize,
        class: usize,
        test: LineTest,
        needed: f64,
    },
}

fn levels_of(rule: &Rule) -> Option<&[Level]> {
    match rule {
        Rule::Levels { levels, .. } => Some(levels),
        _ => None,
    }
}

/// The level a score stands in: the label's own level, else the band that holds the number
/// (the higher band on a shared edge, as "80分以上" reads).
fn level_of(levels: &[Level], s: &DimScore) -> Option<usize> {
    match s.how {
        How::Level(i) | How::LevelFromMeasure(i) => Some(usize::from(i)),
        _ => {
            let v = s.value()?;
            levels
                .iter()
                .enumerate()
                .filter(|(_, l)| v >= l.lo && v <= l.hi)
                .max_by(|a, b| a.1.lo.total_cmp(&b.1.lo))
                .map(|(i, _)| i)
        }
    }
}

/// The level changes that add points, largest gain first. Only dimensions scored by levels
/// (not derived, not measured) can be moved by choosing another label.
fn moves(f: &Framework, dims: &[DimScore]) -> Vec<Move> {
    let mut out: Vec<Move> = f
        .dimensions
        .iter()
        .zip(dims)
        .enumerate()
        .filter(|(_, (d, _))| d.scored)
        .filter_map(|(i, (d, s))| {
            let levels = levels_of(&d.rule)?;
            let now = s.value()?;
            let from = level_of(levels, s);
            // Another level: a number entered low within its own level (5 where "good" means
            // 10) would otherwise read as the advice "good → good".
            let (to, score) = levels
                .iter()
                .enumerate()
                .filter(|(j, _)| Some(*j) != from)
                .map(|(j, l)| (j, l.default_score()))
                .filter(|(_, score)| *score > now + 1e-9)
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            Some(Move {
                dimension: i,
                from,
                to,
                gain: score - now,
            })
        })
        .collect();
    // Largest gain first; equal gains keep the framework's order.
    out.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    out
}

fn gaps(f: &Framework, dims: &[DimScore], line: usize, mask: u32) -> Vec<Gap> {
    f.dimensions
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .filter_map(|(i, _)| {
            Some(Gap {
                dimension: i,
                value: dims.get(i)?.value()?,
                line: *f.lines.get(line)?.values.get(i)?,
            })
        })
        .collect()
}

/// What would move the account to a better class, nearest first.
pub fn advise(f: &Framework, dims: &[DimScore], o: &Outcome) -> Vec<Advice> {
    if !o.is_complete() {
        return vec![Advice::Incomplete {
            missing: o.missing,
            invalid: o.invalid,
        }];
    }
    let Some(reached) = o.class.map(usize::from) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match &f.classification {
        Classification::None => {}
        Classification::Total {
            bands, inclusive, ..
        } => {
            // Bands are tested highest first, so every band before the reached one is better.
            for (k, band) in bands.iter().enumerate().take(reached).rev() {
                let nearest = out.is_empty();
                out.push(Advice::Points {
                    class: k,
                    threshold: band.min,
                    needed: band.min - o.total,
                    inclusive: *inclusive,
                    moves: nearest.then(|| moves(f, dims)),
                });
            }
        }
        Classification::Lines { rule, steps, .. } => {
            // The deciding step first when it is a line to get above, then every line to meet
            // that was tested before it, the nearest (lowest) first.
            let tested = steps.iter().enumerate().take(reached + 1).rev();
            for (k, step) in tested {
                let holds = k == reached;
                let wanted = match step.test {
                    LineTest::Meets => !holds,
                    LineTest::FallsBelow => holds,
                };
                let Some(li) = f.lines.iter().position(|l| l.id == step.line) else {
                    continue;
                };
                if !wanted {
                    continue;
                }
                match rule {
                    LineRule::EveryDimension => out.push(Advice::Gaps {
                        line: li,
                        class: k,
                        test: step.test,
                        gaps: gaps(f, dims, li, o.short[li]),
                    }),
                    LineRule::Total => {
                        let sum: f64 = f.lines[li]
                            .values
                            .iter()
                            .zip(&f.dimensions)
                            .filter(|(_, d)| d.scored)
                            .map(|(v, _)| v)
                            .sum();
                        out.push(Advice::LineTotal {
                            line: li,
                            class: k,
                            test: step.test,
                            needed: sum - o.total,
                        });
                    }
                }
            }
        }
    }
    if out.is_empty() {
        out.push(Advice::Top { class: reached });
    }
    out
}

struct Words {
    incomplete: &'static str,
    missing: &'static str,
    invalid: &'static str,
    top: &'static str,
    points_to: &'static str,
    more_than: &'static str,
    points: &'static str,
    needs: &'static str,
    eg: &'static str,
    alone: &'static str,
    no_moves: &'static str,
    to_reach: &'static str,
    to_leave: &'static str,
    raise: &'static str,
    total_by: &'static str,
    number: &'static str,
}

const EN: Words = Words {
    incomplete: "Complete the inputs first",
    missing: "missing",
    invalid: "invalid",
    top: "Already in the best class",
    points_to: "to reach",
    more_than: "more than ",
    points: "points",
    needs: "needs",
    eg: "e.g.",
    alone: "enough on its own",
    no_moves: "no level left to raise: enter finer scores",
    to_reach: "To reach",
    to_leave: "To leave",
    raise: "raise",
    total_by: "raise the total by",
    number: "score",
};

const ZH: Words = Words {
    incomplete: "请先补全输入",
    missing: "缺少",
    invalid: "无效",
    top: "已处于最高类别",
    points_to: "达到",
    more_than: "超过 ",
    points: "分",
    needs: "还差",
    eg: "例如",
    alone: "单项即可达到",
    no_moves: "已无可提升的档位：可直接输入更精细的分数",
    to_reach: "要达到",
    to_leave: "要脱离",
    raise: "提升",
    total_by: "合计需提高",
    number: "分数",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A level's label in the reading language ("mid", "中").
fn label(l: &Label, lang: Lang) -> String {
    l.get(lang).to_string()
}

/// A class or line in a sentence: both languages in English ("key account list 大客户名单"),
/// the Chinese alone in Chinese, where the other one would nest brackets.
fn class_label(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::En => l.both(),
        Lang::Zh => l.get(Lang::Zh).to_string(),
    }
}

fn dim_names(f: &Framework, mask: u32, lang: Lang) -> String {
    f.dimensions
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, d)| name(&d.label, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A move in words: "Profit contribution 利润贡献 mid → high (+5)".
pub fn describe_move(f: &Framework, m: &Move, lang: Lang) -> String {
    let w = words(lang);
    let Some(d) = f.dimensions.get(m.dimension) else {
        return String::new();
    };
    let levels = levels_of(&d.rule).unwrap_or(&[]);
    let from = m
        .from
        .and_then(|i| levels.get(i))
        .map_or_else(|| w.number.to_string(), |l| label(&l.label, lang));
    let to = levels
        .get(m.to)
        .map_or_else(String::new, |l| label(&l.label, lang));
    format!("{} {from} → {to} (+{})", name(&d.label, lang), num(m.gain))
}

/// One piece of advice as a headline and its details, in `lang`.
pub fn describe(f: &Framework, advice: &Advice, lang: Lang) -> (String, Vec<String>) {
    let w = words(lang);
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let classes = f.classes();
    let class_name = |k: usize| {
        classes
            .get(k)
            .map_or_else(String::new, |c| class_label(&c.label, lang))
    };
    // The line is named when it is not named like the class it decides ("target customer
    // (baseline)", but "important account" alone).
    let target = |k: usize, li: usize| {
        let class = class_name(k);
        match f.lines.get(li) {
            Some(l) if class_label(&l.name, lang) != class => {
                let (open, close) = if lang == Lang::Zh {
                    ("（", "）")
                } else {
                    (" (", ")")
                };
                format!("{class}{open}{}{close}", class_label(&l.name, lang))
            }
            _ => class,
        }
    };
    match advice {
        Advice::Incomplete { missing, invalid } => {
            let mut parts = Vec::new();
            if *missing != 0 {
                parts.push(format!("{} {}", w.missing, dim_names(f, *missing, lang)));
            }
            if *invalid != 0 {
                parts.push(format!("{} {}", w.invalid, dim_names(f, *invalid, lang)));
            }
            (
                format!("{}{colon}{}", w.incomplete, parts.join("; ")),
                vec![],
            )
        }
        Advice::Top { class } => (format!("{} ({})", w.top, class_name(*class)), vec![]),
        Advice::Points {
            class,
            threshold,
            needed,
            inclusive,
            moves,
        } => {
            let more = if *inclusive { "" } else { w.more_than };
            let ge = if *inclusive { "≥" } else { ">" };
            let head = match lang {
                Lang::En => format!(
                    "+{more}{} {} {} {} ({ge} {})",
                    num(*needed),
                    w.points,
                    w.points_to,
                    class_name(*class),
                    num(*threshold)
                ),
                Lang::Zh => format!(
                    "{}{}（{ge} {}）{} {more}{} {}",
                    w.points_to,
                    class_name(*class),
                    num(*threshold),
                    w.needs,
                    num(*needed),
                    w.points
                ),
            };
            let details = match moves {
                None => Vec::new(),
                Some(moves) if moves.is_empty() => vec![w.no_moves.to_string()],
                Some(moves) => moves
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let prefix = if i == 0 {
                            format!("{} ", w.eg)
                        } else {
                            String::new()
                        };
                        let alone = if m.gain + 1e-9 >= *needed {
                            format!(" — {}", w.alone)
                        } else {
                            String::new()
                        };
                        format!("{prefix}{}{alone}", describe_move(f, m, lang))
                    })
                    .collect(),
            };
            (head, details)
        }
        Advice::Gaps {
            line,
            class,
            test,
            gaps,
        } => {
            let aim = match test {
                LineTest::Meets => w.to_reach,
                LineTest::FallsBelow => w.to_leave,
            };
            let sep = if lang == Lang::Zh { "" } else { " " };
            let head = format!(
                "{aim}{sep}{}{colon}{} {}",
                target(*class, *line),
                w.raise,
                gaps.iter()
                    .map(|g| f
                        .dimensions
                        .get(g.dimension)
                        .map_or_else(String::new, |d| name(&d.label, lang)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let details = gaps
                .iter()
                .map(|g| {
                    let d = f
                        .dimensions
                        .get(g.dimension)
                        .map_or_else(String::new, |d| name(&d.label, lang));
                    format!(
                        "{d}{colon}{} → {} (+{})",
                        num(g.value),
                        num(g.line),
                        num(g.missing())
                    )
                })
                .collect();
            (head, details)
        }
        Advice::LineTotal {
            line,
            class,
            test,
            needed,
        } => {
            let aim = match test {
                LineTest::Meets => w.to_reach,
                LineTest::FallsBelow => w.to_leave,
            };
            let sep = if lang == Lang::Zh { "" } else { " " };
            (
                format!(
                    "{aim}{sep}{}{colon}{} +{}",
                    target(*class, *line),
                    w.total_by,
                    num(*needed)
                ),
                vec![],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::presets;
    use crate::model::{Account, Input};
    use crate::scoring::Engine;

    fn scored(fw: &str, account: &Account) -> (Framework, Vec<DimScore>, Outcome) {
        let e = Engine::presets();
        let i = e.index_of(fw).unwrap();
        let s = e.score_account(account, &[]);
        (
            e.frameworks()[i].clone(),
            s.framework(i).dims(0).to_vec(),
            *s.framework(i).outcome(0),
        )
    }

    fn labels(pairs: &[(&str, &str)]) -> Account {
        pairs.iter().fold(Account::new("a", "A"), |a, (k, v)| {
            a.with(k, Input::Text((*v).into()))
        })
    }

    fn numbers(pairs: &[(&str, f64)]) -> Account {
        pairs.iter().fold(Account::new("a", "A"), |a, (k, v)| {
            a.with(k, Input::Number(*v))
        })
    }

    #[test]
    fn a_potential_key_account_lacks_points_to_80_and_is_shown_the_level_moves() {
        // 25 + 12.5 + 17.5 + 7.5 + 7.5 + 3 = 73: potential, 7 short of the key-account list.
        let a = labels(&[
            ("strategic_fit", "high"),
            ("profit_contribution", "mid"),
            ("business_scale", "high"),
            ("industry_influence", "high"),
            ("brand_effect", "high"),
        ])
        .with("development_potential", Input::Number(3.0));
        let (f, dims, o) = scored(presets::SCORECARD, &a);
        assert_eq!(o.total, 73.0);
        let advice = advise(&f, &dims, &o);
        let Advice::Points {
            class,
            needed,
            moves: Some(moves),
            ..
        } = &advice[0]
        else {
            panic!("{advice:?}")
        };
        assert_eq!((*class, *needed), (0, 7.0));
        assert_eq!(advice.len(), 1, "only the key-account list is above");
        // Development potential 3 is in the mid band 0–5: high gives 7.5, +4.5; profit
        // contribution mid → high +5; strategic fit high has no level above.
        let found: Vec<(usize, Option<usize>, usize, f64)> = moves
            .iter()
            .map(|m| (m.dimension, m.from, m.to, m.gain))
            .collect();
        assert_eq!(found, vec![(1, Some(1), 0, 5.0), (5, Some(1), 0, 4.5)]);
        let (head, details) = describe(&f, &advice[0], Lang::En);
        assert_eq!(
            head,
            "+7 points to reach key account list 大客户名单 (≥ 80)"
        );
        assert_eq!(
            details[0],
            "e.g. Profit contribution 利润贡献 mid → high (+5)"
        );
        let (head, details) = describe(&f, &advice[0], Lang::Zh);
        assert_eq!(head, "达到大客户名单（≥ 80）还差 7 分");
        assert_eq!(
            details[0],
            "例如 利润贡献（Profit contribution） 中 → 高 (+5)"
        );
    }

    #[test]
    fn a_number_low_within_its_level_is_not_advised_to_move_to_that_same_level() {
        // Strategic fit entered as 21, inside the high band 20–30 whose label scores 25: choosing
        // "high" is no advice ("high → high"), and no other level scores more.
        let a = labels(&[
            ("profit_contribution", "mid"),
            ("business_scale", "high"),
            ("industry_influence", "high"),
            ("brand_effect", "high"),
            ("development_potential", "high"),
        ])
        .with("strategic_fit", Input::Number(21.0));
        let (f, dims, o) = scored(presets::SCORECARD, &a);
        assert_eq!(o.total, 73.5);
        let advice = advise(&f, &dims, &o);
        let Advice::Points {
            moves: Some(moves), ..
        } = &advice[0]
        else {
            panic!("{advice:?}")
        };
        assert!(moves.iter().all(|m| m.from != Some(m.to)), "{moves:?}");
        assert!(moves.iter().all(|m| m.dimension != 0), "{moves:?}");
        let (_, details) = describe(&f, &advice[0], Lang::En);
        assert_eq!(
            details[0],
            "e.g. Profit contribution 利润贡献 mid → high (+5)"
        );
    }

    #[test]
    fn an_unlisted_account_sees_both_lists_nearest_first_and_a_move_that_suffices_alone() {
        let a = labels(&[
            ("strategic_fit", "low"),
            ("profit_contribution", "mid"),
            ("business_scale", "mid"),
            ("industry_influence", "high"),
            ("brand_effect", "high"),
            ("development_potential", "high"),
        ]);
        // 5 + 12.5 + 12.5 + 7.5 · 3 = 52.5
        let (f, dims, o) = scored(presets::SCORECARD, &a);
        let advice = advise(&f, &dims, &o);
        assert!(matches!(advice[0], Advice::Points { class: 1, needed, .. } if needed == 7.5));
        assert!(matches!(advice[1], Advice::Points { class: 0, needed, .. } if needed == 27.5));
        let (_, details) = describe(&f, &advice[0], Lang::En);
        assert_eq!(
            details[0],
            "e.g. Strategic fit 战略契合度 low → mid (+10) — enough on its own"
        );
    }

    #[test]
    fn a_key_account_is_at_the_top() {
        let a = labels(&[
            ("strategic_fit", "high"),
            ("profit_contribution", "high"),
            ("business_scale", "high"),
            ("industry_influence", "high"),
            ("brand_effect", "high"),
            ("development_potential", "high"),
        ]);
        let (f, dims, o) = scored(presets::SCORECARD, &a);
        assert_eq!(advise(&f, &dims, &o), vec![Advice::Top { class: 0 }]);
        let (head, _) = describe(&f, &advise(&f, &dims, &o)[0], Lang::En);
        assert_eq!(
            head,
            "Already in the best class (key account list 大客户名单)"
        );
    }

    #[test]
    fn credit_a_grade_is_told_the_points_to_aa_and_the_risk_level_to_lower() {
        let a = labels(&[
            ("deal_volume", "low"),
            ("contract_performance", "poor"),
            ("operating_risk", "high"),
        ]);
        // 10 + 10 − 42.5 = −22.5: A, 82.5 short of AA.
        let (f, dims, o) = scored(presets::CREDIT, &a);
        let advice = advise(&f, &dims, &o);
        let (head, details) = describe(&f, &advice[0], Lang::En);
        assert_eq!(head, "+82.5 points to reach AA AA级 (≥ 60)");
        assert_eq!(
            details,
            vec![
                "e.g. Operating risk 经营风险 high risk → medium risk (+20)",
                "Annual deal volume 年度项目成交量 low → mid (+17.5)",
                "Contract performance 履约程度 poor → mid (+17.5)",
            ]
        );
        assert!(matches!(advice[1], Advice::Points { class: 0, needed, .. } if needed == 102.5));
    }

    fn external(s: [f64; 6]) -> Account {
        numbers(&[
            ("market_size", s[0]),
            ("rd_capability", s[1]),
            ("quality_requirement", s[2]),
            ("regulatory_requirement", s[3]),
            ("price_type", s[4]),
            ("professional_level", s[5]),
        ])
    }

    #[test]
    fn source_customer_a_is_shown_its_gaps_to_the_baseline() {
        let (f, dims, o) = scored(
            presets::EXTERNAL,
            &external([100., 95., 80., 90., 70., 90.]),
        );
        let advice = advise(&f, &dims, &o);
        assert_eq!(advice.len(), 1, "{advice:?}");
        let (head, details) = describe(&f, &advice[0], Lang::En);
        assert_eq!(
            head,
            "To reach target customer 目标客户 (baseline 基准线): raise Quality requirement 质量要求, Price type 价格类型"
        );
        assert_eq!(
            details,
            vec![
                "Quality requirement 质量要求: 80 → 90 (+10)",
                "Price type 价格类型: 70 → 85 (+15)"
            ]
        );
        let (head, _) = describe(&f, &advice[0], Lang::Zh);
        assert_eq!(
            head,
            "要达到目标客户（基准线）：提升 质量要求（Quality requirement）, 价格类型（Price type）"
        );
    }

    #[test]
    fn below_the_warning_line_the_way_out_comes_before_the_baseline() {
        let (f, dims, o) = scored(presets::EXTERNAL, &external([30., 95., 80., 90., 70., 90.]));
        let advice = advise(&f, &dims, &o);
        let lines: Vec<(usize, LineTest, Vec<usize>)> = advice
            .iter()
            .map(|a| match a {
                Advice::Gaps {
                    line, test, gaps, ..
                } => (*line, *test, gaps.iter().map(|g| g.dimension).collect()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                (1, LineTest::FallsBelow, vec![0]),
                (0, LineTest::Meets, vec![0, 2, 4]),
            ]
        );
        let (head, details) = describe(&f, &advice[0], Lang::En);
        assert_eq!(
            head,
            "To leave not a target 不作为目标客户 (warning line 警戒线): raise Market size 市场规模"
        );
        assert_eq!(details, vec!["Market size 市场规模: 30 → 40 (+10)"]);
    }

    #[test]
    fn a_general_account_gets_each_better_tier_with_its_own_gaps() {
        // Source customer A as internal scores: general; key misses relationship, important
        // misses quality and relationship (the lines are not nested).
        let a = numbers(&[
            ("sales_scale", 100.),
            ("profit_level", 95.),
            ("quality_requirement", 80.),
            ("credit_rating", 90.),
            ("relationship", 70.),
            ("professional_level", 90.),
        ]);
        let (f, dims, o) = scored(presets::INTERNAL, &a);
        let advice = advise(&f, &dims, &o);
        let described: Vec<String> = advice
            .iter()
            .flat_map(|a| {
                let (head, details) = describe(&f, a, Lang::En);
                std::iter::once(head).chain(details)
            })
            .collect();
        assert_eq!(
            described,
            vec![
                "To reach important account 重点客户: raise Quality requirement 质量要求, Customer relationship 客户关系",
                "Quality requirement 质量要求: 80 → 90 (+10)",
                "Customer relationship 客户关系: 70 → 85 (+15)",
                "To reach key account 大客户: raise Customer relationship 客户关系",
                "Customer relationship 客户关系: 70 → 90 (+20)",
            ]
        );
    }

    #[test]
    fn an_incomplete_result_asks_for_the_missing_inputs() {
        let a = labels(&[("strategic_fit", "high")]);
        let (f, dims, o) = scored(presets::SCORECARD, &a);
        let advice = advise(&f, &dims, &o);
        assert!(
            matches!(advice[..], [Advice::Incomplete { missing, invalid: 0 }] if missing == 0b111110)
        );
        let (head, _) = describe(&f, &advice[0], Lang::En);
        assert!(head.starts_with("Complete the inputs first: missing Profit contribution"));
    }
}
