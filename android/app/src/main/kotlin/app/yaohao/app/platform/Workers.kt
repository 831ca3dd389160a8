package app.yaohao.app.platform

import android.content.Context
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.CoroutineWorker
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import app.yaohao.app.YaohaoApplication
import app.yaohao.app.ui.lang
import app.yaohao.core.ktx.CoreCalls
import app.yaohao.core.SchedulerException
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.retryable
import app.yaohao.presentation.toUiError
import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

/** Work that needs the portal. */
private val online = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

/**
 * Daily and on every trigger (start-up, boot, permission change, settings): refreshes the cache,
 * makes the alarms hold exactly the core's reminders, and plans the draw-day checks.
 */
class ScheduleWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val graph = (applicationContext as YaohaoApplication).graph
        val dashboard = try {
            graph.client.refresh()
        } catch (failure: YaohaoException) {
            graph.client.dashboard()
        }
        val enabled = graph.settings.load().reminders
        val reminders = if (enabled) graph.client.reminders() else emptyList()
        try {
            CoreCalls().syncReminders(graph.scheduler, reminders)
        } catch (refused: SchedulerException.Refused) {
            // No exact alarms until the user allows them; RescheduleReceiver runs this again then.
        }
        val work = WorkManager.getInstance(applicationContext)
        DrawDayChecks.plan(dashboard.nextEvents, Instant.now()).forEach { check ->
            val request = OneTimeWorkRequestBuilder<DrawDayWorker>()
                .setInitialDelay(Duration.between(Instant.now(), check.at).toMillis(), TimeUnit.MILLISECONDS)
                .setConstraints(online)
                .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, 5, TimeUnit.MINUTES)
                .build()
            work.enqueueUniqueWork(check.name, ExistingWorkPolicy.KEEP, request)
        }
        return Result.success()
    }

    companion object {
        private const val DAILY = "schedule-daily"
        private const val NOW = "schedule-now"

        /** Runs the daily schedule (kept if already enqueued) and one now. */
        fun start(context: Context) {
            val work = WorkManager.getInstance(context)
            work.enqueueUniquePeriodicWork(
                DAILY,
                ExistingPeriodicWorkPolicy.KEEP,
                PeriodicWorkRequestBuilder<ScheduleWorker>(1, TimeUnit.DAYS).build(),
            )
            work.enqueueUniqueWork(NOW, ExistingWorkPolicy.REPLACE, OneTimeWorkRequestBuilder<ScheduleWorker>().build())
        }
    }
}

/** The draw-day check: the core checks every published period and returns what to notify. */
class DrawDayWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val graph = (applicationContext as YaohaoApplication).graph
        return try {
            val notifications = graph.push.checkPublished(applicationContext.lang())
            if (graph.settings.load().resultNotifications) {
                notifications.forEach { Notifications.show(applicationContext, it) }
            }
            Result.success()
        } catch (failure: YaohaoException) {
            if (failure.toUiError().retryable && runAttemptCount < MAX_ATTEMPTS) Result.retry() else Result.failure()
        }
    }

    private companion object {
        const val MAX_ATTEMPTS = 6
    }
}

/** Registers the push token with the portal, retried until the network allows. */
class TokenWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val token = inputData.getString(TOKEN) ?: return Result.failure()
        val graph = (applicationContext as YaohaoApplication).graph
        return try {
            graph.push.onNewToken(token)
            Result.success()
        } catch (failure: YaohaoException) {
            if (failure.toUiError().retryable) Result.retry() else Result.failure()
        }
    }

    companion object {
        private const val TOKEN = "token"

        /** Registers [token] (replacing any registration still waiting). */
        fun register(context: Context, token: String) {
            val request = OneTimeWorkRequestBuilder<TokenWorker>()
                .setInputData(workDataOf(TOKEN to token))
                .setConstraints(online)
                .build()
            WorkManager.getInstance(context).enqueueUniqueWork("push-token", ExistingWorkPolicy.REPLACE, request)
        }
    }
}
