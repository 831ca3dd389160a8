package app.yaohao.app.push

import android.content.Context
import androidx.work.CoroutineWorker
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import app.yaohao.app.YaohaoApplication
import app.yaohao.app.platform.Notifications
import app.yaohao.app.platform.ScheduleWorker
import app.yaohao.app.platform.TokenWorker
import app.yaohao.app.ui.lang
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.push.UnifiedPushMessages
import org.unifiedpush.android.connector.FailedReason
import org.unifiedpush.android.connector.PushService
import org.unifiedpush.android.connector.data.PushEndpoint
import org.unifiedpush.android.connector.data.PushMessage

/**
 * The UnifiedPush connector's events (phones without Google services: a distributor such as ntfy
 * receives the portal's Web Push messages). The connector decrypts the messages; the logic is in
 * [UnifiedPushMessages] (tested on the JVM), the result check in the same path as FCM's.
 */
class YaohaoPushService : PushService() {
    /** A new endpoint: kept, and sent to the portal as a `web_push` device (with consent and a session). */
    override fun onNewEndpoint(endpoint: PushEndpoint, instance: String) {
        val keys = endpoint.pubKeySet
        val token = UnifiedPushMessages.token(endpoint.url, keys?.pubKey, keys?.auth) ?: return
        UnifiedPushTokens(this).save(token)
        TokenWorker.start(this)
    }

    /** A message: the result check runs off the main thread, as a job. */
    override fun onMessage(message: PushMessage, instance: String) {
        UnifiedPushResultWorker.start(this, UnifiedPushMessages.resultData(message.content, message.decrypted))
    }

    /** Registration failed (no network, refused): FCM, if any, and the draw-day check remain. */
    override fun onRegistrationFailed(reason: FailedReason, instance: String) = Unit

    /**
     * The distributor dropped the app: the endpoint is forgotten; the portal removes the device when
     * the push service answers 404/410 for it.
     */
    override fun onUnregistered(instance: String) {
        UnifiedPushTokens(this).clear()
        TokenWorker.start(this)
    }
}

/** The result check of one UnifiedPush message; if it cannot finish, the draw-day worker does it later. */
class UnifiedPushResultWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val graph = (applicationContext as YaohaoApplication).graph
        val data = inputData.keyValueMap.mapValues { it.value.toString() }
        val shown = try {
            graph.push.onMessage(data, applicationContext.lang())
        } catch (failure: YaohaoException) {
            ScheduleWorker.start(applicationContext)
            return Result.success()
        }
        if (graph.settings.load().resultNotifications) shown.forEach { Notifications.show(applicationContext, it) }
        return Result.success()
    }

    companion object {
        /** Runs the check of the message [data]. */
        fun start(context: Context, data: Map<String, String>) {
            val input = workDataOf(*data.map { (k, v) -> k to v }.toTypedArray())
            val request = OneTimeWorkRequestBuilder<UnifiedPushResultWorker>().setInputData(input).build()
            WorkManager.getInstance(context).enqueue(request)
        }
    }
}
