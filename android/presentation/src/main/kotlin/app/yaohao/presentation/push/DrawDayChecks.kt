package app.yaohao.presentation.push

import app.yaohao.core.PlannedCheck
import app.yaohao.core.Yaohao

/** Where the draw-day checks run (WorkManager on Android, one unique job per check id; tests fake it). */
interface CheckJobs {
    /** Runs a results check at [check]'s instant; scheduling the same id again replaces it. */
    fun schedule(check: PlannedCheck)
}

/**
 * The draw-day check plan: the core says when to look for results without a push (after each draw
 * and publication while an application is in the pool); the platform runs [ResultPush.checkPublished]
 * at those instants, so a phone with no push service still learns its result.
 */
class DrawDayChecks(private val yaohao: Yaohao, private val jobs: CheckJobs) {
    /** Schedules the core's current plan; returns it. */
    suspend fun plan(): List<PlannedCheck> = yaohao.drawDayChecks().onEach(jobs::schedule)
}
