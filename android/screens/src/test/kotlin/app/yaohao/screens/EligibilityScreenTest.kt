package app.yaohao.screens

import androidx.compose.ui.test.assertCountEquals
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextReplacement
import app.yaohao.presentation.Lang
import org.junit.Rule
import org.junit.Test
import org.junit.rules.RuleChain

/** The eligibility check under "More", with the real core deciding, signed out. */
class EligibilityScreenTest {
    val rule = createComposeRule()

    @get:Rule
    val rules: RuleChain = withTimeout(rule)

    @Test
    fun everyUnmetConditionIsShownWithWhatToDoAndGoesWhenMet() {
        rule.setContent { Host { EligibilityScreen(TestServices()) } }
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("eligible").fetchSemanticsNodes().isNotEmpty() }

        rule.onNodeWithTag("owns-car").performScrollTo().performClick()
        rule.onNodeWithTag("has-licence").performScrollTo().performClick()
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("failure:licence_missing").fetchSemanticsNodes().isNotEmpty() }
        rule.onNodeWithTag("failure:owns_car").performScrollTo()
        rule.onAllNodesWithTag("eligible").assertCountEquals(0)

        // A residence permit asks for its months; ten months of social insurance are too few.
        rule.onNodeWithTag("residence:RESIDENCE_PERMIT").performScrollTo().performClick()
        rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "eligibility_insurance_months")).performScrollTo().performTextReplacement("10")
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("failure:social_insurance_months").fetchSemanticsNodes().isNotEmpty() }

        rule.onNodeWithTag("residence:HUKOU").performScrollTo().performClick()
        rule.onNodeWithTag("owns-car").performScrollTo().performClick()
        rule.onNodeWithTag("has-licence").performScrollTo().performClick()
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("eligible").fetchSemanticsNodes().isNotEmpty() }
        rule.onAllNodesWithTag("failure:owns_car").assertCountEquals(0)
    }

    @Test
    fun aDateThatIsNotOneYetSaysHowToTypeItAndChangesNothing() {
        rule.setContent { Host { EligibilityScreen(TestServices()) } }
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("eligible").fetchSemanticsNodes().isNotEmpty() }
        rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "eligibility_birth_date")).performTextReplacement("2015-13")
        rule.onNodeWithText("请按 2026-01-31 的格式填写日期").assertExists()
        rule.onAllNodesWithTag("eligible").assertCountEquals(1)
        // A child born in 2015 is under 18.
        rule.onNodeWithContentDescription(Strings.get(Lang.ZH, "eligibility_birth_date")).performTextReplacement("2015-01-31")
        rule.waitUntil(5_000) { rule.onAllNodesWithTag("failure:age").fetchSemanticsNodes().isNotEmpty() }
    }
}
