package app.yaohao.presentation

import app.yaohao.presentation.announcements.AnnouncementsModel
import app.yaohao.presentation.settings.SettingsModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

/** Announcements (cache, then portal) and settings (saved on change). */
class AnnouncementsAndSettingsTest {
    @Test
    fun offlineTheCachedAnnouncementsStayWithTheNetworkError() = modelTest { scope ->
        val model = AnnouncementsModel(facade(), scope)
        model.load().join()
        assertTrue(model.state.value.error is UiError.Network)
        assertTrue(model.state.value.items.isEmpty())
        assertFalse(model.state.value.refreshing)
    }

    @Test
    fun settingsAreSavedOnChange() = modelTest { scope ->
        val store = MemorySettings()
        val model = SettingsModel(store, scope)
        model.load().join()
        model.change { it.copy(language = Lang.EN, reminders = false) }.join()
        assertEquals(Lang.EN, store.saved.language)
        assertFalse(store.saved.reminders)
        assertTrue(model.state.value.settings.resultNotifications)
    }
}
