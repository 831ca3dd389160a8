import Foundation
import YaohaoFFI

/// What went wrong, in terms the app can act on; every case carries the text to show.
public enum PortalError: Error, Sendable, Hashable {
    /// The portal could not be reached; saved data is still shown. Try again later.
    case network(BilingualText)
    /// Queries are paused before a draw (not a fault); they resume at `until` if known.
    case dataFreeze(until: Date?, BilingualText)
    /// No valid session: log in again.
    case authRequired(BilingualText)
    /// Another device logged in to the account and ended this session.
    case loggedInElsewhere(BilingualText)
    /// Too many attempts: retry after the delay.
    case rateLimited(retryAfterSeconds: UInt64, BilingualText)
    /// The input or the action was refused; `field` names the form field to fix.
    case validation(code: String, field: String?, BilingualText)
    /// What was asked for does not exist (any more).
    case notFound(BilingualText)
    /// The portal failed; try again later.
    case server(status: UInt16, BilingualText)
    /// The call was cancelled (its screen closed, its background time ran out): nothing to show.
    case cancelled
    /// Anything else (local storage, the keychain, an unexpected answer).
    case other(BilingualText)

    /// The text to show.
    public var message: BilingualText {
        switch self {
        case let .network(m), let .dataFreeze(_, m), let .authRequired(m), let .loggedInElsewhere(m),
             let .rateLimited(_, m), let .validation(_, _, m), let .notFound(m), let .server(_, m),
             let .other(m):
            m
        case .cancelled:
            BilingualText(zh: "已取消", en: "Cancelled.")
        }
    }

    /// The form field at fault, if the portal or the core named one.
    public var field: String? {
        if case let .validation(_, field, _) = self { field } else { nil }
    }

    /// The text to show in `language`; a data freeze says when queries resume (Beijing time).
    public func display(_ language: Lang) -> String {
        guard case let .dataFreeze(until?, message) = self else { return message.resolved(language) }
        let end = BeijingTime.string(until, language)
        return switch language {
        case .zh: "\(message.zh)（\(end) 恢复）"
        case .en: "\(message.en) (until \(end))"
        }
    }

    /// Whether this is a planned pause (a data freeze before a draw), not a failure: shown as
    /// information with the time it ends, never as an error.
    public var isPlannedPause: Bool {
        if case .dataFreeze = self { true } else { false }
    }

    /// Whether the user must log in (again) before going on.
    public var endsSession: Bool {
        switch self {
        case .authRequired, .loggedInElsewhere: true
        default: false
        }
    }

    /// Whether the same call may succeed later without any change by the user.
    public var isRetryable: Bool {
        switch self {
        case .network, .dataFreeze, .rateLimited, .server: true
        default: false
        }
    }

    /// The app's error for anything a call into the core threw.
    public init(_ error: any Error) {
        switch error {
        case let error as PortalError:
            self = error
        case let error as YaohaoError:
            self = PortalError(core: error)
        default:
            self = .other(BilingualText(zh: "出现意外错误：\(error)", en: "Something went wrong: \(error)"))
        }
    }

    /// The core's boundary error, case for case.
    private init(core error: YaohaoError) {
        switch error {
        case let .InvalidInput(field, code, zh, en):
            self = .validation(code: code, field: field.isEmpty ? nil : field, BilingualText(zh: zh, en: en))
        case let .Network(zh, en): self = .network(BilingualText(zh: zh, en: en))
        case let .DataFreeze(until, zh, en): self = .dataFreeze(until: until, BilingualText(zh: zh, en: en))
        case let .AuthRequired(zh, en): self = .authRequired(BilingualText(zh: zh, en: en))
        case let .LoggedInElsewhere(zh, en): self = .loggedInElsewhere(BilingualText(zh: zh, en: en))
        case let .RateLimited(seconds, zh, en): self = .rateLimited(retryAfterSeconds: seconds, BilingualText(zh: zh, en: en))
        case let .NotFound(zh, en): self = .notFound(BilingualText(zh: zh, en: en))
        case let .Server(status, zh, en): self = .server(status: status, BilingualText(zh: zh, en: en))
        case let .Contract(_, _, zh, en): self = .other(BilingualText(zh: zh, en: en))
        case .Cancelled: self = .cancelled
        case let .Other(zh, en): self = .other(BilingualText(zh: zh, en: en))
        }
    }
}
