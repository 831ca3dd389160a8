package app.yaohao.app

import android.content.Context
import app.yaohao.app.platform.AlarmNotificationScheduler
import app.yaohao.app.platform.DataStoreSettings
import app.yaohao.app.platform.FirebaseTokens
import app.yaohao.app.platform.KeystoreSecretStore
import app.yaohao.app.platform.TokenWorker
import app.yaohao.app.platform.WorkManagerChecks
import app.yaohao.app.push.UnifiedPushDistributors
import app.yaohao.app.push.UnifiedPushTokens
import app.yaohao.app.ui.AndroidPlatform
import app.yaohao.app.ui.lang
import app.yaohao.core.Lang as CoreLang
import app.yaohao.presentation.reminders.NotificationScheduler
import app.yaohao.core.Yaohao
import app.yaohao.presentation.Lang
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.push.FallbackPushTokens
import app.yaohao.presentation.push.PushRegistration
import app.yaohao.presentation.push.ResultPush
import app.yaohao.presentation.settings.SettingsStore
import app.yaohao.screens.ScreenServices
import java.io.File

/** The app's single instances, created once by [YaohaoApplication]; the screens' services. */
class AppGraph(context: Context) : ScreenServices {
    /** The session token's vault. */
    val secrets = KeystoreSecretStore(context)

    /** The core's facade (offline-first; its cache lives in the app's files; no I/O until first used). */
    override val yaohao: Yaohao = Yaohao(
        BuildConfig.PORTAL_URL,
        File(context.filesDir, "yaohao").path,
        if (context.lang() == Lang.EN) CoreLang.EN else CoreLang.ZH,
        secrets,
    )

    /** Alarms for the core's reminders (exact when allowed). */
    override val scheduler: NotificationScheduler = AlarmNotificationScheduler(context)

    /** The user's settings. */
    override val settings: SettingsStore = DataStoreSettings(context)

    /** The UnifiedPush endpoint the user's distributor gave. */
    private val unifiedPush = UnifiedPushTokens(context)

    /** The push token to the portal, with consent and a session: a UnifiedPush distributor's, else FCM's. */
    override val pushes = PushRegistration(yaohao, FallbackPushTokens(unifiedPush, FirebaseTokens(context)), settings)

    /** The UnifiedPush distributors installed, and the user's choice (Settings). */
    override val distributors = UnifiedPushDistributors(context, unifiedPush)

    /** Set by [MainActivity] while it exists: asks for the notification permission. */
    var askNotifications: (() -> Unit)? = null

    /** Photo picker, camera, exact alarms, per-app language; after the consent, notifications and the push token. */
    override val platform = AndroidPlatform(context) {
        askNotifications?.invoke()
        TokenWorker.start(context)
    }

    /** Pushes and the draw-day check. */
    val push = ResultPush(yaohao)

    /** The core's draw-day check plan as WorkManager jobs (for the account's applications and the followed codes). */
    override val drawDayChecks = DrawDayChecks(yaohao, WorkManagerChecks(context))
}
