//! Result files fetched and the outcome of every code of the account per period, with the mark
//! that makes each result alert fire exactly once.

use rusqlite::{OptionalExtension, params};

use super::{Cache, CacheResult};

/// The stored outcome of one code in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    /// Application code.
    pub code: String,
    /// Period number: year + draw sequence (`202606`).
    pub period: String,
    /// Whether the code won.
    pub won: bool,
    /// Details as JSON (row number, position, verification).
    pub detail: String,
    /// When it was decided, milliseconds since the epoch.
    pub decided_at: i64,
    /// When the alert was handed out, if it was.
    pub notified_at: Option<i64>,
}

/// A fetched result file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultFileRow {
    /// Period number: year + draw sequence (`202606`).
    pub period: String,
    /// Category (e.g. `individual_ordinary`).
    pub category: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Rows listed.
    pub rows: i64,
    /// Whether the list passed verification.
    pub verified: bool,
    /// When it was fetched, milliseconds since the epoch.
    pub fetched_at: i64,
}

impl Cache {
    /// Records a fetched result file and the outcomes of the account's codes in one transaction
    /// (an outcome already stored is kept: a published result never changes).
    pub fn store_result(&self, file: &ResultFileRow, outcomes: &[OutcomeRow]) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO result_files (period, category, sha256, rows, verified, fetched_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (period, category) DO UPDATE SET sha256 = excluded.sha256,
             rows = excluded.rows, verified = excluded.verified, fetched_at = excluded.fetched_at",
            params![
                file.period,
                file.category,
                file.sha256,
                file.rows,
                file.verified,
                file.fetched_at
            ],
        )?;
        for o in outcomes {
            tx.execute(
                "INSERT OR IGNORE INTO outcomes (code, period, won, detail, decided_at, notified_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL)",
                params![o.code, o.period, o.won, o.detail, o.decided_at],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Whether a result file of `period` is stored.
    pub fn has_result(&self, period: &str) -> CacheResult<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM result_files WHERE period = ?1)",
            [period],
            |r| r.get(0),
        )?)
    }

    /// The outcomes of a period.
    pub fn outcomes(&self, period: &str) -> CacheResult<Vec<OutcomeRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT code, period, won, detail, decided_at, notified_at FROM outcomes
             WHERE period = ?1 ORDER BY code",
        )?;
        let rows = stmt.query_map([period], outcome_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Claims the alert of a code and period: true exactly once, whatever the number of calls or
    /// processes (the update is atomic in SQLite).
    pub fn mark_notified(&self, code: &str, period: &str, now_ms: i64) -> CacheResult<bool> {
        let changed = self.conn().execute(
            "UPDATE outcomes SET notified_at = ?3
             WHERE code = ?1 AND period = ?2 AND notified_at IS NULL",
            params![code, period, now_ms],
        )?;
        Ok(changed == 1)
    }

    /// The outcome of a code in a period.
    pub fn outcome(&self, code: &str, period: &str) -> CacheResult<Option<OutcomeRow>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT code, period, won, detail, decided_at, notified_at FROM outcomes
                 WHERE code = ?1 AND period = ?2",
                params![code, period],
                outcome_row,
            )
            .optional()?)
    }

    /// The latest outcomes, newest period first.
    pub fn latest_outcomes(&self, limit: i64) -> CacheResult<Vec<OutcomeRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT code, period, won, detail, decided_at, notified_at FROM outcomes
             ORDER BY period DESC, code LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], outcome_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn outcome_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutcomeRow> {
    Ok(OutcomeRow {
        code: r.get(0)?,
        period: r.get(1)?,
        won: r.get(2)?,
        detail: r.get(3)?,
        decided_at: r.get(4)?,
        notified_at: r.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_is_claimed_once_and_outcomes_never_change() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        let o = OutcomeRow {
            code: "1234567890123".into(),
            period: "202602".into(),
            won: true,
            detail: "{}".into(),
            decided_at: 5,
            notified_at: None,
        };
        assert!(!cache.mark_notified(&o.code, &o.period, 6).unwrap());
        let file = ResultFileRow {
            period: o.period.clone(),
            category: "individual_ordinary".into(),
            sha256: "ab".into(),
            rows: 1,
            verified: true,
            fetched_at: 5,
        };
        assert!(!cache.has_result("202602").unwrap());
        cache.store_result(&file, std::slice::from_ref(&o)).unwrap();
        let lost = OutcomeRow {
            won: false,
            ..o.clone()
        };
        cache.store_result(&file, &[lost]).unwrap();
        assert!(cache.has_result("202602").unwrap());
        assert_eq!(cache.outcomes("202602").unwrap().len(), 1);
        assert!(cache.mark_notified(&o.code, &o.period, 6).unwrap());
        assert!(!cache.mark_notified(&o.code, &o.period, 7).unwrap());
        let stored = cache.outcome(&o.code, &o.period).unwrap().unwrap();
        assert!(stored.won);
        assert_eq!(stored.notified_at, Some(6));
        assert_eq!(cache.latest_outcomes(10).unwrap().len(), 1);
    }
}
