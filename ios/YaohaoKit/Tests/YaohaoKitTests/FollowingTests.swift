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
        var changes = 0
        let model = FollowModel(core: core) { changes += 1 }
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
        XCTAssertEqual(changes, 1, "the refused list changed nothing; the followed one did")

        let file = try Fixtures.data("results/unit-2015-named.utf8.txt")
        await model.importFile(file)
        XCTAssertEqual(model.found.map(\.outcome.code), ["2000000000663"])
        XCTAssertEqual(model.found.first?.outcome.verified, true)
        await model.importFile(file)
        XCTAssertEqual(model.found, [], "announced once")
        await model.unfollow("2000-0000-00663")
        XCTAssertEqual(model.codes, [])
        XCTAssertEqual(changes, 2)
    }

    @MainActor
    func testFollowingACodeSignedOutPlansTheDrawDayChecks() async throws {
        let h = try Harness()
        let model = h.state.following()
        let before = await h.background.scheduled
        XCTAssertEqual(before, [], "nothing to look for yet")
        let followed = await model.follow("2000000000663")
        XCTAssertTrue(followed)
        let planned = await h.background.scheduled
        XCTAssertFalse(planned.isEmpty, "a signed-out follower gets the core's draw-day checks")
        let core = try await h.core.drawDayChecks()
        XCTAssertEqual(planned, core)
    }
}
