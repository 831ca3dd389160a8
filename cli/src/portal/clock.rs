//! The clock the facade reads: the system clock, shifted to a portal's simulated clock when the
//! portal runs one (development and test portals), so that countdowns, reminders and the
//! calendar's "today" agree with the portal.

use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use yaohao_core::api;
use yaohao_core::client::Clock;

/// The system clock plus an offset.
#[derive(Debug, Default)]
pub struct PortalClock {
    offset: Mutex<TimeDelta>,
}

impl Clock for PortalClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl PortalClock {
    /// Follows the portal's clock if it is simulated; keeps the system clock otherwise, or when
    /// the portal cannot be asked (offline).
    pub async fn follow(&self, base_url: &str) {
        let asked = async {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(5))
                .build()
                .ok()?;
            let response = client
                .get(format!("{base_url}/v1/clock"))
                .send()
                .await
                .ok()?;
            response.json::<api::Clock>().await.ok()
        };
        if let Some(view) = asked.await.filter(|v| v.simulated) {
            self.set_portal_now(view.now);
        }
    }

    fn set_portal_now(&self, portal_now: DateTime<Utc>) {
        *self.offset.lock().unwrap_or_else(|e| e.into_inner()) = portal_now - Utc::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simulated_portal_moves_the_clock() {
        let clock = PortalClock::default();
        let drift = (clock.now() - Utc::now()).num_seconds().abs();
        assert!(drift <= 60);
        let portal_now: DateTime<Utc> = "2030-01-01T00:00:00Z".parse().unwrap();
        clock.set_portal_now(portal_now);
        assert!((clock.now() - portal_now).num_seconds().abs() <= 60);
    }
}
