//! Periods (分期): the draws the portal schedules, and the operator's requests about them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::forms::ApplicationKind;
use super::status::PeriodStatus;
use crate::i18n::Text;
use crate::results::{Applicant, Category, QuotaKind};

/// What a period allocates: which lottery of the 分期 it draws. Closed: the client reads it to
/// know whose list a period publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// The individual ordinary lottery (个人普通指标).
    #[default]
    Draw,
    /// The family ordinary lottery (家庭普通指标), drawn alongside the individual one where the
    /// regime gives families a share of the ordinary quota.
    FamilyDraw,
    /// The unit ordinary lottery (单位普通指标): one position per unit, a quota of its own.
    UnitDraw,
    /// The unit new-energy lottery (单位新能源指标): one position per unit, a quota of its own.
    UnitNevDraw,
}

impl PeriodKind {
    /// Every kind.
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Draw,
        PeriodKind::FamilyDraw,
        PeriodKind::UnitDraw,
        PeriodKind::UnitNevDraw,
    ];

    /// The wire (and stored) name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Draw => "draw",
            PeriodKind::FamilyDraw => "family_draw",
            PeriodKind::UnitDraw => "unit_draw",
            PeriodKind::UnitNevDraw => "unit_nev_draw",
        }
    }

    /// The kind with this wire name.
    pub fn parse(name: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The category of the lists it publishes.
    pub fn category(self) -> Category {
        let (applicant, quota) = match self {
            PeriodKind::Draw => (Applicant::Individual, QuotaKind::Ordinary),
            PeriodKind::FamilyDraw => (Applicant::Family, QuotaKind::Ordinary),
            PeriodKind::UnitDraw => (Applicant::Unit, QuotaKind::Ordinary),
            PeriodKind::UnitNevDraw => (Applicant::Unit, QuotaKind::Nev),
        };
        Category { applicant, quota }
    }

    /// The applications it draws.
    pub fn entrants(self) -> ApplicationKind {
        match self {
            PeriodKind::Draw => ApplicationKind::IndividualOrdinary,
            PeriodKind::FamilyDraw => ApplicationKind::FamilyOrdinary,
            PeriodKind::UnitDraw => ApplicationKind::UnitOrdinary,
            PeriodKind::UnitNevDraw => ApplicationKind::UnitNev,
        }
    }
}

/// The portal's id of the list of `category` in the period numbered `number` (分期编号): the
/// number itself for the individual ordinary list, the number and the category otherwise
/// (`202606-family_ordinary`), since one 分期 publishes one list per category.
pub fn period_id(number: &str, category: Category) -> String {
    match (category.applicant, category.quota) {
        (Applicant::Individual, QuotaKind::Ordinary) => number.to_owned(),
        _ => format!("{number}-{}", category.as_str()),
    }
}

/// The period number (分期编号) of a portal period id: the inverse of [`period_id`].
pub fn period_number(id: &str) -> &str {
    id.split_once('-').map_or(id, |(number, _)| number)
}

/// How to name the period `id` to a reader: `第 202601 期` for the individual ordinary list,
/// with the list's category after it for the others (`第 202601 期家庭普通指标`).
pub fn period_label(id: &str) -> Text {
    let number = period_number(id);
    let category = id.split_once('-').and_then(|(_, name)| {
        [Applicant::Individual, Applicant::Unit, Applicant::Family]
            .into_iter()
            .flat_map(|applicant| {
                [QuotaKind::Ordinary, QuotaKind::Nev].map(|quota| Category { applicant, quota })
            })
            .find(|c| c.as_str() == name)
    });
    match category {
        None => Text::new(format!("第 {number} 期"), format!("period {number}")),
        Some(c) => Text::new(
            format!("第 {number} 期{}{}指标", c.applicant.zh(), c.quota.zh()),
            format!("period {number} ({})", c.as_str().replace('_', " ")),
        ),
    }
}

/// A period as clients and the operator see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The portal's id: the period number (分期编号: the draw's year and its sequence in that
    /// year, `202606` is the sixth draw of 2026, not the month) for the individual list, with the
    /// category after it for the others ([`period_id`]).
    pub id: String,
    /// What it allocates.
    #[serde(default)]
    pub kind: PeriodKind,
    /// Title as in the result file.
    pub title: String,
    /// Quotas to allocate.
    pub quota: i64,
    /// Lifecycle.
    pub status: PeriodStatus,
    /// Applications approved by then join this draw.
    pub cutoff_at: DateTime<Utc>,
    /// Queries are unavailable from here…
    pub freeze_from: DateTime<Utc>,
    /// …to here.
    pub freeze_until: DateTime<Utc>,
    /// Scheduled draw.
    pub draw_at: DateTime<Utc>,
    /// Scheduled publication.
    pub publish_at: DateTime<Utc>,
    /// N: pool positions, once frozen.
    #[serde(default)]
    pub pool_size: Option<i64>,
    /// The seed, once drawn.
    #[serde(default)]
    pub seed: Option<String>,
    /// When the draw ran.
    #[serde(default)]
    pub run_at: Option<DateTime<Utc>>,
    /// When results were published.
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
}

/// `POST /v1/operator/periods`: schedule the next draw of a lottery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPeriod {
    /// Quotas to allocate (≥ 1).
    pub quota: u32,
    /// Which lottery (default the individual one, which also makes the family period where the
    /// regime has one; the unit lotteries have quotas of their own).
    #[serde(default)]
    pub kind: PeriodKind,
    /// 摇号日期: an ordinary draw day of the policy (default: the next one).
    #[serde(default)]
    pub draw_date: Option<NaiveDate>,
}

/// `POST /v1/operator/periods/{id}/draw`: the seed, or none for an OS-random one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DrawRequest {
    /// 1–9 digits.
    #[serde(default)]
    pub seed: Option<String>,
}

/// `GET /v1/me/queue`: one application's rank (NEV queue or family points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRank {
    /// The application.
    pub application_id: i64,
    /// `individual_nev` (queue) or `family` (points).
    pub kind: ApplicationKind,
    /// 1-based rank.
    pub rank: i64,
    /// Applications ranked.
    pub total: i64,
    /// Family points.
    #[serde(default)]
    pub points: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_id_names_its_number_and_category_and_reads_back() {
        for kind in PeriodKind::ALL {
            let id = period_id("202601", kind.category());
            assert_eq!(period_number(&id), "202601");
            assert_eq!(kind.entrants().lottery(), Some(kind));
            assert_eq!(PeriodKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(period_id("202601", PeriodKind::Draw.category()), "202601");
        assert_eq!(
            period_id("202601", PeriodKind::FamilyDraw.category()),
            "202601-family_ordinary"
        );
        // A list of another category of the same 分期 has an id of its own.
        let unit = Category {
            applicant: Applicant::Unit,
            quota: QuotaKind::Ordinary,
        };
        assert_eq!(period_id("201506", unit), "201506-unit_ordinary");
        assert_eq!(period_label("202601").zh, "第 202601 期");
        let family = period_label("202601-family_ordinary");
        assert_eq!(family.zh, "第 202601 期家庭普通指标");
        assert_eq!(family.en, "period 202601 (family ordinary)");
    }
}
