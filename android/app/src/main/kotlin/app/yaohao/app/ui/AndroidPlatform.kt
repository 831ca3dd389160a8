package app.yaohao.app.ui

import android.content.Context
import android.content.Intent
import android.graphics.BitmapFactory
import android.net.Uri
import android.os.Build
import android.provider.Settings
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
import androidx.appcompat.app.AppCompatDelegate
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.graphics.ImageBitmap
import androidx.compose.ui.graphics.asImageBitmap
import androidx.compose.ui.platform.LocalContext
import androidx.core.content.FileProvider
import androidx.core.os.LocaleListCompat
import app.yaohao.app.platform.AlarmNotificationScheduler
import app.yaohao.app.platform.ScheduleWorker
import app.yaohao.presentation.Lang
import app.yaohao.screens.Platform
import app.yaohao.screens.PhotoSources
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.io.File
import java.io.IOException

/**
 * The screens' platform pieces on Android: photo picker and camera, the result-file picker, the
 * data export's "save as" (Storage Access Framework), exact alarms, per-app language.
 */
class AndroidPlatform(
    private val context: Context,
    /** After the consent: the notification permission request and the push token (MainActivity and the application set it). */
    private val onConsent: () -> Unit,
) : Platform {
    override fun decodeImage(bytes: ByteArray): ImageBitmap? =
        BitmapFactory.decodeByteArray(bytes, 0, bytes.size)?.asImageBitmap()

    override val canAskExactAlarms: Boolean
        get() = Build.VERSION.SDK_INT >= Build.VERSION_CODES.S

    override val exactAlarmsAllowed: Boolean
        get() = AlarmNotificationScheduler.exactAllowed(context)

    override fun consentGiven() = onConsent()

    override fun openExactAlarmSettings() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S) return
        context.startActivity(
            Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.parse("package:${context.packageName}"))
                .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK),
        )
    }

    override fun applyLanguage(lang: Lang?) {
        AppCompatDelegate.setApplicationLocales(
            when (lang) {
                null -> LocaleListCompat.getEmptyLocaleList()
                Lang.ZH -> LocaleListCompat.forLanguageTags("zh-CN")
                Lang.EN -> LocaleListCompat.forLanguageTags("en")
            },
        )
    }

    override fun remindersChanged(on: Boolean) = ScheduleWorker.start(context)

    @Composable
    override fun rememberFilePicker(onFile: (ByteArray) -> Unit): () -> Unit {
        val activity = LocalContext.current
        val scope = rememberCoroutineScope()
        val picker = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
            if (uri != null) {
                scope.launch {
                    val bytes = withContext(Dispatchers.IO) { activity.contentResolver.openInputStream(uri)?.use { it.readBytes() } }
                    if (bytes != null) onFile(bytes)
                }
            }
        }
        return remember(picker) { { picker.launch(arrayOf("text/plain", "application/pdf")) } }
    }

    @Composable
    override fun rememberJsonSaver(content: () -> String?, onDone: (saved: Boolean) -> Unit): (fileName: String) -> Unit {
        val activity = LocalContext.current
        val scope = rememberCoroutineScope()
        val creator = rememberLauncherForActivityResult(ActivityResultContracts.CreateDocument("application/json")) { uri ->
            val json = content()
            if (uri == null || json == null) {
                onDone(false)
            } else {
                scope.launch {
                    val written = withContext(Dispatchers.IO) {
                        try {
                            activity.contentResolver.openOutputStream(uri, "wt")?.use { it.write(json.toByteArray()) } != null
                        } catch (failure: IOException) {
                            false
                        }
                    }
                    onDone(written)
                }
            }
        }
        return remember(creator) { { fileName -> creator.launch(fileName) } }
    }

    @Composable
    override fun rememberPhotoSources(onPhoto: (ByteArray) -> Unit): PhotoSources {
        val activity = LocalContext.current
        val scope = rememberCoroutineScope()

        /** Reads the chosen image off the main thread and hands it on. */
        fun load(uri: Uri) {
            scope.launch {
                val bytes = withContext(Dispatchers.IO) {
                    activity.contentResolver.openInputStream(uri)?.use { it.readBytes() }
                }
                if (bytes != null) onPhoto(bytes)
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
        return remember(picker, camera) {
            PhotoSources(
                pick = { picker.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly)) },
                takePicture = {
                    val uri = photoUri(activity)
                    cameraTarget = uri.toString()
                    camera.launch(uri)
                },
            )
        }
    }
}

/** A new file in the cache for the camera, shared through the app's FileProvider. */
private fun photoUri(context: Context): Uri {
    val dir = File(context.cacheDir, "photos").apply { mkdirs() }
    val file = File.createTempFile("capture", ".jpg", dir)
    return FileProvider.getUriForFile(context, "${context.packageName}.photos", file)
}
