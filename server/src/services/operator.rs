//! What the operator does: the simulated clock, the scheduler tick, periods (create, freeze,
//! draw, publish), the registry import, reviews, announcements and announced calendar dates.

use chrono::Duration;
use yaohao_core::api::{
    AnnouncedDate, Announcement, Clock, ClockMove, DrawRequest, ImportSummary, NewAnnouncement,
    NewPeriod, Period, ReviewSummary, SmsOutboxEntry, TickReport,
};

use crate::clock::ClockError;
use crate::error::{ApiError, ApiResult};
use crate::registry;
use crate::rules;
use crate::scheduler;
use crate::services::{periods, publication, review};
use crate::sms;
use crate::state::AppState;
use crate::store;
use crate::time::{at, ms};

/// The clock as clients see it.
pub fn clock_view(state: &AppState) -> Clock {
    Clock {
        now: at(ms(state.clock.now())),
        simulated: state.clock.is_simulated(),
    }
}

/// Moves the simulated clock forward, then runs whatever became due.
pub async fn advance_clock(state: &AppState, body: ClockMove) -> ApiResult<Clock> {
    let out_of_range = |field: &str| {
        ApiError::invalid(
            field,
            "模拟时钟只能在 2000 至 2099 年之间",
            "the simulated clock stays between 2000 and 2099",
        )
    };
    let field = if body.to.is_some() {
        "to"
    } else {
        "advance_seconds"
    };
    let moved = match (body.advance_seconds, body.to) {
        // Beyond chrono's range (about 292 million years) is certainly beyond 2099.
        (Some(seconds), None) if seconds >= 0 => match Duration::try_seconds(seconds) {
            Some(by) => state.clock.advance(by),
            None => return Err(out_of_range(field)),
        },
        (None, Some(to)) => state.clock.set(to),
        _ => {
            return Err(ApiError::invalid(
                "advance_seconds",
                "请给出非负的 advance_seconds 或 to 之一",
                "give exactly one of a non-negative advance_seconds or to",
            ));
        }
    };
    match moved {
        Ok(_) => {
            run_tick(state).await?;
            Ok(clock_view(state))
        }
        Err(ClockError::NotSimulated) => Err(ApiError::invalid_state(
            "系统时钟不能调整",
            "the portal runs on the system clock, which cannot be advanced",
        )),
        Err(ClockError::OutOfRange) => Err(out_of_range(field)),
        Err(ClockError::Backwards) => Err(ApiError::invalid(
            "to",
            "时钟只能向前调整",
            "the clock only moves forward",
        )),
    }
}

/// Messages stored by the outbox gateway (to one number, or all).
pub async fn sms_outbox(
    state: &AppState,
    mobile: Option<String>,
) -> ApiResult<Vec<SmsOutboxEntry>> {
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || sms::read_outbox(&db, mobile.as_deref())).await?
}

/// Imports a registry CSV, all or nothing.
pub async fn import_registry(state: &AppState, csv: axum::body::Bytes) -> ApiResult<ImportSummary> {
    let records = tokio::task::spawn_blocking(move || registry::parse_csv(&csv)).await??;
    let now = ms(state.clock.now());
    let (people, records) = state
        .db
        .write(move |tx| registry::import(tx, &records, now))
        .await?;
    tracing::info!(people, records, "registry imported");
    Ok(ImportSummary { people, records })
}

/// Reviews every application under review against the registry.
pub async fn run_reviews(state: &AppState) -> ApiResult<ReviewSummary> {
    let now = state.clock.now();
    let today = yaohao_core::time::beijing_date(now);
    let policy = state.policy;
    state
        .db
        .write(move |tx| review::review_all(tx, policy, today, ms(now)))
        .await
}

/// Runs everything due on the portal clock: the scheduler, push delivery, SMS redaction.
pub async fn run_tick(state: &AppState) -> ApiResult<TickReport> {
    let now = state.clock.now();
    let policy = state.policy;
    let data = state.config.data.clone();
    let db = state.db.clone();
    let report =
        tokio::task::spawn_blocking(move || scheduler::tick(&db, policy, &data, now)).await;
    state.caches.periods_changed();
    let mut report = report??;
    for period in &report.published {
        state.results.invalidate(period);
    }
    report.push = crate::push::deliver_due(&state.db, &state.push, now).await?;
    let now_ms = ms(now);
    state
        .db
        .write(move |tx| crate::sms::redact_expired(tx, now_ms))
        .await?;
    Ok(report)
}

/// Runs a write that changes periods, then drops what the caches read from them (whether or not
/// it succeeded).
async fn period_write<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&rusqlite::Transaction<'_>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let result = state.db.write(f).await;
    state.caches.periods_changed();
    result
}

/// Schedules the next ordinary draw of the policy (or the one on `draw_date`).
pub async fn create_period(state: &AppState, body: NewPeriod) -> ApiResult<Period> {
    let policy = state.policy;
    let today = yaohao_core::time::beijing_date(state.clock.now());
    let period = period_write(state, move |tx| periods::create(tx, policy, today, &body)).await?;
    tracing::info!(period = %period.id, quota = period.quota, "period created");
    Ok(period)
}

/// Freezes the pool of period `id` now.
pub async fn freeze_period(state: &AppState, id: String) -> ApiResult<Period> {
    let policy = state.policy;
    period_write(state, move |tx| periods::freeze(tx, policy, &id)).await
}

/// Draws period `id` with the requested seed or one from OS randomness.
pub async fn draw_period(state: &AppState, id: String, request: DrawRequest) -> ApiResult<Period> {
    let seed = periods::seed(request.seed.as_deref())?;
    let now = state.clock.now();
    period_write(state, move |tx| periods::run_draw(tx, &id, &seed, now)).await
}

/// Writes the result files of period `id` and settles it, then delivers the notifications.
pub async fn publish_period(state: &AppState, id: String) -> ApiResult<Period> {
    let now = state.clock.now();
    let policy = state.policy;
    let data = state.config.data.clone();
    let key = id.clone();
    let db = state.db.clone();
    let view =
        tokio::task::spawn_blocking(move || publication::publish(&db, policy, &data, &id, now))
            .await;
    state.caches.periods_changed();
    let view = view??;
    state.results.invalidate(&key);
    crate::push::deliver_due(&state.db, &state.push, now).await?;
    Ok(view)
}

/// Posts a policy notice.
pub async fn post_announcement(state: &AppState, body: NewAnnouncement) -> ApiResult<Announcement> {
    for (field, value) in [("title_zh", &body.title_zh), ("title_en", &body.title_en)] {
        if value.trim().is_empty() {
            return Err(ApiError::invalid(
                field,
                "标题不能为空",
                "the title is required",
            ));
        }
    }
    let now = ms(state.clock.now());
    state
        .db
        .write(move |tx| {
            let id = store::announcements::insert(tx, &body, now)?;
            store::announcements::list(tx)?
                .into_iter()
                .find(|a| a.id == id)
                .ok_or_else(|| ApiError::internal("announcement vanished"))
        })
        .await
}

/// Announces the actual moment of a projected calendar event.
pub async fn announce_date(state: &AppState, body: AnnouncedDate) -> ApiResult<AnnouncedDate> {
    let stored = body.clone();
    let policy = state.policy;
    state
        .db
        .write(move |tx| {
            let announced = store::periods::announced_dates(tx)?;
            rules::announcement(policy, &stored, &announced)?;
            store::periods::announce(tx, &stored)
        })
        .await?;
    Ok(body)
}
