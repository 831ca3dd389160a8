import Foundation
import XCTest
@testable import YaohaoFFI
#if canImport(Glibc)
import Glibc
#endif

/// A one-answer HTTP server on a free loopback port: every request gets the same status and body.
final class StubServer: @unchecked Sendable {
    let port: UInt16
    private let socketFd: Int32
    private let response: [UInt8]

    init(status: Int, reason: String, body: String) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw PortalProcess.PortalError.unexpected("stub server: \(errno)")
        }
        socketFd = fd
        port = UInt16(bigEndian: address.sin_port)
        response = Array(("HTTP/1.1 \(status) \(reason)\r\ncontent-type: application/json\r\n"
            + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n\(body)").utf8)
        Thread { [self] in serve() }.start()
    }

    var baseUrl: String { "http://127.0.0.1:\(port)" }

    /// Answers each connection after reading its request head (the stub's requests have no body).
    private func serve() {
        while true {
            let client = accept(socketFd, nil, nil)
            if client < 0 { return }
            var request: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !request.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
                let n = read(client, &buffer, buffer.count)
                if n <= 0 { break }
                request += buffer[0..<n]
            }
            _ = response.withUnsafeBytes { write(client, $0.baseAddress, response.count) }
            close(client)
        }
    }

    func stop() {
        shutdown(socketFd, Int32(SHUT_RDWR))
        close(socketFd)
    }
}

/// Boundary errors the real portal does not give on demand (a 5xx, an answer outside the
/// contract), from a stub server that answers every request the same way.
final class ErrorsTests: XCTestCase {
    func testAServerFailureIsServerWithItsStatus() async throws {
        let stub = try StubServer(status: 501, reason: "Not Implemented",
                                  body: #"{"code":"internal","message_zh":"服务器内部错误","message_en":"internal error"}"#)
        defer { stub.stop() }
        let app = try Yaohao(baseUrl: stub.baseUrl, dataDir: PortalProcess.freshDirectory(), locale: .en,
                             secrets: MemorySecretStore())
        do {
            _ = try await app.refreshPeriods()
            XCTFail("a 501 was accepted")
        } catch YaohaoError.Server(let status, _, let en) {
            XCTAssertEqual(status, 501)
            XCTAssertEqual(en, "internal error")
        }
    }

    func testAnUndecodableAnswerIsAContractErrorAtItsField() async throws {
        let stub = try StubServer(status: 200, reason: "OK",
                                  body: #"[{"id":"202606","title":"t","quota":"many","status":"open"}]"#)
        defer { stub.stop() }
        let app = try Yaohao(baseUrl: stub.baseUrl, dataDir: PortalProcess.freshDirectory(), locale: .en,
                             secrets: MemorySecretStore())
        do {
            _ = try await app.refreshPeriods()
            XCTFail("a wrong type was accepted")
        } catch YaohaoError.Contract(let endpoint, let path, _, let en) {
            XCTAssertEqual(endpoint, "GET /v1/periods")
            XCTAssertEqual(path, "[0].quota")
            XCTAssertTrue(en.contains("update the app"), en)
        }
    }

    func testAnAnswerOutsideTheContractIsOther() async throws {
        let stub = try StubServer(status: 418, reason: "I'm a teapot", body: "")
        defer { stub.stop() }
        let app = try Yaohao(baseUrl: stub.baseUrl, dataDir: PortalProcess.freshDirectory(), locale: .en,
                             secrets: MemorySecretStore())
        do {
            _ = try await app.refreshPeriods()
            XCTFail("a 418 was accepted")
        } catch YaohaoError.Other(_, let en) {
            XCTAssertTrue(en.contains("418"), en)
        }
    }
}
