//! SQLite storage: one writer connection behind a mutex, a small pool of read connections, WAL
//! journaling, foreign keys, and `user_version` migrations. Every call runs on tokio's blocking
//! pool so the async workers never wait on the disk.

pub mod functions;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::ApiResult;

/// Read connections at most; a reader waits for a free one beyond that.
const READ_POOL: usize = 16;

/// The portal database.
#[derive(Clone)]
pub struct Db {
    inner: Arc<DbInner>,
}

struct DbInner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<ReadPool>,
    returned: Condvar,
}

/// Idle read connections and how many exist in all.
struct ReadPool {
    idle: Vec<Connection>,
    open: usize,
}

/// Opening or migrating the database failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite refused an operation.
    #[error("database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file's permissions could not be set.
    #[error("database {path}: {source}")]
    Io {
        /// The database file.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file was written by a newer portal.
    #[error("database {path} has schema version {found}, newer than this portal's {known}")]
    TooNew {
        /// The database file.
        path: String,
        /// Version in the file.
        found: usize,
        /// Newest version this build knows.
        known: usize,
    },
}

/// Bytes of the database file read through a memory map (reads of a multi-gigabyte pool skip a
/// system call per page).
const MMAP_SIZE: i64 = 1 << 32;

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // Pragmas that cannot run inside a transaction are set here, once per connection.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "mmap_size", MMAP_SIZE)?;
    // A pool freeze grows the write-ahead log by hundreds of MB; give the space back afterwards.
    conn.pragma_update(None, "journal_size_limit", 64 << 20)?;
    // The portal is the system of record: a commit it acknowledged survives a power cut (in WAL
    // mode FULL syncs the log at every commit; readers never sync, so the read paths do not pay).
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(())
}

/// Creates the database file readable and writable by its owner only (0600: it holds ID numbers
/// and phone numbers), or narrows an existing file to that. SQLite gives its `-wal` and `-shm`
/// files the database file's mode.
fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Runs every migration newer than the file's `user_version`, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<usize, rusqlite::Error> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let done = usize::try_from(current).unwrap_or(0);
    for (index, sql) in schema::MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
    }
    Ok(schema::MIGRATIONS.len())
}

impl Db {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        let shown = path.display().to_string();
        let sqlite = |source| DbError::Sqlite {
            path: shown.clone(),
            source,
        };
        owner_only(path).map_err(|source| DbError::Io {
            path: shown.clone(),
            source,
        })?;
        let mut writer = Connection::open(path).map_err(sqlite)?;
        configure(&writer).map_err(sqlite)?;
        // Freezing and publishing a pool of millions walk large indexes: a 256 MB page cache
        // (allocated as used) keeps them in memory.
        writer
            .pragma_update(None, "cache_size", -262_144)
            .map_err(sqlite)?;
        let found: i64 = writer
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sqlite)?;
        let found = usize::try_from(found).unwrap_or(usize::MAX);
        if found > schema::MIGRATIONS.len() {
            return Err(DbError::TooNew {
                path: shown,
                found,
                known: schema::MIGRATIONS.len(),
            });
        }
        migrate(&mut writer).map_err(sqlite)?;
        Ok(Db {
            inner: Arc::new(DbInner {
                path: path.to_path_buf(),
                writer: Mutex::new(writer),
                readers: Mutex::new(ReadPool {
                    idle: Vec::new(),
                    open: 0,
                }),
                returned: Condvar::new(),
            }),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` in a write transaction, committed when `f` returns `Ok`.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> ApiResult<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || inner.write_blocking(f)).await?
    }

    /// Runs `f` on a read connection (it sees a consistent snapshot when it opens a transaction).
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || inner.read_blocking(f)).await?
    }

    /// The blocking form of [`Db::write`], for the operator CLI and background work.
    pub fn write_blocking<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> ApiResult<T>,
    ) -> ApiResult<T> {
        self.inner.write_blocking(f)
    }

    /// The blocking form of [`Db::read`].
    pub fn read_blocking<T>(&self, f: impl FnOnce(&Connection) -> ApiResult<T>) -> ApiResult<T> {
        self.inner.read_blocking(f)
    }

    /// Writes a consistent copy of the whole database to `dest` (SQLite `VACUUM INTO`).
    pub fn backup(&self, dest: &Path) -> ApiResult<()> {
        let dest = dest.to_string_lossy().into_owned();
        self.read_blocking(move |conn| {
            conn.execute("VACUUM INTO ?1", [dest])?;
            Ok(())
        })
    }
}

impl DbInner {
    fn write_blocking<T>(&self, f: impl FnOnce(&Transaction<'_>) -> ApiResult<T>) -> ApiResult<T> {
        let mut conn = self
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    fn read_blocking<T>(&self, f: impl FnOnce(&Connection) -> ApiResult<T>) -> ApiResult<T> {
        let conn = self.take_reader()?;
        let value = f(&conn);
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .idle
            .push(conn);
        self.returned.notify_one();
        value
    }

    /// An idle read connection, a new one while fewer than [`READ_POOL`] exist, or the next one
    /// returned.
    fn take_reader(&self) -> ApiResult<Connection> {
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(conn) = pool.idle.pop() {
                return Ok(conn);
            }
            if pool.open < READ_POOL {
                pool.open += 1;
                drop(pool);
                let opened = self.open_reader();
                if opened.is_err() {
                    self.readers.lock().unwrap_or_else(|p| p.into_inner()).open -= 1;
                }
                return opened;
            }
            pool = self.returned.wait(pool).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn open_reader(&self) -> ApiResult<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "mmap_size", MMAP_SIZE)?;
        Ok(conn)
    }
}

/// The steps of `sql`'s query plan (`EXPLAIN QUERY PLAN`), for tests that pin a plan.
#[cfg(test)]
pub(crate) fn query_plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    // Parameters stay unbound (NULL): the plan does not depend on their values.
    let mut rows = stmt.raw_query();
    let mut steps = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        steps.push(row.get(3).unwrap());
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_a_fresh_file_and_reopens_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal.db");
        let db = Db::open(&path).unwrap();
        let version: i64 = db
            .read_blocking(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?))
            .unwrap();
        assert_eq!(version as usize, schema::MIGRATIONS.len());
        let mode: String = db
            .read_blocking(|c| Ok(c.pragma_query_value(None, "journal_mode", |r| r.get(0))?))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(db);
        assert!(Db::open(&path).is_ok());
    }

    #[test]
    fn upgrades_a_version_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(schema::MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO accounts (resident_id, name, mobile, password_hash, created_at)
                 VALUES ('x', 'n', 'm', 'h', 0)",
                [],
            )
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        let kept: i64 = db
            .read_blocking(|c| Ok(c.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(kept, 1);
    }

    #[test]
    fn keeps_version_five_pools_with_their_codes_as_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &schema::MIGRATIONS[..5] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 5).unwrap();
            // Entries only: the applications they name are not needed here.
            conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
            conn.execute_batch(
                "INSERT INTO periods (id, kind, title, quota, cutoff_at, freeze_from,
                     freeze_until, draw_at, publish_at, status)
                 VALUES ('202601', 'draw', 't', 1, 0, 0, 0, 0, 0, 'published');
                 INSERT INTO pool_entries (period_id, application_id, code, weight, draws)
                 VALUES ('202601', 7, '0123456789012', 3, 30), ('202601', 8, '4000000000001', 1, NULL);",
            )
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        let rows: Vec<(i64, i64, i64, Option<i64>)> = db
            .read_blocking(|c| {
                let mut stmt = c.prepare(
                    "SELECT application_id, code, weight, draws FROM pool_entries
                     WHERE period_id = '202601' ORDER BY application_id",
                )?;
                let rows =
                    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .unwrap();
        assert_eq!(
            rows,
            [
                (7, 123_456_789_012, 3, Some(30)),
                (8, 4_000_000_000_001, 1, None)
            ]
        );
    }

    #[test]
    fn keeps_version_eight_marital_changes_as_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v8.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &schema::MIGRATIONS[..8] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 8).unwrap();
            conn.execute_batch(
                "INSERT INTO accounts (id, resident_id, name, mobile, password_hash, created_at)
                 VALUES (9, 'r', 'n', 'm', 'h', 0);
                 INSERT INTO marital_changes (id, account_id, requested_status,
                     certificate_sha256, status, reason, created_at, decided_at)
                 VALUES (4, 9, 'married', 'abc', 'rejected', 'blurred', 10, 20);",
            )
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        let row = db
            .read_blocking(|c| {
                Ok(c.query_row(
                    "SELECT id, account_id, kind, requested, proof_sha256, status, reason
                     FROM changes",
                    [],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, String>(5)?,
                            r.get::<_, String>(6)?,
                        ))
                    },
                )?)
            })
            .unwrap();
        assert_eq!(
            row,
            (
                4,
                9,
                "marital_status".into(),
                "married".into(),
                "abc".into(),
                "rejected".into(),
                "blurred".into()
            )
        );
    }

    #[test]
    fn refuses_a_newer_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 999)
            .unwrap();
        assert!(matches!(
            Db::open(&path),
            Err(DbError::TooNew { found: 999, .. })
        ));
    }
}
