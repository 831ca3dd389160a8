import Foundation
import Observation

/// Whose account a form is for: a person's (by resident ID) or a unit's (单位, by its credit code).
public enum AccountType: String, CaseIterable, Identifiable, Sendable {
    case person
    case unit

    public var id: String { rawValue }

    /// The account that `key` (the resident ID, or the credit code) names.
    public func holder(_ key: String) -> AccountHolder {
        let key = key.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .person: return .person(residentId: key)
        case .unit: return .unit(creditCode: key)
        }
    }

    /// The field the core checks the key with.
    public var keyField: Field {
        switch self {
        case .person: return .id
        case .unit: return .creditCode
        }
    }
}

/// The registration form, for a person or a unit (whose ID, name and mobile are its contact
/// person's): every field is checked by the core's validators as the user types; the portal's
/// refusals land on the field they name.
@MainActor
@Observable
public final class RegistrationModel {
    /// A person's or a unit's account.
    public var accountType = AccountType.person
    /// A unit's unified social credit code.
    public var creditCode = "" { didSet { check(.creditCode, creditCode) } }
    /// A unit's registered name.
    public var unitName = "" { didSet { check(.unitName, unitName) } }
    /// Resident ID number (a unit's: its contact person's).
    public var residentId = "" { didSet { check(.id, residentId) } }
    /// Name as on the ID (a unit's: its contact person's).
    public var name = "" { didSet { check(.name, name) } }
    /// Mobile number the codes go to (a unit's: its contact person's).
    public var mobile = "" { didSet { check(.phone, mobile) } }
    /// Password.
    public var password = ""
    /// The SMS code sent to `mobile`.
    public var smsCode = ""
    /// The core's problems per field (absent when the field passes or is empty).
    public private(set) var problems: [Field: [BilingualText]] = [:]
    /// The portal's refusal of a field it named (`resident_id`, `mobile`, …).
    public private(set) var portalProblems: [String: BilingualText] = [:]
    /// The code that was sent, with its resend delay.
    public private(set) var codeSent: CodeSent?
    /// The registered account, once registered (then log in).
    public private(set) var registered: Account?
    /// The last failure that is not about a field.
    public var error: PortalError?

    private let core: Yaohao
    private let consent: Consent

    init(core: Yaohao, consent: Consent) {
        self.core = core
        self.consent = consent
    }

    private func check(_ field: Field, _ value: String) {
        let errors = value.isEmpty ? [] : validateField(field: field, value: value).errors.map(\.text)
        problems[field] = errors.isEmpty ? nil : errors
    }

    /// Sends a registration code to `mobile`; `false` if it failed.
    public func requestCode() async -> Bool {
        guard consent.isGiven else { return false }
        let mobile = mobile
        codeSent = settle(await perform { try await core.requestSmsCode(purpose: .register, mobile: mobile, holder: nil) })
        return codeSent != nil
    }

    /// Registers the account; `false` if it failed.
    public func register() async -> Bool {
        guard consent.isGiven else { return false }
        switch accountType {
        case .person:
            let registration = Registration(residentId: residentId, name: name, mobile: mobile, password: password,
                                            smsCode: smsCode)
            registered = settle(await perform { try await core.register(registration: registration) })
        case .unit:
            let registration = UnitRegistration(
                creditCode: creditCode, unitName: unitName, contactResidentId: residentId, contactName: name,
                mobile: mobile, password: password, smsCode: smsCode)
            registered = settle(await perform { try await core.registerUnit(registration: registration) })
        }
        return registered != nil
    }

    private func settle<T>(_ result: Result<T, PortalError>) -> T? {
        switch result {
        case let .success(value):
            return value
        case .failure(.cancelled):
            return nil
        case let .failure(error):
            if let field = error.field { portalProblems[field] = error.message } else { self.error = error }
            return nil
        }
    }
}

/// Resetting a forgotten password with the resident ID (or a unit's credit code), the registered
/// mobile and an SMS code.
@MainActor
@Observable
public final class PasswordResetModel {
    /// A person's or a unit's account.
    public var accountType = AccountType.person
    /// The resident ID, or a unit's credit code.
    public var key = ""
    /// The registered mobile.
    public var mobile = ""
    /// The SMS code.
    public var smsCode = ""
    /// The new password.
    public var newPassword = ""
    /// The code that was sent.
    public private(set) var codeSent: CodeSent?
    /// Whether the password was reset (then log in with it).
    public private(set) var done = false
    /// The last failure.
    public var error: PortalError?

    private let core: Yaohao

    init(core: Yaohao) {
        self.core = core
    }

    /// Texts a reset code to the registered mobile; `false` if it failed.
    public func requestCode() async -> Bool {
        let (mobile, holder) = (mobile, accountType.holder(key))
        switch await perform({ try await core.requestSmsCode(purpose: .resetPassword, mobile: mobile, holder: holder) }) {
        case let .success(sent): codeSent = sent
        case let .failure(error): self.error = error
        }
        return codeSent != nil
    }

    /// Sets the new password; `false` if it failed.
    public func reset() async -> Bool {
        let (holder, mobile, smsCode, newPassword) = (accountType.holder(key), mobile, smsCode, newPassword)
        switch await perform({
            try await core.resetPassword(holder: holder, mobile: mobile, smsCode: smsCode, newPassword: newPassword)
        }) {
        case .success: done = true
        case let .failure(error): self.error = error
        }
        return done
    }
}
