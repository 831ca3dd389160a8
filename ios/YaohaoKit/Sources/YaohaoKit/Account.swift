import Foundation
import Observation

/// The account screen: the core's account card (masked ID and mobile, marital status, the
/// actions it allows), changing the mobile with codes sent to the old and the new number, and
/// the marital-status change with its review state.
@MainActor
@Observable
public final class AccountModel {
    /// The new mobile number.
    public var newMobile = ""
    /// The code texted to the old number.
    public var oldCode = ""
    /// The code texted to the new number.
    public var newCode = ""
    /// The codes that were sent, with their resend delay.
    public private(set) var mobileCodesSent: CodeSent?
    /// The latest marital-status change and its review, if any.
    public private(set) var maritalChange: MaritalChange?
    /// The last failure.
    public var error: PortalError?

    private let state: AppState

    init(state: AppState) {
        self.state = state
    }

    /// The core's account card.
    public var card: AccountCard? { state.dashboard?.account }

    /// The actions the core allows on the account now, in its order.
    public var actions: [Action] { card?.actions.filter(\.allowed) ?? [] }

    /// Texts a code to the old and one to the new mobile; `false` if it failed.
    public func requestMobileChangeCodes() async -> Bool {
        let newMobile = newMobile
        mobileCodesSent = settle(await perform { try await state.core.requestMobileChangeCodes(newMobile: newMobile) })
        return mobileCodesSent != nil
    }

    /// Changes the mobile with both codes; `false` if it failed.
    public func changeMobile() async -> Bool {
        let (newMobile, oldCode, newCode) = (newMobile, oldCode, newCode)
        guard settle(await perform {
            try await state.core.changeMobile(newMobile: newMobile, oldCode: oldCode, newCode: newCode)
        }) != nil else { return false }
        await state.refresh()
        return true
    }

    /// The cached marital-status change at once, then the portal's.
    public func loadMaritalChange() async {
        if let cached = settle(await perform { try await state.core.maritalChange() }) {
            maritalChange = cached
        }
        if let fresh = settle(await perform { try await state.core.refreshMaritalChange() }) {
            maritalChange = fresh
        }
    }

    /// Requests a change to `status` with the certificate photo; `false` if it failed.
    public func requestMaritalChange(to status: MaritalStatus, certificate: Data) async -> Bool {
        guard let change = settle(await perform {
            try await state.core.requestMaritalChange(status: status, certificate: certificate)
        }) else { return false }
        maritalChange = change
        await state.reload()
        return true
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
