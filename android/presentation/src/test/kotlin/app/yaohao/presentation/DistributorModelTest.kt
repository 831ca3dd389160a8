package app.yaohao.presentation

import app.yaohao.presentation.push.DistributorModel
import app.yaohao.presentation.push.FallbackPushTokens
import app.yaohao.presentation.push.PushTokens
import app.yaohao.presentation.push.Distributors
import app.yaohao.presentation.push.UnifiedPushMessages
import app.yaohao.presentation.settings.Settings
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test

/** The connector's distributors on a phone, as the fake sees them. */
class FakeDistributors(var installed: List<String> = emptyList(), var saved: String? = null) : Distributors {
    val used = mutableListOf<String>()
    var stopped = 0

    override fun installed() = installed

    override fun saved() = saved

    override fun use(distributor: String) {
        used += distributor
        saved = distributor
    }

    override fun stop() {
        stopped++
        saved = null
    }
}

/** Settings → push service: the UnifiedPush distributor picker. */
class DistributorModelTest {
    @Test
    fun nothingIsOfferedBeforeConsent() = modelTest { scope ->
        val distributors = FakeDistributors(listOf(NTFY))
        var resent = 0
        val model = DistributorModel(distributors, MemorySettings(Settings(consented = false)), { resent++; true }, scope)
        model.load().join()
        assertTrue(model.state.value.loaded)
        assertFalse(model.state.value.consented)
        assertTrue(model.state.value.installed.isEmpty())
        model.choose(NTFY).join()
        model.none().join()
        assertTrue(distributors.used.isEmpty())
        assertEquals(0, distributors.stopped)
        assertEquals(0, resent)
    }

    @Test
    fun noDistributorInstalledLeavesFcmAndTheDrawDayCheck() = modelTest { scope ->
        val model = DistributorModel(FakeDistributors(), MemorySettings(Settings(consented = true)), { true }, scope)
        model.load().join()
        val state = model.state.value
        assertTrue(state.consented)
        assertTrue(state.installed.isEmpty())
        assertNull(state.chosen)
        assertNull(state.uninstalled)
    }

    @Test
    fun choosingADistributorSavesItAndSendsTheTokenAgain() = modelTest { scope ->
        val distributors = FakeDistributors(listOf(NTFY, NEXTPUSH))
        var resent = 0
        val model = DistributorModel(distributors, MemorySettings(Settings(consented = true)), { resent++; true }, scope)
        model.load().join()
        assertEquals(listOf(NTFY, NEXTPUSH), model.state.value.installed)
        assertNull(model.state.value.chosen)
        model.choose(NEXTPUSH).join()
        assertEquals(listOf(NEXTPUSH), distributors.used)
        assertEquals(NEXTPUSH, model.state.value.chosen)
        assertEquals(1, resent)
        // Read again (the screen comes back): the saved choice is shown.
        val again = DistributorModel(distributors, MemorySettings(Settings(consented = true)), { true }, scope)
        again.load().join()
        assertEquals(NEXTPUSH, again.state.value.chosen)
        // A package that is not installed is not used.
        model.choose("org.example.gone").join()
        assertEquals(listOf(NEXTPUSH), distributors.used)
        // None: FCM only; the subscription is dropped and the token sent again.
        model.none().join()
        assertEquals(1, distributors.stopped)
        assertNull(model.state.value.chosen)
        assertEquals(2, resent)
    }

    @Test
    fun aSavedDistributorThatWasUninstalledIsSaidAsSuch() = modelTest { scope ->
        val distributors = FakeDistributors(listOf(NTFY), saved = NEXTPUSH)
        val model = DistributorModel(distributors, MemorySettings(Settings(consented = true)), { true }, scope)
        model.load().join()
        assertNull(model.state.value.chosen)
        assertEquals(NEXTPUSH, model.state.value.uninstalled)
        model.choose(NTFY).join()
        assertEquals(NTFY, model.state.value.chosen)
        assertNull(model.state.value.uninstalled)
    }

    @Test
    fun theChoiceReachesThePortalAsAWebPushDevice() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            val distributors = FakeDistributors(listOf(NTFY))
            // The distributor's endpoint once subscribed, else FCM's token: what was sent, in order.
            val sent = mutableListOf<String>()
            val unified = PushTokens {
                if (distributors.saved != null) UnifiedPushMessages.token(ENDPOINT, P256DH, AUTH) else null
            }
            val recorded = PushTokens { FallbackPushTokens(unified, FakePushTokens()).current()?.also { sent += it.provider } }
            val registration = pushes(yaohao, recorded)
            signIn(portal, yaohao, scope, registration)
            assertEquals(listOf("fcm"), sent)
            val model = DistributorModel(distributors, MemorySettings(Settings(consented = true)), registration::register, scope)
            model.load().join()
            model.choose(NTFY).join()
            // The real portal took the subscription (its keys checked) as a `web_push` device.
            assertNull(model.state.value.error)
            assertEquals(listOf("fcm", "web_push"), sent)
            model.none().join()
            assertNull(model.state.value.error)
            assertEquals(listOf("fcm", "web_push", "fcm"), sent)
        }
    }

    private companion object {
        const val NTFY = "io.heckel.ntfy"
        const val NEXTPUSH = "org.unifiedpush.distributor.nextpush"
    }
}
