package app.yaohao.presentation.reminders

import app.yaohao.core.Reminder

/**
 * The platform's local-notification scheduler (AlarmManager in the app, memory in tests). It
 * performs the core's reminder plan (`reminderPlan`) and decides nothing. Scheduling an id that
 * exists replaces it. Called off the main thread.
 */
interface NotificationScheduler {
    /** Ids of the reminders currently scheduled by Yaohao. */
    fun scheduledIds(): List<String>

    /** Schedules (or replaces) one reminder; throws [ScheduleRefused] when the platform refuses. */
    fun schedule(reminder: Reminder)

    /** Cancels one reminder; unknown ids are ignored. */
    fun cancel(id: String)
}

/** The platform refused to schedule a reminder (exact alarms not permitted, say). */
class ScheduleRefused(reason: String) : Exception(reason)
