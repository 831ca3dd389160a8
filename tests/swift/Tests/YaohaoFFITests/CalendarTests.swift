import Foundation
import XCTest
@testable import YaohaoFFI

/// A notification scheduler kept in memory, as the iOS app's UNUserNotificationCenter wrapper would be.
final class MemoryScheduler: NotificationScheduler, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var scheduled: [String: Reminder] = [:]
    let refuse: Bool
    let crash: Bool

    init(refuse: Bool = false, crash: Bool = false) {
        self.refuse = refuse
        self.crash = crash
    }

    func scheduledIds() throws -> [String] {
        lock.withLock { Array(scheduled.keys) }
    }

    func schedule(reminder: Reminder) throws {
        if refuse { throw SchedulerError.Refused(reason: "notifications not authorised") }
        if crash { throw CocoaError(.featureUnsupported) }
        lock.withLock { scheduled[reminder.id] = reminder }
    }

    func cancel(id: String) throws {
        _ = lock.withLock { scheduled.removeValue(forKey: id) }
    }
}

/// Policies, calendar, working days, reminders and their scheduling through the real library.
final class CalendarTests: XCTestCase {
    let state = ApplicantState(
        applications: [TrackedApplication(code: "1234567890123", kind: TrackedKind.ordinary, status: TrackedStatus.underReview,
                                   submittedOn: "2026-11-20", lastContinuedOn: nil, drawsWithoutWin: 3)],
        quota: nil,
        permits: [Permit(kind: PermitKind.workResidence, expiresOn: "2027-03-01", endorseBy: nil)],
        licenceExpiresOn: nil, maritalChange: nil, announced: [])
    let now = Date(timeIntervalSince1970: 1_795_392_000) // 2026-11-23T00:00:00Z

    func testPoliciesListTheDefault() {
        let all: [PolicySummary] = policies()
        XCTAssertEqual(all.filter(\.isDefault).map(\.name), ["bimonthly-2014"])
        XCTAssertEqual(all.first { $0.name == "annual-2021" }?.ordinaryDrawsPerYear, 2)
    }

    func testRealDrawDateIsProjectedInBeijingTime() throws {
        let events = try calendarEvents(policy: "bimonthly-2014", from: "2015-06-01", to: "2015-06-30", announced: [])
        let draw = try XCTUnwrap(events.first { $0.kind == .draw })
        XCTAssertEqual(draw.date, "2015-06-26")
        XCTAssertEqual(draw.at, Date(timeIntervalSince1970: 1_435_284_900)) // 2015-06-26T02:15:00Z
    }

    func testBadInputIsInvalidInput() {
        XCTAssertThrowsError(try calendarEvents(policy: "weekly-2030", from: "2026-01-01", to: "2026-02-01", announced: [])) {
            guard case let YaohaoError.InvalidInput(field, _, _, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(field, "policy")
        }
        XCTAssertThrowsError(try calendarEvents(policy: "bimonthly-2014", from: "2026-02-30", to: "2026-03-01",
                                                announced: [])) {
            guard case let YaohaoError.InvalidInput(_, code, _, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(code, "date_format")
        }
    }

    func testRemindersSyncIdempotently() async throws {
        let reminders = try computeReminders(state: state, policy: "bimonthly-2014", now: now)
        let later = try computeReminders(state: state, policy: "bimonthly-2014", now: now.addingTimeInterval(3600))
        XCTAssertFalse(reminders.isEmpty)
        XCTAssertEqual(reminders.map(\.id), later.map(\.id))
        XCTAssertTrue(reminders.allSatisfy { $0.fireAt > now })

        let scheduler = MemoryScheduler()
        let first = try await syncReminders(scheduler: scheduler, reminders: reminders)
        XCTAssertEqual(first.scheduled, reminders.map(\.id))
        XCTAssertEqual(first.cancelled, [])
        let second = try await syncReminders(scheduler: scheduler, reminders: Array(reminders.prefix(1)))
        XCTAssertEqual(Set(second.cancelled), Set(reminders.dropFirst().map(\.id)))
        XCTAssertEqual(Array(scheduler.scheduled.keys), [reminders[0].id])
    }

    func testSchedulerRefusalReachesTheCaller() async throws {
        let reminders = try computeReminders(state: state, policy: "bimonthly-2014", now: now)
        do {
            _ = try await syncReminders(scheduler: MemoryScheduler(refuse: true), reminders: reminders)
            XCTFail("refusal swallowed")
        } catch SchedulerError.Refused(let reason) {
            XCTAssertEqual(reason, "notifications not authorised")
        }
    }

    func testAnUnexpectedSchedulerErrorIsAnErrorNotACrash() async throws {
        let reminders = try computeReminders(state: state, policy: "bimonthly-2014", now: now)
        do {
            _ = try await syncReminders(scheduler: MemoryScheduler(crash: true), reminders: reminders)
            XCTFail("a crashing scheduler was ignored")
        } catch SchedulerError.Unexpected {}
    }

    func testAWonQuotaAndAPendingMaritalChangeHaveReminders() throws {
        var won = state
        won.quota = WonQuota(code: "1234567890123", drawDate: "2026-12-26", confirmed: false)
        won.maritalChange = PendingMaritalChange(submittedOn: "2026-12-24")
        let at = Date(timeIntervalSince1970: 1_798_264_800) // 2026-12-26T06:00:00Z
        let kinds = try computeReminders(state: won, policy: "bimonthly-2014", now: at).map(\.kind)
        XCTAssertTrue(kinds.contains(ReminderKind.confirmQuota), "\(kinds)")
        XCTAssertTrue(kinds.contains(.maritalReview), "\(kinds)")
    }

    func testAnAnnouncedDateOverridesTheProjection() throws {
        let moved = Date(timeIntervalSince1970: 1_798_423_200) // 2026-12-28T02:00:00Z
        let announced = AnnouncedDate(kind: .draw, projected: "2026-12-26", at: moved)
        let events = try calendarEvents(policy: "bimonthly-2014", from: "2026-12-01", to: "2026-12-31", announced: [announced])
        let draw = try XCTUnwrap(events.first { $0.kind == .draw })
        XCTAssertEqual(draw.date, "2026-12-28")
        XCTAssertTrue(draw.announced)
    }
}
