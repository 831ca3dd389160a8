//! The `documents` table: which material of an application is stored under which hash.

use rusqlite::{Connection, Transaction, params};
use yaohao_core::api::{Document, DocumentKind};

use crate::error::ApiResult;

/// The application material stored under `name` (other kinds belong to other requests).
fn application_material(name: &str) -> Option<DocumentKind> {
    DocumentKind::parse(name).filter(|k| k.is_application_material())
}

/// Materials uploaded for an application.
pub fn uploaded_kinds(conn: &Connection, id: i64) -> ApiResult<Vec<DocumentKind>> {
    let mut stmt = conn.prepare("SELECT kind FROM documents WHERE application_id = ?1")?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut kinds = Vec::new();
    for row in rows {
        kinds.extend(application_material(&row?));
    }
    Ok(kinds)
}

/// The application materials of application `id`, by kind.
pub fn list(conn: &Connection, id: i64) -> ApiResult<Vec<Document>> {
    let mut stmt = conn.prepare(
        "SELECT kind, sha256, media_type, size, created_at FROM documents
         WHERE application_id = ?1 ORDER BY kind",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, sha256, media_type, size, at) = row?;
        if let Some(kind) = application_material(&kind) {
            out.push(Document {
                kind,
                sha256,
                media_type,
                size,
                uploaded_at: crate::time::at(at),
            });
        }
    }
    Ok(out)
}

/// Stores (or replaces) the `kind` material of application `id`.
pub fn upsert(
    tx: &Transaction<'_>,
    id: i64,
    kind: DocumentKind,
    sha256: &str,
    media_type: &str,
    size: i64,
    now_ms: i64,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO documents (application_id, kind, sha256, media_type, size, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(application_id, kind) DO UPDATE SET sha256 = excluded.sha256,
         media_type = excluded.media_type, size = excluded.size,
         created_at = excluded.created_at",
        params![id, kind.as_str(), sha256, media_type, size, now_ms],
    )?;
    Ok(())
}

/// Deletes the `kind` material of application `id`; whether there was one.
pub fn delete(tx: &Transaction<'_>, id: i64, kind: DocumentKind) -> ApiResult<bool> {
    let deleted = tx.execute(
        "DELETE FROM documents WHERE application_id = ?1 AND kind = ?2",
        params![id, kind.as_str()],
    )?;
    Ok(deleted > 0)
}
