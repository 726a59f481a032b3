//! Portfolio cuts: ABC (Pareto), RFM, recency-weighted contract value, share of wallet and the
//! strategic-candidate rule (sources 001, 002, 003, 004).
//!
//! These rank accounts against each other, so they work on whole lists. Missing data stays
//! missing: an account without the measure gets no ABC class rather than a C.

use std::fmt;

use chrono::{Months, NaiveDate};

use crate::fast_hash::FastMap;
use crate::model::{keys, AbcBasis, Account, Order, Settings};

/// An ABC class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abc {
    A,
    B,
    C,
}

impl Abc {
    /// "A", "B" or "C".
    pub fn as_str(self) -> &'static str {
        match self {
            Abc::A => "A",
            Abc::B => "B",
            Abc::C => "C",
        }
    }
}

/// A number as a key whose integer order is [`f64::total_cmp`]'s order (negatives below
/// positives, −0 below +0). Rankings sort `(key, index)` pairs with it: one sort routine for
/// every ranking in the wasm instead of one per comparison closure, and equal values keep their
/// input order.
pub(crate) fn rank_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The number whose [`rank_key`] is `key`.
fn from_rank_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}

/// Sorts `(key, index)` pairs that come in index order by key, equal keys keeping their order:
/// the order `sort_unstable` gives the pairs, in fewer steps. A radix sort: one pass counts
/// every byte of every key, then one pass per byte in which the keys differ moves the pairs,
/// low byte first. Whole-number amounts leave the low bytes of a float's key alike, so 100,000
/// sales figures take about four passes instead of the 17 comparisons per pair of a sort.
pub(crate) fn sort_keyed(items: &mut Vec<(u64, u32)>) {
    if items.len() < 64 {
        items.sort_unstable();
        return;
    }
    let mut counts = vec![[0u32; 256]; 8];
    for &(key, _) in items.iter() {
        for (byte, count) in counts.iter_mut().enumerate() {
            count[(key >> (8 * byte)) as usize & 0xff] += 1;
        }
    }
    let len = items.len() as u32;
    let mut spare = vec![(0, 0); items.len()];
    for (byte, count) in counts.iter_mut().enumerate() {
        if count.contains(&len) {
            continue; // every key has the same byte here
        }
        let mut start = 0;
        for slot in count.iter_mut() {
            (*slot, start) = (start, start + *slot);
        }
        for &item in items.iter() {
            let slot = &mut count[(item.0 >> (8 * byte)) as usize & 0xff];
            spare[*slot as usize] = item;
            *slot += 1;
        }
        std::mem::swap(items, &mut spare);
    }
}

/// The values largest first (NaN-free), by the radix sort of [`sort_keyed`].
pub(crate) fn sorted_descending(values: &[f64]) -> Vec<f64> {
    let mut keyed: Vec<(u64, u32)> = values.iter().map(|&v| (!rank_key(v), 0)).collect();
    sort_keyed(&mut keyed);
    keyed
        .into_iter()
        .map(|(key, _)| from_rank_key(!key))
        .collect()
}

/// ABC classes by cumulative share of the value, largest first. An account is A while the
/// cumulative share up to and including it is within the first cut-off (percent), B within the
/// second, else C; the largest account is always A, since it alone makes the head of the curve.
/// Ties keep their input order. Accounts with no value, or a negative one, get `None`.
pub fn abc(values: &[Option<f64>], cutoffs: [f64; 2]) -> Vec<Option<Abc>> {
    // Largest first: the key inverted; ties by index.
    let mut order: Vec<(u64, u32)> = values
        .iter()
        .zip(0..)
        .filter_map(|(v, i)| v.filter(|x| *x >= 0.0).map(|x| (!rank_key(x), i)))
        .collect();
    let total: f64 = order.iter().map(|&(key, _)| from_rank_key(!key)).sum();
    let mut out = vec![None; values.len()];
    if total <= 0.0 {
        return out;
    }
    sort_keyed(&mut order);
    let mut cumulative = 0.0;
    for (rank, (key, i)) in order.into_iter().enumerate() {
        // The value is read back from its key: no look-up in `values` at a random place.
        cumulative += from_rank_key(!key);
        let share = cumulative / total * 100.0;
        // A small tolerance keeps 80.000000001 % from rounding an exact 80 % into B.
        out[i as usize] = Some(if rank == 0 || share <= cutoffs[0] + 1e-9 {
            Abc::A
        } else if share <= cutoffs[1] + 1e-9 {
            Abc::B
        } else {
            Abc::C
        });
    }
    out
}

/// One account's RFM measures and quintile scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rfm {
    /// Days from the last order (ever, up to the as-of date) to the as-of date.
    pub recency_days: i64,
    /// Orders in the window.
    pub frequency: u32,
    /// Sum of the orders in the window.
    pub monetary: f64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
}

impl fmt::Display for Rfm {
    /// The RFM cell, e.g. "545".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.r, self.f, self.m)
    }
}

/// Quintile score of each value, 5 best: 1 + ⌊5 · (accounts strictly worse) / n⌋, so equal
/// values share a score and the scores spread evenly over 1–5.
fn quintiles(values: &[f64], higher_is_better: bool) -> Vec<u8> {
    let n = values.len();
    let mut sorted: Vec<(u64, u32)> = values.iter().map(|v| (rank_key(*v), 0)).collect();
    sorted.sort_unstable();
    values
        .iter()
        .map(|v| {
            let k = rank_key(*v);
            let worse = if higher_is_better {
                sorted.partition_point(|x| x.0 < k)
            } else {
                n - sorted.partition_point(|x| x.0 <= k)
            };
            (1 + 5 * worse / n) as u8
        })
        .collect()
}

/// Each account's row by its id.
fn id_index(accounts: &[Account]) -> FastMap<&str, u32> {
    accounts.iter().map(|a| a.id.as_str()).zip(0..).collect()
}

/// Adds one order to an account's RFM measures: the last order date up to `as_of`, and the
/// count and sum of the orders in the window of days ending that date.
fn count_order(
    o: &Order,
    as_of: NaiveDate,
    window_days: u32,
    last: &mut Option<NaiveDate>,
    freq: &mut u32,
    money: &mut f64,
) {
    if o.date > as_of {
        return;
    }
    *last = Some(last.map_or(o.date, |d| d.max(o.date)));
    if (as_of - o.date).num_days() < i64::from(window_days) {
        *freq += 1;
        *money += o.amount;
    }
}

/// One account's RFM measures, what its cell's digits rank.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RfmMeasures {
    /// The last order up to the as-of date.
    pub last_order: NaiveDate,
    pub recency_days: i64,
    /// Orders in the window.
    pub frequency: u32,
    /// Sum of the orders in the window.
    pub monetary: f64,
}

/// The RFM measures of one account, counted as [`rfm`] counts them; `None` without an order
/// up to the date.
pub fn rfm_measures(
    orders: &[Order],
    account: &str,
    as_of: NaiveDate,
    window_days: u32,
) -> Option<RfmMeasures> {
    let (mut last, mut frequency, mut monetary) = (None, 0, 0.0);
    for o in orders.iter().filter(|o| o.account == account) {
        count_order(
            o,
            as_of,
            window_days,
            &mut last,
            &mut frequency,
            &mut monetary,
        );
    }
    let last_order = last?;
    Some(RfmMeasures {
        last_order,
        recency_days: (as_of - last_order).num_days(),
        frequency,
        monetary,
    })
}

/// RFM of each account as of a date, over a window of days ending that date. Orders after the
/// date are ignored; an account with no order up to the date gets `None` and is not ranked.
pub fn rfm(
    accounts: &[Account],
    orders: &[Order],
    as_of: NaiveDate,
    window_days: u32,
) -> Vec<Option<Rfm>> {
    if orders.is_empty() {
        return vec![None; accounts.len()];
    }
    let index = id_index(accounts);
    let mut last: Vec<Option<NaiveDate>> = vec![None; accounts.len()];
    let mut freq = vec![0u32; accounts.len()];
    let mut money = vec![0.0; accounts.len()];
    for o in orders {
        let Some(&i) = index.get(o.account.as_str()) else {
            continue;
        };
        let i = i as usize;
        count_order(
            o,
            as_of,
            window_days,
            &mut last[i],
            &mut freq[i],
            &mut money[i],
        );
    }
    let ranked: Vec<usize> = (0..accounts.len()).filter(|&i| last[i].is_some()).collect();
    let recency: Vec<f64> = ranked
        .iter()
        .map(|&i| last[i].map_or(0.0, |d| (as_of - d).num_days() as f64))
        .collect();
    let r = quintiles(&recency, false);
    let f = quintiles(
        &ranked
            .iter()
            .map(|&i| f64::from(freq[i]))
            .collect::<Vec<_>>(),
        true,
    );
    let m = quintiles(&ranked.iter().map(|&i| money[i]).collect::<Vec<_>>(), true);
    let mut out = vec![None; accounts.len()];
    for (k, &i) in ranked.iter().enumerate() {
        out[i] = Some(Rfm {
            recency_days: recency[k] as i64,
            frequency: freq[i],
            monetary: money[i],
            r: r[k],
            f: f[k],
            m: m[k],
        });
    }
    out
}

/// A contract's weight today: 0.5^(age in years / half-life), age in days / 365.25. A contract
/// dated after `as_of` counts in full (age 0) rather than more than in full.
pub fn recency_weight(date: NaiveDate, as_of: NaiveDate, half_life_years: f64) -> f64 {
    let age_years = ((as_of - date).num_days().max(0) as f64) / 365.25;
    0.5f64.powf(age_years / half_life_years)
}

/// An account's contracts weighed by age (source 001: recent cooperation counts, old large
/// contracts fade).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RecencyWeighted {
    /// Σ amount × [`recency_weight`].
    pub weighted: f64,
    /// Σ amount, unweighted.
    pub nominal: f64,
    /// Contracts (orders) up to the as-of date.
    pub contracts: usize,
}

/// The recency-weighted contract value of one account's orders up to `as_of` (later ones are
/// not counted: they are not signed yet as of that day).
pub fn recency_weighted_value(
    orders: &[Order],
    account: &str,
    as_of: NaiveDate,
    half_life_years: f64,
) -> RecencyWeighted {
    let mut out = RecencyWeighted::default();
    for o in orders
        .iter()
        .filter(|o| o.account == account && o.date <= as_of)
    {
        out.weighted += o.amount * recency_weight(o.date, as_of, half_life_years);
        out.nominal += o.amount;
        out.contracts += 1;
    }
    out
}

/// "4902236.02 of 7000000 signed (8 contracts; each contract's weight halves every 3 years of
/// age)".
pub fn describe_recency_weighted(
    value: &RecencyWeighted,
    half_life_years: f64,
    lang: crate::i18n::Lang,
) -> String {
    use crate::i18n::Lang;
    let n = crate::scoring::explain::num;
    let (weighted, nominal, half) = (n(value.weighted), n(value.nominal), n(half_life_years));
    let count = value.contracts;
    match lang {
        Lang::En => format!(
            "{weighted} of {nominal} signed ({count} contract{}; each contract's weight halves every {half} year{} of age)",
            if count == 1 { "" } else { "s" },
            if half_life_years == 1.0 { "" } else { "s" }
        ),
        Lang::Zh => format!(
            "{weighted}（已签合同共 {nominal}，{count} 份；合同金额的权重每过 {half} 年减半）"
        ),
    }
}

/// Our share of the customer's spend in our category.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShareOfWallet {
    /// Our sales ÷ the customer's category spend (0.6 = 60%).
    pub share: f64,
    /// At least the mainstream threshold: we are the customer's mainstream supplier 主流供应商.
    pub mainstream: bool,
}

/// Share of wallet; `None` when either figure is missing or the spend is not positive.
pub fn share_of_wallet(
    our_sales: Option<f64>,
    category_spend: Option<f64>,
    mainstream_share: f64,
) -> Option<ShareOfWallet> {
    let (sales, spend) = (our_sales?, category_spend?);
    if spend <= 0.0 || sales < 0.0 {
        return None;
    }
    let share = sales / spend;
    Some(ShareOfWallet {
        share,
        mainstream: share >= mainstream_share,
    })
}

/// The strategic-candidate test of one account and the figures behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrategicCheck {
    /// Mean yearly purchases over the last three years.
    pub average: f64,
    /// That mean as a percent of our revenue.
    pub share_pct: f64,
    /// Growth in percent of each of the last three years over the year before (`None`: the
    /// year before had no purchases).
    pub growth_pct: [Option<f64>; 3],
    pub candidate: bool,
}

/// Purchases of an account in each of the four years of 12 months ending on `as_of`, oldest
/// first: the base year and the three years whose growth is tested (**Interpretation**: "the
/// last three years" are counted back from the as-of date, so this year's orders count).
pub fn yearly_purchases(orders: &[Order], account: &str, as_of: NaiveDate) -> [f64; 4] {
    let years_back = |n: u32| as_of.checked_sub_months(Months::new(12 * n));
    let starts = [4, 3, 2, 1].map(years_back);
    let mut years = [0.0; 4];
    for o in orders
        .iter()
        .filter(|o| o.account == account && o.date <= as_of)
    {
        // The latest year the order is after the start of (a year is (start, next start]);
        // an order on or before the first start is older than the four years.
        if let Some(k) = (0..4)
            .rev()
            .find(|&k| starts[k].is_some_and(|start| o.date > start))
        {
            years[k] += o.amount;
        }
    }
    years
}

/// Average yearly purchases over the last three years above `share_pct` % of our revenue, and
/// growth above `growth_pct` % in each of those years.
pub fn strategic_candidate(
    years: [f64; 4],
    our_revenue: f64,
    share_pct: f64,
    growth_pct: f64,
) -> StrategicCheck {
    let average = (years[1] + years[2] + years[3]) / 3.0;
    let share = if our_revenue > 0.0 {
        average / our_revenue * 100.0
    } else {
        0.0
    };
    let growth =
        [1, 2, 3].map(|k| (years[k - 1] > 0.0).then(|| (years[k] / years[k - 1] - 1.0) * 100.0));
    let candidate = our_revenue > 0.0
        && share > share_pct
        && growth.iter().all(|g| g.is_some_and(|g| g > growth_pct));
    StrategicCheck {
        average,
        share_pct: share,
        growth_pct: growth,
        candidate,
    }
}

/// The strategic-candidate test of one account with the workspace's thresholds and the
/// purchases it was run on, or `None` while X, Y or our revenue is not set.
pub fn strategic_check(
    orders: &[Order],
    account: &str,
    as_of: NaiveDate,
    settings: &Settings,
) -> Option<(StrategicCheck, [f64; 4])> {
    let revenue = settings.our_revenue?;
    let share = settings.strategic_share_pct?;
    let growth = settings.strategic_growth_pct?;
    let years = yearly_purchases(orders, account, as_of);
    Some((strategic_candidate(years, revenue, share, growth), years))
}

/// The strategic-candidate verdict first, then each test with its figures, in `lang`.
pub fn describe_strategic(
    check: &StrategicCheck,
    years: [f64; 4],
    settings: &Settings,
    as_of: NaiveDate,
    lang: crate::i18n::Lang,
) -> Vec<String> {
    use crate::i18n::Lang;
    let n = crate::scoring::explain::num;
    let x = n(settings.strategic_share_pct.unwrap_or_default());
    let y_pct = settings.strategic_growth_pct.unwrap_or_default();
    let y = n(y_pct);
    let revenue = n(settings.our_revenue.unwrap_or_default());
    let (average, share) = (n(check.average), n(check.share_pct));
    let share_ok = settings
        .strategic_share_pct
        .is_some_and(|x| check.share_pct > x);
    let growth_ok = check
        .growth_pct
        .iter()
        .all(|g| g.is_some_and(|g| g > y_pct));
    let mark = |ok: bool| if ok { "✓" } else { "✗" };
    let growth = check
        .growth_pct
        .iter()
        .map(|g| match (g, lang) {
            (Some(g), _) => format!("{}%", n(*g)),
            (None, Lang::En) => "— (nothing bought the year before)".to_string(),
            (None, Lang::Zh) => "—（上一年无采购）".to_string(),
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let purchases = years.map(n).join(" → ");
    match lang {
        Lang::En => vec![
            if check.candidate {
                "Strategic candidate 战略级大客户候选: yes".to_string()
            } else {
                "Not a strategic candidate 战略级大客户候选".to_string()
            },
            format!(
                "{} Average yearly purchases {average} = {share}% of our revenue {revenue}: {} {x}%",
                mark(share_ok),
                if share_ok { "above" } else { "not above" }
            ),
            format!(
                "{} Growth, year on year: {growth}: {} {y}%",
                mark(growth_ok),
                if growth_ok { "each above" } else { "not each above" }
            ),
            format!("Purchases in the four years of 12 months up to {as_of}: {purchases}"),
        ],
        Lang::Zh => vec![
            if check.candidate {
                "战略级大客户候选：是".to_string()
            } else {
                "不是战略级大客户候选".to_string()
            },
            format!(
                "{} 近三年年均采购额 {average} = 我方营收 {revenue} 的 {share}%：{} {x}%",
                mark(share_ok),
                if share_ok { "高于" } else { "未高于" }
            ),
            format!(
                "{} 逐年增长率：{growth}：{} {y}%",
                mark(growth_ok),
                if growth_ok { "均高于" } else { "并非每年均高于" }
            ),
            format!("截至 {as_of} 的四个 12 个月年度的采购额：{purchases}"),
        ],
    }
}

/// The input key ABC ranks accounts by.
pub fn basis_key(basis: AbcBasis) -> &'static str {
    match basis {
        AbcBasis::AnnualSales => keys::ANNUAL_SALES,
        AbcBasis::ContractValue => keys::CONTRACT_VALUE,
    }
}

/// What ABC ranks by, in `lang`: "annual sales" or "contract value".
pub fn basis_name(basis: AbcBasis, lang: crate::i18n::Lang) -> &'static str {
    use crate::i18n::Lang;
    match (basis, lang) {
        (AbcBasis::AnnualSales, Lang::En) => "annual sales",
        (AbcBasis::ContractValue, Lang::En) => "contract value",
        (AbcBasis::AnnualSales, Lang::Zh) => "年销售额",
        (AbcBasis::ContractValue, Lang::Zh) => "合同金额",
    }
}

/// The per-account cuts shown beside the framework scores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cuts {
    pub abc: Vec<Option<Abc>>,
    pub rfm: Vec<Option<Rfm>>,
    pub share_of_wallet: Vec<Option<ShareOfWallet>>,
}

impl Cuts {
    /// ABC and share of wallet from the accounts' inputs; RFM from the orders when an as-of date
    /// is given (without one there is no "today" to count recency from).
    pub fn compute(
        accounts: &[Account],
        orders: &[Order],
        settings: &Settings,
        as_of: Option<NaiveDate>,
    ) -> Cuts {
        let basis = basis_key(settings.abc_basis);
        let values: Vec<Option<f64>> = accounts.iter().map(|a| a.number(basis)).collect();
        Cuts {
            abc: abc(&values, settings.abc_cutoffs),
            rfm: match as_of {
                Some(d) => rfm(accounts, orders, d, settings.rfm_window_days),
                None => vec![None; accounts.len()],
            },
            share_of_wallet: accounts
                .iter()
                .map(|a| {
                    share_of_wallet(
                        a.number(keys::ANNUAL_SALES),
                        a.number(keys::CATEGORY_SPEND),
                        settings.mainstream_share,
                    )
                })
                .collect(),
        }
    }
}

/// What an ABC class means, in `lang`: "A: within the first 80% of annual sales (cut-offs 80% /
/// 95%, largest accounts first)".
pub fn describe_abc(
    class: Abc,
    cutoffs: [f64; 2],
    basis: AbcBasis,
    lang: crate::i18n::Lang,
) -> String {
    use crate::i18n::Lang;
    let n = crate::scoring::explain::num;
    let (a, b) = (n(cutoffs[0]), n(cutoffs[1]));
    let measure = basis_name(basis, lang);
    let within = match (class, lang) {
        (Abc::A, Lang::En) => format!("within the first {a}% of {measure}"),
        (Abc::B, Lang::En) => format!("between {a}% and {b}% of {measure}"),
        (Abc::C, Lang::En) => format!("beyond {b}% of {measure}"),
        (Abc::A, Lang::Zh) => format!("处于{measure}累计占比前 {a}% 以内"),
        (Abc::B, Lang::Zh) => format!("处于{measure}累计占比 {a}%–{b}% 之间"),
        (Abc::C, Lang::Zh) => format!("处于{measure}累计占比 {b}% 之后"),
    };
    match lang {
        Lang::En => format!(
            "{}: {within} (accounts ranked largest first; cut-offs {a}% / {b}%)",
            class.as_str()
        ),
        Lang::Zh => format!(
            "{} 类：{within}（按金额从大到小累计；分界 {a}% / {b}%）",
            class.as_str()
        ),
    }
}

/// What the digits of an RFM cell stand for, with the account's own measures.
pub fn describe_rfm(
    cell: u16,
    m: &RfmMeasures,
    window_days: u32,
    lang: crate::i18n::Lang,
) -> Vec<String> {
    use crate::i18n::Lang;
    let n = crate::scoring::explain::num;
    let (r, f, mo) = (cell / 100, cell / 10 % 10, cell % 10);
    let last = m.last_order;
    match lang {
        Lang::En => vec![
            format!("R {r}: last order {last}, {} days ago", m.recency_days),
            format!("F {f}: {} orders in the last {window_days} days", m.frequency),
            format!("M {mo}: {} ordered in the last {window_days} days", n(m.monetary)),
            "Each digit ranks the account 1–5 by quintile among the accounts with orders; 5 is best (most recent, most frequent, largest).".to_string(),
        ],
        Lang::Zh => vec![
            format!("R {r}：最近一次订单 {last}，距今 {} 天", m.recency_days),
            format!("F {f}：近 {window_days} 天内 {} 笔订单", m.frequency),
            format!("M {mo}：近 {window_days} 天内订单金额 {}", n(m.monetary)),
            "每一位按五分位在有订单的客户中排名为 1–5，5 最好（最近、最频繁、金额最大）。".to_string(),
        ],
    }
}

/// Share of wallet in words, with the figures it comes from.
pub fn describe_share(
    share: &ShareOfWallet,
    our_sales: f64,
    category_spend: f64,
    mainstream_share: f64,
    lang: crate::i18n::Lang,
) -> String {
    use crate::i18n::Lang;
    let n = crate::scoring::explain::num;
    let pct = n(share.share * 100.0);
    let line = n(mainstream_share * 100.0);
    let (sales, spend) = (n(our_sales), n(category_spend));
    match (lang, share.mainstream) {
        (Lang::En, true) => format!(
            "{pct}% = our annual sales {sales} ÷ the customer's category spend {spend}: ≥ {line}%, we are the mainstream supplier 主流供应商"
        ),
        (Lang::En, false) => format!(
            "{pct}% = our annual sales {sales} ÷ the customer's category spend {spend}: below {line}%, not yet the mainstream supplier 主流供应商"
        ),
        (Lang::Zh, true) => format!(
            "{pct}% = 我方年销售额 {sales} ÷ 客户品类采购额 {spend}：≥ {line}%，我方是主流供应商"
        ),
        (Lang::Zh, false) => format!(
            "{pct}% = 我方年销售额 {sales} ÷ 客户品类采购额 {spend}：低于 {line}%，尚不是主流供应商"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::sample::Seeded;

    #[test]
    fn values_sorted_largest_first_equal_a_comparison_sort() {
        let mut r = Seeded::new(11);
        for len in [0, 3, 64, 5_000] {
            let values: Vec<f64> = (0..len)
                .map(|_| match r.below(4) {
                    0 => (r.below(30) * 1_000) as f64,
                    1 => r.upto(1e7),
                    2 => 0.0,
                    _ => r.upto(1e300),
                })
                .collect();
            let mut expected = values.clone();
            expected.sort_by(|a, b| b.total_cmp(a));
            assert_eq!(sorted_descending(&values), expected, "{len} values");
        }
    }

    #[test]
    fn the_radix_sort_orders_pairs_as_a_sort_does_ties_by_index() {
        let mut r = Seeded::new(7);
        for len in [0, 5, 63, 64, 1000, 20_000] {
            // Whole amounts, repeats, fractions, zeros, negatives and huge values, inverted
            // as ABC inverts them, so equal keys and constant bytes both occur.
            let items: Vec<(u64, u32)> = (0..len as u32)
                .map(|i| {
                    let v = match r.below(5) {
                        0 => (r.below(50) * 10_000) as f64,
                        1 => r.upto(1e6),
                        2 => 0.0,
                        3 => -r.upto(100.0),
                        _ => r.upto(1e300),
                    };
                    (!rank_key(v), i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_unstable();
            let mut sorted = items;
            sort_keyed(&mut sorted);
            assert_eq!(sorted, expected, "{len} pairs");
        }
    }

    #[test]
    fn a_rank_key_gives_its_number_back() {
        for v in [
            0.0,
            -0.0,
            1.5,
            -2.25,
            1e300,
            f64::MIN_POSITIVE,
            123_456_789.0,
        ] {
            assert_eq!(from_rank_key(rank_key(v)).to_bits(), f64::to_bits(v));
        }
    }

    #[test]
    fn the_cuts_read_as_sentences_in_both_languages() {
        assert_eq!(
            describe_abc(Abc::B, [80.0, 95.0], AbcBasis::AnnualSales, Lang::En),
            "B: between 80% and 95% of annual sales (accounts ranked largest first; cut-offs 80% / 95%)"
        );
        let share = share_of_wallet(Some(600.0), Some(1000.0), 0.6).unwrap();
        assert_eq!(
            describe_share(&share, 600.0, 1000.0, 0.6, Lang::En),
            "60% = our annual sales 600 ÷ the customer's category spend 1000: ≥ 60%, we are the mainstream supplier 主流供应商"
        );
        let m = RfmMeasures {
            last_order: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            recency_days: 40,
            frequency: 4,
            monetary: 1234.5,
        };
        let lines = describe_rfm(534, &m, 365, Lang::Zh);
        assert_eq!(lines[0], "R 5：最近一次订单 2026-05-01，距今 40 天");
        assert_eq!(lines[2], "M 4：近 365 天内订单金额 1234.5");
    }
}
