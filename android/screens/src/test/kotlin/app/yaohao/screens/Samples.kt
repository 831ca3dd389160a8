package app.yaohao.screens

import app.yaohao.core.DocumentKind
import app.yaohao.core.EventKind
import app.yaohao.core.computeReminders
import app.yaohao.core.Member
import app.yaohao.core.Relation
import app.yaohao.core.Text
import app.yaohao.core.ladderWeight
import app.yaohao.presentation.Countdown
import app.yaohao.presentation.UiError
import app.yaohao.presentation.applicantUnderReview
import app.yaohao.presentation.calculator.CalculatorModel
import app.yaohao.presentation.calculator.CalculatorState
import app.yaohao.presentation.dashboard.DashboardState
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import app.yaohao.presentation.MemoryClient
import app.yaohao.presentation.model.Account
import app.yaohao.presentation.model.Announcement
import app.yaohao.presentation.model.ApplicationForm
import app.yaohao.presentation.model.Dashboard
import app.yaohao.presentation.model.Draft
import app.yaohao.presentation.model.PortalApplication
import app.yaohao.presentation.model.PortalApplicationKind
import app.yaohao.presentation.model.Quota
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.model.UpcomingEvent
import app.yaohao.presentation.results.ResultCard
import app.yaohao.presentation.results.ResultsState
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import java.time.Instant

/** The states the screenshots and UI tests show, built from the core's own types and rules. */
object Samples {
    /** 2026-03-01 08:00 Beijing time. */
    val now: Instant = Instant.parse("2026-03-01T00:00:00Z")

    private val account = Account("11010519491231002X", "张三", "13800138000")

    private val events = listOf(
        UpcomingEvent(EventKind.APPLICATION_CUTOFF, Text("申请截止", "Application cut-off"), Instant.parse("2026-03-08T16:00:00Z"), true),
        UpcomingEvent(EventKind.DRAW, Text("摇号", "Draw"), Instant.parse("2026-04-26T02:00:00Z"), false),
    )

    private val won = ResultOutcome("202602", "1234102003456", won = true, row = 17u, verified = true)
    private val notWon = ResultOutcome("202602", "1234102009876", won = false, row = null, verified = true)

    private val application = PortalApplication(7, PortalApplicationKind.INDIVIDUAL_ORDINARY, "approved", "1234102009876", 13, false, emptyList())
    private val draft = Draft("draft-1", null, PortalApplicationKind.FAMILY, ApplicationForm(), 1, false, emptyList())

    /** The data freeze before a draw, ending on draw day at 09:30 Beijing time. */
    val freeze = UiError.DataFreeze(
        Instant.parse("2026-04-26T01:30:00Z"),
        Text("摇号前数据冻结，暂停查询", "Queries are paused before the draw"),
    )

    /** Home, per state. */
    val home: Map<String, DashboardState> = mapOf(
        "loading" to DashboardState(),
        "content" to DashboardState(Dashboard(account, listOf(application), listOf(draft), events, listOf(notWon), emptyList(), now)),
        "empty" to DashboardState(Dashboard(account, emptyList(), emptyList(), events, emptyList(), emptyList(), now)),
        "error" to DashboardState(
            Dashboard(account, listOf(application), emptyList(), events, emptyList(), emptyList(), now),
            error = UiError.Network(Text("网络不可用，显示的是缓存数据", "No network: showing cached data")),
        ),
        "freeze" to DashboardState(Dashboard(account, listOf(application), emptyList(), events, emptyList(), emptyList(), now), error = freeze),
        "signed-out" to DashboardState(
            Dashboard(null, emptyList(), emptyList(), events, emptyList(), emptyList(), null),
            error = UiError.SignInRequired(Text("请先登录", "Please sign in")),
        ),
    )

    /** Results, per state; the ladder weight comes from the core. */
    val results: Map<String, ResultsState> = run {
        val quota = Quota(3, 7, "202602", "BJ2026020000123", "pending_confirmation", Instant.parse("2026-03-03T16:00:00Z"), Instant.parse("2027-02-28T16:00:00Z"))
        val wonCard = ResultCard.Won(won, quota, canConfirm = true, confirmWithin = Countdown.between(now, quota.confirmBy))
        val notWonCard = ResultCard.NotWon(notWon, 13u, ladderWeight(13u, false))
        mapOf(
            "won" to ResultsState(listOf(wonCard)),
            "not-won" to ResultsState(listOf(notWonCard)),
            "empty" to ResultsState(),
            "error" to ResultsState(error = UiError.Server(Text("服务暂时不可用，请稍后重试", "The service is unavailable; try again later"))),
            "freeze" to ResultsState(listOf(notWonCard), error = freeze),
        )
    }

    /** The key of the result whose verification the "verification" screenshot opens. */
    val verifiedKey = "${won.period}:${won.code}"

    /** The capture's state after the core prepared [bytes] as an ID photo (or refused them). */
    fun capture(bytes: ByteArray): CaptureState = runBlocking {
        val scope = CoroutineScope(Dispatchers.Default)
        try {
            val model = DocumentCaptureModel(MemoryClient(), scope, "d1", DocumentKind.ID_PHOTO)
            model.onPhoto(bytes).join()
            model.state.value
        } finally {
            scope.cancel()
        }
    }

    /** A client with one family draft, "d1". */
    fun drafting() = MemoryClient().apply {
        drafts["d1"] = Draft("d1", null, PortalApplicationKind.FAMILY, ApplicationForm(licenceFile = "1100001234", address = "北京市海淀区"), 1, false, listOf(DocumentKind.ID_CARD_FRONT))
    }

    /** A client with the reminders the core computes for an applicant under review with a work residence permit. */
    fun reminding() = MemoryClient().apply {
        reminders = computeReminders(applicantUnderReview, "bimonthly-2014", Instant.parse("2026-11-21T00:00:00Z"))
    }

    /** A client whose portal published two announcements. */
    fun announcing() = MemoryClient().apply {
        announcements = listOf(
            Announcement(2, Text("2026年指标配置方案", "The 2026 quota plan"), Text("2026年普通指标配置11万个，其中家庭指标占60%。", "110,000 ordinary quotas in 2026, 60% of them for families."), Instant.parse("2026-01-05T02:00:00Z")),
            Announcement(1, Text("摇号日程调整", "Draw schedule change"), Text("4月摇号改于4月26日举行。", "The April draw moves to 26 April."), Instant.parse("2025-12-20T02:00:00Z")),
        )
    }

    /** The family calculator with a main applicant, spouse, child and parent, computed by the core. */
    fun family(): CalculatorState {
        val scope = CoroutineScope(Dispatchers.Unconfined)
        try {
            val model = CalculatorModel(scope)
            model.editFamily {
                it.copy(
                    familyFullYears = 2u,
                    members = listOf(
                        Member(Relation.MAIN, 6u, 0u),
                        Member(Relation.SPOUSE, 4u, 0u),
                        Member(Relation.CHILD, 0u, 0u),
                        Member(Relation.PARENT, 2u, 0u),
                    ),
                )
            }
            model.editOdds { it.copy(poolSize = 2_900_000u, quota = 11_000u, unsuccessfulDraws = 13u) }
            return model.state.value
        } finally {
            scope.cancel()
        }
    }
}
