package app.yaohao.screens

import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.SemanticsMatcher
import androidx.compose.ui.test.assert
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertTextEquals
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.assertWidthIsAtLeast
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.assertCountEquals
import androidx.compose.ui.test.onAllNodesWithContentDescription
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.hasTestTag
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performScrollToNode
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.performTextReplacement
import androidx.compose.ui.unit.dp
import app.yaohao.core.ActionKind
import app.yaohao.core.Family
import app.yaohao.core.Member
import app.yaohao.core.Relation
import app.yaohao.core.familyPoints
import app.yaohao.core.ApplicationKind
import app.yaohao.presentation.FakeDistributors
import app.yaohao.core.MaritalStatus
import app.yaohao.core.Reason
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.Lang
import app.yaohao.presentation.pick
import app.yaohao.presentation.repoFile
import app.yaohao.presentation.signin.SignInField
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.rules.RuleChain
import org.junit.Test
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/** The screens' behaviour under Compose's test rule (the real core computes every rule). */
class ScreensTest {
    val rule = createComposeRule()

    @get:Rule
    val rules: RuleChain = withTimeout(rule)

    private fun pointsText(): String =
        rule.onNodeWithTag("points").fetchSemanticsNode().config[SemanticsProperties.Text].joinToString { it.text }

    @Test
    fun familyMembersCanBeAddedAndRemoved() {
        rule.setContent { Host { CalculatorScreen() } }
        rule.onNodeWithTag("add:SPOUSE").performClick()
        rule.onNodeWithTag("add:CHILD").performClick()
        rule.onNodeWithTag("add:PARENT").performClick()
        rule.onNodeWithTag("member:3").assertExists()
        val withFour = pointsText()

        // Each row shows its relation and its remove button at a usable width.
        for (index in 1..3) {
            rule.onNodeWithTag("relation:$index").assertWidthIsAtLeast(24.dp)
            rule.onNodeWithTag("remove:$index").assertWidthIsAtLeast(48.dp)
        }
        rule.onNodeWithTag("relation:0").assertWidthIsAtLeast(24.dp)
        rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "action_remove") + " " + Strings.get(Lang.ZH, "relation_child")).assertExists()

        rule.onNodeWithTag("remove:2").performClick()
        assertTrue(rule.onAllNodesWithTag("member:3").fetchSemanticsNodes().isEmpty())
        rule.onNodeWithTag("member:2").assertExists()
        // The child went; the parent moved up; the core recomputed the points.
        assertEquals(
            Strings.get(Lang.ZH, "relation_parent"),
            rule.onNodeWithTag("relation:2").fetchSemanticsNode().config[SemanticsProperties.Text].joinToString { it.text },
        )
        assertNotEquals(withFour, pointsText())
    }

    @Test
    fun eachMembersNevQueueYearsCountInThePoints() {
        rule.setContent { Host { CalculatorScreen() } }
        rule.onNodeWithTag("add:SPOUSE").performClick()
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("points").fetchSemanticsNodes().isNotEmpty() }
        val before = pointsText()
        val nev = Strings.get(Lang.ZH, "points_nev_years")
        rule.onAllNodesWithContentDescription(nev).assertCountEquals(2)
        rule.onAllNodesWithContentDescription(nev)[1].performTextInput("3")
        // The core recomputes: the spouse's three full years in the NEV queue count.
        val expected = familyPoints(Family(null, 0u, listOf(Member(Relation.MAIN, 0u, 0u), Member(Relation.SPOUSE, 0u, 3u))))
        rule.waitUntil(5_000) { pointsText() != before }
        assertEquals(Strings.get(Lang.ZH, "points_total", expected.total.toInt(), expected.formula), pointsText())
    }

    @Test
    fun theDataFreezeBannerShowsItsEndTime() {
        rule.setContent { Host { DashboardContent(Samples.home.getValue("freeze"), Samples.now, HomeActions({}, {}, { _, _ -> }, {}), HomeNavigation({}, {}, {}, {}, {})) } }
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("freeze").fetchSemanticsNodes().isNotEmpty() }
        val end = BeijingTime.format(Samples.freeze.until!!).pick(Lang.ZH)
        rule.onNodeWithText(Strings.get(Lang.ZH, "freeze_until", end)).assertExists()
        // A planned pause, not an error.
        assertTrue(rule.onAllNodesWithTag("error").fetchSemanticsNodes().isEmpty())
    }

    @Test
    fun theButtonsFollowTheCoresAllowedActions() {
        val performed = mutableListOf<ActionKind>()
        val actions = HomeActions({}, {}, { _, action -> performed += action.kind }, {})
        rule.setContent { Host { DashboardContent(Samples.home.getValue("content"), Samples.now, actions, HomeNavigation({}, {}, {}, {}, {})) } }
        // Approved: editing and 继续参与 are shown disabled, each with the core's reason.
        rule.onNodeWithTag("action:EDIT").assertIsNotEnabled()
        rule.onNodeWithTag("action:CONTINUE").assertIsNotEnabled()
        rule.onNodeWithTag("reason:EDIT").assertExists()
        rule.onNodeWithTag("reason:CONTINUE").assertExists()
        rule.onNodeWithTag("action:EDIT").performClick()
        assertTrue(performed.isEmpty())
    }

    @Test
    fun theNewApplicationMenuOffersTheCoresKindsOnly() {
        val created = mutableListOf<ApplicationKind>()
        val actions = HomeActions({}, { created += it }, { _, _ -> }, {})
        val content = Samples.home.getValue("content")
        // A regime without families in the ordinary lottery: the core leaves that kind out.
        val kinds = listOf(ApplicationKind.INDIVIDUAL_ORDINARY, ApplicationKind.FAMILY)
        val state = content.copy(dashboard = content.dashboard!!.copy(applicationKinds = kinds))
        rule.setContent { Host { DashboardContent(state, Samples.now, actions, HomeNavigation({}, {}, {}, {}, {})) } }
        rule.onNodeWithTag("home").performScrollToNode(hasTestTag("new:FAMILY"))
        rule.onNodeWithTag("new:FAMILY").performClick()
        assertEquals(listOf(ApplicationKind.FAMILY), created)
        assertTrue(rule.onAllNodesWithTag("new:FAMILY_ORDINARY").fetchSemanticsNodes().isEmpty())
        assertTrue(rule.onAllNodesWithTag("new:INDIVIDUAL_NEV").fetchSemanticsNodes().isEmpty())
    }

    @Test
    fun settingsOfferTheInstalledDistributorsAndSayWhenThereIsNone() {
        val none = TestServices()
        rule.setContent { Host { SettingsScreen(none, onWithdrawConsent = {}) } }
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("no-distributor").fetchSemanticsNodes().isNotEmpty() }
        assertTrue(rule.onAllNodesWithTag("distributor:none").fetchSemanticsNodes().isEmpty())
    }

    @Test
    fun aDistributorChosenInSettingsIsUsed() {
        val services = TestServices(distributors = FakeDistributors(listOf(NTFY)))
        rule.setContent { Host { SettingsScreen(services, onWithdrawConsent = {}) } }
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("distributor:$NTFY").fetchSemanticsNodes().isNotEmpty() }
        rule.onNodeWithTag("distributor:$NTFY").performScrollTo().performClick()
        rule.waitUntil(10_000) { services.distributors.used == listOf(NTFY) }
        rule.onNodeWithTag("distributor:none").performScrollTo().performClick()
        rule.waitUntil(10_000) { services.distributors.stopped == 1 }
    }

    @Test
    fun anAllowedActionIsEnabledWithItsDeadlineAndRuns() {
        val performed = mutableListOf<ActionKind>()
        val actions = HomeActions({}, {}, { _, action -> performed += action.kind }, {})
        val state = Samples.home.getValue("rejected")
        rule.setContent { Host { DashboardContent(state, Samples.now, actions, HomeNavigation({}, {}, {}, {}, {})) } }
        val resubmit = state.dashboard!!.applications.single().actions.single()
        rule.onNodeWithTag("action:RESUBMIT").assertIsEnabled()
        rule.onNodeWithText(Strings.get(Lang.ZH, "action_deadline", BeijingTime.format(resubmit.deadline!!.at).zh, resubmit.deadline!!.meaning.zh)).assertExists()
        assertTrue(rule.onAllNodesWithTag("action:EDIT").fetchSemanticsNodes().isEmpty())
        rule.onNodeWithTag("action:RESUBMIT").performClick()
        assertEquals(listOf(ActionKind.RESUBMIT), performed)
    }

    @Test
    fun familyMembersAreEditedInTheApplicationForm() {
        val (yaohao, draftId) = Samples.drafting()
        rule.setContent { Host { ApplicationFormScreen(TestServices(yaohao), draftId, {}, {}) } }
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("family-member:2").fetchSemanticsNodes().isNotEmpty() }
        rule.onNodeWithTag("family-add:CHILD").performScrollTo().performClick()
        rule.waitForIdle()
        rule.onNodeWithTag("family-member:3").assertExists()
        rule.onNodeWithTag("family-remove:0").performScrollTo().performClick()
        rule.waitForIdle()
        assertTrue(rule.onAllNodesWithTag("family-member:3").fetchSemanticsNodes().isEmpty())
        rule.onNodeWithTag("family-member:2").assertExists()
    }

    @Test
    fun aRefusedMaritalChangeShowsTheCoresReasonAndNoStatusChoice() {
        rule.setContent { Host { AccountContent(Samples.account, Samples.now, AccountActions({}, {}, { _, _ -> }, {}, {}, {}, {}, {}, {}, {}, {}), MaritalStatus.MARRIED) } }
        rule.onNodeWithTag("action:CHANGE_MARITAL_STATUS").assertIsNotEnabled()
        rule.onNodeWithTag("reason:CHANGE_MARITAL_STATUS").assertExists()
        assertTrue(rule.onAllNodesWithTag("marital:MARRIED").fetchSemanticsNodes().isEmpty())
        rule.onNodeWithTag("marital-change").assertExists()
    }

    @Test
    fun aWithdrawalRunsOnlyOnceConfirmed() {
        val performed = mutableListOf<ActionKind>()
        val actions = HomeActions({}, {}, { _, action -> performed += action.kind }, {})
        rule.setContent { Host { DashboardContent(Samples.home.getValue("content"), Samples.now, actions, HomeNavigation({}, {}, {}, {}, {})) } }
        rule.onNodeWithTag("action:WITHDRAW").performScrollTo().assertIsEnabled().performClick()
        rule.onNodeWithTag("withdraw-dialog").assertExists()
        rule.onNodeWithText(Strings.get(Lang.ZH, "withdraw_confirm_text")).assertExists()
        assertTrue("withdrawn before the confirmation", performed.isEmpty())
        rule.onNodeWithTag("withdraw-cancel").performClick()
        assertTrue(rule.onAllNodesWithTag("withdraw-dialog").fetchSemanticsNodes().isEmpty())
        assertTrue(performed.isEmpty())

        rule.onNodeWithTag("action:WITHDRAW").performClick()
        rule.onNodeWithTag("withdraw-confirm").performClick()
        assertEquals(listOf(ActionKind.WITHDRAW), performed)
        assertTrue(rule.onAllNodesWithTag("withdraw-dialog").fetchSemanticsNodes().isEmpty())
    }

    @Test
    fun anAddressChangeIsSentOnlyForAnAddressTheCoreAccepts() {
        val problem = Reason("address_city", "请写全称“北京市”而不是“北京”", "Write the full form 北京市")
        var state by mutableStateOf(Samples.accountAddress("北京西城区金融大街7号", listOf(problem)))
        var sent = 0
        val actions = AccountActions({}, {}, { _, _ -> }, {}, {}, {}, { sent++ }, {}, {}, {}, {})
        rule.setContent { Host { AccountContent(state, Samples.now, actions, MaritalStatus.MARRIED) } }
        rule.onNodeWithTag("action:CHANGE_ADDRESS").performScrollTo().assertIsNotEnabled()
        rule.onNodeWithText(problem.messageZh, substring = true).assertExists()
        state = Samples.accountAddress("北京市西城区金融大街7号英蓝国际中心1201", emptyList())
        rule.onNodeWithTag("action:CHANGE_ADDRESS").performScrollTo().assertIsEnabled().performClick()
        assertEquals(1, sent)
    }

    @Test
    fun deletingTheAccountNeedsThePasswordAndTheTypedWord() {
        var state by mutableStateOf(Samples.accountDeletion.copy(deleting = false, error = null))
        val deleted = mutableListOf<String>()
        val actions = AccountActions({}, {}, { _, _ -> }, {}, {}, {}, {}, {}, { state = state.copy(deleting = it) }, { deleted += it }, {})
        rule.setContent { Host { AccountContent(state, Samples.now, actions, MaritalStatus.MARRIED) } }
        rule.onNodeWithTag("action:DELETE_ACCOUNT").performScrollTo().assertIsEnabled().performClick()
        rule.onNodeWithTag("deletion").assertExists()
        rule.onNodeWithTag("delete-account").assertIsNotEnabled()
        rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "account_delete_password")).performTextInput("Secret123")
        rule.onNodeWithTag("delete-account").assertIsNotEnabled()
        val word = Strings.get(Lang.ZH, "account_delete_word")
        rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "account_delete_type", word)).performTextInput("注")
        rule.onNodeWithTag("delete-account").assertIsNotEnabled()
        rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "account_delete_type", word)).performTextReplacement(word)
        rule.onNodeWithTag("delete-account").performScrollTo().assertIsEnabled().performClick()
        assertEquals(listOf("Secret123"), deleted)

        // The portal's refusal of a wrong password shows under the field, not as a banner.
        rule.runOnIdle { state = Samples.accountDeletion }
        rule.onNodeWithText("密码不正确，账户未注销").assertExists()
        assertTrue(rule.onAllNodesWithTag("error").fetchSemanticsNodes().isEmpty())
        rule.onNodeWithTag("delete-cancel").performScrollTo().performClick()
        rule.onNodeWithTag("action:DELETE_ACCOUNT").assertExists()
    }

    @Test
    fun deletionIsRefusedWhileAWonQuotaWaits() {
        rule.setContent { Host { AccountContent(Samples.accountQuotaPending, Samples.now, AccountActions({}, {}, { _, _ -> }, {}, {}, {}, {}, {}, {}, {}, {}), MaritalStatus.MARRIED) } }
        rule.onNodeWithTag("action:DELETE_ACCOUNT").performScrollTo().assertIsNotEnabled()
        rule.onNodeWithTag("reason:DELETE_ACCOUNT").assertExists()
        assertTrue(rule.onAllNodesWithTag("deletion").fetchSemanticsNodes().isEmpty())
    }

    @Test
    fun codesAreFollowedAndAnImportedFileShowsWhatItAnnounced() {
        val services = TestServices().apply { platform.file = repoFile("tests/fixtures/results/unit-2015-named.utf8.txt").readBytes() }
        rule.setContent { Host { FollowScreen(services) } }
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("follow-empty").fetchSemanticsNodes().isNotEmpty() }
        val field = rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "follow_code"))
        field.performTextInput("123")
        rule.onNodeWithTag("follow-add").performClick()
        // The core's error names the invalid code, under the field.
        rule.waitUntil(10_000) { rule.onAllNodesWithText("“123”", substring = true).fetchSemanticsNodes().isNotEmpty() }
        assertTrue(rule.onAllNodesWithTag("followed:123").fetchSemanticsNodes().isEmpty())

        field.performTextReplacement("2000 0000 00663")
        rule.onNodeWithTag("follow-add").performClick()
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("followed:2000000000663").fetchSemanticsNodes().isNotEmpty() }
        assertTrue("the draw-day checks were not planned", services.checkJobs.jobs.isNotEmpty())

        rule.onNodeWithTag("follow-import").performScrollTo().performClick()
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("imported:2000000000663").fetchSemanticsNodes().isNotEmpty() }
        rule.onNodeWithTag("follow-import").performScrollTo().performClick()
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("imported-none").fetchSemanticsNodes().isNotEmpty() }

        rule.onNodeWithTag("unfollow:2000000000663").performScrollTo().performClick()
        rule.waitUntil(10_000) { rule.onAllNodesWithTag("follow-empty").fetchSemanticsNodes().isNotEmpty() }
    }

    @Test
    fun anyCodeIsLookedUpInAnOpenedList() {
        val state = Samples.lookup()
        rule.setContent { Host { LookupContent(state, {}, {}, {}) } }
        rule.onNodeWithTag("lookup-verdict").assertTextEquals("已验证")
        rule.onNodeWithTag("lookup-found").assertTextEquals(Strings.get(Lang.ZH, "lookup_won", 1))
    }

    @Test
    fun textFieldsCarryTheirLabelsForTalkBackInChinese() = labelsIn(Lang.ZH)

    @Test
    fun textFieldsCarryTheirLabelsForTalkBackInEnglish() = labelsIn(Lang.EN)

    private fun labelsIn(lang: Lang) {
        rule.setContent { Host(lang = lang) { SignInScreen(TestServices(), onSignedIn = {}) } }
        // A person's registration shows every field but the unit's.
        rule.onNodeWithText(Strings.get(lang, "signin_register")).performClick()
        rule.waitForIdle()
        val person = SignInField.entries - SignInField.CREDIT_CODE - SignInField.UNIT_NAME
        assertEditable(lang, person.map { "field_" + it.name.lowercase() })
        rule.onAllNodesWithContentDescription(Strings.get(lang, "field_credit_code")).assertCountEquals(0)
        // A unit's registration adds the credit code and the unit's name; the person is its contact.
        rule.onNodeWithTag("as:UNIT").performClick()
        rule.waitForIdle()
        assertEditable(
            lang,
            listOf(
                "field_credit_code", "field_unit_name", "field_contact_resident_id", "field_contact_name",
                "field_contact_mobile", "field_password", "field_sms_code",
            ),
        )
        rule.onAllNodesWithContentDescription(Strings.get(lang, "field_resident_id")).assertCountEquals(0)
    }

    /** Each label names an editable text field for TalkBack. */
    private fun assertEditable(lang: Lang, labels: List<String>) {
        for (key in labels) {
            rule.onNodeWithContentDescription(Strings.get(lang, key))
                .assert(SemanticsMatcher.keyIsDefined(SemanticsActions.SetText))
                .assert(SemanticsMatcher.keyIsDefined(SemanticsProperties.EditableText))
        }
    }
}

/** Idle screens do not recompose: a counter over one idle second with the system clock. */
class RecompositionTest {
    val rule = createComposeRule()

    @get:Rule
    val rules: RuleChain = withTimeout(rule)

    private val counts = ConcurrentHashMap<String, AtomicInteger>()

    private fun idleSecond(name: String, content: @androidx.compose.runtime.Composable () -> Unit): Int {
        rule.setContent {
            CompositionLocalProvider(LocalRecompositions provides { screen -> counts.getOrPut(screen) { AtomicInteger() }.incrementAndGet() }) {
                Host { content() }
            }
        }
        rule.waitForIdle()
        val before = counts[name]?.get() ?: 0
        assertTrue("$name composed", before > 0)
        rule.mainClock.advanceTimeBy(1_000)
        rule.waitForIdle()
        return (counts[name]?.get() ?: 0) - before
    }

    @Test
    fun signInRecomposesAtMostOncePerSecondTick() {
        // Its resend countdown ticks every second: one recomposition at most in an idle second.
        val recompositions = idleSecond("signin") { SignInScreen(TestServices(), onSignedIn = {}) }
        assertTrue("sign-in recomposed $recompositions times in an idle second", recompositions <= 1)
    }

    @Test
    fun homeDoesNotRecomposeWhenIdle() {
        val recompositions = idleSecond("home") { DashboardScreen(TestServices(), HomeNavigation({}, {}, {}, {}, {})) }
        assertEquals("home recompositions in an idle second", 0, recompositions)
    }

    @Test
    fun theWholeAppDoesNotRecomposeWhenIdle() {
        val recompositions = idleSecond("home") { YaohaoApp(TestServices()) }
        assertEquals("home recompositions inside the app in an idle second", 0, recompositions)
    }

    @Test
    fun resultsDoNotRecomposeWhenIdle() {
        val recompositions = idleSecond("results") { ResultsScreen(TestServices()) }
        assertEquals("results recompositions in an idle second", 0, recompositions)
    }
}

private const val NTFY = "io.heckel.ntfy"
