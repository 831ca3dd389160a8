//! Applications: the three kinds, their forms, the preview (every core check at once), the
//! 13-digit application code, and the stored view an applicant reads.

use axum::http::StatusCode;
use chrono::Datelike;
use rusqlite::{Connection, Transaction};
use yaohao_core::api::{Document, FormUpdate, NewApplication, QueueRank};
use yaohao_core::points::{self, Relation};
use yaohao_core::validate::{self, Validation};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::random;
use crate::services::documents::{self, DocumentKind, DocumentStore};
use crate::state::AppState;
use crate::store;
use crate::time::ms;

use yaohao_core::forms::{ApplicationForm, ApplicationKind, FamilyForm};

pub use yaohao_core::api::{Application, ApplicationStatus, FieldCheck, Preview};

/// Materials every application needs.
pub const REQUIRED_DOCUMENTS: [DocumentKind; 3] = [
    DocumentKind::IdCardFront,
    DocumentKind::IdCardBack,
    DocumentKind::DrivingLicence,
];

fn check(field: impl Into<String>, validation: Validation) -> FieldCheck {
    FieldCheck::new(field, validation)
}

/// The core family model of a family form.
pub fn family_model(family: &FamilyForm) -> points::Family {
    let mut members = vec![points::Member {
        relation: Relation::Main,
        ladder_steps: family.main_ladder_steps,
        nev_queue_full_years: family.main_nev_queue_full_years,
    }];
    members.extend(family.members.iter().map(|m| points::Member {
        relation: m.relation,
        ladder_steps: m.ladder_steps,
        nev_queue_full_years: m.nev_queue_full_years,
    }));
    points::Family {
        generations: family.generations,
        family_full_years: 0,
        members,
    }
}

/// Runs every core check on a form.
pub fn preview(
    kind: ApplicationKind,
    form: &ApplicationForm,
    resident_id: &str,
    uploaded: &[DocumentKind],
) -> Preview {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut checks = vec![
        check(
            "licence_file",
            validate::licence_file(&text(&form.licence_file), Some(resident_id)),
        ),
        check("address", validate::address(&text(&form.address))),
    ];
    let (mut points, mut family_problem) = (None, None);
    if kind == ApplicationKind::Family {
        let family = form.family.clone().unwrap_or_default();
        for (i, m) in family.members.iter().enumerate() {
            checks.push(check(
                format!("family.members[{i}].resident_id"),
                validate::resident_id(&m.resident_id),
            ));
            checks.push(check(
                format!("family.members[{i}].name"),
                validate::name(&m.name),
            ));
        }
        match points::family_points(&family_model(&family)) {
            Ok(p) => points = Some(p),
            Err(reason) => family_problem = Some(reason),
        }
    }
    let missing_documents: Vec<DocumentKind> = REQUIRED_DOCUMENTS
        .into_iter()
        .filter(|k| !uploaded.contains(k))
        .collect();
    let ready =
        checks.iter().all(|c| c.valid) && missing_documents.is_empty() && family_problem.is_none();
    Preview {
        ready,
        checks,
        missing_documents,
        points,
        family_problem,
    }
}

/// The error a submission gets when the preview is not ready: the first problem, by field.
pub fn not_ready(preview: &Preview) -> ApiError {
    if let Some(c) = preview.checks.iter().find(|c| !c.valid) {
        let zh: String = c.errors.iter().map(|r| r.message_zh.as_str()).collect();
        let en: Vec<&str> = c.errors.iter().map(|r| r.message_en.as_str()).collect();
        return ApiError::invalid(&c.field, zh, en.join(" "));
    }
    if let Some(reason) = &preview.family_problem {
        return ApiError::invalid(
            "family",
            reason.message_zh.clone(),
            reason.message_en.clone(),
        );
    }
    let names: Vec<&str> = preview
        .missing_documents
        .iter()
        .map(|k| k.as_str())
        .collect();
    ApiError::invalid(
        "documents",
        format!("请上传以下材料：{}", names.join("、")),
        format!("upload these materials: {}", names.join(", ")),
    )
    .with_code(ErrorCode::MissingDocuments)
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

/// Whether the application may still be edited (draft, or rejected and being fixed).
pub fn editable(status: &ApplicationStatus) -> bool {
    matches!(
        status,
        ApplicationStatus::Draft | ApplicationStatus::Rejected
    )
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
    if form.family.is_some() != (kind == ApplicationKind::Family) {
        return Err(ApiError::invalid(
            "form.family",
            "只有家庭申请填写家庭信息",
            "only family applications have a family section",
        ));
    }
    Ok(())
}

/// Loads application `id` of `account` and refuses unless it may still be edited.
fn editable_owned(conn: &Connection, id: i64, account: i64) -> ApiResult<Application> {
    let current = store::applications::load_owned(conn, id, account)?;
    if !editable(&current.status) {
        return Err(not_editable());
    }
    Ok(current)
}

/// A new draft of `account`.
pub async fn create(
    state: &AppState,
    account: i64,
    body: NewApplication,
) -> ApiResult<Application> {
    check_text(&body.form)?;
    family_section(body.kind, &body.form)?;
    let now = ms(state.clock.now());
    let view = state
        .db
        .write(move |tx| {
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
    state
        .db
        .write(move |tx| {
            let current = editable_owned(tx, id, account)?;
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
    let now = ms(state.clock.now());
    let code_seed = state.config.code_seed;
    let view = state
        .db
        .write(move |tx| {
            let (view, preview) = build_preview(tx, id, account)?;
            if !editable(&view.status) {
                return Err(not_editable());
            }
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
    state
        .db
        .read(move |c| editable_owned(c, id, account).map(drop))
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
    let now = ms(state.clock.now());
    let size = bytes.len() as i64;
    state
        .db
        .write(move |tx| {
            editable_owned(tx, id, account)?;
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
    state
        .db
        .write(move |tx| {
            editable_owned(tx, id, account)?;
            if !store::documents::delete(tx, id, kind)? {
                return Err(ApiError::not_found());
            }
            Ok(())
        })
        .await
}

/// 继续参与: keeps approved application `id` in the pool through the yearly clean-up; only in
/// the policy's continuation month.
pub async fn continue_application(
    state: &AppState,
    account: i64,
    id: i64,
) -> ApiResult<Application> {
    let rule = &state.policy.rules.continuation;
    let now = state.clock.now();
    let today = yaohao_core::time::beijing_date(now);
    if !rule.enabled || today.month() != rule.params.month {
        return Err(ApiError::invalid_state(
            format!("只能在每年{}月确认继续参与", rule.params.month),
            format!(
                "continuation is only possible in month {} of each year",
                rule.params.month
            ),
        ));
    }
    let view = state
        .db
        .write(move |tx| {
            let current = store::applications::load_owned(tx, id, account)?;
            if current.status != ApplicationStatus::Approved {
                return Err(ApiError::invalid_state(
                    "只有有效的申请可以继续参与",
                    "only an active (approved) application can be continued",
                ));
            }
            store::applications::set_continued(tx, id, today, ms(now))?;
            store::applications::load_owned(tx, id, account)
        })
        .await?;
    tracing::info!(
        application_id = id,
        account_id = account,
        "application continued"
    );
    Ok(view)
}

/// Puts application `id`, removed by the clean-up, back into review with its code.
pub async fn reactivate(state: &AppState, account: i64, id: i64) -> ApiResult<Application> {
    let now = ms(state.clock.now());
    let view = state
        .db
        .write(move |tx| {
            let current = store::applications::load_owned(tx, id, account)?;
            if current.status != ApplicationStatus::Removed {
                return Err(ApiError::invalid_state(
                    "只有已被清理的申请可以重新激活",
                    "only an application removed by the clean-up can be reactivated",
                ));
            }
            store::applications::reopen(tx, id, now)?;
            store::applications::load_owned(tx, id, account)
        })
        .await?;
    tracing::info!(
        application_id = id,
        account_id = account,
        "application reactivated"
    );
    Ok(view)
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
