package app.yaohao.presentation.reminders

import app.yaohao.core.NotificationScheduler
import app.yaohao.core.Reminder
import app.yaohao.core.ReminderSync
import app.yaohao.core.ktx.CoreCalls
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.model.YaohaoClient
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The reminders screen's state. */
data class RemindersState(
    /** The core's reminders, soonest first. */
    val reminders: List<Reminder> = emptyList(),
    /** What the last sync changed. */
    val lastSync: ReminderSync? = null,
    /** Whether reminders are switched on in the settings. */
    val enabled: Boolean = true,
    /** The system refused exact alarms: the screen shows the permission flow. */
    val needsExactAlarmPermission: Boolean = false,
    val error: UiError? = null,
)

/**
 * Reminders: the core computes them with stable ids and [CoreCalls.syncReminders] makes the platform
 * scheduler hold exactly them, so running it again (after a reboot, a refresh, a permission
 * grant) only replaces what is there.
 */
class RemindersModel(
    private val client: YaohaoClient,
    private val scheduler: NotificationScheduler,
    scope: CoroutineScope,
    private val core: CoreCalls = CoreCalls(),
) : StateHolder<RemindersState>(RemindersState(), scope) {

    /** Loads the reminders and schedules them (or cancels them all when switched off). */
    fun sync(enabled: Boolean = state.value.enabled): Job = act(::fail) {
        val reminders = client.reminders().sortedBy { it.fireAt }
        val result = core.syncReminders(scheduler, if (enabled) reminders else emptyList())
        update {
            it.copy(reminders = reminders, lastSync = result, enabled = enabled, needsExactAlarmPermission = false, error = null)
        }
    }

    private fun fail(error: UiError) = update {
        it.copy(needsExactAlarmPermission = error is UiError.ExactAlarmsDenied, error = error)
    }
}
