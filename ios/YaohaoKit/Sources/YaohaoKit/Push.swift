import Foundation

/// What a result push from the portal says: the period whose results are out. The core then
/// fetches, verifies and matches the list itself; the push only says where to look.
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

/// The text of a visible result push, written by the Notification Service Extension before iOS
/// shows it: the core's outcome for the account when it can check the period in time, the
/// generic "results are out" text otherwise (no session, no network, a code not in the period).
public struct ResultAlert: Sendable, Hashable {
    /// Title, in the app's language.
    public var title: String
    /// Body, in the app's language.
    public var body: String
    /// The core's notification id (`result:<period>:<code>`), `nil` for the generic text.
    public var identifier: String?

    /// The generic text.
    public static func generic(period: String?, language: Lang) -> ResultAlert {
        let title = BilingualText(zh: "摇号结果已公布", en: "Lottery results are out")
        let body = period.map {
            BilingualText(zh: "第\($0)期结果已公布，打开应用查看是否中签。",
                          en: "The results of period \($0) are out: open the app to see yours.")
        } ?? BilingualText(zh: "打开应用查看是否中签。", en: "Open the app to see yours.")
        return ResultAlert(title: title.resolved(language), body: body.resolved(language), identifier: nil)
    }

    /// The alert for a push whose payload is `payload` (`nil` when it names no period): asks the
    /// core (which hands each outcome out once) and falls back to the generic text. Several
    /// codes of the account in the period share one alert, one line each.
    public static func compose(_ payload: PushPayload?, core: Yaohao, language: Lang) async -> ResultAlert {
        guard let payload else { return generic(period: nil, language: language) }
        let checked = await perform {
            try await withCancelToken { try await core.checkResults(period: payload.period, cancel: $0) }
        }
        guard case let .success(notifications) = checked, let first = notifications.first else {
            return generic(period: payload.period, language: language)
        }
        return ResultAlert(title: first.title.resolved(language),
                           body: notifications.map { $0.body.resolved(language) }.joined(separator: "\n"),
                           identifier: first.id)
    }
}
