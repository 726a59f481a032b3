//! An account's or a stakeholder's raw inputs: a small list kept in key order, whose keys are
//! shared.
//!
//! A 100k-row import holds a dozen inputs on each of its hundred thousand accounts. As a
//! `BTreeMap<String, Input>` that was a dozen key strings and a few tree nodes per account,
//! allocated when the worker converts the rows, again when the page decodes them, and freed
//! one by one on every drop — most of an import's time. Here a key is an [`InputKey`] (one
//! shared copy of the text, cloned by counting) and the inputs of one account are one sorted
//! `Vec`: one allocation, looked up by binary search. Iteration, equality and the serialised
//! form (a map) are those of the ordered map it replaces. Text inputs are shared the same
//! way: a reader hands every row's "高" the same copy through a [`LabelCache`].

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Input;
use crate::fast_hash::FastSet;

/// The key of one input (`"strategic_fit"`, a custom framework's own key …): its text, shared
/// by every account that has it when they were read together.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InputKey(Arc<str>);

impl InputKey {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The shared copy of the key's text.
    pub(crate) fn shared(&self) -> &Arc<str> {
        &self.0
    }
}

impl Deref for InputKey {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for InputKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for InputKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for InputKey {
    fn from(key: &str) -> Self {
        InputKey(key.into())
    }
}

impl From<String> for InputKey {
    fn from(key: String) -> Self {
        InputKey(key.into())
    }
}

impl From<&String> for InputKey {
    fn from(key: &String) -> Self {
        InputKey(key.as_str().into())
    }
}

impl PartialEq<&str> for InputKey {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Display for InputKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for InputKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for InputKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for InputKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(InputKey::from)
    }
}

/// Hands out one shared copy of each label a reader meets, so a column of a hundred thousand
/// "高"/"中"/"低" holds three strings. It remembers at most [`LabelCache::CAPACITY`] labels:
/// a column of free text (names, notes typed into an input) gets a copy per cell, as before,
/// rather than a cache as large as the file.
#[derive(Default)]
pub struct LabelCache(FastSet<Arc<str>>);

impl LabelCache {
    /// The most labels remembered.
    pub const CAPACITY: usize = 256;

    /// The shared copy of `label`.
    pub fn text(&mut self, label: &str) -> Input {
        if let Some(shared) = self.0.get(label) {
            return Input::Text(shared.clone());
        }
        let shared: Arc<str> = label.into();
        if self.0.len() < Self::CAPACITY {
            self.0.insert(shared.clone());
        }
        Input::Text(shared)
    }
}

/// Raw inputs by input key, in key order, each key at most once.
#[derive(Clone, Default, PartialEq)]
pub struct Inputs(Vec<(InputKey, Input)>);

impl Inputs {
    /// No inputs.
    pub fn new() -> Self {
        Inputs(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The input under `key`.
    pub fn get<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> Option<&Input> {
        self.find(key.as_ref()).ok().map(|i| &self.0[i].1)
    }

    /// Whether there is an input under `key`.
    pub fn contains_key<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> bool {
        self.find(key.as_ref()).is_ok()
    }

    /// Sets the input under `key`, returning the one it replaces.
    pub fn insert(&mut self, key: InputKey, value: Input) -> Option<Input> {
        // Inputs are mostly written in key order: check the end before searching.
        match self.0.last() {
            Some((last, _)) if last.as_str() < key.as_str() => {
                self.0.push((key, value));
                None
            }
            None => {
                self.0.push((key, value));
                None
            }
            _ => match self.find(&key) {
                Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
                Err(i) => {
                    self.0.insert(i, (key, value));
                    None
                }
            },
        }
    }

    /// Removes and returns the input under `key`.
    pub fn remove<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> Option<Input> {
        self.find(key.as_ref()).ok().map(|i| self.0.remove(i).1)
    }

    /// Removes every input.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// How many inputs there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The inputs in key order, as stored.
    pub fn as_slice(&self) -> &[(InputKey, Input)] {
        &self.0
    }

    /// The inputs in key order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&InputKey, &Input)> + Clone + '_ {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &InputKey> + Clone + '_ {
        self.0.iter().map(|(k, _)| k)
    }

    /// The inputs in key order, without their keys.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Input> + Clone + '_ {
        self.0.iter().map(|(_, v)| v)
    }

    /// Builds the inputs from pairs already in strictly ascending key order, as a reader that
    /// walks sorted columns has them, without sorting again.
    ///
    /// # Panics
    /// In debug builds, if the keys are not strictly ascending.
    pub fn from_sorted(pairs: Vec<(InputKey, Input)>) -> Self {
        debug_assert!(
            pairs.windows(2).all(|w| w[0].0 < w[1].0),
            "keys out of order"
        );
        Inputs(pairs)
    }
}

impl fmt::Debug for Inputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Into<InputKey>> FromIterator<(K, Input)> for Inputs {
    /// As an ordered map collects: sorted, and of equal keys the last one wins.
    fn from_iter<I: IntoIterator<Item = (K, Input)>>(iter: I) -> Self {
        let mut pairs: Vec<(InputKey, Input)> =
            iter.into_iter().map(|(k, v)| (k.into(), v)).collect();
        // A stable sort keeps equal keys in arrival order; dedup then keeps the last of each.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(InputKey, Input)> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            match out.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => out.push(pair),
            }
        }
        Inputs(out)
    }
}

impl IntoIterator for Inputs {
    type Item = (InputKey, Input);
    type IntoIter = std::vec::IntoIter<(InputKey, Input)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Inputs {
    type Item = (&'a InputKey, &'a Input);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (InputKey, Input)>,
        fn(&'a (InputKey, Input)) -> (&'a InputKey, &'a Input),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for Inputs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k.as_str(), v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Inputs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapOfInputs;
        impl<'de> Visitor<'de> for MapOfInputs {
            type Value = Inputs;
            // The words serde uses for a map, so errors read as they did.
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Inputs, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((k, v)) = map.next_entry::<String, Input>()? {
                    pairs.push((k, v));
                }
                Ok(pairs.into_iter().collect())
            }
        }
        d.deserialize_map(MapOfInputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f64) -> Input {
        Input::Number(v)
    }

    #[test]
    fn keeps_key_order_whatever_the_order_of_insertion() {
        let mut inputs = Inputs::new();
        for (k, v) in [("c", 3.0), ("a", 1.0), ("d", 4.0), ("b", 2.0)] {
            assert_eq!(inputs.insert(k.into(), n(v)), None);
        }
        let keys: Vec<&str> = inputs.keys().map(InputKey::as_str).collect();
        assert_eq!(keys, ["a", "b", "c", "d"]);
        assert_eq!(inputs.insert("b".into(), n(20.0)), Some(n(2.0)));
        assert_eq!(inputs.get("b"), Some(&n(20.0)));
        assert_eq!(inputs.len(), 4);
        assert_eq!(inputs.remove("a"), Some(n(1.0)));
        assert!(!inputs.contains_key("a"));
        assert_eq!(inputs.remove("a"), None);
    }

    #[test]
    fn collects_like_an_ordered_map_the_last_of_equal_keys_winning() {
        let inputs: Inputs = [("b", n(1.0)), ("a", n(2.0)), ("b", n(3.0))]
            .into_iter()
            .collect();
        let pairs: Vec<(&str, &Input)> = inputs.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(pairs, [("a", &n(2.0)), ("b", &n(3.0))]);
    }

    #[test]
    fn serialises_as_a_map_and_reads_back_equal() {
        let inputs: Inputs = [("z", n(1.5)), ("a", Input::Text("高".into()))]
            .into_iter()
            .collect();
        let json = serde_json::to_string(&inputs).expect("writes");
        assert_eq!(json, r#"{"a":"高","z":1.5}"#);
        let back: Inputs = serde_json::from_str(r#"{"z":1.5,"a":"高"}"#).expect("reads");
        assert_eq!(back, inputs);
        let err = serde_json::from_str::<Inputs>("[1]").expect_err("not a map");
        assert!(err.to_string().contains("expected a map"), "{err}");
    }

    #[test]
    fn keys_read_together_share_one_copy() {
        let key = InputKey::from("strategic_fit");
        let a = Inputs::from_sorted(vec![(key.clone(), n(1.0))]);
        let b = Inputs::from_sorted(vec![(key.clone(), n(2.0))]);
        let (ka, kb) = (
            a.keys().next().expect("a key"),
            b.keys().next().expect("a key"),
        );
        assert!(Arc::ptr_eq(&ka.0, &kb.0));
        assert_eq!(a.get(&String::from("strategic_fit")), Some(&n(1.0)));
    }

    #[test]
    fn a_label_read_twice_is_one_copy_until_the_cache_is_full() {
        let shared = |a: &Input, b: &Input| match (a, b) {
            (Input::Text(a), Input::Text(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        let mut cache = LabelCache::default();
        let (first, again) = (cache.text("高"), cache.text("高"));
        assert_eq!(first, Input::Text("高".into()));
        assert!(shared(&first, &again));
        for i in 1..LabelCache::CAPACITY {
            cache.text(&format!("label {i}"));
        }
        let (late, late_again) = (cache.text("one too many"), cache.text("one too many"));
        assert_eq!(late, late_again);
        assert!(
            !shared(&late, &late_again),
            "a full cache keeps no more labels"
        );
        assert!(
            shared(&cache.text("高"), &first),
            "and still shares the ones it has"
        );
    }
}
