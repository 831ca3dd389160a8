package app.yaohao.presentation.push

import app.yaohao.core.ResultNotification
import app.yaohao.core.Yaohao
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.Lang
import app.yaohao.presentation.pick
import app.yaohao.presentation.reminders.Channel
import app.yaohao.presentation.reminders.NotificationContent

/**
 * The results path shared by the push service and the draw-day worker: the payload only says
 * which period to check; the core fetches, verifies and matches the published list and hands out
 * each code's notification exactly once, whatever the number of pushes or retries.
 */
class ResultPush(private val yaohao: Yaohao) {

    /** The notifications to show, in [lang], for a push [data] payload; none for other payloads. */
    suspend fun onMessage(data: Map<String, String>, lang: Lang): List<NotificationContent> {
        if (data[TYPE] != RESULTS) return emptyList()
        refreshQuietly()
        val period = data[PERIOD]
        val found = if (period != null && PERIOD_FORMAT.matches(period)) {
            yaohao.checkResults(period, null)
        } else {
            yaohao.checkPublishedResults(null)
        }
        return found.map { it.content(lang) }
    }

    /** The draw-day check (WorkManager): every published period without a stored result. */
    suspend fun checkPublished(lang: Lang): List<NotificationContent> {
        refreshQuietly()
        return yaohao.checkPublishedResults(null).map { it.content(lang) }
    }

    /**
     * The core matches a result file once, against the codes its cache has in the pool, so the
     * cache is brought up to date first (an approval since the last refresh counts); offline, the
     * check still runs on what is cached.
     */
    private suspend fun refreshQuietly() {
        try {
            yaohao.refresh(null)
        } catch (offline: YaohaoException) {
            return
        }
    }

    companion object {
        /** The payload key naming the message type. */
        const val TYPE = "type"

        /** The portal's name of the push service this app uses. */
        const val FCM = "fcm"

        /** The type of a results message. */
        const val RESULTS = "results"

        /** The payload key of the period (year + draw sequence, e.g. `202606`). */
        const val PERIOD = "period"

        private val PERIOD_FORMAT = Regex("\\d{6}")
    }
}

/** The notification of a result in [lang]. */
fun ResultNotification.content(lang: Lang): NotificationContent =
    NotificationContent(id, Channel.RESULTS, title.pick(lang), body.pick(lang), deepLink)
