package app.yaohao.presentation.dashboard

import app.yaohao.core.ActionKind
import app.yaohao.core.ApplicationKind
import app.yaohao.core.Dashboard
import app.yaohao.core.EventKind
import app.yaohao.core.SyncReport
import app.yaohao.core.UpcomingEvent
import app.yaohao.core.Yaohao
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.application.runApplicationAction
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The home screen's state: the core's dashboard, shown from the cache at once, then refreshed. */
data class DashboardState(
    val dashboard: Dashboard? = null,
    val refreshing: Boolean = false,
    /** The last failure (the cached data stays on screen). */
    val error: UiError? = null,
    /** A draft the user should be taken to (a new application, an edit, a resubmission). */
    val openDraft: String? = null,
    /** What the last refresh sent of the drafts and uploads saved offline (refusals say why). */
    val lastSync: SyncReport? = null,
) {
    /** The next application cut-off ahead. */
    val nextCutoff: UpcomingEvent? get() = nextOf(EventKind.APPLICATION_CUTOFF)

    /** The next draw ahead. */
    val nextDraw: UpcomingEvent? get() = nextOf(EventKind.DRAW)

    private fun nextOf(kind: EventKind): UpcomingEvent? = dashboard?.nextEvents?.firstOrNull { it.kind == kind }
}

/**
 * Home: the core's cards (account, applications with the actions it allows now, drafts, results,
 * countdowns). An action runs only as the core offered it; the dashboard is re-read afterwards.
 */
class DashboardModel(
    private val yaohao: Yaohao,
    scope: CoroutineScope,
) : StateHolder<DashboardState>(DashboardState(), scope) {

    /** Shows the cache, then refreshes from the portal. */
    fun load(): Job = act(::fail) {
        val cached = yaohao.dashboard()
        update { it.copy(dashboard = cached) }
        refreshNow()
    }

    /** Pull-to-refresh. */
    fun refresh(): Job = act(::fail) { refreshNow() }

    /** Starts a local draft of [kind] and opens it. */
    fun newApplication(kind: ApplicationKind): Job = act(::fail) {
        val draft = yaohao.createDraft(kind)
        update { it.copy(openDraft = draft.localId, dashboard = it.dashboard?.copy(drafts = listOf(draft) + it.dashboard.drafts)) }
    }

    /**
     * Runs an application card's action [kind] (the screen offers only the allowed ones, and asks
     * before a withdrawal): editing or resubmitting opens a draft of the application; continuing,
     * withdrawing and reactivating go to the portal ([runApplicationAction]).
     */
    fun perform(applicationId: Long, kind: ActionKind): Job = act(::fail) {
        update { it.copy(refreshing = true, error = null) }
        val draft = yaohao.runApplicationAction(applicationId, kind)
        val fresh = yaohao.dashboard()
        update { it.copy(dashboard = fresh, refreshing = false, openDraft = draft ?: it.openDraft) }
    }

    /** Discards a draft here and at the portal. */
    fun discardDraft(localId: String): Job = act(::fail) {
        yaohao.discardDraft(localId)
        val fresh = yaohao.dashboard()
        update { it.copy(dashboard = fresh) }
    }

    /** The screen opened [openDraft]. */
    fun draftOpened() = update { it.copy(openDraft = null) }

    /** Sends what was saved offline (drafts, queued uploads), then refreshes the cache. */
    private suspend fun refreshNow() {
        update { it.copy(refreshing = true, error = null) }
        val sent = yaohao.sync(null)
        val fresh = yaohao.refresh(null)
        update { it.copy(dashboard = fresh, lastSync = sent, refreshing = false) }
    }

    private fun fail(error: UiError) = update { it.copy(refreshing = false, error = error) }
}
