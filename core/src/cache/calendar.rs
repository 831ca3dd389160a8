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

impl Cache {
    /// Replaces the stored periods with the portal's list of `(id, json)`.
    pub fn store_periods(&self, list: &[(String, String)]) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM periods", [])?;
        for (id, json) in list {
            tx.execute(
                "INSERT INTO periods (period, json) VALUES (?1, ?2)",
                [id, json],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored periods (JSON), newest first.
    pub fn periods(&self) -> CacheResult<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT json FROM periods ORDER BY period DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Replaces the scheduled reminders with `list` of `(id, fire_at_ms, json)` and returns the
    /// ids that were scheduled before and are not any more.
    pub fn replace_reminders(&self, list: &[(String, i64, String)]) -> CacheResult<Vec<String>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let ids: Vec<&str> = list.iter().map(|(id, _, _)| id.as_str()).collect();
        let gone: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM reminders WHERE id NOT IN (SELECT value FROM json_each(?1))
                 ORDER BY id",
            )?;
            let rows = stmt.query_map([serde_json::to_string(&ids)?], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        tx.execute("DELETE FROM reminders", [])?;
        for (id, fire_at, json) in list {
            tx.execute(
                "INSERT INTO reminders (id, fire_at, json) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, fire_at, json],
            )?;
        }
        tx.commit()?;
        Ok(gone)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Cache;

    #[test]
    fn replacing_reminders_names_the_ones_to_cancel() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        let r = |id: &str| (id.to_owned(), 0, "{}".to_owned());
        assert!(
            cache
                .replace_reminders(&[r("a"), r("b")])
                .unwrap()
                .is_empty()
        );
        assert_eq!(cache.replace_reminders(&[r("b"), r("c")]).unwrap(), ["a"]);
        assert_eq!(cache.replace_reminders(&[]).unwrap(), ["b", "c"]);
        cache
            .store_periods(&[
                ("202604".into(), "{}".into()),
                ("202606".into(), "[]".into()),
            ])
            .unwrap();
        assert_eq!(cache.periods().unwrap(), ["[]", "{}"]);
        cache
            .store_announced(&[("draw".into(), "2026-04-26".into(), "{}".into())])
            .unwrap();
        assert_eq!(cache.announced().unwrap().len(), 1);
    }
}
