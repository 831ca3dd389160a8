package app.yaohao.presentation.documents

import app.yaohao.core.DocumentKind
import app.yaohao.core.PendingUpload
import app.yaohao.core.PreparedDocument
import app.yaohao.core.Yaohao
import app.yaohao.core.documentMaxBytes
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** Where a material's capture stands. */
sealed interface CaptureState {
    /** Nothing chosen: the screen offers the Photo Picker and the camera. */
    data object Idle : CaptureState

    /** The core is preparing the photo. */
    data object Preparing : CaptureState

    /** The core's result, previewed before upload; its warnings (e.g. blur) do not block it. */
    data class Ready(val original: ByteArray, val prepared: PreparedDocument) : CaptureState {
        override fun equals(other: Any?): Boolean =
            other is Ready && original.contentEquals(other.original) && prepared == other.prepared

        override fun hashCode(): Int = 31 * original.contentHashCode() + prepared.hashCode()
    }

    /** Queued on the device and being sent. */
    data object Uploading : CaptureState

    /** Queued for the draft (sent, or waiting for the network). */
    data class Done(val pendingUploads: List<PendingUpload>) : CaptureState

    /** The core refused the photo or the upload failed; [error] says what to do. */
    data class Failed(val error: UiError) : CaptureState
}

/** Capturing one material for a draft: the core prepares the photo, the user confirms, it is queued. */
class DocumentCaptureModel(
    private val yaohao: Yaohao,
    scope: CoroutineScope,
    private val draftId: String,
    /** The material. */
    val kind: DocumentKind,
) : StateHolder<CaptureState>(CaptureState.Idle, scope) {

    /** The byte limit the core applies to this material. */
    val maxBytes: ULong = documentMaxBytes(kind)

    /** A photo was picked or taken: the core checks and prepares it for the preview. */
    fun onPhoto(bytes: ByteArray): Job = act(::fail) {
        update { CaptureState.Preparing }
        val prepared = yaohao.prepareDocument(bytes, kind)
        update { CaptureState.Ready(bytes, prepared) }
    }

    /** The user accepts the preview: the photo is queued for the draft and sent. */
    fun upload(): Job = act(::fail) {
        val ready = state.value as? CaptureState.Ready ?: return@act
        update { CaptureState.Uploading }
        // The facade prepares the original again, so the upload is exactly what was previewed.
        val draft = yaohao.addDocument(draftId, kind, ready.original)
        update { CaptureState.Done(draft.pendingUploads) }
    }

    /** The user rejects the preview (or dismisses an error) and picks again. */
    fun retake() = update { CaptureState.Idle }

    private fun fail(error: UiError) = update { CaptureState.Failed(error) }
}
