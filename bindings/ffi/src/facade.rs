//! `Yaohao`, the facade the apps drive: small wrappers over `yaohao_core::facade::Yaohao`.
//!
//! No method blocks the caller's thread. Every method but `locale` is async and runs its work on
//! the core's runtime (`crate::runtime`): network calls on its workers, cache reads and writes on
//! its blocking pool. The constructors do no I/O: the cache is opened (created, migrated) on the
//! blocking pool by the first call. Long calls take an optional `CancelToken`.

use crate::YaohaoError;
use crate::cancel::CancelToken;
use crate::platform::{Clock, ForeignClock, ForeignSecrets, SecretStore};
use crate::runtime::{run, run_blocking};
use chrono::NaiveDate;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::OnceCell;
use yaohao_core::api::{UnitRegistration, WebPushKeys};
use yaohao_core::calendar::Event;
use yaohao_core::client::{Clock as CoreClock, SystemClock};
use yaohao_core::documents::{DocumentKind, PreparedDocument};
use yaohao_core::draw_day::PlannedCheck;
use yaohao_core::facade::{self, YaohaoConfig};
use yaohao_core::facade::{
    Account, AccountHolder, AddressChange, Announcement, Application, ApplicationDetail,
    ApplicationForm, ApplicationKind, CodeSent, Dashboard, Draft, MaritalChange, MaritalStatus,
    Period, PeriodResult, Preview, Quota, Registration, ReminderPlan, ResultNotification,
    SmsPurpose, SyncReport,
};
use yaohao_core::i18n::{Lang, Reason};
use yaohao_core::secrets::SecretStore as CoreSecretStore;

/// The applicant's companion: portal client, offline cache, drafts, results and reminders.
#[derive(uniffi::Object)]
pub struct Yaohao {
    core: Arc<Core>,
}

type R<T> = Result<T, YaohaoError>;

/// The core facade, opened on first use. Shared with the tasks that use it.
struct Core {
    config: YaohaoConfig,
    secrets: Arc<dyn CoreSecretStore>,
    clock: Arc<dyn CoreClock>,
    opened: OnceCell<Arc<facade::Yaohao>>,
}

impl Core {
    /// The opened facade; the first caller opens the cache on the blocking pool (a failure is
    /// returned and the next call tries again).
    async fn get(&self) -> R<Arc<facade::Yaohao>> {
        let opened = self
            .opened
            .get_or_try_init(|| {
                let (config, secrets, clock) = (
                    self.config.clone(),
                    self.secrets.clone(),
                    self.clock.clone(),
                );
                run_blocking(move || -> R<_> {
                    Ok(Arc::new(facade::Yaohao::open(config, secrets, clock)?))
                })
            })
            .await?;
        Ok(opened.clone())
    }
}

impl Yaohao {
    fn open(
        base_url: String,
        data_dir: String,
        locale: Lang,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn CoreClock>,
    ) -> R<Self> {
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(YaohaoError::invalid(
                "base_url",
                Reason::new(
                    "base_url",
                    format!("门户地址“{base_url}”无效，应以 http:// 或 https:// 开头。"),
                    format!(
                        "'{base_url}' is not a portal address; it must start with http:// or https://."
                    ),
                ),
            ));
        }
        if data_dir.trim().is_empty() {
            return Err(YaohaoError::invalid(
                "data_dir",
                Reason::new(
                    "data_dir",
                    "未指定数据目录。",
                    "No data directory was given.",
                ),
            ));
        }
        Ok(Yaohao {
            core: Arc::new(Core {
                config: YaohaoConfig::new(base_url, data_dir, locale),
                secrets: Arc::new(ForeignSecrets(secrets)),
                clock,
                opened: OnceCell::new(),
            }),
        })
    }

    /// Runs `work` with the opened facade on the core's runtime; the caller only awaits.
    fn spawn<T, E, F, Fut>(&self, work: F) -> impl Future<Output = R<T>> + Send + 'static
    where
        F: FnOnce(Arc<facade::Yaohao>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
        T: Send + 'static,
        YaohaoError: From<E>,
    {
        let core = self.core.clone();
        run(async move { Ok(work(core.get().await?).await?) })
    }

    /// As `spawn`, stopped early by `cancel`.
    fn cancellable<T, F, Fut>(
        &self,
        cancel: Option<Arc<CancelToken>>,
        work: F,
    ) -> impl Future<Output = R<T>> + Send + 'static
    where
        F: FnOnce(Arc<facade::Yaohao>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, yaohao_core::client::ClientError>> + Send + 'static,
        T: Send + 'static,
    {
        self.spawn(move |app| async move {
            CancelToken::run(cancel.as_deref(), async { Ok(work(app).await?) }).await
        })
    }

    /// Runs blocking `work` (cache reads and writes, the secret store) with the opened facade on
    /// the core's blocking pool; the caller only awaits.
    fn blocking<T, E, F>(&self, work: F) -> impl Future<Output = R<T>> + Send + 'static
    where
        F: FnOnce(&facade::Yaohao) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        YaohaoError: From<E>,
    {
        let core = self.core.clone();
        run(async move {
            let app = core.get().await?;
            run_blocking(move || Ok(work(&app)?)).await
        })
    }
}

#[uniffi::export]
impl Yaohao {
    /// A facade on `data_dir` (created and migrated by the first call; no I/O here, no network).
    /// The session token lives only in `secrets`.
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
        self.core.config.locale
    }

    // Accounts.

    /// Asks the portal to text a code for `purpose`: to `mobile` for registration, to the
    /// holder's mobile for login, to the holder's `mobile` for a password reset.
    pub async fn request_sms_code(
        &self,
        purpose: SmsPurpose,
        mobile: Option<String>,
        holder: Option<AccountHolder>,
    ) -> R<CodeSent> {
        self.spawn(move |app| async move { app.request_sms_code(purpose, mobile, holder).await })
            .await
    }
    /// Registers an account (confirmed by the SMS code).
    pub async fn register(&self, registration: Registration) -> R<Account> {
        self.spawn(move |app| async move { app.register(registration).await })
            .await
    }
    /// Registers a unit's account, kept by its contact person (confirmed by the SMS code sent to
    /// the contact's mobile).
    pub async fn register_unit(&self, registration: UnitRegistration) -> R<Account> {
        self.spawn(move |app| async move { app.register_unit(registration).await })
            .await
    }
    /// Logs in, a person by resident ID or a unit by credit code, with password and SMS code;
    /// the token goes to the secret store.
    pub async fn login(
        &self,
        holder: AccountHolder,
        password: String,
        sms_code: String,
    ) -> R<Account> {
        self.spawn(move |app| async move { app.login(holder, password, sms_code).await })
            .await
    }
    /// Logs out here and at the portal.
    pub async fn logout(&self) -> R<()> {
        self.spawn(move |app| async move { app.logout().await })
            .await
    }
    /// Everything the portal holds about the applicant, as pretty JSON for the user to save or
    /// share (the only place the full ID number and mobile appear).
    pub async fn export_data(&self) -> R<String> {
        self.spawn(move |app| async move {
            let data = app.export_data().await?;
            serde_json::to_string_pretty(&data).map_err(|e| {
                yaohao_core::client::ClientError::Other {
                    message: yaohao_core::i18n::Text::new(
                        format!("无法生成导出文件：{e}"),
                        format!("The export could not be written: {e}"),
                    ),
                }
            })
        })
        .await
    }
    /// Deletes the account (with its password; the account card's actions say when it may),
    /// then forgets the session and everything personal on this device, drafts included.
    pub async fn delete_account(&self, password: String) -> R<()> {
        self.spawn(move |app| async move { app.delete_account(password).await })
            .await
    }
    /// Whether a session token is held.
    pub async fn is_logged_in(&self) -> R<bool> {
        self.blocking(move |app| app.is_logged_in()).await
    }
    /// Resets the holder's password with its mobile and the SMS code sent there.
    pub async fn reset_password(
        &self,
        holder: AccountHolder,
        mobile: String,
        sms_code: String,
        new_password: String,
    ) -> R<()> {
        self.spawn(move |app| async move {
            app.reset_password(holder, mobile, sms_code, new_password)
                .await
        })
        .await
    }
    /// Texts codes to the old and the new mobile.
    pub async fn request_mobile_change_codes(&self, new_mobile: String) -> R<CodeSent> {
        self.spawn(move |app| async move { app.request_mobile_change_codes(new_mobile).await })
            .await
    }
    /// Changes the mobile with both codes.
    pub async fn change_mobile(
        &self,
        new_mobile: String,
        old_code: String,
        new_code: String,
    ) -> R<Account> {
        self.spawn(
            move |app| async move { app.change_mobile(new_mobile, old_code, new_code).await },
        )
        .await
    }
    /// Registers this device's push token (`fcm`, `apns` or `dev`), or a Web Push subscription
    /// (`web_push`: the endpoint URL as `token`, with its `keys`; e.g. a UnifiedPush endpoint).
    pub async fn register_device(
        &self,
        provider: String,
        token: String,
        keys: Option<WebPushKeys>,
    ) -> R<()> {
        self.spawn(move |app| async move { app.register_device(provider, token, keys).await })
            .await
    }
    /// Requests a marital-status change with its certificate photo (reviewed in about 5 working days).
    pub async fn request_marital_change(
        &self,
        status: MaritalStatus,
        certificate: Vec<u8>,
    ) -> R<MaritalChange> {
        self.spawn(move |app| async move { app.request_marital_change(status, certificate).await })
            .await
    }
    /// Refreshes the marital-status change from the portal.
    pub async fn refresh_marital_change(&self) -> R<Option<MaritalChange>> {
        self.spawn(move |app| async move { app.refresh_marital_change().await })
            .await
    }
    /// Requests that the approved applications' address become `address`, with a photo of a
    /// proof of address (the core checks the address first; reviewed in about 5 working days;
    /// the account card shows its state).
    pub async fn request_address_change(
        &self,
        address: String,
        proof: Vec<u8>,
    ) -> R<AddressChange> {
        self.spawn(move |app| async move { app.request_address_change(address, proof).await })
            .await
    }
    /// The cached marital-status change.
    pub async fn marital_change(&self) -> R<Option<MaritalChange>> {
        self.blocking(move |app| app.marital_change()).await
    }

    // Applications and drafts.

    /// Starts a local draft (saved at once, survives a killed process).
    pub async fn create_draft(&self, kind: ApplicationKind) -> R<Draft> {
        self.blocking(move |app| app.create_draft(kind)).await
    }
    /// A draft to edit a portal application (after a rejection, say).
    pub async fn edit_application(&self, application_id: i64) -> R<Draft> {
        self.blocking(move |app| app.edit_application(application_id))
            .await
    }
    /// Saves the form locally (call on every change).
    pub async fn save_draft(&self, local_id: String, form: ApplicationForm) -> R<Draft> {
        self.blocking(move |app| app.save_draft(local_id, form))
            .await
    }
    /// One draft.
    pub async fn draft(&self, local_id: String) -> R<Draft> {
        self.blocking(move |app| app.draft(local_id)).await
    }
    /// Discards a draft here and at the portal.
    pub async fn discard_draft(&self, local_id: String) -> R<()> {
        self.spawn(move |app| async move { app.discard_draft(local_id).await })
            .await
    }
    /// Sends saved drafts and queued uploads, in order and idempotently.
    pub async fn sync(&self, cancel: Option<Arc<CancelToken>>) -> R<SyncReport> {
        self.cancellable(cancel, move |app| async move { app.sync().await })
            .await
    }
    /// Every check the portal will run, before submitting: computed here, offline.
    pub async fn preview(&self, local_id: String) -> R<Preview> {
        self.blocking(move |app| app.preview(local_id)).await
    }
    /// Submits the draft; the portal issues the 13-digit application code.
    pub async fn submit(&self, local_id: String) -> R<Application> {
        self.spawn(move |app| async move { app.submit(local_id).await })
            .await
    }
    /// One application with its status history and documents.
    pub async fn application(&self, id: i64) -> R<ApplicationDetail> {
        self.blocking(move |app| app.application(id)).await
    }

    // Documents.

    /// Prepares a photo for `kind` (orientation, size limit, blur warning).
    pub async fn prepare_document(
        &self,
        bytes: Vec<u8>,
        kind: DocumentKind,
    ) -> R<PreparedDocument> {
        self.spawn(move |app| async move { app.prepare_document(bytes, kind).await })
            .await
    }
    /// Prepares and attaches a photo to a draft; it is uploaded now or queued while offline.
    pub async fn add_document(
        &self,
        local_id: String,
        kind: DocumentKind,
        bytes: Vec<u8>,
    ) -> R<Draft> {
        self.spawn(move |app| async move { app.add_document(local_id, kind, bytes).await })
            .await
    }

    // Dashboard, reminders, calendar.

    /// Everything the home screen shows, from the cache only.
    pub async fn dashboard(&self) -> R<Dashboard> {
        self.blocking(move |app| app.dashboard()).await
    }
    /// The draw-day check plan: when to look for results without a push, soonest first (the
    /// app schedules background work at these instants; empty while nothing is in the pool).
    pub async fn draw_day_checks(&self) -> R<Vec<PlannedCheck>> {
        self.blocking(move |app| app.draw_day_checks()).await
    }
    /// Refreshes the cache with conditional requests and returns the new dashboard.
    pub async fn refresh(&self, cancel: Option<Arc<CancelToken>>) -> R<Dashboard> {
        self.cancellable(cancel, move |app| async move { app.refresh().await })
            .await
    }
    /// Reminders to (re)schedule and ids to cancel since the last plan.
    pub async fn reminder_plan(&self) -> R<ReminderPlan> {
        self.blocking(move |app| app.reminder_plan()).await
    }
    /// The portal's calendar between two Beijing dates (announced dates included).
    pub async fn calendar(&self, from: NaiveDate, to: NaiveDate) -> R<Vec<Event>> {
        self.blocking(move |app| app.calendar(from, to)).await
    }
    /// Refreshes the announced calendar.
    pub async fn refresh_calendar(&self) -> R<()> {
        self.spawn(move |app| async move { app.refresh_calendar().await })
            .await
    }
    /// The cached announcements.
    pub async fn announcements(&self) -> R<Vec<Announcement>> {
        self.blocking(move |app| app.announcements()).await
    }
    /// Refreshes the announcements.
    pub async fn refresh_announcements(&self) -> R<Vec<Announcement>> {
        self.spawn(move |app| async move { app.refresh_announcements().await })
            .await
    }

    // Results and quotas.

    /// Fetches `period`'s result file once, verifies the draw, matches the account's codes and
    /// returns the notifications to show — each application and period exactly once.
    pub async fn check_results(
        &self,
        period: String,
        cancel: Option<Arc<CancelToken>>,
    ) -> R<Vec<ResultNotification>> {
        self.cancellable(
            cancel,
            move |app| async move { app.check_results(period).await },
        )
        .await
    }
    /// As `check_results`, for every published period (background task, push).
    pub async fn check_published_results(
        &self,
        cancel: Option<Arc<CancelToken>>,
    ) -> R<Vec<ResultNotification>> {
        self.cancellable(cancel, move |app| async move {
            app.check_published_results().await
        })
        .await
    }
    /// Follows application codes without an account (typed as the user likes; nothing is
    /// followed when one is invalid); every followed code.
    pub async fn follow_codes(&self, codes: Vec<String>) -> R<Vec<String>> {
        self.blocking(move |app| app.follow_codes(codes)).await
    }
    /// Stops following a code; the codes still followed.
    pub async fn unfollow_code(&self, code: String) -> R<Vec<String>> {
        self.blocking(move |app| app.unfollow_code(code)).await
    }
    /// The followed codes, in the order they were added.
    pub async fn followed_codes(&self) -> R<Vec<String>> {
        self.blocking(move |app| app.followed_codes()).await
    }
    /// Reads an official result file the user imported (PDF or TXT), verifies it, matches the
    /// followed and the account's codes; the notifications not handed out before.
    pub async fn import_result_file(&self, bytes: Vec<u8>) -> R<Vec<ResultNotification>> {
        self.spawn(move |app| async move { app.import_result_file(bytes).await })
            .await
    }
    /// The account's results per period, from the portal.
    pub async fn my_results(&self) -> R<Vec<PeriodResult>> {
        self.spawn(move |app| async move { app.my_results().await })
            .await
    }
    /// The cached periods.
    pub async fn periods(&self) -> R<Vec<Period>> {
        self.blocking(move |app| app.periods()).await
    }
    /// Refreshes the periods.
    pub async fn refresh_periods(&self) -> R<Vec<Period>> {
        self.spawn(move |app| async move { app.refresh_periods().await })
            .await
    }
    /// The account's quotas.
    pub async fn quotas(&self) -> R<Vec<Quota>> {
        self.spawn(move |app| async move { app.quotas().await })
            .await
    }
    /// Confirms a won quota (within 72 hours of publication).
    pub async fn confirm_quota(&self, quota_id: i64) -> R<Vec<Quota>> {
        self.spawn(move |app| async move { app.confirm_quota(quota_id).await })
            .await
    }
    /// Presses 继续参与 for an application.
    pub async fn continue_application(&self, id: i64) -> R<Application> {
        self.spawn(move |app| async move { app.continue_application(id).await })
            .await
    }
    /// Withdraws a submitted application: it joins no further draw, its history stays.
    pub async fn withdraw_application(&self, id: i64) -> R<Application> {
        self.spawn(move |app| async move { app.withdraw_application(id).await })
            .await
    }
    /// Re-activates an application removed by the clean-up.
    pub async fn reactivate_application(&self, id: i64) -> R<Application> {
        self.spawn(move |app| async move { app.reactivate_application(id).await })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SecretStoreError;
    use crate::runtime::tests::block_on;

    /// A vault that holds nothing.
    struct EmptyVault;

    impl SecretStore for EmptyVault {
        fn get(&self, _key: String) -> Result<Option<String>, SecretStoreError> {
            Ok(None)
        }
        fn set(&self, _key: String, _value: String) -> Result<(), SecretStoreError> {
            Ok(())
        }
        fn delete(&self, _key: String) -> Result<(), SecretStoreError> {
            Ok(())
        }
    }

    fn open(base_url: &str, data_dir: &std::path::Path) -> R<Yaohao> {
        let data_dir = data_dir.display().to_string();
        Yaohao::new(base_url.into(), data_dir, Lang::En, Arc::new(EmptyVault))
    }

    #[test]
    fn the_constructor_checks_its_arguments_and_the_first_call_opens_the_cache() {
        let data = std::env::temp_dir().join(format!(
            "yaohao-ffi-lazy-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        let refused = open("portal.example", &data);
        assert!(
            matches!(&refused, Err(YaohaoError::InvalidInput { field, .. }) if field == "base_url")
        );
        let refused = open("http://127.0.0.1:9", std::path::Path::new(""));
        assert!(
            matches!(&refused, Err(YaohaoError::InvalidInput { field, .. }) if field == "data_dir")
        );

        let app = open("http://127.0.0.1:9", &data).unwrap();
        assert_eq!(app.locale(), Lang::En);
        assert!(!data.exists(), "the constructor touched the disk");
        // The first call opens (creates and migrates) the cache: an empty, sound one.
        let dashboard = block_on(app.dashboard()).unwrap();
        assert!(dashboard.account.is_none() && dashboard.drafts.is_empty());
        assert!(dashboard.refreshed_at.is_none());
        assert!(data.join("cache.sqlite3").exists());
        let opened = block_on(app.core.get()).unwrap();
        assert_eq!(opened.cache_integrity().unwrap(), "ok");
        assert!(!block_on(app.is_logged_in()).unwrap());
        drop(app);
        let _ = std::fs::remove_dir_all(&data);
    }
}
