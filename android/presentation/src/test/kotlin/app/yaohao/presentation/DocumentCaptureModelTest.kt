package app.yaohao.presentation

import app.yaohao.core.ApplicationKind
import app.yaohao.core.DocumentKind
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/** Document capture: the core prepares the photo, the user sees it, then it is sent. */
class DocumentCaptureModelTest {
    private val yaohao = facade()
    private val photo = repoFile("tests/fixtures/photos/licence.jpg").readBytes()

    @Test
    fun aPhotoIsPreparedPreviewedAndSent() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val signedIn = facade(portal.url)
            signIn(portal, signedIn, scope)
            val draft = signedIn.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY)
            val model = DocumentCaptureModel(signedIn, scope, draft.localId, DocumentKind.ID_PHOTO)
            assertEquals(200uL * 1024uL, model.maxBytes)
            model.onPhoto(photo).join()
            val ready = model.state.value as CaptureState.Ready
            assertTrue(ready.prepared.jpeg.size.toULong() <= model.maxBytes)
            assertTrue(ready.prepared.previewWidth <= ready.prepared.width)
            model.upload().join()
            val done = model.state.value
            assertTrue("$done", done is CaptureState.Done)
            assertTrue(signedIn.draft(draft.localId).pendingUploads.none { it.kind == DocumentKind.ID_PHOTO })
        }
    }

    @Test
    fun theCoreSaysWhatIsWrongWithAFile() = modelTest { scope ->
        val draft = yaohao.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY)
        val model = DocumentCaptureModel(yaohao, scope, draft.localId, DocumentKind.ID_CARD_FRONT)
        model.onPhoto("GIF89a".toByteArray()).join()
        val failed = model.state.value as CaptureState.Failed
        assertEquals("document_format", (failed.error as UiError.Invalid).code)
        assertTrue(failed.error.message.zh.contains("JPG"))
        model.retake()
        assertEquals(CaptureState.Idle, model.state.value)
        model.upload().join()
        assertEquals(CaptureState.Idle, model.state.value)
        assertTrue(yaohao.draft(draft.localId).pendingUploads.isEmpty())
    }
}
