import XCTest
@testable import YaohaoKit

/// Push payloads, device tokens, errors and the secret store.
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

    func testErrorsSayWhatToDo() {
        let freeze = PortalError.dataFreeze(until: nil, BilingualText(zh: "数据冻结", en: "Freeze"))
        XCTAssertTrue(freeze.isRetryable)
        XCTAssertFalse(freeze.endsSession)
        XCTAssertTrue(PortalError.authRequired(BilingualText(zh: "请先登录", en: "Log in")).endsSession)
        let invalid = PortalError(YaohaoError.InvalidInput(field: "date", code: "date_format", messageZh: "日期", messageEn: "Date"))
        XCTAssertEqual(invalid, .validation(code: "date_format", field: "date", BilingualText(zh: "日期", en: "Date")))
        XCTAssertEqual(PortalError(invalid), invalid)
        let until = Date(timeIntervalSince1970: 1_435_284_900) // 2015-06-26 10:15 Beijing
        let frozen = PortalError.dataFreeze(until: until, BilingualText(zh: "数据封存中", en: "Frozen"))
        XCTAssertEqual(frozen.display(.zh), "数据封存中（2015年6月26日 10:15 恢复）")
        XCTAssertEqual(frozen.display(.en), "Frozen (until 2015-06-26 10:15 (Beijing))")
        XCTAssertEqual(freeze.display(.zh), "数据冻结")
        XCTAssertTrue(frozen.isPlannedPause, "a data freeze is planned, not a failure")
        XCTAssertFalse(PortalError.network(BilingualText(zh: "网络", en: "Network")).isPlannedPause)
        XCTAssertFalse(invalid.isPlannedPause)
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
        // 23:30 UTC is already the next day in Beijing.
        XCTAssertEqual(BeijingTime.dateString(Date(timeIntervalSince1970: 1_435_361_400)), "2015-06-27")
        XCTAssertEqual(BeijingTime.day("2015-06-26", .zh), "2015年6月26日")
        XCTAssertEqual(BeijingTime.day("2015-06-26", .en), "2015-06-26 (Beijing)")
        XCTAssertEqual(BeijingTime.day("soon", .zh), "soon")
    }
}
