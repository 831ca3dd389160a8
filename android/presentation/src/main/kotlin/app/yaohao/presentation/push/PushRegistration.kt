package app.yaohao.presentation.push

import app.yaohao.core.WebPushKeys
import app.yaohao.core.Yaohao
import app.yaohao.presentation.settings.SettingsStore

/**
 * A push token and the service that issued it (`fcm` or `web_push`, the portal's names); a Web
 * Push (UnifiedPush) token is the endpoint URL and comes with its subscription's [keys].
 */
data class PushToken(val provider: String, val token: String, val keys: WebPushKeys? = null)

/** The platform's push service (Firebase Cloud Messaging or a UnifiedPush distributor; tests fake it). */
fun interface PushTokens {
    /** This device's current token; null when the service is unavailable. */
    suspend fun current(): PushToken?
}

/**
 * The [first] service's token, else the [second]'s: a UnifiedPush distributor the user installed,
 * else FCM (absent on phones without Google services).
 */
class FallbackPushTokens(private val first: PushTokens, private val second: PushTokens) : PushTokens {
    override suspend fun current(): PushToken? = first.current() ?: second.current()
}

/**
 * Sends the push token to the portal: at launch, when the service issues a new one, and right after
 * login (before it, the portal has no account to attach it to). Nothing is sent without the user's
 * consent to the privacy policy or without a session.
 */
class PushRegistration(
    private val yaohao: Yaohao,
    private val tokens: PushTokens,
    private val settings: SettingsStore,
) {
    /** Registers the current token; returns whether one was sent. */
    suspend fun register(): Boolean {
        if (!settings.load().consented || !yaohao.isLoggedIn()) return false
        val token = tokens.current() ?: return false
        yaohao.registerDevice(token.provider, token.token, token.keys)
        return true
    }
}
