package app.yaohao.screens

import androidx.compose.foundation.Image
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.produceState
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.ImageBitmap
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.DocumentKind
import app.yaohao.core.documentLabel
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** Capturing one material: the platform's photo sources, the core's preparation, a preview, upload. */
@Composable
fun DocumentCaptureScreen(services: ScreenServices, draftId: String, kind: DocumentKind, onDone: () -> Unit) {
    CountRecomposition("capture")
    val model = rememberHolder(key = "capture:$draftId:$kind") { scope ->
        DocumentCaptureModel(services.yaohao, scope, draftId, kind)
    }
    val state by model.state.collectAsStateWithLifecycle()
    val sources = services.platform.rememberPhotoSources(onPhoto = { bytes -> model.onPhoto(bytes) })

    LaunchedEffect(state) {
        if (state is CaptureState.Done) onDone()
    }

    DocumentCaptureContent(kind, model.maxBytes, state, sources, services.platform::decodeImage, onUpload = { model.upload() }, onRetake = model::retake)
}

/** The capture's content for a state: the photo sources, then the core's preparation to confirm. */
@Composable
fun DocumentCaptureContent(
    kind: DocumentKind,
    maxBytes: ULong,
    state: CaptureState,
    sources: PhotoSources,
    decode: (ByteArray) -> ImageBitmap?,
    onUpload: () -> Unit,
    onRetake: () -> Unit,
) {
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(documentLabel(kind).local(), style = MaterialTheme.typography.titleLarge)
        Text(tr("documents_limit", (maxBytes / 1024u).toLong()))
        when (val current = state) {
            CaptureState.Idle, is CaptureState.Failed -> {
                (current as? CaptureState.Failed)?.let { ErrorBanner(it.error) }
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = sources.pick) {
                        Text(tr("documents_pick"))
                    }
                    OutlinedButton(onClick = sources.takePicture) {
                        Text(tr("documents_camera"))
                    }
                }
            }
            CaptureState.Preparing, CaptureState.Uploading -> CircularProgressIndicator()
            is CaptureState.Ready -> {
                // Decoded off the main thread.
                val bitmap by produceState<ImageBitmap?>(null, current) {
                    value = withContext(Dispatchers.Default) { decode(current.prepared.jpeg) }
                }
                bitmap?.let {
                    Image(bitmap = it, contentDescription = documentLabel(kind).local(), contentScale = ContentScale.Fit, modifier = Modifier.fillMaxWidth())
                }
                Text(tr("documents_size", current.prepared.width.toInt(), current.prepared.height.toInt(), current.prepared.jpeg.size / 1024))
                current.prepared.warnings.forEach { Text(it.local(), color = MaterialTheme.colorScheme.error) }
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = onUpload) {
                        Text(tr("documents_upload"))
                    }
                    OutlinedButton(onClick = onRetake) {
                        Text(tr("documents_retake"))
                    }
                }
            }
            is CaptureState.Done -> Text(tr("documents_queued"))
        }
    }
}
