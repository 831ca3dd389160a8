package app.yaohao.presentation

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.flow.updateAndGet
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.util.concurrent.ConcurrentHashMap

/**
 * A screen's state holder: one [StateFlow] of immutable state, actions launched in [scope]
 * (the Android ViewModel passes its `viewModelScope`, whose dispatcher is the main thread). Every
 * action returns its [Job]. The core's synchronous functions (field checks, points, odds) run on
 * [computation], never on the caller's thread.
 */
abstract class StateHolder<S>(
    initial: S,
    protected val scope: CoroutineScope,
    /** Where the core's synchronous functions run (tests pass a dispatcher they control). */
    protected val computation: CoroutineDispatcher = Dispatchers.Default,
) {
    private val mutable = MutableStateFlow(initial)
    private val checks = ConcurrentHashMap<String, Job>()

    /** The state to render. */
    val state: StateFlow<S> = mutable.asStateFlow()

    /** Replaces the state atomically. */
    protected fun update(transform: (S) -> S) = mutable.update(transform)

    /** Replaces the state atomically and returns the new state. */
    protected fun updateAndGet(transform: (S) -> S): S = mutable.updateAndGet(transform)

    /** Runs [block] in [scope]; a failure is mapped and handed to [onError]. */
    protected fun act(onError: (UiError) -> Unit, block: suspend CoroutineScope.() -> Unit): Job = scope.launch {
        try {
            block()
        } catch (failure: Exception) {
            onError(failure.toUiError())
        }
    }

    /** Runs the core's synchronous [work] on [computation] and returns its answer. */
    protected suspend fun <T> compute(work: () -> T): T = withContext(computation) { work() }

    /**
     * Runs the core's synchronous [check] on [computation], off the caller's thread; a newer check
     * with the same [key] replaces one not finished yet. [check] writes its own answer (and should
     * keep it only while the input it checked is still the one on screen).
     */
    protected fun recheck(key: String, check: () -> Unit): Job {
        val job = scope.launch(computation) { check() }
        checks.put(key, job)?.cancel()
        job.invokeOnCompletion { checks.remove(key, job) }
        return job
    }

    /**
     * Waits for the checks still running, so an action reads their answers. The snapshot is
     * `toArray` (atomic on a ConcurrentHashMap): Kotlin's `toList()` reads the size first and
     * then iterates, and a check finishing in between made it throw NoSuchElementException.
     */
    protected suspend fun awaitChecks() = checks.values.toTypedArray().toList().joinAll()
}
