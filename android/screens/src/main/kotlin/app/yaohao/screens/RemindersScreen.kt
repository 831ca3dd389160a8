package app.yaohao.app.ui.screens

import android.content.Intent
import android.net.Uri
import android.os.Build
import android.provider.Settings
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
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.app.AppGraph
import app.yaohao.app.R
import app.yaohao.app.ui.ErrorBanner
import app.yaohao.app.ui.local
import app.yaohao.app.ui.rememberHolder
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.reminders.RemindersModel
import kotlinx.coroutines.launch

/** The core's reminders, scheduled as exact alarms; asks for the permission when refused. */
@Composable
fun RemindersScreen(graph: AppGraph) {
    val model = rememberHolder { scope -> RemindersModel(graph.client, graph.scheduler, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val context = LocalContext.current

    val scope = rememberCoroutineScope()

    // On display and when coming back from the system's "Alarms & reminders" page: schedule
    // again (idempotent by id), or cancel everything when reminders are switched off.
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) {
        scope.launch { model.sync(graph.settings.load().reminders) }
    }

    LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        if (state.needsExactAlarmPermission && Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            item {
                Card {
                    Text(stringResource(R.string.reminders_permission), modifier = Modifier.padding(16.dp))
                    Button(
                        onClick = {
                            context.startActivity(
                                Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.parse("package:${context.packageName}")),
                            )
                        },
                        modifier = Modifier.padding(16.dp),
                    ) {
                        Text(stringResource(R.string.reminders_allow))
                    }
                }
            }
        } else {
            item { ErrorBanner(state.error, onRetry = { model.sync() }) }
        }
        if (!state.enabled) {
            item { Text(stringResource(R.string.reminders_off)) }
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
