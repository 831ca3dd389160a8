//! Review of submitted applications against the registry: the core decides eligibility from the
//! registry's facts; the review adds the registry cross-checks (the licence file number on the
//! form must be the registry's). Under review → approved, or rejected with every reason.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, Transaction};
use yaohao_core::eligibility::{self, FamilyFacts, MemberFacts};
use yaohao_core::i18n::Reason;

use crate::error::{ApiError, ApiResult};
use crate::registry::PersonRecords;
use crate::rules::UNIT_KEY;
use crate::store;
use crate::time::ms;
use yaohao_core::api::ApplicationStatus;
use yaohao_core::forms::{ApplicationForm, ApplicationKind};
use yaohao_core::policy::Policy;

pub use yaohao_core::api::ReviewSummary;

/// Every reason an application fails review on `today` under `policy`.
pub fn reasons(
    conn: &Connection,
    policy: &Policy,
    kind: ApplicationKind,
    form: &ApplicationForm,
    resident_id: &str,
    today: NaiveDate,
) -> ApiResult<Vec<Reason>> {
    if kind.is_unit() {
        return unit_reasons(conn, policy, resident_id, today);
    }
    let person = match yaohao_core::validate::parse_resident_id(resident_id, today) {
        Ok(person) => person,
        Err((_, errors)) => return Ok(errors),
    };
    let records = PersonRecords::load(conn, resident_id)?;
    let facts = records.facts(
        person.birth_date,
        store::quotas::holds_valid_quota(conn, resident_id)?,
    );
    let mut failures = match (kind, &form.family) {
        (kind, Some(family)) if kind.is_family() => {
            let mut members = Vec::new();
            for m in &family.members {
                let theirs = PersonRecords::load(conn, &m.resident_id)?;
                members.push(MemberFacts {
                    relation: m.relation,
                    owns_beijing_car: theirs.owns_car(),
                    spouse_owns_beijing_car: false,
                    in_other_application: store::applications::person_in_active(
                        conn,
                        &m.resident_id,
                    )?,
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

/// Every reason a unit's application fails: the core's unit conditions under the policy's
/// thresholds, from the registry's records of the unit (`key` is its login key).
fn unit_reasons(
    conn: &Connection,
    policy: &Policy,
    key: &str,
    today: NaiveDate,
) -> ApiResult<Vec<Reason>> {
    let rule = &policy.rules.unit_eligibility;
    if !rule.enabled {
        return Ok(Vec::new());
    }
    let credit_code = key.strip_prefix(UNIT_KEY).unwrap_or(key);
    let year_start = today.with_ordinal(1).map_or(0, |d| {
        ms(yaohao_core::time::beijing_instant(
            d,
            chrono::NaiveTime::MIN,
        ))
    });
    let won = store::quotas::issued_since(conn, key, year_start)?;
    let facts = PersonRecords::load(conn, credit_code)?.unit_facts(won);
    Ok(eligibility::unit(&facts, &rule.params).failures)
}

/// Reviews every application under review.
pub fn review_all(
    tx: &Transaction<'_>,
    policy: &Policy,
    today: NaiveDate,
    now_ms: i64,
) -> ApiResult<ReviewSummary> {
    let pending = store::applications::under_review(tx)?;
    let mut summary = ReviewSummary::default();
    for (id, kind, form, resident_id) in pending {
        let failures = reasons(tx, policy, kind, &form, &resident_id, today)?;
        let (next, stored) = if failures.is_empty() {
            summary.approved += 1;
            (ApplicationStatus::Approved, None)
        } else {
            summary.rejected += 1;
            (
                ApplicationStatus::Rejected,
                Some(serde_json::to_string(&failures).map_err(ApiError::internal)?),
            )
        };
        store::applications::record_review(tx, id, next, stored.as_deref(), now_ms)?;
    }
    Ok(summary)
}
