import Foundation
import Observation

/// The user's consent to the privacy policy, asked on first run before any personal data is
/// entered and before notification permission is asked; withdrawable in the settings. Kept in
/// `UserDefaults` with the version of the policy it was given for.
@MainActor
@Observable
public final class Consent {
    /// The version of the privacy policy the app shows; a new version asks again.
    public static let policyVersion = "2026-12"
    /// Where the full policy is published.
    public static let policyURL = URL(string: "https://yaohao.app/privacy")!
    static let key = "consent.privacyPolicyVersion"

    /// Whether the current policy was accepted.
    public private(set) var isGiven: Bool

    private let defaults: UserDefaults

    /// The consent as recorded in `defaults`.
    public init(defaults: UserDefaults) {
        self.defaults = defaults
        isGiven = defaults.string(forKey: Self.key) == Self.policyVersion
    }

    /// Records the user's consent to the current policy.
    public func give() {
        defaults.set(Self.policyVersion, forKey: Self.key)
        isGiven = true
    }

    /// Withdraws it (the app then signs out and asks again before any personal data).
    public func withdraw() {
        defaults.removeObject(forKey: Self.key)
        isGiven = false
    }
}
