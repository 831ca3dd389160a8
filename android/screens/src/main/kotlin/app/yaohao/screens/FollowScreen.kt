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
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.Reason
import app.yaohao.presentation.UiError
import app.yaohao.presentation.following.FollowModel
import app.yaohao.presentation.following.FollowState

/**
 * "关注申请编码", signed in or not: the followed codes (added as typed, the core's error naming an
 * invalid one; removed), and an official result file the user imports, with what it announced.
 */
@Composable
fun FollowScreen(services: ScreenServices) {
    CountRecomposition("follow")
    val model = rememberHolder { scope -> FollowModel(services.yaohao, services.drawDayChecks, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val pick = services.platform.rememberFilePicker(onFile = { bytes -> model.importFile(bytes) })
    LaunchedEffect(Unit) { model.load() }
    FollowContent(state, FollowActions(edit = model::editInput, follow = { model.follow() }, unfollow = { model.unfollow(it) }, import = pick))
}

/** What the following screen's content asks its holder to do. */
class FollowActions(
    val edit: (String) -> Unit,
    val follow: () -> Unit,
    val unfollow: (String) -> Unit,
    val import: () -> Unit,
)

/** The following screen's content for a state. */
@Composable
fun FollowContent(state: FollowState, actions: FollowActions) {
    // The core's refusal of a typed code goes under the field; anything else (a file it cannot read) in the banner.
    val invalidCode = (state.error as? UiError.Invalid)?.takeIf { it.field == "code" }
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Text(tr("follow_explain"), style = MaterialTheme.typography.bodyMedium)
        CheckedField(
            tr("follow_code"),
            state.input,
            invalidCode?.let { listOf(Reason(it.code, it.message.zh, it.message.en)) },
            actions.edit,
            keyboardType = KeyboardType.Number,
        )
        Button(onClick = actions.follow, enabled = !state.busy && state.input.isNotBlank(), modifier = Modifier.fillMaxWidth().testTag("follow-add")) {
            Text(tr("follow_add"))
        }
        if (state.codes.isEmpty()) {
            Text(tr("follow_empty"), modifier = Modifier.testTag("follow-empty"))
        }
        state.codes.forEach { code ->
            ListItem(
                headlineContent = { Text(code) },
                trailingContent = {
                    TextButton(onClick = { actions.unfollow(code) }, modifier = Modifier.testTag("unfollow:$code")) { Text(tr("action_remove")) }
                },
                modifier = Modifier.testTag("followed:$code"),
            )
        }
        Text(tr("follow_import"), style = MaterialTheme.typography.titleMedium)
        Text(tr("follow_import_explain"), style = MaterialTheme.typography.bodySmall)
        OutlinedButton(onClick = actions.import, enabled = !state.busy, modifier = Modifier.fillMaxWidth().testTag("follow-import")) {
            Text(tr("follow_import"))
        }
        if (invalidCode == null) ErrorBanner(state.error)
        state.imported?.let { found ->
            if (found.isEmpty()) Text(tr("follow_import_none"), modifier = Modifier.testTag("imported-none"))
            found.forEach { notification ->
                Card(modifier = Modifier.fillMaxWidth().testTag("imported:${notification.outcome.code}")) {
                    Column(modifier = Modifier.padding(12.dp)) {
                        Text(
                            notification.title.local(),
                            style = MaterialTheme.typography.titleSmall,
                            color = if (notification.outcome.won) MaterialTheme.colorScheme.tertiary else MaterialTheme.colorScheme.onSurface,
                        )
                        Text(notification.body.local())
                    }
                }
            }
        }
    }
}
