//! Reconciling the notifications scheduled on the device with the reminders that should be:
//! which ids to cancel, which reminders to (re)schedule, and in what order. The shell only
//! performs the calls ([`Scheduler`]); what to call is decided here.

use super::Reminder;
use std::collections::BTreeSet;

/// The device's notification scheduler as reconciliation sees it (AlarmManager on Android,
/// UNUserNotificationCenter on iOS, behind the app's foreign trait). Scheduling an id that exists
/// replaces it.
pub trait Scheduler {
    /// What the platform reports when a call fails.
    type Error;
    /// Ids of the reminders currently scheduled by Yaohao.
    fn scheduled_ids(&self) -> Result<Vec<String>, Self::Error>;
    /// Schedules (or replaces) one reminder.
    fn schedule(&self, reminder: Reminder) -> Result<(), Self::Error>;
    /// Cancels one reminder; unknown ids are ignored.
    fn cancel(&self, id: String) -> Result<(), Self::Error>;
}

/// What to do so that the device holds exactly the wanted reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Scheduled ids that are no longer wanted, each once, in the device's order.
    pub cancel: Vec<String>,
    /// Every wanted reminder (new ones and replacements), each id once (the first wins), in the
    /// wanted order.
    pub schedule: Vec<Reminder>,
}

/// The plan that turns the device's `scheduled` ids into exactly `wanted`. Wanted reminders are
/// all scheduled again: the device reports ids, not contents, and a reminder's text or time may
/// have changed under the same id.
pub fn plan(scheduled: Vec<String>, wanted: Vec<Reminder>) -> Plan {
    let mut seen = BTreeSet::new();
    let schedule: Vec<Reminder> = wanted
        .into_iter()
        .filter(|r| seen.insert(r.id.clone()))
        .collect();
    let mut cancelled = BTreeSet::new();
    let cancel = scheduled
        .into_iter()
        .filter(|id| !seen.contains(id) && cancelled.insert(id.clone()))
        .collect();
    Plan { cancel, schedule }
}

/// What [`sync`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    /// Ids scheduled (new or replaced).
    pub scheduled: Vec<String>,
    /// Ids cancelled because they are no longer wanted.
    pub cancelled: Vec<String>,
}

/// Makes `scheduler` hold exactly `wanted`: cancels stale ids first (so a refused schedule never
/// leaves an outdated reminder behind), then (re)schedules the rest. Stops at the first failure.
/// Running it twice with the same reminders cancels nothing the second time.
pub fn sync<S: Scheduler + ?Sized>(
    scheduler: &S,
    wanted: Vec<Reminder>,
) -> Result<Synced, S::Error> {
    let Plan { cancel, schedule } = plan(scheduler.scheduled_ids()?, wanted);
    for id in &cancel {
        scheduler.cancel(id.clone())?;
    }
    let mut scheduled = Vec::with_capacity(schedule.len());
    for reminder in schedule {
        scheduled.push(reminder.id.clone());
        scheduler.schedule(reminder)?;
    }
    Ok(Synced {
        scheduled,
        cancelled: cancel,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;
    use crate::reminders::ReminderKind;
    use chrono::{TimeZone, Utc};
    use std::cell::RefCell;

    fn reminder(id: &str, hour: u32) -> Reminder {
        Reminder {
            id: id.to_owned(),
            kind: ReminderKind::CutoffSoon,
            fire_at: Utc.with_ymd_and_hms(2026, 12, 8, hour, 0, 0).unwrap(),
            title: Text::new("截止", "Cut-off"),
            body: Text::new("还有三天", "Three days left"),
            deep_link: "yaohao://calendar".to_owned(),
        }
    }

    fn ids(reminders: &[Reminder]) -> Vec<&str> {
        reminders.iter().map(|r| r.id.as_str()).collect()
    }

    /// A device in memory: what is scheduled, every call in order, and an optional refusal.
    #[derive(Default)]
    struct Device {
        scheduled: RefCell<Vec<Reminder>>,
        calls: RefCell<Vec<String>>,
        refuse: Option<&'static str>,
    }

    impl Scheduler for Device {
        type Error = String;
        fn scheduled_ids(&self) -> Result<Vec<String>, String> {
            Ok(self
                .scheduled
                .borrow()
                .iter()
                .map(|r| r.id.clone())
                .collect())
        }
        fn schedule(&self, reminder: Reminder) -> Result<(), String> {
            self.calls
                .borrow_mut()
                .push(format!("schedule {}", reminder.id));
            if self.refuse == Some(reminder.id.as_str()) {
                return Err(format!("refused {}", reminder.id));
            }
            let mut scheduled = self.scheduled.borrow_mut();
            scheduled.retain(|r| r.id != reminder.id);
            scheduled.push(reminder);
            Ok(())
        }
        fn cancel(&self, id: String) -> Result<(), String> {
            self.calls.borrow_mut().push(format!("cancel {id}"));
            self.scheduled.borrow_mut().retain(|r| r.id != id);
            Ok(())
        }
    }

    #[test]
    fn stale_ids_are_cancelled_and_every_wanted_reminder_is_scheduled() {
        let plan = plan(
            vec!["a".into(), "old".into(), "b".into()],
            vec![reminder("b", 1), reminder("c", 2), reminder("a", 3)],
        );
        assert_eq!(plan.cancel, ["old"]);
        assert_eq!(ids(&plan.schedule), ["b", "c", "a"]);
    }

    #[test]
    fn duplicates_are_planned_once() {
        let plan = plan(
            vec!["old".into(), "old".into(), "a".into()],
            vec![reminder("a", 1), reminder("a", 2)],
        );
        assert_eq!(plan.cancel, ["old"]);
        assert_eq!(ids(&plan.schedule), ["a"]);
        assert_eq!(plan.schedule[0].fire_at, reminder("a", 1).fire_at);
    }

    #[test]
    fn nothing_wanted_cancels_everything_and_an_empty_device_schedules_everything() {
        let cleared = plan(vec!["a".into(), "b".into()], Vec::new());
        assert_eq!(cleared.cancel, ["a", "b"]);
        assert!(cleared.schedule.is_empty());
        let fresh = plan(Vec::new(), vec![reminder("a", 1)]);
        assert!(fresh.cancel.is_empty());
        assert_eq!(ids(&fresh.schedule), ["a"]);
    }

    #[test]
    fn sync_cancels_first_then_schedules_and_is_idempotent() {
        let device = Device::default();
        device.scheduled.borrow_mut().push(reminder("old", 1));
        let first = sync(&device, vec![reminder("a", 1), reminder("b", 2)]).unwrap();
        assert_eq!(first.cancelled, ["old"]);
        assert_eq!(first.scheduled, ["a", "b"]);
        assert_eq!(
            *device.calls.borrow(),
            ["cancel old", "schedule a", "schedule b"]
        );
        assert_eq!(ids(&device.scheduled.borrow()), ["a", "b"]);

        let second = sync(&device, vec![reminder("a", 1), reminder("b", 2)]).unwrap();
        assert!(second.cancelled.is_empty());
        assert_eq!(second.scheduled, ["a", "b"]);
        assert_eq!(ids(&device.scheduled.borrow()), ["a", "b"]);

        let kept = sync(&device, vec![reminder("b", 2)]).unwrap();
        assert_eq!(kept.cancelled, ["a"]);
        assert_eq!(ids(&device.scheduled.borrow()), ["b"]);
    }

    #[test]
    fn a_refusal_stops_the_sync_after_the_stale_ids_are_gone() {
        let device = Device {
            refuse: Some("b"),
            ..Device::default()
        };
        device.scheduled.borrow_mut().push(reminder("old", 1));
        let refused = sync(
            &device,
            vec![reminder("a", 1), reminder("b", 2), reminder("c", 3)],
        );
        assert_eq!(refused, Err("refused b".to_owned()));
        assert_eq!(
            *device.calls.borrow(),
            ["cancel old", "schedule a", "schedule b"]
        );
        assert_eq!(ids(&device.scheduled.borrow()), ["a"]);
    }
}
