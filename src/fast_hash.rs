//! The hash of the app's own lookup tables: FxHash's mixing, eight bytes at a time.
//!
//! Those tables are keyed by short strings — labels, account ids, a block's repeated strings
//! — that come from the user's own files, not from an attacker, so the standard library's
//! SipHash buys no safety here and costs several times the time of this one.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash's mixing over eight-byte words, then the remaining bytes one by one.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in words.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by short strings.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hash set of short strings.
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;
