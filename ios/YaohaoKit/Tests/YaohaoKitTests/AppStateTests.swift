import XCTest
import func YaohaoFFI.computeReminders
@testable import YaohaoKit

/// The app state over a portal in memory and the real core's reminders.
final class AppStateTests: XCTestCase {
    func board() throws -> Dashboard {
        let draw = UpcomingEvent(kind: .draw, title: LocalizedText(zh: "摇号", en: "Draw"),
                                 at: november23.addingTimeInterval(86_400), announced: false)
        return Dashboard(nextEvents: [draw],
                         latestResults: [ResultOutcome(period: "202605", code: "1234567890123", won: false, row: nil, verified: true)],
                         reminders: try computeReminders(state: underReview, policy: "bimonthly-2014", now: november23))
    }

    @MainActor
    func testSignedOutAtStartThenLoginShowsTheDashboardAndSchedulesReminders() async throws {
        let portal = FakePortal()
        await portal.set(board: try board())
        let center = MemoryCenter()
        let state = AppState(portal: portal, notificationCenter: center, language: .zh, now: { november23 })

        await state.start()
        XCTAssertEqual(state.session, .signedOut)
        XCTAssertTrue(state.dashboard.reminders.isEmpty)

        let wrongId = await state.requestLoginCode(residentId: "000")
        XCTAssertFalse(wrongId)
        XCTAssertEqual(state.error?.field, "resident_id")
        let sent = await state.requestLoginCode(residentId: "110101199003070000")
        XCTAssertTrue(sent)
        XCTAssertEqual(state.secondsUntilResend(at: november23), 60)
        XCTAssertEqual(state.secondsUntilResend(at: november23.addingTimeInterval(61)), 0)

        let wrongCode = await state.login(residentId: "110101199003070000", password: "pw", smsCode: "000000")
        XCTAssertFalse(wrongCode)
        XCTAssertEqual(state.session, .signedOut)
        let loggedIn = await state.login(residentId: "110101199003070000", password: "pw", smsCode: "123456")
        XCTAssertTrue(loggedIn)
        XCTAssertEqual(state.session, .signedIn)
        XCTAssertEqual(state.dashboard.account?.name, "张三")
        XCTAssertEqual(state.dashboard.latestResults.map(\.code), ["1234567890123"])
        let pending = await center.pending
        XCTAssertEqual(pending.count, state.dashboard.reminders.count)
        XCTAssertFalse(pending.isEmpty)
    }

    @MainActor
    func testRegistrationNeedsAValidMobileAndKeepsTheUserSignedOut() async {
        let portal = FakePortal()
        let state = AppState(portal: portal, notificationCenter: MemoryCenter(), language: .zh, now: { november23 })
        let refused = await state.requestRegistrationCode(mobile: "12345")
        XCTAssertFalse(refused)
        XCTAssertEqual(state.error?.field, "mobile")
        let sent = await state.requestRegistrationCode(mobile: "13800138000")
        XCTAssertTrue(sent)
        XCTAssertEqual(state.secondsUntilResend(at: november23), 60)
        let registered = await state.register(residentId: "110101199003070000", name: "李四", mobile: "13800138000",
                                              password: "Secret123", smsCode: "123456")
        XCTAssertTrue(registered)
        XCTAssertEqual(state.secondsUntilResend(at: november23), 0)
        let accounts = await portal.registered
        XCTAssertEqual(accounts.map(\.name), ["李四"])
        XCTAssertNotEqual(state.session, .signedIn)
    }

    @MainActor
    func testAnEndedSessionSignsOutAndRemovesTheReminders() async throws {
        let portal = FakePortal()
        await portal.set(board: try board())
        await portal.set(loggedIn: true)
        let center = MemoryCenter()
        let state = AppState(portal: portal, notificationCenter: center, language: .zh, now: { november23 })
        await state.start()
        XCTAssertEqual(state.session, .signedIn)
        let scheduled = await center.pending
        XCTAssertFalse(scheduled.isEmpty)

        await portal.set(refreshFailure: .loggedInElsewhere(LocalizedText(zh: "已在其他设备登录", en: "Logged in elsewhere")))
        await state.refresh()
        XCTAssertEqual(state.session, .signedOut)
        XCTAssertEqual(state.error?.message.zh, "已在其他设备登录")
        XCTAssertNil(state.dashboard.account)
        let pending = await center.pending
        XCTAssertTrue(pending.isEmpty)
    }

    @MainActor
    func testANetworkFailureKeepsTheCachedDashboard() async throws {
        let portal = FakePortal()
        await portal.set(board: try board())
        await portal.set(loggedIn: true)
        let state = AppState(portal: portal, notificationCenter: MemoryCenter(), language: .zh, now: { november23 })
        await state.start()
        await portal.set(refreshFailure: .network(LocalizedText(zh: "网络连接失败", en: "Offline")))
        await state.refresh()
        XCTAssertEqual(state.session, .signedIn)
        XCTAssertEqual(state.dashboard.latestResults.count, 1)
        XCTAssertEqual(state.error?.isRetryable, true)
        XCTAssertFalse(state.isRefreshing)
    }

    @MainActor
    func testAResultPushShowsEachNotificationOnce() async throws {
        let portal = FakePortal()
        await portal.set(loggedIn: true)
        let won = ResultNotification(
            id: "result:202606:1234567890123",
            outcome: ResultOutcome(period: "202606", code: "1234567890123", won: true, row: 42, verified: true),
            title: LocalizedText(zh: "摇号结果：中签", en: "Draw result: you won"),
            body: LocalizedText(zh: "请在 72 小时内确认指标。", en: "Confirm within 72 hours."),
            deepLink: "yaohao://results/202606/1234567890123")
        await portal.set(results: [won], for: "202606")
        let center = MemoryCenter()
        let state = AppState(portal: portal, notificationCenter: center, language: .zh, now: { november23 })

        let payload = try XCTUnwrap(PushPayload(userInfo: ["aps": ["content-available": 1], "yaohao": ["period": "202606"]]))
        let shown = await state.handlePush(payload)
        let again = await state.handlePush(payload)
        XCTAssertEqual([shown, again], [1, 0])
        let pending = await center.pending
        XCTAssertEqual(pending[won.id]?.title, "摇号结果：中签")
        XCTAssertNil(pending[won.id]?.fireAt)
    }

    @MainActor
    func testTheDrawDayCheckRunsAfterTheNextDrawAndDeliversPublishedResults() async throws {
        let portal = FakePortal()
        await portal.set(board: try board())
        await portal.set(loggedIn: true)
        let center = MemoryCenter()
        let state = AppState(portal: portal, notificationCenter: center, language: .en, now: { november23 })
        await state.start()
        XCTAssertEqual(state.nextDrawDayCheck, november23.addingTimeInterval(86_400 + DrawDayCheck.afterDraw))

        let lost = ResultNotification(
            id: "result:202606:1234567890123",
            outcome: ResultOutcome(period: "202606", code: "1234567890123", won: false, row: nil, verified: false),
            title: LocalizedText(zh: "摇号结果：未中签", en: "Draw result: not drawn"),
            body: LocalizedText(zh: "未中签", en: "Not drawn"), deepLink: "yaohao://results/202606/1234567890123")
        await portal.set(results: [lost], for: "202606")
        let first = await state.runDrawDayCheck()
        let second = await state.runDrawDayCheck()
        XCTAssertEqual([first, second], [1, 0])
        let pending = await center.pending
        XCTAssertEqual(pending[lost.id]?.title, "Draw result: not drawn")
    }

    @MainActor
    func testTheDeviceTokenIsSentAsHex() async {
        let portal = FakePortal()
        let state = AppState(portal: portal, notificationCenter: MemoryCenter(), language: .zh)
        await state.registerDeviceToken(Data([0x0a, 0xff, 0x00, 0x7b]))
        let tokens = await portal.deviceTokens
        XCTAssertEqual(tokens, ["0aff007b"])
    }

    @MainActor
    func testAnnouncementsAreLoaded() async {
        let state = AppState(portal: FakePortal(), notificationCenter: MemoryCenter(), language: .zh)
        await state.loadAnnouncements()
        XCTAssertEqual(state.announcements.map { state.text($0.title) }, ["通告"])
    }

    @MainActor
    func testAWonQuotaIsConfirmableUntilItsDeadline() async {
        let portal = FakePortal()
        let quota = Quota(id: 3, period: "202606", certificate: "BJ-202606-0042", status: .pendingConfirmation,
                          confirmBy: november23.addingTimeInterval(72 * 3_600),
                          expiresAt: november23.addingTimeInterval(365 * 86_400))
        await portal.set(quotas: [quota])
        let state = AppState(portal: portal, notificationCenter: MemoryCenter(), language: .zh, now: { november23 })
        await state.loadQuotas()
        XCTAssertEqual(state.quotas, [quota])
        XCTAssertTrue(state.canConfirm(quota))
        XCTAssertFalse(quota.isConfirmable(at: quota.confirmBy))
        await state.confirmQuota(quota)
        XCTAssertEqual(state.quotas.map(\.status), [.confirmed])
        XCTAssertFalse(state.canConfirm(state.quotas[0]))
        XCTAssertEqual(Quota.Status(portalName: "forfeited"), .forfeited)
        XCTAssertEqual(Quota.Status(portalName: "lost"), .other("lost"))
    }
}
