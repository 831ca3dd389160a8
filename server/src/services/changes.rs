//! Reviewed changes of the account: the marital status (with a certificate) and the address of
//! its approved applications (with a proof of address). The applicant sends the proof, the core
//! says whether a change may be asked for now, the operator reviews it (the policy says about 5
//! working days), and only an approved change alters the account or its applications.

use rusqlite::Connection;
use yaohao_core::actions::{self, Action, ActionKind};
use yaohao_core::api::{
    AddressChange, Decision, MaritalChange, MaritalChangeStatus, MaritalStatus,
};

use crate::error::{ApiError, ApiResult};
use crate::services::applications::core_allows;
use crate::services::documents::{self, DocumentKind, DocumentStore};
use crate::state::AppState;
use crate::store;
use crate::store::changes::{ChangeKind, ChangeRow};
use crate::time::ms;

/// The wire form of a marital-status request.
pub fn marital(row: ChangeRow) -> MaritalChange {
    MaritalChange {
        id: row.id,
        // Only the four statuses are ever stored (the request is checked).
        requested_status: MaritalStatus::parse(&row.requested).unwrap_or(MaritalStatus::Unmarried),
        status: row.status,
        reason: row.reason,
        created_at: row.created_at,
        decided_at: row.decided_at,
    }
}

/// The wire form of an address request.
pub fn address(row: ChangeRow) -> AddressChange {
    AddressChange {
        id: row.id,
        requested_address: row.requested,
        status: row.status,
        reason: row.reason,
        created_at: row.created_at,
        decided_at: row.decided_at,
    }
}

/// The material a change of `kind` is proved with.
pub fn proof_of(kind: ChangeKind) -> DocumentKind {
    match kind {
        ChangeKind::MaritalStatus => DocumentKind::MarriageCertificate,
        ChangeKind::Address => DocumentKind::AddressProof,
    }
}

/// The latest `kind` request of `account` (`not_found` if none).
pub async fn latest(state: &AppState, kind: ChangeKind, account: i64) -> ApiResult<ChangeRow> {
    state
        .db
        .read(move |c| store::changes::latest_of(c, kind, account))
        .await?
        .ok_or_else(ApiError::not_found)
}

/// What the core offers on `account` now.
fn account_actions(conn: &Connection, account: i64) -> ApiResult<Vec<Action>> {
    let marital_change = store::changes::latest_of(conn, ChangeKind::MaritalStatus, account)?;
    let address_change = store::changes::latest_of(conn, ChangeKind::Address, account)?;
    let applications = store::applications::list_owned(conn, account)?;
    Ok(actions::account(actions::AccountFacts {
        marital_change: marital_change.map(marital).as_ref(),
        address_change: address_change.map(address).as_ref(),
        applications: &applications,
        quotas: &[],
    }))
}

/// Asks for a change of `kind` to `requested` (already checked), proved by the image `proof`,
/// when the core allows it.
pub async fn request(
    state: &AppState,
    account: i64,
    kind: ChangeKind,
    requested: String,
    proof: Vec<u8>,
) -> ApiResult<ChangeRow> {
    let checked = proof.clone();
    let limits = state.config.limits.clone();
    tokio::task::spawn_blocking(move || documents::check_image(proof_of(kind), &checked, &limits))
        .await??;
    let sha256 = DocumentStore::new(&state.config.data).put(&proof).await?;
    let now = ms(state.clock.now());
    let action = match kind {
        ChangeKind::MaritalStatus => ActionKind::ChangeMaritalStatus,
        ChangeKind::Address => ActionKind::ChangeAddress,
    };
    let change = state
        .db
        .write(move |tx| {
            core_allows(&account_actions(tx, account)?, action, || {
                ApiError::invalid_state("现在不能申请变更", "a change cannot be asked for now")
            })?;
            let id = store::changes::insert_pending(tx, account, kind, &requested, &sha256, now)?;
            store::changes::by_id(tx, kind, id)?
                .ok_or_else(|| ApiError::internal("change vanished"))
        })
        .await?;
    tracing::info!(
        account_id = account,
        change_id = change.id,
        kind = kind.as_str(),
        "change requested"
    );
    Ok(change)
}

/// Approves (the change is made) or rejects the `kind` request `id`.
pub async fn decide(
    state: &AppState,
    kind: ChangeKind,
    id: i64,
    body: Decision,
) -> ApiResult<ChangeRow> {
    let now = ms(state.clock.now());
    state
        .db
        .write(move |tx| {
            let current = store::changes::by_id(tx, kind, id)?.ok_or_else(ApiError::not_found)?;
            if current.status != MaritalChangeStatus::Pending {
                return Err(ApiError::invalid_state("该申请已处理", "already decided"));
            }
            let status = if body.approve {
                MaritalChangeStatus::Approved
            } else {
                MaritalChangeStatus::Rejected
            };
            store::changes::decide(tx, id, status, body.reason.as_deref(), now)?;
            if body.approve {
                match kind {
                    ChangeKind::MaritalStatus => {
                        store::changes::apply_marital_status(tx, id, &current.requested)?;
                    }
                    ChangeKind::Address => {
                        store::changes::apply_address(tx, id, &current.requested, now)?;
                    }
                }
            }
            store::changes::by_id(tx, kind, id)?
                .ok_or_else(|| ApiError::internal("change vanished"))
        })
        .await
}
