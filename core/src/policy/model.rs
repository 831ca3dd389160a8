//! The shape of a policy regime: draw schedules, annual windows and switchable rules, each with its
//! source and confidence.

use crate::api::ApplicationKind;
use crate::i18n::{Reason, Text};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// How well a rule is established (`docs/domain.md`): H confirmed twice or by real data, M one
/// source, L unconfirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confidence {
    /// Confirmed by two sources or by re-running real published data.
    H,
    /// One source, often third-party.
    M,
    /// Unconfirmed: configurable, never hard-coded.
    L,
}

/// A policy regime of the lottery, loaded from `core/data/policies/<name>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Stable name, e.g. `bimonthly-2014`.
    pub name: String,
    /// Short title.
    pub title: Text,
    /// One-paragraph summary of the regime.
    pub summary: Text,
    /// First day the regime applied ([`crate::policy::in_force`]; a projection outside the
    /// regime's dates is only made when asked for by name).
    pub effective_from: NaiveDate,
    /// Last day the regime applied, if it ended.
    #[serde(default)]
    pub effective_to: Option<NaiveDate>,
    /// Where the regime is described.
    pub source: String,
    /// Confidence in the regime as a whole.
    pub confidence: Confidence,
    /// Recurring draws and allocations.
    pub draws: Vec<DrawSchedule>,
    /// Yearly application/confirmation windows (annual regimes).
    #[serde(default)]
    pub windows: Vec<ApplicationWindow>,
    /// The switchable rules.
    pub rules: Rules,
}

impl Policy {
    /// Whether the regime was in force on `date` (Beijing).
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_to.is_none_or(|to| date <= to)
    }

    /// Positions an applicant holds in an ordinary draw after `unsuccessful_draws`, under this
    /// regime's ladder; `None` when the regime has no known ladder rule (before 2014 there was
    /// none; after 2021 the official system shows each applicant's 阶梯).
    pub fn ladder_weight(&self, unsuccessful_draws: u32, c5: bool) -> Option<u32> {
        let rule = &self.rules.ladder;
        if !rule.enabled {
            return None;
        }
        Some(rule.params.weight(unsuccessful_draws, c5))
    }

    /// Positions held in a draw this regime runs: its ladder, or one position without one.
    pub fn pool_weight(&self, unsuccessful_draws: u32, c5: bool) -> u32 {
        self.ladder_weight(unsuccessful_draws, c5).unwrap_or(1)
    }

    /// The family pool's share of the ordinary quota, where the regime draws families in the
    /// ordinary lottery.
    pub fn family_ordinary_share(&self) -> Option<FamilyShare> {
        let rule = &self.rules.family_ordinary;
        rule.enabled.then_some(rule.params)
    }

    /// Positions a family holds in the family ordinary pool: its points total (`docs/rules.md`,
    /// L); `None` when the regime has no family ordinary lottery or the family is invalid.
    pub fn family_pool_weight(&self, family: &crate::points::Family) -> Option<u32> {
        self.family_ordinary_share()?;
        crate::points::family_points(family).ok().map(|p| p.total)
    }

    /// Whether an application of `kind` can be made under this regime; the reason when not.
    pub fn offers(&self, kind: ApplicationKind) -> Result<(), Reason> {
        // Families apply only where the regime draws them (from 2021; before, H: no family
        // applications at all), in the ordinary lottery and in the NEV queue alike.
        if kind.is_family() && self.family_ordinary_share().is_none() {
            return Err(Reason::new(
                "kind_not_offered",
                format!(
                    "「{}」没有家庭申请（家庭申请自 2021 年起）：请选择个人申请",
                    self.title.zh
                ),
                format!(
                    "{} has no family applications (they began in 2021): choose an individual application",
                    self.title.en
                ),
            ));
        }
        Ok(())
    }

    /// Ordinary lotteries a year under the open-ended schedules (6 bimonthly, 2 annual-2021).
    pub fn ordinary_draws_per_year(&self) -> u32 {
        self.draws
            .iter()
            .filter(|d| d.kind == DrawKind::Draw && d.to.is_none())
            .map(|d| d.months.len() as u32)
            .sum()
    }
}

/// What a scheduled draw allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrawKind {
    /// Ordinary-quota lottery (摇号).
    Draw,
    /// New-energy quota allocation (queue or points, 轮候/积分).
    NevAllocation,
}

/// A recurring draw: on `day` of each of `months`, at `time` Beijing time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawSchedule {
    /// What the draw allocates.
    pub kind: DrawKind,
    /// Months (1–12) with a draw.
    pub months: Vec<u32>,
    /// Day of the month.
    pub day: u32,
    /// Usual start time, Beijing time.
    pub time: NaiveTime,
    /// First date the schedule applies, if limited.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last date the schedule applies, if limited.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// What the draw is, for display.
    pub note: Text,
    /// Where the schedule comes from.
    pub source: String,
    /// Confidence in the schedule.
    pub confidence: Confidence,
}

impl DrawSchedule {
    /// Whether the schedule applies on `date` (inside its optional `from`/`to` limits).
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}

/// A yearly window (month/day to month/day, both included) to apply or confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationWindow {
    /// Month the window opens.
    pub opens_month: u32,
    /// Day the window opens.
    pub opens_day: u32,
    /// Month the window closes.
    pub closes_month: u32,
    /// Day the window closes (included).
    pub closes_day: u32,
    /// Where the window comes from.
    pub source: String,
    /// Confidence in the window.
    pub confidence: Confidence,
}

/// A switchable rule: on or off, with its parameters, source and confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule<T> {
    /// Whether the policy applies the rule.
    pub enabled: bool,
    /// The rule's parameters.
    #[serde(flatten)]
    pub params: T,
    /// Where the rule comes from.
    pub source: String,
    /// Confidence in the rule.
    pub confidence: Confidence,
}

/// The rules a regime may switch on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Applications complete by this day of the draw's month join that draw.
    pub application_cutoff: Rule<Cutoff>,
    /// Queries unavailable from the evening before a draw to the draw's morning.
    pub data_freeze: Rule<Freeze>,
    /// When results are published and when to advise checking.
    pub results: Rule<ResultTimes>,
    /// A winner must confirm within this many hours of publication.
    pub confirmation: Rule<Hours>,
    /// A quota is valid this many months from its draw.
    pub quota_validity: Rule<Months>,
    /// The application code must be renewed every this many months.
    pub code_renewal: Rule<Months>,
    /// The month in which applicants press 继续参与 (continue).
    pub continuation: Rule<MonthOfYear>,
    /// The yearly clean-up of applications not continued.
    pub cleanup: Rule<DayOfYear>,
    /// Months without a win and without continuing after which an application lapses.
    pub lapse: Rule<Months>,
    /// Working days a marital-status change takes to review.
    pub marital_review: Rule<WorkingDays>,
    /// Move a draw that falls on a weekend or public holiday to the next working day.
    pub weekend_shift: Rule<NoParams>,
    /// Ladder (阶梯) weights in the ordinary lottery: positions grow with unsuccessful draws.
    pub ladder: Rule<Ladder>,
    /// Families in the ordinary lottery: a pool of their own, weighted by points, drawing this
    /// share of each ordinary quota (`docs/rules.md`).
    pub family_ordinary: Rule<FamilyShare>,
    /// What a unit (单位) must meet to apply (`docs/rules.md`).
    pub unit_eligibility: Rule<UnitThresholds>,
}

/// A unit's conditions: registered in Beijing, tax paid there last year, and caps where the
/// regime has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitThresholds {
    /// Tax paid in Beijing in the last year, at least (CNY).
    pub min_tax_cny: u64,
    /// Quotas a unit may win in a calendar year, at most (`None`: no cap).
    #[serde(default)]
    pub max_quotas_per_year: Option<u32>,
    /// Passenger cars a unit may already have registered in Beijing, at most (`None`: no cap).
    #[serde(default)]
    pub max_vehicles: Option<u32>,
}

/// The share of an ordinary period's quota drawn in the family pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyShare {
    /// Percent of the quota (0–100), rounded down; the individual pool draws the rest.
    pub share_percent: u32,
}

impl FamilyShare {
    /// The family pool's part of `quota`, rounded down.
    pub fn of(self, quota: u32) -> u32 {
        (u64::from(quota) * u64::from(self.share_percent.min(100)) / 100) as u32
    }
}

/// How an applicant's positions in the ordinary pool grow (`docs/domain.md` §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ladder {
    /// Unsuccessful draws with a single position.
    pub single_draws: u32,
    /// One more position for every further this many draws started.
    pub step_draws: u32,
    /// Extra positions with a C5 licence.
    pub c5_bonus: u32,
}

impl Ladder {
    /// The 2014 rule (H): one position up to 24 unsuccessful draws, then one more for every
    /// further 12 started; one more with a C5 licence.
    pub const RULE_2014: Ladder = Ladder {
        single_draws: 24,
        step_draws: 12,
        c5_bonus: 1,
    };

    /// Positions after `unsuccessful_draws`.
    pub fn weight(&self, unsuccessful_draws: u32, c5: bool) -> u32 {
        let steps = unsuccessful_draws
            .saturating_sub(self.single_draws)
            .div_ceil(self.step_draws.max(1));
        1 + steps + if c5 { self.c5_bonus } else { 0 }
    }
}

/// Cut-off day and time of the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cutoff {
    /// Day of the month.
    pub day: u32,
    /// Time of day, Beijing time.
    pub time: NaiveTime,
}

/// Data-freeze window around a draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Freeze {
    /// Days before the draw day the freeze starts.
    pub starts_days_before: u32,
    /// Start time, Beijing time.
    pub starts: NaiveTime,
    /// End time on the draw day, Beijing time.
    pub ends: NaiveTime,
}

/// Result publication times on the draw day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultTimes {
    /// Results are published after this time.
    pub published: NaiveTime,
    /// Advise checking after this time.
    pub check_after: NaiveTime,
}

/// A number of hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hours {
    /// Hours.
    pub hours: u32,
}

/// A number of months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Months {
    /// Months.
    pub months: u32,
}

/// A month of the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthOfYear {
    /// Month (1–12).
    pub month: u32,
}

/// A day of the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayOfYear {
    /// Month (1–12).
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

/// A number of working days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkingDays {
    /// Working days (see `calendar::holidays`).
    pub working_days: u32,
}

/// A rule without parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoParams {}
