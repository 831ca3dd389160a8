package app.yaohao.presentation.application

import app.yaohao.core.ActionKind
import app.yaohao.core.ApplicationCard
import app.yaohao.core.ApplicationDetail
import app.yaohao.core.Yaohao
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** One application's screen: its detail (history, rejection reasons, documents) and its card's actions. */
data class ApplicationDetailState(
    val detail: ApplicationDetail? = null,
    /** The core's card of the application: its status label and the actions allowed now. */
    val card: ApplicationCard? = null,
    val busy: Boolean = false,
    val error: UiError? = null,
    /** The draft to open after an edit or a resubmission was started. */
    val openDraft: String? = null,
)

/** An application's detail; its card's actions run as the core allows (edits and resubmissions open a draft of it). */
class ApplicationDetailModel(
    private val yaohao: Yaohao,
    scope: CoroutineScope,
    private val applicationId: Long,
) : StateHolder<ApplicationDetailState>(ApplicationDetailState(), scope) {

    /** Loads the detail and the card from the cache. */
    fun load(): Job = act(::fail) {
        val detail = yaohao.application(applicationId)
        val card = yaohao.dashboard().applications.firstOrNull { it.application.id == applicationId }
        update { it.copy(detail = detail, card = card) }
    }

    /** Runs one of the card's allowed actions ([runApplicationAction]); the screen asks before a withdrawal. */
    fun perform(kind: ActionKind): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        val draft = yaohao.runApplicationAction(applicationId, kind)
        val detail = yaohao.application(applicationId)
        val card = yaohao.dashboard().applications.firstOrNull { it.application.id == applicationId }
        update { it.copy(detail = detail, card = card, busy = false, openDraft = draft ?: it.openDraft) }
    }

    /** The screen opened [ApplicationDetailState.openDraft]. */
    fun draftOpened() = update { it.copy(openDraft = null) }

    private fun fail(error: UiError) = update { it.copy(busy = false, error = error) }
}
