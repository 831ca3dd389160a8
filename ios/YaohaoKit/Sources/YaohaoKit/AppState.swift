import Foundation
import Observation

/// Where the draw-day check runs when the app is not open (BGTaskScheduler in the app, memory in
/// tests).
public protocol BackgroundScheduler: Sendable {
    /// Asks the system to run the check at the core's planned instants (soonest first); an empty
    /// plan cancels the pending request.
    func schedule(_ checks: [PlannedCheck]) async
}

/// The app's state, shared by every screen: consent, the session, the core's dashboard and the
/// last error. Screens call its methods; it calls the core and performs what the core plans
/// (reminders, result notifications, draw-day checks).
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
    /// The home screen as the core last built it (`nil` before the first read).
    public private(set) var dashboard: Dashboard?
    /// Policy notices, newest first.
    public private(set) var announcements: [Announcement] = []
    /// What the last sending of saved drafts and queued photos did (refusals included).
    public private(set) var lastSync: SyncReport?
    /// Whether a refresh is running.
    public private(set) var isRefreshing = false
    /// When another login code may be requested.
    public private(set) var codeResendAt: Date?
    /// The last failure, for an alert; set to `nil` to dismiss it.
    public var error: PortalError?
    /// A `yaohao://` link a tapped notification asked to open; the screens clear it.
    public var openedLink: URL?
    /// The language text from the core is shown in.
    public let language: Lang
    /// The user's consent to the privacy policy.
    public let consent: Consent
    /// The core's facade.
    public let core: Yaohao

    private let center: any LocalNotificationCenter
    private let notifications: NotificationPlanner
    private let background: any BackgroundScheduler
    let now: @Sendable () -> Date
    private var deviceToken: String?

    /// The state over the core's facade, performing on `notificationCenter` and `background`.
    public init(core: Yaohao, notificationCenter: any LocalNotificationCenter, background: any BackgroundScheduler,
                consent: Consent, language: Lang = .preferred(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.core = core
        self.language = language
        self.consent = consent
        self.now = now
        self.background = background
        center = notificationCenter
        notifications = NotificationPlanner(center: notificationCenter, language: language)
    }

    /// The text in the app's language.
    public func text(_ text: BilingualText) -> String { text.resolved(language) }

    /// Reads the session and the cached dashboard (instant), then refreshes from the portal.
    public func start() async {
        guard let loggedIn = await attempt({ try await core.isLoggedIn() }), loggedIn, consent.isGiven else {
            session = .signedOut
            return
        }
        session = .signedIn
        if let cached = await attempt({ try await core.dashboard() }) {
            await show(cached)
        }
        await refresh()
    }

    // Consent.

    /// Records the consent, then asks for notification permission (never before it).
    public func giveConsent() async {
        consent.give()
        _ = await requestNotificationPermission()
    }

    /// Withdraws the consent: signs out (the account's cached data and reminders go).
    public func withdrawConsent() async {
        consent.withdraw()
        await logout()
    }

    /// Asks for permission to alert, only once the policy is accepted; whether it was granted.
    public func requestNotificationPermission() async -> Bool {
        guard consent.isGiven else { return false }
        return await center.requestAuthorization()
    }

    // Session.

    /// Sends a login code to the mobile registered for `holder` (a unit's: its contact's);
    /// `false` if it failed.
    public func requestLoginCode(holder: AccountHolder) async -> Bool {
        guard consent.isGiven, let sent = await attempt({
            try await core.requestSmsCode(purpose: .login, mobile: nil, holder: holder)
        }) else { return false }
        codeResendAt = now().addingTimeInterval(TimeInterval(sent.resendAfter))
        return true
    }

    /// Seconds before another login code may be requested (0 when it may be now).
    public func secondsUntilResend(at date: Date) -> Int {
        guard let codeResendAt else { return 0 }
        return max(0, Int(codeResendAt.timeIntervalSince(date).rounded(.up)))
    }

    /// Logs in, a person by resident ID or a unit by credit code, with password and SMS code,
    /// then registers this device for result pushes; `false` if it failed.
    public func login(holder: AccountHolder, password: String, smsCode: String) async -> Bool {
        guard consent.isGiven, await attempt({
            try await core.login(holder: holder, password: password, smsCode: smsCode)
        }) != nil else { return false }
        session = .signedIn
        codeResendAt = nil
        await sendDeviceToken()
        await refresh()
        return true
    }

    /// A registration form (checked by the core as the user types).
    public func registration() -> RegistrationModel { RegistrationModel(core: core, consent: consent) }

    /// A password reset form.
    public func passwordReset() -> PasswordResetModel { PasswordResetModel(core: core) }

    /// Logs out and removes the account's reminders and checks.
    public func logout() async {
        if session == .signedIn {
            _ = await attempt({ try await core.logout() })
        }
        await endSession()
    }

    // The dashboard.

    /// Brings the dashboard up to date from the portal (the cache still answers when offline).
    public func refresh() async {
        isRefreshing = true
        defer { isRefreshing = false }
        if let fresh = await attempt({ try await withCancelToken { try await core.refresh(cancel: $0) } }) {
            await show(fresh)
        }
    }

    /// Sends the saved drafts and queued photos now (after the network came back, say); the
    /// portal's refusals of photos are in `lastSync`.
    public func sendQueued() async {
        if let report = await attempt({ try await withCancelToken { try await core.sync(cancel: $0) } }) {
            lastSync = report
            await reload()
        }
    }

    /// Re-reads the dashboard from the cache (after an action changed it).
    public func reload() async {
        if let cached = await attempt({ try await core.dashboard() }) {
            await show(cached)
        }
    }

    /// Fetches the announcements (the cached ones when the portal cannot be reached).
    public func loadAnnouncements() async {
        switch await perform({ try await core.refreshAnnouncements() }) {
        case let .success(list):
            announcements = list
        case let .failure(error) where error.isRetryable:
            if let cached = await attempt({ try await core.announcements() }) { announcements = cached }
        case let .failure(error):
            await record(error)
        }
    }

    // Push and the draw-day check.

    /// Sends the APNs device token to the portal now if logged in, else right after login.
    public func registerDeviceToken(_ token: Data) async {
        deviceToken = DeviceToken.hex(token)
        if session == .signedIn { await sendDeviceToken() }
    }

    private func sendDeviceToken() async {
        guard let deviceToken else { return }
        _ = await attempt({ try await core.registerDevice(provider: "apns", token: deviceToken, keys: nil) })
    }

    /// Handles a result push the app received while running: the core checks the period and
    /// hands out each notification once; they are shown now. Returns how many were shown.
    @discardableResult
    public func handlePush(_ payload: PushPayload) async -> Int {
        await deliver { try await withCancelToken { try await core.checkResults(period: payload.period, cancel: $0) } }
    }

    /// The draw-day background task: checks every published period. Returns how many
    /// notifications were shown.
    @discardableResult
    public func runDrawDayCheck() async -> Int {
        await deliver { try await withCancelToken { try await core.checkPublishedResults(cancel: $0) } }
    }

    private func deliver(_ check: () async throws -> [ResultNotification]) async -> Int {
        guard let list = await attempt(check) else { return 0 }
        _ = await attempt({ try await notifications.show(list) })
        await reload()
        return list.count
    }

    // Drafts.

    /// Starts a new draft of `kind` and opens it.
    public func newDraft(kind: ApplicationKind) async -> DraftEditor? {
        guard let draft = await attempt({ try await core.createDraft(kind: kind) }) else { return nil }
        await reload()
        return editor(for: draft)
    }

    /// An editor for a saved draft.
    public func editor(for draft: Draft, autosaveDelay: Duration = .milliseconds(600)) -> DraftEditor {
        DraftEditor(draft: draft, core: core, residentId: dashboard?.account?.account.residentId,
                    autosaveDelay: autosaveDelay)
    }

    /// Discards a draft here and at the portal.
    public func discard(_ draft: Draft) async {
        if await attempt({ try await core.discardDraft(localId: draft.localId) }) != nil {
            await reload()
        }
    }

    /// The screen of one application card.
    public func application(_ card: ApplicationCard) -> ApplicationModel { ApplicationModel(card: card, state: self) }

    /// The account screen.
    public func account() -> AccountModel { AccountModel(state: self) }

    /// The results screen.
    public func results() -> ResultsModel { ResultsModel(state: self) }

    /// Confirms the quota of a won result card (its `confirm` action is allowed).
    public func confirm(_ won: WonResult) async {
        guard let quota = won.quota else { return }
        if await attempt({ try await core.confirmQuota(quotaId: quota.id) }) != nil {
            await refresh()
        }
    }

    /// Shows `dashboard` and performs what the core plans for it: the reminders and the
    /// draw-day checks.
    private func show(_ dashboard: Dashboard) async {
        self.dashboard = dashboard
        if let plan = await attempt({ try await core.reminderPlan() }) {
            _ = await attempt({ try await notifications.apply(plan) })
        }
        if let checks = await attempt({ try await core.drawDayChecks() }) {
            await background.schedule(checks)
            _ = await attempt({ try await notifications.schedule(checks) })
        }
    }

    /// Looking up any code in an official result file the user picks, with the draw's
    /// verification (no account needed).
    public func resultFile() -> ResultFileModel { ResultFileModel(language: language) }

    /// The codes followed without an account; a change plans the draw-day checks again.
    public func following() -> FollowModel {
        FollowModel(core: core) { [weak self] in await self?.reload() }
    }

    /// Ends the session here after the account was deleted (the core already forgot the token
    /// and everything personal on this device).
    func accountDeleted() async {
        await endSession()
    }

    private func endSession() async {
        session = .signedOut
        dashboard = nil
        await notifications.removeAll()
        await background.schedule([])
    }

    /// Runs `operation`; a failure becomes `error` (and ends the session when the portal says so).
    func attempt<T: Sendable>(_ operation: () async throws -> T) async -> T? {
        switch await perform(operation) {
        case let .success(value): return value
        case let .failure(error):
            await record(error)
            return nil
        }
    }

    private func record(_ error: PortalError) async {
        if case .cancelled = error { return }
        self.error = error
        if error.endsSession, session == .signedIn {
            await endSession()
        }
    }
}
