package app.yaohao.core.ktx

import app.yaohao.core.DocumentKind
import app.yaohao.core.NotificationScheduler
import app.yaohao.core.PreparedDocument
import app.yaohao.core.Reminder
import app.yaohao.core.ReminderSync

/**
 * The core's calls that take noticeable time, as suspend functions safe to call from the main
 * thread: their work (and the scheduler's callbacks) runs on the core's own threads, the caller
 * only waits. Failures stay the generated sealed exceptions (`YaohaoException`, `SchedulerException`).
 */
class CoreCalls {

    /** Decodes, orients, checks and re-encodes a photo for upload (see `prepareDocument`). */
    suspend fun prepareDocument(bytes: ByteArray, kind: DocumentKind): PreparedDocument =
        app.yaohao.core.prepareDocument(bytes, kind)

    /** Makes [scheduler] hold exactly [reminders]; the scheduler is called on the core's threads. */
    suspend fun syncReminders(scheduler: NotificationScheduler, reminders: List<Reminder>): ReminderSync =
        app.yaohao.core.syncReminders(scheduler, reminders)
}
