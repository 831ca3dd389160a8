package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.nio.file.Files
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset
import kotlin.test.assertFailsWith

/** Policies, and the calendar through the facade: projected in Beijing time, announced dates from the portal. */
class CalendarTest : PortalTest() {
    private fun app(): Yaohao =
        Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-calendar").toString(), Lang.ZH, MemorySecretStore())

    @Test
    fun policiesListTheDefault() {
        val all: List<PolicySummary> = policies()
        val default = all.single { it.isDefault }
        assertEquals("bimonthly-2014", default.name)
        assertEquals(6u, default.ordinaryDrawsPerYear)
        assertEquals(3, all.size)
    }

    @Test
    fun realDrawDateIsProjectedInBeijingTime() = runBlocking<Unit> {
        val app = app()
        app.refreshCalendar()
        val events: List<Event> = app.calendar("2015-06-01", "2015-06-30")
        val draw = events.single { it.kind == EventKind.DRAW }
        assertEquals("2015-06-26", draw.date)
        assertEquals(Instant.parse("2015-06-26T02:15:00Z"), draw.at)
        assertFalse(draw.announced)
    }

    @Test
    fun anAnnouncedDateFromThePortalReplacesTheProjection() = runBlocking<Unit> {
        val app = app()
        app.refreshCalendar()
        // A draw in the coming months (the facade refreshes the year ahead).
        val today = LocalDate.now(ZoneOffset.ofHours(8))
        val (from, to) = today.plusDays(60).toString() to today.plusDays(120).toString()
        val projected = app.calendar(from, to).first { it.kind == EventKind.DRAW }
        val moved = projected.at.plusSeconds(2 * 86_400)
        portal.announceDate("draw", projected.date, moved)
        app.refreshCalendar()
        val draw = app.calendar(from, today.plusDays(130).toString()).first { it.kind == EventKind.DRAW && it.announced }
        assertEquals(moved, draw.at)
        assertTrue(draw.announced)
    }

    @Test
    fun badDatesAreInvalidInput() = runBlocking<Unit> {
        val app = app()
        assertFailsWith<YaohaoException.InvalidInput>("month 13 accepted") {
            app.calendar("2026-13-01", "2026-12-01")
        }.let { e ->
            assertEquals("date_format", e.code)
            assertTrue(e.messageZh.contains("2026-13-01"))
        }
        assertFailsWith<YaohaoException.InvalidInput>("'yesterday' accepted") {
            app.calendar("yesterday", "2026-12-01")
        }.let { e ->
            assertEquals("date", e.field)
        }
    }
}
