package app.yaohao.app.platform

import android.content.Context
import app.yaohao.presentation.push.PushToken
import app.yaohao.presentation.push.PushTokens
import app.yaohao.presentation.push.ResultPush
import com.google.firebase.FirebaseApp
import com.google.firebase.messaging.FirebaseMessaging
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume

/** The FCM token; none in development builds without `google-services.json` (Firebase not set up). */
class FirebaseTokens(private val context: Context) : PushTokens {
    override suspend fun current(): PushToken? {
        if (FirebaseApp.getApps(context).isEmpty()) return null
        val token = suspendCancellableCoroutine { done ->
            FirebaseMessaging.getInstance().token.addOnCompleteListener { task ->
                done.resume(if (task.isSuccessful) task.result else null)
            }
        }
        return token?.let { PushToken(ResultPush.FCM, it) }
    }
}
