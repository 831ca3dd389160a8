//! Policy regimes as data: `core/data/policies/*.toml`, turned into JSON by the build script,
//! embedded, and parsed once.

mod model;

pub use model::{
    ApplicationWindow, Confidence, Cutoff, DayOfYear, DrawKind, DrawSchedule, FamilyShare, Freeze,
    Hours, Ladder, MonthOfYear, Months, NoParams, Policy, ResultTimes, Rule, Rules, UnitThresholds,
    WorkingDays,
};

use chrono::NaiveDate;
use std::sync::OnceLock;

/// The name of the default policy: the product spec's regime, which the portal runs unless told
/// otherwise. What applies on a given day is [`in_force`].
pub const DEFAULT_POLICY: &str = "bimonthly-2014";

/// The embedded policy files (their JSON form, named after the TOML source), oldest first.
const FILES: [(&str, &str); 3] = [
    (
        "monthly-2011.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies-monthly-2011.json")),
    ),
    (
        "bimonthly-2014.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies-bimonthly-2014.json")),
    ),
    (
        "annual-2021.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies-annual-2021.json")),
    ),
];

/// A policy file that does not parse or does not make sense.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PolicyDataError {
    /// The data does not match the policy schema.
    #[error("{file}: {reason}")]
    Parse {
        /// File name.
        file: String,
        /// Parser message, with line and column.
        reason: String,
    },
    /// A field has an impossible value.
    #[error("{file}: {field}: {reason}")]
    Invalid {
        /// File name.
        file: String,
        /// Field path.
        field: String,
        /// What is wrong.
        reason: String,
    },
}

/// Parses and checks one policy in its JSON form (what the build makes of a TOML file).
pub fn parse(file: &str, text: &str) -> Result<Policy, PolicyDataError> {
    let policy: Policy = serde_json::from_str(text).map_err(|e| PolicyDataError::Parse {
        file: file.to_owned(),
        reason: e.to_string(),
    })?;
    check(&policy).map_err(|(field, reason)| PolicyDataError::Invalid {
        file: file.to_owned(),
        field,
        reason,
    })?;
    Ok(policy)
}

/// Checks that every month/day in a policy names a real date (in a leap year, so 29 Feb passes).
fn check(p: &Policy) -> Result<(), (String, String)> {
    let day_ok = |m: u32, d: u32| NaiveDate::from_ymd_opt(2024, m, d).is_some();
    let bad = |field: String, what: String| Err((field, what));
    for (i, s) in p.draws.iter().enumerate() {
        if s.months.is_empty() {
            return bad(format!("draws[{i}].months"), "no month".into());
        }
        if let Some(m) = s.months.iter().find(|&&m| !day_ok(m, s.day)) {
            return bad(
                format!("draws[{i}]"),
                format!("month {m} has no day {}", s.day),
            );
        }
    }
    for (i, w) in p.windows.iter().enumerate() {
        if !day_ok(w.opens_month, w.opens_day) || !day_ok(w.closes_month, w.closes_day) {
            return bad(format!("windows[{i}]"), "not a real month/day".into());
        }
    }
    let r = &p.rules;
    if !(1..=28).contains(&r.application_cutoff.params.day) {
        return bad("rules.application_cutoff.day".into(), "must be 1–28".into());
    }
    if !day_ok(r.continuation.params.month, 1) {
        return bad("rules.continuation.month".into(), "must be 1–12".into());
    }
    if !day_ok(r.cleanup.params.month, r.cleanup.params.day) {
        return bad("rules.cleanup".into(), "not a real month/day".into());
    }
    if r.ladder.params.step_draws == 0 {
        return bad(
            "rules.ladder.step_draws".into(),
            "must be at least 1".into(),
        );
    }
    Ok(())
}

/// Every shipped policy, oldest first.
///
/// The files are embedded and checked by this module's tests, so a failure here is a build defect,
/// not bad input: it panics with the file and the reason.
pub fn all() -> &'static [Policy] {
    static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        FILES
            .iter()
            .map(|(file, text)| parse(file, text))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("embedded policy data is invalid: {e}"))
    })
}

/// The policy called `name`, if shipped.
pub fn by_name(name: &str) -> Option<&'static Policy> {
    all().iter().find(|p| p.name == name)
}

/// The default policy: `bimonthly-2014` with the product spec's rules on and the weekend shift off.
pub fn default_policy() -> &'static Policy {
    by_name(DEFAULT_POLICY).unwrap_or_else(|| panic!("{DEFAULT_POLICY} is shipped"))
}

/// The regime in force on `date` (Beijing): the shipped one whose dates contain it; `None`
/// before the first regime began.
pub fn in_force(date: NaiveDate) -> Option<&'static Policy> {
    all().iter().find(|p| p.in_force_on(date))
}

/// The regimes in force over `from..=to`, oldest first, each with the part of the range it
/// covered; days before the first regime belong to none.
pub fn in_force_between(
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(&'static Policy, NaiveDate, NaiveDate)> {
    all()
        .iter()
        .filter_map(|p| {
            let start = from.max(p.effective_from);
            let end = p.effective_to.map_or(to, |t| to.min(t));
            (start <= end).then_some((p, start, end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_and_names_match_files() {
        for (file, text) in FILES {
            let p = parse(file, text).unwrap();
            assert_eq!(format!("{}.toml", p.name), file);
            assert!(!p.source.is_empty());
        }
        let names: Vec<_> = all().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["monthly-2011", "bimonthly-2014", "annual-2021"]);
    }

    #[test]
    fn only_annual_2021_draws_families_in_the_ordinary_lottery() {
        use crate::api::ApplicationKind;
        use crate::points::{Family, Member, Relation};
        let family = Family {
            generations: None,
            family_full_years: 0,
            members: vec![
                Member {
                    relation: Relation::Main,
                    ladder_steps: 5,
                    nev_queue_full_years: 0,
                },
                Member {
                    relation: Relation::Spouse,
                    ladder_steps: 0,
                    nev_queue_full_years: 0,
                },
            ],
        };
        for p in all() {
            let drawn = p.name == "annual-2021";
            assert_eq!(
                p.offers(ApplicationKind::FamilyOrdinary).is_ok(),
                drawn,
                "{}",
                p.name
            );
            assert!(p.offers(ApplicationKind::IndividualOrdinary).is_ok());
            // Domain example 3: ((7 + 1) × 2) × 1 = 16 positions.
            assert_eq!(
                p.family_pool_weight(&family),
                drawn.then_some(16),
                "{}",
                p.name
            );
        }
        let refused = by_name("bimonthly-2014")
            .unwrap()
            .offers(ApplicationKind::FamilyOrdinary)
            .unwrap_err();
        assert_eq!(refused.code, "kind_not_offered");
        assert!(refused.message_zh.contains("没有家庭申请"));
        // The family NEV kind too: families apply only from 2021 on.
        for old in ["monthly-2011", "bimonthly-2014"] {
            assert!(
                by_name(old)
                    .unwrap()
                    .offers(ApplicationKind::Family)
                    .is_err()
            );
        }
        assert!(
            by_name("annual-2021")
                .unwrap()
                .offers(ApplicationKind::Family)
                .is_ok()
        );
        let share = by_name("annual-2021")
            .unwrap()
            .family_ordinary_share()
            .unwrap();
        assert_eq!(
            [0, 1, 2, 5, 10, u32::MAX].map(|q| share.of(q)),
            [0, 0, 1, 3, 6, (u64::from(u32::MAX) * 60 / 100) as u32]
        );
    }

    #[test]
    fn default_policy_has_spec_rules_on_and_shift_off() {
        let p = default_policy();
        assert_eq!(p.name, "bimonthly-2014");
        let r = &p.rules;
        assert!(r.application_cutoff.enabled && r.application_cutoff.params.day == 8);
        assert!(r.confirmation.enabled && r.confirmation.params.hours == 72);
        assert!(r.quota_validity.enabled && r.quota_validity.params.months == 12);
        assert!(r.lapse.enabled && r.lapse.params.months == 24);
        assert!(r.continuation.enabled && r.cleanup.enabled && r.data_freeze.enabled);
        assert!(!r.weekend_shift.enabled);
        assert_eq!(r.application_cutoff.confidence, Confidence::L);
        assert_eq!(p.draws[0].confidence, Confidence::H);
    }

    #[test]
    fn only_the_2014_regime_has_a_known_ladder() {
        let by = |name| by_name(name).unwrap();
        let bimonthly = by("bimonthly-2014");
        for draws in 0..200 {
            for c5 in [false, true] {
                assert_eq!(
                    bimonthly.ladder_weight(draws, c5),
                    Some(crate::points::ladder_weight(draws, c5))
                );
            }
        }
        assert_eq!(bimonthly.ladder_weight(24, false), Some(1));
        assert_eq!(bimonthly.ladder_weight(25, true), Some(3));
        for name in ["monthly-2011", "annual-2021"] {
            assert_eq!(by(name).ladder_weight(60, true), None, "{name}");
            assert_eq!(by(name).pool_weight(60, true), 1, "{name}");
        }
    }

    #[test]
    fn the_regime_in_force_follows_the_dates() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let name = |date| in_force(date).map(|p| p.name.as_str());
        assert_eq!(name(day(2026, 12, 2)), Some("annual-2021"));
        assert_eq!(name(day(2020, 12, 31)), Some("bimonthly-2014"));
        assert_eq!(name(day(2021, 1, 1)), Some("annual-2021"));
        assert_eq!(name(day(2013, 6, 1)), Some("monthly-2011"));
        assert_eq!(name(day(1990, 1, 1)), None);
        assert_eq!(name(NaiveDate::MIN), None);
        let spans: Vec<_> = in_force_between(day(2020, 11, 1), day(2021, 2, 1))
            .into_iter()
            .map(|(p, a, b)| (p.name.as_str(), a, b))
            .collect();
        assert_eq!(
            spans,
            [
                ("bimonthly-2014", day(2020, 11, 1), day(2020, 12, 31)),
                ("annual-2021", day(2021, 1, 1), day(2021, 2, 1)),
            ]
        );
        assert!(in_force_between(day(1990, 1, 1), day(1990, 12, 31)).is_empty());
    }

    #[test]
    fn regimes_follow_the_domain_table() {
        let m = by_name("monthly-2011").unwrap();
        assert_eq!(m.draws[0].months.len(), 12);
        assert_eq!(m.rules.quota_validity.params.months, 6);
        let a = by_name("annual-2021").unwrap();
        assert_eq!(a.windows.len(), 1);
        assert_eq!((a.windows[0].closes_month, a.windows[0].closes_day), (3, 8));
        assert!(by_name("weekly-2030").is_none());
    }

    #[test]
    fn rejects_bad_files_with_the_field() {
        let edited = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut value: serde_json::Value = serde_json::from_str(FILES[1].1).unwrap();
            edit(&mut value);
            value.to_string()
        };
        let text = edited(&|v| v["rules"]["application_cutoff"]["day"] = 31.into());
        let err = parse("x.toml", &text).unwrap_err();
        assert!(
            matches!(err, PolicyDataError::Invalid { ref field, .. } if field == "rules.application_cutoff.day")
        );
        let text = edited(&|v| v["draws"][0]["months"] = serde_json::json!([2, 13]));
        assert!(matches!(
            parse("x.toml", &text),
            Err(PolicyDataError::Invalid { .. })
        ));
        let err = parse("x.toml", r#"{"name": 3}"#).unwrap_err();
        assert!(matches!(err, PolicyDataError::Parse { .. }));
        assert!(err.to_string().contains("x.toml"));
    }

    #[test]
    fn ordinary_draws_per_year_follow_the_schedules() {
        let per_year = |name: &str| by_name(name).unwrap().ordinary_draws_per_year();
        assert_eq!(per_year("monthly-2011"), 12);
        assert_eq!(per_year("bimonthly-2014"), 6);
        assert_eq!(per_year("annual-2021"), 2);
    }
}
