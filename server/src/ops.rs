//! Operator tasks run from the command line on the database directly (no server needed):
//! registry import, a synthetic demo population, draw and publish.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use yaohao_core::policy::Policy;

use crate::config::PasswordCost;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::random;
use crate::registry;
use crate::services::{applications, periods};
use crate::time::ms;
use yaohao_core::api::{ApplicationKind, NewPeriod, Period, PeriodKind, PeriodStatus};

/// Imports a registry CSV file; returns (people, records).
pub fn import_registry(db: &Db, csv: &[u8], now: DateTime<Utc>) -> ApiResult<(usize, usize)> {
    let records = registry::parse_csv(csv)?;
    db.write_blocking(|tx| registry::import(tx, &records, now.timestamp_millis()))
}

/// What `seed-demo` created.
#[derive(Debug, Clone, Serialize)]
pub struct SeedReport {
    /// Applicants (accounts with an approved individual ordinary application).
    pub applicants: usize,
    /// Their pool positions (Σ ladder weights).
    pub positions: u64,
    /// The password every demo account shares.
    pub password: &'static str,
}

/// The shared password of demo accounts.
pub const DEMO_PASSWORD: &str = "Demo12345";

/// Where synthetic values come from: OS randomness, or a seed (the same seed, the same pool).
pub enum Synthetic {
    /// Fresh randomness on every run.
    Random,
    /// Values derived from this seed: a run can be repeated exactly.
    Seeded {
        /// The seed.
        seed: u64,
        /// Values drawn so far.
        drawn: u64,
    },
}

impl Synthetic {
    /// Values derived from `seed`, or OS randomness.
    pub fn new(seed: Option<u64>) -> Synthetic {
        seed.map_or(Synthetic::Random, |seed| Synthetic::Seeded {
            seed,
            drawn: 0,
        })
    }

    /// A value below `bound` (≥ 1).
    fn below(&mut self, bound: u32) -> ApiResult<u32> {
        match self {
            Synthetic::Random => random::below(bound),
            Synthetic::Seeded { seed, drawn } => {
                *drawn += 1;
                Ok((random::mix(*seed, *drawn) % u64::from(bound.max(1))) as u32)
            }
        }
    }

    /// The seed application codes are derived from, if any.
    fn code_seed(&self) -> Option<u64> {
        match self {
            Synthetic::Random => None,
            Synthetic::Seeded { seed, .. } => Some(*seed),
        }
    }
}

/// Unsuccessful draws for a synthetic applicant, shaped like the 2016+ pool (most applicants
/// have been drawing for years): 35% at weight 1, then fewer at each higher rung.
fn synthetic_draws(source: &mut Synthetic) -> ApiResult<u32> {
    let roll = source.below(100)?;
    let (low, span) = match roll {
        0..35 => (0, 25),
        35..63 => (25, 12),
        63..83 => (37, 12),
        83..95 => (49, 12),
        _ => (61, 24),
    };
    Ok(low + source.below(span)?)
}

/// A valid resident ID for synthetic applicant `n` (born 1960–1999 in a Beijing district); the
/// check character is the one the core's validator accepts.
fn synthetic_id(n: u64, today: NaiveDate) -> ApiResult<String> {
    const DISTRICTS: [&str; 6] = ["110101", "110102", "110105", "110106", "110107", "110108"];
    let district = DISTRICTS[(n % 6) as usize];
    let day = NaiveDate::from_ymd_opt(1960, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new((n / 6) % 14_600)))
        .ok_or_else(|| ApiError::internal("synthetic birth date"))?;
    let serial = (n / 6 / 14_600) % 1000;
    let first17 = format!("{district}{}{serial:03}", day.format("%Y%m%d"));
    "0123456789X"
        .chars()
        .map(|c| format!("{first17}{c}"))
        .find(|id| yaohao_core::validate::resident_id_on(id, today).valid)
        .ok_or_else(|| ApiError::internal("no check character fits"))
}

/// Applicants per `seed-demo` transaction: bounds the write-ahead log (and so the disk used
/// beyond the database) while keeping commits rare.
const SEED_BATCH: usize = 100_000;

/// Creates `count` synthetic applicants: accounts (shared demo password), registry records that
/// make them eligible, and approved individual ordinary applications with codes and a ladder
/// history. One transaction per [`SEED_BATCH`] applicants, each filling the tables in turn with
/// prepared statements (so each table's pages stay together).
pub fn seed_demo(
    db: &Db,
    count: usize,
    now: DateTime<Utc>,
    source: &mut Synthetic,
) -> ApiResult<SeedReport> {
    seed_demo_for(
        db,
        yaohao_core::policy::default_policy(),
        count,
        now,
        source,
    )
}

/// [`seed_demo`] for a portal running `policy`: the positions reported are that regime's pool
/// weights ([`Policy::pool_weight`]).
pub fn seed_demo_for(
    db: &Db,
    policy: &Policy,
    count: usize,
    now: DateTime<Utc>,
    source: &mut Synthetic,
) -> ApiResult<SeedReport> {
    let hash = crate::auth::password::hash(DEMO_PASSWORD, PasswordCost::Light)?;
    let today = yaohao_core::time::beijing_date(now);
    let mut positions = 0u64;
    let mut done = 0;
    while done < count {
        let batch = SEED_BATCH.min(count - done);
        positions +=
            db.write_blocking(|tx| seed_batch(tx, policy, batch, &hash, today, ms(now), source))?;
        done += batch;
    }
    Ok(SeedReport {
        applicants: count,
        positions,
        password: DEMO_PASSWORD,
    })
}

/// One transaction of [`seed_demo`]: `count` applicants; returns their pool positions.
fn seed_batch(
    tx: &rusqlite::Transaction<'_>,
    policy: &Policy,
    count: usize,
    hash: &str,
    today: NaiveDate,
    at: i64,
    source: &mut Synthetic,
) -> ApiResult<u64> {
    let form = r#"{"licence_file":"110000123456","address":"北京市海淀区中关村大街1号"}"#;
    let start = crate::store::seed::accounts(tx)?;
    let ids = (0..count)
        .map(|i| synthetic_id(start as u64 + i as u64, today))
        .collect::<ApiResult<Vec<_>>>()?;
    let people = crate::store::seed::insert_accounts(tx, &ids, start, hash, at)?;
    let serials = u32::try_from(count).map_err(|_| ApiError::internal("too many applicants"))?;
    let first_serial = crate::store::applications::reserve_serials(tx, serials)?;
    let mut positions = 0u64;
    let mut applications = Vec::with_capacity(count);
    for (i, account_id) in people.iter().enumerate() {
        let draws = synthetic_draws(source)?;
        positions += u64::from(policy.pool_weight(draws, false));
        let code = applications::code_for(first_serial + i as i64, source.code_seed())?;
        applications.push((*account_id, code, draws));
    }
    crate::store::seed::insert_applications(
        tx,
        ApplicationKind::IndividualOrdinary,
        &applications,
        form,
        at,
    )?;
    crate::store::seed::insert_eligible_records(tx, &ids, at)?;
    Ok(positions)
}

/// Creates `count` synthetic units (ids from `first`): accounts with valid credit codes (Beijing,
/// 91110108…) and approved unit ordinary applications. Returns how many.
pub fn seed_units(
    db: &Db,
    count: usize,
    first: u32,
    now: DateTime<Utc>,
    source: &mut Synthetic,
) -> ApiResult<usize> {
    let hash = crate::auth::password::hash(DEMO_PASSWORD, PasswordCost::Light)?;
    let form = r#"{"address":"北京市海淀区中关村大街1号"}"#;
    db.write_blocking(|tx| {
        let units = (0..count)
            .map(|i| {
                let body = format!("91110108{:08}", 60_000_000 + first as usize + i);
                let code = yaohao_core::validate::complete_credit_code(&body)
                    .ok_or_else(|| ApiError::internal("synthetic credit code"))?;
                let name = format!("演示单位{:04}有限公司", first as usize + i);
                Ok((crate::rules::unit_key(&code), code, name))
            })
            .collect::<ApiResult<Vec<_>>>()?;
        let start = crate::store::seed::accounts(tx)?;
        let accounts = crate::store::seed::insert_units(tx, &units, start, &hash, ms(now))?;
        let serials = u32::try_from(count).map_err(|_| ApiError::internal("too many units"))?;
        let first_serial = crate::store::applications::reserve_serials(tx, serials)?;
        let applications = accounts
            .iter()
            .enumerate()
            .map(|(i, account)| {
                let code = applications::code_for(first_serial + i as i64, source.code_seed())?;
                Ok((*account, code, 0))
            })
            .collect::<ApiResult<Vec<_>>>()?;
        crate::store::seed::insert_applications(
            tx,
            ApplicationKind::UnitOrdinary,
            &applications,
            form,
            ms(now),
        )?;
        Ok(count)
    })
}

/// Freezes the period if it is still open, then draws it with `seed` (or OS randomness).
pub fn draw(
    db: &Db,
    policy: &'static Policy,
    period: &str,
    seed: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<Period> {
    let seed = periods::seed(seed)?;
    db.write_blocking(|tx| {
        if crate::store::periods::load(tx, period)?.status == PeriodStatus::Open {
            periods::freeze(tx, policy, period)?;
        }
        periods::run_draw(tx, period, &seed, now)
    })
}

/// Publishes a drawn period.
pub fn publish(
    db: &Db,
    policy: &Policy,
    data: &Path,
    period: &str,
    now: DateTime<Utc>,
) -> ApiResult<Period> {
    crate::services::publication::publish(db, policy, data, period, now)
}

/// Schedules the period of `policy`'s first draw on or after `after` with `quota` quotas.
pub fn create_period(db: &Db, policy: &Policy, quota: u32, after: NaiveDate) -> ApiResult<Period> {
    let request = NewPeriod {
        quota,
        kind: PeriodKind::Draw,
        draw_date: None,
    };
    db.write_blocking(|tx| periods::create(tx, policy, after, &request))
}
