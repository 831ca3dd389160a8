import Foundation

// Screens navigate to a view model (`navigationDestination(item:)` needs Hashable): two models
// are equal when they are the same object.

extension DraftEditor: Hashable {
    public nonisolated static func == (lhs: DraftEditor, rhs: DraftEditor) -> Bool { lhs === rhs }
    public nonisolated func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension RegistrationModel: Hashable {
    public nonisolated static func == (lhs: RegistrationModel, rhs: RegistrationModel) -> Bool { lhs === rhs }
    public nonisolated func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension PasswordResetModel: Hashable {
    public nonisolated static func == (lhs: PasswordResetModel, rhs: PasswordResetModel) -> Bool { lhs === rhs }
    public nonisolated func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension ApplicationModel: Hashable {
    public nonisolated static func == (lhs: ApplicationModel, rhs: ApplicationModel) -> Bool { lhs === rhs }
    public nonisolated func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
