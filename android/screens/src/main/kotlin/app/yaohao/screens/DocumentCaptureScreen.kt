package app.yaohao.app.ui.screens

import android.graphics.BitmapFactory
import android.net.Uri
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
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
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.asImageBitmap
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.core.content.FileProvider
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.app.AppGraph
import app.yaohao.app.R
import app.yaohao.app.ui.ErrorBanner
import app.yaohao.app.ui.local
import app.yaohao.app.ui.rememberHolder
import app.yaohao.core.DocumentKind
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.io.File

/** Capturing one material: Photo Picker or camera, the core's preparation, a preview, upload. */
@Composable
fun DocumentCaptureScreen(graph: AppGraph, draftId: String, kind: DocumentKind, onDone: () -> Unit) {
    val model = rememberHolder(key = "capture:$draftId:$kind") { scope ->
        DocumentCaptureModel(graph.client, scope, draftId, kind)
    }
    val state by model.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val scope = rememberCoroutineScope()

    /** Reads the chosen image off the main thread and hands it to the core. */
    fun load(uri: Uri) {
        scope.launch {
            val bytes = withContext(Dispatchers.IO) {
                context.contentResolver.openInputStream(uri)?.use { it.readBytes() }
            }
            if (bytes != null) model.onPhoto(bytes)
        }
    }

    val picker = rememberLauncherForActivityResult(ActivityResultContracts.PickVisualMedia()) { uri ->
        if (uri != null) load(uri)
    }
    var cameraTarget by rememberSaveable { mutableStateOf<String?>(null) }
    val camera = rememberLauncherForActivityResult(ActivityResultContracts.TakePicture()) { taken ->
        val target = cameraTarget
        if (taken && target != null) load(Uri.parse(target))
    }

    LaunchedEffect(state) {
        if (state is CaptureState.Done) onDone()
    }

    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(stringResource(kind.label()), style = MaterialTheme.typography.titleLarge)
        Text(stringResource(R.string.documents_limit, (model.maxBytes / 1024u).toLong()))
        when (val current = state) {
            CaptureState.Idle, is CaptureState.Failed -> {
                (current as? CaptureState.Failed)?.let { ErrorBanner(it.error) }
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = {
                        picker.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly))
                    }) {
                        Text(stringResource(R.string.documents_pick))
                    }
                    OutlinedButton(onClick = {
                        val uri = photoUri(context)
                        cameraTarget = uri.toString()
                        camera.launch(uri)
                    }) {
                        Text(stringResource(R.string.documents_camera))
                    }
                }
            }
            CaptureState.Preparing, CaptureState.Uploading -> CircularProgressIndicator()
            is CaptureState.Ready -> {
                val bitmap = remember(current) {
                    BitmapFactory.decodeByteArray(current.prepared.jpeg, 0, current.prepared.jpeg.size)?.asImageBitmap()
                }
                bitmap?.let {
                    Image(bitmap = it, contentDescription = stringResource(kind.label()), contentScale = ContentScale.Fit, modifier = Modifier.fillMaxWidth())
                }
                Text(stringResource(R.string.documents_size, current.prepared.width.toInt(), current.prepared.height.toInt(), current.prepared.jpeg.size / 1024))
                current.prepared.warnings.forEach { Text(it.local(), color = MaterialTheme.colorScheme.error) }
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button(onClick = { model.upload() }) {
                        Text(stringResource(R.string.documents_upload))
                    }
                    OutlinedButton(onClick = { model.retake() }) {
                        Text(stringResource(R.string.documents_retake))
                    }
                }
            }
            is CaptureState.Done -> Text(stringResource(R.string.documents_queued))
        }
    }
}

/** A new file in the cache for the camera, shared through the app's FileProvider. */
private fun photoUri(context: android.content.Context): Uri {
    val dir = File(context.cacheDir, "photos").apply { mkdirs() }
    val file = File.createTempFile("capture", ".jpg", dir)
    return FileProvider.getUriForFile(context, "${context.packageName}.photos", file)
}
