package app.yaohao.presentation.lookup

import app.yaohao.core.CodeLookup
import app.yaohao.core.DrawReport
import app.yaohao.core.checkCode
import app.yaohao.core.verifyResultFile
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The code lookup's state: a published result file, the core's replay of its draw, one code's outcome. */
data class LookupState(
    /**
     * The opened file as the core read it: its header (period, pool size, quota, seed) and the
     * replay of the draw from the published seed, with what its verdict means.
     */
    val verification: DrawReport? = null,
    /** The code typed (any code, not only the account's). */
    val code: String = "",
    /** Where the code is in the list (won and at which row, or its queue rank). */
    val found: CodeLookup? = null,
    val busy: Boolean = false,
    val error: UiError? = null,
)

/**
 * Looks up any application code in a published result list the user opened (the official .txt or
 * .pdf): the core parses the file, replays the draw from its seed and finds the code, on its own
 * threads.
 */
class LookupModel(scope: CoroutineScope) : StateHolder<LookupState>(LookupState(), scope) {
    private var file: ByteArray? = null

    /** Reads a result file and replays its draw. */
    fun open(bytes: ByteArray): Job = act(::fail) {
        file = null
        update { LookupState(code = it.code, busy = true) }
        val verification = verifyResultFile(bytes)
        file = bytes
        update { it.copy(verification = verification, busy = false) }
    }

    /** Types the code. */
    fun editCode(code: String) = update { it.copy(code = code, found = null, error = null) }

    /** Finds the typed code in the open file (the core reads it as typed: spaces, full-width digits). */
    fun lookup(): Job = act(::fail) {
        val bytes = file ?: return@act
        update { it.copy(busy = true, error = null) }
        val found = checkCode(bytes, state.value.code)
        update { it.copy(found = found, busy = false) }
    }

    private fun fail(error: UiError) = update { it.copy(busy = false, error = error) }
}
