package app.yaohao.app.push

import android.content.Context
import app.yaohao.app.BuildConfig
import app.yaohao.presentation.push.Distributors
import app.yaohao.presentation.push.UnifiedPushMessages
import org.unifiedpush.android.connector.INSTANCE_DEFAULT
import org.unifiedpush.android.connector.UnifiedPush

/**
 * The UnifiedPush connector's distributors. The user's choice is also kept here, because the
 * connector forgets a distributor once it is uninstalled and Settings should say that it was.
 */
class UnifiedPushDistributors(private val context: Context, private val tokens: UnifiedPushTokens) : Distributors {
    private val prefs = context.getSharedPreferences("unifiedpush-choice", Context.MODE_PRIVATE)

    override fun installed(): List<String> = UnifiedPush.getDistributors(context)

    override fun saved(): String? = prefs.getString(CHOSEN, null)

    override fun use(distributor: String) {
        UnifiedPush.saveDistributor(context, distributor)
        UnifiedPush.register(context, INSTANCE_DEFAULT, null, UnifiedPushMessages.vapid(BuildConfig.VAPID_PUBLIC_KEY))
        prefs.edit().putString(CHOSEN, distributor).apply()
    }

    override fun stop() {
        UnifiedPush.removeDistributor(context)
        tokens.clear()
        prefs.edit().remove(CHOSEN).apply()
    }

    private companion object {
        const val CHOSEN = "distributor"
    }
}
