package app.yaohao.app

import android.app.Application
import app.yaohao.app.platform.Notifications
import app.yaohao.app.platform.ScheduleWorker
import app.yaohao.app.platform.TokenWorker
import com.google.firebase.FirebaseApp
import com.google.firebase.messaging.FirebaseMessaging

/** Creates the graph and the channels, starts the schedule, registers the push token. */
class YaohaoApplication : Application() {
    /** The app's single instances. */
    lateinit var graph: AppGraph
        private set

    override fun onCreate() {
        super.onCreate()
        graph = AppGraph(this)
        Notifications.createChannels(this)
        ScheduleWorker.start(this)
        // Firebase is optional in development builds (no google-services.json).
        if (FirebaseApp.getApps(this).isNotEmpty()) {
            FirebaseMessaging.getInstance().token.addOnSuccessListener { token ->
                TokenWorker.register(this, token)
            }
        }
    }
}
