package app.yaohao.screens

import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.ListItem
import androidx.compose.material3.Text
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.announcements.AnnouncementsModel
import app.yaohao.presentation.announcements.AnnouncementsState

/** Policy announcements, newest first. */
@Composable
fun AnnouncementsScreen(services: ScreenServices) {
    CountRecomposition("announcements")
    val model = rememberHolder { scope -> AnnouncementsModel(services.yaohao, scope) }
    val state by model.state.collectAsStateWithLifecycle()

    LaunchedEffect(Unit) { model.load() }

    AnnouncementsContent(state, onRefresh = { model.load() })
}

/** The announcements' content for a state. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun AnnouncementsContent(state: AnnouncementsState, onRefresh: () -> Unit) {
    PullToRefreshBox(isRefreshing = state.refreshing, onRefresh = onRefresh, modifier = Modifier.fillMaxSize()) {
        LazyColumn(modifier = Modifier.fillMaxSize().padding(16.dp)) {
            item { ErrorBanner(state.error, onRetry = onRefresh) }
            items(state.items, key = { it.id }) { announcement ->
                ListItem(
                    overlineContent = { Text(BeijingTime.format(announcement.publishedAt).local()) },
                    headlineContent = { Text(announcement.title.local()) },
                    supportingContent = { Text(announcement.body.local()) },
                )
            }
        }
    }
}
