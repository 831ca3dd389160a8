//! What the portal publishes so clients follow it rather than guess: its calendar (projected by
//! the core, with the operator's announced dates) and policy notices.

use chrono::NaiveDate;
use yaohao_core::api::Announcement;
use yaohao_core::calendar::{self, Event};

use crate::error::ApiResult;
use crate::state::AppState;
use crate::store;

/// The calendar from `from` to `to`, with the announced dates.
pub async fn calendar(state: &AppState, from: NaiveDate, to: NaiveDate) -> ApiResult<Vec<Event>> {
    let announced = state.db.read(store::periods::announced_dates).await?;
    Ok(calendar::events(state.policy, from, to, &announced))
}

/// Every announcement, newest first.
pub async fn announcements(state: &AppState) -> ApiResult<Vec<Announcement>> {
    state.db.read(store::announcements::list).await
}
