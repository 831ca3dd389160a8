import Foundation
import YaohaoFFI
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `yaohao-portal` on a loopback port with a simulated clock, started from the binary the
/// test command built (`YAOHAO_PORTAL`), with the operator calls the tests need.
final class TestPortal: @unchecked Sendable {
    static let operatorToken = "ios-test-operator"
    /// 2026-03-01 08:00 Beijing time.
    static let start = "2026-03-01T00:00:00Z"

    let url: String
    /// The portal's simulated clock as the core's `Clock`, so the core and the portal agree on now.
    let clock = PortalClock(start: ISO8601DateFormatter().date(from: TestPortal.start) ?? Date())
    private let process: Process
    private let directory: URL

    /// Starts a portal and waits until it listens.
    init() throws {
        guard let binary = ProcessInfo.processInfo.environment["YAOHAO_PORTAL"] else {
            throw TestPortalError("run with YAOHAO_PORTAL=<path to yaohao-portal>")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("yaohao-portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--db", directory.appendingPathComponent("portal.db").path,
                             "--data", directory.appendingPathComponent("data").path,
                             "serve", "--addr", "127.0.0.1:0", "--clock", "simulated",
                             "--clock-start", Self.start, "--operator-token", Self.operatorToken,
                             // Every test connects from 127.0.0.1: the per-address limits would throttle it.
                             "--limit", "sms_per_minute=100000", "--limit", "logins_per_minute=100000",
                             "--limit", "captchas_per_minute=100000"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        var listening: String?
        while listening == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break } // the portal exited
            seen.append(chunk)
            let text = String(decoding: seen, as: UTF8.self)
            listening = text.range(of: #"listening on (\S+)"#, options: .regularExpression)
                .map { String(text[$0].dropFirst("listening on ".count)) }
        }
        guard let listening else {
            process.terminate()
            throw TestPortalError("the portal exited before listening")
        }
        url = listening
        // Keep draining the portal's output so it never blocks on a full pipe.
        output.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
    }

    deinit {
        // SIGKILL, not terminate(): the child inherits the test process's blocked signals, SIGTERM
        // among them. Not waitUntilExit(): on Linux it waits on a run loop async tests do not run.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 10)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Moves the portal's clock forward.
    func advance(seconds: Int) async throws {
        _ = try await call("POST", "/v1/operator/clock", body: #"{"advance_seconds":\#(seconds)}"#)
        clock.advance(TimeInterval(seconds))
    }

    /// The newest 6-digit code sent to `mobile`.
    func lastCode(mobile: String) async throws -> String {
        let outbox = try await call("GET", "/v1/operator/sms-outbox?mobile=\(mobile)")
        guard let last = Self.matches(#"(?<!\d)\d{6}(?!\d)"#, in: outbox).last else {
            throw TestPortalError("no code for \(mobile) in \(outbox)")
        }
        return last
    }

    /// Makes `residentId` an eligible Beijing-hukou applicant with a licence.
    func makeEligible(residentId: String, licenceFile: String) async throws {
        let csv = "resident_id,record,value,valid_until\n\(residentId),hukou,,\n\(residentId),driving_licence,\(licenceFile),2032-01-01\n"
        _ = try await call("POST", "/v1/operator/registry", body: csv, type: "text/csv")
    }

    /// Reviews everything under review.
    func review() async throws {
        _ = try await call("POST", "/v1/operator/reviews")
    }

    /// Creates the next period with `quota` quotas, freezes, draws with `seed` and publishes it;
    /// returns its id.
    func runPeriod(quota: Int, seed: String) async throws -> String {
        let id = try await createPeriod(quota: quota)
        _ = try await call("POST", "/v1/operator/periods/\(id)/freeze")
        _ = try await call("POST", "/v1/operator/periods/\(id)/draw", body: #"{"seed":"\#(seed)"}"#)
        _ = try await call("POST", "/v1/operator/periods/\(id)/publish")
        return id
    }

    /// Creates the next period with `quota` quotas and leaves it open; returns its id.
    func createPeriod(quota: Int) async throws -> String {
        let created = try await call("POST", "/v1/operator/periods", body: #"{"quota":\#(quota)}"#)
        guard let id = Self.matches(#""id"\s*:\s*"(\d+)""#, in: created, group: 1).first else {
            throw TestPortalError("no period id in \(created)")
        }
        return id
    }

    /// Moves the portal's clock to `date`.
    func move(to date: Date) async throws {
        let formatter = ISO8601DateFormatter()
        _ = try await call("POST", "/v1/operator/clock", body: #"{"to":"\#(formatter.string(from: date))"}"#)
        clock.advance(date.timeIntervalSince(clock.now()))
    }

    /// Runs one scheduler tick now (freezes, draws, the yearly clean-up).
    func tick() async throws {
        _ = try await call("POST", "/v1/operator/tick")
    }

    /// The push outbox as the portal lists it (JSON).
    func pushOutbox() async throws -> String {
        try await call("GET", "/v1/operator/push-outbox")
    }

    /// The push tokens registered for the session `token` (JSON).
    func devices(session token: String) async throws -> String {
        try await call("GET", "/v1/me/devices", bearer: token)
    }

    /// Approves or rejects a marital-status change.
    func decideMaritalChange(id: Int64, approve: Bool, reason: String?) async throws {
        let reasonJSON = reason.map { #""\#($0)""# } ?? "null"
        _ = try await call("POST", "/v1/operator/marital-changes/\(id)",
                           body: #"{"approve":\#(approve),"reason":\#(reasonJSON)}"#)
    }

    /// Every match of `pattern` (ICU syntax) in `text`, or of its capture `group`.
    private static func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    private func call(_ method: String, _ path: String, body: String? = nil,
                      type: String = "application/json", bearer: String? = nil) async throws -> String {
        guard let target = URL(string: url + path) else { throw TestPortalError("bad path \(path)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.setValue(Self.operatorToken, forHTTPHeaderField: "x-operator-token")
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "authorization") }
        request.setValue(type, forHTTPHeaderField: "content-type")
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let text = String(decoding: data, as: UTF8.self)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
            throw TestPortalError("\(method) \(path): \(text)")
        }
        return text
    }
}

/// The test portal failed.
struct TestPortalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The test portal's simulated clock, followed here: it started at `start` when the portal did,
/// runs at real speed and jumps when the tests move it.
final class PortalClock: YaohaoFFI.Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval

    init(start: Date) {
        offset = start.timeIntervalSinceNow
    }

    func now() -> Date {
        lock.withLock { Date().addingTimeInterval(offset) }
    }

    func advance(_ seconds: TimeInterval) {
        lock.withLock { offset += seconds }
    }
}
