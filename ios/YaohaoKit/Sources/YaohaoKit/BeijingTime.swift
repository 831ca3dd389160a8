import Foundation

/// Dates and times as the lottery states them: in Beijing time (UTC+8, no daylight saving),
/// whatever the phone's own time zone.
public enum BeijingTime {
    /// Asia/Shanghai.
    public static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// `date` as a Beijing date and time: "2026年12月26日 10:15" or "2026-12-26 10:15 (Beijing)".
    public static func string(_ date: Date, _ language: Lang) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        switch language {
        case .zh:
            formatter.dateFormat = "yyyy年M月d日 HH:mm"
            return formatter.string(from: date)
        case .en:
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            return formatter.string(from: date) + " (Beijing)"
        }
    }
}

extension BeijingTime {
    /// The Beijing calendar date of `date` as `YYYY-MM-DD`, the form the core takes dates in.
    public static func dateString(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}

extension BeijingTime {
    /// A Beijing calendar date as the core gives it (`YYYY-MM-DD`) for display: "2015年4月26日" or
    /// "2015-04-26 (Beijing)"; a string that is no such date is shown as it is.
    public static func day(_ day: String, _ language: Lang) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return day }
        return switch language {
        case .zh: "\(parts[0])年\(parts[1])月\(parts[2])日"
        case .en: "\(day) (Beijing)"
        }
    }
}
