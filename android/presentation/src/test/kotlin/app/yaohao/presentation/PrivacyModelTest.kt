package app.yaohao.presentation

import app.yaohao.core.ActionKind
import app.yaohao.core.ApplicationStatus
import app.yaohao.core.MaritalChangeStatus
import app.yaohao.presentation.account.AccountModel
import app.yaohao.presentation.application.ApplicationDetailModel
import app.yaohao.presentation.dashboard.DashboardModel
import app.yaohao.presentation.reminders.RemindersModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** Withdrawal, the address change, the data export and account deletion through the state holders, against a real portal. */
class PrivacyModelTest {
    private val clock = Clock { Instant.parse(TestPortal.START) }

    @Test
    fun aSubmittedApplicationIsWithdrawnAsTheCoreAllows() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope)
            val code = apply(yaohao, scope)
            val home = DashboardModel(yaohao, scope)
            home.load().join()
            val card = home.state.value.dashboard!!.applications.single()
            val withdraw = card.actions.single { it.kind == ActionKind.WITHDRAW }
            assertTrue(withdraw.allowed)
            assertNotNull("withdrawing has a deadline (the next cut-off)", withdraw.deadline)

            val detail = ApplicationDetailModel(yaohao, scope, card.application.id)
            detail.load().join()
            detail.perform(ActionKind.WITHDRAW).join()
            assertNull(detail.state.value.error)
            assertNull("a withdrawal opens no draft", detail.state.value.openDraft)
            assertEquals(ApplicationStatus.Withdrawn, detail.state.value.detail?.application?.status)
            assertEquals(code, detail.state.value.detail?.application?.code)
            assertEquals("已撤回", detail.state.value.card?.statusLabel?.zh)
            assertTrue("a withdrawn application offers nothing", detail.state.value.card!!.actions.isEmpty())

            home.load().join()
            assertNull(home.state.value.error)
            assertTrue(home.state.value.dashboard!!.applications.single().actions.isEmpty())
        }
    }

    @Test
    fun theAddressChangesOnceApprovedCheckedAsTypedAndReviewed() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope)
            val account = AccountModel(yaohao, MemoryScheduler(), scope, clock)
            account.load().join()
            val early = account.state.value.card!!.actions.single { it.kind == ActionKind.CHANGE_ADDRESS }
            assertFalse("before approval the form is edited instead", early.allowed)
            assertEquals("no_approved_application", early.reason?.code)

            apply(yaohao, scope)
            portal.makeEligible(Applicant.ID, Applicant.LICENCE_FILE)
            portal.review()
            yaohao.refresh(null)
            account.load().join()
            assertTrue(account.state.value.card!!.actions.single { it.kind == ActionKind.CHANGE_ADDRESS }.allowed)

            // The core checks the address as typed.
            account.editAddress("北京西城区金融大街7号").join()
            assertEquals("address_city", account.state.value.addressProblems.first().code)
            val address = "北京市西城区金融大街7号英蓝国际中心1201"
            account.editAddress(address).join()
            assertTrue(account.state.value.addressProblems.isEmpty())
            val proof = repoFile("tests/fixtures/photos/licence.jpg").readBytes()
            account.requestAddressChange(proof).join()
            assertNull(account.state.value.error)
            assertEquals("", account.state.value.newAddress)
            val card = account.state.value.card!!
            assertEquals(address, card.addressChange?.requestedAddress)
            assertEquals(MaritalChangeStatus.Pending, card.addressChange?.status)
            assertEquals(
                "address_change_pending",
                card.actions.single { it.kind == ActionKind.CHANGE_ADDRESS }.reason?.code,
            )
        }
    }

    @Test
    fun theExportIsUnmaskedAndDeletionNeedsTheRightPassword() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope)
            apply(yaohao, scope)
            yaohao.refresh(null)
            val scheduler = MemoryScheduler()
            RemindersModel(yaohao, scheduler, scope).sync().join()
            val reminded = scheduler.scheduled.keys.toSet()
            assertTrue("the account has no reminder to forget", reminded.isNotEmpty())
            val account = AccountModel(yaohao, scheduler, scope, clock)
            account.load().join()
            assertFalse(account.state.value.card!!.residentIdMasked.contains(Applicant.ID))

            account.export().join()
            assertNull(account.state.value.error)
            val export = account.state.value.export ?: error("nothing exported")
            assertEquals("yaohao-export-2026-03-01.json", export.fileName)
            assertTrue(export.json, export.json.contains("\"resident_id\": \"${Applicant.ID}\""))
            assertTrue(export.json.contains("\"mobile\": \"${Applicant.MOBILE}\""))
            account.exportSaving()
            assertTrue(account.state.value.export!!.saving)
            account.exportFinished(saved = true)
            assertNull(account.state.value.export)
            assertEquals(true, account.state.value.exportSaved)

            val deletion = account.state.value.card!!.actions.single { it.kind == ActionKind.DELETE_ACCOUNT }
            assertTrue(deletion.allowed)
            account.deleteAccount("Wrong9876").join()
            assertNotNull("the wrong password is the password field's error", account.state.value.passwordError)
            assertFalse(account.state.value.signedOut)
            assertTrue("a wrong password keeps the session", yaohao.isLoggedIn())
            assertNotNull(yaohao.dashboard().account)
            assertEquals(reminded, scheduler.scheduled.keys)

            account.deleteAccount(Applicant.PASSWORD).join()
            assertNull(account.state.value.error)
            assertTrue(account.state.value.signedOut)
            assertFalse(yaohao.isLoggedIn())
            val left = yaohao.dashboard()
            assertNull(left.account)
            assertTrue(left.applications.isEmpty())
            assertTrue(left.drafts.isEmpty())
            assertTrue("the account's reminders are still set", scheduler.scheduled.isEmpty())

            // Home now offers sign-in.
            val home = DashboardModel(yaohao, scope)
            home.load().join()
            assertTrue(home.state.value.error?.needsSignIn == true)
        }
    }
}
