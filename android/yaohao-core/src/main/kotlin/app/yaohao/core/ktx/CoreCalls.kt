package app.yaohao.core.ktx

import app.yaohao.core.DocumentKind
import app.yaohao.core.NotificationScheduler
import app.yaohao.core.PreparedDocument
import app.yaohao.core.Reminder
import app.yaohao.core.ReminderSync
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * The core's calls that take noticeable time, as suspend functions safe to call from the main
 * thread: the synchronous, CPU-bound `prepareDocument` runs on [dispatcher]; `syncReminders` is
 * already a suspend function whose work (and the scheduler's callbacks) runs on the core's own
 * threads. Failures stay the generated sealed exceptions (`YaohaoException`, `SchedulerException`).
 */
class CoreCalls(private val dispatcher: CoroutineDispatcher = Dispatchers.Default) {

    /** Decodes, orients, checks and re-encodes a photo for upload (see `prepareDocument`). */
    suspend fun prepareDocument(bytes: ByteArray, kind: DocumentKind): PreparedDocument =
        withContext(dispatcher) { app.yaohao.core.prepareDocument(bytes, kind) }

    /** Makes [scheduler] hold exactly [reminders]; the scheduler is called on the core's threads. */
    suspend fun syncReminders(scheduler: NotificationScheduler, reminders: List<Reminder>): ReminderSync =
        app.yaohao.core.syncReminders(scheduler, reminders)
}
