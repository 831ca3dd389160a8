//! The policy regimes the core ships, as the apps list them. The calendar and the reminders
//! come from the facade (`calendar`, `reminder_plan`), computed for the portal's regime.

use yaohao_core::policy;

/// A policy regime as the apps list it.
#[derive(uniffi::Record)]
pub struct PolicySummary {
    /// Stable name, e.g. `bimonthly-2014`.
    pub name: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Ordinary lotteries a year.
    pub ordinary_draws_per_year: u32,
    /// Whether this is the default policy.
    pub is_default: bool,
}

/// Every policy regime shipped with the core.
#[uniffi::export]
pub fn policies() -> Vec<PolicySummary> {
    let default = policy::default_policy().name.as_str();
    policy::all()
        .iter()
        .map(|p| PolicySummary {
            name: p.name.clone(),
            title_zh: p.title.zh.clone(),
            title_en: p.title.en.clone(),
            ordinary_draws_per_year: p.ordinary_draws_per_year(),
            is_default: p.name == default,
        })
        .collect()
}
