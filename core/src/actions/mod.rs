//! What the applicant may do now: the actions allowed on each application, won quota and the
//! account, each with its deadline and, when it is not allowed, the reason and when it opens.
//! Screens show the buttons they are given; the portal refuses what these refuse.

mod account;
mod application;
mod quota;
mod window;

pub use account::{AccountFacts, account};
pub use application::application;
pub use quota::quota;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::{Reason, Text};

/// Something the applicant can do from a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Change the form of a draft or a rejected application.
    Edit,
    /// Send a draft for review.
    Submit,
    /// Send a rejected application for review again, once fixed.
    Resubmit,
    /// 继续参与: keep an application in the pool through the yearly clean-up.
    Continue,
    /// Put an application removed by the clean-up back into review.
    Reactivate,
    /// Withdraw a submitted application (it joins no further draw; its history is kept).
    Withdraw,
    /// Confirm a won quota.
    Confirm,
    /// Ask for a change of marital status (reviewed in working days).
    ChangeMaritalStatus,
    /// Ask for a change of the approved applications' address (reviewed in working days).
    ChangeAddress,
    /// Delete the account (its personal data; published results stay, by code only).
    DeleteAccount,
}

impl ActionKind {
    /// Whether missing its deadline costs the applicant something (a draw, a quota, the pool),
    /// so a screen counts it down; optional actions (withdrawing, deleting the account,
    /// changing the marital status or the address) are not.
    pub fn is_due(self) -> bool {
        !matches!(
            self,
            ActionKind::Withdraw
                | ActionKind::DeleteAccount
                | ActionKind::ChangeMaritalStatus
                | ActionKind::ChangeAddress
        )
    }

    /// The button's label.
    pub fn label(self) -> Text {
        let (zh, en) = match self {
            ActionKind::Edit => ("修改申请", "Edit"),
            ActionKind::Submit => ("提交审核", "Submit"),
            ActionKind::Resubmit => ("修改后重新提交", "Resubmit"),
            ActionKind::Continue => ("继续参与", "Continue (继续参与)"),
            ActionKind::Reactivate => ("重新激活", "Reactivate"),
            ActionKind::Withdraw => ("撤回申请", "Withdraw"),
            ActionKind::Confirm => ("确认指标", "Confirm the quota"),
            ActionKind::ChangeMaritalStatus => ("变更婚姻状况", "Change marital status"),
            ActionKind::ChangeAddress => ("变更联系地址", "Change the address"),
            ActionKind::DeleteAccount => ("注销账户", "Delete the account"),
        };
        Text::new(zh, en)
    }
}

/// A moment that limits an action, with what it means for the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The instant (show it in Beijing time).
    pub at: DateTime<Utc>,
    /// What happens at that moment.
    pub meaning: Text,
}

/// One action on a screen: whether it may be done now, until when, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// What the action is.
    pub kind: ActionKind,
    /// The button's label.
    pub label: Text,
    /// Whether it may be done now.
    pub allowed: bool,
    /// The moment after which it can no longer be done (or no longer counts), if any.
    pub deadline: Option<Deadline>,
    /// When a refused action becomes possible, if it will.
    pub opens_at: Option<DateTime<Utc>>,
    /// Why it is not allowed, with what to do (`None` when allowed).
    pub reason: Option<Reason>,
}

impl Action {
    /// An action that may be done now.
    fn allowed(kind: ActionKind, deadline: Option<Deadline>) -> Action {
        Action {
            kind,
            label: kind.label(),
            allowed: true,
            deadline,
            opens_at: None,
            reason: None,
        }
    }

    /// An action refused for `reason`, possible again at `opens_at` if given.
    fn refused(kind: ActionKind, reason: Reason, opens_at: Option<DateTime<Utc>>) -> Action {
        Action {
            kind,
            label: kind.label(),
            allowed: false,
            deadline: None,
            opens_at,
            reason: Some(reason),
        }
    }

    /// The refusal as a reason, if refused (what the portal answers when asked anyway).
    pub fn refusal(&self) -> Option<&Reason> {
        self.reason.as_ref().filter(|_| !self.allowed)
    }
}

/// The action of `kind` among `actions`, if offered.
pub fn find(actions: &[Action], kind: ActionKind) -> Option<&Action> {
    actions.iter().find(|a| a.kind == kind)
}
