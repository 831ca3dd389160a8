package app.yaohao.app

import android.content.Context
import app.yaohao.app.platform.AlarmNotificationScheduler
import app.yaohao.app.platform.DataStoreSettings
import app.yaohao.app.platform.KeystoreSecretStore
import app.yaohao.app.ui.lang
import app.yaohao.core.NotificationScheduler
import app.yaohao.presentation.model.FfiYaohaoClient
import app.yaohao.presentation.model.YaohaoClient
import app.yaohao.presentation.push.ResultPush
import app.yaohao.presentation.settings.SettingsStore
import java.io.File

/** The app's single instances, created once by [YaohaoApplication]. */
class AppGraph(context: Context) {
    /** The session token's vault. */
    val secrets = KeystoreSecretStore(context)

    /** The core's facade (offline-first; its cache lives in the app's files). */
    val client: YaohaoClient = FfiYaohaoClient.open(
        baseUrl = BuildConfig.PORTAL_URL,
        dataDir = File(context.filesDir, "yaohao").path,
        lang = context.lang(),
        secrets = secrets,
    )

    /** Exact alarms for the core's reminders. */
    val scheduler: NotificationScheduler = AlarmNotificationScheduler(context)

    /** The user's settings. */
    val settings: SettingsStore = DataStoreSettings(context)

    /** Pushes and the draw-day check. */
    val push = ResultPush(client)
}
