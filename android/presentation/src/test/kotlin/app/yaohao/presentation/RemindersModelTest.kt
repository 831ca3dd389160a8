package app.yaohao.presentation

import app.yaohao.core.ApplicantState
import app.yaohao.core.NotificationScheduler
import app.yaohao.core.Permit
import app.yaohao.core.PermitKind
import app.yaohao.core.Reminder
import app.yaohao.core.ReminderKind
import app.yaohao.core.SchedulerException
import app.yaohao.core.TrackedApplication
import app.yaohao.core.TrackedKind
import app.yaohao.core.TrackedStatus
import app.yaohao.core.computeReminders
import app.yaohao.presentation.reminders.Channel
import app.yaohao.presentation.reminders.RemindersModel
import app.yaohao.presentation.reminders.channel
import app.yaohao.presentation.reminders.notification
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** What the app's AlarmManager scheduler does, kept in memory. */
class MemoryScheduler(var refuse: Boolean = false) : NotificationScheduler {
    val scheduled = linkedMapOf<String, Reminder>()
    var writes = 0

    override fun scheduledIds(): List<String> = synchronized(this) { scheduled.keys.toList() }

    override fun schedule(reminder: Reminder) = synchronized(this) {
        if (refuse) throw SchedulerException.Refused("exact alarms not permitted")
        writes++
        scheduled[reminder.id] = reminder
    }

    override fun cancel(id: String) {
        synchronized(this) { scheduled.remove(id) }
    }
}

/** An applicant whose application is under review and who holds a work residence permit. */
val applicantUnderReview = ApplicantState(
    applications = listOf(TrackedApplication("1234567890123", TrackedKind.ORDINARY, TrackedStatus.UNDER_REVIEW, "2026-11-20", null, 3u)),
    quota = null,
    permits = listOf(Permit(PermitKind.WORK_RESIDENCE, "2027-03-01", null)),
    licenceExpiresOn = null,
    maritalChange = null,
    announced = emptyList(),
)

/** Reminders computed by the real core and synced into the platform scheduler idempotently. */
class RemindersModelTest {
    private val client = MemoryClient()
    private val scheduler = MemoryScheduler()
    private val state = applicantUnderReview

    init {
        client.reminders = computeReminders(state, "bimonthly-2014", Instant.parse("2026-11-21T00:00:00Z")).shuffled()
    }

    @Test
    fun syncSchedulesExactlyTheCoresReminders() = modelTest { scope ->
        val model = RemindersModel(client, scheduler, scope)
        model.sync().join()
        val shown = model.state.value.reminders
        assertTrue(shown.isNotEmpty())
        assertEquals(shown.sortedBy { it.fireAt }, shown)
        assertEquals(shown.map { it.id }.toSet(), scheduler.scheduled.keys)
        assertEquals(shown.size, model.state.value.lastSync?.scheduled?.size)
    }

    @Test
    fun syncingAgainCancelsNothingAndAddsNothing() = modelTest { scope ->
        val model = RemindersModel(client, scheduler, scope)
        model.sync().join()
        val ids = scheduler.scheduled.keys.toSet()
        scheduler.scheduled["stale:2026-01-01"] = client.reminders.first().copy(id = "stale:2026-01-01")
        model.sync().join()
        assertEquals(ids, scheduler.scheduled.keys)
        assertEquals(listOf("stale:2026-01-01"), model.state.value.lastSync?.cancelled)
    }

    @Test
    fun switchingRemindersOffCancelsThemAll() = modelTest { scope ->
        val model = RemindersModel(client, scheduler, scope)
        model.sync().join()
        model.sync(enabled = false).join()
        assertTrue(scheduler.scheduled.isEmpty())
        assertFalse(model.state.value.enabled)
    }

    @Test
    fun refusedExactAlarmsStartThePermissionFlow() = modelTest { scope ->
        scheduler.refuse = true
        val model = RemindersModel(client, scheduler, scope)
        model.sync().join()
        assertTrue(model.state.value.needsExactAlarmPermission)
        scheduler.refuse = false
        model.sync().join()
        assertFalse(model.state.value.needsExactAlarmPermission)
        assertEquals(client.reminders.size, scheduler.scheduled.size)
    }

    @Test
    fun remindersBecomeNotificationsOnTheirChannel() {
        val reminder = client.reminders.first()
        val zh = reminder.notification(Lang.ZH)
        val en = reminder.notification(Lang.EN)
        assertEquals(reminder.title.zh, zh.title)
        assertEquals(reminder.body.en, en.body)
        assertEquals(zh.platformId, en.platformId)
        assertTrue(zh.platformId >= 0)
        assertEquals(Channel.RESULTS, ReminderKind.RESULTS_OUT.channel())
        assertEquals(Channel.DEADLINES, ReminderKind.CONFIRM_QUOTA.channel())
    }
}
