//! What happens as time passes: periods freeze at the cut-off, draw at the draw time (seed from
//! OS randomness, announced in the files) and publish; unconfirmed quotas are forfeited, old ones
//! expire; the yearly clean-up removes applications that were not continued. Runs after every
//! operator clock move and once a minute on the system clock.

use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use yaohao_core::policy::Policy;

use crate::db::Db;
use crate::error::ApiResult;
use crate::periods;
use crate::time::ms;
use yaohao_core::api::{ApplicationStatus, PeriodStatus, QuotaStatus};

pub use yaohao_core::api::TickReport;

fn due(
    tx: &Transaction<'_>,
    status: &str,
    column: &str,
    now: DateTime<Utc>,
) -> ApiResult<Vec<String>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT id FROM periods WHERE status = ?1 AND {column} <= ?2 ORDER BY draw_at"
    ))?;
    let rows = stmt.query_map(params![status, ms(now)], |r| r.get(0))?;
    Ok(rows.collect::<Result<Vec<String>, _>>()?)
}

/// Runs everything due at `now`: one transaction for the period moves, quotas and the clean-up,
/// then each due publication (which writes its files outside any transaction).
pub fn tick(db: &Db, policy: &Policy, data: &Path, now: DateTime<Utc>) -> ApiResult<TickReport> {
    let (mut report, due_publications) = db.write_blocking(|tx| {
        let report = settle(tx, policy, now)?;
        Ok((
            report,
            due(tx, PeriodStatus::Drawn.as_str(), "publish_at", now)?,
        ))
    })?;
    for id in due_publications {
        periods::publish(db, policy, data, &id, now)?;
        report.published.push(id);
    }
    Ok(report)
}

/// The transactional part of a tick: freezes, draws, quota deadlines and the clean-up.
fn settle(tx: &Transaction<'_>, policy: &Policy, now: DateTime<Utc>) -> ApiResult<TickReport> {
    let mut report = TickReport::default();
    for id in due(tx, PeriodStatus::Open.as_str(), "cutoff_at", now)? {
        periods::freeze(tx, &id)?;
        report.frozen.push(id);
    }
    for id in due(tx, PeriodStatus::Frozen.as_str(), "draw_at", now)? {
        if periods::load(tx, &id)?.pool_size.unwrap_or(0) == 0 {
            periods::void(tx, &id)?;
            continue;
        }
        periods::run_draw(tx, &id, &periods::seed(None)?, now)?;
        report.drawn.push(id);
    }
    report.forfeited = tx.execute(
        "UPDATE quotas SET status = ?1 WHERE status = ?2 AND confirm_by <= ?3",
        params![
            QuotaStatus::Forfeited.as_str(),
            QuotaStatus::PendingConfirmation.as_str(),
            ms(now)
        ],
    )?;
    report.expired = tx.execute(
        "UPDATE quotas SET status = ?1 WHERE status IN (?2, ?3) AND expires_at <= ?4",
        params![
            QuotaStatus::Expired.as_str(),
            QuotaStatus::PendingConfirmation.as_str(),
            QuotaStatus::Confirmed.as_str(),
            ms(now)
        ],
    )?;
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
    let done: Option<i64> = tx
        .query_row(
            "SELECT value FROM counters WHERE name = 'cleanup_year'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if today < day || done.is_some_and(|y| y >= i64::from(year)) {
        return Ok(0);
    }
    let cleanup_at = yaohao_core::time::beijing_instant(day, NaiveTime::MIN);
    let lapse = chrono::Months::new(policy.rules.lapse.params.months);
    let oldest = cleanup_at.checked_sub_months(lapse).unwrap_or(cleanup_at);
    let removed = tx.execute(
        "UPDATE applications SET status = ?1, updated_at = ?2
         WHERE status = ?3 AND submitted_at <= ?4
           AND (last_win_at IS NULL OR last_win_at <= ?4)
           AND COALESCE(continued_year, 0) < ?5",
        params![
            ApplicationStatus::Removed.as_str(),
            ms(now),
            ApplicationStatus::Approved.as_str(),
            ms(oldest),
            year - 1
        ],
    )?;
    tx.execute(
        "INSERT INTO counters (name, value) VALUES ('cleanup_year', ?1)
         ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        [year],
    )?;
    Ok(removed)
}
