//! Periods, results and quotas: the published files (static, with ETag), "my results", the
//! anonymous query with captcha, quota confirmation, continuation and reactivation, queue ranks.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Datelike;
use rusqlite::{Connection, params};
use serde::Deserialize;

use crate::applications;
use crate::auth::session::{self, Session};
use crate::cache::FreezeWindows;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::periods;
use crate::revalidate::TaggedJson;
use crate::state::AppState;
use crate::time::{at, ms};
use yaohao_core::api::{
    Application, ApplicationStatus, Captcha, Period, PeriodOutcome, PeriodStatus, QueueRank, Quota,
    QuotaStatus, ResultEntry,
};
use yaohao_core::forms::{ApplicationForm, ApplicationKind};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/periods", get(list_periods))
        .route("/v1/periods/{id}", get(read_period))
        .route("/v1/results/{period}/{file}", get(result_file))
        .route("/v1/results/query", get(anonymous_query))
        .route("/v1/captcha", post(new_captcha))
        .route("/v1/captcha/{id}", get(captcha_image))
        .route("/v1/me/results", get(my_results))
        .route("/v1/me/quotas", get(my_quotas))
        .route("/v1/quotas/{id}/confirm", post(confirm_quota))
        .route("/v1/applications/{id}/continue", post(continue_application))
        .route("/v1/applications/{id}/reactivate", post(reactivate))
        .route("/v1/me/queue", get(queue_rank))
}

async fn list_periods(State(state): State<AppState>) -> ApiResult<Json<Vec<Period>>> {
    Ok(Json(state.db.read(periods::list).await?))
}

async fn read_period(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Period>> {
    Ok(Json(state.db.read(move |c| periods::load(c, &id)).await?))
}

/// `GET /v1/results/{period}/{file}`: a published file, `304` when `If-None-Match` matches.
async fn result_file(
    State(state): State<AppState>,
    ApiPath((period, file)): ApiPath<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    Ok(state.results.get(&period, &file).await?.respond(&headers))
}

/// The results of the applications selected by `clause`: the join order is fixed (the pool is
/// only ever read by its primary key).
fn results_sql(clause: &str) -> String {
    format!(
        "SELECT p.id, p.title, a.code, p.status, w.seq, w.position
         FROM applications a
         CROSS JOIN periods p
         CROSS JOIN pool_entries e ON e.period_id = p.id AND e.application_id = a.id
         LEFT JOIN winners w ON w.period_id = p.id AND w.application_id = a.id
         WHERE {clause} ORDER BY p.draw_at DESC"
    )
}

fn results_where(
    conn: &Connection,
    clause: &str,
    key: &dyn rusqlite::ToSql,
) -> ApiResult<Vec<ResultEntry>> {
    let mut stmt = conn.prepare_cached(&results_sql(clause))?;
    let rows = stmt.query_map([key], |r| {
        let published = PeriodStatus::from(r.get::<_, String>(3)?) == PeriodStatus::Published;
        let seq: Option<i64> = r.get(4)?;
        let won = seq.is_some();
        Ok(ResultEntry {
            period: r.get(0)?,
            title: r.get(1)?,
            code: r.get(2)?,
            outcome: match (published, won) {
                (false, _) => PeriodOutcome::Pending,
                (true, true) => PeriodOutcome::Won,
                (true, false) => PeriodOutcome::NotWon,
            },
            seq: if published { seq } else { None },
            position: if published { r.get(5)? } else { None },
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The freeze windows, cached or read.
async fn freeze_windows(state: &AppState) -> ApiResult<FreezeWindows> {
    let cache = &state.caches.freeze;
    if let Some(windows) = cache.get(&()) {
        return Ok(windows);
    }
    let generation = cache.generation();
    let windows = Arc::new(state.db.read(periods::freeze_windows).await?);
    cache.insert(generation, (), windows.clone());
    Ok(windows)
}

async fn check_freeze(state: &AppState) -> ApiResult<()> {
    match periods::frozen_until(&freeze_windows(state).await?, state.clock.now()) {
        Some(until) => Err(periods::freeze_error(until)),
        None => Ok(()),
    }
}

/// An account's results as tagged JSON.
fn results_body(conn: &Connection, account: i64) -> ApiResult<TaggedJson> {
    let entries = results_where(conn, "a.account_id = ?1", &account)?;
    TaggedJson::new(Bytes::from(
        serde_json::to_vec(&entries).map_err(ApiError::internal)?,
    ))
}

/// `GET /v1/me/results`: the session's outcomes in every period it took part in. The draw-day
/// hot path: with the session, the freeze windows and the account's results cached it is answered
/// from memory; otherwise one database read fetches whatever is missing.
async fn my_results(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let hash = session::bearer_hash(&headers)?;
    let now = state.clock.now();
    let caches = state.caches.clone();
    let cached_session = caches.sessions.get(&hash);
    let cached_windows = caches.freeze.get(&());
    if let (Some(row), Some(windows)) = (&cached_session, &cached_windows) {
        let account = session::admit(Some(row), now)?.account_id;
        if let Some(until) = periods::frozen_until(windows, now) {
            return Err(periods::freeze_error(until));
        }
        if let Some(body) = caches.results.get(&account) {
            return Ok(body.respond(&headers));
        }
    }
    let generations = (
        caches.sessions.generation(),
        caches.freeze.generation(),
        caches.results.generation(),
    );
    let key = hash.clone();
    let (row, windows, body) = state
        .db
        .read(move |c| {
            let row = match cached_session {
                Some(row) => Some(row),
                None => session::row(c, &key)?,
            };
            let windows = match cached_windows {
                Some(windows) => windows,
                None => Arc::new(periods::freeze_windows(c)?),
            };
            let body = match session::admit(row.as_ref(), now) {
                Ok(s) if periods::frozen_until(&windows, now).is_none() => {
                    Some((s.account_id, results_body(c, s.account_id)?))
                }
                _ => None,
            };
            Ok((row, windows, body))
        })
        .await?;
    if let Some(row) = &row {
        caches.sessions.insert(generations.0, hash, row.clone());
    }
    caches.freeze.insert(generations.1, (), windows.clone());
    session::admit(row.as_ref(), now)?;
    if let Some(until) = periods::frozen_until(&windows, now) {
        return Err(periods::freeze_error(until));
    }
    let (account, body) = body.ok_or_else(|| ApiError::internal("results were not read"))?;
    let response = body.respond(&headers);
    caches.results.insert(generations.2, account, body);
    Ok(response)
}

/// `POST /v1/captcha`: a new image captcha for the anonymous query.
async fn new_captcha(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> ApiResult<Response> {
    state.throttles.captcha(peer.ip())?;
    let c = state.guard.issue(state.clock.now())?;
    let view = Captcha {
        image_url: format!("/v1/captcha/{}", c.id),
        captcha_id: c.id,
        expires_at: at(ms(c.expires_at)),
    };
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// `GET /v1/captcha/{id}`: the captcha's PNG.
async fn captcha_image(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let png = state.guard.image(&id).ok_or_else(ApiError::not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        png.as_ref().clone(),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
struct AnonymousQuery {
    code: String,
    captcha_id: String,
    captcha_answer: String,
}

/// `GET /v1/results/query`: outcomes of one application code, for anyone who solves a captcha;
/// limited per client.
async fn anonymous_query(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiQuery(query): ApiQuery<AnonymousQuery>,
) -> ApiResult<Json<Vec<ResultEntry>>> {
    let now = state.clock.now();
    state.guard.allow(peer.ip(), now)?;
    check_freeze(&state).await?;
    let code = crate::rules::accept("code", yaohao_core::validate::application_code(&query.code))?;
    state
        .guard
        .check(&query.captcha_id, &query.captcha_answer, now)?;
    Ok(Json(
        state
            .db
            .read(move |c| results_where(c, "a.code = ?1", &code))
            .await?,
    ))
}

fn quotas_of(conn: &Connection, account: i64) -> ApiResult<Vec<Quota>> {
    let mut stmt = conn.prepare(
        "SELECT id, application_id, period_id, certificate, status, issued_at, confirm_by,
                confirmed_at, expires_at FROM quotas WHERE account_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([account], |r| {
        Ok(Quota {
            id: r.get(0)?,
            application_id: r.get(1)?,
            period: r.get(2)?,
            certificate: r.get(3)?,
            status: QuotaStatus::from(r.get::<_, String>(4)?),
            issued_at: at(r.get(5)?),
            confirm_by: at(r.get(6)?),
            confirmed_at: r.get::<_, Option<i64>>(7)?.map(at),
            expires_at: at(r.get(8)?),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// `GET /v1/me/quotas`.
async fn my_quotas(State(state): State<AppState>, session: Session) -> ApiResult<Json<Vec<Quota>>> {
    let account = session.account_id;
    Ok(Json(state.db.read(move |c| quotas_of(c, account)).await?))
}

/// `POST /v1/quotas/{id}/confirm`: the winner confirms within the policy's hours.
async fn confirm_quota(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<Quota>>> {
    let account = session.account_id;
    let now = ms(state.clock.now());
    let quotas = state
        .db
        .write(move |tx| {
            let row: Option<(String, i64)> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT status, confirm_by FROM quotas WHERE id = ?1 AND account_id = ?2",
                params![id, account],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ))?;
            let Some((current, confirm_by)) = row else {
                return Err(ApiError::not_found());
            };
            if current != QuotaStatus::PendingConfirmation.as_str() || now >= confirm_by {
                return Err(ApiError::invalid_state(
                    "该指标已确认、已放弃或已超过确认期限",
                    "this quota is already confirmed, forfeited, or past its confirmation deadline",
                ));
            }
            tx.execute(
                "UPDATE quotas SET status = ?1, confirmed_at = ?2 WHERE id = ?3",
                params![QuotaStatus::Confirmed.as_str(), now, id],
            )?;
            quotas_of(tx, account)
        })
        .await?;
    Ok(Json(quotas))
}

/// `POST /v1/applications/{id}/continue`: 继续参与, only in the policy's continuation month.
async fn continue_application(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    let rule = &state.policy.rules.continuation;
    let now = state.clock.now();
    let today = yaohao_core::time::beijing_date(now);
    if !rule.enabled || today.month() != rule.params.month {
        return Err(ApiError::invalid_state(
            format!("只能在每年{}月确认继续参与", rule.params.month),
            format!(
                "continuation is only possible in month {} of each year",
                rule.params.month
            ),
        ));
    }
    let account = session.account_id;
    let view = state
        .db
        .write(move |tx| {
            let current = applications::load_owned(tx, id, account)?;
            if current.status != ApplicationStatus::Approved {
                return Err(ApiError::invalid_state(
                    "只有有效的申请可以继续参与",
                    "only an active (approved) application can be continued",
                ));
            }
            tx.execute(
                "UPDATE applications SET continued_year = ?1, continued_on = ?2, updated_at = ?3
                 WHERE id = ?4",
                params![today.year(), today.to_string(), ms(now), id],
            )?;
            applications::load_owned(tx, id, account)
        })
        .await?;
    Ok(Json(view))
}

/// `POST /v1/applications/{id}/reactivate`: an application removed by the clean-up goes back to
/// review with its code.
async fn reactivate(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Application>> {
    let account = session.account_id;
    let now = ms(state.clock.now());
    let view = state
        .db
        .write(move |tx| {
            let current = applications::load_owned(tx, id, account)?;
            if current.status != ApplicationStatus::Removed {
                return Err(ApiError::invalid_state(
                    "只有已被清理的申请可以重新激活",
                    "only an application removed by the clean-up can be reactivated",
                ));
            }
            tx.execute(
                "UPDATE applications SET status = ?1, submitted_at = ?2, updated_at = ?2
                 WHERE id = ?3",
                params![ApplicationStatus::UnderReview.as_str(), now, id],
            )?;
            applications::load_owned(tx, id, account)
        })
        .await?;
    Ok(Json(view))
}

/// `GET /v1/me/queue`: NEV queue rank (individuals by queue time) or family points rank (points,
/// ties by the earliest registration), over approved applications.
async fn queue_rank(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Vec<QueueRank>>> {
    let account = session.account_id;
    let ranks = state
        .db
        .read(move |c| {
            let mut stmt = c.prepare(
                "SELECT a.id, a.kind, a.account_id, a.submitted_at, a.form, u.created_at
                 FROM applications a JOIN accounts u ON u.id = a.account_id
                 WHERE a.status = ?1 AND a.kind IN ('individual_nev', 'family')",
            )?;
            let rows = stmt.query_map([ApplicationStatus::Approved.as_str()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?;
            let mut nev = Vec::new();
            let mut families = Vec::new();
            for row in rows {
                let (id, kind, owner, submitted, form, registered) = row?;
                if kind == ApplicationKind::Family.as_str() {
                    let form: ApplicationForm = serde_json::from_str(&form).unwrap_or_default();
                    let total = form
                        .family
                        .as_ref()
                        .and_then(|f| {
                            yaohao_core::points::family_points(&applications::family_model(f)).ok()
                        })
                        .map_or(0, |p| p.total);
                    families.push((id, owner, total, registered));
                } else {
                    nev.push((id, owner, submitted));
                }
            }
            nev.sort_by_key(|&(id, _, submitted)| (submitted, id));
            families.sort_by_key(|&(id, _, points, registered)| {
                (std::cmp::Reverse(points), registered, id)
            });
            let mut out = Vec::new();
            for (i, &(id, owner, _)) in nev.iter().enumerate() {
                if owner == account {
                    out.push(QueueRank {
                        application_id: id,
                        kind: ApplicationKind::IndividualNev,
                        rank: i as i64 + 1,
                        total: nev.len() as i64,
                        points: None,
                    });
                }
            }
            for (i, &(id, owner, points, _)) in families.iter().enumerate() {
                if owner == account {
                    out.push(QueueRank {
                        application_id: id,
                        kind: ApplicationKind::Family,
                        rank: i as i64 + 1,
                        total: families.len() as i64,
                        points: Some(points),
                    });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(Json(ranks))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pool holds millions of rows: every query over it must seek its primary key.
    #[test]
    fn pool_queries_seek_the_primary_key() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        let draws = format!(
            "SELECT {} FROM applications WHERE id = ?1",
            *periods::DRAWS_SQL
        );
        for sql in [
            results_sql("a.account_id = ?1"),
            results_sql("a.code = ?1"),
            draws,
            crate::push::PUBLICATION_SQL.to_owned(),
        ] {
            let plan = crate::db::query_plan(&conn, &sql);
            let pool: Vec<_> = plan
                .iter()
                .filter(|step| step.contains(" e ") || step.ends_with(" e"))
                .collect();
            assert!(!pool.is_empty(), "{plan:?}");
            assert!(
                pool.iter()
                    .all(|step| step.starts_with("SEARCH e USING PRIMARY KEY")),
                "{plan:?}"
            );
        }
    }
}
