//! Outcomes read from the pools and winners: "my results" and the anonymous query.

use rusqlite::Connection;
use yaohao_core::api::{PeriodOutcome, PeriodStatus, ResultEntry};

use crate::error::ApiResult;

/// The results of the applications selected by `clause`: the join order is fixed (the pool is
/// only ever read by its primary key).
fn results_sql(clause: &str) -> String {
    format!(
        "SELECT p.id, p.title, a.code, p.status, w.seq, w.position
         FROM applications a
         CROSS JOIN periods p
         CROSS JOIN pool_entries e ON e.period_id = p.id AND e.application_id = a.id
         LEFT JOIN winners w ON w.period_id = p.id AND w.application_id = a.id
         WHERE {clause} ORDER BY p.draw_at DESC"
    )
}

fn results_where(
    conn: &Connection,
    clause: &str,
    key: &dyn rusqlite::ToSql,
) -> ApiResult<Vec<ResultEntry>> {
    let mut stmt = conn.prepare_cached(&results_sql(clause))?;
    let rows = stmt.query_map([key], |r| {
        let published = PeriodStatus::from(r.get::<_, String>(3)?) == PeriodStatus::Published;
        let seq: Option<i64> = r.get(4)?;
        let won = seq.is_some();
        Ok(ResultEntry {
            period: r.get(0)?,
            title: r.get(1)?,
            code: r.get(2)?,
            outcome: match (published, won) {
                (false, _) => PeriodOutcome::Pending,
                (true, true) => PeriodOutcome::Won,
                (true, false) => PeriodOutcome::NotWon,
            },
            seq: if published { seq } else { None },
            position: if published { r.get(5)? } else { None },
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The outcomes of every application of `account`, newest period first.
pub fn of_account(conn: &Connection, account: i64) -> ApiResult<Vec<ResultEntry>> {
    results_where(conn, "a.account_id = ?1", &account)
}

/// The outcomes of the application with `code`, newest period first.
pub fn of_code(conn: &Connection, code: &str) -> ApiResult<Vec<ResultEntry>> {
    results_where(conn, "a.code = ?1", &code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pool holds millions of rows: every query over it must seek its primary key.
    #[test]
    fn pool_queries_seek_the_primary_key() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        let draws = format!(
            "SELECT {} FROM applications WHERE id = ?1",
            *crate::store::draws::DRAWS_SQL
        );
        for sql in [
            results_sql("a.account_id = ?1"),
            results_sql("a.code = ?1"),
            draws,
            crate::store::push::PUBLICATION_SQL.to_owned(),
        ] {
            let plan = crate::db::query_plan(&conn, &sql);
            let pool: Vec<_> = plan
                .iter()
                .filter(|step| step.contains(" e ") || step.ends_with(" e"))
                .collect();
            assert!(!pool.is_empty(), "{plan:?}");
            assert!(
                pool.iter()
                    .all(|step| step.starts_with("SEARCH e USING PRIMARY KEY")),
                "{plan:?}"
            );
        }
    }
}
