package app.yaohao.presentation.announcements

import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.model.Announcement
import app.yaohao.presentation.model.YaohaoClient
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The announcements screen's state. */
data class AnnouncementsState(
    /** Newest first. */
    val items: List<Announcement> = emptyList(),
    val refreshing: Boolean = false,
    val error: UiError? = null,
)

/** Policy announcements: the cached ones at once, then the portal's. */
class AnnouncementsModel(
    private val client: YaohaoClient,
    scope: CoroutineScope,
) : StateHolder<AnnouncementsState>(AnnouncementsState(), scope) {

    /** Shows the cache, then refreshes. */
    fun load(): Job = act(::fail) {
        val cached = client.announcements()
        update { it.copy(items = cached, refreshing = true, error = null) }
        val fresh = client.refreshAnnouncements()
        update { it.copy(items = fresh, refreshing = false) }
    }

    private fun fail(error: UiError) = update { it.copy(refreshing = false, error = error) }
}
