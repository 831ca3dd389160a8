//! The account's won quotas, as the portal last listed them.

use super::{Cache, CacheResult};

impl Cache {
    /// Replaces the stored quotas with the portal's list of `(id, json)`.
    pub fn store_quotas(&self, list: &[(i64, String)]) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM quotas", [])?;
        for (id, json) in list {
            tx.execute(
                "INSERT INTO quotas (id, json) VALUES (?1, ?2)",
                rusqlite::params![id, json],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored quotas (JSON), newest first.
    pub fn quotas(&self) -> CacheResult<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT json FROM quotas ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::cache::Cache;

    #[test]
    fn quotas_are_replaced_and_cleared_with_the_account() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        cache
            .store_quotas(&[(1, "{\"a\":1}".into()), (2, "{\"b\":2}".into())])
            .unwrap();
        assert_eq!(cache.quotas().unwrap(), ["{\"b\":2}", "{\"a\":1}"]);
        cache.store_quotas(&[(3, "{}".into())]).unwrap();
        assert_eq!(cache.quotas().unwrap(), ["{}"]);
        cache.clear_account().unwrap();
        assert!(cache.quotas().unwrap().is_empty());
    }
}
