import XCTest
@testable import YaohaoKit

/// An application's actions, as the core allows them, performed against the real portal.
final class ApplicationActionTests: XCTestCase {
    @MainActor
    func testARejectedApplicationShowsItsReasonsAndIsResubmitted() async throws {
        let h = try Harness()
        try await h.signIn()
        let code = try await h.submitApplication()
        // Nothing in the registry: the review rejects it.
        try await h.portal.review()
        await h.state.refresh()
        let card = try XCTUnwrap(h.state.dashboard?.applications.first)
        XCTAssertEqual(card.application.status, .rejected)
        XCTAssertFalse(card.application.rejectionReasons.isEmpty)

        let model = h.state.application(card)
        XCTAssertEqual(model.actions.map(\.kind), card.actions.filter(\.allowed).map(\.kind))
        XCTAssertTrue(model.actions.contains { $0.kind == .resubmit })
        await model.load()
        let detail = try XCTUnwrap(model.detail, "\(String(describing: model.error))")
        XCTAssertEqual(detail.application.code, code)
        XCTAssertTrue(detail.history.contains { $0.status == .rejected && !$0.reasons.isEmpty })

        let resubmit = try XCTUnwrap(model.actions.first { $0.kind == .resubmit })
        let opened = await model.run(resubmit)
        let editor = try XCTUnwrap(opened, "\(String(describing: model.error))")
        XCTAssertEqual(editor.draft.applicationId, card.application.id)
        XCTAssertEqual(editor.licenceFile, Applicant.licenceFile)
        try await h.portal.makeEligible(residentId: Applicant.residentId, licenceFile: Applicant.licenceFile)
        let resubmitted = await editor.submit()
        XCTAssertTrue(resubmitted, "\(String(describing: editor.error)) \(editor.fieldErrors)")
        try await h.portal.review()
        await h.state.refresh()
        XCTAssertEqual(h.state.dashboard?.applications.first?.application.status, .approved)
    }

    @MainActor
    func testAnApprovedApplicationOffersOnlyWhatTheCoreAllows() async throws {
        let h = try Harness()
        _ = try await h.approvedApplication()
        let card = try XCTUnwrap(h.state.dashboard?.applications.first)
        let model = h.state.application(card)
        // Whatever the core says about 继续参与 now, the screen shows exactly its allowed actions.
        XCTAssertEqual(model.actions, card.actions.filter(\.allowed))
        for action in card.actions where !action.allowed {
            XCTAssertTrue(action.reason != nil || action.opensAt != nil, "a refused action says why or when")
        }
        XCTAssertFalse(model.actions.contains { $0.kind == .resubmit || $0.kind == .edit })
    }

    @MainActor
    func testContinuationOpensInItsMonthAndIsDoneOnce() async throws {
        let h = try Harness()
        _ = try await h.approvedApplication()
        let card = try XCTUnwrap(h.state.dashboard?.applications.first)
        // March: 继续参与 is refused with the reason and the day it opens, and not offered.
        let refused = try XCTUnwrap(card.actions.first { $0.kind == .continue })
        XCTAssertFalse(refused.allowed)
        XCTAssertNotNil(refused.reason)
        let opens = try XCTUnwrap(refused.opensAt)
        XCTAssertFalse(h.state.application(card).actions.contains { $0.kind == .continue })

        try await h.portal.move(to: opens.addingTimeInterval(3_600))
        await h.state.refresh()
        if h.state.session == .signedOut {
            h.state.error = nil
            try await h.logInAgain()
        }
        let open = try XCTUnwrap(h.state.dashboard?.applications.first)
        let model = h.state.application(open)
        let action = try XCTUnwrap(model.actions.first { $0.kind == .continue }, "\(open.actions)")
        XCTAssertNotNil(action.deadline, "the card says until when")
        let opened = await model.run(action)
        XCTAssertNil(opened)
        XCTAssertNil(model.error)
        XCTAssertNotNil(model.card.application.continuedOn)
        let done = try XCTUnwrap(model.card.actions.first { $0.kind == .continue })
        XCTAssertFalse(done.allowed, "once a year")
        XCTAssertFalse(model.actions.contains { $0.kind == .continue })
    }

    @MainActor
    func testALapsedApplicationIsReactivated() async throws {
        let h = try Harness()
        _ = try await h.approvedApplication()
        // Never continued: the clean-up of 1 January 2029 removes it (24 months without a win).
        try await h.portal.move(to: ISO8601DateFormatter().date(from: "2029-01-01T01:00:00Z")!)
        try await h.portal.tick()
        await h.state.refresh()
        if h.state.session == .signedOut {
            h.state.error = nil
            try await h.logInAgain()
        }
        let removed = try XCTUnwrap(h.state.dashboard?.applications.first)
        XCTAssertEqual(removed.application.status, .removed, "\(String(describing: h.state.error))")
        let model = h.state.application(removed)
        XCTAssertEqual(model.actions.map(\.kind), [.reactivate])
        let opened = await model.run(model.actions[0])
        XCTAssertNil(opened)
        XCTAssertNil(model.error)
        XCTAssertNotEqual(model.card.application.status, .removed)
        XCTAssertFalse(model.actions.contains { $0.kind == .reactivate })
    }

    @MainActor
    func testADraftIsDiscardedHereAndAtThePortal() async throws {
        let h = try Harness()
        try await h.signIn()
        let created = await h.state.newDraft(kind: .individualNev)
        let editor = try XCTUnwrap(created)
        XCTAssertEqual(h.state.dashboard?.drafts.map(\.localId), [editor.draft.localId])
        await h.state.discard(editor.draft)
        XCTAssertNil(h.state.error)
        XCTAssertEqual(h.state.dashboard?.drafts, [])
    }
}
