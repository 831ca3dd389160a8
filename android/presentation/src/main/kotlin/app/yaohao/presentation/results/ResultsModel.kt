package app.yaohao.presentation.results

import app.yaohao.core.ladderWeight
import app.yaohao.presentation.Clock
import app.yaohao.presentation.Countdown
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.model.PortalApplication
import app.yaohao.presentation.model.Quota
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.model.YaohaoClient
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import java.time.Instant

/** One result as the screen shows it. */
sealed interface ResultCard {
    /** The outcome. */
    val outcome: ResultOutcome

    /** Won (green): confirm the quota within 72 hours. */
    data class Won(
        override val outcome: ResultOutcome,
        /** The quota, once the portal listed it. */
        val quota: Quota?,
        /** Whether the confirm action is offered (pending and before the deadline). */
        val canConfirm: Boolean,
        /** Time left to confirm. */
        val confirmWithin: Countdown?,
    ) : ResultCard

    /** Not won (red): the draws so far and the ladder weight of the next draw. */
    data class NotWon(
        override val outcome: ResultOutcome,
        /** Unsuccessful draws so far. */
        val drawCount: UInt,
        /** The core's ladder weight for the next draw (2014 rule, +1 with C5). */
        val nextWeight: UInt,
    ) : ResultCard
}

/** The results screen's state. */
data class ResultsState(
    val cards: List<ResultCard> = emptyList(),
    val busy: Boolean = false,
    val error: UiError? = null,
)

/** Results: green for won with the confirmation action, red for not won with the draw count and ladder. */
class ResultsModel(
    private val client: YaohaoClient,
    scope: CoroutineScope,
    private val clock: Clock = Clock.System,
) : StateHolder<ResultsState>(ResultsState(), scope) {
    private var quotas: List<Quota> = emptyList()
    private var applications: List<PortalApplication> = emptyList()
    private var outcomes: List<ResultOutcome> = emptyList()

    /** Shows the cached results, then the portal's quotas. */
    fun load(): Job = act(::fail) {
        val dashboard = client.dashboard()
        applications = dashboard.applications
        outcomes = dashboard.latestResults
        show()
        update { it.copy(busy = true) }
        quotas = client.quotas()
        show()
    }

    /**
     * Refreshes, then checks every published period (the core fetches, verifies and matches once;
     * it matches the codes the cache knows to be in the pool, hence the refresh first).
     */
    fun check(): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        applications = client.refresh().applications
        client.checkPublishedResults()
        outcomes = client.dashboard().latestResults
        show()
    }

    /** Confirms a won quota. */
    fun confirm(quotaId: Long): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        quotas = client.confirmQuota(quotaId)
        show()
    }

    /** Recomputes the countdowns (the screen calls it every minute). */
    fun tick() = show()

    private fun show() {
        val now = clock.now()
        update { it.copy(busy = false, cards = outcomes.map { outcome -> card(outcome, now) }) }
    }

    private fun card(outcome: ResultOutcome, now: Instant): ResultCard {
        val application = applications.firstOrNull { it.code == outcome.code }
        if (!outcome.won) {
            val draws = (application?.drawCount ?: 0L).coerceAtLeast(0L).toUInt()
            return ResultCard.NotWon(outcome, draws, ladderWeight(draws, application?.c5Licence ?: false))
        }
        val quota = quotas.firstOrNull { it.period == outcome.period && it.applicationId == application?.id }
        val pending = quota?.status == PENDING && now.isBefore(quota.confirmBy)
        return ResultCard.Won(outcome, quota, pending, quota?.takeIf { pending }?.let { Countdown.between(now, it.confirmBy) })
    }

    private fun fail(error: UiError) = update { it.copy(busy = false, error = error) }

    private companion object {
        const val PENDING = "pending_confirmation"
    }
}
