package app.yaohao.presentation.push

import app.yaohao.core.EventKind
import app.yaohao.presentation.model.UpcomingEvent
import java.time.Duration
import java.time.Instant

/** A background results check to run once at [at]; [name] makes scheduling it idempotent. */
data class PlannedCheck(val name: String, val at: Instant)

/**
 * When the draw-day worker runs: shortly after each draw and each publication of results in the
 * core's calendar (announced dates included). Pushes usually arrive first; the check is the
 * fallback, and the core notifies each result once whichever path gets there first.
 */
object DrawDayChecks {
    /** How long after the event the check runs. */
    val margin: Duration = Duration.ofMinutes(10)

    /** The checks still ahead of [now], soonest first, one per event instant. */
    fun plan(events: List<UpcomingEvent>, now: Instant): List<PlannedCheck> = events
        .filter { it.kind == EventKind.DRAW || it.kind == EventKind.RESULTS_PUBLISHED }
        .map { PlannedCheck("results-check:${it.at.epochSecond}", it.at.plus(margin)) }
        .filter { it.at.isAfter(now) }
        .distinctBy { it.name }
        .sortedBy { it.at }
}
