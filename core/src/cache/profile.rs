//! The logged-in account's profile.

use rusqlite::{OptionalExtension, params};

use super::{Cache, CacheResult};

impl Cache {
    /// Stores the profile (JSON) of `account_id`.
    pub fn store_profile(&self, account_id: i64, json: &str, now_ms: i64) -> CacheResult<()> {
        self.conn().execute(
            "INSERT INTO profile (id, account_id, json, fetched_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,
             json = excluded.json, fetched_at = excluded.fetched_at",
            params![account_id, json, now_ms],
        )?;
        Ok(())
    }

    /// The stored profile (JSON), if any.
    pub fn profile(&self) -> CacheResult<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT json FROM profile WHERE id = 1", [], |r| r.get(0))
            .optional()?)
    }
}
