//! Uploads queued while offline (or not yet sent): sent later in order, each one idempotent (a
//! `PUT` of the material replaces it).

use rusqlite::params;

use super::{Cache, CacheResult};

/// One queued upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedUpload {
    /// Queue position (sending order).
    pub seq: i64,
    /// The draft the material belongs to.
    pub draft_id: String,
    /// Material kind (portal name).
    pub kind: String,
    /// The prepared file.
    pub local_path: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// File size in bytes.
    pub size: i64,
    /// When it was queued, milliseconds since the epoch.
    pub queued_at: i64,
}

/// What the portal said about a stored material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// Material kind (portal name).
    pub kind: String,
    /// SHA-256, hex.
    pub sha256: String,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// Local copy, if this device has one.
    pub local_path: Option<String>,
    /// When the portal stored it.
    pub uploaded_at: Option<String>,
}

impl Cache {
    /// Queues a material; a material of the same kind already queued for the draft is replaced
    /// (the newer photo wins and goes to the end of the queue).
    pub fn enqueue_upload(&self, upload: &QueuedUpload) -> CacheResult<i64> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM upload_queue WHERE draft_id = ?1 AND kind = ?2",
            params![upload.draft_id, upload.kind],
        )?;
        tx.execute(
            "INSERT INTO upload_queue (draft_id, kind, local_path, sha256, size, queued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                upload.draft_id,
                upload.kind,
                upload.local_path,
                upload.sha256,
                upload.size,
                upload.queued_at
            ],
        )?;
        let seq = tx.last_insert_rowid();
        tx.commit()?;
        Ok(seq)
    }

    /// Every queued upload in sending order.
    pub fn queued_uploads(&self) -> CacheResult<Vec<QueuedUpload>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT seq, draft_id, kind, local_path, sha256, size, queued_at FROM upload_queue
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(QueuedUpload {
                seq: r.get(0)?,
                draft_id: r.get(1)?,
                kind: r.get(2)?,
                local_path: r.get(3)?,
                sha256: r.get(4)?,
                size: r.get(5)?,
                queued_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a queued upload (sent, or refused by the portal for good).
    pub fn dequeue_upload(&self, seq: i64) -> CacheResult<()> {
        self.conn()
            .execute("DELETE FROM upload_queue WHERE seq = ?1", [seq])?;
        Ok(())
    }

    /// Records a sent upload: the queue entry goes and the document is stored, atomically.
    pub fn complete_upload(
        &self,
        seq: i64,
        application_id: i64,
        document: &StoredDocument,
    ) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM upload_queue WHERE seq = ?1", [seq])?;
        upsert_document(&tx, application_id, document)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the stored documents of an application with the portal's list, keeping local
    /// paths of unchanged files.
    pub fn store_documents(
        &self,
        application_id: i64,
        documents: &[StoredDocument],
    ) -> CacheResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let kinds: Vec<&str> = documents.iter().map(|d| d.kind.as_str()).collect();
        let json = serde_json::to_string(&kinds)?;
        tx.execute(
            "DELETE FROM documents WHERE application_id = ?1
             AND kind NOT IN (SELECT value FROM json_each(?2))",
            params![application_id, json],
        )?;
        for document in documents {
            upsert_document(&tx, application_id, document)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored documents of an application.
    pub fn documents(&self, application_id: i64) -> CacheResult<Vec<StoredDocument>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT kind, sha256, media_type, size, local_path, uploaded_at FROM documents
             WHERE application_id = ?1 ORDER BY kind",
        )?;
        let rows = stmt.query_map([application_id], |r| {
            Ok(StoredDocument {
                kind: r.get(0)?,
                sha256: r.get(1)?,
                media_type: r.get(2)?,
                size: r.get(3)?,
                local_path: r.get(4)?,
                uploaded_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn upsert_document(
    tx: &rusqlite::Transaction<'_>,
    application_id: i64,
    d: &StoredDocument,
) -> CacheResult<()> {
    tx.execute(
        "INSERT INTO documents (application_id, kind, sha256, media_type, size, local_path,
         uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (application_id, kind) DO UPDATE SET
           local_path = CASE WHEN documents.sha256 = excluded.sha256
                             THEN COALESCE(excluded.local_path, documents.local_path)
                             ELSE excluded.local_path END,
           sha256 = excluded.sha256, media_type = excluded.media_type, size = excluded.size,
           uploaded_at = excluded.uploaded_at",
        params![
            application_id,
            d.kind,
            d.sha256,
            d.media_type,
            d.size,
            d.local_path,
            d.uploaded_at
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(draft: &str, kind: &str) -> QueuedUpload {
        QueuedUpload {
            seq: 0,
            draft_id: draft.to_owned(),
            kind: kind.to_owned(),
            local_path: format!("/tmp/{kind}.jpg"),
            sha256: format!("sha-{kind}"),
            size: 10,
            queued_at: 0,
        }
    }

    #[test]
    fn queue_keeps_order_and_a_newer_photo_replaces_the_older() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.db")).unwrap();
        cache
            .insert_draft("d", None, "individual_ordinary", "{}", 0)
            .unwrap();
        for kind in ["id_front", "id_back", "id_front"] {
            cache.enqueue_upload(&upload("d", kind)).unwrap();
        }
        let kinds: Vec<String> = cache
            .queued_uploads()
            .unwrap()
            .into_iter()
            .map(|u| u.kind)
            .collect();
        assert_eq!(kinds, ["id_back", "id_front"]);
        let first = cache.queued_uploads().unwrap()[0].clone();
        let doc = StoredDocument {
            kind: first.kind.clone(),
            sha256: first.sha256.clone(),
            media_type: "image/jpeg".into(),
            size: 10,
            local_path: Some(first.local_path.clone()),
            uploaded_at: None,
        };
        cache.complete_upload(first.seq, 5, &doc).unwrap();
        assert_eq!(cache.queued_uploads().unwrap().len(), 1);
        assert_eq!(cache.documents(5).unwrap(), vec![doc.clone()]);
        // The portal's list keeps the local path of an unchanged file and drops missing kinds.
        let remote = StoredDocument {
            local_path: None,
            ..doc.clone()
        };
        cache.store_documents(5, &[remote]).unwrap();
        assert_eq!(cache.documents(5).unwrap()[0].local_path, doc.local_path);
        cache.store_documents(5, &[]).unwrap();
        assert!(cache.documents(5).unwrap().is_empty());
        // Deleting the draft drops its queue.
        cache.delete_draft("d").unwrap();
        assert!(cache.queued_uploads().unwrap().is_empty());
    }
}
