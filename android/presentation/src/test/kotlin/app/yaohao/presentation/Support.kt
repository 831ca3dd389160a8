package app.yaohao.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.io.File
import java.time.Instant

/** Runs [block] with a scope for state holders, cancelled afterwards; fails after 20 s. */
fun modelTest(block: suspend (CoroutineScope) -> Unit) = runBlocking {
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    try {
        withTimeout(20_000) { block(scope) }
    } finally {
        scope.cancel()
    }
}

/** The first state that satisfies [predicate]. */
suspend fun <S> StateFlow<S>.awaitState(predicate: (S) -> Boolean): S = first(predicate)

/** A clock that stays where the test puts it. */
class FixedClock(var now: Instant) : Clock {
    override fun now(): Instant = now
}

/** A file of the repository, found from the working directory or its parents. */
fun repoFile(path: String): File =
    generateSequence(File("").absoluteFile) { it.parentFile }.map { File(it, path) }.first { it.exists() }
