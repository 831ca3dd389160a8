package app.yaohao.presentation

import app.yaohao.core.YaohaoException
import app.yaohao.presentation.push.FallbackPushTokens
import app.yaohao.presentation.push.PushRegistration
import app.yaohao.presentation.push.PushToken
import app.yaohao.presentation.push.ResultPush
import app.yaohao.presentation.push.UnifiedPushMessages
import app.yaohao.presentation.settings.Settings
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/** UnifiedPush: the connector's endpoint and keys registered as a `web_push` device; its messages fed to the result check. */
class UnifiedPushTest {
    @Test
    fun anEndpointWithKeysIsAWebPushToken() {
        val token = UnifiedPushMessages.token(" $ENDPOINT ", "$P256DH=", AUTH)!!
        assertEquals("web_push", token.provider)
        assertEquals(ENDPOINT, token.token)
        assertEquals(P256DH, token.keys!!.p256dh)
        assertEquals(AUTH, token.keys!!.auth)
        assertNull("no keys: the portal only sends encrypted", UnifiedPushMessages.token(ENDPOINT, null, AUTH))
        assertNull(UnifiedPushMessages.token(ENDPOINT, P256DH, " "))
        assertNull("not https", UnifiedPushMessages.token("http://push.example.org/up/1", P256DH, AUTH))
        assertNull(UnifiedPushMessages.token("https://", P256DH, AUTH))
    }

    @Test
    fun onlyAWellFormedVapidKeyIsSubscribedWith() {
        assertEquals(P256DH, UnifiedPushMessages.vapid(" $P256DH\n"))
        assertNull("unset in the build", UnifiedPushMessages.vapid(""))
        assertNull("padded", UnifiedPushMessages.vapid("$P256DH="))
        assertNull("truncated", UnifiedPushMessages.vapid(P256DH.drop(1)))
    }

    @Test
    fun aMessageAsksForItsPeriodsResults() {
        val json = """{"idempotency_key":"result:202602:7","period":"202602","application_id":7,"won":true}"""
        assertEquals(
            mapOf(ResultPush.TYPE to ResultPush.RESULTS, ResultPush.PERIOD to "202602"),
            UnifiedPushMessages.resultData(json.toByteArray(), decrypted = true),
        )
        val everything = mapOf(ResultPush.TYPE to ResultPush.RESULTS)
        assertEquals(everything, UnifiedPushMessages.resultData(json.toByteArray(), decrypted = false))
        assertEquals(everything, UnifiedPushMessages.resultData("not json".toByteArray(), decrypted = true))
        assertEquals(everything, UnifiedPushMessages.resultData("""{"period":"2026"}""".toByteArray(), decrypted = true))
    }

    @Test
    fun theDistributorsTokenComesBeforeFcms() = modelTest {
        val fcm = FakePushTokens()
        val unified = FakePushTokens(UnifiedPushMessages.token(ENDPOINT, P256DH, AUTH))
        assertEquals("web_push", FallbackPushTokens(unified, fcm).current()!!.provider)
        assertEquals(0, fcm.asked)
        assertEquals("fcm", FallbackPushTokens(FakePushTokens(null), fcm).current()!!.provider)
        assertNull(FallbackPushTokens(FakePushTokens(null), FakePushTokens(null)).current())
    }

    @Test
    fun theSubscriptionIsRegisteredWithThePortalAndABadKeyIsNamed() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            val tokens = FakePushTokens(UnifiedPushMessages.token(ENDPOINT, P256DH, AUTH))
            val registration = pushes(yaohao, tokens)
            signIn(portal, yaohao, scope, registration)
            assertEquals("sent right after login", 1, tokens.asked)
            assertTrue(registration.register())

            val bad = PushToken("web_push", ENDPOINT, UnifiedPushMessages.token(ENDPOINT, P256DH, "c2hvcnQ")!!.keys)
            val refused = PushRegistration(yaohao, FakePushTokens(bad), MemorySettings(Settings(consented = true)))
            try {
                refused.register()
                fail("a short auth secret was accepted")
            } catch (e: YaohaoException.InvalidInput) {
                assertEquals("keys.auth", e.field)
            }
        }
    }
}
