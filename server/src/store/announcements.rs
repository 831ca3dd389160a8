//! The `announcements` table: policy notices.

use rusqlite::{Connection, Transaction, params};
use yaohao_core::api::{Announcement, NewAnnouncement};

use crate::error::ApiResult;
use crate::time::at;

/// Every announcement, newest first.
pub fn list(conn: &Connection) -> ApiResult<Vec<Announcement>> {
    let mut stmt = conn.prepare(
        "SELECT id, title_zh, title_en, body_zh, body_en, published_at FROM announcements
         ORDER BY published_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Announcement {
            id: r.get(0)?,
            title_zh: r.get(1)?,
            title_en: r.get(2)?,
            body_zh: r.get(3)?,
            body_en: r.get(4)?,
            published_at: at(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Inserts an announcement published at `now_ms`; its id.
pub fn insert(tx: &Transaction<'_>, body: &NewAnnouncement, now_ms: i64) -> ApiResult<i64> {
    tx.execute(
        "INSERT INTO announcements (title_zh, title_en, body_zh, body_en, published_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            body.title_zh,
            body.title_en,
            body.body_zh,
            body.body_en,
            now_ms
        ],
    )?;
    Ok(tx.last_insert_rowid())
}
