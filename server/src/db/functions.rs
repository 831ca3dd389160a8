//! SQL functions backed by `yaohao-core`, so set-based statements (freezing a pool of millions)
//! use the core's rules without a row-by-row round trip.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// Registers `ladder_weight(unsuccessful_draws, c5)` = `yaohao_core::points::ladder_weight`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "ladder_weight",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let draws: i64 = ctx.get(0)?;
            let c5: Option<i64> = ctx.get(1)?;
            let draws = u32::try_from(draws.max(0)).unwrap_or(u32::MAX);
            Ok(i64::from(yaohao_core::points::ladder_weight(
                draws,
                c5.unwrap_or(0) != 0,
            )))
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn ladder_weight_matches_the_core() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        super::register(&conn).unwrap();
        for (draws, c5) in [(0, 0), (24, 0), (25, 0), (37, 1), (60, 0)] {
            let sql: i64 = conn
                .query_row("SELECT ladder_weight(?1, ?2)", [draws, c5], |r| r.get(0))
                .unwrap();
            let core = yaohao_core::points::ladder_weight(draws as u32, c5 != 0);
            assert_eq!(sql, i64::from(core));
        }
    }
}
