package app.yaohao.presentation.push

import app.yaohao.core.WebPushKeys

/**
 * What the UnifiedPush connector hands the app, turned into what the rest of the app uses: a new
 * endpoint into the `web_push` token the portal registers, a push message into the payload of
 * [ResultPush.onMessage] (the same path as FCM's). The Android service around it stays thin.
 */
object UnifiedPushMessages {
    /** The portal's name of the Web Push provider. */
    const val WEB_PUSH = "web_push"

    private val PERIOD = Regex("\"period\"\\s*:\\s*\"(\\d{6})\"")

    /** An uncompressed P-256 point in unpadded base64url, the form the connector accepts. */
    private val VAPID = Regex("^[A-Za-z0-9_-]{87}$")

    /**
     * The portal's VAPID public key (`GET /v1/push/vapid`, given to the build) to subscribe with;
     * null when the build has none or it is malformed (the distributor then subscribes without one).
     */
    fun vapid(key: String): String? = key.trim().takeIf { VAPID.matches(it) }

    /**
     * The token registering [url] with its subscription's keys ([p256dh], [auth]: base64url, as the
     * connector's `PublicKeySet` gives them); null when the distributor gave no keys (the portal
     * only sends encrypted messages) or the endpoint is not `https://` (the portal refuses it).
     */
    fun token(url: String, p256dh: String?, auth: String?): PushToken? {
        val endpoint = url.trim()
        if (!endpoint.startsWith("https://") || endpoint.length == "https://".length) return null
        val key = p256dh?.trim()?.trimEnd('=').orEmpty()
        val secret = auth?.trim()?.trimEnd('=').orEmpty()
        if (key.isEmpty() || secret.isEmpty()) return null
        return PushToken(WEB_PUSH, endpoint, WebPushKeys(key, secret))
    }

    /**
     * The [ResultPush.onMessage] payload of a push message: the portal sends a `PushNotification`
     * (JSON) whose `period` says which published list to check; the core's verified check, not the
     * push, decides what is shown. A message the connector could not decrypt, or without a period,
     * asks for every published period.
     */
    fun resultData(content: ByteArray, decrypted: Boolean): Map<String, String> {
        val period = if (decrypted) PERIOD.find(content.toString(Charsets.UTF_8))?.groupValues?.get(1) else null
        return buildMap {
            put(ResultPush.TYPE, ResultPush.RESULTS)
            if (period != null) put(ResultPush.PERIOD, period)
        }
    }
}
