import XCTest
@testable import YaohaoKit

/// Registration checks the ID, name and mobile with the core's validators as the user types, and
/// password reset works with a code sent to the registered mobile.
final class RegistrationTests: XCTestCase {
    @MainActor
    func testFieldsAreCheckedAsTheUserTypes() async throws {
        let h = try Harness()
        let form = h.state.registration()
        XCTAssertEqual(form.problems, [:], "nothing is flagged before typing")
        form.residentId = "110105199001011233" // wrong check digit
        XCTAssertEqual(form.problems[.id], validateField(field: .id, value: "110105199001011233").errors.map(\.text))
        XCTAssertFalse(form.problems[.id]?.isEmpty ?? true)
        form.residentId = Applicant.residentId
        XCTAssertNil(form.problems[.id])
        form.mobile = "12345"
        XCTAssertFalse(form.problems[.phone]?.isEmpty ?? true)
        form.mobile = Applicant.mobile
        XCTAssertNil(form.problems[.phone])
        form.name = "A1"
        XCTAssertEqual(form.problems[.name] != nil, !validateField(field: .name, value: "A1").valid)
        form.name = Applicant.name
        XCTAssertNil(form.problems[.name])
        form.name = ""
        XCTAssertNil(form.problems[.name], "an emptied field is not flagged")
    }

    @MainActor
    func testThePortalsRefusalNamesItsField() async throws {
        let h = try Harness()
        let form = h.state.registration()
        form.mobile = "12345"
        let sent = await form.requestCode()
        XCTAssertFalse(sent)
        XCTAssertNotNil(form.portalProblems["mobile"], "\(String(describing: form.error))")
    }

    @MainActor
    func testAForgottenPasswordIsResetWithAnSmsCode() async throws {
        let h = try Harness()
        try await h.signIn()
        await h.state.logout()
        try await h.portal.advance(seconds: 61)
        let reset = h.state.passwordReset()
        reset.key = Applicant.residentId
        reset.mobile = Applicant.mobile
        let sent = await reset.requestCode()
        XCTAssertTrue(sent, "\(String(describing: reset.error))")
        reset.smsCode = try await h.portal.lastCode(mobile: Applicant.mobile)
        reset.newPassword = "NewSecret456"
        let done = await reset.reset()
        XCTAssertTrue(done, "\(String(describing: reset.error))")

        try await h.portal.advance(seconds: 61)
        _ = await h.state.requestLoginCode(holder: .person(residentId: Applicant.residentId))
        let code = try await h.portal.lastCode(mobile: Applicant.mobile)
        let oldPassword = await h.state.login(holder: .person(residentId: Applicant.residentId), password: Applicant.password, smsCode: code)
        XCTAssertFalse(oldPassword, "the old password still works")
        try await h.portal.advance(seconds: 61)
        _ = await h.state.requestLoginCode(holder: .person(residentId: Applicant.residentId))
        let fresh = try await h.portal.lastCode(mobile: Applicant.mobile)
        let loggedIn = await h.state.login(holder: .person(residentId: Applicant.residentId), password: "NewSecret456", smsCode: fresh)
        XCTAssertTrue(loggedIn, "\(String(describing: h.state.error))")
    }

    @MainActor
    func testAUnitRegistersByItsContactAndLogsInAndResetsByCreditCode() async throws {
        let h = try Harness()
        let (creditCode, mobile) = ("91110108MA01D3M742", "13900139000")
        let form = h.state.registration()
        form.accountType = .unit
        form.creditCode = String(creditCode.dropLast()) + "0"
        XCTAssertEqual(form.problems[.creditCode],
                       validateField(field: .creditCode, value: form.creditCode).errors.map(\.text))
        XCTAssertFalse(form.problems[.creditCode]?.isEmpty ?? true, "a wrong check character is flagged as typed")
        form.creditCode = creditCode
        XCTAssertNil(form.problems[.creditCode])
        form.unitName = "北京测试科技有限公司"
        form.residentId = "110108198503150018"
        form.name = "钱经办"
        form.mobile = mobile
        form.password = Applicant.password
        try await h.portal.advance(seconds: 61)
        let sent = await form.requestCode()
        XCTAssertTrue(sent, "\(String(describing: form.error))")
        form.smsCode = try await h.portal.lastCode(mobile: mobile)
        let registered = await form.register()
        XCTAssertTrue(registered, "\(String(describing: form.error)) \(form.portalProblems)")
        XCTAssertEqual(form.registered?.unit?.creditCode, creditCode)

        let unit = AccountType.unit.holder(" \(creditCode) ")
        XCTAssertEqual(unit, .unit(creditCode: creditCode), "the key is trimmed")
        try await h.portal.advance(seconds: 61)
        _ = await h.state.requestLoginCode(holder: unit)
        let loggedIn = await h.state.login(holder: unit, password: Applicant.password,
                                           smsCode: try await h.portal.lastCode(mobile: mobile))
        XCTAssertTrue(loggedIn, "\(String(describing: h.state.error))")
        XCTAssertEqual(h.state.dashboard?.account?.account.unit?.unitName, "北京测试科技有限公司")

        await h.state.logout()
        try await h.portal.advance(seconds: 61)
        let reset = h.state.passwordReset()
        reset.accountType = .unit
        reset.key = creditCode
        reset.mobile = mobile
        let resetSent = await reset.requestCode()
        XCTAssertTrue(resetSent, "\(String(describing: reset.error))")
        reset.smsCode = try await h.portal.lastCode(mobile: mobile)
        reset.newPassword = "NewUnit2027pass"
        let done = await reset.reset()
        XCTAssertTrue(done, "\(String(describing: reset.error))")
        try await h.portal.advance(seconds: 61)
        _ = await h.state.requestLoginCode(holder: unit)
        let again = await h.state.login(holder: unit, password: "NewUnit2027pass",
                                        smsCode: try await h.portal.lastCode(mobile: mobile))
        XCTAssertTrue(again, "\(String(describing: h.state.error))")
    }
}
