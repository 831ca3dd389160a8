import Foundation
import XCTest
@testable import YaohaoKit

/// Local notifications kept in memory, as UNUserNotificationCenter keeps its pending requests.
actor MemoryCenter: LocalNotificationCenter {
    private(set) var pending: [String: LocalNotification] = [:]
    private(set) var authorizationRequests = 0
    var refuse = false

    func requestAuthorization() -> Bool {
        authorizationRequests += 1
        return true
    }

    func pendingIdentifiers() -> [String] { Array(pending.keys) }

    func add(_ notification: LocalNotification) throws {
        if refuse { throw CocoaError(.userCancelled) }
        pending[notification.identifier] = notification
    }

    func removePending(identifiers: [String]) {
        for id in identifiers { pending[id] = nil }
    }

    func setRefuse(_ value: Bool) { refuse = value }
}

/// The background scheduler's last plan, in memory.
actor MemoryBackground: BackgroundScheduler {
    private(set) var scheduled: [PlannedCheck] = []
    private(set) var calls = 0

    func schedule(_ checks: [PlannedCheck]) {
        scheduled = checks
        calls += 1
    }
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

/// A test applicant.
struct Applicant {
    var residentId = "110105199001011232"
    var name = "张三"
    var mobile = "13800138011"
    var licenceFile = "110000123456"

    /// The applicant of most tests.
    static let first = Applicant()
    /// Another applicant in the same pool.
    static let second = Applicant(residentId: "11010519491231002X", name: "李四", mobile: "13800138022",
                                  licenceFile: "110000654321")

    static let residentId = first.residentId
    static let name = first.name
    static let mobile = first.mobile
    static let licenceFile = first.licenceFile
    static let password = "Secret123"
    static let address = "北京市海淀区中关村大街1号院2号楼"
}

/// The app state over the real core's facade against a real portal process, with the platform
/// services in memory.
@MainActor
final class Harness {
    let portal: TestPortal
    let secrets = MemorySecretStore()
    let center = MemoryCenter()
    let background = MemoryBackground()
    let consent: Consent
    let state: AppState
    let core: Yaohao
    private let directory: URL
    private let suite: String

    /// A harness; the privacy policy accepted unless `consent` is false.
    init(consent given: Bool = true, language: Lang = .zh, portalURL: String? = nil,
         sharing shared: TestPortal? = nil) throws {
        portal = try shared ?? TestPortal()
        suite = "yaohao-tests-\(UUID().uuidString)"
        let defaults = try XCTUnwrap(UserDefaults(suiteName: suite))
        consent = Consent(defaults: defaults)
        if given { consent.give() }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("yaohao-app-\(UUID().uuidString)")
        // The core follows the portal's simulated clock (the app itself opens it with `Core.open`).
        core = try Yaohao.withClock(baseUrl: portalURL ?? portal.url, dataDir: directory.path, locale: language,
                                    secrets: secrets, clock: portal.clock)
        state = AppState(core: core, notificationCenter: center, background: background, consent: consent,
                         language: language)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
        UserDefaults.standard.removePersistentDomain(forName: suite)
    }

    /// Registers the test applicant and logs in.
    func signIn(_ applicant: Applicant = .first) async throws {
        await state.start()
        let registration = state.registration()
        registration.residentId = applicant.residentId
        registration.name = applicant.name
        registration.mobile = applicant.mobile
        registration.password = Applicant.password
        let sent = await registration.requestCode()
        XCTAssertTrue(sent, "\(String(describing: registration.error))")
        registration.smsCode = try await portal.lastCode(mobile: applicant.mobile)
        let registered = await registration.register()
        XCTAssertTrue(registered, "\(String(describing: registration.error)) \(registration.portalProblems)")
        try await portal.advance(seconds: 61)
        let codeSent = await state.requestLoginCode(holder: .person(residentId: applicant.residentId))
        XCTAssertTrue(codeSent, "\(String(describing: state.error))")
        let code = try await portal.lastCode(mobile: applicant.mobile)
        let loggedIn = await state.login(holder: .person(residentId: applicant.residentId), password: Applicant.password, smsCode: code)
        XCTAssertTrue(loggedIn, "\(String(describing: state.error))")
    }

    /// Logs the first applicant in again (after the clock moved past the session, say).
    func logInAgain() async throws {
        let sent = await state.requestLoginCode(holder: .person(residentId: Applicant.residentId))
        XCTAssertTrue(sent, "\(String(describing: state.error))")
        let code = try await portal.lastCode(mobile: Applicant.mobile)
        let loggedIn = await state.login(holder: .person(residentId: Applicant.residentId), password: Applicant.password, smsCode: code)
        XCTAssertTrue(loggedIn, "\(String(describing: state.error))")
    }

    /// Fills, documents and submits an ordinary application; returns its 13-digit code.
    func submitApplication(_ applicant: Applicant = .first) async throws -> String {
        let created = await state.newDraft(kind: .individualOrdinary)
        let editor = try XCTUnwrap(created, "\(String(describing: state.error))")
        editor.licenceFile = applicant.licenceFile
        editor.address = Applicant.address
        let photo = try Fixtures.data("photos/licence.jpg")
        for kind in [DocumentKind.idCardFront, .idCardBack, .drivingLicence] {
            _ = await editor.preparePhoto(photo, as: kind)
            await editor.attachPhoto(kind)
        }
        let submitted = await editor.submit()
        XCTAssertTrue(submitted, "\(String(describing: editor.error)) \(editor.fieldErrors)")
        return try XCTUnwrap(editor.submitted?.code)
    }

    /// Signs in, submits, makes the applicant eligible and reviews: an application in the pool.
    func approvedApplication(_ applicant: Applicant = .first) async throws -> String {
        try await signIn(applicant)
        let code = try await submitApplication(applicant)
        try await portal.makeEligible(residentId: applicant.residentId, licenceFile: applicant.licenceFile)
        try await portal.review()
        await state.refresh()
        return code
    }
}
