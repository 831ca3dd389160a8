package app.yaohao.tests

import org.junit.runner.JUnitCore
import kotlin.system.exitProcess

/** Runs every Kotlin binding test and prints the count line CI reads. */
fun main() {
    val result = JUnitCore().run(
        RulesTest::class.java, CalendarTest::class.java, DocumentsTest::class.java, ResultsTest::class.java,
        FacadeTest::class.java, AccountsTest::class.java, DraftsTest::class.java, CycleTest::class.java,
        ErrorsTest::class.java, LabelsTest::class.java, ThreadingTest::class.java, DecisionsTest::class.java,
        PrivacyTest::class.java, FollowingTest::class.java,
    )
    result.failures.forEach { println("FAILED ${it.testHeader}: ${it.trace}") }
    val failed = result.failureCount
    println("${result.runCount - failed} passed, $failed failed")
    exitProcess(if (failed == 0 && result.runCount > 0) 0 else 1)
}
