import Foundation
import Observation

/// The application form of one draft (the family part for a family application): every change is checked by the core at once and saved
/// locally shortly after (autosave), photos are prepared and previewed before they are queued,
/// and the portal's own checks and refusals land on the fields they name.
@MainActor
@Observable
public final class DraftEditor {
    /// Where the latest edits are.
    public enum SaveState: Sendable, Hashable {
        /// Every edit is saved on this device.
        case saved
        /// Edits wait for the autosave.
        case editing
        /// The last save failed (the edits are still in the form).
        case failed(PortalError)
    }

    /// The draft as last saved.
    public private(set) var draft: Draft
    /// Driving-licence file number.
    public var licenceFile: String { didSet { edited("licence_file", licenceFile) } }
    /// Contact address.
    public var address: String { didSet { edited("address", address) } }
    /// Holds a C5 licence.
    public var c5Licence: Bool { didSet { scheduleSave() } }
    /// The family part of a family application (`nil` for the other kinds).
    public var family: FamilyForm? { didSet { scheduleSave() } }
    /// Problems per form field (the core's and the portal's names, e.g. `licence_file`, or a
    /// material's portal name); absent when none.
    public private(set) var fieldErrors: [String: [BilingualText]] = [:]
    /// Where the latest edits are.
    public private(set) var saveState = SaveState.saved
    /// The last submission preview (checks, missing materials, the family's points).
    public private(set) var preview: Preview?
    /// Photos prepared by the core and awaiting the user's confirmation, for the preview.
    public private(set) var preparedPhotos: [DocumentKind: PreparedDocument] = [:]
    /// The submitted application, once submitted.
    public private(set) var submitted: Application?
    /// The last failure that is not about a field.
    public var error: PortalError?

    private let core: Yaohao
    private let residentId: String?
    private let autosaveDelay: Duration
    private var autosave: Task<Void, Never>?

    /// An editor of `draft`; `residentId` lets the licence file number be checked against the ID.
    public init(draft: Draft, core: Yaohao, residentId: String?, autosaveDelay: Duration) {
        self.draft = draft
        self.core = core
        self.residentId = residentId
        self.autosaveDelay = autosaveDelay
        licenceFile = draft.form.licenceFile ?? ""
        address = draft.form.address ?? ""
        c5Licence = draft.form.c5Licence
        // The core gives a family kind's draft its family section: shown because it is there.
        family = draft.form.family
    }

    /// The form as edited.
    public var form: ApplicationForm {
        ApplicationForm(licenceFile: licenceFile.isEmpty ? nil : licenceFile,
                        address: address.isEmpty ? nil : address, c5Licence: c5Licence, family: family)
    }

    /// The problems of `field`, empty when none.
    public func problems(_ field: String) -> [BilingualText] {
        fieldErrors[field] ?? []
    }

    /// The problems of a material.
    public func problems(_ kind: DocumentKind) -> [BilingualText] {
        problems(Self.key(kind))
    }

    /// Adds a family member with `relation`.
    public func addMember(_ relation: Relation) {
        family?.members.append(MemberForm(relation: relation, residentId: "", name: "", ladderSteps: 0,
                                          nevQueueFullYears: 0))
    }

    /// Removes family member `index`.
    public func removeMember(at index: Int) {
        guard family?.members.indices.contains(index) == true else { return }
        family?.members.remove(at: index)
    }

    /// The problems of family member `index`'s ID and name, checked by the core as typed.
    public func memberProblems(_ index: Int) -> [BilingualText] {
        guard let member = family?.members[safe: index] else { return [] }
        let id = member.residentId.isEmpty ? [] : validateField(field: .id, value: member.residentId).errors
        let name = member.name.isEmpty ? [] : validateField(field: .name, value: member.name).errors
        return (id + name).map(\.text)
    }

    private func edited(_ field: String, _ value: String) {
        let validation = field == "licence_file"
            ? validateLicenceFile(value: value, idNumber: residentId)
            : validateField(field: .address, value: value)
        let problems = value.isEmpty ? [] : validation.errors.map(\.text)
        fieldErrors[field] = problems.isEmpty ? nil : problems
        scheduleSave()
    }

    /// Where an upload's problems are kept: apart from the form fields the preview names.
    private static func key(_ kind: DocumentKind) -> String {
        "document:\(kind)"
    }

    private func scheduleSave() {
        autosave?.cancel()
        saveState = .editing
        autosave = Task { [autosaveDelay] in
            do {
                try await Task.sleep(for: autosaveDelay)
            } catch {
                return // a newer edit replaced this save
            }
            await self.save()
        }
    }

    /// Saves the form now (the autosave calls this; so do screens when they close).
    public func save() async {
        autosave?.cancel()
        autosave = nil
        let (form, localId) = (form, draft.localId)
        switch await perform({ try await core.saveDraft(localId: localId, form: form) }) {
        case let .success(saved):
            draft = saved
            if self.form == form, autosave == nil { saveState = .saved }
        case let .failure(error):
            saveState = .failed(error)
        }
    }

    /// Prepares a photo with the core for the preview; `nil` (with the reason on the
    /// `documents` field) when the core refuses it.
    public func preparePhoto(_ bytes: Data, as kind: DocumentKind) async -> PreparedDocument? {
        switch await perform({ try await prepareDocument(bytes: bytes, kind: kind) }) {
        case let .success(photo):
            preparedPhotos[kind] = photo
            fieldErrors[Self.key(kind)] = nil
            return photo
        case let .failure(error):
            fieldErrors[Self.key(kind)] = [error.message]
            return nil
        }
    }

    /// Queues the previewed photo of `kind` for upload (it is sent now if the portal answers).
    public func attachPhoto(_ kind: DocumentKind) async {
        guard let photo = preparedPhotos[kind] else { return }
        let localId = draft.localId
        switch await perform({ try await core.addDocument(localId: localId, kind: kind, bytes: photo.jpeg) }) {
        case let .success(saved):
            draft = saved
            preparedPhotos[kind] = nil
        case let .failure(error):
            record(error)
        }
    }

    /// Saves, then asks the portal for every check a submission would run; the failed checks
    /// land on their fields. Returns whether the draft is ready.
    public func check() async -> Bool {
        await save()
        let localId = draft.localId
        switch await perform({ try await core.preview(localId: localId) }) {
        case let .success(preview):
            self.preview = preview
            for check in preview.checks {
                fieldErrors[check.field] = check.errors.isEmpty ? nil : check.errors.map(\.text)
            }
            return preview.ready
        case let .failure(error):
            record(error)
            return false
        }
    }

    /// Saves and submits; a refusal lands on the field it names. Returns whether it was submitted.
    public func submit() async -> Bool {
        await save()
        let localId = draft.localId
        switch await perform({ try await core.submit(localId: localId) }) {
        case let .success(application):
            submitted = application
            return true
        case let .failure(error):
            record(error)
            return false
        }
    }

    private func record(_ error: PortalError) {
        if case .cancelled = error { return }
        if let field = error.field {
            fieldErrors[field] = [error.message]
        } else {
            self.error = error
        }
    }
}

extension Array {
    /// The element at `index`, `nil` when out of range.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
