//! The applicant's data rights (PIPL): a copy of everything the portal holds about them, and the
//! deletion of their account, which the core allows unless a won quota waits for confirmation.

use yaohao_core::actions::{self, ActionKind};
use yaohao_core::api::{AccountDeletion, DataExport, ExportedApplication};

use crate::auth::password;
use crate::error::{ApiError, ApiResult};
use crate::services::applications::core_allows;
use crate::services::changes;
use crate::services::documents::DocumentStore;
use crate::state::AppState;
use crate::store;
use crate::store::changes::ChangeKind;
use crate::time::ms;

/// Everything the portal holds about `account`, unmasked.
pub async fn export(state: &AppState, account: i64) -> ApiResult<DataExport> {
    let exported_at = state.clock.now();
    state
        .db
        .read(move |c| {
            let applications = store::applications::list_owned(c, account)?
                .into_iter()
                .map(|application| {
                    let documents = store::documents::list(c, application.id)?;
                    Ok(ExportedApplication {
                        application,
                        documents,
                    })
                })
                .collect::<ApiResult<_>>()?;
            Ok(DataExport {
                exported_at,
                account: store::accounts::load(c, account)?,
                applications,
                marital_changes: store::changes::all_of(c, ChangeKind::MaritalStatus, account)?
                    .into_iter()
                    .map(changes::marital)
                    .collect(),
                address_changes: store::changes::all_of(c, ChangeKind::Address, account)?
                    .into_iter()
                    .map(changes::address)
                    .collect(),
                quotas: store::quotas::of_account(c, account)?,
                results: store::results::of_account(c, account)?,
                devices: store::devices::of_account(c, account)?,
                sessions: store::privacy::sessions(c, account)?,
            })
        })
        .await
}

/// Deletes `account` (its personal data; see [`store::privacy::erase`]) once its password is
/// confirmed and the core allows it; ends every session and removes the files no one else uses.
pub async fn delete(state: &AppState, account: i64, body: AccountDeletion) -> ApiResult<()> {
    let (stored, quotas) = state
        .db
        .read(move |c| {
            Ok((
                store::privacy::password_hash(c, account)?,
                store::quotas::of_account(c, account)?,
            ))
        })
        .await?;
    let given = body.password;
    let matches = tokio::task::spawn_blocking(move || password::verify(&given, &stored)).await?;
    if !matches {
        return Err(ApiError::invalid(
            "password",
            "密码不正确，账户未注销",
            "the password is wrong; the account was not deleted",
        ));
    }
    core_allows(
        &actions::account(actions::AccountFacts {
            quotas: &quotas,
            ..actions::AccountFacts::default()
        }),
        ActionKind::DeleteAccount,
        || ApiError::internal("deletion not offered"),
    )?;
    let now = ms(state.clock.now());
    let files = state
        .db
        .write(move |tx| store::privacy::erase(tx, account, now))
        .await?;
    state.caches.sessions_changed(account);
    let documents = DocumentStore::new(&state.config.data);
    for sha256 in files {
        let key = sha256.clone();
        if !state
            .db
            .read(move |c| store::privacy::file_in_use(c, &key))
            .await?
        {
            documents.remove(&sha256).await?;
        }
    }
    tracing::info!(account_id = account, "account deleted");
    Ok(())
}
