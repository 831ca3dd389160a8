//! Screen-ready records: what the home, application and results screens show, with the allowed
//! actions, countdowns and texts decided here, so the apps only render them.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Account, AddressChange, Application, MaritalChange, Quota, ResultOutcome};
use crate::actions::{self, Action, Deadline};
use crate::api::period_label;
use crate::calendar::AnnouncedDate;
use crate::draw::DrawReport;
use crate::i18n::Text;
use crate::policy::Policy;
use crate::time::{beijing_instant, to_beijing};
use crate::validate;

/// Time left until a deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Countdown {
    /// The deadline.
    pub deadline: Deadline,
    /// Seconds left (0 once passed).
    pub seconds: i64,
}

impl Countdown {
    /// The nearest deadline after `now` of the allowed `actions` that something is due by (an
    /// optional action, such as withdrawing, counts nothing down).
    fn nearest(actions: &[Action], now: DateTime<Utc>) -> Option<Countdown> {
        actions
            .iter()
            .filter(|a| a.allowed && a.kind.is_due())
            .filter_map(|a| a.deadline.clone())
            .filter(|d| d.at > now)
            .min_by_key(|d| d.at)
            .map(|deadline| Countdown {
                seconds: (deadline.at - now).num_seconds().max(0),
                deadline,
            })
    }
}

/// An application as its card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationCard {
    /// The application.
    pub application: Application,
    /// Its status, to show.
    pub status_label: Text,
    /// What may be done on it now, in display order (only these buttons are shown).
    pub actions: Vec<Action>,
    /// The nearest deadline among the allowed actions.
    pub countdown: Option<Countdown>,
    /// Positions it will hold in the next ordinary draw (the regime's ladder), when in the pool
    /// and the regime's ladder is known.
    pub next_weight: Option<u32>,
}

impl ApplicationCard {
    /// The card of `application` at `now`.
    pub fn new(
        application: Application,
        policy: &Policy,
        announced: &[AnnouncedDate],
        now: DateTime<Utc>,
    ) -> ApplicationCard {
        let actions = actions::application(&application, policy, announced, now);
        let in_pool = application.status == super::ApplicationStatus::Approved;
        ApplicationCard {
            status_label: application.status.label(),
            countdown: Countdown::nearest(&actions, now),
            next_weight: in_pool.then(|| next_weight(&application, policy)).flatten(),
            actions,
            application,
        }
    }
}

/// The ladder weight of `application` in its next draw, where the regime's ladder is known.
/// Positions the application holds in its next draw: its ladder step, or a family's points.
fn next_weight(application: &Application, policy: &Policy) -> Option<u32> {
    if application.kind.is_family() {
        let family = application.form.family.as_ref()?;
        return policy.family_pool_weight(&crate::preview::family_model(family));
    }
    let draws = u32::try_from(application.draw_count).unwrap_or(0);
    policy.ladder_weight(draws, application.form.c5_licence)
}

/// The account as the screens show it: identity masked, marital status, the reviewed changes and
/// its actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountCard {
    /// The account (full values: show the masked ones).
    pub account: Account,
    /// The resident ID, masked (`110105********002X`).
    pub resident_id_masked: String,
    /// The mobile, masked (`138****5678`).
    pub mobile_masked: String,
    /// The marital status, to show.
    pub marital_status_label: Text,
    /// The latest marital-status change request, if any.
    pub marital_change: Option<MaritalChange>,
    /// The latest address change request, if any.
    pub address_change: Option<AddressChange>,
    /// What may be done on the account now.
    pub actions: Vec<Action>,
}

impl AccountCard {
    /// The card of `account` with its latest change requests, its applications and its quotas.
    pub fn new(
        account: Account,
        marital_change: Option<MaritalChange>,
        address_change: Option<AddressChange>,
        applications: &[Application],
        quotas: &[Quota],
    ) -> AccountCard {
        AccountCard {
            resident_id_masked: validate::mask(&account.resident_id),
            mobile_masked: validate::mask_mobile(&account.mobile),
            marital_status_label: account.marital_status.label(),
            actions: actions::account(actions::AccountFacts {
                marital_change: marital_change.as_ref(),
                address_change: address_change.as_ref(),
                applications,
                quotas,
            }),
            marital_change,
            address_change,
            account,
        }
    }
}

/// A won result: the quota, its deadlines and the confirm action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WonResult {
    /// The quota, once the portal has listed it.
    pub quota: Option<Quota>,
    /// Confirm before this instant (the quota's, else the policy's hours after publication).
    pub confirm_by: Option<DateTime<Utc>>,
    /// The end of the quota's validity (the car must be registered by then).
    pub valid_until: Option<DateTime<Utc>>,
    /// What may be done now (confirm, with its deadline).
    pub actions: Vec<Action>,
    /// Time left to confirm.
    pub countdown: Option<Countdown>,
}

/// A result that did not win: the draws so far and the next draw's weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotWonResult {
    /// Unsuccessful draws so far.
    pub draw_count: u32,
    /// Positions held in the next ordinary draw, where the regime's ladder is known (else the
    /// official system shows the 阶梯).
    pub next_weight: Option<u32>,
}

/// One result with its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultCard {
    /// The outcome.
    pub outcome: ResultOutcome,
    /// The headline.
    pub title: Text,
    /// What it means and what to do, in Beijing time.
    pub meaning: Text,
    /// Details of a win.
    pub won: Option<WonResult>,
    /// Details of a result that did not win.
    pub not_won: Option<NotWonResult>,
    /// The published list's verification: seed, pool size, quota, the replay's verdict and what
    /// it means (absent for outcomes stored before reports were kept).
    pub verification: Option<DrawReport>,
}

/// What a result card is built from.
pub(super) struct ResultFacts<'a> {
    /// The outcome.
    pub outcome: ResultOutcome,
    /// The application holding the code, if cached.
    pub application: Option<&'a Application>,
    /// The quota of this period and application, if listed.
    pub quota: Option<Quota>,
    /// The draw's Beijing date, if known.
    pub draw_date: Option<NaiveDate>,
    /// The list's verification, if stored.
    pub report: Option<DrawReport>,
}

impl ResultCard {
    /// The card of one outcome at `now` under `policy`.
    pub(super) fn new(facts: ResultFacts<'_>, policy: &Policy, now: DateTime<Utc>) -> ResultCard {
        let ResultFacts {
            outcome,
            application,
            quota,
            draw_date,
            report,
        } = facts;
        let code = outcome.code.clone();
        let period = period_label(&outcome.period);
        if !outcome.won {
            let draw_count = application.map_or(0, |a| u32::try_from(a.draw_count).unwrap_or(0));
            let next_weight = application.and_then(|a| next_weight(a, policy));
            let family = application.is_some_and(|a| a.kind.is_family());
            let (weight_zh, weight_en) = match next_weight {
                Some(w) if family => (
                    format!("下一期按家庭积分持 {w} 个摇号位置。"),
                    format!("{w} positions in the next, by the family's points."),
                ),
                Some(w) => (
                    format!("下一期的阶梯权重为 {w}。"),
                    format!("weight {w} in the next."),
                ),
                None => (
                    "阶梯以官方系统显示为准。".to_owned(),
                    "the official system shows the ladder step.".to_owned(),
                ),
            };
            return ResultCard {
                title: Text::new("未中签", "Not drawn"),
                meaning: Text::new(
                    format!(
                        "申请编码 {code} 在{}未中签，将自动参加下一期。已累计 {draw_count} 次未中签，{weight_zh}",
                        period.zh
                    ),
                    format!(
                        "Code {code} was not drawn in {} and carries over to the next draw: {draw_count} unsuccessful draws so far, {weight_en}",
                        period.en
                    ),
                ),
                won: None,
                not_won: Some(NotWonResult {
                    draw_count,
                    next_weight,
                }),
                verification: report,
                outcome,
            };
        }
        let rules = &policy.rules;
        let published = draw_date.map(|d| beijing_instant(d, rules.results.params.published));
        let confirm_by = quota.as_ref().map(|q| q.confirm_by).or_else(|| {
            published
                .filter(|_| rules.confirmation.enabled)
                .map(|p| p + chrono::Duration::hours(i64::from(rules.confirmation.params.hours)))
        });
        let valid_until = quota.as_ref().map(|q| q.expires_at).or_else(|| {
            draw_date
                .filter(|_| rules.quota_validity.enabled)
                .and_then(|d| d.checked_add_months(Months::new(rules.quota_validity.params.months)))
                .map(|d| beijing_instant(d, chrono::NaiveTime::MIN))
        });
        let actions = quota
            .as_ref()
            .map(|q| actions::quota(q, now))
            .unwrap_or_default();
        let day = |at: Option<DateTime<Utc>>| {
            at.map(|at| to_beijing(at).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "—".to_owned())
        };
        let certificate = quota.as_ref().map(|q| q.certificate.clone());
        let cert_zh = certificate
            .as_deref()
            .map(|c| format!("指标证明编号 {c}。"))
            .unwrap_or_default();
        let cert_en = certificate
            .as_deref()
            .map(|c| format!("Certificate {c}. "))
            .unwrap_or_default();
        ResultCard {
            title: Text::new("中签", "You won"),
            meaning: Text::new(
                format!(
                    "申请编码 {code} 在{}中签。{cert_zh}请在 {}（北京时间）前确认指标；指标有效期至 {}，须在此前完成购车登记。",
                    period.zh,
                    day(confirm_by),
                    day(valid_until)
                ),
                format!(
                    "Code {code} won in {}. {cert_en}Confirm the quota by {} Beijing time; it is valid until {}, register the car before then.",
                    period.en,
                    day(confirm_by),
                    day(valid_until)
                ),
            ),
            won: Some(WonResult {
                countdown: Countdown::nearest(&actions, now),
                quota,
                confirm_by,
                valid_until,
                actions,
            }),
            not_won: None,
            verification: report,
            outcome,
        }
    }
}
