import Foundation
import XCTest
@testable import YaohaoFFI

/// Document photo preparation through the real library.
final class DocumentsTests: XCTestCase {
    /// The fixture photo; `scripts/bindings/test-swift.sh` passes the fixtures directory.
    func photo() throws -> Data {
        let fixtures = try XCTUnwrap(ProcessInfo.processInfo.environment["YAOHAO_FIXTURES"])
        return try Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent("photos/licence.jpg"))
    }

    func testPreparesAPhotoWithinTheLimit() async throws {
        let p = try await prepareDocument(bytes: photo(), kind: .drivingLicence)
        XCTAssertEqual(p.width, 1000)
        XCTAssertEqual(p.height, 700)
        XCTAssertLessThanOrEqual(UInt64(p.jpeg.count), documentMaxBytes(kind: .drivingLicence))
        XCTAssertEqual(Array(p.jpeg.prefix(2)), [0xFF, 0xD8])
    }

    func testBadBytesAreExplained() async {
        do {
            _ = try await prepareDocument(bytes: Data("GIF89a".utf8), kind: .idCardFront)
            XCTFail("a GIF was prepared")
        } catch {
            guard case let YaohaoError.InvalidInput(field, code, messageZh, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "photo")
            XCTAssertEqual(code, "document_format")
            XCTAssertTrue(messageZh.contains("JPG"))
        }
    }
}
