//! A small deterministic random generator (SplitMix64) for the demo workspace, benchmarks and
//! generated test data: the same numbers on every machine and build, without a random-number
//! crate in the wasm.

/// A seeded generator; the same seed always yields the same sequence.
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Self {
        Seeded(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in [0, `max`).
    pub fn upto(&mut self, max: f64) -> f64 {
        self.unit() * max
    }

    /// A whole number in [0, `bound`); 0 when `bound` is 0.
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        (self.next_u64() % bound as u64) as usize
    }

    /// A whole number in [`low`, `high`); `low` when the range is empty.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        low + self.next_u64() % (high - low)
    }

    /// `true` with the given probability.
    pub fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    /// One of `items`, uniformly; `items` must not be empty.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::Seeded;

    #[test]
    fn the_same_seed_gives_the_same_sequence_and_values_stay_in_range() {
        let (mut a, mut b) = (Seeded::new(7), Seeded::new(7));
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            let unit = a.unit();
            assert!((0.0..1.0).contains(&unit));
            assert!(a.below(6) < 6);
            assert!((10..20).contains(&a.range(10, 20)));
            b.unit();
            b.below(6);
            b.range(10, 20);
        }
        assert_ne!(Seeded::new(1).next_u64(), Seeded::new(2).next_u64());
    }
}
