package app.yaohao.app.platform

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/**
 * Alarms do not survive a reboot or an update, and a newly granted exact-alarm permission needs a
 * fresh schedule: all three re-run the schedule, which is idempotent by reminder id.
 */
class RescheduleReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action == Intent.ACTION_BOOT_COMPLETED) {
            AlarmNotificationScheduler(context).forgetAll()
        }
        ScheduleWorker.start(context)
    }
}
