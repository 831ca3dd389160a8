import Foundation

/// What a result push from the portal says: the period whose results are out. The core then
/// fetches, verifies and matches the list itself; the push is only a wake-up call.
public struct PushPayload: Sendable, Hashable {
    /// The period number (year + draw sequence, e.g. `202606`).
    public var period: String

    /// The payload of an APNs `userInfo`: `period` at the top level or under `yaohao`, six digits.
    /// `nil` for anything else (other pushes are not the core's).
    public init?(userInfo: [AnyHashable: Any]) {
        let nested = userInfo["yaohao"] as? [AnyHashable: Any]
        guard let period = (nested?["period"] ?? userInfo["period"]) as? String,
              period.count == 6, period.allSatisfy(\.isASCII), period.allSatisfy(\.isNumber)
        else { return nil }
        self.period = period
    }
}

/// APNs device tokens as the portal stores them.
public enum DeviceToken {
    /// The token as lowercase hex, the form APNs providers expect.
    public static func hex(_ token: Data) -> String {
        token.map { String(format: "%02x", $0) }.joined()
    }
}
