//! Review of submitted applications against the registry: the core decides eligibility from the
//! registry's facts; the review adds the registry cross-checks (the licence file number on the
//! form must be the registry's). Under review → approved, or rejected with every reason.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};
use yaohao_core::eligibility::{self, FamilyFacts, MemberFacts};
use yaohao_core::i18n::Reason;

use crate::error::{ApiError, ApiResult};
use crate::registry::PersonRecords;
use yaohao_core::api::ApplicationStatus;
use yaohao_core::forms::{ApplicationForm, ApplicationKind};

pub use yaohao_core::api::ReviewSummary;

/// Whether `resident_id` takes part in an active application of its own account.
fn in_active_application(conn: &Connection, resident_id: &str) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM applications a JOIN accounts u ON u.id = a.account_id
         WHERE u.resident_id = ?1 AND a.status NOT IN (?2, ?3))",
        params![
            resident_id,
            ApplicationStatus::Draft.as_str(),
            ApplicationStatus::Removed.as_str()
        ],
        |r| r.get(0),
    )?)
}

/// Every reason an application fails review on `today`.
pub fn reasons(
    conn: &Connection,
    kind: ApplicationKind,
    form: &ApplicationForm,
    resident_id: &str,
    today: NaiveDate,
) -> ApiResult<Vec<Reason>> {
    let person = match yaohao_core::validate::parse_resident_id(resident_id, today) {
        Ok(person) => person,
        Err((_, errors)) => return Ok(errors),
    };
    let records = PersonRecords::load(conn, resident_id)?;
    let facts = records.facts(
        person.birth_date,
        crate::periods::holds_valid_quota(conn, resident_id)?,
    );
    let mut failures = match (kind, &form.family) {
        (ApplicationKind::Family, Some(family)) => {
            let mut members = Vec::new();
            for m in &family.members {
                let theirs = PersonRecords::load(conn, &m.resident_id)?;
                members.push(MemberFacts {
                    relation: m.relation,
                    owns_beijing_car: theirs.owns_car(),
                    spouse_owns_beijing_car: false,
                    in_other_application: in_active_application(conn, &m.resident_id)?,
                });
            }
            let facts = FamilyFacts {
                main: facts,
                members,
                won_within_ten_years: false,
            };
            eligibility::family(&facts, today).failures
        }
        _ => eligibility::individual(&facts, today).failures,
    };
    let entered = form.licence_file.as_deref().map(str::trim);
    if let (Some(registered), Some(entered)) = (records.licence_file(), entered)
        && registered != entered
    {
        failures.push(Reason::new(
            "licence_file_mismatch",
            "驾驶证档案编号与车管部门登记的不一致，请核对驾驶证副页。",
            "The licence file number differs from the traffic authority's record: check the \
             licence's second page.",
        ));
    }
    Ok(failures)
}

/// Reviews every application under review.
pub fn review_all(tx: &Transaction<'_>, today: NaiveDate, now_ms: i64) -> ApiResult<ReviewSummary> {
    let pending: Vec<(i64, String, String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT a.id, a.kind, a.form, u.resident_id FROM applications a
             JOIN accounts u ON u.id = a.account_id WHERE a.status = ?1 ORDER BY a.id",
        )?;
        let rows = stmt.query_map([ApplicationStatus::UnderReview.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let mut summary = ReviewSummary::default();
    for (id, kind, form, resident_id) in pending {
        let kind = ApplicationKind::parse(&kind).unwrap_or(ApplicationKind::IndividualOrdinary);
        let form: ApplicationForm = serde_json::from_str(&form).unwrap_or_default();
        let failures = reasons(tx, kind, &form, &resident_id, today)?;
        let (next, stored) = if failures.is_empty() {
            summary.approved += 1;
            (ApplicationStatus::Approved.as_str(), None)
        } else {
            summary.rejected += 1;
            (
                ApplicationStatus::Rejected.as_str(),
                Some(serde_json::to_string(&failures).map_err(ApiError::internal)?),
            )
        };
        tx.execute(
            "UPDATE applications SET status = ?1, rejection_reasons = ?2, reviewed_at = ?3,
             updated_at = ?3 WHERE id = ?4",
            params![next, stored, now_ms, id],
        )?;
    }
    Ok(summary)
}
