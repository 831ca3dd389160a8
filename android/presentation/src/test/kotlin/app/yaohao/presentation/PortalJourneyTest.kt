package app.yaohao.presentation

import app.yaohao.core.DocumentKind
import app.yaohao.core.SecretStore
import app.yaohao.core.Yaohao
import app.yaohao.presentation.announcements.AnnouncementsModel
import app.yaohao.presentation.dashboard.DashboardModel
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import app.yaohao.presentation.form.ApplicationFormModel
import app.yaohao.presentation.model.FfiYaohaoClient
import app.yaohao.presentation.model.PortalApplicationKind
import app.yaohao.presentation.push.ResultPush
import app.yaohao.presentation.reminders.RemindersModel
import app.yaohao.presentation.results.ResultCard
import app.yaohao.presentation.results.ResultsModel
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInMode
import app.yaohao.presentation.signin.SignInModel
import kotlinx.coroutines.CoroutineScope
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.nio.file.Files
import java.time.Instant
import app.yaohao.core.Clock as CoreClock
import app.yaohao.core.Lang as CoreLang

/** The app's secret store kept in memory, as the Keystore store would keep it. */
class MemorySecrets : SecretStore {
    val values = mutableMapOf<String, String>()

    override fun get(key: String): String? = synchronized(values) { values[key] }

    override fun set(key: String, value: String) {
        synchronized(values) { values[key] = value }
    }

    override fun delete(key: String) {
        synchronized(values) { values.remove(key) }
    }
}

/** The state holders over the real facade talking to a real portal. */
class PortalJourneyTest {
    private val secrets = MemorySecrets()

    private fun client(portal: TestPortal): FfiYaohaoClient {
        val dir = Files.createTempDirectory("yaohao-app").toFile()
        dir.deleteOnExit()
        val clock = object : CoreClock {
            override fun now(): Instant = Instant.parse(TestPortal.START)
        }
        return FfiYaohaoClient(Yaohao.withClock(portal.url, dir.path, CoreLang.ZH, secrets, clock))
    }

    /** Registers and signs in through the sign-in screen's model. */
    private suspend fun signIn(portal: TestPortal, client: FfiYaohaoClient, scope: CoroutineScope) {
        portal.makeEligible(ID, LICENCE_FILE)
        val model = SignInModel(client, scope, Clock { Instant.parse(TestPortal.START) })
        model.setMode(SignInMode.REGISTER)
        model.edit(SignInField.RESIDENT_ID, ID)
        model.edit(SignInField.NAME, NAME)
        model.edit(SignInField.MOBILE, MOBILE)
        model.edit(SignInField.PASSWORD, PASSWORD)
        portal.advance(61)
        model.requestCode().join()
        model.edit(SignInField.SMS_CODE, portal.lastCode(MOBILE))
        model.submit().join()
        assertNull(model.state.value.error)
        assertTrue(model.state.value.registered)
        portal.advance(61)
        model.requestCode().join()
        model.edit(SignInField.SMS_CODE, portal.lastCode(MOBILE))
        model.submit().join()
        assertNull(model.state.value.error)
        assertEquals(NAME, model.state.value.account?.name)
        assertTrue(secrets.values.isNotEmpty())
    }

    @Test
    fun registerSignInApplyDrawNotifyOnceAndConfirm() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val client = client(portal)
            signIn(portal, client, scope)

            val draft = client.createDraft(PortalApplicationKind.INDIVIDUAL_ORDINARY)
            val form = ApplicationFormModel(client, scope)
            form.open(draft.localId).join()
            form.setLicenceFile(ID)
            assertEquals("licence_file_is_licence_number", form.state.value.problems.getValue("licence_file").first().code)
            form.setLicenceFile(LICENCE_FILE)
            form.setAddress(ADDRESS)
            form.preview().join()
            val missing = form.state.value.preview?.missingDocuments.orEmpty()
            assertTrue(missing.isNotEmpty())

            val photo = repoFile("tests/fixtures/photos/licence.jpg").readBytes()
            for (kind in listOf(DocumentKind.ID_CARD_FRONT, DocumentKind.ID_CARD_BACK, DocumentKind.DRIVING_LICENCE)) {
                val capture = DocumentCaptureModel(client, scope, draft.localId, kind)
                capture.onPhoto(photo).join()
                capture.upload().join()
                assertTrue("$kind: ${capture.state.value}", capture.state.value is CaptureState.Done)
            }
            form.preview().join()
            val preview = form.state.value.preview
            assertNotNull(preview)
            assertTrue("not ready: $preview", preview!!.ready)
            form.submit().join()
            val code = form.state.value.submitted?.code
            assertEquals(13, code?.length)

            portal.review()
            val period = portal.runPeriod(1, "123456")
            // The home screen refreshes; then the push names the period and the core notifies once.
            val home = DashboardModel(client, scope, Clock { Instant.parse(TestPortal.START) })
            home.load().join()
            assertNull(home.state.value.error)
            assertEquals("won", home.state.value.dashboard?.applications?.single()?.status)
            val push = ResultPush(client)
            val shown = push.onMessage(mapOf("type" to "results", "period" to period), Lang.ZH)
            assertEquals(listOf("result:$period:$code"), shown.map { it.id })
            assertTrue(shown.single().body.contains(code!!))
            assertTrue(push.onMessage(mapOf("type" to "results", "period" to period), Lang.ZH).isEmpty())

            val results = ResultsModel(client, scope, Clock { Instant.parse(TestPortal.START) })
            results.check().join()
            assertNull(results.state.value.error)
            results.load().join()
            val card = results.state.value.cards.single()
            assertEquals(code, card.outcome.code)
            assertTrue(card.outcome.verified)
            val won = card as ResultCard.Won
            assertTrue(won.canConfirm)
            results.confirm(won.quota!!.id).join()
            assertEquals("confirmed", (results.state.value.cards.single() as ResultCard.Won).quota?.status)

            val scheduler = MemoryScheduler()
            val reminders = RemindersModel(client, scheduler, scope)
            reminders.sync().join()
            assertNull(reminders.state.value.error)
            assertEquals(reminders.state.value.reminders.map { it.id }.toSet(), scheduler.scheduled.keys)

            val news = AnnouncementsModel(client, scope)
            news.load().join()
            assertNull(news.state.value.error)
        }
    }

    /** The applicant the portal tests register (the screens' tests too). */
    companion object {
        const val ID = "110105199001011232"
        const val NAME = "张三"
        const val MOBILE = "13800138000"
        const val PASSWORD = "Secret123"
        const val LICENCE_FILE = "110000123456"
        const val ADDRESS = "北京市海淀区中关村大街1号院2号楼"
    }
}
