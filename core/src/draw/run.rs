//! The official draw: replay `next(N)` from the seed, skip repeats and ladder copies of earlier
//! winners, stop after Q winners (`docs/domain.md` §7).

use super::bits::BitSet;
use super::net_random::NetRandom;
use super::pool::Pool;
use crate::results::Code;
use serde::Serialize;
use thiserror::Error;

/// One winner, in draw order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DrawRow {
    /// 序号 (1-based).
    pub seq: u32,
    /// 摇号基数序号: the drawn position (1-based).
    pub position: u32,
    /// 申请编码.
    pub code: Code,
}

/// A finished draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DrawOutcome {
    /// The winners, in draw order.
    pub rows: Vec<DrawRow>,
    /// Numbers taken from the generator (0 when undersubscribed).
    pub draws: u64,
    /// Draws skipped because the position was drawn before.
    pub repeats: u64,
    /// Draws skipped because the position is a ladder copy of an earlier winner.
    pub ladder_copies: u64,
}

/// Why a draw could not finish.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DrawError {
    /// 10·N numbers did not give Q distinct winners.
    #[error("gave up after {draws} draws with {winners} of {quota} winners")]
    GaveUp {
        /// Numbers drawn.
        draws: u64,
        /// Winners found.
        winners: u32,
        /// Winners wanted.
        quota: u32,
    },
}

/// Runs the official draw of `quota` winners over `pool` with `seed`.
///
/// When the quota covers every applicant (see [`Pool::undersubscribed`]) there is no draw: every
/// applicant is allocated once, in position order (ladder copies are skipped), so the winners
/// hold positions 1..=A.
pub fn run(pool: &Pool, quota: u32, seed: i32) -> Result<DrawOutcome, DrawError> {
    let n = pool.size();
    let mut rows = Vec::with_capacity(quota.min(n) as usize);
    let mut won = BitSet::new(pool.applicants());
    let mut push = |rows: &mut Vec<DrawRow>, position: u32| {
        let (Some(applicant), Some(code)) = (pool.applicant_at(position), pool.code_at(position))
        else {
            return false;
        };
        if !won.insert(applicant as usize) {
            return false;
        }
        rows.push(DrawRow {
            seq: rows.len() as u32 + 1,
            position,
            code,
        });
        true
    };
    if pool.undersubscribed(quota) {
        for position in 1..=n {
            push(&mut rows, position);
        }
        return Ok(DrawOutcome {
            rows,
            draws: 0,
            repeats: 0,
            ladder_copies: 0,
        });
    }
    let mut drawn = BitSet::new(n as usize + 1);
    let mut rng = NetRandom::new(seed);
    let (mut draws, mut repeats, mut ladder_copies) = (0u64, 0u64, 0u64);
    let limit = 10 * u64::from(n);
    while (rows.len() as u32) < quota {
        if draws >= limit {
            return Err(DrawError::GaveUp {
                draws,
                winners: rows.len() as u32,
                quota,
            });
        }
        let position = rng.next_below(n) + 1;
        draws += 1;
        if !drawn.insert(position as usize) {
            repeats += 1;
        } else if !push(&mut rows, position) {
            ladder_copies += 1;
        }
    }
    Ok(DrawOutcome {
        rows,
        draws,
        repeats,
        ladder_copies,
    })
}

/// The stream of 1-based positions (`next(N) + 1`) for `seed` over `pool_size ≥ 1` positions,
/// repeats included, produced lazily and without end (`take` what is needed).
pub fn replay(seed: i32, pool_size: u32) -> impl Iterator<Item = u32> {
    let mut rng = NetRandom::new(seed);
    std::iter::repeat_with(move || rng.next_below(pool_size) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_pool(n: u64) -> Pool {
        let entries: Vec<(Code, u32)> = (1..=n)
            .map(|i| (Code::from_value(1_000_000_000_000 + i).unwrap(), 1))
            .collect();
        Pool::from_entries(&entries).unwrap()
    }

    #[test]
    fn the_201506_unit_draw_starts_like_the_published_list() {
        let outcome = run(&unit_pool(84719), 1200, 530670).unwrap();
        let first: Vec<u32> = outcome.rows.iter().take(6).map(|r| r.position).collect();
        assert_eq!(first, [14210, 23309, 61416, 26953, 12162, 76922]);
        assert_eq!(outcome.rows.len(), 1200);
        assert_eq!(outcome.draws, 1200 + outcome.repeats);
        assert_eq!(
            replay(530670, 84719).take(2).collect::<Vec<_>>(),
            [14210, 23309]
        );
    }

    #[test]
    fn ladder_copies_of_winners_are_skipped() {
        // Three applicants, one with weight 3: N = 5, two quotas.
        let a = Code::from_value(1).unwrap();
        let b = Code::from_value(2).unwrap();
        let c = Code::from_value(3).unwrap();
        let pool = Pool::from_entries(&[(a, 1), (b, 3), (c, 1)]).unwrap();
        let copies: u64 = (1..40)
            .map(|seed| {
                let outcome = run(&pool, 2, seed).unwrap();
                let mut codes: Vec<Code> = outcome.rows.iter().map(|r| r.code).collect();
                codes.dedup();
                assert_eq!(codes.len(), 2, "seed {seed}: two distinct winners");
                assert_eq!(outcome.draws, 2 + outcome.repeats + outcome.ladder_copies);
                outcome.ladder_copies
            })
            .sum();
        assert!(copies > 0, "some seed draws a ladder copy of a winner");
        let pool = Pool::from_entries(&[(a, 1), (b, 3)]).unwrap();
        // Three quotas for two applicants: everyone wins without a draw, each once.
        let all = run(&pool, 3, 7).unwrap();
        let rows: Vec<(u32, Code)> = all.rows.iter().map(|r| (r.position, r.code)).collect();
        assert_eq!(rows, [(1, a), (2, b)]);
        assert_eq!(all.draws, 0);
        assert!(pool.undersubscribed(2) && !pool.undersubscribed(1));
        assert_eq!((pool.published_size(2), pool.published_codes(2)), (2, None));
        assert_eq!(
            (pool.published_size(1), pool.published_codes(1)),
            (4, Some(2))
        );
    }

    #[test]
    fn undersubscribed_allocates_every_position_in_order() {
        let outcome = run(&unit_pool(5), 9, 1).unwrap();
        let positions: Vec<u32> = outcome.rows.iter().map(|r| r.position).collect();
        assert_eq!(positions, [1, 2, 3, 4, 5]);
        assert_eq!(outcome.draws, 0);
    }
}
