//! The `applications` table (and the application serial counter).

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use yaohao_core::api::{Application, ApplicationStatus};
use yaohao_core::forms::{ApplicationForm, ApplicationKind};

use crate::error::{ApiError, ApiResult};
use crate::store::draws::DRAWS_SQL;
use crate::time::{at, ms};

/// Columns [`from_row`] reads, in order.
/// The draw count is derived from the published pools ([`DRAWS_SQL`]).
pub static COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "id, kind, status, code, form, rejection_reasons, {}, submitted_at, reviewed_at, \
         created_at, updated_at, account_id, continued_on",
        *DRAWS_SQL
    )
});

/// Builds an application from a row selected with [`COLUMNS`], with its account.
pub fn from_row(r: &Row<'_>) -> rusqlite::Result<(Application, i64)> {
    let kind: String = r.get(1)?;
    let form: String = r.get(4)?;
    let reasons: Option<String> = r.get(5)?;
    let continued_on: Option<String> = r.get(12)?;
    Ok((
        Application {
            id: r.get(0)?,
            kind: ApplicationKind::parse(&kind).unwrap_or(ApplicationKind::IndividualOrdinary),
            status: ApplicationStatus::from(r.get::<_, String>(2)?),
            code: r.get(3)?,
            form: serde_json::from_str(&form).unwrap_or_default(),
            rejection_reasons: reasons
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default(),
            draw_count: r.get(6)?,
            submitted_at: r.get::<_, Option<i64>>(7)?.map(at),
            reviewed_at: r.get::<_, Option<i64>>(8)?.map(at),
            created_at: at(r.get(9)?),
            updated_at: at(r.get(10)?),
            continued_on: continued_on.and_then(|d| d.parse().ok()),
        },
        r.get(11)?,
    ))
}

/// Loads application `id` if it belongs to `account_id` (else `not_found`: other accounts'
/// applications do not exist for this one).
pub fn load_owned(conn: &Connection, id: i64, account_id: i64) -> ApiResult<Application> {
    conn.query_row(
        &format!(
            "SELECT {} FROM applications WHERE id = ?1 AND account_id = ?2",
            *COLUMNS
        ),
        params![id, account_id],
        from_row,
    )
    .optional()?
    .map(|(view, _)| view)
    .ok_or_else(ApiError::not_found)
}

/// Every application of `account_id`, newest first.
pub fn list_owned(conn: &Connection, account_id: i64) -> ApiResult<Vec<Application>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM applications WHERE account_id = ?1 ORDER BY id DESC",
        *COLUMNS
    ))?;
    let rows = stmt.query_map([account_id], from_row)?;
    Ok(rows
        .map(|r| r.map(|(view, _)| view))
        .collect::<Result<Vec<_>, _>>()?)
}

/// Reserves `count` consecutive serials (≥ 1); returns the first.
pub fn reserve_serials(tx: &Transaction<'_>, count: u32) -> ApiResult<i64> {
    let last = crate::store::counters::add(
        tx,
        crate::store::counters::APPLICATION_SERIAL,
        i64::from(count.max(1)),
    )?;
    Ok(last - i64::from(count.max(1)) + 1)
}

/// Stores a form on an editable application.
pub fn save_form(
    tx: &Transaction<'_>,
    id: i64,
    form: &ApplicationForm,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let text = serde_json::to_string(form).map_err(ApiError::internal)?;
    tx.execute(
        "UPDATE applications SET form = ?1, updated_at = ?2 WHERE id = ?3",
        params![text, ms(now), id],
    )?;
    Ok(())
}

/// Inserts a draft of `account`; its id.
pub fn insert_draft(
    tx: &Transaction<'_>,
    account: i64,
    kind: ApplicationKind,
    form: &ApplicationForm,
    now_ms: i64,
) -> ApiResult<i64> {
    let form = serde_json::to_string(form).map_err(ApiError::internal)?;
    tx.execute(
        "INSERT INTO applications (account_id, kind, status, form, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            account,
            kind.as_str(),
            ApplicationStatus::Draft.as_str(),
            form,
            now_ms
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Deletes application `id`.
pub fn delete(tx: &Transaction<'_>, id: i64) -> ApiResult<()> {
    tx.execute("DELETE FROM applications WHERE id = ?1", [id])?;
    Ok(())
}

/// The code of another active application (not a draft, removed or withdrawn) of `account`, if
/// any.
pub fn other_active_code(conn: &Connection, account: i64, id: i64) -> ApiResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT code FROM applications WHERE account_id = ?1 AND id != ?2
             AND status NOT IN (?3, ?4, ?5)",
            params![
                account,
                id,
                ApplicationStatus::Draft.as_str(),
                ApplicationStatus::Removed.as_str(),
                ApplicationStatus::Withdrawn.as_str()
            ],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Marks application `id` submitted under `code` (keeping a first submission's instant).
pub fn mark_submitted(tx: &Transaction<'_>, id: i64, code: &str, now_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE applications SET status = ?1, code = ?2, rejection_reasons = NULL,
         submitted_at = COALESCE(submitted_at, ?3), updated_at = ?3 WHERE id = ?4",
        params![ApplicationStatus::UnderReview.as_str(), code, now_ms, id],
    )?;
    Ok(())
}

/// Notes a change of application `id` at `now_ms`.
pub fn touch(tx: &Transaction<'_>, id: i64, now_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE applications SET updated_at = ?1 WHERE id = ?2",
        params![now_ms, id],
    )?;
    Ok(())
}

/// Whether application `id` belongs to `account`.
pub fn owned_by(conn: &Connection, id: i64, account: i64) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM applications WHERE id = ?1 AND account_id = ?2)",
        params![id, account],
        |r| r.get::<_, bool>(0),
    )?)
}

/// Records that application `id` continues (继续参与) in the year of `today`.
pub fn set_continued(
    tx: &Transaction<'_>,
    id: i64,
    today: chrono::NaiveDate,
    now_ms: i64,
) -> ApiResult<()> {
    use chrono::Datelike;
    tx.execute(
        "UPDATE applications SET continued_year = ?1, continued_on = ?2, updated_at = ?3
         WHERE id = ?4",
        params![today.year(), today.to_string(), now_ms, id],
    )?;
    Ok(())
}

/// Marks application `id` withdrawn (its code, form and history stay).
pub fn withdraw(tx: &Transaction<'_>, id: i64, now_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE applications SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![ApplicationStatus::Withdrawn.as_str(), now_ms, id],
    )?;
    Ok(())
}

/// Whether application `id` is in the pool of a frozen period that has not been drawn yet.
pub fn in_frozen_pool(conn: &Connection, id: i64) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM periods p JOIN pool_entries e
         ON e.period_id = p.id AND e.application_id = ?1 WHERE p.status = ?2)",
        params![id, yaohao_core::api::PeriodStatus::Frozen.as_str()],
        |r| r.get(0),
    )?)
}

/// Puts application `id` back under review (a reactivation).
pub fn reopen(tx: &Transaction<'_>, id: i64, now_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE applications SET status = ?1, submitted_at = ?2, updated_at = ?2
         WHERE id = ?3",
        params![ApplicationStatus::UnderReview.as_str(), now_ms, id],
    )?;
    Ok(())
}

/// An approved queued application (new-energy individual or family): id, kind, owner,
/// submission (ms), form and the owner's registration (ms).
pub struct Queued {
    /// The application.
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// Its account.
    pub owner: i64,
    /// When it was submitted (ms).
    pub submitted_ms: i64,
    /// Its form.
    pub form: ApplicationForm,
    /// When its account registered (ms).
    pub registered_ms: i64,
}

/// Every approved new-energy individual and family application.
pub fn queued(conn: &Connection) -> ApiResult<Vec<Queued>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.kind, a.account_id, a.submitted_at, a.form, u.created_at
         FROM applications a JOIN accounts u ON u.id = a.account_id
         WHERE a.status = ?1 AND a.kind IN (?2, ?3)",
    )?;
    let rows = stmt.query_map(
        params![
            ApplicationStatus::Approved.as_str(),
            ApplicationKind::IndividualNev.as_str(),
            ApplicationKind::Family.as_str()
        ],
        |r| {
            let kind: String = r.get(1)?;
            let form: String = r.get(4)?;
            Ok(Queued {
                id: r.get(0)?,
                kind: ApplicationKind::parse(&kind).unwrap_or(ApplicationKind::IndividualNev),
                owner: r.get(2)?,
                submitted_ms: r.get(3)?,
                form: serde_json::from_str(&form).unwrap_or_default(),
                registered_ms: r.get(5)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Marks the winners of period `id` won.
pub fn mark_winners_won(tx: &Transaction<'_>, id: &str, now_ms: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE applications SET status = ?2, last_win_at = ?3, updated_at = ?3
         WHERE id IN (SELECT application_id FROM winners WHERE period_id = ?1)",
        params![id, ApplicationStatus::Won.as_str(), now_ms],
    )?;
    Ok(())
}

/// Whether `resident_id` takes part in an active application of its own account.
pub fn person_in_active(conn: &Connection, resident_id: &str) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM applications a JOIN accounts u ON u.id = a.account_id
         WHERE u.resident_id = ?1 AND a.status NOT IN (?2, ?3, ?4))",
        params![
            resident_id,
            ApplicationStatus::Draft.as_str(),
            ApplicationStatus::Removed.as_str(),
            ApplicationStatus::Withdrawn.as_str()
        ],
        |r| r.get(0),
    )?)
}

/// Every application under review, oldest first: id, kind, form and the account's resident ID.
pub fn under_review(
    conn: &Connection,
) -> ApiResult<Vec<(i64, ApplicationKind, ApplicationForm, String)>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.kind, a.form, u.resident_id FROM applications a
         JOIN accounts u ON u.id = a.account_id WHERE a.status = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([ApplicationStatus::UnderReview.as_str()], |r| {
        let kind: String = r.get(1)?;
        let form: String = r.get(2)?;
        Ok((
            r.get(0)?,
            ApplicationKind::parse(&kind).unwrap_or(ApplicationKind::IndividualOrdinary),
            serde_json::from_str(&form).unwrap_or_default(),
            r.get(3)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a review of application `id`: its new status and, for a rejection, the reasons (JSON).
pub fn record_review(
    tx: &Transaction<'_>,
    id: i64,
    status: ApplicationStatus,
    reasons: Option<&str>,
    now_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "UPDATE applications SET status = ?1, rejection_reasons = ?2, reviewed_at = ?3,
         updated_at = ?3 WHERE id = ?4",
        params![status.as_str(), reasons, now_ms, id],
    )?;
    Ok(())
}

/// The yearly clean-up: removes approved applications submitted (and last won) at or before
/// `oldest_ms` that were not continued in `continued_since` or later; how many.
pub fn remove_lapsed(
    tx: &Transaction<'_>,
    oldest_ms: i64,
    continued_since: i32,
    now_ms: i64,
) -> ApiResult<usize> {
    Ok(tx.execute(
        "UPDATE applications SET status = ?1, updated_at = ?2
         WHERE status = ?3 AND submitted_at <= ?4
           AND (last_win_at IS NULL OR last_win_at <= ?4)
           AND COALESCE(continued_year, 0) < ?5",
        params![
            ApplicationStatus::Removed.as_str(),
            now_ms,
            ApplicationStatus::Approved.as_str(),
            oldest_ms,
            continued_since
        ],
    )?)
}
