package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files
import kotlin.test.assertFailsWith

/** Drafts, offline uploads, preview, review and editing through the facade against a real portal. */
class DraftsTest : PortalTest() {
    private val photo = File("tests/fixtures/photos/licence.jpg").readBytes()

    @Test
    fun draftsAreSavedListedAndDiscarded() = runBlocking {
        val app = Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, MemorySecretStore())
        portal.registerAndLogin(app, ID_DRAFTS, MOBILE_DRAFTS)
        val draft: Draft = app.createDraft(ApplicationKind.FAMILY)
        val family = FamilyForm(2u, 3u, 0u, listOf(MemberForm(Relation.SPOUSE, ID_SPOUSE, "王五", 1u, 0u)))
        val saved = app.saveDraft(draft.localId, ApplicationForm(null, PortalProcess.ADDRESS, true, family))
        assertTrue(saved.revision > draft.revision)
        assertEquals(family, app.draft(draft.localId).form.family)
        assertEquals(listOf(draft.localId), app.dashboard().drafts.map { it.localId })
        // Sent to the portal by preview, then discarded in both places.
        val preview: Preview = app.preview(draft.localId)
        assertFalse(preview.ready)
        assertTrue(preview.missingDocuments.isNotEmpty())
        val checks: List<FieldCheck> = preview.checks
        assertTrue(checks.toString(), checks.any { !it.valid })
        app.discardDraft(draft.localId)
        assertTrue(app.dashboard().drafts.isEmpty())
        assertFailsWith<YaohaoException.NotFound>("a discarded draft was found") {
            app.draft(draft.localId)
        }.let { e ->
            assertTrue(e.messageEn.contains("draft"))
        }
    }

    @Test
    fun anUploadQueuedOfflineIsSentBySyncLater() = runBlocking {
        val dir = Files.createTempDirectory("yaohao-app").toString()
        val store = MemorySecretStore()
        Yaohao(portal.baseUrl, dir, Lang.ZH, store).use { portal.registerAndLogin(it, ID_OFFLINE, MOBILE_OFFLINE) }
        // The same data directory and vault, with the portal out of reach.
        val localId = Yaohao(CLOSED_PORT, dir, Lang.ZH, store).use { offline ->
            val draft = offline.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY)
            offline.saveDraft(draft.localId, ApplicationForm(PortalProcess.LICENCE_FILE, PortalProcess.ADDRESS, false, null))
            val queued = offline.addDocument(draft.localId, DocumentKind.DRIVING_LICENCE, photo)
            val pending: PendingUpload = queued.pendingUploads.single()
            assertEquals(DocumentKind.DRIVING_LICENCE, pending.kind)
            assertTrue(File(pending.localPath).exists())
            val report = offline.sync(null)
            assertEquals(0u, report.uploadsSent)
            assertEquals(2u, report.pending)
            draft.localId
        }
        Yaohao(portal.baseUrl, dir, Lang.ZH, store).use { online ->
            val report: SyncReport = online.sync(CancelToken())
            assertEquals(1u, report.draftsSynced)
            assertEquals(1u, report.uploadsSent)
            assertEquals(0u, report.pending)
            val refused: List<UploadRefusal> = report.refused
            assertTrue(refused.isEmpty())
            val draft = online.draft(localId)
            assertTrue(draft.synced)
            assertTrue(draft.pendingUploads.isEmpty())
            val detail: ApplicationDetail = online.application(draft.applicationId!!)
            val documents: List<Document> = detail.documents
            assertEquals(listOf(DocumentKind.DRIVING_LICENCE), documents.map { it.kind })
            assertEquals(64, documents.single().sha256.length)
        }
    }

    @Test
    fun aRejectedApplicationIsEditedFromItsReasons() = runBlocking {
        val app = Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, MemorySecretStore())
        portal.registerAndLogin(app, ID_REJECTED, MOBILE_REJECTED)
        // Concurrent coroutines: a prepared photo and the submission run side by side.
        val prepared = async(Dispatchers.Default) { app.prepareDocument(photo, DocumentKind.ID_PHOTO) }
        val submitted: Application = portal.submitApplication(app, photo)
        val idPhoto: PreparedDocument = prepared.await()
        assertTrue(idPhoto.jpeg.size <= 200 * 1024)
        // No registry rows: the review rejects it, with reasons.
        portal.review()
        val card: ApplicationCard = app.refresh(null).applications.single()
        val rejected = card.application
        assertEquals(ApplicationStatus.Rejected, rejected.status)
        val reasons: List<Reason> = rejected.rejectionReasons
        assertTrue(reasons.isNotEmpty())
        assertEquals(rejected, app.dashboard().applications.single().application)
        val detail: ApplicationDetail = app.application(submitted.id)
        assertEquals(rejected, detail.application)
        val history: List<StatusChange> = detail.history
        assertEquals(ApplicationStatus.Rejected, history.last().status)
        val edit = app.editApplication(submitted.id)
        assertEquals(submitted.id, edit.applicationId)
        assertEquals(submitted.form, edit.form)
        assertFailsWith<YaohaoException.InvalidInput>("a material the portal does not take was queued") {
            app.addDocument(edit.localId, DocumentKind.TAX_PROOF, photo)
        }.let { e ->
            assertEquals("document_kind", e.code)
        }
    }

    @Test
    fun unknownApplicationsAreNotFound() = runBlocking {
        val app = Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.EN, MemorySecretStore())
        portal.registerAndLogin(app, ID_UNKNOWN, MOBILE_UNKNOWN)
        // Reactivating and continuing ask the core about the application first: an unknown one is
        // not found, whatever the month.
        for (call in listOf<suspend () -> Unit>({ app.application(987654) }, { app.editApplication(987654) },
            { app.reactivateApplication(987654) }, { app.continueApplication(987654) })) {
            assertFailsWith<YaohaoException.NotFound>("an unknown application was found") {
                call()
            }.let { e ->
                assertTrue(e.messageZh.contains("申请"))
            }
        }
    }

    companion object {
        const val CLOSED_PORT = "http://127.0.0.1:9"
        const val ID_DRAFTS = "110105199304040049"
        const val ID_SPOUSE = "110108199505050058"
        const val MOBILE_DRAFTS = "13800138201"
        const val ID_OFFLINE = "110108199606060060"
        const val MOBILE_OFFLINE = "13800138202"
        const val ID_REJECTED = "110102199707070075"
        const val MOBILE_REJECTED = "13800138203"
        const val ID_UNKNOWN = "110102199808080088"
        const val MOBILE_UNKNOWN = "13800138204"
    }
}
