//! Application drafts, saved on every change so that a killed process loses nothing.

use rusqlite::{OptionalExtension, Row, params};

use super::{Cache, CacheResult};

/// A stored draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// Local id (random, assigned on creation).
    pub local_id: String,
    /// The portal's application id once created there.
    pub application_id: Option<i64>,
    /// Application kind (portal name).
    pub kind: String,
    /// The form as JSON.
    pub form: String,
    /// Bumped on every save.
    pub revision: i64,
    /// The revision last sent to the portal.
    pub synced_revision: i64,
    /// A creation request was sent whose answer was lost.
    pub create_attempted: bool,
    /// Last save, milliseconds since the epoch.
    pub updated_at: i64,
}

const COLUMNS: &str =
    "local_id, application_id, kind, form, revision, synced_revision, create_attempted, updated_at";

fn row(r: &Row<'_>) -> rusqlite::Result<DraftRow> {
    Ok(DraftRow {
        local_id: r.get(0)?,
        application_id: r.get(1)?,
        kind: r.get(2)?,
        form: r.get(3)?,
        revision: r.get(4)?,
        synced_revision: r.get(5)?,
        create_attempted: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

impl Cache {
    /// Stores a new draft at revision 1.
    pub fn insert_draft(
        &self,
        local_id: &str,
        application_id: Option<i64>,
        kind: &str,
        form: &str,
        now_ms: i64,
    ) -> CacheResult<DraftRow> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO drafts (local_id, application_id, kind, form, revision, synced_revision,
             updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
            params![
                local_id,
                application_id,
                kind,
                form,
                i64::from(application_id.is_some()),
                now_ms
            ],
        )?;
        Ok(conn.query_row(
            &format!("SELECT {COLUMNS} FROM drafts WHERE local_id = ?1"),
            [local_id],
            row,
        )?)
    }

    /// Saves a new form for a draft and bumps its revision; `None` if there is no such draft.
    pub fn save_draft_form(
        &self,
        local_id: &str,
        form: &str,
        now_ms: i64,
    ) -> CacheResult<Option<DraftRow>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "UPDATE drafts SET form = ?2, revision = revision + 1, updated_at = ?3
                     WHERE local_id = ?1 RETURNING {COLUMNS}"
                ),
                params![local_id, form, now_ms],
                row,
            )
            .optional()?)
    }

    /// The draft `local_id`.
    pub fn draft(&self, local_id: &str) -> CacheResult<Option<DraftRow>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM drafts WHERE local_id = ?1"),
                [local_id],
                row,
            )
            .optional()?)
    }

    /// Every draft, most recently changed first.
    pub fn drafts(&self) -> CacheResult<Vec<DraftRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM drafts ORDER BY updated_at DESC, local_id"
        ))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that a creation request for the draft is about to be sent.
    pub fn mark_create_attempted(&self, local_id: &str) -> CacheResult<()> {
        self.conn().execute(
            "UPDATE drafts SET create_attempted = 1 WHERE local_id = ?1",
            [local_id],
        )?;
        Ok(())
    }

    /// Links a draft to the portal application that now holds it.
    pub fn link_draft(&self, local_id: &str, application_id: i64) -> CacheResult<()> {
        self.conn().execute(
            "UPDATE drafts SET application_id = ?2, create_attempted = 0 WHERE local_id = ?1",
            params![local_id, application_id],
        )?;
        Ok(())
    }

    /// Records that `revision` reached the portal (a later local save keeps the draft dirty).
    pub fn mark_draft_synced(&self, local_id: &str, revision: i64) -> CacheResult<()> {
        self.conn().execute(
            "UPDATE drafts SET synced_revision = MAX(synced_revision, ?2) WHERE local_id = ?1",
            params![local_id, revision],
        )?;
        Ok(())
    }

    /// Application ids already linked to some draft.
    pub fn linked_application_ids(&self) -> CacheResult<Vec<i64>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT application_id FROM drafts WHERE application_id IS NOT NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a draft (after submission or when discarded) with its queued uploads.
    pub fn delete_draft(&self, local_id: &str) -> CacheResult<()> {
        self.conn()
            .execute("DELETE FROM drafts WHERE local_id = ?1", [local_id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::Cache;

    #[test]
    fn saves_bump_the_revision_and_sync_marks_never_go_back() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        cache
            .insert_draft("a", None, "individual_ordinary", "{}", 1)
            .unwrap();
        let saved = cache
            .save_draft_form("a", "{\"address\":\"x\"}", 2)
            .unwrap()
            .unwrap();
        assert_eq!((saved.revision, saved.synced_revision), (2, 0));
        cache.mark_draft_synced("a", 2).unwrap();
        cache.mark_draft_synced("a", 1).unwrap();
        assert_eq!(cache.draft("a").unwrap().unwrap().synced_revision, 2);
        assert!(cache.save_draft_form("missing", "{}", 3).unwrap().is_none());
        cache.link_draft("a", 7).unwrap();
        assert_eq!(cache.linked_application_ids().unwrap(), vec![7]);
        cache.delete_draft("a").unwrap();
        assert!(cache.drafts().unwrap().is_empty());
    }
}
