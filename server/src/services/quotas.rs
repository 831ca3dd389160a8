//! Quotas won: the applicant's list and the confirmation within the policy's hours.

use yaohao_core::actions::{self, ActionKind};
use yaohao_core::api::Quota;

use crate::error::{ApiError, ApiResult};
use crate::services::applications::core_allows;
use crate::state::AppState;
use crate::store;
use crate::time::ms;

/// The quotas of `account`.
pub async fn list(state: &AppState, account: i64) -> ApiResult<Vec<Quota>> {
    state
        .db
        .read(move |c| store::quotas::of_account(c, account))
        .await
}

/// Confirms quota `id` of `account` when the core allows it (pending, before its deadline);
/// the account's quotas after.
pub async fn confirm(state: &AppState, account: i64, id: i64) -> ApiResult<Vec<Quota>> {
    let at = state.clock.now();
    let now = ms(at);
    let quotas = state
        .db
        .write(move |tx| {
            let quota = store::quotas::owned(tx, id, account)?.ok_or_else(ApiError::not_found)?;
            core_allows(&actions::quota(&quota, at), ActionKind::Confirm, || {
                ApiError::invalid_state(
                    "该指标已确认、已放弃或已超过确认期限",
                    "this quota is already confirmed, forfeited, or past its confirmation deadline",
                )
            })?;
            store::quotas::confirm(tx, id, now)?;
            store::quotas::of_account(tx, account)
        })
        .await?;
    tracing::info!(account_id = account, quota_id = id, "quota confirmed");
    Ok(quotas)
}
