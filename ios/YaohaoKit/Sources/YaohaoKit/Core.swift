@_exported import YaohaoFFI
import Foundation

// The app works with the core's generated records and its `Yaohao` facade directly: this file
// only opens the facade, picks the language and carries cancellation across the FFI.

/// Opens the core's facade.
public enum Core {
    /// The facade: its cache in `dataDirectory` (created by the first call, on the core's
    /// threads), the session token in `secrets`. No I/O here, no network.
    public static func open(baseURL: String, dataDirectory: URL, secrets: any SecretStore,
                            language: Lang) throws(PortalError) -> Yaohao {
        do {
            return try Yaohao(baseUrl: baseURL, dataDir: dataDirectory.path, locale: language, secrets: secrets)
        } catch {
            throw PortalError(error)
        }
    }
}

/// Runs a long facade call with a `CancelToken` that follows the Swift task: cancelling the task
/// (a screen closing, a background task expiring) stops the work in the core too.
public func withCancelToken<T: Sendable>(isolation: isolated (any Actor)? = #isolation,
                                         _ body: (CancelToken) async throws -> T) async throws -> T {
    let token = CancelToken()
    return try await withTaskCancellationHandler {
        try await body(token)
    } onCancel: {
        token.cancel()
    }
}

/// Runs a facade call; its failure as the app's `PortalError`.
public func perform<T: Sendable>(isolation: isolated (any Actor)? = #isolation,
                                 _ body: () async throws -> T) async -> Result<T, PortalError> {
    do {
        return .success(try await body())
    } catch {
        return .failure(PortalError(error))
    }
}

extension Lang {
    /// The first of `preferred` (BCP 47 tags, most preferred first) the app speaks; Chinese
    /// when none is English.
    public static func preferred(_ preferred: [String] = Locale.preferredLanguages) -> Lang {
        for tag in preferred {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }
}

extension BilingualText {
    /// The text in `language`.
    public func resolved(_ language: Lang) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

extension Reason {
    /// What to show for this reason.
    public var text: BilingualText { BilingualText(zh: messageZh, en: messageEn) }
}
