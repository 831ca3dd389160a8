//! Calendar events and dates announced by the portal.

use crate::i18n::Text;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// What happens on a calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Yearly application/confirmation window opens (annual regimes).
    ApplicationWindowOpens,
    /// Yearly application/confirmation window closes.
    ApplicationWindowCloses,
    /// Last moment for an application to join the next draw.
    ApplicationCutoff,
    /// Queries become unavailable before a draw.
    DataFreezeStarts,
    /// Queries are available again.
    DataFreezeEnds,
    /// Ordinary-quota lottery.
    Draw,
    /// New-energy quota allocation.
    NevAllocation,
    /// Results are published (the note says when to check).
    ResultsPublished,
    /// The month to press 继续参与 (continue) begins.
    ContinuationOpens,
    /// Last day to press 继续参与.
    ContinuationCloses,
    /// Applications not continued are removed.
    Cleanup,
}

impl EventKind {
    /// A short name for display.
    pub fn label(self) -> Text {
        let (zh, en) = match self {
            EventKind::ApplicationWindowOpens => ("年度申报开始", "Application window opens"),
            EventKind::ApplicationWindowCloses => ("年度申报截止", "Application window closes"),
            EventKind::ApplicationCutoff => ("申请截止", "Application cut-off"),
            EventKind::DataFreezeStarts => ("数据封存开始", "Data freeze starts"),
            EventKind::DataFreezeEnds => ("数据封存结束", "Data freeze ends"),
            EventKind::Draw => ("摇号", "Draw"),
            EventKind::NevAllocation => ("新能源指标配置", "NEV allocation"),
            EventKind::ResultsPublished => ("公布结果", "Results published"),
            EventKind::ContinuationOpens => ("继续参与开始", "Continuation opens"),
            EventKind::ContinuationCloses => ("继续参与截止", "Continuation closes"),
            EventKind::Cleanup => ("年度清理", "Yearly clean-up"),
        };
        Text::new(zh, en)
    }
}

/// One dated event of a policy's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// What happens.
    pub kind: EventKind,
    /// Beijing calendar date.
    pub date: NaiveDate,
    /// When, in Beijing time (`+08:00`).
    pub at: DateTime<FixedOffset>,
    /// Whether the portal announced this date (otherwise it is projected from the policy).
    pub announced: bool,
    /// What the event means for the applicant.
    pub note: Text,
}

/// A date the portal announced, replacing the projected event of `kind` on `projected`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncedDate {
    /// The kind of event announced.
    pub kind: EventKind,
    /// The projected (Beijing) date the announcement replaces.
    pub projected: NaiveDate,
    /// The announced moment.
    pub at: DateTime<FixedOffset>,
}
