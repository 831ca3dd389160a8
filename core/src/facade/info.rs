//! What the portal publishes for everyone: announcements and its calendar (announced dates
//! override the local projections), plus the account's per-period results list.

use chrono::{DateTime, Days, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{PeriodResult, Yaohao};
use crate::api;
use crate::calendar::{self, AnnouncedDate, Event};
use crate::client::ClientError;
use crate::client::http::{Call, Json};
use crate::i18n::Text;
use crate::time::beijing_date;

/// Days around an announced date in which its projected date is looked for.
const ANNOUNCEMENT_WINDOW: u64 = 20;

/// A policy notice as the app shows it (from [`api::Announcement`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    /// Portal id.
    pub id: i64,
    /// Title.
    pub title: Text,
    /// Body.
    pub body: Text,
    /// When it was posted.
    pub published_at: DateTime<Utc>,
}

/// The announced dates among the portal's calendar events, each tied to the projected date (of
/// the same kind, nearest within a few weeks) it replaces.
fn announced_dates(portal: &[Event], projected: &[Event]) -> Vec<AnnouncedDate> {
    portal
        .iter()
        .filter(|e| e.announced)
        .filter_map(|e| {
            let nearest = projected
                .iter()
                .filter(|p| p.kind == e.kind)
                .min_by_key(|p| (p.date - e.date).num_days().abs())?;
            let close = (nearest.date - e.date).num_days().unsigned_abs() <= ANNOUNCEMENT_WINDOW;
            close.then_some(AnnouncedDate {
                kind: e.kind,
                projected: nearest.date,
                at: e.at,
            })
        })
        .collect()
}

impl Yaohao {
    /// Fetches announcements into the cache and returns them, newest first.
    pub async fn refresh_announcements(&self) -> Result<Vec<Announcement>, ClientError> {
        let Some(remote) = self
            .fetch::<Vec<api::Announcement>>("/v1/announcements", false)
            .await?
        else {
            return self.announcements();
        };
        let list: Vec<Announcement> = remote
            .into_iter()
            .map(|a| Announcement {
                id: a.id,
                title: Text::new(a.title_zh, a.title_en),
                body: Text::new(a.body_zh, a.body_en),
                published_at: a.published_at,
            })
            .collect();
        let rows = list
            .iter()
            .map(|a| Ok((a.id, a.published_at.to_rfc3339(), serde_json::to_string(a)?)))
            .collect::<Result<Vec<_>, serde_json::Error>>()
            .map_err(ClientError::local)?;
        self.cache.store_announcements(&rows)?;
        Ok(list)
    }

    /// The cached announcements, newest first (no network).
    pub fn announcements(&self) -> Result<Vec<Announcement>, ClientError> {
        self.cache
            .announcements()?
            .iter()
            .map(|json| serde_json::from_str(json).map_err(ClientError::local))
            .collect()
    }

    /// Fetches the portal's calendar and keeps its announced dates.
    pub async fn refresh_calendar(&self) -> Result<(), ClientError> {
        // The portal's dates are told apart from its projection under the portal's own regime.
        self.ensure_policy().await?;
        let today = beijing_date(self.now());
        let to = today.checked_add_days(Days::new(366)).unwrap_or(today);
        let call = Call::new(Method::GET, format!("/v1/calendar?from={today}&to={to}"));
        let portal: Vec<Event> = Self::body(self.http.send::<Json<_>>(&call).await?)?;
        let from = today
            .checked_sub_days(Days::new(ANNOUNCEMENT_WINDOW))
            .unwrap_or(today);
        let until = to
            .checked_add_days(Days::new(ANNOUNCEMENT_WINDOW))
            .unwrap_or(to);
        let projected = calendar::events(self.policy()?, from, until, &[]);
        let rows = announced_dates(&portal, &projected)
            .iter()
            .map(|a| {
                let kind = serde_json::to_value(a.kind)?
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                Ok((kind, a.projected.to_string(), serde_json::to_string(a)?))
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()
            .map_err(ClientError::local)?;
        Ok(self.cache.store_announced(&rows)?)
    }

    /// The calendar between two Beijing dates from the cache (projections with announced dates).
    pub fn calendar(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<Event>, ClientError> {
        Ok(calendar::events(
            self.policy()?,
            from,
            to,
            &self.announced()?,
        ))
    }

    /// The account's outcome in every period it took part in (unavailable during the data
    /// freeze: [`ClientError::DataFreeze`] says until when).
    pub async fn my_results(&self) -> Result<Vec<PeriodResult>, ClientError> {
        Self::body(
            self.authed(Call::new(Method::GET, "/v1/me/results"))
                .await?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::EventKind;
    use crate::policy;
    use chrono::NaiveDate;

    #[test]
    fn an_announced_draw_replaces_its_projection() {
        let p = policy::default_policy();
        let from = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 5, 31).unwrap();
        let projected = calendar::events(p, from, to, &[]);
        let draw = projected
            .iter()
            .find(|e| e.kind == EventKind::Draw)
            .unwrap();
        let mut moved = draw.clone();
        moved.date = draw.date.succ_opt().unwrap();
        moved.at += chrono::TimeDelta::days(1);
        moved.announced = true;
        let dates = announced_dates(&[moved.clone(), draw.clone()], &projected);
        assert_eq!(dates.len(), 1);
        assert_eq!(dates[0].projected, draw.date);
        let shown = calendar::events(p, from, to, &dates);
        assert!(
            shown
                .iter()
                .any(|e| e.kind == EventKind::Draw && e.date == moved.date && e.announced)
        );
    }
}
