import XCTest
@testable import YaohaoKit

/// The verification screen of a published list and the lookup of any code in a result file the
/// user picked, over the real core and the repository's result files.
final class VerificationTests: XCTestCase {
    private static let named = "results/unit-2015-named.utf8.txt"

    /// A real list: verified in the core's words, with its facts as labelled rows.
    @MainActor
    func testARealFileIsVerifiedWithItsFacts() async throws {
        let model = ResultFileModel(language: .zh)
        XCTAssertFalse(model.canLookUp)
        await model.open(try Fixtures.data(Self.named), name: "201504.txt")
        XCTAssertNil(model.error)
        XCTAssertEqual(model.fileName, "201504.txt")
        let detail = try XCTUnwrap(model.detail)
        XCTAssertEqual(detail.report.verdict, .verified)
        XCTAssertEqual(detail.tone, .confirmed)
        XCTAssertEqual(detail.headline.zh, "已验证")
        XCTAssertEqual(detail.meaning, detail.report.meaning, "the core's meaning, not the app's")
        XCTAssertEqual(detail.rows.map(\.label),
                       [.period, .drawDate, .seed, .poolSize, .quota, .rows, .draws, .skipped, .sha256])
        XCTAssertEqual(detail.value(.period), "201504")
        XCTAssertEqual(detail.value(.drawDate), "2015年4月26日")
        XCTAssertEqual(detail.value(.seed), "530670")
        XCTAssertEqual(detail.value(.poolSize), "300")
        XCTAssertEqual(detail.value(.quota), "12")
        XCTAssertEqual(detail.value(.rows), "12")
        let draws = try XCTUnwrap(detail.value(.draws).flatMap { UInt64($0) })
        XCTAssertGreaterThanOrEqual(draws, 12)
        XCTAssertEqual(detail.value(.skipped), String(detail.report.skipped))
        XCTAssertEqual(detail.value(.sha256)?.count, 64)
        XCTAssertEqual(VerificationDetail(detail.report, language: .en).value(.drawDate), "2015-04-26 (Beijing)")
    }

    /// A changed seed: the replay disagrees, the only verdict styled as a failure.
    @MainActor
    func testATamperedSeedIsAMismatch() async throws {
        let text = String(decoding: try Fixtures.data(Self.named), as: UTF8.self)
        let tampered = text.replacingOccurrences(of: "指标配置初始值：530670", with: "指标配置初始值：530671")
        XCTAssertNotEqual(tampered, text)
        let model = ResultFileModel(language: .zh)
        await model.open(Data(tampered.utf8), name: "tampered.txt")
        let detail = try XCTUnwrap(model.detail, "\(String(describing: model.error))")
        XCTAssertEqual(detail.report.verdict, .mismatch)
        XCTAssertEqual(detail.tone, .failure)
        XCTAssertEqual(detail.headline.en, "Does not verify")
        XCTAssertEqual(detail.value(.seed), "530671")
        let original = VerificationDetail(try await verifyResultFile(bytes: Fixtures.data(Self.named)), language: .zh)
        XCTAssertNotEqual(detail.value(.sha256), original.value(.sha256), "the hash names the file checked")
    }

    /// A list with nothing to replay is information, never a failure.
    @MainActor
    func testAListNotVerifiedYetIsNotAFailure() async throws {
        var tones: [VerificationDetail.Tone] = []
        for file in ["results/person-nev-queue-ties.txt", "results/guangzhou-roster.txt",
                     "results/person-2016-bom.txt", "results/unit-nev-2016-undersubscribed.txt"] {
            let report = try await verifyResultFile(bytes: Fixtures.data(file))
            XCTAssertNotEqual(report.verdict, .mismatch, file)
            let detail = VerificationDetail(report, language: .zh)
            XCTAssertNotEqual(detail.tone, .failure, file)
            XCTAssertEqual(detail.headline, report.headline)
            tones.append(detail.tone)
            if detail.tone == .neutral {
                XCTAssertFalse(detail.headline.zh.contains("失败") || detail.headline.zh.contains("不一致"), detail.headline.zh)
            }
        }
        XCTAssertTrue(tones.contains(.neutral), "a queue or a list without positions has nothing to replay")
        XCTAssertTrue(tones.contains(.confirmed))
    }

    /// Any code, as typed, looked up by the core in the opened file.
    @MainActor
    func testAnyCodeIsLookedUpInTheOpenedFile() async throws {
        let model = ResultFileModel(language: .zh)
        model.code = "2000 0000 00663"
        let nothingOpen = await model.lookUp()
        XCTAssertFalse(nothingOpen, "no file, no lookup")
        await model.open(try Fixtures.data(Self.named), name: "201504.txt")
        XCTAssertTrue(model.canLookUp)
        let found = await model.lookUp()
        XCTAssertTrue(found, "\(String(describing: model.error))")
        XCTAssertEqual(model.lookup?.code, "2000 0000 00663")
        guard case let .draw(won, row, position)? = model.lookup?.result else {
            return XCTFail("\(String(describing: model.lookup))")
        }
        XCTAssertTrue(won)
        XCTAssertEqual(row, 1)
        XCTAssertEqual(position, 51)

        model.code = "2000000009999"
        await model.lookUp()
        guard case .draw(false, nil, _)? = model.lookup?.result else {
            return XCTFail("\(String(describing: model.lookup))")
        }

        model.code = "123"
        let invalid = await model.lookUp()
        XCTAssertFalse(invalid)
        XCTAssertNil(model.lookup)
        XCTAssertEqual(model.error?.field, "code", "the core names the invalid code")
    }

    /// A file the core cannot read leaves nothing open.
    @MainActor
    func testAFileThatIsNoResultListIsRefused() async throws {
        let model = ResultFileModel(language: .zh)
        await model.open(try Fixtures.data(Self.named), name: "201504.txt")
        XCTAssertNotNil(model.detail)
        await model.open(Data("这不是结果文件".utf8), name: "notes.txt")
        XCTAssertNil(model.detail)
        XCTAssertNil(model.fileName)
        XCTAssertFalse(model.canLookUp)
        XCTAssertEqual(model.error?.field, "file")
    }

    /// The real published PDF: the pool is N with ladder copies, as the core reads it.
    @MainActor
    func testThePublishedPdfIsVerified() async throws {
        let model = ResultFileModel(language: .en)
        await model.open(try Fixtures.data("official/bj-201506-unit-ordinary.pdf"), name: "201506.pdf")
        let detail = try XCTUnwrap(model.detail, "\(String(describing: model.error))")
        XCTAssertEqual(detail.tone, .confirmed)
        XCTAssertEqual(detail.value(.period), "201506")
        XCTAssertEqual(detail.value(.poolSize), String(detail.report.poolSize))
        XCTAssertGreaterThan(detail.report.draws, UInt64(detail.report.rows))
    }
}
