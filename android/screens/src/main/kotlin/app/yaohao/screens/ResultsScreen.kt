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
import androidx.compose.material.icons.filled.Info
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.AssistChip
import androidx.compose.material3.AssistChipDefaults
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
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
import app.yaohao.core.ActionKind
import app.yaohao.core.DrawReport
import app.yaohao.core.PeriodOutcome
import app.yaohao.core.ResultCard
import app.yaohao.core.Verdict
import app.yaohao.core.WonResult
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.Countdown
import app.yaohao.presentation.results.ResultsModel
import app.yaohao.presentation.results.ResultsState
import app.yaohao.presentation.ticks
import java.time.Instant

/** Results: the core's cards (won: confirm within its deadline; not won: draws and ladder), the history, the published periods. */
@Composable
fun ResultsScreen(services: ScreenServices, onVerification: (String) -> Unit = {}) {
    CountRecomposition("results")
    val model = rememberHolder { scope -> ResultsModel(services.yaohao, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val clock = services.clock
    val now by remember(clock) { ticks(clock) }.collectAsState(initial = clock.now())

    LaunchedEffect(Unit) { model.load() }

    ResultsContent(state, now, onVerification = onVerification, onCheck = { model.check() }, onRetry = { model.load() }, onConfirm = { model.confirm(it) })
}

/** The key of a result card (its period and code), which the verification screen is opened with. */
internal val ResultCard.key: String get() = "${outcome.period}:${outcome.code}"

/** The results' content for a state; [onVerification] opens a card's verification by its key. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ResultsContent(
    state: ResultsState,
    now: Instant,
    onVerification: (String) -> Unit,
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
                ResultCardView(card, now, onConfirm = onConfirm, onVerification = { onVerification(card.key) })
            }
            if (state.history.isNotEmpty()) {
                item { Text(tr("results_history"), style = MaterialTheme.typography.titleMedium) }
                items(state.history, key = { "h${it.period}:${it.code}" }) { result ->
                    ListItem(
                        headlineContent = { Text(result.title) },
                        supportingContent = { Text(tr("result_period_code", result.period, result.code)) },
                        trailingContent = { Text(tr(outcomeLabel(result.outcome))) },
                    )
                }
            }
            if (state.periods.isNotEmpty()) {
                item { Text(tr("results_periods"), style = MaterialTheme.typography.titleMedium) }
                items(state.periods, key = { "p${it.id}" }) { period ->
                    ListItem(
                        modifier = Modifier.testTag("period:${period.id}"),
                        headlineContent = { Text(period.title) },
                        supportingContent = {
                            Column {
                                Text(tr("period_summary", period.quota, BeijingTime.format(period.drawAt).local()))
                                period.publishedAt?.let { at ->
                                    Text(tr("period_published", period.poolSize ?: 0L, BeijingTime.format(at).local()))
                                }
                            }
                        },
                    )
                }
            }
        }
    }
}

/** The label of a period outcome in the history. */
private fun outcomeLabel(outcome: PeriodOutcome): String = when (outcome) {
    PeriodOutcome.Won -> "result_won"
    PeriodOutcome.NotWon -> "result_not_won"
    else -> "result_pending"
}

@Composable
private fun ResultCardView(card: ResultCard, now: Instant, onConfirm: (Long) -> Unit, onVerification: () -> Unit) {
    val won = card.outcome.won
    val scheme = MaterialTheme.colorScheme
    Card(
        modifier = Modifier.fillMaxWidth().testTag(if (won) "won" else "not-won"),
        colors = CardDefaults.cardColors(
            containerColor = if (won) scheme.tertiaryContainer else scheme.errorContainer,
            contentColor = if (won) scheme.onTertiaryContainer else scheme.onErrorContainer,
        ),
    ) {
        Column(modifier = Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Text(card.title.local(), style = MaterialTheme.typography.headlineSmall)
            Text(tr("result_period_code", card.outcome.period, card.outcome.code))
            Text(card.meaning.local(), style = MaterialTheme.typography.bodyMedium)
            card.won?.let { WonDetails(card, it, now, onConfirm) }
            card.notWon?.let { notWon ->
                Text(tr("result_draw_count", notWon.drawCount.toInt()))
                notWon.nextWeight?.let { Text(tr("result_next_weight", it.toInt())) }
            }
            card.verification?.let { report -> VerificationChip(report, onVerification) }
        }
    }
}

/** The core's verdict on the published list, in its own words; it opens the verification. Only a mismatch reads as an error. */
@Composable
private fun VerificationChip(report: DrawReport, onClick: () -> Unit) {
    val mismatch = report.verdict == Verdict.MISMATCH
    val error = MaterialTheme.colorScheme.error
    AssistChip(
        onClick = onClick,
        label = { Text(report.headline.local()) },
        leadingIcon = {
            val icon = when (report.verdict) {
                Verdict.VERIFIED -> Icons.Filled.CheckCircle
                Verdict.MISMATCH -> Icons.Filled.Warning
                else -> Icons.Filled.Info
            }
            Icon(icon, contentDescription = null)
        },
        colors = if (mismatch) AssistChipDefaults.assistChipColors(labelColor = error, leadingIconContentColor = error) else AssistChipDefaults.assistChipColors(),
        modifier = Modifier.testTag("verification-chip"),
    )
}

@Composable
private fun WonDetails(card: ResultCard, won: WonResult, now: Instant, onConfirm: (Long) -> Unit) {
    card.outcome.row?.let { Text(tr("result_row", it.toInt())) }
    won.quota?.let { Text(tr("result_certificate", it.certificate)) }
    won.confirmBy?.let { Text(tr("result_confirm_by", BeijingTime.format(it).local())) }
    won.validUntil?.let { Text(tr("result_valid_until", BeijingTime.format(it).local())) }
    won.countdown?.let { countdown ->
        Text(tr("countdown_to", countdown.deadline.meaning.local(), Countdown.between(now, countdown.deadline.at).text().local()))
    }
    val quota = won.quota ?: return
    ActionButtons(won.actions) { action -> if (action.kind == ActionKind.CONFIRM) onConfirm(quota.id) }
}
