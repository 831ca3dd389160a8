//! The application codes followed without an account: typed by the user (normalised by the
//! core), kept across logins, matched against every result file like the account's codes.

use super::{Cache, CacheResult};

impl Cache {
    /// Follows `code` (13 normalised digits) from `now_ms`; following it again changes nothing.
    pub fn follow(&self, code: &str, now_ms: i64) -> CacheResult<()> {
        self.conn().execute(
            "INSERT OR IGNORE INTO followed_codes (code, added_at) VALUES (?1, ?2)",
            rusqlite::params![code, now_ms],
        )?;
        Ok(())
    }

    /// Stops following `code`; whether it was followed.
    pub fn unfollow(&self, code: &str) -> CacheResult<bool> {
        Ok(self
            .conn()
            .execute("DELETE FROM followed_codes WHERE code = ?1", [code])?
            > 0)
    }

    /// The followed codes, in the order they were added.
    pub fn followed(&self) -> CacheResult<Vec<String>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT code FROM followed_codes ORDER BY added_at, code")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets which result files were read, so the next check reads them again and matches a
    /// newly followed code (outcomes already stored keep their notification mark).
    pub fn forget_result_files(&self) -> CacheResult<()> {
        self.conn().execute("DELETE FROM result_files", [])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::cache::Cache;

    #[test]
    fn followed_codes_survive_a_logout_and_go_with_the_personal_data() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        cache.follow("1234567890123", 2).unwrap();
        cache.follow("1234567890124", 1).unwrap();
        cache.follow("1234567890123", 3).unwrap();
        assert_eq!(
            cache.followed().unwrap(),
            ["1234567890124", "1234567890123"]
        );
        cache.clear_account().unwrap();
        assert_eq!(cache.followed().unwrap().len(), 2);
        assert!(cache.unfollow("1234567890124").unwrap());
        assert!(!cache.unfollow("1234567890124").unwrap());
        cache.clear_personal().unwrap();
        assert!(cache.followed().unwrap().is_empty());
    }
}
