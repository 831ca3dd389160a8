import UserNotifications
import YaohaoKit

/// Rewrites a visible result push (alert + mutable-content) before iOS shows it: the core checks
/// the period and writes the account's outcome; without a session, network or time left the
/// push keeps the generic "results are out" text.
final class NotificationService: UNNotificationServiceExtension, @unchecked Sendable {
    private var contentHandler: ((UNNotificationContent) -> Void)?
    private var content: UNMutableNotificationContent?

    override func didReceive(_ request: UNNotificationRequest,
                             withContentHandler contentHandler: @escaping (UNNotificationContent) -> Void) {
        self.contentHandler = contentHandler
        content = request.content.mutableCopy() as? UNMutableNotificationContent
        let payload = PushPayload(userInfo: request.content.userInfo)
        let language = Lang.preferred()
        let core = Composition.core(language: language)
        Task {
            deliver(await ResultAlert.compose(payload, core: core, language: language))
        }
    }

    override func serviceExtensionTimeWillExpire() {
        let userInfo = content?.userInfo ?? [:]
        deliver(ResultAlert.generic(period: PushPayload(userInfo: userInfo)?.period, language: .preferred()))
    }

    private func deliver(_ alert: ResultAlert) {
        guard let content, let contentHandler else { return }
        content.title = alert.title
        content.body = alert.body
        contentHandler(content)
        self.contentHandler = nil
    }
}
