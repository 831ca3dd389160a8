import XCTest
@testable import YaohaoKit

/// Field checks, points, odds and photo preparation through the real core.
final class RulesTests: XCTestCase {
    func testLicenceFileMixUpIsExplainedInChinese() throws {
        let problems = Rules.problems(.licenceFile, "11010519491231002X", residentId: "11010519491231002X")
        let first = try XCTUnwrap(problems.first)
        XCTAssertTrue(first.zh.contains("档案编号"), first.zh)
        XCTAssertFalse(first.en.isEmpty)
        XCTAssertEqual(Rules.problems(.licenceFile, " 1101 2345 6789 "), [])
    }

    func testAddressNeedsTheCity() {
        XCTAssertFalse(Rules.problems(.address, "北京朝阳区建国路88号").isEmpty)
        XCTAssertEqual(Rules.problems(.address, "北京市朝阳区建国路 88 号"), [])
    }

    func testFamilyPointsOfTheWorkedExample() throws {
        let points = try Rules.points(members: [
            FamilyMember(relation: .main, ladderSteps: 5),
            FamilyMember(relation: .spouse, ladderSteps: 5),
            FamilyMember(relation: .child),
        ], familyFullYears: 0)
        XCTAssertEqual(points.total, 54)
        XCTAssertEqual(points.generations, 2)
    }

    func testAFamilyWithoutAMainApplicantIsRefused() {
        XCTAssertThrowsError(try Rules.points(members: [FamilyMember(relation: .spouse)], familyFullYears: 0)) {
            guard case .validation = $0 as? PortalError else { return XCTFail("\($0)") }
        }
    }

    func testOddsGrowWithTheLadder() throws {
        let first = try Rules.odds(poolSize: 3_000_000, quota: 6_000, unsuccessfulDraws: 0, c5: false, drawsPerYear: 6)
        let later = try Rules.odds(poolSize: 3_000_000, quota: 6_000, unsuccessfulDraws: 37, c5: false, drawsPerYear: 6)
        XCTAssertEqual(first.weight, 1)
        XCTAssertEqual(later.weight, 3)
        XCTAssertGreaterThan(later.weight, first.weight)
        XCTAssertGreaterThan(later.probability, first.probability)
        XCTAssertEqual(first.oneIn, 1 / first.probability, accuracy: 1)
        XCTAssertGreaterThan(Rules.drawsPerYear, 0)
    }

    func testAnImpossiblePoolIsInvalidInput() {
        XCTAssertThrowsError(try Rules.odds(poolSize: 0, quota: 10, unsuccessfulDraws: 0, c5: false)) {
            XCTAssertNotNil(($0 as? PortalError)?.field)
        }
    }

    func testPhotoIsPreparedForThePreview() async throws {
        let photo = try await PhotoPreparation.prepare(Fixtures.data("photos/licence.jpg"), as: .drivingLicence)
        XCTAssertEqual(photo.kind, .drivingLicence)
        XCTAssertEqual([photo.width, photo.height], [1000, 700])
        XCTAssertLessThanOrEqual(UInt64(photo.jpeg.count), DocumentType.drivingLicence.maxBytes)
        XCTAssertEqual(Array(photo.jpeg.prefix(2)), [0xFF, 0xD8])
    }

    func testAnUnreadablePhotoNamesTheField() async {
        do {
            _ = try await PhotoPreparation.prepare(Data("GIF89a".utf8), as: .idCardFront)
            XCTFail("accepted")
        } catch {
            guard case let .validation(code, field, message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "document_format")
            XCTAssertEqual(field, "photo")
            XCTAssertTrue(message.zh.contains("JPG"))
        }
    }
}
