//! Periods: scheduled from the policy calendar; at the cut-off the pool freezes (codes with ladder
//! weights from each application's draw history); the official draw runs on the core; publication
//! writes the result files and settles every participant (winners get a quota, the others carry
//! over: their draw count, derived from the published pools, grows by one).

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use yaohao_core::calendar::{self, AnnouncedDate, EventKind};
use yaohao_core::draw::{self, DrawOutcome, DrawRow, Pool};
use yaohao_core::policy::Policy;
use yaohao_core::results::{Applicant, Category, Code, Header, QuotaKind, Seed, Template};

use crate::db::{Db, functions};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::publish;
use crate::random;
use crate::time::{at, from_ms, ms};
use yaohao_core::api::{ApplicationStatus, Period, PeriodKind, PeriodStatus, QuotaStatus};

const PERIOD_COLUMNS: &str = "id, kind, title, quota, status, cutoff_at, freeze_from, \
    freeze_until, draw_at, publish_at, pool_size, seed, run_at, published_at";

fn period_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Period> {
    Ok(Period {
        id: r.get(0)?,
        // Column 1 (`kind`): `draw` is the only kind a period is created with.
        kind: PeriodKind::Draw,
        title: r.get(2)?,
        quota: r.get(3)?,
        status: PeriodStatus::from(r.get::<_, String>(4)?),
        cutoff_at: at(r.get(5)?),
        freeze_from: at(r.get(6)?),
        freeze_until: at(r.get(7)?),
        draw_at: at(r.get(8)?),
        publish_at: at(r.get(9)?),
        pool_size: r.get(10)?,
        seed: r.get(11)?,
        run_at: r.get::<_, Option<i64>>(12)?.map(at),
        published_at: r.get::<_, Option<i64>>(13)?.map(at),
    })
}

/// One period.
pub fn load(conn: &Connection, id: &str) -> ApiResult<Period> {
    conn.query_row(
        &format!("SELECT {PERIOD_COLUMNS} FROM periods WHERE id = ?1"),
        [id],
        period_from_row,
    )
    .optional()?
    .ok_or_else(ApiError::not_found)
}

/// Every period, newest first.
pub fn list(conn: &Connection) -> ApiResult<Vec<Period>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PERIOD_COLUMNS} FROM periods ORDER BY draw_at DESC"
    ))?;
    let rows = stmt.query_map([], period_from_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Dates the operator announced, for the calendar.
pub fn announced_dates(conn: &Connection) -> ApiResult<Vec<AnnouncedDate>> {
    let mut stmt = conn.prepare("SELECT kind, projected, at FROM announced_dates")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, projected, at) = row?;
        let kind: Option<EventKind> = serde_json::from_value(serde_json::Value::String(kind)).ok();
        let projected = NaiveDate::parse_from_str(&projected, "%Y-%m-%d").ok();
        let at = DateTime::parse_from_rfc3339(&at).ok();
        if let (Some(kind), Some(projected), Some(at)) = (kind, projected, at) {
            out.push(AnnouncedDate {
                kind,
                projected,
                at,
            });
        }
    }
    Ok(out)
}

fn invalid_state(zh: &str, en: &str) -> ApiError {
    ApiError::invalid_state(zh.to_owned(), en.to_owned())
}

/// Schedules the period of the first ordinary draw on or after `after` (or on `draw_date`) from
/// the policy calendar, with its cut-off (the monthly cut-off, or the close of an annual
/// regime's application window), data freeze and publication.
pub fn create(
    tx: &Transaction<'_>,
    policy: &Policy,
    after: NaiveDate,
    draw_date: Option<NaiveDate>,
    quota: u32,
) -> ApiResult<Period> {
    if quota == 0 {
        return Err(ApiError::invalid(
            "quota",
            "指标数须大于 0",
            "quota must be positive",
        ));
    }
    let announced = announced_dates(tx)?;
    let from = draw_date.unwrap_or(after);
    let to = from.checked_add_days(Days::new(400)).unwrap_or(from);
    // A year back: an annual regime's window closes months before its draws.
    let events = calendar::events(
        policy,
        from.checked_sub_days(Days::new(400)).unwrap_or(from),
        to,
        &announced,
    );
    let draw = events
        .iter()
        .find(|e| {
            e.kind == EventKind::Draw && e.date >= from && draw_date.is_none_or(|d| e.date == d)
        })
        .ok_or_else(|| {
            ApiError::invalid(
                "draw_date",
                "该政策在此日期没有普通指标摇号",
                "the policy has no ordinary draw on that date",
            )
        })?;
    if draw.date < policy.effective_from || draw.date.year() > 9999 {
        return Err(ApiError::invalid(
            "draw_date",
            "摇号日期须在政策施行之后且不晚于 9999 年（分期编号为年份加两位期数）",
            "the draw must fall after the policy took effect and no later than the year 9999 \
             (a period's number is its year and two digits)",
        ));
    }
    let draw_at = draw.at.to_utc();
    let before = |kind: EventKind| {
        events
            .iter()
            .rev()
            .find(|e| e.kind == kind && e.at.to_utc() <= draw_at)
            .map(|e| e.at.to_utc())
    };
    let after_draw = |kind: EventKind| {
        events
            .iter()
            .find(|e| e.kind == kind && e.date == draw.date)
            .map(|e| e.at.to_utc())
    };
    let freeze_from = before(EventKind::DataFreezeStarts).unwrap_or(draw_at);
    let freeze_until = after_draw(EventKind::DataFreezeEnds)
        .unwrap_or(draw_at)
        .max(freeze_from);
    // The monthly cut-off, else (annual regimes) the close of the year's application window.
    let cutoff = before(EventKind::ApplicationCutoff)
        .or_else(|| before(EventKind::ApplicationWindowCloses))
        .unwrap_or(freeze_from);
    let publish_at = after_draw(EventKind::ResultsPublished)
        .unwrap_or(draw_at)
        .max(draw_at);
    let sequence = calendar::draw_sequence(policy, draw.date, &announced);
    let id = format!("{}{sequence:02}", draw.date.year());
    let title = format!("{}年第{sequence:02}期个人普通摇号", draw.date.year());
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO periods (id, kind, title, quota, cutoff_at, freeze_from,
         freeze_until, draw_at, publish_at, status)
         VALUES (?1, ?10, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            title,
            quota,
            ms(cutoff),
            ms(freeze_from),
            ms(freeze_until),
            ms(draw_at),
            ms(publish_at),
            PeriodStatus::Open.as_str(),
            PeriodKind::Draw.as_str()
        ],
    )?;
    if inserted == 0 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            ErrorCode::PeriodExists,
            format!("第 {id} 期已存在"),
            format!("period {id} already exists"),
        ));
    }
    load(tx, &id)
}

/// An application's unsuccessful draws, as SQL over a row of `applications`: those recorded when
/// it joined the portal (`draw_count`) plus every published period whose pool held it and which it
/// did not win. Derived, so publication rewrites no application rows for the carry-over.
pub static DRAWS_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "(applications.draw_count + (SELECT COUNT(*) FROM periods p
           CROSS JOIN pool_entries e
             ON e.period_id = p.id AND e.application_id = applications.id
           WHERE p.status = '{}'
             AND NOT EXISTS (SELECT 1 FROM winners w
                             WHERE w.period_id = e.period_id
                               AND w.application_id = e.application_id)))",
        PeriodStatus::Published.as_str()
    )
});

/// Freezes the pool: every individual ordinary application approved by the cut-off, with its
/// ladder weight from its unsuccessful draws (and C5 licence) via the core.
pub fn freeze(tx: &Transaction<'_>, id: &str) -> ApiResult<Period> {
    let period = load(tx, id)?;
    if period.status != PeriodStatus::Open {
        return Err(invalid_state(
            "本期申请池已封存",
            "this period's pool is already frozen",
        ));
    }
    let cutoff: i64 = tx.query_row("SELECT cutoff_at FROM periods WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    let latest: Option<String> = tx
        .query_row(
            "SELECT id FROM periods WHERE status = ?1 ORDER BY draw_at DESC LIMIT 1",
            [PeriodStatus::Published.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    // Draws so far. Without a published period, the count recorded when the application joined;
    // otherwise the count carried over from the latest published pool (read once, in key order,
    // and looked up by a SQL function: a join would cost two b-tree seeks per application),
    // derived in full only for applications that were not carried.
    let carried = match &latest {
        None => None,
        Some(latest) => Some(carried_draws(tx, latest)?),
    };
    let draws = match carried {
        None => "applications.draw_count".to_owned(),
        Some(_) => format!("COALESCE(carried_draws(applications.id), {})", *DRAWS_SQL),
    };
    // `LIMIT -1 OFFSET 0` keeps SQLite from flattening the subquery, so the draw count is
    // evaluated once per application, not once per use; `NOT INDEXED` reads the table in order
    // (nearly every application is approved: the status index would add a seek per row).
    let insert = format!(
        "INSERT INTO pool_entries (period_id, application_id, code, draws, weight)
         SELECT ?1, id, code, draws, ladder_weight(draws, c5)
         FROM (SELECT applications.id, CAST(applications.code AS INTEGER) AS code,
                      {draws} AS draws,
                      json_extract(applications.form, '$.c5_licence') AS c5
               FROM applications NOT INDEXED
               WHERE applications.status = ?2 AND applications.kind = 'individual_ordinary'
                 AND applications.code IS NOT NULL AND applications.reviewed_at <= ?3
               LIMIT -1 OFFSET 0)"
    );
    let run = || {
        tx.execute(
            &insert,
            params![id, ApplicationStatus::Approved.as_str(), cutoff],
        )
    };
    match carried {
        None => run()?,
        Some(carried) => functions::with_carried_draws(tx, carried, run)?,
    };
    let size: i64 = tx.query_row(
        "SELECT COALESCE(SUM(weight), 0) FROM pool_entries WHERE period_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE periods SET status = ?1, pool_size = ?2 WHERE id = ?3",
        params![PeriodStatus::Frozen.as_str(), size, id],
    )?;
    load(tx, id)
}

/// What the applications of `latest`'s pool that did not win carry into the next freeze: their
/// application id and one more draw than they were weighted with, sorted by id.
fn carried_draws(tx: &Connection, latest: &str) -> ApiResult<Vec<(i64, i64)>> {
    let mut stmt = tx.prepare("SELECT application_id FROM winners WHERE period_id = ?1")?;
    let winners = stmt
        .query_map([latest], |r| r.get::<_, i64>(0))?
        .collect::<Result<HashSet<_>, _>>()?;
    let mut stmt = tx.prepare(
        "SELECT application_id, draws + 1 FROM pool_entries
         WHERE period_id = ?1 AND draws IS NOT NULL ORDER BY application_id",
    )?;
    let rows = stmt.query_map([latest], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    let mut carried = Vec::new();
    for row in rows {
        let (application, draws) = row?;
        if !winners.contains(&application) {
            carried.push((application, draws));
        }
    }
    Ok(carried)
}

fn pool_of(tx: &Connection, id: &str) -> ApiResult<Pool> {
    let mut stmt = tx.prepare("SELECT code, weight FROM pool_entries WHERE period_id = ?1")?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    let mut entries = Vec::new();
    for row in rows {
        let (code, weight) = row?;
        let code = u64::try_from(code)
            .ok()
            .and_then(Code::from_value)
            .ok_or_else(|| ApiError::internal("stored code is not 13 digits"))?;
        entries.push((code, u32::try_from(weight).unwrap_or(1)));
    }
    Pool::from_entries(&entries).map_err(|e| {
        ApiError::invalid_state(
            format!("申请池无法开奖：{e}"),
            format!("the pool cannot be drawn: {e}"),
        )
    })
}

/// Marks a frozen period with an empty pool as void, so the schedule moves on.
pub fn void(tx: &Transaction<'_>, id: &str) -> ApiResult<()> {
    tx.execute(
        "UPDATE periods SET status = ?1 WHERE id = ?2 AND status = ?3",
        params![
            PeriodStatus::Void.as_str(),
            id,
            PeriodStatus::Frozen.as_str()
        ],
    )?;
    Ok(())
}

/// A seed as supplied by the operator, or 6 digits of OS randomness.
pub fn seed(supplied: Option<&str>) -> ApiResult<Seed> {
    let text = match supplied {
        Some(text) => text.trim().to_owned(),
        None => random::digits(6)?,
    };
    Seed::parse(&text)
        .filter(|s| s.value() >= 0)
        .ok_or_else(|| {
            ApiError::invalid(
                "seed",
                "种子数须为 1 至 9 位数字",
                "the seed is 1 to 9 digits",
            )
        })
}

/// Runs the official draw on the frozen pool with `seed` (the core's algorithm).
pub fn run_draw(
    tx: &Transaction<'_>,
    id: &str,
    seed: &Seed,
    now: DateTime<Utc>,
) -> ApiResult<Period> {
    let period = load(tx, id)?;
    if period.status != PeriodStatus::Frozen {
        return Err(invalid_state(
            "本期尚未封存或已开奖",
            "the period is not frozen, or already drawn",
        ));
    }
    let pool = pool_of(tx, id)?;
    let quota = u32::try_from(period.quota).unwrap_or(u32::MAX);
    let outcome = draw::run(&pool, quota, seed.value()).map_err(|e| {
        ApiError::invalid_state(format!("开奖失败：{e}"), format!("the draw failed: {e}"))
    })?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO winners (period_id, seq, position, code, application_id)
             SELECT ?1, ?2, ?3, ?4, id FROM applications WHERE code = ?4",
        )?;
        for row in &outcome.rows {
            insert.execute(params![id, row.seq, row.position, row.code.to_string()])?;
        }
    }
    tx.execute(
        "UPDATE periods SET status = ?1, seed = ?2, run_at = ?3, draws = ?4, repeats = ?5,
         ladder_copies = ?6 WHERE id = ?7",
        params![
            PeriodStatus::Drawn.as_str(),
            seed.text(),
            ms(now),
            outcome.draws as i64,
            outcome.repeats as i64,
            outcome.ladder_copies as i64,
            id
        ],
    )?;
    load(tx, id)
}

/// The stored draw of a period, as the core's outcome.
fn stored_outcome(tx: &Connection, id: &str) -> ApiResult<DrawOutcome> {
    let (draws, repeats, ladder_copies): (i64, i64, i64) = tx.query_row(
        "SELECT draws, repeats, ladder_copies FROM periods WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut stmt =
        tx.prepare("SELECT seq, position, code FROM winners WHERE period_id = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, position, code) = row?;
        let code =
            Code::parse(&code).ok_or_else(|| ApiError::internal("stored code is not 13 digits"))?;
        out.push(DrawRow {
            seq,
            position,
            code,
        });
    }
    Ok(DrawOutcome {
        rows: out,
        draws: draws as u64,
        repeats: repeats as u64,
        ladder_copies: ladder_copies as u64,
    })
}

/// Everything a period's files are written from: its header, draw and pool.
pub struct Publication {
    /// The result file's header.
    pub header: Header,
    /// The stored draw.
    pub outcome: DrawOutcome,
    /// The frozen pool.
    pub pool: Pool,
}

/// The header of the result file of a draw of `quota` over `pool`: individual ordinary, 2016
/// template, with N and 有效编码总数 as [`Pool::published_size`] and [`Pool::published_codes`]
/// state them (an undersubscribed list has no seed).
pub fn result_header(
    id: &str,
    title: &str,
    draw_at: DateTime<Utc>,
    run_at: DateTime<Utc>,
    pool: &Pool,
    quota: u32,
    seed: Option<Seed>,
) -> Header {
    Header {
        template: Template::Y2016,
        category: Category {
            applicant: Applicant::Individual,
            quota: QuotaKind::Ordinary,
        },
        period: id.to_owned(),
        title: title.to_owned(),
        draw_date: Some(yaohao_core::time::beijing_date(draw_at)),
        run_time: Some(yaohao_core::time::to_beijing(run_at).naive_local()),
        pool_size: pool.published_size(quota),
        codes: pool.published_codes(quota),
        quota,
        seed: seed.filter(|_| !pool.undersubscribed(quota)),
    }
}

/// Reads what the files of period `id` are written from; the period must be drawn (`published`
/// too when `republish`, to restore its files).
pub fn publication(conn: &Connection, id: &str, republish: bool) -> ApiResult<Publication> {
    let period = load(conn, id)?;
    let allowed = period.status == PeriodStatus::Drawn
        || (republish && period.status == PeriodStatus::Published);
    if !allowed {
        return Err(invalid_state(
            "本期尚未开奖或已公布",
            "the period is not drawn, or already published",
        ));
    }
    let (draw_at, run_at): (i64, i64) = conn.query_row(
        "SELECT draw_at, run_at FROM periods WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let outcome = stored_outcome(conn, id)?;
    let pool = pool_of(conn, id)?;
    let quota = u32::try_from(period.quota).unwrap_or(u32::MAX);
    let header = result_header(
        id,
        &period.title,
        from_ms(draw_at),
        from_ms(run_at),
        &pool,
        quota,
        period.seed.as_deref().and_then(Seed::parse),
    );
    Ok(Publication {
        header,
        outcome,
        pool,
    })
}

/// Publishes a drawn period in three steps, so the writer transaction stays short and a crash
/// never leaves a half-published period: the files are written to a staging directory (outside
/// any transaction), one transaction settles the period (winners get quotas, the push outbox is
/// filled), then the staging directory is renamed into place. A crash between the last two
/// leaves a published period without files, which [`restore_files`] rewrites at start-up.
/// Carry-over needs no write: the draw count is derived (see [`DRAWS_SQL`]).
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
    let published: Vec<String> = db.read_blocking(|c| {
        let mut stmt = c.prepare("SELECT id FROM periods WHERE status = ?1")?;
        let rows = stmt.query_map([PeriodStatus::Published.as_str()], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    })?;
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
    let period = load(tx, id)?;
    if period.status != PeriodStatus::Drawn {
        return Err(invalid_state(
            "本期尚未开奖或已公布",
            "the period is not drawn, or already published",
        ));
    }
    let draw_at: i64 = tx.query_row("SELECT draw_at FROM periods WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    let confirm_hours = i64::from(policy.rules.confirmation.params.hours);
    let validity = policy.rules.quota_validity.params.months;
    let confirm_by = now + chrono::Duration::hours(confirm_hours);
    let expires = from_ms(draw_at)
        .checked_add_months(chrono::Months::new(validity))
        .unwrap_or(from_ms(draw_at));
    tx.execute(
        "INSERT INTO quotas (application_id, account_id, period_id, certificate, status,
                             issued_at, confirm_by, expires_at)
         SELECT w.application_id, a.account_id, w.period_id,
                'Q' || w.period_id || printf('%06d', w.seq), ?2, ?3, ?4, ?5
         FROM winners w JOIN applications a ON a.id = w.application_id WHERE w.period_id = ?1",
        params![
            id,
            QuotaStatus::PendingConfirmation.as_str(),
            ms(now),
            ms(confirm_by),
            ms(expires)
        ],
    )?;
    tx.execute(
        "UPDATE applications SET status = ?2, last_win_at = ?3, updated_at = ?3
         WHERE id IN (SELECT application_id FROM winners WHERE period_id = ?1)",
        params![id, ApplicationStatus::Won.as_str(), ms(now)],
    )?;
    tx.execute(
        "UPDATE periods SET status = ?1, published_at = ?2 WHERE id = ?3",
        params![PeriodStatus::Published.as_str(), ms(now), id],
    )?;
    crate::push::enqueue_publication(tx, id, now)?;
    load(tx, id)
}

/// Every period's data-freeze window, `(from, until)` in Unix milliseconds.
pub fn freeze_windows(conn: &Connection) -> ApiResult<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT freeze_from, freeze_until FROM periods")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The end of the data freeze in force at `now` among `windows`, if any.
pub fn frozen_until(windows: &[(i64, i64)], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let now = ms(now);
    windows
        .iter()
        .filter(|(from, until)| *from <= now && now < *until)
        .map(|(_, until)| *until)
        .max()
        .map(from_ms)
}

/// 503 `data_freeze` until `until`.
pub fn freeze_error(until: DateTime<Utc>) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::DataFreeze,
        "摇号前数据封存期间暂停查询，这不是错误，请在封存结束后再查",
        "queries pause while data is frozen before the draw; this is not an error, try again after it ends",
    )
    .with_until(until)
    .with_retry_after(1)
}

/// Whether the person holds a quota that is still valid (pending or confirmed, not expired).
pub fn holds_valid_quota(conn: &Connection, resident_id: &str) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM quotas q JOIN accounts u ON u.id = q.account_id
         WHERE u.resident_id = ?1 AND q.status IN (?2, ?3))",
        params![
            resident_id,
            QuotaStatus::PendingConfirmation.as_str(),
            QuotaStatus::Confirmed.as_str()
        ],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaohao_core::policy::default_policy;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_created_period_is_numbered_like_the_core_calendar() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        let tx = conn.transaction().unwrap();
        let policy = default_policy();
        let draws: Vec<_> = calendar::events(policy, date("2026-01-01"), date("2026-12-31"), &[])
            .into_iter()
            .filter(|e| e.kind == EventKind::Draw)
            .collect();
        assert_eq!(draws.len(), 6);
        for (index, draw) in draws.iter().enumerate() {
            let period = create(&tx, policy, draw.date, Some(draw.date), 10).unwrap();
            // The calendar's n-th draw of the year is period `YYYY0n`.
            assert_eq!(period.id, format!("2026{:02}", index + 1), "{}", draw.date);
            assert_eq!(period.draw_at, at(ms(draw.at.to_utc())));
            assert!(
                period
                    .title
                    .starts_with(&format!("2026年第{:02}期", index + 1))
            );
        }
    }

    #[test]
    fn a_draw_before_the_policy_or_past_year_9999_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        let tx = conn.transaction().unwrap();
        let policy = default_policy();
        let early = policy.effective_from - Days::new(400);
        for after in [date("0384-08-01"), early, date("9999-12-31")] {
            let error = create(&tx, policy, after, None, 10).unwrap_err();
            assert_eq!(error.body().field.as_deref(), Some("draw_date"), "{after}");
        }
        let created: i64 = tx
            .query_row("SELECT count(*) FROM periods", [], |r| r.get(0))
            .unwrap();
        assert_eq!(created, 0);
    }
}
