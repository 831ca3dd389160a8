package app.yaohao.presentation.account

import app.yaohao.core.AccountCard
import app.yaohao.core.Field
import app.yaohao.core.MaritalChange
import app.yaohao.core.MaritalStatus
import app.yaohao.core.Quota
import app.yaohao.core.Reason
import app.yaohao.core.Yaohao
import app.yaohao.presentation.Clock
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.fieldProblems
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import java.time.Instant

/** The account screen's state. */
data class AccountState(
    /** The core's account card: masked ID and mobile, marital status, the actions it allows. */
    val card: AccountCard? = null,
    /** The marital-status change and its review state. */
    val maritalChange: MaritalChange? = null,
    /** The quotas won, from the portal (certificate, status, validity). */
    val quotas: List<Quota> = emptyList(),
    /** The new mobile typed, and the core's problems with it. */
    val newMobile: String = "",
    val mobileProblems: List<Reason> = emptyList(),
    /** When codes may be requested again; set once codes went to the old and the new mobile. */
    val resendAt: Instant? = null,
    val busy: Boolean = false,
    val error: UiError? = null,
    /** Set once the user logged out: the app goes home, signed out. */
    val signedOut: Boolean = false,
)

/**
 * The account: the core's account card, changing the mobile (a code goes to the old number and one
 * to the new), the marital-status change with its certificate and review state, logging out.
 */
class AccountModel(
    private val yaohao: Yaohao,
    scope: CoroutineScope,
    private val clock: Clock = Clock.System,
) : StateHolder<AccountState>(AccountState(), scope) {

    /** Shows the cached card and change, then the portal's review state and quotas. */
    fun load(): Job = act(::fail) {
        val card = yaohao.dashboard().account
        val cached = yaohao.maritalChange()
        update { it.copy(card = card, maritalChange = cached, busy = true) }
        val change = yaohao.refreshMaritalChange()
        val quotas = yaohao.quotas()
        update { it.copy(maritalChange = change, quotas = quotas, busy = false) }
    }

    /** Types the new mobile (checked by the core as typed). */
    fun editMobile(value: String) = update { it.copy(newMobile = value, mobileProblems = fieldProblems(Field.PHONE, value)) }

    /** Texts a code to the old mobile and one to the new. */
    fun requestMobileCodes(): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        val sent = yaohao.requestMobileChangeCodes(state.value.newMobile.trim())
        update { it.copy(busy = false, resendAt = clock.now().plusSeconds(sent.resendAfter)) }
    }

    /** Changes the mobile with the code sent to the old number and the one sent to the new. */
    fun changeMobile(oldCode: String, newCode: String): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        yaohao.changeMobile(state.value.newMobile.trim(), oldCode.trim(), newCode.trim())
        val card = yaohao.dashboard().account
        update { it.copy(card = card, busy = false, newMobile = "", resendAt = null) }
    }

    /** Asks for a marital-status change with the certificate's photo; the portal reviews it. */
    fun requestMaritalChange(status: MaritalStatus, certificate: ByteArray): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        val change = yaohao.requestMaritalChange(status, certificate)
        val card = yaohao.dashboard().account
        update { it.copy(card = card, maritalChange = change, busy = false) }
    }

    /** Logs out here and at the portal (local drafts stay). */
    fun logout(): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        yaohao.logout()
        update { AccountState(signedOut = true) }
    }

    private fun fail(error: UiError) = update { it.copy(busy = false, error = error) }
}
