package app.yaohao.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/**
 * A screen's state holder: one [StateFlow] of immutable state, actions launched in [scope]
 * (the Android ViewModel passes its `viewModelScope`). Every action returns its [Job].
 */
abstract class StateHolder<S>(initial: S, protected val scope: CoroutineScope) {
    private val mutable = MutableStateFlow(initial)

    /** The state to render. */
    val state: StateFlow<S> = mutable.asStateFlow()

    /** Replaces the state atomically. */
    protected fun update(transform: (S) -> S) = mutable.update(transform)

    /** Runs [block] in [scope]; a failure is mapped and handed to [onError]. */
    protected fun act(onError: (UiError) -> Unit, block: suspend CoroutineScope.() -> Unit): Job = scope.launch {
        try {
            block()
        } catch (failure: Exception) {
            onError(failure.toUiError())
        }
    }
}
