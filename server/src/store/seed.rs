//! Bulk inserts of the synthetic demo population (`seed-demo`): prepared statements, each table
//! filled in turn, inside the caller's transaction.

use rusqlite::{Connection, Transaction, params};
use yaohao_core::api::ApplicationStatus;
use yaohao_core::forms::ApplicationKind;

use crate::error::ApiResult;

/// Accounts so far (synthetic numbers continue from here).
pub fn accounts(conn: &Connection) -> ApiResult<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get(0))?)
}

/// Inserts a demo account per resident ID (mobile numbers numbered from `first`); their ids.
pub fn insert_accounts(
    tx: &Transaction<'_>,
    resident_ids: &[String],
    first: i64,
    password_hash: &str,
    at_ms: i64,
) -> ApiResult<Vec<i64>> {
    let mut account = tx.prepare(
        "INSERT INTO accounts (resident_id, name, mobile, password_hash, created_at)
         VALUES (?1, '演示用户', ?2, ?3, ?4)",
    )?;
    let mut ids = Vec::with_capacity(resident_ids.len());
    for (i, id) in resident_ids.iter().enumerate() {
        let n = first as u64 + i as u64;
        let mobile = format!("13{:09}", n % 1_000_000_000);
        account.execute(params![id, mobile, password_hash, at_ms])?;
        ids.push(tx.last_insert_rowid());
    }
    Ok(ids)
}

/// Inserts an approved individual ordinary application per `(account, code, draws)`.
pub fn insert_applications(
    tx: &Transaction<'_>,
    applications: &[(i64, String, u32)],
    form: &str,
    at_ms: i64,
) -> ApiResult<()> {
    let mut application = tx.prepare(
        "INSERT INTO applications (account_id, kind, status, form, code, submitted_at,
         reviewed_at, draw_count, created_at, updated_at)
         VALUES (?1, ?7, ?2, ?3, ?4, ?5, ?5, ?6, ?5, ?5)",
    )?;
    for (account_id, code, draws) in applications {
        application.execute(params![
            account_id,
            ApplicationStatus::Approved.as_str(),
            form,
            code,
            at_ms,
            draws,
            ApplicationKind::IndividualOrdinary.as_str()
        ])?;
    }
    Ok(())
}

/// Inserts the registry records that make each person eligible (hukou, a valid licence).
pub fn insert_eligible_records(
    tx: &Transaction<'_>,
    resident_ids: &[String],
    at_ms: i64,
) -> ApiResult<()> {
    let mut record = tx.prepare(
        "INSERT INTO registry (resident_id, record, value, valid_until, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for id in resident_ids {
        record.execute(params![id, "hukou", "", Option::<String>::None, at_ms])?;
        record.execute(params![
            id,
            "driving_licence",
            "110000123456",
            "2035-01-01",
            at_ms
        ])?;
    }
    Ok(())
}
