//! Eligibility of individuals and families (`docs/domain.md` §2, §4): every failed condition
//! with its reason, never a bare boolean.

use crate::i18n::Reason;
use crate::points::Relation;
use crate::policy::UnitThresholds;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Consecutive months of Beijing social insurance and income tax a residence-permit holder needs.
pub const REQUIRED_CONTRIBUTION_MONTHS: u32 = 60;
/// Minimum age of an applicant (M).
pub const MINIMUM_AGE: u32 = 18;

/// The ground on which a person may apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Residence {
    /// 本市户籍
    BeijingHukou,
    /// Active military or armed police stationed in Beijing.
    MilitaryInBeijing,
    /// Holder of a Beijing 工作居住证, endorsed yearly.
    WorkResidencePermit {
        /// Until when the current endorsement is valid.
        valid_until: NaiveDate,
    },
    /// Non-hukou holder of a 居住证 with social insurance and income tax paid in Beijing.
    ResidencePermit {
        /// Until when the permit is valid.
        valid_until: NaiveDate,
        /// Consecutive months of Beijing social insurance up to today.
        social_insurance_months: u32,
        /// Consecutive months of Beijing individual income tax up to today.
        income_tax_months: u32,
    },
    /// None of the above grounds.
    Unqualified,
}

/// What eligibility is decided from, for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    /// Date of birth (from the resident ID).
    pub birth_date: NaiveDate,
    /// Ground of residence.
    pub residence: Residence,
    /// Expiry of the driving licence, `None` without a licence.
    #[serde(default)]
    pub licence_valid_until: Option<NaiveDate>,
    /// A passenger car is registered in Beijing in this person's name.
    #[serde(default)]
    pub owns_beijing_car: bool,
    /// The person already holds a valid quota.
    #[serde(default)]
    pub holds_valid_quota: bool,
}

/// A family member besides the main applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFacts {
    /// Relation to the main applicant.
    pub relation: Relation,
    /// A car is registered in Beijing in this member's name.
    #[serde(default)]
    pub owns_beijing_car: bool,
    /// A car is registered in Beijing in this member's spouse's name.
    #[serde(default)]
    pub spouse_owns_beijing_car: bool,
    /// The member takes part in another application (individual or another family).
    #[serde(default)]
    pub in_other_application: bool,
}

/// What family eligibility is decided from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyFacts {
    /// The main applicant.
    pub main: PersonFacts,
    /// Every other member.
    pub members: Vec<MemberFacts>,
    /// A family with these members won within the last 10 years (L).
    #[serde(default)]
    pub won_within_ten_years: bool,
}

/// The outcome: eligible, or every condition that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// True when nothing failed.
    pub eligible: bool,
    /// Every failed condition with its reason and what to do.
    pub failures: Vec<Reason>,
}

impl Eligibility {
    fn from_failures(failures: Vec<Reason>) -> Eligibility {
        Eligibility {
            eligible: failures.is_empty(),
            failures,
        }
    }

    /// The failure codes, for tests and logs.
    pub fn codes(&self) -> Vec<&str> {
        self.failures.iter().map(|r| r.code.as_str()).collect()
    }
}

/// Eligibility of an individual applicant on `today` (Beijing date).
pub fn individual(facts: &PersonFacts, today: NaiveDate) -> Eligibility {
    let mut failures = residence_failures(&facts.residence, today);
    failures.extend(age_failure(facts.birth_date, today));
    failures.extend(licence_failure(facts.licence_valid_until, today));
    failures.extend(ownership_failures(facts));
    Eligibility::from_failures(failures)
}

/// Eligibility of a family application on `today`: the main applicant's own conditions, then the
/// family's. Only the main applicant needs a driving licence.
pub fn family(facts: &FamilyFacts, today: NaiveDate) -> Eligibility {
    let mut failures = individual(&facts.main, today).failures;
    if facts.members.is_empty() {
        failures.push(Reason::new(
            "family_size",
            "家庭申请至少需要 2 人。",
            "A family application needs at least 2 people.",
        ));
    }
    let spouses = facts
        .members
        .iter()
        .filter(|m| m.relation == Relation::Spouse)
        .count();
    if spouses > 1 {
        failures.push(Reason::new(
            "family_spouse",
            "家庭申请最多只能有一名配偶。",
            "A family application has at most one spouse.",
        ));
    }
    for (i, m) in facts.members.iter().enumerate() {
        let n = i + 2;
        if matches!(m.relation, Relation::Main | Relation::Other) {
            failures.push(Reason::new(
                "family_relation",
                format!("第 {n} 位成员：家庭成员只能是配偶、子女和双方父母。"),
                format!("Member {n}: family members may only be the spouse, children and both sides' parents."),
            ));
        }
        if m.owns_beijing_car || m.spouse_owns_beijing_car {
            failures.push(Reason::new(
                "family_member_car",
                format!("第 {n} 位成员本人或其配偶名下有本市登记的小客车，不能参加家庭申请。"),
                format!("Member {n} or their spouse has a passenger car registered in Beijing and cannot join a family application."),
            ));
        }
        if m.in_other_application {
            failures.push(Reason::new(
                "family_member_other_application",
                format!("第 {n} 位成员已在其他申请中，须先撤销该申请。"),
                format!("Member {n} is part of another application; withdraw it first."),
            ));
        }
    }
    if facts.won_within_ten_years {
        failures.push(Reason::new(
            "family_recent_win",
            "家庭中签后 10 年内成员不得再次参加（此规则待官方确认）。",
            "Members of a family that won may not take part again for 10 years (rule not yet confirmed officially).",
        ));
    }
    Eligibility::from_failures(failures)
}

fn residence_failures(residence: &Residence, today: NaiveDate) -> Vec<Reason> {
    let mut out = Vec::new();
    match residence {
        Residence::BeijingHukou | Residence::MilitaryInBeijing => {}
        Residence::WorkResidencePermit { valid_until } if *valid_until < today => out.push(Reason::new(
            "work_permit_expired",
            format!("工作居住证已于 {valid_until} 过期，须先办理年度签注，否则审核不通过。"),
            format!("The work residence permit expired on {valid_until}; renew its yearly endorsement first or review will fail."),
        )),
        Residence::WorkResidencePermit { .. } => {}
        Residence::ResidencePermit { valid_until, social_insurance_months, income_tax_months } => {
            if *valid_until < today {
                out.push(Reason::new(
                    "residence_permit_expired",
                    format!("居住证已于 {valid_until} 过期，请先续签。"),
                    format!("The residence permit expired on {valid_until}; renew it first."),
                ));
            }
            for (months, code, zh, en) in [
                (*social_insurance_months, "social_insurance_months", "社会保险", "social insurance"),
                (*income_tax_months, "income_tax_months", "个人所得税", "individual income tax"),
            ] {
                if months < REQUIRED_CONTRIBUTION_MONTHS {
                    let missing = REQUIRED_CONTRIBUTION_MONTHS - months;
                    out.push(Reason::new(
                        code,
                        format!("须在本市连续缴纳{zh}满 5 年（60 个月），目前连续 {months} 个月，还差 {missing} 个月；中断会重新计算。"),
                        format!("Needs 5 consecutive years (60 months) of Beijing {en}; you have {months}, {missing} to go. A gap restarts the count."),
                    ));
                }
            }
        }
        Residence::Unqualified => out.push(Reason::new(
            "residence",
            "须为本市户籍、驻京部队现役军人、持有效《北京市工作居住证》，或持有效居住证并连续 5 年在京缴纳社保和个税。",
            "You need a Beijing hukou, active military service in Beijing, a valid Beijing work residence permit, or a valid residence permit with 5 consecutive years of Beijing social insurance and income tax.",
        )),
    }
    out
}

fn age_failure(birth: NaiveDate, today: NaiveDate) -> Option<Reason> {
    let adult_on = birth
        .with_year(birth.year() + MINIMUM_AGE as i32)
        .or_else(|| NaiveDate::from_ymd_opt(birth.year() + MINIMUM_AGE as i32, 3, 1))?;
    (adult_on > today).then(|| {
        Reason::new(
            "age",
            format!("申请人须年满 18 周岁，您将于 {adult_on} 满 18 周岁。"),
            format!("Applicants must be 18 or older; you turn 18 on {adult_on}."),
        )
    })
}

fn licence_failure(valid_until: Option<NaiveDate>, today: NaiveDate) -> Option<Reason> {
    match valid_until {
        None => Some(Reason::new(
            "licence_missing",
            "须持有有效的机动车驾驶证。",
            "A valid driving licence is required.",
        )),
        Some(d) if d < today => Some(Reason::new(
            "licence_expired",
            format!("驾驶证已于 {d} 过期，请先换证。"),
            format!("The driving licence expired on {d}; renew it first."),
        )),
        Some(_) => None,
    }
}

fn ownership_failures(facts: &PersonFacts) -> Vec<Reason> {
    let mut out = Vec::new();
    if facts.owns_beijing_car {
        out.push(Reason::new(
            "owns_car",
            "名下已有本市登记的小客车，不能申请。",
            "A passenger car is already registered in Beijing in your name.",
        ));
    }
    if facts.holds_valid_quota {
        out.push(Reason::new(
            "holds_quota",
            "已持有有效的小客车指标，不能重复申请。",
            "You already hold a valid quota.",
        ));
    }
    out
}

/// What the registry says of a unit (单位).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnitFacts {
    /// Registered in Beijing (本市注册).
    pub registered_in_beijing: bool,
    /// Tax paid in Beijing in the last year (CNY).
    pub tax_paid_cny: u64,
    /// Quotas won this calendar year.
    pub quotas_this_year: u32,
    /// Passenger cars registered in Beijing in the unit's name.
    pub vehicles: u32,
}

/// Eligibility of a unit under `rules` (the policy's thresholds, every one labelled L): each
/// failed condition with its reason and what to do.
pub fn unit(facts: &UnitFacts, rules: &UnitThresholds) -> Eligibility {
    let mut failures = Vec::new();
    if !facts.registered_in_beijing {
        failures.push(Reason::new(
            "unit_not_in_beijing",
            "单位须在本市注册登记：在外地注册的单位不能申请本市指标。",
            "The unit must be registered in Beijing; a unit registered elsewhere cannot apply.",
        ));
    }
    if facts.tax_paid_cny < rules.min_tax_cny {
        failures.push(Reason::new(
            "unit_tax_below_threshold",
            format!(
                "上一年度在本市纳税 {} 元，低于 {} 元的要求；请核对纳税证明，达到后再申请。",
                facts.tax_paid_cny, rules.min_tax_cny
            ),
            format!(
                "Tax paid in Beijing last year was {} CNY, below the {} CNY required; check the tax proof and apply once it is met.",
                facts.tax_paid_cny, rules.min_tax_cny
            ),
        ));
    }
    if let Some(cap) = rules.max_quotas_per_year
        && facts.quotas_this_year >= cap
    {
        failures.push(Reason::new(
            "unit_yearly_cap",
            format!("本年度已获得 {} 个指标，达到每年 {cap} 个的上限；请明年再申请。", facts.quotas_this_year),
            format!(
                "The unit has won {} quotas this year, the yearly cap of {cap}; apply again next year.",
                facts.quotas_this_year
            ),
        ));
    }
    if let Some(cap) = rules.max_vehicles
        && facts.vehicles >= cap
    {
        failures.push(Reason::new(
            "unit_vehicle_cap",
            format!(
                "单位名下已有 {} 辆本市登记的小客车，达到 {cap} 辆的上限。",
                facts.vehicles
            ),
            format!(
                "The unit already has {} passenger cars registered in Beijing, the cap of {cap}.",
                facts.vehicles
            ),
        ));
    }
    Eligibility::from_failures(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn hukou_adult() -> PersonFacts {
        PersonFacts {
            birth_date: d(1990, 5, 1),
            residence: Residence::BeijingHukou,
            licence_valid_until: Some(d(2030, 1, 1)),
            owns_beijing_car: false,
            holds_valid_quota: false,
        }
    }

    #[test]
    fn eligible_hukou_adult() {
        let e = individual(&hukou_adult(), d(2026, 11, 23));
        assert!(e.eligible, "{e:?}");
    }

    #[test]
    fn reports_every_failure() {
        let facts = PersonFacts {
            birth_date: d(2009, 2, 28),
            residence: Residence::ResidencePermit {
                valid_until: d(2026, 1, 1),
                social_insurance_months: 59,
                income_tax_months: 12,
            },
            licence_valid_until: None,
            owns_beijing_car: true,
            holds_valid_quota: true,
        };
        let e = individual(&facts, d(2026, 11, 23));
        assert!(!e.eligible);
        assert_eq!(
            e.codes(),
            [
                "residence_permit_expired",
                "social_insurance_months",
                "income_tax_months",
                "age",
                "licence_missing",
                "owns_car",
                "holds_quota"
            ]
        );
        assert!(e.failures[1].message_zh.contains("还差 1 个月"));
        assert!(e.failures[3].message_en.contains("2027-02-28"));
    }

    #[test]
    fn permits_and_licences_expire() {
        let today = d(2026, 11, 23);
        let mut f = hukou_adult();
        f.residence = Residence::WorkResidencePermit {
            valid_until: d(2026, 11, 22),
        };
        f.licence_valid_until = Some(d(2026, 1, 1));
        assert_eq!(
            individual(&f, today).codes(),
            ["work_permit_expired", "licence_expired"]
        );
        f.residence = Residence::WorkResidencePermit { valid_until: today };
        f.licence_valid_until = Some(today);
        assert!(individual(&f, today).eligible);
        f.residence = Residence::Unqualified;
        assert_eq!(individual(&f, today).codes(), ["residence"]);
    }

    #[test]
    fn birthday_on_leap_day_turns_eighteen_on_march_first() {
        let mut f = hukou_adult();
        f.birth_date = d(2008, 2, 29);
        assert_eq!(individual(&f, d(2026, 2, 28)).codes(), ["age"]);
        assert!(individual(&f, d(2026, 3, 1)).eligible);
    }

    #[test]
    fn family_rules() {
        let today = d(2026, 11, 23);
        let member = |relation| MemberFacts {
            relation,
            owns_beijing_car: false,
            spouse_owns_beijing_car: false,
            in_other_application: false,
        };
        let mut main = hukou_adult();
        let ok = FamilyFacts {
            main: main.clone(),
            members: vec![member(Relation::Spouse), member(Relation::Child)],
            won_within_ten_years: false,
        };
        assert!(family(&ok, today).eligible);
        main.licence_valid_until = None;
        let bad = FamilyFacts {
            main,
            members: vec![
                member(Relation::Spouse),
                member(Relation::Spouse),
                MemberFacts {
                    spouse_owns_beijing_car: true,
                    ..member(Relation::Parent)
                },
                MemberFacts {
                    in_other_application: true,
                    ..member(Relation::Other)
                },
            ],
            won_within_ten_years: true,
        };
        assert_eq!(
            family(&bad, today).codes(),
            [
                "licence_missing",
                "family_spouse",
                "family_member_car",
                "family_relation",
                "family_member_other_application",
                "family_recent_win"
            ]
        );
        let alone = FamilyFacts {
            main: hukou_adult(),
            members: vec![],
            won_within_ten_years: false,
        };
        assert_eq!(family(&alone, today).codes(), ["family_size"]);
    }

    #[test]
    fn a_unit_fails_each_condition_with_its_own_reason() {
        let rules = UnitThresholds {
            min_tax_cny: 50_000,
            max_quotas_per_year: Some(1),
            max_vehicles: Some(10),
        };
        let good = UnitFacts {
            registered_in_beijing: true,
            tax_paid_cny: 50_000,
            quotas_this_year: 0,
            vehicles: 9,
        };
        assert!(unit(&good, &rules).eligible);
        let bad = UnitFacts {
            registered_in_beijing: false,
            tax_paid_cny: 49_999,
            quotas_this_year: 1,
            vehicles: 10,
        };
        let out = unit(&bad, &rules);
        assert_eq!(
            out.codes(),
            [
                "unit_not_in_beijing",
                "unit_tax_below_threshold",
                "unit_yearly_cap",
                "unit_vehicle_cap"
            ]
        );
        assert!(
            out.failures[1].message_zh.contains("49999")
                && out.failures[1].message_zh.contains("50000")
        );
        // Without caps, only the registration and the tax count.
        let uncapped = UnitThresholds {
            max_quotas_per_year: None,
            max_vehicles: None,
            ..rules
        };
        assert_eq!(unit(&bad, &uncapped).codes().len(), 2);
        // Every regime states its thresholds as data.
        for p in crate::policy::all() {
            assert!(
                p.rules.unit_eligibility.params.min_tax_cny > 0,
                "{}",
                p.name
            );
        }
    }
}
