//! The draw pool: positions 1..=N, each naming an applicant (ladder copies share one applicant).
//!
//! Storage: the distinct codes once (`Vec<Code>`, 8 bytes per applicant) and, per position, the
//! index of its applicant (`Vec<u32>`, 4 bytes per position): about 60 MB for 3 million
//! applicants holding 9 million positions.

use crate::results::Code;
use std::collections::HashMap;
use thiserror::Error;

/// Why a pool could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PoolError {
    /// The same code was given twice.
    #[error("code {0} appears twice")]
    DuplicateCode(Code),
    /// A weight of zero.
    #[error("code {0} has weight 0")]
    ZeroWeight(Code),
    /// Positions must run 1, 2, 3… without gaps.
    #[error("position {found} where {expected} was expected")]
    PositionGap {
        /// The next position.
        expected: u64,
        /// The position found.
        found: u64,
    },
    /// The pool has no positions.
    #[error("the pool is empty")]
    Empty,
    /// More positions than the generator can draw from (2³¹ − 1).
    #[error("the pool has more than 2147483647 positions")]
    TooLarge,
    /// A weight beyond any ladder (a typing error or a hostile file).
    #[error("code {code} has weight {weight}; no ladder goes beyond {MAX_WEIGHT}")]
    WeightTooLarge {
        /// The code.
        code: Code,
        /// Its weight.
        weight: u32,
    },
}

/// The largest weight a pool entry may have. The 2014 ladder adds one position per 12 draws after
/// 24: a century of bimonthly draws reaches about 50; anything near this bound is an error.
pub const MAX_WEIGHT: u32 = 1_000;

/// A draw pool in the official order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pool {
    codes: Vec<Code>,
    slots: Vec<u32>,
}

impl Pool {
    /// Builds the official pool from (code, ladder weight) pairs in any order: every code sorted
    /// ascending gets positions 1..=n₁, then the codes of weight ≥ 2 (sorted) the next
    /// positions, then weight ≥ 3, and so on (`docs/domain.md` §7).
    pub fn from_entries(entries: &[(Code, u32)]) -> Result<Pool, PoolError> {
        let mut sorted: Vec<(Code, u32)> = entries.to_vec();
        sorted.sort_unstable_by_key(|&(code, _)| code);
        let duplicate = sorted.windows(2).find_map(|w| match w {
            [a, b] if a.0 == b.0 => Some(a.0),
            _ => None,
        });
        if let Some(code) = duplicate {
            return Err(PoolError::DuplicateCode(code));
        }
        if let Some(&(code, _)) = sorted.iter().find(|(_, w)| *w == 0) {
            return Err(PoolError::ZeroWeight(code));
        }
        if let Some(&(code, weight)) = sorted.iter().find(|(_, w)| *w > MAX_WEIGHT) {
            return Err(PoolError::WeightTooLarge { code, weight });
        }
        let total: u64 = sorted.iter().map(|&(_, w)| u64::from(w)).sum();
        if total == 0 {
            return Err(PoolError::Empty);
        }
        if total > i32::MAX as u64 {
            return Err(PoolError::TooLarge);
        }
        // Tier t lists, in code order, every entry of weight ≥ t; each entry leaves the list
        // after its last tier, so the work is proportional to the positions.
        let mut slots = Vec::with_capacity(total as usize);
        let mut tier: Vec<u32> = (0..sorted.len() as u32).collect();
        let mut depth = 1;
        while !tier.is_empty() {
            slots.extend_from_slice(&tier);
            tier.retain(|&i| sorted[i as usize].1 > depth);
            depth += 1;
        }
        Ok(Pool {
            codes: sorted.into_iter().map(|(code, _)| code).collect(),
            slots,
        })
    }

    /// Builds a pool from explicit (position, code) pairs, as in the official verification
    /// package: positions must run 1..=N in order; a repeated code is a ladder copy.
    pub fn from_positions(pairs: impl IntoIterator<Item = (u64, Code)>) -> Result<Pool, PoolError> {
        let mut codes = Vec::new();
        let mut index: HashMap<Code, u32> = HashMap::new();
        let mut slots = Vec::new();
        for (i, (position, code)) in pairs.into_iter().enumerate() {
            let expected = i as u64 + 1;
            if position != expected {
                return Err(PoolError::PositionGap {
                    expected,
                    found: position,
                });
            }
            if expected > i32::MAX as u64 {
                return Err(PoolError::TooLarge);
            }
            let next = codes.len() as u32;
            let applicant = *index.entry(code).or_insert(next);
            if applicant == next {
                codes.push(code);
            }
            slots.push(applicant);
        }
        if slots.is_empty() {
            return Err(PoolError::Empty);
        }
        Ok(Pool { codes, slots })
    }

    /// N: the number of positions.
    pub fn size(&self) -> u32 {
        self.slots.len() as u32
    }

    /// The number of distinct applicants.
    pub fn applicants(&self) -> usize {
        self.codes.len()
    }

    /// Whether `quota` quotas cover every applicant: then everyone wins without a draw.
    /// Undersubscription is decided by applicants, not positions (ladder copies do not count):
    /// `docs/results.md`, "Undersubscribed draws".
    pub fn undersubscribed(&self, quota: u32) -> bool {
        quota as usize >= self.applicants()
    }

    /// N as the published header states it for a draw of `quota`: the positions, or, when
    /// undersubscribed, the applicants (every code allocated once, 摇号基数序号 = 序号).
    pub fn published_size(&self, quota: u32) -> u32 {
        if self.undersubscribed(quota) {
            self.applicants() as u32
        } else {
            self.size()
        }
    }

    /// 有效编码总数 beside 基数序号总数 in a lottery's header: the distinct applicants, given
    /// when ladder copies make the positions outnumber them; `None` otherwise.
    pub fn published_codes(&self, quota: u32) -> Option<u32> {
        let applicants = self.applicants() as u32;
        (!self.undersubscribed(quota) && applicants < self.size()).then_some(applicants)
    }

    /// The applicant index at a 1-based position.
    pub fn applicant_at(&self, position: u32) -> Option<u32> {
        self.slots.get((position as usize).checked_sub(1)?).copied()
    }

    /// The code at a 1-based position.
    pub fn code_at(&self, position: u32) -> Option<Code> {
        self.codes
            .get(self.applicant_at(position)? as usize)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(n: u64) -> Code {
        Code::from_value(n).unwrap()
    }

    #[test]
    fn ladder_tiers_follow_the_official_order() {
        let pool =
            Pool::from_entries(&[(code(30), 3), (code(10), 1), (code(20), 2), (code(40), 3)])
                .unwrap();
        let order: Vec<u64> = (1..=pool.size())
            .map(|p| pool.code_at(p).unwrap().value())
            .collect();
        assert_eq!(order, [10, 20, 30, 40, 20, 30, 40, 30, 40]);
        assert_eq!(pool.applicants(), 4);
        assert_eq!(pool.code_at(0), None);
        assert_eq!(pool.code_at(10), None);
    }

    #[test]
    fn rejects_bad_entries() {
        assert_eq!(
            Pool::from_entries(&[(code(1), 1), (code(1), 2)]),
            Err(PoolError::DuplicateCode(code(1)))
        );
        assert_eq!(
            Pool::from_entries(&[(code(1), 0)]),
            Err(PoolError::ZeroWeight(code(1)))
        );
        assert_eq!(Pool::from_entries(&[]), Err(PoolError::Empty));
    }

    #[test]
    fn a_weight_beyond_any_ladder_is_refused_at_once() {
        // Found by the pool_package fuzz target: one entry of weight 2,000,000,000 among a few
        // dozen made the reader build a pool of two billion positions.
        let entries: Vec<(Code, u32)> = (1..=80)
            .map(|n| (code(n), 1))
            .chain([(code(99), 2_000_000_000)])
            .collect();
        assert_eq!(
            Pool::from_entries(&entries),
            Err(PoolError::WeightTooLarge {
                code: code(99),
                weight: 2_000_000_000
            })
        );
        let deep = Pool::from_entries(&[(code(1), MAX_WEIGHT), (code(2), 1)]).unwrap();
        assert_eq!(deep.size(), MAX_WEIGHT + 1);
        assert_eq!(deep.code_at(3), Some(code(1)));
    }

    #[test]
    fn explicit_positions_share_applicants() {
        let pool = Pool::from_positions([(1, code(5)), (2, code(7)), (3, code(5))]).unwrap();
        assert_eq!((pool.size(), pool.applicants()), (3, 2));
        assert_eq!(pool.applicant_at(3), pool.applicant_at(1));
        assert_eq!(
            Pool::from_positions([(1, code(5)), (3, code(7))]),
            Err(PoolError::PositionGap {
                expected: 2,
                found: 3
            })
        );
    }
}
