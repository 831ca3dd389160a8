package app.yaohao.screens

import app.yaohao.core.Account
import app.yaohao.core.AccountCard
import app.yaohao.core.Action
import app.yaohao.core.ActionKind
import app.yaohao.core.Announcement
import app.yaohao.core.Application
import app.yaohao.core.ApplicationCard
import app.yaohao.core.ApplicationForm
import app.yaohao.core.ApplicationKind
import app.yaohao.core.ApplicationStatus
import app.yaohao.core.Countdown
import app.yaohao.core.Dashboard
import app.yaohao.core.Deadline
import app.yaohao.core.DocumentKind
import app.yaohao.core.Draft
import app.yaohao.core.DrawReport
import app.yaohao.core.EventKind
import app.yaohao.core.FamilyForm
import app.yaohao.core.MaritalChange
import app.yaohao.core.MaritalChangeStatus
import app.yaohao.core.MaritalStatus
import app.yaohao.core.Member
import app.yaohao.core.MemberForm
import app.yaohao.core.NotWonResult
import app.yaohao.core.Period
import app.yaohao.core.PeriodKind
import app.yaohao.core.PeriodOutcome
import app.yaohao.core.PeriodResult
import app.yaohao.core.PeriodStatus
import app.yaohao.core.Quota
import app.yaohao.core.QuotaStatus
import app.yaohao.core.Reason
import app.yaohao.core.Relation
import app.yaohao.core.ResultCard
import app.yaohao.core.ResultOutcome
import app.yaohao.core.Text
import app.yaohao.core.UpcomingEvent
import app.yaohao.core.WonResult
import app.yaohao.core.Yaohao
import app.yaohao.core.ApplicationDetail
import app.yaohao.core.Document
import app.yaohao.core.StatusChange
import app.yaohao.core.applicationStatusLabel
import app.yaohao.core.verifyResultFile
import app.yaohao.presentation.application.ApplicationDetailState
import app.yaohao.presentation.calendar.CalendarState
import app.yaohao.core.ladderWeight
import app.yaohao.presentation.UiError
import app.yaohao.presentation.account.AccountState
import app.yaohao.presentation.announcements.AnnouncementsState
import app.yaohao.presentation.sampleReminders
import app.yaohao.presentation.calculator.CalculatorModel
import app.yaohao.presentation.calculator.CalculatorState
import app.yaohao.presentation.dashboard.DashboardState
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import app.yaohao.presentation.FakeCheckJobs
import app.yaohao.presentation.facade
import app.yaohao.presentation.following.FollowModel
import app.yaohao.presentation.following.FollowState
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.lookup.LookupModel
import app.yaohao.presentation.lookup.LookupState
import app.yaohao.presentation.repoFile
import app.yaohao.presentation.reminders.RemindersState
import app.yaohao.presentation.results.ResultsState
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import java.time.Instant

/**
 * The states the screenshots and UI tests show, as the core's generated records. The rules in them
 * (ladder weights, reminders, status labels, points) come from the core's functions.
 */
object Samples {
    /** 2026-03-01 08:00 Beijing time. */
    val now: Instant = Instant.parse("2026-03-01T00:00:00Z")

    private val created = Instant.parse("2026-01-10T02:00:00Z")

    private val applicant = Account(1, "11010519491231002X", "张三", "13800138000", MaritalStatus.UNMARRIED, created, null)

    private val changeMarital = Action(ActionKind.CHANGE_MARITAL_STATUS, Text("变更婚姻状况", "Change marital status"), true, null, null, null)

    private val accountCard = AccountCard(applicant, "1101**********002X", "138****8000", Text("未婚", "Unmarried"), null, null, listOf(changeMarital))

    private val events = listOf(
        UpcomingEvent(EventKind.APPLICATION_CUTOFF, Text("申请截止", "Application cut-off"), Instant.parse("2026-03-08T16:00:00Z"), 662_400, true),
        UpcomingEvent(EventKind.DRAW, Text("摇号", "Draw"), Instant.parse("2026-04-26T02:00:00Z"), 4_759_200, false),
    )

    private val form = ApplicationForm("110000123456", "北京市海淀区中关村大街1号院2号楼", false, null)

    private fun application(status: ApplicationStatus, reasons: List<Reason> = emptyList()) =
        Application(7, ApplicationKind.INDIVIDUAL_ORDINARY, status, "1234102009876", form, reasons, 13, created, created, created, created, null)

    private val continueBy = Deadline(Instant.parse("2026-12-31T15:59:59Z"), Text("年度继续参与截止", "the yearly continuation deadline"))

    /** An approved application: editing is refused with the core's reason, 继续参与 opens later. */
    private val approved = ApplicationCard(
        application(ApplicationStatus.Approved),
        applicationStatusLabel(ApplicationStatus.Approved),
        listOf(
            Action(ActionKind.EDIT, Text("修改申请", "Edit"), false, null, null, Reason("in_pool", "已进入摇号池，审核通过后不能修改", "In the pool: an approved application cannot be edited")),
            Action(ActionKind.CONTINUE, Text("继续参与", "Continue"), false, continueBy, Instant.parse("2026-11-01T00:00:00Z"), Reason("not_yet", "每年 11 月起可确认继续参与", "Continuation opens in November")),
            Action(ActionKind.WITHDRAW, Text("撤回申请", "Withdraw"), true, Deadline(events[0].at, Text("在此之前撤回，不参加下一期摇号", "Withdrawn by then, it stays out of the next draw")), null, null),
        ),
        Countdown(Deadline(events[1].at, Text("下次摇号", "the next draw")), events[1].countdownSeconds),
        ladderWeight(13u, false),
    )

    /** A rejected application: the core allows resubmitting, before the cut-off. */
    private val rejected = ApplicationCard(
        application(ApplicationStatus.Rejected, listOf(Reason("licence_mismatch", "驾驶证档案编号与公安记录不符", "The licence file number does not match the police record"))),
        applicationStatusLabel(ApplicationStatus.Rejected),
        listOf(Action(ActionKind.RESUBMIT, Text("修改后重新提交", "Edit and resubmit"), true, Deadline(events[0].at, Text("本期申请截止", "this period's cut-off")), null, null)),
        null,
        null,
    )

    /** A withdrawn application: the core offers nothing more. */
    private val withdrawn = ApplicationCard(application(ApplicationStatus.Withdrawn), applicationStatusLabel(ApplicationStatus.Withdrawn), emptyList(), null, null)

    private val draft = Draft("draft-1", null, ApplicationKind.FAMILY, ApplicationForm(null, null, false, null), 1, false, created, emptyList())

    private val won = ResultOutcome("202602", "1234102003456", won = true, row = 17u, verified = true)
    private val notWon = ResultOutcome("202602", "1234102009876", won = false, row = null, verified = true)

    private val quota = Quota(3, 7, "202602", "BJ2026020000123", QuotaStatus.PendingConfirmation, Instant.parse("2026-02-28T02:00:00Z"), Instant.parse("2026-03-03T16:00:00Z"), null, Instant.parse("2027-02-28T16:00:00Z"))

    private val confirmBy = Deadline(quota.confirmBy, Text("确认指标截止", "the confirmation deadline"))

    private val resultFile = repoFile("tests/fixtures/results/unit-2015-named.utf8.txt").readText()

    /** The core's report on an official list that verifies. */
    val verifiedReport: DrawReport = runBlocking { verifyResultFile(resultFile.toByteArray()) }

    /** The core's report on the same list with its seed changed: the replay does not give it. */
    val mismatchReport: DrawReport = runBlocking {
        verifyResultFile(resultFile.replace("指标配置初始值：530670", "指标配置初始值：530671").toByteArray())
    }

    private val wonCard = ResultCard(
        won,
        Text("中签", "Won"),
        Text("请在 72 小时内确认指标，逾期视为放弃。", "Confirm the quota within 72 hours or it is forfeited."),
        WonResult(quota, quota.confirmBy, quota.expiresAt, listOf(Action(ActionKind.CONFIRM, Text("确认指标", "Confirm the quota"), true, confirmBy, null, null)), Countdown(confirmBy, 288_000)),
        null,
        verifiedReport,
    )

    private val notWonCard = ResultCard(
        notWon,
        Text("未中签", "Not won"),
        Text("下期自动参加摇号，阶梯权重增加。", "You are in the next draw with a higher ladder weight."),
        null,
        NotWonResult(13u, ladderWeight(13u, false)),
        verifiedReport,
    )

    /** A card whose published list does not verify. */
    val mismatchCard = notWonCard.copy(verification = mismatchReport)

    private fun dashboard(account: AccountCard? = accountCard, applications: List<ApplicationCard> = listOf(approved), drafts: List<Draft> = emptyList(), results: List<ResultCard> = emptyList()) =
        Dashboard(account, applications, drafts, ApplicationKind.entries, events, results, emptyList(), null, now)

    /** The data freeze before a draw, ending on draw day at 09:30 Beijing time. */
    val freeze = UiError.DataFreeze(
        Instant.parse("2026-04-26T01:30:00Z"),
        Text("摇号前数据冻结，暂停查询", "Queries are paused before the draw"),
    )

    /** Home, per state. */
    val home: Map<String, DashboardState> = mapOf(
        "loading" to DashboardState(),
        "content" to DashboardState(dashboard(drafts = listOf(draft), results = listOf(notWonCard))),
        "rejected" to DashboardState(dashboard(applications = listOf(rejected))),
        "withdrawn" to DashboardState(dashboard(applications = listOf(withdrawn))),
        "empty" to DashboardState(dashboard(applications = emptyList())),
        "error" to DashboardState(
            dashboard(),
            error = UiError.Network(Text("网络不可用，显示的是缓存数据", "No network: showing cached data")),
        ),
        "freeze" to DashboardState(dashboard(), error = freeze),
        "signed-out" to DashboardState(
            dashboard(account = null, applications = emptyList()),
            error = UiError.SignInRequired(Text("请先登录", "Please sign in")),
        ),
    )

    val period = Period(
        "202602", PeriodKind.DRAW, "2026年第2期", 11_000, PeriodStatus.Published,
        Instant.parse("2026-02-08T16:00:00Z"), Instant.parse("2026-02-20T16:00:00Z"), Instant.parse("2026-02-26T01:30:00Z"),
        Instant.parse("2026-02-26T02:00:00Z"), Instant.parse("2026-02-28T02:00:00Z"), 2_900_000, "20260226", Instant.parse("2026-02-26T02:00:00Z"), Instant.parse("2026-02-28T02:00:00Z"),
    )

    private val history = listOf(PeriodResult("202602", "2026年第2期", "1234102009876", PeriodOutcome.NotWon, null, null))

    /** Results, per state. */
    val results: Map<String, ResultsState> = mapOf(
        "won" to ResultsState(listOf(wonCard), periods = listOf(period)),
        "not-won" to ResultsState(listOf(notWonCard), history, listOf(period)),
        "empty" to ResultsState(),
        "error" to ResultsState(error = UiError.Server(Text("服务暂时不可用，请稍后重试", "The service is unavailable; try again later"))),
        "freeze" to ResultsState(listOf(notWonCard), error = freeze),
    )


    /** A rejected application's detail: the core's reasons, its history and documents, the resubmit action. */
    val rejectedDetail = ApplicationDetailState(
        detail = ApplicationDetail(
            rejected.application,
            listOf(
                StatusChange(ApplicationStatus.UnderReview, emptyList(), Instant.parse("2026-02-10T02:00:00Z")),
                StatusChange(ApplicationStatus.Rejected, rejected.application.rejectionReasons, Instant.parse("2026-02-14T02:00:00Z")),
            ),
            listOf(Document(DocumentKind.DRIVING_LICENCE, "9f2c", "image/jpeg", 180_000, null, Instant.parse("2026-02-09T02:00:00Z"))),
        ),
        card = rejected,
    )

    /** The calendar the core computes for spring 2026 (a facade that has not reached a portal: the regime in force). */
    val calendar = CalendarState(runBlocking { facade().calendar("2026-03-01", "2026-06-30") })

    /** The account, with a marital-status change under review (the core refuses another meanwhile). */
    val account: AccountState = AccountState(
        card = accountCard.copy(
            actions = listOf(changeMarital.copy(allowed = false, reason = Reason("marital_review_pending", "婚姻状况变更审核中，审核结束后才能再次申请", "A marital-status change is under review; another can be asked for once it is decided"))),
        ),
        maritalChange = MaritalChange(5, MaritalStatus.MARRIED, MaritalChangeStatus.Pending, null, Instant.parse("2026-02-27T02:00:00Z"), null),
    )

    private val changeAddress = Action(ActionKind.CHANGE_ADDRESS, Text("变更联系地址", "Change the address"), true, null, null, null)

    /** An approved applicant typing a new [address], with the core's [problems] with it. */
    fun accountAddress(address: String, problems: List<Reason>): AccountState =
        AccountState(card = accountCard.copy(actions = listOf(changeAddress)), newAddress = address, addressProblems = problems)

    private val deleteAccount = Action(ActionKind.DELETE_ACCOUNT, Text("注销账户", "Delete the account"), true, null, null, null)

    /** The account's deletion form after a wrong password (the portal's refusal under the field). */
    val accountDeletion: AccountState = AccountState(
        card = accountCard.copy(actions = listOf(changeMarital, deleteAccount)),
        deleting = true,
        error = UiError.Invalid("password", "invalid", Text("密码不正确，账户未注销", "the password is wrong; the account was not deleted")),
    )

    /** The account while a won quota waits for confirmation: the core refuses deleting it, until the confirmation deadline. */
    val accountQuotaPending: AccountState = AccountState(
        card = accountCard.copy(
            actions = listOf(
                changeMarital,
                deleteAccount.copy(
                    allowed = false,
                    opensAt = quota.confirmBy,
                    reason = Reason(
                        "quota_pending_confirmation",
                        "第 202602 期中签的指标待确认（2026-03-04 00:00 前），确认或过期后才能注销账户。",
                        "The quota won in period 202602 waits for confirmation (by 2026-03-04 00:00); the account can be deleted once it is confirmed or has lapsed.",
                    ),
                ),
            ),
        ),
        quotas = listOf(quota),
        exportSaved = true,
    )

    /** Reminders of an applicant under review with a work residence permit. */
    val reminders: RemindersState = RemindersState(reminders = sampleReminders)

    /** The same, after the system refused exact alarms. */
    val remindersRefused: RemindersState = reminders.copy(
        needsExactAlarmPermission = true,
        error = UiError.ExactAlarmsDenied(Text("系统未允许精确提醒", "Exact alarms are not allowed")),
    )

    /** Two announcements. */
    val announcements = AnnouncementsState(
        listOf(
            Announcement(2, Text("2026年指标配置方案", "The 2026 quota plan"), Text("2026年普通指标配置11万个，其中家庭指标占60%。", "110,000 ordinary quotas in 2026, 60% of them for families."), Instant.parse("2026-01-05T02:00:00Z")),
            Announcement(1, Text("摇号日程调整", "Draw schedule change"), Text("4月摇号改于4月26日举行。", "The April draw moves to 26 April."), Instant.parse("2025-12-20T02:00:00Z")),
        ),
    )

    /** A published list opened and a winning code found in it, by the core. */
    fun lookup(): LookupState = runBlocking {
        val scope = CoroutineScope(Dispatchers.Default)
        try {
            val model = LookupModel(scope)
            model.open(repoFile("tests/fixtures/results/person-2016-bom.txt").readBytes()).join()
            model.editCode("1100489999951")
            model.lookup().join()
            model.state.value
        } finally {
            scope.cancel()
        }
    }

    /** A followed code found in an imported official file, by the core (a follower with no account). */
    fun following(): FollowState = runBlocking {
        val scope = CoroutineScope(Dispatchers.Default)
        try {
            val yaohao = facade()
            val model = FollowModel(yaohao, DrawDayChecks(yaohao, FakeCheckJobs()), scope)
            model.editInput("2000 0000 00663")
            model.follow().join()
            model.importFile(repoFile("tests/fixtures/results/unit-2015-named.utf8.txt").readBytes()).join()
            model.editInput("123")
            model.follow().join()
            model.state.value
        } finally {
            scope.cancel()
        }
    }

    /** The capture's state after the core prepared [bytes] as an ID photo (or refused them). */
    fun capture(bytes: ByteArray): CaptureState = runBlocking {
        val scope = CoroutineScope(Dispatchers.Default)
        try {
            val yaohao = facade()
            val model = DocumentCaptureModel(yaohao, scope, yaohao.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY).localId, DocumentKind.ID_PHOTO)
            model.onPhoto(bytes).join()
            model.state.value
        } finally {
            scope.cancel()
        }
    }

    /** A facade holding one family draft with three members (the second's ID fails the core's check); returns it and the draft's id. */
    fun drafting(): Pair<Yaohao, String> = runBlocking {
        val yaohao = facade()
        val draft = yaohao.createDraft(ApplicationKind.FAMILY)
        val members = listOf(
            MemberForm(Relation.SPOUSE, "11010519491231002X", "李四", 0u, 0u),
            MemberForm(Relation.CHILD, "110105194912310021", "张小三", 0u, 0u),
            MemberForm(Relation.PARENT, "110105195001011234", "张父", 0u, 0u),
        )
        yaohao.saveDraft(draft.localId, ApplicationForm("1100001234", "北京市海淀区", false, FamilyForm(null, 0u, 0u, members)))
        yaohao to draft.localId
    }

    /** The family calculator with a main applicant, spouse, child and parent, computed by the core. */
    fun family(): CalculatorState = runBlocking {
        val scope = CoroutineScope(Dispatchers.Default)
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
            }.join()
            model.state.first { it.odds.drawsPerYear != null }
            model.editOdds { it.copy(poolSize = 2_900_000u, quota = 11_000u, unsuccessfulDraws = 13u) }.join()
            model.state.value
        } finally {
            scope.cancel()
        }
    }
}
