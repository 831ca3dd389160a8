import XCTest
@testable import YaohaoKit

/// Withdrawing an application, the copy of the account's data and deleting the account, as the
/// core offers them, against the real portal.
final class PrivacyTests: XCTestCase {
    @MainActor
    func testAnApplicationIsWithdrawnOnlyOnceConfirmed() async throws {
        let h = try Harness()
        try await h.signIn()
        _ = try await h.submitApplication()
        await h.state.refresh()
        let card = try XCTUnwrap(h.state.dashboard?.applications.first)
        XCTAssertEqual(card.application.status, .underReview)
        let model = h.state.application(card)
        let withdraw = try XCTUnwrap(model.actions.first { $0.kind == .withdraw }, "\(card.actions)")
        XCTAssertEqual(withdraw.label.zh, "撤回申请")
        XCTAssertNotNil(withdraw.deadline, "the card says by when it stays out of the next draw")

        // Asking is not doing: nothing is sent until the user confirms.
        let opened = await model.run(withdraw)
        XCTAssertNil(opened)
        XCTAssertEqual(model.withdrawalToConfirm, withdraw)
        model.withdrawalToConfirm = nil // dismissed
        await h.state.refresh()
        XCTAssertEqual(h.state.dashboard?.applications.first?.application.status, .underReview)

        _ = await model.run(withdraw)
        let asked = try XCTUnwrap(model.withdrawalToConfirm)
        let withdrawn = await model.confirmWithdrawal(asked)
        XCTAssertTrue(withdrawn, "\(String(describing: model.error))")
        XCTAssertNil(model.error)
        XCTAssertNil(model.withdrawalToConfirm)
        XCTAssertEqual(model.card.application.status, .withdrawn)
        XCTAssertEqual(model.card.statusLabel.zh, "已撤回")
        XCTAssertEqual(model.card.actions, [], "a withdrawn application offers nothing")
        XCTAssertEqual(model.actions, [])
    }

    @MainActor
    func testWithdrawingIsRefusedFromTheCutoffUntilTheDraw() async throws {
        let h = try Harness()
        _ = try await h.approvedApplication()
        let card = try XCTUnwrap(h.state.dashboard?.applications.first)
        let allowed = try XCTUnwrap(h.state.application(card).actions.first { $0.kind == .withdraw })
        let cutoff = try XCTUnwrap(allowed.deadline?.at)

        try await h.portal.move(to: cutoff.addingTimeInterval(3_600))
        await h.state.refresh()
        if h.state.session == .signedOut {
            h.state.error = nil
            try await h.logInAgain()
        }
        let fixed = try XCTUnwrap(h.state.dashboard?.applications.first)
        let model = h.state.application(fixed)
        XCTAssertFalse(model.actions.contains { $0.kind == .withdraw })
        let refused = try XCTUnwrap(model.refused.first { $0.kind == .withdraw }, "\(fixed.actions)")
        XCTAssertEqual(refused.reason?.code, "pool_fixed_for_draw")
        XCTAssertFalse(refused.reason?.text.zh.isEmpty ?? true)
        let opens = try XCTUnwrap(refused.opensAt, "the card says when it opens again")
        XCTAssertGreaterThan(opens, cutoff)
        // A refused withdrawal is never sent.
        let sent = await model.confirmWithdrawal(refused)
        XCTAssertFalse(sent)
        XCTAssertNil(model.error)
        XCTAssertEqual(model.card.application.status, .approved)
    }

    @MainActor
    func testTheExportHoldsTheFullIdAndMobile() async throws {
        let h = try Harness()
        try await h.signIn()
        let account = h.state.account()
        XCTAssertNotEqual(account.card?.residentIdMasked, Applicant.residentId, "the screen shows it masked")
        let exported = await account.exportData()
        let data = try XCTUnwrap(exported, "\(String(describing: account.error))")
        XCTAssertTrue(data.json.contains("\"resident_id\": \"\(Applicant.residentId)\""), data.json)
        XCTAssertTrue(data.json.contains("\"mobile\": \"\(Applicant.mobile)\""), data.json)
        XCTAssertNotNil(data.fileName.range(of: #"^yaohao-\d{4}-\d{2}-\d{2}\.json$"#, options: .regularExpression),
                        data.fileName)
        // The file the exporter writes is the JSON's bytes, and reads back unchanged.
        XCTAssertEqual(data.data, Data(data.json.utf8))
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: data.data) as? [String: Any])
        let read = try ExportedData(data: data.data, fileName: data.fileName)
        XCTAssertEqual(read, data)
        XCTAssertThrowsError(try ExportedData(data: Data([0xFF, 0xFE, 0x00]), fileName: "x.json"), "not UTF-8")
        XCTAssertThrowsError(try ExportedData(data: Data("导出".utf8), fileName: "x.json"), "not JSON")
    }

    @MainActor
    func testDeletionNeedsThePhraseAndThePasswordThenSignsOut() async throws {
        let h = try Harness()
        try await h.signIn()
        _ = await h.state.newDraft(kind: .individualNev)
        let account = h.state.account()
        let deletion = try XCTUnwrap(account.deletion)
        XCTAssertTrue(deletion.allowed, "\(String(describing: deletion.reason))")
        XCTAssertEqual(account.actions.map(\.kind), [.changeMaritalStatus, .deleteAccount])

        // Not typed: nothing is sent.
        account.deletionPassword = Applicant.password
        XCTAssertFalse(account.canDelete)
        let untyped = await account.deleteAccount()
        XCTAssertFalse(untyped)
        XCTAssertEqual(h.state.session, .signedIn)

        account.deletionTyped = account.deletionPhrase
        XCTAssertEqual(account.deletionPhrase, "注销账户")
        XCTAssertTrue(account.canDelete)
        account.deletionPassword = ""
        let empty = await account.deleteAccount()
        XCTAssertFalse(empty)
        XCTAssertNotNil(account.passwordError, "the core asks for the password")

        account.deletionPassword = "Wrong9876"
        let wrong = await account.deleteAccount()
        XCTAssertFalse(wrong)
        XCTAssertNotNil(account.passwordError, "a wrong password is shown on its field")
        XCTAssertNil(account.error)
        XCTAssertEqual(h.state.session, .signedIn)
        let stillIn = try await h.core.isLoggedIn()
        XCTAssertTrue(stillIn)

        account.deletionPassword = Applicant.password
        let deleted = await account.deleteAccount()
        XCTAssertTrue(deleted, "\(String(describing: account.error)) \(String(describing: account.passwordError))")
        XCTAssertNil(account.passwordError)
        XCTAssertEqual(account.deletionPassword, "")
        XCTAssertEqual(h.state.session, .signedOut)
        XCTAssertNil(h.state.dashboard)
        let loggedIn = try await h.core.isLoggedIn()
        XCTAssertFalse(loggedIn)
        let left = try await h.core.dashboard()
        XCTAssertNil(left.account)
        XCTAssertEqual(left.drafts, [], "nothing personal stays on the device")
        let scheduled = await h.background.scheduled
        XCTAssertEqual(scheduled, [])
        // The portal freed the ID number: the same person registers again (once the mobile may
        // receive another code).
        try await h.portal.advance(seconds: 61)
        try await h.signIn()
        XCTAssertEqual(h.state.dashboard?.applications, [])
    }

    @MainActor
    func testDeletionIsRefusedWhileAWonQuotaWaitsForConfirmation() async throws {
        let h = try Harness()
        _ = try await h.approvedApplication()
        _ = try await h.portal.runPeriod(quota: 1, seed: "777777")
        await h.state.refresh()
        let account = h.state.account()
        let deletion = try XCTUnwrap(account.deletion)
        XCTAssertFalse(deletion.allowed)
        XCTAssertEqual(deletion.reason?.code, "quota_pending_confirmation")
        XCTAssertTrue(deletion.reason?.text.zh.contains("待确认") ?? false, "\(String(describing: deletion.reason))")
        XCTAssertNotNil(deletion.opensAt)
        XCTAssertFalse(account.actions.contains { $0.kind == .deleteAccount })

        account.deletionTyped = account.deletionPhrase
        account.deletionPassword = Applicant.password
        XCTAssertFalse(account.canDelete)
        let deleted = await account.deleteAccount()
        XCTAssertFalse(deleted)
        XCTAssertEqual(h.state.session, .signedIn)
        let stillIn = try await h.core.isLoggedIn()
        XCTAssertTrue(stillIn)
    }
}
