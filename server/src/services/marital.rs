//! Marital-status changes: the applicant sends a certificate, the operator reviews it (the
//! policy says about 5 working days); only an approved change alters the account.

use yaohao_core::actions::{self, ActionKind};
use yaohao_core::api::{Decision, MaritalChange, MaritalChangeStatus, MaritalStatus};

use crate::error::{ApiError, ApiResult};
use crate::services::applications::core_allows;
use crate::services::documents::{self, DocumentKind, DocumentStore};
use crate::state::AppState;
use crate::store;
use crate::time::ms;

/// The latest change request of `account` (`not_found` if none).
pub async fn latest(state: &AppState, account: i64) -> ApiResult<MaritalChange> {
    state
        .db
        .read(move |c| store::marital::latest_of(c, account))
        .await?
        .ok_or_else(ApiError::not_found)
}

/// Asks for a change to `wanted`, with the certificate image `certificate`, when the core allows
/// it (one change under review at a time).
pub async fn request(
    state: &AppState,
    account: i64,
    wanted: MaritalStatus,
    certificate: Vec<u8>,
) -> ApiResult<MaritalChange> {
    let checked = certificate.clone();
    let limits = state.config.limits.clone();
    tokio::task::spawn_blocking(move || {
        documents::check_image(DocumentKind::MarriageCertificate, &checked, &limits)
    })
    .await??;
    let sha256 = DocumentStore::new(&state.config.data)
        .put(&certificate)
        .await?;
    let now = ms(state.clock.now());
    let change = state
        .db
        .write(move |tx| {
            let latest = store::marital::latest_of(tx, account)?;
            core_allows(
                &actions::account(latest.as_ref(), &[]),
                ActionKind::ChangeMaritalStatus,
                || {
                    ApiError::invalid_state(
                        "已有待审核的婚姻状况变更",
                        "a marital-status change is already under review",
                    )
                },
            )?;
            let id = store::marital::insert_pending(tx, account, wanted, &sha256, now)?;
            store::marital::by_id(tx, id)?.ok_or_else(|| ApiError::internal("change vanished"))
        })
        .await?;
    tracing::info!(
        account_id = account,
        change_id = change.id,
        "marital-status change requested"
    );
    Ok(change)
}

/// Approves (the account changes) or rejects change request `id`.
pub async fn decide(state: &AppState, id: i64, body: Decision) -> ApiResult<MaritalChange> {
    let now = ms(state.clock.now());
    state
        .db
        .write(move |tx| {
            let current = store::marital::by_id(tx, id)?.ok_or_else(ApiError::not_found)?;
            if current.status != MaritalChangeStatus::Pending {
                return Err(ApiError::invalid_state("该申请已处理", "already decided"));
            }
            let status = if body.approve {
                MaritalChangeStatus::Approved
            } else {
                MaritalChangeStatus::Rejected
            };
            store::marital::decide(tx, id, status, body.reason.as_deref(), now)?;
            if body.approve {
                store::marital::apply_to_account(tx, id, current.requested_status)?;
            }
            store::marital::by_id(tx, id)?.ok_or_else(|| ApiError::internal("change vanished"))
        })
        .await
}
