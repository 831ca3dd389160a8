package app.yaohao.presentation.reminders

import app.yaohao.core.Reminder
import app.yaohao.core.Yaohao
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.withContext

/** The reminders screen's state. */
data class RemindersState(
    /** The core's reminders, soonest first. */
    val reminders: List<Reminder> = emptyList(),
    /** Ids scheduled and cancelled by the last sync. */
    val scheduled: List<String> = emptyList(),
    val cancelled: List<String> = emptyList(),
    /** Whether reminders are switched on in the settings. */
    val enabled: Boolean = true,
    /** The system refused exact alarms: the screen shows the permission flow. */
    val needsExactAlarmPermission: Boolean = false,
    val error: UiError? = null,
)

/**
 * Reminders: the core's reminder plan says what to (re)schedule and which ids to cancel since the
 * last plan, with stable ids, so running it again (after a reboot, a refresh, a permission grant)
 * only replaces what is there. The platform scheduler is called off the main thread.
 */
class RemindersModel(
    private val yaohao: Yaohao,
    private val scheduler: NotificationScheduler,
    scope: CoroutineScope,
) : StateHolder<RemindersState>(RemindersState(), scope) {

    /** Applies the core's plan (or cancels every reminder when switched off). */
    fun sync(enabled: Boolean = state.value.enabled): Job = act(::fail) {
        update { it.copy(enabled = enabled) }
        val plan = yaohao.reminderPlan()
        val (scheduled, cancelled) = withContext(Dispatchers.IO) {
            if (enabled) {
                plan.cancel.forEach(scheduler::cancel)
                plan.schedule.forEach(scheduler::schedule)
                plan.schedule.map { it.id } to plan.cancel
            } else {
                val all = scheduler.scheduledIds()
                all.forEach(scheduler::cancel)
                emptyList<String>() to all
            }
        }
        val reminders = yaohao.dashboard().reminders.sortedBy { it.fireAt }
        update {
            it.copy(
                reminders = reminders,
                scheduled = scheduled,
                cancelled = cancelled,
                needsExactAlarmPermission = false,
                error = null,
            )
        }
    }

    private fun fail(error: UiError) = update {
        it.copy(needsExactAlarmPermission = error is UiError.ExactAlarmsDenied, error = error)
    }
}
