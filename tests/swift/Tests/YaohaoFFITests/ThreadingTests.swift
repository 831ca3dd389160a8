import Foundation
import XCTest
@testable import YaohaoFFI

/// The calling thread's name as Linux knows it (the core names its threads `yaohao-core`).
func systemThreadName() -> String {
    let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
    return comm?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
}

/// A vault as slow as a Keychain waiting for its first unlock; records the threads that call it.
final class SlowSecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []
    let delay: TimeInterval
    var threads: Set<String> { lock.withLock { names } }

    init(delay: TimeInterval) { self.delay = delay }

    private func note() {
        let name = systemThreadName()
        _ = lock.withLock { names.insert(name) }
    }
    func get(key: String) throws -> String? {
        note()
        Thread.sleep(forTimeInterval: delay)
        return nil
    }
    func set(key: String, value: String) throws { note() }
    func delete(key: String) throws { note() }
}

/// Whether a call has finished, read and written on the main actor only.
@MainActor
final class Finished {
    var done = false
}

/// No facade call blocks the thread that awaits it: the main actor keeps running while the core
/// works on its own threads.
final class ThreadingTests: XCTestCase {
    static let delay: TimeInterval = 1.5

    @MainActor
    func testASlowVaultLeavesTheMainActorFree() async throws {
        let vault = SlowSecretStore(delay: Self.delay)
        let app = try Yaohao(baseUrl: "http://127.0.0.1:9", dataDir: PortalProcess.freshDirectory(), locale: .en,
                             secrets: vault)
        let finished = Finished()
        let started = Date()
        let call = Task { @MainActor in
            defer { finished.done = true }
            return try await app.isLoggedIn()
        }
        // The main actor ticks while the call is pending: it could not if the call held its thread.
        var ticks = 0
        while !finished.done {
            ticks += 1
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let loggedIn = try await call.value
        let took = Date().timeIntervalSince(started)
        XCTAssertFalse(loggedIn)
        XCTAssertGreaterThanOrEqual(took, Self.delay)
        XCTAssertGreaterThanOrEqual(ticks, 10, "\(ticks) ticks in \(took) s")
        XCTAssertEqual(vault.threads, ["yaohao-core"])
        // Cache work (opening the cache included) answers on the main actor too.
        let draft = try await app.createDraft(kind: .individualNev)
        XCTAssertTrue(Thread.isMainThread)
        let drafts = try await app.dashboard().drafts
        XCTAssertEqual(drafts.map(\.localId), [draft.localId])
    }
}
