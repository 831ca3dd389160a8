import SwiftUI
import UniformTypeIdentifiers
import YaohaoKit

/// A published list's verification: the core's headline and meaning, then the facts it rests on
/// (seed, 有效编码数（含阶梯）, quota, rows, the replay's draws and skips, SHA-256, the draw date
/// in Beijing time). Only a mismatch is styled as an error.
struct VerificationView: View {
    @Environment(AppState.self) private var state
    let detail: VerificationDetail

    var body: some View {
        List {
            Section {
                VerificationBadge(detail: detail)
                Text(state.text(detail.meaning))
            } header: {
                Text(detail.title)
            }
            VerificationFacts(detail: detail)
        }
        .navigationTitle("摇号验证")
    }
}

/// The report's facts as labelled rows.
struct VerificationFacts: View {
    let detail: VerificationDetail

    var body: some View {
        Section("验证依据") {
            ForEach(detail.rows) { row in
                if row.label == .sha256 {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(factTitle(row.label))
                        Text(row.value)
                            .font(.caption.monospaced())
                            .foregroundStyle(.secondary)
                            .textSelection(.enabled)
                    }
                } else {
                    LabeledContent {
                        Text(row.value).monospacedDigit()
                    } label: {
                        Text(factTitle(row.label))
                    }
                }
            }
        }
    }
}

/// The core's verdict in its words, styled by its tone: confirmed, information, or (a mismatch
/// only) an error.
struct VerificationBadge: View {
    @Environment(AppState.self) private var state
    let detail: VerificationDetail

    var body: some View {
        Label(state.text(detail.headline), systemImage: symbol)
            .font(.caption.weight(.semibold))
            .padding(.horizontal, 8)
            .padding(.vertical, 3)
            .foregroundStyle(colour)
            .background(colour.opacity(0.12), in: Capsule())
    }

    private var symbol: String {
        switch detail.tone {
        case .confirmed: "checkmark.seal.fill"
        case .neutral: "info.circle"
        case .failure: "xmark.octagon.fill"
        }
    }

    private var colour: Color {
        switch detail.tone {
        case .confirmed: .green
        case .neutral: .secondary
        case .failure: .red
        }
    }
}

/// Any code looked up in an official result file the user picks (PDF or TXT), with the file's
/// verification by the core. No account needed.
struct ResultFileView: View {
    @Environment(AppState.self) private var state
    @State var model: ResultFileModel
    @State private var importing = false

    var body: some View {
        Form {
            Section {
                Button("选择结果文件") { importing = true }
                if let name = model.fileName {
                    LabeledContent("文件", value: name)
                }
            } footer: {
                Text("打开从官方网站下载的结果文件（PDF 或 TXT），查询任意申请编码。")
            }
            if let detail = model.detail {
                Section {
                    TextField("申请编码", text: $model.code)
                        .keyboardType(.numbersAndPunctuation)
                        .autocorrectionDisabled()
                        .onSubmit { Task { await model.lookUp() } }
                    Button("查询") { Task { await model.lookUp() } }
                        .disabled(!model.canLookUp)
                    if let answer = model.lookup {
                        LookupAnswerView(answer: answer)
                    }
                }
                Section {
                    NavigationLink {
                        VerificationView(detail: detail)
                    } label: {
                        VStack(alignment: .leading, spacing: 6) {
                            VerificationBadge(detail: detail)
                            Text(state.text(detail.meaning))
                                .font(.footnote)
                        }
                    }
                } header: {
                    Text(detail.title)
                }
            }
        }
        .navigationTitle("查询结果文件")
        .fileImporter(isPresented: $importing, allowedContentTypes: [.pdf, .plainText]) { picked in
            guard case let .success(url) = picked else { return }
            let access = url.startAccessingSecurityScopedResource()
            defer { if access { url.stopAccessingSecurityScopedResource() } }
            guard let bytes = try? Data(contentsOf: url) else { return }
            let name = url.lastPathComponent
            Task { await model.open(bytes, name: name) }
        }
        .errorAlert($model.error)
    }
}

/// Whether the looked-up code is in the list, and where, as the core found it.
struct LookupAnswerView: View {
    let answer: CodeAnswer

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(answer.code).font(.footnote.monospaced())
            switch answer.result {
            case let .draw(won, row, position):
                if won {
                    Label("在中签名单中", systemImage: "checkmark.circle.fill").foregroundStyle(.green)
                    if let row { Text("序号 \(row)").font(.footnote) }
                    if let position { Text("摇号基数序号 \(position)").font(.footnote) }
                } else {
                    Label("不在这份中签名单中", systemImage: "minus.circle")
                }
            case let .queue(queued, rank):
                if queued {
                    Label("在轮候名单中", systemImage: "checkmark.circle.fill").foregroundStyle(.green)
                    if let rank { Text("轮候序号 \(rank)").font(.footnote) }
                } else {
                    Label("不在这份轮候名单中", systemImage: "minus.circle")
                }
            }
        }
    }
}

/// The label of a verification fact.
func factTitle(_ label: VerificationDetail.Label) -> LocalizedStringKey {
    switch label {
    case .period: "期号"
    case .drawDate: "摇号日期（北京时间）"
    case .seed: "种子数（指标配置初始值）"
    case .poolSize: "有效编码数（含阶梯）"
    case .quota: "指标数"
    case .rows: "名单行数"
    case .draws: "重放抽取次数"
    case .skipped: "重放跳过次数"
    case .sha256: "文件 SHA-256"
    }
}
