package app.yaohao.app

import android.app.Application
import android.os.StrictMode
import app.yaohao.app.platform.Notifications
import app.yaohao.app.platform.ScheduleWorker
import app.yaohao.app.platform.TokenWorker

/** Creates the graph and the channels, starts the schedule, sends the push token (with consent). */
class YaohaoApplication : Application() {
    /** The app's single instances. */
    lateinit var graph: AppGraph
        private set

    override fun onCreate() {
        super.onCreate()
        if (BuildConfig.DEBUG) {
            // Debug builds flag disk and network work on the main thread (the core's calls suspend
            // and run on its own threads; images are decoded off the main thread).
            StrictMode.setThreadPolicy(StrictMode.ThreadPolicy.Builder().detectAll().penaltyLog().build())
        }
        graph = AppGraph(this)
        Notifications.createChannels(this)
        ScheduleWorker.start(this)
        // Sends nothing before the consent or without a session (PushRegistration checks both).
        TokenWorker.start(this)
    }
}
