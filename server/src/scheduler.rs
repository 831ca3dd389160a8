//! What happens as time passes: periods freeze at the cut-off, draw at the draw time (seed from
//! OS randomness, announced in the files) and publish; unconfirmed quotas are forfeited, old ones
//! expire; the yearly clean-up removes applications that were not continued. Runs after every
//! operator clock move and once a minute on the system clock.

use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use rusqlite::Transaction;
use yaohao_core::policy::Policy;

use crate::db::Db;
use crate::error::ApiResult;
use crate::services::{periods, publication};
use crate::store;
use crate::time::ms;
use yaohao_core::api::PeriodStatus;

pub use yaohao_core::api::TickReport;

/// Runs everything due at `now`: one transaction for the period moves, quotas and the clean-up,
/// then each due publication (which writes its files outside any transaction).
pub fn tick(
    db: &Db,
    policy: &'static Policy,
    data: &Path,
    now: DateTime<Utc>,
) -> ApiResult<TickReport> {
    let (mut report, due_publications) = db.write_blocking(|tx| {
        let report = settle(tx, policy, now)?;
        Ok((
            report,
            store::periods::due(
                tx,
                PeriodStatus::Drawn,
                store::periods::Moment::Publish,
                ms(now),
            )?,
        ))
    })?;
    for id in due_publications {
        publication::publish(db, policy, data, &id, now)?;
        report.published.push(id);
    }
    Ok(report)
}

/// The transactional part of a tick: freezes, draws, quota deadlines and the clean-up.
fn settle(
    tx: &Transaction<'_>,
    policy: &'static Policy,
    now: DateTime<Utc>,
) -> ApiResult<TickReport> {
    let mut report = TickReport::default();
    for id in store::periods::due(
        tx,
        PeriodStatus::Open,
        store::periods::Moment::Cutoff,
        ms(now),
    )? {
        periods::freeze(tx, policy, &id)?;
        report.frozen.push(id);
    }
    for id in store::periods::due(
        tx,
        PeriodStatus::Frozen,
        store::periods::Moment::Draw,
        ms(now),
    )? {
        if store::periods::load(tx, &id)?.pool_size.unwrap_or(0) == 0 {
            store::periods::void(tx, &id)?;
            continue;
        }
        periods::run_draw(tx, &id, &periods::seed(None)?, now)?;
        report.drawn.push(id);
    }
    report.forfeited = store::quotas::forfeit_unconfirmed(tx, ms(now))?;
    report.expired = store::quotas::expire(tx, ms(now))?;
    report.removed = cleanup(tx, policy, now)?;
    Ok(report)
}

/// The yearly clean-up (once per year, on or after the policy's day): approved applications
/// older than the lapse period that were not continued in the preceding continuation month
/// are removed.
fn cleanup(tx: &Transaction<'_>, policy: &Policy, now: DateTime<Utc>) -> ApiResult<usize> {
    let rule = &policy.rules.cleanup;
    if !rule.enabled || !policy.rules.lapse.enabled {
        return Ok(0);
    }
    let today = yaohao_core::time::beijing_date(now);
    let year = today.year();
    let Some(day) = NaiveDate::from_ymd_opt(year, rule.params.month, rule.params.day) else {
        return Ok(0);
    };
    let done = store::counters::get(tx, store::counters::CLEANUP_YEAR)?;
    if today < day || done.is_some_and(|y| y >= i64::from(year)) {
        return Ok(0);
    }
    let cleanup_at = yaohao_core::time::beijing_instant(day, NaiveTime::MIN);
    let lapse = chrono::Months::new(policy.rules.lapse.params.months);
    let oldest = cleanup_at.checked_sub_months(lapse).unwrap_or(cleanup_at);
    let removed = store::applications::remove_lapsed(tx, ms(oldest), year - 1, ms(now))?;
    store::counters::set(tx, store::counters::CLEANUP_YEAR, i64::from(year))?;
    Ok(removed)
}
