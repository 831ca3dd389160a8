import Foundation
import XCTest
@testable import YaohaoFFI

/// A clock the test sets, read by Rust whenever the facade needs the time.
final class FixedClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0
    let date: Date
    var callCount: Int { lock.withLock { calls } }

    init(_ date: Date) { self.date = date }
    func now() -> Date {
        lock.withLock { calls += 1 }
        return date
    }
}

/// Accounts through the facade against a real portal: password reset, mobile and marital changes, devices.
final class AccountsTests: PortalTestCase {
    func testPasswordResetEndsTheSessionAndTheNewPasswordWorks() async throws {
        let (id, mobile) = ("110101198001010010", "13800138111")
        let app = try portal.app()
        try await portal.registerAndLogin(app, id: id, mobile: mobile)
        try await portal.advance(seconds: 61)
        let holder: AccountHolder = .person(residentId: id)
        let sent: CodeSent = try await app.requestSmsCode(purpose: .resetPassword, mobile: mobile, holder: holder)
        XCTAssertGreaterThan(sent.expiresIn, 0)
        try await app.resetPassword(holder: holder, mobile: mobile, smsCode: try await portal.smsCode(mobile),
                                    newPassword: "NewSecret456")
        let loggedIn = try await app.isLoggedIn()
        XCTAssertFalse(loggedIn)
        do {
            try await portal.login(app, id: id, mobile: mobile)
            XCTFail("the old password still worked")
        } catch YaohaoError.InvalidInput(let field, _, _, _) {
            XCTAssertEqual(field, "password")
        }
        let account: Account = try await portal.login(app, id: id, mobile: mobile, password: "NewSecret456")
        XCTAssertEqual(account.residentId, id)
    }

    func testAUnitRegistersLogsInByCreditCodeAndResetsItsPassword() async throws {
        let (creditCode, unitName, mobile) = ("91110108MA01D3M742", "北京测试科技有限公司", "13800138126")
        let app = try portal.app()
        // The core checks the unit's fields as typed, as it does a person's.
        XCTAssertTrue(validateField(field: .creditCode, value: creditCode).valid)
        XCTAssertTrue(validateField(field: .unitName, value: unitName).valid)
        XCTAssertFalse(validateField(field: .unitName, value: "  ").valid)
        _ = try await app.requestSmsCode(purpose: .register, mobile: mobile, holder: nil)
        let registration = UnitRegistration(
            creditCode: creditCode, unitName: unitName, contactResidentId: "110108198503150018",
            contactName: "钱经办", mobile: mobile, password: PortalProcess.password,
            smsCode: try await portal.smsCode(mobile))
        let registered: Account = try await app.registerUnit(registration: registration)
        XCTAssertEqual(registered.unit?.unitName, unitName)

        let unit: AccountHolder = .unit(creditCode: creditCode)
        try await portal.advance(seconds: 61)
        _ = try await app.requestSmsCode(purpose: .login, mobile: nil, holder: unit)
        let account = try await app.login(holder: unit, password: PortalProcess.password,
                                          smsCode: try await portal.smsCode(mobile))
        XCTAssertEqual(account.unit?.creditCode, creditCode)
        // The dashboard offers a unit's account only the unit kinds.
        let kinds = try await app.refresh(cancel: nil).applicationKinds
        XCTAssertFalse(kinds.isEmpty)
        XCTAssertTrue(kinds.allSatisfy { $0 == .unitOrdinary || $0 == .unitNev }, "\(kinds)")

        try await portal.advance(seconds: 61)
        _ = try await app.requestSmsCode(purpose: .resetPassword, mobile: mobile, holder: unit)
        try await app.resetPassword(holder: unit, mobile: mobile, smsCode: try await portal.smsCode(mobile),
                                    newPassword: "NewUnit2027pass")
        let loggedOut = try await app.isLoggedIn()
        XCTAssertFalse(loggedOut)
        try await portal.advance(seconds: 61)
        _ = try await app.requestSmsCode(purpose: .login, mobile: nil, holder: unit)
        _ = try await app.login(holder: unit, password: "NewUnit2027pass", smsCode: try await portal.smsCode(mobile))
        let loggedIn = try await app.isLoggedIn()
        XCTAssertTrue(loggedIn)
    }

    func testMobileChangeNeedsCodesToTheOldAndTheNewNumber() async throws {
        let (id, old, new) = ("110101198502020022", "13800138112", "13900139112")
        let app = try portal.app()
        try await portal.registerAndLogin(app, id: id, mobile: old)
        try await portal.advance(seconds: 61)
        let sent = try await app.requestMobileChangeCodes(newMobile: new)
        XCTAssertGreaterThan(sent.resendAfter, 0)
        let changed = try await app.changeMobile(newMobile: new, oldCode: try await portal.smsCode(old),
                                                 newCode: try await portal.smsCode(new))
        XCTAssertEqual(changed.mobile, new)
        // The cached account card has the new number at once, and so has the portal's profile.
        let card: AccountCard? = try await app.dashboard().account
        XCTAssertEqual(card?.account.mobile, new)
        // A person's account: no unit (a unit's account carries its credit code and name).
        let unit: UnitProfile? = card?.account.unit
        XCTAssertNil(unit)
        let refreshed = try await app.refresh(cancel: nil)
        XCTAssertEqual(refreshed.account?.account.mobile, new)
        // The device's push token is accepted once logged in, and repeating it is harmless.
        try await app.registerDevice(provider: "dev", token: "swift-device-token", keys: nil)
        try await app.registerDevice(provider: "dev", token: "swift-device-token", keys: nil)
        // A Web Push subscription: its endpoint with the keys (a real P-256 point); a bad key is named.
        let keys = WebPushKeys(
            p256dh: "BLn9b-VR0ca83knDNZ32dCHGyjJp-1riX9ZTN40MqV8K_LpQmLqxC_DoHvqvFXO_nGdAB4W9dogZb_sM-uV4JbY",
            auth: "_ordMnz7uTCmrpBTeUV4Bw")
        try await app.registerDevice(provider: "web_push", token: "https://push.example.org/up/swift", keys: keys)
        do {
            try await app.registerDevice(provider: "web_push", token: "https://push.example.org/up/swift",
                                         keys: WebPushKeys(p256dh: keys.p256dh, auth: "c2hvcnQ"))
            XCTFail("a short auth secret was accepted")
        } catch YaohaoError.InvalidInput(let field, _, _, _) {
            XCTAssertEqual(field, "keys.auth")
        }
    }

    func testMaritalChangeIsRequestedWithACertificateAndReviewed() async throws {
        let app = try portal.app()
        try await portal.registerAndLogin(app, id: "110105199203030036", mobile: "13800138113")
        let none = try await app.refreshMaritalChange()
        XCTAssertNil(none)
        let requested: MaritalChange = try await app.requestMaritalChange(status: .married, certificate: try PortalProcess.photo())
        XCTAssertEqual(requested.requestedStatus, MaritalStatus.married)
        XCTAssertEqual(requested.status, MaritalChangeStatus.pending)
        let pending = try await app.maritalChange()
        XCTAssertEqual(pending?.id, requested.id)
        try await portal.decideChange("marital", requested.id, approve: true)
        let decided = try await app.refreshMaritalChange()
        XCTAssertEqual(decided?.status, .approved)
        XCTAssertNotNil(decided?.decidedAt)
        let refreshed = try await app.refresh(cancel: nil)
        XCTAssertEqual(refreshed.account?.account.maritalStatus, MaritalStatus.married)
    }

    func testAddressChangeIsCheckedReviewedAndReachesTheApprovedForm() async throws {
        let app = try portal.app()
        let id = "110105199305050054"
        let newAddress = "北京市西城区金融大街7号英蓝国际中心1201"
        try await portal.registerAndLogin(app, id: id, mobile: "13800138116")
        _ = try await portal.submitApplication(app)
        try await portal.makeEligible(id, licenceFile: PortalProcess.licenceFile)
        try await portal.review()
        let offered = try await app.refresh(cancel: nil).account?.actions.first { $0.kind == .changeAddress }
        XCTAssertEqual(offered?.allowed, true)
        // The core checks the address before anything is sent, and names the field.
        do {
            _ = try await app.requestAddressChange(address: "北京西城区金融大街7号", proof: try PortalProcess.photo())
            XCTFail("北京 without 市 was accepted")
        } catch let YaohaoError.InvalidInput(field, _, _, _) {
            XCTAssertEqual(field, "address")
        }
        let requested: AddressChange = try await app.requestAddressChange(address: newAddress, proof: try PortalProcess.photo())
        XCTAssertEqual(requested.status, .pending)
        let card = try await app.dashboard().account
        XCTAssertEqual(card?.addressChange, requested)
        XCTAssertEqual(card?.actions.first { $0.kind == .changeAddress }?.reason?.code, "address_change_pending")
        try await portal.decideChange("address", requested.id, approve: true)
        let home = try await app.refresh(cancel: nil)
        XCTAssertEqual(home.account?.addressChange?.status, .approved)
        XCTAssertEqual(home.applications.first?.application.form.address, newAddress)
    }

    func testASecondCodeWithinAMinuteIsRateLimited() async throws {
        let app = try portal.app()
        _ = try await app.requestSmsCode(purpose: .register, mobile: "13800138114", holder: nil)
        do {
            _ = try await app.requestSmsCode(purpose: .register, mobile: "13800138114", holder: nil)
            XCTFail("two codes within a minute")
        } catch YaohaoError.RateLimited(let retryAfter, let zh, _) {
            XCTAssertTrue((1...60).contains(retryAfter), "\(retryAfter)")
            XCTAssertFalse(zh.isEmpty)
        }
    }

    func testTheAppsClockAndLocaleAreUsed() async throws {
        let at = Date(timeIntervalSince1970: 1_795_680_000) // 2026-11-26T08:00:00Z
        let clock = FixedClock(at)
        let app = try Yaohao.withClock(baseUrl: portal.baseUrl, dataDir: PortalProcess.freshDirectory(), locale: .en,
                                       secrets: MemorySecretStore(), clock: clock)
        XCTAssertEqual(app.locale(), Lang.en)
        let draft = try await app.createDraft(kind: .family)
        XCTAssertEqual(draft.updatedAt, at)
        XCTAssertGreaterThan(clock.callCount, 0)
        let dashboard = try await app.dashboard()
        XCTAssertNil(dashboard.refreshedAt)
    }
}
