import XCTest
@testable import YaohaoKit

/// The planning calculator over the core's odds and points.
final class CalculatorTests: XCTestCase {
    @MainActor
    func testOddsGrowWithTheLadder() async throws {
        let calculator = CalculatorModel()
        let first = try calculator.odds.get()
        XCTAssertEqual(calculator.weight, 1)
        calculator.unsuccessfulDraws = 37
        XCTAssertEqual(calculator.weight, 3)
        let later = try calculator.odds.get()
        XCTAssertGreaterThan(later.probability, first.probability)
        XCTAssertEqual(first.oneIn, 1 / first.probability, accuracy: 1)
    }

    @MainActor
    func testAnEmptyPoolNamesItsField() async {
        let calculator = CalculatorModel()
        calculator.poolSize = 0
        guard case let .failure(error) = calculator.odds else { return XCTFail("odds of an empty pool") }
        XCTAssertNotNil(error.field)
    }

    @MainActor
    func testFamilyPointsOfTheWorkedExample() async throws {
        let calculator = CalculatorModel()
        calculator.members[0].ladderSteps = 5
        calculator.members[1].ladderSteps = 5
        calculator.addMember(.child)
        let points = try calculator.points.get()
        XCTAssertEqual(points.total, 54)
        XCTAssertEqual(points.generations, 2)
        calculator.removeMember(at: 0)
        guard case .failure(.validation) = calculator.points else { return XCTFail("a family without its main applicant") }
    }
}
