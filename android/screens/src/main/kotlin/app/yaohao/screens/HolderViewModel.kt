package app.yaohao.screens

import androidx.compose.runtime.Composable
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.CoroutineScope

/** Keeps a :presentation state holder across configuration changes, running in viewModelScope. */
class HolderViewModel<H : Any>(create: (CoroutineScope) -> H) : ViewModel() {
    /** The state holder. */
    val holder: H = create(viewModelScope)
}

/** The state holder of this screen (one per [key] in the current view-model store). */
@Composable
inline fun <reified H : Any> rememberHolder(key: String = H::class.java.name, noinline create: (CoroutineScope) -> H): H =
    viewModel(key = key) { HolderViewModel(create) }.holder
