//! Dates the portal announced (overriding the policy's projections).

use super::{Cache, CacheResult};

impl Cache {
    /// Replaces the announced dates with the portal's list (each as JSON, keyed by kind and
    /// projected date).
    pub fn store_announced(&self, dates: &[(String, String, String)]) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM announced_dates", [])?;
        for (kind, date, json) in dates {
            tx.execute(
                "INSERT OR REPLACE INTO announced_dates (kind, date, json) VALUES (?1, ?2, ?3)",
                [kind, date, json],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The announced dates (JSON).
    pub fn announced(&self) -> CacheResult<Vec<String>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT json FROM announced_dates ORDER BY date, kind")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Cache {
    /// Replaces the announcements with the portal's list of `(id, published_at, json)`.
    pub fn store_announcements(&self, list: &[(i64, String, String)]) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM announcements", [])?;
        for (id, published_at, json) in list {
            tx.execute(
                "INSERT INTO announcements (id, published_at, json) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, published_at, json],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The announcements (JSON), newest first.
    pub fn announcements(&self) -> CacheResult<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT json FROM announcements ORDER BY published_at DESC, id DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
