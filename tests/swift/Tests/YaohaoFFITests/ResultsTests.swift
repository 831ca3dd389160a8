import Foundation
import XCTest
@testable import YaohaoFFI

/// Official result files through the real library: read, look up, verify, and catch tampering.
final class ResultsTests: XCTestCase {
    func fixture(_ path: String) throws -> Data {
        let fixtures = try XCTUnwrap(ProcessInfo.processInfo.environment["YAOHAO_FIXTURES"])
        return try Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent(path))
    }

    func testReadsAndVerifiesARealPublishedPdf() async throws {
        let pdf = try fixture("official/bj-201506-person-ordinary.pdf")
        let v: DrawReport = try await verifyResultFile(bytes: pdf)
        XCTAssertEqual(v.period, "201506")
        XCTAssertEqual(v.poolSize, 3_647_274)
        XCTAssertEqual(v.rows, 17_804)
        XCTAssertEqual(v.seed, "390922")
        let verdict: Verdict = v.verdict
        XCTAssertEqual(verdict, .verified)
        XCTAssertEqual(v.headline.zh, "已验证")
        XCTAssertGreaterThan(v.draws, UInt64(v.rows))
    }

    func testAChangedSeedIsCaughtAndCodesAreFound() async throws {
        let text = String(decoding: try fixture("results/unit-2015-named.utf8.txt"), as: UTF8.self)
        let tampered = text.replacingOccurrences(of: "指标配置初始值：530670", with: "指标配置初始值：530671")
        let tamperedVerification = try await verifyResultFile(bytes: Data(tampered.utf8))
        XCTAssertEqual(tamperedVerification.verdict, .mismatch)
        XCTAssertEqual(tamperedVerification.headline.en, "Does not verify")
        let lookup: CodeLookup = try await checkCode(bytes: Data(text.utf8), code: "2000000000663")
        guard case let .draw(won, row, _) = lookup else {
            return XCTFail("not a lottery list")
        }
        XCTAssertTrue(won)
        XCTAssertEqual(row, 1)
        do {
            _ = try await verifyResultFile(bytes: Data("not a result".utf8))
            XCTFail("garbage was read as a result file")
        } catch {
            guard case let YaohaoError.InvalidInput(_, code, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "result_file")
        }
    }
}
