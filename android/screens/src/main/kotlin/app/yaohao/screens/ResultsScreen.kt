package app.yaohao.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Verified
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
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
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
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
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.results.ResultCard
import app.yaohao.presentation.results.ResultsModel
import app.yaohao.presentation.ticks

/** Results: green for won (confirm within 72 hours), red for not won (draws and ladder). */
@Composable
fun ResultsScreen(graph: AppGraph) {
    val model = rememberHolder { scope -> ResultsModel(graph.client, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val tick by ticks().collectAsState(initial = null)
    var details by rememberSaveable { mutableStateOf<String?>(null) }

    LaunchedEffect(Unit) { model.load() }
    LaunchedEffect(tick) { model.tick() }

    PullToRefreshBox(isRefreshing = state.busy, onRefresh = { model.check() }, modifier = Modifier.fillMaxSize()) {
        LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            item { ErrorBanner(state.error, onRetry = { model.load() }) }
            if (state.cards.isEmpty() && !state.busy) {
                item { Text(stringResource(R.string.results_none)) }
            }
            items(state.cards, key = { "${it.outcome.period}:${it.outcome.code}" }) { card ->
                ResultCardView(card, onConfirm = model::confirm, onVerified = { details = "${card.outcome.period}:${card.outcome.code}" })
            }
        }
    }

    val shown = state.cards.firstOrNull { "${it.outcome.period}:${it.outcome.code}" == details }
    if (shown != null) {
        VerificationDialog(shown.outcome, onDismiss = { details = null })
    }
}

@Composable
private fun ResultCardView(card: ResultCard, onConfirm: (Long) -> Unit, onVerified: () -> Unit) {
    val color = if (card is ResultCard.Won) WonGreen else NotWonRed
    Card(
        modifier = Modifier.fillMaxWidth(),
        colors = CardDefaults.cardColors(containerColor = color.copy(alpha = 0.12f)),
    ) {
        Column(modifier = Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Text(
                stringResource(if (card is ResultCard.Won) R.string.result_won else R.string.result_not_won),
                color = color,
                style = MaterialTheme.typography.headlineSmall,
            )
            Text(stringResource(R.string.result_period_code, card.outcome.period, card.outcome.code))
            when (card) {
                is ResultCard.Won -> WonDetails(card, onConfirm)
                is ResultCard.NotWon -> {
                    Text(stringResource(R.string.result_draw_count, card.drawCount.toInt()))
                    Text(stringResource(R.string.result_next_weight, card.nextWeight.toInt()))
                }
            }
            if (card.outcome.verified) {
                AssistChip(
                    onClick = onVerified,
                    label = { Text(stringResource(R.string.result_verified)) },
                    leadingIcon = { Icon(Icons.Filled.Verified, contentDescription = null, tint = WonGreen) },
                )
            } else {
                Text(stringResource(R.string.result_unverified), color = Color.Gray)
            }
        }
    }
}

@Composable
private fun WonDetails(card: ResultCard.Won, onConfirm: (Long) -> Unit) {
    card.outcome.row?.let { Text(stringResource(R.string.result_row, it.toInt())) }
    val quota = card.quota ?: return
    Text(stringResource(R.string.result_certificate, quota.certificate))
    Text(stringResource(R.string.result_confirm_by, BeijingTime.format(quota.confirmBy).local()))
    val left = card.confirmWithin
    if (card.canConfirm && left != null) {
        Button(onClick = { onConfirm(quota.id) }) {
            Text(stringResource(R.string.result_confirm, left.text().local()))
        }
    } else {
        Text(stringResource(quotaStatus(quota.status)))
    }
}

/** The label of a quota status. */
private fun quotaStatus(status: String): Int = when (status) {
    "confirmed" -> R.string.quota_confirmed
    "forfeited" -> R.string.quota_forfeited
    "expired" -> R.string.quota_expired
    else -> R.string.quota_pending
}

/** What "draw verified" means for this result. */
@Composable
private fun VerificationDialog(outcome: ResultOutcome, onDismiss: () -> Unit) {
    AlertDialog(
        onDismissRequest = onDismiss,
        confirmButton = {
            TextButton(onClick = onDismiss) {
                Text(stringResource(R.string.action_ok))
            }
        },
        title = { Text(stringResource(R.string.result_verified)) },
        text = { Text(stringResource(R.string.result_verified_details, outcome.period)) },
    )
}
