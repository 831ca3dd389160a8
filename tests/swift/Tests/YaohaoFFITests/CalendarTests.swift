import Foundation
import XCTest
@testable import YaohaoFFI

/// Policies, and the calendar through the facade: projected in Beijing time, announced dates from the portal.
final class CalendarTests: PortalTestCase {
    func testPoliciesListTheDefault() {
        let all: [PolicySummary] = policies()
        XCTAssertEqual(all.filter(\.isDefault).map(\.name), ["bimonthly-2014"])
        XCTAssertEqual(all.first { $0.name == "annual-2021" }?.ordinaryDrawsPerYear, 2)
    }

    func testRealDrawDateIsProjectedInBeijingTime() async throws {
        let app = try portal.app()
        try await app.refreshCalendar()
        let events: [Event] = try await app.calendar(from: "2015-06-01", to: "2015-06-30")
        let draw = try XCTUnwrap(events.first { $0.kind == .draw })
        XCTAssertEqual(draw.date, "2015-06-26")
        XCTAssertEqual(draw.at, Date(timeIntervalSince1970: 1_435_284_900)) // 2015-06-26T02:15:00Z
        XCTAssertFalse(draw.announced)
    }

    func testAnAnnouncedDateFromThePortalReplacesTheProjection() async throws {
        let app = try portal.app()
        try await app.refreshCalendar()
        // A draw in the coming months (the facade refreshes the year ahead).
        let (from, to) = (PortalProcess.beijingDate(Date().addingTimeInterval(60 * 86_400)),
                          PortalProcess.beijingDate(Date().addingTimeInterval(120 * 86_400)))
        let upcoming = try await app.calendar(from: from, to: to)
        let projected = try XCTUnwrap(upcoming.first { $0.kind == .draw })
        let moved = projected.at.addingTimeInterval(2 * 86_400)
        try await portal.announceDate(kind: "draw", projected: projected.date, at: moved)
        try await app.refreshCalendar()
        let later = PortalProcess.beijingDate(Date().addingTimeInterval(130 * 86_400))
        let shown = try await app.calendar(from: from, to: later)
        let draw = try XCTUnwrap(shown.first { $0.kind == .draw && $0.announced })
        XCTAssertEqual(draw.at, moved)
        XCTAssertTrue(draw.announced)
    }

    func testBadDatesAreInvalidInput() async throws {
        let app = try portal.app()
        do {
            _ = try await app.calendar(from: "2026-02-30", to: "2026-03-01")
            XCTFail("30 February accepted")
        } catch YaohaoError.InvalidInput(_, let code, _, _) {
            XCTAssertEqual(code, "date_format")
        }
    }
}
