//! The operator's answers: imports, reviews, scheduler ticks and the SMS outbox.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::push::DeliveryReport;

/// `POST /v1/operator/registry`: what an import stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportSummary {
    /// People whose records were replaced.
    pub people: usize,
    /// Records stored.
    pub records: usize,
}

/// `POST /v1/operator/reviews`: what a review run decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewSummary {
    /// Applications approved.
    pub approved: usize,
    /// Applications rejected.
    pub rejected: usize,
}

/// `POST /v1/operator/tick`: what one scheduler tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TickReport {
    /// Periods frozen.
    pub frozen: Vec<String>,
    /// Periods drawn.
    pub drawn: Vec<String>,
    /// Periods published.
    pub published: Vec<String>,
    /// Quotas forfeited for want of confirmation.
    pub forfeited: usize,
    /// Quotas expired.
    pub expired: usize,
    /// Applications removed by the yearly clean-up.
    pub removed: usize,
    /// Push deliveries made after the tick.
    pub push: DeliveryReport,
}

/// `GET /v1/operator/sms-outbox`: one stored message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsOutboxEntry {
    /// Row id.
    pub id: i64,
    /// Destination.
    pub mobile: String,
    /// Text.
    pub body: String,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
}
