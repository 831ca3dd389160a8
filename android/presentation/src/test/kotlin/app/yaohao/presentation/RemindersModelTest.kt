package app.yaohao.presentation

import app.yaohao.core.ApplicantState
import app.yaohao.core.Permit
import app.yaohao.core.PermitKind
import app.yaohao.core.ReminderKind
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
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** An applicant whose application is under review and who holds a work residence permit. */
val applicantUnderReview = ApplicantState(
    applications = listOf(TrackedApplication("1234567890123", TrackedKind.ORDINARY, TrackedStatus.UNDER_REVIEW, "2026-11-20", null, 3u)),
    quota = null,
    permits = listOf(Permit(PermitKind.WORK_RESIDENCE, "2027-03-01", null)),
    licenceExpiresOn = null,
    maritalChange = null,
    announced = emptyList(),
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
        val reminder = computeReminders(applicantUnderReview, "bimonthly-2014", Instant.parse("2026-11-21T00:00:00Z")).first()
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
