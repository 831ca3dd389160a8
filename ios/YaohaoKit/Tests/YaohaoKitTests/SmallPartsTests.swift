import XCTest
import enum YaohaoFFI.EventKind
import enum YaohaoFFI.YaohaoError
@testable import YaohaoKit

/// Push payloads, device tokens, countdowns, the draw-day schedule, errors and masking.
final class SmallPartsTests: XCTestCase {
    func testPushPayloadNeedsASixDigitPeriod() {
        XCTAssertEqual(PushPayload(userInfo: ["period": "202606"])?.period, "202606")
        let nested: [AnyHashable: Any] = ["period": "202702", "won": true]
        XCTAssertEqual(PushPayload(userInfo: ["yaohao": nested])?.period, "202702")
        XCTAssertNil(PushPayload(userInfo: ["period": "2026-12"]))
        XCTAssertNil(PushPayload(userInfo: ["period": "２０２６１２"]))
        XCTAssertNil(PushPayload(userInfo: ["period": 202606]))
        XCTAssertNil(PushPayload(userInfo: ["aps": ["alert": "hello"]]))
    }

    func testDeviceTokenIsLowercaseHex() {
        XCTAssertEqual(DeviceToken.hex(Data([0xDE, 0xAD, 0x01])), "dead01")
        XCTAssertEqual(DeviceToken.hex(Data()), "")
    }

    func testCountdownSplitsDaysHoursMinutes() {
        let now = november23
        let c = Countdown(from: now, to: now.addingTimeInterval(TimeInterval(((2 * 24 + 3) * 60 + 4) * 60 + 59)))
        XCTAssertEqual([c.days, c.hours, c.minutes], [2, 3, 4])
        XCTAssertFalse(c.isOver)
        XCTAssertTrue(Countdown(from: now, to: now.addingTimeInterval(-10)).isOver)
    }

    func testDrawDayCheckPrefersThePublicationAndSkipsThePast() {
        func event(_ kind: EventKind, _ hours: Double) -> UpcomingEvent {
            UpcomingEvent(kind: kind, title: LocalizedText(zh: "", en: ""), at: november23.addingTimeInterval(hours * 3_600), announced: false)
        }
        let draw = event(.draw, 10)
        let published = event(.resultsPublished, 10.5)
        XCTAssertEqual(DrawDayCheck.nextRun(events: [draw, published, event(.applicationCutoff, 1)], now: november23),
                       published.at)
        XCTAssertEqual(DrawDayCheck.nextRun(events: [draw], now: november23), draw.at.addingTimeInterval(3_600))
        XCTAssertNil(DrawDayCheck.nextRun(events: [event(.resultsPublished, -1)], now: november23))
        XCTAssertNil(DrawDayCheck.nextRun(events: [], now: november23))
    }

    func testErrorsSayWhatToDo() {
        let freeze = PortalError.dataFreeze(until: nil, LocalizedText(zh: "数据冻结", en: "Freeze"))
        XCTAssertTrue(freeze.isRetryable)
        XCTAssertFalse(freeze.endsSession)
        XCTAssertTrue(PortalError.authRequired(LocalizedText(zh: "请先登录", en: "Log in")).endsSession)
        let invalid = PortalError(YaohaoError.InvalidInput(field: "date", code: "date_format", messageZh: "日期", messageEn: "Date"))
        XCTAssertEqual(invalid, .validation(code: "date_format", field: "date", LocalizedText(zh: "日期", en: "Date")))
        XCTAssertEqual(PortalError(invalid), invalid)
    }

    func testResidentIdIsMasked() {
        let account = Account(id: 1, residentId: "11010519491231002X", name: "张三", mobile: "13800000000")
        XCTAssertEqual(account.maskedResidentId, "110***********002X")
    }

    func testMemorySecretStoreRoundTrips() throws {
        XCTAssertEqual(MemorySecretStore().count, 0)
        let store = MemorySecretStore()
        XCTAssertNil(try store.get(key: "yaohao.session"))
        try store.set(key: "yaohao.session", value: "t1")
        try store.set(key: "yaohao.session", value: "t2")
        XCTAssertEqual(try store.get(key: "yaohao.session"), "t2")
        try store.delete(key: "yaohao.session")
        try store.delete(key: "yaohao.session")
        XCTAssertNil(try store.get(key: "yaohao.session"))
    }
}

/// Times are shown in Beijing time whatever the device's zone.
final class BeijingTimeTests: XCTestCase {
    func testDrawTimeInBeijing() {
        let draw = Date(timeIntervalSince1970: 1_435_284_900) // 2015-06-26T02:15:00Z
        XCTAssertEqual(BeijingTime.string(draw, .zh), "2015年6月26日 10:15")
        XCTAssertEqual(BeijingTime.string(draw, .en), "2015-06-26 10:15 (Beijing)")
    }
}
