import XCTest
@testable import YaohaoKit

/// The eligibility check over the core's rules.
final class EligibilityTests: XCTestCase {
    @MainActor
    func testAHukouAdultWithALicenceIsEligibleAndACarOwnerIsToldWhyNot() async throws {
        let model = EligibilityModel(now: { november23 })
        let eligible = try model.eligibility.get()
        XCTAssertTrue(eligible.eligible, "\(eligible.failures)")
        XCTAssertEqual(eligible.failures, [])

        model.ownsBeijingCar = true
        model.licenceValidUntil = nil
        let refused = try model.eligibility.get()
        XCTAssertFalse(refused.eligible)
        XCTAssertGreaterThanOrEqual(refused.failures.count, 2, "every reason, not only the first")
        XCTAssertTrue(refused.failures.allSatisfy { !$0.messageZh.isEmpty && !$0.messageEn.isEmpty })
    }

    @MainActor
    func testAnExpiredResidencePermitIsAReason() async throws {
        let model = EligibilityModel(now: { november23 })
        model.residence = .residencePermit(validUntil: "2026-01-01", socialInsuranceMonths: 60, incomeTaxMonths: 60)
        let refused = try model.eligibility.get()
        XCTAssertFalse(refused.eligible)
        model.residence = .residencePermit(validUntil: "2028-01-01", socialInsuranceMonths: 60, incomeTaxMonths: 60)
        XCTAssertTrue(try model.eligibility.get().eligible)
    }
}
