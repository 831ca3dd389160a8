//! Odds of winning an ordinary draw and the expected wait — estimates, `docs/domain.md` §3.
//!
//! One draw: `P ≈ 1 − (1 − 1/N)^(k·Q)` for weight k in a pool of N positions with Q winners.
//! The wait assumes the pool and quota stay as they are; with a draw history the weight grows by
//! the 2014 ladder rule after every unsuccessful draw.

use crate::i18n::Reason;
use crate::points::ladder_weight;
use serde::{Deserialize, Serialize};

/// Longest horizon the wait is computed over (draws).
pub const HORIZON: u32 = 100_000;

/// Most points on the chance-over-time curve.
pub const CURVE_POINTS: u32 = 48;

/// The chance the curve runs up to (or the horizon, when it is never reached).
pub const CURVE_END: f64 = 0.99;

/// The most positions a pool can hold: the official generator draws below 2³¹ − 1.
pub const MAX_POOL: u64 = i32::MAX as u64;

/// What the odds are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OddsInput {
    /// Pool size N in positions (ladder copies included).
    pub pool_size: u64,
    /// Quota Q: winners per draw.
    pub quota: u64,
    /// The applicant's weight k now.
    pub weight: u32,
    /// Unsuccessful draws so far; when given, the weight grows by the 2014 ladder rule.
    pub unsuccessful_draws: Option<u32>,
    /// With `unsuccessful_draws`: whether a C5 licence adds +1.
    pub c5: bool,
    /// Draws per year under the policy (6 bimonthly, 2 annual-2021 ordinary).
    pub draws_per_year: f64,
}

/// Odds for one draw and the expected wait.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Odds {
    /// Probability of winning the next draw (an estimate).
    pub probability: f64,
    /// The same as "1 in X".
    pub one_in: f64,
    /// Expected number of draws until a win, this one included.
    pub expected_draws: f64,
    /// Draws until the chance of having won reaches one half.
    pub median_draws: u32,
    /// Expected wait in years.
    pub expected_years: f64,
    /// Median wait in years.
    pub median_years: f64,
    /// The wait was cut at [`HORIZON`] draws: the waits are lower bounds.
    pub capped: bool,
    /// The chance of having won within n draws, for at most [`CURVE_POINTS`] evenly spaced n up
    /// to the draw where it reaches [`CURVE_END`]: the odds chart.
    pub curve: Vec<OddsPoint>,
}

/// One point of the chance-over-time curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OddsPoint {
    /// Draws from now, this one included.
    pub draws: u32,
    /// The same in years.
    pub years: f64,
    /// The chance of having won within those draws.
    pub probability: f64,
}

/// Samples the cumulative chances (index t: within t + 1 draws) up to [`CURVE_END`].
fn curve(cumulative: &[f64], draws_per_year: f64) -> Vec<OddsPoint> {
    let span = cumulative
        .iter()
        .position(|&p| p >= CURVE_END)
        .map_or(cumulative.len(), |t| t + 1);
    let step = span.div_ceil(CURVE_POINTS as usize).max(1);
    let mut draws: Vec<usize> = (step..=span).step_by(step).collect();
    if draws.last() != Some(&span) {
        draws.push(span);
    }
    draws
        .into_iter()
        .map(|n| {
            let n32 = u32::try_from(n).unwrap_or(u32::MAX);
            OddsPoint {
                draws: n32,
                years: f64::from(n32) / draws_per_year,
                probability: cumulative[n - 1],
            }
        })
        .collect()
}

/// The probability that weight `weight` wins one draw of `quota` in a pool of `pool_size`.
pub fn win_probability(pool_size: u64, quota: u64, weight: u32) -> f64 {
    if quota >= pool_size {
        return 1.0;
    }
    let n = pool_size as f64;
    let exponent = f64::from(weight) * quota as f64;
    -(exponent * (-1.0 / n).ln_1p()).exp_m1()
}

/// Computes the odds, or explains which input is impossible.
pub fn odds(input: &OddsInput) -> Result<Odds, Reason> {
    if input.pool_size == 0 || input.pool_size > MAX_POOL {
        return Err(Reason::new(
            "pool_size",
            format!("号池规模须在 1 到 {MAX_POOL}（官方随机数的上限）之间。"),
            format!(
                "The pool size must be between 1 and {MAX_POOL} (the official generator's range)."
            ),
        ));
    }
    if input.quota == 0 {
        return Err(Reason::new(
            "quota",
            "指标数必须大于 0。",
            "The quota must be greater than 0.",
        ));
    }
    if input.weight == 0 || u64::from(input.weight) > input.pool_size {
        return Err(Reason::new(
            "weight",
            "倍数（阶梯）须在 1 到号池规模之间。",
            "The weight (ladder) must be between 1 and the pool size.",
        ));
    }
    if !(input.draws_per_year > 0.0 && input.draws_per_year.is_finite()) {
        return Err(Reason::new(
            "draws_per_year",
            "每年摇号次数必须大于 0。",
            "Draws per year must be greater than 0.",
        ));
    }
    let probability = win_probability(input.pool_size, input.quota, input.weight);
    let weight_at = |t: u32| match input.unsuccessful_draws {
        Some(n) => ladder_weight(n.saturating_add(t), input.c5).max(input.weight),
        None => input.weight,
    };
    let mut survival = 1.0_f64;
    let mut expected = 0.0_f64;
    let mut median = None;
    let mut cumulative = Vec::new();
    for t in 0..HORIZON {
        expected += survival;
        survival *= 1.0 - win_probability(input.pool_size, input.quota, weight_at(t));
        cumulative.push(1.0 - survival);
        if median.is_none() && survival <= 0.5 {
            median = Some(t + 1);
        }
        if survival < 1e-12 {
            break;
        }
    }
    let capped = survival >= 1e-12;
    let median_draws = median.unwrap_or(HORIZON);
    Ok(Odds {
        probability,
        one_in: 1.0 / probability,
        expected_draws: expected,
        median_draws,
        expected_years: expected / input.draws_per_year,
        median_years: f64::from(median_draws) / input.draws_per_year,
        capped,
        curve: curve(&cumulative, input.draws_per_year),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pool_size: u64, quota: u64, weight: u32) -> OddsInput {
        OddsInput {
            pool_size,
            quota,
            weight,
            unsuccessful_draws: None,
            c5: false,
            draws_per_year: 6.0,
        }
    }

    #[test]
    fn one_draw_matches_the_formula() {
        // 201506 individual ordinary: N 3,647,274 and Q 17,804 ≈ 1 in 205 for weight 1.
        let p = win_probability(3_647_274, 17_804, 1);
        let direct = 1.0 - (1.0 - 1.0 / 3_647_274.0_f64).powf(17_804.0);
        assert!((p - direct).abs() < 1e-12);
        assert!((204.0..206.0).contains(&(1.0 / p)));
        assert!(win_probability(3_647_274, 17_804, 3) > 2.9 * p);
        assert_eq!(win_probability(100, 100, 1), 1.0);
    }

    #[test]
    fn constant_weight_wait_is_geometric() {
        let o = odds(&input(1_000_000, 1_000, 1)).unwrap();
        assert!((o.expected_draws - 1.0 / o.probability).abs() / o.expected_draws < 1e-6);
        assert!((o.expected_years - o.expected_draws / 6.0).abs() < 1e-9);
        // Median of a geometric distribution: ceil(ln 0.5 / ln(1 − p)).
        let m = ((0.5f64).ln() / (1.0 - o.probability).ln()).ceil() as u32;
        assert_eq!(o.median_draws, m);
    }

    #[test]
    fn ladder_growth_shortens_the_wait() {
        let flat = odds(&input(9_000_000, 10_000, 1)).unwrap();
        let growing = odds(&OddsInput {
            unsuccessful_draws: Some(24),
            ..input(9_000_000, 10_000, 1)
        })
        .unwrap();
        assert!(growing.expected_draws < flat.expected_draws);
        assert_eq!(growing.probability, flat.probability);
    }

    #[test]
    fn the_curve_rises_to_the_end_and_passes_the_median() {
        let o = odds(&input(1_000_000, 1_000, 1)).unwrap();
        let c = &o.curve;
        assert!(c.len() <= CURVE_POINTS as usize + 1 && c.len() > 10);
        assert!(c.windows(2).all(|w| w[0].draws < w[1].draws));
        assert!(c.windows(2).all(|w| w[0].probability <= w[1].probability));
        let last = c.last().unwrap();
        assert!(last.probability >= CURVE_END);
        // Geometric: within n draws = 1 − (1 − p)^n.
        for point in c {
            let exact = 1.0 - (1.0 - o.probability).powi(point.draws as i32);
            assert!((point.probability - exact).abs() < 1e-9);
            assert!((point.years - f64::from(point.draws) / 6.0).abs() < 1e-12);
        }
        let at_median = c.iter().find(|p| p.draws >= o.median_draws).unwrap();
        assert!(at_median.probability >= 0.5);
    }

    #[test]
    fn a_sure_win_is_one_point() {
        let o = odds(&input(10, 10, 1)).unwrap();
        assert_eq!(o.curve.len(), 1);
        assert_eq!(o.curve[0].draws, 1);
        assert_eq!(o.curve[0].probability, 1.0);
    }

    #[test]
    fn rejects_impossible_inputs() {
        assert_eq!(odds(&input(0, 1, 1)).unwrap_err().code, "pool_size");
        assert_eq!(odds(&input(10, 0, 1)).unwrap_err().code, "quota");
        assert_eq!(odds(&input(10, 1, 11)).unwrap_err().code, "weight");
        assert_eq!(
            odds(&OddsInput {
                draws_per_year: 0.0,
                ..input(10, 1, 1)
            })
            .unwrap_err()
            .code,
            "draws_per_year"
        );
    }
}
