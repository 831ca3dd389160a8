//! Does a published list follow from its header? Replays the official stream and walks the list.
//!
//! - **Header only**: the positions must be an in-order subsequence of `next(N) + 1`. A skipped
//!   number is *explained* when it repeats a number drawn before. In pools without ladder copies
//!   (units, NEV) every skip must be explained. In ladder pools a skip may also be a ladder copy
//!   of an earlier winner, which only the pool can tell: such skips are *unattributed*.
//!   Some lists are impossible whatever the pool: a listed position drawn (and passed over)
//!   before, a repeated row, more unattributed skips than the header's ladder copies
//!   (基数序号总数 − 有效编码总数). Those are mismatches. A run of unattributed skips longer than
//!   an honest draw plausibly gives ([`ladder_run_limit`]) is not proof on its own: unless a
//!   later row proves the list impossible, the verdict is [`Verdict::NeedsPool`], which names the
//!   row and the skips that only the pool can attribute. An honest list is never a mismatch.
//! - **With the pool**: the draw is re-run and every row must match (position and code).
//! - Undersubscribed lists must list every position in order; queue lists are not lotteries.

use super::bits::BitSet;
use super::pool::Pool;
use super::run::run;
use crate::i18n::Text;
use crate::results::{Code, ListKind, ResultFile, Seed};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Unattributed skips in a row that an honest draw plausibly gives in a ladder pool whose header
/// does not say how many ladder copies it holds (the real 2014–2016 files).
///
/// A skip is a ladder copy of an earlier winner with probability at most (copies held by the
/// winners so far) / N — about 1 % at the end of the 201506 draw — so 8 in a row has odds
/// below 10⁻¹⁵ in an honest draw, while a changed position would need about N draws.
pub const MAX_LADDER_RUN: u32 = 8;

/// How unlikely a run of unattributed skips must be in an honest draw before it needs the pool.
const IMPLAUSIBLE: f64 = 1e-12;

/// The longest run of unattributed skips accepted from the header alone: [`MAX_LADDER_RUN`]
/// when the header does not give the applicants; otherwise the run whose odds over the whole
/// stream (10·N numbers) stay above [`IMPLAUSIBLE`], with each skip a ladder copy with
/// probability at most C/N (C = N − A ladder copies in the pool). 0 when there are none.
pub fn ladder_run_limit(pool_size: u32, codes: Option<u32>) -> u32 {
    let Some(codes) = codes else {
        return MAX_LADDER_RUN;
    };
    let n = f64::from(pool_size.max(1));
    let share = f64::from(pool_size.saturating_sub(codes)) / n;
    if share <= 0.0 {
        return 0;
    }
    // (C/N)^r · 10N ≤ IMPLAUSIBLE  ⇔  r ≥ ln(IMPLAUSIBLE / 10N) / ln(C/N)
    let r = ((IMPLAUSIBLE / (10.0 * n)).ln() / share.ln()).ceil();
    if r.is_finite() && r < f64::from(u32::MAX) {
        (r as u32).max(MAX_LADDER_RUN)
    } else {
        u32::MAX
    }
}

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Consistent with the stream, but some skips can only be ladder copies of earlier winners,
    /// more in a row than an honest draw plausibly gives: the pool must decide.
    NeedsPool,
}

/// Why a row disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
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
    /// The listed position was drawn earlier in the stream and passed over, so it cannot win.
    DrawnBefore {
        /// The position listed.
        position: u32,
    },
    /// More skips than the pool's ladder copies could explain (基数序号总数 − 有效编码总数).
    TooManySkips {
        /// Ladder copies in the pool.
        ladder_copies: u32,
    },
    /// The pool's applicants differ from the header's 有效编码总数 (row 0: the header).
    CodesDiffer {
        /// 有效编码总数 in the header.
        header: u32,
        /// Distinct codes in the pool.
        pool: u32,
    },
}

/// The first row that disagrees (row 0 is the header). Serialised flat:
/// `{row, reason: "position_not_drawn", expected, found, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// 序号 of the row; 0 for the header.
    pub row: u32,
    /// Why, with its details.
    #[serde(flatten)]
    pub reason: MismatchReason,
    /// The explanation for people.
    pub message: Text,
}

/// Why the header alone cannot decide: the first run of skips that only ladder copies of earlier
/// winners explain, longer than [`ladder_run_limit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undecided {
    /// 序号 of the row the run came before.
    pub row: u32,
    /// The run's length.
    pub run: u32,
    /// The longest run accepted from the header alone.
    pub limit: u32,
    /// What is missing, for people.
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
    /// Skipped numbers that only a ladder copy of an earlier winner explains (header only).
    pub unattributed: u64,
    /// Whether the pool was used.
    pub with_pool: bool,
    /// The first disagreement, if any.
    pub first_mismatch: Option<Mismatch>,
    /// Why the header alone cannot decide ([`Verdict::NeedsPool`]).
    pub needs_pool: Option<Undecided>,
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
        unattributed: 0,
        with_pool: pool.is_some(),
        first_mismatch: None,
        needs_pool: None,
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
        // Q ≥ N allocates every position in order, whether or not a seed is printed.
        (ListKind::Undersubscribed, None) => undersubscribed(file),
        (ListKind::Lottery, None) if h.quota >= h.pool_size => undersubscribed(file),
        (ListKind::Lottery, None) => header_only(file, &mut v),
    };
    if v.needs_pool.is_some() && outcome.is_ok() {
        v.verdict = Verdict::NeedsPool;
    }
    if let Err((row, reason)) = outcome {
        v.needs_pool = None;
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
    let (limit, copies) = if file.header.category.has_ladder() {
        let codes = file.header.codes;
        (
            ladder_run_limit(n, codes),
            codes.map_or(u64::MAX, |c| u64::from(n - c.min(n))),
        )
    } else {
        (0, 0)
    };
    // Positions drawn so far, and the row that listed each listed one.
    let mut drawn = BitSet::new(n as usize + 1);
    let mut listed_at: HashMap<u32, u32> = HashMap::with_capacity(file.rows.len());
    let mut rng = super::net_random::NetRandom::new(seed.value());
    let stream_end = 10 * u64::from(n);
    // The first row after an implausibly long run: where the list departs, if it is impossible.
    let mut suspect: Option<(u32, MismatchReason)> = None;
    let walk = (|| {
        for (row, r) in listed(file) {
            let found = r.position.unwrap_or(0);
            if found == 0 || found > n {
                return Err((row, MismatchReason::OutOfRange { position: found }));
            }
            if let Some(&first_row) = listed_at.get(&found) {
                return Err((row, MismatchReason::Repeated { first_row }));
            }
            if drawn.contains(found as usize) {
                return Err((row, MismatchReason::DrawnBefore { position: found }));
            }
            let mut run_start = None;
            let mut run = 0u32;
            loop {
                if v.draws >= stream_end {
                    return Err((row, MismatchReason::StreamExhausted));
                }
                let p = rng.next_below(n) + 1;
                v.draws += 1;
                if p == found {
                    break;
                }
                v.skipped += 1;
                if !drawn.insert(p as usize) {
                    v.explained += 1;
                    continue;
                }
                v.unattributed += 1;
                let expected = *run_start.get_or_insert(p);
                let not_drawn = MismatchReason::PositionNotDrawn { expected, found };
                // Without ladder copies, or before any winner, a skip can only be a repeat.
                if limit == 0 || row == 1 {
                    return Err((row, not_drawn));
                }
                if v.unattributed > copies {
                    return Err((
                        row,
                        MismatchReason::TooManySkips {
                            ladder_copies: u32::try_from(copies).unwrap_or(u32::MAX),
                        },
                    ));
                }
                run += 1;
                if run > limit && suspect.is_none() {
                    suspect = Some((row, not_drawn));
                }
            }
            if v.needs_pool.is_none() && matches!(suspect, Some((r, _)) if r == row) {
                v.needs_pool = Some(Undecided {
                    row,
                    run,
                    limit,
                    message: explain_undecided(row, run, limit),
                });
            }
            drawn.insert(found as usize);
            listed_at.insert(found, row);
        }
        count_check(file)
    })();
    // A list proved impossible departs where its first implausible run ended.
    walk.map_err(|failure| suspect.unwrap_or(failure))
}

fn with_pool(file: &ResultFile, pool: &Pool, v: &mut Verification) -> Walk {
    let h = &file.header;
    let undersubscribed = pool.undersubscribed(h.quota);
    // An undersubscribed list states the applicants as N (a package of every position, ladder
    // copies included, still checks it).
    let sizes_agree = h.pool_size == pool.size()
        || (undersubscribed && h.pool_size == pool.published_size(h.quota));
    if !sizes_agree {
        return Err((
            0,
            MismatchReason::PoolSizeDiffers {
                header: h.pool_size,
                pool: pool.size(),
            },
        ));
    }
    let applicants = pool.applicants() as u32;
    if let Some(codes) = h.codes.filter(|&c| c != applicants) {
        return Err((
            0,
            MismatchReason::CodesDiffer {
                header: codes,
                pool: applicants,
            },
        ));
    }
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
    let mut rows_of_code = HashMap::new();
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

/// What the header alone cannot decide, Chinese first.
fn explain_undecided(row: u32, run: u32, limit: u32) -> Text {
    Text::new(
        format!(
            "第 {row} 行之前连续 {run} 个摇出的序号既非重复、也不在名单中（仅凭表头最多可认定 {limit} 个）：它们只能是此前中签者的阶梯副本，而表头无法说明哪些序号属于同一申请人。请提供本期申请池（核验数据包）以确定。"
        ),
        format!(
            "before row {row}, {run} drawn positions in a row were neither repeats nor listed (the header alone accepts {limit}): only ladder copies of earlier winners explain them, and the header cannot tell which positions share an applicant. Load the period's pool (the verification package) to decide."
        ),
    )
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
        R::DrawnBefore { position } => Text::new(
            format!("第 {row} 行的摇号基数序号 {position} 此前已被摇出且未中签，不可能再中签"),
            format!(
                "row {row}: position {position} was drawn earlier and passed over, so it cannot win"
            ),
        ),
        R::TooManySkips { ladder_copies } => Text::new(
            format!("到第 {row} 行为止跳过的序号多于号池中的 {ladder_copies} 个阶梯副本"),
            format!(
                "by row {row}, more positions were skipped than the pool's {ladder_copies} ladder copies"
            ),
        ),
        R::CodesDiffer { header, pool } => Text::new(
            format!("表头有效编码总数为 {header}，申请池有 {pool} 个编码"),
            format!("the header says {header} codes but the pool has {pool}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::layout::{lottery_file, render};
    use crate::results::{Header, Row, parse_bytes, parse_text};

    fn fixture(name: &str) -> ResultFile {
        let path = format!(
            "{}/../tests/fixtures/official/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        parse_bytes(&std::fs::read(path).unwrap()).unwrap()
    }

    fn reason(v: &Verification) -> Option<(u32, &MismatchReason)> {
        v.first_mismatch.as_ref().map(|m| (m.row, &m.reason))
    }

    /// Swaps the contents of rows `a` and `b` (1-based), keeping 序号 in order.
    fn swap_rows(file: &mut ResultFile, a: usize, b: usize) {
        file.rows.swap(a - 1, b - 1);
        file.rows[a - 1].seq = a as u32;
        file.rows[b - 1].seq = b as u32;
    }

    /// Removes row `i` (1-based) and renumbers the rest.
    fn remove_row(file: &mut ResultFile, i: usize) {
        file.rows.remove(i - 1);
        for (k, row) in file.rows.iter_mut().enumerate() {
            row.seq = k as u32 + 1;
        }
    }

    #[test]
    fn every_official_fixture_verifies_from_its_header() {
        for (name, verdict, rows) in [
            ("bj-201506-person-ordinary.pdf", Verdict::Verified, 17804),
            ("bj-201506-unit-ordinary.pdf", Verdict::Verified, 1200),
            ("bj-201602-unit-ordinary.pdf", Verdict::Verified, 900),
            ("bj-201402-person-nev.pdf", Verdict::Verified, 1904),
            (
                "bj-201601-person-nev-queue.pdf",
                Verdict::NotALottery,
                12214,
            ),
        ] {
            let file = fixture(name);
            let v = verify(&file, None);
            assert_eq!(
                (v.verdict, v.rows),
                (verdict, rows),
                "{name}: {:?}",
                v.first_mismatch
            );
            let replayed = if verdict == Verdict::Verified {
                u64::from(v.rows) + v.skipped
            } else {
                0
            };
            assert_eq!(v.draws, replayed, "{name}");
        }
    }

    #[test]
    fn non_ladder_draws_skip_only_repeats() {
        let v = verify(&fixture("bj-201402-person-nev.pdf"), None);
        // 1904 of 2062: many repeats, every one explained.
        assert!(v.skipped > 0);
        assert_eq!(v.skipped, v.explained);
    }

    #[test]
    fn a_changed_index_is_caught() {
        for name in [
            "bj-201506-unit-ordinary.pdf",
            "bj-201506-person-ordinary.pdf",
        ] {
            let mut file = fixture(name);
            let row = &mut file.rows[99];
            row.position = Some(row.position.unwrap() % file.header.pool_size + 1);
            let v = verify(&file, None);
            assert_eq!(v.verdict, Verdict::Mismatch, "{name}");
            assert!(
                matches!(
                    reason(&v),
                    Some((100, MismatchReason::PositionNotDrawn { .. }))
                ),
                "{name}: {v:?}"
            );
        }
    }

    #[test]
    fn swapped_rows_are_caught() {
        for name in [
            "bj-201602-unit-ordinary.pdf",
            "bj-201506-person-ordinary.pdf",
        ] {
            let mut file = fixture(name);
            swap_rows(&mut file, 5, 6);
            let v = verify(&file, None);
            let (row, _) = reason(&v).unwrap();
            assert!(row == 5 || row == 6, "{name}: {v:?}");
        }
    }

    #[test]
    fn a_removed_row_is_caught() {
        let mut unit = fixture("bj-201506-unit-ordinary.pdf");
        let seventh = unit.rows[6].position.unwrap();
        remove_row(&mut unit, 7);
        let v = verify(&unit, None);
        assert!(
            matches!(reason(&v), Some((7, MismatchReason::PositionNotDrawn { expected, .. })) if *expected == seventh)
        );
        // In a ladder pool one skip may be a ladder copy, but the list is then a row short.
        let mut person = fixture("bj-201506-person-ordinary.pdf");
        remove_row(&mut person, 7);
        let v = verify(&person, None);
        assert_eq!(
            reason(&v),
            Some((
                17804,
                &MismatchReason::MissingRows {
                    expected: 17804,
                    found: 17803
                }
            ))
        );
    }

    #[test]
    fn a_changed_seed_or_pool_size_is_caught() {
        let text = render(&fixture("bj-201602-unit-ordinary.pdf"));
        for (from, to) in [
            ("指标配置种子数：370919", "指标配置种子数：370918"),
            ("有效编码总数：60353", "有效编码总数：60354"),
        ] {
            let file = parse_text(&text.replace(from, to)).unwrap();
            let v = verify(&file, None);
            assert_eq!(v.verdict, Verdict::Mismatch, "{to}");
            // N + 1 barely moves the first numbers: the stream parts from the list within rows.
            assert!(
                matches!(
                    reason(&v),
                    Some((1..=3, MismatchReason::PositionNotDrawn { .. }))
                ),
                "{to}: {v:?}"
            );
        }
        let mut person = fixture("bj-201506-person-ordinary.pdf");
        person.header.seed = Seed::parse("390923");
        assert_eq!(reason(&verify(&person, None)).map(|r| r.0), Some(1));
    }

    /// A pool that reproduces the published unit list: each winner at its position, other
    /// positions filled with codes no winner has.
    fn unit_pool(file: &ResultFile) -> Pool {
        let mut codes: Vec<Code> = (1..=u64::from(file.header.pool_size))
            .map(|p| Code::from_value(9_000_000_000_000 + p).unwrap())
            .collect();
        for row in &file.rows {
            codes[row.position.unwrap() as usize - 1] = row.code;
        }
        Pool::from_positions(
            codes
                .into_iter()
                .enumerate()
                .map(|(i, c)| (i as u64 + 1, c)),
        )
        .unwrap()
    }

    #[test]
    fn with_the_pool_every_code_is_checked() {
        let file = fixture("bj-201506-unit-ordinary.pdf");
        let pool = unit_pool(&file);
        let v = verify(&file, Some(&pool));
        assert_eq!(v.verdict, Verdict::Verified, "{:?}", v.first_mismatch);
        assert!(v.with_pool);
        let mut tampered = file.clone();
        tampered.rows[41].code = Code::parse("1234567890123").unwrap();
        let v = verify(&tampered, Some(&pool));
        assert!(
            matches!(reason(&v), Some((42, MismatchReason::CodeDiffers { .. }))),
            "{v:?}"
        );
        let mut wrong_size = file.clone();
        wrong_size.header.pool_size += 1;
        assert!(matches!(
            reason(&verify(&wrong_size, Some(&pool))),
            Some((0, MismatchReason::PoolSizeDiffers { .. }))
        ));
    }

    fn synthetic_header(pool: &Pool, quota: u32, seed: Option<&str>) -> Header {
        let mut header = fixture("bj-201602-unit-ordinary.pdf").header;
        header.category = crate::results::Category::detect("个人普通").unwrap();
        header.pool_size = pool.size();
        header.quota = quota;
        header.seed = seed.and_then(Seed::parse);
        header
    }

    #[test]
    fn a_ladder_draw_round_trips_through_text_and_verifies() {
        let entries: Vec<(Code, u32)> = (0..5000u64)
            .map(|i| {
                (
                    Code::from_value(1_000_000_000_000 + i * 7919).unwrap(),
                    1 + (i % 9) as u32,
                )
            })
            .collect();
        let pool = Pool::from_entries(&entries).unwrap();
        let outcome = run(&pool, 800, 26498).unwrap();
        assert!(outcome.ladder_copies > 0, "the test needs ladder copies");
        let file = parse_text(&render(&lottery_file(
            synthetic_header(&pool, 800, Some("026498")),
            &outcome,
        )))
        .unwrap();
        assert_eq!(file.header.seed.as_ref().map(Seed::text), Some("026498"));
        let exact = verify(&file, Some(&pool));
        assert_eq!(
            (exact.verdict, exact.skipped, exact.explained),
            (Verdict::Verified, exact.skipped, exact.skipped)
        );
        let header_only = verify(&file, None);
        assert_eq!(
            header_only.verdict,
            Verdict::Verified,
            "{:?}",
            header_only.first_mismatch
        );
        assert_eq!(header_only.skipped, outcome.repeats + outcome.ladder_copies);
        assert_eq!(header_only.explained, outcome.repeats);
        // A code swapped for another applicant's is invisible without the pool, caught with it.
        let mut tampered = file.clone();
        let other = tampered.rows[10].code;
        tampered.rows[3].code = Code::from_value(other.value() + 1).unwrap();
        assert!(matches!(
            reason(&verify(&tampered, Some(&pool))),
            Some((4, MismatchReason::CodeDiffers { .. }))
        ));
    }

    #[test]
    fn undersubscribed_lists_must_list_every_position() {
        let entries: Vec<(Code, u32)> = (1..=50u64)
            .map(|i| (Code::from_value(i).unwrap(), 1))
            .collect();
        let pool = Pool::from_entries(&entries).unwrap();
        let outcome = run(&pool, 60, 0).unwrap();
        let file = parse_text(&render(&lottery_file(
            synthetic_header(&pool, 60, None),
            &outcome,
        )))
        .unwrap();
        assert_eq!(file.kind, ListKind::Undersubscribed);
        assert_eq!(verify(&file, None).verdict, Verdict::Verified);
        assert_eq!(verify(&file, Some(&pool)).verdict, Verdict::Verified);
        let mut short = file.clone();
        short.rows.pop();
        assert_eq!(
            reason(&verify(&short, None)),
            Some((
                50,
                &MismatchReason::MissingRows {
                    expected: 50,
                    found: 49
                }
            ))
        );
    }

    #[test]
    fn a_repeated_row_is_caught() {
        let mut file = fixture("bj-201402-person-nev.pdf");
        let first = file.rows[2].clone();
        file.rows[5] = Row { seq: 6, ..first };
        assert_eq!(
            reason(&verify(&file, None)),
            Some((6, &MismatchReason::Repeated { first_row: 3 }))
        );
    }

    #[test]
    fn the_ladder_run_limit_follows_the_ladder_share() {
        assert_eq!(ladder_run_limit(3_647_274, None), MAX_LADDER_RUN);
        assert_eq!(ladder_run_limit(1000, Some(1000)), 0);
        // The demo's pool of 1,001 applicants on 2,247 positions: C/N ≈ 0.55.
        assert_eq!(ladder_run_limit(2247, Some(1001)), 64);
        // A pool made almost only of ladder copies accepts long runs, never fewer than 8.
        assert!(ladder_run_limit(10_000, Some(10)) > 10_000);
        assert_eq!(ladder_run_limit(1_000_000, Some(999_999)), MAX_LADDER_RUN);
    }

    /// A ladder pool of `applicants` where the later ones hold many copies, drawn with `quota`.
    fn crowded_draw(applicants: u64, quota: u32, seed: &str) -> (Pool, ResultFile) {
        let entries: Vec<(Code, u32)> = (0..applicants)
            .map(|i| {
                let code = Code::from_value(2_000_000_000_000 + i * 37).unwrap();
                (code, 1 + (i % 7) as u32)
            })
            .collect();
        let pool = Pool::from_entries(&entries).unwrap();
        let outcome = run(&pool, quota, Seed::parse(seed).unwrap().value()).unwrap();
        let mut header = synthetic_header(&pool, quota, Some(seed));
        header.codes = pool.published_codes(quota);
        let file = parse_text(&render(&lottery_file(header, &outcome))).unwrap();
        (pool, file)
    }

    #[test]
    fn an_honest_list_at_a_high_ratio_is_never_a_mismatch() {
        let (pool, file) = crowded_draw(1000, 950, "390922");
        assert_eq!(file.header.codes, Some(1000));
        // With both counts in the header the list verifies from the header alone.
        let v = verify(&file, None);
        assert_eq!(v.verdict, Verdict::Verified, "{:?}", v.first_mismatch);
        assert!(v.unattributed > u64::from(MAX_LADDER_RUN));
        assert_eq!(v.skipped, v.explained + v.unattributed);
        // Without 有效编码总数 (as in the 2014–2016 files) the header cannot decide.
        let mut old_style = file.clone();
        old_style.header.codes = None;
        let v = verify(&old_style, None);
        assert_eq!(v.verdict, Verdict::NeedsPool, "{:?}", v.first_mismatch);
        let undecided = v.needs_pool.unwrap();
        assert!(undecided.run > MAX_LADDER_RUN && undecided.limit == MAX_LADDER_RUN);
        assert!(undecided.message.en.contains("verification package"));
        assert!(undecided.message.zh.contains("核验数据包"));
        assert!(v.first_mismatch.is_none());
        // The pool decides.
        assert_eq!(verify(&old_style, Some(&pool)).verdict, Verdict::Verified);
    }

    #[test]
    fn impossible_lists_are_mismatches_whatever_the_pool() {
        let (_, file) = crowded_draw(1000, 700, "026498");
        // A position drawn and passed over earlier cannot win later.
        let stream: Vec<u32> = super::super::run::replay(26498, file.header.pool_size)
            .take(2000)
            .collect();
        let listed: std::collections::HashSet<u32> =
            file.rows.iter().filter_map(|r| r.position).collect();
        let passed_over = stream
            .iter()
            .position(|p| !listed.contains(p))
            .expect("the stream skips something");
        let later_row = file
            .rows
            .iter()
            .position(|r| {
                stream
                    .iter()
                    .position(|p| Some(*p) == r.position)
                    .is_some_and(|at| at > passed_over + 5)
            })
            .unwrap();
        let mut tampered = file.clone();
        tampered.rows[later_row].position = Some(stream[passed_over]);
        let v = verify(&tampered, None);
        assert_eq!(v.verdict, Verdict::Mismatch, "{v:?}");
        assert!(v.needs_pool.is_none());
        // A skip before the first winner exists.
        let mut first = file.clone();
        first.rows.remove(0);
        for (i, row) in first.rows.iter_mut().enumerate() {
            row.seq = i as u32 + 1;
        }
        first.header.quota -= 1;
        assert!(matches!(
            reason(&verify(&first, None)),
            Some((1, MismatchReason::PositionNotDrawn { .. }))
        ));
        // More skips than the header's ladder copies.
        let mut few_copies = file.clone();
        few_copies.header.codes = Some(file.header.pool_size - 1);
        assert!(matches!(
            reason(&verify(&few_copies, None)),
            Some((_, MismatchReason::TooManySkips { ladder_copies: 1 }))
        ));
    }
}
