package app.yaohao.presentation

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import java.time.Instant
import kotlin.time.Duration
import kotlin.time.Duration.Companion.minutes

/** The current instant now and then every [period]: countdowns on screen collect it. */
fun ticks(clock: Clock = Clock.System, period: Duration = 1.minutes): Flow<Instant> = flow {
    while (true) {
        emit(clock.now())
        delay(period)
    }
}
