//! Applications: local drafts saved on every change, synced to the portal when it can be reached
//! (never twice), preview, submission (never duplicated), and the cached list with histories.

use reqwest::Method;
use serde_json::json;

use super::{
    Application, ApplicationDetail, ApplicationForm, ApplicationKind, Draft, FamilyForm,
    PendingUpload, Preview, StatusChange, SyncReport, Yaohao, from_ms,
};
use crate::api;
use crate::cache::{ApplicationRow, DraftRow, HistoryRow};
use crate::client::ClientError;
use crate::client::http::Call;
use crate::documents::DocumentKind;
use crate::i18n::Text;
use crate::preview;

/// A random local id (128 bits, hex).
fn local_id() -> Result<String, ClientError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(ClientError::local)?;
    Ok(hex::encode(bytes))
}

fn no_such_draft() -> ClientError {
    ClientError::NotFound {
        message: Text::new(
            "草稿不存在（可能已提交或删除），请刷新",
            "This draft no longer exists (submitted or discarded); refresh.",
        ),
    }
}

/// The cache row of an application.
pub(super) fn row_of(app: &Application) -> Result<ApplicationRow, ClientError> {
    Ok(ApplicationRow {
        id: app.id,
        code: app.code.clone(),
        kind: app.kind.as_str().to_owned(),
        status: app.status.clone(),
        reasons: serde_json::to_string(&app.rejection_reasons).map_err(ClientError::local)?,
        json: serde_json::to_string(app).map_err(ClientError::local)?,
    })
}

impl Yaohao {
    /// Starts a local draft (no network); refused with the reason when the policy has no such
    /// kind ([`crate::policy::Policy::offers`]) or the account may not make it
    /// ([`ApplicationKind::fits_account`]).
    pub fn create_draft(&self, kind: ApplicationKind) -> Result<Draft, ClientError> {
        self.offers(kind)?;
        // A family kind starts with its (empty) family section, so a screen shows the section
        // whenever the form has one.
        let form = ApplicationForm {
            family: kind.is_family().then(FamilyForm::default),
            ..ApplicationForm::default()
        };
        let form = serde_json::to_string(&form).map_err(ClientError::local)?;
        let row =
            self.cache
                .insert_draft(&local_id()?, None, kind.as_str(), &form, self.now_ms())?;
        self.draft_from_row(row)
    }

    /// Opens a draft to fix an application the portal holds (e.g. after a rejection).
    pub fn edit_application(&self, application_id: i64) -> Result<Draft, ClientError> {
        let app = self
            .applications()?
            .into_iter()
            .find(|a| a.id == application_id)
            .ok_or_else(ClientError::no_such_application)?;
        let form = serde_json::to_string(&app.form).map_err(ClientError::local)?;
        let row = self.cache.insert_draft(
            &local_id()?,
            Some(app.id),
            app.kind.as_str(),
            &form,
            self.now_ms(),
        )?;
        self.draft_from_row(row)
    }

    /// Saves a draft's form locally, at once (the product spec's "save at any time").
    pub fn save_draft(
        &self,
        local_id: String,
        form: ApplicationForm,
    ) -> Result<Draft, ClientError> {
        let json = serde_json::to_string(&form).map_err(ClientError::local)?;
        let row = self
            .cache
            .save_draft_form(&local_id, &json, self.now_ms())?
            .ok_or_else(no_such_draft)?;
        self.draft_from_row(row)
    }

    /// A local draft.
    pub fn draft(&self, local_id: String) -> Result<Draft, ClientError> {
        let row = self.cache.draft(&local_id)?.ok_or_else(no_such_draft)?;
        self.draft_from_row(row)
    }

    /// Every local draft, most recent first.
    pub fn drafts(&self) -> Result<Vec<Draft>, ClientError> {
        let queued = self.cache.queued_uploads()?;
        self.cache
            .drafts()?
            .into_iter()
            .map(|row| self.draft_with(row, &queued))
            .collect()
    }

    /// Discards a draft: locally, and on the portal if it was created there and never submitted.
    pub async fn discard_draft(&self, local_id: String) -> Result<(), ClientError> {
        let row = self.cache.draft(&local_id)?.ok_or_else(no_such_draft)?;
        if let Some(id) = row.application_id {
            let submitted = self
                .applications()?
                .iter()
                .any(|a| a.id == id && a.code.is_some());
            if !submitted {
                match self
                    .authed::<serde_json::Value>(Call::new(
                        Method::DELETE,
                        format!("/v1/applications/{id}"),
                    ))
                    .await
                {
                    Ok(_) | Err(ClientError::NotFound { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(self.cache.delete_draft(&local_id)?)
    }

    /// Sends every unsynced draft and then the upload queue, in order. Stops at the first network
    /// failure (the rest waits for the next call); refused uploads are reported and dropped.
    pub async fn sync(&self) -> Result<SyncReport, ClientError> {
        let _guard = self.sync_lock.lock().await;
        let mut report = SyncReport::default();
        for row in self.cache.drafts()? {
            match self.push_draft(&row).await {
                Ok(true) => report.drafts_synced += 1,
                Ok(false) => {}
                Err(e) if e.is_retryable() => {
                    report.pending = self.pending_work()?;
                    return Ok(report);
                }
                Err(e) => return Err(e),
            }
        }
        self.flush_uploads(&mut report).await?;
        report.pending = self.pending_work()?;
        Ok(report)
    }

    /// Drafts not yet on the portal plus queued uploads.
    fn pending_work(&self) -> Result<u32, ClientError> {
        let drafts = self
            .cache
            .drafts()?
            .iter()
            .filter(|d| d.application_id.is_none() || d.synced_revision < d.revision)
            .count();
        let uploads = self.cache.queued_uploads()?.len();
        Ok(u32::try_from(drafts + uploads).unwrap_or(u32::MAX))
    }

    /// Makes sure the portal holds the draft's latest revision; true if something was sent.
    async fn push_draft(&self, row: &DraftRow) -> Result<bool, ClientError> {
        let form: ApplicationForm = serde_json::from_str(&row.form).map_err(ClientError::local)?;
        let id = match row.application_id {
            Some(id) => id,
            None => match self.adopt_lost_creation(row).await? {
                Some(id) => id,
                None => {
                    // Creation is not idempotent: remember it was tried, so that a lost answer
                    // is recovered by adoption rather than by creating a second application.
                    self.cache.mark_create_attempted(&row.local_id)?;
                    let kind = ApplicationKind::parse(&row.kind).ok_or_else(|| {
                        ClientError::local(format_args!("unknown kind {}", row.kind))
                    })?;
                    let call = Call::new(Method::POST, "/v1/applications")
                        .json(json!(api::NewApplication { kind, form }));
                    let app: Application = Self::body(self.authed(call).await?)?;
                    self.cache.link_draft(&row.local_id, app.id)?;
                    self.cache.mark_draft_synced(&row.local_id, row.revision)?;
                    self.cache
                        .store_application(&row_of(&app)?, self.now_ms())?;
                    return Ok(true);
                }
            },
        };
        if row.synced_revision >= row.revision {
            return Ok(false);
        }
        let call = Call::new(Method::PUT, format!("/v1/applications/{id}"))
            .json(json!(api::FormUpdate { form }));
        let app: Application = match self.authed(call).await {
            Ok(reply) => Self::body(reply)?,
            Err(ClientError::NotFound { .. }) => return Err(ClientError::no_such_application()),
            Err(e) => return Err(e),
        };
        self.cache.mark_draft_synced(&row.local_id, row.revision)?;
        self.cache
            .store_application(&row_of(&app)?, self.now_ms())?;
        Ok(true)
    }

    /// After a creation whose answer was lost: the portal draft of the same kind that no local
    /// draft holds, if the creation did happen.
    async fn adopt_lost_creation(&self, row: &DraftRow) -> Result<Option<i64>, ClientError> {
        if !row.create_attempted {
            return Ok(None);
        }
        let remote: Vec<Application> = Self::body(
            self.authed(Call::new(Method::GET, "/v1/applications"))
                .await?,
        )?;
        let linked = self.cache.linked_application_ids()?;
        let orphan = remote.iter().find(|a| {
            a.kind.as_str() == row.kind
                && a.code.is_none()
                && a.status == super::ApplicationStatus::Draft
                && !linked.contains(&a.id)
        });
        let Some(orphan) = orphan else {
            return Ok(None);
        };
        self.cache.link_draft(&row.local_id, orphan.id)?;
        self.cache
            .store_application(&row_of(orphan)?, self.now_ms())?;
        Ok(Some(orphan.id))
    }

    /// The portal application of a draft, syncing the draft first.
    async fn synced_application_id(&self, local_id: &str) -> Result<i64, ClientError> {
        let _guard = self.sync_lock.lock().await;
        let row = self.cache.draft(local_id)?.ok_or_else(no_such_draft)?;
        self.push_draft(&row).await?;
        self.cache
            .draft(local_id)?
            .and_then(|d| d.application_id)
            .ok_or_else(no_such_draft)
    }

    /// Every check a submission would run, on the draft as saved on this device, with no
    /// network: the fields, the materials (with the portal or queued here) and a family's
    /// points. The portal refuses a submission with the same checks ([`crate::preview`]).
    pub fn preview(&self, local_id: String) -> Result<Preview, ClientError> {
        let draft = self.draft(local_id)?;
        let resident_id = self.profile()?.map(|a| a.resident_id).unwrap_or_default();
        let mut present: Vec<DocumentKind> = draft.pending_uploads.iter().map(|u| u.kind).collect();
        if let Some(id) = draft.application_id {
            present.extend(
                self.cache
                    .documents(id)?
                    .into_iter()
                    .filter_map(|d| super::documents::document(d).map(|d| d.kind)),
            );
        }
        Ok(preview::preview(
            draft.kind,
            &draft.form,
            &resident_id,
            &present,
        ))
    }

    /// Submits a draft: syncs it and its queued uploads, then submits once. If the answer is
    /// lost, the application is read back, so a retry never submits twice.
    pub async fn submit(&self, local_id: String) -> Result<Application, ClientError> {
        let id = self.synced_application_id(&local_id).await?;
        let mut report = SyncReport::default();
        self.flush_uploads(&mut report).await?;
        if let Some(refused) = report.refused.first() {
            return Err(ClientError::Validation {
                code: "document_refused".to_owned(),
                field: Some("documents".to_owned()),
                message: refused.message.clone(),
            });
        }
        let waiting = self
            .cache
            .queued_uploads()?
            .iter()
            .any(|u| u.draft_id == local_id);
        if waiting {
            return Err(ClientError::network());
        }
        let path = format!("/v1/applications/{id}/submit");
        let app: Application = match self.authed(Call::new(Method::POST, path)).await {
            Ok(reply) => Self::body(reply)?,
            Err(e) if e.is_retryable() => {
                let read = Call::new(Method::GET, format!("/v1/applications/{id}"));
                let app: Application = Self::body(self.authed(read).await.map_err(|_| e.clone())?)?;
                if app.code.is_none() || app.status == super::ApplicationStatus::Draft {
                    return Err(e);
                }
                app
            }
            Err(e) => return Err(e),
        };
        self.cache
            .store_application(&row_of(&app)?, self.now_ms())?;
        self.cache.delete_draft(&local_id)?;
        Ok(app)
    }

    /// The cached applications, newest first (no network).
    pub fn applications(&self) -> Result<Vec<Application>, ClientError> {
        self.cache
            .applications()?
            .iter()
            .map(|json| serde_json::from_str(json).map_err(ClientError::local))
            .collect()
    }

    /// A cached application with its history and materials (no network).
    pub fn application(&self, id: i64) -> Result<ApplicationDetail, ClientError> {
        let application = self
            .applications()?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(ClientError::no_such_application)?;
        let history = self
            .cache
            .history(id)?
            .into_iter()
            .map(history_entry)
            .collect::<Result<_, _>>()?;
        let documents = self
            .cache
            .documents(id)?
            .into_iter()
            .filter_map(super::documents::document)
            .collect();
        Ok(ApplicationDetail {
            application,
            history,
            documents,
        })
    }

    /// Fetches the applications (conditionally) and their materials into the cache.
    pub async fn refresh_applications(&self) -> Result<Vec<Application>, ClientError> {
        if let Some(list) = self
            .fetch::<Vec<Application>>("/v1/applications", true)
            .await?
        {
            let rows = list.iter().map(row_of).collect::<Result<Vec<_>, _>>()?;
            self.cache.store_applications(&rows, self.now_ms())?;
            for app in &list {
                self.refresh_documents(app.id).await?;
            }
        }
        self.applications()
    }

    fn draft_from_row(&self, row: DraftRow) -> Result<Draft, ClientError> {
        let queued = self.cache.queued_uploads()?;
        self.draft_with(row, &queued)
    }

    fn draft_with(
        &self,
        row: DraftRow,
        queued: &[crate::cache::QueuedUpload],
    ) -> Result<Draft, ClientError> {
        let kind = ApplicationKind::parse(&row.kind)
            .ok_or_else(|| ClientError::local(format_args!("unknown kind {}", row.kind)))?;
        let pending_uploads = queued
            .iter()
            .filter(|u| u.draft_id == row.local_id)
            .filter_map(|u| {
                Some(PendingUpload {
                    kind: super::documents::kind_of(&u.kind)?,
                    local_path: u.local_path.clone(),
                    size: u.size,
                    queued_at: from_ms(u.queued_at),
                })
            })
            .collect();
        Ok(Draft {
            synced: row.application_id.is_some() && row.synced_revision >= row.revision,
            form: serde_json::from_str(&row.form).map_err(ClientError::local)?,
            local_id: row.local_id,
            application_id: row.application_id,
            kind,
            revision: row.revision,
            updated_at: from_ms(row.updated_at),
            pending_uploads,
        })
    }
}

fn history_entry(h: HistoryRow) -> Result<StatusChange, ClientError> {
    Ok(StatusChange {
        status: h.status,
        reasons: serde_json::from_str(&h.reasons).map_err(ClientError::local)?,
        seen_at: from_ms(h.seen_at),
    })
}
