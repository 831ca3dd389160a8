import SwiftUI
import YaohaoKit

/// The latest results of the account's codes: green for a win, red otherwise, and whether the
/// core verified the published draw.
struct ResultsView: View {
    @Environment(AppState.self) private var state

    var body: some View {
        List {
            if state.dashboard.latestResults.isEmpty {
                ContentUnavailableView("暂无结果", systemImage: "tray",
                                       description: Text("结果公布后会自动核对并通知你。"))
            }
            ForEach(state.dashboard.latestResults) { outcome in
                ResultRow(outcome: outcome)
            }
            if !state.quotas.isEmpty {
                Section("我的指标") {
                    ForEach(state.quotas) { quota in
                        QuotaRow(quota: quota)
                    }
                }
            }
        }
        .navigationTitle("摇号结果")
        .task { await state.loadQuotas() }
        .refreshable {
            await state.runDrawDayCheck()
            await state.loadQuotas()
        }
    }
}

/// One code in one period.
struct ResultRow: View {
    let outcome: ResultOutcome

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            HStack {
                Text("第 \(outcome.period) 期")
                    .font(.headline)
                Spacer()
                if outcome.won {
                    Label("中签", systemImage: "checkmark.circle.fill")
                        .foregroundStyle(.green)
                } else {
                    Label("未中签", systemImage: "xmark.circle.fill")
                        .foregroundStyle(.red)
                }
            }
            Text("申请编码 \(outcome.code)")
                .font(.footnote.monospaced())
            if let row = outcome.row, outcome.won {
                Text("序号 \(row)")
                    .font(.footnote)
            }
            VerificationBadge(verified: outcome.verified)
        }
        .accessibilityElement(children: .combine)
    }
}

/// A won quota, with its confirmation deadline and the button to confirm it.
struct QuotaRow: View {
    @Environment(AppState.self) private var state
    let quota: Quota

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text("指标证明 \(quota.certificate)")
                .font(.footnote.monospaced())
            switch quota.status {
            case .pendingConfirmation:
                Text("请在 \(BeijingTime.string(quota.confirmBy, state.language)) 前确认")
                    .foregroundStyle(.orange)
                Button("确认指标") { Task { await state.confirmQuota(quota) } }
                    .disabled(!state.canConfirm(quota))
            case .confirmed:
                Text("已确认，有效期至 \(BeijingTime.string(quota.expiresAt, state.language))")
                    .foregroundStyle(.green)
            case .forfeited:
                Text("已放弃或逾期未确认")
                    .foregroundStyle(.red)
            case .expired:
                Text("已过期")
                    .foregroundStyle(.secondary)
            case let .other(name):
                Text("状态：\(name)")
            }
        }
    }
}

/// Whether the core re-ran and matched the published draw.
struct VerificationBadge: View {
    let verified: Bool

    var body: some View {
        Label(verified ? "摇号已验证" : "摇号未能验证", systemImage: verified ? "checkmark.seal.fill" : "exclamationmark.triangle.fill")
            .font(.caption.weight(.semibold))
            .padding(.horizontal, 8)
            .padding(.vertical, 3)
            .foregroundStyle(verified ? Color.green : Color.orange)
            .background((verified ? Color.green : Color.orange).opacity(0.12), in: Capsule())
    }
}
