//! The hash of the app's own lookup tables: FxHash's mixing, eight bytes at a time.
//!
//! Those tables are keyed by short strings — labels, account ids, a block's repeated strings
//! — that come from the user's own files, not from an attacker, so the standard library's
//! SipHash buys no safety here and costs several times the time of this one.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash's mixing over eight-byte words, the last few bytes as one more word.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.add(u64::from_le_bytes(word));
        }
        // The last bytes as one word, with their count in its top byte (never one of them),
        // so "ab" and "ab\0" still differ.
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            word[7] = rest.len() as u8;
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // A product's high bits depend on every input bit, its low bits only on the input's
        // low bits; hashbrown picks the bucket with the low bits. Without this turn, ids that
        // differ only in their last characters ("C000001", "C000002": the high bytes of their
        // word) crowd into a few buckets.
        self.0.rotate_left(26)
    }
}

/// A hash map keyed by short strings.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hash set of short strings.
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, BuildHasherDefault};

    use super::FxHasher;

    fn hash(s: &str) -> u64 {
        BuildHasherDefault::<FxHasher>::default().hash_one(s)
    }

    #[test]
    fn strings_that_differ_only_in_their_last_bytes_or_length_hash_apart() {
        let texts = [
            "",
            "a",
            "ab",
            "ab\0",
            "ab\0\0",
            "abcdefgh",
            "abcdefgh\0",
            "高",
            "中",
            "低",
        ];
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert_ne!(hash(a), hash(b), "{a:?} {b:?}");
            }
        }
    }
}
