package app.yaohao.presentation.results

import app.yaohao.core.Period
import app.yaohao.core.PeriodResult
import app.yaohao.core.ResultCard
import app.yaohao.core.Yaohao
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The results screen's state: the core's result cards, the account's history and the periods. */
data class ResultsState(
    /** The core's cards: won (its quota, deadlines and actions) or not won (draws, next weight). */
    val cards: List<ResultCard> = emptyList(),
    /** The account's results per period, from the portal. */
    val history: List<PeriodResult> = emptyList(),
    /** The draw periods, newest first as the core lists them. */
    val periods: List<Period> = emptyList(),
    val busy: Boolean = false,
    val error: UiError? = null,
)

/** Results: the core's cards with the actions it allows, the history, the periods. */
class ResultsModel(
    private val yaohao: Yaohao,
    scope: CoroutineScope,
) : StateHolder<ResultsState>(ResultsState(), scope) {

    /** Shows the cached cards and periods, then the portal's periods and history. */
    fun load(): Job = act(::fail) {
        val cached = yaohao.dashboard().latestResults
        val periods = yaohao.periods()
        update { it.copy(cards = cached, periods = periods, busy = true, error = null) }
        val fresh = yaohao.refreshPeriods()
        val history = yaohao.myResults()
        update { it.copy(periods = fresh, history = history, busy = false) }
    }

    /**
     * Refreshes, then checks every published period (the core fetches, verifies and matches once;
     * it matches the codes its cache has in the pool, hence the refresh first).
     */
    fun check(): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        yaohao.refresh(null)
        yaohao.checkPublishedResults(null)
        val cards = yaohao.dashboard().latestResults
        update { it.copy(cards = cards, busy = false) }
    }

    /** Confirms the quota of a won card (the screen offers it only while the core allows it). */
    fun confirm(quotaId: Long): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        yaohao.confirmQuota(quotaId)
        val cards = yaohao.dashboard().latestResults
        update { it.copy(cards = cards, busy = false) }
    }

    private fun fail(error: UiError) = update { it.copy(busy = false, error = error) }
}
