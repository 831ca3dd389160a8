//! What the portal publishes for everyone: policy notices. The policy (`GET /v1/policy`) and the
//! calendar (`GET /v1/calendar`, `POST /v1/operator/calendar`) are the core's own types, re-exported
//! by [`super`]: the wire shows them as the rules define them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A policy notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    /// Portal id.
    pub id: i64,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Body in Chinese.
    pub body_zh: String,
    /// Body in English.
    pub body_en: String,
    /// When it was posted.
    pub published_at: DateTime<Utc>,
}

/// `POST /v1/operator/announcements`: post a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAnnouncement {
    /// Title in Chinese (required).
    pub title_zh: String,
    /// Title in English (required).
    pub title_en: String,
    /// Body in Chinese.
    pub body_zh: String,
    /// Body in English.
    pub body_en: String,
}
