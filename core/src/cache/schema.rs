//! The cache schema and its migrations, applied in order on `PRAGMA user_version`.
//!
//! Never edit a shipped step: add one. `V1` is kept verbatim as the snapshot the upgrade test
//! starts from.

use rusqlite::Connection;

/// Version 1: the account, applications and their history, drafts, documents, the upload queue,
/// sync marks and ETags.
pub const V1: &str = "
CREATE TABLE sync_marks (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    account_id INTEGER NOT NULL,
    json TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
);
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    code TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    json TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
);
CREATE TABLE status_history (
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    reasons TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (application_id, seen_at, status)
);
CREATE TABLE drafts (
    local_id TEXT PRIMARY KEY,
    application_id INTEGER,
    kind TEXT NOT NULL,
    form TEXT NOT NULL,
    revision INTEGER NOT NULL,
    synced_revision INTEGER NOT NULL DEFAULT 0,
    create_attempted INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE TABLE documents (
    application_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    local_path TEXT,
    uploaded_at TEXT,
    PRIMARY KEY (application_id, kind)
);
CREATE TABLE upload_queue (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id TEXT NOT NULL REFERENCES drafts(local_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    local_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    queued_at INTEGER NOT NULL
);
CREATE TABLE etags (
    path TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
);
";

/// Version 2: draw periods and announced dates, result files and per-code outcomes (with the
/// notification mark that makes result alerts exactly-once), announcements, reminders.
pub const V2: &str = "
CREATE TABLE periods (
    period TEXT PRIMARY KEY,
    json TEXT NOT NULL
);
CREATE TABLE announced_dates (
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (kind, date)
);
CREATE TABLE result_files (
    period TEXT NOT NULL,
    category TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    rows INTEGER NOT NULL,
    verified INTEGER NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (period, category)
);
CREATE TABLE outcomes (
    code TEXT NOT NULL,
    period TEXT NOT NULL,
    won INTEGER NOT NULL,
    detail TEXT NOT NULL,
    decided_at INTEGER NOT NULL,
    notified_at INTEGER,
    PRIMARY KEY (code, period)
);
CREATE TABLE announcements (
    id INTEGER PRIMARY KEY,
    published_at TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE reminders (
    id TEXT PRIMARY KEY,
    fire_at INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX applications_code ON applications(code);
";

/// Version 3: the account's won quotas as the portal last listed them (certificate, confirmation
/// deadline, validity), so the result cards show them offline.
pub const V3: &str = "
CREATE TABLE quotas (
    id INTEGER PRIMARY KEY,
    json TEXT NOT NULL
);
";

/// Version 4: the application codes followed without an account (from the official system),
/// whose results are matched like the account's own.
pub const V4: &str = "
CREATE TABLE followed_codes (
    code TEXT PRIMARY KEY,
    added_at INTEGER NOT NULL
);
";

/// Every migration step; step `i` brings the schema from version `i` to `i + 1`.
pub const STEPS: [&str; 4] = [V1, V2, V3, V4];

/// The schema version this build writes.
pub const LATEST: u32 = STEPS.len() as u32;

/// A database written by a newer build than this one.
#[derive(Debug, thiserror::Error)]
#[error("cache schema version {found} is newer than this build's {LATEST}")]
pub struct TooNew {
    /// The version found.
    pub found: u32,
}

/// Applies the missing steps, each in its own transaction with its version bump.
pub fn migrate(conn: &mut Connection) -> Result<(), super::CacheError> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST {
        return Err(TooNew { found: current }.into());
    }
    for (version, step) in STEPS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", version as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
