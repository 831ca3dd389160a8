package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalClipboardManager
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.DrawReport
import app.yaohao.core.Verdict
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.results.ResultsModel

/** The verification of the result card [key] (`period:code`), from the results' holder. */
@Composable
fun VerificationScreen(services: ScreenServices, key: String) {
    CountRecomposition("verification")
    val model = rememberHolder { scope -> ResultsModel(services.yaohao, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val report = state.cards.firstOrNull { it.key == key }?.verification
    LaunchedEffect(Unit) { if (state.cards.isEmpty()) model.load() }
    if (report != null) {
        VerificationContent(report)
    } else {
        ErrorBanner(state.error, onRetry = { model.load() })
    }
}

/**
 * A published list's verification as the core reports it: its headline and what it means (only a
 * mismatch is coloured as an error: "not verified yet" is not a failure), then the facts it rests
 * on — the period and draw date (Beijing), the seed, the pool size N with ladder copies, the quota
 * Q, the list's rows, the replay's draws and skips, and which file was checked (its SHA-256).
 */
@Composable
fun VerificationContent(report: DrawReport) {
    val scheme = MaterialTheme.colorScheme
    val mismatch = report.verdict == Verdict.MISMATCH
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp).testTag("verification"),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Card(
            modifier = Modifier.fillMaxWidth().testTag(if (mismatch) "verdict-mismatch" else "verdict"),
            colors = if (mismatch) {
                CardDefaults.cardColors(containerColor = scheme.errorContainer, contentColor = scheme.onErrorContainer)
            } else {
                CardDefaults.cardColors(containerColor = scheme.surfaceContainerHigh, contentColor = scheme.onSurface)
            },
        ) {
            Column(modifier = Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                Text(report.headline.local(), style = MaterialTheme.typography.headlineSmall, modifier = Modifier.testTag("verification-headline"))
                Text(report.meaning.local(), style = MaterialTheme.typography.bodyMedium, modifier = Modifier.testTag("verification-meaning"))
            }
        }
        Text(report.title, style = MaterialTheme.typography.titleMedium)
        Fact("verification_period", report.period, "fact-period")
        report.drawDate?.let { Fact("verification_draw_date", BeijingTime.formatDate(it).local(), "fact-draw-date") }
        Fact("verification_seed", report.seed ?: "—", "fact-seed")
        Fact("verification_pool", report.poolSize.toString(), "fact-pool")
        Fact("verification_quota", report.quota.toString(), "fact-quota")
        Fact("verification_rows", report.rows.toString(), "fact-rows")
        Fact("verification_draws", report.draws.toString(), "fact-draws")
        Fact("verification_skipped", report.skipped.toString(), "fact-skipped")
        HorizontalDivider()
        Sha256Row(report.sha256)
    }
}

/** One fact of the report: its label and value. */
@Composable
private fun Fact(label: String, value: String, tag: String) {
    ListItem(
        headlineContent = { Text(value, modifier = Modifier.testTag(tag)) },
        overlineContent = { Text(tr(label)) },
    )
}

/** The file's SHA-256, shortened to its ends, with the whole of it copied on demand. */
@Composable
private fun Sha256Row(sha256: String) {
    val clipboard = LocalClipboardManager.current
    val short = if (sha256.length > 16) sha256.take(8) + "…" + sha256.takeLast(8) else sha256
    val spoken = tr("verification_sha256") + " " + sha256
    Row(verticalAlignment = Alignment.CenterVertically, modifier = Modifier.fillMaxWidth()) {
        ListItem(
            headlineContent = {
                Text(short, fontFamily = FontFamily.Monospace, modifier = Modifier.testTag("fact-sha256").semantics { contentDescription = spoken })
            },
            overlineContent = { Text(tr("verification_sha256")) },
            modifier = Modifier.weight(1f),
        )
        TextButton(onClick = { clipboard.setText(AnnotatedString(sha256)) }, modifier = Modifier.testTag("copy-sha256")) {
            Text(tr("action_copy"))
        }
    }
}
