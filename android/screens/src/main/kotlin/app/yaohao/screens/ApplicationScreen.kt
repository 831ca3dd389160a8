package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.Action
import app.yaohao.core.applicationStatusLabel
import app.yaohao.core.documentLabel
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.application.ApplicationDetailModel
import app.yaohao.presentation.application.ApplicationDetailState
import app.yaohao.presentation.ticks
import java.time.Instant

/** One application: the core's card and actions, the rejection reasons, the history, the documents. */
@Composable
fun ApplicationScreen(services: ScreenServices, applicationId: Long, onOpenDraft: (String) -> Unit) {
    CountRecomposition("application")
    val model = rememberHolder(key = "application:$applicationId") { scope -> ApplicationDetailModel(services.yaohao, scope, applicationId) }
    val state by model.state.collectAsStateWithLifecycle()
    val clock = services.clock
    val now by remember(clock) { ticks(clock) }.collectAsState(initial = clock.now())

    LaunchedEffect(applicationId) { model.load() }
    LaunchedEffect(state.openDraft) {
        state.openDraft?.let {
            model.draftOpened()
            onOpenDraft(it)
        }
    }

    ApplicationContent(state, now, onRetry = { model.load() }, onAction = { model.perform(it.kind) })
}

/** An application's content for a state. */
@Composable
fun ApplicationContent(state: ApplicationDetailState, now: Instant, onRetry: () -> Unit, onAction: (Action) -> Unit) {
    LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item { ErrorBanner(state.error, onRetry = onRetry) }
        state.card?.let { card -> item { ApplicationCardView(card, now, onOpen = {}, onAction = onAction) } }
        val detail = state.detail ?: return@LazyColumn
        val reasons = detail.application.rejectionReasons
        if (reasons.isNotEmpty()) {
            item { Text(tr("application_rejected_because"), style = MaterialTheme.typography.titleMedium) }
            items(reasons, key = { "r${it.code}" }) { reason ->
                Text("• " + reason.local(), color = MaterialTheme.colorScheme.error, modifier = Modifier.testTag("rejection:${reason.code}"))
            }
        }
        item { Text(tr("application_history"), style = MaterialTheme.typography.titleMedium) }
        items(detail.history, key = { "s${it.seenAt}" }) { change ->
            ListItem(
                headlineContent = { Text(applicationStatusLabel(change.status).local()) },
                supportingContent = { Text(BeijingTime.format(change.seenAt).local()) },
            )
        }
        item { Text(tr("documents_title"), style = MaterialTheme.typography.titleMedium) }
        items(detail.documents, key = { "doc${it.sha256}" }) { document ->
            ListItem(
                headlineContent = { Text(documentLabel(document.kind).local()) },
                supportingContent = { Text(tr(if (document.uploadedAt != null) "document_uploaded" else "document_queued")) },
            )
        }
    }
}
