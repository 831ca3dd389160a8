//! Sync marks (when something was last refreshed) and ETags of conditional requests.

use rusqlite::{OptionalExtension, params};

use super::{Cache, CacheResult};

impl Cache {
    /// The ETag stored for `path`.
    pub fn etag(&self, path: &str) -> CacheResult<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT etag FROM etags WHERE path = ?1", [path], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Stores the ETag of `path`'s latest answer.
    pub fn store_etag(&self, path: &str, etag: &str, now_ms: i64) -> CacheResult<()> {
        self.conn().execute(
            "INSERT INTO etags (path, etag, fetched_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (path) DO UPDATE SET etag = excluded.etag,
             fetched_at = excluded.fetched_at",
            params![path, etag, now_ms],
        )?;
        Ok(())
    }

    /// A sync mark's value.
    pub fn mark(&self, name: &str) -> CacheResult<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM sync_marks WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Sets a sync mark.
    pub fn set_mark(&self, name: &str, value: &str) -> CacheResult<()> {
        self.conn().execute(
            "INSERT INTO sync_marks (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![name, value],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::Cache;

    #[test]
    fn etags_and_marks_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        assert_eq!(cache.etag("/v1/x").unwrap(), None);
        cache.store_etag("/v1/x", "\"a\"", 1).unwrap();
        cache.store_etag("/v1/x", "\"b\"", 2).unwrap();
        assert_eq!(cache.etag("/v1/x").unwrap().as_deref(), Some("\"b\""));
        cache.set_mark("refreshed_at", "1").unwrap();
        cache.set_mark("refreshed_at", "2").unwrap();
        assert_eq!(cache.mark("refreshed_at").unwrap().as_deref(), Some("2"));
    }
}
