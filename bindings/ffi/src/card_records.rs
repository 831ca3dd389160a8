//! The screen-ready records as they cross the boundary: the cards of the home and results
//! screens, the actions they offer and the draw-day check plan (uniffi remote types).

use crate::records::Instant;
use yaohao_core::actions::{Action, ActionKind, Deadline};
use yaohao_core::draw::DrawReport;
use yaohao_core::draw_day::PlannedCheck;
use yaohao_core::facade::{
    Account, AccountCard, AddressChange, Application, ApplicationCard, Countdown, MaritalChange,
    NotWonResult, Quota, ResultCard, ResultOutcome, WonResult,
};
use yaohao_core::i18n::{Reason, Text};

#[uniffi::remote(Enum)]
pub enum ActionKind {
    Edit,
    Submit,
    Resubmit,
    Continue,
    Reactivate,
    Withdraw,
    Confirm,
    ChangeMaritalStatus,
    ChangeAddress,
    DeleteAccount,
}

#[uniffi::remote(Record)]
pub struct Deadline {
    pub at: Instant,
    pub meaning: Text,
}

#[uniffi::remote(Record)]
pub struct Action {
    pub kind: ActionKind,
    pub label: Text,
    pub allowed: bool,
    pub deadline: Option<Deadline>,
    pub opens_at: Option<Instant>,
    pub reason: Option<Reason>,
}

#[uniffi::remote(Record)]
pub struct Countdown {
    pub deadline: Deadline,
    pub seconds: i64,
}

#[uniffi::remote(Record)]
pub struct ApplicationCard {
    pub application: Application,
    pub status_label: Text,
    pub actions: Vec<Action>,
    pub countdown: Option<Countdown>,
    pub next_weight: Option<u32>,
}

#[uniffi::remote(Record)]
pub struct AccountCard {
    pub account: Account,
    pub resident_id_masked: String,
    pub mobile_masked: String,
    pub marital_status_label: Text,
    pub marital_change: Option<MaritalChange>,
    pub address_change: Option<AddressChange>,
    pub actions: Vec<Action>,
}

#[uniffi::remote(Record)]
pub struct WonResult {
    pub quota: Option<Quota>,
    pub confirm_by: Option<Instant>,
    pub valid_until: Option<Instant>,
    pub actions: Vec<Action>,
    pub countdown: Option<Countdown>,
}

#[uniffi::remote(Record)]
pub struct NotWonResult {
    pub draw_count: u32,
    pub next_weight: Option<u32>,
}

#[uniffi::remote(Record)]
pub struct ResultCard {
    pub outcome: ResultOutcome,
    pub title: Text,
    pub meaning: Text,
    pub won: Option<WonResult>,
    pub not_won: Option<NotWonResult>,
    pub verification: Option<DrawReport>,
}

#[uniffi::remote(Record)]
pub struct PlannedCheck {
    pub id: String,
    pub at: Instant,
    pub period: String,
}
