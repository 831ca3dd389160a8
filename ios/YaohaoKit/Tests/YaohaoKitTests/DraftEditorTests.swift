import XCTest
@testable import YaohaoKit

/// The application form: checks as the user types, autosave, photos, preview and submission.
final class DraftEditorTests: XCTestCase {
    @MainActor
    func editor(_ portal: FakePortal, delay: Duration = .milliseconds(20)) async -> DraftEditor {
        let state = AppState(portal: portal, notificationCenter: MemoryCenter(), language: .zh)
        guard let editor = await state.newDraft(kind: .individualOrdinary) else {
            fatalError("the fake portal always creates drafts")
        }
        return state.editor(for: editor.draft, autosaveDelay: delay)
    }

    @MainActor
    func testTypingIsCheckedAtOnceAndSavedOnceAfterThePause() async throws {
        let portal = FakePortal()
        let editor = await editor(portal)
        editor.licenceFile = "11010519491231002X"
        XCTAssertFalse(editor.problems(.licenceFile).isEmpty)
        XCTAssertEqual(editor.saveState, .editing)
        editor.licenceFile = "110123456789"
        editor.address = "北京市朝阳区建国路 88 号"
        XCTAssertEqual(editor.problems(.licenceFile), [])
        XCTAssertEqual(editor.problems(.address), [])

        while editor.saveState == .editing { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(editor.saveState, .saved)
        let saves = await portal.saves
        XCTAssertEqual(saves, [ApplicationForm(licenceFile: "110123456789", address: "北京市朝阳区建国路 88 号")])
        XCTAssertEqual(editor.draft.revision, 1)
    }

    @MainActor
    func testThePortalsRefusalLandsOnItsField() async {
        let portal = FakePortal()
        await portal.set(submitFailure: .validation(code: "invalid_input", field: "licence_file",
                                                    LocalizedText(zh: "档案编号与驾驶证不符", en: "Mismatch")))
        let editor = await editor(portal)
        editor.licenceFile = "110123456789"
        let submitted = await editor.submit()
        XCTAssertFalse(submitted)
        XCTAssertEqual(editor.problems(.licenceFile).map(\.zh), ["档案编号与驾驶证不符"])
        XCTAssertNil(editor.error)
        XCTAssertNil(editor.submitted)
        let saves = await portal.saves
        XCTAssertEqual(saves.last?.licenceFile, "110123456789")
    }

    @MainActor
    func testAFailureWithoutAFieldIsTheEditorsError() async {
        let portal = FakePortal()
        await portal.set(submitFailure: .network(LocalizedText(zh: "网络连接失败", en: "Offline")))
        let editor = await editor(portal)
        let submitted = await editor.submit()
        XCTAssertFalse(submitted)
        XCTAssertEqual(editor.error?.isRetryable, true)
    }

    @MainActor
    func testThePreviewsChecksLandOnTheirFields() async {
        let portal = FakePortal()
        await portal.set(previewAnswer: Preview(
            ready: false,
            checks: [FieldCheck(field: "address", errors: [LocalizedText(zh: "地址须以北京市开头", en: "Start with 北京市")]),
                     FieldCheck(field: "licence_file", errors: [])],
            missingDocuments: [.idCardFront]))
        let editor = await editor(portal)
        let ready = await editor.check()
        XCTAssertFalse(ready)
        XCTAssertEqual(editor.problems(.address).map(\.en), ["Start with 北京市"])
        XCTAssertEqual(editor.preview?.missingDocuments, [.idCardFront])
    }

    @MainActor
    func testAPhotoIsPreparedPreviewedThenQueued() async throws {
        let portal = FakePortal()
        let editor = await editor(portal)
        let prepared = await editor.preparePhoto(try Fixtures.data("photos/licence.jpg"), as: .drivingLicence)
        let photo = try XCTUnwrap(prepared)
        XCTAssertEqual(editor.preparedPhotos[.drivingLicence], photo)
        await editor.attachPhoto(.drivingLicence)
        XCTAssertNil(editor.preparedPhotos[.drivingLicence])
        XCTAssertEqual(editor.draft.pendingUploads, [PendingUpload(kind: .drivingLicence, size: Int64(photo.jpeg.count))])
        let uploads = await portal.uploads
        XCTAssertEqual(uploads.map(\.1), [photo.jpeg.count])
    }

    @MainActor
    func testARefusedPhotoIsExplainedOnItsMaterial() async {
        let editor = await editor(FakePortal())
        let photo = await editor.preparePhoto(Data("GIF89a".utf8), as: .idCardFront)
        XCTAssertNil(photo)
        XCTAssertTrue(editor.fieldErrors["id_front"]?.first?.zh.contains("JPG") == true)
    }

    @MainActor
    func testASuccessfulSubmissionReturnsTheCode() async {
        let editor = await editor(FakePortal())
        editor.c5Licence = true
        let submitted = await editor.submit()
        XCTAssertTrue(submitted)
        XCTAssertEqual(editor.submitted?.code, "1234567890123")
        XCTAssertEqual(editor.saveState, .saved)
    }
}
