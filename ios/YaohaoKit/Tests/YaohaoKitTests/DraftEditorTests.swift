import XCTest
@testable import YaohaoKit

/// The application form over the real core, offline (drafts are local until sent): checks as
/// the user types, autosave, the family part, photos and the preview.
final class DraftEditorTests: XCTestCase {
    @MainActor
    func editor(_ h: Harness, kind: ApplicationKind = .individualOrdinary,
                delay: Duration = .milliseconds(20)) async throws -> DraftEditor {
        let created = await h.state.newDraft(kind: kind)
        let draft = try XCTUnwrap(created, "\(String(describing: h.state.error))").draft
        return h.state.editor(for: draft, autosaveDelay: delay)
    }

    @MainActor
    func offline() throws -> Harness { try Harness(portalURL: "http://127.0.0.1:9") }

    @MainActor
    func testTypingIsCheckedAtOnceAndSavedOnceAfterThePause() async throws {
        let h = try offline()
        let editor = try await editor(h)
        let created = editor.draft.revision
        editor.licenceFile = "11010519491231002X"
        XCTAssertFalse(editor.problems("licence_file").isEmpty)
        XCTAssertEqual(editor.saveState, .editing)
        editor.licenceFile = "110123456789"
        editor.address = "北京市朝阳区建国路 88 号"
        XCTAssertEqual(editor.problems("licence_file"), [])
        XCTAssertEqual(editor.problems("address"), [])
        while editor.saveState == .editing { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(editor.saveState, .saved)
        XCTAssertEqual(editor.draft.revision, created + 1, "one save for the burst of edits")
        let saved = try await h.core.draft(localId: editor.draft.localId)
        XCTAssertEqual(saved.form.licenceFile, "110123456789")
        XCTAssertEqual(saved.form.address, "北京市朝阳区建国路 88 号")
    }

    @MainActor
    func testThePreviewsChecksAndMissingMaterialsLandOnTheirFields() async throws {
        let h = try offline()
        let editor = try await editor(h)
        editor.address = "上海市"
        let ready = await editor.check()
        XCTAssertFalse(ready)
        let preview = try XCTUnwrap(editor.preview)
        let address = try XCTUnwrap(preview.checks.first { $0.field == "address" })
        XCTAssertFalse(address.valid)
        XCTAssertEqual(editor.problems("address"), address.errors.map(\.text))
        XCTAssertEqual(Set(preview.missingDocuments), [.idCardFront, .idCardBack, .drivingLicence])
    }

    @MainActor
    func testTheFamilyPartIsEditedSavedAndScored() async throws {
        let h = try offline()
        let ordinary = try await editor(h)
        XCTAssertNil(ordinary.family, "no family part on an individual application")
        let editor = try await editor(h, kind: .family)
        XCTAssertEqual(editor.family?.members, [])
        // Offline, the regime in force (annual-2021) draws families in the ordinary lottery too:
        // the core's menu offers the kind, and its draft has a family part.
        XCTAssertEqual(h.state.dashboard?.applicationKinds,
                       [.individualOrdinary, .individualNev, .family, .familyOrdinary])
        let familyOrdinary = try await self.editor(h, kind: .familyOrdinary)
        XCTAssertEqual(familyOrdinary.family?.members, [])
        editor.addMember(.spouse)
        editor.addMember(.child)
        editor.family?.members[0].residentId = "110105199001011233"
        XCTAssertFalse(editor.memberProblems(0).isEmpty, "a wrong check digit is flagged as typed")
        editor.family?.members[0].residentId = "11010519491231002X"
        editor.family?.members[0].name = "李四"
        XCTAssertEqual(editor.memberProblems(0), [])
        editor.removeMember(at: 1)
        editor.family?.mainLadderSteps = 3
        await editor.save()
        let saved = try await h.core.draft(localId: editor.draft.localId)
        XCTAssertEqual(saved.form.family?.members.map(\.relation), [.spouse])
        XCTAssertEqual(saved.form.family?.mainLadderSteps, 3)
        _ = await editor.check()
        let points = try XCTUnwrap(editor.preview?.points, "\(String(describing: editor.preview?.familyProblem))")
        XCTAssertTrue(points.spouseIncluded)
        XCTAssertGreaterThan(points.total, 0)
    }

    @MainActor
    func testAPhotoIsPreparedPreviewedThenSent() async throws {
        let h = try Harness()
        try await h.signIn()
        let editor = try await editor(h)
        let prepared = await editor.preparePhoto(try Fixtures.data("photos/licence.jpg"), as: .drivingLicence)
        let photo = try XCTUnwrap(prepared)
        XCTAssertEqual(editor.preparedPhotos[.drivingLicence], photo)
        await editor.attachPhoto(.drivingLicence)
        XCTAssertNil(editor.preparedPhotos[.drivingLicence], "\(String(describing: editor.error))")
        _ = await editor.check()
        let missing = try XCTUnwrap(editor.preview?.missingDocuments)
        XCTAssertFalse(missing.contains(.drivingLicence))
        XCTAssertTrue(missing.contains(.idCardFront))
    }

    @MainActor
    func testSavedDraftsAreSentOnDemand() async throws {
        let h = try Harness()
        try await h.signIn()
        let editor = try await editor(h)
        editor.address = Applicant.address
        await editor.save()
        XCTAssertFalse(editor.draft.synced)
        await h.state.sendQueued()
        let report = try XCTUnwrap(h.state.lastSync, "\(String(describing: h.state.error))")
        XCTAssertEqual(report.draftsSynced, 1)
        XCTAssertEqual(report.pending, 0)
        XCTAssertEqual(report.refused, [])
        let sent = try await h.core.draft(localId: editor.draft.localId)
        XCTAssertTrue(sent.synced)
    }

    @MainActor
    func testARefusedPhotoIsExplainedOnItsMaterial() async throws {
        let h = try offline()
        let editor = try await editor(h)
        let photo = await editor.preparePhoto(Data("GIF89a".utf8), as: .idCardFront)
        XCTAssertNil(photo)
        XCTAssertTrue(editor.problems(.idCardFront).first?.zh.contains("JPG") == true, "\(editor.fieldErrors)")
    }

    @MainActor
    func testSubmittingWithoutASessionAsksToLogIn() async throws {
        let h = try offline()
        let editor = try await editor(h)
        let submitted = await editor.submit()
        XCTAssertFalse(submitted)
        XCTAssertNil(editor.submitted)
        XCTAssertEqual(editor.error?.endsSession, true, "\(String(describing: editor.error)) \(editor.fieldErrors)")
    }
}
