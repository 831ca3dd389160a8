//! Applications: the three kinds, their forms, the preview (every core check at once), the
//! 13-digit application code, and the stored view an applicant reads.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use yaohao_core::points::{self, Relation};
use yaohao_core::validate::{self, Validation};

use crate::documents::DocumentKind;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::random;
use crate::time::{at, ms};

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

/// Columns [`from_row`] reads, in order.
/// The draw count is derived from the published pools ([`crate::periods::DRAWS_SQL`]).
pub static COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "id, kind, status, code, form, rejection_reasons, {}, submitted_at, reviewed_at, \
         created_at, updated_at, account_id, continued_on",
        *crate::periods::DRAWS_SQL
    )
});

/// Builds an application from a row selected with [`COLUMNS`], with its account.
pub fn from_row(r: &Row<'_>) -> rusqlite::Result<(Application, i64)> {
    let kind: String = r.get(1)?;
    let form: String = r.get(4)?;
    let reasons: Option<String> = r.get(5)?;
    let continued_on: Option<String> = r.get(12)?;
    Ok((
        Application {
            id: r.get(0)?,
            kind: ApplicationKind::parse(&kind).unwrap_or(ApplicationKind::IndividualOrdinary),
            status: ApplicationStatus::from(r.get::<_, String>(2)?),
            code: r.get(3)?,
            form: serde_json::from_str(&form).unwrap_or_default(),
            rejection_reasons: reasons
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default(),
            draw_count: r.get(6)?,
            submitted_at: r.get::<_, Option<i64>>(7)?.map(at),
            reviewed_at: r.get::<_, Option<i64>>(8)?.map(at),
            created_at: at(r.get(9)?),
            updated_at: at(r.get(10)?),
            continued_on: continued_on.and_then(|d| d.parse().ok()),
        },
        r.get(11)?,
    ))
}

/// Loads application `id` if it belongs to `account_id` (else `not_found`: other accounts'
/// applications do not exist for this one).
pub fn load_owned(conn: &Connection, id: i64, account_id: i64) -> ApiResult<Application> {
    conn.query_row(
        &format!(
            "SELECT {} FROM applications WHERE id = ?1 AND account_id = ?2",
            *COLUMNS
        ),
        params![id, account_id],
        from_row,
    )
    .optional()?
    .map(|(view, _)| view)
    .ok_or_else(ApiError::not_found)
}

/// Every application of `account_id`, newest first.
pub fn list_owned(conn: &Connection, account_id: i64) -> ApiResult<Vec<Application>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM applications WHERE account_id = ?1 ORDER BY id DESC",
        *COLUMNS
    ))?;
    let rows = stmt.query_map([account_id], from_row)?;
    Ok(rows
        .map(|r| r.map(|(view, _)| view))
        .collect::<Result<Vec<_>, _>>()?)
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
    let first = reserve_serials(tx, 1)?;
    code_for(first, seed)
}

/// Reserves `count` consecutive serials (≥ 1); returns the first.
pub fn reserve_serials(tx: &Transaction<'_>, count: u32) -> ApiResult<i64> {
    let last: i64 = tx.query_row(
        "INSERT INTO counters (name, value) VALUES ('application_serial', ?1)
         ON CONFLICT(name) DO UPDATE SET value = value + ?1 RETURNING value",
        [count.max(1)],
        |r| r.get(0),
    )?;
    Ok(last - i64::from(count.max(1)) + 1)
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

/// Materials uploaded for an application.
pub fn uploaded_kinds(conn: &Connection, id: i64) -> ApiResult<Vec<DocumentKind>> {
    let mut stmt = conn.prepare("SELECT kind FROM documents WHERE application_id = ?1")?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut kinds = Vec::new();
    for row in rows {
        kinds.extend(crate::documents::application_material(&row?));
    }
    Ok(kinds)
}

/// Stores a form on an editable application.
pub fn save_form(
    tx: &Transaction<'_>,
    id: i64,
    form: &ApplicationForm,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let text = serde_json::to_string(form).map_err(ApiError::internal)?;
    tx.execute(
        "UPDATE applications SET form = ?1, updated_at = ?2 WHERE id = ?3",
        params![text, ms(now), id],
    )?;
    Ok(())
}
