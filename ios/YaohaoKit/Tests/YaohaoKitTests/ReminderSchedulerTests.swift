import XCTest
import func YaohaoFFI.computeReminders
import struct YaohaoFFI.Reminder
@testable import YaohaoKit

/// The core's reminders put on a notification center, idempotently, through the real core.
final class ReminderSchedulerTests: XCTestCase {
    func reminders() throws -> [Reminder] {
        try computeReminders(state: underReview, policy: "bimonthly-2014", now: november23)
    }

    func testSchedulesEveryReminderInChineseAndASecondSyncChangesNothing() async throws {
        let center = MemoryCenter()
        let scheduler = ReminderScheduler(center: center, language: .zh)
        let reminders = try reminders()
        XCTAssertFalse(reminders.isEmpty)

        let first = try await scheduler.sync(reminders)
        XCTAssertEqual(first.scheduled, reminders.map(\.id))
        let pending = await center.pending
        XCTAssertEqual(Set(pending.keys), Set(reminders.map { ReminderScheduler.prefix + $0.id }))
        let one = try XCTUnwrap(pending[ReminderScheduler.prefix + reminders[0].id])
        XCTAssertEqual(one.title, reminders[0].title.zh)
        XCTAssertEqual(one.fireAt, reminders[0].fireAt)

        // The core re-sends every reminder (its text or time may have changed); the same
        // identifiers replace the pending requests, so nothing is doubled.
        let again = try await scheduler.sync(reminders)
        XCTAssertEqual(again.cancelled, [])
        let after = await center.pending
        XCTAssertEqual(after, pending)
    }

    func testCancelsWhatTheCoreNoLongerWantsAndLeavesOtherNotifications() async throws {
        let center = MemoryCenter()
        let scheduler = ReminderScheduler(center: center, language: .en)
        let reminders = try reminders()
        try await scheduler.sync(reminders)
        let result = ResultNotification(
            id: "result:202606:1234567890123",
            outcome: ResultOutcome(period: "202606", code: "1234567890123", won: false, row: nil, verified: true),
            title: LocalizedText(zh: "摇号结果", en: "Draw result"), body: LocalizedText(zh: "未中签", en: "Not drawn"),
            deepLink: "yaohao://results/202606/1234567890123")
        try await scheduler.show([result])

        let sync = try await scheduler.sync(Array(reminders.prefix(1)))
        XCTAssertEqual(Set(sync.cancelled), Set(reminders.dropFirst().map(\.id)))
        let pending = await center.pending
        XCTAssertEqual(Set(pending.keys), [ReminderScheduler.prefix + reminders[0].id, result.id])
        XCTAssertEqual(pending[result.id]?.title, "Draw result")
    }

    func testARefusingCenterIsAnError() async throws {
        let center = MemoryCenter()
        await center.setRefuse(true)
        do {
            try await ReminderScheduler(center: center, language: .zh).sync(reminders())
            XCTFail("no error")
        } catch let error as PortalError {
            XCTAssertTrue(error.message.zh.contains("提醒"), error.message.zh)
        }
    }
}
