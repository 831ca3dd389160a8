import Foundation
import YaohaoFFI

/// The language the app shows: Simplified Chinese unless the user prefers English.
public enum Language: String, Sendable, CaseIterable {
    /// 简体中文 (the default).
    case zh
    /// English.
    case en

    /// The first of `preferred` (BCP 47 tags, most preferred first) the app speaks; Chinese
    /// when none is English.
    public static func preferred(_ preferred: [String] = Locale.preferredLanguages) -> Language {
        for tag in preferred {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }
}

/// Text the core or the portal wrote in both languages.
public struct LocalizedText: Sendable, Hashable {
    /// Simplified Chinese.
    public let zh: String
    /// English.
    public let en: String

    /// Text in both languages.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func resolved(_ language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

extension BilingualText {
    /// The core's bilingual text as the app's.
    var localized: LocalizedText { LocalizedText(zh: zh, en: en) }
}

extension Reason {
    /// What to show for this reason.
    var localized: LocalizedText { LocalizedText(zh: messageZh, en: messageEn) }
}
