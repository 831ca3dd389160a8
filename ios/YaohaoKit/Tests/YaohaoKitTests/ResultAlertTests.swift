import XCTest
@testable import YaohaoKit

/// The text the Notification Service Extension puts on a visible result push.
final class ResultAlertTests: XCTestCase {
    @MainActor
    func testTheCoresOutcomeOrTheGenericText() async throws {
        let h = try Harness()
        let code = try await h.approvedApplication()
        let period = try await h.portal.runPeriod(quota: 1, seed: "333333")
        let payload = PushPayload(userInfo: ["aps": ["alert": "x", "mutable-content": 1], "period": period])
        XCTAssertEqual(payload?.period, period)
        let alert = await ResultAlert.compose(payload, core: h.core, language: .zh)
        XCTAssertEqual(alert.identifier, "result:\(period):\(code)")
        XCTAssertNotEqual(alert.title, ResultAlert.generic(period: period, language: .zh).title)
        // Handed out once: the app does not show it a second time.
        let shown = await h.state.handlePush(try XCTUnwrap(payload))
        XCTAssertEqual(shown, 0)
        // Already handed out, or no period in the payload: the generic text.
        let repeated = await ResultAlert.compose(payload, core: h.core, language: .zh)
        XCTAssertEqual(repeated, ResultAlert.generic(period: period, language: .zh))
        XCTAssertTrue(repeated.body.contains(period))
        let other = await ResultAlert.compose(PushPayload(userInfo: ["aps": [:]]), core: h.core, language: .en)
        XCTAssertEqual(other, ResultAlert.generic(period: nil, language: .en))
    }

    @MainActor
    func testNoNetworkGivesTheGenericText() async throws {
        let h = try Harness(portalURL: "http://127.0.0.1:9")
        let alert = await ResultAlert.compose(PushPayload(userInfo: ["period": "202606"]), core: h.core, language: .zh)
        XCTAssertEqual(alert, ResultAlert.generic(period: "202606", language: .zh))
        XCTAssertNil(alert.identifier)
    }
}
