//! The application form as the portal stores it and the client sends it (the portal's request
//! checks reject unknown fields on its side; the client reads forms a newer portal extends).

use serde::{Deserialize, Serialize};

use super::periods::PeriodKind;
use crate::i18n::{Reason, Text};
use crate::points::Relation;

/// The kinds of application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    /// 个人普通指标 (lottery).
    IndividualOrdinary,
    /// 个人新能源指标 (queue).
    IndividualNev,
    /// 家庭新能源指标 (points).
    Family,
    /// 家庭普通指标 (lottery: the family holds as many positions as its points; regimes with
    /// [`crate::policy::Policy::family_ordinary_share`] only).
    FamilyOrdinary,
    /// 单位普通指标 (lottery, one position per unit; unit accounts only).
    UnitOrdinary,
    /// 单位新能源指标 (lottery, one position per unit; unit accounts only).
    UnitNev,
}

impl ApplicationKind {
    /// The portal's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationKind::IndividualOrdinary => "individual_ordinary",
            ApplicationKind::IndividualNev => "individual_nev",
            ApplicationKind::Family => "family",
            ApplicationKind::FamilyOrdinary => "family_ordinary",
            ApplicationKind::UnitOrdinary => "unit_ordinary",
            ApplicationKind::UnitNev => "unit_nev",
        }
    }

    /// Every kind.
    pub const ALL: [ApplicationKind; 6] = [
        ApplicationKind::IndividualOrdinary,
        ApplicationKind::IndividualNev,
        ApplicationKind::Family,
        ApplicationKind::FamilyOrdinary,
        ApplicationKind::UnitOrdinary,
        ApplicationKind::UnitNev,
    ];

    /// The kind with this portal name.
    pub fn parse(name: &str) -> Option<ApplicationKind> {
        ApplicationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == name)
    }

    /// The kind's name to show.
    pub fn title(self) -> Text {
        let (zh, en) = match self {
            ApplicationKind::IndividualOrdinary => ("个人普通指标", "Individual ordinary quota"),
            ApplicationKind::IndividualNev => ("个人新能源指标", "Individual NEV quota"),
            ApplicationKind::Family => ("家庭新能源指标", "Family NEV quota"),
            ApplicationKind::FamilyOrdinary => ("家庭普通指标", "Family ordinary quota"),
            ApplicationKind::UnitOrdinary => ("单位普通指标", "Unit ordinary quota"),
            ApplicationKind::UnitNev => ("单位新能源指标", "Unit NEV quota"),
        };
        Text::new(zh, en)
    }

    /// Whether the form has a family section (members, points).
    pub fn is_family(self) -> bool {
        matches!(
            self,
            ApplicationKind::Family | ApplicationKind::FamilyOrdinary
        )
    }

    /// Whether a unit (company) applies: unit accounts make these kinds and only these.
    pub fn is_unit(self) -> bool {
        matches!(
            self,
            ApplicationKind::UnitOrdinary | ApplicationKind::UnitNev
        )
    }

    /// Whether an account (a unit's when `unit_account`) may make an application of this kind:
    /// units make the unit kinds and only those; the reason when not.
    pub fn fits_account(self, unit_account: bool) -> Result<(), Reason> {
        match (self.is_unit(), unit_account) {
            (true, false) => Err(Reason::new(
                "unit_kind_for_person",
                "单位指标须由单位账户申请：请用单位的统一社会信用代码注册单位账户",
                "unit quotas are applied for by a unit account: register the unit with its unified social credit code",
            )),
            (false, true) => Err(Reason::new(
                "person_kind_for_unit",
                "单位账户只能申请单位普通或单位新能源指标",
                "a unit account applies for unit ordinary or unit NEV quotas only",
            )),
            _ => Ok(()),
        }
    }

    /// The lottery an approved application of this kind takes part in, if it is drawn (the
    /// individual and family NEV kinds are ranked instead).
    pub fn lottery(self) -> Option<PeriodKind> {
        match self {
            ApplicationKind::IndividualOrdinary => Some(PeriodKind::Draw),
            ApplicationKind::FamilyOrdinary => Some(PeriodKind::FamilyDraw),
            ApplicationKind::UnitOrdinary => Some(PeriodKind::UnitDraw),
            ApplicationKind::UnitNev => Some(PeriodKind::UnitNevDraw),
            ApplicationKind::IndividualNev | ApplicationKind::Family => None,
        }
    }
}

/// A family member besides the main applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberForm {
    /// Relation to the main applicant.
    pub relation: Relation,
    /// Resident ID.
    pub resident_id: String,
    /// Name.
    pub name: String,
    /// 阶梯 as shown by the system.
    #[serde(default)]
    pub ladder_steps: u32,
    /// Full years in the NEV queue.
    #[serde(default)]
    pub nev_queue_full_years: u32,
}

/// The family part of a form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FamilyForm {
    /// Generations (1–3); derived from relations when absent.
    #[serde(default)]
    pub generations: Option<u8>,
    /// The main applicant's 阶梯.
    #[serde(default)]
    pub main_ladder_steps: u32,
    /// The main applicant's full NEV-queue years.
    #[serde(default)]
    pub main_nev_queue_full_years: u32,
    /// Everyone but the main applicant.
    #[serde(default)]
    pub members: Vec<MemberForm>,
}

/// An application form; any field may be missing in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApplicationForm {
    /// Driving-licence file number (档案编号).
    #[serde(default)]
    pub licence_file: Option<String>,
    /// Contact address.
    #[serde(default)]
    pub address: Option<String>,
    /// Holds a C5 licence.
    #[serde(default)]
    pub c5_licence: bool,
    /// Family details (family applications only).
    #[serde(default)]
    pub family: Option<FamilyForm>,
}
