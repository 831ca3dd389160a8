//! The actions on the account: asking for a marital-status change, one at a time.

use super::{Action, ActionKind};
use crate::api::{MaritalChange, MaritalChangeStatus};
use crate::i18n::Reason;

/// The actions offered on the account, given its latest marital-status change request.
pub fn account(latest_change: Option<&MaritalChange>) -> Vec<Action> {
    let kind = ActionKind::ChangeMaritalStatus;
    let pending = latest_change.filter(|c| c.status == MaritalChangeStatus::Pending);
    vec![match pending {
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
    }]
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
        assert!(account(None)[0].allowed);
        let pending = account(Some(&change(MaritalChangeStatus::Pending)));
        assert!(!pending[0].allowed);
        let reason = pending[0].reason.as_ref().unwrap();
        assert_eq!(reason.code, "marital_change_pending");
        assert!(reason.message_zh.contains("2026-03-02"));
        assert!(account(Some(&change(MaritalChangeStatus::Rejected)))[0].allowed);
    }
}
