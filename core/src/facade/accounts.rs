//! Accounts: SMS codes, registration, login and logout, password reset, profile and mobile change.

use reqwest::Method;
use serde_json::json;

use super::{Account, CodeSent, Registration, SESSION_KEY, SmsPurpose, Yaohao};
use crate::api::{self, Provider, UnitRegistration};
use crate::client::ClientError;
use crate::client::http::{Call, Json};
use crate::client::redact::redact;
use crate::i18n::Text;

/// Whose account a login, an SMS code or a password reset is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountHolder {
    /// A person's account, by resident ID number.
    Person {
        /// Resident ID number.
        resident_id: String,
    },
    /// A unit's account, by its unified social credit code (统一社会信用代码); its codes go to
    /// the contact person's mobile.
    Unit {
        /// 统一社会信用代码.
        credit_code: String,
    },
}

impl AccountHolder {
    /// The wire's two keys: `(resident_id, credit_code)`, exactly one of them set.
    fn keys(self) -> (Option<String>, Option<String>) {
        match self {
            Self::Person { resident_id } => (Some(resident_id), None),
            Self::Unit { credit_code } => (None, Some(credit_code)),
        }
    }
}

impl Yaohao {
    /// Asks the portal to send an SMS code: to `mobile` for registration, to the `holder`'s
    /// mobile for login, to `mobile` of the `holder` for a password reset.
    pub async fn request_sms_code(
        &self,
        purpose: SmsPurpose,
        mobile: Option<String>,
        holder: Option<AccountHolder>,
    ) -> Result<CodeSent, ClientError> {
        let (resident_id, credit_code) = holder.map_or((None, None), AccountHolder::keys);
        self.send_code(api::CodeRequest {
            purpose,
            mobile,
            resident_id,
            credit_code,
        })
        .await
    }

    async fn send_code(&self, request: api::CodeRequest) -> Result<CodeSent, ClientError> {
        let call = Call::new(Method::POST, "/v1/sms-codes").json(json!(request));
        Self::body(self.http.send::<Json<CodeSent>>(&call).await?)
    }

    /// Registers an individual applicant (then log in).
    pub async fn register(&self, registration: Registration) -> Result<Account, ClientError> {
        let call = Call::new(Method::POST, "/v1/accounts").json(json!(registration));
        Self::body(self.http.send::<Json<Account>>(&call).await?)
    }

    /// Registers a unit's account, kept by its contact person (then log in with the credit code).
    pub async fn register_unit(
        &self,
        registration: UnitRegistration,
    ) -> Result<Account, ClientError> {
        let call = Call::new(Method::POST, "/v1/units").json(json!(registration));
        Self::body(self.http.send::<Json<Account>>(&call).await?)
    }

    /// Logs in, a person by resident ID or a unit by credit code, with password and SMS code;
    /// the token goes to the secret store and the profile to the cache. Any other device's
    /// session ends.
    pub async fn login(
        &self,
        holder: AccountHolder,
        password: String,
        sms_code: String,
    ) -> Result<Account, ClientError> {
        let (resident_id, credit_code) = holder.keys();
        self.start_session(api::Login {
            resident_id,
            credit_code,
            password,
            sms_code,
        })
        .await
    }

    async fn start_session(&self, login: api::Login) -> Result<Account, ClientError> {
        let call = Call::new(Method::POST, "/v1/sessions").json(json!(login));
        let session = Self::body(self.http.send::<Json<api::Session>>(&call).await?)?;
        let previous = self.cache.profile()?;
        let same_account = previous
            .as_deref()
            .and_then(|p| serde_json::from_str::<Account>(p).ok())
            .is_some_and(|p| p.id == session.account.id);
        if !same_account {
            self.cache.clear_account()?;
        }
        self.secrets
            .set(SESSION_KEY.to_owned(), session.token)
            .map_err(ClientError::local)?;
        self.store_profile(&session.account)?;
        log::info!(
            "yaohao: logged in as {} ({})",
            redact(&session.account.resident_id),
            redact(&session.account.mobile)
        );
        Ok(session.account)
    }

    /// Logs out: ends the session on the portal (best effort) and forgets the token and the
    /// account's cached data. Local drafts stay.
    pub async fn logout(&self) -> Result<(), ClientError> {
        if let Some(token) = self.token()? {
            let call = Call::new(Method::DELETE, "/v1/sessions/current").token(Some(token));
            match self.http.send::<Json<serde_json::Value>>(&call).await {
                Ok(_)
                | Err(ClientError::AuthRequired { .. } | ClientError::LoggedInElsewhere { .. }) => {
                }
                Err(e) if e.is_retryable() => {}
                Err(e) => return Err(e),
            }
        }
        self.secrets
            .delete(SESSION_KEY.to_owned())
            .map_err(ClientError::local)?;
        self.cache.clear_account()?;
        Ok(())
    }

    /// Registers this device's push token (`fcm`, `apns`, `dev`, or `web_push` with the
    /// subscription's endpoint URL as `token` and its `keys`) so the portal can announce results.
    pub async fn register_device(
        &self,
        provider: String,
        token: String,
        keys: Option<api::WebPushKeys>,
    ) -> Result<(), ClientError> {
        let provider = Provider::parse(&provider).ok_or_else(|| ClientError::Validation {
            code: "invalid_input".to_owned(),
            field: Some("provider".to_owned()),
            message: Text::new(
                format!("不支持的推送服务“{provider}”"),
                format!("Unknown push provider '{provider}'."),
            ),
        })?;
        let mut call = Call::new(Method::POST, "/v1/me/devices").json(json!(api::NewDevice {
            provider,
            token,
            keys
        }));
        // The portal upserts on (provider, token): repeating the call is harmless.
        call.idempotent = true;
        self.authed::<serde_json::Value>(call).await?;
        Ok(())
    }

    /// Whether a session token is stored (it may still have expired on the portal).
    pub fn is_logged_in(&self) -> Result<bool, ClientError> {
        Ok(self.token()?.is_some())
    }

    /// Sets a new password with an SMS code sent to the holder's `mobile`; every session ends.
    pub async fn reset_password(
        &self,
        holder: AccountHolder,
        mobile: String,
        sms_code: String,
        new_password: String,
    ) -> Result<(), ClientError> {
        let (resident_id, credit_code) = holder.keys();
        let call = Call::new(Method::POST, "/v1/password-resets").json(json!(api::PasswordReset {
            resident_id,
            credit_code,
            mobile,
            sms_code,
            new_password
        }));
        self.http.send::<Json<serde_json::Value>>(&call).await?;
        self.secrets
            .delete(SESSION_KEY.to_owned())
            .map_err(ClientError::local)?;
        Ok(())
    }

    /// The cached profile (no network).
    pub fn profile(&self) -> Result<Option<Account>, ClientError> {
        match self.cache.profile()? {
            Some(json) => Ok(Some(
                serde_json::from_str(&json).map_err(ClientError::local)?,
            )),
            None => Ok(None),
        }
    }

    /// Fetches the profile and caches it.
    pub async fn refresh_profile(&self) -> Result<Account, ClientError> {
        let account = Self::body(self.authed(Call::new(Method::GET, "/v1/me")).await?)?;
        self.store_profile(&account)?;
        Ok(account)
    }

    /// Sends codes to the current and the new mobile number.
    pub async fn request_mobile_change_codes(
        &self,
        new_mobile: String,
    ) -> Result<CodeSent, ClientError> {
        let call = Call::new(Method::POST, "/v1/me/mobile/codes")
            .json(json!(api::MobileCodes { new_mobile }));
        Self::body(self.authed(call).await?)
    }

    /// Changes the mobile number with both codes.
    pub async fn change_mobile(
        &self,
        new_mobile: String,
        old_code: String,
        new_code: String,
    ) -> Result<Account, ClientError> {
        let call = Call::new(Method::PUT, "/v1/me/mobile")
            .json(json!(api::MobileChange {
                new_mobile,
                old_code,
                new_code
            }))
            .once();
        let account = Self::body(self.authed(call).await?)?;
        self.store_profile(&account)?;
        Ok(account)
    }

    fn store_profile(&self, account: &Account) -> Result<(), ClientError> {
        let json = serde_json::to_string(account).map_err(ClientError::local)?;
        Ok(self.cache.store_profile(account.id, &json, self.now_ms())?)
    }
}
