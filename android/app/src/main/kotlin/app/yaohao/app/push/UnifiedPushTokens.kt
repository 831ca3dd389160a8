package app.yaohao.app.push

import android.app.Activity
import android.content.Context
import app.yaohao.app.BuildConfig
import app.yaohao.presentation.push.PushToken
import app.yaohao.presentation.push.PushTokens
import app.yaohao.presentation.push.UnifiedPushMessages
import org.unifiedpush.android.connector.INSTANCE_DEFAULT
import org.unifiedpush.android.connector.UnifiedPush

/** The UnifiedPush endpoint the distributor last gave (app-private preferences); none until it gives one. */
class UnifiedPushTokens(context: Context) : PushTokens {
    private val prefs = context.getSharedPreferences("unifiedpush", Context.MODE_PRIVATE)

    override suspend fun current(): PushToken? =
        UnifiedPushMessages.token(prefs.getString(URL, null) ?: return null, prefs.getString(P256DH, null), prefs.getString(AUTH, null))

    /** Keeps [token] (a `web_push` token with its keys). */
    fun save(token: PushToken) {
        prefs.edit().putString(URL, token.token).putString(P256DH, token.keys?.p256dh).putString(AUTH, token.keys?.auth).apply()
    }

    /** Forgets the endpoint. */
    fun clear() {
        prefs.edit().clear().apply()
    }

    companion object {
        private const val URL = "endpoint"
        private const val P256DH = "p256dh"
        private const val AUTH = "auth"

        /**
         * After the consent: subscribes with the user's distributor, if one is installed (the saved one
         * or the system default), with the portal's VAPID key from the build (`-Pyaohao.vapid=`).
         */
        fun subscribe(activity: Activity) {
            UnifiedPush.tryUseCurrentOrDefaultDistributor(activity) { found ->
                if (found) {
                    UnifiedPush.register(activity, INSTANCE_DEFAULT, null, UnifiedPushMessages.vapid(BuildConfig.VAPID_PUBLIC_KEY))
                }
            }
        }
    }
}
