package app.yaohao.presentation.settings

import app.yaohao.presentation.Lang
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The user's settings. */
data class Settings(
    /** The app's language; null follows the system (Chinese unless the system is English). */
    val language: Lang? = null,
    /** Notify draw results. */
    val resultNotifications: Boolean = true,
    /** Schedule the core's reminders. */
    val reminders: Boolean = true,
    /**
     * The user agreed to the privacy policy. Until then no personal data is entered, no push
     * token is sent and no notification permission is asked for; withdrawing it brings the
     * consent screen back.
     */
    val consented: Boolean = false,
)

/** Where the settings are kept (DataStore on Android). */
interface SettingsStore {
    /** The saved settings (defaults when none). */
    suspend fun load(): Settings

    /** Saves the settings. */
    suspend fun save(settings: Settings)
}

/** The settings screen's state. */
data class SettingsState(val settings: Settings = Settings(), val error: UiError? = null)

/** Language and notifications. */
class SettingsModel(
    private val store: SettingsStore,
    scope: CoroutineScope,
) : StateHolder<SettingsState>(SettingsState(), scope) {

    /** Loads the saved settings. */
    fun load(): Job = act(::fail) {
        val saved = store.load()
        update { it.copy(settings = saved) }
    }

    /** Changes and saves the settings. */
    fun change(transform: (Settings) -> Settings): Job = act(::fail) {
        // From the saved settings: the consent gate writes them too.
        val next = transform(store.load())
        update { it.copy(settings = next, error = null) }
        store.save(next)
    }

    private fun fail(error: UiError) = update { it.copy(error = error) }
}
