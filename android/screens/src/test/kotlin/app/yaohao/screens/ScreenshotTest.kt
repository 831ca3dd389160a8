package app.yaohao.screens

import app.yaohao.presentation.Lang
import org.jetbrains.skia.Bitmap
import org.jetbrains.skia.Image
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File

/** Every screen state renders to a PNG with real content, in every language, theme and size. */
class ScreenshotTest {
    @Test
    fun everyStateRendersToPng() {
        val dir = File(System.getProperty("yaohao.screens", "target/screens"))
        val files = Screenshots.renderAll(dir)
        val shots = Screenshots.shots()
        assertEquals(shots.size * Lang.entries.size * 2 * Screenshots.sizes.size, files.size)
        val states = shots.map { "${it.screen}-${it.state}" }.toSet()
        for (required in listOf("home-loading", "home-content", "home-empty", "home-error", "home-freeze", "results-won", "results-not-won", "results-verification", "results-verification-mismatch", "results-mismatch", "calculator-family", "calculator-odds-chart")) {
            assertTrue("no screenshot of $required", required in states)
        }
        for (file in files) {
            val bitmap = Bitmap.makeFromImage(Image.makeFromEncoded(file.readBytes()))
            val background = bitmap.getColor(1, 1)
            var differing = 0
            val colours = HashSet<Int>()
            for (y in 0 until bitmap.height step 4) {
                for (x in 0 until bitmap.width step 4) {
                    val colour = bitmap.getColor(x, y)
                    colours += colour
                    if (colour != background) differing++
                }
            }
            val sampled = (bitmap.width / 4) * (bitmap.height / 4)
            assertTrue("${file.name} is nearly blank", differing > sampled / 1000)
            assertTrue("${file.name} has only ${colours.size} colours", colours.size >= 8)
        }
    }
}
