package app.yaohao.screens

import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.toPixelMap
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.assertCountEquals
import androidx.compose.ui.test.assertTextEquals
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.yaohao.core.PeriodStatus
import app.yaohao.core.Verdict
import app.yaohao.presentation.Lang
import app.yaohao.presentation.results.ResultsState
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.RuleChain

/** The odds chart over the core's curve, and the verification screen over the core's draw report. */
class ChartAndVerificationTest {
    val rule = createComposeRule()

    @get:Rule
    val rules: RuleChain = withTimeout(rule)

    private fun description(tag: String): String =
        rule.onNodeWithTag(tag, useUnmergedTree = true).fetchSemanticsNode().config[SemanticsProperties.ContentDescription].joinToString()

    private fun text(tag: String): String =
        rule.onNodeWithTag(tag, useUnmergedTree = true).fetchSemanticsNode().config[SemanticsProperties.Text].joinToString { it.text }

    @Test
    fun theOddsChartDrawsTheCoresCurveAndNamesItsValues() {
        // A real estimateOdds result: 2.9 million codes, 11,000 quotas, 13 draws lost.
        val state = Samples.family()
        val odds = state.odds.odds!!
        rule.setContent { Host { CalculatorContent(state, {}, {}) } }
        rule.onNodeWithTag("odds-chart").performScrollTo()

        // The description names the core's median and the curve's first point at 90 %.
        val ninety = odds.curve.first { it.probability >= 0.9 }
        val zh = description("odds-chart")
        assertTrue(zh, zh.contains("%.1f 年（%d 期）内中签的概率为 50%%".format(odds.medianYears, odds.medianDraws.toInt())))
        assertTrue(zh, zh.contains("%.1f 年（%d 期）内中签的概率为 %d%%".format(ninety.years, ninety.draws.toInt(), (ninety.probability * 100).toInt())))
        assertTrue(zh, zh.contains("概率为 9"))

        // It is drawn: the curve's and the median's colours are on the canvas, not only the background.
        val pixels = rule.onNodeWithTag("odds-chart").captureToImage().toPixelMap()
        val colours = buildSet { for (x in 0 until pixels.width step 2) for (y in 0 until pixels.height step 2) add(pixels[x, y]) }
        assertTrue("colours drawn: ${colours.size}", colours.size > 10)
        val primary = YaohaoColors.light.primary
        assertTrue("the curve in the theme's primary", colours.any { it.near(primary) })
    }

    @Test
    fun theChartIsDescribedInEnglishToo() {
        val state = Samples.family()
        val odds = state.odds.odds!!
        rule.setContent { Host(lang = Lang.EN) { CalculatorContent(state, {}, {}) } }
        val en = description("odds-chart")
        assertTrue(en, en.startsWith("50%% within %.1f years (%d draws); ".format(odds.medianYears, odds.medianDraws.toInt())))
    }

    @Test
    fun aVerifiedListShowsTheCoresWordsAndFacts() {
        val report = Samples.verifiedReport
        assertEquals(Verdict.VERIFIED, report.verdict)
        rule.setContent { Host { VerificationContent(report) } }
        rule.onNodeWithTag("verification-headline").assertTextEquals(report.headline.zh)
        rule.onNodeWithTag("verification-meaning").assertTextEquals(report.meaning.zh)
        assertTrue(rule.onAllNodesWithTag("verdict-mismatch").fetchSemanticsNodes().isEmpty())
        rule.onNodeWithTag("fact-period", useUnmergedTree = true).assertTextEquals("201504")
        rule.onNodeWithTag("fact-draw-date", useUnmergedTree = true).assertTextEquals("2015年4月26日")
        rule.onNodeWithTag("fact-seed", useUnmergedTree = true).assertTextEquals("530670")
        rule.onNodeWithText("有效编码数（含阶梯）").assertExists()
        rule.onNodeWithTag("fact-pool", useUnmergedTree = true).assertTextEquals("300")
        rule.onNodeWithTag("fact-quota", useUnmergedTree = true).assertTextEquals("12")
        rule.onNodeWithTag("fact-rows", useUnmergedTree = true).assertTextEquals(report.rows.toString())
        rule.onNodeWithTag("fact-draws", useUnmergedTree = true).assertTextEquals(report.draws.toString())
        rule.onNodeWithTag("fact-skipped", useUnmergedTree = true).assertTextEquals(report.skipped.toString())
        assertTrue(report.draws >= report.rows.toULong())
        // The file's hash: shortened on screen, whole for TalkBack.
        assertEquals(report.sha256.take(8) + "…" + report.sha256.takeLast(8), text("fact-sha256"))
        assertTrue(description("fact-sha256").endsWith(report.sha256))
        // Not an error: the verdict card is not in the error colours.
        assertFalse(rule.onNodeWithTag("verdict").background().near(YaohaoColors.light.errorContainer))
    }

    @Test
    fun aMismatchIsTheOnlyVerdictShownAsAnError() {
        val report = Samples.mismatchReport
        assertEquals(Verdict.MISMATCH, report.verdict)
        rule.setContent { Host(lang = Lang.EN) { VerificationContent(report) } }
        rule.onNodeWithTag("verification-headline").assertTextEquals("Does not verify")
        rule.onNodeWithTag("verification-meaning").assertTextEquals(report.meaning.en)
        rule.onNodeWithTag("fact-seed", useUnmergedTree = true).assertTextEquals("530671")
        rule.onNodeWithText("Codes in the pool (ladder copies included)").assertExists()
        rule.onNodeWithTag("fact-draw-date", useUnmergedTree = true).assertTextEquals("26 Apr 2015 (Beijing)")
        assertTrue(rule.onNodeWithTag("verdict-mismatch").background().near(YaohaoColors.light.errorContainer))
    }

    @Test
    fun theCardsChipShowsTheCoresHeadlineAndOpensTheVerification() {
        var opened: String? = null
        val state = ResultsState(listOf(Samples.results.getValue("won").cards.single(), Samples.mismatchCard))
        rule.setContent { Host { ResultsContent(state, Samples.now, { opened = it }, {}, {}, {}) } }
        val chips = rule.onAllNodesWithTag("verification-chip").fetchSemanticsNodes()
        assertEquals(2, chips.size)
        rule.onNodeWithText(Samples.verifiedReport.headline.zh).assertExists()
        rule.onNodeWithText(Samples.mismatchReport.headline.zh).assertExists()
        rule.onNodeWithText(Samples.verifiedReport.headline.zh).performClick()
        assertEquals(state.cards.first().key, opened)
    }

    @Test
    fun everyPeriodTheCoreListsIsShownAndOnlyAPublishedOneSaysSo() {
        val scheduled = Samples.period.copy(
            id = "202604", title = "2026年第4期", status = PeriodStatus.Open,
            poolSize = null, seed = null, runAt = null, publishedAt = null,
        )
        val state = ResultsState(periods = listOf(scheduled, Samples.period))
        rule.setContent { Host { ResultsContent(state, Samples.now, {}, {}, {}, {}) } }
        rule.onNodeWithTag("period:202604").assertExists()
        rule.onNodeWithTag("period:202602").assertExists()
        // Only the published period has the pool size and the publication line.
        rule.onAllNodesWithText("有效编码", substring = true).assertCountEquals(1)
        rule.onNodeWithText("有效编码 2900000 个", substring = true).assertExists()
    }

    @Test
    fun theVerificationOpensFromTheResultsTab() {
        val nav = Navigator(Route.Results)
        val card = Samples.results.getValue("won").cards.single()
        nav.navigate(Route.Verification(card.key))
        val services = TestServices()
        rule.setContent { Host { YaohaoApp(services, nav) } }
        // No card of that key in this (offline) account: the screen stays, with the tab's back arrow.
        rule.waitUntil(15_000) { rule.onAllNodesWithTag("back").fetchSemanticsNodes().isNotEmpty() }
        rule.onNodeWithTag("tab:tab_results").assertExists()
        rule.onNodeWithTag("back").performClick()
        assertEquals(Route.Results, nav.current)
    }

    private fun androidx.compose.ui.test.SemanticsNodeInteraction.background(): Color {
        val pixels = captureToImage().toPixelMap()
        return pixels[pixels.width - 6, pixels.height / 2]
    }

    private fun Color.near(other: Color): Boolean =
        kotlin.math.abs(red - other.red) < 0.02f && kotlin.math.abs(green - other.green) < 0.02f && kotlin.math.abs(blue - other.blue) < 0.02f
}
