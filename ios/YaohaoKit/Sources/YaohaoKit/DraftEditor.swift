import Foundation
import Observation

/// The application form of one draft: every change is checked by the core at once and saved
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
    public var licenceFile: String { didSet { edited(.licenceFile, licenceFile) } }
    /// Contact address.
    public var address: String { didSet { edited(.address, address) } }
    /// Holds a C5 licence.
    public var c5Licence: Bool { didSet { scheduleSave() } }
    /// Problems per form field (portal names, e.g. `licence_file`); absent when none.
    public private(set) var fieldErrors: [String: [LocalizedText]] = [:]
    /// Where the latest edits are.
    public private(set) var saveState = SaveState.saved
    /// The last submission preview.
    public private(set) var preview: Preview?
    /// Photos prepared by the core and awaiting the user's confirmation, for the preview.
    public private(set) var preparedPhotos: [DocumentType: PreparedPhoto] = [:]
    /// The submitted application, once submitted.
    public private(set) var submitted: PortalApplication?
    /// The last failure that is not about a field.
    public var error: PortalError?

    private let portal: any Portal
    private let residentId: String?
    private let autosaveDelay: Duration
    private var autosave: Task<Void, Never>?

    /// An editor of `draft`; `residentId` lets the licence file number be checked against the ID.
    public init(draft: Draft, portal: any Portal, residentId: String?, autosaveDelay: Duration) {
        self.draft = draft
        self.portal = portal
        self.residentId = residentId
        self.autosaveDelay = autosaveDelay
        licenceFile = draft.form.licenceFile ?? ""
        address = draft.form.address ?? ""
        c5Licence = draft.form.c5Licence
    }

    /// The form as edited.
    public var form: ApplicationForm {
        ApplicationForm(licenceFile: licenceFile.isEmpty ? nil : licenceFile,
                        address: address.isEmpty ? nil : address, c5Licence: c5Licence)
    }

    /// The problems of `field`, empty when none.
    public func problems(_ field: FormField) -> [LocalizedText] {
        fieldErrors[field.rawValue] ?? []
    }

    private func edited(_ field: FormField, _ value: String) {
        let problems = value.isEmpty ? [] : Rules.problems(field, value, residentId: residentId)
        fieldErrors[field.rawValue] = problems.isEmpty ? nil : problems
        scheduleSave()
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
        let form = form
        do {
            let saved = try await portal.saveDraft(localId: draft.localId, form: form)
            draft = saved
            if self.form == form, autosave == nil { saveState = .saved }
        } catch {
            saveState = .failed(error)
        }
    }

    /// Prepares a photo with the core for the preview; `nil` (with the reason on the
    /// `documents` field) when the core refuses it.
    public func preparePhoto(_ bytes: Data, as kind: DocumentType) async -> PreparedPhoto? {
        do {
            let photo = try await PhotoPreparation.prepare(bytes, as: kind)
            preparedPhotos[kind] = photo
            fieldErrors[kind.rawValue] = nil
            return photo
        } catch {
            fieldErrors[kind.rawValue] = [error.message]
            return nil
        }
    }

    /// Queues the previewed photo of `kind` for upload (it is sent now if the portal answers).
    public func attachPhoto(_ kind: DocumentType) async {
        guard let photo = preparedPhotos[kind] else { return }
        do {
            draft = try await portal.addDocument(localId: draft.localId, kind: kind, bytes: photo.jpeg)
            preparedPhotos[kind] = nil
        } catch {
            record(error)
        }
    }

    /// Saves, then asks the portal for every check a submission would run; the failed checks
    /// land on their fields. Returns whether the draft is ready.
    public func check() async -> Bool {
        await save()
        do {
            let preview = try await portal.preview(localId: draft.localId)
            self.preview = preview
            for check in preview.checks {
                fieldErrors[check.field] = check.errors.isEmpty ? nil : check.errors
            }
            return preview.ready
        } catch {
            record(error)
            return false
        }
    }

    /// Saves and submits; a refusal lands on the field it names. Returns whether it was submitted.
    public func submit() async -> Bool {
        await save()
        do {
            submitted = try await portal.submit(localId: draft.localId)
            return true
        } catch {
            record(error)
            return false
        }
    }

    private func record(_ error: PortalError) {
        if let field = error.field {
            fieldErrors[field] = [error.message]
        } else {
            self.error = error
        }
    }
}

extension DraftEditor: Hashable {
    /// Editors are equal when they are the same object (for navigation).
    public nonisolated static func == (lhs: DraftEditor, rhs: DraftEditor) -> Bool { lhs === rhs }

    public nonisolated func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(self))
    }
}
