//! The local cache: one SQLite file (WAL, foreign keys, `user_version` migrations) holding
//! everything a screen needs, so every screen can be drawn offline in milliseconds. Session tokens
//! are never stored here (they live in the [`crate::secrets::SecretStore`]).

mod applications;
mod calendar;
mod drafts;
mod followed;
mod marks;
mod outcomes;
mod profile;
mod quotas;
pub mod schema;
mod uploads;

pub use applications::{ApplicationRow, HistoryRow};
pub use drafts::DraftRow;
pub use outcomes::{OutcomeRow, ResultFileRow};
pub use uploads::{QueuedUpload, StoredDocument};

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::client::ClientError;

/// A cache operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// SQLite failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON document does not match its type.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A file next to the database could not be written or read.
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    /// The file was written by a newer build.
    #[error(transparent)]
    TooNew(#[from] schema::TooNew),
}

impl From<CacheError> for ClientError {
    fn from(e: CacheError) -> ClientError {
        ClientError::local(e)
    }
}

/// Shorthand for cache results.
pub type CacheResult<T> = Result<T, CacheError>;

/// The cache database: one connection behind a mutex (every statement is short).
#[derive(Debug)]
pub struct Cache {
    conn: Mutex<Connection>,
}

impl Cache {
    /// Opens (creating if needed) the cache at `path` and migrates it to the latest schema.
    pub fn open(path: &Path) -> CacheResult<Cache> {
        let mut conn = Connection::open(path)?;
        // Pragmas outside any transaction: WAL survives a killed process with every committed
        // transaction intact; NORMAL sync is durable in WAL except on power loss.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        schema::migrate(&mut conn)?;
        Ok(Cache {
            conn: Mutex::new(conn),
        })
    }

    /// The connection. A panic while holding it cannot leave a transaction open (rusqlite rolls
    /// back on drop), so a poisoned lock is still usable.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `PRAGMA integrity_check`: `"ok"` when the file is sound.
    pub fn integrity_check(&self) -> CacheResult<String> {
        Ok(self
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Forgets everything tied to the logged-in account (drafts and queued uploads stay: they are
    /// the applicant's unsent work, and so do the followed codes and their outcomes). The result
    /// files read go too: their outcomes were matched against this account's codes, and the next
    /// login matches them against its own.
    pub fn clear_account(&self) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM profile; DELETE FROM status_history; DELETE FROM applications;
             DELETE FROM documents; DELETE FROM result_files;
             DELETE FROM outcomes WHERE code NOT IN (SELECT code FROM followed_codes);
             DELETE FROM etags; DELETE FROM sync_marks; DELETE FROM quotas;",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets everything personal, drafts, queued uploads, reminders and followed codes included
    /// (the account was deleted); what stays is public: periods, announcements, the calendar.
    pub fn clear_personal(&self) -> CacheResult<()> {
        self.clear_account()?;
        self.conn().execute_batch(
            "DELETE FROM upload_queue; DELETE FROM drafts; DELETE FROM reminders;
             DELETE FROM followed_codes; DELETE FROM outcomes;",
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_wal_with_foreign_keys_at_the_latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        let conn = cache.conn();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let v: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::LATEST);
        drop(conn);
        assert_eq!(cache.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn upgrades_a_version_1_file_keeping_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(schema::V1).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO drafts (local_id, kind, form, revision, updated_at)
                 VALUES ('d1', 'individual_ordinary', '{\"address\":\"北京市\"}', 3, 0)",
                [],
            )
            .unwrap();
        }
        let cache = Cache::open(&path).unwrap();
        let draft = cache.draft("d1").unwrap().unwrap();
        assert_eq!(draft.revision, 3);
        assert!(draft.form.contains("北京市"));
        let v: u32 = cache
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::LATEST);
        // A table of version 2 exists and works.
        assert!(!cache.mark_notified("1234567890123", "202602", 0).unwrap());
        // Reopening a migrated file changes nothing.
        drop(cache);
        assert!(Cache::open(&path).is_ok());
    }

    #[test]
    fn refuses_a_file_from_a_newer_build() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", schema::LATEST + 1)
            .unwrap();
        assert!(matches!(Cache::open(&path), Err(CacheError::TooNew(_))));
    }
}
