//! Document photos: prepared by the core (orientation, size limits, JPEG), stored on this device,
//! queued, and sent in order when the portal can be reached (a `PUT` per material: repeating it is
//! harmless).

use chrono::DateTime;
use reqwest::Method;
use sha2::{Digest, Sha256};

use super::{Document, Draft, SyncReport, UploadRefusal, Yaohao};
use crate::api::{self, ApplicationKind};
use crate::cache::{QueuedUpload, StoredDocument};
use crate::client::ClientError;
use crate::client::http::Call;
use crate::documents::{DocumentKind, PreparedDocument, prepare_document};
use crate::i18n::Text;

/// The portal's name of a material, if an application holds it (the contract's name).
pub fn portal_name(kind: DocumentKind) -> Option<&'static str> {
    kind.is_application_material().then(|| kind.as_str())
}

/// The material with this portal name.
pub(super) fn kind_of(name: &str) -> Option<DocumentKind> {
    DocumentKind::parse(name).filter(|k| k.is_application_material())
}

/// A cached document as the facade returns it (materials this build does not know are skipped).
pub(super) fn document(d: StoredDocument) -> Option<Document> {
    Some(Document {
        kind: kind_of(&d.kind)?,
        uploaded_at: d
            .uploaded_at
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.to_utc()),
        sha256: d.sha256,
        media_type: d.media_type,
        size: d.size,
        local_path: d.local_path,
    })
}

/// A cache row of a material the portal holds.
fn stored(remote: api::Document, local_path: Option<String>) -> StoredDocument {
    StoredDocument {
        kind: remote.kind.as_str().to_owned(),
        sha256: remote.sha256,
        media_type: remote.media_type,
        size: remote.size,
        local_path,
        uploaded_at: Some(remote.uploaded_at.to_rfc3339()),
    }
}

fn not_accepted(kind: DocumentKind, application: ApplicationKind) -> ClientError {
    let title = kind.title();
    let needed: Vec<Text> = crate::preview::required_documents(application)
        .into_iter()
        .map(DocumentKind::title)
        .collect();
    let zh: Vec<&str> = needed.iter().map(|t| t.zh.as_str()).collect();
    let en: Vec<&str> = needed.iter().map(|t| t.en.as_str()).collect();
    ClientError::Validation {
        code: "document_kind".to_owned(),
        field: Some("documents".to_owned()),
        message: Text::new(
            format!("这类申请不收“{}”：需要的是{}", title.zh, zh.join("、")),
            format!(
                "This application does not take a {}; it needs: {}.",
                title.en,
                en.join(", ")
            ),
        ),
    }
}

impl Yaohao {
    /// Prepares a photo for upload (the core's `prepare_document`): a refusal says what to do.
    pub async fn prepare_document(
        &self,
        bytes: Vec<u8>,
        kind: DocumentKind,
    ) -> Result<PreparedDocument, ClientError> {
        let prepared = tokio::task::spawn_blocking(move || prepare_document(&bytes, kind))
            .await
            .map_err(ClientError::local)?;
        prepared.map_err(|e| {
            let reason = e.reason(kind);
            ClientError::Validation {
                code: reason.code,
                field: Some("file".to_owned()),
                message: Text::new(reason.message_zh, reason.message_en),
            }
        })
    }

    /// Prepares a photo, stores it on this device and queues it for the draft, then tries to send
    /// the queue (a network failure leaves it queued).
    pub async fn add_document(
        &self,
        local_id: String,
        kind: DocumentKind,
        bytes: Vec<u8>,
    ) -> Result<Draft, ClientError> {
        let draft = self.draft(local_id.clone())?;
        let name = portal_name(kind)
            .filter(|_| crate::preview::holds(draft.kind, kind))
            .ok_or_else(|| not_accepted(kind, draft.kind))?;
        let prepared = self.prepare_document(bytes, kind).await?;
        let sha256 = hex::encode(Sha256::digest(&prepared.jpeg));
        let dir = self.config.data_dir.join("documents");
        let path = dir.join(format!("{sha256}.jpg"));
        let partial = dir.join(format!("{sha256}.jpg.partial"));
        // Write then rename: a killed process never leaves a half file under the final name.
        std::fs::write(&partial, &prepared.jpeg)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(ClientError::local)?;
        self.cache.enqueue_upload(&QueuedUpload {
            seq: 0,
            draft_id: local_id.clone(),
            kind: name.to_owned(),
            local_path: path.to_string_lossy().into_owned(),
            sha256,
            size: i64::try_from(prepared.jpeg.len()).unwrap_or(i64::MAX),
            queued_at: self.now_ms(),
        })?;
        match self.sync().await {
            Ok(_) => {}
            Err(e) if e.is_retryable() => {}
            Err(e) => return Err(e),
        }
        self.draft(local_id)
    }

    /// Sends queued uploads in order; stops at the first network failure.
    pub(super) async fn flush_uploads(&self, report: &mut SyncReport) -> Result<(), ClientError> {
        for upload in self.cache.queued_uploads()? {
            let Some(draft) = self.cache.draft(&upload.draft_id)? else {
                self.cache.dequeue_upload(upload.seq)?;
                continue;
            };
            let Some(application_id) = draft.application_id else {
                // The draft is not on the portal yet (its creation failed): keep the order.
                return Ok(());
            };
            let kind = kind_of(&upload.kind);
            let bytes = match std::fs::read(&upload.local_path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    self.cache.dequeue_upload(upload.seq)?;
                    report.refused.extend(kind.map(|kind| UploadRefusal {
                        draft_id: upload.draft_id.clone(),
                        kind,
                        message: ClientError::local(e).message().clone(),
                    }));
                    continue;
                }
            };
            let call = Call::new(
                Method::PUT,
                format!(
                    "/v1/applications/{application_id}/documents/{}",
                    upload.kind
                ),
            )
            .file(
                bytes,
                format!("{}.jpg", upload.kind),
                "image/jpeg",
                Vec::new(),
            );
            match self.authed::<api::Document>(call).await {
                Ok(reply) => {
                    let stored = stored(Self::body(reply)?, Some(upload.local_path.clone()));
                    self.cache
                        .complete_upload(upload.seq, application_id, &stored)?;
                    report.uploads_sent += 1;
                }
                Err(e) if e.is_retryable() => return Ok(()),
                Err(e @ (ClientError::Validation { .. } | ClientError::NotFound { .. })) => {
                    self.cache.dequeue_upload(upload.seq)?;
                    report.refused.extend(kind.map(|kind| UploadRefusal {
                        draft_id: upload.draft_id.clone(),
                        kind,
                        message: e.message().clone(),
                    }));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Fetches an application's materials into the cache.
    pub(super) async fn refresh_documents(&self, application_id: i64) -> Result<(), ClientError> {
        let path = format!("/v1/applications/{application_id}/documents");
        if let Some(list) = self.fetch::<Vec<api::Document>>(&path, true).await? {
            let rows: Vec<StoredDocument> = list.into_iter().map(|d| stored(d, None)).collect();
            self.cache.store_documents(application_id, &rows)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_names_round_trip() {
        for kind in DocumentKind::ALL {
            if let Some(name) = portal_name(kind) {
                assert_eq!(kind_of(name), Some(kind));
            }
        }
        assert_eq!(portal_name(DocumentKind::IdCardFront), Some("id_front"));
        assert_eq!(portal_name(DocumentKind::TaxProof), Some("tax_proof"));
        assert_eq!(portal_name(DocumentKind::AddressProof), None);
    }
}
