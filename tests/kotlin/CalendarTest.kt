package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant
import kotlin.test.assertFailsWith

/** A notification scheduler kept in memory, as the Android app's AlarmManager wrapper would be. */
class MemoryScheduler(private val refuse: Boolean = false, private val crash: Boolean = false) : NotificationScheduler {
    val scheduled = linkedMapOf<String, Reminder>()
    val threads: MutableSet<String> = java.util.concurrent.ConcurrentHashMap.newKeySet()

    override fun scheduledIds(): List<String> = synchronized(this) { scheduled.keys.toList() }

    override fun schedule(reminder: Reminder) {
        synchronized(this) {
            threads += systemThreadName()
            if (refuse) throw SchedulerException.Refused("exact alarms not permitted")
            if (crash) throw IllegalStateException("alarm service died")
            scheduled[reminder.id] = reminder
        }
    }

    override fun cancel(id: String) {
        synchronized(this) { scheduled.remove(id) }
    }
}

/** Policies, calendar, working days, reminders and their scheduling through the real library. */
class CalendarTest {
    private val state = ApplicantState(
        applications = listOf(
            TrackedApplication("1234567890123", TrackedKind.ORDINARY, TrackedStatus.UNDER_REVIEW, "2026-11-20", null, 3u),
        ),
        quota = null,
        permits = listOf(Permit(PermitKind.WORK_RESIDENCE, "2027-03-01", null)),
        licenceExpiresOn = null,
        maritalChange = null,
        announced = emptyList(),
    )

    @Test
    fun policiesListTheDefault() {
        val all: List<PolicySummary> = policies()
        val default = all.single { it.isDefault }
        assertEquals("bimonthly-2014", default.name)
        assertEquals(6u, default.ordinaryDrawsPerYear)
        assertEquals(3, all.size)
    }

    @Test
    fun realDrawDateIsProjectedInBeijingTime() {
        val events = calendarEvents("bimonthly-2014", "2015-06-01", "2015-06-30", emptyList())
        val draw = events.single { it.kind == EventKind.DRAW }
        assertEquals("2015-06-26", draw.date)
        assertEquals(Instant.parse("2015-06-26T02:15:00Z"), draw.at)
        assertFalse(draw.announced)
    }

    @Test
    fun announcedDateOverridesTheProjection() {
        val announced = AnnouncedDate(EventKind.DRAW, "2026-12-26", Instant.parse("2026-12-28T02:00:00Z"))
        val draw = calendarEvents("bimonthly-2014", "2026-12-01", "2026-12-31", listOf(announced))
            .single { it.kind == EventKind.DRAW }
        assertEquals("2026-12-28", draw.date)
        assertTrue(draw.announced)
    }

    @Test
    fun unknownPolicyAndBadDatesAreInvalidInput() {
        assertFailsWith<YaohaoException.InvalidInput>("unknown policy accepted") {
            calendarEvents("weekly-2030", "2026-01-01", "2026-02-01", emptyList())
        }.let { e ->
            assertEquals("policy", e.field)
        }
        assertFailsWith<YaohaoException.InvalidInput>("month 13 accepted") {
            calendarEvents("bimonthly-2014", "2026-13-01", "2026-12-01", emptyList())
        }.let { e ->
            assertEquals("date_format", e.code)
            assertTrue(e.messageZh.contains("2026-13-01"))
        }
        assertFailsWith<YaohaoException.InvalidInput>("'yesterday' accepted") {
            calendarEvents("bimonthly-2014", "yesterday", "2026-12-01", emptyList())
        }.let { e ->
            assertEquals("date", e.field)
        }
    }

    @Test
    fun remindersHaveStableIdsAndSyncIdempotently() = runBlocking<Unit> {
        val now = Instant.parse("2026-11-23T00:00:00Z")
        val first = computeReminders(state, "bimonthly-2014", now)
        val again = computeReminders(state, "bimonthly-2014", now.plusSeconds(3600))
        assertTrue(first.isNotEmpty())
        assertEquals(first.map { it.id }, again.map { it.id })
        assertTrue(first.all { it.fireAt.isAfter(now) })
        assertTrue(first.any { it.id.startsWith("cutoff-3d:") })

        val scheduler = MemoryScheduler()
        val sync = syncReminders(scheduler, first)
        assertEquals(first.map { it.id }, sync.scheduled)
        assertEquals(emptyList<String>(), sync.cancelled)
        val kept = first.take(1)
        val second = syncReminders(scheduler, kept)
        assertEquals(first.drop(1).map { it.id }.sorted(), second.cancelled.sorted())
        assertEquals(kept.map { it.id }, scheduler.scheduled.keys.toList())
    }

    @Test
    fun schedulerRefusalReachesTheCaller() = runBlocking<Unit> {
        val reminders = computeReminders(state, "bimonthly-2014", Instant.parse("2026-11-23T00:00:00Z"))
        assertFailsWith<SchedulerException.Refused>("refusal swallowed") {
            syncReminders(MemoryScheduler(refuse = true), reminders)
        }.let { e ->
            assertEquals("exact alarms not permitted", e.reason)
        }
    }

    @Test
    fun badStateIsInvalidInput() {
        val bad = state.copy(applications = listOf(state.applications[0].copy(code = "123")))
        assertFailsWith<YaohaoException.InvalidInput>("a 3-digit code was accepted") {
            computeReminders(bad, "bimonthly-2014", Instant.now())
        }.let { e ->
            assertEquals("applications[0].code", e.field)
        }
    }

    @Test
    fun anUnexpectedSchedulerExceptionIsAnErrorNotACrash() = runBlocking<Unit> {
        val reminders = computeReminders(state, "bimonthly-2014", Instant.parse("2026-11-23T00:00:00Z"))
        assertFailsWith<SchedulerException.Unexpected>("a crashing scheduler was ignored") {
            syncReminders(MemoryScheduler(crash = true), reminders)
        }.let { e ->
            assertTrue(e.reason, e.reason.contains("alarm service died"))
        }
    }

    @Test
    fun aWonQuotaAndAPendingMaritalChangeHaveReminders() {
        val quota: WonQuota = WonQuota("1234567890123", "2026-12-26", false)
        val marital: PendingMaritalChange = PendingMaritalChange("2026-12-24")
        val won = state.copy(quota = quota, maritalChange = marital)
        val reminders = computeReminders(won, "bimonthly-2014", Instant.parse("2026-12-26T06:00:00Z"))
        assertTrue(reminders.map { it.kind }.toString(), reminders.any { it.kind == ReminderKind.CONFIRM_QUOTA })
        assertTrue(reminders.map { it.kind }.toString(), reminders.any { it.kind == ReminderKind.MARITAL_REVIEW })
    }
}
