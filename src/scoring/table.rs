//! The input table a [`Portfolio`](super::Portfolio) holds: one column per input key, 8 bytes a
//! cell, each distinct label stored once per column.
//!
//! Scoring a framework reads only the columns of its own dimensions, so the table is stored
//! column-wise: a framework touches a few dense arrays instead of striding through every key
//! of every row. A cell packs a number, a label index or "missing" into one `u64` (NaN boxing),
//! halving the traffic of a tagged enum. Building it walks each row's sorted input map once
//! against the sorted keys, so no key is looked up by string per row; it can be done a slice of
//! rows at a time ([`TableBuilder`]).

use crate::fast_hash::FastMap;
use crate::model::{Input, Inputs};

/// A label cell: a signalling-NaN pattern with the label index in the low 32 bits. A number
/// never has it, because numbers are stored with NaN made canonical (a quiet NaN).
const LABEL: u64 = 0x7FF4_0000_0000_0000;
/// The missing cell: a negative signalling NaN, likewise never a stored number.
const MISSING: u64 = 0xFFF4_0000_0000_0000;

/// One packed cell; [`Packed::get`] unpacks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Packed(u64);

/// An unpacked cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Cell {
    Missing,
    Number(f64),
    /// Index into the column's distinct labels.
    Label(u32),
}

impl Packed {
    const MISSING: Packed = Packed(MISSING);

    fn number(v: f64) -> Packed {
        // Every NaN becomes the canonical quiet NaN so its bits cannot collide with a tag;
        // scoring treats any NaN alike, so nothing is lost.
        let v = if v.is_nan() { f64::NAN } else { v };
        Packed(v.to_bits())
    }

    fn label(index: u32) -> Packed {
        Packed(LABEL | u64::from(index))
    }

    #[inline]
    pub(super) fn get(self) -> Cell {
        if self.0 >> 32 == LABEL >> 32 {
            Cell::Label(self.0 as u32)
        } else if self.0 == MISSING {
            Cell::Missing
        } else {
            Cell::Number(f64::from_bits(self.0))
        }
    }
}

/// Up to this many labels a column's labels are compared directly: a column has a handful of
/// short labels, and comparing a few is cheaper than hashing one.
const SCAN: usize = 16;

/// The lookup of a column's distinct labels, numbered as they first appear; the labels
/// themselves are the table's ([`Table::labels`]), so a table built so far can be read.
#[derive(Clone, Default)]
struct LabelNumbers {
    /// Every label's number, once there are more than [`SCAN`].
    many: FastMap<String, u32>,
}

impl LabelNumbers {
    /// The number of `t` among `list`, the column's labels, which gets it if it is new.
    fn number(&mut self, list: &mut Vec<String>, t: &str) -> u32 {
        if self.many.is_empty() {
            if let Some(i) = list.iter().position(|l| l == t) {
                return i as u32;
            }
            list.push(t.to_string());
            if list.len() > SCAN {
                self.many = list.iter().cloned().zip(0..).collect();
            }
            return list.len() as u32 - 1;
        }
        if let Some(&id) = self.many.get(t) {
            return id;
        }
        let id = list.len() as u32;
        list.push(t.to_string());
        self.many.insert(t.to_string(), id);
        id
    }
}

/// Inputs of many rows by column, each distinct label once.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Table {
    pub(super) keys: Vec<String>,
    pub(super) rows: usize,
    columns: Vec<Vec<Packed>>,
    pub(super) labels: Vec<Vec<String>>,
}

impl Table {
    /// The table of `rows` in one go.
    #[cfg(test)]
    fn build<'a>(keys: &[String], rows: impl ExactSizeIterator<Item = &'a Inputs>) -> Table {
        let mut builder = TableBuilder::new(keys, rows.len());
        builder.add(rows);
        builder.finish()
    }

    /// A column's cells, by row (empty when the column does not exist).
    pub(super) fn column(&self, col: usize) -> &[Packed] {
        self.columns.get(col).map_or(&[], Vec::as_slice)
    }
}

/// A [`Table`] filled a slice of rows at a time, so a page indexing 100k accounts can yield
/// in between; it holds no borrow of the rows between slices. It can also grow as rows
/// arrive ([`TableBuilder::grow`]), its table readable so far ([`TableBuilder::table`]).
pub(super) struct TableBuilder {
    /// The table being filled: its rows are all the rows announced, missing until added.
    table: Table,
    /// The keys in the input maps' own (byte) order, for a binary search by a map's key.
    sorted: Vec<(String, usize)>,
    /// Rows added so far.
    filled: usize,
    numbers: Vec<LabelNumbers>,
}

impl TableBuilder {
    /// A builder for `rows` rows of the columns `keys`.
    pub(super) fn new(keys: &[String], rows: usize) -> TableBuilder {
        let mut sorted: Vec<(String, usize)> = keys.iter().cloned().zip(0..).collect();
        sorted.sort_unstable();
        TableBuilder {
            table: Table {
                keys: keys.to_vec(),
                rows,
                columns: vec![vec![Packed::MISSING; rows]; keys.len()],
                labels: vec![Vec::new(); keys.len()],
            },
            sorted,
            filled: 0,
            numbers: vec![LabelNumbers::default(); keys.len()],
        }
    }

    /// Announces `more` rows beyond those announced so far.
    pub(super) fn grow(&mut self, more: usize) {
        self.table.rows += more;
        for column in &mut self.table.columns {
            column.resize(self.table.rows, Packed::MISSING);
        }
    }

    /// The table so far: the rows added, then the rows announced but not added yet (missing).
    pub(super) fn table(&self) -> &Table {
        &self.table
    }

    /// The rows not added yet.
    pub(super) fn remaining(&self) -> usize {
        self.table.rows - self.filled
    }

    /// The row the next [`TableBuilder::add`] starts at.
    pub(super) fn filled(&self) -> usize {
        self.filled
    }

    /// Adds the next rows (beyond the table's size, they are ignored).
    pub(super) fn add<'a>(&mut self, rows: impl Iterator<Item = &'a Inputs>) {
        // Rows of one file mostly share their keys, so the key at a position is first checked
        // against the previous row's key there; only a different key is searched for.
        // The keys and labels of one import share their text, so both are compared by its
        // address (and length) first, and only then by its bytes. The addresses stay valid
        // while `rows` is borrowed, so they are kept for this call only.
        let mut previous: Vec<(&'a str, Option<usize>)> = Vec::new();
        let mut labels_by_address: Vec<Vec<((usize, usize), u32)>> =
            vec![Vec::new(); self.numbers.len()];
        for inputs in rows.take(self.remaining()) {
            let row = self.filled;
            self.filled += 1;
            for (at, (key, input)) in inputs.iter().enumerate() {
                let col = match previous.get(at) {
                    Some(&(k, c)) if std::ptr::eq(k, key.as_str()) || k == key.as_str() => c,
                    _ => {
                        let c = self
                            .sorted
                            .binary_search_by(|(k, _)| k.as_str().cmp(key.as_str()))
                            .ok()
                            .map(|i| self.sorted[i].1);
                        match previous.get_mut(at) {
                            Some(p) => *p = (key.as_str(), c),
                            None => previous.push((key.as_str(), c)),
                        }
                        c
                    }
                };
                let Some(c) = col else { continue };
                self.table.columns[c][row] = match input {
                    Input::Number(v) => Packed::number(*v),
                    Input::Text(t) => {
                        let address = (t.as_ptr() as usize, t.len());
                        let known = &mut labels_by_address[c];
                        let number = match known.iter().find(|(a, _)| *a == address) {
                            Some(&(_, number)) => number,
                            None => {
                                let number = self.numbers[c].number(&mut self.table.labels[c], t);
                                if known.len() < SCAN {
                                    known.push((address, number));
                                }
                                number
                            }
                        };
                        Packed::label(number)
                    }
                };
            }
        }
    }

    /// The table; rows never added stay missing.
    pub(super) fn finish(self) -> Table {
        self.table
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn packing_round_trips_and_never_confuses_kinds() {
        for v in [0.0, -0.0, 1.5, -3e300, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(Packed::number(v).get(), Cell::Number(v));
        }
        let nan = f64::from_bits(MISSING);
        assert!(matches!(Packed::number(nan).get(), Cell::Number(x) if x.is_nan()));
        let tagged = f64::from_bits(LABEL | 7);
        assert!(matches!(Packed::number(tagged).get(), Cell::Number(x) if x.is_nan()));
        assert_eq!(Packed::label(u32::MAX).get(), Cell::Label(u32::MAX));
        assert_eq!(Packed::MISSING.get(), Cell::Missing);
    }

    #[test]
    fn labels_keep_their_numbers_past_the_scanned_few() {
        let rows: Vec<Inputs> = (0..3 * SCAN)
            .map(|i| {
                let mut r = Inputs::new();
                r.insert(
                    "k".into(),
                    Input::Text(format!("l{}", i % (2 * SCAN)).into()),
                );
                r
            })
            .collect();
        let t = Table::build(&["k".to_string()], rows.iter());
        assert_eq!(t.labels[0].len(), 2 * SCAN);
        for (row, cell) in t.column(0).iter().enumerate() {
            let Cell::Label(i) = cell.get() else {
                panic!("row {row} is not a label")
            };
            assert_eq!(t.labels[0][i as usize], format!("l{}", row % (2 * SCAN)));
        }
    }

    #[test]
    fn shared_and_separate_copies_of_a_label_get_the_number_of_their_text() {
        // Labels shared by address, as one import's are, copies of the same texts made apart,
        // and more distinct labels than are looked up by address.
        let shared: Vec<Arc<str>> = (0..2 * SCAN).map(|i| format!("s{i}").into()).collect();
        let rows: Vec<Inputs> = (0..6 * SCAN)
            .map(|i| {
                let text: Arc<str> = if i % 3 == 0 {
                    format!("s{}", i % (2 * SCAN)).into()
                } else {
                    shared[i % (2 * SCAN)].clone()
                };
                let mut r = Inputs::new();
                r.insert("k".into(), Input::Text(text));
                r
            })
            .collect();
        let t = Table::build(&["k".to_string()], rows.iter());
        assert_eq!(t.labels[0].len(), 2 * SCAN, "{:?}", t.labels[0]);
        for (row, cell) in t.column(0).iter().enumerate() {
            let Cell::Label(i) = cell.get() else {
                panic!("row {row} is not a label")
            };
            assert_eq!(t.labels[0][i as usize], format!("s{}", row % (2 * SCAN)));
        }
    }

    #[test]
    fn build_reads_only_the_keys_asked_for() {
        let mut a = Inputs::new();
        a.insert("b".into(), Input::Text("x".into()));
        a.insert("c".into(), Input::Number(2.0));
        a.insert("zz".into(), Input::Number(9.0));
        let mut b = Inputs::new();
        b.insert("a".into(), Input::Text("y".into()));
        b.insert("b".into(), Input::Text("x".into()));
        let keys = vec!["c".to_string(), "b".to_string(), "q".to_string()];
        let t = Table::build(&keys, [&a, &b].into_iter());
        assert_eq!(t.column(0)[0].get(), Cell::Number(2.0));
        assert_eq!(t.column(0)[1].get(), Cell::Missing);
        assert_eq!(t.column(1)[0].get(), Cell::Label(0));
        assert_eq!(t.column(1)[1].get(), Cell::Label(0));
        assert_eq!(t.labels[1], vec!["x".to_string()]);
        assert!(t.column(2).iter().all(|c| c.get() == Cell::Missing));
        assert!(t.column(3).is_empty());
    }
}
