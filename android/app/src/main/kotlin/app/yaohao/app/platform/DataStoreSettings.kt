package app.yaohao.app.platform

import android.content.Context
import androidx.datastore.core.DataStore
import androidx.datastore.preferences.core.Preferences
import androidx.datastore.preferences.core.booleanPreferencesKey
import androidx.datastore.preferences.core.edit
import androidx.datastore.preferences.core.stringPreferencesKey
import androidx.datastore.preferences.preferencesDataStore
import app.yaohao.presentation.Lang
import app.yaohao.presentation.settings.Settings
import app.yaohao.presentation.settings.SettingsStore
import kotlinx.coroutines.flow.first

private val Context.settingsStore: DataStore<Preferences> by preferencesDataStore(name = "settings")

/** The settings in DataStore. */
class DataStoreSettings(context: Context) : SettingsStore {
    private val store = context.applicationContext.settingsStore

    override suspend fun load(): Settings {
        val prefs = store.data.first()
        return Settings(
            language = prefs[LANGUAGE]?.let { tag -> Lang.entries.firstOrNull { it.name == tag } },
            resultNotifications = prefs[RESULTS] ?: true,
            reminders = prefs[REMINDERS] ?: true,
        )
    }

    override suspend fun save(settings: Settings) {
        store.edit { prefs ->
            val language = settings.language
            if (language == null) prefs.remove(LANGUAGE) else prefs[LANGUAGE] = language.name
            prefs[RESULTS] = settings.resultNotifications
            prefs[REMINDERS] = settings.reminders
        }
    }

    private companion object {
        val LANGUAGE = stringPreferencesKey("language")
        val RESULTS = booleanPreferencesKey("result_notifications")
        val REMINDERS = booleanPreferencesKey("reminders")
    }
}
