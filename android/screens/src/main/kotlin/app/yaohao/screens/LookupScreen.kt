package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.CodeLookup
import app.yaohao.core.Verdict
import app.yaohao.presentation.lookup.LookupModel
import app.yaohao.presentation.lookup.LookupState

/** Looks up any application code in a published result list the user opens, with the core's replay of the draw. */
@Composable
fun LookupScreen(services: ScreenServices) {
    CountRecomposition("lookup")
    val model = rememberHolder { scope -> LookupModel(scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val pick = services.platform.rememberFilePicker(onFile = { bytes -> model.open(bytes) })
    LookupContent(state, onPick = pick, onCode = model::editCode, onLookup = { model.lookup() })
}

/** The lookup's content for a state. */
@Composable
fun LookupContent(state: LookupState, onPick: () -> Unit, onCode: (String) -> Unit, onLookup: () -> Unit) {
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Text(tr("lookup_explain"), style = MaterialTheme.typography.bodyMedium)
        OutlinedButton(onClick = onPick, modifier = Modifier.fillMaxWidth().testTag("lookup-open")) { Text(tr("lookup_open")) }
        state.verification?.let { report ->
            Card(modifier = Modifier.fillMaxWidth().testTag("lookup-file")) {
                Column(modifier = Modifier.padding(12.dp)) {
                    Text(report.title, style = MaterialTheme.typography.titleSmall)
                    Text(tr("lookup_summary", report.period, report.poolSize.toInt(), report.quota.toInt(), report.seed ?: "—"))
                    // Only a mismatch reads as an error; "not verified yet" is not a failure.
                    val colour = if (report.verdict == Verdict.MISMATCH) MaterialTheme.colorScheme.error else Color.Unspecified
                    Text(report.headline.local(), style = MaterialTheme.typography.titleSmall, color = colour, modifier = Modifier.testTag("lookup-verdict"))
                    Text(report.meaning.local(), style = MaterialTheme.typography.bodySmall)
                }
            }
            CheckedField(tr("lookup_code"), state.code, null, onCode, keyboardType = KeyboardType.Number)
            Button(onClick = onLookup, enabled = !state.busy, modifier = Modifier.fillMaxWidth().testTag("lookup-find")) { Text(tr("lookup_find")) }
        }
        ErrorBanner(state.error)
        when (val found = state.found) {
            is CodeLookup.Draw -> Text(
                if (found.won) tr("lookup_won", found.row?.toInt() ?: 0) else tr("lookup_not_in_list"),
                style = MaterialTheme.typography.titleMedium,
                modifier = Modifier.testTag("lookup-found"),
            )
            is CodeLookup.Queue -> Text(
                if (found.queued) tr("lookup_queued", found.rank?.toInt() ?: 0) else tr("lookup_not_in_list"),
                style = MaterialTheme.typography.titleMedium,
                modifier = Modifier.testTag("lookup-found"),
            )
            null -> Unit
        }
    }
}
