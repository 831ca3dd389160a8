//! Applications as last seen on the portal, and the history of their statuses.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Cache, CacheResult};
use crate::api::ApplicationStatus;

/// One application as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRow {
    /// Portal id.
    pub id: i64,
    /// Application code, once submitted.
    pub code: Option<String>,
    /// Kind (portal name).
    pub kind: String,
    /// Status (stored by its portal name).
    pub status: ApplicationStatus,
    /// Rejection reasons as JSON (`[]` when none).
    pub reasons: String,
    /// The whole portal view as JSON.
    pub json: String,
}

/// One entry of an application's status history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    /// Status (stored by its portal name).
    pub status: ApplicationStatus,
    /// Reasons as JSON.
    pub reasons: String,
    /// When this device first saw it, milliseconds since the epoch.
    pub seen_at: i64,
}

fn upsert(tx: &Transaction<'_>, a: &ApplicationRow, now_ms: i64) -> CacheResult<()> {
    tx.execute(
        "INSERT INTO applications (id, code, kind, status, json, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, kind = excluded.kind,
         status = excluded.status, json = excluded.json, fetched_at = excluded.fetched_at",
        params![a.id, a.code, a.kind, a.status.as_str(), a.json, now_ms],
    )?;
    let last: Option<(String, String)> = tx
        .query_row(
            "SELECT status, reasons FROM status_history WHERE application_id = ?1
             ORDER BY seen_at DESC, rowid DESC LIMIT 1",
            [a.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if last.as_ref() != Some(&(a.status.as_str().to_owned(), a.reasons.clone())) {
        tx.execute(
            "INSERT OR IGNORE INTO status_history (application_id, status, reasons, seen_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![a.id, a.status.as_str(), a.reasons, now_ms],
        )?;
    }
    Ok(())
}

impl Cache {
    /// Replaces the stored list with the portal's, recording status changes in the history.
    pub fn store_applications(&self, list: &[ApplicationRow], now_ms: i64) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
        tx.execute(
            "DELETE FROM applications WHERE id NOT IN (SELECT value FROM json_each(?1))",
            [serde_json::to_string(&ids)?],
        )?;
        for a in list {
            upsert(&tx, a, now_ms)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores one application as just seen.
    pub fn store_application(&self, a: &ApplicationRow, now_ms: i64) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        upsert(&tx, a, now_ms)?;
        tx.commit()?;
        Ok(())
    }

    /// Every stored application (JSON), newest first.
    pub fn applications(&self) -> CacheResult<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT json FROM applications ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The application codes of the account whose status is one of `statuses`.
    pub fn codes(&self, statuses: &[&str]) -> CacheResult<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT code FROM applications WHERE code IS NOT NULL
             AND status IN (SELECT value FROM json_each(?1)) ORDER BY code",
        )?;
        let rows = stmt.query_map([serde_json::to_string(statuses)?], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// An application's status history, oldest first.
    pub fn history(&self, application_id: i64) -> CacheResult<Vec<HistoryRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT status, reasons, seen_at FROM status_history WHERE application_id = ?1
             ORDER BY seen_at, rowid",
        )?;
        let rows = stmt.query_map([application_id], |r| {
            Ok(HistoryRow {
                status: ApplicationStatus::from(r.get::<_, String>(0)?),
                reasons: r.get(1)?,
                seen_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(id: i64, status: &str) -> ApplicationRow {
        ApplicationRow {
            id,
            code: Some(format!("{id:013}")),
            kind: "individual_ordinary".into(),
            status: ApplicationStatus::parse(status),
            reasons: "[]".into(),
            json: format!("{{\"id\":{id}}}"),
        }
    }

    #[test]
    fn history_records_changes_only_and_missing_applications_go() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        cache
            .store_applications(&[app(1, "under_review"), app(2, "draft")], 10)
            .unwrap();
        cache
            .store_applications(&[app(1, "under_review")], 20)
            .unwrap();
        cache.store_application(&app(1, "approved"), 30).unwrap();
        let statuses: Vec<ApplicationStatus> = cache
            .history(1)
            .unwrap()
            .into_iter()
            .map(|h| h.status)
            .collect();
        assert_eq!(
            statuses,
            [ApplicationStatus::UnderReview, ApplicationStatus::Approved]
        );
        assert_eq!(cache.applications().unwrap().len(), 1);
        assert!(cache.history(2).unwrap().is_empty());
        assert_eq!(cache.codes(&["approved"]).unwrap(), ["0000000000001"]);
        assert!(cache.codes(&["won"]).unwrap().is_empty());
    }
}
