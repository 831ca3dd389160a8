import Foundation
import YaohaoKit

/// Builds the core's facade with the platform services: the Keychain for the session token and
/// Application Support for the cache.
enum Composition {
    /// The portal's address, from Info.plist (`YaohaoPortalURL`, set per build configuration).
    static var portalURL: String {
        Bundle.main.object(forInfoDictionaryKey: "YaohaoPortalURL") as? String ?? "https://localhost:8443"
    }

    /// The core's client of the portal. Opening only creates and migrates the local cache; if
    /// even that fails the device's storage is unusable and the app cannot run.
    static func portal() -> any Portal {
        let directory = URL.applicationSupportDirectory.appending(path: "yaohao", directoryHint: .isDirectory)
        let service = Bundle.main.bundleIdentifier ?? "app.yaohao"
        do {
            return try FacadePortal(baseURL: portalURL, dataDirectory: directory,
                                    secrets: KeychainSecretStore(service: service), language: .preferred())
        } catch {
            fatalError("cannot open the local cache: \(error.message.en)")
        }
    }
}
