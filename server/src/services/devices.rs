//! Push devices of an account and who may hold a `dev` event stream (the delivery itself, the
//! outbox and the providers are [`crate::push`]).

use yaohao_core::api::{Device, NewDevice, Provider, PushOutboxEntry};

use crate::auth::session;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store;
use crate::time::ms;

/// The devices of `account`.
pub async fn list(state: &AppState, account: i64) -> ApiResult<Vec<Device>> {
    state
        .db
        .read(move |c| store::devices::of_account(c, account))
        .await
}

/// Registers a device token; a token moves to the account registering it. The account's
/// devices after.
pub async fn register(state: &AppState, account: i64, body: NewDevice) -> ApiResult<Vec<Device>> {
    let token = body.token.trim().to_owned();
    if token.is_empty() || token.len() > 4096 {
        return Err(ApiError::invalid(
            "token",
            "设备令牌无效",
            "invalid device token",
        ));
    }
    let now = ms(state.clock.now());
    let list = state
        .db
        .write(move |tx| {
            store::devices::upsert(tx, account, body.provider, &token, now)?;
            store::devices::of_account(tx, account)
        })
        .await?;
    tracing::info!(
        account_id = account,
        provider = body.provider.as_str(),
        "device registered"
    );
    Ok(list)
}

/// Removes device `id` of `account` (`not_found` if it has none).
pub async fn remove(state: &AppState, account: i64, id: i64) -> ApiResult<()> {
    let deleted = state
        .db
        .write(move |tx| store::devices::delete(tx, account, id))
        .await?;
    if deleted {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}

/// Whether the session of `token_hash` still admits `account` and `device` is still its `dev`
/// device (a logout, a newer login, expiry or the token moving to another account end a stream).
pub async fn stream_allowed(
    state: &AppState,
    token_hash: &str,
    account: i64,
    device: &str,
) -> ApiResult<bool> {
    let now = state.clock.now();
    let (hash, token) = (token_hash.to_owned(), device.to_owned());
    let (session, owned) = state
        .db
        .read(move |c| {
            let owned = store::devices::holds(c, account, Provider::Dev, &token)?;
            Ok((session::row(c, &hash)?, owned))
        })
        .await?;
    let live = session::admit(session.as_ref(), now).is_ok_and(|s| s.account_id == account);
    Ok(live && owned)
}

/// Whether `application` is `account`'s: a notification is only ever shown to its owner.
pub async fn owns_application(state: &AppState, account: i64, application: i64) -> bool {
    state
        .db
        .read(move |c| store::applications::owned_by(c, application, account))
        .await
        .unwrap_or(false)
}

/// The push outbox, for the operator.
pub async fn outbox(state: &AppState) -> ApiResult<Vec<PushOutboxEntry>> {
    state.db.read(store::devices::outbox).await
}
