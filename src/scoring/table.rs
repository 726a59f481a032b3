//! The input table a [`Portfolio`](super::Portfolio) holds: one column per input key, 8 bytes a
//! cell, each distinct label stored once per column.
//!
//! Scoring a framework reads only the columns of its own dimensions, so the table is stored
//! column-wise: a framework touches a few dense arrays instead of striding through every key
//! of every row. A cell packs a number, a label index or "missing" into one `u64` (NaN boxing),
//! halving the traffic of a tagged enum. Building it walks each row's sorted input map once
//! against the sorted keys, so no key is looked up by string per row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// FNV-1a: labels and account ids are short strings, for which it is several times faster
/// than the DoS-resistant default hasher; the keys are the user's own data, not an attacker's.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by short strings.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Up to this many labels a column's labels are compared directly: a column has a handful of
/// short labels, and comparing a few is cheaper than hashing one.
const SCAN: usize = 16;

/// A column's distinct labels, numbered as they first appear.
#[derive(Clone, Default)]
struct Interner<'a> {
    /// The labels, while there are at most [`SCAN`].
    few: Vec<&'a str>,
    /// All the labels, once there are more.
    many: FastMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    /// The label's index, and whether it is new.
    fn add(&mut self, t: &'a str) -> (u32, bool) {
        if self.many.is_empty() {
            if let Some(i) = self.few.iter().position(|l| *l == t) {
                return (i as u32, false);
            }
            self.few.push(t);
            let id = self.few.len() as u32 - 1;
            if self.few.len() > SCAN {
                self.many = self.few.drain(..).zip(0..).collect();
            }
            return (id, true);
        }
        let fresh = self.many.len() as u32;
        let id = *self.many.entry(t).or_insert(fresh);
        (id, id == fresh)
    }
}

/// Inputs of many rows by column, each distinct label once.
#[derive(Clone, Debug, Default)]
pub(super) struct Table {
    pub(super) keys: Vec<String>,
    pub(super) rows: usize,
    columns: Vec<Vec<Packed>>,
    pub(super) labels: Vec<Vec<String>>,
}

impl Table {
    pub(super) fn build<'a>(
        keys: &[String],
        rows: impl ExactSizeIterator<Item = &'a Inputs>,
    ) -> Table {
        let width = keys.len();
        let n = rows.len();
        // Keys in the map's own (byte) order, for a binary search by the map's key.
        let mut sorted: Vec<(&str, usize)> = keys
            .iter()
            .enumerate()
            .map(|(c, k)| (k.as_str(), c))
            .collect();
        sorted.sort_unstable();
        let mut columns = vec![vec![Packed::MISSING; n]; width];
        let mut interned: Vec<Interner<'a>> = vec![Interner::default(); width];
        let mut labels: Vec<Vec<String>> = vec![Vec::new(); width];
        // Rows of one file mostly share their keys, so the key at a position is first checked
        // against the previous row's key there; only a different key is searched for.
        let mut previous: Vec<(&'a str, Option<usize>)> = Vec::new();
        for (row, inputs) in rows.enumerate() {
            for (at, (key, input)) in inputs.iter().enumerate() {
                let col = match previous.get(at) {
                    Some(&(k, c)) if k == key.as_str() => c,
                    _ => {
                        let c = sorted
                            .binary_search_by(|&(k, _)| k.cmp(key.as_str()))
                            .ok()
                            .map(|i| sorted[i].1);
                        match previous.get_mut(at) {
                            Some(p) => *p = (key.as_str(), c),
                            None => previous.push((key.as_str(), c)),
                        }
                        c
                    }
                };
                let Some(c) = col else { continue };
                columns[c][row] = match input {
                    Input::Number(v) => Packed::number(*v),
                    Input::Text(t) => {
                        let (id, new) = interned[c].add(t);
                        if new {
                            labels[c].push(t.clone());
                        }
                        Packed::label(id)
                    }
                };
            }
        }
        Table {
            keys: keys.to_vec(),
            rows: n,
            columns,
            labels,
        }
    }

    /// A column's cells, by row (empty when the column does not exist).
    pub(super) fn column(&self, col: usize) -> &[Packed] {
        self.columns.get(col).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
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
                r.insert("k".into(), Input::Text(format!("l{}", i % (2 * SCAN))));
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
