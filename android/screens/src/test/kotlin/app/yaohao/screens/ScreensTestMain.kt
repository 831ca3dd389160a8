package app.yaohao.screens

import app.yaohao.presentation.runTests

/** Runs the screens' tests (UI tests, rules, screenshots) and prints the count line CI reads. */
fun main() {
    System.setProperty("java.awt.headless", "true")
    runTests(
        SourcesTest::class.java,
        ScreensTest::class.java,
        ChartAndVerificationTest::class.java,
        RecompositionTest::class.java,
        NavigationTest::class.java,
        PrivacyScreensTest::class.java,
        EligibilityScreenTest::class.java,
        ScreenshotTest::class.java,
    )
}
