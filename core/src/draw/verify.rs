//! Does a published list follow from its header? Replays the official stream and walks the list.
//!
//! - **Header only**: the positions must be an in-order subsequence of `next(N) + 1`. A skipped
//!   number is *explained* when it repeats a position already listed. In pools without ladder
//!   copies (units, NEV) every skip must be explained; in ladder pools a skip may also be a ladder
//!   copy of an earlier winner, which only the pool can tell, so up to [`MAX_LADDER_RUN`]
//!   unexplained skips in a row are tolerated (an honest draw almost never has more than one).
//! - **With the pool**: the draw is re-run and every row must match (position and code).
//! - Undersubscribed lists must list every position in order; queue lists are not lotteries.

use super::pool::Pool;
use super::run::run;
use crate::i18n::Text;
use crate::results::{Code, ListKind, ResultFile, Seed};
use serde::Serialize;

/// Unexplained skips in a row tolerated before a row of a ladder pool, header only.
///
/// A skip is a ladder copy of an earlier winner with probability at most (copies held by the
/// winners so far) / N — about 1 % at the end of the 201506 draw — so 8 in a row has odds
/// below 10⁻¹⁵ in an honest draw, while a changed position would need about N draws.
pub const MAX_LADDER_RUN: u32 = 8;

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every row is what the algorithm gives.
    Verified,
    /// A row (or the header) disagrees with the algorithm.
    Mismatch,
    /// A queue list: nothing to replay.
    NotALottery,
    /// A list without positions checked without a pool: nothing can be proved.
    Unverifiable,
}

/// Why a row disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MismatchReason {
    /// The row's position is not the next number of the stream.
    PositionNotDrawn {
        /// The position the stream gives (the first unexplained number).
        expected: u32,
        /// The position listed.
        found: u32,
    },
    /// With a pool: the listed code is not the code at the drawn position.
    CodeDiffers {
        /// The pool's code.
        expected: Code,
        /// The listed code.
        found: Code,
    },
    /// The position (or, with a pool, the applicant) already won in an earlier row.
    Repeated {
        /// The earlier row.
        first_row: u32,
    },
    /// The position is outside 1..=N.
    OutOfRange {
        /// The position listed.
        position: u32,
    },
    /// The list ends before Q (or N) rows.
    MissingRows {
        /// Rows the header announces.
        expected: u32,
        /// Rows listed.
        found: u32,
    },
    /// The list has more rows than Q (or N).
    ExtraRows {
        /// Rows the header announces.
        expected: u32,
    },
    /// A lottery with Q < N and no seed.
    NoSeed,
    /// The pool's size differs from the header's N (row 0: the header).
    PoolSizeDiffers {
        /// N in the header.
        header: u32,
        /// Positions in the pool.
        pool: u32,
    },
    /// 10·N numbers were drawn without reaching this row.
    StreamExhausted,
}

/// The first row that disagrees (row 0 is the header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// 序号 of the row; 0 for the header.
    pub row: u32,
    /// Why.
    pub reason: MismatchReason,
    /// The explanation for people.
    pub message: Text,
}

/// The result of verifying a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The answer.
    pub verdict: Verdict,
    /// Period number.
    pub period: String,
    /// N.
    pub pool_size: u32,
    /// Q.
    pub quota: u32,
    /// The seed as published.
    pub seed: Option<Seed>,
    /// Rows in the list.
    pub rows: u32,
    /// Numbers taken from the generator.
    pub draws: u64,
    /// Numbers skipped (not a listed row).
    pub skipped: u64,
    /// Skipped numbers explained as repeats (with a pool: as repeats or ladder copies).
    pub explained: u64,
    /// Whether the pool was used.
    pub with_pool: bool,
    /// The first disagreement, if any.
    pub first_mismatch: Option<Mismatch>,
}

/// Verifies `file` against the official algorithm, exactly when `pool` is given.
pub fn verify(file: &ResultFile, pool: Option<&Pool>) -> Verification {
    let h = &file.header;
    let mut v = Verification {
        verdict: Verdict::Verified,
        period: h.period.clone(),
        pool_size: h.pool_size,
        quota: h.quota,
        seed: h.seed.clone(),
        rows: file.rows.len() as u32,
        draws: 0,
        skipped: 0,
        explained: 0,
        with_pool: pool.is_some(),
        first_mismatch: None,
    };
    let outcome = match (file.kind, pool) {
        (ListKind::Queue, _) => {
            v.verdict = Verdict::NotALottery;
            return v;
        }
        (ListKind::Roster, None) => {
            v.verdict = Verdict::Unverifiable;
            return v;
        }
        (_, Some(pool)) => with_pool(file, pool, &mut v),
        (ListKind::Undersubscribed, None) => undersubscribed(file),
        (ListKind::Lottery, None) => header_only(file, &mut v),
    };
    if let Err((row, reason)) = outcome {
        v.verdict = Verdict::Mismatch;
        v.first_mismatch = Some(Mismatch {
            row,
            message: explain(&reason, row),
            reason,
        });
    }
    v
}

type Walk = Result<(), (u32, MismatchReason)>;

/// Checks the row count once the listed rows agreed.
fn count_check(file: &ResultFile) -> Walk {
    let expected = file.expected_rows();
    let found = file.rows.len() as u32;
    match found.cmp(&expected) {
        std::cmp::Ordering::Less => {
            Err((found + 1, MismatchReason::MissingRows { expected, found }))
        }
        std::cmp::Ordering::Greater => Err((expected + 1, MismatchReason::ExtraRows { expected })),
        std::cmp::Ordering::Equal => Ok(()),
    }
}

/// The listed rows that the walk compares: at most the expected count.
fn listed(file: &ResultFile) -> impl Iterator<Item = (u32, &crate::results::Row)> {
    file.rows
        .iter()
        .take(file.expected_rows() as usize)
        .enumerate()
        .map(|(i, r)| (i as u32 + 1, r))
}

fn undersubscribed(file: &ResultFile) -> Walk {
    for (row, r) in listed(file) {
        let found = r.position.unwrap_or(0);
        if found != row {
            return Err((
                row,
                MismatchReason::PositionNotDrawn {
                    expected: row,
                    found,
                },
            ));
        }
    }
    count_check(file)
}

fn header_only(file: &ResultFile, v: &mut Verification) -> Walk {
    let n = file.header.pool_size;
    let seed = file
        .header
        .seed
        .as_ref()
        .ok_or((0, MismatchReason::NoSeed))?;
    let tolerated = if file.header.category.has_ladder() {
        MAX_LADDER_RUN
    } else {
        0
    };
    // listed_at[p] = 1-based row that listed position p, 0 if none yet.
    let mut listed_at = vec![0u32; n as usize + 1];
    let mut rng = super::net_random::NetRandom::new(seed.value());
    let limit = 10 * u64::from(n);
    for (row, r) in listed(file) {
        let found = r.position.unwrap_or(0);
        if found == 0 || found > n {
            return Err((row, MismatchReason::OutOfRange { position: found }));
        }
        if let Some(&first_row) = listed_at.get(found as usize)
            && first_row != 0
        {
            return Err((row, MismatchReason::Repeated { first_row }));
        }
        let mut run_start = None;
        let mut run = 0;
        loop {
            if v.draws >= limit {
                return Err((row, MismatchReason::StreamExhausted));
            }
            let p = rng.next_below(n) + 1;
            v.draws += 1;
            if p == found {
                break;
            }
            v.skipped += 1;
            if listed_at.get(p as usize).is_some_and(|&at| at != 0) {
                v.explained += 1;
                continue;
            }
            let expected = *run_start.get_or_insert(p);
            run += 1;
            if run > tolerated {
                return Err((row, MismatchReason::PositionNotDrawn { expected, found }));
            }
        }
        if let Some(slot) = listed_at.get_mut(found as usize) {
            *slot = row;
        }
    }
    count_check(file)
}

fn with_pool(file: &ResultFile, pool: &Pool, v: &mut Verification) -> Walk {
    let h = &file.header;
    if pool.size() != h.pool_size {
        return Err((
            0,
            MismatchReason::PoolSizeDiffers {
                header: h.pool_size,
                pool: pool.size(),
            },
        ));
    }
    let undersubscribed = h.quota >= h.pool_size;
    let seed = match (&h.seed, undersubscribed) {
        (Some(seed), _) => seed.value(),
        (None, true) => 0,
        (None, false) => return Err((0, MismatchReason::NoSeed)),
    };
    let outcome = run(pool, h.quota, seed)
        .map_err(|_| (v.rows.min(h.quota) + 1, MismatchReason::StreamExhausted))?;
    v.draws = outcome.draws;
    v.skipped = outcome.repeats + outcome.ladder_copies;
    v.explained = v.skipped;
    let mut rows_of_code = std::collections::HashMap::new();
    for ((row, listed), drawn) in listed(file).zip(&outcome.rows) {
        if let Some(found) = listed.position
            && found != drawn.position
        {
            return Err((
                row,
                MismatchReason::PositionNotDrawn {
                    expected: drawn.position,
                    found,
                },
            ));
        }
        if listed.code != drawn.code {
            if let Some(&first_row) = rows_of_code.get(&listed.code) {
                return Err((row, MismatchReason::Repeated { first_row }));
            }
            return Err((
                row,
                MismatchReason::CodeDiffers {
                    expected: drawn.code,
                    found: listed.code,
                },
            ));
        }
        rows_of_code.insert(listed.code, row);
    }
    let drawn = outcome.rows.len() as u32;
    if v.rows > drawn {
        return Err((drawn + 1, MismatchReason::ExtraRows { expected: drawn }));
    }
    count_check(file)
}

/// The explanation of a mismatch, Chinese first.
fn explain(reason: &MismatchReason, row: u32) -> Text {
    use MismatchReason as R;
    match reason {
        R::PositionNotDrawn { expected, found } => Text::new(
            format!("第 {row} 行的摇号基数序号为 {found}，但按种子数重放应为 {expected}"),
            format!("row {row} lists position {found}, but replaying the seed gives {expected}"),
        ),
        R::CodeDiffers { expected, found } => Text::new(
            format!("第 {row} 行的申请编码为 {found}，但申请池中该序号对应 {expected}"),
            format!("row {row} lists code {found}, but the pool has {expected} at that position"),
        ),
        R::Repeated { first_row } => Text::new(
            format!("第 {row} 行重复了第 {first_row} 行的中签"),
            format!("row {row} repeats the winner of row {first_row}"),
        ),
        R::OutOfRange { position } => Text::new(
            format!("第 {row} 行的摇号基数序号 {position} 超出编码总数"),
            format!("row {row}: position {position} is outside the pool"),
        ),
        R::MissingRows { expected, found } => Text::new(
            format!("名单只有 {found} 行，应有 {expected} 行"),
            format!("the list has {found} rows where {expected} are due"),
        ),
        R::ExtraRows { expected } => Text::new(
            format!("名单超过了应有的 {expected} 行"),
            format!("the list has more than the {expected} rows due"),
        ),
        R::NoSeed => Text::new("摇号名单没有种子数", "the lottery list has no seed"),
        R::PoolSizeDiffers { header, pool } => Text::new(
            format!("表头编码总数为 {header}，申请池有 {pool} 个序号"),
            format!("the header says N = {header} but the pool has {pool} positions"),
        ),
        R::StreamExhausted => Text::new(
            format!("重放 10×N 次仍未得到第 {row} 行"),
            format!("10×N draws did not reach row {row}"),
        ),
    }
}
