//! Policies, the calendar and reminders — and applying the core's reconciliation
//! of reminders to the platform's notification scheduler (a foreign trait the app implements).

use crate::YaohaoError;
use crate::records::Instant;
use crate::runtime::{TaskFailure, run_blocking};
use chrono::NaiveDate;
use std::sync::Arc;
use yaohao_core::calendar::{self, AnnouncedDate, Event};
use yaohao_core::i18n::Reason;
use yaohao_core::policy::{self, Policy};
use yaohao_core::reminders::reconcile::{self, Synced};
use yaohao_core::reminders::{self, ApplicantState, Reminder};

/// A policy regime as the apps list it.
#[derive(uniffi::Record)]
pub struct PolicySummary {
    /// Stable name, e.g. `bimonthly-2014`.
    pub name: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Ordinary lotteries a year.
    pub ordinary_draws_per_year: u32,
    /// Whether this is the default policy.
    pub is_default: bool,
}

/// Every policy regime shipped with the core.
#[uniffi::export]
pub fn policies() -> Vec<PolicySummary> {
    let default = policy::default_policy().name.as_str();
    policy::all()
        .iter()
        .map(|p| PolicySummary {
            name: p.name.clone(),
            title_zh: p.title.zh.clone(),
            title_en: p.title.en.clone(),
            ordinary_draws_per_year: p.ordinary_draws_per_year(),
            is_default: p.name == default,
        })
        .collect()
}

fn policy_named(name: &str) -> Result<&'static Policy, YaohaoError> {
    policy::by_name(name).ok_or_else(|| {
        YaohaoError::invalid(
            "policy",
            Reason::new(
                "unknown_policy",
                format!(
                    "没有名为“{name}”的政策，可用：monthly-2011、bimonthly-2014、annual-2021。"
                ),
                format!(
                    "No policy named '{name}'; use monthly-2011, bimonthly-2014 or annual-2021."
                ),
            ),
        )
    })
}

/// Every event of `policy` between `from` and `to` (Beijing dates, inclusive); dates the portal
/// announced replace the projected ones.
#[uniffi::export]
pub fn calendar_events(
    policy: String,
    from: NaiveDate,
    to: NaiveDate,
    announced: Vec<AnnouncedDate>,
) -> Result<Vec<Event>, YaohaoError> {
    if to < from {
        return Err(YaohaoError::invalid(
            "to",
            Reason::new(
                "date_range",
                "结束日期早于开始日期。",
                "The end date is before the start date.",
            ),
        ));
    }
    Ok(calendar::events(
        policy_named(&policy)?,
        from,
        to,
        &announced,
    ))
}

/// The reminders due after `now` for an applicant's state, with stable ids.
#[uniffi::export]
pub fn compute_reminders(
    state: ApplicantState,
    policy: String,
    now: Instant,
) -> Result<Vec<Reminder>, YaohaoError> {
    state.check().map_err(|e| {
        YaohaoError::invalid(
            &e.field,
            Reason::new(
                "invalid_state",
                format!("{}：{}", e.field, e.reason),
                e.to_string(),
            ),
        )
    })?;
    Ok(reminders::compute(&state, policy_named(&policy)?, now))
}

/// Failure reported by the app's notification scheduler.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum SchedulerError {
    /// The platform refused (e.g. exact alarms not permitted).
    #[error("{reason}")]
    Refused {
        /// What the platform said.
        reason: String,
    },
    /// The app's callback failed unexpectedly.
    #[error("{reason}")]
    Unexpected {
        /// What went wrong.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SchedulerError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SchedulerError::Unexpected { reason: e.reason }
    }
}

impl From<TaskFailure> for SchedulerError {
    fn from(failure: TaskFailure) -> Self {
        SchedulerError::Unexpected {
            reason: failure.to_string(),
        }
    }
}

/// The app's local-notification scheduler (AlarmManager/WorkManager on Android,
/// UNUserNotificationCenter on iOS). Scheduling an id that exists replaces it.
#[uniffi::export(with_foreign)]
pub trait NotificationScheduler: Send + Sync {
    /// Ids of the reminders currently scheduled by Yaohao.
    fn scheduled_ids(&self) -> Result<Vec<String>, SchedulerError>;
    /// Schedules (or replaces) one reminder.
    fn schedule(&self, reminder: Reminder) -> Result<(), SchedulerError>;
    /// Cancels one reminder; unknown ids are ignored.
    fn cancel(&self, id: String) -> Result<(), SchedulerError>;
}

/// What `sync_reminders` changed.
#[derive(uniffi::Record)]
pub struct ReminderSync {
    /// Ids scheduled (new or replaced).
    pub scheduled: Vec<String>,
    /// Ids cancelled because they are no longer due.
    pub cancelled: Vec<String>,
}

/// Makes the scheduler hold exactly `reminders` (`yaohao_core::reminders::reconcile`): cancels
/// stale ids, then (re)schedules the rest. Running it twice with the same reminders cancels nothing
/// the second time. The scheduler is called on the core's blocking pool, never on the caller's
/// thread.
#[uniffi::export]
pub async fn sync_reminders(
    scheduler: Arc<dyn NotificationScheduler>,
    reminders: Vec<Reminder>,
) -> Result<ReminderSync, SchedulerError> {
    run_blocking(move || {
        let Synced {
            scheduled,
            cancelled,
        } = reconcile::sync(&Device(scheduler.as_ref()), reminders)?;
        Ok(ReminderSync {
            scheduled,
            cancelled,
        })
    })
    .await
}

/// The app's scheduler as the core's reconciliation drives it.
struct Device<'a>(&'a dyn NotificationScheduler);

impl reconcile::Scheduler for Device<'_> {
    type Error = SchedulerError;
    fn scheduled_ids(&self) -> Result<Vec<String>, SchedulerError> {
        self.0.scheduled_ids()
    }
    fn schedule(&self, reminder: Reminder) -> Result<(), SchedulerError> {
        self.0.schedule(reminder)
    }
    fn cancel(&self, id: String) -> Result<(), SchedulerError> {
        self.0.cancel(id)
    }
}
