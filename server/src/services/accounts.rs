//! Accounts: SMS codes, registration, login and logout, password reset, mobile change.

use std::net::IpAddr;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};

use crate::auth::password;
use crate::auth::session::{self, Session};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::rules;
use crate::sms::SmsMessage;
use crate::sms::codes::{self, Purpose};
use crate::state::AppState;
use crate::store;
use crate::time::{at, from_ms, ms};
use yaohao_core::api::{
    self, Account, CodeRequest, CodeSent, Login, MobileChange, MobileCodes, PasswordReset,
    Registration, SmsPurpose, UnitProfile, UnitRegistration,
};

/// Wrong passwords in a row before the account locks.
pub const MAX_FAILED_LOGINS: i64 = 5;
/// How long a lockout lasts.
pub const LOCKOUT_MINUTES: i64 = 15;

/// The Beijing calendar date on the portal clock.
pub fn today(state: &AppState) -> chrono::NaiveDate {
    yaohao_core::time::beijing_date(state.clock.now())
}

/// Stores a code for `mobile` and sends it.
async fn send_codes(state: &AppState, targets: Vec<(String, Purpose)>) -> ApiResult<()> {
    let now = state.clock.now();
    let messages = state
        .db
        .write(move |tx| {
            targets
                .into_iter()
                .map(|(mobile, purpose)| {
                    let body = codes::issue(tx, &mobile, purpose, now)?;
                    Ok(SmsMessage { mobile, body })
                })
                .collect::<ApiResult<Vec<_>>>()
        })
        .await?;
    for message in &messages {
        state.sms.send(message, ms(now)).await?;
    }
    Ok(())
}

fn code_sent() -> CodeSent {
    CodeSent {
        expires_in: codes::CODE_TTL_SECONDS,
        resend_after: codes::RESEND_SECONDS,
    }
}

/// `POST /v1/sms-codes`: a code for registration (`mobile`), login (`resident_id`) or a password
/// reset (`resident_id` + `mobile`). Whether an account exists is never revealed: a login or
/// reset code may be asked for once a minute per ID, registered or not, and a registered number's
/// own limits then drop the message silently instead of answering differently.
pub async fn request_code(
    state: &AppState,
    peer: IpAddr,
    body: CodeRequest,
) -> ApiResult<CodeSent> {
    state.throttles.sms(peer)?;
    let field = |name: &str, value: &Option<String>| match value {
        Some(v) => Ok(v.clone()),
        None => Err(ApiError::invalid(
            name,
            "缺少必填项",
            "missing required field",
        )),
    };
    let purpose = match body.purpose {
        SmsPurpose::Register => Purpose::Register,
        SmsPurpose::Login => Purpose::Login,
        SmsPurpose::ResetPassword => Purpose::ResetPassword,
    };
    match body.purpose {
        SmsPurpose::Register => {
            let mobile = rules::mobile("mobile", &field("mobile", &body.mobile)?)?;
            send_codes(state, vec![(mobile, purpose)]).await?;
        }
        SmsPurpose::Login | SmsPurpose::ResetPassword => {
            let id = rules::login_key(
                body.resident_id.as_deref(),
                body.credit_code.as_deref(),
                today(state),
            )?;
            let wanted = match purpose {
                Purpose::ResetPassword => {
                    Some(rules::mobile("mobile", &field("mobile", &body.mobile)?)?)
                }
                _ => None,
            };
            state
                .throttles
                .resend(&format!("{}:{id}", purpose.as_str()), state.clock.now())?;
            let found = state
                .db
                .read(move |c| store::accounts::mobile_of(c, &id))
                .await?;
            let target = found
                .map(|(_, m)| m)
                .filter(|m| wanted.as_ref().is_none_or(|w| w == m));
            if let Some(mobile) = target {
                match send_codes(state, vec![(mobile, purpose)]).await {
                    Err(e) if e.status() == StatusCode::TOO_MANY_REQUESTS => {}
                    other => other?,
                }
            }
        }
    }
    Ok(code_sent())
}

async fn hash_password(state: &AppState, password: String) -> ApiResult<String> {
    let cost = state.config.password_cost;
    tokio::task::spawn_blocking(move || password::hash(&password, cost)).await?
}

/// `POST /v1/accounts`: registers an individual applicant. Every failed attempt counts against
/// the register code (a wrong code, a refused field, an ID already registered), which is burnt
/// after [`codes::MAX_ATTEMPTS`].
pub async fn register(state: &AppState, body: Registration) -> ApiResult<Account> {
    let today = today(state);
    let fields = || {
        let resident_id = rules::resident_id("resident_id", &body.resident_id, today)?;
        let name = rules::name("name", &body.name)?;
        Ok::<_, ApiError>(NewAccount {
            key: resident_id,
            name,
            unit: None,
        })
    };
    create_account(state, fields(), &body.mobile, body.password, body.sms_code).await
}

/// `POST /v1/units`: a unit's account, kept by its contact person, whose login key is the
/// unit's credit code.
pub async fn register_unit(state: &AppState, body: UnitRegistration) -> ApiResult<Account> {
    let today = today(state);
    let fields = || {
        let credit_code = rules::credit_code("credit_code", &body.credit_code)?;
        let unit_name = rules::accept(
            "unit_name",
            yaohao_core::validate::unit_name(&body.unit_name),
        )?;
        let contact = rules::resident_id("contact_resident_id", &body.contact_resident_id, today)?;
        let name = rules::name("contact_name", &body.contact_name)?;
        Ok(NewAccount {
            key: rules::unit_key(&credit_code),
            name,
            unit: Some((
                UnitProfile {
                    credit_code,
                    unit_name,
                },
                contact,
            )),
        })
    };
    create_account(state, fields(), &body.mobile, body.password, body.sms_code).await
}

/// What a registration creates: the login key, the name, and a unit's profile with its
/// contact's resident ID.
struct NewAccount {
    key: String,
    name: String,
    unit: Option<(UnitProfile, String)>,
}

/// Creates an account from checked `fields` with the code sent to `mobile`; a field that does
/// not pass burns a use of the newest register code, as a wrong code does.
async fn create_account(
    state: &AppState,
    fields: ApiResult<NewAccount>,
    mobile: &str,
    password: String,
    sms_code: String,
) -> ApiResult<Account> {
    let mobile = rules::mobile("mobile", mobile)?;
    let fields = fields.and_then(|f| {
        password::check_policy(&password, "password")?;
        Ok(f)
    });
    let new = match fields {
        Ok(fields) => fields,
        Err(e) => {
            state
                .db
                .write(move |tx| codes::failed_use_of_newest(tx, &mobile, Purpose::Register))
                .await?;
            return Err(e);
        }
    };
    let hash = hash_password(state, password).await?;
    let now = state.clock.now();
    let id = state
        .db
        .write(move |tx| {
            let code = match codes::check(tx, &mobile, Purpose::Register, &sms_code, now)? {
                Ok(code) => code,
                Err(e) => return Ok(Err(e)),
            };
            if store::accounts::exists(tx, &new.key)? {
                codes::failed_use(tx, code)?;
                let (field, zh, en) = match new.unit {
                    None => (
                        "resident_id",
                        "该身份证号已注册",
                        "an account with this resident ID already exists",
                    ),
                    Some(_) => (
                        "credit_code",
                        "该统一社会信用代码已注册单位账户",
                        "a unit account with this credit code already exists",
                    ),
                };
                return Ok(Err(ApiError::new(
                    StatusCode::CONFLICT,
                    ErrorCode::AccountExists,
                    zh,
                    en,
                )
                .with_field(field)));
            }
            let id = store::accounts::insert(tx, &new.key, &new.name, &mobile, &hash, ms(now))?;
            if let Some((unit, contact)) = &new.unit {
                store::accounts::insert_unit(tx, id, unit, contact)?;
            }
            codes::spend(tx, code)?;
            Ok(Ok(id))
        })
        .await??;
    tracing::info!(account_id = id, "account registered");
    state.db.read(move |c| store::accounts::load(c, id)).await
}

fn invalid_credentials() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidCredentials,
        "身份证号或密码错误",
        "wrong resident ID or password",
    )
}

/// 400 `sms_code_invalid`, the one answer of a login to any code that does not pass.
fn login_code_refused() -> ApiError {
    ApiError::invalid(
        "sms_code",
        "验证码错误或已失效，请重新获取",
        "wrong or expired verification code: request a new one",
    )
    .with_code(ErrorCode::SmsCodeInvalid)
}

fn account_locked(until: DateTime<Utc>, now: DateTime<Utc>) -> ApiError {
    ApiError::new(
        StatusCode::LOCKED,
        ErrorCode::AccountLocked,
        "密码错误次数过多，账号已暂时锁定",
        "too many wrong passwords: the account is locked for a while",
    )
    .with_until(until)
    .with_retry_after((until - now).num_seconds().max(1) as u64)
}

/// `POST /v1/sessions`: logs in with resident ID, password and SMS code; ends other sessions.
///
/// The SMS code is checked first, so without the owner's phone nothing else is learnt or
/// counted: no password oracle, and no lockout a stranger can trigger. Every answer costs one
/// argon2 verification (against a dummy hash for an unknown ID or a wrong code), so an unknown
/// ID answers like a registered one, in status and in time. A wrong password counts against
/// the code and towards the lockout; [`MAX_FAILED_LOGINS`] lock the account for
/// [`LOCKOUT_MINUTES`] (423 with `Retry-After`).
pub async fn login(state: &AppState, peer: IpAddr, body: Login) -> ApiResult<api::Session> {
    state.throttles.login(peer)?;
    let resident_id = rules::login_key(
        body.resident_id.as_deref(),
        body.credit_code.as_deref(),
        today(state),
    )?;
    let row = state
        .db
        .read(move |c| store::accounts::login_row(c, &resident_id))
        .await?;
    let now = state.clock.now();
    // Whatever is wrong with the code (none sent, wrong, used, expired, burnt) answers the same,
    // as an unknown ID has none of those states.
    let code = match &row {
        Some((_, mobile, _, _)) => {
            let (mobile, given) = (mobile.clone(), body.sms_code.clone());
            state
                .db
                .write(move |tx| codes::check(tx, &mobile, Purpose::Login, &given, now))
                .await?
                .map_err(|_| login_code_refused())
        }
        None => Err(login_code_refused()),
    };
    let stored = match (&row, &code) {
        (Some((_, _, stored, _)), Ok(_)) => stored.clone(),
        _ => password::dummy(state.config.password_cost)?.to_owned(),
    };
    let given = body.password;
    let matches = tokio::task::spawn_blocking(move || password::verify(&given, &stored)).await?;
    let code = code?;
    let Some((id, _, _, locked_until)) = row else {
        return Err(login_code_refused());
    };
    if let Some(until) = locked_until.map(from_ms).filter(|until| *until > now) {
        state
            .db
            .write(move |tx| codes::failed_use(tx, code))
            .await?;
        return Err(account_locked(until, now));
    }
    if !matches {
        let until = now + Duration::minutes(LOCKOUT_MINUTES);
        let locked = state
            .db
            .write(move |tx| {
                codes::failed_use(tx, code)?;
                let failed = store::accounts::count_failed_login(tx, id)?;
                if failed >= MAX_FAILED_LOGINS {
                    store::accounts::lock(tx, id, ms(until))?;
                }
                Ok(failed >= MAX_FAILED_LOGINS)
            })
            .await?;
        if locked {
            tracing::info!(account_id = id, "account locked after wrong passwords");
        }
        return Err(if locked {
            account_locked(until, now)
        } else {
            invalid_credentials()
        });
    }
    let hours = state.config.session_hours;
    let session = state
        .db
        .write(move |tx| {
            codes::spend(tx, code)?;
            store::accounts::clear_failures(tx, id)?;
            session::create(tx, id, now, hours)
        })
        .await?;
    state.caches.sessions_changed(id);
    let account = state.db.read(move |c| store::accounts::load(c, id)).await?;
    Ok(api::Session {
        token: session.token,
        expires_at: at(ms(session.expires_at)),
        account,
    })
}

/// Ends the session whose token hashes to `token_hash`.
pub async fn logout(state: &AppState, account_id: i64, token_hash: String) -> ApiResult<()> {
    state
        .db
        .write(move |tx| session::end(tx, &token_hash))
        .await?;
    state.caches.sessions_changed(account_id);
    Ok(())
}

/// The account `id`.
pub async fn account(state: &AppState, id: i64) -> ApiResult<Account> {
    state.db.read(move |c| store::accounts::load(c, id)).await
}

/// `POST /v1/password-resets`: sets a new password; ends every session and lifts a lockout.
pub async fn reset_password(state: &AppState, body: PasswordReset) -> ApiResult<()> {
    let resident_id = rules::login_key(
        body.resident_id.as_deref(),
        body.credit_code.as_deref(),
        today(state),
    )?;
    let mobile = rules::mobile("mobile", &body.mobile)?;
    password::check_policy(&body.new_password, "new_password")?;
    let hash = hash_password(state, body.new_password).await?;
    let now = state.clock.now();
    let account = state
        .db
        .write(move |tx| {
            let code = match codes::check(tx, &mobile, Purpose::ResetPassword, &body.sms_code, now)?
            {
                Ok(code) => code,
                Err(e) => return Ok(Err(e)),
            };
            let id = match store::accounts::mobile_of(tx, &resident_id)? {
                Some((id, registered)) if registered == mobile => id,
                _ => {
                    codes::failed_use(tx, code)?;
                    return Ok(Err(ApiError::invalid(
                        "mobile",
                        "身份证号（或信用代码）与手机号不匹配",
                        "the resident ID (or credit code) and mobile do not match an account",
                    )));
                }
            };
            codes::spend(tx, code)?;
            store::accounts::set_password(tx, id, &hash)?;
            session::end_all(tx, id)?;
            Ok(Ok(id))
        })
        .await??;
    state.caches.sessions_changed(account);
    Ok(())
}

/// `POST /v1/me/mobile/codes`: sends one code to the current number and one to the new number.
pub async fn request_mobile_change_codes(
    state: &AppState,
    peer: IpAddr,
    session: Session,
    body: MobileCodes,
) -> ApiResult<CodeSent> {
    state.throttles.sms(peer)?;
    let new_mobile = rules::mobile("new_mobile", &body.new_mobile)?;
    let id = session.account_id;
    let old = state
        .db
        .read(move |c| store::accounts::load(c, id))
        .await?
        .mobile;
    if old == new_mobile {
        return Err(ApiError::invalid(
            "new_mobile",
            "新手机号与原手机号相同",
            "the new number is the current one",
        ));
    }
    send_codes(
        state,
        vec![
            (old, Purpose::ChangeMobileOld),
            (new_mobile, Purpose::ChangeMobileNew),
        ],
    )
    .await?;
    Ok(code_sent())
}

/// `PUT /v1/me/mobile`: changes the number once both codes are confirmed.
pub async fn change_mobile(
    state: &AppState,
    session: Session,
    body: MobileChange,
) -> ApiResult<Account> {
    let new_mobile = rules::mobile("new_mobile", &body.new_mobile)?;
    let id = session.account_id;
    let now = state.clock.now();
    state
        .db
        .write(move |tx| {
            let old = store::accounts::load(tx, id)?.mobile;
            let old_check = codes::verify(tx, &old, Purpose::ChangeMobileOld, &body.old_code, now)?;
            if let Err(e) = old_check {
                return Ok(Err(e.with_field("old_code")));
            }
            let new_check = codes::verify(
                tx,
                &new_mobile,
                Purpose::ChangeMobileNew,
                &body.new_code,
                now,
            )?;
            if let Err(e) = new_check {
                return Ok(Err(e.with_field("new_code")));
            }
            store::accounts::set_mobile(tx, id, &new_mobile)?;
            Ok(Ok(()))
        })
        .await??;
    state.db.read(move |c| store::accounts::load(c, id)).await
}
