import Foundation
import YaohaoKit

/// Builds the core's facade with the platform services, for the app and its Notification
/// Service Extension alike: the cache in the shared App Group container and the session token
/// in the shared Keychain access group, so the extension can check a result the app's session
/// can see.
enum Composition {
    /// The App Group both targets belong to (project.yml).
    static let appGroup = "group.app.yaohao"
    /// The Keychain service of the session token.
    static let keychainService = "app.yaohao"

    /// The portal's address, from Info.plist (`YaohaoPortalURL`, set per build configuration).
    static var portalURL: String {
        Bundle.main.object(forInfoDictionaryKey: "YaohaoPortalURL") as? String ?? "http://localhost:8080"
    }

    /// Where the core keeps its cache: the App Group container (Application Support without one).
    static var dataDirectory: URL {
        let shared = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: appGroup)
        return (shared ?? URL.applicationSupportDirectory).appending(path: "yaohao", directoryHint: .isDirectory)
    }

    /// The core's facade. Opening only checks the arguments (the cache is opened by the first
    /// call); if even that fails the build is misconfigured and nothing can run.
    static func core(language: Lang = .preferred()) -> Yaohao {
        do {
            return try Core.open(baseURL: portalURL, dataDirectory: dataDirectory,
                                 secrets: KeychainSecretStore(service: keychainService), language: language)
        } catch {
            fatalError("cannot open the core: \(error.message.en)")
        }
    }
}
