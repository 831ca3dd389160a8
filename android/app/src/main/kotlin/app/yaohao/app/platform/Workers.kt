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
import app.yaohao.app.YaohaoApplication
import app.yaohao.app.ui.lang
import app.yaohao.core.PlannedCheck
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.push.CheckJobs
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.reminders.RemindersModel
import app.yaohao.presentation.retryable
import app.yaohao.presentation.toUiError
import kotlinx.coroutines.coroutineScope
import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

/** Work that needs the portal. */
private val online = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

/**
 * Daily and on every trigger (start-up, boot, permission change, settings): refreshes the cache,
 * applies the core's reminder plan to the alarms (the reminders screen's holder, so the same tested
 * path), and schedules the core's draw-day checks. A refused schedule is kept in the holder's state
 * and shown by the reminders screen and Settings; it is not swallowed here.
 */
class ScheduleWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result = coroutineScope {
        val graph = (applicationContext as YaohaoApplication).graph
        try {
            graph.yaohao.refresh(null)
        } catch (offline: YaohaoException) {
            // The plan below runs on the cache.
        }
        val reminders = RemindersModel(graph.yaohao, graph.scheduler, this)
        reminders.sync(graph.settings.load().reminders).join()
        graph.drawDayChecks.plan()
        if (reminders.state.value.error?.retryable == true) Result.retry() else Result.success()
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

/** The core's draw-day checks as WorkManager jobs: one unique job per check id, run at its instant. */
class WorkManagerChecks(private val context: Context) : CheckJobs {
    override fun schedule(check: PlannedCheck) {
        val delay = Duration.between(Instant.now(), check.at).toMillis().coerceAtLeast(0)
        val request = OneTimeWorkRequestBuilder<DrawDayWorker>()
            .setInitialDelay(delay, TimeUnit.MILLISECONDS)
            .setConstraints(online)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, 5, TimeUnit.MINUTES)
            .build()
        WorkManager.getInstance(context).enqueueUniqueWork(check.id, ExistingWorkPolicy.REPLACE, request)
    }
}

/**
 * The draw-day check: the core checks every published period and returns what to notify, with no
 * push needed. It runs signed out too: the core plans checks for followed codes (no account), and
 * the published lists need no session.
 */
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

/** Sends the push token to the portal (with the user's consent and a session), retried until the network allows. */
class TokenWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val graph = (applicationContext as YaohaoApplication).graph
        return try {
            graph.pushes.register()
            Result.success()
        } catch (failure: YaohaoException) {
            if (failure.toUiError().retryable) Result.retry() else Result.failure()
        }
    }

    companion object {
        /** Sends the current token (replacing any send still waiting). */
        fun start(context: Context) {
            val request = OneTimeWorkRequestBuilder<TokenWorker>().setConstraints(online).build()
            WorkManager.getInstance(context).enqueueUniqueWork("push-token", ExistingWorkPolicy.REPLACE, request)
        }
    }
}
