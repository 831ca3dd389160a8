import Foundation
import XCTest
@testable import YaohaoFFI

/// Drafts, offline uploads, preview, review and editing through the facade against a real portal.
final class DraftsTests: PortalTestCase {
    static let closedPort = "http://127.0.0.1:9"
    func testDraftsAreSavedListedAndDiscarded() async throws {
        let app = try portal.app()
        try await portal.registerAndLogin(app, id: "110105199304040049", mobile: "13800138211")
        let draft: Draft = try await app.createDraft(kind: .family)
        let family = FamilyForm(generations: 2, mainLadderSteps: 3, mainNevQueueFullYears: 0, members: [
            MemberForm(relation: .spouse, residentId: "110108199505050058", name: "王五", ladderSteps: 1, nevQueueFullYears: 0),
        ])
        let saved = try await app.saveDraft(localId: draft.localId, form: ApplicationForm(
            licenceFile: nil, address: PortalProcess.address, c5Licence: true, family: family))
        XCTAssertGreaterThan(saved.revision, draft.revision)
        let reread = try await app.draft(localId: draft.localId)
        XCTAssertEqual(reread.form.family, family)
        let listed = try await app.dashboard().drafts
        XCTAssertEqual(listed.map(\.localId), [draft.localId])
        let preview = try await app.preview(localId: draft.localId)
        XCTAssertFalse(preview.ready)
        XCTAssertFalse(preview.missingDocuments.isEmpty)
        try await app.discardDraft(localId: draft.localId)
        let remaining = try await app.dashboard().drafts
        XCTAssertTrue(remaining.isEmpty)
        do {
            _ = try await app.draft(localId: draft.localId)
            XCTFail("a discarded draft was found")
        } catch YaohaoError.NotFound(_, let en) {
            XCTAssertTrue(en.contains("draft"), en)
        }
    }

    func testAnUploadQueuedOfflineIsSentBySyncLater() async throws {
        let dir = PortalProcess.freshDirectory()
        let store = MemorySecretStore()
        try await portal.registerAndLogin(try Yaohao(baseUrl: portal.baseUrl, dataDir: dir, locale: .zh, secrets: store),
                                          id: "110108199606060060", mobile: "13800138212")
        // The same data directory and vault, with the portal out of reach.
        var offline: Yaohao? = try Yaohao(baseUrl: Self.closedPort, dataDir: dir, locale: .zh, secrets: store)
        let draft = try await offline!.createDraft(kind: .individualOrdinary)
        _ = try await offline!.saveDraft(localId: draft.localId, form: ApplicationForm(
            licenceFile: PortalProcess.licenceFile, address: PortalProcess.address, c5Licence: false, family: nil))
        let queued = try await offline!.addDocument(localId: draft.localId, kind: .drivingLicence, bytes: try PortalProcess.photo())
        let pending: [PendingUpload] = queued.pendingUploads
        XCTAssertEqual(pending.map(\.kind), [.drivingLicence])
        XCTAssertTrue(FileManager.default.fileExists(atPath: pending[0].localPath))
        let offlineReport = try await offline!.sync(cancel: nil)
        XCTAssertEqual(offlineReport.uploadsSent, 0)
        XCTAssertEqual(offlineReport.pending, 2)
        offline = nil

        let online = try Yaohao(baseUrl: portal.baseUrl, dataDir: dir, locale: .zh, secrets: store)
        let report: SyncReport = try await online.sync(cancel: CancelToken())
        XCTAssertEqual(report.draftsSynced, 1)
        XCTAssertEqual(report.uploadsSent, 1)
        XCTAssertEqual(report.pending, 0)
        let refused: [UploadRefusal] = report.refused
        XCTAssertTrue(refused.isEmpty)
        let synced = try await online.draft(localId: draft.localId)
        XCTAssertTrue(synced.synced)
        XCTAssertTrue(synced.pendingUploads.isEmpty)
        let detail: ApplicationDetail = try await online.application(id: try XCTUnwrap(synced.applicationId))
        let documents: [Document] = detail.documents
        XCTAssertEqual(documents.map(\.kind), [.drivingLicence])
        XCTAssertEqual(documents.first?.sha256.count, 64)
    }

    func testARejectedApplicationIsEditedFromItsReasons() async throws {
        let app = try portal.app()
        try await portal.registerAndLogin(app, id: "110102199707070075", mobile: "13800138213")
        // Concurrent async calls: a prepared photo and the submission run side by side.
        let photo = try PortalProcess.photo()
        async let prepared = app.prepareDocument(bytes: photo, kind: .idPhoto)
        let submitted: Application = try await portal.submitApplication(app)
        let idPhoto: PreparedDocument = try await prepared
        XCTAssertLessThanOrEqual(idPhoto.jpeg.count, 200 * 1024)
        // No registry rows: the review rejects it, with reasons.
        try await portal.review()
        let cards: [ApplicationCard] = try await app.refresh(cancel: nil).applications
        let rejected = cards.map(\.application)
        XCTAssertEqual(rejected.map(\.status), [.rejected])
        let reasons: [Reason] = rejected[0].rejectionReasons
        XCTAssertFalse(reasons.isEmpty)
        let cached = try await app.dashboard().applications.map(\.application)
        XCTAssertEqual(cached, rejected)
        let detail = try await app.application(id: submitted.id)
        XCTAssertEqual([detail.application], rejected)
        let history: [StatusChange] = detail.history
        XCTAssertEqual(history.last?.status, .rejected)
        let edit = try await app.editApplication(applicationId: submitted.id)
        XCTAssertEqual(edit.applicationId, submitted.id)
        XCTAssertEqual(edit.form, submitted.form)
        do {
            _ = try await app.addDocument(localId: edit.localId, kind: .taxProof, bytes: try PortalProcess.photo())
            XCTFail("a material the portal does not take was queued")
        } catch YaohaoError.InvalidInput(_, let code, _, _) {
            XCTAssertEqual(code, "document_kind")
        }
    }

    func testUnknownApplicationsAreNotFound() async throws {
        let app = try portal.app(locale: .en)
        try await portal.registerAndLogin(app, id: "110102199808080088", mobile: "13800138214")
        let calls: [() async throws -> Void] = [
            { _ = try await app.application(id: 987654) },
            { _ = try await app.editApplication(applicationId: 987654) },
        ]
        for call in calls {
            do {
                try await call()
                XCTFail("an unknown application was found")
            } catch YaohaoError.NotFound(let zh, _) {
                XCTAssertTrue(zh.contains("申请"), zh)
            }
        }
        // Reactivating and continuing ask the core about the application first: an unknown one
        // is not found, whatever the month.
        let actions: [() async throws -> Void] = [
            { _ = try await app.reactivateApplication(id: 987654) },
            { _ = try await app.continueApplication(id: 987654) },
        ]
        for action in actions {
            do {
                try await action()
                XCTFail("an action on an unknown application succeeded")
            } catch YaohaoError.NotFound(let zh, _) {
                XCTAssertTrue(zh.contains("申请"), zh)
            }
        }
    }
}
