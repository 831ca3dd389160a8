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
    /// The withdrawal the user asked for and has yet to confirm: the screen asks before anything
    /// is sent (a withdrawn application joins no further draw); `nil` when dismissed.
    public var withdrawalToConfirm: Action?
    /// The last failure.
    public var error: PortalError?

    private let state: AppState

    init(card: ApplicationCard, state: AppState) {
        self.card = card
        self.state = state
    }

    /// The actions the core allows now, in its order (each with its deadline, if any).
    public var actions: [Action] { card.actions.filter(\.allowed) }

    /// The actions the core refuses now, each with its reason and the time it opens, if any.
    public var refused: [Action] { card.actions.filter { !$0.allowed } }

    /// Loads the detail from the cache.
    public func load() async {
        let id = card.application.id
        if let detail = settle(await perform { try await state.core.application(id: id) }) {
            self.detail = detail
        }
    }

    /// Performs `action`. Editing, submitting and resubmitting open the application's draft
    /// (returned); 继续参与 and reactivation are sent to the portal and the card is rebuilt by the
    /// core; withdrawing waits for `confirmWithdrawal(_:)`. A quota is confirmed on its result card
    /// (`AppState.confirm`), the marital status changed and the account deleted on the account
    /// screen (`AccountModel`): the core never puts those on an application card.
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
        case .withdraw:
            withdrawalToConfirm = action
            return nil
        case .confirm, .changeMaritalStatus, .changeAddress, .deleteAccount:
            return nil
        }
        await rebuildCard()
        return nil
    }

    /// Sends the withdrawal the user confirmed (`action` is the one `withdrawalToConfirm` held);
    /// `false` if the core does not allow it or it failed.
    public func confirmWithdrawal(_ action: Action) async -> Bool {
        withdrawalToConfirm = nil
        guard action.kind == .withdraw, action.allowed else { return false }
        let id = card.application.id
        guard settle(await perform { try await state.core.withdrawApplication(id: id) }) != nil else { return false }
        await rebuildCard()
        return true
    }

    private func rebuildCard() async {
        let id = card.application.id
        await state.refresh()
        if let fresh = state.dashboard?.applications.first(where: { $0.application.id == id }) {
            card = fresh
        }
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
