import Foundation
import YaohaoFFI

/// The app's `Portal` over the core's `Yaohao` facade: calls through, maps the records to the
/// app's models and every error to `PortalError`. Every facade call but `locale` is async and runs
/// on the core's own threads, so awaiting it from the main actor never blocks the UI.
public final class FacadePortal: Portal {
    private let core: Yaohao

    /// Opens the facade: its cache in `dataDirectory` (opened by the first call, on the core's
    /// threads), the session token in `secrets`. No I/O here, no network.
    public init(baseURL: String, dataDirectory: URL, secrets: any SecretStore, language: Language) throws(PortalError) {
        do {
            core = try Yaohao(baseUrl: baseURL, dataDir: dataDirectory.path,
                              locale: language == .zh ? .zh : .en, secrets: secrets)
        } catch {
            throw PortalError(error)
        }
    }

    /// Runs a call into the core, mapping its error.
    private func call<T>(_ body: () async throws -> T) async throws(PortalError) -> T {
        do {
            return try await body()
        } catch {
            throw PortalError(error)
        }
    }

    /// Runs a long call with a `CancelToken` that follows the Swift task: cancelling the task (a
    /// screen closing, a background task expiring) stops the work in the core too.
    private func cancellable<T>(_ body: (CancelToken) async throws -> T) async throws(PortalError) -> T {
        let token = CancelToken()
        return try await call {
            try await withTaskCancellationHandler { try await body(token) } onCancel: { token.cancel() }
        }
    }

    public func isLoggedIn() async throws(PortalError) -> Bool {
        try await call { try await core.isLoggedIn() }
    }

    public func requestLoginCode(residentId: String) async throws(PortalError) -> CodeSent {
        let sent = try await call { try await core.requestSmsCode(purpose: .login, mobile: nil, residentId: residentId) }
        return CodeSent(expiresIn: sent.expiresIn, resendAfter: sent.resendAfter)
    }

    public func requestRegistrationCode(mobile: String) async throws(PortalError) -> CodeSent {
        let sent = try await call { try await core.requestSmsCode(purpose: .register, mobile: mobile, residentId: nil) }
        return CodeSent(expiresIn: sent.expiresIn, resendAfter: sent.resendAfter)
    }

    public func register(residentId: String, name: String, mobile: String, password: String,
                         smsCode: String) async throws(PortalError) -> Account {
        let registration = Registration(residentId: residentId, name: name, mobile: mobile, password: password,
                                        smsCode: smsCode)
        return Account(try await call { try await core.register(registration: registration) })
    }

    public func login(residentId: String, password: String, smsCode: String) async throws(PortalError) -> Account {
        Account(try await call { try await core.login(residentId: residentId, password: password, smsCode: smsCode) })
    }

    public func logout() async throws(PortalError) {
        try await call { try await core.logout() }
    }

    public func dashboard() async throws(PortalError) -> Dashboard {
        Dashboard(try await call { try await core.dashboard() })
    }

    public func refresh() async throws(PortalError) -> Dashboard {
        Dashboard(try await cancellable { try await core.refresh(cancel: $0) })
    }

    public func createDraft(kind: PortalApplication.Kind) async throws(PortalError) -> Draft {
        Draft(try await call { try await core.createDraft(kind: kind.core) })
    }

    public func saveDraft(localId: String, form: ApplicationForm) async throws(PortalError) -> Draft {
        Draft(try await call {
            // The family part is not edited here: keep what the draft has.
            let saved = try await core.draft(localId: localId).form
            let merged = YaohaoFFI.ApplicationForm(licenceFile: form.licenceFile, address: form.address,
                                                   c5Licence: form.c5Licence, family: saved.family)
            return try await core.saveDraft(localId: localId, form: merged)
        })
    }

    public func addDocument(localId: String, kind: DocumentType, bytes: Data) async throws(PortalError) -> Draft {
        Draft(try await call { try await core.addDocument(localId: localId, kind: kind.core, bytes: bytes) })
    }

    public func preview(localId: String) async throws(PortalError) -> Preview {
        let preview = try await call { try await core.preview(localId: localId) }
        return Preview(ready: preview.ready,
                       checks: preview.checks.map { FieldCheck(field: $0.field, errors: $0.errors.map(\.localized)) },
                       missingDocuments: preview.missingDocuments.map(DocumentType.init))
    }

    public func submit(localId: String) async throws(PortalError) -> PortalApplication {
        PortalApplication(try await call { try await core.submit(localId: localId) })
    }

    public func checkResults(period: String) async throws(PortalError) -> [ResultNotification] {
        try await cancellable { try await core.checkResults(period: period, cancel: $0) }.map(ResultNotification.init)
    }

    public func checkPublishedResults() async throws(PortalError) -> [ResultNotification] {
        try await cancellable { try await core.checkPublishedResults(cancel: $0) }.map(ResultNotification.init)
    }

    public func quotas() async throws(PortalError) -> [Quota] {
        try await call { try await core.quotas() }.map(Quota.init)
    }

    public func confirmQuota(id: Int64) async throws(PortalError) -> [Quota] {
        try await call { try await core.confirmQuota(quotaId: id) }.map(Quota.init)
    }

    /// Fresh from the portal; the cached list when it cannot be reached.
    public func announcements() async throws(PortalError) -> [Announcement] {
        do {
            return try await call { try await core.refreshAnnouncements() }.map(Announcement.init)
        } catch where error.isRetryable {
            return try await call { try await core.announcements() }.map(Announcement.init)
        }
    }

    public func registerDeviceToken(_ token: String) async throws(PortalError) {
        try await call { try await core.registerDevice(provider: "apns", token: token) }
    }
}

// The core's records as the app's models.

extension PortalApplication.Kind {
    init(_ kind: ApplicationKind) {
        self = switch kind {
        case .individualOrdinary: .individualOrdinary
        case .individualNev: .individualNev
        case .family: .family
        }
    }

    var core: ApplicationKind {
        switch self {
        case .individualOrdinary: .individualOrdinary
        case .individualNev: .individualNev
        case .family: .family
        }
    }
}

extension PortalApplication.Status {
    init(_ status: ApplicationStatus) {
        self = switch status {
        case .draft: .draft
        case .underReview: .underReview
        case .approved: .approved
        case .rejected: .rejected
        case .won: .won
        case .removed: .removed
        case let .other(raw): .other(raw)
        }
    }
}

extension Account {
    init(_ account: YaohaoFFI.Account) {
        self.init(id: account.id, residentId: account.residentId, name: account.name, mobile: account.mobile)
    }
}

extension Draft {
    init(_ draft: YaohaoFFI.Draft) {
        self.init(localId: draft.localId, kind: PortalApplication.Kind(draft.kind),
                  form: ApplicationForm(licenceFile: draft.form.licenceFile, address: draft.form.address,
                                        c5Licence: draft.form.c5Licence),
                  revision: draft.revision, synced: draft.synced,
                  pendingUploads: draft.pendingUploads.map { PendingUpload(kind: DocumentType($0.kind), size: $0.size) })
    }
}

extension PortalApplication {
    init(_ application: Application) {
        self.init(id: application.id, kind: Kind(application.kind), status: Status(application.status),
                  code: application.code, rejectionReasons: application.rejectionReasons.map(\.localized),
                  drawCount: application.drawCount)
    }
}

extension ResultOutcome {
    init(_ outcome: YaohaoFFI.ResultOutcome) {
        self.init(period: outcome.period, code: outcome.code, won: outcome.won, row: outcome.row,
                  verified: outcome.verified)
    }
}

extension ResultNotification {
    init(_ notification: YaohaoFFI.ResultNotification) {
        self.init(id: notification.id, outcome: ResultOutcome(notification.outcome),
                  title: notification.title.localized, body: notification.body.localized,
                  deepLink: notification.deepLink)
    }
}

extension Quota {
    init(_ quota: YaohaoFFI.Quota) {
        self.init(id: quota.id, period: quota.period, certificate: quota.certificate,
                  status: Status(quota.status), confirmBy: quota.confirmBy, expiresAt: quota.expiresAt)
    }
}

extension Quota.Status {
    /// The app's status of the core's.
    init(_ status: YaohaoFFI.QuotaStatus) {
        switch status {
        case .pendingConfirmation: self = .pendingConfirmation
        case .confirmed: self = .confirmed
        case .forfeited: self = .forfeited
        case .expired: self = .expired
        case let .other(raw): self = .other(raw)
        }
    }
}

extension Announcement {
    init(_ announcement: YaohaoFFI.Announcement) {
        self.init(id: announcement.id, title: announcement.title.localized, body: announcement.body.localized,
                  publishedAt: announcement.publishedAt)
    }
}

extension Dashboard {
    init(_ dashboard: YaohaoFFI.Dashboard) {
        self.init(account: dashboard.account.map { Account($0.account) },
                  applications: dashboard.applications.map { PortalApplication($0.application) },
                  drafts: dashboard.drafts.map(Draft.init),
                  nextEvents: dashboard.nextEvents.map {
                      UpcomingEvent(kind: $0.kind, title: $0.title.localized, at: $0.at, announced: $0.announced)
                  },
                  latestResults: dashboard.latestResults.map { ResultOutcome($0.outcome) },
                  reminders: dashboard.reminders, refreshedAt: dashboard.refreshedAt)
    }
}
