//! Publication of a drawn period: the result files (written from the stored draw, staged,
//! installed) and the settling transaction (quotas for the winners, the period published, one
//! push notification queued per participant with a device).

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};
use yaohao_core::api::{Period, PeriodStatus, period_number};
use yaohao_core::draw::{DrawOutcome, Pool};
use yaohao_core::policy::Policy;
use yaohao_core::results::{Header, Seed, Template};

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::publish;
use crate::store;
use crate::time::{from_ms, ms};

fn invalid_state(zh: &str, en: &str) -> ApiError {
    ApiError::invalid_state(zh.to_owned(), en.to_owned())
}

/// Everything a period's files are written from: its header, draw and pool.
pub struct Publication {
    /// The period's portal id (its files' directory).
    pub id: String,
    /// The result file's header.
    pub header: Header,
    /// The stored draw.
    pub outcome: DrawOutcome,
    /// The frozen pool.
    pub pool: Pool,
}

/// The header of the result file of `period`'s draw over `pool`: its category, the period
/// number ([`period_number`]), 2016 template, with N and 有效编码总数 as [`Pool::published_size`]
/// and [`Pool::published_codes`] state them (an undersubscribed list has no seed).
pub fn result_header(period: &Period, pool: &Pool) -> Header {
    let quota = u32::try_from(period.quota).unwrap_or(u32::MAX);
    let run_at = period.run_at.unwrap_or(period.draw_at);
    Header {
        template: Template::Y2016,
        category: period.kind.category(),
        period: period_number(&period.id).to_owned(),
        title: period.title.clone(),
        draw_date: Some(yaohao_core::time::beijing_date(period.draw_at)),
        run_time: Some(yaohao_core::time::to_beijing(run_at).naive_local()),
        pool_size: pool.published_size(quota),
        codes: pool.published_codes(quota),
        quota,
        seed: period
            .seed
            .as_deref()
            .and_then(Seed::parse)
            .filter(|_| !pool.undersubscribed(quota)),
    }
}

/// Reads what the files of period `id` are written from; the period must be drawn (`published`
/// too when `republish`, to restore its files).
pub fn publication(conn: &Connection, id: &str, republish: bool) -> ApiResult<Publication> {
    let period = store::periods::load(conn, id)?;
    let allowed = period.status == PeriodStatus::Drawn
        || (republish && period.status == PeriodStatus::Published);
    if !allowed {
        return Err(invalid_state(
            "本期尚未开奖或已公布",
            "the period is not drawn, or already published",
        ));
    }
    let outcome = store::periods::stored_outcome(conn, id)?;
    let pool = store::periods::pool_of(conn, id)?;
    Ok(Publication {
        id: id.to_owned(),
        header: result_header(&period, &pool),
        outcome,
        pool,
    })
}

/// Publishes a drawn period in three steps, so the writer transaction stays short and a crash
/// never leaves a half-published period: the files are written to a staging directory (outside
/// any transaction), one transaction settles the period (winners get quotas, the push outbox is
/// filled), then the staging directory is renamed into place. A crash between the last two
/// leaves a published period without files, which [`restore_files`] rewrites at start-up.
/// Carry-over needs no write: the draw count is derived (see [`crate::store::draws::DRAWS_SQL`]).
pub fn publish(
    db: &Db,
    policy: &Policy,
    data: &Path,
    id: &str,
    now: DateTime<Utc>,
) -> ApiResult<Period> {
    let files = db.read_blocking(|c| publication(c, id, false))?;
    publish::stage(data, &files)?;
    drop(files);
    let view = db.write_blocking(|tx| settle(tx, policy, id, now));
    match view {
        Ok(view) => {
            publish::install(data, id)?;
            Ok(view)
        }
        Err(e) => {
            publish::discard(data, id);
            Err(e)
        }
    }
}

/// Rewrites the files of every published period whose directory is missing (a crash between
/// settling and installing); returns the periods restored.
pub fn restore_files(db: &Db, data: &Path) -> ApiResult<Vec<String>> {
    let published =
        db.read_blocking(|c| store::periods::with_status(c, PeriodStatus::Published))?;
    let mut restored = Vec::new();
    for id in published {
        if publish::dir(data, &id).exists() {
            continue;
        }
        let files = db.read_blocking(|c| publication(c, &id, true))?;
        publish::stage(data, &files)?;
        publish::install(data, &id)?;
        restored.push(id);
    }
    Ok(restored)
}

/// The settling transaction of a publication: quotas for the winners, the period published,
/// one push notification queued per participant with a device.
fn settle(
    tx: &Transaction<'_>,
    policy: &Policy,
    id: &str,
    now: DateTime<Utc>,
) -> ApiResult<Period> {
    let period = store::periods::load(tx, id)?;
    if period.status != PeriodStatus::Drawn {
        return Err(invalid_state(
            "本期尚未开奖或已公布",
            "the period is not drawn, or already published",
        ));
    }
    let draw_at = store::periods::draw_and_run_ms(tx, id)?.0;
    let confirm_hours = i64::from(policy.rules.confirmation.params.hours);
    let validity = policy.rules.quota_validity.params.months;
    let confirm_by = now + chrono::Duration::hours(confirm_hours);
    let expires = from_ms(draw_at)
        .checked_add_months(chrono::Months::new(validity))
        .unwrap_or(from_ms(draw_at));
    store::quotas::issue_to_winners(tx, id, ms(now), ms(confirm_by), ms(expires))?;
    store::applications::mark_winners_won(tx, id, ms(now))?;
    store::periods::mark_published(tx, id, ms(now))?;
    let queued = crate::push::enqueue_publication(tx, id, now)?;
    tracing::info!(period = id, notifications = queued, "period published");
    store::periods::load(tx, id)
}
