package app.yaohao.screens

import androidx.compose.runtime.Composable
import androidx.compose.runtime.SideEffect
import androidx.compose.runtime.staticCompositionLocalOf

/** Counts the recompositions of each screen's body when a test provides it (null in the app). */
val LocalRecompositions = staticCompositionLocalOf<((String) -> Unit)?> { null }

/** Reports one (re)composition of the screen [name] to [LocalRecompositions]. */
@Composable
fun CountRecomposition(name: String) {
    val counter = LocalRecompositions.current ?: return
    SideEffect { counter(name) }
}
