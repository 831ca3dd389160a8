package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp

/**
 * The first-run consent: the privacy policy and the button that agrees to it. Nothing else of the
 * app (no personal field, no push token, no notification permission) comes before it.
 */
@Composable
fun ConsentScreen(onAccept: () -> Unit) {
    CountRecomposition("consent")
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(24.dp).testTag("consent"),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(tr("consent_title"), style = MaterialTheme.typography.headlineSmall)
        Text(tr("privacy_policy"), style = MaterialTheme.typography.bodyMedium)
        Button(onClick = onAccept, modifier = Modifier.fillMaxWidth().testTag("consent-accept")) {
            Text(tr("consent_accept"))
        }
        Text(tr("consent_withdraw_hint"), style = MaterialTheme.typography.bodySmall)
    }
}
