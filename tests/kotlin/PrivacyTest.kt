package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files
import kotlin.test.assertFailsWith

/** Withdrawal, the data export and account deletion through the facade against a real portal. */
class PrivacyTest : PortalTest() {
    private val photo = File("tests/fixtures/photos/licence.jpg").readBytes()

    private fun app(): Yaohao =
        Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, MemorySecretStore())

    @Test
    fun aSubmittedApplicationIsWithdrawnWhenTheCoreAllowsIt() = runBlocking {
        val app = app()
        portal.registerAndLogin(app, ID_WITHDRAW, MOBILE_WITHDRAW)
        portal.makeEligible(ID_WITHDRAW, PortalProcess.LICENCE_FILE)
        val submitted = portal.submitApplication(app, photo)
        val offered = app.refresh(null).applications.single().actions.single { it.kind == ActionKind.WITHDRAW }
        assertTrue(offered.allowed)
        assertEquals("撤回申请", offered.label.zh)
        val withdrawn: Application = app.withdrawApplication(submitted.id)
        assertEquals(ApplicationStatus.Withdrawn, withdrawn.status)
        assertEquals(submitted.code, withdrawn.code)
        val card = app.dashboard().applications.single()
        assertEquals("已撤回", card.statusLabel.zh)
        assertTrue("a withdrawn application offers nothing", card.actions.isEmpty())
        assertFailsWith<YaohaoException.InvalidInput>("withdrawn twice") {
            app.withdrawApplication(submitted.id)
        }.let { assertEquals("invalid_state", it.code) }
    }

    @Test
    fun theExportIsUnmaskedAndDeletionForgetsEverything() = runBlocking {
        val app = app()
        portal.registerAndLogin(app, ID_DELETE, MOBILE_DELETE)
        portal.makeEligible(ID_DELETE, PortalProcess.LICENCE_FILE)
        portal.submitApplication(app, photo)
        app.createDraft(ApplicationKind.INDIVIDUAL_NEV)
        val export: String = app.exportData()
        assertTrue(export.contains("\"resident_id\": \"$ID_DELETE\""))
        assertTrue(export.contains("\"mobile\": \"$MOBILE_DELETE\""))
        assertTrue(export.contains(PortalProcess.ADDRESS))
        val account = app.refresh(null).account!!
        assertTrue(account.actions.single { it.kind == ActionKind.DELETE_ACCOUNT }.allowed)
        assertFailsWith<YaohaoException.InvalidInput>("a wrong password deleted the account") {
            app.deleteAccount("Wrong9876")
        }.let { assertEquals("password", it.field) }
        assertTrue(app.isLoggedIn())
        app.deleteAccount(PortalProcess.PASSWORD)
        assertFalse(app.isLoggedIn())
        val left = app.dashboard()
        assertNull(left.account)
        assertTrue(left.applications.isEmpty())
        assertTrue("drafts are personal too", left.drafts.isEmpty())
        // The ID number may register again.
        portal.registerAndLogin(app, ID_DELETE, MOBILE_DELETE)
        assertTrue(app.refresh(null).applications.isEmpty())
    }

    companion object {
        const val ID_WITHDRAW = "110102198808080112"
        const val MOBILE_WITHDRAW = "13800138201"
        const val ID_DELETE = "110108199303030227"
        const val MOBILE_DELETE = "13800138202"
    }
}
