package app.yaohao.presentation.calendar

import app.yaohao.core.Event
import app.yaohao.core.Yaohao
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.Clock
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The calendar screen's state: the core's events (announced dates included). */
data class CalendarState(
    val events: List<Event> = emptyList(),
    val refreshing: Boolean = false,
    val error: UiError? = null,
)

/** The lottery calendar for the next [days] days in Beijing time: the cache first, then the portal's announced dates. */
class CalendarModel(
    private val yaohao: Yaohao,
    scope: CoroutineScope,
    private val clock: Clock = Clock.System,
    private val days: Long = 180,
) : StateHolder<CalendarState>(CalendarState(), scope) {

    /** Shows the calendar from the cache, refreshes the announced dates and shows it again. */
    fun load(): Job = act(::fail) {
        val from = clock.now().atOffset(BeijingTime.offset).toLocalDate()
        val (start, end) = from.toString() to from.plusDays(days).toString()
        val cached = yaohao.calendar(start, end)
        update { it.copy(events = cached, refreshing = true, error = null) }
        yaohao.refreshCalendar()
        val fresh = yaohao.calendar(start, end)
        update { it.copy(events = fresh, refreshing = false) }
    }

    private fun fail(error: UiError) = update { it.copy(refreshing = false, error = error) }
}
