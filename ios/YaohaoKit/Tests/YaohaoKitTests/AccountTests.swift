import XCTest
@testable import YaohaoKit

/// The account screen: the core's card, a mobile change confirmed from the old and the new
/// number, a marital-status change through its review, and an address change.
final class AccountTests: XCTestCase {
    @MainActor
    func testTheMobileIsChangedWithCodesSentToBothNumbers() async throws {
        let h = try Harness()
        try await h.signIn()
        let account = h.state.account()
        let before = try XCTUnwrap(account.card)
        XCTAssertNotEqual(before.mobileMasked, Applicant.mobile, "the core masks the mobile")
        account.newMobile = "13900139022"
        try await h.portal.advance(seconds: 61)
        let sent = await account.requestMobileChangeCodes()
        XCTAssertTrue(sent, "\(String(describing: account.error))")
        XCTAssertNotNil(account.mobileCodesSent)
        account.oldCode = try await h.portal.lastCode(mobile: Applicant.mobile)
        account.newCode = try await h.portal.lastCode(mobile: "13900139022")
        let changed = await account.changeMobile()
        XCTAssertTrue(changed, "\(String(describing: account.error))")
        XCTAssertEqual(account.card?.account.mobile, "13900139022")
    }

    @MainActor
    func testAMaritalStatusChangeIsReviewed() async throws {
        let h = try Harness()
        try await h.signIn()
        let account = h.state.account()
        let change = try XCTUnwrap(account.card?.actions.first { $0.kind == .changeMaritalStatus })
        XCTAssertTrue(change.allowed, "\(String(describing: change.reason))")
        XCTAssertEqual(account.actions.map(\.kind), [.changeMaritalStatus, .deleteAccount])
        await account.loadMaritalChange()
        XCTAssertNil(account.maritalChange)

        let requested = await account.requestMaritalChange(to: .married, certificate: try Fixtures.data("photos/licence.jpg"))
        XCTAssertTrue(requested, "\(String(describing: account.error))")
        let pending = try XCTUnwrap(account.maritalChange)
        XCTAssertEqual(pending.status, .pending)
        XCTAssertEqual(pending.requestedStatus, .married)
        XCTAssertEqual(h.state.dashboard?.account?.maritalChange?.id, pending.id)
        XCTAssertFalse(account.actions.contains { $0.kind == .changeMaritalStatus },
                       "no second request while one is reviewed")

        try await h.portal.decideMaritalChange(id: pending.id, approve: false, reason: "证件照片不清晰")
        await account.loadMaritalChange()
        XCTAssertEqual(account.maritalChange?.status, .rejected, "\(String(describing: account.error))")
        XCTAssertEqual(account.maritalChange?.reason, "证件照片不清晰")
    }

    @MainActor
    func testAnAddressChangeIsOfferedOnceApprovedCheckedAndReviewed() async throws {
        let h = try Harness()
        try await h.signIn()
        let account = h.state.account()
        let early = try XCTUnwrap(account.addressChangeAction)
        XCTAssertFalse(early.allowed, "before approval the form is edited instead")
        XCTAssertEqual(early.reason?.code, "no_approved_application")

        _ = try await h.submitApplication()
        try await h.portal.makeEligible(residentId: Applicant.residentId, licenceFile: Applicant.first.licenceFile)
        try await h.portal.review()
        await h.state.refresh()
        XCTAssertEqual(account.addressChangeAction?.allowed, true)
        let proof = try Fixtures.data("photos/licence.jpg")
        account.newAddress = "北京西城区金融大街7号"
        let refused = await account.requestAddressChange(proof: proof)
        XCTAssertFalse(refused)
        XCTAssertEqual(account.addressError?.zh.contains("北京市"), true, "\(String(describing: account.addressError))")
        XCTAssertNil(account.error, "a field problem is not an alert")

        account.newAddress = "北京市西城区金融大街7号英蓝国际中心1201"
        let sent = await account.requestAddressChange(proof: proof)
        XCTAssertTrue(sent, "\(String(describing: account.error))")
        XCTAssertNil(account.addressError)
        XCTAssertEqual(account.newAddress, "")
        XCTAssertEqual(account.addressChange?.status, .pending)
        XCTAssertEqual(account.addressChange?.requestedAddress, "北京市西城区金融大街7号英蓝国际中心1201")
        XCTAssertEqual(account.addressChangeAction?.reason?.code, "address_change_pending")
    }
}
