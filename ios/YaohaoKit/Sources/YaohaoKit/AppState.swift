import Foundation
import Observation

/// The app's state, shared by every screen: the session, the dashboard from the core's cache,
/// announcements and the last error. Screens call its methods; it calls the core and performs
/// what the core decides (reminders, result notifications).
@MainActor
@Observable
public final class AppState {
    /// Whether someone is logged in.
    public enum Session: Sendable, Hashable {
        /// Not known yet (the app is starting).
        case starting
        /// Nobody is logged in: show the login screen.
        case signedOut
        /// Logged in.
        case signedIn
    }

    /// Whether someone is logged in.
    public private(set) var session: Session = .starting
    /// The home screen, as last read from the cache.
    public private(set) var dashboard = Dashboard()
    /// The account's won quotas.
    public private(set) var quotas: [Quota] = []
    /// Policy notices, newest first.
    public private(set) var announcements: [Announcement] = []
    /// Whether a refresh is running.
    public private(set) var isRefreshing = false
    /// When another login code may be requested.
    public private(set) var codeResendAt: Date?
    /// The last failure, for an alert; set to `nil` to dismiss it.
    public var error: PortalError?
    /// A `yaohao://` link a tapped notification asked to open; the screens clear it.
    public var openedLink: URL?
    /// The language text from the core is shown in.
    public let language: Language

    private let portal: any Portal
    private let notifications: ReminderScheduler
    private let now: @Sendable () -> Date

    /// The state over `portal`, scheduling on `notificationCenter`.
    public init(portal: any Portal, notificationCenter: any LocalNotificationCenter,
                language: Language = .preferred(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.portal = portal
        self.language = language
        self.now = now
        notifications = ReminderScheduler(center: notificationCenter, language: language)
    }

    /// The text in the app's language.
    public func text(_ text: LocalizedText) -> String { text.resolved(language) }

    /// Reads the session and the cached dashboard (instant), then refreshes from the portal.
    public func start() async {
        guard let loggedIn = await attempt({ () async throws(PortalError) in try await portal.isLoggedIn() }) else {
            session = .signedOut
            return
        }
        session = loggedIn ? .signedIn : .signedOut
        guard loggedIn else { return }
        if let cached = await attempt({ () async throws(PortalError) in try await portal.dashboard() }) {
            await show(cached)
        }
        await refresh()
    }

    /// Sends a login code to the mobile registered for `residentId`; `false` if it failed.
    public func requestLoginCode(residentId: String) async -> Bool {
        await codeRequested { () async throws(PortalError) in try await portal.requestLoginCode(residentId: residentId) }
    }

    /// Sends a registration code to `mobile`; `false` if it failed.
    public func requestRegistrationCode(mobile: String) async -> Bool {
        await codeRequested { () async throws(PortalError) in try await portal.requestRegistrationCode(mobile: mobile) }
    }

    private func codeRequested(_ request: () async throws(PortalError) -> CodeSent) async -> Bool {
        guard let sent = await attempt(request) else { return false }
        codeResendAt = now().addingTimeInterval(TimeInterval(sent.resendAfter))
        return true
    }

    /// Registers an account; logging in then needs a login code. `false` if it failed.
    public func register(residentId: String, name: String, mobile: String, password: String,
                         smsCode: String) async -> Bool {
        guard await attempt({ () async throws(PortalError) in
            try await portal.register(residentId: residentId, name: name, mobile: mobile, password: password,
                                      smsCode: smsCode)
        }) != nil else { return false }
        codeResendAt = nil
        return true
    }

    /// Seconds before another login code may be requested (0 when it may be now).
    public func secondsUntilResend(at date: Date) -> Int {
        guard let codeResendAt else { return 0 }
        return max(0, Int(codeResendAt.timeIntervalSince(date).rounded(.up)))
    }

    /// Logs in with the resident ID, password and SMS code; `false` if it failed.
    public func login(residentId: String, password: String, smsCode: String) async -> Bool {
        guard await attempt({ () async throws(PortalError) in
            try await portal.login(residentId: residentId, password: password, smsCode: smsCode)
        }) != nil else { return false }
        session = .signedIn
        codeResendAt = nil
        await refresh()
        return true
    }

    /// Logs out and removes the account's reminders.
    public func logout() async {
        _ = await attempt({ () async throws(PortalError) in try await portal.logout() })
        await endSession()
    }

    /// Brings the dashboard up to date from the portal (the cache still answers when offline).
    public func refresh() async {
        isRefreshing = true
        defer { isRefreshing = false }
        if let fresh = await attempt({ () async throws(PortalError) in try await portal.refresh() }) {
            await show(fresh)
        }
    }

    /// Fetches the announcements.
    public func loadAnnouncements() async {
        if let list = await attempt({ () async throws(PortalError) in try await portal.announcements() }) {
            announcements = list
        }
    }

    /// Fetches the account's won quotas.
    public func loadQuotas() async {
        if let list = await attempt({ () async throws(PortalError) in try await portal.quotas() }) {
            quotas = list
        }
    }

    /// Confirms a won quota before its deadline.
    public func confirmQuota(_ quota: Quota) async {
        if let list = await attempt({ () async throws(PortalError) in try await portal.confirmQuota(id: quota.id) }) {
            quotas = list
        }
    }

    /// Whether `quota` can still be confirmed now.
    public func canConfirm(_ quota: Quota) -> Bool { quota.isConfirmable(at: now()) }

    /// Starts a new draft of `kind` and opens it.
    public func newDraft(kind: PortalApplication.Kind) async -> DraftEditor? {
        guard let draft = await attempt({ () async throws(PortalError) in try await portal.createDraft(kind: kind) })
        else { return nil }
        dashboard.drafts.insert(draft, at: 0)
        return editor(for: draft)
    }

    /// An editor for a saved draft.
    public func editor(for draft: Draft, autosaveDelay: Duration = .milliseconds(600)) -> DraftEditor {
        DraftEditor(draft: draft, portal: portal, residentId: dashboard.account?.residentId,
                    autosaveDelay: autosaveDelay)
    }

    /// Sends the APNs device token to the portal.
    public func registerDeviceToken(_ token: Data) async {
        _ = await attempt({ () async throws(PortalError) in
            try await portal.registerDeviceToken(DeviceToken.hex(token))
        })
    }

    /// Handles a result push: the core fetches, verifies and matches the period's list and
    /// hands out each notification once; they are shown now. Returns how many were shown.
    @discardableResult
    public func handlePush(_ payload: PushPayload) async -> Int {
        await deliver { () async throws(PortalError) in try await portal.checkResults(period: payload.period) }
    }

    /// The draw-day background task: checks every published period. Returns how many
    /// notifications were shown.
    @discardableResult
    public func runDrawDayCheck() async -> Int {
        await deliver { () async throws(PortalError) in try await portal.checkPublishedResults() }
    }

    /// When the draw-day background task should run next, from the dashboard's events.
    public var nextDrawDayCheck: Date? {
        DrawDayCheck.nextRun(events: dashboard.nextEvents, now: now())
    }

    private func deliver(_ check: () async throws(PortalError) -> [ResultNotification]) async -> Int {
        guard let shown = await attempt({ () async throws(PortalError) in
            let list = try await check()
            try await notifications.show(list)
            return list
        }) else { return 0 }
        if !shown.isEmpty, let cached = await attempt({ () async throws(PortalError) in try await portal.dashboard() }) {
            await show(cached)
        }
        return shown.count
    }

    /// Shows `dashboard` and makes the pending reminders match it.
    private func show(_ dashboard: Dashboard) async {
        self.dashboard = dashboard
        _ = await attempt({ () async throws(PortalError) in try await notifications.sync(dashboard.reminders) })
    }

    private func endSession() async {
        session = .signedOut
        dashboard = Dashboard()
        quotas = []
        _ = await attempt({ () async throws(PortalError) in try await notifications.sync([]) })
    }

    /// Runs `operation`; a failure becomes `error` (and ends the session when the portal says so).
    private func attempt<T: Sendable>(_ operation: () async throws(PortalError) -> T) async -> T? {
        do {
            return try await operation()
        } catch .cancelled {
            return nil
        } catch {
            self.error = error
            if error.endsSession, session == .signedIn {
                await endSession()
            }
            return nil
        }
    }
}
