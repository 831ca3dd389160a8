package app.yaohao.screens

import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.luminance
import app.yaohao.presentation.Lang
import app.yaohao.presentation.repoFile
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/** The screens module's rules: one string table, no Android imports, colours from the theme. */
class SourcesTest {
    private val sources = repoFile("android/screens/src/main/kotlin").walk().filter { it.extension == "kt" }.toList()

    @Test
    fun bothLanguagesHaveTheSameStrings() {
        assertEquals(Strings.names(Lang.ZH), Strings.names(Lang.EN))
        assertEquals("Spouse's parent", Strings.get(Lang.EN, "relation_spouse_parent"))
        assertEquals("第 202602 期 · 申请编码 42", Strings.get(Lang.ZH, "result_period_code", "202602", "42"))
    }

    @Test
    fun everyStringTheScreensUseIsInTheTable() {
        val used = sources.flatMap { file -> Regex("tr\\(\"(\\w+)\"").findAll(file.readText()).map { it.groupValues[1] }.toList() } +
            sources.flatMap { file -> Regex("\"((?:tab|relation|doc|field|quota|signin|status|result|settings)_\\w+)\"").findAll(file.readText()).map { it.groupValues[1] }.toList() }
        assertTrue("found ${used.size} uses", used.size > 50)
        val missing = used.toSet() - Strings.names(Lang.ZH)
        assertTrue("not in the string table: $missing", missing.isEmpty())
    }

    @Test
    fun theScreensImportNothingFromAndroid() {
        assertTrue(sources.size >= 10)
        val android = sources.filter { file -> file.readLines().any { it.startsWith("import android.") } }
        assertTrue("android.* imports in $android", android.isEmpty())
    }

    @Test
    fun resultColoursComeFromTheThemeAndMeetContrast() {
        val fixed = sources.filter { it.name != "Theme.kt" && Regex("Color\\(0x|Color\\.(Red|Green|Gray)").containsMatchIn(it.readText()) }
        assertTrue("fixed colours in $fixed", fixed.isEmpty())
        for (scheme in listOf(YaohaoColors.light, YaohaoColors.dark)) {
            assertTrue(contrast(scheme.onTertiaryContainer, scheme.tertiaryContainer) >= 4.5)
            assertTrue(contrast(scheme.onErrorContainer, scheme.errorContainer) >= 4.5)
            assertTrue(contrast(scheme.tertiary, scheme.surface) >= 4.5)
            assertTrue(contrast(scheme.error, scheme.surface) >= 4.5)
        }
    }

    /** The WCAG contrast ratio of two colours. */
    private fun contrast(a: Color, b: Color): Double {
        val (light, dark) = listOf(a.luminance(), b.luminance()).sortedDescending()
        return (light + 0.05) / (dark + 0.05)
    }
}
