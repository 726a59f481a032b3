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
//!
//! Speed (100k accounts are saved and loaded in this form): blocks are written straight into
//! their text, byte for byte what serde_json wrote for the same values, and read straight into
//! typed rows whose strings borrow from the JSON text — no `serde_json::Value` tree on either
//! side. Reading a `Value` (an inline payload) goes through the same typed reader, so every
//! error names the same block, row and column either way.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use chrono::{NaiveDate, TimeDelta};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use super::{fnv1a64, PersistError};
use crate::fast_hash::FastMap;
use crate::framework::Framework;
use crate::model::{
    Account, AccountLevel, CreditAssessment, Input, InputKey, Inputs, LabelCache, Order,
    PersonalDetails, Settings, Stakeholder, Workspace, SCHEMA_VERSION,
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

/// The members of a block, in the order a stored chunk writes them.
const MEMBERS: [&str; 5] = ["refs", "keys", "strs", "attrs", "rows"];
/// The same members in the single-document form, whose objects have sorted keys (it was
/// written through a `Value`, whose maps are sorted): attrs, keys, refs, rows, strs.
const INLINE_ORDER: [usize; 5] = [3, 1, 0, 4, 2];

/// Where each member (`"refs":[…]` …, in [`MEMBERS`] order) is in a block's text; an empty
/// range for a member left out.
type Layout = [Range<usize>; 5];

/// A workspace encoded: its small members as one JSON text, its tables as block texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoded {
    /// Name, settings, frameworks and column mappings (JSON object text).
    pub meta: String,
    /// Block texts per table, in [`Table::ALL`] order.
    pub blocks: [Vec<String>; 4],
    /// The members' places in each block text, to write the single-document form.
    layouts: [Vec<Layout>; 4],
}

impl Encoded {
    /// Every text of the payload: the meta first, then the blocks in table order.
    pub fn texts(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.meta).chain(self.blocks.iter().flatten())
    }

    /// The payload with every block inline: the single-document form of stored format v2.
    pub fn to_inline(&self) -> Result<Value, PersistError> {
        serde_json::from_str(&self.inline_text()?)
            .map_err(|e| PersistError::Malformed(e.to_string()))
    }

    /// The JSON text of [`Encoded::to_inline`], byte for byte what serde_json writes for that
    /// value (its maps have sorted keys), written without building it.
    pub fn inline_text(&self) -> Result<String, PersistError> {
        let meta = serde_json::from_str::<Value>(&self.meta)
            .map_err(|e| PersistError::Malformed(e.to_string()))?
            .to_string();
        let size: usize = self.blocks.iter().flatten().map(|b| b.len() + 1).sum();
        let mut out = String::with_capacity(size + meta.len() + 128);
        // Sorted: accounts, credit_assessments, meta, orders, schema_version, stakeholders.
        let table = |out: &mut String, t: Table| {
            let i = t as usize;
            put_str(out, t.name());
            out.push_str(":[");
            for (n, (text, layout)) in self.blocks[i].iter().zip(&self.layouts[i]).enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push('{');
                let mut first = true;
                for m in INLINE_ORDER {
                    if layout[m].is_empty() {
                        continue;
                    }
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&text[layout[m].clone()]);
                }
                out.push('}');
            }
            out.push(']');
        };
        out.push('{');
        table(&mut out, Table::Accounts);
        out.push(',');
        table(&mut out, Table::CreditAssessments);
        out.push_str(",\"meta\":");
        out.push_str(&meta);
        out.push(',');
        table(&mut out, Table::Orders);
        out.push_str(",\"schema_version\":");
        put_u64(&mut out, u64::from(SCHEMA_VERSION));
        out.push(',');
        table(&mut out, Table::Stakeholders);
        out.push('}');
        Ok(out)
    }
}

/// Average rows per block: one boundary in this many groups of rows.
const BOUNDARY_EVERY: u64 = 96;
/// A block never holds more rows than this, whatever the hashes say.
const MAX_BLOCK_ROWS: usize = 1024;

/// Encodes a workspace into its meta text and block texts.
pub fn encode(ws: &Workspace) -> Result<Encoded, PersistError> {
    let mut encoding = Encoding::start(ws)?;
    while encoding.step(ws, usize::MAX)? {}
    Ok(encoding.finish())
}

/// An encoding made a few blocks at a time, so a page saving 100k accounts can paint and
/// answer input between steps: [`Encoding::start`] writes the meta, each [`Encoding::step`]
/// the next blocks, and the result is byte for byte what [`encode`] makes. Every step must be
/// given the workspace the encoding started from, unchanged (the page checks that nothing was
/// edited in between, and starts again if something was).
pub struct Encoding {
    meta: String,
    blocks: [Vec<String>; 4],
    layouts: [Vec<Layout>; 4],
    out: Out,
    /// The table being encoded, in [`Table::ALL`] order (4 once all are done).
    table: usize,
    /// The first row of that table not encoded yet.
    next_row: usize,
}

impl Encoding {
    /// Writes the meta (name, settings, frameworks, mappings); the tables follow in steps.
    pub fn start(ws: &Workspace) -> Result<Encoding, PersistError> {
        // Exhaustive on purpose: a field added to `Workspace` fails to compile here until
        // someone decides whether it belongs in the meta or in a table, so no field is
        // silently dropped.
        let Workspace {
            schema_version,
            name,
            accounts: _,
            stakeholders: _,
            orders: _,
            credit_assessments: _,
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
        Ok(Encoding {
            meta,
            blocks: Default::default(),
            layouts: Default::default(),
            out: Out::default(),
            table: 0,
            next_row: 0,
        })
    }

    /// The meta's JSON text.
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// The block texts of `table` encoded so far.
    pub fn blocks(&self, table: Table) -> &[String] {
        &self.blocks[table as usize]
    }

    /// Encodes whole blocks until at least `rows` rows are written or every table is;
    /// `true` while rows remain.
    pub fn step(&mut self, ws: &Workspace, rows: usize) -> Result<bool, PersistError> {
        let mut written = 0;
        while written < rows && self.table < Table::ALL.len() {
            let ended = match Table::ALL[self.table] {
                Table::Accounts => self.block(&ws.accounts, |a| &a.id, encode_accounts)?,
                Table::Stakeholders => {
                    self.block(&ws.stakeholders, |s| &s.account, encode_stakeholders)?
                }
                Table::Orders => self.block(&ws.orders, |o| &o.account, encode_orders)?,
                Table::CreditAssessments => {
                    self.block(&ws.credit_assessments, |c| &c.account, encode_credit)?
                }
            };
            match ended {
                Some(end) => {
                    written += end - self.next_row;
                    self.next_row = end;
                }
                None => (self.table, self.next_row) = (self.table + 1, 0),
            }
        }
        Ok(self.table < Table::ALL.len())
    }

    /// Encodes the block of `rows` from the next row on and returns where it ends; `None`
    /// when no row of the table is left.
    fn block<T>(
        &mut self,
        rows: &[T],
        key: impl Fn(&T) -> &str,
        encode_rows: fn(&[T], &mut Out) -> Result<String, PersistError>,
    ) -> Result<Option<usize>, PersistError> {
        let start = self.next_row;
        if start >= rows.len() {
            return Ok(None);
        }
        let end = block_end(rows, start, key);
        self.blocks[self.table].push(encode_rows(&rows[start..end], &mut self.out)?);
        self.layouts[self.table].push(self.out.take_layout());
        Ok(Some(end))
    }

    /// The encoded workspace; call once [`Encoding::step`] said no rows remain.
    pub fn finish(self) -> Encoded {
        Encoded {
            meta: self.meta,
            blocks: self.blocks,
            layouts: self.layouts,
        }
    }
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

/// Where the block starting at row `start` ends (exclusive): after a group (rows sharing a
/// key) whose key hash says so, or at [`MAX_BLOCK_ROWS`] rows, or at the last row.
fn block_end<T>(rows: &[T], start: usize, key: impl Fn(&T) -> &str) -> usize {
    for i in start..rows.len() {
        let last = i + 1 == rows.len();
        let group_ends = last || key(&rows[i]) != key(&rows[i + 1]);
        if last
            || i + 1 - start >= MAX_BLOCK_ROWS
            || (group_ends && fnv1a64(key(&rows[i])).is_multiple_of(BOUNDARY_EVERY))
        {
            return i + 1;
        }
    }
    rows.len()
}

// ---------------------------------------------------------------------------------------
// Writing

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

/// The text being written and its scratch space, reused from block to block.
#[derive(Default)]
struct Out {
    text: String,
    layout: Layout,
    /// For numbers with a fraction, which serde_json formats (its shortest round-trip form).
    scratch: Vec<u8>,
}

impl Out {
    fn take_layout(&mut self) -> Layout {
        std::mem::take(&mut self.layout)
    }

    /// Starts member `m` (`"name":`), after a comma unless it is the first.
    fn member(&mut self, m: usize) {
        if self.text.len() > 1 {
            self.text.push(',');
        }
        self.layout[m].start = self.text.len();
        put_str(&mut self.text, MEMBERS[m]);
        self.text.push(':');
    }

    fn end_member(&mut self, m: usize) {
        self.layout[m].end = self.text.len();
    }

    fn f64(&mut self, v: f64) {
        self.scratch.clear();
        // Writing to a Vec cannot fail, and a finite f64 always serialises.
        let _ = serde_json::to_writer(&mut self.scratch, &v);
        self.text
            .push_str(std::str::from_utf8(&self.scratch).unwrap_or("0"));
    }

    /// A number: integral values without a fraction (exact below 2^53), others as the
    /// shortest text that reads back to the same `f64`.
    fn number(&mut self, v: f64, what: impl FnOnce() -> String) -> Result<(), PersistError> {
        if !v.is_finite() {
            return Err(PersistError::NotFinite(what()));
        }
        if v.fract() == 0.0 && v.abs() < 9.0e15 && !(v == 0.0 && v.is_sign_negative()) {
            put_i64(&mut self.text, v as i64);
        } else {
            self.f64(v);
        }
        Ok(())
    }
}

/// A string as serde_json writes it: `"`, `\` and control characters escaped, the short forms
/// for \b \f \n \r \t, `\u00xx` (lowercase) for the others; everything else as it is.
fn put_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `b` is ASCII, so `i` and `i + 1` are character boundaries.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn put_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

fn put_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    put_u64(out, n.unsigned_abs());
}

fn put_list<'s>(out: &mut String, items: impl Iterator<Item = &'s str>) {
    out.push('[');
    for (i, s) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        put_str(out, s);
    }
    out.push(']');
}

/// Whether two short strings are equal, without a call into the C library per comparison
/// (input keys are compared once per row, millions of times for a large workspace).
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (mut wa, mut wb) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in (&mut wa).zip(&mut wb) {
        let (mut p, mut q) = ([0u8; 8], [0u8; 8]);
        p.copy_from_slice(x);
        q.copy_from_slice(y);
        if p != q {
            return false;
        }
    }
    wa.remainder()
        .iter()
        .zip(wb.remainder())
        .all(|(x, y)| x == y)
}

/// Adds the keys of one row's (sorted) map to the block's sorted columns: a merge of two
/// sorted lists, so rows with the same keys cost one comparison per key.
fn merge_columns<'a>(columns: &mut Vec<(&'a str, Kind)>, map: &'a Inputs) {
    let mut c = 0;
    for (k, v) in map {
        let kind = match v {
            Input::Number(_) => Kind::Numbers,
            Input::Text(_) => Kind::Labels,
        };
        loop {
            if c == columns.len() {
                columns.push((k.as_str(), kind));
                break;
            }
            if same(columns[c].0, k) {
                if columns[c].1 != kind {
                    columns[c].1 = Kind::Mixed;
                }
                break;
            }
            if columns[c].0 > k.as_str() {
                columns.insert(c, (k.as_str(), kind));
                break;
            }
            c += 1;
        }
        c += 1;
    }
}

fn merge_names<'a>(names: &mut Vec<&'a str>, map: &'a BTreeMap<String, String>) {
    let mut c = 0;
    for k in map.keys() {
        while c < names.len() && names[c] < k.as_str() {
            c += 1;
        }
        if c == names.len() || names[c] != k.as_str() {
            names.insert(c, k.as_str());
        }
        c += 1;
    }
}

/// Position of each (sorted) key of `keys` in the sorted `names`, which hold them all.
fn positions<'k>(
    names: impl Fn(usize) -> &'k str + 'k,
    keys: impl Iterator<Item = &'k str> + 'k,
) -> impl Iterator<Item = usize> + 'k {
    let mut c = 0;
    keys.map(move |k| {
        while !same(names(c), k) {
            c += 1;
        }
        c
    })
}

/// Everything a block writer needs: input columns, the string table and the account refs.
struct Writer<'a> {
    columns: Vec<(&'a str, Kind)>,
    /// The column of each input of each row, in writing order, and the next one's place.
    input_columns: Vec<usize>,
    next_input: usize,
    strings: FastMap<&'a str, usize>,
    strs: Vec<&'a str>,
    refs: Vec<&'a str>,
    ref_position: FastMap<&'a str, usize>,
    attrs: Vec<&'a str>,
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
        let mut attrs: Vec<&'a str> = Vec::new();
        for m in attributes.clone() {
            merge_names(&mut attrs, m);
        }
        let strings = strings.chain(attributes.flat_map(|m| m.values().map(String::as_str)));
        let mut columns: Vec<(&'a str, Kind)> = Vec::new();
        for map in inputs.clone() {
            merge_columns(&mut columns, map);
        }
        // The column of every input of every row, in order, found once for the labels here
        // and the rows' writing later.
        let mut input_columns = Vec::new();
        for map in inputs.clone() {
            input_columns.extend(positions(
                |c| columns[c].0,
                map.keys().map(InputKey::as_str),
            ));
        }
        let labels = inputs
            .flat_map(|m| m.values())
            .zip(&input_columns)
            .filter_map(|(v, &c)| match v {
                Input::Text(t) if columns[c].1 == Kind::Labels => Some(&**t),
                _ => None,
            });
        let mut counts: FastMap<&'a str, (usize, usize)> =
            FastMap::with_capacity_and_hasher(input_columns.len() + 64, Default::default());
        for (seen, s) in strings.chain(labels).enumerate() {
            if !s.is_empty() {
                counts.entry(s).or_insert((0, seen)).0 += 1;
            }
        }
        let mut repeated: Vec<(&'a str, (usize, usize))> =
            counts.into_iter().filter(|(_, (n, _))| *n >= 2).collect();
        // Most frequent first, so the commonest strings get one-digit indices; ties by first
        // appearance so the same rows always give the same block text (and chunk name).
        repeated.sort_unstable_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
        let strs: Vec<&'a str> = repeated.into_iter().map(|(s, _)| s).collect();
        let mut ref_list = Vec::new();
        let mut ref_position = FastMap::default();
        for r in refs {
            ref_position.entry(r).or_insert_with(|| {
                ref_list.push(r);
                ref_list.len() - 1
            });
        }
        Writer {
            columns,
            input_columns,
            next_input: 0,
            strings: strs.iter().enumerate().map(|(i, s)| (*s, i)).collect(),
            strs,
            refs: ref_list,
            ref_position,
            attrs,
        }
    }

    /// Opens the block and writes the members before `rows`.
    fn start(&self, out: &mut Out) {
        out.text.clear();
        out.layout = Layout::default();
        out.text.push('{');
        if !self.refs.is_empty() {
            out.member(0);
            put_list(&mut out.text, self.refs.iter().copied());
            out.end_member(0);
        }
        if !self.columns.is_empty() {
            out.member(1);
            out.text.push('[');
            for (i, (k, kind)) in self.columns.iter().enumerate() {
                if i > 0 {
                    out.text.push(',');
                }
                out.text.push('[');
                put_str(&mut out.text, k);
                out.text.push(',');
                put_str(&mut out.text, kind.tag());
                out.text.push(']');
            }
            out.text.push(']');
            out.end_member(1);
        }
        if !self.strs.is_empty() {
            out.member(2);
            put_list(&mut out.text, self.strs.iter().copied());
            out.end_member(2);
        }
        if !self.attrs.is_empty() {
            out.member(3);
            put_list(&mut out.text, self.attrs.iter().copied());
            out.end_member(3);
        }
        out.member(4);
        out.text.push('[');
    }

    /// Closes the rows and the block, and returns its text.
    fn finish(&self, out: &mut Out) -> String {
        out.text.push(']');
        out.end_member(4);
        out.text.push('}');
        let mut text = String::with_capacity(out.text.len());
        text.push_str(&out.text);
        text
    }

    /// A text slot: its index in the string table, or the text itself.
    fn string(&self, out: &mut Out, s: &str) {
        match self.strings.get(s) {
            Some(&i) => put_u64(&mut out.text, i as u64),
            None => put_str(&mut out.text, s),
        }
    }

    fn account_ref(&self, out: &mut Out, id: &str) {
        put_u64(
            &mut out.text,
            self.ref_position.get(id).copied().unwrap_or_default() as u64,
        );
    }

    /// A row's inputs aligned to the columns, `null` where absent, trailing nulls left out.
    fn inputs(
        &mut self,
        out: &mut Out,
        map: &Inputs,
        what: &dyn Fn(&str) -> String,
    ) -> Result<(), PersistError> {
        out.text.push('[');
        let mut next = 0;
        let first = self.next_input;
        self.next_input += map.len();
        for ((k, v), &c) in map.iter().zip(&self.input_columns[first..]) {
            for gap in next..c {
                out.text.push_str(if gap > 0 { ",null" } else { "null" });
            }
            if c > 0 {
                out.text.push(',');
            }
            match (self.columns[c].1, v) {
                (_, Input::Number(n)) => out.number(*n, || what(k))?,
                (Kind::Labels, Input::Text(t)) => self.string(out, t),
                (_, Input::Text(t)) => put_str(&mut out.text, t),
            }
            next = c + 1;
        }
        out.text.push(']');
        Ok(())
    }

    fn attributes(&self, out: &mut Out, map: &BTreeMap<String, String>) {
        out.text.push('[');
        let mut next = 0;
        for (v, c) in map
            .values()
            .zip(positions(|c| self.attrs[c], map.keys().map(String::as_str)))
        {
            for gap in next..c {
                out.text.push_str(if gap > 0 { ",null" } else { "null" });
            }
            if c > 0 {
                out.text.push(',');
            }
            self.string(out, v);
            next = c + 1;
        }
        out.text.push(']');
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::default()
}

fn day_number(d: NaiveDate) -> i64 {
    (d - epoch()).num_days()
}

/// Opens row `n` of a block.
fn open_row(out: &mut Out, n: usize) {
    if n > 0 {
        out.text.push(',');
    }
    out.text.push('[');
}

/// Writes row `n` of a block: its cells up to the last one not holding its default (trailing
/// defaults are left out), each written by `cell` given its position.
fn write_row(
    out: &mut Out,
    n: usize,
    defaults: &[bool],
    mut cell: impl FnMut(&mut Out, usize) -> Result<(), PersistError>,
) -> Result<(), PersistError> {
    let cells = defaults.iter().rposition(|d| !d).map_or(0, |i| i + 1);
    open_row(out, n);
    for position in 0..cells {
        if position > 0 {
            out.text.push(',');
        }
        cell(out, position)?;
    }
    out.text.push(']');
    Ok(())
}

fn encode_accounts(rows: &[Account], out: &mut Out) -> Result<String, PersistError> {
    let mut w = Writer::new(
        rows.iter().map(|a| &a.inputs),
        rows.iter().flat_map(|a| {
            [&a.id, &a.name, &a.industry, &a.region, &a.owner, &a.notes].map(String::as_str)
        }),
        std::iter::empty(),
        rows.iter().map(|a| &a.attributes),
    );
    w.start(out);
    for (n, a) in rows.iter().enumerate() {
        let level = match a.level {
            None => 0,
            Some(AccountLevel::Company) => 1,
            Some(AccountLevel::Regional) => 2,
        };
        let what = |k: &str| format!("account {:?} input {k:?}", a.id);
        // Trailing cells holding their default ("", 0, []) are left out; the id and the name
        // always stay. Inputs and attributes write `[]` exactly when their map is empty.
        let defaults = [
            false,
            false,
            a.industry.is_empty(),
            a.region.is_empty(),
            a.owner.is_empty(),
            level == 0,
            a.inputs.is_empty(),
            a.notes.is_empty(),
            a.attributes.is_empty(),
        ];
        write_row(out, n, &defaults, |out, cell| {
            match cell {
                0 => w.string(out, &a.id),
                1 => w.string(out, &a.name),
                2 => w.string(out, &a.industry),
                3 => w.string(out, &a.region),
                4 => w.string(out, &a.owner),
                5 => put_u64(&mut out.text, level),
                6 => w.inputs(out, &a.inputs, &what)?,
                7 => w.string(out, &a.notes),
                _ => w.attributes(out, &a.attributes),
            }
            Ok(())
        })?;
    }
    Ok(w.finish(out))
}

fn encode_stakeholders(rows: &[Stakeholder], out: &mut Out) -> Result<String, PersistError> {
    let mut w = Writer::new(
        rows.iter().map(|s| &s.inputs),
        rows.iter().flat_map(|s| {
            [&s.journey_point, &s.name]
                .into_iter()
                .chain(s.personal.fields())
                .map(String::as_str)
        }),
        rows.iter().map(|s| s.account.as_str()),
        std::iter::empty(),
    );
    w.start(out);
    for (n, s) in rows.iter().enumerate() {
        let what = |k: &str| {
            format!(
                "stakeholder {:?} of account {:?} input {k:?}",
                s.name, s.account
            )
        };
        let personal = s.personal.fields();
        let mut defaults = [false; 11];
        defaults[1] = s.journey_point.is_empty();
        defaults[2] = s.name.is_empty();
        defaults[3] = s.inputs.is_empty();
        for (d, f) in defaults[4..].iter_mut().zip(personal) {
            *d = f.is_empty();
        }
        write_row(out, n, &defaults, |out, cell| {
            match cell {
                0 => w.account_ref(out, &s.account),
                1 => w.string(out, &s.journey_point),
                2 => w.string(out, &s.name),
                3 => w.inputs(out, &s.inputs, &what)?,
                _ => w.string(out, personal[cell - 4]),
            }
            Ok(())
        })?;
    }
    Ok(w.finish(out))
}

fn encode_orders(rows: &[Order], out: &mut Out) -> Result<String, PersistError> {
    let w = Writer::new(
        std::iter::empty::<&Inputs>(),
        std::iter::empty(),
        rows.iter().map(|o| o.account.as_str()),
        std::iter::empty(),
    );
    w.start(out);
    for (n, o) in rows.iter().enumerate() {
        let what = || {
            format!(
                "the amount of an order of account {:?} on {}",
                o.account, o.date
            )
        };
        open_row(out, n);
        w.account_ref(out, &o.account);
        out.text.push(',');
        put_i64(&mut out.text, day_number(o.date));
        out.text.push(',');
        out.number(o.amount, what)?;
        out.text.push(']');
    }
    Ok(w.finish(out))
}

fn encode_credit(rows: &[CreditAssessment], out: &mut Out) -> Result<String, PersistError> {
    let mut w = Writer::new(
        rows.iter().map(|c| &c.inputs),
        std::iter::empty(),
        rows.iter().map(|c| c.account.as_str()),
        std::iter::empty(),
    );
    w.start(out);
    for (n, c) in rows.iter().enumerate() {
        let what = |k: &str| {
            format!(
                "credit assessment of {:?} on {} input {k:?}",
                c.account, c.date
            )
        };
        open_row(out, n);
        w.account_ref(out, &c.account);
        out.text.push(',');
        put_i64(&mut out.text, day_number(c.date));
        out.text.push(',');
        w.inputs(out, &c.inputs, &what)?;
        out.text.push(']');
    }
    Ok(w.finish(out))
}

// ---------------------------------------------------------------------------------------
// Reading

/// A string of a block, borrowed from the JSON text (or `Value`) unless it had escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            // The words serde uses for `String`, so errors read as they always did.
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// One cell of a row, as JSON gave it. Numbers keep serde_json's three kinds, so every
/// check reads as it did on a `serde_json::Number`.
#[derive(Clone)]
enum Cell<'a> {
    Null,
    Pos(u64),
    Neg(i64),
    Float(f64),
    Str(Cow<'a, str>),
    /// A list (inputs, attributes): its cells' range in [`Rows::nested`].
    List(Range<usize>),
    /// Anything else (a bool, an object, a list within a list): never valid where read.
    Other,
}

impl Cell<'_> {
    fn number(&self) -> Option<Number> {
        match *self {
            Cell::Pos(u) => Some(u.into()),
            Cell::Neg(i) => Some(i.into()),
            Cell::Float(f) => Number::from_f64(f),
            _ => None,
        }
    }

    fn as_u64(&self) -> Option<u64> {
        match *self {
            Cell::Pos(u) => Some(u),
            _ => None,
        }
    }

    fn as_i64(&self) -> Option<i64> {
        match *self {
            Cell::Pos(u) => i64::try_from(u).ok(),
            Cell::Neg(i) => Some(i),
            _ => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match *self {
            Cell::Pos(u) => Some(u as f64),
            Cell::Neg(i) => Some(i as f64),
            Cell::Float(f) => Some(f),
            _ => None,
        }
    }
}

/// Reads one cell; `nested` receives a list's cells (lists deeper than that are `Other`).
struct CellSeed<'n, 'a> {
    nested: Option<&'n mut Vec<Cell<'a>>>,
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_, 'de> {
    type Value = Cell<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cell<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed<'_, 'de> {
    type Value = Cell<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Cell<'de>, E> {
        Ok(Cell::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Cell<'de>, E> {
        Ok(Cell::Null)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Cell<'de>, E> {
        Ok(Cell::Other)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell<'de>, E> {
        Ok(Cell::Pos(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell<'de>, E> {
        // serde_json gives non-negative integers as u64; keep that even if a source does not.
        Ok(u64::try_from(v).map_or(Cell::Neg(v), Cell::Pos))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell<'de>, E> {
        Ok(Cell::Float(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Cell<'de>, E> {
        Ok(Cell::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Cell<'de>, E> {
        Ok(Cell::Str(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Cell<'de>, E> {
        Ok(Cell::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cell<'de>, A::Error> {
        let Some(nested) = self.nested else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Cell::Other);
        };
        let start = nested.len();
        while let Some(cell) = seq.next_element_seed(CellSeed { nested: None })? {
            nested.push(cell);
        }
        Ok(Cell::List(start..nested.len()))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Cell<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Cell::Other)
    }
}

/// A block's rows: every row's cells in one list, and their lists' cells in another, so a
/// block of a thousand rows takes a handful of allocations rather than thousands.
#[derive(Default)]
struct Rows<'a> {
    cells: Vec<Cell<'a>>,
    nested: Vec<Cell<'a>>,
    bounds: Vec<Range<usize>>,
}

/// Reads one row (a list) into [`Rows`].
struct RowSeed<'r, 'a>(&'r mut Rows<'a>);

impl<'de> DeserializeSeed<'de> for RowSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_, 'de> {
    type Value = ();
    // The words serde uses for `Vec`, so errors read as they always did.
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let rows = self.0;
        let start = rows.cells.len();
        while let Some(cell) = seq.next_element_seed(CellSeed {
            nested: Some(&mut rows.nested),
        })? {
            rows.cells.push(cell);
        }
        rows.bounds.push(start..rows.cells.len());
        Ok(())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Rows<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Rows<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rows<'de>, A::Error> {
                let mut rows = Rows::default();
                if let Some(n) = seq.size_hint() {
                    rows.bounds.reserve(n);
                }
                while seq.next_element_seed(RowSeed(&mut rows))?.is_some() {}
                Ok(rows)
            }
        }
        d.deserialize_seq(V)
    }
}

/// One block as stored. Named `Block`, with the member types serde saw before it was read
/// this way, so a block of the wrong shape is refused with the same words.
#[derive(Deserialize)]
#[serde(rename = "Block")]
struct Block<'a> {
    /// Account ids the rows refer to, by position (stakeholders, orders, assessments).
    #[serde(default, borrow)]
    refs: Vec<Text<'a>>,
    /// Input keys with their column kind: `n` numbers, `s` labels, `m` mixed.
    #[serde(default, borrow)]
    keys: Vec<(InputKey, Text<'a>)>,
    /// Strings repeated in the block; an integer in a string slot is an index here.
    #[serde(default, borrow)]
    strs: Vec<Text<'a>>,
    /// Attribute names (accounts' extra imported columns), for rows' attribute arrays.
    #[serde(default, borrow)]
    attrs: Vec<Text<'a>>,
    #[serde(borrow)]
    rows: Rows<'a>,
}

/// Where a block comes from: its JSON text (a stored chunk), or an inline `Value`.
#[derive(Clone, Copy)]
pub enum BlockSource<'a> {
    Text(&'a str),
    Value(&'a Value),
}

fn read_block<'a>(src: BlockSource<'a>, t: Table, i: usize) -> Result<Block<'a>, PersistError> {
    let block = match src {
        BlockSource::Text(text) => serde_json::from_str(text),
        BlockSource::Value(v) => Block::deserialize(v),
    };
    block.map_err(|e| PersistError::Malformed(format!("{} block {i}: {e}", t.name())))
}

/// Decodes a payload given its meta and its blocks per table (in [`Table::ALL`] order).
pub fn decode(meta: &Value, blocks: [Vec<&Value>; 4]) -> Result<Workspace, PersistError> {
    decode_sources(
        meta,
        blocks.map(|b| b.into_iter().map(BlockSource::Value).collect()),
    )
}

/// [`decode`] with blocks given as JSON texts or values. A text that is not valid JSON is
/// refused with serde_json's message, which (unlike a `Value`'s) names a line and column:
/// callers that promise the messages of [`decode`] parse such texts into values first.
pub fn decode_sources(
    meta: &Value,
    blocks: [Vec<BlockSource<'_>>; 4],
) -> Result<Workspace, PersistError> {
    let mut read: [Vec<Result<Block, PersistError>>; 4] = Default::default();
    for ((t, list), out) in Table::ALL.iter().zip(blocks).zip(read.iter_mut()) {
        out.extend(
            list.into_iter()
                .enumerate()
                .map(|(i, b)| read_block(b, *t, i)),
        );
    }
    decode_read(meta, read)
}

/// Decodes the meta and the blocks read (or the error of reading each), in table order;
/// the first error met stops it.
fn decode_read(
    meta: &Value,
    blocks: [Vec<Result<Block<'_>, PersistError>>; 4],
) -> Result<Workspace, PersistError> {
    let mut decoding = Decoding::start(meta)?;
    for (t, list) in Table::ALL.into_iter().zip(blocks) {
        for (i, b) in list.into_iter().enumerate() {
            decoding.add_read(t, i, &b?)?;
        }
    }
    Ok(decoding.finish())
}

/// A payload decoded a block at a time as its blocks arrive, in table order: the load reads a
/// large store's chunks one per task, so a 100k-account workspace is decoded in as many small
/// steps. Gives the workspace [`decode_sources`] gives, and the same first error.
pub struct Decoding {
    ws: Workspace,
}

impl Decoding {
    /// Reads the meta (name, settings, frameworks, mappings), refusing a newer schema.
    pub fn start(meta: &Value) -> Result<Decoding, PersistError> {
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
        Ok(Decoding {
            ws: Workspace {
                schema_version: meta.schema_version,
                name: meta.name,
                frameworks: meta.frameworks,
                settings: meta.settings,
                column_mappings: meta.column_mappings,
                ..Workspace::default()
            },
        })
    }

    /// Decodes block `i` of `table`, the next block in table order.
    pub fn add(
        &mut self,
        table: Table,
        i: usize,
        block: BlockSource<'_>,
    ) -> Result<(), PersistError> {
        self.add_read(table, i, &read_block(block, table, i)?)
    }

    fn add_read(&mut self, table: Table, i: usize, b: &Block<'_>) -> Result<(), PersistError> {
        let ws = &mut self.ws;
        match table {
            Table::Accounts => decode_accounts(b, i, &mut ws.accounts),
            Table::Stakeholders => decode_stakeholders(b, i, &mut ws.stakeholders),
            Table::Orders => decode_orders(b, i, &mut ws.orders),
            Table::CreditAssessments => decode_credit(b, i, &mut ws.credit_assessments),
        }
    }

    /// The workspace decoded.
    pub fn finish(self) -> Workspace {
        self.ws
    }
}

/// Decodes the JSON text of a single-document payload as this app writes it, reading its
/// blocks straight from the text. `None` for anything unusual (another shape, a duplicate
/// member, any error): the caller then reads it through [`decode_inline`], whose messages
/// say exactly what is wrong.
pub(crate) fn decode_payload_text(payload: &str) -> Option<Workspace> {
    #[derive(Deserialize)]
    struct Payload<'a> {
        #[serde(borrow)]
        meta: &'a serde_json::value::RawValue,
        #[serde(default, borrow)]
        accounts: Vec<Block<'a>>,
        #[serde(default, borrow)]
        stakeholders: Vec<Block<'a>>,
        #[serde(default, borrow)]
        orders: Vec<Block<'a>>,
        #[serde(default, borrow)]
        credit_assessments: Vec<Block<'a>>,
    }
    // `decode_inline` looks members up by name; a list would read as a struct here.
    if !payload.starts_with('{') {
        return None;
    }
    let p: Payload = serde_json::from_str(payload).ok()?;
    let meta = serde_json::from_str(p.meta.get()).ok()?;
    let blocks = [p.accounts, p.stakeholders, p.orders, p.credit_assessments];
    decode_read(&meta, blocks.map(|list| list.into_iter().map(Ok).collect())).ok()
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

/// Reads rows of one block, naming the block and row in every error.
struct Reader<'b, 'a> {
    block: &'b Block<'a>,
    table: Table,
    index: usize,
    row: usize,
}

impl<'b, 'a> Reader<'b, 'a> {
    fn bad(&self, what: &str) -> PersistError {
        PersistError::Malformed(format!(
            "{} block {}, row {}: {what}",
            self.table.name(),
            self.index,
            self.row
        ))
    }

    fn string(&self, row: &[Cell<'a>], i: usize) -> Result<String, PersistError> {
        self.text(row, i).map(str::to_string)
    }

    /// The string in column `i`, written there or repeated in the block's strings.
    fn text<'r>(&'r self, row: &'r [Cell<'a>], i: usize) -> Result<&'r str, PersistError> {
        match row.get(i) {
            None => Ok(""),
            Some(Cell::Str(s)) => Ok(s),
            Some(Cell::Pos(k)) => self
                .block
                .strs
                .get(*k as usize)
                .map(|s| &*s.0)
                .ok_or_else(|| self.bad(&format!("column {i}: no string {k}"))),
            Some(cell) => match cell.number() {
                Some(n) => Err(self.bad(&format!("column {i}: no string {n}"))),
                None => Err(self.bad(&format!("column {i} is not a text"))),
            },
        }
    }

    fn account(&self, row: &[Cell<'a>]) -> Result<String, PersistError> {
        row.first()
            .and_then(Cell::as_u64)
            .and_then(|k| self.block.refs.get(k as usize))
            .map(|s| s.0.to_string())
            .ok_or_else(|| self.bad("no account reference"))
    }

    fn date(&self, row: &[Cell<'a>], i: usize) -> Result<NaiveDate, PersistError> {
        row.get(i)
            .and_then(Cell::as_i64)
            .and_then(|d| epoch().checked_add_signed(TimeDelta::try_days(d)?))
            .ok_or_else(|| self.bad("no valid date"))
    }

    fn number(&self, row: &[Cell<'a>], i: usize) -> Result<f64, PersistError> {
        row.get(i)
            .and_then(Cell::as_f64)
            .ok_or_else(|| self.bad(&format!("column {i} is not a number")))
    }

    /// The cells of the list in column `i`: `None` when the row stops before it.
    fn list(
        &self,
        row: &[Cell<'a>],
        i: usize,
        not_a_list: &str,
    ) -> Result<Option<&'b [Cell<'a>]>, PersistError> {
        match row.get(i) {
            None => Ok(None),
            Some(Cell::List(r)) => Ok(Some(&self.block.rows.nested[r.clone()])),
            Some(_) => Err(self.bad(not_a_list)),
        }
    }

    fn attributes(
        &self,
        row: &[Cell<'a>],
        i: usize,
    ) -> Result<BTreeMap<String, String>, PersistError> {
        let mut out = BTreeMap::new();
        let Some(cells) = self.list(row, i, "the attributes are not a list")? else {
            return Ok(out);
        };
        for (c, cell) in cells.iter().enumerate() {
            if matches!(cell, Cell::Null) {
                continue;
            }
            let key = self
                .block
                .attrs
                .get(c)
                .ok_or_else(|| self.bad(&format!("attribute {c} has no name")))?;
            out.insert(key.0.to_string(), self.string(cells, c)?);
        }
        Ok(out)
    }

    /// The inputs in column `i`; their labels come from `labels`, shared across rows.
    fn inputs(
        &self,
        row: &[Cell<'a>],
        i: usize,
        labels: &mut LabelCache,
    ) -> Result<Inputs, PersistError> {
        let mut out = Inputs::new();
        let Some(cells) = self.list(row, i, "the inputs are not a list")? else {
            return Ok(out);
        };
        for (c, cell) in cells.iter().enumerate() {
            if matches!(cell, Cell::Null) {
                continue;
            }
            let (key, kind) = self
                .block
                .keys
                .get(c)
                .ok_or_else(|| self.bad(&format!("input {c} has no key")))?;
            let value = match cell {
                Cell::Pos(_) | Cell::Neg(_) | Cell::Float(_) if kind.0 == "s" => {
                    labels.text(self.text(cells, c)?)
                }
                Cell::Pos(_) | Cell::Neg(_) | Cell::Float(_) => {
                    Input::Number(cell.as_f64().ok_or_else(|| {
                        self.bad(&format!("input {:?} is not a number", key.as_str()))
                    })?)
                }
                Cell::Str(s) => labels.text(s),
                _ => {
                    return Err(self.bad(&format!(
                        "input {:?} is neither a number nor a text",
                        key.as_str()
                    )))
                }
            };
            out.insert(key.clone(), value);
        }
        Ok(out)
    }
}

fn rows<'b, 'a>(
    block: &'b Block<'a>,
    table: Table,
    index: usize,
) -> impl Iterator<Item = (Reader<'b, 'a>, &'b [Cell<'a>])> {
    block.rows.bounds.iter().enumerate().map(move |(row, r)| {
        (
            Reader {
                block,
                table,
                index,
                row,
            },
            &block.rows.cells[r.clone()],
        )
    })
}

fn decode_accounts(b: &Block, i: usize, out: &mut Vec<Account>) -> Result<(), PersistError> {
    out.reserve(b.rows.bounds.len());
    let mut labels = LabelCache::default();
    for (r, row) in rows(b, Table::Accounts, i) {
        if row.len() < 2 {
            return Err(r.bad("an account needs an id and a name"));
        }
        let level = match row.get(5).map(Cell::as_u64) {
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
            inputs: r.inputs(row, 6, &mut labels)?,
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
    out.reserve(b.rows.bounds.len());
    let mut labels = LabelCache::default();
    for (r, row) in rows(b, Table::Stakeholders, i) {
        out.push(Stakeholder {
            account: r.account(row)?,
            journey_point: r.string(row, 1)?,
            name: r.string(row, 2)?,
            inputs: r.inputs(row, 3, &mut labels)?,
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
    out.reserve(b.rows.bounds.len());
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
    out.reserve(b.rows.bounds.len());
    let mut labels = LabelCache::default();
    for (r, row) in rows(b, Table::CreditAssessments, i) {
        out.push(CreditAssessment {
            account: r.account(row)?,
            date: r.date(row, 1)?,
            inputs: r.inputs(row, 2, &mut labels)?,
        });
    }
    Ok(())
}
