import Foundation
import XCTest
@testable import YaohaoFFI

/// The platform vault, kept in memory, recording whether Rust called it off the main thread.
final class MemorySecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]
    private(set) var calledOffMainThread = false
    var count: Int { lock.withLock { values.count } }

    private func note() { lock.withLock { calledOffMainThread = calledOffMainThread || !Thread.isMainThread } }
    func get(key: String) throws -> String? { note(); return lock.withLock { values[key] } }
    func set(key: String, value: String) throws { note(); lock.withLock { values[key] = value } }
    func delete(key: String) throws { _ = lock.withLock { values.removeValue(forKey: key) } }
}

/// A vault that is locked: every read fails.
final class LockedSecretStore: SecretStore, @unchecked Sendable {
    func get(key: String) throws -> String? { throw SecretStoreError.Unavailable(reason: "keychain locked") }
    func set(key: String, value: String) throws { throw SecretStoreError.Unavailable(reason: "keychain locked") }
    func delete(key: String) throws {}
}

/// The `Yaohao` facade through the real library against a real portal process.
final class FacadeTests: PortalTestCase {
    static let idA = "110105199001011232"
    static let idB = "11010519491231002X"

    func testApplicantJourneyThroughTheFacade() async throws {
        let store = MemorySecretStore()
        let dir = PortalProcess.freshDirectory()
        let app = try Yaohao(baseUrl: portal.baseUrl, dataDir: dir, locale: .zh, secrets: store)
        let before = try await app.isLoggedIn()
        XCTAssertFalse(before)
        try await portal.registerAndLogin(app, id: Self.idA, mobile: "13800138011")
        let after = try await app.isLoggedIn()
        XCTAssertTrue(after)
        XCTAssertEqual(store.count, 1)
        XCTAssertTrue(store.calledOffMainThread)
        let home = try await app.dashboard()
        XCTAssertEqual(home.account?.account.name, "李四")
        XCTAssertEqual(home.account?.account.residentId, Self.idA)

        let draft = try await app.createDraft(kind: .individualOrdinary)
        _ = try await app.saveDraft(localId: draft.localId, form: ApplicationForm(
            licenceFile: Self.idA, address: PortalProcess.address, c5Licence: false, family: nil))
        let preview: Preview = try await app.preview(localId: draft.localId)
        XCTAssertFalse(preview.ready)
        let checks: [FieldCheck] = preview.checks
        XCTAssertEqual(checks.first { $0.field == "licence_file" }?.errors.map(\.code),
                       ["licence_file_is_licence_number"])

        _ = try await app.saveDraft(localId: draft.localId, form: ApplicationForm(
            licenceFile: PortalProcess.licenceFile, address: PortalProcess.address, c5Licence: false, family: nil))
        for kind in [DocumentKind.idCardFront, .idCardBack, .drivingLicence] {
            _ = try await app.addDocument(localId: draft.localId, kind: kind, bytes: try PortalProcess.photo())
        }
        let submitted = try await app.submit(localId: draft.localId)
        XCTAssertEqual(submitted.code?.count, 13)
        XCTAssertEqual(submitted.status, .underReview)

        try await portal.makeEligible(Self.idA, licenceFile: PortalProcess.licenceFile)
        try await portal.review()
        let refreshed = try await app.refresh(cancel: nil).applications.map(\.application)
        XCTAssertEqual(refreshed.map(\.status), [.approved])
        // Refreshed again (conditional requests): the same application, from the portal and the cache.
        let dashboard = try await app.refresh(cancel: nil)
        XCTAssertEqual(dashboard.applications.first?.application.code, submitted.code)
        let detail = try await app.application(id: submitted.id)
        XCTAssertEqual([detail.application], refreshed)
        XCTAssertFalse(dashboard.nextEvents.isEmpty)
        // The cache is sound: a second facade on the same directory reads back what was stored.
        let reopened = try await Yaohao(baseUrl: portal.baseUrl, dataDir: dir, locale: .zh,
                                        secrets: MemorySecretStore()).dashboard()
        XCTAssertEqual(reopened.applications.map(\.application), dashboard.applications.map(\.application))
        XCTAssertEqual(reopened.account?.account, dashboard.account?.account)
        XCTAssertNotNil(reopened.account)
        XCTAssertEqual(reopened.refreshedAt, dashboard.refreshedAt)

        try await app.logout()
        let afterLogout = try await app.isLoggedIn()
        XCTAssertFalse(afterLogout)
        XCTAssertEqual(store.count, 0)
        do {
            _ = try await app.refresh(cancel: nil)
            XCTFail("a logged-out facade refreshed from the portal")
        } catch YaohaoError.AuthRequired(let zh, _) {
            XCTAssertFalse(zh.isEmpty)
        }
    }

    func testASecondLoginEndsTheFirstSession() async throws {
        let phone = try portal.app()
        try await portal.registerAndLogin(phone, id: Self.idB, mobile: "13800138012")
        let tablet = try portal.app()
        try await portal.login(tablet, id: Self.idB, mobile: "13800138012")
        do {
            _ = try await phone.refresh(cancel: nil)
            XCTFail("the old session still worked")
        } catch YaohaoError.LoggedInElsewhere(_, let en) {
            XCTAssertFalse(en.isEmpty)
        }
        let refreshed = try await tablet.refresh(cancel: nil)
        XCTAssertEqual(refreshed.account?.account.residentId, Self.idB)
    }

    func testCancelledCallsStopAndBadInputNamesItsField() async throws {
        let token = CancelToken()
        XCTAssertFalse(token.isCancelled())
        token.cancel()
        XCTAssertTrue(token.isCancelled())
        do {
            _ = try await portal.app().refresh(cancel: token)
            XCTFail("a cancelled refresh ran")
        } catch YaohaoError.Cancelled {}
        do {
            _ = try await portal.app().requestSmsCode(purpose: .register, mobile: "12345", holder: nil)
            XCTFail("a 5-digit mobile was accepted")
        } catch YaohaoError.InvalidInput(let field, _, _, _) {
            XCTAssertEqual(field, "mobile")
        }
    }

    func testAnUnreachablePortalIsANetworkErrorAndALockedVaultIsOther() async throws {
        let closed = try Yaohao(baseUrl: "http://127.0.0.1:9", dataDir: PortalProcess.freshDirectory(),
                                locale: .en, secrets: MemorySecretStore())
        do {
            _ = try await closed.requestSmsCode(purpose: .register, mobile: "13800138019", holder: nil)
            XCTFail("an unreachable portal answered")
        } catch YaohaoError.Network(_, let en) {
            XCTAssertFalse(en.isEmpty)
        }
        do {
            _ = try await portal.app(LockedSecretStore()).isLoggedIn()
            XCTFail("a locked vault was ignored")
        } catch YaohaoError.Other(_, let en) {
            XCTAssertTrue(en.contains("keychain locked"), en)
        }
    }
}
