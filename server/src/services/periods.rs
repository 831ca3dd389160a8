//! Periods: scheduled from the policy calendar; at the cut-off the pool freezes (codes with ladder
//! weights from each application's draw history); the official draw runs on the core; publication
//! writes the result files and settles every participant (winners get a quota, the others carry
//! over: their draw count, derived from the published pools, grows by one).

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use rusqlite::Transaction;
use yaohao_core::calendar::{self, EventKind};
use yaohao_core::draw;
use yaohao_core::policy::Policy;
use yaohao_core::results::Seed;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::random;
use crate::store;
use crate::time::{from_ms, ms};
use yaohao_core::api::{NewPeriod, Period, PeriodKind, PeriodStatus, period_id};

fn invalid_state(zh: &str, en: &str) -> ApiError {
    ApiError::invalid_state(zh.to_owned(), en.to_owned())
}

/// Schedules the period of the first ordinary draw on or after `after` (or on `draw_date`) from
/// the policy calendar, with its cut-off (the monthly cut-off, or the close of an annual
/// regime's application window), data freeze and publication; where the regime draws families
/// in the ordinary lottery, their share of `quota` is a second period of the same dates (see
/// [`Policy::family_ordinary_share`]). Returns the individual period.
pub fn create(
    tx: &Transaction<'_>,
    policy: &Policy,
    after: NaiveDate,
    request: &NewPeriod,
) -> ApiResult<Period> {
    let NewPeriod {
        quota,
        kind,
        draw_date,
    } = *request;
    if kind == PeriodKind::FamilyDraw {
        return Err(ApiError::invalid(
            "kind",
            "家庭普通摇号随个人普通摇号一起安排：请以 draw 创建，家庭的份额按政策自动划出",
            "the family ordinary draw is scheduled with the individual one: create a `draw` \
             period and the family share is set aside by the policy",
        ));
    }
    if quota == 0 {
        return Err(ApiError::invalid(
            "quota",
            "指标数须大于 0",
            "quota must be positive",
        ));
    }
    let announced = store::periods::announced_dates(tx)?;
    let from = draw_date.unwrap_or(after);
    let to = from.checked_add_days(Days::new(400)).unwrap_or(from);
    // A year back: an annual regime's window closes months before its draws.
    let events = calendar::events(
        policy,
        from.checked_sub_days(Days::new(400)).unwrap_or(from),
        to,
        &announced,
    );
    let draw = events
        .iter()
        .find(|e| {
            e.kind == EventKind::Draw && e.date >= from && draw_date.is_none_or(|d| e.date == d)
        })
        .ok_or_else(|| {
            ApiError::invalid(
                "draw_date",
                "该政策在此日期没有普通指标摇号",
                "the policy has no ordinary draw on that date",
            )
        })?;
    if draw.date < policy.effective_from || draw.date.year() > 9999 {
        return Err(ApiError::invalid(
            "draw_date",
            "摇号日期须在政策施行之后且不晚于 9999 年（分期编号为年份加两位期数）",
            "the draw must fall after the policy took effect and no later than the year 9999 \
             (a period's number is its year and two digits)",
        ));
    }
    let draw_at = draw.at.to_utc();
    let before = |kind: EventKind| {
        events
            .iter()
            .rev()
            .find(|e| e.kind == kind && e.at.to_utc() <= draw_at)
            .map(|e| e.at.to_utc())
    };
    let after_draw = |kind: EventKind| {
        events
            .iter()
            .find(|e| e.kind == kind && e.date == draw.date)
            .map(|e| e.at.to_utc())
    };
    let freeze_from = before(EventKind::DataFreezeStarts).unwrap_or(draw_at);
    let freeze_until = after_draw(EventKind::DataFreezeEnds)
        .unwrap_or(draw_at)
        .max(freeze_from);
    // The monthly cut-off, else (annual regimes) the close of the year's application window.
    let cutoff = before(EventKind::ApplicationCutoff)
        .or_else(|| before(EventKind::ApplicationWindowCloses))
        .unwrap_or(freeze_from);
    let publish_at = after_draw(EventKind::ResultsPublished)
        .unwrap_or(draw_at)
        .max(draw_at);
    let sequence = calendar::draw_sequence(policy, draw.date, &announced);
    let number = format!("{}{sequence:02}", draw.date.year());
    // Where the regime draws families in the ordinary lottery, their share of the quota is a
    // period of its own, with the same dates.
    let lotteries = match kind {
        PeriodKind::Draw => {
            let family = policy
                .family_ordinary_share()
                .map_or(0, |share| share.of(quota));
            vec![
                (PeriodKind::Draw, quota - family),
                (PeriodKind::FamilyDraw, family),
            ]
        }
        other => vec![(other, quota)],
    };
    let mut created = Vec::new();
    for (kind, quota) in lotteries.into_iter().filter(|(_, q)| *q > 0) {
        let category = kind.category();
        let id = period_id(&number, category);
        let title = format!(
            "{}年第{sequence:02}期{}{}摇号",
            draw.date.year(),
            category.applicant.zh(),
            category.quota.zh()
        );
        let inserted = store::periods::insert(
            tx,
            &store::periods::NewPeriod {
                id: &id,
                kind,
                title: &title,
                quota,
                cutoff_ms: ms(cutoff),
                freeze_from_ms: ms(freeze_from),
                freeze_until_ms: ms(freeze_until),
                draw_ms: ms(draw_at),
                publish_ms: ms(publish_at),
            },
        )?;
        if !inserted {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                ErrorCode::PeriodExists,
                format!("第 {number} 期已存在"),
                format!("period {number} already exists"),
            ));
        }
        created.push(id);
    }
    store::periods::load(tx, &created[0])
}

/// Freezes the pool: every individual ordinary application approved by the cut-off, with its
/// weight in the policy's pool from its unsuccessful draws (and C5 licence), via the core
/// ([`Policy::pool_weight`]).
pub fn freeze(tx: &Transaction<'_>, policy: &'static Policy, id: &str) -> ApiResult<Period> {
    let period = store::periods::load(tx, id)?;
    if period.status != PeriodStatus::Open {
        return Err(invalid_state(
            "本期申请池已封存",
            "this period's pool is already frozen",
        ));
    }
    let size = store::periods::fill_pool(tx, policy, id)?;
    store::periods::mark_frozen(tx, id, size)?;
    tracing::info!(period = id, pool_size = size, "pool frozen");
    store::periods::load(tx, id)
}

/// A seed as supplied by the operator, or 6 digits of OS randomness.
pub fn seed(supplied: Option<&str>) -> ApiResult<Seed> {
    let text = match supplied {
        Some(text) => text.trim().to_owned(),
        None => random::digits(6)?,
    };
    Seed::parse(&text)
        .filter(|s| s.value() >= 0)
        .ok_or_else(|| {
            ApiError::invalid(
                "seed",
                "种子数须为 1 至 9 位数字",
                "the seed is 1 to 9 digits",
            )
        })
}

/// Runs the official draw on the frozen pool with `seed` (the core's algorithm).
pub fn run_draw(
    tx: &Transaction<'_>,
    id: &str,
    seed: &Seed,
    now: DateTime<Utc>,
) -> ApiResult<Period> {
    let period = store::periods::load(tx, id)?;
    if period.status != PeriodStatus::Frozen {
        return Err(invalid_state(
            "本期尚未封存或已开奖",
            "the period is not frozen, or already drawn",
        ));
    }
    let pool = store::periods::pool_of(tx, id)?;
    let quota = u32::try_from(period.quota).unwrap_or(u32::MAX);
    let outcome = draw::run(&pool, quota, seed.value()).map_err(|e| {
        ApiError::invalid_state(format!("开奖失败：{e}"), format!("the draw failed: {e}"))
    })?;
    store::periods::record_draw(tx, id, seed, &outcome, ms(now))?;
    tracing::info!(period = id, winners = outcome.rows.len(), "period drawn");
    store::periods::load(tx, id)
}

/// The end of the data freeze in force at `now` among `windows`, if any.
pub fn frozen_until(windows: &[(i64, i64)], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let now = ms(now);
    windows
        .iter()
        .filter(|(from, until)| *from <= now && now < *until)
        .map(|(_, until)| *until)
        .max()
        .map(from_ms)
}

/// 503 `data_freeze` until `until`.
pub fn freeze_error(until: DateTime<Utc>) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::DataFreeze,
        "摇号前数据封存期间暂停查询，这不是错误，请在封存结束后再查",
        "queries pause while data is frozen before the draw; this is not an error, try again after it ends",
    )
    .with_until(until)
    .with_retry_after(1)
}

/// Every period, newest first.
pub async fn list(state: &crate::state::AppState) -> ApiResult<Vec<Period>> {
    state.db.read(store::periods::list).await
}

/// Period `id`.
pub async fn read(state: &crate::state::AppState, id: String) -> ApiResult<Period> {
    state.db.read(move |c| store::periods::load(c, &id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::at;
    use rusqlite::Connection;
    use yaohao_core::policy::default_policy;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn draw_of(quota: u32, draw_date: Option<NaiveDate>) -> NewPeriod {
        NewPeriod {
            quota,
            kind: PeriodKind::Draw,
            draw_date,
        }
    }

    #[test]
    fn a_created_period_is_numbered_like_the_core_calendar() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        let tx = conn.transaction().unwrap();
        let policy = default_policy();
        let draws: Vec<_> = calendar::events(policy, date("2026-01-01"), date("2026-12-31"), &[])
            .into_iter()
            .filter(|e| e.kind == EventKind::Draw)
            .collect();
        assert_eq!(draws.len(), 6);
        for (index, draw) in draws.iter().enumerate() {
            let period = create(&tx, policy, draw.date, &draw_of(10, Some(draw.date))).unwrap();
            // The calendar's n-th draw of the year is period `YYYY0n`.
            assert_eq!(period.id, format!("2026{:02}", index + 1), "{}", draw.date);
            assert_eq!(period.draw_at, at(ms(draw.at.to_utc())));
            assert!(
                period
                    .title
                    .starts_with(&format!("2026年第{:02}期", index + 1))
            );
        }
    }

    #[test]
    fn a_draw_before_the_policy_or_past_year_9999_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        let tx = conn.transaction().unwrap();
        let policy = default_policy();
        let early = policy.effective_from - Days::new(400);
        for after in [date("0384-08-01"), early, date("9999-12-31")] {
            let error = create(&tx, policy, after, &draw_of(10, None)).unwrap_err();
            assert_eq!(error.body().field.as_deref(), Some("draw_date"), "{after}");
        }
        let created: i64 = tx
            .query_row("SELECT count(*) FROM periods", [], |r| r.get(0))
            .unwrap();
        assert_eq!(created, 0);
    }
}
