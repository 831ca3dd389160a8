package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import kotlin.test.assertFailsWith

/** Document photo preparation through the real library. */
class DocumentsTest {
    private val photo = File("tests/fixtures/photos/licence.jpg").readBytes()

    @Test
    fun preparesAPhotoWithinTheLimit() = runBlocking<Unit> {
        val p = prepareDocument(photo, DocumentKind.DRIVING_LICENCE)
        assertEquals(1000u, p.width)
        assertEquals(700u, p.height)
        assertTrue(p.jpeg.size.toULong() <= documentMaxBytes(DocumentKind.DRIVING_LICENCE))
        assertEquals(0xFF.toByte(), p.jpeg[0])
        assertEquals(0xD8.toByte(), p.jpeg[1])
    }

    @Test
    fun idPhotoIsShrunkTo200Kb() = runBlocking<Unit> {
        val p = prepareDocument(photo, DocumentKind.ID_PHOTO)
        assertEquals(200uL * 1024uL, documentMaxBytes(DocumentKind.ID_PHOTO))
        assertTrue(p.jpeg.size <= 200 * 1024)
    }

    @Test
    fun badBytesAreExplained() = runBlocking<Unit> {
        assertFailsWith<YaohaoException.InvalidInput>("a GIF was accepted") {
            prepareDocument("GIF89a".toByteArray(), DocumentKind.ID_CARD_FRONT)
        }.let { e ->
            assertEquals("photo", e.field)
            assertEquals("document_format", e.code)
            assertTrue(e.messageZh.contains("JPG"))
        }
    }
}
