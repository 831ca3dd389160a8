package app.yaohao.screens

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.text.input.VisualTransformation
import androidx.compose.ui.unit.dp
import app.yaohao.core.Action
import app.yaohao.core.Reason
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.UiError
import app.yaohao.presentation.retryable

/**
 * An error banner with the core's message and, when it may help, a retry action. A data freeze is
 * a planned pause, not a fault: it gets its own neutral banner with its end time.
 */
@Composable
fun ErrorBanner(error: UiError?, onRetry: (() -> Unit)? = null) {
    if (error == null) return
    if (error is UiError.DataFreeze) return FreezeBanner(error)
    Card(
        modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp).testTag("error"),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
    ) {
        Row(modifier = Modifier.padding(12.dp), verticalAlignment = Alignment.CenterVertically) {
            Text(
                text = error.message.local(),
                color = MaterialTheme.colorScheme.onErrorContainer,
                modifier = Modifier.weight(1f),
            )
            if (onRetry != null && error.retryable) {
                TextButton(onClick = onRetry) {
                    Text(tr("action_retry"))
                }
            }
        }
    }
}

/** The data-freeze banner: queries pause until the end time (Beijing time), shown in the banner. */
@Composable
private fun FreezeBanner(freeze: UiError.DataFreeze) {
    Card(
        modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp).testTag("freeze"),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.secondaryContainer),
    ) {
        Column(modifier = Modifier.padding(12.dp)) {
            val until = freeze.until
            Text(
                if (until == null) tr("freeze_title") else tr("freeze_until", BeijingTime.format(until).local()),
                color = MaterialTheme.colorScheme.onSecondaryContainer,
                style = MaterialTheme.typography.titleSmall,
            )
            Text(freeze.message.local(), color = MaterialTheme.colorScheme.onSecondaryContainer)
        }
    }
}

/** A text field labelled for TalkBack, showing the core's problems with its value under it. */
@Composable
fun CheckedField(
    label: String,
    value: String,
    problems: List<Reason>?,
    onValueChange: (String) -> Unit,
    keyboardType: KeyboardType = KeyboardType.Text,
    secret: Boolean = false,
    modifier: Modifier = Modifier,
) {
    val problem = problems?.firstOrNull()
    Column(modifier = modifier.padding(vertical = 4.dp)) {
        OutlinedTextField(
            value = value,
            onValueChange = onValueChange,
            label = { Text(label) },
            isError = !problems.isNullOrEmpty(),
            singleLine = true,
            keyboardOptions = KeyboardOptions(keyboardType = keyboardType),
            visualTransformation = if (secret) PasswordVisualTransformation() else VisualTransformation.None,
            supportingText = if (problem == null) null else { { Text(problem.local()) } },
            modifier = Modifier.fillMaxWidth().semantics { contentDescription = label },
        )
    }
}

/**
 * The core's actions for a card: an allowed one is a button with its deadline (Beijing time and
 * what it means); a refused one is a disabled button with the core's reason, and when it opens.
 */
@Composable
fun ActionButtons(actions: List<Action>, onAction: (Action) -> Unit) {
    actions.forEach { action ->
        Column(modifier = Modifier.fillMaxWidth().padding(vertical = 2.dp)) {
            OutlinedButton(
                onClick = { onAction(action) },
                enabled = action.allowed,
                modifier = Modifier.fillMaxWidth().testTag("action:${action.kind.name}"),
            ) {
                Text(action.label.local())
            }
            action.deadline?.let { deadline ->
                Text(
                    tr("action_deadline", BeijingTime.format(deadline.at).local(), deadline.meaning.local()),
                    style = MaterialTheme.typography.bodySmall,
                )
            }
            if (!action.allowed) {
                action.reason?.let { Text(it.local(), style = MaterialTheme.typography.bodySmall, modifier = Modifier.testTag("reason:${action.kind.name}")) }
                action.opensAt?.let { Text(tr("action_opens_at", BeijingTime.format(it).local()), style = MaterialTheme.typography.bodySmall) }
            }
        }
    }
}
