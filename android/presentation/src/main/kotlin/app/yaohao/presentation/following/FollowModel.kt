package app.yaohao.presentation.following

import app.yaohao.core.ResultNotification
import app.yaohao.core.Yaohao
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.push.DrawDayChecks
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The followed codes' screen: the codes, the one being typed, what an imported result file announced. */
data class FollowState(
    /** The followed codes as the core keeps them (13 digits), in the order they were added. */
    val codes: List<String> = emptyList(),
    /** The code being typed (spaces, hyphens and full-width digits are fine: the core reads it). */
    val input: String = "",
    /** The notifications of the last imported file: null before any import, empty when it announced nothing new. */
    val imported: List<ResultNotification>? = null,
    val busy: Boolean = false,
    /** The core's refusal (an invalid code names it, on the field `code`) or an unreadable file. */
    val error: UiError? = null,
)

/**
 * Following application codes from the official system, with no account: the core reads and keeps
 * the codes, matches them in every published list it reads and in an official file the user
 * imports, and announces each result once. Following changes the core's draw-day check plan, so
 * the plan is scheduled again after each change.
 */
class FollowModel(
    private val yaohao: Yaohao,
    private val checks: DrawDayChecks,
    scope: CoroutineScope,
) : StateHolder<FollowState>(FollowState(), scope) {

    /** Shows the followed codes. */
    fun load(): Job = act(::fail) {
        val codes = yaohao.followedCodes()
        update { it.copy(codes = codes) }
    }

    /** Types the code to add. */
    fun editInput(value: String) = update { it.copy(input = value, error = null) }

    /** Follows the typed code; an invalid one is the core's error and nothing is followed. */
    fun follow(): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        val codes = yaohao.followCodes(listOf(state.value.input))
        update { it.copy(codes = codes, input = "", busy = false) }
        checks.plan()
    }

    /** Stops following [code]. */
    fun unfollow(code: String): Job = act(::fail) {
        val codes = yaohao.unfollowCode(code)
        update { it.copy(codes = codes, error = null) }
        checks.plan()
    }

    /** Reads an official result file (PDF or TXT) the user picked: the core announces what it has not announced before. */
    fun importFile(bytes: ByteArray): Job = act(::fail) {
        update { it.copy(busy = true, error = null, imported = null) }
        val found = yaohao.importResultFile(bytes)
        update { it.copy(busy = false, imported = found) }
    }

    private fun fail(error: UiError) = update { it.copy(busy = false, error = error) }
}
