package app.yaohao.presentation

import java.time.Instant

/** The current instant; tests pass a fixed one. */
fun interface Clock {
    /** Now. */
    fun now(): Instant

    companion object {
        /** The system clock. */
        val System: Clock = Clock { Instant.now() }
    }
}
