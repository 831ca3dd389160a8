//! A fixed-size bit set: which positions or applicants a draw has seen.

/// A fixed-size set of small integers.
pub(super) struct BitSet(Vec<u64>);

impl BitSet {
    /// A set able to hold `0..len`.
    pub(super) fn new(len: usize) -> BitSet {
        BitSet(vec![0; len.div_ceil(64)])
    }

    /// Inserts `i`; returns whether it was absent. Out-of-range values count as present.
    pub(super) fn insert(&mut self, i: usize) -> bool {
        match self.0.get_mut(i / 64) {
            Some(word) => {
                let bit = 1u64 << (i % 64);
                let absent = *word & bit == 0;
                *word |= bit;
                absent
            }
            None => false,
        }
    }

    /// Whether `i` is in the set. Out-of-range values count as present.
    pub(super) fn contains(&self, i: usize) -> bool {
        self.0
            .get(i / 64)
            .is_none_or(|word| word & (1u64 << (i % 64)) != 0)
    }
}
