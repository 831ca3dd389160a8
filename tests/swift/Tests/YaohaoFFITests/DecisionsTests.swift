import Foundation
import XCTest
@testable import YaohaoFFI

/// A clock the test moves along with the portal's simulated one.
final class MovableClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ date: Date) { current = date }
    var date: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
    func now() -> Date { date }
}

/// The decisions the core makes for the screens, through the real library: codes read as typed,
/// the offline preview, and the dashboard's cards (the actions allowed now with deadlines and
/// reasons, the masked account, result cards) and the draw-day check plan.
final class DecisionsTests: PortalTestCase {
    static let id = "11010619770707016X"
    static let mobile = "13800138411"

    func testCodesAndCreditCodesAreReadAsTyped() async throws {
        for typed in ["1234 5678 90123", "１２３４５６７８９０１２３", "1234-5678-90123"] {
            XCTAssertEqual(validateField(field: .code, value: typed).normalized, "1234567890123")
        }
        let fixtures = try XCTUnwrap(ProcessInfo.processInfo.environment["YAOHAO_FIXTURES"])
        let text = try Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent("results/unit-2015-named.utf8.txt"))
        guard case let .draw(won, row, _) = try await checkCode(bytes: text, code: "2000 0000 00663") else {
            return XCTFail("not a lottery list")
        }
        XCTAssertTrue(won)
        XCTAssertEqual(row, 1)
        XCTAssertEqual(validateField(field: .code, value: "123").errors.map(\.code), ["code_length"])
        let credit = validateField(field: .creditCode, value: "91350100m000100y43")
        XCTAssertTrue(credit.valid)
        XCTAssertEqual(credit.normalized, "91350100M000100Y43")
        XCTAssertEqual(validateField(field: .creditCode, value: "91350100M000100Y44").errors.map(\.code),
                       ["credit_code_checksum"])
    }

    func testThePreviewNeedsNoNetwork() async throws {
        // Nothing listens on port 9: every check below is the core's, offline.
        let app = try Yaohao(baseUrl: "http://127.0.0.1:9", dataDir: PortalProcess.freshDirectory(), locale: .zh,
                             secrets: MemorySecretStore())
        let draft = try await app.createDraft(kind: .individualOrdinary)
        _ = try await app.saveDraft(localId: draft.localId,
                                    form: ApplicationForm(licenceFile: "110000123456", address: "北京朝阳区建国路88号",
                                                          c5Licence: false, family: nil))
        let preview: Preview = try await app.preview(localId: draft.localId)
        XCTAssertFalse(preview.ready)
        let address = try XCTUnwrap(preview.checks.first { $0.field == "address" })
        XCTAssertFalse(address.valid)
        XCTAssertEqual(address.normalized, "北京市朝阳区建国路88号")
        XCTAssertEqual(preview.missingDocuments, [.idCardFront, .idCardBack, .drivingLicence])
        let family = try await app.createDraft(kind: .family)
        let familyPreview = try await app.preview(localId: family.localId)
        XCTAssertTrue(familyPreview.missingDocuments.contains(.familyRelationProof))
    }

    func testTheDashboardSaysWhatMayBeDoneNow() async throws {
        let clock = MovableClock(Date(timeIntervalSince1970: 1_793_577_600)) // 2026-11-02T00:00:00Z
        let app = try Yaohao.withClock(baseUrl: portal.baseUrl, dataDir: PortalProcess.freshDirectory(), locale: .zh,
                                       secrets: MemorySecretStore(), clock: clock)
        try await portal.registerAndLogin(app, id: Self.id, mobile: Self.mobile)
        let submitted = try await portal.submitApplication(app)
        try await portal.makeEligible(Self.id, licenceFile: PortalProcess.licenceFile)
        try await portal.review()
        let periodId = try await portal.createPeriod(quota: 1)

        let home: Dashboard = try await app.refresh(cancel: nil)
        let card: ApplicationCard = try XCTUnwrap(home.applications.first)
        XCTAssertEqual(card.application.id, submitted.id)
        XCTAssertEqual(card.statusLabel.zh, "审核通过")
        XCTAssertEqual(card.nextWeight, 1)
        // In the pool in November: 继续参与 is offered, refused until December, with the reason.
        let continuing: Action = try XCTUnwrap(card.actions.first)
        XCTAssertEqual(card.actions.map(\.kind), [ActionKind.continue, .withdraw])
        XCTAssertFalse(continuing.allowed)
        XCTAssertEqual(continuing.reason?.code, "outside_continuation_month")
        XCTAssertEqual(continuing.opensAt, Date(timeIntervalSince1970: 1_796_054_400)) // 2026-11-30T16:00:00Z
        XCTAssertNil(card.countdown)

        let account: AccountCard = try XCTUnwrap(home.account)
        XCTAssertEqual(account.residentIdMasked, "110106********016X")
        XCTAssertEqual(account.mobileMasked, "138****8411")
        XCTAssertEqual(account.maritalStatusLabel.zh, "未婚")
        XCTAssertEqual(account.actions.map(\.kind), [.changeMaritalStatus, .changeAddress, .deleteAccount])
        XCTAssertTrue(account.actions[0].allowed)

        // The draw-day check plan: the first look is at the publication of this period.
        let checks: [PlannedCheck] = try await app.drawDayChecks()
        XCTAssertEqual(home.nextCheck, checks.first)
        let periods = try await app.periods()
        let period = try XCTUnwrap(periods.first { $0.id == periodId })
        XCTAssertEqual(checks.first?.period, periodId)
        XCTAssertEqual(checks.first?.at, period.publishAt)

        // Published: the only applicant wins; the card has the quota and the confirm action.
        let published = period.publishAt.addingTimeInterval(60)
        try await portal.moveTo(published)
        clock.date = published
        _ = try await portal.login(app, id: Self.id, mobile: Self.mobile)
        let notified = try await app.checkPublishedResults(cancel: nil)
        XCTAssertEqual(notified.map(\.outcome.won), [true])
        let quotas = try await app.quotas()
        let quota = try XCTUnwrap(quotas.first)
        let afterPublication = try await app.dashboard()
        let result: ResultCard = try XCTUnwrap(afterPublication.latestResults.first)
        XCTAssertTrue(result.meaning.zh.contains(quota.certificate))
        XCTAssertNil(result.notWon)
        // The card carries the list's verification in the core's words.
        let report: DrawReport = try XCTUnwrap(result.verification)
        XCTAssertEqual(report.verdict, .verified)
        XCTAssertEqual(report.period, result.outcome.period)
        XCTAssertEqual(report.rows, 1)
        XCTAssertEqual(report.headline.zh, "已验证")
        let won: WonResult = try XCTUnwrap(result.won)
        XCTAssertEqual(won.quota, quota)
        XCTAssertEqual(won.confirmBy, quota.confirmBy)
        // While the quota waits for confirmation, the account cannot be deleted, and says why.
        let deletion = try XCTUnwrap(afterPublication.account?.actions.first { $0.kind == .deleteAccount })
        XCTAssertFalse(deletion.allowed)
        XCTAssertEqual(deletion.reason?.code, "quota_pending_confirmation")
        XCTAssertEqual(deletion.opensAt, quota.confirmBy)
        let confirm = try XCTUnwrap(won.actions.first)
        XCTAssertEqual(won.actions.map(\.kind), [.confirm])
        XCTAssertTrue(confirm.allowed)
        let deadline: Deadline = try XCTUnwrap(confirm.deadline)
        XCTAssertEqual(deadline.at, quota.confirmBy)
        let countdown: Countdown = try XCTUnwrap(won.countdown)
        XCTAssertEqual(countdown.deadline, deadline)
        XCTAssertTrue((1...72 * 3600).contains(countdown.seconds))
        let after = try await app.drawDayChecks()
        XCTAssertFalse(after.contains { $0.period == periodId }, "found: no more checks for this period")

        // Past the deadline, confirming is refused with the reason, before any request.
        clock.date = quota.confirmBy.addingTimeInterval(60)
        let lateHome = try await app.dashboard()
        let late = try XCTUnwrap(lateHome.latestResults.first?.won?.actions.first)
        XCTAssertFalse(late.allowed)
        XCTAssertEqual(late.reason?.code, "confirmation_closed")
    }

    func testALostDrawShowsTheDrawCountAndTheNextWeight() async throws {
        let people = [("110106197509090098", "13800138421"), ("110106197610100107", "13800138422")]
        let apps = [try portal.app(), try portal.app()]
        for (app, (id, mobile)) in zip(apps, people) {
            try await portal.registerAndLogin(app, id: id, mobile: mobile)
            _ = try await portal.submitApplication(app)
            try await portal.makeEligible(id, licenceFile: PortalProcess.licenceFile)
        }
        try await portal.review()
        let periodId = try await portal.createPeriod(quota: 1)
        let periods = try await apps[0].refreshPeriods()
        let period = try XCTUnwrap(periods.first { $0.id == periodId })
        try await portal.moveTo(period.publishAt.addingTimeInterval(60))
        var lost: NotWonResult?
        for (app, (id, mobile)) in zip(apps, people) {
            _ = try await portal.login(app, id: id, mobile: mobile)
            _ = try await app.checkPublishedResults(cancel: nil)
            let home = try await app.refresh(cancel: nil)
            if let notWon = home.latestResults.first?.notWon { lost = notWon }
        }
        let card = try XCTUnwrap(lost)
        XCTAssertEqual(card.drawCount, 1)
        XCTAssertEqual(card.nextWeight, 1)
    }
}
