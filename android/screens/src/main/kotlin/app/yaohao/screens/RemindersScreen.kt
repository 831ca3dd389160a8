package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.ListItem
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.reminders.RemindersModel
import app.yaohao.presentation.reminders.RemindersState
import kotlinx.coroutines.launch

/** The core's reminders, scheduled by the platform; asks for the exact-alarm permission when refused. */
@Composable
fun RemindersScreen(services: ScreenServices) {
    CountRecomposition("reminders")
    val model = rememberHolder { scope -> RemindersModel(services.yaohao, services.scheduler, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()

    // On display and when coming back from the system's "Alarms & reminders" page: schedule
    // again (idempotent by id), or cancel everything when reminders are switched off.
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) {
        scope.launch { model.sync(services.settings.load().reminders) }
    }

    // A refused schedule, or a platform that fell back to inexact alarms: offer the permission either way.
    val shown = if (services.platform.exactAlarmsAllowed) state else state.copy(needsExactAlarmPermission = true)
    RemindersContent(shown, services.platform.canAskExactAlarms, services.platform::openExactAlarmSettings, onRetry = { model.sync() })
}

/** The reminders' content for a state. */
@Composable
fun RemindersContent(state: RemindersState, canAskExactAlarms: Boolean, onAllow: () -> Unit, onRetry: () -> Unit) {
    LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        if (state.needsExactAlarmPermission && canAskExactAlarms) {
            item {
                Card {
                    Text(tr("reminders_permission"), modifier = Modifier.padding(16.dp))
                    Button(onClick = onAllow, modifier = Modifier.padding(16.dp)) {
                        Text(tr("reminders_allow"))
                    }
                }
            }
        } else {
            item { ErrorBanner(state.error, onRetry = onRetry) }
        }
        if (!state.enabled) {
            item { Text(tr("reminders_off")) }
        }
        items(state.reminders, key = { it.id }) { reminder ->
            ListItem(
                headlineContent = { Text(reminder.title.local()) },
                supportingContent = { Text(reminder.body.local()) },
                overlineContent = { Text(BeijingTime.format(reminder.fireAt).local()) },
            )
        }
    }
}
