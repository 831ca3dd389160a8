import XCTest
@testable import YaohaoKit

/// The app state over the real core's facade, against a real portal process.
final class FacadePortalTests: XCTestCase {
    static let residentId = "110105199001011232"
    static let mobile = "13800138011"
    static let password = "Secret123"
    static let licenceFile = "110000123456"
    static let address = "北京市海淀区中关村大街1号院2号楼"

    /// A fresh data directory for the facade, removed after the test.
    func dataDirectory() -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yaohao-app-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    func facade(_ portal: TestPortal, secrets: MemorySecretStore) throws -> FacadePortal {
        try FacadePortal(baseURL: portal.url, dataDirectory: dataDirectory(), secrets: secrets, language: .zh)
    }

    @MainActor
    func testTheApplicantJourneyThroughTheAppState() async throws {
        let portal = try TestPortal()
        let secrets = MemorySecretStore()
        let facade = try facade(portal, secrets: secrets)
        let center = MemoryCenter()
        let state = AppState(portal: facade, notificationCenter: center, language: .zh)
        await state.start()
        XCTAssertEqual(state.session, .signedOut)
        let registrationSent = await state.requestRegistrationCode(mobile: Self.mobile)
        XCTAssertTrue(registrationSent)
        let registrationCode = try await portal.lastCode(mobile: Self.mobile)
        let registered = await state.register(residentId: Self.residentId, name: "张三", mobile: Self.mobile,
                                              password: Self.password, smsCode: registrationCode)
        XCTAssertTrue(registered, "\(String(describing: state.error))")
        XCTAssertEqual(state.session, .signedOut)
        try await portal.advance(seconds: 61)
        let sent = await state.requestLoginCode(residentId: Self.residentId)
        XCTAssertTrue(sent)
        let code = try await portal.lastCode(mobile: Self.mobile)
        let loggedIn = await state.login(residentId: Self.residentId, password: Self.password, smsCode: code)
        XCTAssertTrue(loggedIn, "\(String(describing: state.error))")
        XCTAssertEqual(state.session, .signedIn)
        XCTAssertEqual(state.dashboard.account?.residentId, Self.residentId)
        XCTAssertEqual(secrets.count, 1)
        XCTAssertFalse(state.dashboard.nextEvents.isEmpty)

        // The licence number (= the ID number) typed as the file number: the core says so at once.
        let created = await state.newDraft(kind: .individualOrdinary)
        let editor = try XCTUnwrap(created)
        editor.licenceFile = Self.residentId
        XCTAssertFalse(editor.problems(.licenceFile).isEmpty)
        editor.licenceFile = Self.licenceFile
        editor.address = Self.address
        XCTAssertEqual(editor.problems(.licenceFile), [])
        await editor.save()
        XCTAssertEqual(editor.saveState, .saved)

        let notReady = await editor.check()
        XCTAssertFalse(notReady)
        XCTAssertEqual(Set(editor.preview?.missingDocuments ?? []), [.idCardFront, .idCardBack, .drivingLicence])
        let photo = try Fixtures.data("photos/licence.jpg")
        for kind in [DocumentType.idCardFront, .idCardBack, .drivingLicence] {
            let prepared = await editor.preparePhoto(photo, as: kind)
            XCTAssertNotNil(prepared)
            await editor.attachPhoto(kind)
        }
        let ready = await editor.check()
        XCTAssertTrue(ready, "\(String(describing: editor.preview))")
        let submitted = await editor.submit()
        XCTAssertTrue(submitted, "\(String(describing: editor.error))")
        let code13 = try XCTUnwrap(editor.submitted?.code)
        XCTAssertEqual(code13.count, 13)

        try await portal.makeEligible(residentId: Self.residentId, licenceFile: Self.licenceFile)
        try await portal.review()
        await state.refresh()
        XCTAssertEqual(state.dashboard.applications.map(\.status), [.approved], "\(String(describing: state.error))")
        XCTAssertEqual(state.dashboard.applications.first?.code, code13)
        let scheduled = await center.pending
        XCTAssertEqual(scheduled.count, state.dashboard.reminders.count)

        // The draw: one quota among one applicant, so the code wins; the push is checked once.
        let period = try await portal.runPeriod(quota: 1, seed: "123456")
        let payload = try XCTUnwrap(PushPayload(userInfo: ["period": period]))
        let shown = await state.handlePush(payload)
        let again = await state.handlePush(payload)
        XCTAssertEqual([shown, again], [1, 0], "\(String(describing: state.error))")
        let outcome = try XCTUnwrap(state.dashboard.latestResults.first)
        XCTAssertEqual(outcome.code, code13)
        XCTAssertTrue(outcome.won)
        XCTAssertTrue(outcome.verified)
        let pending = await center.pending
        XCTAssertNotNil(pending["result:\(period):\(code13)"])

        await state.loadQuotas()
        let quota = try XCTUnwrap(state.quotas.first)
        XCTAssertEqual(quota.period, period)
        XCTAssertEqual(quota.status, .pendingConfirmation)
        await state.confirmQuota(quota)
        XCTAssertEqual(state.quotas.first?.status, .confirmed, "\(String(describing: state.error))")

        await state.logout()
        XCTAssertEqual(state.session, .signedOut)
        XCTAssertEqual(secrets.count, 0)
    }

    @MainActor
    func testAnUnreachablePortalIsARetryableNetworkError() async throws {
        let facade = try FacadePortal(baseURL: "http://127.0.0.1:9", dataDirectory: dataDirectory(),
                                      secrets: MemorySecretStore(), language: .en)
        let state = AppState(portal: facade, notificationCenter: MemoryCenter(), language: .en)
        let sent = await state.requestLoginCode(residentId: Self.residentId)
        XCTAssertFalse(sent)
        XCTAssertEqual(state.error?.isRetryable, true)
        XCTAssertFalse(state.error?.message.en.isEmpty ?? true)
    }

    @MainActor
    func testACancelledRefreshIsNotAnError() async throws {
        let portal = try TestPortal()
        let state = AppState(portal: try facade(portal, secrets: MemorySecretStore()), notificationCenter: MemoryCenter(),
                             language: .zh)
        let refresh = Task { await state.refresh() }
        refresh.cancel()
        await refresh.value
        XCTAssertNil(state.error)
        XCTAssertFalse(state.isRefreshing)
    }

    func testBadInputNamesItsField() async throws {
        let portal = try TestPortal()
        let facade = try facade(portal, secrets: MemorySecretStore())
        do {
            _ = try await facade.requestRegistrationCode(mobile: "12345")
            XCTFail("a 5-digit mobile was accepted")
        } catch {
            XCTAssertEqual(error.field, "mobile")
        }
    }
}
