import Foundation
import YaohaoFFI

/// The draw-day background check (BGTaskScheduler): when to run it. The check itself is
/// `AppState.runDrawDayCheck()`.
public enum DrawDayCheck {
    /// The task identifier (also in Info.plist's `BGTaskSchedulerPermittedIdentifiers`).
    public static let taskIdentifier = "app.yaohao.draw-day-check"
    /// How long after a draw its results are looked for when no publication time is known.
    public static let afterDraw: TimeInterval = 3600

    /// The earliest time the check should run: the next results publication, or an hour after
    /// the next draw, whichever comes first after `now`; `nil` when none is ahead.
    public static func nextRun(events: [UpcomingEvent], now: Date) -> Date? {
        events.compactMap { event -> Date? in
            switch event.kind {
            case .resultsPublished: event.at
            case .draw: event.at.addingTimeInterval(afterDraw)
            default: nil
            }
        }
        .filter { $0 > now }
        .min()
    }
}

/// Days, hours and minutes until an event, for the dashboard's countdowns.
public struct Countdown: Sendable, Hashable {
    /// Whole days left.
    public var days: Int
    /// Hours left after the days.
    public var hours: Int
    /// Minutes left after the hours.
    public var minutes: Int

    /// The time from `now` to `date` (zero once it has passed).
    public init(from now: Date, to date: Date) {
        let total = max(0, Int(date.timeIntervalSince(now)) / 60)
        days = total / (24 * 60)
        hours = total / 60 % 24
        minutes = total % 60
    }

    /// Whether nothing is left.
    public var isOver: Bool { days == 0 && hours == 0 && minutes == 0 }
}
