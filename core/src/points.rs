//! Family points (家庭积分) and ladder weights (阶梯) — `docs/domain.md` §2–§3.
//!
//! Per person: `base + ladder_steps + nev_queue_full_years + family_full_years`, base 2 for the
//! main applicant and 1 for everyone else. Family total: `((main + spouse) × 2 + Σ others) ×
//! generations` with a spouse, `(main + Σ others) × generations` without.

use crate::i18n::Reason;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// How a family member relates to the main applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// 主申请人
    Main,
    /// 配偶
    Spouse,
    /// 子女
    Child,
    /// 父母
    Parent,
    /// 配偶父母
    SpouseParent,
    /// Anyone else: not allowed in a family application.
    Other,
}

impl Relation {
    /// Generation relative to the main applicant (−1 parents, 0 couple, +1 children).
    fn generation(self) -> Option<i8> {
        match self {
            Relation::Parent | Relation::SpouseParent => Some(-1),
            Relation::Main | Relation::Spouse => Some(0),
            Relation::Child => Some(1),
            Relation::Other => None,
        }
    }
}

/// One member of a family application, as the official system shows their history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Relation to the main applicant.
    pub relation: Relation,
    /// The person's 阶梯 in the ordinary lottery, as the official system shows it.
    #[serde(default, alias = "ladder")]
    pub ladder_steps: u32,
    /// Full years in the NEV queue, as the official system shows them.
    #[serde(default)]
    pub nev_queue_full_years: u32,
}

/// A family application for points purposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    /// Number of generations (1–3); derived from the relations when absent.
    #[serde(default)]
    pub generations: Option<u8>,
    /// Full years the family application has existed (+1 per member per year).
    #[serde(default)]
    pub family_full_years: u32,
    /// Every applicant, the main applicant included.
    pub members: Vec<Member>,
}

/// One member's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPoints {
    /// Relation to the main applicant.
    pub relation: Relation,
    /// 2 for the main applicant, 1 otherwise.
    pub base: u32,
    /// The sum of base, ladder, NEV-queue and family years.
    pub points: u32,
}

/// A family's points and how they were reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyPoints {
    /// The family total used for ranking.
    pub total: u32,
    /// Generations used in the formula.
    pub generations: u8,
    /// Whether the spouse's points were doubled with the main applicant's.
    pub spouse_included: bool,
    /// Each member's points, in input order.
    pub members: Vec<MemberPoints>,
    /// The formula with the numbers filled in, e.g. `((7+6)×2+16)×3 = 126`.
    pub formula: String,
}

/// Computes a family's points, or explains why the family is not a valid family application.
pub fn family_points(family: &Family) -> Result<FamilyPoints, Reason> {
    check_members(&family.members)?;
    let generations = generations(family)?;
    let members: Vec<MemberPoints> = family
        .members
        .iter()
        .map(|m| {
            let base = if m.relation == Relation::Main { 2 } else { 1 };
            MemberPoints {
                relation: m.relation,
                base,
                points: base + m.ladder_steps + m.nev_queue_full_years + family.family_full_years,
            }
        })
        .collect();
    let of = |r: Relation| {
        members
            .iter()
            .filter(move |m| m.relation == r)
            .map(|m| m.points)
    };
    let main: u32 = of(Relation::Main).sum();
    let spouse: Option<u32> = of(Relation::Spouse).next();
    let others: u32 = members
        .iter()
        .filter(|m| !matches!(m.relation, Relation::Main | Relation::Spouse))
        .map(|m| m.points)
        .sum();
    let g = u32::from(generations);
    let (total, formula) = match spouse {
        Some(s) => {
            let t = ((main + s) * 2 + others) * g;
            (t, format!("(({main}+{s})×2+{others})×{g} = {t}"))
        }
        None => {
            let t = (main + others) * g;
            (t, format!("({main}+{others})×{g} = {t}"))
        }
    };
    Ok(FamilyPoints {
        total,
        generations,
        spouse_included: spouse.is_some(),
        members,
        formula,
    })
}

fn check_members(members: &[Member]) -> Result<(), Reason> {
    let count = |r: Relation| members.iter().filter(|m| m.relation == r).count();
    if count(Relation::Main) != 1 {
        return Err(Reason::new(
            "family_main_applicant",
            "家庭申请须有且只有一名主申请人。",
            "A family application has exactly one main applicant.",
        ));
    }
    if count(Relation::Spouse) > 1 {
        return Err(Reason::new(
            "family_spouse",
            "家庭申请最多只能有一名配偶。",
            "A family application has at most one spouse.",
        ));
    }
    if count(Relation::Other) > 0 {
        return Err(Reason::new(
            "family_relation",
            "家庭成员只能是配偶、子女和双方父母。",
            "Family members may only be the spouse, children and both sides' parents.",
        ));
    }
    if members.len() < 2 {
        return Err(Reason::new(
            "family_size",
            "家庭申请至少需要 2 人。",
            "A family application needs at least 2 people.",
        ));
    }
    Ok(())
}

fn generations(family: &Family) -> Result<u8, Reason> {
    let levels: BTreeSet<i8> = family
        .members
        .iter()
        .filter_map(|m| m.relation.generation())
        .collect();
    let derived = u8::try_from(levels.len()).unwrap_or(u8::MAX);
    match family.generations {
        None => Ok(derived),
        Some(g) if g == derived => Ok(g),
        Some(g) => Err(Reason::new(
            "family_generations",
            format!("填写的代际数 {g} 与成员关系不符：按成员关系应为 {derived} 代。"),
            format!("{g} generations does not match the members' relations, which make {derived}."),
        )),
    }
}

/// Weight (positions held in the pool) under the 2014 rule: 1 up to 24 unsuccessful draws, then +1
/// for every further 12 started; +1 with a C5 licence ([`crate::policy::Ladder::RULE_2014`]).
pub fn ladder_weight(unsuccessful_draws: u32, c5: bool) -> u32 {
    crate::policy::Ladder::RULE_2014.weight(unsuccessful_draws, c5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(relation: Relation, ladder_steps: u32) -> Member {
        Member {
            relation,
            ladder_steps,
            nev_queue_full_years: 0,
        }
    }

    #[test]
    fn worked_example_three_generations() {
        use Relation::*;
        let family = Family {
            generations: Some(3),
            family_full_years: 0,
            members: vec![
                m(Main, 5),
                m(Spouse, 5),
                m(Parent, 5),
                m(Parent, 5),
                m(SpouseParent, 0),
                m(SpouseParent, 0),
                m(Child, 0),
                m(Child, 0),
            ],
        };
        let p = family_points(&family).unwrap();
        assert_eq!(p.total, 126);
        assert_eq!(p.formula, "((7+6)×2+16)×3 = 126");
        assert_eq!(p.members[0].points, 7);
    }

    #[test]
    fn worked_example_two_generations() {
        use Relation::*;
        let family = Family {
            generations: None,
            family_full_years: 0,
            members: vec![m(Main, 5), m(Spouse, 5), m(Child, 0)],
        };
        let p = family_points(&family).unwrap();
        assert_eq!((p.total, p.generations), (54, 2));
    }

    #[test]
    fn worked_example_couple() {
        use Relation::*;
        let family = Family {
            generations: Some(1),
            family_full_years: 0,
            members: vec![m(Main, 5), m(Spouse, 0)],
        };
        assert_eq!(family_points(&family).unwrap().total, 16);
    }

    #[test]
    fn no_spouse_and_family_years() {
        use Relation::*;
        let family = Family {
            generations: None,
            family_full_years: 2,
            members: vec![m(Main, 1), m(Parent, 0)],
        };
        // main 2+1+2 = 5, parent 1+2 = 3, two generations: (5+3)×2 = 16
        let p = family_points(&family).unwrap();
        assert_eq!(p.total, 16);
        assert!(!p.spouse_included);
    }

    #[test]
    fn rejects_invalid_families() {
        use Relation::*;
        let bad = |members: Vec<Member>, g: Option<u8>| {
            family_points(&Family {
                generations: g,
                family_full_years: 0,
                members,
            })
            .unwrap_err()
            .code
        };
        assert_eq!(
            bad(vec![m(Spouse, 0), m(Child, 0)], None),
            "family_main_applicant"
        );
        assert_eq!(
            bad(vec![m(Main, 0), m(Spouse, 0), m(Spouse, 0)], None),
            "family_spouse"
        );
        assert_eq!(bad(vec![m(Main, 0), m(Other, 0)], None), "family_relation");
        assert_eq!(bad(vec![m(Main, 0)], None), "family_size");
        assert_eq!(
            bad(vec![m(Main, 0), m(Child, 0)], Some(3)),
            "family_generations"
        );
    }

    #[test]
    fn ladder_weights_follow_the_2014_rule() {
        assert_eq!(ladder_weight(0, false), 1);
        assert_eq!(ladder_weight(24, false), 1);
        assert_eq!(ladder_weight(25, false), 2);
        assert_eq!(ladder_weight(36, false), 2);
        assert_eq!(ladder_weight(37, false), 3);
        assert_eq!(ladder_weight(37, true), 4);
        assert_eq!(ladder_weight(0, true), 2);
    }
}
