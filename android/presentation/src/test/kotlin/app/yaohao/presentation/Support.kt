package app.yaohao.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.system.exitProcess
import org.junit.runner.JUnitCore
import java.io.File
import java.time.Instant

/** Runs [block] with a scope for state holders, cancelled afterwards; fails after 60 s. */
fun modelTest(block: suspend (CoroutineScope) -> Unit) = runBlocking {
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    try {
        withTimeout(60_000) { block(scope) }
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

/** Runs the JUnit [classes], prints each failure and the line CI reads, "N passed, N failed", and exits. */
fun runTests(vararg classes: Class<*>): Nothing {
    val result = JUnitCore().run(*classes)
    result.failures.forEach { println("FAILED ${it.testHeader}: ${it.trace}") }
    val failed = result.failureCount
    println("${result.runCount - failed} passed, $failed failed")
    exitProcess(if (failed == 0 && result.runCount > 0) 0 else 1)
}
