//! When to try an idempotent call again: bounded attempts and time, exponential backoff with full
//! jitter, and the portal's `Retry-After` honoured up to a ceiling.

use std::time::Duration;

/// Retry limits for idempotent calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// First backoff ceiling; doubles per attempt.
    pub base_delay: Duration,
    /// Largest single wait.
    pub max_delay: Duration,
    /// No new attempt starts once this much time has passed since the first.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(5),
            budget: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` (attempt counts from 1): a uniformly random delay up
    /// to the exponential ceiling ("full jitter"), or the server's `Retry-After` if larger, never
    /// beyond `max_delay`. `unit` is a random number in `[0, 1)`.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>, unit: f64) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.max_delay);
        let jittered = ceiling.mul_f64(unit.clamp(0.0, 1.0));
        retry_after
            .map_or(jittered, |r| r.max(jittered))
            .min(self.max_delay)
    }

    /// Whether another attempt may start after `attempt` attempts and `elapsed` time, waiting
    /// `wait` first.
    pub fn allows(&self, attempt: u32, elapsed: Duration, wait: Duration) -> bool {
        attempt < self.max_attempts && elapsed + wait < self.budget
    }
}

/// A random number in `[0, 1)` from the operating system (jitter needs no reproducibility).
pub fn unit_random() -> f64 {
    let mut bytes = [0u8; 8];
    match getrandom::fill(&mut bytes) {
        Ok(()) => (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64,
        Err(_) => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_grows_exponentially_within_the_ceiling() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, None, 0.999_999),
            Duration::from_millis(250).mul_f64(0.999_999)
        );
        assert!(p.delay(3, None, 0.999_999) > Duration::from_millis(999));
        assert!(p.delay(3, None, 0.999_999) <= Duration::from_millis(1000));
        assert_eq!(p.delay(30, None, 1.0), p.max_delay);
        assert_eq!(p.delay(2, None, 0.0), Duration::ZERO);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_ceiling() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(2)), 0.5),
            Duration::from_secs(2)
        );
        assert_eq!(p.delay(1, Some(Duration::from_secs(600)), 0.5), p.max_delay);
    }

    #[test]
    fn attempts_and_time_are_bounded() {
        let p = RetryPolicy::default();
        assert!(p.allows(1, Duration::ZERO, Duration::from_secs(1)));
        assert!(!p.allows(4, Duration::ZERO, Duration::ZERO));
        assert!(!p.allows(1, Duration::from_secs(29), Duration::from_secs(2)));
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let draws: Vec<f64> = (0..32).map(|_| unit_random()).collect();
        assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
        assert!(draws.windows(2).any(|w| w[0] != w[1]));
    }
}
