package app.yaohao.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.Countdown
import app.yaohao.presentation.dashboard.DashboardModel
import app.yaohao.presentation.dashboard.DashboardState
import app.yaohao.presentation.model.UpcomingEvent
import app.yaohao.presentation.needsSignIn
import app.yaohao.presentation.ticks
import java.time.Instant

/** Home: countdowns to the next cut-off and draw, the latest result, applications and drafts. */
@Composable
fun DashboardScreen(
    services: ScreenServices,
    onOpenDraft: (String) -> Unit,
    onNewApplication: () -> Unit,
    onOpenResults: () -> Unit,
    onSignIn: () -> Unit,
) {
    CountRecomposition("home")
    val model = rememberHolder { scope -> DashboardModel(services.client, scope, services.clock) }
    val state by model.state.collectAsStateWithLifecycle()
    val clock = services.clock
    val now by remember(clock) { ticks(clock) }.collectAsState(initial = clock.now())

    LaunchedEffect(Unit) { model.load() }

    DashboardContent(state, now, model::refresh, onOpenDraft, onNewApplication, onOpenResults, onSignIn)
}

/**
 * Home's content for a state. Signed out, it offers sign-in and keeps the rest of the app (the
 * calculator, announcements) a tab away: it never sends the user to sign-in by itself.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun DashboardContent(
    state: DashboardState,
    now: Instant,
    onRefresh: () -> Unit,
    onOpenDraft: (String) -> Unit,
    onNewApplication: () -> Unit,
    onOpenResults: () -> Unit,
    onSignIn: () -> Unit,
) {
    val signedOut = state.error?.needsSignIn == true
    PullToRefreshBox(isRefreshing = state.refreshing, onRefresh = onRefresh, modifier = Modifier.fillMaxSize()) {
        LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            if (state.dashboard == null && state.error == null) {
                item { LinearProgressIndicator(modifier = Modifier.fillMaxWidth().testTag("loading")) }
            }
            if (signedOut) {
                item { SignInCard(state.error?.message?.local(), onSignIn) }
            } else {
                item { ErrorBanner(state.error, onRetry = onRefresh) }
            }
            item { CountdownCard(tr("dashboard_next_cutoff"), state.nextCutoff, now) }
            item { CountdownCard(tr("dashboard_next_draw"), state.nextDraw, now) }
            state.latestResult?.let { result ->
                item {
                    Card(modifier = Modifier.fillMaxWidth().clickable(onClick = onOpenResults)) {
                        ListItem(
                            headlineContent = {
                                Text(
                                    tr(if (result.won) "result_won" else "result_not_won"),
                                    color = if (result.won) MaterialTheme.colorScheme.tertiary else MaterialTheme.colorScheme.error,
                                )
                            },
                            supportingContent = { Text(tr("result_period_code", result.period, result.code)) },
                        )
                    }
                }
            }
            if (signedOut) return@LazyColumn
            item { Text(tr("dashboard_applications"), style = MaterialTheme.typography.titleMedium) }
            val dashboard = state.dashboard
            if (dashboard != null && dashboard.applications.isEmpty() && dashboard.drafts.isEmpty()) {
                item { Text(tr("dashboard_empty"), modifier = Modifier.testTag("empty")) }
            }
            items(dashboard?.applications.orEmpty(), key = { "a${it.id}" }) { application ->
                ListItem(
                    headlineContent = { Text(application.code ?: tr("application_no_code")) },
                    supportingContent = { Text(statusLabel(application.status)) },
                )
            }
            items(dashboard?.drafts.orEmpty(), key = { "d${it.localId}" }) { draft ->
                ListItem(
                    headlineContent = { Text(tr("draft_title")) },
                    supportingContent = { Text(tr(if (draft.synced) "draft_synced" else "draft_local")) },
                    modifier = Modifier.clickable { onOpenDraft(draft.localId) },
                )
            }
            item {
                ListItem(
                    headlineContent = { Text(tr("application_new")) },
                    modifier = Modifier.clickable(onClick = onNewApplication),
                )
            }
        }
    }
}

/** Signed out: why, and the way to sign in. */
@Composable
private fun SignInCard(reason: String?, onSignIn: () -> Unit) {
    Card(modifier = Modifier.fillMaxWidth().testTag("signed-out")) {
        Column(modifier = Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(tr("home_signed_out"), style = MaterialTheme.typography.titleMedium)
            reason?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            Button(onClick = onSignIn, modifier = Modifier.testTag("sign-in")) { Text(tr("signin_login")) }
        }
    }
}

/** The label of an application status (the portal's name for one this build does not know). */
@Composable
private fun statusLabel(status: String): String = when (status) {
    "draft" -> tr("status_draft")
    "under_review" -> tr("status_under_review")
    "approved" -> tr("status_approved")
    "rejected" -> tr("status_rejected")
    "won" -> tr("status_won")
    "removed" -> tr("status_removed")
    else -> status
}

/** A countdown to a calendar event, with its Beijing time and whether it was announced. */
@Composable
private fun CountdownCard(title: String, event: UpcomingEvent?, now: Instant) {
    Card(modifier = Modifier.fillMaxWidth()) {
        Column(modifier = Modifier.padding(16.dp)) {
            Text(title, style = MaterialTheme.typography.labelLarge)
            if (event == null) {
                Text(tr("dashboard_no_event"))
                return@Column
            }
            Text(Countdown.between(now, event.at).text().local(), style = MaterialTheme.typography.headlineMedium)
            Text(BeijingTime.format(event.at).local())
            Text(
                tr(if (event.announced) "event_announced" else "event_projected"),
                style = MaterialTheme.typography.bodySmall,
            )
        }
    }
}
