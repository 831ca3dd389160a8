import XCTest
@testable import YaohaoKit

/// The app's language choice: Chinese first.
final class LanguageTests: XCTestCase {
    func testChineseUnlessEnglishIsPreferred() {
        XCTAssertEqual(Language.preferred(["zh-Hans-CN", "en-US"]), .zh)
        XCTAssertEqual(Language.preferred(["en-GB", "zh-Hans"]), .en)
        XCTAssertEqual(Language.preferred(["fr-FR", "en-US"]), .en)
        XCTAssertEqual(Language.preferred(["fr-FR", "de-DE"]), .zh)
        XCTAssertEqual(Language.preferred([]), .zh)
    }

    func testTextResolvesToTheLanguage() {
        let text = LocalizedText(zh: "中签", en: "Won")
        XCTAssertEqual(text.resolved(.zh), "中签")
        XCTAssertEqual(text.resolved(.en), "Won")
    }
}
