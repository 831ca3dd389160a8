package app.yaohao.screens

import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.performTextReplacement
import app.yaohao.presentation.Applicant
import app.yaohao.presentation.FixedClock
import app.yaohao.presentation.Lang
import app.yaohao.presentation.TestPortal
import app.yaohao.presentation.facade
import app.yaohao.presentation.signIn
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.RuleChain
import java.time.Instant

/** The account screen's data export and account deletion, through the whole app against a real portal. */
class PrivacyScreensTest {
    val rule = createComposeRule()

    @get:Rule
    val rules: RuleChain = withTimeout(rule)

    private fun text(name: String, vararg args: Any) = Strings.get(Lang.ZH, name, *args)

    private fun waitForTag(tag: String) =
        rule.waitUntil(15_000) { rule.onAllNodesWithTag(tag).fetchSemanticsNodes().isNotEmpty() }

    @Test
    fun theExportIsSavedAndDeletingTheAccountSignsOut() {
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            runBlocking {
                val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
                try {
                    signIn(portal, yaohao, scope)
                    yaohao.refresh(null)
                } finally {
                    scope.cancel()
                }
            }
            val services = TestServices(yaohao, clock = FixedClock(Instant.parse(TestPortal.START)))
            val nav = Navigator(Route.Account)
            rule.setContent { Host { YaohaoApp(services, nav) } }
            waitForTag("action:DELETE_ACCOUNT")

            // The export goes through the platform's "save as", unmasked.
            rule.onNodeWithTag("export").performScrollTo().performClick()
            waitForTag("export-result")
            val json = services.platform.saved["yaohao-export-2026-03-01.json"] ?: error("not saved: ${services.platform.calls}")
            assertTrue(json.contains("\"resident_id\": \"${Applicant.ID}\""))

            // A wrong password: the portal's refusal under the field, still signed in.
            rule.onNodeWithTag("action:DELETE_ACCOUNT").performScrollTo().performClick()
            val password = rule.onNodeWithContentDescription(text("account_delete_password"))
            password.performTextInput("Wrong9876")
            rule.onNodeWithContentDescription(text("account_delete_type", text("account_delete_word"))).performTextInput(text("account_delete_word"))
            rule.onNodeWithTag("delete-account").performScrollTo().performClick()
            rule.waitUntil(15_000) {
                rule.onNodeWithContentDescription(text("account_delete_password")).fetchSemanticsNode().config.getOrNull(SemanticsProperties.Error) != null
            }
            assertTrue(runBlocking { yaohao.isLoggedIn() })
            assertEquals(Route.Account, nav.current)

            // The right one: the account is gone, the app is home and signed out.
            password.performTextReplacement(Applicant.PASSWORD)
            rule.onNodeWithTag("delete-account").performScrollTo().performClick()
            rule.waitUntil(15_000) { nav.current == Route.Home }
            waitForTag("signed-out")
            assertFalse(runBlocking { yaohao.isLoggedIn() })
            assertTrue(rule.onAllNodesWithTag("account").fetchSemanticsNodes().isEmpty())
        }
    }
}
