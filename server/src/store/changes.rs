//! The `changes` table: the account's reviewed changes (marital status, address), and what an
//! approved one changes.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use yaohao_core::api::{ApplicationForm, ApplicationStatus, MaritalChangeStatus};

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};

use crate::time::at;

/// What a change is of (the stored `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The account's marital status (`requested` is a `MaritalStatus` name).
    MaritalStatus,
    /// The approved applications' contact address (`requested` is the address).
    Address,
}

impl ChangeKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::MaritalStatus => "marital_status",
            ChangeKind::Address => "address",
        }
    }
}

/// One stored change request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    /// Its id.
    pub id: i64,
    /// The value asked for.
    pub requested: String,
    /// The review.
    pub status: MaritalChangeStatus,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// When it was asked for.
    pub created_at: DateTime<Utc>,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, requested, status, reason, created_at, decided_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeRow> {
    Ok(ChangeRow {
        id: r.get(0)?,
        requested: r.get(1)?,
        status: MaritalChangeStatus::from(r.get::<_, String>(2)?),
        reason: r.get(3)?,
        created_at: at(r.get(4)?),
        decided_at: r.get::<_, Option<i64>>(5)?.map(at),
    })
}

/// The latest `kind` request of `account`.
pub fn latest_of(
    conn: &Connection,
    kind: ChangeKind,
    account: i64,
) -> ApiResult<Option<ChangeRow>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM changes WHERE account_id = ?1 AND kind = ?2
                 ORDER BY id DESC LIMIT 1"
            ),
            params![account, kind.as_str()],
            row,
        )
        .optional()?)
}

/// The `kind` request `id`.
pub fn by_id(conn: &Connection, kind: ChangeKind, id: i64) -> ApiResult<Option<ChangeRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM changes WHERE id = ?1 AND kind = ?2"),
            params![id, kind.as_str()],
            row,
        )
        .optional()?)
}

/// Every `kind` request of `account`, oldest first.
pub fn all_of(conn: &Connection, kind: ChangeKind, account: i64) -> ApiResult<Vec<ChangeRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM changes WHERE account_id = ?1 AND kind = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![account, kind.as_str()], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inserts a pending request with its proof's file hash; its id.
pub fn insert_pending(
    tx: &Transaction<'_>,
    account: i64,
    kind: ChangeKind,
    requested: &str,
    proof_sha256: &str,
    now_ms: i64,
) -> ApiResult<i64> {
    tx.execute(
        "INSERT INTO changes (account_id, kind, requested, proof_sha256, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            account,
            kind.as_str(),
            requested,
            proof_sha256,
            MaritalChangeStatus::Pending.as_str(),
            now_ms
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Records the decision on request `id`.
pub fn decide(
    tx: &Transaction<'_>,
    id: i64,
    status: MaritalChangeStatus,
    reason: Option<&str>,
    now_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "UPDATE changes SET status = ?1, reason = ?2, decided_at = ?3 WHERE id = ?4",
        params![status.as_str(), reason, now_ms, id],
    )?;
    Ok(())
}

/// The account that asked for change `id`.
fn account_of(tx: &Transaction<'_>, id: i64) -> ApiResult<i64> {
    Ok(
        tx.query_row("SELECT account_id FROM changes WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// Sets the marital status of the account that asked for change `id`.
pub fn apply_marital_status(tx: &Transaction<'_>, id: i64, status: &str) -> ApiResult<()> {
    tx.execute(
        "UPDATE accounts SET marital_status = ?1 WHERE id = ?2",
        params![status, account_of(tx, id)?],
    )?;
    Ok(())
}

/// Writes `address` into the form of every approved or won application of the account that
/// asked for change `id`; how many.
pub fn apply_address(
    tx: &Transaction<'_>,
    id: i64,
    address: &str,
    now_ms: i64,
) -> ApiResult<usize> {
    let account = account_of(tx, id)?;
    let forms: Vec<(i64, String)> = tx
        .prepare("SELECT id, form FROM applications WHERE account_id = ?1 AND status IN (?2, ?3)")?
        .query_map(
            params![
                account,
                ApplicationStatus::Approved.as_str(),
                ApplicationStatus::Won.as_str()
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    for (application, json) in &forms {
        let mut form: ApplicationForm = serde_json::from_str(json).map_err(ApiError::internal)?;
        form.address = Some(address.to_owned());
        tx.execute(
            "UPDATE applications SET form = ?1, updated_at = ?2 WHERE id = ?3",
            params![
                serde_json::to_string(&form).map_err(ApiError::internal)?,
                now_ms,
                application
            ],
        )?;
    }
    Ok(forms.len())
}
