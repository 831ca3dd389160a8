package app.yaohao.app

import android.content.Context
import app.yaohao.app.platform.AlarmNotificationScheduler
import app.yaohao.app.platform.DataStoreSettings
import app.yaohao.app.platform.KeystoreSecretStore
import app.yaohao.app.ui.AndroidPlatform
import app.yaohao.app.ui.lang
import app.yaohao.core.NotificationScheduler
import app.yaohao.presentation.model.FfiYaohaoClient
import app.yaohao.presentation.model.YaohaoClient
import app.yaohao.presentation.push.ResultPush
import app.yaohao.presentation.settings.SettingsStore
import app.yaohao.screens.Platform
import app.yaohao.screens.ScreenServices
import java.io.File

/** The app's single instances, created once by [YaohaoApplication]; the screens' services. */
class AppGraph(context: Context) : ScreenServices {
    /** The session token's vault. */
    val secrets = KeystoreSecretStore(context)

    /** The core's facade (offline-first; its cache lives in the app's files). */
    override val client: YaohaoClient = FfiYaohaoClient.open(
        baseUrl = BuildConfig.PORTAL_URL,
        dataDir = File(context.filesDir, "yaohao").path,
        lang = context.lang(),
        secrets = secrets,
    )

    /** Exact alarms for the core's reminders. */
    override val scheduler: NotificationScheduler = AlarmNotificationScheduler(context)

    /** The user's settings. */
    override val settings: SettingsStore = DataStoreSettings(context)

    /** Photo picker, camera, exact-alarm settings, per-app language. */
    override val platform: Platform = AndroidPlatform(context)

    /** Pushes and the draw-day check. */
    val push = ResultPush(client)
}
