import Foundation

/// What the app needs from the core's portal client (the `Yaohao` facade): reads come from its
/// cache, the network only refreshes it. `FacadePortal` adapts the generated facade; tests use a
/// fake. Every failure is a `PortalError`.
public protocol Portal: Sendable {
    /// Whether a session token is stored.
    func isLoggedIn() async throws(PortalError) -> Bool
    /// Sends a registration SMS code to `mobile`.
    func requestRegistrationCode(mobile: String) async throws(PortalError) -> CodeSent
    /// Registers an account with the code sent to `mobile` (then log in).
    func register(residentId: String, name: String, mobile: String, password: String,
                  smsCode: String) async throws(PortalError) -> Account
    /// Sends a login SMS code to the mobile registered for `residentId`.
    func requestLoginCode(residentId: String) async throws(PortalError) -> CodeSent
    /// Logs in; the session token goes to the app's secret store.
    func login(residentId: String, password: String, smsCode: String) async throws(PortalError) -> Account
    /// Ends the session and forgets the account's cached data (drafts stay).
    func logout() async throws(PortalError)

    /// The home screen from the cache only.
    func dashboard() async throws(PortalError) -> Dashboard
    /// Brings the cache up to date and sends waiting drafts and uploads.
    func refresh() async throws(PortalError) -> Dashboard

    /// Starts a local draft.
    func createDraft(kind: PortalApplication.Kind) async throws(PortalError) -> Draft
    /// Saves a draft's form locally, at once.
    func saveDraft(localId: String, form: ApplicationForm) async throws(PortalError) -> Draft
    /// Prepares a photo with the core, keeps it and queues it for the draft.
    func addDocument(localId: String, kind: DocumentType, bytes: Data) async throws(PortalError) -> Draft
    /// Every check a submission would run.
    func preview(localId: String) async throws(PortalError) -> Preview
    /// Submits the draft once (a retry never submits twice).
    func submit(localId: String) async throws(PortalError) -> PortalApplication

    /// Checks a period's results (after a push): the notifications to show now, each once.
    func checkResults(period: String) async throws(PortalError) -> [ResultNotification]
    /// Checks every published period not yet checked (the draw-day background task).
    func checkPublishedResults() async throws(PortalError) -> [ResultNotification]

    /// The account's won quotas.
    func quotas() async throws(PortalError) -> [Quota]
    /// Confirms a won quota (within its deadline); returns every quota.
    func confirmQuota(id: Int64) async throws(PortalError) -> [Quota]

    /// Fetches the announcements, newest first.
    func announcements() async throws(PortalError) -> [Announcement]
    /// Sends this device's APNs token to the portal.
    func registerDeviceToken(_ token: String) async throws(PortalError)
}
