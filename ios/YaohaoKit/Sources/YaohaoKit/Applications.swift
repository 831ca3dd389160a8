import Foundation
import Observation

/// One application: the core's card (status label, countdown, allowed actions with their
/// deadlines), its detail (status history with the review's reasons, documents) and the
/// actions, performed as the core offers them.
@MainActor
@Observable
public final class ApplicationModel {
    /// The card as the core last built it.
    public private(set) var card: ApplicationCard
    /// The detail, once loaded.
    public private(set) var detail: ApplicationDetail?
    /// The last failure.
    public var error: PortalError?

    private let state: AppState

    init(card: ApplicationCard, state: AppState) {
        self.card = card
        self.state = state
    }

    /// The actions the core allows now, in its order (each with its deadline, if any).
    public var actions: [Action] { card.actions.filter(\.allowed) }

    /// Loads the detail from the cache.
    public func load() async {
        let id = card.application.id
        if let detail = settle(await perform { try await state.core.application(id: id) }) {
            self.detail = detail
        }
    }

    /// Performs `action`. Editing, submitting and resubmitting open the application's draft
    /// (returned); 继续参与 and reactivation are sent to the portal and the card is rebuilt by the
    /// core. A quota is confirmed on its result card (`AppState.confirm`) and the marital status
    /// changed on the account screen.
    public func run(_ action: Action) async -> DraftEditor? {
        let id = card.application.id
        switch action.kind {
        case .edit, .submit, .resubmit:
            guard let draft = settle(await perform { try await state.core.editApplication(applicationId: id) })
            else { return nil }
            return state.editor(for: draft)
        case .continue:
            guard settle(await perform { try await state.core.continueApplication(id: id) }) != nil else { return nil }
        case .reactivate:
            guard settle(await perform { try await state.core.reactivateApplication(id: id) }) != nil else { return nil }
        default:
            // Confirmation is on the result card, the marital status on the account screen.
            return nil
        }
        await state.refresh()
        if let fresh = state.dashboard?.applications.first(where: { $0.application.id == id }) {
            card = fresh
        }
        return nil
    }

    private func settle<T>(_ result: Result<T, PortalError>) -> T? {
        switch result {
        case let .success(value): return value
        case .failure(.cancelled): return nil
        case let .failure(error):
            self.error = error
            return nil
        }
    }
}
