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

/// Inserts a demo unit per `(login key, credit code, name)`: its account (the contact's mobile
/// numbered from `first`) and its unit row; their account ids.
pub fn insert_units(
    tx: &Transaction<'_>,
    units: &[(String, String, String)],
    first: i64,
    password_hash: &str,
    at_ms: i64,
) -> ApiResult<Vec<i64>> {
    let keys: Vec<String> = units.iter().map(|(key, _, _)| key.clone()).collect();
    let ids = insert_accounts(tx, &keys, first, password_hash, at_ms)?;
    let mut unit = tx.prepare(
        "INSERT INTO units (account_id, credit_code, unit_name, contact_resident_id)
         VALUES (?1, ?2, ?3, '')",
    )?;
    for (id, (_, code, name)) in ids.iter().zip(units) {
        unit.execute(params![id, code, name])?;
    }
    Ok(ids)
}

/// Inserts an approved application of `kind` per `(account, code, draws)`.
pub fn insert_applications(
    tx: &Transaction<'_>,
    kind: ApplicationKind,
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
            kind.as_str()
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
