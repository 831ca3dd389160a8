import Foundation
import XCTest
@testable import YaohaoFFI

/// Withdrawal, the data export and account deletion through the facade against a real portal.
final class PrivacyTests: PortalTestCase {
    func testASubmittedApplicationIsWithdrawnWhenTheCoreAllowsIt() async throws {
        let (id, mobile) = ("110102198707070337", "13800138211")
        let app = try portal.app()
        try await portal.registerAndLogin(app, id: id, mobile: mobile)
        try await portal.makeEligible(id, licenceFile: PortalProcess.licenceFile)
        let submitted = try await portal.submitApplication(app)
        let card = try await app.refresh(cancel: nil).applications[0]
        let offered = try XCTUnwrap(card.actions.first { $0.kind == .withdraw })
        XCTAssertTrue(offered.allowed)
        XCTAssertEqual(offered.label.zh, "撤回申请")
        let withdrawn: Application = try await app.withdrawApplication(id: submitted.id)
        XCTAssertEqual(withdrawn.status, ApplicationStatus.withdrawn)
        XCTAssertEqual(withdrawn.code, submitted.code)
        let after = try await app.dashboard().applications[0]
        XCTAssertEqual(after.statusLabel.zh, "已撤回")
        XCTAssertTrue(after.actions.isEmpty, "a withdrawn application offers nothing")
        do {
            _ = try await app.withdrawApplication(id: submitted.id)
            XCTFail("withdrawn twice")
        } catch YaohaoError.InvalidInput(_, let code, _, _) {
            XCTAssertEqual(code, "invalid_state")
        }
    }

    func testTheExportIsUnmaskedAndDeletionForgetsEverything() async throws {
        let (id, mobile) = ("110108199404040440", "13800138212")
        let app = try portal.app()
        try await portal.registerAndLogin(app, id: id, mobile: mobile)
        try await portal.makeEligible(id, licenceFile: PortalProcess.licenceFile)
        _ = try await portal.submitApplication(app)
        _ = try await app.createDraft(kind: .individualNev)
        let export: String = try await app.exportData()
        XCTAssertTrue(export.contains("\"resident_id\": \"\(id)\""))
        XCTAssertTrue(export.contains("\"mobile\": \"\(mobile)\""))
        XCTAssertTrue(export.contains(PortalProcess.address))
        let home = try await app.refresh(cancel: nil)
        let account = try XCTUnwrap(home.account)
        XCTAssertEqual(account.actions.first { $0.kind == .deleteAccount }?.allowed, true)
        do {
            try await app.deleteAccount(password: "Wrong9876")
            XCTFail("a wrong password deleted the account")
        } catch YaohaoError.InvalidInput(let field, _, _, _) {
            XCTAssertEqual(field, "password")
        }
        let stillIn = try await app.isLoggedIn()
        XCTAssertTrue(stillIn)
        try await app.deleteAccount(password: PortalProcess.password)
        let loggedIn = try await app.isLoggedIn()
        XCTAssertFalse(loggedIn)
        let left = try await app.dashboard()
        XCTAssertNil(left.account)
        XCTAssertTrue(left.applications.isEmpty)
        XCTAssertTrue(left.drafts.isEmpty, "drafts are personal too")
        // The ID number may register again.
        try await portal.registerAndLogin(app, id: id, mobile: mobile)
        let fresh = try await app.refresh(cancel: nil)
        XCTAssertTrue(fresh.applications.isEmpty)
    }
}
