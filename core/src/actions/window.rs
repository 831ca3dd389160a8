//! Whether a yearly span of the calendar (the application window, the continuation month) is
//! open at an instant, and when it opens or closes next.

use chrono::{DateTime, Days, Utc};

use crate::calendar::{self, AnnouncedDate, EventKind};
use crate::policy::Policy;
use crate::time::beijing_date;

/// How far ahead the calendar is searched (more than a year: the spans are yearly).
const AHEAD_DAYS: u64 = 400;

/// A yearly span as seen from one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// Whether the instant lies inside the span.
    pub open: bool,
    /// When it opens next (only when closed).
    pub opens_at: Option<DateTime<Utc>>,
    /// When the current or next span closes.
    pub closes_at: Option<DateTime<Utc>>,
}

/// The span from each `opens` event to the following `closes` event, seen at `now`: open when the
/// next close comes before the next opening. `None` when the policy has no such events.
pub(super) fn span(
    policy: &Policy,
    announced: &[AnnouncedDate],
    now: DateTime<Utc>,
    opens: EventKind,
    closes: EventKind,
) -> Option<Span> {
    let today = beijing_date(now);
    let last = today.checked_add_days(Days::new(AHEAD_DAYS))?;
    let events = calendar::events(policy, today, last, announced);
    let next = |kind: EventKind| {
        events
            .iter()
            .filter(|e| e.kind == kind && e.at.to_utc() > now)
            .map(|e| e.at.to_utc())
            .next()
    };
    let (next_open, next_close) = (next(opens), next(closes));
    let close = next_close?;
    let open = next_open.is_none_or(|o| close < o);
    Some(Span {
        open,
        opens_at: if open { None } else { next_open },
        closes_at: Some(close),
    })
}
