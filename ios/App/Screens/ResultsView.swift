import SwiftUI
import YaohaoKit

/// The results as the core builds them: a won card with its confirmation deadline, validity end
/// and confirm action; a not-won card with the draw count; each card's verification, opening its
/// detail; the account's history, its quotas, and the periods with their pool size and
/// data-freeze window. A data freeze is a notice with its end, not an error.
struct ResultsView: View {
    @Environment(AppState.self) private var state
    @State private var model: ResultsModel

    /// The results screen of `state` (one model for the life of the screen).
    init(state: AppState) {
        _model = State(initialValue: state.results())
    }

    var body: some View {
        List {
            if let pause = model.pause {
                Section {
                    Label(pause.display(state.language), systemImage: "clock")
                        .foregroundStyle(.secondary)
                }
            }
            if model.cards.isEmpty {
                ContentUnavailableView("暂无结果", systemImage: "tray",
                                       description: Text("结果公布后会自动核对并通知你。"))
            }
            ForEach(model.cards, id: \.self) { card in
                Section {
                    ResultCardView(card: card)
                    // A row of its own: a link inside the card's row would swallow its buttons.
                    if let verification = model.verification(of: card) {
                        NavigationLink {
                            VerificationView(detail: verification)
                        } label: {
                            VerificationBadge(detail: verification)
                        }
                    }
                }
            }
            if !model.history.isEmpty {
                Section("历次结果") {
                    ForEach(model.history, id: \.self) { entry in
                        LabeledContent {
                            Text(outcomeTitle(entry.outcome))
                        } label: {
                            Text(entry.title)
                            Text(entry.code)
                                .font(.footnote.monospaced())
                        }
                    }
                }
            }
            if !model.quotas.isEmpty {
                Section("我的指标") {
                    ForEach(model.quotas, id: \.id) { quota in
                        VStack(alignment: .leading, spacing: 4) {
                            Text("指标证明 \(quota.certificate)")
                                .font(.footnote.monospaced())
                            Text("有效期至 \(BeijingTime.string(quota.expiresAt, state.language))")
                                .font(.footnote)
                        }
                    }
                }
            }
            Section("各期摇号") {
                ForEach(model.periods, id: \.id) { period in
                    PeriodRow(period: period)
                }
            }
            Section {
                Button("立即核对已公布的结果") { Task { _ = await model.checkNow() } }
                NavigationLink("用结果文件查询任意编码") { ResultFileView(model: model.resultFile()) }
            }
        }
        .navigationTitle("摇号结果")
        .task { await model.load() }
        .refreshable { await model.load() }
        .errorAlert(Bindable(model).error)
    }
}

/// One result card (its verification is the row below it, which opens the verification detail).
struct ResultCardView: View {
    @Environment(AppState.self) private var state
    let card: ResultCard

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(state.text(card.title))
                .font(.headline)
            Text(state.text(card.meaning))
            Text("申请编码 \(card.outcome.code)")
                .font(.footnote.monospaced())
            if let won = card.won {
                if let validUntil = won.validUntil {
                    Text("指标有效期至 \(BeijingTime.string(validUntil, state.language))")
                        .font(.footnote)
                }
                ForEach(won.actions.filter { $0.allowed && $0.kind == .confirm }, id: \.self) { action in
                    Button(state.text(action.label)) { Task { await state.confirm(won) } }
                    if let deadline = action.deadline {
                        DeadlineText(deadline: deadline)
                    }
                }
            }
            if let notWon = card.notWon {
                Text("已参加 \(notWon.drawCount) 次摇号")
                    .font(.footnote)
                if let weight = notWon.nextWeight {
                    Text("下期阶梯倍数 \(weight)")
                        .font(.footnote)
                }
            }
        }
    }
}

/// A period: its status, the pool of valid codes and the data-freeze window.
struct PeriodRow: View {
    @Environment(AppState.self) private var state
    let period: Period

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(period.title)
                .font(.headline)
            LabeledContent("指标数", value: "\(period.quota)")
            if let pool = period.poolSize {
                LabeledContent("有效编码数（含阶梯）", value: "\(pool)")
            }
            Text("数据封存 \(BeijingTime.string(period.freezeFrom, state.language)) 至 \(BeijingTime.string(period.freezeUntil, state.language))")
                .font(.footnote)
                .foregroundStyle(.secondary)
            Text("摇号 \(BeijingTime.string(period.drawAt, state.language))")
                .font(.footnote)
                .foregroundStyle(.secondary)
        }
    }
}

/// The name of a period outcome.
func outcomeTitle(_ outcome: PeriodOutcome) -> LocalizedStringKey {
    switch outcome {
    case .won: "中签"
    case .notWon: "未中签"
    case .pending: "待公布"
    case let .other(raw): "状态：\(raw)"
    }
}
