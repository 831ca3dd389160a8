import Foundation
import XCTest
@testable import YaohaoFFI

/// The platform vault, kept in memory.
final class MemorySecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]
    var count: Int { lock.withLock { values.count } }

    func get(key: String) throws -> String? { lock.withLock { values[key] } }
    func set(key: String, value: String) throws { lock.withLock { values[key] = value } }
    func delete(key: String) throws { _ = lock.withLock { values.removeValue(forKey: key) } }
}

/// The `Yaohao` facade through the real library against a real portal process.
final class FacadeTests: XCTestCase {
    static let idA = "110105199001011232"
    static let idB = "11010519491231002X"
    static let password = "Secret123"
    static let licenceFile = "110000123456"
    var portal: PortalProcess!

    override func setUpWithError() throws {
        portal = try PortalProcess()
    }

    override func tearDown() {
        portal.stop()
    }

    func app(_ store: SecretStore = MemorySecretStore()) throws -> Yaohao {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yaohao-app-\(UUID().uuidString)")
        return try Yaohao(baseUrl: portal.baseUrl, dataDir: dir.path, locale: .zh, secrets: store)
    }

    func registerAndLogin(_ app: Yaohao, id: String, mobile: String) async throws {
        _ = try await app.requestSmsCode(purpose: .register, mobile: mobile, residentId: nil)
        let code = try await portal.smsCode(mobile)
        _ = try await app.register(registration: Registration(
            residentId: id, name: "李四", mobile: mobile, password: Self.password, smsCode: code))
        try await login(app, id: id, mobile: mobile)
    }

    func login(_ app: Yaohao, id: String, mobile: String) async throws {
        try await portal.advance(seconds: 61)
        _ = try await app.requestSmsCode(purpose: .login, mobile: nil, residentId: id)
        _ = try await app.login(residentId: id, password: Self.password, smsCode: try await portal.smsCode(mobile))
    }

    func photo() throws -> Data {
        let fixtures = try XCTUnwrap(ProcessInfo.processInfo.environment["YAOHAO_FIXTURES"])
        return try Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent("photos/licence.jpg"))
    }

    func testApplicantJourneyThroughTheFacade() async throws {
        let store = MemorySecretStore()
        let app = try app(store)
        XCTAssertFalse(try app.isLoggedIn())
        try await registerAndLogin(app, id: Self.idA, mobile: "13800138011")
        XCTAssertTrue(try app.isLoggedIn())
        XCTAssertEqual(store.count, 1)

        let draft = try app.createDraft(kind: .individualOrdinary)
        let address = "北京市海淀区中关村大街1号院2号楼"
        _ = try app.saveDraft(localId: draft.localId, form: ApplicationForm(
            licenceFile: Self.idA, address: address, c5Licence: false, family: nil))
        let preview = try await app.preview(localId: draft.localId)
        XCTAssertFalse(preview.ready)
        XCTAssertEqual(preview.checks.first { $0.field == "licence_file" }?.errors.map(\.code),
                       ["licence_file_is_licence_number"])

        _ = try app.saveDraft(localId: draft.localId, form: ApplicationForm(
            licenceFile: Self.licenceFile, address: address, c5Licence: false, family: nil))
        for kind in [DocumentKind.idCardFront, .idCardBack, .drivingLicence] {
            _ = try await app.addDocument(localId: draft.localId, kind: kind, bytes: try photo())
        }
        let submitted = try await app.submit(localId: draft.localId)
        XCTAssertEqual(submitted.code?.count, 13)
        XCTAssertEqual(submitted.status, .underReview)

        try await portal.makeEligible(Self.idA, licenceFile: Self.licenceFile)
        try await portal.review()
        let refreshed = try await app.refreshApplications()
        XCTAssertEqual(refreshed.map(\.status), [.approved])
        let dashboard = try await app.refresh(cancel: nil)
        XCTAssertEqual(dashboard.applications.first?.code, submitted.code)
        XCTAssertEqual(try app.cacheIntegrity(), "ok")

        try await app.logout()
        XCTAssertEqual(store.count, 0)
        do {
            _ = try await app.refreshProfile()
            XCTFail("a logged-out facade reached the profile")
        } catch YaohaoError.AuthRequired(let zh, _) {
            XCTAssertFalse(zh.isEmpty)
        }
    }

    func testASecondLoginEndsTheFirstSession() async throws {
        let phone = try app()
        try await registerAndLogin(phone, id: Self.idB, mobile: "13800138012")
        let tablet = try app()
        try await login(tablet, id: Self.idB, mobile: "13800138012")
        do {
            _ = try await phone.refreshProfile()
            XCTFail("the old session still worked")
        } catch YaohaoError.LoggedInElsewhere(_, let en) {
            XCTAssertFalse(en.isEmpty)
        }
        let profile = try await tablet.refreshProfile()
        XCTAssertEqual(profile.residentId, Self.idB)
    }

    func testCancelledCallsStopAndBadInputNamesItsField() async throws {
        let token = CancelToken()
        token.cancel()
        do {
            _ = try await app().refresh(cancel: token)
            XCTFail("a cancelled refresh ran")
        } catch YaohaoError.Cancelled {}
        do {
            _ = try await app().requestSmsCode(purpose: .register, mobile: "12345", residentId: nil)
            XCTFail("a 5-digit mobile was accepted")
        } catch YaohaoError.InvalidInput(let field, _, _, _) {
            XCTAssertEqual(field, "mobile")
        }
    }
}
