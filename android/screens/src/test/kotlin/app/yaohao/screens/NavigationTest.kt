package app.yaohao.screens

import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onAllNodesWithContentDescription
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.performTextReplacement
import app.yaohao.core.Yaohao
import app.yaohao.presentation.Applicant.ID
import app.yaohao.presentation.Applicant.LICENCE_FILE
import app.yaohao.presentation.Applicant.MOBILE
import app.yaohao.presentation.Applicant.NAME
import app.yaohao.presentation.Applicant.PASSWORD
import app.yaohao.presentation.FixedClock
import app.yaohao.presentation.Lang
import app.yaohao.presentation.MemorySecrets
import app.yaohao.presentation.MemorySettings
import app.yaohao.presentation.TestPortal
import app.yaohao.presentation.settings.Settings
import java.nio.file.Files
import java.time.Instant
import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Rule
import org.junit.Test
import org.junit.rules.RuleChain
import app.yaohao.core.Clock as CoreClock
import app.yaohao.core.Lang as CoreLang

/** The app's navigation over the real core and a real portal, signed out. */
class NavigationTest {
    val rule = createComposeRule()

    @get:Rule
    val rules: RuleChain = withTimeout(rule)

    private val nav = Navigator()

    /** A fresh install: the real facade against the portal, with no session. */
    private fun services(): TestServices {
        val dir = Files.createTempDirectory("yaohao-screens").toFile().apply { deleteOnExit() }
        return TestServices(Yaohao(portal.url, dir.path, CoreLang.ZH, MemorySecrets()))
    }

    private fun text(name: String) = Strings.get(Lang.ZH, name)

    private fun waitForTag(tag: String) =
        rule.waitUntil(15_000) { rule.onAllNodesWithTag(tag).fetchSemanticsNodes().isNotEmpty() }

    @Test
    fun theBottomBarHasFourTabsThatSwitchScreens() {
        rule.setContent { Host { YaohaoApp(services(), nav) } }
        assertTrue("Material's bottom bar takes 3 to 5 destinations", tabs.size in 3..5)
        tabs.forEach { rule.onNodeWithTag("tab:${it.label}").assertExists() }

        rule.onNodeWithTag("tab:tab_calculator").performClick()
        rule.onNodeWithText(text("points_title")).assertExists()
        assertEquals(Route.Calculator, nav.current)

        rule.onNodeWithTag("tab:tab_more").performClick()
        rule.onNodeWithTag("more:tab_announcements").performClick()
        assertEquals(Route.Announcements, nav.current)
        // A screen under "More" keeps its tab selected and has a way back.
        rule.onNodeWithTag("tab:tab_more").assertExists()
        rule.onNodeWithTag("back").performClick()
        assertEquals(Route.More, nav.current)

        rule.onNodeWithTag("tab:tab_results").performClick()
        assertEquals(Route.Results, nav.current)
        rule.onNodeWithTag("tab:tab_home").performClick()
        assertEquals(Route.Home, nav.current)
        assertTrue("Home is the bottom of the stack", !nav.canGoBack)
    }

    @Test
    fun signedOutHomeOffersSignInAndTheWayBackStaysHome() {
        rule.setContent { Host { YaohaoApp(services(), nav) } }
        // The core says the session is missing: Home offers sign-in instead of jumping there.
        waitForTag("signed-out")
        assertEquals(Route.Home, nav.current)

        rule.onNodeWithTag("sign-in").performClick()
        assertEquals(Route.SignIn, nav.current)
        rule.onNodeWithTag("submit").assertExists()

        rule.onNodeWithTag("back").performClick()
        assertEquals(Route.Home, nav.current)
        // Home loads again and fails again with "sign in": it must not send the user back.
        waitForTag("signed-out")
        rule.mainClock.advanceTimeBy(1_000)
        rule.waitForIdle()
        assertEquals(Route.Home, nav.current)
        assertTrue(rule.onAllNodesWithTag("submit").fetchSemanticsNodes().isEmpty())

        // The calculator and the announcements stay reachable while signed out.
        rule.onNodeWithTag("tab:tab_calculator").performClick()
        rule.onNodeWithText(text("points_title")).assertExists()
        rule.onNodeWithTag("tab:tab_more").performClick()
        rule.onNodeWithTag("more:tab_announcements").performClick()
        assertEquals(Route.Announcements, nav.current)
    }

    @Test
    fun registeringAndSigningInThroughTheScreenLeadsBackToAFilledHome() {
        portal.makeEligible(ID, LICENCE_FILE)
        // The app's clock and the core's follow the portal's simulated clock.
        val clock = FixedClock(Instant.parse(TestPortal.START))
        val dir = Files.createTempDirectory("yaohao-screens").toFile().apply { deleteOnExit() }
        val coreClock = object : CoreClock {
            override fun now(): Instant = clock.now
        }
        val services = TestServices(Yaohao.withClock(portal.url, dir.path, CoreLang.ZH, MemorySecrets(), coreClock), clock)
        rule.setContent { Host { YaohaoApp(services, nav) } }
        waitForTag("signed-out")
        rule.onNodeWithTag("sign-in").performClick()
        rule.onNodeWithTag("mode:REGISTER").performClick()
        rule.onNodeWithContentDescription(text("field_resident_id")).performTextInput(ID)
        rule.onNodeWithContentDescription(text("field_name")).performTextInput(NAME)
        rule.onNodeWithContentDescription(text("field_mobile")).performTextInput(MOBILE)
        rule.onNodeWithContentDescription(text("field_password")).performTextInput(PASSWORD)

        enterCode(clock)
        rule.onNodeWithTag("submit").performClick()
        rule.waitUntil(15_000) { rule.onAllNodesWithText(text("signin_registered")).fetchSemanticsNodes().isNotEmpty() }

        // Signing in: the resend countdown has to pass first.
        rule.onNodeWithTag("mode:LOGIN").performClick()
        enterCode(clock)
        rule.onNodeWithTag("submit").performClick()
        rule.waitUntil(15_000) { nav.current == Route.Home }
        // Home now shows the account's data from the portal, with no sign-in card.
        rule.waitUntil(15_000) { rule.onAllNodesWithText(text("dashboard_applications")).fetchSemanticsNodes().isNotEmpty() }
        assertTrue(rule.onAllNodesWithTag("signed-out").fetchSemanticsNodes().isEmpty())
        // The push token went to the portal right after the login, not only at the next launch.
        assertEquals(1, services.tokens.asked)

        // Coming back to sign-in later (a session that ended) stays there until a new sign-in.
        rule.runOnIdle { nav.navigate(Route.SignIn) }
        rule.mainClock.advanceTimeBy(1_000)
        rule.waitForIdle()
        assertEquals(Route.SignIn, nav.current)
    }

    @Test
    fun theConsentComesBeforeAnyPersonalFieldAndSettingsWithdrawIt() {
        val services = TestServices(settings = MemorySettings(Settings()))
        rule.setContent { Host { YaohaoApp(services, nav) } }
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("consent").fetchSemanticsNodes().isNotEmpty() }
        // No tab, no sign-in field, no push token and no permission request before the consent.
        assertTrue(rule.onAllNodesWithTag("tab:tab_home").fetchSemanticsNodes().isEmpty())
        assertTrue(rule.onAllNodesWithContentDescription(text("field_resident_id")).fetchSemanticsNodes().isEmpty())
        assertTrue("consentGiven" !in services.platform.calls)

        rule.onNodeWithTag("consent-accept").performClick()
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("tab:tab_home").fetchSemanticsNodes().isNotEmpty() }
        assertTrue(services.settings.saved.consented)
        assertTrue("consentGiven" in services.platform.calls)

        rule.onNodeWithTag("tab:tab_more").performClick()
        rule.onNodeWithTag("more:tab_settings").performClick()
        rule.onNodeWithTag("withdraw-consent").performClick()
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("consent").fetchSemanticsNodes().isNotEmpty() }
        assertTrue(!services.settings.saved.consented)
    }

    /** Moves both clocks past the resend wait, asks for a code and types the one the portal sent. */
    private fun enterCode(clock: FixedClock) {
        portal.advance(61)
        clock.now = clock.now.plusSeconds(61)
        rule.mainClock.advanceTimeBy(1_000)
        rule.waitUntil(5_000) { rule.onNodeWithTag("send-code").fetchSemanticsNode().config.getOrNull(SemanticsProperties.Disabled) == null }
        rule.onNodeWithTag("send-code").performClick()
        rule.waitUntil(15_000) { runCatching { portal.lastCode(MOBILE) }.isSuccess && rule.onNodeWithTag("send-code").fetchSemanticsNode().config.getOrNull(SemanticsProperties.Disabled) != null }
        rule.onNodeWithContentDescription(text("field_sms_code")).performTextReplacement(portal.lastCode(MOBILE))
    }

    companion object {
        private lateinit var portal: TestPortal

        @JvmStatic
        @BeforeClass
        fun startPortal() {
            portal = TestPortal.start()
        }

        @JvmStatic
        @AfterClass
        fun stopPortal() {
            portal.close()
        }
    }
}
