import Foundation

/// A secret store failed.
public enum SecretStoreError: Error, Sendable, Hashable {
    /// The platform vault could not be used (locked, missing, denied), with its status.
    case unavailable(message: String)
}

/// Where the session token lives: the Keychain on Apple platforms, memory in tests. The shape is
/// the core's `SecretStore` foreign trait (get, set, delete by key).
public protocol SecretStore: Sendable {
    /// The value under `key`, if any.
    func get(key: String) throws(SecretStoreError) -> String?
    /// Stores `value` under `key`, replacing any previous value.
    func set(key: String, value: String) throws(SecretStoreError)
    /// Removes `key` (no error when absent).
    func delete(key: String) throws(SecretStoreError)
}

/// Secrets in memory, for tests and previews.
public final class MemorySecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]

    /// An empty store.
    public init() {}

    public func get(key: String) throws(SecretStoreError) -> String? {
        lock.withLock { values[key] }
    }

    public func set(key: String, value: String) throws(SecretStoreError) {
        lock.withLock { values[key] = value }
    }

    public func delete(key: String) throws(SecretStoreError) {
        _ = lock.withLock { values.removeValue(forKey: key) }
    }
}

#if canImport(Security)
import Security

/// Secrets as generic passwords in the Keychain, under one service, readable after the first
/// unlock (so the draw-day background task can use the session) and never synced to iCloud.
public struct KeychainSecretStore: SecretStore {
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

    public func get(key: String) throws(SecretStoreError) -> String? {
        var q = query(key)
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess, let data = item as? Data else { throw failure(status) }
        return String(decoding: data, as: UTF8.self)
    }

    public func set(key: String, value: String) throws(SecretStoreError) {
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

    public func delete(key: String) throws(SecretStoreError) {
        let status = SecItemDelete(query(key) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw failure(status) }
    }

    private func failure(_ status: OSStatus) -> SecretStoreError {
        let text = SecCopyErrorMessageString(status, nil) as String? ?? "OSStatus \(status)"
        return .unavailable(message: text)
    }
}
#endif
