package app.yaohao.screens

import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color

/**
 * The app's colours. Results use theme roles, never fixed colours: won is the tertiary role (a
 * green tertiary palette, light and dark, each pair meeting WCAG AA contrast), not won is the error
 * role.
 */
object YaohaoColors {
    /** The light scheme. */
    val light: ColorScheme = lightColorScheme().withWonPalette(dark = false)

    /** The dark scheme. */
    val dark: ColorScheme = darkColorScheme().withWonPalette(dark = true)
}

/** [this] scheme with the green tertiary palette that marks a won result. */
fun ColorScheme.withWonPalette(dark: Boolean): ColorScheme = if (dark) {
    copy(
        tertiary = Color(0xFF88D98F),
        onTertiary = Color(0xFF00390F),
        tertiaryContainer = Color(0xFF005320),
        onTertiaryContainer = Color(0xFFA3F5A9),
    )
} else {
    copy(
        tertiary = Color(0xFF1B6D2F),
        onTertiary = Color(0xFFFFFFFF),
        tertiaryContainer = Color(0xFFA3F5A9),
        onTertiaryContainer = Color(0xFF002109),
    )
}

/** Material 3 with the app's schemes ([scheme] replaces them, e.g. Android's dynamic colour). */
@Composable
fun YaohaoTheme(dark: Boolean, scheme: ColorScheme? = null, content: @Composable () -> Unit) {
    MaterialTheme(colorScheme = scheme ?: if (dark) YaohaoColors.dark else YaohaoColors.light, content = content)
}
