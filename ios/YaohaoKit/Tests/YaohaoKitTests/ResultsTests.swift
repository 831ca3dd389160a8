import XCTest
@testable import YaohaoKit

/// The results screen: periods, the account's history, the data freeze and the calendar.
final class ResultsTests: XCTestCase {
    @MainActor
    func testPeriodsAndTheHistoryOfTheAccount() async throws {
        let h = try Harness()
        let code = try await h.approvedApplication()
        let period = try await h.portal.runPeriod(quota: 1, seed: "222222")
        let results = h.state.results()
        await results.load()
        XCTAssertNil(results.error)
        let drawn = try XCTUnwrap(results.periods.first { $0.id == period })
        XCTAssertEqual(drawn.status, .published)
        XCTAssertEqual(drawn.poolSize, 1)
        XCTAssertLessThan(drawn.freezeFrom, drawn.freezeUntil)
        let entry = try XCTUnwrap(results.history.first { $0.period == period })
        XCTAssertEqual(entry.code, code)
        XCTAssertEqual(entry.outcome, .won)
        let quota = try XCTUnwrap(results.quotas.first)
        XCTAssertEqual(quota.period, period)
        XCTAssertEqual(quota.status, .pendingConfirmation)

        let found = await results.checkNow()
        XCTAssertEqual(found, 1)
        XCTAssertEqual(results.cards.map(\.outcome.code), [code])
        // The card's list, verified by the core, with its facts for the verification screen.
        let detail = try XCTUnwrap(results.verification(of: try XCTUnwrap(results.cards.first)))
        XCTAssertEqual(detail.report.verdict, .verified)
        XCTAssertEqual(detail.tone, .confirmed)
        XCTAssertEqual(detail.value(.period), period)
        XCTAssertNil(detail.value(.seed), "one code for one quota: listed without a draw, so no seed")
        XCTAssertEqual(detail.value(.poolSize), "1")
        XCTAssertEqual(detail.value(.quota), "1")
        XCTAssertEqual(detail.value(.rows), "1")
        XCTAssertEqual(detail.value(.drawDate), BeijingTime.day(BeijingTime.dateString(drawn.drawAt), .zh),
                       "the draw's Beijing date")
    }

    @MainActor
    func testOneQuotaForTwoApplicantsGivesAWonAndANotWonCard() async throws {
        let first = try Harness()
        let second = try Harness(sharing: first.portal)
        _ = try await first.approvedApplication(.first)
        _ = try await second.approvedApplication(.second)
        XCTAssertEqual(second.state.dashboard?.applications.first?.application.status, .approved)
        _ = try await first.portal.runPeriod(quota: 1, seed: "444444")
        let found = [await first.state.runDrawDayCheck(), await second.state.runDrawDayCheck()]
        XCTAssertEqual(found, [1, 1], "\(String(describing: first.state.error)) \(String(describing: second.state.error))")
        let cards = [first, second].compactMap { $0.state.dashboard?.latestResults.first }
        XCTAssertEqual(cards.count, 2)
        XCTAssertEqual(cards.filter { $0.won != nil }.count, 1, "one quota, one winner")
        let lost = try XCTUnwrap(cards.first { $0.notWon != nil })
        XCTAssertFalse(lost.outcome.won)
        XCTAssertEqual(lost.notWon?.drawCount, 1, "the not-won card counts the draws taken part in")
        XCTAssertNil(lost.won)
        // Both cards carry the drawn list's verification: two codes, one quota, the seed.
        for card in cards {
            let detail = VerificationDetail(try XCTUnwrap(card.verification), language: .en)
            XCTAssertEqual(detail.tone, .confirmed, "\(detail.report)")
            XCTAssertEqual(detail.value(.seed), "444444")
            XCTAssertEqual(detail.value(.poolSize), "2")
            XCTAssertEqual(detail.value(.quota), "1")
        }
    }

    @MainActor
    func testTheDataFreezeSaysWhenItEnds() async throws {
        let h = try Harness()
        let id = try await h.portal.createPeriod(quota: 10)
        let periods = try await h.core.refreshPeriods()
        let period = try XCTUnwrap(periods.first { $0.id == id })
        try await h.portal.move(to: period.freezeFrom.addingTimeInterval(60))
        try await h.signIn()
        let results = h.state.results()
        await results.load()
        XCTAssertNil(results.error, "a data freeze is not a failure")
        let error = try XCTUnwrap(results.pause)
        XCTAssertTrue(error.isPlannedPause)
        guard case let .dataFreeze(until, _) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(until, period.freezeUntil)
        XCTAssertTrue(error.display(.zh).contains(BeijingTime.string(period.freezeUntil, .zh)), error.display(.zh))
        XCTAssertTrue(error.isRetryable)
        XCTAssertFalse(error.endsSession)
        // After the freeze the queries answer again and the notice goes.
        try await h.portal.move(to: period.freezeUntil.addingTimeInterval(60))
        await results.load()
        XCTAssertNil(results.pause, "\(String(describing: results.pause))")
    }

    @MainActor
    func testTheCalendarListsTheComingDrawsInOrder() async throws {
        let h = try Harness()
        let calendar = CalendarModel(core: h.core)
        await calendar.load()
        XCTAssertNil(calendar.error)
        XCTAssertTrue(calendar.events.contains { $0.kind == .draw })
        XCTAssertEqual(calendar.events.map(\.at), calendar.events.map(\.at).sorted())
    }
}
