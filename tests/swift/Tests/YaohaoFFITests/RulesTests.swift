import XCTest
@testable import YaohaoFFI

/// Validation, eligibility, points and odds through the real library.
final class RulesTests: XCTestCase {
    func testValidateFieldNormalizesAndExplains() {
        let ok = validateField(field: .id, value: "11010519491231002x")
        XCTAssertTrue(ok.valid)
        XCTAssertEqual(ok.normalized, "11010519491231002X")

        let bad = validateField(field: .address, value: "北京朝阳区建国路88号")
        XCTAssertFalse(bad.valid)
        XCTAssertEqual(bad.errors.first?.code, "address_city")
        XCTAssertEqual(bad.normalized, "北京市朝阳区建国路88号")
    }

    func testRareCharactersSurviveTheRoundTrip() {
        let name = "王𠀀\u{E000}"
        let v = validateField(field: .name, value: name)
        XCTAssertTrue(v.valid)
        XCTAssertEqual(v.normalized, name)
        XCTAssertEqual(Array(v.normalized!.utf8), Array(name.utf8))
    }

    func testLicenceNumberMixUp() {
        let v = validateLicenceFile(value: "11010519491231002X", idNumber: "11010519491231002X")
        XCTAssertEqual(v.errors.map(\.code), ["licence_file_is_licence_number"])
    }

    func testFamilyPointsWorkedExample() throws {
        let family = Family(generations: 2, familyFullYears: 0, members: [
            Member(relation: .main, ladderSteps: 5, nevQueueFullYears: 0),
            Member(relation: .spouse, ladderSteps: 5, nevQueueFullYears: 0),
            Member(relation: .child, ladderSteps: 0, nevQueueFullYears: 0),
        ])
        let points: FamilyPoints = try familyPoints(family: family)
        XCTAssertEqual(points.total, 54)
        let members: [MemberPoints] = points.members
        XCTAssertEqual(members.map(\.relation), [Relation.main, .spouse, .child])
        XCTAssertEqual(points.formula, "((7+6)×2+1)×2 = 54")
    }

    func testInvalidFamilyThrowsInvalidInput() {
        let family = Family(generations: nil, familyFullYears: 0, members: [
            Member(relation: .main, ladderSteps: 0, nevQueueFullYears: 0),
        ])
        XCTAssertThrowsError(try familyPoints(family: family)) { error in
            guard case let YaohaoError.InvalidInput(field, code, messageZh, _) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(field, "members")
            XCTAssertEqual(code, "family_size")
            XCTAssertTrue(messageZh.contains("2 人"))
        }
    }

    func testLadderAndOdds() throws {
        XCTAssertEqual(ladderWeight(unsuccessfulDraws: 37, c5: true), 4)
        let odds: Odds = try estimateOdds(input: OddsInput(
            poolSize: 3_647_274, quota: 17_804, weight: 1, unsuccessfulDraws: nil, c5: false, drawsPerYear: 6))
        XCTAssertEqual(odds.oneIn, 205.4, accuracy: 0.5)
        // The chart: the chance of having won within n draws rises to 99 %.
        let curve: [OddsPoint] = odds.curve
        XCTAssertTrue(zip(curve, curve.dropFirst()).allSatisfy { $0.draws < $1.draws && $0.probability <= $1.probability })
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(curve.last).probability, 0.99)
        XCTAssertThrowsError(try estimateOdds(input: OddsInput(
            poolSize: 0, quota: 1, weight: 1, unsuccessfulDraws: nil, c5: false, drawsPerYear: 6)))
    }

    func testEligibilityListsEveryFailure() throws {
        let residence: Residence = .residencePermit(validUntil: "2030-01-01", socialInsuranceMonths: 10, incomeTaxMonths: 60)
        let facts = PersonFacts(
            birthDate: "2010-01-01",
            residence: residence,
            licenceValidUntil: nil, ownsBeijingCar: false, holdsValidQuota: false)
        let e: Eligibility = try checkIndividualEligibility(facts: facts, today: "2026-11-23")
        XCTAssertFalse(e.eligible)
        XCTAssertEqual(e.failures.map(\.code), ["social_insurance_months", "age", "licence_missing"])
    }

    func testFieldsAreNamedByTheirKind() {
        let fields: [Field] = [.id, .name, .phone, .licenceFile, .code, .address]
        let results = fields.map { validateField(field: $0, value: "") }
        XCTAssertTrue(results.allSatisfy { !$0.valid })
    }
}
