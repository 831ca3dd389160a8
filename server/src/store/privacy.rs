//! What the applicant's data rights read and erase: the rows an export gathers beyond the other
//! stores, and the erasure of an account's personal data.

use rusqlite::{Connection, Transaction, params};
use yaohao_core::api::{ApplicationForm, ApplicationStatus, SessionRecord};

use crate::error::{ApiError, ApiResult};
use crate::time::at;

/// Every session of `account`, oldest first (never the token's hash).
pub fn sessions(conn: &Connection, account: i64) -> ApiResult<Vec<SessionRecord>> {
    let mut stmt = conn.prepare(
        "SELECT created_at, expires_at, ended_reason FROM sessions WHERE account_id = ?1
         ORDER BY created_at",
    )?;
    let rows = stmt.query_map([account], |r| {
        Ok(SessionRecord {
            created_at: at(r.get(0)?),
            expires_at: at(r.get(1)?),
            ended_reason: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The password hash of `account`.
pub fn password_hash(conn: &Connection, account: i64) -> ApiResult<String> {
    Ok(conn.query_row(
        "SELECT password_hash FROM accounts WHERE id = ?1",
        [account],
        |r| r.get(0),
    )?)
}

/// The keyed hash a deleted account keeps of `resident_id` while it holds a valid quota:
/// HMAC-SHA256 under this database's random `erased_id` key, hex. The key never leaves the
/// database, so the ID number cannot be recovered by hashing the ID space without it.
pub fn erased_id_hash(conn: &Connection, resident_id: &str) -> ApiResult<String> {
    let key: Vec<u8> = conn.query_row(
        "SELECT value FROM portal_keys WHERE name = 'erased_id'",
        [],
        |r| r.get(0),
    )?;
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
    Ok(hex::encode(ring::hmac::sign(&key, resident_id.as_bytes())))
}

/// The session end reason of an erased account.
pub const ENDED_DELETED: &str = "account_deleted";

/// Erases the personal data of `account` at `now_ms` and returns the hashes of the files its
/// materials and certificates used (to remove those no other row uses).
///
/// What stays is what the lottery's integrity needs, by application code only: submitted
/// applications (code, status and draw count, with an empty form) for the pools and published
/// results of past draws, and the quotas. Drafts, materials, change requests (marital status, address), devices,
/// pending pushes and SMS codes go; every session ends; the account row keeps its id with no
/// ID number, name, mobile or password, so the ID number may register again. While it holds a
/// valid quota the row keeps a keyed hash of the ID number ([`erased_id_hash`]), so that the
/// new registration is still found holding that quota.
pub fn erase(tx: &Transaction<'_>, account: i64, now_ms: i64) -> ApiResult<Vec<String>> {
    let files: Vec<String> = tx
        .prepare(
            "SELECT d.sha256 FROM documents d JOIN applications a ON a.id = d.application_id
             WHERE a.account_id = ?1
             UNION SELECT proof_sha256 FROM changes WHERE account_id = ?1",
        )?
        .query_map([account], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mobile: String = tx.query_row(
        "SELECT mobile FROM accounts WHERE id = ?1",
        [account],
        |r| r.get(0),
    )?;
    let empty_form =
        serde_json::to_string(&ApplicationForm::default()).map_err(ApiError::internal)?;
    tx.execute(
        "DELETE FROM documents WHERE application_id IN
         (SELECT id FROM applications WHERE account_id = ?1)",
        [account],
    )?;
    tx.execute("DELETE FROM changes WHERE account_id = ?1", [account])?;
    tx.execute(
        "DELETE FROM applications WHERE account_id = ?1 AND code IS NULL",
        [account],
    )?;
    tx.execute(
        "UPDATE applications SET form = ?2, rejection_reasons = NULL, updated_at = ?3,
         status = CASE WHEN status IN (?4, ?5, ?6) THEN status ELSE ?6 END
         WHERE account_id = ?1",
        params![
            account,
            empty_form,
            now_ms,
            ApplicationStatus::Won.as_str(),
            ApplicationStatus::Removed.as_str(),
            ApplicationStatus::Withdrawn.as_str()
        ],
    )?;
    tx.execute("DELETE FROM devices WHERE account_id = ?1", [account])?;
    tx.execute("DELETE FROM push_outbox WHERE account_id = ?1", [account])?;
    tx.execute("DELETE FROM sms_codes WHERE mobile = ?1", [&mobile])?;
    tx.execute("DELETE FROM sms_outbox WHERE mobile = ?1", [&mobile])?;
    super::sessions::end_active(tx, account, ENDED_DELETED)?;
    let resident_id: String = tx.query_row(
        "SELECT resident_id FROM accounts WHERE id = ?1",
        [account],
        |r| r.get(0),
    )?;
    let keep_hash = super::quotas::holds_valid_quota(tx, &resident_id)?;
    let erased = keep_hash
        .then(|| erased_id_hash(tx, &resident_id))
        .transpose()?;
    // A unit's profile and its contact's ID go too: the unit may register again.
    tx.execute("DELETE FROM units WHERE account_id = ?1", [account])?;
    tx.execute(
        "UPDATE accounts SET resident_id = 'deleted:' || id, name = '', mobile = '',
         password_hash = '', failed_logins = 0, locked_until = NULL, deleted_at = ?2,
         erased_id_hash = ?3
         WHERE id = ?1",
        params![account, now_ms, erased],
    )?;
    Ok(files)
}

/// Whether any material or certificate still uses the file `sha256`.
pub fn file_in_use(conn: &Connection, sha256: &str) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM documents WHERE sha256 = ?1)
         OR EXISTS(SELECT 1 FROM changes WHERE proof_sha256 = ?1)",
        [sha256],
        |r| r.get(0),
    )?)
}
