import XCTest
@testable import YaohaoKit

/// 2026-11-23T00:00:00Z.
let november23 = Date(timeIntervalSince1970: 1_795_392_000)

/// Reminders as the core words them for an applicant under review with a work residence permit.
let sampleReminders = [
    Reminder(id: "draw_day:2026-12-26", kind: .drawDay, fireAt: Date(timeIntervalSince1970: 1_798_160_400),
             title: BilingualText(zh: "明天摇号", en: "Draw tomorrow"),
             body: BilingualText(zh: "第 202606 期摇号明天 10:15 开始。", en: "The draw of period 202606 starts tomorrow at 10:15."),
             deepLink: "yaohao://calendar"),
    Reminder(id: "permit_expiry:2027-03-01", kind: .permitExpiry, fireAt: Date(timeIntervalSince1970: 1_801_443_600),
             title: BilingualText(zh: "工作居住证将到期", en: "Work residence permit expiring"),
             body: BilingualText(zh: "工作居住证 2027年3月1日到期，请及时续签。",
                                 en: "Your work residence permit expires on 1 Mar 2027: renew it in time."),
             deepLink: "yaohao://account"),
]

/// The core's plans performed on a notification center, through the real core's reminders.
final class NotificationPlannerTests: XCTestCase {
    func reminders() throws -> [Reminder] { sampleReminders }

    func testSchedulesThePlanInChineseAndAgainChangesNothing() async throws {
        let center = MemoryCenter()
        let planner = NotificationPlanner(center: center, language: .zh)
        let reminders = try reminders()
        XCTAssertFalse(reminders.isEmpty)
        try await planner.apply(ReminderPlan(schedule: reminders, cancel: []))
        let pending = await center.pending
        XCTAssertEqual(Set(pending.keys), Set(reminders.map { NotificationPlanner.reminderPrefix + $0.id }))
        let one = try XCTUnwrap(pending[NotificationPlanner.reminderPrefix + reminders[0].id])
        XCTAssertEqual(one.title, reminders[0].title.zh)
        XCTAssertEqual(one.fireAt, reminders[0].fireAt)
        try await planner.apply(ReminderPlan(schedule: reminders, cancel: []))
        let after = await center.pending
        XCTAssertEqual(after, pending)
    }

    func testCancelsWhatTheCoreNoLongerWantsAndLeavesResults() async throws {
        let center = MemoryCenter()
        let planner = NotificationPlanner(center: center, language: .en)
        let reminders = try reminders()
        try await planner.apply(ReminderPlan(schedule: reminders, cancel: []))
        let result = ResultNotification(
            id: "result:202606:1234567890123",
            outcome: ResultOutcome(period: "202606", code: "1234567890123", won: false, row: nil, verified: true),
            title: BilingualText(zh: "摇号结果", en: "Draw result"), body: BilingualText(zh: "未中签", en: "Not drawn"),
            deepLink: "yaohao://results/202606/1234567890123")
        try await planner.show([result])
        try await planner.apply(ReminderPlan(schedule: Array(reminders.prefix(1)),
                                             cancel: reminders.dropFirst().map(\.id)))
        let pending = await center.pending
        XCTAssertEqual(Set(pending.keys), [NotificationPlanner.reminderPrefix + reminders[0].id, result.id])
        XCTAssertEqual(pending[result.id]?.title, "Draw result")
        XCTAssertNil(pending[result.id]?.fireAt)
    }

    func testDrawDayChecksReplaceEarlierOnes() async throws {
        let center = MemoryCenter()
        let planner = NotificationPlanner(center: center, language: .zh)
        let first = PlannedCheck(id: "202606-publish", at: november23, period: "202606")
        let second = PlannedCheck(id: "202608-publish", at: november23.addingTimeInterval(86_400 * 60), period: "202608")
        try await planner.schedule([first, second])
        try await planner.schedule([second])
        let pending = await center.pending
        XCTAssertEqual(Set(pending.keys), [NotificationPlanner.checkPrefix + second.id])
        let check = try XCTUnwrap(pending[NotificationPlanner.checkPrefix + second.id])
        XCTAssertEqual(check.fireAt, second.at)
        XCTAssertTrue(check.title.contains("202608"))
        await planner.removeAll()
        let cleared = await center.pending
        XCTAssertEqual(cleared, [:])
    }

    func testARefusingCenterIsAnError() async throws {
        let center = MemoryCenter()
        await center.setRefuse(true)
        let plan = ReminderPlan(schedule: try reminders(), cancel: [])
        do {
            try await NotificationPlanner(center: center, language: .zh).apply(plan)
            XCTFail("no error")
        } catch {
            XCTAssertTrue(error.message.zh.contains("提醒"), error.message.zh)
        }
    }
}
