//! The records the import worker hands the page, as bytes: [`encode`] in the worker, [`decode`]
//! on the page. Both sides are this same build and the bytes never leave the running app, so
//! the format is made for speed, not for keeping: no field names, no text numbers, no
//! checksum. Strings are a length and their UTF-8 bytes; numbers are their eight bytes; an
//! input key or a text input (高/中/低, repeated on every row) is written once per part and
//! then referred to by its number. Decoding still checks every length, tag and UTF-8 string,
//! so damaged bytes are an error that names where, never a panic or a wrong account.
//!
//! Layout (other counts and lengths are LEB128 varints, dates are days from the Common Era):
//!
//! ```text
//! part        = "KRR1" count:u32×4 account* stakeholder* order* assessment*
//! account     = id name industry region owner level inputs notes count (key value)*
//! stakeholder = account journey_point name inputs gender phone email address background
//!               hobbies family
//! order       = account date amount:f64
//! assessment  = account date inputs
//! inputs      = count (shared-key (0 f64 | 1 shared-text))*
//! shared-…    = number   (a number one past the last known is followed by its string)
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use super::Imported;
use crate::fast_hash::FastMap;
use crate::model::{
    Account, AccountLevel, CreditAssessment, Input, InputKey, Inputs, Order, PersonalDetails,
    Stakeholder,
};

const MAGIC: &[u8; 4] = b"KRR1";
const NUMBER: u8 = 0;
const TEXT: u8 = 1;

/// One part of an import's records, as the worker sends it.
#[derive(Clone, Copy, Default)]
pub struct Records<'a> {
    pub accounts: &'a [Account],
    pub stakeholders: &'a [Stakeholder],
    pub orders: &'a [Order],
    pub assessments: &'a [CreditAssessment],
}

/// Bytes that are not a part [`encode`] wrote: cut short, or changed on the way.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("the import worker's records are damaged at byte {at}: {what}; import the file again")]
pub struct DamagedRecords {
    pub at: usize,
    pub what: &'static str,
}

/// An account's fields as [`PartWriter::account`] writes them, borrowed from an [`Account`] or
/// straight from the row of the table being converted.
pub struct AccountFields<'a> {
    /// Id, name, industry, region and owner.
    pub texts: [&'a str; 5],
    pub level: Option<AccountLevel>,
    /// In key order, each key once.
    pub inputs: &'a [(InputKey, Input)],
    pub notes: &'a str,
    pub attributes: &'a [(&'a str, &'a str)],
}

/// A part written one account at a time, so the conversion writes each row it keeps straight
/// into the bytes without building an [`Account`] first.
pub struct PartWriter {
    w: Writer,
    accounts: u32,
}

impl Default for PartWriter {
    fn default() -> Self {
        let mut w = Writer::default();
        w.out.extend_from_slice(MAGIC);
        w.out.extend_from_slice(&[0; 16]);
        PartWriter { w, accounts: 0 }
    }
}

impl PartWriter {
    /// The accounts written so far.
    pub fn accounts(&self) -> usize {
        self.accounts as usize
    }

    /// Writes one account after those already in the part.
    pub fn account(&mut self, a: AccountFields<'_>) {
        let w = &mut self.w;
        for s in a.texts {
            w.str(s);
        }
        w.out.push(match a.level {
            None => 0,
            Some(AccountLevel::Company) => 1,
            Some(AccountLevel::Regional) => 2,
        });
        w.inputs(a.inputs);
        w.str(a.notes);
        w.count(a.attributes.len());
        for (key, value) in a.attributes {
            w.str(key);
            w.str(value);
        }
        self.accounts += 1;
    }

    /// The bytes of the part written so far, leaving a fresh part to write.
    pub fn take(&mut self) -> Vec<u8> {
        let mut part = std::mem::take(self);
        part.w.set_count(0, part.accounts());
        part.w.out
    }
}

/// The bytes of one part.
pub fn encode(records: Records<'_>) -> Vec<u8> {
    let mut part = PartWriter::default();
    part.w.out.reserve(records.accounts.len() * 160);
    for a in records.accounts {
        let attributes: Vec<(&str, &str)> = a
            .attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        part.account(AccountFields {
            texts: [&a.id, &a.name, &a.industry, &a.region, &a.owner],
            level: a.level,
            inputs: a.inputs.as_slice(),
            notes: &a.notes,
            attributes: &attributes,
        });
    }
    let w = &mut part.w;
    for s in records.stakeholders {
        for text in [&s.account, &s.journey_point, &s.name] {
            w.str(text);
        }
        w.inputs(s.inputs.as_slice());
        for text in s.personal.fields() {
            w.str(text);
        }
    }
    for o in records.orders {
        w.str(&o.account);
        w.date(o.date);
        w.out.extend_from_slice(&o.amount.to_le_bytes());
    }
    for c in records.assessments {
        w.str(&c.account);
        w.date(c.date);
        w.inputs(c.inputs.as_slice());
    }
    w.set_count(1, records.stakeholders.len());
    w.set_count(2, records.orders.len());
    w.set_count(3, records.assessments.len());
    part.take()
}

/// Adds the records of one part to `into`, after those already there. On an error `into` may
/// hold some of the part's records: the page drops the whole import then.
pub fn decode(bytes: &[u8], into: &mut Imported) -> Result<(), DamagedRecords> {
    let mut r = Reader {
        bytes,
        at: 0,
        keys: Vec::new(),
        texts: Vec::new(),
    };
    if r.take(MAGIC.len(), "not a part of the records")? != &MAGIC[..] {
        return Err(r.damaged(0, "not a part of the records"));
    }
    let mut counts = [0; 4];
    for count in &mut counts {
        let start = r.at;
        *count = u32::from_le_bytes(r.array()?) as usize;
        if *count > bytes.len() {
            return Err(r.damaged(start, "a count larger than the part"));
        }
    }
    into.accounts.reserve(counts[0]);
    for _ in 0..counts[0] {
        let [id, name, industry, region, owner] = r.strings()?;
        let level = match r.byte()? {
            0 => None,
            1 => Some(AccountLevel::Company),
            2 => Some(AccountLevel::Regional),
            _ => return Err(r.damaged(r.at - 1, "an unknown account level")),
        };
        let inputs = r.inputs()?;
        let notes = r.string()?;
        let mut attributes = BTreeMap::new();
        for _ in 0..r.count()? {
            attributes.insert(r.string()?, r.string()?);
        }
        into.accounts.push(Account {
            id,
            name,
            industry,
            region,
            owner,
            level,
            inputs,
            notes,
            attributes,
        });
    }
    into.stakeholders.reserve(counts[1]);
    for _ in 0..counts[1] {
        let [account, journey_point, name] = r.strings()?;
        let inputs = r.inputs()?;
        let personal = PersonalDetails::from_fields(r.strings()?);
        into.stakeholders.push(Stakeholder {
            account,
            journey_point,
            name,
            inputs,
            personal,
        });
    }
    into.orders.reserve(counts[2]);
    for _ in 0..counts[2] {
        let account = r.string()?;
        let date = r.date()?;
        let amount = f64::from_le_bytes(r.array()?);
        into.orders.push(Order {
            account,
            date,
            amount,
        });
    }
    into.assessments.reserve(counts[3]);
    for _ in 0..counts[3] {
        let account = r.string()?;
        let date = r.date()?;
        let inputs = r.inputs()?;
        into.assessments.push(CreditAssessment {
            account,
            date,
            inputs,
        });
    }
    if r.at != bytes.len() {
        return Err(r.damaged(r.at, "bytes after the last record"));
    }
    Ok(())
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    keys: SharedTexts,
    texts: SharedTexts,
}

/// The numbers of the texts a part has written once. A converted row's keys and labels are
/// copies of a few shared strings, so a text is looked up first by the address of its shared
/// copy (one word to hash, no bytes to compare), then by its content.
#[derive(Default)]
struct SharedTexts {
    by_address: FastMap<usize, usize>,
    /// Holds the first copy of each text seen, so its address cannot be reused for another
    /// text while the part is written.
    by_content: FastMap<Arc<str>, usize>,
}

impl SharedTexts {
    /// `Ok` with the number of a text already written, `Err` with the next number when `text`
    /// is new (and now known by it).
    fn number(&mut self, text: &Arc<str>) -> Result<usize, usize> {
        let address = Arc::as_ptr(text).cast::<u8>() as usize;
        if let Some(&number) = self.by_address.get(&address) {
            return Ok(number);
        }
        if let Some(&number) = self.by_content.get(text) {
            return Ok(number);
        }
        let number = self.by_content.len();
        self.by_content.insert(text.clone(), number);
        self.by_address.insert(address, number);
        Err(number)
    }
}

impl Writer {
    /// Sets the count of table `table` in the part's header.
    fn set_count(&mut self, table: usize, n: usize) {
        let at = MAGIC.len() + 4 * table;
        // A part holds a few thousand rows; u32 is ample.
        self.out[at..at + 4].copy_from_slice(&(n as u32).to_le_bytes());
    }

    fn count(&mut self, n: usize) {
        self.varint(n as u64);
    }

    fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.out.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.out.push(n as u8);
    }

    fn str(&mut self, s: &str) {
        self.count(s.len());
        self.out.extend_from_slice(s.as_bytes());
    }

    fn date(&mut self, date: NaiveDate) {
        // Zigzag, so dates before the Common Era stay short too.
        let days = date.num_days_from_ce();
        self.varint(u64::from(((days << 1) ^ (days >> 31)) as u32));
    }

    /// A text written once per part, then by its number.
    fn shared(&mut self, table: Shared, text: &Arc<str>) {
        let known = match table {
            Shared::Key => &mut self.keys,
            Shared::Text => &mut self.texts,
        };
        match known.number(text) {
            Ok(number) => self.count(number),
            Err(number) => {
                self.count(number);
                self.str(text);
            }
        }
    }

    fn inputs(&mut self, inputs: &[(InputKey, Input)]) {
        self.count(inputs.len());
        for (key, value) in inputs {
            self.shared(Shared::Key, key.shared());
            match value {
                Input::Number(v) => {
                    self.out.push(NUMBER);
                    self.out.extend_from_slice(&v.to_le_bytes());
                }
                Input::Text(t) => {
                    self.out.push(TEXT);
                    self.shared(Shared::Text, t);
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Shared {
    Key,
    Text,
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    keys: Vec<InputKey>,
    texts: Vec<Arc<str>>,
}

impl<'b> Reader<'b> {
    fn damaged(&self, at: usize, what: &'static str) -> DamagedRecords {
        DamagedRecords { at, what }
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'b [u8], DamagedRecords> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.damaged(self.at, what))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, DamagedRecords> {
        Ok(self.take(1, "cut short")?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DamagedRecords> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N, "cut short")?);
        Ok(array)
    }

    fn varint(&mut self) -> Result<u64, DamagedRecords> {
        let start = self.at;
        let mut n = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(self.damaged(start, "a number too long"))
    }

    /// A count of records or bytes, which can never exceed the bytes left to hold them:
    /// checked here, so a damaged count cannot reserve gigabytes.
    fn count(&mut self) -> Result<usize, DamagedRecords> {
        let start = self.at;
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len() - self.at)
            .ok_or_else(|| self.damaged(start, "a count larger than the part"))
    }

    fn str(&mut self) -> Result<&'b str, DamagedRecords> {
        let len = self.count()?;
        let start = self.at;
        let bytes = self.take(len, "a text cut short")?;
        std::str::from_utf8(bytes).map_err(|_| self.damaged(start, "a text that is not UTF-8"))
    }

    fn string(&mut self) -> Result<String, DamagedRecords> {
        self.str().map(String::from)
    }

    fn strings<const N: usize>(&mut self) -> Result<[String; N], DamagedRecords> {
        let mut out: [String; N] = std::array::from_fn(|_| String::new());
        for s in &mut out {
            *s = self.string()?;
        }
        Ok(out)
    }

    fn date(&mut self) -> Result<NaiveDate, DamagedRecords> {
        let start = self.at;
        let zigzag =
            u32::try_from(self.varint()?).map_err(|_| self.damaged(start, "a bad date"))?;
        let days = (zigzag >> 1) as i32 ^ -((zigzag & 1) as i32);
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| self.damaged(start, "a bad date"))
    }

    fn inputs(&mut self) -> Result<Inputs, DamagedRecords> {
        let n = self.count()?;
        let mut pairs: Vec<(InputKey, Input)> = Vec::with_capacity(n);
        for _ in 0..n {
            let start = self.at;
            let key = self.key()?;
            if pairs.last().is_some_and(|(last, _)| *last >= key) {
                return Err(self.damaged(start, "input keys out of order"));
            }
            let value = match self.byte()? {
                NUMBER => Input::Number(f64::from_le_bytes(self.array()?)),
                TEXT => Input::Text(self.text()?),
                _ => return Err(self.damaged(self.at - 1, "an unknown kind of input")),
            };
            pairs.push((key, value));
        }
        Ok(Inputs::from_sorted(pairs))
    }

    /// The number of a shared text, and the text itself when this is its first use.
    fn shared_number(&mut self, known: usize) -> Result<Option<usize>, DamagedRecords> {
        let start = self.at;
        match self.varint()? {
            n if n < known as u64 => Ok(Some(n as usize)),
            n if n == known as u64 => Ok(None),
            _ => Err(self.damaged(start, "an unknown shared text")),
        }
    }

    fn key(&mut self) -> Result<InputKey, DamagedRecords> {
        match self.shared_number(self.keys.len())? {
            Some(n) => Ok(self.keys[n].clone()),
            None => {
                let key = InputKey::from(self.str()?);
                self.keys.push(key.clone());
                Ok(key)
            }
        }
    }

    fn text(&mut self) -> Result<Arc<str>, DamagedRecords> {
        match self.shared_number(self.texts.len())? {
            Some(n) => Ok(self.texts[n].clone()),
            None => {
                let text: Arc<str> = self.str()?.into();
                self.texts.push(text.clone());
                Ok(text)
            }
        }
    }
}
