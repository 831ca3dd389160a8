package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.results.ResultCard
import app.yaohao.presentation.results.ResultsModel
import app.yaohao.presentation.results.ResultsState
import app.yaohao.presentation.ticks

/** Results: won (confirm within 72 hours), not won (draws and ladder), each with its verification. */
@Composable
fun ResultsScreen(services: ScreenServices) {
    CountRecomposition("results")
    val model = rememberHolder { scope -> ResultsModel(services.client, scope, services.clock) }
    val state by model.state.collectAsStateWithLifecycle()
    val clock = services.clock
    val tick by remember(clock) { ticks(clock) }.collectAsState(initial = null)
    var details by rememberSaveable { mutableStateOf<String?>(null) }

    LaunchedEffect(Unit) { model.load() }
    LaunchedEffect(tick) { if (tick != null) model.tick() }

    ResultsContent(state, details, onDetails = { details = it }, onCheck = { model.check() }, onRetry = { model.load() }, onConfirm = { model.confirm(it) })
}

/** The key of a result card. */
private val ResultCard.key: String get() = "${outcome.period}:${outcome.code}"

/** The results' content for a state; [details] is the card whose verification is open. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ResultsContent(
    state: ResultsState,
    details: String?,
    onDetails: (String?) -> Unit,
    onCheck: () -> Unit,
    onRetry: () -> Unit,
    onConfirm: (Long) -> Unit,
) {
    PullToRefreshBox(isRefreshing = state.busy, onRefresh = onCheck, modifier = Modifier.fillMaxSize()) {
        LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            item { ErrorBanner(state.error, onRetry = onRetry) }
            if (state.cards.isEmpty() && !state.busy) {
                item { Text(tr("results_none"), modifier = Modifier.testTag("empty")) }
            }
            items(state.cards, key = { it.key }) { card ->
                ResultCardView(card, onConfirm = onConfirm, onVerified = { onDetails(card.key) })
            }
        }
    }
    val shown = state.cards.firstOrNull { it.key == details }
    if (shown != null) {
        VerificationDialog(shown.outcome, onDismiss = { onDetails(null) })
    }
}

@Composable
private fun ResultCardView(card: ResultCard, onConfirm: (Long) -> Unit, onVerified: () -> Unit) {
    val won = card is ResultCard.Won
    val scheme = MaterialTheme.colorScheme
    Card(
        modifier = Modifier.fillMaxWidth().testTag(if (won) "won" else "not-won"),
        colors = CardDefaults.cardColors(
            containerColor = if (won) scheme.tertiaryContainer else scheme.errorContainer,
            contentColor = if (won) scheme.onTertiaryContainer else scheme.onErrorContainer,
        ),
    ) {
        Column(modifier = Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Text(tr(if (won) "result_won" else "result_not_won"), style = MaterialTheme.typography.headlineSmall)
            Text(tr("result_period_code", card.outcome.period, card.outcome.code))
            when (card) {
                is ResultCard.Won -> WonDetails(card, onConfirm)
                is ResultCard.NotWon -> {
                    Text(tr("result_draw_count", card.drawCount.toInt()))
                    Text(tr("result_next_weight", card.nextWeight.toInt()))
                }
            }
            if (card.outcome.verified) {
                AssistChip(
                    onClick = onVerified,
                    label = { Text(tr("result_verified")) },
                    leadingIcon = { Icon(Icons.Filled.CheckCircle, contentDescription = null) },
                    modifier = Modifier.testTag("verified"),
                )
            } else {
                Text(tr("result_unverified"), style = MaterialTheme.typography.bodySmall)
            }
        }
    }
}

@Composable
private fun WonDetails(card: ResultCard.Won, onConfirm: (Long) -> Unit) {
    card.outcome.row?.let { Text(tr("result_row", it.toInt())) }
    val quota = card.quota ?: return
    Text(tr("result_certificate", quota.certificate))
    Text(tr("result_confirm_by", BeijingTime.format(quota.confirmBy).local()))
    val left = card.confirmWithin
    if (card.canConfirm && left != null) {
        Button(onClick = { onConfirm(quota.id) }) {
            Text(tr("result_confirm", left.text().local()))
        }
    } else {
        Text(tr(quotaStatus(quota.status)))
    }
}

/** The label of a quota status. */
private fun quotaStatus(status: String): String = when (status) {
    "confirmed" -> "quota_confirmed"
    "forfeited" -> "quota_forfeited"
    "expired" -> "quota_expired"
    else -> "quota_pending"
}

/** What "draw verified" means for this result. */
@Composable
private fun VerificationDialog(outcome: ResultOutcome, onDismiss: () -> Unit) {
    AlertDialog(
        onDismissRequest = onDismiss,
        confirmButton = {
            TextButton(onClick = onDismiss) {
                Text(tr("action_ok"))
            }
        },
        title = { Text(tr("result_verified")) },
        text = { Text(tr("result_verified_details", outcome.period)) },
        modifier = Modifier.testTag("verification"),
    )
}
