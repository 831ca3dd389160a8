package app.yaohao.app.ui.screens

import androidx.appcompat.app.AppCompatDelegate
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.core.os.LocaleListCompat
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.app.AppGraph
import app.yaohao.app.R
import app.yaohao.app.ui.ErrorBanner
import app.yaohao.app.ui.rememberHolder
import app.yaohao.presentation.Lang
import app.yaohao.presentation.settings.SettingsModel

/** Language (per-app locale) and notifications. */
@Composable
fun SettingsScreen(graph: AppGraph, onRemindersChanged: (Boolean) -> Unit) {
    val model = rememberHolder { scope -> SettingsModel(graph.settings, scope) }
    val state by model.state.collectAsStateWithLifecycle()

    LaunchedEffect(Unit) { model.load() }

    Column(modifier = Modifier.fillMaxSize().padding(16.dp)) {
        Text(stringResource(R.string.settings_language), style = MaterialTheme.typography.titleMedium)
        listOf(null to R.string.settings_language_system, Lang.ZH to R.string.settings_language_zh, Lang.EN to R.string.settings_language_en)
            .forEach { (lang, label) ->
                ListItem(
                    headlineContent = { Text(stringResource(label)) },
                    leadingContent = { RadioButton(selected = state.settings.language == lang, onClick = null) },
                    modifier = Modifier.selectable(selected = state.settings.language == lang) {
                        model.change { it.copy(language = lang) }
                        AppCompatDelegate.setApplicationLocales(lang.locales())
                    },
                )
            }
        Text(stringResource(R.string.settings_notifications), style = MaterialTheme.typography.titleMedium)
        ListItem(
            headlineContent = { Text(stringResource(R.string.settings_results)) },
            trailingContent = {
                Switch(checked = state.settings.resultNotifications, onCheckedChange = { on ->
                    model.change { it.copy(resultNotifications = on) }
                })
            },
        )
        ListItem(
            headlineContent = { Text(stringResource(R.string.settings_reminders)) },
            trailingContent = {
                Switch(checked = state.settings.reminders, onCheckedChange = { on ->
                    model.change { it.copy(reminders = on) }
                    onRemindersChanged(on)
                })
            },
        )
        ErrorBanner(state.error)
    }
}

/** The per-app locales of a language choice (empty: follow the system). */
private fun Lang?.locales(): LocaleListCompat = when (this) {
    null -> LocaleListCompat.getEmptyLocaleList()
    Lang.ZH -> LocaleListCompat.forLanguageTags("zh-CN")
    Lang.EN -> LocaleListCompat.forLanguageTags("en")
}
