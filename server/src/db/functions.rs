//! SQL functions backed by `yaohao-core`, so set-based statements (freezing a pool of millions)
//! use the core's rules without a row-by-row round trip.

use std::cell::Cell;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use yaohao_core::policy::Policy;

/// Runs `run` with `pool_weight(unsuccessful_draws, c5)` registered on `conn`: the positions an
/// application holds in a pool under `policy` ([`Policy::pool_weight`], the core's ladder of the
/// regime, one position without one).
pub fn with_pool_weight<T, E: From<rusqlite::Error>>(
    conn: &Connection,
    policy: &'static Policy,
    run: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    conn.create_scalar_function(
        "pool_weight",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let draws: i64 = ctx.get(0)?;
            let c5: Option<i64> = ctx.get(1)?;
            let draws = u32::try_from(draws.max(0)).unwrap_or(u32::MAX);
            Ok(i64::from(policy.pool_weight(draws, c5.unwrap_or(0) != 0)))
        },
    )?;
    let result = run();
    conn.remove_function("pool_weight", 2)?;
    result
}

/// Runs `run` with `carried_draws(application_id)` registered on `conn`: the draw count the
/// application carries over (`carried`, sorted by id), or NULL when it carries none.
pub fn with_carried_draws<T, E: From<rusqlite::Error>>(
    conn: &Connection,
    carried: Vec<(i64, i64)>,
    run: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    let cursor = Cell::new(0);
    conn.create_scalar_function(
        "carried_draws",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let application: i64 = ctx.get(0)?;
            // The freeze asks in id order: step on from the previous answer (search when asked
            // out of order).
            let mut i = cursor.get();
            if i > 0 && carried[i - 1].0 >= application {
                i = carried.partition_point(|&(id, _)| id < application);
            }
            while carried.get(i).is_some_and(|&(id, _)| id < application) {
                i += 1;
            }
            cursor.set(i);
            Ok(carried
                .get(i)
                .filter(|&&(id, _)| id == application)
                .map(|&(_, draws)| draws))
        },
    )?;
    let result = run();
    conn.remove_function("carried_draws", 1)?;
    result
}

#[cfg(test)]
mod tests {
    #[test]
    fn pool_weight_matches_the_policy() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let policy = yaohao_core::policy::default_policy();
        let found = super::with_pool_weight(&conn, policy, || {
            [(0, 0), (24, 0), (25, 0), (37, 1), (60, 0)]
                .into_iter()
                .map(|(draws, c5)| {
                    let sql: i64 =
                        conn.query_row("SELECT pool_weight(?1, ?2)", [draws, c5], |r| r.get(0))?;
                    Ok((sql, i64::from(policy.pool_weight(draws as u32, c5 != 0))))
                })
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap();
        for (sql, core) in found {
            assert_eq!(sql, core);
        }
        assert!(
            conn.query_row("SELECT pool_weight(1, 0)", [], |r| r.get::<_, i64>(0))
                .is_err(),
            "the function is gone afterwards"
        );
    }

    #[test]
    fn carried_draws_answers_only_while_registered() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let lookup = |id: i64| -> rusqlite::Result<Option<i64>> {
            conn.query_row("SELECT carried_draws(?1)", [id], |r| r.get(0))
        };
        let found = super::with_carried_draws(&conn, vec![(3, 7), (9, 1), (12, 4)], || {
            [3, 4, 9, 13, 12, 1, 9]
                .into_iter()
                .map(lookup)
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap();
        // In order, past the end, and out of order again.
        assert_eq!(
            found,
            [Some(7), None, Some(1), None, Some(4), None, Some(1)]
        );
        assert!(lookup(3).is_err(), "the function is gone afterwards");
    }
}
