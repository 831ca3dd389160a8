//! The portal's clock: the system clock, or a simulated one that the operator moves forward so a
//! whole draw cycle runs in seconds.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};

/// Where the portal reads the current instant.
#[derive(Debug, Clone)]
pub enum Clock {
    /// Real time.
    System,
    /// A simulated instant, only ever moved forward by [`Clock::advance`].
    Simulated(Arc<RwLock<DateTime<Utc>>>),
}

/// The clock cannot be moved: it is the system clock, or the step is negative.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// Only a simulated clock can be advanced.
    #[error("the system clock cannot be advanced")]
    NotSimulated,
    /// Time only moves forward.
    #[error("a clock can only move forward")]
    Backwards,
    /// Simulated time stays within 2000–2099, the range the policy data and calendar cover.
    #[error("a simulated clock stays between 2000 and 2099")]
    OutOfRange,
}

/// Whether `at` lies in the range a simulated clock may take (2000-01-01 to 2099-12-31, UTC).
pub fn in_range(at: DateTime<Utc>) -> bool {
    (946_684_800..4_102_444_800).contains(&at.timestamp())
}

impl Clock {
    /// A simulated clock starting at `start`.
    pub fn simulated(start: DateTime<Utc>) -> Clock {
        Clock::Simulated(Arc::new(RwLock::new(start)))
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Simulated(at) => *at.read().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Whether this clock is simulated.
    pub fn is_simulated(&self) -> bool {
        matches!(self, Clock::Simulated(_))
    }

    /// Moves a simulated clock forward by `step` and returns the new instant.
    pub fn advance(&self, step: Duration) -> Result<DateTime<Utc>, ClockError> {
        let to = self
            .now()
            .checked_add_signed(step)
            .ok_or(ClockError::OutOfRange)?;
        self.set(to)
    }

    /// Moves a simulated clock forward to `to` and returns it.
    pub fn set(&self, to: DateTime<Utc>) -> Result<DateTime<Utc>, ClockError> {
        match self {
            Clock::System => Err(ClockError::NotSimulated),
            Clock::Simulated(at) => {
                let mut at = at.write().unwrap_or_else(|poisoned| poisoned.into_inner());
                if to < *at {
                    return Err(ClockError::Backwards);
                }
                if !in_range(to) {
                    return Err(ClockError::OutOfRange);
                }
                *at = to;
                Ok(to)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulated_clock_moves_only_forward() {
        let start = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .to_utc();
        let clock = Clock::simulated(start);
        assert_eq!(
            clock.advance(Duration::hours(2)).unwrap(),
            start + Duration::hours(2)
        );
        assert_eq!(clock.now(), start + Duration::hours(2));
        assert_eq!(clock.set(start), Err(ClockError::Backwards));
        assert_eq!(
            Clock::System.advance(Duration::hours(1)),
            Err(ClockError::NotSimulated)
        );
    }
}
