//! Quotas won: the applicant's list and the confirmation within the policy's hours.

use yaohao_core::api::{Quota, QuotaStatus};

use crate::error::{ApiError, ApiResult};
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

/// Confirms quota `id` of `account` before its deadline; the account's quotas after.
pub async fn confirm(state: &AppState, account: i64, id: i64) -> ApiResult<Vec<Quota>> {
    let now = ms(state.clock.now());
    let quotas = state
        .db
        .write(move |tx| {
            let Some((current, confirm_by)) = store::quotas::status_of(tx, id, account)? else {
                return Err(ApiError::not_found());
            };
            if current != QuotaStatus::PendingConfirmation || now >= confirm_by {
                return Err(ApiError::invalid_state(
                    "该指标已确认、已放弃或已超过确认期限",
                    "this quota is already confirmed, forfeited, or past its confirmation deadline",
                ));
            }
            store::quotas::confirm(tx, id, now)?;
            store::quotas::of_account(tx, account)
        })
        .await?;
    tracing::info!(account_id = account, quota_id = id, "quota confirmed");
    Ok(quotas)
}
