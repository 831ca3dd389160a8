import Foundation
import UserNotifications
import YaohaoKit

/// The core's reminders, draw-day checks and result notifications on UNUserNotificationCenter. Identifiers come
/// from the core and are stable, so adding one again replaces it instead of doubling it.
struct UserNotificationCenter: LocalNotificationCenter {
    /// The `userInfo` key of a notification's `yaohao://` link.
    static let deepLinkKey = "deep_link"

    /// Asks for permission to alert (the app state asks only after the privacy consent).
    func requestAuthorization() async -> Bool {
        (try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound, .badge])) ?? false
    }

    func pendingIdentifiers() async -> [String] {
        await UNUserNotificationCenter.current().pendingNotificationRequests().map(\.identifier)
    }

    func add(_ notification: LocalNotification) async throws {
        let content = UNMutableNotificationContent()
        content.title = notification.title
        content.body = notification.body
        content.sound = .default
        content.userInfo = [Self.deepLinkKey: notification.deepLink]
        let trigger = notification.fireAt.map { date in
            UNCalendarNotificationTrigger(
                dateMatching: Calendar.current.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date),
                repeats: false)
        }
        let request = UNNotificationRequest(identifier: notification.identifier, content: content, trigger: trigger)
        try await UNUserNotificationCenter.current().add(request)
    }

    func removePending(identifiers: [String]) async {
        UNUserNotificationCenter.current().removePendingNotificationRequests(withIdentifiers: identifiers)
    }
}
