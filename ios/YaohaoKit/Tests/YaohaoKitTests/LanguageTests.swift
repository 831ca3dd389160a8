import XCTest
@testable import YaohaoKit

/// The app's language choice: Chinese first.
final class LanguageTests: XCTestCase {
    func testChineseUnlessEnglishIsPreferred() {
        XCTAssertEqual(Lang.preferred(["zh-Hans-CN", "en-US"]), .zh)
        XCTAssertEqual(Lang.preferred(["en-GB", "zh-Hans"]), .en)
        XCTAssertEqual(Lang.preferred(["fr-FR", "en-US"]), .en)
        XCTAssertEqual(Lang.preferred(["fr-FR", "de-DE"]), .zh)
        XCTAssertEqual(Lang.preferred([]), .zh)
    }

    func testTextResolvesToTheLanguage() {
        let text = BilingualText(zh: "中签", en: "Won")
        XCTAssertEqual(text.resolved(.zh), "中签")
        XCTAssertEqual(text.resolved(.en), "Won")
        XCTAssertEqual(Reason(code: "x", messageZh: "原因", messageEn: "Why").text.resolved(.en), "Why")
    }
}
