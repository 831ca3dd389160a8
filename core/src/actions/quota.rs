//! The action on a won quota: confirm it before its deadline.

use chrono::{DateTime, Utc};

use super::{Action, ActionKind, Deadline};
use crate::api::{Quota, QuotaStatus};
use crate::i18n::{Reason, Text};
use crate::time::to_beijing;

/// The actions offered on `quota` at `now`: confirming while it waits for confirmation (allowed
/// until `confirm_by`, refused with the reason after it). Other statuses offer none.
pub fn quota(quota: &Quota, now: DateTime<Utc>) -> Vec<Action> {
    if quota.status != QuotaStatus::PendingConfirmation {
        return Vec::new();
    }
    let kind = ActionKind::Confirm;
    if now >= quota.confirm_by {
        let by = to_beijing(quota.confirm_by).format("%Y-%m-%d %H:%M");
        return vec![Action::refused(
            kind,
            Reason::new(
                "confirmation_closed",
                format!("确认期限已于 {by}（北京时间）截止，指标未确认即作废。"),
                format!(
                    "The confirmation deadline passed at {by} Beijing time; an unconfirmed quota lapses."
                ),
            ),
            None,
        )];
    }
    vec![Action::allowed(
        kind,
        Some(Deadline {
            at: quota.confirm_by,
            meaning: Text::new(
                "截止前未确认，指标作废",
                "Unconfirmed by then, the quota lapses",
            ),
        }),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn pending(now: DateTime<Utc>) -> Quota {
        Quota {
            id: 3,
            application_id: 7,
            period: "202602".into(),
            certificate: "BJ2026020000123".into(),
            status: QuotaStatus::PendingConfirmation,
            issued_at: now,
            confirm_by: now + Duration::hours(72),
            confirmed_at: None,
            expires_at: now + Duration::days(365),
        }
    }

    #[test]
    fn a_pending_quota_is_confirmed_until_its_deadline() {
        let issued = DateTime::parse_from_rfc3339("2026-04-26T04:00:00Z")
            .unwrap()
            .to_utc();
        let q = pending(issued);
        let open = &quota(&q, issued + Duration::hours(71))[0];
        assert!(open.allowed);
        assert_eq!(open.deadline.as_ref().unwrap().at, q.confirm_by);
        let late = &quota(&q, q.confirm_by)[0];
        assert!(!late.allowed);
        assert_eq!(late.reason.as_ref().unwrap().code, "confirmation_closed");
        assert!(
            late.reason
                .as_ref()
                .unwrap()
                .message_zh
                .contains("2026-04-29 12:00")
        );
        let confirmed = Quota {
            status: QuotaStatus::Confirmed,
            ..q
        };
        assert!(quota(&confirmed, issued).is_empty());
    }
}
