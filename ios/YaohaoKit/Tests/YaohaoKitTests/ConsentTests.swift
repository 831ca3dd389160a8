import XCTest
@testable import YaohaoKit

/// The privacy policy comes first: no personal data and no notification prompt before consent,
/// and withdrawing it in the settings signs out.
final class ConsentTests: XCTestCase {
    @MainActor
    func testNothingPersonalHappensBeforeConsent() async throws {
        let h = try Harness(consent: false)
        await h.state.start()
        XCTAssertFalse(h.consent.isGiven)
        let granted = await h.state.requestNotificationPermission()
        XCTAssertFalse(granted)
        let asked = await h.center.authorizationRequests
        XCTAssertEqual(asked, 0, "notification permission asked before consent")
        let registration = h.state.registration()
        registration.mobile = Applicant.mobile
        let sent = await registration.requestCode()
        XCTAssertFalse(sent)
        let loginCode = await h.state.requestLoginCode(holder: .person(residentId: Applicant.residentId))
        XCTAssertFalse(loginCode)
        // Nothing reached the portal.
        do {
            let code = try await h.portal.lastCode(mobile: Applicant.mobile)
            XCTFail("a code was sent before consent: \(code)")
        } catch is TestPortalError {}

        await h.state.giveConsent()
        XCTAssertTrue(h.consent.isGiven)
        let afterConsent = await h.center.authorizationRequests
        XCTAssertEqual(afterConsent, 1, "permission is asked once consent is given")
        let sentNow = await registration.requestCode()
        XCTAssertTrue(sentNow, "\(String(describing: registration.error))")
    }

    @MainActor
    func testConsentIsRememberedAndWithdrawingItSignsOut() async throws {
        let h = try Harness()
        try await h.signIn()
        XCTAssertEqual(h.state.session, .signedIn)
        await h.state.withdrawConsent()
        XCTAssertFalse(h.consent.isGiven)
        XCTAssertEqual(h.state.session, .signedOut)
        XCTAssertEqual(h.secrets.count, 0)
        XCTAssertNil(h.state.dashboard)

        let suite = "yaohao-consent-\(UUID().uuidString)"
        defer { UserDefaults.standard.removePersistentDomain(forName: suite) }
        let defaults = try XCTUnwrap(UserDefaults(suiteName: suite))
        Consent(defaults: defaults).give()
        XCTAssertTrue(Consent(defaults: defaults).isGiven, "a new launch remembers the consent")
        defaults.set("2000-01", forKey: Consent.key)
        XCTAssertFalse(Consent(defaults: defaults).isGiven, "a new policy version asks again")
    }
}
