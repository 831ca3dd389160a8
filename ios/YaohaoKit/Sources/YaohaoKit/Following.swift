import Foundation
import Observation

/// Application codes followed without an account (codes from the official system): the list,
/// adding codes as the user types them (the core reads spaces, hyphens and full-width digits, and
/// names an invalid code; then nothing is added), removing one, and importing an official result
/// file (PDF or TXT) the user picked, with the outcomes it announces for the first time.
@MainActor
@Observable
public final class FollowModel {
    /// The followed codes, in the order they were added.
    public private(set) var codes: [String] = []
    /// What the last import announced (each code and period only once, ever).
    public private(set) var found: [ResultNotification] = []
    /// The last failure (an invalid code names itself).
    public var error: PortalError?

    private let core: Yaohao
    private let changed: @MainActor () async -> Void

    /// The followed codes of `core`; `changed` runs after the list changed (the app plans the
    /// draw-day checks again, which now include the codes).
    public init(core: Yaohao, changed: @escaping @MainActor () async -> Void = {}) {
        self.core = core
        self.changed = changed
    }

    /// Reads the followed codes.
    public func load() async {
        settle(await perform { try await core.followedCodes() }).map { codes = $0 }
    }

    /// Follows the codes in `typed` (separated by commas, semicolons or new lines); whether they
    /// were followed.
    @discardableResult
    public func follow(_ typed: String) async -> Bool {
        let list = typed.split(whereSeparator: { ",，;；\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard let followed = settle(await perform { try await core.followCodes(codes: list) }) else {
            return false
        }
        codes = followed
        error = nil
        await changed()
        return true
    }

    /// Stops following `code`.
    public func unfollow(_ code: String) async {
        guard let left = settle(await perform { try await core.unfollowCode(code: code) }) else { return }
        codes = left
        await changed()
    }

    /// Reads an official result file (its bytes), matches the followed codes and keeps what it
    /// announces for the first time.
    public func importFile(_ bytes: Data) async {
        settle(await perform { try await core.importResultFile(bytes: bytes) }).map { found = $0 }
    }

    private func settle<T>(_ result: Result<T, PortalError>) -> T? {
        switch result {
        case let .success(value): return value
        case .failure(.cancelled): return nil
        case let .failure(error):
            self.error = error
            return nil
        }
    }
}
