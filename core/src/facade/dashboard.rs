//! The home screen and reminders, from the cache only; and `refresh`, which brings the cache up
//! to date with conditional requests.

use crate::i18n::Text;
use chrono::{DateTime, Days, Utc};
use reqwest::Method;
use serde::Deserialize;

use super::cards::ResultFacts;
use super::{
    AccountCard, Application, ApplicationCard, ApplicationKind, ApplicationStatus, Dashboard,
    ReminderPlan, ResultCard, ResultOutcome, UpcomingEvent, Yaohao,
};
use crate::calendar::{self, AnnouncedDate};
use crate::client::ClientError;
use crate::client::http::{Call, Json};
use crate::draw_day::{self, PlannedCheck};
use crate::policy::{self, Policy};
use crate::reminders::{self, ApplicantState, Reminder};
use crate::time::beijing_date;

/// Calendar events shown on the dashboard.
const NEXT_EVENTS: usize = 5;
/// Days ahead the dashboard looks for events.
const EVENT_DAYS: u64 = 120;
/// Results shown on the dashboard.
const LATEST_RESULTS: i64 = 10;
/// Sync mark of the last complete refresh (milliseconds since the epoch).
const REFRESHED_AT: &str = "refreshed_at";
/// Sync mark of the portal's policy regime.
const POLICY: &str = "policy";

/// Details stored with an outcome.
#[derive(Debug, Clone, Default, serde::Serialize, Deserialize)]
pub(super) struct OutcomeDetail {
    /// Row in the published list.
    pub row: Option<u32>,
    /// Whether the list passed verification.
    pub verified: bool,
    /// The draw's Beijing date.
    pub draw_date: Option<chrono::NaiveDate>,
    /// The list's verification (absent for outcomes stored before reports were kept).
    #[serde(default)]
    pub report: Option<crate::draw::DrawReport>,
}

#[derive(Deserialize)]
struct PolicyName {
    name: String,
}

fn reminder_application(app: &Application) -> Option<reminders::TrackedApplication> {
    let status = match app.status {
        ApplicationStatus::Draft => reminders::TrackedStatus::Draft,
        ApplicationStatus::UnderReview => reminders::TrackedStatus::UnderReview,
        ApplicationStatus::Approved => reminders::TrackedStatus::Active,
        ApplicationStatus::Rejected => reminders::TrackedStatus::Rejected,
        ApplicationStatus::Won => reminders::TrackedStatus::Won,
        ApplicationStatus::Removed => reminders::TrackedStatus::Lapsed,
        ApplicationStatus::Withdrawn | ApplicationStatus::Other { .. } => return None,
    };
    Some(reminders::TrackedApplication {
        code: app.code.clone()?,
        kind: match app.kind {
            // Every lottery is drawn on the ordinary draw day.
            ApplicationKind::IndividualOrdinary
            | ApplicationKind::FamilyOrdinary
            | ApplicationKind::UnitOrdinary
            | ApplicationKind::UnitNev => reminders::TrackedKind::Ordinary,
            ApplicationKind::IndividualNev => reminders::TrackedKind::Nev,
            ApplicationKind::Family => reminders::TrackedKind::Family,
        },
        status,
        submitted_on: app.submitted_at.map(beijing_date),
        last_continued_on: app.continued_on,
        draws_without_win: u32::try_from(app.draw_count).unwrap_or(0),
    })
}

impl Yaohao {
    /// The policy regime the portal runs (as last seen), or the one in force today.
    pub(super) fn policy(&self) -> Result<&'static Policy, ClientError> {
        Ok(self
            .cache
            .mark(POLICY)?
            .and_then(|name| policy::by_name(&name))
            .or_else(|| policy::in_force(beijing_date(self.now())))
            .unwrap_or_else(policy::default_policy))
    }

    /// Asks the portal which policy it runs, and keeps the answer for what is decided offline.
    pub(super) async fn learn_policy(&self) -> Result<(), ClientError> {
        let call = Call::new(Method::GET, "/v1/policy");
        let policy = Self::body(self.http.send::<Json<PolicyName>>(&call).await?)?;
        Ok(self.cache.set_mark(POLICY, &policy.name)?)
    }

    /// Learns the portal's policy unless it is known already; offline, the regime in force
    /// stands in until the next time.
    pub(super) async fn ensure_policy(&self) -> Result<(), ClientError> {
        if self.cache.mark(POLICY)?.is_some() {
            return Ok(());
        }
        match self.learn_policy().await {
            Ok(()) | Err(ClientError::Network { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Whether the account (or, signed out, a person) can make an application of `kind` under
    /// the policy; the reason when not.
    pub(super) fn offers(&self, kind: ApplicationKind) -> Result<(), ClientError> {
        let unit_account = self.profile()?.is_some_and(|a| a.unit.is_some());
        self.policy()?
            .offers(kind)
            .and_then(|()| kind.fits_account(unit_account))
            .map_err(|reason| ClientError::Validation {
                code: reason.code.clone(),
                field: Some("kind".to_owned()),
                message: Text::new(reason.message_zh, reason.message_en),
            })
    }

    pub(super) fn announced(&self) -> Result<Vec<AnnouncedDate>, ClientError> {
        self.cache
            .announced()?
            .iter()
            .map(|json| serde_json::from_str(json).map_err(ClientError::local))
            .collect()
    }

    /// The applicant's state as the cache knows it (the input of reminders).
    pub fn applicant_state(&self) -> Result<ApplicantState, ClientError> {
        let applications = self.applications()?;
        let quotas = self.cached_quotas()?;
        let quota = self
            .latest_results()?
            .into_iter()
            .find(|o| o.won)
            .and_then(|o| {
                let detail = self.outcome_detail(&o.code, &o.period).ok()?;
                let confirmed = quotas.iter().any(|q| {
                    q.period == o.period && q.status != crate::api::QuotaStatus::PendingConfirmation
                });
                Some(reminders::WonQuota {
                    code: o.code,
                    draw_date: detail.draw_date?,
                    confirmed,
                })
            });
        let marital_change = self
            .marital_change()?
            .filter(|c| c.status == "pending")
            .map(|c| reminders::PendingMaritalChange {
                submitted_on: beijing_date(c.created_at),
            });
        Ok(ApplicantState {
            applications: applications
                .iter()
                .filter_map(reminder_application)
                .collect(),
            quota,
            marital_change,
            announced: self.announced()?,
            ..ApplicantState::default()
        })
    }

    /// Reminders recomputed from the cached state with the calendar engine (stable ids: the apps
    /// reschedule idempotently).
    pub fn reminders(&self) -> Result<Vec<Reminder>, ClientError> {
        let state = self.applicant_state()?;
        Ok(reminders::compute(&state, self.policy()?, self.now()))
    }

    /// Reminders to schedule now and the ids of earlier ones to cancel (the apps' notification
    /// schedulers apply this; the schedule is kept in the cache between calls).
    pub fn reminder_plan(&self) -> Result<ReminderPlan, ClientError> {
        let schedule = self.reminders()?;
        let rows = schedule
            .iter()
            .map(|r| {
                Ok((
                    r.id.clone(),
                    r.fire_at.timestamp_millis(),
                    serde_json::to_string(r)?,
                ))
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()
            .map_err(ClientError::local)?;
        let cancel = self.cache.replace_reminders(&rows)?;
        Ok(ReminderPlan { schedule, cancel })
    }

    /// The next calendar events with countdowns.
    pub fn next_events(&self) -> Result<Vec<UpcomingEvent>, ClientError> {
        let now = self.now();
        let today = beijing_date(now);
        let last = today
            .checked_add_days(Days::new(EVENT_DAYS))
            .unwrap_or(today);
        let events = calendar::events(self.policy()?, today, last, &self.announced()?);
        Ok(events
            .into_iter()
            .filter(|e| e.at.to_utc() > now)
            .take(NEXT_EVENTS)
            .map(|e| UpcomingEvent {
                kind: e.kind,
                title: e.kind.label(),
                at: e.at.to_utc(),
                countdown_seconds: (e.at.to_utc() - now).num_seconds(),
                announced: e.announced,
            })
            .collect())
    }

    pub(super) fn outcome_detail(
        &self,
        code: &str,
        period: &str,
    ) -> Result<OutcomeDetail, ClientError> {
        let row = self.cache.outcome(code, period)?;
        Ok(row
            .and_then(|r| serde_json::from_str(&r.detail).ok())
            .unwrap_or_default())
    }

    /// The latest stored results of the account's codes, newest period first.
    pub fn latest_results(&self) -> Result<Vec<ResultOutcome>, ClientError> {
        Ok(self
            .cache
            .latest_outcomes(LATEST_RESULTS)?
            .into_iter()
            .map(super::results::outcome)
            .collect())
    }

    /// The home screen from the cache only: no network, milliseconds. Every card carries what
    /// may be done now, its deadline and its text.
    pub fn dashboard(&self) -> Result<Dashboard, ClientError> {
        let (policy, announced, now) = (self.policy()?, self.announced()?, self.now());
        let applications = self.applications()?;
        let quotas = self.cached_quotas()?;
        let latest_results = self
            .latest_results()?
            .into_iter()
            .map(|outcome| {
                let application = applications
                    .iter()
                    .find(|a| a.code.as_deref() == Some(outcome.code.as_str()));
                let quota = quotas
                    .iter()
                    .find(|q| {
                        q.period == outcome.period
                            && application.is_some_and(|a| a.id == q.application_id)
                    })
                    .cloned();
                let detail = self.outcome_detail(&outcome.code, &outcome.period)?;
                let facts = ResultFacts {
                    outcome,
                    application,
                    quota,
                    draw_date: detail.draw_date,
                    report: detail.report,
                };
                Ok(ResultCard::new(facts, policy, now))
            })
            .collect::<Result<_, ClientError>>()?;
        let account = self
            .profile()?
            .map(|a| {
                Ok::<_, ClientError>(AccountCard::new(
                    a,
                    self.marital_change()?,
                    self.address_change()?,
                    &applications,
                    &quotas,
                ))
            })
            .transpose()?;
        Ok(Dashboard {
            account,
            latest_results,
            applications: applications
                .into_iter()
                .map(|a| ApplicationCard::new(a, policy, &announced, now))
                .collect(),
            drafts: self.drafts()?,
            application_kinds: ApplicationKind::ALL
                .into_iter()
                .filter(|&k| self.offers(k).is_ok())
                .collect(),
            next_events: self.next_events()?,
            reminders: self.reminders()?,
            next_check: self.draw_day_checks()?.into_iter().next(),
            refreshed_at: self.refreshed_at()?,
        })
    }

    /// The draw-day check plan: when this device looks for results without any push, soonest
    /// first, for the draws whose results it does not have yet. Empty while no application is in
    /// the pool.
    pub fn draw_day_checks(&self) -> Result<Vec<PlannedCheck>, ClientError> {
        let in_pool = self
            .applications()?
            .iter()
            .any(|a| a.status == ApplicationStatus::Approved);
        if !in_pool && self.cache.followed()?.is_empty() {
            return Ok(Vec::new());
        }
        let (policy, announced, now) = (self.policy()?, self.announced()?, self.now());
        let mut found = Vec::new();
        for check in draw_day::plan(policy, &announced, now, &[]) {
            if !found.contains(&check.period) && self.cache.has_result(&check.period)? {
                found.push(check.period);
            }
        }
        Ok(draw_day::plan(policy, &announced, now, &found))
    }

    /// When the cache was last fully refreshed.
    pub fn refreshed_at(&self) -> Result<Option<DateTime<Utc>>, ClientError> {
        Ok(self
            .cache
            .mark(REFRESHED_AT)?
            .and_then(|ms| ms.parse::<i64>().ok())
            .map(super::from_ms))
    }

    /// Brings the cache up to date (conditional requests where the portal gives ETags), then
    /// sends unsynced drafts and queued uploads. Returns the dashboard.
    pub async fn refresh(&self) -> Result<Dashboard, ClientError> {
        self.learn_policy().await?;
        self.refresh_profile().await?;
        self.refresh_marital_change().await?;
        self.refresh_address_change().await?;
        self.quotas().await?;
        self.refresh_calendar().await?;
        self.refresh_announcements().await?;
        self.refresh_applications().await?;
        self.refresh_periods().await?;
        self.sync().await?;
        self.cache
            .set_mark(REFRESHED_AT, &self.now_ms().to_string())?;
        self.dashboard()
    }
}
