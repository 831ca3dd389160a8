//! The actions on the account: asking for a marital-status change, one at a time; deleting the
//! account, except while a won quota waits for its confirmation.

use super::{Action, ActionKind};
use crate::api::{MaritalChange, MaritalChangeStatus, Quota, QuotaStatus};
use crate::i18n::Reason;
use crate::time::to_beijing;

/// The actions offered on the account, given its latest marital-status change request and its
/// quotas.
pub fn account(latest_change: Option<&MaritalChange>, quotas: &[Quota]) -> Vec<Action> {
    vec![marital_change(latest_change), deletion(quotas)]
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
                        "第 {} 期中签的指标待确认（{by} 前），确认或过期后才能注销账户。",
                        q.period
                    ),
                    format!(
                        "The quota won in period {} waits for confirmation (by {by}); the account \
                         can be deleted once it is confirmed or has lapsed.",
                        q.period
                    ),
                ),
                Some(q.confirm_by),
            )
        }
        None => Action::allowed(kind, None),
    }
}

/// Asking for a marital-status change: one under review at a time.
fn marital_change(latest_change: Option<&MaritalChange>) -> Action {
    let kind = ActionKind::ChangeMaritalStatus;
    let pending = latest_change.filter(|c| c.status == MaritalChangeStatus::Pending);
    match pending {
        Some(change) => Action::refused(
            kind,
            Reason::new(
                "marital_change_pending",
                format!(
                    "{} 提交的婚姻状况变更正在审核（约 5 个工作日），审核结束后才能再次申请。",
                    crate::time::beijing_date(change.created_at)
                ),
                format!(
                    "The change asked for on {} is under review (about 5 working days); ask again after the decision.",
                    crate::time::beijing_date(change.created_at)
                ),
            ),
            None,
        ),
        None => Action::allowed(kind, None),
    }
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
        assert!(account(None, &[])[0].allowed);
        let pending = account(Some(&change(MaritalChangeStatus::Pending)), &[]);
        assert!(!pending[0].allowed);
        let reason = pending[0].reason.as_ref().unwrap();
        assert_eq!(reason.code, "marital_change_pending");
        assert!(reason.message_zh.contains("2026-03-02"));
        assert!(account(Some(&change(MaritalChangeStatus::Rejected)), &[])[0].allowed);
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
        let delete = |quotas: &[Quota]| account(None, quotas)[1].clone();
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
