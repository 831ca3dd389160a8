package app.yaohao.app.platform

import app.yaohao.app.YaohaoApplication
import app.yaohao.app.ui.lang
import app.yaohao.core.YaohaoException
import com.google.firebase.messaging.FirebaseMessagingService
import com.google.firebase.messaging.RemoteMessage
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

/**
 * Pushes: the payload (`type=results`, `period=202606`, year + draw sequence) goes to the core's result check, which
 * fetches and verifies the published list and returns the notifications to show — each code and
 * period once, however many pushes arrive. FCM runs this off the main thread with a time limit;
 * if the check cannot finish, the draw-day worker does it later.
 */
class YaohaoMessagingService : FirebaseMessagingService() {
    private val graph get() = (application as YaohaoApplication).graph

    override fun onMessageReceived(message: RemoteMessage) {
        val shown = runBlocking {
            withTimeoutOrNull(CHECK_LIMIT_MS) {
                try {
                    graph.push.onMessage(message.data, lang())
                } catch (failure: YaohaoException) {
                    null
                }
            }
        }
        if (shown == null) {
            ScheduleWorker.start(this)
            return
        }
        val enabled = runBlocking { graph.settings.load().resultNotifications }
        if (enabled) shown.forEach { Notifications.show(this, it) }
    }

    override fun onNewToken(token: String) = TokenWorker.start(this)

    private companion object {
        const val CHECK_LIMIT_MS = 15_000L
    }
}
