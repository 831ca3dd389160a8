import Foundation
import XCTest
@testable import YaohaoFFI

/// A whole draw cycle on the portal's simulated clock, through the facade: periods, calendar and
/// announcements, the dashboard and reminders, the data freeze, publication and result checks
/// (each notified exactly once), quota confirmation, December continuation and, after the
/// clean-up two years on, reactivation.
final class CycleTests: PortalTestCase {
    func testADrawCycleFromApplicationToReactivation() async throws {
        let people = [("110106197509090098", "13800138311"), ("110106197610100107", "13800138312")]
        let apps = [try portal.app(), try portal.app()]
        var submitted: [Application] = []
        for (app, (id, mobile)) in zip(apps, people) {
            try await portal.registerAndLogin(app, id: id, mobile: mobile)
            submitted.append(try await portal.submitApplication(app))
            try await portal.makeEligible(id, licenceFile: PortalProcess.licenceFile)
        }
        try await portal.review()
        let a = apps[0]

        // The period, as the portal lists it (its id comes from the portal, never from the test).
        let periodId = try await portal.createPeriod(quota: 1)
        let periods: [Period] = try await a.refreshPeriods()
        let period = try XCTUnwrap(periods.first { $0.id == periodId })
        XCTAssertEqual(period.status, PeriodStatus.open)
        XCTAssertEqual(period.kind, PeriodKind.draw)
        let cachedPeriods = try await a.periods()
        XCTAssertEqual(cachedPeriods, periods)
        XCTAssertTrue(period.cutoffAt < period.freezeFrom && period.freezeUntil <= period.drawAt)

        // Announcements and the announced calendar.
        try await portal.announce(titleZh: "摇号安排公告", titleEn: "Draw schedule notice")
        try await portal.announceDate(kind: "draw", projected: PortalProcess.beijingDate(period.drawAt), at: period.drawAt)
        let announcements: [Announcement] = try await a.refreshAnnouncements()
        XCTAssertTrue(announcements.contains { $0.title.en == "Draw schedule notice" })
        let cachedAnnouncements = try await a.announcements()
        XCTAssertEqual(cachedAnnouncements, announcements)

        // The home screen, and the reminders with their plan.
        let dashboard: Dashboard = try await a.refresh(cancel: nil)
        XCTAssertEqual(dashboard.applications.map(\.application.status), [.approved])
        XCTAssertNotNil(dashboard.refreshedAt)
        // The portal runs bimonthly-2014: no family applications before 2021, so the menu of new
        // applications the core gives leaves both family kinds out.
        XCTAssertEqual(dashboard.applicationKinds, [.individualOrdinary, .individualNev])
        let cached = try await a.dashboard()
        XCTAssertEqual(cached.refreshedAt, dashboard.refreshedAt)
        XCTAssertEqual(cached.applications, dashboard.applications)
        try await a.refreshCalendar()
        let events: [Event] = try await a.calendar(from: PortalProcess.beijingDate(period.drawAt),
                                                   to: PortalProcess.beijingDate(period.publishAt))
        let draw = try XCTUnwrap(events.first { $0.kind == EventKind.draw })
        XCTAssertTrue(draw.announced)
        XCTAssertEqual(draw.at, period.drawAt)
        let home = try await a.dashboard()
        let upcoming: [UpcomingEvent] = home.nextEvents
        XCTAssertFalse(upcoming.isEmpty)
        XCTAssertTrue(upcoming.allSatisfy { $0.countdownSeconds >= 0 })
        // The approved application is in the pool (active, no longer pending): its reminders are
        // the announced draw day's, and none warns of the application cut-off.
        let reminders: [Reminder] = home.reminders
        XCTAssertFalse(reminders.isEmpty)
        let drawDay = "yaohao://calendar/\(PortalProcess.beijingDate(period.drawAt))"
        let drawDayKind: ReminderKind = .drawDay
        XCTAssertTrue(reminders.contains { $0.kind == drawDayKind && $0.deepLink == drawDay }, "\(reminders)")
        XCTAssertFalse(reminders.contains { $0.kind == .cutoffSoon }, "\(reminders)")
        let plan: ReminderPlan = try await a.reminderPlan()
        XCTAssertEqual(plan.schedule.map(\.id), reminders.map(\.id))
        // Planned again, nothing is cancelled: the ids are stable.
        let replanned = try await a.reminderPlan()
        XCTAssertEqual(replanned.cancel, [])

        // Inside the data freeze queries pause until its end; nothing is published yet.
        try await portal.moveTo(period.freezeFrom.addingTimeInterval(3600))
        try await portal.login(a, id: people[0].0, mobile: people[0].1)
        do {
            _ = try await a.myResults()
            XCTFail("results were queried during the freeze")
        } catch YaohaoError.DataFreeze(let until, _, _) {
            XCTAssertEqual(until, period.freezeUntil)
        }
        let early = try await a.checkResults(period: periodId, cancel: nil)
        XCTAssertTrue(early.isEmpty)

        // After publication: each code is notified exactly once, however often it is checked.
        try await portal.moveTo(period.publishAt.addingTimeInterval(60))
        for (app, (id, mobile)) in zip(apps, people) {
            try await portal.login(app, id: id, mobile: mobile)
        }
        let forA: [ResultNotification] = try await a.checkPublishedResults(cancel: nil)
        XCTAssertEqual(forA.map(\.outcome.code), [try XCTUnwrap(submitted[0].code)])
        let againA = try await a.checkPublishedResults(cancel: nil)
        XCTAssertTrue(againA.isEmpty)
        let forB = try await apps[1].checkResults(period: periodId, cancel: CancelToken())
        XCTAssertEqual(forB.map(\.outcome.code), [try XCTUnwrap(submitted[1].code)])
        let againB = try await apps[1].checkResults(period: periodId, cancel: nil)
        XCTAssertTrue(againB.isEmpty)
        let outcomes: [ResultOutcome] = (forA + forB).map(\.outcome)
        XCTAssertEqual(outcomes.filter(\.won).count, 1)
        XCTAssertTrue(outcomes.allSatisfy { $0.verified && $0.period == periodId })
        let latest: [ResultCard] = try await a.dashboard().latestResults
        XCTAssertEqual(latest.map(\.outcome), [outcomes[0]])
        let mine: [PeriodResult] = try await a.myResults()
        XCTAssertEqual(mine.map(\.period), [periodId])
        XCTAssertEqual(mine.map(\.outcome), [outcomes[0].won ? PeriodOutcome.won : .notWon])

        let (w, l) = outcomes[0].won ? (0, 1) : (1, 0)
        let quotas: [Quota] = try await apps[w].quotas()
        XCTAssertEqual(quotas.map(\.status), [QuotaStatus.pendingConfirmation])
        let confirmed = try await apps[w].confirmQuota(quotaId: quotas[0].id)
        XCTAssertEqual(confirmed.map(\.status), [.confirmed])
        // 继续参与 in December keeps the loser's application; the clean-up two years on removes it
        // all the same (it was not continued in the December before), and it can be reactivated.
        let continued = try await apps[l].continueApplication(id: submitted[l].id)
        XCTAssertEqual(continued.status, .approved)
        try await portal.moveTo(Date(timeIntervalSince1970: 1_861_923_600)) // 2029-01-01T01:00:00Z
        try await portal.login(apps[l], id: people[l].0, mobile: people[l].1)
        let removed = try await apps[l].refresh(cancel: nil).applications
        XCTAssertEqual(removed.map(\.application.status), [.removed])
        let reactivated = try await apps[l].reactivateApplication(id: submitted[l].id)
        XCTAssertEqual(reactivated.status, .underReview)
        XCTAssertEqual(reactivated.code, submitted[l].code)
        let cachedApplications = try await apps[l].dashboard().applications
        XCTAssertEqual(cachedApplications.map(\.application.status), [.underReview])
        let reactivatedDetail = try await apps[l].application(id: submitted[l].id)
        XCTAssertEqual(reactivatedDetail.application, reactivated)
    }
}
