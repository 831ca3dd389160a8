package app.yaohao.presentation.announcements

import app.yaohao.core.Announcement
import app.yaohao.core.Yaohao
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
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
    private val yaohao: Yaohao,
    scope: CoroutineScope,
) : StateHolder<AnnouncementsState>(AnnouncementsState(), scope) {

    /** Shows the cache, then refreshes. */
    fun load(): Job = act(::fail) {
        val cached = yaohao.announcements()
        update { it.copy(items = cached, refreshing = true, error = null) }
        val fresh = yaohao.refreshAnnouncements()
        update { it.copy(items = fresh, refreshing = false) }
    }

    private fun fail(error: UiError) = update { it.copy(refreshing = false, error = error) }
}
