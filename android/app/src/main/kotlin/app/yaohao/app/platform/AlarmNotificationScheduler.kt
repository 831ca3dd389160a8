package app.yaohao.app.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.os.Build
import androidx.core.content.edit
import androidx.core.content.getSystemService
import app.yaohao.presentation.reminders.NotificationScheduler
import app.yaohao.core.Reminder
import app.yaohao.presentation.reminders.ScheduleRefused

/**
 * The app's [NotificationScheduler] on AlarmManager exact alarms, inexact ones when the system
 * refuses exact alarms. The system cannot list alarms,
 * so the scheduled ids are kept in a small preferences file (ids only, nothing secret); the
 * reminder's text travels in the alarm's intent. The state holders call it off the main thread,
 * so the file is written with commit().
 */
class AlarmNotificationScheduler(private val context: Context) : NotificationScheduler {
    private val alarms = context.getSystemService<AlarmManager>()
    private val registry = context.getSharedPreferences("scheduled-reminders", Context.MODE_PRIVATE)

    override fun scheduledIds(): List<String> = registry.getStringSet(IDS, emptySet()).orEmpty().toList()

    override fun schedule(reminder: Reminder) {
        val manager = alarms ?: throw IllegalStateException("no AlarmManager")
        val intent = ReminderReceiver.intent(context, reminder)
        val pending = PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
        if (exactAllowed(context)) {
            manager.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, reminder.fireAt.toEpochMilli(), pending)
        } else {
            // Exact alarms are denied by default on Android 14+: the reminder still comes, a few
            // minutes late, and Settings and the reminders screen say so and offer the permission.
            manager.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, reminder.fireAt.toEpochMilli(), pending)
        }
        update { it + reminder.id }
    }

    override fun cancel(id: String) {
        val intent = ReminderReceiver.intent(context, id)
        val pending = PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_NO_CREATE)
        if (pending != null) {
            alarms?.cancel(pending)
            pending.cancel()
        }
        update { it - id }
    }

    /** Forgets every id (alarms do not survive a reboot; the next sync schedules them again). */
    fun forgetAll() = update { emptySet() }

    private fun update(change: (Set<String>) -> Set<String>) = synchronized(registry) {
        val next = change(registry.getStringSet(IDS, emptySet()).orEmpty())
        registry.edit(commit = true) { putStringSet(IDS, next) }
    }

    companion object {
        private const val IDS = "ids"

        /** Whether the system lets this app set exact alarms now (always below Android 12). */
        fun exactAllowed(context: Context): Boolean =
            Build.VERSION.SDK_INT < Build.VERSION_CODES.S || context.getSystemService<AlarmManager>()?.canScheduleExactAlarms() == true
    }
}
