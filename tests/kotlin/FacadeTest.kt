package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files
import java.util.concurrent.ConcurrentHashMap
import kotlin.test.assertFailsWith

/** The platform vault, kept in memory, recording which threads Rust called it from. */
class MemorySecretStore : SecretStore {
    val values = ConcurrentHashMap<String, String>()
    val threads: MutableSet<String> = ConcurrentHashMap.newKeySet()

    override fun get(key: String): String? = values[key].also { threads += systemThreadName() }
    override fun set(key: String, value: String) {
        threads += systemThreadName()
        values[key] = value
    }
    override fun delete(key: String) {
        values.remove(key)
    }
}

/** The `Yaohao` facade through the real library against a real portal process. */
class FacadeTest : PortalTest() {
    private val photo = File("tests/fixtures/photos/licence.jpg").readBytes()

    private fun app(store: SecretStore = MemorySecretStore(), dir: String = Files.createTempDirectory("yaohao-app").toString()): Yaohao =
        Yaohao(portal.baseUrl, dir, Lang.ZH, store)

    @Test
    fun applicantJourneyThroughTheFacade() = runBlocking {
        val store = MemorySecretStore()
        val dir = Files.createTempDirectory("yaohao-app").toString()
        val app = app(store, dir)
        assertFalse(app.isLoggedIn())
        // Driven from a worker coroutine; Rust calls the Kotlin vault from the core's own threads.
        withContext(Dispatchers.Default) { portal.registerAndLogin(app, ID_A, "13800138001") }
        assertTrue(app.isLoggedIn())
        // The session token lives only in the app's vault.
        assertEquals(1, store.values.size)
        assertEquals(setOf(CORE_THREAD), store.threads.toSet())
        assertEquals("张三", app.dashboard().account!!.account.name)

        val draft = app.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY)
        // The deliberate mistake: the licence number (= ID number) typed as the file number.
        app.saveDraft(draft.localId, ApplicationForm(ID_A, "北京市海淀区中关村大街1号院2号楼", false, null))
        val preview = app.preview(draft.localId)
        assertFalse(preview.ready)
        val licence = preview.checks.single { it.field == "licence_file" }
        assertEquals("licence_file_is_licence_number", licence.errors.single().code)

        app.saveDraft(draft.localId, ApplicationForm(LICENCE_FILE, "北京市海淀区中关村大街1号院2号楼", false, null))
        for (kind in listOf(DocumentKind.ID_CARD_FRONT, DocumentKind.ID_CARD_BACK, DocumentKind.DRIVING_LICENCE)) {
            app.addDocument(draft.localId, kind, photo)
        }
        assertTrue(app.preview(draft.localId).ready)
        val submitted = app.submit(draft.localId)
        assertEquals(13, submitted.code!!.length)
        assertEquals(ApplicationStatus.UnderReview, submitted.status)

        portal.makeEligible(ID_A, LICENCE_FILE)
        portal.review()
        val refreshed = app.refresh(null).applications.single().application
        assertEquals(ApplicationStatus.Approved, refreshed.status)
        // Refreshed again (conditional requests): the same application, from the portal and the cache.
        val dashboard = app.refresh(null)
        assertEquals(submitted.code, dashboard.applications.single().application.code)
        assertEquals(refreshed, app.application(submitted.id).application)
        assertTrue(dashboard.nextEvents.isNotEmpty())
        // The cache is sound: a second facade on the same directory reads back what was stored.
        val reopened = app(MemorySecretStore(), dir).use { it.dashboard() }
        assertEquals(dashboard.applications.map { it.application }, reopened.applications.map { it.application })
        assertEquals(dashboard.account!!.account, reopened.account!!.account)
        assertEquals(dashboard.refreshedAt, reopened.refreshedAt)

        app.logout()
        assertFalse(app.isLoggedIn())
        assertTrue(store.values.isEmpty())
        assertFailsWith<YaohaoException.AuthRequired>("a logged-out facade refreshed from the portal") {
            app.refresh(null)
        }.let { e ->
            assertTrue(e.messageZh.isNotEmpty())
        }
    }

    @Test
    fun aSecondLoginEndsTheFirstSession() = runBlocking {
        val phone = app()
        portal.registerAndLogin(phone, ID_B, "13800138002")
        val tablet = app()
        portal.login(tablet, ID_B, "13800138002")
        assertFailsWith<YaohaoException.LoggedInElsewhere>("the old session still worked") {
            phone.refresh(null)
        }.let { e ->
            assertTrue(e.messageEn.isNotEmpty())
        }
        assertEquals(ID_B, tablet.refresh(null).account!!.account.residentId)
    }

    @Test
    fun badInputIsInvalidInputWithItsField() = runBlocking {
        val app = app()
        assertFailsWith<YaohaoException.InvalidInput>("a 5-digit mobile was accepted") {
            app.requestSmsCode(SmsPurpose.REGISTER, "12345", null)
        }.let { e ->
            assertEquals("mobile", e.field)
        }
    }

    @Test
    fun cancelledCallsStopAndUnreachablePortalsAreNetworkErrors() = runBlocking {
        val token = CancelToken()
        token.cancel()
        assertTrue(token.isCancelled())
        assertFailsWith<YaohaoException.Cancelled>("a cancelled refresh ran") {
            app().refresh(token)
        }.let { e ->
            assertNotNull(e)
        }
        val closed = Yaohao("http://127.0.0.1:9", Files.createTempDirectory("yaohao-app").toString(), Lang.EN, MemorySecretStore())
        assertFailsWith<YaohaoException.Network>("an unreachable portal answered") {
            closed.requestSmsCode(SmsPurpose.REGISTER, "13800138009", null)
        }.let { e ->
            assertTrue(e.messageEn.isNotEmpty())
        }
    }

    @Test
    fun aThrowingSecretStoreIsAnErrorNotACrash() = runBlocking {
        val broken = object : SecretStore {
            override fun get(key: String): String? = throw SecretStoreException.Unavailable("keystore locked")
            override fun set(key: String, value: String) = throw IllegalStateException("boom")
            override fun delete(key: String) = Unit
        }
        assertFailsWith<YaohaoException.Other>("a locked vault was ignored") {
            app(broken).isLoggedIn()
        }.let { e ->
            assertTrue(e.messageEn, e.messageEn.contains("keystore locked"))
            assertTrue(e.messageZh.isNotEmpty())
        }
    }

    companion object {
        const val ID_A = "110105199001011232"
        const val ID_B = "11010519491231002X"
        const val LICENCE_FILE = PortalProcess.LICENCE_FILE
    }
}
