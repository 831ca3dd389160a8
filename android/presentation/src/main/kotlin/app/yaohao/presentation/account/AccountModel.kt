package app.yaohao.presentation.account

import app.yaohao.core.AccountCard
import app.yaohao.core.Field
import app.yaohao.core.MaritalChange
import app.yaohao.core.MaritalStatus
import app.yaohao.presentation.reminders.NotificationScheduler
import app.yaohao.core.Quota
import app.yaohao.core.Reason
import app.yaohao.core.Yaohao
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.Clock
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.fieldProblems
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.withContext
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
    /** The new address typed for an address change, and the core's problems with it. */
    val newAddress: String = "",
    val addressProblems: List<Reason> = emptyList(),
    /** When codes may be requested again; set once codes went to the old and the new mobile. */
    val resendAt: Instant? = null,
    /** The export the portal made, waiting to be saved where the user chooses. */
    val export: DataExport? = null,
    /** Whether the last export was saved (null: none finished since the screen opened). */
    val exportSaved: Boolean? = null,
    /** Whether the deletion form (password, typed confirmation) is open. */
    val deleting: Boolean = false,
    val busy: Boolean = false,
    val error: UiError? = null,
    /** Set once the user logged out or deleted the account: the app goes home, signed out. */
    val signedOut: Boolean = false,
) {
    /** The core's refusal of the password typed to delete the account, shown under that field. */
    val passwordError: UiError.Invalid? get() = (error as? UiError.Invalid)?.takeIf { it.field == PASSWORD }
}

/** Everything the portal holds about the applicant ([json], unmasked), to be saved as [fileName]. */
data class DataExport(
    val fileName: String,
    val json: String,
    /** Whether the platform's "save as" was opened for it (so it is not opened twice). */
    val saving: Boolean = false,
)

/** The field the core names when the account's password is wrong. */
private const val PASSWORD = "password"

/** The field the core names when an address change's address is refused. */
private const val ADDRESS = "address"

/**
 * The account: the core's account card, changing the mobile (a code goes to the old number and one
 * to the new), the marital-status change with its certificate and review state, the address
 * change of the approved applications with a proof of address (its state is on the card), exporting
 * everything the portal holds, deleting the account, logging out.
 */
class AccountModel(
    private val yaohao: Yaohao,
    private val scheduler: NotificationScheduler,
    scope: CoroutineScope,
    private val clock: Clock = Clock.System,
    computation: CoroutineDispatcher = Dispatchers.Default,
) : StateHolder<AccountState>(AccountState(), scope, computation) {

    /** Shows the cached card and change, then the portal's review state and quotas. */
    fun load(): Job = act(::fail) {
        val card = yaohao.dashboard().account
        val cached = yaohao.maritalChange()
        update { it.copy(card = card, maritalChange = cached, busy = true) }
        val change = yaohao.refreshMaritalChange()
        val quotas = yaohao.quotas()
        update { it.copy(maritalChange = change, quotas = quotas, busy = false) }
    }

    /** Types the new mobile; the core checks it off the caller's thread (the job ends once its problems are in the state). */
    fun editMobile(value: String): Job {
        update { it.copy(newMobile = value) }
        return recheck("mobile") {
            val problems = fieldProblems(Field.PHONE, value)
            update { if (it.newMobile == value) it.copy(mobileProblems = problems) else it }
        }
    }

    /** Texts a code to the old mobile and one to the new. */
    fun requestMobileCodes(): Job = act(::fail) {
        awaitChecks()
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

    /** Types the new address; the core checks it off the caller's thread (the full 北京市 form, the district, the street). */
    fun editAddress(value: String): Job {
        update { it.copy(newAddress = value) }
        return recheck("address") {
            val problems = fieldProblems(Field.ADDRESS, value)
            update { if (it.newAddress == value) it.copy(addressProblems = problems) else it }
        }
    }

    /**
     * Asks that the approved applications' address become the one typed, with a photo of the
     * [proof]; the portal reviews it and the card shows its state. The core's refusal of the
     * address is shown under the field.
     */
    fun requestAddressChange(proof: ByteArray): Job = act(::fail) {
        awaitChecks()
        update { it.copy(busy = true, error = null) }
        yaohao.requestAddressChange(state.value.newAddress.trim(), proof)
        val card = yaohao.dashboard().account
        update { it.copy(card = card, busy = false, newAddress = "", addressProblems = emptyList()) }
    }

    /** Asks the portal for everything it holds about the applicant (pretty JSON, unmasked ID and mobile). */
    fun export(): Job = act(::fail) {
        update { it.copy(busy = true, error = null, exportSaved = null) }
        val json = yaohao.exportData()
        val day = clock.now().atOffset(BeijingTime.offset).toLocalDate()
        update { it.copy(busy = false, export = DataExport("yaohao-export-$day.json", json)) }
    }

    /** The platform's "save as" was opened for the export. */
    fun exportSaving() = update { it.copy(export = it.export?.copy(saving = true)) }

    /** The export was written where the user chose ([saved]) or the user cancelled; it is dropped either way. */
    fun exportFinished(saved: Boolean) = update { it.copy(export = null, exportSaved = saved) }

    /** Opens or closes the deletion form (the screen offers it when the core allows deleting). */
    fun showDeletion(open: Boolean) = update { it.copy(deleting = open, error = null) }

    /**
     * Deletes the account with its [password] (the card's actions say when the core allows it):
     * the portal erases it, the core forgets the session and everything personal on this device
     * (its reminder plan included), and the app goes home signed out. The alarms the app set for
     * the account's reminders are cancelled here, since the core no longer knows them; the next
     * schedule applies its plan afresh. A wrong password keeps the session and is shown under the
     * password field ([AccountState.passwordError]).
     */
    fun deleteAccount(password: String): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        yaohao.deleteAccount(password)
        withContext(Dispatchers.IO) { scheduler.scheduledIds().forEach(scheduler::cancel) }
        update { AccountState(signedOut = true) }
    }

    /** Logs out here and at the portal (local drafts stay). */
    fun logout(): Job = act(::fail) {
        update { it.copy(busy = true, error = null) }
        yaohao.logout()
        update { AccountState(signedOut = true) }
    }

    /** Shows [error]; the core's refusal of the address is shown under its field. */
    private fun fail(error: UiError) = update {
        if (error is UiError.Invalid && error.field == ADDRESS) {
            it.copy(busy = false, addressProblems = listOf(Reason(error.code, error.message.zh, error.message.en)))
        } else {
            it.copy(busy = false, error = error)
        }
    }
}
