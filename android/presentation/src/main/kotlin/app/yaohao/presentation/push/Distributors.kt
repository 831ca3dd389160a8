package app.yaohao.presentation.push

import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.settings.SettingsStore
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/**
 * The UnifiedPush distributors on this phone (ntfy, NextPush, …): the connector library on
 * Android, a fake in tests. A distributor delivers the portal's Web Push messages on phones
 * without Google services.
 */
interface Distributors {
    /** The installed distributors' package names. */
    fun installed(): List<String>

    /** The distributor the app was told to use, if any (it may have been uninstalled since). */
    fun saved(): String?

    /** Uses [distributor] and subscribes with it; its endpoint arrives through the push service. */
    fun use(distributor: String)

    /** Stops using UnifiedPush: unsubscribes, forgets the distributor and its endpoint. */
    fun stop()
}

/** The push-service setting's state. */
data class DistributorState(
    /** Read yet. */
    val loaded: Boolean = false,
    /** The user agreed to the privacy policy: before that nothing is offered. */
    val consented: Boolean = false,
    /** The distributors installed. */
    val installed: List<String> = emptyList(),
    /** The distributor in use, if it is installed. */
    val chosen: String? = null,
    /** A distributor chosen before and uninstalled since: results come by FCM or by the draw-day check until another is chosen. */
    val uninstalled: String? = null,
    val error: UiError? = null,
)

/**
 * Settings → push service: lists the installed UnifiedPush distributors, saves the user's choice
 * (or none: FCM only, where Google services exist) and sends the push token again, so the portal
 * delivers to what the user chose. Whatever is chosen, the core's draw-day check still finds the
 * result with no push at all.
 */
class DistributorModel(
    private val distributors: Distributors,
    private val settings: SettingsStore,
    /** Sends the current push token to the portal (after login; false when nothing was sent). */
    private val resend: suspend () -> Boolean,
    scope: CoroutineScope,
) : StateHolder<DistributorState>(DistributorState(), scope) {

    /** Reads the installed distributors and the saved choice. */
    fun load(): Job = act(::fail) {
        if (!settings.load().consented) {
            update { DistributorState(loaded = true) }
            return@act
        }
        val installed = distributors.installed()
        val saved = distributors.saved()
        update {
            DistributorState(
                loaded = true,
                consented = true,
                installed = installed,
                chosen = saved?.takeIf { it in installed },
                uninstalled = saved?.takeIf { it !in installed },
            )
        }
    }

    /** Uses [distributor] (one of [DistributorState.installed]) and sends the token again. */
    fun choose(distributor: String): Job = act(::fail) {
        val current = state.value
        if (!current.consented || distributor !in current.installed) return@act
        distributors.use(distributor)
        update { it.copy(chosen = distributor, uninstalled = null, error = null) }
        resend()
    }

    /** Uses no distributor (FCM where the phone has it) and sends the token again. */
    fun none(): Job = act(::fail) {
        if (!state.value.consented) return@act
        distributors.stop()
        update { it.copy(chosen = null, uninstalled = null, error = null) }
        resend()
    }

    private fun fail(error: UiError) = update { it.copy(error = error) }
}
