import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `yaohao-portal` process on a free loopback port, with a simulated clock and its operator API.
final class PortalProcess: @unchecked Sendable {
    static let operatorToken = "swift-binding-tests"
    let baseUrl: String
    private let process = Process()
    private let dir: URL

    init() throws {
        let env = ProcessInfo.processInfo.environment
        guard let binary = env["YAOHAO_PORTAL_BIN"] else { throw PortalError.notConfigured }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yaohao-portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--db", dir.appendingPathComponent("portal.db").path,
                             "--data", dir.appendingPathComponent("data").path, "--policy", "bimonthly-2014",
                             "serve", "--addr", "127.0.0.1:0", "--clock", "simulated",
                             "--clock-start", "2026-11-02T00:00:00Z", "--operator-token", Self.operatorToken]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://") else { throw PortalError.unexpected(text) }
        baseUrl = String(text[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: String? = nil, csv: Bool = false) async throws -> String {
        var request = URLRequest(url: URL(string: baseUrl + path)!)
        request.httpMethod = method
        request.setValue(Self.operatorToken, forHTTPHeaderField: "x-operator-token")
        request.setValue(csv ? "text/csv" : "application/json", forHTTPHeaderField: "content-type")
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let text = String(decoding: data, as: UTF8.self)
        guard let http = response as? HTTPURLResponse, (200..<300).contains(http.statusCode) else {
            throw PortalError.unexpected("\(method) \(path): \(text)")
        }
        return text
    }

    /// The newest SMS code sent to `mobile`.
    func smsCode(_ mobile: String) async throws -> String {
        let json = try await call("GET", "/v1/operator/sms-outbox?mobile=\(mobile)")
        let entries = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        guard let body = entries.last?["body"] as? String,
              let range = body.range(of: "[0-9]{6}", options: .regularExpression) else {
            throw PortalError.unexpected(json)
        }
        return String(body[range])
    }

    /// Moves the simulated clock forward (SMS codes are limited to one a minute).
    func advance(seconds: Int) async throws {
        try await call("POST", "/v1/operator/clock", "{\"advance_seconds\": \(seconds)}")
    }

    /// Registry rows that make `id` an eligible Beijing-hukou applicant with a licence.
    func makeEligible(_ id: String, licenceFile: String) async throws {
        try await call("POST", "/v1/operator/registry",
                       "resident_id,record,value,valid_until\n\(id),hukou,,\n\(id),driving_licence,\(licenceFile),2032-01-01\n",
                       csv: true)
    }

    /// Runs the review of every submitted application.
    func review() async throws {
        try await call("POST", "/v1/operator/reviews")
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: dir)
    }

    enum PortalError: Error {
        case notConfigured
        case unexpected(String)
    }
}
