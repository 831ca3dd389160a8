package app.yaohao.presentation

import org.junit.runner.JUnitCore
import kotlin.system.exitProcess

/** Runs every presentation test and prints the count line CI reads. */
fun main() {
    val result = JUnitCore().run(
        FormattingTest::class.java,
        UiErrorTest::class.java,
        SignInModelTest::class.java,
        DashboardModelTest::class.java,
        ApplicationFormModelTest::class.java,
        DocumentCaptureModelTest::class.java,
        ResultsModelTest::class.java,
        RemindersModelTest::class.java,
        CalculatorModelTest::class.java,
        AnnouncementsAndSettingsTest::class.java,
        ResultPushTest::class.java,
        SecretSealerTest::class.java,
        PortalJourneyTest::class.java,
    )
    result.failures.forEach { println("FAILED ${it.testHeader}: ${it.trace}") }
    val failed = result.failureCount
    println("${result.runCount - failed} passed, $failed failed")
    exitProcess(if (failed == 0 && result.runCount > 0) 0 else 1)
}
