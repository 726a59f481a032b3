//! The demo workspace: the source documents' own customers A and B and stakeholders X, Y, Z,
//! plus a deterministic synthetic portfolio of about 200 accounts with stakeholders, orders and
//! credit history that reaches every class of every framework, so a static-hosted demo shows
//! every feature at once.
//!
//! Generation is seeded and depends only on the `today` it is given, so the same day always
//! yields the same workspace and dated features (red-list clock, RFM recency) stay meaningful.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::{
    keys, Account, AccountLevel, CreditAssessment, Input, Order, Stakeholder, Workspace,
};
use crate::sample::Seeded;

/// The workspace name the demo carries, so nobody mistakes it for client data.
pub const DEMO_NAME: &str = "Demo 演示工作区 (synthetic data 模拟数据)";

/// Ids of demo records start with this, so the demo can be recognised and removed.
pub const DEMO_ID_PREFIX: &str = "demo-";

/// How many synthetic accounts the demo adds to the source's examples.
pub const SYNTHETIC_ACCOUNTS: usize = 200;

/// Builds the demo workspace as of `today`.
pub fn workspace(today: NaiveDate) -> Workspace {
    let mut ws = Workspace {
        name: DEMO_NAME.to_string(),
        ..Workspace::default()
    };
    // Source 004 leaves X and Y blank; the demo fills them so its strategic test runs.
    ws.settings.our_revenue = Some(50_000_000.0);
    ws.settings.strategic_share_pct = Some(3.0);
    ws.settings.strategic_growth_pct = Some(10.0);
    source_examples(&mut ws, today);
    let mut random = Seeded::new(0x4b41_4d52_6164_6172);
    for index in 1..=SYNTHETIC_ACCOUNTS {
        synthetic_account(&mut ws, &mut random, index, today);
    }
    ws
}

/// Whether a record id belongs to the demo.
pub fn is_demo_id(id: &str) -> bool {
    id.starts_with(DEMO_ID_PREFIX)
}

fn number(value: f64) -> Input {
    Input::Number(value)
}

fn text(value: &str) -> Input {
    Input::Text(value.into())
}

/// Customers A and B exactly as the source scores them (external and internal profiles share
/// quality and professional level, which the source gives the same values), and a third
/// account holding the source's stakeholders X, Y and Z so A's and B's relationship scores stay
/// the source's own.
fn source_examples(ws: &mut Workspace, today: NaiveDate) {
    // (id, name, external scores, internal scores, scorecard level)
    type Example = (&'static str, &'static str, [f64; 6], [f64; 6], &'static str);
    let examples: [Example; 2] = [
        (
            "demo-a",
            "客户A Customer A (source example 示例)",
            [100.0, 95.0, 80.0, 90.0, 70.0, 90.0],
            [100.0, 95.0, 80.0, 90.0, 70.0, 90.0],
            "high",
        ),
        (
            "demo-b",
            "客户B Customer B (source example 示例)",
            [60.0, 100.0, 90.0, 70.0, 95.0, 85.0],
            [60.0, 100.0, 90.0, 70.0, 95.0, 85.0],
            "mid",
        ),
    ];
    for (id, name, external, internal, scorecard) in examples {
        let mut account = Account::new(id, name);
        account.industry = "示例 Example".into();
        account.region = "华东".into();
        account.owner = "王经理".into();
        account.level = Some(AccountLevel::Company);
        account.notes = "From the source document's worked example (客户外部画像/内部画像).".into();
        for (key, value) in [
            "market_size",
            "rd_capability",
            "quality_requirement",
            "regulatory_requirement",
            "price_type",
            "professional_level",
        ]
        .into_iter()
        .zip(external)
        {
            account.inputs.insert(key.into(), number(value));
        }
        for (key, value) in [
            "sales_scale",
            "profit_level",
            "quality_requirement",
            "credit_rating",
            "relationship",
            "professional_level",
        ]
        .into_iter()
        .zip(internal)
        {
            account.inputs.insert(key.into(), number(value));
        }
        for key in keys::SCORECARD {
            account.inputs.insert(key.into(), text(scorecard));
        }
        // The source gives only the credit score (A 90, B 70); these items add up to it.
        let credit_items = if internal[3] >= 90.0 {
            [50.0, 45.0, -5.0]
        } else {
            [40.0, 35.0, -5.0]
        };
        for (key, value) in ["deal_volume", "contract_performance", "operating_risk"]
            .into_iter()
            .zip(credit_items)
        {
            account.inputs.insert(key.into(), number(value));
        }
        ws.credit_assessments.push(CreditAssessment {
            account: id.into(),
            date: months_before(today, 1),
            inputs: credit_inputs(&account),
        });
        ws.accounts.push(account);
    }

    let mut holder = Account::new(
        "demo-c",
        "客户C Customer C (stakeholder example 人员画像示例)",
    );
    holder.industry = "示例 Example".into();
    holder.region = "华南".into();
    holder.owner = "李经理".into();
    holder.level = Some(AccountLevel::Regional);
    for key in keys::SCORECARD {
        holder.inputs.insert(key.into(), text("mid"));
    }
    for (key, value) in [
        ("revenue_usd", number(900_000_000.0)),
        ("product_pipelines", number(6.0)),
        ("quality_requirement", text("高")),
        ("regulatory_requirement", text("中")),
        ("price_type", text("保守型")),
        ("professional_level", text("专业型")),
        ("annual_sales", number(6_000_000.0)),
        ("profit_level", text("中")),
        ("deal_volume", text("mid")),
        ("contract_performance", text("good")),
        ("operating_risk", text("low")),
        ("category_spend", number(9_000_000.0)),
    ] {
        holder.inputs.insert(key.into(), value);
    }
    ws.accounts.push(holder);
    // The source's people: X at 销售 (sales), Y at FAT, Z at SAT.
    let people: [(&str, &str, f64, [Input; 5]); 3] = [
        (
            "X",
            "销售",
            50.0,
            [
                text("本科"),
                text("董事长"),
                text("最终决策者"),
                text("支持者"),
                number(100.0),
            ],
        ),
        (
            "Y",
            "FAT",
            35.0,
            [
                text("硕士"),
                text("总监"),
                text("影响者"),
                text("教练"),
                number(90.0),
            ],
        ),
        (
            "Z",
            "SAT",
            40.0,
            [
                text("本科"),
                text("总经理"),
                text("决策者"),
                text("反对者"),
                number(70.0),
            ],
        ),
    ];
    for (name, point, age, [education, org, power, relationship, potential]) in people {
        let mut person = Stakeholder {
            account: "demo-c".into(),
            journey_point: point.into(),
            name: name.into(),
            ..Stakeholder::default()
        };
        for (key, value) in [
            ("age", number(age)),
            ("education", education),
            ("org_role", org),
            ("power_role", power),
            ("relationship_role", relationship),
            ("potential", potential),
        ] {
            person.inputs.insert(key.into(), value);
        }
        ws.stakeholders.push(person);
    }
    // Two orders a year, growing about a quarter a year over four years: with the demo's
    // strategic-candidate thresholds, customer C is the candidate the demo shows.
    for (months_ago, amount) in [
        (44u32, 600_000.0),
        (40, 600_000.0),
        (32, 750_000.0),
        (28, 750_000.0),
        (20, 950_000.0),
        (16, 950_000.0),
        (8, 1_200_000.0),
        (2, 1_200_000.0),
    ] {
        ws.orders.push(Order {
            account: "demo-c".into(),
            date: months_before(today, months_ago),
            amount,
        });
    }
}

const INDUSTRIES: [&str; 8] = [
    "精密制造 Precision manufacturing",
    "电子 Electronics",
    "医药 Pharmaceuticals",
    "化工 Chemicals",
    "新能源 New energy",
    "汽车零部件 Auto parts",
    "食品饮料 Food & beverage",
    "物流 Logistics",
];
const REGIONS: [&str; 5] = ["华东", "华南", "华北", "西南", "海外"];
const OWNERS: [&str; 6] = ["王经理", "李经理", "张经理", "刘经理", "陈经理", "杨经理"];
const NAME_HEADS: [&str; 12] = [
    "华", "中", "东", "新", "恒", "远", "瑞", "博", "汇", "鼎", "安", "盛",
];
const NAME_TAILS: [&str; 10] = [
    "科技", "精工", "医药", "化学", "能源", "电子", "智造", "材料", "动力", "生物",
];
const NAME_FORMS: [&str; 3] = ["有限公司", "集团", "股份有限公司"];

/// One synthetic account with its people, orders and credit history. A profile tier is drawn
/// first and the inputs follow it, so the portfolio spans every class rather than clustering
/// in the middle.
fn synthetic_account(ws: &mut Workspace, random: &mut Seeded, index: usize, today: NaiveDate) {
    let id = format!("{DEMO_ID_PREFIX}{index:03}");
    let name = format!(
        "{}{}{}{} #{index:03}",
        random.pick(&NAME_HEADS),
        random.pick(&NAME_HEADS),
        random.pick(&NAME_TAILS),
        random.pick(&NAME_FORMS)
    );
    let mut account = Account::new(&id, name);
    account.industry = random.pick(&INDUSTRIES).to_string();
    account.region = random.pick(&REGIONS).to_string();
    account.owner = random.pick(&OWNERS).to_string();
    account.level = Some(if random.chance(0.3) {
        AccountLevel::Company
    } else {
        AccountLevel::Regional
    });

    // Strength 0 (weak) to 3 (strong) drives most inputs, with noise. Every tenth account is
    // an exemplary one with no noise, so the top tiers are always populated.
    let exemplary = index % 10 == 3;
    let strength = if exemplary { 3 } else { random.below(4) };
    let grade = |random: &mut Seeded, labels: [&'static str; 3]| -> &'static str {
        let noise = if exemplary { 1 } else { random.below(3) as i64 };
        let shifted = (strength as i64 + noise - 1).clamp(0, 3);
        match shifted {
            3 | 2 => labels[0],
            1 => labels[1],
            _ => labels[2],
        }
    };
    for key in keys::SCORECARD {
        let label = grade(random, ["high", "mid", "low"]);
        account.inputs.insert(key.into(), text(label));
    }
    // Credit: a few accounts carry numbers instead of labels, as real sheets do.
    let credit = [
        ("deal_volume", ["high", "mid", "low"]),
        ("contract_performance", ["good", "mid", "poor"]),
        ("operating_risk", ["low", "medium", "high"]),
    ];
    for (key, labels) in credit {
        let label = grade(random, labels);
        account.inputs.insert(key.into(), text(label));
    }
    if exemplary {
        // Labels score at their band midpoints (at most 80 in all); an excellent record is
        // entered as numbers, as a credit analyst would.
        for (key, value) in [
            ("deal_volume", 46.0 + random.below(5) as f64),
            ("contract_performance", 45.0 + random.below(6) as f64),
            ("operating_risk", -(random.below(4) as f64)),
        ] {
            account.inputs.insert(key.into(), number(value));
        }
    }

    let revenue_usd = match strength {
        3 => 1_200_000_000.0 + random.unit() * 2_000_000_000.0,
        2 => 400_000_000.0 + random.unit() * 1_000_000_000.0,
        1 => 80_000_000.0 + random.unit() * 400_000_000.0,
        _ => 5_000_000.0 + random.unit() * 90_000_000.0,
    };
    account
        .inputs
        .insert("revenue_usd".into(), number(revenue_usd.round()));
    account.inputs.insert(
        "product_pipelines".into(),
        number((strength as f64 * 3.0 + random.below(4) as f64).min(12.0)),
    );
    let external_labels: [(&str, [&str; 3]); 4] = [
        ("quality_requirement", ["中", "高", "低"]),
        ("regulatory_requirement", ["高", "中", "低"]),
        ("price_type", ["豪放型", "保守型", "敏感型"]),
        ("professional_level", ["专业型", "外行型", "中间型"]),
    ];
    for (key, labels) in external_labels {
        let label = grade(random, labels);
        account.inputs.insert(key.into(), text(label));
    }
    let annual_sales = match strength {
        3 => 9_000_000.0 + random.unit() * 12_000_000.0,
        2 => 3_000_000.0 + random.unit() * 6_000_000.0,
        1 => 800_000.0 + random.unit() * 2_500_000.0,
        _ => 50_000.0 + random.unit() * 900_000.0,
    };
    account
        .inputs
        .insert("annual_sales".into(), number(annual_sales.round()));
    let profit = grade(random, ["高", "中", "低"]);
    account.inputs.insert("profit_level".into(), text(profit));
    let relationship = grade(random, ["好", "中", "一般"]);
    account
        .inputs
        .insert("relationship".into(), text(relationship));
    let wallet_share = 0.2 + random.unit() * 0.75;
    account.inputs.insert(
        "category_spend".into(),
        number((annual_sales / wallet_share).round()),
    );

    // People: most accounts have a few, some have none (their relationship stays the level).
    let people = if exemplary || random.chance(0.25) {
        0
    } else {
        1 + random.below(4)
    };
    for person in 0..people {
        ws.stakeholders.push(synthetic_person(random, &id, person));
    }

    // Orders over the last three years; weak accounts order rarely and some not recently.
    let orders = 1 + strength * 3 + random.below(4);
    let quiet_days = if random.chance(0.2) { 200 } else { 0 };
    for _ in 0..orders {
        let days_ago = quiet_days + random.below(3 * 365);
        ws.orders.push(Order {
            account: id.clone(),
            date: today - Days::new(days_ago as u64),
            amount: (annual_sales / 4.0 * (0.5 + random.unit())).round(),
        });
    }

    // Credit history: quarterly assessments over two years. Most end at the current inputs;
    // every seventh account has stayed on the red list for over a year, so the red-list clock
    // and key-account revocation show up in the demo.
    let long_red = index.is_multiple_of(7);
    if long_red {
        account.inputs.insert("deal_volume".into(), text("low"));
        account
            .inputs
            .insert("contract_performance".into(), text("poor"));
        account.inputs.insert("operating_risk".into(), text("high"));
    }
    for quarter in (0..8u32).rev() {
        let date = months_before(today, quarter * 3 + 1);
        let inputs = if quarter == 0 || long_red {
            credit_inputs(&account)
        } else {
            let mut past = credit_inputs(&account);
            if random.chance(0.3) {
                past.insert("contract_performance".into(), text("mid"));
            }
            past
        };
        ws.credit_assessments.push(CreditAssessment {
            account: id.clone(),
            date,
            inputs,
        });
    }
    ws.accounts.push(account);
}

fn credit_inputs(account: &Account) -> crate::model::Inputs {
    ["deal_volume", "contract_performance", "operating_risk"]
        .iter()
        .filter_map(|key| {
            account
                .inputs
                .get(*key)
                .map(|value| ((*key).to_string(), value.clone()))
        })
        .collect()
}

fn synthetic_person(random: &mut Seeded, account: &str, index: usize) -> Stakeholder {
    const POINTS: [&str; 4] = ["销售", "合同签订", "FAT", "SAT"];
    const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    const GIVEN: [&str; 8] = ["伟", "芳", "敏", "静", "强", "磊", "洋", "婷"];
    const EDUCATION: [&str; 5] = ["博士", "硕士", "本科", "大专", "大专以下"];
    const ORG: [&str; 6] = ["董事长", "总经理", "总监", "经理", "主管", "员工"];
    const POWER: [&str; 4] = ["最终决策者", "决策者", "影响者", "执行者"];
    const RELATIONSHIP: [&str; 4] = ["教练", "支持者", "中立者", "反对者"];
    const POTENTIAL: [&str; 3] = ["蓝筹股", "潜力股", "红筹股"];
    let mut person = Stakeholder {
        account: account.to_string(),
        journey_point: POINTS[index % POINTS.len()].to_string(),
        name: format!("{}{}", random.pick(&SURNAMES), random.pick(&GIVEN)),
        ..Stakeholder::default()
    };
    for (key, value) in [
        ("age", number(28.0 + random.below(30) as f64)),
        ("education", text(random.pick(&EDUCATION))),
        ("org_role", text(random.pick(&ORG))),
        ("power_role", text(random.pick(&POWER))),
        ("relationship_role", text(random.pick(&RELATIONSHIP))),
        ("potential", text(random.pick(&POTENTIAL))),
    ] {
        person.inputs.insert(key.into(), value);
    }
    person
}

/// The same day `months` months earlier (clamped to the month's end).
fn months_before(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(months))
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today))
}
