import XCTest
@testable import YaohaoFFI

/// Portal names and labels the apps show, from the library rather than hard-coded in the shells.
final class LabelsTests: XCTestCase {
    func testEveryPortalNameMapsBackToItsMaterial() {
        XCTAssertEqual(documentPortalName(kind: .idCardFront), "id_front")
        XCTAssertEqual(documentPortalName(kind: .drivingLicence), "driving_licence")
        XCTAssertEqual(documentPortalName(kind: .taxProof), "tax_proof")
        XCTAssertNil(documentPortalName(kind: .addressProof))
        let kinds: [DocumentKind] = [.idCardFront, .idCardBack, .idPhoto, .drivingLicence, .residencePermit,
                                     .workResidencePermit, .socialInsuranceRecord, .marriageCertificate,
                                     .businessLicence, .taxProof, .familyRelationProof]
        for kind in kinds {
            if let name = documentPortalName(kind: kind) {
                XCTAssertEqual(documentKindForPortalName(name: name), kind)
            }
        }
        XCTAssertNil(documentKindForPortalName(name: "passport"))
    }

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
