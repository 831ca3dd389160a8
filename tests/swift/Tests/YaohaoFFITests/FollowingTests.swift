import Foundation
import XCTest
@testable import YaohaoFFI

/// Following codes without an account: typed as the user likes, matched in an imported official
/// file, announced once.
final class FollowingTests: XCTestCase {
    func testAFollowedCodeIsAnnouncedOnceFromAnImportedFile() async throws {
        let fixtures = try XCTUnwrap(ProcessInfo.processInfo.environment["YAOHAO_FIXTURES"])
        let text = try Data(contentsOf: URL(fileURLWithPath: fixtures)
            .appendingPathComponent("results/unit-2015-named.utf8.txt"))
        // No portal and no account: nothing listens on port 9.
        let app = try Yaohao(baseUrl: "http://127.0.0.1:9", dataDir: PortalProcess.freshDirectory(),
                             locale: .zh, secrets: MemorySecretStore())
        do {
            _ = try await app.followCodes(codes: ["2000 0000 00663", "123"])
            XCTFail("an invalid code was followed")
        } catch YaohaoError.InvalidInput(let field, _, _, _) {
            XCTAssertEqual(field, "code")
        }
        let none = try await app.followedCodes()
        XCTAssertTrue(none.isEmpty)
        let followed = try await app.followCodes(codes: ["２０００ ００００ ００６６３"])
        XCTAssertEqual(followed, ["2000000000663"])
        let found: [ResultNotification] = try await app.importResultFile(bytes: text)
        XCTAssertEqual(found.map(\.outcome.code), ["2000000000663"])
        guard case let .draw(won, _, _) = try await checkCode(bytes: text, code: "2000000000663") else {
            return XCTFail("not a draw")
        }
        XCTAssertEqual(found.first?.outcome.won, won)
        XCTAssertEqual(found.first?.outcome.verified, true)
        let again = try await app.importResultFile(bytes: text)
        XCTAssertTrue(again.isEmpty, "announced once")
        let left = try await app.unfollowCode(code: "2000-0000-00663")
        XCTAssertEqual(left, [])
    }
}
