//! Applications: the three kinds, their forms, the preview (every core check at once), the
//! 13-digit application code, and the stored view an applicant reads.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};
use yaohao_core::actions::{self, Action, ActionKind};
use yaohao_core::api::{Document, FormUpdate, NewApplication, QueueRank};
use yaohao_core::i18n::Reason;
use yaohao_core::points;
use yaohao_core::policy::Policy;
use yaohao_core::preview::{family_model, first_problem, preview};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::random;
use crate::services::documents::{self, DocumentKind, DocumentStore};
use crate::state::AppState;
use crate::store;
use crate::time::ms;

use yaohao_core::forms::{ApplicationForm, ApplicationKind};

pub use yaohao_core::api::{Application, ApplicationStatus, Preview};

/// The error a submission gets when the preview is not ready: the first problem the core names,
/// with its field (`documents` answers `missing_documents`).
pub fn not_ready(preview: &Preview) -> ApiError {
    match first_problem(preview) {
        Some((field, reason)) if field == "documents" => {
            ApiError::invalid(&field, reason.message_zh, reason.message_en)
                .with_code(ErrorCode::MissingDocuments)
        }
        Some((field, reason)) => ApiError::invalid(&field, reason.message_zh, reason.message_en),
        None => ApiError::internal("a ready preview was refused"),
    }
}

/// The answer to an action the core refuses now: `409 invalid_state` with the core's reason.
pub fn refused(reason: &Reason) -> ApiError {
    ApiError::invalid_state(reason.message_zh.clone(), reason.message_en.clone())
}

/// Allows `kind` if the core offers it among `actions` and allows it now; refuses with the
/// core's reason when it is offered but not allowed, and with `not_offered` when it is not
/// offered at all (an action the application's status has no button for).
pub fn core_allows(
    actions: &[Action],
    kind: ActionKind,
    not_offered: impl FnOnce() -> ApiError,
) -> ApiResult<()> {
    match actions::find(actions, kind) {
        Some(action) if action.allowed => Ok(()),
        Some(action) => Err(action.refusal().map_or_else(not_offered, refused)),
        None => Err(not_offered()),
    }
}

/// The actions the core allows on `app` now (announced calendar dates included).
fn actions_on(
    conn: &Connection,
    state_policy: &Policy,
    app: &Application,
    now: DateTime<Utc>,
) -> ApiResult<Vec<Action>> {
    let announced = store::periods::announced_dates(conn)?;
    Ok(actions::application(app, state_policy, &announced, now))
}

/// The longest text a form field may hold when a draft is saved (the longest real address is a
/// fraction of it; the field checks at preview are stricter).
pub const MAX_FIELD_CHARS: usize = 200;
/// The most family members a draft may list.
pub const MAX_MEMBERS: usize = 20;

/// Whether `c` may not be stored in a form: control characters (NUL, ANSI escapes…) and the
/// bidirectional overrides and isolates that make text display in another order than it reads.
fn forbidden_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refuses, when a draft is saved, text no field can hold: control and bidirectional-override
/// characters, and absurd lengths (each with its field, `form.address`). The full checks run
/// at preview; these keep garbage out of the database and of every screen that shows drafts.
pub fn check_text(form: &ApplicationForm) -> ApiResult<()> {
    let members = form.family.as_ref().map_or(0, |f| f.members.len());
    if members > MAX_MEMBERS {
        return Err(ApiError::invalid(
            "form.family.members",
            format!("家庭成员不能超过 {MAX_MEMBERS} 人"),
            format!("a family lists at most {MAX_MEMBERS} members"),
        ));
    }
    let value = serde_json::to_value(form).map_err(ApiError::internal)?;
    check_strings(&value, "form")
}

fn check_strings(value: &serde_json::Value, path: &str) -> ApiResult<()> {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            if text.chars().any(forbidden_char) {
                return Err(ApiError::invalid(
                    path,
                    "含有不允许的控制字符，请删除后重新输入",
                    "contains control or text-direction characters: remove them and type it again",
                ));
            }
            if text.chars().count() > MAX_FIELD_CHARS {
                return Err(ApiError::invalid(
                    path,
                    format!("内容过长（最多 {MAX_FIELD_CHARS} 个字符）"),
                    format!("too long (at most {MAX_FIELD_CHARS} characters)"),
                ));
            }
            Ok(())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| check_strings(item, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(key, item)| check_strings(item, &format!("{path}.{key}"))),
        _ => Ok(()),
    }
}

/// Issues a new application code: 4 random digits then a 9-digit serial rising with submissions
/// (the digits derived from `seed` when the portal is configured with one).
pub fn issue_code(tx: &Transaction<'_>, seed: Option<u64>) -> ApiResult<String> {
    let first = store::applications::reserve_serials(tx, 1)?;
    code_for(first, seed)
}

/// The application code of `serial`: 4 digits and the 9-digit serial. The digits are OS
/// randomness, or, given a `seed`, a mix of the seed and the serial (reproducible runs: the demo's
/// `--seed`, tests).
pub fn code_for(serial: i64, seed: Option<u64>) -> ApiResult<String> {
    let prefix = match seed {
        None => random::digits(4)?,
        Some(seed) => format!("{:04}", random::mix(seed, serial as u64) % 10_000),
    };
    let code = format!("{prefix}{serial:09}");
    if code.len() != 13 {
        return Err(ApiError::internal("application serial overflowed 9 digits"));
    }
    Ok(code)
}

/// The refusal of a change to an application that is no longer editable.
pub fn not_editable() -> ApiError {
    ApiError::invalid_state(
        "申请已提交，当前状态下不能修改",
        "the application has been submitted and cannot be changed in its current state",
    )
}

fn family_section(kind: ApplicationKind, form: &ApplicationForm) -> ApiResult<()> {
    if form.family.is_some() != kind.is_family() {
        return Err(ApiError::invalid(
            "form.family",
            "只有家庭申请填写家庭信息",
            "only family applications have a family section",
        ));
    }
    Ok(())
}

/// Loads application `id` of `account` and refuses unless the core allows editing it now.
fn editable_owned(
    conn: &Connection,
    policy: &Policy,
    id: i64,
    account: i64,
    now: DateTime<Utc>,
) -> ApiResult<Application> {
    let current = store::applications::load_owned(conn, id, account)?;
    core_allows(
        &actions_on(conn, policy, &current, now)?,
        ActionKind::Edit,
        not_editable,
    )?;
    Ok(current)
}

/// A new draft of `account`.
pub async fn create(
    state: &AppState,
    account: i64,
    body: NewApplication,
) -> ApiResult<Application> {
    check_text(&body.form)?;
    let refused = |r: Reason| ApiError::invalid("kind", r.message_zh, r.message_en);
    state.policy.offers(body.kind).map_err(refused)?;
    family_section(body.kind, &body.form)?;
    let now = ms(state.clock.now());
    let view = state
        .db
        .write(move |tx| {
            body.kind
                .fits_account(store::accounts::is_unit(tx, account)?)
                .map_err(refused)?;
            let id = store::applications::insert_draft(tx, account, body.kind, &body.form, now)?;
            store::applications::load_owned(tx, id, account)
        })
        .await?;
    tracing::info!(
        application_id = view.id,
        account_id = account,
        "draft created"
    );
    Ok(view)
}

/// Every application of `account`, newest first.
pub async fn list(state: &AppState, account: i64) -> ApiResult<Vec<Application>> {
    state
        .db
        .read(move |c| store::applications::list_owned(c, account))
        .await
}

/// Application `id` of `account`.
pub async fn read(state: &AppState, account: i64, id: i64) -> ApiResult<Application> {
    state
        .db
        .read(move |c| store::applications::load_owned(c, id, account))
        .await
}

/// Saves the form of a draft (or of a rejected application).
pub async fn update(
    state: &AppState,
    account: i64,
    id: i64,
    body: FormUpdate,
) -> ApiResult<Application> {
    check_text(&body.form)?;
    let now = state.clock.now();
    let policy = state.policy;
    state
        .db
        .write(move |tx| {
            let current = editable_owned(tx, policy, id, account, now)?;
            family_section(current.kind, &body.form)?;
            store::applications::save_form(tx, id, &body.form, now)?;
            store::applications::load_owned(tx, id, account)
        })
        .await
}

/// Discards a draft that was never submitted.
pub async fn remove(state: &AppState, account: i64, id: i64) -> ApiResult<()> {
    state
        .db
        .write(move |tx| {
            let current = store::applications::load_owned(tx, id, account)?;
            if current.status != ApplicationStatus::Draft || current.code.is_some() {
                return Err(not_editable());
            }
            store::applications::delete(tx, id)
        })
        .await
}

fn build_preview(conn: &Connection, id: i64, account: i64) -> ApiResult<(Application, Preview)> {
    let view = store::applications::load_owned(conn, id, account)?;
    let resident_id = store::accounts::load(conn, account)?.resident_id;
    let uploaded = store::documents::uploaded_kinds(conn, id)?;
    let preview = preview(view.kind, &view.form, &resident_id, &uploaded);
    Ok((view, preview))
}

/// Every check a submission of application `id` would run.
pub async fn preview_of(state: &AppState, account: i64, id: i64) -> ApiResult<Preview> {
    Ok(state
        .db
        .read(move |c| build_preview(c, id, account))
        .await?
        .1)
}

/// Runs the core checks and issues the application code (a resubmission after rejection keeps
/// its code).
pub async fn submit(state: &AppState, account: i64, id: i64) -> ApiResult<Application> {
    let at = state.clock.now();
    let now = ms(at);
    let code_seed = state.config.code_seed;
    let policy = state.policy;
    let view = state
        .db
        .write(move |tx| {
            let (view, preview) = build_preview(tx, id, account)?;
            let offered = actions_on(tx, policy, &view, at)?;
            let kind = if view.status == ApplicationStatus::Rejected {
                ActionKind::Resubmit
            } else {
                ActionKind::Submit
            };
            core_allows(&offered, kind, not_editable)?;
            if !preview.ready {
                return Err(not_ready(&preview));
            }
            if let Some(code) = store::applications::other_active_code(tx, account, id)? {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    ErrorCode::AlreadyApplied,
                    format!("您已有有效申请（申请编码 {code}），不能重复申请"),
                    format!("you already have an active application (code {code})"),
                ));
            }
            let code = match view.code {
                Some(code) => code,
                None => issue_code(tx, code_seed)?,
            };
            store::applications::mark_submitted(tx, id, &code, now)?;
            store::applications::load_owned(tx, id, account)
        })
        .await?;
    tracing::info!(
        application_id = id,
        account_id = account,
        status = view.status.as_str(),
        "application submitted"
    );
    Ok(view)
}

/// The materials of application `id`.
pub async fn list_documents(state: &AppState, account: i64, id: i64) -> ApiResult<Vec<Document>> {
    state
        .db
        .read(move |c| {
            store::applications::load_owned(c, id, account)?;
            store::documents::list(c, id)
        })
        .await
}

/// Refuses an upload to application `id` before its body is read, unless it may be edited.
pub async fn check_editable(state: &AppState, account: i64, id: i64) -> ApiResult<()> {
    let (policy, now) = (state.policy, state.clock.now());
    state
        .db
        .read(move |c| editable_owned(c, policy, id, account, now).map(drop))
        .await
}

/// Checks and stores an uploaded material, replacing the one of the same kind.
pub async fn upload(
    state: &AppState,
    account: i64,
    id: i64,
    kind: DocumentKind,
    bytes: Vec<u8>,
) -> ApiResult<Document> {
    let checked = bytes.clone();
    let limits = state.config.limits.clone();
    let image =
        tokio::task::spawn_blocking(move || documents::check_image(kind, &checked, &limits))
            .await??;
    let store = DocumentStore::new(&state.config.data);
    let sha256 = store.put(&bytes).await?;
    let at = state.clock.now();
    let now = ms(at);
    let policy = state.policy;
    let size = bytes.len() as i64;
    state
        .db
        .write(move |tx| {
            let application = editable_owned(tx, policy, id, account, at)?;
            if !yaohao_core::preview::holds(application.kind, kind) {
                return Err(ApiError::invalid(
                    "kind",
                    format!("这类申请不收此材料（{}）", kind.as_str()),
                    format!(
                        "a {} application does not take this material ({})",
                        application.kind.as_str(),
                        kind.as_str()
                    ),
                ));
            }
            store::documents::upsert(tx, id, kind, &sha256, image.media_type(), size, now)?;
            store::applications::touch(tx, id, now)?;
            store::documents::list(tx, id)?
                .into_iter()
                .find(|d| d.kind == kind)
                .ok_or_else(|| ApiError::internal("stored document vanished"))
        })
        .await
}

/// A stored material: its record and bytes.
pub async fn download(
    state: &AppState,
    account: i64,
    id: i64,
    kind: DocumentKind,
) -> ApiResult<(Document, Vec<u8>)> {
    let doc = state
        .db
        .read(move |c| {
            store::applications::load_owned(c, id, account)?;
            store::documents::list(c, id)?
                .into_iter()
                .find(|d| d.kind == kind)
                .ok_or_else(ApiError::not_found)
        })
        .await?;
    let bytes = DocumentStore::new(&state.config.data)
        .get(&doc.sha256)
        .await?;
    Ok((doc, bytes))
}

/// Deletes a material of an editable application.
pub async fn delete_document(
    state: &AppState,
    account: i64,
    id: i64,
    kind: DocumentKind,
) -> ApiResult<()> {
    let (policy, now) = (state.policy, state.clock.now());
    state
        .db
        .write(move |tx| {
            editable_owned(tx, policy, id, account, now)?;
            if !store::documents::delete(tx, id, kind)? {
                return Err(ApiError::not_found());
            }
            Ok(())
        })
        .await
}

/// Does `kind` on application `id` of `account` when the core offers and allows it now
/// (`not_offered` is the refusal when the core has no such button for the application); `apply`
/// changes the row in the same transaction, at the instant it is given, and may refuse further.
/// The application as it then is.
async fn act(
    state: &AppState,
    account: i64,
    id: i64,
    kind: ActionKind,
    not_offered: impl FnOnce(&Application, &Policy) -> ApiError + Send + 'static,
    apply: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> ApiResult<()> + Send + 'static,
) -> ApiResult<Application> {
    let policy = state.policy;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |tx| {
            let current = store::applications::load_owned(tx, id, account)?;
            let offered = actions_on(tx, policy, &current, now)?;
            core_allows(&offered, kind, || not_offered(&current, policy))?;
            apply(tx, now)?;
            store::applications::load_owned(tx, id, account)
        })
        .await?;
    tracing::info!(application_id = id, account_id = account, action = ?kind, "application action");
    Ok(view)
}

/// 继续参与: keeps approved application `id` in the pool through the yearly clean-up, when the
/// core allows it (the policy's continuation month, not yet continued this year).
pub async fn continue_application(
    state: &AppState,
    account: i64,
    id: i64,
) -> ApiResult<Application> {
    let not_offered = |current: &Application, policy: &Policy| {
        if current.status == ApplicationStatus::Approved {
            outside_continuation(policy)
        } else {
            ApiError::invalid_state(
                "只有有效的申请可以继续参与",
                "only an active (approved) application can be continued",
            )
        }
    };
    act(
        state,
        account,
        id,
        ActionKind::Continue,
        not_offered,
        move |tx, now| {
            let today = yaohao_core::time::beijing_date(now);
            store::applications::set_continued(tx, id, today, ms(now))
        },
    )
    .await
}

/// The refusal of a continuation where the policy has no continuation month open.
fn outside_continuation(policy: &Policy) -> ApiError {
    let month = policy.rules.continuation.params.month;
    ApiError::invalid_state(
        format!("只能在每年{month}月确认继续参与"),
        format!("continuation is only possible in month {month} of each year"),
    )
}

/// Puts application `id`, removed by the clean-up, back into review with its code, when the core
/// allows it.
pub async fn reactivate(state: &AppState, account: i64, id: i64) -> ApiResult<Application> {
    let not_offered = |_: &Application, _: &Policy| {
        ApiError::invalid_state(
            "只有已被清理的申请可以重新激活",
            "only an application removed by the clean-up can be reactivated",
        )
    };
    act(
        state,
        account,
        id,
        ActionKind::Reactivate,
        not_offered,
        move |tx, now| store::applications::reopen(tx, id, ms(now)),
    )
    .await
}

/// Withdraws application `id` when the core allows it (submitted, outside the span from a cut-off
/// to its draw) and it is in no frozen pool: it joins no further draw, its history stays.
pub async fn withdraw(state: &AppState, account: i64, id: i64) -> ApiResult<Application> {
    let not_offered = |_: &Application, _: &Policy| {
        ApiError::invalid_state(
            "只有已提交、尚未中签的申请可以撤回",
            "only a submitted application that has not won can be withdrawn",
        )
    };
    act(
        state,
        account,
        id,
        ActionKind::Withdraw,
        not_offered,
        move |tx, now| {
            if store::applications::in_frozen_pool(tx, id)? {
                return Err(ApiError::invalid_state(
                    "本期摇号池已封存，摇号后可以撤回",
                    "the pool of the coming draw is frozen; withdraw after the draw",
                ));
            }
            store::applications::withdraw(tx, id, ms(now))
        },
    )
    .await
}

/// NEV queue rank (individuals by queue time) or family points rank (points, ties by the
/// earliest registration) of `account`'s approved applications.
pub async fn queue_rank(state: &AppState, account: i64) -> ApiResult<Vec<QueueRank>> {
    let queued = state.db.read(store::applications::queued).await?;
    let mut nev = Vec::new();
    let mut families = Vec::new();
    for q in queued {
        if q.kind == ApplicationKind::Family {
            let total = q
                .form
                .family
                .as_ref()
                .and_then(|f| points::family_points(&family_model(f)).ok())
                .map_or(0, |p| p.total);
            families.push((q.id, q.owner, total, q.registered_ms));
        } else {
            nev.push((q.id, q.owner, q.submitted_ms));
        }
    }
    nev.sort_by_key(|&(id, _, submitted)| (submitted, id));
    families
        .sort_by_key(|&(id, _, points, registered)| (std::cmp::Reverse(points), registered, id));
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
}
