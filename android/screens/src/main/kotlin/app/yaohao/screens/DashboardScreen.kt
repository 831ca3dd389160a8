package app.yaohao.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.Action
import app.yaohao.core.ActionKind
import app.yaohao.core.ApplicationCard
import app.yaohao.core.ApplicationKind
import app.yaohao.core.UpcomingEvent
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.Countdown
import app.yaohao.presentation.dashboard.DashboardModel
import app.yaohao.presentation.dashboard.DashboardState
import app.yaohao.presentation.needsSignIn
import app.yaohao.presentation.ticks
import java.time.Instant

/** What home can lead to. */
class HomeNavigation(
    val openDraft: (String) -> Unit,
    val openApplication: (Long) -> Unit,
    val openResults: () -> Unit,
    val openAccount: () -> Unit,
    val signIn: () -> Unit,
)

/** Home: countdowns to the next cut-off and draw, the latest result, the account, applications and drafts. */
@Composable
fun DashboardScreen(services: ScreenServices, navigation: HomeNavigation) {
    CountRecomposition("home")
    val model = rememberHolder { scope -> DashboardModel(services.yaohao, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val clock = services.clock
    val now by remember(clock) { ticks(clock) }.collectAsState(initial = clock.now())

    LaunchedEffect(Unit) { model.load() }
    LaunchedEffect(state.openDraft) {
        state.openDraft?.let {
            model.draftOpened()
            navigation.openDraft(it)
        }
    }

    DashboardContent(
        state,
        now,
        HomeActions(
            refresh = { model.refresh() },
            newApplication = { model.newApplication(it) },
            perform = { card, action -> model.perform(card.application.id, action.kind) },
            discardDraft = { model.discardDraft(it) },
        ),
        navigation,
    )
}

/** What home's content asks its holder to do. */
class HomeActions(
    val refresh: () -> Unit,
    val newApplication: (ApplicationKind) -> Unit,
    val perform: (ApplicationCard, Action) -> Unit,
    val discardDraft: (String) -> Unit,
)

/**
 * Home's content for a state. Signed out, it offers sign-in and keeps the rest of the app (the
 * calculator, announcements) a tab away: it never sends the user to sign-in by itself.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun DashboardContent(state: DashboardState, now: Instant, actions: HomeActions, navigation: HomeNavigation) {
    val signedOut = state.error?.needsSignIn == true
    val dashboard = state.dashboard
    PullToRefreshBox(isRefreshing = state.refreshing, onRefresh = actions.refresh, modifier = Modifier.fillMaxSize()) {
        LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp).testTag("home"), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            if (dashboard == null && state.error == null) {
                item { LinearProgressIndicator(modifier = Modifier.fillMaxWidth().testTag("loading")) }
            }
            if (signedOut) {
                item { SignInCard(state.error?.message?.local(), navigation.signIn) }
            } else {
                item { ErrorBanner(state.error, onRetry = actions.refresh) }
            }
            state.lastSync?.refused.orEmpty().forEach { refusal ->
                item { Text(tr("upload_refused", refusal.message.local()), color = MaterialTheme.colorScheme.error, modifier = Modifier.testTag("upload-refused")) }
            }
            item { CountdownCard(tr("dashboard_next_cutoff"), state.nextCutoff, now) }
            item { CountdownCard(tr("dashboard_next_draw"), state.nextDraw, now) }
            dashboard?.latestResults?.firstOrNull()?.let { result ->
                item {
                    Card(modifier = Modifier.fillMaxWidth().clickable(onClick = navigation.openResults).testTag("latest-result")) {
                        ListItem(
                            headlineContent = {
                                Text(
                                    result.title.local(),
                                    color = if (result.outcome.won) MaterialTheme.colorScheme.tertiary else MaterialTheme.colorScheme.error,
                                )
                            },
                            supportingContent = { Text(tr("result_period_code", result.outcome.period, result.outcome.code)) },
                        )
                    }
                }
            }
            if (signedOut) return@LazyColumn
            dashboard?.account?.let { account ->
                item {
                    Card(modifier = Modifier.fillMaxWidth().clickable(onClick = navigation.openAccount).testTag("account")) {
                        ListItem(
                            headlineContent = { Text(account.account.name) },
                            supportingContent = { Text(tr("account_summary", account.residentIdMasked, account.mobileMasked)) },
                            trailingContent = { Text(account.maritalStatusLabel.local()) },
                        )
                    }
                }
            }
            item { Text(tr("dashboard_applications"), style = MaterialTheme.typography.titleMedium) }
            if (dashboard != null && dashboard.applications.isEmpty() && dashboard.drafts.isEmpty()) {
                item { Text(tr("dashboard_empty"), modifier = Modifier.testTag("empty")) }
            }
            items(dashboard?.applications.orEmpty(), key = { "a${it.application.id}" }) { card ->
                ApplicationCardView(card, now, onOpen = { navigation.openApplication(card.application.id) }, onAction = { actions.perform(card, it) })
            }
            items(dashboard?.drafts.orEmpty(), key = { "d${it.localId}" }) { draft ->
                ListItem(
                    headlineContent = { Text(tr("draft_title") + " · " + tr(draft.kind.label())) },
                    supportingContent = { Text(tr(if (draft.synced) "draft_synced" else "draft_local")) },
                    trailingContent = {
                        TextButton(onClick = { actions.discardDraft(draft.localId) }, modifier = Modifier.testTag("discard:${draft.localId}")) {
                            Text(tr("draft_discard"))
                        }
                    },
                    modifier = Modifier.clickable { navigation.openDraft(draft.localId) },
                )
            }
            item {
                Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
                    Text(tr("application_new"), style = MaterialTheme.typography.titleSmall)
                    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        // The kinds the core offers under the policy in force.
                        dashboard?.applicationKinds.orEmpty().forEach { kind ->
                            OutlinedButton(onClick = { actions.newApplication(kind) }, modifier = Modifier.weight(1f).testTag("new:${kind.name}")) {
                                Text(tr(kind.label()))
                            }
                        }
                    }
                }
            }
        }
    }
}

/**
 * An application: the core's status label, countdown and actions (home and the application's
 * screen). A withdrawal cannot be undone, so it runs only once the user confirmed it.
 */
@Composable
fun ApplicationCardView(card: ApplicationCard, now: Instant, onOpen: () -> Unit, onAction: (Action) -> Unit) {
    var confirming by remember { mutableStateOf<Action?>(null) }
    confirming?.let { action ->
        WithdrawDialog(action, onConfirm = { confirming = null; onAction(action) }, onDismiss = { confirming = null })
    }
    Card(modifier = Modifier.fillMaxWidth().testTag("application:${card.application.id}")) {
        Column(modifier = Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(card.application.code ?: tr("application_no_code"), style = MaterialTheme.typography.titleMedium, modifier = Modifier.clickable(onClick = onOpen))
            Text(card.statusLabel.local() + " · " + tr(card.application.kind.label()))
            card.countdown?.let { countdown ->
                Text(tr("countdown_to", countdown.deadline.meaning.local(), Countdown.between(now, countdown.deadline.at).text().local()))
            }
            card.nextWeight?.let { Text(tr("result_next_weight", it.toInt())) }
            ActionButtons(card.actions) { action -> if (action.kind == ActionKind.WITHDRAW) confirming = action else onAction(action) }
        }
    }
}

/** Asks before withdrawing: it cannot be undone; the core's deadline says what withdrawing by then means. */
@Composable
fun WithdrawDialog(action: Action, onConfirm: () -> Unit, onDismiss: () -> Unit) {
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(tr("withdraw_confirm_title")) },
        text = {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                Text(tr("withdraw_confirm_text"))
                action.deadline?.let { Text(tr("action_deadline", BeijingTime.format(it.at).local(), it.meaning.local()), style = MaterialTheme.typography.bodySmall) }
            }
        },
        confirmButton = {
            TextButton(onClick = onConfirm, modifier = Modifier.testTag("withdraw-confirm")) {
                Text(tr("withdraw_confirm"), color = MaterialTheme.colorScheme.error)
            }
        },
        dismissButton = {
            TextButton(onClick = onDismiss, modifier = Modifier.testTag("withdraw-cancel")) { Text(tr("action_cancel")) }
        },
        modifier = Modifier.testTag("withdraw-dialog"),
    )
}

/** The label of an application kind. */
fun ApplicationKind.label(): String = when (this) {
    ApplicationKind.INDIVIDUAL_ORDINARY -> "kind_individual"
    ApplicationKind.INDIVIDUAL_NEV -> "kind_nev"
    ApplicationKind.FAMILY -> "kind_family"
    ApplicationKind.FAMILY_ORDINARY -> "kind_family_ordinary"
    ApplicationKind.UNIT_ORDINARY -> "kind_unit_ordinary"
    ApplicationKind.UNIT_NEV -> "kind_unit_nev"
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
