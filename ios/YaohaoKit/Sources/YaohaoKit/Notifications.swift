import Foundation
import YaohaoFFI

/// A local notification as the app's notification center shows it.
public struct LocalNotification: Sendable, Hashable {
    /// Request identifier: adding the same one again replaces the pending request.
    public var identifier: String
    /// Title, in the app's language.
    public var title: String
    /// Body, in the app's language.
    public var body: String
    /// When to show it; `nil` for now.
    public var fireAt: Date?
    /// Where tapping leads (`yaohao://…`).
    public var deepLink: String
}

/// The platform's local notifications (UNUserNotificationCenter in the app, memory in tests).
public protocol LocalNotificationCenter: Sendable {
    /// Identifiers of every pending request.
    func pendingIdentifiers() async -> [String]
    /// Adds a request (replacing a pending one with the same identifier).
    func add(_ notification: LocalNotification) async throws
    /// Removes pending requests.
    func removePending(identifiers: [String]) async
}

/// Puts the core's reminders on the notification center: the core decides what to schedule and
/// cancel (`syncReminders`, stable ids), this performs it. Only requests whose identifier starts
/// with `prefix` are the reminders'; result notifications and others are left alone.
public struct ReminderScheduler: Sendable {
    /// Prefix of reminder request identifiers.
    public static let prefix = "reminder."

    private let center: any LocalNotificationCenter
    private let language: Language

    /// A scheduler on `center`, writing in `language`.
    public init(center: any LocalNotificationCenter, language: Language) {
        self.center = center
        self.language = language
    }

    /// Makes the pending reminders exactly `reminders`; returns the ids scheduled and cancelled.
    /// Running it again with the same reminders changes nothing.
    @discardableResult
    public func sync(_ reminders: [Reminder]) async throws(PortalError) -> (scheduled: [String], cancelled: [String]) {
        let pending = await center.pendingIdentifiers()
            .filter { $0.hasPrefix(Self.prefix) }
            .map { String($0.dropFirst(Self.prefix.count)) }
        let plan = ReminderPlan(pending: pending)
        let sync: ReminderSync
        do {
            sync = try await syncReminders(scheduler: plan, reminders: reminders)
        } catch {
            throw PortalError(error)
        }
        await center.removePending(identifiers: sync.cancelled.map { Self.prefix + $0 })
        for reminder in plan.toSchedule {
            let notification = LocalNotification(
                identifier: Self.prefix + reminder.id, title: reminder.title.localized.resolved(language),
                body: reminder.body.localized.resolved(language), fireAt: reminder.fireAt,
                deepLink: reminder.deepLink)
            do {
                try await center.add(notification)
            } catch {
                throw PortalError(SchedulerError.Refused(reason: "\(error)"))
            }
        }
        return (sync.scheduled, sync.cancelled)
    }

    /// Shows result notifications now (their ids are the core's, so a repeat replaces, never doubles).
    public func show(_ notifications: [ResultNotification]) async throws(PortalError) {
        for n in notifications {
            let local = LocalNotification(identifier: n.id, title: n.title.resolved(language),
                                          body: n.body.resolved(language), fireAt: nil, deepLink: n.deepLink)
            do {
                try await center.add(local)
            } catch {
                throw PortalError(SchedulerError.Refused(reason: "\(error)"))
            }
        }
    }
}

/// The core's `NotificationScheduler` answered from a snapshot of the pending reminders; it only
/// records what to schedule, because UNUserNotificationCenter is asynchronous and the core's
/// callback is not.
final class ReminderPlan: NotificationScheduler, @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [String]
    private var scheduled: [Reminder] = []

    init(pending: [String]) {
        self.pending = pending
    }

    /// The reminders to add, in the core's order.
    var toSchedule: [Reminder] { lock.withLock { scheduled } }

    func scheduledIds() throws -> [String] {
        lock.withLock { pending }
    }

    func schedule(reminder: Reminder) throws {
        lock.withLock {
            scheduled.append(reminder)
            pending.append(reminder.id)
        }
    }

    func cancel(id: String) throws {
        lock.withLock { pending.removeAll { $0 == id } }
    }
}
