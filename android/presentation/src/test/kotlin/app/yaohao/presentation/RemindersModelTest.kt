package app.yaohao.presentation

import app.yaohao.core.Reminder
import app.yaohao.core.ReminderKind
import app.yaohao.core.Text
import app.yaohao.presentation.reminders.Channel
import app.yaohao.presentation.reminders.RemindersModel
import app.yaohao.presentation.reminders.channel
import app.yaohao.presentation.reminders.notification
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** Reminders as the core words them for an applicant under review with a work residence permit. */
val sampleReminders = listOf(
    Reminder(
        "draw_day:2026-12-26", ReminderKind.DRAW_DAY, Instant.parse("2026-12-25T01:00:00Z"),
        Text("明天摇号", "Draw tomorrow"), Text("第 202606 期摇号明天 10:15 开始。", "The draw of period 202606 starts tomorrow at 10:15."),
        "yaohao://calendar",
    ),
    Reminder(
        "permit_expiry:2027-03-01", ReminderKind.PERMIT_EXPIRY, Instant.parse("2027-02-01T01:00:00Z"),
        Text("工作居住证将到期", "Work residence permit expiring"), Text("工作居住证 2027年3月1日到期，请及时续签。", "Your work residence permit expires on 1 Mar 2027: renew it in time."),
        "yaohao://account",
    ),
)

/** The core's reminder plan applied to the platform scheduler idempotently, against a real portal. */
class RemindersModelTest {
    @Test
    fun thePlanIsScheduledAgainIdempotentlyCancelledWhenOffAndARefusalAsksForThePermission() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope)
            apply(yaohao, scope)
            yaohao.refresh(null)
            val scheduler = MemoryScheduler()
            val model = RemindersModel(yaohao, scheduler, scope)
            model.sync().join()
            assertNull(model.state.value.error)
            val shown = model.state.value.reminders
            assertTrue("the core planned no reminder", shown.isNotEmpty())
            assertEquals(shown.sortedBy { it.fireAt }, shown)
            assertEquals(shown.map { it.id }.toSet(), scheduler.scheduled.keys)

            scheduler.scheduled["stale:2026-01-01"] = shown.first().copy(id = "stale:2026-01-01")
            model.sync().join()
            assertTrue(model.state.value.cancelled.isEmpty())
            assertEquals(shown.map { it.id }.toSet() + "stale:2026-01-01", scheduler.scheduled.keys)

            model.sync(enabled = false).join()
            assertTrue(scheduler.scheduled.isEmpty())
            assertFalse(model.state.value.enabled)

            scheduler.refuse = true
            model.sync(enabled = true).join()
            assertTrue(model.state.value.needsExactAlarmPermission)
            assertTrue(model.state.value.error is UiError.ExactAlarmsDenied)
            scheduler.refuse = false
            model.sync().join()
            assertFalse(model.state.value.needsExactAlarmPermission)
            assertEquals(shown.size, scheduler.scheduled.size)
        }
    }

    @Test
    fun remindersBecomeNotificationsOnTheirChannel() {
        val reminder = sampleReminders.first()
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
