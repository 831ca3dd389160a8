import XCTest
@testable import YaohaoKit

/// The applicant's journey through the app state, over the real core against a real portal.
final class JourneyTests: XCTestCase {
    @MainActor
    func testRegisterApplyDrawAndConfirm() async throws {
        let h = try Harness()
        try await h.signIn()
        XCTAssertEqual(h.state.session, .signedIn)
        let account = try XCTUnwrap(h.state.dashboard?.account)
        XCTAssertEqual(account.account.residentId, Applicant.residentId)
        // The core masks; the app shows what it gets.
        XCTAssertNotEqual(account.residentIdMasked, Applicant.residentId)
        XCTAssertTrue(account.residentIdMasked.hasSuffix(String(Applicant.residentId.suffix(4))))
        XCTAssertEqual(h.secrets.count, 1)
        XCTAssertFalse(h.state.dashboard?.nextEvents.isEmpty ?? true)

        let code = try await h.submitApplication()
        XCTAssertEqual(code.count, 13)
        try await h.portal.makeEligible(residentId: Applicant.residentId, licenceFile: Applicant.licenceFile)
        try await h.portal.review()
        await h.state.refresh()
        let card = try XCTUnwrap(h.state.dashboard?.applications.first, "\(String(describing: h.state.error))")
        XCTAssertEqual(card.application.status, .approved)
        XCTAssertEqual(card.application.code, code)
        XCTAssertEqual(card.statusLabel, applicationStatusLabel(status: .approved))

        // The core's reminders are pending, and its draw-day checks planned with the system
        // and as local notifications.
        let reminders = try XCTUnwrap(h.state.dashboard?.reminders)
        let pending = await h.center.pending
        for reminder in reminders {
            XCTAssertEqual(pending[NotificationPlanner.reminderPrefix + reminder.id]?.fireAt, reminder.fireAt)
        }
        let checks = try await h.core.drawDayChecks()
        XCTAssertFalse(checks.isEmpty)
        let planned = await h.background.scheduled
        XCTAssertEqual(planned, checks)
        XCTAssertEqual(pending[NotificationPlanner.checkPrefix + checks[0].id]?.fireAt, checks[0].at)

        // The draw: one quota among one applicant, so the code wins; the push is checked once.
        let period = try await h.portal.runPeriod(quota: 1, seed: "123456")
        let payload = try XCTUnwrap(PushPayload(userInfo: ["period": period]))
        let shown = await h.state.handlePush(payload)
        let again = await h.state.handlePush(payload)
        XCTAssertEqual([shown, again], [1, 0], "\(String(describing: h.state.error))")
        let notified = await h.center.pending
        XCTAssertNotNil(notified["result:\(period):\(code)"])

        let result = try XCTUnwrap(h.state.dashboard?.latestResults.first)
        XCTAssertEqual(result.outcome.code, code)
        XCTAssertTrue(result.outcome.won)
        XCTAssertTrue(result.outcome.verified)
        XCTAssertNotNil(result.won)
        XCTAssertNil(result.notWon)
        // The refresh brings the quota: the card then shows its validity end and the confirmation.
        await h.state.refresh()
        let won = try XCTUnwrap(h.state.dashboard?.latestResults.first?.won)
        XCTAssertNotNil(won.validUntil, "a won card shows the validity end")
        let confirm = try XCTUnwrap(won.actions.first { $0.kind == .confirm }, "\(won)")
        XCTAssertTrue(confirm.allowed)
        XCTAssertNotNil(confirm.deadline)
        await h.state.confirm(won)
        XCTAssertNil(h.state.error)
        let quotas = try await h.core.quotas()
        XCTAssertEqual(quotas.first?.status, .confirmed)
        let after = try XCTUnwrap(h.state.dashboard?.latestResults.first?.won)
        XCTAssertFalse(after.actions.contains { $0.kind == .confirm && $0.allowed }, "confirmed: no more confirm")

        await h.state.logout()
        XCTAssertEqual(h.state.session, .signedOut)
        XCTAssertEqual(h.secrets.count, 0)
        let cleared = await h.center.pending
        XCTAssertTrue(cleared.keys.allSatisfy { !$0.hasPrefix(NotificationPlanner.reminderPrefix) && !$0.hasPrefix(NotificationPlanner.checkPrefix) })
        XCTAssertNotNil(cleared["result:\(period):\(code)"], "shown results stay")
        let unplanned = await h.background.scheduled
        XCTAssertEqual(unplanned, [])
    }

    @MainActor
    func testTheDrawDayCheckFindsAResultWithoutAPush() async throws {
        let h = try Harness()
        let code = try await h.approvedApplication()
        let period = try await h.portal.runPeriod(quota: 1, seed: "654321")
        let found = await h.state.runDrawDayCheck()
        XCTAssertEqual(found, 1, "\(String(describing: h.state.error))")
        let pending = await h.center.pending
        XCTAssertNotNil(pending["result:\(period):\(code)"])
        XCTAssertEqual(h.state.dashboard?.latestResults.first?.outcome.period, period)
        let again = await h.state.runDrawDayCheck()
        XCTAssertEqual(again, 0)
    }

    @MainActor
    func testTheDeviceTokenIsRegisteredRightAfterLogin() async throws {
        let h = try Harness()
        await h.state.start()
        // APNs answers at launch, before anyone is logged in: nothing is sent, nothing fails.
        await h.state.registerDeviceToken(Data([0xAB, 0xCD, 0xEF, 0x01]))
        XCTAssertNil(h.state.error)
        try await h.signIn()
        XCTAssertNil(h.state.error)
        let session = try XCTUnwrap(try h.secrets.get(key: "yaohao.session"))
        let devices = try await h.portal.devices(session: session)
        XCTAssertTrue(devices.contains("abcdef01"), devices)
        XCTAssertTrue(devices.contains("apns"), devices)
    }

    @MainActor
    func testAnUnreachablePortalIsARetryableNetworkError() async throws {
        let h = try Harness(language: .en, portalURL: "http://127.0.0.1:9")
        let sent = await h.state.requestLoginCode(holder: .person(residentId: Applicant.residentId))
        XCTAssertFalse(sent)
        XCTAssertEqual(h.state.error?.isRetryable, true)
        XCTAssertFalse(h.state.error?.message.en.isEmpty ?? true)
    }

    @MainActor
    func testACancelledRefreshIsNotAnError() async throws {
        let h = try Harness()
        let refresh = Task { await h.state.refresh() }
        refresh.cancel()
        await refresh.value
        XCTAssertNil(h.state.error)
        XCTAssertFalse(h.state.isRefreshing)
    }
}
