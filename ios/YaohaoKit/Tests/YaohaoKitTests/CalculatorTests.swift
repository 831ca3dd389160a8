import XCTest
@testable import YaohaoKit

/// The planning calculator over the core's odds, their chart and the points.
final class CalculatorTests: XCTestCase {
    @MainActor
    func testOddsGrowWithTheLadder() async throws {
        let calculator = CalculatorModel()
        XCTAssertNil(calculator.odds, "nothing before it is asked")
        await calculator.computeOdds()
        let first = try XCTUnwrap(calculator.odds).get()
        XCTAssertEqual(first.weight, 1)
        calculator.unsuccessfulDraws = 37
        await calculator.computeOdds()
        let later = try XCTUnwrap(calculator.odds).get()
        XCTAssertEqual(later.weight, 3)
        XCTAssertGreaterThan(later.odds.probability, first.odds.probability)
        XCTAssertEqual(first.odds.oneIn, 1 / first.odds.probability, accuracy: 1)
    }

    @MainActor
    func testAnEmptyPoolNamesItsField() async {
        let calculator = CalculatorModel()
        calculator.poolSize = 0
        await calculator.computeOdds()
        guard case let .failure(error)? = calculator.odds else { return XCTFail("odds of an empty pool") }
        XCTAssertNotNil(error.field)
    }

    /// The chart plots the core's curve as it is, marks the core's median, and its summary reads
    /// the years off the first points of the curve that reach 50 % and 90 %.
    @MainActor
    func testTheChartIsTheCoresCurveAndItsSummaryReadsIt() async throws {
        let calculator = CalculatorModel()
        calculator.poolSize = 3_647_274
        calculator.quota = 17_804
        await calculator.computeOdds()
        let chart = try XCTUnwrap(calculator.odds).get()
        let drawsPerYear = Double(try XCTUnwrap(policies().first(where: \.isDefault)).ordinaryDrawsPerYear)
        let core = try estimateOdds(input: OddsInput(poolSize: 3_647_274, quota: 17_804, weight: 1,
                                                     unsuccessfulDraws: nil, c5: false, drawsPerYear: drawsPerYear))
        XCTAssertEqual(chart.points, core.curve, "the points are the core's, unchanged")
        XCTAssertEqual(chart.medianYears, core.medianYears)
        XCTAssertGreaterThan(chart.points.count, 10)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(chart.points.last).probability, 0.99)

        let half = try XCTUnwrap(chart.point(reaching: 0.5))
        let most = try XCTUnwrap(chart.point(reaching: 0.9))
        XCTAssertGreaterThanOrEqual(half.probability, 0.5)
        XCTAssertGreaterThanOrEqual(half.years, core.medianYears, "the first point past 50 % is not before the median")
        let before = try XCTUnwrap(chart.points.last { $0.draws < half.draws })
        XCTAssertLessThan(before.probability, 0.5, "the first point that reaches 50 %")
        XCTAssertLessThan(half.years, most.years)
        let zh = chart.summary(.zh)
        let en = chart.summary(.en)
        XCTAssertEqual(zh, "50% 于 \(String(format: "%.1f", half.years)) 年内，90% 于 \(String(format: "%.1f", most.years)) 年内")
        XCTAssertEqual(en, "50% within \(String(format: "%.1f", half.years)) years, 90% within \(String(format: "%.1f", most.years)) years")
    }

    /// A sure win is one point at the next draw; the summary still reads it.
    @MainActor
    func testASureWinIsOnePoint() async throws {
        let calculator = CalculatorModel()
        calculator.poolSize = 10
        calculator.quota = 10
        await calculator.computeOdds()
        let chart = try XCTUnwrap(calculator.odds).get()
        XCTAssertEqual(chart.points.map(\.draws), [1])
        let years = String(format: "%.1f", try XCTUnwrap(chart.points.first).years)
        XCTAssertEqual(chart.summary(.zh), "50% 于 \(years) 年内，90% 于 \(years) 年内")
    }

    /// An answer to a question that changed meanwhile is not shown.
    @MainActor
    func testAStaleAnswerIsDropped() async throws {
        let calculator = CalculatorModel()
        await calculator.computeOdds()
        let before = try XCTUnwrap(calculator.odds).get()
        let task = Task { await calculator.computeOdds() }
        await Task.yield() // the task asks for the old pool and waits for the core
        calculator.poolSize = 10
        await task.value
        XCTAssertEqual(try XCTUnwrap(calculator.odds).get(), before, "the answer for the old pool is dropped")
        await calculator.computeOdds()
        XCTAssertEqual(try XCTUnwrap(calculator.odds).get().points.count, 1)
    }

    @MainActor
    func testFamilyPointsOfTheWorkedExample() async throws {
        let calculator = CalculatorModel()
        calculator.members[0].ladderSteps = 5
        calculator.members[1].ladderSteps = 5
        calculator.addMember(.child)
        XCTAssertNil(calculator.points, "computed on request, off the main actor")
        await calculator.computePoints()
        let points = try XCTUnwrap(calculator.points).get()
        XCTAssertEqual(points.total, 54)
        XCTAssertEqual(points.generations, 2)
        calculator.removeMember(at: 0)
        await calculator.computePoints()
        guard case .failure(.validation) = calculator.points else { return XCTFail("a family without its main applicant") }
    }
}
