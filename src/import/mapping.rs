//! What each table is (accounts, stakeholders, orders, credit assessments) and which field
//! each column fills, guessed from the headers in Chinese or English and changeable by the
//! user; a confirmed mapping is remembered by the table's header signature.
//!
//! Headers are compared after [`normalise_header`] (full-width folded, lower-case, spaces and
//! punctuation removed), so "Account Name", "account_name" and "ＡＣＣＯＵＮＴ　ＮＡＭＥ" are one
//! header. A header equal to a synonym maps with [`Confidence::High`]; so does a bilingual
//! header ("客户名称 Account name") whose Chinese or English part is one. A header containing a
//! synonym maps with [`Confidence::Medium`]. Each field takes at most one column, the best.
//!
//! Synonym choices worth knowing: 营业收入 / 营收 / revenue / AnnualRevenue are the
//! customer's own revenue (`revenue_usd`, in USD as written); 年销售额 / 销售额 / sales are our
//! sales with the customer (`annual_sales`); 利润贡献 is the scorecard's profit contribution
//! and 利润水平 the internal profile's profit level; "Rating" (a CRM's hot/warm/cold) is not a
//! credit rating — only 信用等级 / 信用评级 / credit rating are.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Workbook;
use crate::i18n::Label;
use crate::model::keys;

/// What a table holds; the guess is shown and the user can change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Accounts,
    /// People at accounts, linked by the account's id or name.
    Stakeholders,
    /// Dated amounts: orders or contracts.
    Orders,
    /// Dated credit assessments.
    Assessments,
    /// Not imported (a sheet of notes, lists or lookups).
    Other,
}

impl TableKind {
    /// The kinds that import something, in conversion order.
    pub const ALL: [TableKind; 4] = [
        TableKind::Accounts,
        TableKind::Stakeholders,
        TableKind::Orders,
        TableKind::Assessments,
    ];

    pub fn label(self) -> Label {
        match self {
            TableKind::Accounts => Label::new("accounts", "客户"),
            TableKind::Stakeholders => Label::new("stakeholders", "客户人员"),
            TableKind::Orders => Label::new("orders / contracts", "订单 / 合同"),
            TableKind::Assessments => Label::new("credit assessments", "信用评估"),
            TableKind::Other => Label::new("not imported", "不导入"),
        }
    }
}

/// A stakeholder's personal detail (never scored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalField {
    Gender,
    Phone,
    Email,
    Address,
    Background,
    Hobbies,
    Family,
}

/// The field a column fills.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", content = "key", rename_all = "snake_case")]
pub enum Target {
    /// The account's id (accounts).
    Id,
    /// The account's name (accounts) or the person's name (stakeholders).
    Name,
    /// The account a row belongs to, by id or name (stakeholders, orders, assessments).
    Account,
    Industry,
    Region,
    Owner,
    /// Company-level 公司级 or regional-level 区域级.
    Level,
    Notes,
    JourneyPoint,
    Date,
    Amount,
    /// A framework input key (`strategic_fit`, `age`, …).
    Input(String),
    Personal(PersonalField),
    /// Kept on the account under its header (accounts only).
    Attribute,
    /// Not imported.
    Ignore,
}

/// How sure the automatic mapping is; shown next to each column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// No field matched.
    None,
    /// The header contains a synonym.
    Medium,
    /// The header is a synonym.
    High,
    /// Taken from a mapping the user confirmed for the same headers.
    Remembered,
    /// Set by the user.
    User,
}

/// One column's mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap {
    /// The header as written.
    pub header: String,
    pub target: Target,
    pub confidence: Confidence,
}

/// Every column's mapping, in column order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub columns: Vec<ColumnMap>,
}

impl Mapping {
    /// The user's choice for column `column`; any other column that had this target loses it
    /// (to [`Target::Ignore`] or, for an accounts table, [`Target::Attribute`] — see
    /// [`Mapping::unmapped`]), since a field takes one column.
    pub fn set(&mut self, column: usize, target: Target, kind: TableKind) {
        if !matches!(target, Target::Attribute | Target::Ignore) {
            for (i, c) in self.columns.iter_mut().enumerate() {
                if i != column && c.target == target {
                    c.target = Mapping::unmapped(kind);
                    c.confidence = Confidence::None;
                }
            }
        }
        if let Some(c) = self.columns.get_mut(column) {
            c.target = target;
            c.confidence = Confidence::User;
        }
    }

    /// The column mapped to `target`, if any.
    pub fn column_of(&self, target: &Target) -> Option<usize> {
        self.columns.iter().position(|c| &c.target == target)
    }

    /// What an unmatched column becomes: an attribute of the account (never dropped), or
    /// nothing for the linked tables, whose model types have no free attributes.
    pub fn unmapped(kind: TableKind) -> Target {
        match kind {
            TableKind::Accounts => Target::Attribute,
            _ => Target::Ignore,
        }
    }
}

/// A table's kind and mapping, as guessed and then edited by the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetPlan {
    pub kind: TableKind,
    pub mapping: Mapping,
}

/// Confirmed mappings by header signature, saved in the workspace so a file with the same
/// headers maps the same way next time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MappingMemory {
    pub entries: BTreeMap<String, RememberedPlan>,
}

/// One remembered table: its kind and each column's target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedPlan {
    pub kind: TableKind,
    pub targets: Vec<Target>,
}

impl MappingMemory {
    /// Remembers a confirmed plan for tables with these headers.
    pub fn remember(&mut self, headers: &[String], plan: &SheetPlan) {
        self.entries.insert(
            header_signature(headers),
            RememberedPlan {
                kind: plan.kind,
                targets: plan
                    .mapping
                    .columns
                    .iter()
                    .map(|c| c.target.clone())
                    .collect(),
            },
        );
    }

    /// The memory as a workspace stores it (`Workspace::column_mappings`); entries that do
    /// not read as a remembered plan (from a newer version) are skipped, not fatal.
    pub fn from_stored(stored: &BTreeMap<String, serde_json::Value>) -> Self {
        let entries = stored
            .iter()
            .filter_map(|(signature, plan)| {
                let plan = RememberedPlan::deserialize(plan).ok()?;
                Some((signature.clone(), plan))
            })
            .collect();
        MappingMemory { entries }
    }

    /// Writes the memory into a workspace's `column_mappings`, keeping entries it does not
    /// know.
    pub fn store(&self, stored: &mut BTreeMap<String, serde_json::Value>) {
        for (signature, plan) in &self.entries {
            if let Ok(value) = serde_json::to_value(plan) {
                stored.insert(signature.clone(), value);
            }
        }
    }

    /// The plan remembered for these headers.
    pub fn recall(&self, headers: &[String]) -> Option<SheetPlan> {
        let r = self.entries.get(&header_signature(headers))?;
        if r.targets.len() != headers.len() {
            return None;
        }
        let columns = headers
            .iter()
            .zip(&r.targets)
            .map(|(h, t)| ColumnMap {
                header: h.clone(),
                target: t.clone(),
                confidence: Confidence::Remembered,
            })
            .collect();
        Some(SheetPlan {
            kind: r.kind,
            mapping: Mapping { columns },
        })
    }
}

/// The normalised headers joined: equal for files whose headers differ only in case, spaces,
/// punctuation or width.
pub fn header_signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalise_header(h))
        .collect::<Vec<_>>()
        .join("|")
}

/// Folds full-width forms, lower-cases, and keeps only letters and digits (of any script).
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One field the importer knows: where it applies, its bilingual name (used by templates and
/// the mapping dropdown) and further spellings.
struct Field {
    target: Target,
    kinds: &'static [TableKind],
    zh: &'static str,
    en: &'static str,
    synonyms: &'static [&'static str],
}

use TableKind::{Accounts as A, Assessments as C, Orders as O, Stakeholders as S};

const LINKED: &[TableKind] = &[S, O, C];

fn field(
    target: Target,
    kinds: &'static [TableKind],
    zh: &'static str,
    en: &'static str,
    synonyms: &'static [&'static str],
) -> Field {
    Field {
        target,
        kinds,
        zh,
        en,
        synonyms,
    }
}

/// An input key with the kinds it appears in, its zh and en names and further synonyms.
type InputField = (
    &'static str,
    &'static [TableKind],
    &'static str,
    &'static str,
    &'static [&'static str],
);

fn input(key: &str) -> Target {
    Target::Input(key.to_string())
}

/// Every field in template order: account attributes, then the input keys of
/// [`keys::ALL`] (plus contract value), then stakeholder, order and assessment fields.
#[rustfmt::skip]
fn fields() -> Vec<Field> {
    let mut f = vec![
        field(Target::Id, &[A], "客户编号", "Account ID", &["id", "编号", "客户id", "客户代码", "客户编码", "accountid", "customerid", "customer code"]),
        field(Target::Name, &[A], "客户名称", "Account name", &["客户", "客户名", "公司名称", "公司", "企业名称", "企业", "单位名称", "name", "account", "customer", "customer name", "company", "company name"]),
        field(Target::Industry, &[A], "行业", "Industry", &["所属行业", "sector"]),
        field(Target::Region, &[A], "区域", "Region", &["地区", "所属区域", "所属地区", "大区", "area", "territory"]),
        field(Target::Owner, &[A], "负责人", "Owner", &["客户经理", "大客户经理", "销售负责人", "account owner", "account manager", "key account manager", "kam", "sales rep"]),
        field(Target::Level, &[A], "客户级别", "Account level", &["级别", "服务级别", "公司级区域级", "level", "service level"]),
    ];
    let inputs: &[InputField] = &[
        ("strategic_fit", &[A], "战略契合度", "Strategic fit", &["战略契合", "战略匹配度", "strategy fit"]),
        ("profit_contribution", &[A], "利润贡献", "Profit contribution", &["利润贡献度"]),
        ("business_scale", &[A], "业务规模", "Business scale", &[]),
        ("industry_influence", &[A], "行业影响力", "Industry influence", &["行业影响"]),
        ("brand_effect", &[A], "市场和品牌效应", "Market and brand effect", &["品牌效应", "市场与品牌效应", "市场品牌效应", "brand effect", "market & brand effect"]),
        ("development_potential", &[A], "发展潜力", "Development potential", &["潜力", "potential"]),
        ("deal_volume", &[A, C], "年度项目成交量", "Annual deal volume", &["项目成交量", "成交量", "deal volume"]),
        ("contract_performance", &[A, C], "履约程度", "Contract performance", &["履约", "履约情况", "performance"]),
        ("operating_risk", &[A, C], "经营风险", "Operating risk", &["风险", "risk"]),
        (keys::REVENUE_USD, &[A], "营业收入(美元)", "Annual revenue (USD)", &["营业收入", "年营业收入", "营收", "年收入", "revenue", "annual revenue", "annualrevenue", "revenue usd", "turnover"]),
        ("market_size", &[A], "市场规模得分", "Market size score", &["市场规模", "market size"]),
        (keys::PRODUCT_PIPELINES, &[A], "匹配产品管线数", "Matching product pipelines", &["产品管线", "产品管线数", "管线数", "pipelines", "product pipelines"]),
        ("rd_capability", &[A], "研发能力", "R&D capability", &["研发", "rd", "research capability"]),
        ("quality_requirement", &[A], "质量要求", "Quality requirement", &["quality"]),
        ("regulatory_requirement", &[A], "法规要求", "Regulatory requirement", &["法规", "regulatory", "compliance"]),
        ("price_type", &[A], "价格类型", "Price type", &["价格敏感度", "price sensitivity"]),
        ("professional_level", &[A], "专业水平", "Professional level", &["专业程度", "professionalism"]),
        (keys::ANNUAL_SALES, &[A], "年销售额", "Annual sales", &["销售额", "年度销售额", "我方销售额", "sales", "our sales", "sales volume"]),
        ("sales_scale", &[A], "销售规模得分", "Sales scale score", &["销售规模", "sales scale"]),
        ("profit_level", &[A], "利润水平", "Profit level", &["利润等级", "profit"]),
        ("credit_rating", &[A], "信用等级", "Credit rating", &["信用评级", "信用", "credit", "credit grade"]),
        ("relationship", &[A], "客户关系", "Customer relationship", &["关系", "relationship"]),
        (keys::CATEGORY_SPEND, &[A], "品类采购额", "Category spend", &["品类支出", "采购总额", "采购额", "品类采购", "spend", "total spend", "wallet"]),
        (keys::CONTRACT_VALUE, &[A], "合同额", "Contract value", &["合同总额", "合同价值", "合同金额", "contract amount"]),
    ];
    f.extend(
        inputs
            .iter()
            .map(|(k, kinds, zh, en, syn)| field(input(k), kinds, zh, en, syn)),
    );
    f.extend([
        field(Target::Notes, &[A], "备注", "Notes", &["说明", "描述", "note", "remarks", "comment", "comments", "description"]),
        field(Target::Account, LINKED, "所属客户", "Account", &["客户名称", "客户", "客户名", "公司", "公司名称", "企业名称", "客户编号", "客户id", "account name", "account id", "accountid", "company", "customer", "customer name"]),
        field(Target::Name, &[S], "姓名", "Name", &["名字", "联系人", "人员", "人员姓名", "contact", "contact name", "person", "full name", "stakeholder"]),
        field(Target::JourneyPoint, &[S], "旅程点", "Journey point", &["客户旅程", "阶段", "journey", "stage"]),
        field(input("age"), &[S], "年龄", "Age", &[]),
        field(input("education"), &[S], "学历", "Education", &["教育程度", "degree"]),
        field(input("org_role"), &[S], "组织角色", "Organisational role", &["职位", "职务", "岗位", "title", "job title", "position", "org role", "organizational role", "role"]),
        field(input("power_role"), &[S], "权力角色", "Power role", &["决策角色", "power", "decision role"]),
        field(input("relationship_role"), &[S], "关系角色", "Relationship role", &["关系", "relationship", "态度", "attitude"]),
        field(input("potential"), &[S], "发展潜力", "Development potential", &["潜力", "potential"]),
        field(Target::Personal(PersonalField::Gender), &[S], "性别", "Gender", &["sex"]),
        field(Target::Personal(PersonalField::Phone), &[S], "电话", "Phone", &["手机", "手机号", "联系电话", "mobile", "telephone", "tel"]),
        field(Target::Personal(PersonalField::Email), &[S], "邮箱", "Email", &["电子邮件", "电子邮箱", "e-mail", "mail"]),
        field(Target::Personal(PersonalField::Address), &[S], "地址", "Address", &[]),
        field(Target::Personal(PersonalField::Background), &[S], "背景", "Background", &["个人背景", "教育背景"]),
        field(Target::Personal(PersonalField::Hobbies), &[S], "爱好", "Hobbies", &["兴趣", "兴趣爱好", "hobby", "interests"]),
        field(Target::Personal(PersonalField::Family), &[S], "家庭", "Family", &["家庭情况"]),
        field(Target::Date, &[O], "日期", "Date", &["订单日期", "下单日期", "合同日期", "签订日期", "签约日期", "成交日期", "order date", "contract date", "close date"]),
        field(Target::Amount, &[O], "金额", "Amount", &["订单金额", "合同金额", "成交金额", "含税金额", "order amount", "contract amount", "value", "total", "sales amount"]),
        field(Target::Date, &[C], "评估日期", "Assessment date", &["日期", "date", "评级日期", "rating date"]),
    ]);
    f
}

/// The fields a table of `kind` can fill, with their bilingual names, for the mapping
/// dropdown; ends with "keep as attribute" (accounts) and "do not import".
pub fn targets_for(kind: TableKind) -> Vec<(Target, Label)> {
    let mut out: Vec<(Target, Label)> = fields()
        .into_iter()
        .filter(|f| f.kinds.contains(&kind))
        .map(|f| (f.target, Label::new(f.en, f.zh)))
        .collect();
    if kind == TableKind::Accounts {
        out.push((
            Target::Attribute,
            Label::new("keep as attribute", "保留为属性"),
        ));
    }
    out.push((Target::Ignore, Label::new("do not import", "不导入")));
    out
}

/// The template's header for each field of `kind`: "客户名称 Account name".
pub(crate) fn template_headers(kind: TableKind) -> Vec<(Target, String)> {
    fields()
        .into_iter()
        .filter(|f| f.kinds.contains(&kind))
        .map(|f| (f.target, format!("{} {}", f.zh, f.en)))
        .collect()
}

/// Splits a header into runs of Chinese and of Latin text (punctuation and spaces join the
/// run they follow), so each half of "营业收入(美元) Annual revenue (USD)" can be matched.
fn script_runs(header: &str) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_cjk: Option<bool> = None;
    for c in header.chars() {
        let cjk = matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
        let latin = c.is_ascii_alphanumeric() || matches!(c, '\u{ff10}'..='\u{ff5a}');
        let class = if cjk {
            Some(true)
        } else if latin {
            Some(false)
        } else {
            None
        };
        if let (Some(new), Some(old)) = (class, current_cjk) {
            if new != old {
                runs.push(std::mem::take(&mut current));
            }
        }
        if class.is_some() {
            current_cjk = class;
        }
        current.push(c);
    }
    runs.push(current);
    runs.iter()
        .map(|r| normalise_header(r))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The best field for one header among `candidates` (normalised synonyms with their field
/// index), with its confidence.
fn match_header(header: &str, candidates: &[(String, usize)]) -> Option<(usize, Confidence)> {
    let whole = normalise_header(header);
    if whole.is_empty() {
        return None;
    }
    if let Some((_, i)) = candidates.iter().find(|(s, _)| *s == whole) {
        return Some((*i, Confidence::High));
    }
    let runs = script_runs(header);
    if runs.len() > 1 {
        let exact: Vec<usize> = runs
            .iter()
            .filter_map(|r| candidates.iter().find(|(s, _)| s == r).map(|(_, i)| *i))
            .collect();
        if let Some(&first) = exact.first() {
            let agree = exact.iter().all(|&i| i == first);
            return Some((
                first,
                if agree {
                    Confidence::High
                } else {
                    Confidence::Medium
                },
            ));
        }
    }
    // Contains: the longest synonym found wins; very short Latin synonyms ("id", "rd") would
    // match inside unrelated words, so only longer ones count.
    candidates
        .iter()
        .filter(|(s, _)| {
            let long_enough = if s.is_ascii() {
                s.len() >= 4
            } else {
                s.chars().count() >= 2
            };
            long_enough && whole.contains(s.as_str())
        })
        .max_by_key(|(s, _)| s.chars().count())
        .map(|(_, i)| (*i, Confidence::Medium))
}

/// Maps every column of a table of `kind` by its header.
pub fn auto_map(headers: &[String], kind: TableKind) -> Mapping {
    let fields: Vec<Field> = fields()
        .into_iter()
        .filter(|f| f.kinds.contains(&kind))
        .collect();
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let key = match &f.target {
            Target::Input(k) => Some(k.as_str()),
            _ => None,
        };
        for s in [f.zh, f.en].iter().chain(f.synonyms).chain(key.as_slice()) {
            candidates.push((normalise_header(s), i));
        }
    }
    let matches: Vec<Option<(usize, Confidence)>> = headers
        .iter()
        .map(|h| match_header(h, &candidates))
        .collect();
    let columns = headers
        .iter()
        .enumerate()
        .map(|(col, h)| {
            // A field takes one column: the most confident, then the leftmost.
            let best = matches[col].filter(|&(field, conf)| {
                !matches.iter().enumerate().any(|(other, m)| {
                    other != col
                        && m.is_some_and(|(f, c)| {
                            f == field && (c > conf || c == conf && other < col)
                        })
                })
            });
            match best {
                Some((i, confidence)) => ColumnMap {
                    header: h.clone(),
                    target: fields[i].target.clone(),
                    confidence,
                },
                None => ColumnMap {
                    header: h.clone(),
                    target: Mapping::unmapped(kind),
                    confidence: Confidence::None,
                },
            }
        })
        .collect();
    Mapping { columns }
}

/// How much a mapping of `kind` says about the table being of that kind: fields only that
/// kind has count, shared ones (name, account, notes) do not; a kind whose required fields
/// are not all found scores 0.
fn kind_evidence(kind: TableKind, mapping: &Mapping) -> u32 {
    let weight = |c: &ColumnMap| match c.confidence {
        Confidence::High | Confidence::Remembered | Confidence::User => 2,
        Confidence::Medium => 1,
        Confidence::None => 0,
    };
    let has = |t: &Target| mapping.column_of(t).is_some();
    let required = match kind {
        TableKind::Accounts => has(&Target::Name) || has(&Target::Id),
        TableKind::Other => false,
        TableKind::Stakeholders => has(&Target::Name),
        TableKind::Orders => has(&Target::Date) && has(&Target::Amount),
        TableKind::Assessments => {
            has(&Target::Date)
                && mapping
                    .columns
                    .iter()
                    .any(|c| matches!(c.target, Target::Input(_)))
        }
    };
    if !required {
        return 0;
    }
    mapping
        .columns
        .iter()
        .filter(|c| {
            !matches!(
                c.target,
                Target::Id
                    | Target::Name
                    | Target::Account
                    | Target::Notes
                    | Target::Attribute
                    | Target::Ignore
            )
        })
        .map(weight)
        .sum()
}

/// Sheet names that hint at a kind ("人员", "Contacts", "订单" …).
fn sheet_hint(sheet: &str) -> Option<TableKind> {
    let s = normalise_header(sheet);
    let hints: [(TableKind, &[&str]); 4] = [
        (
            TableKind::Stakeholders,
            &["人员", "联系人", "stakeholder", "contact", "people"],
        ),
        (TableKind::Orders, &["订单", "合同", "order", "contract"]),
        (
            TableKind::Assessments,
            &["信用", "评估", "credit", "assessment", "rating"],
        ),
        (TableKind::Accounts, &["客户", "account", "customer"]),
    ];
    hints
        .iter()
        .find(|(_, words)| words.iter().any(|w| s.contains(w)))
        .map(|(k, _)| *k)
}

/// Guesses what a table holds from its headers (and its sheet name, as a tie-breaker);
/// [`TableKind::Other`] when no kind's required columns are there (an accounts table needs a
/// name or id column).
pub fn guess_kind(headers: &[String], sheet: Option<&str>) -> TableKind {
    let hint = sheet.and_then(sheet_hint);
    let scored = TableKind::ALL.iter().map(|&k| {
        let mapping = auto_map(headers, k);
        let evidence = kind_evidence(k, &mapping);
        let named = k == TableKind::Accounts
            && (mapping.column_of(&Target::Name).is_some()
                || mapping.column_of(&Target::Id).is_some());
        let bonus = u32::from(hint == Some(k) && evidence > 0);
        (k, evidence * 2 + bonus + u32::from(named))
    });
    // Ties go to the earlier kind (accounts first): max_by_key keeps the last maximum.
    match scored.rev().max_by_key(|&(_, score)| score) {
        Some((k, score)) if score > 0 => k,
        _ => TableKind::Other,
    }
}

/// The first plan of every sheet of a workbook: remembered if these headers were confirmed
/// before, otherwise guessed.
pub fn plan_sheets(book: &Workbook, memory: &MappingMemory) -> Vec<SheetPlan> {
    book.sheets
        .iter()
        .map(|t| {
            memory.recall(&t.headers).unwrap_or_else(|| {
                let kind = guess_kind(&t.headers, t.source.sheet.as_deref());
                SheetPlan {
                    kind,
                    mapping: auto_map(&t.headers, kind),
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(hs: &[&str]) -> Vec<String> {
        hs.iter().map(|h| (*h).to_string()).collect()
    }

    fn target_of(m: &Mapping, header: &str) -> (Target, Confidence) {
        let c = m
            .columns
            .iter()
            .find(|c| c.header == header)
            .expect("column");
        (c.target.clone(), c.confidence)
    }

    #[test]
    fn headers_normalise_across_case_space_punctuation_and_width() {
        assert_eq!(normalise_header("Account Name"), "accountname");
        assert_eq!(normalise_header("ＡＣＣＯＵＮＴ　ＮＡＭＥ"), "accountname");
        assert_eq!(normalise_header("营业收入（美元）"), "营业收入美元");
        assert_eq!(normalise_header(" account_name "), "accountname");
    }

    #[test]
    fn synonyms_map_with_confidence_and_revenue_is_not_sales() {
        let hs = headers(&[
            "客户名称",
            "营业收入",
            "年销售额",
            "Annual Revenue Total",
            "Rating",
            "公司级/区域级",
        ]);
        let m = auto_map(&hs, TableKind::Accounts);
        assert_eq!(target_of(&m, "客户名称"), (Target::Name, Confidence::High));
        assert_eq!(
            target_of(&m, "营业收入"),
            (input(keys::REVENUE_USD), Confidence::High)
        );
        assert_eq!(
            target_of(&m, "年销售额"),
            (input(keys::ANNUAL_SALES), Confidence::High)
        );
        // The exact 营业收入 wins the field; the weaker match is kept as an attribute.
        assert_eq!(
            target_of(&m, "Annual Revenue Total"),
            (Target::Attribute, Confidence::None)
        );
        assert_eq!(
            target_of(&m, "Rating"),
            (Target::Attribute, Confidence::None)
        );
        assert_eq!(
            target_of(&m, "公司级/区域级"),
            (Target::Level, Confidence::High)
        );
    }

    #[test]
    fn kinds_are_guessed_from_headers() {
        let guess = |hs: &[&str]| guess_kind(&headers(hs), None);
        assert_eq!(
            guess(&["客户名称", "战略契合度", "行业"]),
            TableKind::Accounts
        );
        assert_eq!(
            guess(&["客户名称", "姓名", "旅程点", "学历", "关系角色"]),
            TableKind::Stakeholders
        );
        assert_eq!(guess(&["客户", "订单日期", "金额"]), TableKind::Orders);
        assert_eq!(
            guess(&["客户", "评估日期", "年度项目成交量", "履约程度", "经营风险"]),
            TableKind::Assessments
        );
        assert_eq!(guess(&["Name", "Stage", "Title"]), TableKind::Stakeholders);
    }

    #[test]
    fn a_user_choice_takes_the_field_from_another_column_and_is_remembered() {
        let hs = headers(&["Name", "Company"]);
        let mut m = auto_map(&hs, TableKind::Accounts);
        assert_eq!(m.columns[0].target, Target::Name);
        m.set(1, Target::Name, TableKind::Accounts);
        assert_eq!(m.columns[0].target, Target::Attribute);
        assert_eq!(m.columns[1].confidence, Confidence::User);
        let mut memory = MappingMemory::default();
        let plan = SheetPlan {
            kind: TableKind::Accounts,
            mapping: m,
        };
        memory.remember(&hs, &plan);
        let again = memory
            .recall(&headers(&["NAME ", "company"]))
            .expect("same signature");
        assert_eq!(again.mapping.columns[1].target, Target::Name);
        assert_eq!(again.mapping.columns[1].confidence, Confidence::Remembered);
        let json = serde_json::to_string(&memory).expect("serialises");
        let back: MappingMemory = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, memory);
    }
}
