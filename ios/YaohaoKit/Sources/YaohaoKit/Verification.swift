import Foundation
import Observation

/// A published list's verification as the verification screen shows it: the core's headline and
/// meaning, how to style them, and the facts the verdict rests on as labelled rows. Built from
/// the core's `DrawReport` (a result card's `verification`, or `verifyResultFile`); nothing here
/// judges the draw.
public struct VerificationDetail: Sendable, Hashable {
    /// How the verdict is styled. Only a mismatch is a failure: a list that cannot be checked from
    /// the file alone is "not verified yet", shown as information.
    public enum Tone: Sendable, Hashable {
        /// The replay gave the published list (`.verified`).
        case confirmed
        /// Nothing to replay or not verifiable yet: information, never a warning.
        case neutral
        /// The replay disagrees with the file (`.mismatch`).
        case failure
    }

    /// What a row shows; the app words each label (有效编码数（含阶梯）for `poolSize`, never 参与人数).
    public enum Label: Sendable, Hashable, CaseIterable {
        /// The period number.
        case period
        /// The draw's Beijing date.
        case drawDate
        /// The seed as published (its leading zeros kept).
        case seed
        /// N: the pool's positions, ladder copies included.
        case poolSize
        /// Q: the quotas drawn.
        case quota
        /// Rows in the list.
        case rows
        /// Numbers the replay took from the generator.
        case draws
        /// Numbers it skipped (repeats, or ladder copies of earlier winners).
        case skipped
        /// SHA-256 of the file: which file was checked.
        case sha256
    }

    /// One labelled fact.
    public struct Row: Sendable, Hashable, Identifiable {
        /// What it is.
        public let label: Label
        /// Its value, ready to show.
        public let value: String
        /// The label (one row per label).
        public var id: Label { label }
    }

    /// The core's report.
    public let report: DrawReport
    /// The facts, in the order shown (a list without a seed or a draw date has no such row).
    public let rows: [Row]

    /// The screen of `report`, its values in `language` (the draw date in Beijing time).
    public init(_ report: DrawReport, language: Lang) {
        self.report = report
        var rows = [Row(label: .period, value: report.period)]
        if let day = report.drawDate { rows.append(Row(label: .drawDate, value: BeijingTime.day(day, language))) }
        if let seed = report.seed { rows.append(Row(label: .seed, value: seed)) }
        rows += [Row(label: .poolSize, value: String(report.poolSize)),
                 Row(label: .quota, value: String(report.quota)),
                 Row(label: .rows, value: String(report.rows)),
                 Row(label: .draws, value: String(report.draws)),
                 Row(label: .skipped, value: String(report.skipped)),
                 Row(label: .sha256, value: report.sha256)]
        self.rows = rows
    }

    /// The core's verdict in a few words.
    public var headline: BilingualText { report.headline }
    /// What the verdict means and what to do, in the core's words.
    public var meaning: BilingualText { report.meaning }
    /// The title as published.
    public var title: String { report.title }

    /// The style of the verdict.
    public var tone: Tone {
        switch report.verdict {
        case .verified: .confirmed
        case .mismatch: .failure
        case .notALottery, .unverifiable, .needsPool: .neutral
        }
    }

    /// The value of the row labelled `label`, if shown.
    public func value(_ label: Label) -> String? { rows.first { $0.label == label }?.value }
}

/// Looking up any code in an official result file the user picked (no account needed): the
/// file's verification from the core, then as many codes as the user types, each looked up by
/// the core in the same file.
@MainActor
@Observable
public final class ResultFileModel {
    /// The name of the opened file.
    public private(set) var fileName: String?
    /// The opened file's verification (`nil` before a file is opened or when it cannot be read).
    public private(set) var detail: VerificationDetail?
    /// The code to look up, as typed (the core reads spaces, hyphens and full-width digits).
    public var code = ""
    /// The last lookup: the code as typed and the core's answer.
    public private(set) var lookup: CodeAnswer?
    /// The last failure (a file the core cannot read, an invalid code).
    public var error: PortalError?

    private var bytes: Data?
    private let language: Lang

    /// A lookup showing values in `language`.
    public init(language: Lang) {
        self.language = language
    }

    /// Whether a file is open and a code typed.
    public var canLookUp: Bool { bytes != nil && !code.trimmingCharacters(in: .whitespaces).isEmpty }

    /// Opens the file's `bytes` (named `name`): the core verifies the draw from the file alone.
    /// A file the core cannot read leaves nothing open.
    public func open(_ bytes: Data, name: String) async {
        fileName = nil
        detail = nil
        lookup = nil
        self.bytes = nil
        error = nil
        switch await perform({ try await verifyResultFile(bytes: bytes) }) {
        case let .success(report):
            self.bytes = bytes
            fileName = name
            detail = VerificationDetail(report, language: language)
        case .failure(.cancelled):
            break
        case let .failure(error):
            self.error = error
        }
    }

    /// Looks `code` up in the open file; `false` if nothing was looked up.
    @discardableResult
    public func lookUp() async -> Bool {
        guard let bytes, canLookUp else { return false }
        let typed = code
        switch await perform({ try await checkCode(bytes: bytes, code: typed) }) {
        case let .success(result):
            lookup = CodeAnswer(code: typed, result: result)
            error = nil
            return true
        case .failure(.cancelled):
            return false
        case let .failure(error):
            lookup = nil
            self.error = error
            return false
        }
    }
}

/// A code looked up in a result file and the core's answer.
public struct CodeAnswer: Sendable, Hashable {
    /// The code as typed.
    public let code: String
    /// Whether it is in the list, and where.
    public let result: CodeLookup
}
