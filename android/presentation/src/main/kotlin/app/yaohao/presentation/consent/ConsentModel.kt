package app.yaohao.presentation.consent

import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.settings.SettingsStore
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The consent gate's state: null while the saved choice is being read. */
data class ConsentState(val consented: Boolean? = null, val error: UiError? = null)

/**
 * The first-run consent to the privacy policy (PIPL, the app stores): the app shows nothing that
 * takes personal data, sends no push token and asks for no notification permission before it;
 * settings can withdraw it.
 */
class ConsentModel(
    private val store: SettingsStore,
    scope: CoroutineScope,
) : StateHolder<ConsentState>(ConsentState(), scope) {

    /** Reads the saved choice. */
    fun load(): Job = act(::fail) {
        val consented = store.load().consented
        update { it.copy(consented = consented) }
    }

    /** The user agreed to the privacy policy. */
    fun accept(): Job = save(true)

    /** The user withdrew the consent: the gate comes back. */
    fun withdraw(): Job = save(false)

    private fun save(consented: Boolean): Job = act(::fail) {
        store.save(store.load().copy(consented = consented))
        update { it.copy(consented = consented, error = null) }
    }

    private fun fail(error: UiError) = update { it.copy(error = error) }
}
