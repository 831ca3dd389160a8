package app.yaohao.screens

import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.runtime.staticCompositionLocalOf
import app.yaohao.core.Reason
import app.yaohao.core.Text
import app.yaohao.presentation.Lang
import app.yaohao.presentation.message
import app.yaohao.presentation.pick
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element

/**
 * The app's one string table: `res/values/strings.xml` (Simplified Chinese) and
 * `res/values-en/strings.xml` (English) of `:app`, read at runtime from the classpath
 * (`yaohao-strings/<dir>/strings.xml`, which the Gradle build and the JVM test build copy there), so
 * the Android app and the desktop JVM show the same text without `R`.
 */
object Strings {
    private val tables: Map<Lang, Map<String, String>> by lazy {
        mapOf(Lang.ZH to load("values"), Lang.EN to load("values-en"))
    }

    /** The names of every string in [lang]. */
    fun names(lang: Lang): Set<String> = tables.getValue(lang).keys

    /** The string [name] in [lang], formatted with [args] (Java `%1$s` placeholders, as Android). */
    fun get(lang: Lang, name: String, vararg args: Any): String {
        val pattern = tables.getValue(lang)[name] ?: error("no string \"$name\" in the ${lang.name} table")
        return if (args.isEmpty()) pattern else String.format(lang.locale, pattern, *args)
    }

    private fun load(dir: String): Map<String, String> {
        val path = "yaohao-strings/$dir/strings.xml"
        val stream = Strings::class.java.classLoader.getResourceAsStream(path) ?: error("$path is not on the classpath")
        val document = stream.use { DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(it) }
        val nodes = document.getElementsByTagName("string")
        return (0 until nodes.length).associate { index ->
            val element = nodes.item(index) as Element
            element.getAttribute("name") to unescape(element.textContent)
        }
    }

    /** Android's resource escapes (`\'`, `\"`, `\n`, `\t`, `\\`) and its surrounding quotes. */
    private fun unescape(raw: String): String {
        val text = raw.trim().removeSurrounding("\"")
        return buildString {
            var escaped = false
            for (c in text) {
                when {
                    escaped -> { append(if (c == 'n') '\n' else if (c == 't') '\t' else c); escaped = false }
                    c == '\\' -> escaped = true
                    else -> append(c)
                }
            }
        }
    }

    private val Lang.locale: java.util.Locale
        get() = if (this == Lang.EN) java.util.Locale.ENGLISH else java.util.Locale.SIMPLIFIED_CHINESE
}

/** The language the screens show (the app provides it from its per-app locale). */
val LocalLang = staticCompositionLocalOf { Lang.ZH }

/** The string [name] of the table in the current language. */
@Composable
@ReadOnlyComposable
fun tr(name: String, vararg args: Any): String = Strings.get(LocalLang.current, name, *args)

/** The core's text in the current language. */
@Composable
@ReadOnlyComposable
fun Text.local(): String = pick(LocalLang.current)

/** A reason's message in the current language. */
@Composable
@ReadOnlyComposable
fun Reason.local(): String = message(LocalLang.current)
