//! The `devices` table (push targets per account) and the push outbox as the operator reads it.

use rusqlite::{Connection, Transaction, params};
use yaohao_core::api::{Device, Provider, PushOutboxEntry, PushStatus, WebPushKeys};

use crate::error::ApiResult;

/// The devices of `account`, oldest first.
pub fn of_account(conn: &Connection, account: i64) -> ApiResult<Vec<Device>> {
    let mut stmt = conn.prepare(
        "SELECT id, provider, token, created_at FROM devices WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([account], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, provider, token, at) = row?;
        if let Some(provider) = Provider::parse(&provider) {
            out.push(Device {
                id,
                provider,
                token,
                created_at: crate::time::at(at),
            });
        }
    }
    Ok(out)
}

/// Registers `token` (with a `web_push` subscription's `keys`) for `account`: a token already
/// known moves to `account` and takes the new keys.
pub fn upsert(
    tx: &Transaction<'_>,
    account: i64,
    provider: Provider,
    token: &str,
    keys: Option<&WebPushKeys>,
    now_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO devices (account_id, provider, token, created_at, p256dh, auth)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(provider, token) DO UPDATE SET account_id = excluded.account_id,
         p256dh = excluded.p256dh, auth = excluded.auth",
        params![
            account,
            provider.as_str(),
            token,
            now_ms,
            keys.map(|k| k.p256dh.as_str()),
            keys.map(|k| k.auth.as_str())
        ],
    )?;
    Ok(())
}

/// Deletes device `id` whatever its account (a push service said its subscription is gone);
/// whether there was one.
pub fn delete_gone(tx: &Transaction<'_>, id: i64) -> ApiResult<bool> {
    Ok(tx.execute("DELETE FROM devices WHERE id = ?1", [id])? > 0)
}

/// Deletes device `id` of `account`; whether there was one.
pub fn delete(tx: &Transaction<'_>, account: i64, id: i64) -> ApiResult<bool> {
    let deleted = tx.execute(
        "DELETE FROM devices WHERE id = ?1 AND account_id = ?2",
        params![id, account],
    )?;
    Ok(deleted > 0)
}

/// Whether `account` holds the device `token` of `provider`.
pub fn holds(conn: &Connection, account: i64, provider: Provider, token: &str) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM devices WHERE account_id = ?1 AND provider = ?2
         AND token = ?3)",
        params![account, provider.as_str(), token],
        |r| r.get::<_, bool>(0),
    )?)
}

/// The whole push outbox, oldest first.
pub fn outbox(conn: &Connection) -> ApiResult<Vec<PushOutboxEntry>> {
    let mut stmt = conn.prepare(
        "SELECT idempotency_key, account_id, won, status, attempts, last_error
         FROM push_outbox ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PushOutboxEntry {
            idempotency_key: r.get(0)?,
            account_id: r.get(1)?,
            won: r.get(2)?,
            status: PushStatus::from(r.get::<_, String>(3)?),
            attempts: r.get(4)?,
            last_error: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
