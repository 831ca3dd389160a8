//! `Yaohao`, the facade the apps drive: small wrappers over `yaohao_core::facade::Yaohao`.
//! Async methods run on tokio; long ones take an optional `CancelToken`.

use crate::YaohaoError;
use crate::cancel::CancelToken;
use crate::platform::{Clock, ForeignClock, ForeignSecrets, SecretStore};
use crate::records::Instant;
use chrono::NaiveDate;
use std::sync::Arc;
use yaohao_core::calendar::Event;
use yaohao_core::client::{Clock as CoreClock, SystemClock};
use yaohao_core::documents::{DocumentKind, PreparedDocument};
use yaohao_core::facade::{self, YaohaoConfig};
use yaohao_core::facade::{
    Account, Announcement, Application, ApplicationDetail, ApplicationForm, ApplicationKind,
    CodeSent, Dashboard, Draft, MaritalChange, MaritalStatus, Period, PeriodResult, Preview, Quota,
    Registration, ReminderPlan, ResultNotification, ResultOutcome, SmsPurpose, SyncReport,
    UpcomingEvent,
};
use yaohao_core::i18n::Lang;
use yaohao_core::reminders::{ApplicantState, Reminder};

/// The applicant's companion: portal client, offline cache, drafts, results and reminders.
#[derive(uniffi::Object)]
pub struct Yaohao {
    inner: facade::Yaohao,
}

type R<T> = Result<T, YaohaoError>;

impl Yaohao {
    fn open(
        base_url: String,
        data_dir: String,
        locale: Lang,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn CoreClock>,
    ) -> R<Self> {
        let config = YaohaoConfig::new(base_url, data_dir, locale);
        let inner = facade::Yaohao::open(config, Arc::new(ForeignSecrets(secrets)), clock)?;
        Ok(Yaohao { inner })
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Yaohao {
    /// Opens the facade on `data_dir` (creates and migrates the cache; no network). The session token
    /// lives only in `secrets`.
    #[uniffi::constructor]
    pub fn new(
        base_url: String,
        data_dir: String,
        locale: Lang,
        secrets: Arc<dyn SecretStore>,
    ) -> R<Self> {
        Yaohao::open(base_url, data_dir, locale, secrets, Arc::new(SystemClock))
    }

    /// As `new`, with the app's own clock (tests).
    #[uniffi::constructor]
    pub fn with_clock(
        base_url: String,
        data_dir: String,
        locale: Lang,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> R<Self> {
        Yaohao::open(
            base_url,
            data_dir,
            locale,
            secrets,
            Arc::new(ForeignClock(clock)),
        )
    }

    /// The language the facade writes in.
    pub fn locale(&self) -> Lang {
        self.inner.locale()
    }

    /// `PRAGMA integrity_check` of the cache (`"ok"` when sound).
    pub fn cache_integrity(&self) -> R<String> {
        Ok(self.inner.cache_integrity()?)
    }

    // Accounts.

    /// Asks the portal to text a code for `purpose`.
    pub async fn request_sms_code(
        &self,
        purpose: SmsPurpose,
        mobile: Option<String>,
        resident_id: Option<String>,
    ) -> R<CodeSent> {
        Ok(self
            .inner
            .request_sms_code(purpose, mobile, resident_id)
            .await?)
    }
    /// Registers an account (confirmed by the SMS code).
    pub async fn register(&self, registration: Registration) -> R<Account> {
        Ok(self.inner.register(registration).await?)
    }
    /// Logs in with ID, password and SMS code; the token goes to the secret store.
    pub async fn login(
        &self,
        resident_id: String,
        password: String,
        sms_code: String,
    ) -> R<Account> {
        Ok(self.inner.login(resident_id, password, sms_code).await?)
    }
    /// Logs out here and at the portal.
    pub async fn logout(&self) -> R<()> {
        Ok(self.inner.logout().await?)
    }
    /// Whether a session token is held.
    pub fn is_logged_in(&self) -> R<bool> {
        Ok(self.inner.is_logged_in()?)
    }
    /// Resets the password with ID, mobile and SMS code.
    pub async fn reset_password(
        &self,
        resident_id: String,
        mobile: String,
        sms_code: String,
        new_password: String,
    ) -> R<()> {
        Ok(self
            .inner
            .reset_password(resident_id, mobile, sms_code, new_password)
            .await?)
    }
    /// The cached profile.
    pub fn profile(&self) -> R<Option<Account>> {
        Ok(self.inner.profile()?)
    }
    /// Refreshes the profile from the portal.
    pub async fn refresh_profile(&self) -> R<Account> {
        Ok(self.inner.refresh_profile().await?)
    }
    /// Texts codes to the old and the new mobile.
    pub async fn request_mobile_change_codes(&self, new_mobile: String) -> R<CodeSent> {
        Ok(self.inner.request_mobile_change_codes(new_mobile).await?)
    }
    /// Changes the mobile with both codes.
    pub async fn change_mobile(
        &self,
        new_mobile: String,
        old_code: String,
        new_code: String,
    ) -> R<Account> {
        Ok(self
            .inner
            .change_mobile(new_mobile, old_code, new_code)
            .await?)
    }
    /// Registers this device's push token (`fcm`, `apns` or `dev`).
    pub async fn register_device(&self, provider: String, token: String) -> R<()> {
        Ok(self.inner.register_device(provider, token).await?)
    }
    /// Requests a marital-status change with its certificate photo (reviewed in about 5 working days).
    pub async fn request_marital_change(
        &self,
        status: MaritalStatus,
        certificate: Vec<u8>,
    ) -> R<MaritalChange> {
        Ok(self
            .inner
            .request_marital_change(status, certificate)
            .await?)
    }
    /// Refreshes the marital-status change from the portal.
    pub async fn refresh_marital_change(&self) -> R<Option<MaritalChange>> {
        Ok(self.inner.refresh_marital_change().await?)
    }
    /// The cached marital-status change.
    pub fn marital_change(&self) -> R<Option<MaritalChange>> {
        Ok(self.inner.marital_change()?)
    }

    // Applications and drafts.

    /// Starts a local draft (saved at once, survives a killed process).
    pub fn create_draft(&self, kind: ApplicationKind) -> R<Draft> {
        Ok(self.inner.create_draft(kind)?)
    }
    /// A draft to edit a portal application (after a rejection, say).
    pub fn edit_application(&self, application_id: i64) -> R<Draft> {
        Ok(self.inner.edit_application(application_id)?)
    }
    /// Saves the form locally (call on every change).
    pub fn save_draft(&self, local_id: String, form: ApplicationForm) -> R<Draft> {
        Ok(self.inner.save_draft(local_id, form)?)
    }
    /// One draft.
    pub fn draft(&self, local_id: String) -> R<Draft> {
        Ok(self.inner.draft(local_id)?)
    }
    /// Every local draft.
    pub fn drafts(&self) -> R<Vec<Draft>> {
        Ok(self.inner.drafts()?)
    }
    /// Discards a draft here and at the portal.
    pub async fn discard_draft(&self, local_id: String) -> R<()> {
        Ok(self.inner.discard_draft(local_id).await?)
    }
    /// Sends saved drafts and queued uploads, in order and idempotently.
    pub async fn sync(&self, cancel: Option<Arc<CancelToken>>) -> R<SyncReport> {
        CancelToken::run(cancel.as_deref(), async { Ok(self.inner.sync().await?) }).await
    }
    /// Every check the portal will run, before submitting.
    pub async fn preview(&self, local_id: String) -> R<Preview> {
        Ok(self.inner.preview(local_id).await?)
    }
    /// Submits the draft; the portal issues the 13-digit application code.
    pub async fn submit(&self, local_id: String) -> R<Application> {
        Ok(self.inner.submit(local_id).await?)
    }
    /// The cached applications.
    pub fn applications(&self) -> R<Vec<Application>> {
        Ok(self.inner.applications()?)
    }
    /// One application with its status history and documents.
    pub fn application(&self, id: i64) -> R<ApplicationDetail> {
        Ok(self.inner.application(id)?)
    }
    /// Refreshes "my applications" from the portal.
    pub async fn refresh_applications(&self) -> R<Vec<Application>> {
        Ok(self.inner.refresh_applications().await?)
    }

    // Documents.

    /// Prepares a photo for `kind` (orientation, size limit, blur warning).
    pub async fn prepare_document(
        &self,
        bytes: Vec<u8>,
        kind: DocumentKind,
    ) -> R<PreparedDocument> {
        Ok(self.inner.prepare_document(bytes, kind).await?)
    }
    /// Prepares and attaches a photo to a draft; it is uploaded now or queued while offline.
    pub async fn add_document(
        &self,
        local_id: String,
        kind: DocumentKind,
        bytes: Vec<u8>,
    ) -> R<Draft> {
        Ok(self.inner.add_document(local_id, kind, bytes).await?)
    }

    // Dashboard, reminders, calendar.

    /// Everything the home screen shows, from the cache only.
    pub fn dashboard(&self) -> R<Dashboard> {
        Ok(self.inner.dashboard()?)
    }
    /// Refreshes the cache with conditional requests and returns the new dashboard.
    pub async fn refresh(&self, cancel: Option<Arc<CancelToken>>) -> R<Dashboard> {
        CancelToken::run(cancel.as_deref(), async { Ok(self.inner.refresh().await?) }).await
    }
    /// The applicant's state as reminders see it.
    pub fn applicant_state(&self) -> R<ApplicantState> {
        Ok(self.inner.applicant_state()?)
    }
    /// Reminders due, from the cache.
    pub fn reminders(&self) -> R<Vec<Reminder>> {
        Ok(self.inner.reminders()?)
    }
    /// Reminders to (re)schedule and ids to cancel since the last plan.
    pub fn reminder_plan(&self) -> R<ReminderPlan> {
        Ok(self.inner.reminder_plan()?)
    }
    /// When the cache was last fully refreshed (none before the first `refresh`).
    pub fn refreshed_at(&self) -> R<Option<Instant>> {
        Ok(self.inner.refreshed_at()?)
    }
    /// The next events with countdowns.
    pub fn next_events(&self) -> R<Vec<UpcomingEvent>> {
        Ok(self.inner.next_events()?)
    }
    /// The portal's calendar between two Beijing dates (announced dates included).
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate) -> R<Vec<Event>> {
        Ok(self.inner.calendar(from, to)?)
    }
    /// Refreshes the announced calendar.
    pub async fn refresh_calendar(&self) -> R<()> {
        Ok(self.inner.refresh_calendar().await?)
    }
    /// The cached announcements.
    pub fn announcements(&self) -> R<Vec<Announcement>> {
        Ok(self.inner.announcements()?)
    }
    /// Refreshes the announcements.
    pub async fn refresh_announcements(&self) -> R<Vec<Announcement>> {
        Ok(self.inner.refresh_announcements().await?)
    }

    // Results and quotas.

    /// The latest stored outcomes (won or not, verified or not).
    pub fn latest_results(&self) -> R<Vec<ResultOutcome>> {
        Ok(self.inner.latest_results()?)
    }
    /// Fetches `period`'s result file once, verifies the draw, matches the account's codes and
    /// returns the notifications to show — each application and period exactly once.
    pub async fn check_results(
        &self,
        period: String,
        cancel: Option<Arc<CancelToken>>,
    ) -> R<Vec<ResultNotification>> {
        CancelToken::run(cancel.as_deref(), async {
            Ok(self.inner.check_results(period).await?)
        })
        .await
    }
    /// As `check_results`, for every published period (background task, push).
    pub async fn check_published_results(
        &self,
        cancel: Option<Arc<CancelToken>>,
    ) -> R<Vec<ResultNotification>> {
        CancelToken::run(cancel.as_deref(), async {
            Ok(self.inner.check_published_results().await?)
        })
        .await
    }
    /// The account's results per period, from the portal.
    pub async fn my_results(&self) -> R<Vec<PeriodResult>> {
        Ok(self.inner.my_results().await?)
    }
    /// The cached periods.
    pub fn periods(&self) -> R<Vec<Period>> {
        Ok(self.inner.periods()?)
    }
    /// Refreshes the periods.
    pub async fn refresh_periods(&self) -> R<Vec<Period>> {
        Ok(self.inner.refresh_periods().await?)
    }
    /// The account's quotas.
    pub async fn quotas(&self) -> R<Vec<Quota>> {
        Ok(self.inner.quotas().await?)
    }
    /// Confirms a won quota (within 72 hours of publication).
    pub async fn confirm_quota(&self, quota_id: i64) -> R<Vec<Quota>> {
        Ok(self.inner.confirm_quota(quota_id).await?)
    }
    /// Presses 继续参与 for an application.
    pub async fn continue_application(&self, id: i64) -> R<Application> {
        Ok(self.inner.continue_application(id).await?)
    }
    /// Re-activates an application removed by the clean-up.
    pub async fn reactivate_application(&self, id: i64) -> R<Application> {
        Ok(self.inner.reactivate_application(id).await?)
    }
}
