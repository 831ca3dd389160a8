import Foundation
import Observation

/// The results screen: the core's result cards (a won card with its confirmation deadline,
/// validity end and actions, a not-won card with the draw count), the account's history per
/// period, the periods with their pool size and data-freeze window, and a check of every
/// published period on demand, and the account's quotas.
@MainActor
@Observable
public final class ResultsModel {
    /// The draws, newest first as the portal lists them.
    public private(set) var periods: [Period] = []
    /// The account's outcome in every period it took part in.
    public private(set) var history: [PeriodResult] = []
    /// The account's quotas (certificate, status, confirmation deadline, validity).
    public private(set) var quotas: [Quota] = []
    /// A data freeze the portal reported: a planned pause with the time queries resume, shown
    /// as information on the screen, never as a failure (read again by every `load()`).
    public private(set) var pause: PortalError?
    /// The last failure.
    public var error: PortalError?

    private let state: AppState

    init(state: AppState) {
        self.state = state
    }

    /// The core's cards of the latest results.
    public var cards: [ResultCard] { state.dashboard?.latestResults ?? [] }

    /// The verification screen of a card's published list, if the core reported on it.
    public func verification(of card: ResultCard) -> VerificationDetail? {
        card.verification.map { VerificationDetail($0, language: state.language) }
    }

    /// A lookup of any code in a result file the user picks.
    public func resultFile() -> ResultFileModel { state.resultFile() }

    /// The cached periods at once, then the portal's; then the account's history.
    public func load() async {
        pause = nil
        if let cached = settle(await perform { try await state.core.periods() }) { periods = cached }
        if let fresh = settle(await perform { try await state.core.refreshPeriods() }) { periods = fresh }
        if let results = settle(await perform { try await state.core.myResults() }) { history = results }
        if let won = settle(await perform { try await state.core.quotas() }) { quotas = won }
    }

    /// Checks every published period now (as the draw-day task does); how many new outcomes
    /// were found and notified.
    public func checkNow() async -> Int {
        await state.runDrawDayCheck()
    }

    private func settle<T>(_ result: Result<T, PortalError>) -> T? {
        switch result {
        case let .success(value): return value
        case .failure(.cancelled): return nil
        case let .failure(error) where error.isPlannedPause:
            pause = error
            return nil
        case let .failure(error):
            self.error = error
            return nil
        }
    }
}

/// The lottery calendar of the next weeks (cut-offs, freezes, draws, publications, the
/// 继续参与 window), announced dates included, in Beijing time.
@MainActor
@Observable
public final class CalendarModel {
    /// How many days ahead the calendar shows.
    public static let days = 90
    /// The events, in order.
    public private(set) var events: [Event] = []
    /// The last failure.
    public var error: PortalError?

    private let core: Yaohao
    private let now: @Sendable () -> Date

    /// The calendar of `core`.
    public init(core: Yaohao, now: @escaping @Sendable () -> Date = { Date() }) {
        self.core = core
        self.now = now
    }

    /// The cached calendar at once, then again after the announced dates are refreshed.
    public func load() async {
        let today = now()
        let from = BeijingTime.dateString(today)
        let to = BeijingTime.dateString(today.addingTimeInterval(TimeInterval(Self.days * 86_400)))
        if case let .success(events) = await perform({ try await core.calendar(from: from, to: to) }) {
            self.events = events
        }
        switch await perform({ try await core.refreshCalendar() }) {
        case .success:
            if case let .success(events) = await perform({ try await core.calendar(from: from, to: to) }) {
                self.events = events
            }
        case .failure(.cancelled):
            break
        case let .failure(error):
            self.error = error
        }
    }
}
