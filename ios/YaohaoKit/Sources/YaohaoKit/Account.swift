import Foundation
import Observation

/// The account screen: the core's account card (masked ID and mobile, marital status, the
/// actions it allows), changing the mobile with codes sent to the old and the new number, the
/// marital-status change with its review state, the address change of the approved applications
/// with a proof of address, a copy of everything the portal holds, and deleting the account.
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
    /// The new address typed for an address change.
    public var newAddress = ""
    /// The core's complaint about `newAddress` (the full 北京市 form, the district, the street).
    public private(set) var addressError: BilingualText?
    /// The password that confirms the deletion of the account.
    public var deletionPassword = ""
    /// What the user typed to confirm the deletion (`deletionPhrase`).
    public var deletionTyped = ""
    /// The core's or the portal's complaint about the deletion password.
    public private(set) var passwordError: BilingualText?
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

    /// Deleting the account as the core offers it now: allowed, or refused with its reason and
    /// the time it opens (`nil` before the account card is read).
    public var deletion: Action? { card?.actions.first { $0.kind == .deleteAccount } }

    /// What the user types to confirm the deletion, in the app's language.
    public var deletionPhrase: String { BilingualText(zh: "注销账户", en: "DELETE").resolved(state.language) }

    /// Whether the deletion may be sent: the core allows it and the phrase was typed.
    public var canDelete: Bool { deletion?.allowed == true && deletionTyped == deletionPhrase }

    /// Deletes the account with `deletionPassword` once `canDelete`; the app is then signed out
    /// and the device keeps nothing personal. A wrong or missing password is `passwordError` and
    /// the session stays. `false` if nothing was deleted.
    public func deleteAccount() async -> Bool {
        guard canDelete else { return false }
        let password = deletionPassword
        passwordError = nil
        switch await perform({ try await state.core.deleteAccount(password: password) }) {
        case .success:
            deletionPassword = ""
            deletionTyped = ""
            await state.accountDeleted()
            return true
        case .failure(.cancelled):
            return false
        case let .failure(error) where error.field == "password":
            passwordError = error.message
            return false
        case let .failure(error):
            self.error = error
            return false
        }
    }

    /// Everything the portal holds about the account (the full ID and mobile), as pretty JSON
    /// with a file name to save or share it under; `nil` if it failed.
    public func exportData() async -> ExportedData? {
        guard let json = settle(await perform { try await state.core.exportData() }) else { return nil }
        return ExportedData(json: json, fileName: "yaohao-\(BeijingTime.dateString(state.now())).json")
    }

    /// Changing the address as the core offers it now: allowed, or refused with its reason (before
    /// an application is approved the form is edited instead; one request under review at a time).
    public var addressChangeAction: Action? { card?.actions.first { $0.kind == .changeAddress } }

    /// The latest address change and its review, as the account card has it.
    public var addressChange: AddressChange? { card?.addressChange }

    /// Requests that the approved applications' address become `newAddress`, with a photo of the
    /// proof; the core checks the address first (`addressError`). `false` if nothing was sent.
    public func requestAddressChange(proof: Data) async -> Bool {
        let address = newAddress
        addressError = nil
        switch await perform({ try await state.core.requestAddressChange(address: address, proof: proof) }) {
        case .success:
            newAddress = ""
            await state.reload()
            return true
        case .failure(.cancelled):
            return false
        case let .failure(error) where error.field == "address":
            addressError = error.message
            return false
        case let .failure(error):
            self.error = error
            return false
        }
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

/// A copy of the account's data from the portal, for the user to save where they choose (the
/// file exporter writes `data` under `fileName`) or to share.
public struct ExportedData: Sendable, Hashable {
    /// The portal's data as pretty JSON.
    public let json: String
    /// The suggested file name (`yaohao-<Beijing date>.json`).
    public let fileName: String

    /// The export of `json`, suggested as `fileName`.
    public init(json: String, fileName: String) {
        self.json = json
        self.fileName = fileName
    }

    /// The export read back from a file's bytes: UTF-8 JSON, else `CocoaError.fileReadCorruptFile`.
    public init(data: Data, fileName: String) throws {
        guard let json = String(data: data, encoding: .utf8),
              (try? JSONSerialization.jsonObject(with: data)) != nil
        else { throw CocoaError(.fileReadCorruptFile) }
        self.init(json: json, fileName: fileName)
    }

    /// The file's bytes: the JSON as UTF-8, unchanged.
    public var data: Data { Data(json.utf8) }
}
