package app.yaohao.presentation

import app.yaohao.core.DocumentKind
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import app.yaohao.presentation.model.PortalApplicationKind
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/** Document capture: the core prepares the photo, the user sees it, then it is queued. */
class DocumentCaptureModelTest {
    private val client = MemoryClient()
    private val photo = repoFile("tests/fixtures/photos/licence.jpg").readBytes()

    @Test
    fun aPhotoIsPreparedPreviewedAndQueued() = modelTest { scope ->
        val draft = client.createDraft(PortalApplicationKind.INDIVIDUAL_ORDINARY)
        val model = DocumentCaptureModel(client, scope, draft.localId, DocumentKind.ID_PHOTO)
        assertEquals(200uL * 1024uL, model.maxBytes)
        model.onPhoto(photo).join()
        val ready = model.state.value as CaptureState.Ready
        assertTrue(ready.prepared.jpeg.size.toULong() <= model.maxBytes)
        assertTrue(ready.prepared.previewWidth <= ready.prepared.width)
        model.upload().join()
        assertEquals(CaptureState.Done(listOf(DocumentKind.ID_PHOTO)), model.state.value)
        assertEquals("addDocument:d1:ID_PHOTO:${photo.size}", client.calls.last())
    }

    @Test
    fun theCoreSaysWhatIsWrongWithAFile() = modelTest { scope ->
        val model = DocumentCaptureModel(client, scope, "d1", DocumentKind.ID_CARD_FRONT)
        model.onPhoto("GIF89a".toByteArray()).join()
        val failed = model.state.value as CaptureState.Failed
        assertEquals("document_format", (failed.error as UiError.Invalid).code)
        assertTrue(failed.error.message.zh.contains("JPG"))
        model.retake()
        assertEquals(CaptureState.Idle, model.state.value)
        model.upload().join()
        assertTrue(client.calls.isEmpty())
    }
}
