import Foundation

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
    /// Asks the user for permission to alert; whether it was granted.
    func requestAuthorization() async -> Bool
    /// Identifiers of every pending request.
    func pendingIdentifiers() async -> [String]
    /// Adds a request (replacing a pending one with the same identifier).
    func add(_ notification: LocalNotification) async throws
    /// Removes pending requests.
    func removePending(identifiers: [String]) async
}

/// Performs what the core plans on the notification center: its reminders (`reminderPlan`,
/// stable ids), its result notifications and its draw-day checks. Reminder requests are the
/// core's ids prefixed with `reminder.`, draw-day checks with `check.`; result notifications use
/// the core's `result:<period>:<code>`, so a repeat replaces, never doubles.
public struct NotificationPlanner: Sendable {
    /// Prefix of reminder request identifiers.
    public static let reminderPrefix = "reminder."
    /// Prefix of draw-day check request identifiers.
    public static let checkPrefix = "check."

    private let center: any LocalNotificationCenter
    private let language: Lang

    /// A planner on `center`, writing in `language`.
    public init(center: any LocalNotificationCenter, language: Lang) {
        self.center = center
        self.language = language
    }

    /// Cancels the reminders the core no longer wants and (re)schedules the ones it does.
    public func apply(_ plan: ReminderPlan) async throws(PortalError) {
        await center.removePending(identifiers: plan.cancel.map { Self.reminderPrefix + $0 })
        try await add(plan.schedule.map {
            LocalNotification(identifier: Self.reminderPrefix + $0.id, title: $0.title.resolved(language),
                              body: $0.body.resolved(language), fireAt: $0.fireAt, deepLink: $0.deepLink)
        })
    }

    /// A notification at each draw-day check, so a user without push or background refresh
    /// still opens the app when results may be out; earlier checks no longer planned are removed.
    public func schedule(_ checks: [PlannedCheck]) async throws(PortalError) {
        let wanted = Set(checks.map { Self.checkPrefix + $0.id })
        let stale = await center.pendingIdentifiers().filter { $0.hasPrefix(Self.checkPrefix) && !wanted.contains($0) }
        await center.removePending(identifiers: stale)
        try await add(checks.map { check in
            let text = Self.checkText(period: check.period)
            return LocalNotification(identifier: Self.checkPrefix + check.id, title: text.title.resolved(language),
                                     body: text.body.resolved(language), fireAt: check.at,
                                     deepLink: "yaohao://results")
        })
    }

    /// Shows result notifications now.
    public func show(_ notifications: [ResultNotification]) async throws(PortalError) {
        try await add(notifications.map {
            LocalNotification(identifier: $0.id, title: $0.title.resolved(language), body: $0.body.resolved(language),
                              fireAt: nil, deepLink: $0.deepLink)
        })
    }

    /// Removes every reminder and draw-day check (the session ended); other notifications stay.
    public func removeAll() async {
        let ours = await center.pendingIdentifiers().filter {
            $0.hasPrefix(Self.reminderPrefix) || $0.hasPrefix(Self.checkPrefix)
        }
        await center.removePending(identifiers: ours)
    }

    /// The text of a draw-day check notification for `period`.
    static func checkText(period: String) -> (title: BilingualText, body: BilingualText) {
        (BilingualText(zh: "第\(period)期摇号结果", en: "Results of period \(period)"),
         BilingualText(zh: "结果可能已公布，打开应用查看。", en: "The results may be out: open the app to see them."))
    }

    private func add(_ notifications: [LocalNotification]) async throws(PortalError) {
        for notification in notifications {
            do {
                try await center.add(notification)
            } catch {
                throw PortalError.other(BilingualText(zh: "无法设置提醒：\(error)",
                                                      en: "Could not schedule reminders: \(error)"))
            }
        }
    }
}
