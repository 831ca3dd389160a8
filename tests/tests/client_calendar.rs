//! The calendar through the facade against a real portal: refreshing it learns the portal's
//! regime first, so the portal's announced dates are told apart from its projection, and the
//! projection is the portal's own.

mod client_support;

use chrono::{NaiveDate, TimeZone, Utc};
use client_support::*;
use yaohao_core::calendar::EventKind;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refreshing_the_calendar_learns_the_portals_regime() {
    let portal = portal_with_policy("bimonthly-2014").await;
    let phone = device(&portal.url());
    let june = |d| NaiveDate::from_ymd_opt(2015, 6, d).unwrap();

    phone.app.refresh_calendar().await.unwrap();
    let events = phone.app.calendar(june(1), june(30)).unwrap();
    let draw = events.iter().find(|e| e.kind == EventKind::Draw).unwrap();
    // The bimonthly-2014 regime draws at 10:15 Beijing time on the 26th.
    assert_eq!(draw.date, june(26));
    assert_eq!(
        draw.at.to_utc(),
        Utc.with_ymd_and_hms(2015, 6, 26, 2, 15, 0).unwrap()
    );
    assert!(!draw.announced);
}
