//! The actions on the account: asking for a marital-status change or an address change, one
//! of each at a time; deleting the account, except while a won quota waits for its
//! confirmation.

use chrono::{DateTime, Utc};

use super::{Action, ActionKind};
use crate::api::{
    AddressChange, Application, ApplicationStatus, MaritalChange, MaritalChangeStatus, Quota,
    QuotaStatus, period_label,
};
use crate::i18n::{Reason, Text};
use crate::time::{beijing_date, to_beijing};

/// What the account's actions depend on.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccountFacts<'a> {
    /// The latest marital-status change request.
    pub marital_change: Option<&'a MaritalChange>,
    /// The latest address change request.
    pub address_change: Option<&'a AddressChange>,
    /// The account's applications.
    pub applications: &'a [Application],
    /// The account's quotas.
    pub quotas: &'a [Quota],
}

/// The actions offered on the account: changing the marital status, changing the address,
/// deleting the account.
pub fn account(facts: AccountFacts<'_>) -> Vec<Action> {
    vec![
        one_at_a_time(
            ActionKind::ChangeMaritalStatus,
            facts
                .marital_change
                .filter(|c| c.status == MaritalChangeStatus::Pending)
                .map(|c| c.created_at),
            "marital_change_pending",
            Text::new("婚姻状况变更", "marital-status change"),
        ),
        address_change(facts.address_change, facts.applications),
        deletion(facts.quotas),
    ]
}

/// Deleting the account: refused while a won quota waits for confirmation (deleting would
/// forfeit it unseen).
fn deletion(quotas: &[Quota]) -> Action {
    let kind = ActionKind::DeleteAccount;
    let pending = quotas
        .iter()
        .find(|q| q.status == QuotaStatus::PendingConfirmation);
    match pending {
        Some(q) => {
            let by = to_beijing(q.confirm_by).format("%Y-%m-%d %H:%M");
            Action::refused(
                kind,
                Reason::new(
                    "quota_pending_confirmation",
                    format!(
                        "{}中签的指标待确认（{by} 前），确认或过期后才能注销账户。",
                        period_label(&q.period).zh
                    ),
                    format!(
                        "The quota won in {} waits for confirmation (by {by}); the account \
                         can be deleted once it is confirmed or has lapsed.",
                        period_label(&q.period).en
                    ),
                ),
                Some(q.confirm_by),
            )
        }
        None => Action::allowed(kind, None),
    }
}

/// Changing the address: it is on the application form, so it is reviewed only once an
/// application is approved (before that, the form is edited); one change under review at a time.
fn address_change(latest: Option<&AddressChange>, applications: &[Application]) -> Action {
    let kind = ActionKind::ChangeAddress;
    let locked = applications.iter().any(|a| {
        matches!(
            a.status,
            ApplicationStatus::Approved | ApplicationStatus::Won
        )
    });
    if !locked {
        return Action::refused(
            kind,
            Reason::new(
                "no_approved_application",
                "地址填写在申请表上：申请审核通过前，直接修改申请表即可，无需变更申请。",
                "The address is on the application form: until an application is approved, edit the form instead.",
            ),
            None,
        );
    }
    one_at_a_time(
        kind,
        latest
            .filter(|c| c.status == MaritalChangeStatus::Pending)
            .map(|c| c.created_at),
        "address_change_pending",
        Text::new("地址变更", "address change"),
    )
}

/// A reviewed change (`what`): refused (`code`) while one asked for at `pending` is under review.
fn one_at_a_time(
    kind: ActionKind,
    pending: Option<DateTime<Utc>>,
    code: &'static str,
    what: Text,
) -> Action {
    let Some(at) = pending else {
        return Action::allowed(kind, None);
    };
    let day = beijing_date(at);
    Action::refused(
        kind,
        Reason::new(
            code,
            format!(
                "{day} 提交的{}正在审核（约 5 个工作日），审核结束后才能再次申请。",
                what.zh
            ),
            format!(
                "The {} asked for on {day} is under review (about 5 working days); ask again after the decision.",
                what.en
            ),
        ),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::MaritalStatus;
    use chrono::{DateTime, Utc};

    fn change(status: MaritalChangeStatus) -> MaritalChange {
        let at = DateTime::parse_from_rfc3339("2026-03-02T02:00:00Z")
            .unwrap()
            .to_utc();
        MaritalChange {
            id: 1,
            requested_status: MaritalStatus::Married,
            status,
            reason: None,
            created_at: at,
            decided_at: None::<DateTime<Utc>>,
        }
    }

    #[test]
    fn one_marital_change_at_a_time() {
        let with = |c: Option<&MaritalChange>| {
            account(AccountFacts {
                marital_change: c,
                ..AccountFacts::default()
            })[0]
                .clone()
        };
        assert!(with(None).allowed);
        let pending = with(Some(&change(MaritalChangeStatus::Pending)));
        assert!(!pending.allowed);
        let reason = pending.reason.as_ref().unwrap();
        assert_eq!(reason.code, "marital_change_pending");
        assert!(reason.message_zh.contains("2026-03-02"));
        assert!(reason.message_zh.contains("婚姻状况变更"));
        assert!(with(Some(&change(MaritalChangeStatus::Rejected))).allowed);
    }

    fn application(status: ApplicationStatus) -> Application {
        serde_json::from_value(serde_json::json!({
            "id": 1, "kind": "individual_ordinary", "status": status.as_str(),
            "form": {}, "code": "1234567890123", "draw_count": 0,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn the_address_changes_by_review_only_once_an_application_is_approved() {
        let address = |c: Option<&AddressChange>, apps: &[Application]| {
            account(AccountFacts {
                address_change: c,
                applications: apps,
                ..AccountFacts::default()
            })[1]
                .clone()
        };
        let refused = address(None, &[application(ApplicationStatus::UnderReview)]);
        assert_eq!(refused.kind, ActionKind::ChangeAddress);
        assert_eq!(
            refused.reason.unwrap().code,
            "no_approved_application",
            "a form under review is edited instead"
        );
        let approved = [application(ApplicationStatus::Approved)];
        assert!(address(None, &approved).allowed);
        assert!(address(None, &[application(ApplicationStatus::Won)]).allowed);
        let m = change(MaritalChangeStatus::Pending);
        let pending = AddressChange {
            id: 2,
            requested_address: "北京市海淀区中关村大街1号".into(),
            status: m.status,
            reason: None,
            created_at: m.created_at,
            decided_at: None,
        };
        let refused = address(Some(&pending), &approved);
        let reason = refused.reason.unwrap();
        assert_eq!(reason.code, "address_change_pending");
        assert!(reason.message_en.contains("address change"));
    }

    fn quota(status: QuotaStatus) -> Quota {
        let at = DateTime::parse_from_rfc3339("2026-03-26T02:00:00Z")
            .unwrap()
            .to_utc();
        Quota {
            id: 3,
            application_id: 1,
            period: "202603".into(),
            certificate: "C1".into(),
            status,
            issued_at: at,
            confirm_by: at + chrono::Duration::hours(72),
            confirmed_at: None,
            expires_at: at + chrono::Duration::days(365),
        }
    }

    #[test]
    fn an_account_with_a_quota_to_confirm_cannot_be_deleted() {
        let delete = |quotas: &[Quota]| {
            account(AccountFacts {
                quotas,
                ..AccountFacts::default()
            })[2]
                .clone()
        };
        assert_eq!(delete(&[]).kind, ActionKind::DeleteAccount);
        assert!(delete(&[]).allowed);
        assert!(delete(&[quota(QuotaStatus::Confirmed)]).allowed);
        let refused = delete(&[quota(QuotaStatus::PendingConfirmation)]);
        assert!(!refused.allowed);
        let reason = refused.reason.as_ref().unwrap();
        assert_eq!(reason.code, "quota_pending_confirmation");
        assert!(reason.message_zh.contains("202603"));
        assert!(reason.message_zh.contains("2026-03-29 10:00"), "{reason:?}");
        assert_eq!(
            refused.opens_at,
            Some(quota(QuotaStatus::Confirmed).confirm_by)
        );
    }
}
