package app.yaohao.app.ui.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Card
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.app.AppGraph
import app.yaohao.app.R
import app.yaohao.app.ui.ErrorBanner
import app.yaohao.app.ui.local
import app.yaohao.app.ui.rememberHolder
import app.yaohao.app.ui.theme.NotWonRed
import app.yaohao.app.ui.theme.WonGreen
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.dashboard.DashboardModel
import app.yaohao.presentation.model.UpcomingEvent
import app.yaohao.presentation.needsSignIn
import app.yaohao.presentation.ticks
import java.time.Instant

/** Home: countdowns to the next cut-off and draw, the latest result, applications and drafts. */
@Composable
fun DashboardScreen(
    graph: AppGraph,
    onOpenDraft: (String) -> Unit,
    onNewApplication: () -> Unit,
    onOpenResults: () -> Unit,
    onSignInRequired: () -> Unit,
) {
    val model = rememberHolder { scope -> DashboardModel(graph.client, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val now by ticks().collectAsState(initial = Instant.now())

    LaunchedEffect(Unit) { model.load() }
    LaunchedEffect(state.error) {
        if (state.error?.needsSignIn == true) onSignInRequired()
    }

    PullToRefreshBox(isRefreshing = state.refreshing, onRefresh = { model.refresh() }, modifier = Modifier.fillMaxSize()) {
        LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            item { ErrorBanner(state.error, onRetry = { model.refresh() }) }
            item {
                CountdownCard(stringResource(R.string.dashboard_next_cutoff), state.nextCutoff, now)
            }
            item {
                CountdownCard(stringResource(R.string.dashboard_next_draw), state.nextDraw, now)
            }
            state.latestResult?.let { result ->
                item {
                    Card(modifier = Modifier.fillMaxWidth().clickable(onClick = onOpenResults)) {
                        ListItem(
                            headlineContent = {
                                Text(
                                    stringResource(if (result.won) R.string.result_won else R.string.result_not_won),
                                    color = if (result.won) WonGreen else NotWonRed,
                                )
                            },
                            supportingContent = { Text(stringResource(R.string.result_period_code, result.period, result.code)) },
                        )
                    }
                }
            }
            item {
                Text(stringResource(R.string.dashboard_applications), style = MaterialTheme.typography.titleMedium)
            }
            items(state.dashboard?.applications.orEmpty(), key = { "a${it.id}" }) { application ->
                ListItem(
                    headlineContent = { Text(application.code ?: stringResource(R.string.application_no_code)) },
                    supportingContent = { Text(statusLabel(application.status)) },
                )
            }
            items(state.dashboard?.drafts.orEmpty(), key = { "d${it.localId}" }) { draft ->
                ListItem(
                    headlineContent = { Text(stringResource(R.string.draft_title)) },
                    supportingContent = {
                        Text(stringResource(if (draft.synced) R.string.draft_synced else R.string.draft_local))
                    },
                    modifier = Modifier.clickable { onOpenDraft(draft.localId) },
                )
            }
            item {
                ListItem(
                    headlineContent = { Text(stringResource(R.string.application_new)) },
                    modifier = Modifier.clickable(onClick = onNewApplication),
                )
            }
        }
    }
}

/** The label of an application status (the portal's name for one this build does not know). */
@Composable
private fun statusLabel(status: String): String = when (status) {
    "draft" -> stringResource(R.string.status_draft)
    "under_review" -> stringResource(R.string.status_under_review)
    "approved" -> stringResource(R.string.status_approved)
    "rejected" -> stringResource(R.string.status_rejected)
    "won" -> stringResource(R.string.status_won)
    "removed" -> stringResource(R.string.status_removed)
    else -> status
}

/** A countdown to a calendar event, with its Beijing time and whether it was announced. */
@Composable
private fun CountdownCard(title: String, event: UpcomingEvent?, now: Instant) {
    Card(modifier = Modifier.fillMaxWidth()) {
        Column(modifier = Modifier.padding(16.dp)) {
            Text(title, style = MaterialTheme.typography.labelLarge)
            if (event == null) {
                Text(stringResource(R.string.dashboard_no_event))
                return@Column
            }
            Text(
                app.yaohao.presentation.Countdown.between(now, event.at).text().local(),
                style = MaterialTheme.typography.headlineMedium,
            )
            Text(BeijingTime.format(event.at).local())
            Text(
                stringResource(if (event.announced) R.string.event_announced else R.string.event_projected),
                style = MaterialTheme.typography.bodySmall,
            )
        }
    }
}
