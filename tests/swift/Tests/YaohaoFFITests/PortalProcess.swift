import Foundation
import XCTest
@testable import YaohaoFFI
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
                             "--clock-start", "2026-11-02T00:00:00Z", "--operator-token", Self.operatorToken,
                             // Every test connects from 127.0.0.1: the per-address limits would throttle it.
                             "--limit", "sms_per_minute=100000", "--limit", "logins_per_minute=100000",
                             "--limit", "captchas_per_minute=100000"]
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

    /// Calls the operator API and returns the answer's body (throws on any non-2xx answer).
    @discardableResult
    func call(_ method: String, _ path: String, _ body: String? = nil, csv: Bool = false) async throws -> String {
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

    /// Moves the simulated clock to `date` (forward only); what falls due runs.
    func moveTo(_ date: Date) async throws {
        try await call("POST", "/v1/operator/clock", "{\"to\": \"\(Self.iso(date))\"}")
    }

    /// Schedules the policy's next ordinary draw with `quota` quotas; returns the portal's period id.
    func createPeriod(quota: Int) async throws -> String {
        let json = try await call("POST", "/v1/operator/periods", "{\"quota\": \(quota)}")
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        guard let id = object?["id"] as? String else { throw PortalError.unexpected(json) }
        return id
    }

    /// Approves or rejects a reviewed change of `kind` (`marital` or `address`).
    func decideChange(_ kind: String, _ id: Int64, approve: Bool) async throws {
        try await call("POST", "/v1/operator/\(kind)-changes/\(id)", "{\"approve\": \(approve)}")
    }

    /// Posts a policy notice.
    func announce(titleZh: String, titleEn: String) async throws {
        try await call("POST", "/v1/operator/announcements",
                       "{\"title_zh\": \"\(titleZh)\", \"title_en\": \"\(titleEn)\", \"body_zh\": \"正文\", \"body_en\": \"Body\"}")
    }

    /// Announces the actual moment of a projected calendar event (`kind` in snake_case).
    func announceDate(kind: String, projected: String, at: Date) async throws {
        try await call("POST", "/v1/operator/calendar",
                       "{\"kind\": \"\(kind)\", \"projected\": \"\(projected)\", \"at\": \"\(Self.iso(at))\"}")
    }

    /// Registers an applicant through the facade and logs in.
    func registerAndLogin(_ app: Yaohao, id: String, mobile: String, name: String = "李四") async throws {
        _ = try await app.requestSmsCode(purpose: SmsPurpose.register, mobile: mobile, holder: nil)
        let code = try await smsCode(mobile)
        _ = try await app.register(registration: Registration(
            residentId: id, name: name, mobile: mobile, password: Self.password, smsCode: code))
        try await login(app, id: id, mobile: mobile)
    }

    /// Logs in through the facade (a minute after the last code, as the portal requires).
    @discardableResult
    func login(_ app: Yaohao, id: String, mobile: String, password: String = PortalProcess.password) async throws -> Account {
        try await advance(seconds: 61)
        _ = try await app.requestSmsCode(purpose: .login, mobile: nil, holder: .person(residentId: id))
        return try await app.login(holder: .person(residentId: id), password: password, smsCode: try await smsCode(mobile))
    }

    /// Fills, documents and submits an individual application; returns it.
    func submitApplication(_ app: Yaohao) async throws -> Application {
        let draft = try await app.createDraft(kind: ApplicationKind.individualOrdinary)
        _ = try await app.saveDraft(localId: draft.localId, form: ApplicationForm(
            licenceFile: Self.licenceFile, address: Self.address, c5Licence: false, family: nil))
        for kind in [DocumentKind.idCardFront, .idCardBack, .drivingLicence] {
            _ = try await app.addDocument(localId: draft.localId, kind: kind, bytes: try Self.photo())
        }
        return try await app.submit(localId: draft.localId)
    }

    /// A new facade on a fresh data directory.
    func app(_ store: SecretStore = MemorySecretStore(), locale: Lang = .zh) throws -> Yaohao {
        try Yaohao(baseUrl: baseUrl, dataDir: Self.freshDirectory(), locale: locale, secrets: store)
    }

    static let password = "Secret123"
    static let licenceFile = "110000123456"
    static let address = "北京市海淀区中关村大街1号院2号楼"

    /// The licence photo fixture.
    static func photo() throws -> Data {
        guard let fixtures = ProcessInfo.processInfo.environment["YAOHAO_FIXTURES"] else { throw PortalError.notConfigured }
        return try Data(contentsOf: URL(fileURLWithPath: fixtures).appendingPathComponent("photos/licence.jpg"))
    }

    /// A new empty directory for a facade's data.
    static func freshDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("yaohao-app-\(UUID().uuidString)").path
    }

    /// RFC 3339 in UTC.
    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 0)
        return f.string(from: date)
    }

    /// The Beijing calendar date of an instant (UTC+8, no daylight saving).
    static func beijingDate(_ date: Date) -> String {
        String(iso(date.addingTimeInterval(8 * 3600)).prefix(10))
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

/// A test case with its own portal process: started before each test, stopped after it.
class PortalTestCase: XCTestCase {
    var portal: PortalProcess!

    override func setUpWithError() throws {
        portal = try PortalProcess()
    }

    override func tearDown() {
        portal.stop()
    }
}
