package app.yaohao.presentation

import app.yaohao.core.ActionKind
import app.yaohao.core.ApplicationStatus
import app.yaohao.core.MaritalChangeStatus
import app.yaohao.core.MaritalStatus
import app.yaohao.core.PeriodOutcome
import app.yaohao.core.QuotaStatus
import app.yaohao.presentation.account.AccountModel
import app.yaohao.presentation.announcements.AnnouncementsModel
import app.yaohao.presentation.application.ApplicationDetailModel
import app.yaohao.presentation.calendar.CalendarModel
import app.yaohao.presentation.dashboard.DashboardModel
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.push.ResultPush
import app.yaohao.presentation.reminders.RemindersModel
import app.yaohao.presentation.results.ResultsModel
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInMode
import app.yaohao.presentation.signin.SignInModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** The state holders over the real facade talking to a real portal. */
class PortalJourneyTest {
    private val clock = Clock { Instant.parse(TestPortal.START) }

    @Test
    fun applyDrawFindTheResultWithoutAPushAndConfirm() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            val tokens = FakePushTokens()
            signIn(portal, yaohao, scope, pushes(yaohao, tokens))
            assertEquals("the push token is sent right after login", 1, tokens.asked)
            val code = apply(yaohao, scope)
            assertEquals(13, code.length)
            portal.review()

            // The home screen refreshes; the core now plans draw-day checks for the approved code.
            val home = DashboardModel(yaohao, scope)
            home.load().join()
            assertNull(home.state.value.error)
            assertEquals(0u, home.state.value.lastSync?.pending)
            assertEquals(ApplicationStatus.Approved, home.state.value.dashboard?.applications?.single()?.application?.status)
            val jobs = FakeCheckJobs()
            val planned = DrawDayChecks(yaohao, jobs).plan()
            assertTrue("no draw-day check planned", planned.isNotEmpty())
            assertEquals(planned.map { it.id }, jobs.jobs.keys.toList())

            // No push arrives: the draw-day job finds the result, and a later push repeats nothing.
            val period = portal.runPeriod(1, "123456")
            val push = ResultPush(yaohao)
            val found = push.checkPublished(Lang.ZH)
            assertEquals(listOf("result:$period:$code"), found.map { it.id })
            assertTrue(found.single().body.contains(code))
            assertTrue(push.onMessage(mapOf("type" to "results", "period" to period), Lang.ZH).isEmpty())

            // The won card offers the confirmation the core allows, with its deadline.
            val results = ResultsModel(yaohao, scope)
            results.load().join()
            assertNull(results.state.value.error)
            assertEquals(PeriodOutcome.Won, results.state.value.history.single { it.code == code }.outcome)
            assertTrue(results.state.value.periods.any { it.id == period && it.publishedAt != null })
            val card = results.state.value.cards.single()
            assertEquals(code, card.outcome.code)
            assertTrue(card.outcome.verified)
            val won = card.won ?: error("not a won card: $card")
            val confirm = won.actions.single { it.kind == ActionKind.CONFIRM }
            assertTrue(confirm.allowed)
            assertNotNull(confirm.deadline)
            results.confirm(won.quota!!.id).join()
            assertNull(results.state.value.error)
            val after = results.state.value.cards.single().won!!
            assertEquals(QuotaStatus.Confirmed, after.quota?.status)
            assertFalse(after.actions.any { it.kind == ActionKind.CONFIRM && it.allowed })
            val account = AccountModel(yaohao, MemoryScheduler(), scope, clock)
            account.load().join()
            assertNull(account.state.value.error)
            assertEquals(listOf(QuotaStatus.Confirmed), account.state.value.quotas.map { it.status })

            val scheduler = MemoryScheduler()
            val reminders = RemindersModel(yaohao, scheduler, scope)
            reminders.sync().join()
            assertNull(reminders.state.value.error)
            assertEquals(reminders.state.value.scheduled.toSet(), scheduler.scheduled.keys)

            val news = AnnouncementsModel(yaohao, scope)
            news.load().join()
            assertNull(news.state.value.error)

            val calendar = CalendarModel(yaohao, scope, clock)
            calendar.load().join()
            assertNull(calendar.state.value.error)
            assertTrue(calendar.state.value.events.isNotEmpty())
            assertTrue(calendar.state.value.events.all { it.date >= "2026-03-01" })
        }
    }

    @Test
    fun aRejectedApplicationShowsItsReasonsAndIsEditedAsTheCoreAllows() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope, eligible = false)
            apply(yaohao, scope)
            portal.review()
            val home = DashboardModel(yaohao, scope)
            home.load().join()
            val card = home.state.value.dashboard!!.applications.single()
            assertEquals(ApplicationStatus.Rejected, card.application.status)

            val detail = ApplicationDetailModel(yaohao, scope, card.application.id)
            detail.load().join()
            assertNull(detail.state.value.error)
            assertTrue(detail.state.value.detail!!.application.rejectionReasons.isNotEmpty())
            val allowed = detail.state.value.card!!.actions.filter { it.allowed }.map { it.kind }
            val edit = allowed.first { it == ActionKind.RESUBMIT || it == ActionKind.EDIT }
            detail.perform(edit).join()
            assertNull(detail.state.value.error)
            val draft = yaohao.draft(detail.state.value.openDraft ?: error("no draft opened"))
            assertEquals(card.application.id, draft.applicationId)

            home.discardDraft(draft.localId).join()
            assertNull(home.state.value.error)
            assertFalse(home.state.value.dashboard!!.drafts.any { it.localId == draft.localId })
        }
    }

    @Test
    fun theAccountChangesItsMobileAndMaritalStatusAndLogsOut() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope)
            yaohao.refresh(null)
            val account = AccountModel(yaohao, MemoryScheduler(), scope, clock)
            account.load().join()
            assertNull(account.state.value.error)
            assertEquals(Applicant.ID, account.state.value.card?.account?.residentId)
            assertFalse(account.state.value.card!!.residentIdMasked.contains(Applicant.ID))

            val newMobile = "13900139000"
            account.editMobile("139").join()
            assertTrue(account.state.value.mobileProblems.isNotEmpty())
            account.editMobile(newMobile).join()
            assertTrue(account.state.value.mobileProblems.isEmpty())
            portal.advance(61)
            account.requestMobileCodes().join()
            assertNull(account.state.value.error)
            assertNotNull(account.state.value.resendAt)
            account.changeMobile(portal.lastCode(Applicant.MOBILE), portal.lastCode(newMobile)).join()
            assertNull(account.state.value.error)
            assertEquals(newMobile, account.state.value.card?.account?.mobile)

            val certificate = repoFile("tests/fixtures/photos/licence.jpg").readBytes()
            account.requestMaritalChange(MaritalStatus.MARRIED, certificate).join()
            assertNull(account.state.value.error)
            assertEquals(MaritalChangeStatus.Pending, account.state.value.maritalChange?.status)
            account.load().join()
            assertEquals(MaritalStatus.MARRIED, account.state.value.maritalChange?.requestedStatus)

            account.logout().join()
            assertTrue(account.state.value.signedOut)
            assertFalse(yaohao.isLoggedIn())
        }
    }

    @Test
    fun aForgottenPasswordIsResetWithAnSmsCode() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope)
            yaohao.logout()
            val model = SignInModel(yaohao, pushes(yaohao), scope, clock)
            model.setMode(SignInMode.RESET_PASSWORD)
            model.edit(SignInField.RESIDENT_ID, Applicant.ID)
            model.edit(SignInField.MOBILE, Applicant.MOBILE)
            model.edit(SignInField.PASSWORD, "Another456")
            portal.advance(61)
            model.requestCode().join()
            assertNull(model.state.value.error)
            model.edit(SignInField.SMS_CODE, portal.lastCode(Applicant.MOBILE))
            model.submit().join()
            assertNull(model.state.value.error)
            assertTrue(model.state.value.passwordReset)
            assertEquals(SignInMode.LOGIN, model.state.value.mode)
            portal.advance(61)
            model.requestCode().join()
            model.edit(SignInField.SMS_CODE, portal.lastCode(Applicant.MOBILE))
            model.submit().join()
            assertNull(model.state.value.error)
            assertEquals(Applicant.NAME, model.state.value.account?.name)
        }
    }
}
