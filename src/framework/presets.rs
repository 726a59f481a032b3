//! The frameworks that ship with the app, transcribed from FRAMEWORKS.md (source 003).
//!
//! Chinese labels are the source's own words. Every choice the source leaves open is recorded
//! as an [`Interpretation`] so the app can show it and the editor can change it.

use crate::framework::{
    ClassDef, Classification, Derivation, Dimension, Framework, Interpretation, Level, LineRule,
    LineStep, LineTest, ListTag, ReferenceLine, Rule, Subject, TotalBand,
};
use crate::i18n::Label;

/// Id of the key-account evaluation scorecard (§1).
pub const SCORECARD: &str = "scorecard";
/// Id of the credit rating (§2).
pub const CREDIT: &str = "credit";
/// Id of the external profile (§3).
pub const EXTERNAL: &str = "external";
/// Id of the internal profile (§4).
pub const INTERNAL: &str = "internal";
/// Id of the stakeholder profile (§5).
pub const STAKEHOLDER: &str = "stakeholder";
/// The stakeholder dimension the internal profile's customer relationship is weighted by (the
/// Interpretation of FRAMEWORKS.md): the power role.
pub const RELATIONSHIP_WEIGHT: &str = "power_role";

/// The presets that score an account itself, in the order the app shows them.
pub const ACCOUNT_PRESETS: [&str; 4] = [SCORECARD, CREDIT, EXTERNAL, INTERNAL];

/// All presets, sources before the frameworks that derive from them.
pub fn all() -> Vec<Framework> {
    vec![scorecard(), credit(), external(), stakeholder(), internal()]
}

/// The preset with this id.
pub fn by_id(id: &str) -> Option<Framework> {
    all().into_iter().find(|f| f.id == id)
}

fn l(en: &str, zh: &str) -> Label {
    Label::new(en, zh)
}

fn level(id: &str, en: &str, zh: &str, aliases: &[&str], lo: f64, hi: f64) -> Level {
    Level {
        id: id.into(),
        label: l(en, zh),
        aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        lo,
        hi,
        score: None,
    }
}

/// A level worth exactly one score (the stakeholder tables give points, not bands).
fn point(id: &str, en: &str, zh: &str, aliases: &[&str], score: f64) -> Level {
    level(id, en, zh, aliases, score, score)
}

fn dim(
    id: &str,
    label: Label,
    help: Label,
    min: f64,
    max: f64,
    input: &str,
    rule: Rule,
) -> Dimension {
    Dimension {
        id: id.into(),
        label,
        help,
        min,
        max,
        input: input.into(),
        scored: true,
        rule,
    }
}

fn class(id: &str, en: &str, zh: &str, meaning: Label) -> ClassDef {
    ClassDef {
        id: id.into(),
        label: l(en, zh),
        list: None,
        meaning,
    }
}

fn levels(levels: Vec<Level>) -> Rule {
    Rule::Levels {
        levels,
        by_measure: None,
    }
}

/// High / mid / low bands of a scorecard criterion whose maximum is `max`.
fn scorecard_levels(high: (f64, f64), mid: (f64, f64), low: (f64, f64)) -> Rule {
    levels(vec![
        level("high", "high", "高", &["h"], high.0, high.1),
        level("mid", "mid", "中", &["medium", "middle", "m"], mid.0, mid.1),
        level("low", "low", "低", &["l"], low.0, low.1),
    ])
}

/// §1 大客户评判标准: six criteria summing to 100, listed at 80 and 60.
pub fn scorecard() -> Framework {
    let ten = || scorecard_levels((5.0, 10.0), (0.0, 5.0), (0.0, 0.0));
    let twenty = || scorecard_levels((15.0, 20.0), (10.0, 15.0), (0.0, 10.0));
    Framework {
        id: SCORECARD.into(),
        name: l("Key-account evaluation scorecard", "大客户评判标准"),
        description: l(
            "Six criteria, 100 points. 80 or more: key account list; 60 to under 80: potential key account list.",
            "六项评判内容，满分100分。综合得分在80分以上的列入大客户名单，60分以上80分以下的列入潜在大客户名单。",
        ),
        subject: Subject::Account,
        dimensions: vec![
            dim(
                "strategic_fit",
                l("Strategic fit", "战略契合度"),
                l(
                    "Match with our strategy, shared values, chance of long and deep cooperation, the customer's R&D and innovation strength.",
                    "与公司的发展战略匹配度，经营理念和价值观的一致性，长期的、深入的合作可能性，技术研发与创新能力等。",
                ),
                0.0,
                30.0,
                "strategic_fit",
                scorecard_levels((20.0, 30.0), (10.0, 20.0), (0.0, 10.0)),
            ),
            dim(
                "profit_contribution",
                l("Profit contribution", "利润贡献"),
                l(
                    "Profit amount, share and margin the customer brings over the period (3 years).",
                    "阶段内（3年）为公司带来的利润总量与占比及利润率。",
                ),
                0.0,
                20.0,
                "profit_contribution",
                twenty(),
            ),
            dim(
                "business_scale",
                l("Business scale", "业务规模"),
                l(
                    "The customer's own scale, the scale that matches our products, and the scale actually done with us.",
                    "客户自身的业务规模、与公司产品匹配的业务规模、与公司实际产生的业务规模。",
                ),
                0.0,
                20.0,
                "business_scale",
                twenty(),
            ),
            dim(
                "industry_influence",
                l("Industry influence", "行业影响力"),
                l(
                    "Leading, head or ordinary position in its industry, region or niche.",
                    "客户的行业地位，市场（含区域）地位和细分领域地位；属于领先地位还是头部地位还是一般地位。",
                ),
                0.0,
                10.0,
                "industry_influence",
                ten(),
            ),
            dim(
                "brand_effect",
                l("Market & brand effect", "市场和品牌效应"),
                l(
                    "What the customer does for our market share and brand, overall, regionally or in a niche.",
                    "对公司在市场整体或区域市场或细分市场，市场份额、品牌影响力方面的作用。",
                ),
                0.0,
                10.0,
                "brand_effect",
                ten(),
            ),
            dim(
                "development_potential",
                l("Development potential", "发展潜力"),
                l(
                    "Its trend toward industry leader, unicorn, hidden champion or rising star.",
                    "客户自身的发展潜力，成为行业领头羊或独角兽或隐形冠军或明日之星的趋势大小。",
                ),
                0.0,
                10.0,
                "development_potential",
                ten(),
            ),
        ],
        lines: Vec::new(),
        classification: Classification::Total {
            bands: vec![
                TotalBand {
                    min: 80.0,
                    class: class(
                        "key",
                        "key account list",
                        "大客户名单",
                        l("Key account", "大客户"),
                    ),
                },
                TotalBand {
                    min: 60.0,
                    class: class(
                        "potential",
                        "potential key account list",
                        "潜在大客户名单",
                        l("Potential key account", "潜在大客户"),
                    ),
                },
            ],
            inclusive: true,
            otherwise: class("none", "not listed", "未列入名单", l("Not listed", "不列入名单")),
        },
        interpretations: vec![
            Interpretation {
                id: "inclusive_thresholds".into(),
                text: l(
                    "\"80分以上\" is read as 80 or more, so a total of exactly 80 is a key account, and \"60分以上80分以下\" as 60 to under 80. The alternative (strictly above 80) is the 'inclusive' switch.",
                    "“80分以上”理解为含80分：恰好80分列入大客户名单；“60分以上80分以下”理解为[60, 80)。另一种理解（严格高于80分）可通过“含边界”开关切换。",
                ),
            },
            Interpretation {
                id: "level_midpoints".into(),
                text: l(
                    "A label high/mid/low gives the midpoint of its band (strategic fit 25/15/5, 20-point criteria 17.5/12.5/5, 10-point criteria 7.5/2.5/0); enter a number for a finer score.",
                    "标签高/中/低取其分数段的中点（战略契合度25/15/5，20分项17.5/12.5/5，10分项7.5/2.5/0）；需要更细的评分时可直接输入分数。",
                ),
            },
        ],
    }
}

/// §2 信用等级: deal volume + contract performance + operating risk, graded AAA / AA / A.
pub fn credit() -> Framework {
    let grade = |id: &str, list_id: &str, list_en: &str, list_zh: &str, meaning: Label| ClassDef {
        id: id.into(),
        label: l(id, &format!("{id}级")),
        list: Some(ListTag {
            id: list_id.into(),
            label: l(list_en, list_zh),
        }),
        meaning,
    };
    Framework {
        id: CREDIT.into(),
        name: l("Credit rating", "信用等级"),
        description: l(
            "Annual deal volume and contract performance (0 to 50 each) plus operating risk (−50 to 0). AAA ≥ 80 green list, AA 60 to under 80 yellow list, A under 60 red list. Policy priority AAA > AA > A.",
            "年度项目成交量、履约程度（各0~50分）与经营风险（-50~0分）合计。AAA级80分以上（绿名单），AA级60~80分（黄名单），A级60分以下（红名单）。优先级AAA > AA级 > A级。",
        ),
        subject: Subject::Account,
        dimensions: vec![
            dim(
                "deal_volume",
                l("Annual deal volume", "年度项目成交量"),
                l(
                    "Annual sales with the customer, judged against high, mid and low thresholds set for the workspace.",
                    "年度销售额（金额），按年度销售额设定高、中、低三个档位值。",
                ),
                0.0,
                50.0,
                "deal_volume",
                levels(vec![
                    level("good", "high", "高", &["good", "好"], 35.0, 50.0),
                    level("mid", "mid", "中", &["medium", "middle"], 20.0, 35.0),
                    level("poor", "low", "低", &["poor", "差"], 0.0, 20.0),
                ]),
            ),
            dim(
                "contract_performance",
                l("Contract performance", "履约程度"),
                l(
                    "How the customer honours contracts: changes to the scope of supply and the payment record.",
                    "主要从供货范围变更和付款履行等方面进行评估。",
                ),
                0.0,
                50.0,
                "contract_performance",
                levels(vec![
                    level("good", "good", "好", &["high", "高"], 35.0, 50.0),
                    level("mid", "mid", "中", &["medium", "middle"], 20.0, 35.0),
                    level("poor", "poor", "差", &["low", "低"], 0.0, 20.0),
                ]),
            ),
            dim(
                "operating_risk",
                l("Operating risk", "经营风险"),
                l(
                    "The customer's business (trend and finances) and environment (political, economic, industry). Low risk costs nothing, high risk up to 50 points.",
                    "从客户的经营状况（发展趋势和财务状况）和经营环境（政治环境、经济环境、行业环境）等方面进行评估。",
                ),
                -50.0,
                0.0,
                "operating_risk",
                levels(vec![
                    level("low", "low risk", "低", &["low", "低风险"], -10.0, 0.0),
                    level("mid", "medium risk", "中", &["mid", "medium", "中风险"], -35.0, -10.0),
                    level("high", "high risk", "高", &["high", "高风险"], -50.0, -35.0),
                ]),
            ),
        ],
        lines: Vec::new(),
        classification: Classification::Total {
            bands: vec![
                TotalBand {
                    min: 80.0,
                    class: grade(
                        "AAA",
                        "green",
                        "green list",
                        "绿名单",
                        l("Normal management", "正常管理"),
                    ),
                },
                TotalBand {
                    min: 60.0,
                    class: grade(
                        "AA",
                        "yellow",
                        "yellow list",
                        "黄名单",
                        l("Watch", "需要关注"),
                    ),
                },
            ],
            inclusive: true,
            otherwise: grade(
                "A",
                "red",
                "red list",
                "红名单",
                l(
                    "Act now; still red after a year, the account loses key-account status",
                    "需要马上采取措施；一年后仍然停留在红名单的客户，应取消大客户资格",
                ),
            ),
        },
        interpretations: vec![
            Interpretation {
                id: "inclusive_thresholds".into(),
                text: l(
                    "\"80分以上\" includes 80 (AAA) and \"60~80分\" is [60, 80) (AA), so each score has exactly one grade. The alternative (strictly above) is the 'inclusive' switch.",
                    "“80分以上”含80分（AAA级），“60~80分”为[60, 80)（AA级），每个分数只对应一个等级。另一种理解（严格高于）可通过“含边界”开关切换。",
                ),
            },
            Interpretation {
                id: "red_list_year".into(),
                text: l(
                    "\"Still on the red list after a year\" is read from the dated assessments: the red clock starts at the first assessment of the current unbroken run of red ratings, and key-account status is lost once 12 months have passed since then. A later non-red rating stops the clock.",
                    "“一年后仍然停留在红名单”按带日期的评估记录计算：红名单计时从当前连续红名单评估中的第一次开始，满12个月即取消大客户资格；其间任何一次非红名单评级都会中止计时。",
                ),
            },
        ],
    }
}

fn quality_levels() -> Rule {
    levels(vec![
        level(
            "medium",
            "medium",
            "中",
            &["mid", "中等", "中等水平"],
            90.0,
            100.0,
        ),
        level("high", "high", "高", &["高等", "高等水平"], 70.0, 90.0),
        level("low", "low", "低", &["低等", "低等水平"], 50.0, 70.0),
    ])
}

fn professional_levels() -> Rule {
    levels(vec![
        level(
            "professional",
            "professional",
            "专业型",
            &["专业"],
            90.0,
            100.0,
        ),
        level("layman", "layman", "外行型", &["外行"], 80.0, 90.0),
        level(
            "in_between",
            "in-between",
            "中间型",
            &["in between", "中间"],
            60.0,
            80.0,
        ),
    ])
}

fn quality_dim() -> Dimension {
    dim(
        "quality",
        l("Quality requirement", "质量要求"),
        l(
            "Medium requirements score highest (90–100), high 70–90, low 50–70: the source rates a customer with medium requirements as the best fit.",
            "质量要求：中等水平90~100分，高等水平70~90分，低等水平50~70分。",
        ),
        50.0,
        100.0,
        "quality_requirement",
        quality_levels(),
    )
}

fn professional_dim() -> Dimension {
    dim(
        "professional",
        l("Professional level", "专业水平"),
        l(
            "Professional 90–100, layman 80–90, in-between 60–80.",
            "专业水平：专业型90~100，外行型80~90，中间型60~80分。",
        ),
        60.0,
        100.0,
        "professional_level",
        professional_levels(),
    )
}

fn line(id: &str, en: &str, zh: &str, values: &[f64]) -> ReferenceLine {
    ReferenceLine {
        id: id.into(),
        name: l(en, zh),
        values: values.to_vec(),
    }
}

fn every_dimension_note() -> Interpretation {
    Interpretation {
        id: "line_rule".into(),
        text: l(
            "A line is met when every dimension reaches the line's value for it (\"every dimension\"); a single low score cannot be made up by high ones. The alternative rule \"total\" compares the sum of the scores with the sum of the line.",
            "“达到某条线”理解为每个维度都不低于该线对应的分值（“逐项”规则），单项短板不能用其他高分弥补。另一种规则“合计”比较各项得分之和与该线各值之和。",
        ),
    }
}

/// §3 客户外部画像: six dimensions against the baseline and warning lines.
pub fn external() -> Framework {
    Framework {
        id: EXTERNAL.into(),
        name: l("External profile", "客户外部画像"),
        description: l(
            "The customer's own situation, for customer development. At or above the baseline: target customer; below the warning line: not a target; in between: potential target.",
            "客户外部画像描述客户自身的客观情况，应用于客户开发。达到基准线的纳入目标客户清单；低于警戒线的不作为目标客户；介于两者之间的纳入潜在目标客户清单。",
        ),
        subject: Subject::Account,
        dimensions: vec![
            dim(
                "market_size",
                l("Market size", "市场规模"),
                l(
                    "The customer's annual revenue in USD: below 100 M → 10; 5 points per 100 M up to 1.5 B; 2 points per 100 M above; at most 100.",
                    "客户年销售额在1亿美金以下，10分；15亿美金以下，每1亿5分；15亿美金以上每1亿2分，最高100分。",
                ),
                0.0,
                100.0,
                "revenue_usd",
                Rule::Piecewise {
                    breakpoints: vec![[0.0, 10.0], [1e8, 10.0], [1.5e9, 80.0], [2.5e9, 100.0]],
                    unit: l("USD", "美元"),
                    score_input: Some("market_size".into()),
                },
            ),
            dim(
                "rd_capability",
                l("R&D capability", "研发能力"),
                l(
                    "10 points per product pipeline of the customer that matches ours, at most 100.",
                    "与公司匹配的产品研发管线，每一种产品10分。",
                ),
                0.0,
                100.0,
                "product_pipelines",
                Rule::Piecewise {
                    breakpoints: vec![[0.0, 0.0], [10.0, 100.0]],
                    unit: l("matching pipelines", "条匹配管线"),
                    score_input: Some("rd_capability".into()),
                },
            ),
            quality_dim(),
            dim(
                "regulatory",
                l("Regulatory requirement", "法规要求"),
                l(
                    "High regulatory requirements 90–100, medium 70–90, low 50–70.",
                    "法规要求：高等法规要求90~100分；中等法规要求70~90分，低等法规要求50~70分。",
                ),
                50.0,
                100.0,
                "regulatory_requirement",
                levels(vec![
                    level("high", "high", "高", &["高等"], 90.0, 100.0),
                    level("medium", "medium", "中", &["mid", "中等"], 70.0, 90.0),
                    level("low", "low", "低", &["低等"], 50.0, 70.0),
                ]),
            ),
            dim(
                "price_type",
                l("Price type", "价格类型"),
                l(
                    "Generous 90–100, conservative 70–90, price-sensitive 50–70.",
                    "价格类型：豪放型90~100分，保守型70~90，敏感型50~70。",
                ),
                50.0,
                100.0,
                "price_type",
                levels(vec![
                    level("generous", "generous", "豪放型", &["豪放"], 90.0, 100.0),
                    level("conservative", "conservative", "保守型", &["保守"], 70.0, 90.0),
                    level("sensitive", "sensitive", "敏感型", &["price-sensitive", "敏感"], 50.0, 70.0),
                ]),
            ),
            professional_dim(),
        ],
        lines: vec![
            line("baseline", "baseline", "基准线", &[60.0, 60.0, 90.0, 90.0, 85.0, 80.0]),
            line("warning", "warning line", "警戒线", &[40.0, 0.0, 60.0, 60.0, 60.0, 70.0]),
        ],
        classification: Classification::Lines {
            rule: LineRule::EveryDimension,
            steps: vec![
                LineStep {
                    line: "baseline".into(),
                    test: LineTest::Meets,
                    class: class(
                        "target",
                        "target customer",
                        "目标客户",
                        l("Develop first", "作为重点开发的客户"),
                    ),
                },
                LineStep {
                    line: "warning".into(),
                    test: LineTest::FallsBelow,
                    class: class(
                        "not_target",
                        "not a target",
                        "不作为目标客户",
                        l("Below the warning line", "低于警戒线"),
                    ),
                },
            ],
            otherwise: class(
                "potential",
                "potential target",
                "潜在目标客户",
                l("Backup for development", "作为备选开发的客户"),
            ),
        },
        interpretations: vec![
            every_dimension_note(),
            Interpretation {
                id: "market_size_breakpoints".into(),
                text: l(
                    "\"Below 100 M → 10; 5 points per 100 M up to 1.5 B; 2 per 100 M above\" is read as a continuous, rising line through (0 → 10), (100 M → 10), (1.5 B → 80), (2.5 B → 100). Read literally from zero, \"5 per 100 M\" would jump from 10 to 5 at 100 M.",
                    "“1亿美金以下10分；15亿美金以下每1亿5分；15亿美金以上每1亿2分”理解为连续、单调上升的折线：(0 → 10)、(1亿 → 10)、(15亿 → 80)、(25亿 → 100)。若从零起按“每1亿5分”计，在1亿处会从10分跌到5分。",
                ),
            },
        ],
    }
}

/// §5 客户人员雷达画像: one row per stakeholder, plotted against the ideal profile.
pub fn stakeholder() -> Framework {
    Framework {
        id: STAKEHOLDER.into(),
        name: l("Stakeholder profile", "客户人员雷达画像"),
        description: l(
            "The customer's people at each journey point, against the ideal profile. For organisational role, power role, relationship role and development potential higher is better; age is plotted as an age.",
            "客户人员雷达画像描述客户人员关系和业务关系，应用于客户人员关系管理。组织角色、权力角色、关系角色、发展潜力，分值越高越好；年龄为实际年龄。",
        ),
        subject: Subject::Stakeholder,
        dimensions: vec![
            Dimension {
                scored: false,
                ..dim(
                    "age",
                    l("Age", "年龄"),
                    l("The actual age, plotted as is; not a score.", "年龄：实际年龄。"),
                    0.0,
                    120.0,
                    "age",
                    Rule::Direct,
                )
            },
            dim(
                "education",
                l("Education", "学历"),
                l(
                    "Doctorate 100, master 90, bachelor 80, college 70, below college 60.",
                    "学历：博士100分，硕士90分，本科80分，大专70分，大专以下60分。",
                ),
                0.0,
                100.0,
                "education",
                levels(vec![
                    point("doctorate", "doctorate", "博士", &["phd", "doctor"], 100.0),
                    point("master", "master", "硕士", &["master's"], 90.0),
                    point("bachelor", "bachelor", "本科", &["bachelor's"], 80.0),
                    point("college", "college", "大专", &["junior college"], 70.0),
                    point("below_college", "below college", "大专以下", &[], 60.0),
                ]),
            ),
            dim(
                "org_role",
                l("Organisational role", "组织角色"),
                l(
                    "Chairman 100, general manager 90, director 80, manager 70, supervisor 60, staff 50.",
                    "组织角色：董事长100分，总经理90分，总监80分，经理70分，主管60分，员工50分。",
                ),
                0.0,
                100.0,
                "org_role",
                levels(vec![
                    point("chairman", "chairman", "董事长", &[], 100.0),
                    point("general_manager", "general manager", "总经理", &["gm"], 90.0),
                    point("director", "director", "总监", &[], 80.0),
                    point("manager", "manager", "经理", &[], 70.0),
                    point("supervisor", "supervisor", "主管", &[], 60.0),
                    point("staff", "staff", "员工", &["employee"], 50.0),
                ]),
            ),
            dim(
                "power_role",
                l("Power role", "权力角色"),
                l(
                    "Key decision maker (final approval in a business step) 100; decision maker (final say without approval power) 90; influencer (sways decisions) 80; executor (operates or gives expert opinion) 70.",
                    "权力角色：最终决策者（关键决策者/批准者，在各业务环节具有最终审批权）100分，决策者（具有最终决策权但无审批权）90分，影响者80分，执行者70分。",
                ),
                0.0,
                100.0,
                "power_role",
                levels(vec![
                    point(
                        "key_decision_maker",
                        "key decision maker",
                        "最终决策者",
                        &["approver", "关键决策者", "批准者"],
                        100.0,
                    ),
                    point("decision_maker", "decision maker", "决策者", &[], 90.0),
                    point("influencer", "influencer", "影响者", &[], 80.0),
                    point("executor", "executor", "执行者", &[], 70.0),
                ]),
            ),
            dim(
                "relationship_role",
                l("Relationship role", "关系角色"),
                l(
                    "Coach (approves of us and guides us) 100; supporter 90; neutral 80; opponent 50.",
                    "关系角色：教练100分，支持者90分，中立者80分，反对者50分。",
                ),
                0.0,
                100.0,
                "relationship_role",
                levels(vec![
                    point("coach", "coach", "教练", &["教练者"], 100.0),
                    point("supporter", "supporter", "支持者", &[], 90.0),
                    point("neutral", "neutral", "中立者", &[], 80.0),
                    point("opponent", "opponent", "反对者", &[], 50.0),
                ]),
            ),
            dim(
                "potential",
                l("Development potential", "发展潜力"),
                l(
                    "Blue chip 90–100, growth stock 80–90, red chip 70–80.",
                    "发展潜力：蓝筹股90~100分，潜力股80~90分，红筹股70~80分。",
                ),
                0.0,
                100.0,
                "potential",
                levels(vec![
                    level("blue_chip", "blue chip", "蓝筹股", &[], 90.0, 100.0),
                    level("growth_stock", "growth stock", "潜力股", &[], 80.0, 90.0),
                    level("red_chip", "red chip", "红筹股", &[], 70.0, 80.0),
                ]),
            ),
        ],
        lines: vec![line(
            "ideal",
            "ideal profile",
            "理想画像",
            &[30.0, 100.0, 100.0, 100.0, 100.0, 100.0],
        )],
        classification: Classification::Lines {
            rule: LineRule::EveryDimension,
            steps: vec![LineStep {
                line: "ideal".into(),
                test: LineTest::Meets,
                class: class("ideal", "ideal", "理想画像", l("Matches the ideal profile", "达到理想画像")),
            }],
            otherwise: class(
                "gap",
                "gap to the ideal",
                "与理想画像有差距",
                l("Develop toward the ideal", "向理想画像发展"),
            ),
        },
        interpretations: vec![Interpretation {
            id: "age_not_scored".into(),
            text: l(
                "Age is plotted as the actual age beside the ideal 30 but is not a score: it is left out of the comparison with the ideal, where higher is better for the other axes.",
                "年龄按实际年龄绘制（理想画像为30），但不是得分：与理想画像比较时不计入年龄，其余各项分值越高越好。",
            ),
        }],
    }
}

/// §4 客户内部画像: six dimensions against the key / important / general tier lines.
pub fn internal() -> Framework {
    Framework {
        id: INTERNAL.into(),
        name: l("Internal profile", "客户内部画像"),
        description: l(
            "The customer's relationship with us, for customer management, classed by the key, important and general account lines.",
            "客户内部画像描述客户与企业关系的客观情况，应用于客户管理；按照大客户、重点客户和一般客户线对客户进行归类。",
        ),
        subject: Subject::Account,
        dimensions: vec![
            dim(
                "sales_scale",
                l("Sales scale", "销售规模"),
                l(
                    "Our annual sales with the customer, in the workspace currency. The source leaves the thresholds blank; default: below 1 M → 10, then rising to 50 at 5 M and 100 at 15 M.",
                    "公司与客户之间的年度业务销售额。原文阈值为“xxx”；默认：100万以下10分，500万50分，1500万及以上100分，可编辑。",
                ),
                0.0,
                100.0,
                "annual_sales",
                Rule::Piecewise {
                    breakpoints: vec![[0.0, 10.0], [1e6, 10.0], [5e6, 50.0], [1.5e7, 100.0]],
                    unit: l("per year", "每年"),
                    score_input: Some("sales_scale".into()),
                },
            ),
            dim(
                "profit",
                l("Profit contribution", "利润贡献"),
                l(
                    "The customer's annual profit contribution: high 90–100, medium 70–90, low 50–70.",
                    "客户的年度利润贡献，高者90~100分，中者70~90分，低者50~70分。",
                ),
                50.0,
                100.0,
                "profit_level",
                levels(vec![
                    level("high", "high", "高", &["高者"], 90.0, 100.0),
                    level("medium", "medium", "中", &["mid", "中者"], 70.0, 90.0),
                    level("low", "low", "低", &["低者"], 50.0, 70.0),
                ]),
            ),
            quality_dim(),
            dim(
                "credit",
                l("Credit rating", "信用等级"),
                l(
                    "The credit score of the credit rating, clamped to 0–100. Before any credit assessment a score or a grade (AAA / AA / A) may be entered.",
                    "采用信用分（限制在0~100）；信用管理之前可采用定性方式（AAA/AA/A级）或直接打分。",
                ),
                0.0,
                100.0,
                "credit_rating",
                Rule::Derived {
                    from: Derivation::FrameworkTotal {
                        framework: CREDIT.into(),
                    },
                    fallback: Box::new(levels(vec![
                        level("AAA", "AAA", "AAA级", &["green", "绿名单"], 80.0, 100.0),
                        level("AA", "AA", "AA级", &["yellow", "黄名单"], 60.0, 80.0),
                        level("A", "A", "A级", &["red", "红名单"], 0.0, 60.0),
                    ])),
                },
            ),
            dim(
                "relationship",
                l("Customer relationship", "客户关系"),
                l(
                    "Qualitative until the stakeholder map exists (good 90–100, medium 70–90, fair 50–70, poor below 50); then the mean of the stakeholders' relationship-role scores weighted by their power-role scores.",
                    "可采用定性方式：好90~100分，中70~90分，一般50~70分，差50分以下；客户关系图谱建立后，改为定量方式（按权力角色加权的关系角色平均分）。",
                ),
                0.0,
                100.0,
                "relationship",
                Rule::Derived {
                    from: Derivation::StakeholderWeightedMean {
                        framework: STAKEHOLDER.into(),
                        value: "relationship_role".into(),
                        weight: Some(RELATIONSHIP_WEIGHT.into()),
                    },
                    fallback: Box::new(levels(vec![
                        level("good", "good", "好", &[], 90.0, 100.0),
                        level("medium", "medium", "中", &["mid"], 70.0, 90.0),
                        level("fair", "fair", "一般", &[], 50.0, 70.0),
                        level("poor", "poor", "差", &[], 0.0, 50.0),
                    ])),
                },
            ),
            professional_dim(),
        ],
        lines: vec![
            line("key", "key account", "大客户", &[50.0, 90.0, 80.0, 90.0, 90.0, 90.0]),
            line("important", "important account", "重点客户", &[30.0, 85.0, 90.0, 80.0, 85.0, 70.0]),
            line("general", "general account", "一般客户", &[10.0, 60.0, 60.0, 70.0, 60.0, 70.0]),
        ],
        classification: Classification::Lines {
            rule: LineRule::EveryDimension,
            steps: ["key", "important", "general"]
                .iter()
                .zip([
                    ("key account", "大客户"),
                    ("important account", "重点客户"),
                    ("general account", "一般客户"),
                ])
                .map(|(id, (en, zh))| LineStep {
                    line: (*id).into(),
                    test: LineTest::Meets,
                    class: class(id, en, zh, Label::default()),
                })
                .collect(),
            otherwise: class(
                "below",
                "below general",
                "低于一般客户",
                l("Meets none of the tier lines", "未达到任何客户线"),
            ),
        },
        interpretations: vec![
            every_dimension_note(),
            Interpretation {
                id: "tiers_not_nested".into(),
                text: l(
                    "The tier lines are not nested (the key line asks quality 80, the important line 90), so each line is tested on its own, highest tier first, and the first one met decides.",
                    "各客户线并非逐级包含（大客户线质量要求80，重点客户线为90），因此每条线单独检验，从最高层级开始，先达到的层级即为结果。",
                ),
            },
            Interpretation {
                id: "relationship_weighting".into(),
                text: l(
                    "Once the account has a stakeholder map, the relationship score is the mean of its stakeholders' relationship-role scores weighted by their power-role scores, so a key decision maker's stance counts more than an executor's. The alternative is a plain mean; the source only says \"quantitative\".",
                    "建立客户关系图谱后，客户关系分为各人员关系角色分按其权力角色分加权的平均值，关键决策者的态度比执行者更重要。另一种做法是简单平均；原文仅写“改为定量方式”。",
                ),
            },
            Interpretation {
                id: "sales_scale_default".into(),
                text: l(
                    "The source leaves the sales-scale thresholds blank (\"xxx\"). Default breakpoints: (0 → 10), (1 M → 10), (5 M → 50), (15 M → 100) in the workspace currency; edit them to your business.",
                    "原文销售规模阈值为“xxx”。默认折线：(0 → 10)、(100万 → 10)、(500万 → 50)、(1500万 → 100)，以工作区币种计，可按业务修改。",
                ),
            },
        ],
    }
}
