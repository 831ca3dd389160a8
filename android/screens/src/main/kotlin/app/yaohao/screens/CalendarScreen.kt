package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.ListItem
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.calendar.CalendarModel
import app.yaohao.presentation.calendar.CalendarState

/** The lottery calendar: the core's cut-offs, freezes, draws and publications, announced or projected. */
@Composable
fun CalendarScreen(services: ScreenServices) {
    CountRecomposition("calendar")
    val model = rememberHolder { scope -> CalendarModel(services.yaohao, scope, services.clock) }
    val state by model.state.collectAsStateWithLifecycle()
    LaunchedEffect(Unit) { model.load() }
    CalendarContent(state, onRetry = { model.load() })
}

/** The calendar's content for a state. */
@Composable
fun CalendarContent(state: CalendarState, onRetry: () -> Unit) {
    LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
        item { ErrorBanner(state.error, onRetry = onRetry) }
        items(state.events, key = { "${it.kind}:${it.at}" }) { event ->
            ListItem(
                headlineContent = { Text(event.note.local()) },
                overlineContent = { Text(BeijingTime.format(event.at).local()) },
                supportingContent = { Text(tr(if (event.announced) "event_announced" else "event_projected")) },
                modifier = Modifier.testTag("event"),
            )
        }
    }
}
