package app.yaohao.app.ui

import android.content.Context
import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.ui.platform.LocalConfiguration
import app.yaohao.presentation.Lang

/** The language of the screens: the app's current locale (per-app language included). */
val currentLang: Lang
    @Composable
    @ReadOnlyComposable
    get() = Lang.forTag(LocalConfiguration.current.locales[0].toLanguageTag())

/** The language of a context's configuration (services, workers, receivers). */
fun Context.lang(): Lang = Lang.forTag(resources.configuration.locales[0].toLanguageTag())
