package app.yaohao.presentation

/** Runs every presentation test and prints the count line CI reads. */
fun main() {
    runTests(
        FormattingTest::class.java,
        UiErrorTest::class.java,
        SignInModelTest::class.java,
        ApplicationFormModelTest::class.java,
        DocumentCaptureModelTest::class.java,
        RemindersModelTest::class.java,
        CalculatorModelTest::class.java,
        EligibilityModelTest::class.java,
        OffMainThreadTest::class.java,
        LookupModelTest::class.java,
        AnnouncementsAndSettingsTest::class.java,
        SecretSealerTest::class.java,
        PortalJourneyTest::class.java,
        PrivacyModelTest::class.java,
        FollowModelTest::class.java,
        UnifiedPushTest::class.java,
        DistributorModelTest::class.java,
    )
}
