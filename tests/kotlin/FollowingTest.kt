package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files
import kotlin.test.assertFailsWith

/** Following codes without an account: typed as the user likes, matched in an imported official file, announced once. */
class FollowingTest {
    private val text = File("tests/fixtures/results/unit-2015-named.utf8.txt").readBytes()

    @Test
    fun aFollowedCodeIsAnnouncedOnceFromAnImportedFile() = runBlocking<Unit> {
        // No portal and no account: nothing listens on port 9.
        val app = Yaohao("http://127.0.0.1:9", Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, MemorySecretStore())
        assertFailsWith<YaohaoException.InvalidInput>("an invalid code was followed") {
            app.followCodes(listOf("2000 0000 00663", "123"))
        }.let { assertEquals("code", it.field) }
        assertTrue(app.followedCodes().isEmpty())
        assertEquals(listOf("2000000000663"), app.followCodes(listOf("２０００ ００００ ００６６３")))
        val found: List<ResultNotification> = app.importResultFile(text)
        val lookup = checkCode(text, "2000000000663") as CodeLookup.Draw
        assertEquals(1, found.size)
        assertEquals("2000000000663", found.single().outcome.code)
        assertEquals(lookup.won, found.single().outcome.won)
        assertTrue(found.single().outcome.verified)
        assertTrue("announced once", app.importResultFile(text).isEmpty())
        assertEquals(emptyList<String>(), app.unfollowCode("2000-0000-00663"))
    }
}
