//! The applicant's data rights: a copy of everything the portal holds (PIPL's right of access
//! and copy), and the deletion of the account, after which this device keeps nothing personal.

use reqwest::Method;
use serde_json::json;

use super::{SESSION_KEY, Yaohao};
use crate::api::{AccountDeletion, DataExport};
use crate::client::ClientError;
use crate::client::http::Call;
use crate::i18n::Text;

impl Yaohao {
    /// Everything the portal holds about the applicant, unmasked (the only place the full ID
    /// number and mobile appear): for the user to save or share.
    pub async fn export_data(&self) -> Result<DataExport, ClientError> {
        let call = Call::new(Method::GET, "/v1/me/export");
        Self::body(self.authed(call).await?)
    }

    /// Deletes the account on the portal, confirmed with its password (the core refuses while a
    /// won quota waits for confirmation: see the account's actions), then forgets the session and
    /// everything personal on this device, drafts included.
    pub async fn delete_account(&self, password: String) -> Result<(), ClientError> {
        if password.is_empty() {
            return Err(ClientError::Validation {
                code: "password_required".to_owned(),
                field: Some("password".to_owned()),
                message: Text::new(
                    "请输入密码以确认注销账户",
                    "Enter the password to confirm the deletion",
                ),
            });
        }
        let call = Call::new(Method::POST, "/v1/me/deletion")
            .json(json!(AccountDeletion { password }))
            .once();
        self.authed::<serde_json::Value>(call).await?;
        self.secrets
            .delete(SESSION_KEY.to_owned())
            .map_err(ClientError::local)?;
        self.cache.clear_personal()?;
        Ok(())
    }
}
