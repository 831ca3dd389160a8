package app.yaohao.presentation.dashboard

import app.yaohao.core.EventKind
import app.yaohao.presentation.Clock
import app.yaohao.presentation.Countdown
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.model.Dashboard
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.model.UpcomingEvent
import app.yaohao.presentation.model.YaohaoClient
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import java.time.Instant

/** The home screen's state: the cached dashboard, shown at once, then refreshed. */
data class DashboardState(
    val dashboard: Dashboard? = null,
    val refreshing: Boolean = false,
    /** The last refresh's failure (the cached data stays on screen). */
    val error: UiError? = null,
) {
    /** The next application cut-off ahead. */
    val nextCutoff: UpcomingEvent? get() = nextOf(EventKind.APPLICATION_CUTOFF)

    /** The next draw ahead. */
    val nextDraw: UpcomingEvent? get() = nextOf(EventKind.DRAW)

    /** The newest result, if any. */
    val latestResult: ResultOutcome? get() = dashboard?.latestResults?.firstOrNull()

    private fun nextOf(kind: EventKind): UpcomingEvent? =
        dashboard?.nextEvents?.filter { it.kind == kind }?.minByOrNull { it.at }
}

/** The home screen: applications, countdowns to the next cut-off and draw, the latest result. */
class DashboardModel(
    private val client: YaohaoClient,
    scope: CoroutineScope,
    private val clock: Clock = Clock.System,
) : StateHolder<DashboardState>(DashboardState(), scope) {

    /** Shows the cache, then refreshes from the portal. */
    fun load(): Job = act(::fail) {
        val cached = client.dashboard()
        update { it.copy(dashboard = cached) }
        refreshNow()
    }

    /** Pull-to-refresh. */
    fun refresh(): Job = act(::fail) { refreshNow() }

    /** The countdown to [event] from now (the screen ticks it every minute). */
    fun countdown(event: UpcomingEvent, now: Instant = clock.now()): Countdown = Countdown.between(now, event.at)

    private suspend fun refreshNow() {
        update { it.copy(refreshing = true, error = null) }
        val fresh = client.refresh()
        update { it.copy(dashboard = fresh, refreshing = false) }
    }

    private fun fail(error: UiError) = update { it.copy(refreshing = false, error = error) }
}
