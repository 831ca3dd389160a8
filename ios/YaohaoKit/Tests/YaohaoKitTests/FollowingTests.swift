import XCTest
@testable import YaohaoKit

/// Following codes without an account, over the real core: typed codes, an invalid one named, an
/// imported official file announcing a followed code once.
final class FollowingTests: XCTestCase {
    @MainActor
    func testAFollowedCodeIsAnnouncedOnceFromAnImportedFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // No portal and no account: nothing listens on port 9.
        let core = try Yaohao(baseUrl: "http://127.0.0.1:9", dataDir: directory.path, locale: .zh,
                              secrets: MemorySecretStore())
        let model = FollowModel(core: core)
        await model.load()
        XCTAssertEqual(model.codes, [])
        let refused = await model.follow("2000 0000 00663，123")
        XCTAssertFalse(refused)
        guard case let .validation(_, field, message) = model.error else {
            return XCTFail("no validation error: \(String(describing: model.error))")
        }
        XCTAssertEqual(field, "code")
        XCTAssertTrue(message.zh.contains("123"), message.zh)
        XCTAssertEqual(model.codes, [], "nothing is followed when one code is invalid")
        let followed = await model.follow("２０００ ００００ ００６６３")
        XCTAssertTrue(followed)
        XCTAssertNil(model.error)
        XCTAssertEqual(model.codes, ["2000000000663"])

        let file = try Fixtures.data("results/unit-2015-named.utf8.txt")
        await model.importFile(file)
        XCTAssertEqual(model.found.map(\.outcome.code), ["2000000000663"])
        XCTAssertEqual(model.found.first?.outcome.verified, true)
        await model.importFile(file)
        XCTAssertEqual(model.found, [], "announced once")
        await model.unfollow("2000-0000-00663")
        XCTAssertEqual(model.codes, [])
    }
}
