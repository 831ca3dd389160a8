package app.yaohao.presentation

import app.yaohao.core.Text
import app.yaohao.presentation.announcements.AnnouncementsModel
import app.yaohao.presentation.model.Announcement
import app.yaohao.presentation.settings.Settings
import app.yaohao.presentation.settings.SettingsModel
import app.yaohao.presentation.settings.SettingsStore
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** Announcements (cache, then portal) and settings (saved on change). */
class AnnouncementsAndSettingsTest {
    @Test
    fun announcementsShowTheCacheThenThePortal() = modelTest { scope ->
        val client = MemoryClient()
        client.announcements = listOf(
            Announcement(2, Text("新公告", "New"), Text("正文", "Body"), Instant.parse("2026-11-20T00:00:00Z")),
            Announcement(1, Text("旧公告", "Old"), Text("正文", "Body"), Instant.parse("2026-10-20T00:00:00Z")),
        )
        val model = AnnouncementsModel(client, scope)
        model.load().join()
        assertEquals(listOf("announcements", "refreshAnnouncements"), client.calls)
        assertEquals(listOf(2L, 1L), model.state.value.items.map { it.id })
        assertFalse(model.state.value.refreshing)
    }

    @Test
    fun settingsAreSavedOnChange() = modelTest { scope ->
        val store = object : SettingsStore {
            var saved = Settings()

            override suspend fun load() = saved

            override suspend fun save(settings: Settings) {
                saved = settings
            }
        }
        val model = SettingsModel(store, scope)
        model.load().join()
        model.change { it.copy(language = Lang.EN, reminders = false) }.join()
        assertEquals(Lang.EN, store.saved.language)
        assertFalse(store.saved.reminders)
        assertTrue(model.state.value.settings.resultNotifications)
    }
}
