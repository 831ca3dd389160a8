package app.yaohao.screens

import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.ImageBitmap
import app.yaohao.presentation.reminders.NotificationScheduler
import app.yaohao.core.Yaohao
import app.yaohao.presentation.Clock
import app.yaohao.presentation.Lang
import app.yaohao.presentation.push.Distributors
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.push.PushRegistration
import app.yaohao.presentation.settings.SettingsStore

/** What the screens need from the app: the core's facade, the platform's services, the clock. */
interface ScreenServices {
    /** The core's facade (every call suspends; its work runs on the core's threads). */
    val yaohao: Yaohao

    /** Sends the push token to the portal (after login, with the user's consent). */
    val pushes: PushRegistration

    /** The UnifiedPush distributors installed, and the user's choice. */
    val distributors: Distributors

    /** Where the core's reminders are scheduled (exact alarms on Android). */
    val scheduler: NotificationScheduler

    /** The user's settings. */
    val settings: SettingsStore

    /** The core's draw-day check plan as background jobs (scheduled again when the followed codes change). */
    val drawDayChecks: DrawDayChecks

    /** The pieces only the platform can do. */
    val platform: Platform

    /** Now, for countdowns (tests pass a fixed clock). */
    val clock: Clock get() = Clock.System
}

/** The Android-only pieces behind small functions (`:app` implements them; tests fake them). */
interface Platform {
    /** Decodes a prepared JPEG for its preview (off the main thread where it matters). */
    fun decodeImage(bytes: ByteArray): ImageBitmap?

    /** Whether the system has a page where the user allows exact alarms (Android 12+). */
    val canAskExactAlarms: Boolean

    /** Whether exact alarms are allowed now; when not, reminders fall back to inexact alarms. */
    val exactAlarmsAllowed: Boolean

    /** The user consented: the platform may now ask for the notification permission and send the push token. */
    fun consentGiven()

    /** Opens the system's "Alarms & reminders" page for this app. */
    fun openExactAlarmSettings()

    /** Applies the per-app language (null: follow the system). */
    fun applyLanguage(lang: Lang?)

    /** Reminders were switched on or off: schedule or cancel them. */
    fun remindersChanged(on: Boolean)

    /** Opens the system's document picker for a result list (.txt or .pdf), handing its bytes to [onFile]. */
    @Composable
    fun rememberFilePicker(onFile: (ByteArray) -> Unit): () -> Unit

    /**
     * Opens the system's "save as" (the Storage Access Framework) for a JSON file; once the user
     * chose where, writes [content] there (read then, from the state holder, so it survives the
     * activity being recreated meanwhile) and calls [onDone] with whether it was written.
     * Returns the function that opens it with a suggested file name.
     */
    @Composable
    fun rememberJsonSaver(content: () -> String?, onDone: (saved: Boolean) -> Unit): (fileName: String) -> Unit

    /** The photo sources of the document capture, handing the chosen image's bytes to [onPhoto]. */
    @Composable
    fun rememberPhotoSources(onPhoto: (ByteArray) -> Unit): PhotoSources
}

/** Where a document's photo comes from. */
class PhotoSources(
    /** The system photo picker. */
    val pick: () -> Unit,
    /** The camera. */
    val takePicture: () -> Unit,
)
