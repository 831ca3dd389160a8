import Foundation
import struct YaohaoFFI.ApplicantState
import struct YaohaoFFI.TrackedApplication
import struct YaohaoFFI.Permit
@testable import YaohaoKit

/// Local notifications kept in memory, as UNUserNotificationCenter keeps its pending requests.
actor MemoryCenter: LocalNotificationCenter {
    private(set) var pending: [String: LocalNotification] = [:]
    private(set) var added: [String] = []
    var refuse = false

    func pendingIdentifiers() -> [String] { Array(pending.keys) }

    func add(_ notification: LocalNotification) throws {
        if refuse { throw CocoaError(.userCancelled) }
        pending[notification.identifier] = notification
        added.append(notification.identifier)
    }

    func removePending(identifiers: [String]) {
        for id in identifiers { pending[id] = nil }
    }

    func setRefuse(_ value: Bool) { refuse = value }
}

/// A portal in memory: enough of the facade's behaviour (sessions, drafts, one-time result
/// notifications) to drive the app state; the real facade is tested against the real portal.
actor FakePortal: Portal {
    var loggedIn = false
    var account = Account(id: 7, residentId: "110101199003070000", name: "张三", mobile: "13800000000")
    var board = Dashboard()
    var drafts: [String: Draft] = [:]
    var saves: [ApplicationForm] = []
    var uploads: [(DocumentType, Int)] = []
    var deviceTokens: [String] = []
    /// Notifications the next result check of a period hands out (then never again).
    var results: [String: [ResultNotification]] = [:]
    /// Thrown by the next call to `refresh`.
    var refreshFailure: PortalError?
    /// Thrown by `submit`.
    var submitFailure: PortalError?
    var previewAnswer = Preview(ready: true, checks: [], missingDocuments: [])

    func set(board: Dashboard) { self.board = board }
    func set(loggedIn: Bool) { self.loggedIn = loggedIn }
    func set(refreshFailure: PortalError?) { self.refreshFailure = refreshFailure }
    func set(submitFailure: PortalError?) { self.submitFailure = submitFailure }
    func set(previewAnswer: Preview) { self.previewAnswer = previewAnswer }
    func set(results: [ResultNotification], for period: String) { self.results[period] = results }

    func isLoggedIn() throws(PortalError) -> Bool { loggedIn }

    var registered: [Account] = []

    func requestRegistrationCode(mobile: String) throws(PortalError) -> CodeSent {
        guard mobile.count == 11 else {
            throw .validation(code: "invalid_input", field: "mobile", LocalizedText(zh: "手机号不正确", en: "Wrong mobile"))
        }
        return CodeSent(expiresIn: 300, resendAfter: 60)
    }

    func register(residentId: String, name: String, mobile: String, password: String,
                  smsCode: String) throws(PortalError) -> Account {
        let account = Account(id: Int64(registered.count + 8), residentId: residentId, name: name, mobile: mobile)
        registered.append(account)
        return account
    }

    func requestLoginCode(residentId: String) throws(PortalError) -> CodeSent {
        guard residentId == account.residentId else {
            throw .validation(code: "invalid_input", field: "resident_id", LocalizedText(zh: "身份证号不正确", en: "Wrong ID"))
        }
        return CodeSent(expiresIn: 300, resendAfter: 60)
    }

    func login(residentId: String, password: String, smsCode: String) throws(PortalError) -> Account {
        guard smsCode == "123456" else {
            throw .validation(code: "invalid_sms_code", field: "sms_code", LocalizedText(zh: "验证码错误", en: "Wrong code"))
        }
        loggedIn = true
        return account
    }

    func logout() throws(PortalError) { loggedIn = false }

    func dashboard() throws(PortalError) -> Dashboard {
        var board = board
        board.account = loggedIn ? account : nil
        board.drafts = Array(drafts.values)
        return board
    }

    func refresh() throws(PortalError) -> Dashboard {
        if let failure = refreshFailure {
            if failure.endsSession { loggedIn = false }
            throw failure
        }
        guard loggedIn else { throw .authRequired(LocalizedText(zh: "请先登录", en: "Please log in.")) }
        return try dashboard()
    }

    func createDraft(kind: PortalApplication.Kind) -> Draft {
        let draft = Draft(localId: "d\(drafts.count + 1)", kind: kind)
        drafts[draft.localId] = draft
        return draft
    }

    func saveDraft(localId: String, form: ApplicationForm) throws(PortalError) -> Draft {
        guard var draft = drafts[localId] else { throw .notFound(LocalizedText(zh: "草稿不存在", en: "No draft")) }
        saves.append(form)
        draft.form = form
        draft.revision += 1
        drafts[localId] = draft
        return draft
    }

    func addDocument(localId: String, kind: DocumentType, bytes: Data) throws(PortalError) -> Draft {
        guard var draft = drafts[localId] else { throw .notFound(LocalizedText(zh: "草稿不存在", en: "No draft")) }
        uploads.append((kind, bytes.count))
        draft.pendingUploads.append(PendingUpload(kind: kind, size: Int64(bytes.count)))
        drafts[localId] = draft
        return draft
    }

    func preview(localId: String) -> Preview { previewAnswer }

    func submit(localId: String) throws(PortalError) -> PortalApplication {
        if let submitFailure { throw submitFailure }
        drafts[localId] = nil
        return PortalApplication(id: 1, kind: .individualOrdinary, status: .underReview, code: "1234567890123")
    }

    func checkResults(period: String) -> [ResultNotification] {
        defer { results[period] = nil }
        return results[period] ?? []
    }

    func checkPublishedResults() -> [ResultNotification] {
        defer { results = [:] }
        return results.keys.sorted().flatMap { results[$0] ?? [] }
    }

    var quotaList: [Quota] = []
    func set(quotas: [Quota]) { quotaList = quotas }

    func quotas() throws(PortalError) -> [Quota] { quotaList }

    func confirmQuota(id: Int64) throws(PortalError) -> [Quota] {
        guard let index = quotaList.firstIndex(where: { $0.id == id }) else {
            throw .notFound(LocalizedText(zh: "指标不存在", en: "No such quota"))
        }
        quotaList[index].status = .confirmed
        return quotaList
    }

    func announcements() -> [Announcement] {
        [Announcement(id: 1, title: LocalizedText(zh: "通告", en: "Notice"),
                      body: LocalizedText(zh: "正文", en: "Body"), publishedAt: Date(timeIntervalSince1970: 0))]
    }

    func registerDeviceToken(_ token: String) { deviceTokens.append(token) }
}

/// Fixtures of the repository (`YAOHAO_FIXTURES`, set by scripts/apps/test-ios.sh).
enum Fixtures {
    static func data(_ path: String) throws -> Data {
        guard let root = ProcessInfo.processInfo.environment["YAOHAO_FIXTURES"] else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: URL(fileURLWithPath: root).appendingPathComponent(path))
    }
}

/// 2026-11-23T00:00:00Z.
let november23 = Date(timeIntervalSince1970: 1_795_392_000)

/// An applicant under review since 2026-11-20, for the core's reminders.
let underReview = ApplicantState(
    applications: [TrackedApplication(code: "1234567890123", kind: .ordinary, status: .underReview,
                                    submittedOn: "2026-11-20", lastContinuedOn: nil, drawsWithoutWin: 3)],
    quota: nil, permits: [Permit(kind: .workResidence, expiresOn: "2027-03-01", endorseBy: nil)],
    licenceExpiresOn: nil, maritalChange: nil, announced: [])
