import SwiftUI
import UIKit
import UserNotifications
import YaohaoKit

/// Owns the app state and receives what only a delegate can: the APNs device token, result
/// pushes delivered to a running app and taps on notifications.
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    /// The app state every screen shares.
    let state = AppState(core: Composition.core(), notificationCenter: UserNotificationCenter(),
                         background: DrawDayTask(), consent: Consent(defaults: .standard))

    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        // Registering asks the user nothing; the token is sent to the portal once logged in.
        application.registerForRemoteNotifications()
        return true
    }

    func application(_ application: UIApplication, didRegisterForRemoteNotificationsWithDeviceToken deviceToken: Data) {
        Task { await state.registerDeviceToken(deviceToken) }
    }

    func application(_ application: UIApplication, didFailToRegisterForRemoteNotificationsWithError error: any Error) {
        // No push on this device (simulator, no network): the draw-day checks still find results.
    }

    /// A result push reaching the running app: the Notification Service Extension has shown
    /// it; the core checks the period (each outcome is handed out once) and the screens update.
    func application(_ application: UIApplication,
                     didReceiveRemoteNotification userInfo: [AnyHashable: Any]) async -> UIBackgroundFetchResult {
        guard let payload = PushPayload(userInfo: userInfo) else { return .noData }
        return await state.handlePush(payload) > 0 ? .newData : .noData
    }

    // The notification center calls its delegate off the main actor.
    nonisolated func userNotificationCenter(_ center: UNUserNotificationCenter,
                                            willPresent notification: UNNotification) async -> UNNotificationPresentationOptions {
        [.banner, .list, .sound]
    }

    nonisolated func userNotificationCenter(_ center: UNUserNotificationCenter,
                                            didReceive response: UNNotificationResponse) async {
        let link = response.notification.request.content.userInfo[UserNotificationCenter.deepLinkKey] as? String
        let url = link.flatMap(URL.init(string:))
        await MainActor.run { state.openedLink = url }
    }
}
