package app.yaohao.app.ui

import android.content.Context
import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.ui.platform.LocalConfiguration
import app.yaohao.core.Reason
import app.yaohao.core.Text
import app.yaohao.presentation.Lang
import app.yaohao.presentation.message
import app.yaohao.presentation.pick

/** The language of the core's text: the app's current locale (per-app language included). */
val currentLang: Lang
    @Composable
    @ReadOnlyComposable
    get() = Lang.forTag(LocalConfiguration.current.locales[0].toLanguageTag())

/** The language of a context's configuration (services, workers, receivers). */
fun Context.lang(): Lang = Lang.forTag(resources.configuration.locales[0].toLanguageTag())

/** The core's text in the current language. */
@Composable
@ReadOnlyComposable
fun Text.local(): String = pick(currentLang)

/** A reason's message in the current language. */
@Composable
@ReadOnlyComposable
fun Reason.local(): String = message(currentLang)
