package app.yaohao.screens

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.foundation.selection.selectable
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.presentation.Lang
import app.yaohao.presentation.push.DistributorModel
import app.yaohao.presentation.settings.SettingsModel

/** Language (per-app locale) and notifications. */
@Composable
fun SettingsScreen(services: ScreenServices, onWithdrawConsent: () -> Unit) {
    CountRecomposition("settings")
    val model = rememberHolder { scope -> SettingsModel(services.settings, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val platform = services.platform

    LaunchedEffect(Unit) { model.load() }

    Column(modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        Text(tr("settings_language"), style = MaterialTheme.typography.titleMedium)
        listOf(null to "settings_language_system", Lang.ZH to "settings_language_zh", Lang.EN to "settings_language_en")
            .forEach { (lang, label) ->
                ListItem(
                    headlineContent = { Text(tr(label)) },
                    leadingContent = { RadioButton(selected = state.settings.language == lang, onClick = null) },
                    modifier = Modifier.selectable(selected = state.settings.language == lang) {
                        model.change { it.copy(language = lang) }
                        platform.applyLanguage(lang)
                    },
                )
            }
        Text(tr("settings_notifications"), style = MaterialTheme.typography.titleMedium)
        ListItem(
            headlineContent = { Text(tr("settings_results")) },
            trailingContent = {
                Switch(checked = state.settings.resultNotifications, onCheckedChange = { on ->
                    model.change { it.copy(resultNotifications = on) }
                })
            },
        )
        ListItem(
            headlineContent = { Text(tr("settings_reminders")) },
            trailingContent = {
                Switch(checked = state.settings.reminders, onCheckedChange = { on ->
                    model.change { it.copy(reminders = on) }
                    platform.remindersChanged(on)
                })
            },
        )
        if (!platform.exactAlarmsAllowed) {
            // Android 14+ denies exact alarms by default: reminders still come, a few minutes late.
            Text(tr("settings_exact_alarms_off"), style = MaterialTheme.typography.bodySmall, modifier = Modifier.testTag("exact-alarms-off"))
            if (platform.canAskExactAlarms) {
                TextButton(onClick = platform::openExactAlarmSettings) { Text(tr("reminders_allow")) }
            }
        }
        PushServiceSection(services)
        Text(tr("settings_privacy"), style = MaterialTheme.typography.titleMedium)
        TextButton(onClick = onWithdrawConsent, modifier = Modifier.testTag("withdraw-consent")) {
            Text(tr("settings_withdraw_consent"))
        }
        ErrorBanner(state.error)
    }
}

/** Which UnifiedPush distributor delivers the portal's pushes (or none), after the consent only. */
@Composable
private fun PushServiceSection(services: ScreenServices) {
    val model = rememberHolder { scope -> DistributorModel(services.distributors, services.settings, services.pushes::register, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    LaunchedEffect(Unit) { model.load() }
    if (!state.consented) return
    Text(tr("settings_push"), style = MaterialTheme.typography.titleMedium)
    Text(tr("settings_push_explain"), style = MaterialTheme.typography.bodySmall)
    state.uninstalled?.let {
        Text(tr("settings_push_uninstalled", it), style = MaterialTheme.typography.bodySmall, modifier = Modifier.testTag("distributor-uninstalled"))
    }
    if (state.installed.isEmpty()) {
        Text(tr("settings_push_no_distributor"), style = MaterialTheme.typography.bodySmall, modifier = Modifier.testTag("no-distributor"))
        return
    }
    (listOf<String?>(null) + state.installed).forEach { distributor ->
        val selected = state.chosen == distributor
        ListItem(
            headlineContent = { Text(distributor ?: tr("settings_push_none")) },
            leadingContent = { RadioButton(selected = selected, onClick = null) },
            modifier = Modifier.testTag("distributor:${distributor ?: "none"}").selectable(selected = selected) {
                if (distributor == null) model.none() else model.choose(distributor)
            },
        )
    }
    ErrorBanner(state.error)
}
