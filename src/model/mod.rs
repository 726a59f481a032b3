//! The data a user owns: accounts, their stakeholders, orders, credit assessments and settings.
//!
//! Everything here is serde-serialisable and gathered in a versioned [`Workspace`]. Scoring
//! inputs are kept raw — the number or label the user typed — in [`Inputs`], keyed by the input
//! keys the frameworks read (see [`keys`]); the scorer never rewrites them.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::framework::{presets, Framework, LevelsByMeasure, Rule};

mod inputs;
mod setting;

pub use inputs::{InputKey, Inputs, LabelCache};
pub use setting::{SettingError, SettingField, Threshold, ThresholdError};

/// The version of the saved workspace format this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// The input keys the preset frameworks read, for importers and the command line.
pub mod keys {
    /// The customer's annual revenue in USD (external profile: market size).
    pub const REVENUE_USD: &str = "revenue_usd";
    /// Our annual sales with the customer (internal profile: sales scale; ABC; share of wallet).
    pub const ANNUAL_SALES: &str = "annual_sales";
    /// The customer's product pipelines that match ours (external profile: R&D capability).
    pub const PRODUCT_PIPELINES: &str = "product_pipelines";
    /// The customer's total spend in our product category (share of wallet).
    pub const CATEGORY_SPEND: &str = "category_spend";
    /// Contract value, an alternative ABC basis.
    pub const CONTRACT_VALUE: &str = "contract_value";

    /// The key-account scorecard's six criteria, in the scorecard's order.
    pub const SCORECARD: [&str; 6] = [
        "strategic_fit",
        "profit_contribution",
        "business_scale",
        "industry_influence",
        "brand_effect",
        "development_potential",
    ];

    /// Every input key of the presets with a one-line description, in a stable order.
    pub const ALL: &[(&str, &str)] = &[
        ("strategic_fit", "scorecard: high/mid/low (高/中/低) or 0–30"),
        ("profit_contribution", "scorecard: high/mid/low or 0–20"),
        ("business_scale", "scorecard: high/mid/low or 0–20"),
        ("industry_influence", "scorecard: high/mid/low or 0–10"),
        ("brand_effect", "scorecard: high/mid/low or 0–10"),
        ("development_potential", "scorecard: high/mid/low or 0–10"),
        ("deal_volume", "credit: high/mid/low (高/中/低) or 0–50"),
        ("contract_performance", "credit: good/mid/poor (好/中/差) or 0–50"),
        ("operating_risk", "credit: low/medium/high risk (低/中/高) or −50–0"),
        (REVENUE_USD, "external: customer's annual revenue in USD"),
        ("market_size", "external: market-size score 0–100 when revenue is unknown"),
        (PRODUCT_PIPELINES, "external: matching product pipelines (count)"),
        ("rd_capability", "external: R&D score 0–100 when pipelines are unknown"),
        ("quality_requirement", "external+internal: medium/high/low (中/高/低) or 50–100"),
        ("regulatory_requirement", "external: high/medium/low (高/中/低) or 50–100"),
        ("price_type", "external: generous/conservative/sensitive (豪放型/保守型/敏感型) or 50–100"),
        ("professional_level", "external+internal: professional/layman/in-between (专业型/外行型/中间型) or 60–100"),
        (ANNUAL_SALES, "internal: our annual sales with the customer; ABC; share of wallet"),
        ("sales_scale", "internal: sales-scale score 0–100 when sales are unknown"),
        ("profit_level", "internal: high/medium/low (高/中/低) or 50–100"),
        ("credit_rating", "internal: AAA/AA/A or 0–100, used until the credit inputs are complete"),
        ("relationship", "internal: good/medium/fair/poor (好/中/一般/差) or 0–100, used until stakeholders exist"),
        (CATEGORY_SPEND, "share of wallet: the customer's spend in our category"),
    ];
}

/// One raw input: what the user entered, a number or a label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Input {
    Number(f64),
    /// A label as typed; shared, so the accounts of one import hold one copy of each label
    /// of a column (see [`LabelCache`]).
    Text(Arc<str>),
}

impl Input {
    /// Reads a spreadsheet cell: blank → `None` (missing, never 0), a finite number → number,
    /// anything else → text as typed (trimmed), for the rule to accept or reject.
    pub fn parse(cell: &str) -> Option<Input> {
        let t = cell.trim();
        if t.is_empty() {
            return None;
        }
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(Input::Number(v)),
            _ => Some(Input::Text(t.into())),
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Input::Number(v) => Some(*v),
            Input::Text(_) => None,
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Number(v) => write!(f, "{v}"),
            Input::Text(s) => f.write_str(s),
        }
    }
}

/// How a key account is served (an attribute, not computed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountLevel {
    /// 公司级: senior management plus a dedicated key-account manager.
    Company,
    /// 区域级: the regional head, overseen by a key-account manager.
    Regional,
}

/// A customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Stable id; stakeholders, orders and assessments refer to it.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub level: Option<AccountLevel>,
    /// Raw measures and assessments by input key (see [`keys`]).
    #[serde(default)]
    pub inputs: Inputs,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Imported columns that no framework reads (a CRM's "Rating", "BillingCity" …), kept by
    /// their header so an import never silently drops what the user brought.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

impl Account {
    /// An account with an id, a name and no inputs.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Account {
            id: id.into(),
            name: name.into(),
            ..Account::default()
        }
    }

    /// Sets one input, for building accounts in code.
    pub fn with(mut self, key: &str, value: Input) -> Self {
        self.inputs.insert(key.into(), value);
        self
    }

    /// A numeric input, if present and a number.
    pub fn number(&self, key: &str) -> Option<f64> {
        self.inputs.get(key).and_then(Input::as_number)
    }
}

/// Personal details of a stakeholder: kept in the browser, never read by any score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalDetails {
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub background: String,
    #[serde(default)]
    pub hobbies: String,
    #[serde(default)]
    pub family: String,
}

impl PersonalDetails {
    /// Every field, in the order the stored and transfer formats write them.
    pub fn fields(&self) -> [&String; 7] {
        [
            &self.gender,
            &self.phone,
            &self.email,
            &self.address,
            &self.background,
            &self.hobbies,
            &self.family,
        ]
    }

    /// The details whose [`PersonalDetails::fields`] are `fields`.
    pub fn from_fields(fields: [String; 7]) -> Self {
        let [gender, phone, email, address, background, hobbies, family] = fields;
        PersonalDetails {
            gender,
            phone,
            email,
            address,
            background,
            hobbies,
            family,
        }
    }
}

/// A person at a customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stakeholder {
    /// The id of the account this person works for.
    pub account: String,
    /// Where in the customer journey they act (销售, FAT, SAT, 合同签订 …).
    pub journey_point: String,
    pub name: String,
    /// age, education, org_role, power_role, relationship_role, potential (labels or numbers).
    #[serde(default)]
    pub inputs: Inputs,
    #[serde(default)]
    pub personal: PersonalDetails,
}

/// A dated order or contract with an account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub account: String,
    pub date: NaiveDate,
    pub amount: f64,
}

/// A dated credit assessment: the credit framework's inputs as they stood on that date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreditAssessment {
    pub account: String,
    pub date: NaiveDate,
    pub inputs: Inputs,
}

/// What ABC ranks accounts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbcBasis {
    #[default]
    AnnualSales,
    ContractValue,
}

/// Workspace-wide choices of the portfolio cuts and lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Currency of money inputs other than revenue in USD ("CNY").
    pub currency: String,
    /// Cumulative-share cut-offs of A and B, in percent.
    pub abc_cutoffs: [f64; 2],
    pub abc_basis: AbcBasis,
    /// The RFM window in days, ending on the as-of date.
    pub rfm_window_days: u32,
    /// Half-life of a contract's weight, in years.
    pub half_life_years: f64,
    /// Strategic candidate: average annual purchases above this percent of our revenue.
    pub strategic_share_pct: Option<f64>,
    /// Strategic candidate: growth above this percent in each of the last three years.
    pub strategic_growth_pct: Option<f64>,
    /// Our own annual revenue, the base of the strategic-candidate share.
    pub our_revenue: Option<f64>,
    /// Share of wallet from which we are the mainstream supplier (0.6 = 60%).
    pub mainstream_share: f64,
    /// Annual sales at or above which deal volume is high, and from which it is mid.
    pub deal_volume_thresholds: Option<[f64; 2]>,
    /// Months on the red list after which a key account loses its status.
    pub red_list_months: u32,
    /// The journey points stakeholders are placed at.
    pub journey_points: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            currency: "CNY".into(),
            abc_cutoffs: [80.0, 95.0],
            abc_basis: AbcBasis::AnnualSales,
            rfm_window_days: 365,
            half_life_years: 3.0,
            strategic_share_pct: None,
            strategic_growth_pct: None,
            our_revenue: None,
            mainstream_share: 0.6,
            deal_volume_thresholds: None,
            red_list_months: 12,
            journey_points: ["销售", "合同签订", "FAT", "SAT"]
                .iter()
                .map(|s| (*s).to_string())
                .collect(),
        }
    }
}

/// Everything a user saves: the versioned workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub schema_version: u32,
    /// The name the user gave the workspace; it travels with exports and copies.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub orders: Vec<Order>,
    #[serde(default)]
    pub credit_assessments: Vec<CreditAssessment>,
    /// Edited copies of frameworks; one with a preset's id replaces that preset.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
    #[serde(default)]
    pub settings: Settings,
    /// Column mappings the importer remembered, by source signature. Opaque here: the importer
    /// owns their shape, the workspace only keeps them so a re-import maps columns the same way.
    #[serde(default)]
    pub column_mappings: BTreeMap<String, serde_json::Value>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            schema_version: SCHEMA_VERSION,
            name: String::new(),
            accounts: Vec::new(),
            stakeholders: Vec::new(),
            orders: Vec::new(),
            credit_assessments: Vec::new(),
            frameworks: Vec::new(),
            settings: Settings::default(),
            column_mappings: BTreeMap::new(),
        }
    }
}

/// A workspace file that cannot be read.
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("the workspace file is not valid: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the workspace was saved by a newer version (format {found}, this app reads up to {SCHEMA_VERSION}); update the app")]
    NewerVersion { found: u32 },
}

impl Workspace {
    /// Reads a saved workspace, refusing one written by a newer format.
    pub fn from_json(text: &str) -> Result<Workspace, ModelError> {
        let ws: Workspace = serde_json::from_str(text)?;
        if ws.schema_version > SCHEMA_VERSION {
            return Err(ModelError::NewerVersion {
                found: ws.schema_version,
            });
        }
        Ok(ws)
    }

    /// Whether the workspace holds nothing of the user's yet: no name, no record, no edited
    /// framework, no remembered mapping and the default settings. Filling a blank workspace
    /// (with the demo, say) loses nothing; a named one was made on purpose and is kept.
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && self.accounts.is_empty()
            && self.stakeholders.is_empty()
            && self.orders.is_empty()
            && self.credit_assessments.is_empty()
            && self.frameworks.is_empty()
            && self.column_mappings.is_empty()
            && self.settings == Settings::default()
    }

    /// The frameworks in force: the presets, each replaced by an edited copy with its id,
    /// followed by the user's own frameworks; the deal-volume thresholds of the settings are
    /// applied to the credit rating.
    pub fn frameworks_in_force(&self) -> Vec<Framework> {
        let mut out: Vec<Framework> = presets::all()
            .into_iter()
            .map(|p| {
                self.frameworks
                    .iter()
                    .find(|f| f.id == p.id)
                    .cloned()
                    .unwrap_or(p)
            })
            .collect();
        for f in &self.frameworks {
            if !out.iter().any(|o| o.id == f.id) {
                out.push(f.clone());
            }
        }
        if let Some(cuts) = self.settings.deal_volume_thresholds {
            apply_deal_volume_thresholds(&mut out, cuts);
        }
        out
    }
}

/// Lets the credit rating pick the deal-volume level from annual sales when no level is
/// entered; the thresholds are a workspace setting because they depend on the business size.
fn apply_deal_volume_thresholds(frameworks: &mut [Framework], cuts: [f64; 2]) {
    let dims = frameworks
        .iter_mut()
        .filter(|f| f.id == presets::CREDIT)
        .flat_map(|f| f.dimensions.iter_mut())
        .filter(|d| d.id == "deal_volume");
    for d in dims {
        if let Rule::Levels { by_measure, .. } = &mut d.rule {
            *by_measure = Some(LevelsByMeasure {
                input: keys::ANNUAL_SALES.into(),
                cuts: cuts.to_vec(),
            });
        }
    }
}
