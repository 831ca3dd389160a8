package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.ZoneId
import kotlin.test.assertFailsWith

/**
 * A whole draw cycle on the portal's simulated clock, through the facade: periods, calendar and
 * announcements, the dashboard and reminders, the data freeze, publication and result checks
 * (each notified exactly once), quota confirmation, December continuation and, after the
 * clean-up two years on, reactivation.
 */
class CycleTest : PortalTest() {
    private val photo = File("tests/fixtures/photos/licence.jpg").readBytes()
    private val beijing = ZoneId.of("Asia/Shanghai")

    private fun app(): Yaohao =
        Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, MemorySecretStore())

    private fun beijingDate(at: Instant): String = at.atZone(beijing).toLocalDate().toString()

    @Test
    fun aDrawCycleFromApplicationToReactivation() = runBlocking {
        val a = app()
        val b = app()
        portal.registerAndLogin(a, ID_A, MOBILE_A)
        portal.registerAndLogin(b, ID_B, MOBILE_B, "李四")
        val appA = portal.submitApplication(a, photo)
        val appB = portal.submitApplication(b, photo)
        portal.makeEligible(ID_A, PortalProcess.LICENCE_FILE)
        portal.makeEligible(ID_B, PortalProcess.LICENCE_FILE)
        portal.review()

        // The period, as the portal lists it (its id comes from the portal, never from the test).
        val periodId = portal.createPeriod(1)
        val periods: List<Period> = a.refreshPeriods()
        val period = periods.single { it.id == periodId }
        assertEquals(PeriodStatus.Open, period.status)
        assertEquals(PeriodKind.DRAW, period.kind)
        assertEquals(periods, a.periods())
        assertTrue(period.cutoffAt < period.freezeFrom && period.freezeUntil <= period.drawAt)

        // Announcements and the announced calendar.
        portal.announce("摇号安排公告", "Draw schedule notice")
        portal.announceDate("draw", beijingDate(period.drawAt), period.drawAt)
        val announcements: List<Announcement> = a.refreshAnnouncements()
        assertTrue(announcements.any { it.title.en == "Draw schedule notice" })
        assertEquals(announcements, a.announcements())

        // The home screen, and the reminders with their plan.
        val dashboard: Dashboard = a.refresh(null)
        assertEquals(ApplicationStatus.Approved, dashboard.applications.single().application.status)
        assertNotNull(dashboard.refreshedAt)
        // The portal runs bimonthly-2014: no family applications before 2021, so the menu of new
        // applications the core gives leaves both family kinds out.
        assertEquals(
            listOf(ApplicationKind.INDIVIDUAL_ORDINARY, ApplicationKind.INDIVIDUAL_NEV),
            dashboard.applicationKinds,
        )
        val cached: Dashboard = a.dashboard()
        assertEquals(dashboard.refreshedAt, cached.refreshedAt)
        assertEquals(dashboard.applications, cached.applications)
        a.refreshCalendar()
        val events: List<Event> = a.calendar(beijingDate(period.drawAt), beijingDate(period.publishAt))
        val draw = events.single { it.kind == EventKind.DRAW }
        assertTrue(draw.announced)
        assertEquals(period.drawAt, draw.at)
        val home: Dashboard = a.dashboard()
        val upcoming: List<UpcomingEvent> = home.nextEvents
        assertTrue(upcoming.isNotEmpty())
        assertTrue(upcoming.all { it.countdownSeconds >= 0 })
        // The approved application is in the pool (active, no longer pending): its reminders are
        // the announced draw day's, and none warns of the application cut-off.
        val reminders: List<Reminder> = home.reminders
        assertTrue(reminders.isNotEmpty())
        assertTrue(reminders.toString(), reminders.any {
            it.kind == ReminderKind.DRAW_DAY && it.deepLink == "yaohao://calendar/${beijingDate(period.drawAt)}"
        })
        assertTrue(reminders.toString(), reminders.none { it.kind == ReminderKind.CUTOFF_SOON })
        val plan: ReminderPlan = a.reminderPlan()
        assertEquals(reminders.map { it.id }, plan.schedule.map { it.id })
        assertTrue(plan.schedule.all { it.kind is ReminderKind })
        // Planned again, nothing is cancelled: the ids are stable.
        assertTrue(a.reminderPlan().cancel.isEmpty())

        // Inside the data freeze queries pause until its end; nothing is published yet.
        portal.moveTo(period.freezeFrom.plusSeconds(3600))
        portal.login(a, ID_A, MOBILE_A)
        assertFailsWith<YaohaoException.DataFreeze>("results were queried during the freeze") {
            a.myResults()
        }.let { e ->
            assertEquals(period.freezeUntil, e.until)
        }
        assertTrue(a.checkResults(periodId, null).isEmpty())

        // After publication: each code is notified exactly once, however often it is checked.
        portal.moveTo(period.publishAt.plusSeconds(60))
        portal.login(a, ID_A, MOBILE_A)
        portal.login(b, ID_B, MOBILE_B)
        val forA: List<ResultNotification> = a.checkPublishedResults(null)
        assertEquals(listOf(appA.code), forA.map { it.outcome.code })
        assertTrue(a.checkPublishedResults(null).isEmpty())
        val forB = b.checkResults(periodId, CancelToken())
        assertEquals(listOf(appB.code), forB.map { it.outcome.code })
        assertTrue(b.checkResults(periodId, null).isEmpty())
        val outcomes: List<ResultOutcome> = forA.map { it.outcome } + forB.map { it.outcome }
        assertEquals(1, outcomes.count { it.won })
        assertTrue(outcomes.all { it.verified && it.period == periodId })
        assertEquals(forA.single().outcome, a.dashboard().latestResults.single().outcome)
        val mine: List<PeriodResult> = a.myResults()
        assertEquals(periodId, mine.single().period)
        assertEquals(if (forA.single().outcome.won) PeriodOutcome.Won else PeriodOutcome.NotWon, mine.single().outcome)

        val (winner, loser) = if (forA.single().outcome.won) a to b else b to a
        // The loser's card: one unsuccessful draw, and the next draw's ladder weight.
        loser.refresh(null)
        val lost: NotWonResult = loser.dashboard().latestResults.single().notWon!!
        assertEquals(1u, lost.drawCount)
        assertEquals(1u, lost.nextWeight)
        val loserApp = if (winner === a) appB else appA
        val quota: Quota = winner.quotas().single()
        assertEquals(QuotaStatus.PendingConfirmation, quota.status)
        assertEquals(QuotaStatus.Confirmed, winner.confirmQuota(quota.id).single().status)
        // 继续参与 in December keeps the loser's application; the clean-up two years on removes it
        // all the same (it was not continued in the December before), and it can be reactivated.
        assertEquals(ApplicationStatus.Approved, loser.continueApplication(loserApp.id).status)
        portal.moveTo(Instant.parse("2029-01-01T01:00:00Z"))
        portal.login(loser, if (loser === a) ID_A else ID_B, if (loser === a) MOBILE_A else MOBILE_B)
        assertEquals(ApplicationStatus.Removed, loser.refresh(null).applications.single().application.status)
        val reactivated = loser.reactivateApplication(loserApp.id)
        assertEquals(ApplicationStatus.UnderReview, reactivated.status)
        assertEquals(loserApp.code, reactivated.code)
        assertEquals(listOf(ApplicationStatus.UnderReview), loser.dashboard().applications.map { it.application.status })
        assertEquals(reactivated, loser.application(loserApp.id).application)
    }

    companion object {
        const val ID_A = "110106197509090098"
        const val MOBILE_A = "13800138301"
        const val ID_B = "110106197610100107"
        const val MOBILE_B = "13800138302"
    }
}
