package app.yaohao.presentation

import java.net.URI

/** The screens a notification can open. */
enum class Destination {
    HOME,
    RESULTS,
    REMINDERS,
    ANNOUNCEMENTS,
    SETTINGS,
}

/** Where the core's deep links (`yaohao://results/...`, `yaohao://quota/...`, ...) lead. */
object DeepLinks {
    /** The screen of [link]; home for anything unknown or malformed. */
    fun destination(link: String): Destination {
        val uri = runCatching { URI(link) }.getOrNull() ?: return Destination.HOME
        if (uri.scheme != "yaohao") return Destination.HOME
        return when (uri.host) {
            "results", "quota" -> Destination.RESULTS
            "profile" -> Destination.REMINDERS
            "announcements" -> Destination.ANNOUNCEMENTS
            "settings" -> Destination.SETTINGS
            "reminders" -> Destination.REMINDERS
            else -> Destination.HOME
        }
    }
}
