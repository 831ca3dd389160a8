//! The `periods` table and the draws' own tables: `pool_entries` (the frozen pools) and
//! `winners`, plus the operator's `announced_dates`.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use yaohao_core::api::{ApplicationStatus, Period, PeriodKind, PeriodStatus};
use yaohao_core::calendar::{AnnouncedDate, EventKind};
use yaohao_core::draw::{DrawOutcome, DrawRow, Pool};
use yaohao_core::forms::{ApplicationForm, ApplicationKind};
use yaohao_core::policy::Policy;
use yaohao_core::preview;
use yaohao_core::results::{Code, Seed};

use crate::db::functions;
use crate::error::{ApiError, ApiResult};
use crate::store::draws::DRAWS_SQL;
use crate::time::at;

const PERIOD_COLUMNS: &str = "id, kind, title, quota, status, cutoff_at, freeze_from, \
    freeze_until, draw_at, publish_at, pool_size, seed, run_at, published_at";

fn period_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Period> {
    Ok(Period {
        id: r.get(0)?,
        kind: PeriodKind::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
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

pub fn pool_of(tx: &Connection, id: &str) -> ApiResult<Pool> {
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

/// The stored draw of a period, as the core's outcome.
pub fn stored_outcome(tx: &Connection, id: &str) -> ApiResult<DrawOutcome> {
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

/// Every period's data-freeze window, `(from, until)` in Unix milliseconds.
pub fn freeze_windows(conn: &Connection) -> ApiResult<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT freeze_from, freeze_until FROM periods")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The columns of a new period.
pub struct NewPeriod<'a> {
    /// The portal id ([`yaohao_core::api::period_id`]).
    pub id: &'a str,
    /// Which lottery it draws.
    pub kind: PeriodKind,
    /// Its title.
    pub title: &'a str,
    /// Quotas drawn.
    pub quota: u32,
    /// Application cut-off (ms).
    pub cutoff_ms: i64,
    /// Data freeze start (ms).
    pub freeze_from_ms: i64,
    /// Data freeze end (ms).
    pub freeze_until_ms: i64,
    /// The draw (ms).
    pub draw_ms: i64,
    /// Publication (ms).
    pub publish_ms: i64,
}

/// Inserts an open period; false if a period of that id exists.
pub fn insert(tx: &Transaction<'_>, p: &NewPeriod<'_>) -> ApiResult<bool> {
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO periods (id, kind, title, quota, cutoff_at, freeze_from,
         freeze_until, draw_at, publish_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            p.id,
            p.kind.as_str(),
            p.title,
            p.quota,
            p.cutoff_ms,
            p.freeze_from_ms,
            p.freeze_until_ms,
            p.draw_ms,
            p.publish_ms,
            PeriodStatus::Open.as_str()
        ],
    )?;
    Ok(inserted > 0)
}

/// Fills the pool of period `id` with the applications of its kind approved by its cut-off;
/// returns the pool's size (sum of weights).
pub fn fill_pool(tx: &Transaction<'_>, policy: &'static Policy, id: &str) -> ApiResult<i64> {
    let (kind, cutoff): (String, i64) = tx.query_row(
        "SELECT kind, cutoff_at FROM periods WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match PeriodKind::parse(&kind).unwrap_or_default() {
        PeriodKind::Draw => fill_individual_pool(tx, policy, id, cutoff)?,
        // A family holds as many positions as its points ([`Policy::family_pool_weight`]).
        PeriodKind::FamilyDraw => fill_pool_of(tx, id, cutoff, PeriodKind::FamilyDraw, |form| {
            let family = form.family.clone().unwrap_or_default();
            policy.family_pool_weight(&preview::family_model(&family))
        })?,
        // A unit holds one position (the official unit lists: no ladder).
        kind @ (PeriodKind::UnitDraw | PeriodKind::UnitNevDraw) => {
            fill_pool_of(tx, id, cutoff, kind, |_| Some(1))?
        }
    }
    Ok(tx.query_row(
        "SELECT COALESCE(SUM(weight), 0) FROM pool_entries WHERE period_id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// The pool of a lottery of `kind` other than the individual one: every application of its
/// entrants' kind approved by `cutoff`, holding the positions `weight` gives its form.
fn fill_pool_of(
    tx: &Transaction<'_>,
    id: &str,
    cutoff: i64,
    kind: PeriodKind,
    weight: impl Fn(&ApplicationForm) -> Option<u32>,
) -> ApiResult<()> {
    let mut select = tx.prepare(
        "SELECT id, CAST(code AS INTEGER), form FROM applications
         WHERE status = ?1 AND kind = ?2 AND code IS NOT NULL AND reviewed_at <= ?3",
    )?;
    let rows = select.query_map(
        params![
            ApplicationStatus::Approved.as_str(),
            kind.entrants().as_str(),
            cutoff
        ],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        },
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO pool_entries (period_id, application_id, code, weight)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for row in rows {
        let (application, code, form) = row?;
        let form = serde_json::from_str::<ApplicationForm>(&form).unwrap_or_default();
        let weight = weight(&form).ok_or_else(|| {
            ApiError::internal(format_args!(
                "approved application {application} has no weight in the {} pool",
                kind.as_str()
            ))
        })?;
        insert.execute(params![id, application, code, weight])?;
    }
    Ok(())
}

/// The individual pool: every individual ordinary application approved by `cutoff`, with its
/// draws so far and its weight under `policy` ([`Policy::pool_weight`], through the SQL function
/// `pool_weight`).
fn fill_individual_pool(
    tx: &Transaction<'_>,
    policy: &'static Policy,
    id: &str,
    cutoff: i64,
) -> ApiResult<()> {
    let latest: Option<String> = tx
        .query_row(
            "SELECT id FROM periods WHERE status = ?1 AND kind = ?2
             ORDER BY draw_at DESC LIMIT 1",
            params![PeriodStatus::Published.as_str(), PeriodKind::Draw.as_str()],
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
         SELECT ?1, id, code, draws, pool_weight(draws, c5)
         FROM (SELECT applications.id, CAST(applications.code AS INTEGER) AS code,
                      {draws} AS draws,
                      json_extract(applications.form, '$.c5_licence') AS c5
               FROM applications NOT INDEXED
               WHERE applications.status = ?2 AND applications.kind = ?4
                 AND applications.code IS NOT NULL AND applications.reviewed_at <= ?3
               LIMIT -1 OFFSET 0)"
    );
    let run = || {
        tx.execute(
            &insert,
            params![
                id,
                ApplicationStatus::Approved.as_str(),
                cutoff,
                ApplicationKind::IndividualOrdinary.as_str()
            ],
        )
    };
    functions::with_pool_weight(tx, policy, || match carried {
        None => run(),
        Some(carried) => functions::with_carried_draws(tx, carried, run),
    })?;
    Ok(())
}

/// Marks period `id` frozen with a pool of `size`.
pub fn mark_frozen(tx: &Transaction<'_>, id: &str, size: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE periods SET status = ?1, pool_size = ?2 WHERE id = ?3",
        params![PeriodStatus::Frozen.as_str(), size, id],
    )?;
    Ok(())
}

/// Stores the draw of period `id`: its winners and the run's figures.
pub fn record_draw(
    tx: &Transaction<'_>,
    id: &str,
    seed: &Seed,
    outcome: &DrawOutcome,
    now_ms: i64,
) -> ApiResult<()> {
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
            now_ms,
            outcome.draws as i64,
            outcome.repeats as i64,
            outcome.ladder_copies as i64,
            id
        ],
    )?;
    Ok(())
}

/// The draw instant and the run instant (ms) of period `id` (the run is 0 before the draw).
pub fn draw_and_run_ms(conn: &Connection, id: &str) -> ApiResult<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT draw_at, COALESCE(run_at, 0) FROM periods WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The ids of the periods in `status`.
pub fn with_status(conn: &Connection, status: PeriodStatus) -> ApiResult<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM periods WHERE status = ?1")?;
    let rows = stmt.query_map([status.as_str()], |r| r.get(0))?;
    Ok(rows.collect::<Result<Vec<String>, _>>()?)
}

/// Marks period `id` published at `now_ms`.
pub fn mark_published(tx: &Transaction<'_>, id: &str, now_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE periods SET status = ?1, published_at = ?2 WHERE id = ?3",
        params![PeriodStatus::Published.as_str(), now_ms, id],
    )?;
    Ok(())
}

/// Records (or moves) the announced moment of a projected calendar event.
pub fn announce(tx: &Transaction<'_>, date: &AnnouncedDate) -> ApiResult<()> {
    let kind = serde_json::to_value(date.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .ok_or_else(|| ApiError::internal("event kind"))?;
    tx.execute(
        "INSERT INTO announced_dates (kind, projected, at) VALUES (?1, ?2, ?3)
         ON CONFLICT(kind, projected) DO UPDATE SET at = excluded.at",
        params![kind, date.projected.to_string(), date.at.to_rfc3339()],
    )?;
    Ok(())
}

/// The scheduled moment of a period a tick compares with the clock.
#[derive(Debug, Clone, Copy)]
pub enum Moment {
    /// The application cut-off (the pool freezes).
    Cutoff,
    /// The draw.
    Draw,
    /// The publication.
    Publish,
}

impl Moment {
    fn column(self) -> &'static str {
        match self {
            Moment::Cutoff => "cutoff_at",
            Moment::Draw => "draw_at",
            Moment::Publish => "publish_at",
        }
    }
}

/// The periods in `status` whose `moment` has come by `now_ms`, by draw date.
pub fn due(
    conn: &Connection,
    status: PeriodStatus,
    moment: Moment,
    now_ms: i64,
) -> ApiResult<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM periods WHERE status = ?1 AND {} <= ?2 ORDER BY draw_at",
        moment.column()
    ))?;
    let rows = stmt.query_map(params![status.as_str(), now_ms], |r| r.get(0))?;
    Ok(rows.collect::<Result<Vec<String>, _>>()?)
}
