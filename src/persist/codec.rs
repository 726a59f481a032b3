//! The compact payload (stored format v2): the workspace's tables written column-wise in
//! blocks of rows, each block self-contained so it can be stored, checksummed and shared
//! between generations as one chunk.
//!
//! Compactness comes from four choices, each measured by the size tests: field names are not
//! repeated per row (a row is an array in a fixed order, trailing defaults dropped); the input
//! keys of a block are listed once and each row's inputs are an array aligned to them; strings
//! repeated within a block (industries, regions, owners, labels such as 高/中/低) are written
//! once in the block's string table and referred to by index; dates are day numbers and
//! integral amounts are written without a fraction. Blocks end where a hash of the account id
//! says so (content-defined boundaries), so inserting or editing one account changes one or
//! two blocks, not every block after it.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use super::{fnv1a64, PersistError};
use crate::framework::Framework;
use crate::model::{
    Account, AccountLevel, CreditAssessment, Input, Inputs, Order, PersonalDetails, Settings,
    Stakeholder, Workspace, SCHEMA_VERSION,
};

/// The tables of a workspace that are stored in blocks, in payload order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Accounts,
    Stakeholders,
    Orders,
    CreditAssessments,
}

impl Table {
    /// Every table, in the order of [`Encoded::blocks`].
    pub const ALL: [Table; 4] = [
        Table::Accounts,
        Table::Stakeholders,
        Table::Orders,
        Table::CreditAssessments,
    ];

    /// The member name of the table in a payload.
    pub fn name(self) -> &'static str {
        match self {
            Table::Accounts => "accounts",
            Table::Stakeholders => "stakeholders",
            Table::Orders => "orders",
            Table::CreditAssessments => "credit_assessments",
        }
    }
}

/// A workspace encoded: its small members as one JSON text, its tables as block texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoded {
    /// Name, settings, frameworks and column mappings (JSON object text).
    pub meta: String,
    /// Block texts per table, in [`Table::ALL`] order.
    pub blocks: [Vec<String>; 4],
}

impl Encoded {
    /// Every text of the payload: the meta first, then the blocks in table order.
    pub fn texts(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.meta).chain(self.blocks.iter().flatten())
    }

    /// The payload with every block inline: the single-document form of stored format v2.
    pub fn to_inline(&self) -> Result<Value, PersistError> {
        let parse = |t: &str| {
            serde_json::from_str::<Value>(t).map_err(|e| PersistError::Malformed(e.to_string()))
        };
        let mut out = serde_json::Map::new();
        out.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
        out.insert("meta".into(), parse(&self.meta)?);
        for (t, blocks) in Table::ALL.iter().zip(&self.blocks) {
            let list = blocks.iter().map(|b| parse(b)).collect::<Result<_, _>>()?;
            out.insert(t.name().into(), Value::Array(list));
        }
        Ok(Value::Object(out))
    }
}

/// Average rows per block: one boundary in this many groups of rows.
const BOUNDARY_EVERY: u64 = 96;
/// A block never holds more rows than this, whatever the hashes say.
const MAX_BLOCK_ROWS: usize = 1024;

/// Encodes a workspace into its meta text and block texts.
pub fn encode(ws: &Workspace) -> Result<Encoded, PersistError> {
    // Exhaustive on purpose: a field added to `Workspace` fails to compile here until someone
    // decides whether it belongs in the meta or in a table, so no field is silently dropped.
    let Workspace {
        schema_version,
        name,
        accounts,
        stakeholders,
        orders,
        credit_assessments,
        frameworks,
        settings,
        column_mappings,
    } = ws;
    let meta = serde_json::to_string(&MetaOut {
        schema_version: *schema_version,
        name,
        settings,
        frameworks,
        column_mappings,
    })
    .map_err(|e| PersistError::Malformed(e.to_string()))?;
    let blocks = [
        split(accounts, |a| &a.id)
            .into_iter()
            .map(encode_accounts)
            .collect::<Result<Vec<_>, _>>()?,
        split(stakeholders, |s| &s.account)
            .into_iter()
            .map(encode_stakeholders)
            .collect::<Result<Vec<_>, _>>()?,
        split(orders, |o| &o.account)
            .into_iter()
            .map(encode_orders)
            .collect::<Result<Vec<_>, _>>()?,
        split(credit_assessments, |c| &c.account)
            .into_iter()
            .map(encode_credit)
            .collect::<Result<Vec<_>, _>>()?,
    ];
    Ok(Encoded { meta, blocks })
}

/// Decodes a payload given its meta and its blocks per table (in [`Table::ALL`] order).
pub fn decode(meta: &Value, blocks: [Vec<&Value>; 4]) -> Result<Workspace, PersistError> {
    let meta: MetaIn = serde_json::from_value(meta.clone())
        .map_err(|e| PersistError::Malformed(format!("workspace settings: {e}")))?;
    if meta.schema_version > SCHEMA_VERSION {
        return Err(PersistError::NewerVersion {
            what: "workspace schema",
            found: u64::from(meta.schema_version),
            supported: u64::from(SCHEMA_VERSION),
            raw: String::new(),
        });
    }
    let [a, s, o, c] = blocks;
    let mut ws = Workspace {
        schema_version: meta.schema_version,
        name: meta.name,
        frameworks: meta.frameworks,
        settings: meta.settings,
        column_mappings: meta.column_mappings,
        ..Workspace::default()
    };
    for (i, b) in a.into_iter().enumerate() {
        decode_accounts(&read_block(b, Table::Accounts, i)?, i, &mut ws.accounts)?;
    }
    for (i, b) in s.into_iter().enumerate() {
        decode_stakeholders(
            &read_block(b, Table::Stakeholders, i)?,
            i,
            &mut ws.stakeholders,
        )?;
    }
    for (i, b) in o.into_iter().enumerate() {
        decode_orders(&read_block(b, Table::Orders, i)?, i, &mut ws.orders)?;
    }
    for (i, b) in c.into_iter().enumerate() {
        decode_credit(
            &read_block(b, Table::CreditAssessments, i)?,
            i,
            &mut ws.credit_assessments,
        )?;
    }
    Ok(ws)
}

/// Decodes the single-document form of a v2 payload (every block inline).
pub fn decode_inline(payload: &Value) -> Result<Workspace, PersistError> {
    let meta = payload
        .get("meta")
        .ok_or_else(|| PersistError::Malformed("the payload has no meta".into()))?;
    let mut blocks: [Vec<&Value>; 4] = Default::default();
    for (t, out) in Table::ALL.iter().zip(blocks.iter_mut()) {
        match payload.get(t.name()) {
            None => {}
            Some(Value::Array(list)) => out.extend(list.iter()),
            Some(_) => {
                return Err(PersistError::Malformed(format!(
                    "{} is not a list",
                    t.name()
                )))
            }
        }
    }
    decode(meta, blocks)
}

#[derive(Serialize)]
struct MetaOut<'a> {
    schema_version: u32,
    name: &'a str,
    settings: &'a Settings,
    frameworks: &'a [Framework],
    column_mappings: &'a BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct MetaIn {
    schema_version: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    frameworks: Vec<Framework>,
    #[serde(default)]
    column_mappings: BTreeMap<String, Value>,
}

/// One block as stored.
#[derive(Default, Serialize, Deserialize)]
struct Block {
    /// Account ids the rows refer to, by position (stakeholders, orders, assessments).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    refs: Vec<String>,
    /// Input keys with their column kind: `n` numbers, `s` labels, `m` mixed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    keys: Vec<(String, String)>,
    /// Strings repeated in the block; an integer in a string slot is an index here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    strs: Vec<String>,
    /// Attribute names (accounts' extra imported columns), for rows' attribute arrays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    attrs: Vec<String>,
    rows: Vec<Vec<Value>>,
}

fn read_block(v: &Value, t: Table, i: usize) -> Result<Block, PersistError> {
    Block::deserialize(v)
        .map_err(|e| PersistError::Malformed(format!("{} block {i}: {e}", t.name())))
}

fn to_text(b: &Block) -> Result<String, PersistError> {
    serde_json::to_string(b).map_err(|e| PersistError::Malformed(e.to_string()))
}

/// Cuts rows into blocks after a group (rows sharing a key) whose key hash says so.
fn split<T>(rows: &[T], key: impl Fn(&T) -> &str) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..rows.len() {
        let last = i + 1 == rows.len();
        let group_ends = last || key(&rows[i]) != key(&rows[i + 1]);
        let cut = last
            || i + 1 - start >= MAX_BLOCK_ROWS
            || (group_ends && fnv1a64(key(&rows[i])).is_multiple_of(BOUNDARY_EVERY));
        if cut {
            out.push(&rows[start..=i]);
            start = i + 1;
        }
    }
    out
}

/// The kind of an input column within a block.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Numbers,
    Labels,
    Mixed,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Kind::Numbers => "n",
            Kind::Labels => "s",
            Kind::Mixed => "m",
        }
    }
}

/// Everything a block writer needs: input columns, the string table and the account refs.
struct Writer<'a> {
    columns: Vec<(&'a str, Kind)>,
    position: HashMap<&'a str, usize>,
    strings: HashMap<&'a str, usize>,
    strs: Vec<&'a str>,
    refs: Vec<&'a str>,
    ref_position: HashMap<&'a str, usize>,
    attrs: Vec<&'a str>,
    attr_position: HashMap<&'a str, usize>,
}

impl<'a> Writer<'a> {
    /// Plans a block: `inputs` are the rows' input maps, `strings` every string slot value
    /// (text inputs are added here for label columns), `refs` the account ids referred to.
    fn new(
        inputs: impl Iterator<Item = &'a Inputs> + Clone,
        strings: impl Iterator<Item = &'a str>,
        refs: impl Iterator<Item = &'a str>,
        attributes: impl Iterator<Item = &'a BTreeMap<String, String>> + Clone,
    ) -> Self {
        let attrs: Vec<&'a str> = attributes
            .clone()
            .flat_map(|m| m.keys().map(String::as_str))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let strings = strings.chain(attributes.flat_map(|m| m.values().map(String::as_str)));
        let mut kinds: BTreeMap<&'a str, Kind> = BTreeMap::new();
        for map in inputs.clone() {
            for (k, v) in map {
                let kind = match v {
                    Input::Number(_) => Kind::Numbers,
                    Input::Text(_) => Kind::Labels,
                };
                kinds
                    .entry(k.as_str())
                    .and_modify(|e| {
                        if *e != kind {
                            *e = Kind::Mixed;
                        }
                    })
                    .or_insert(kind);
            }
        }
        let labels = inputs.flat_map(|m| m.iter()).filter_map(|(k, v)| match v {
            Input::Text(t) if kinds.get(k.as_str()) == Some(&Kind::Labels) => Some(t.as_str()),
            _ => None,
        });
        let mut counts: HashMap<&'a str, (usize, usize)> = HashMap::new();
        for (seen, s) in strings.chain(labels).enumerate() {
            if !s.is_empty() {
                counts.entry(s).or_insert((0, seen)).0 += 1;
            }
        }
        let mut repeated: Vec<(&'a str, (usize, usize))> =
            counts.into_iter().filter(|(_, (n, _))| *n >= 2).collect();
        // Most frequent first, so the commonest strings get one-digit indices; ties by first
        // appearance so the same rows always give the same block text (and chunk name).
        repeated.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
        let strs: Vec<&'a str> = repeated.into_iter().map(|(s, _)| s).collect();
        let mut ref_list = Vec::new();
        let mut ref_position = HashMap::new();
        for r in refs {
            ref_position.entry(r).or_insert_with(|| {
                ref_list.push(r);
                ref_list.len() - 1
            });
        }
        let columns: Vec<(&'a str, Kind)> = kinds.into_iter().collect();
        Writer {
            position: columns
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (*k, i))
                .collect(),
            columns,
            strings: strs.iter().enumerate().map(|(i, s)| (*s, i)).collect(),
            strs,
            refs: ref_list,
            ref_position,
            attr_position: attrs.iter().enumerate().map(|(i, k)| (*k, i)).collect(),
            attrs,
        }
    }

    fn string(&self, s: &str) -> Value {
        match self.strings.get(s) {
            Some(i) => Value::from(*i),
            None => Value::from(s),
        }
    }

    fn account_ref(&self, id: &str) -> Value {
        Value::from(self.ref_position.get(id).copied().unwrap_or_default())
    }

    fn inputs(&self, map: &Inputs, what: &dyn Fn(&str) -> String) -> Result<Value, PersistError> {
        let mut row = vec![Value::Null; self.columns.len()];
        for (k, v) in map {
            let Some(&i) = self.position.get(k.as_str()) else {
                continue;
            };
            row[i] = match (self.columns[i].1, v) {
                (_, Input::Number(n)) => number(*n, || what(k))?,
                (Kind::Labels, Input::Text(t)) => self.string(t),
                (_, Input::Text(t)) => Value::from(t.as_str()),
            };
        }
        while row.last() == Some(&Value::Null) {
            row.pop();
        }
        Ok(Value::Array(row))
    }

    fn attributes(&self, map: &BTreeMap<String, String>) -> Value {
        let mut row = vec![Value::Null; self.attrs.len()];
        for (k, v) in map {
            if let Some(&i) = self.attr_position.get(k.as_str()) {
                row[i] = self.string(v);
            }
        }
        while row.last() == Some(&Value::Null) {
            row.pop();
        }
        Value::Array(row)
    }

    fn finish(self, rows: Vec<Vec<Value>>) -> Result<String, PersistError> {
        to_text(&Block {
            refs: self.refs.iter().map(|s| s.to_string()).collect(),
            keys: self
                .columns
                .iter()
                .map(|(k, kind)| (k.to_string(), kind.tag().to_string()))
                .collect(),
            strs: self.strs.iter().map(|s| s.to_string()).collect(),
            attrs: self.attrs.iter().map(|s| s.to_string()).collect(),
            rows,
        })
    }
}

/// A number as JSON: integral values without a fraction (exact below 2^53), others as the
/// shortest text that reads back to the same `f64`.
fn number(v: f64, what: impl FnOnce() -> String) -> Result<Value, PersistError> {
    if !v.is_finite() {
        return Err(PersistError::NotFinite(what()));
    }
    if v.fract() == 0.0 && v.abs() < 9.0e15 && !(v == 0.0 && v.is_sign_negative()) {
        return Ok(Value::from(v as i64));
    }
    Number::from_f64(v)
        .map(Value::Number)
        .ok_or_else(|| PersistError::NotFinite(what()))
}

fn epoch() -> NaiveDate {
    NaiveDate::default()
}

fn day_number(d: NaiveDate) -> Value {
    Value::from((d - epoch()).num_days())
}

/// What a trailing slot holds by default; trailing defaults are not written.
#[derive(Clone, Copy)]
enum Slot {
    Required,
    Text,
    Zero,
    List,
}

fn trim(row: &mut Vec<Value>, slots: &[Slot]) {
    while let Some(last) = row.last() {
        let default = match slots.get(row.len() - 1) {
            Some(Slot::Text) => last.as_str() == Some(""),
            Some(Slot::Zero) => last.as_i64() == Some(0),
            Some(Slot::List) => last.as_array().is_some_and(Vec::is_empty),
            _ => false,
        };
        if !default {
            break;
        }
        row.pop();
    }
}

const ACCOUNT_SLOTS: [Slot; 9] = [
    Slot::Required,
    Slot::Required,
    Slot::Text,
    Slot::Text,
    Slot::Text,
    Slot::Zero,
    Slot::List,
    Slot::Text,
    Slot::List,
];

fn encode_accounts(rows: &[Account]) -> Result<String, PersistError> {
    let w = Writer::new(
        rows.iter().map(|a| &a.inputs),
        rows.iter().flat_map(|a| {
            [&a.id, &a.name, &a.industry, &a.region, &a.owner, &a.notes].map(String::as_str)
        }),
        std::iter::empty(),
        rows.iter().map(|a| &a.attributes),
    );
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let level = match a.level {
            None => 0,
            Some(AccountLevel::Company) => 1,
            Some(AccountLevel::Regional) => 2,
        };
        let what = |k: &str| format!("account {:?} input {k:?}", a.id);
        let mut row = vec![
            w.string(&a.id),
            w.string(&a.name),
            w.string(&a.industry),
            w.string(&a.region),
            w.string(&a.owner),
            Value::from(level),
            w.inputs(&a.inputs, &what)?,
            w.string(&a.notes),
            w.attributes(&a.attributes),
        ];
        trim(&mut row, &ACCOUNT_SLOTS);
        out.push(row);
    }
    w.finish(out)
}

const STAKEHOLDER_SLOTS: [Slot; 11] = [
    Slot::Required,
    Slot::Text,
    Slot::Text,
    Slot::List,
    Slot::Text,
    Slot::Text,
    Slot::Text,
    Slot::Text,
    Slot::Text,
    Slot::Text,
    Slot::Text,
];

fn personal_fields(p: &PersonalDetails) -> [&String; 7] {
    [
        &p.gender,
        &p.phone,
        &p.email,
        &p.address,
        &p.background,
        &p.hobbies,
        &p.family,
    ]
}

fn encode_stakeholders(rows: &[Stakeholder]) -> Result<String, PersistError> {
    let w = Writer::new(
        rows.iter().map(|s| &s.inputs),
        rows.iter().flat_map(|s| {
            [&s.journey_point, &s.name]
                .into_iter()
                .chain(personal_fields(&s.personal))
                .map(String::as_str)
        }),
        rows.iter().map(|s| s.account.as_str()),
        std::iter::empty(),
    );
    let mut out = Vec::with_capacity(rows.len());
    for s in rows {
        let what = |k: &str| {
            format!(
                "stakeholder {:?} of account {:?} input {k:?}",
                s.name, s.account
            )
        };
        let mut row = vec![
            w.account_ref(&s.account),
            w.string(&s.journey_point),
            w.string(&s.name),
            w.inputs(&s.inputs, &what)?,
        ];
        row.extend(personal_fields(&s.personal).map(|f| w.string(f)));
        trim(&mut row, &STAKEHOLDER_SLOTS);
        out.push(row);
    }
    w.finish(out)
}

fn encode_orders(rows: &[Order]) -> Result<String, PersistError> {
    let w = Writer::new(
        std::iter::empty::<&Inputs>(),
        std::iter::empty(),
        rows.iter().map(|o| o.account.as_str()),
        std::iter::empty(),
    );
    let out = rows
        .iter()
        .map(|o| {
            let what = || {
                format!(
                    "the amount of an order of account {:?} on {}",
                    o.account, o.date
                )
            };
            Ok(vec![
                w.account_ref(&o.account),
                day_number(o.date),
                number(o.amount, what)?,
            ])
        })
        .collect::<Result<Vec<_>, PersistError>>()?;
    w.finish(out)
}

fn encode_credit(rows: &[CreditAssessment]) -> Result<String, PersistError> {
    let w = Writer::new(
        rows.iter().map(|c| &c.inputs),
        std::iter::empty(),
        rows.iter().map(|c| c.account.as_str()),
        std::iter::empty(),
    );
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let what = |k: &str| {
            format!(
                "credit assessment of {:?} on {} input {k:?}",
                c.account, c.date
            )
        };
        out.push(vec![
            w.account_ref(&c.account),
            day_number(c.date),
            w.inputs(&c.inputs, &what)?,
        ]);
    }
    w.finish(out)
}

/// Reads rows of one block, naming the block and row in every error.
struct Reader<'b> {
    block: &'b Block,
    table: Table,
    index: usize,
    row: usize,
}

impl<'b> Reader<'b> {
    fn bad(&self, what: &str) -> PersistError {
        PersistError::Malformed(format!(
            "{} block {}, row {}: {what}",
            self.table.name(),
            self.index,
            self.row
        ))
    }

    fn cell<'r>(&self, row: &'r [Value], i: usize) -> Option<&'r Value> {
        row.get(i)
    }

    fn string(&self, row: &[Value], i: usize) -> Result<String, PersistError> {
        match self.cell(row, i) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|k| self.block.strs.get(k as usize))
                .cloned()
                .ok_or_else(|| self.bad(&format!("column {i}: no string {n}"))),
            Some(_) => Err(self.bad(&format!("column {i} is not a text"))),
        }
    }

    fn account(&self, row: &[Value]) -> Result<String, PersistError> {
        self.cell(row, 0)
            .and_then(Value::as_u64)
            .and_then(|k| self.block.refs.get(k as usize))
            .cloned()
            .ok_or_else(|| self.bad("no account reference"))
    }

    fn date(&self, row: &[Value], i: usize) -> Result<NaiveDate, PersistError> {
        self.cell(row, i)
            .and_then(Value::as_i64)
            .and_then(|d| epoch().checked_add_signed(TimeDelta::try_days(d)?))
            .ok_or_else(|| self.bad("no valid date"))
    }

    fn number(&self, row: &[Value], i: usize) -> Result<f64, PersistError> {
        self.cell(row, i)
            .and_then(Value::as_f64)
            .ok_or_else(|| self.bad(&format!("column {i} is not a number")))
    }

    fn attributes(
        &self,
        row: &[Value],
        i: usize,
    ) -> Result<BTreeMap<String, String>, PersistError> {
        let mut out = BTreeMap::new();
        let cells = match self.cell(row, i) {
            None => return Ok(out),
            Some(Value::Array(cells)) => cells,
            Some(_) => return Err(self.bad("the attributes are not a list")),
        };
        for (c, cell) in cells.iter().enumerate() {
            if cell.is_null() {
                continue;
            }
            let key = self
                .block
                .attrs
                .get(c)
                .ok_or_else(|| self.bad(&format!("attribute {c} has no name")))?;
            out.insert(key.clone(), self.string(cells, c)?);
        }
        Ok(out)
    }

    fn inputs(&self, row: &[Value], i: usize) -> Result<Inputs, PersistError> {
        let mut out = Inputs::new();
        let cells = match self.cell(row, i) {
            None => return Ok(out),
            Some(Value::Array(cells)) => cells,
            Some(_) => return Err(self.bad("the inputs are not a list")),
        };
        for (c, cell) in cells.iter().enumerate() {
            if cell.is_null() {
                continue;
            }
            let (key, kind) = self
                .block
                .keys
                .get(c)
                .ok_or_else(|| self.bad(&format!("input {c} has no key")))?;
            let value = match (kind.as_str(), cell) {
                ("s", Value::Number(_)) => Input::Text(self.string(cells, c)?),
                (_, Value::Number(n)) => Input::Number(
                    n.as_f64()
                        .ok_or_else(|| self.bad(&format!("input {key:?} is not a number")))?,
                ),
                (_, Value::String(s)) => Input::Text(s.clone()),
                _ => return Err(self.bad(&format!("input {key:?} is neither a number nor a text"))),
            };
            out.insert(key.clone(), value);
        }
        Ok(out)
    }
}

fn rows<'b>(
    block: &'b Block,
    table: Table,
    index: usize,
) -> impl Iterator<Item = (Reader<'b>, &'b [Value])> {
    block.rows.iter().enumerate().map(move |(row, r)| {
        (
            Reader {
                block,
                table,
                index,
                row,
            },
            r.as_slice(),
        )
    })
}

fn decode_accounts(b: &Block, i: usize, out: &mut Vec<Account>) -> Result<(), PersistError> {
    for (r, row) in rows(b, Table::Accounts, i) {
        if row.len() < 2 {
            return Err(r.bad("an account needs an id and a name"));
        }
        let level = match r.cell(row, 5).map(|v| v.as_u64()) {
            None | Some(Some(0)) => None,
            Some(Some(1)) => Some(AccountLevel::Company),
            Some(Some(2)) => Some(AccountLevel::Regional),
            Some(_) => return Err(r.bad("unknown account level")),
        };
        out.push(Account {
            id: r.string(row, 0)?,
            name: r.string(row, 1)?,
            industry: r.string(row, 2)?,
            region: r.string(row, 3)?,
            owner: r.string(row, 4)?,
            level,
            inputs: r.inputs(row, 6)?,
            notes: r.string(row, 7)?,
            attributes: r.attributes(row, 8)?,
        });
    }
    Ok(())
}

fn decode_stakeholders(
    b: &Block,
    i: usize,
    out: &mut Vec<Stakeholder>,
) -> Result<(), PersistError> {
    for (r, row) in rows(b, Table::Stakeholders, i) {
        out.push(Stakeholder {
            account: r.account(row)?,
            journey_point: r.string(row, 1)?,
            name: r.string(row, 2)?,
            inputs: r.inputs(row, 3)?,
            personal: PersonalDetails {
                gender: r.string(row, 4)?,
                phone: r.string(row, 5)?,
                email: r.string(row, 6)?,
                address: r.string(row, 7)?,
                background: r.string(row, 8)?,
                hobbies: r.string(row, 9)?,
                family: r.string(row, 10)?,
            },
        });
    }
    Ok(())
}

fn decode_orders(b: &Block, i: usize, out: &mut Vec<Order>) -> Result<(), PersistError> {
    for (r, row) in rows(b, Table::Orders, i) {
        out.push(Order {
            account: r.account(row)?,
            date: r.date(row, 1)?,
            amount: r.number(row, 2)?,
        });
    }
    Ok(())
}

fn decode_credit(b: &Block, i: usize, out: &mut Vec<CreditAssessment>) -> Result<(), PersistError> {
    for (r, row) in rows(b, Table::CreditAssessments, i) {
        out.push(CreditAssessment {
            account: r.account(row)?,
            date: r.date(row, 1)?,
            inputs: r.inputs(row, 2)?,
        });
    }
    Ok(())
}
