import XCTest
@testable import YaohaoFFI

/// Labels the apps show, from the library rather than hard-coded in the shells.
final class LabelsTests: XCTestCase {
    func testMaterialsAndStatusesHaveChineseAndEnglishLabels() {
        let label: BilingualText = documentLabel(kind: .idCardFront)
        XCTAssertEqual(label.zh, "身份证人像面")
        XCTAssertEqual(label.en, "ID card (photo side)")
        XCTAssertEqual(applicationStatusLabel(status: ApplicationStatus.underReview), BilingualText(zh: "审核中", en: "Under review"))
        XCTAssertEqual(applicationStatusLabel(status: .won), BilingualText(zh: "已中签", en: "Won"))
        // A status this build does not know shows the portal's own name.
        XCTAssertEqual(applicationStatusLabel(status: .other(raw: "suspended")), BilingualText(zh: "suspended", en: "suspended"))
    }
}
