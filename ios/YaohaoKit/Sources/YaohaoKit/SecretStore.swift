import Foundation
import YaohaoFFI

// The core's `SecretStore` foreign trait (get, set, delete by key; `SecretStoreError.Unavailable`)
// is implemented here: the Keychain on Apple platforms, memory in tests.

/// Secrets in memory, for tests and previews.
public final class MemorySecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]

    /// An empty store.
    public init() {}

    /// How many secrets are held.
    public var count: Int { lock.withLock { values.count } }

    public func get(key: String) throws -> String? {
        lock.withLock { values[key] }
    }

    public func set(key: String, value: String) throws {
        lock.withLock { values[key] = value }
    }

    public func delete(key: String) throws {
        _ = lock.withLock { values.removeValue(forKey: key) }
    }
}

#if canImport(Security)
import Security

/// Secrets as generic passwords in the Keychain, under one service, readable after the first
/// unlock (so the draw-day background task can use the session) and never synced to iCloud.
public final class KeychainSecretStore: SecretStore {
    private let service: String

    /// A store whose items belong to `service` (e.g. the bundle identifier).
    public init(service: String) {
        self.service = service
    }

    private func query(_ key: String) -> [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: key,
         kSecUseDataProtectionKeychain as String: true]
    }

    public func get(key: String) throws -> String? {
        var q = query(key)
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess, let data = item as? Data else { throw failure(status) }
        return String(decoding: data, as: UTF8.self)
    }

    public func set(key: String, value: String) throws {
        let data = Data(value.utf8)
        let update: [String: Any] = [kSecValueData as String: data]
        var status = SecItemUpdate(query(key) as CFDictionary, update as CFDictionary)
        if status == errSecItemNotFound {
            var add = query(key)
            add[kSecValueData as String] = data
            add[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
            status = SecItemAdd(add as CFDictionary, nil)
        }
        guard status == errSecSuccess else { throw failure(status) }
    }

    public func delete(key: String) throws {
        let status = SecItemDelete(query(key) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw failure(status) }
    }

    private func failure(_ status: OSStatus) -> SecretStoreError {
        let text = SecCopyErrorMessageString(status, nil) as String? ?? "OSStatus \(status)"
        return .Unavailable(reason: text)
    }
}
#endif
