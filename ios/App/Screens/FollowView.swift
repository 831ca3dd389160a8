import SwiftUI
import UniformTypeIdentifiers
import YaohaoKit

/// Codes followed without an account: add codes from the official system (the core reads them
/// and names an invalid one), remove them, and import an official result file (PDF or TXT) to see
/// their outcomes. The draw-day checks look for their results with no push.
struct FollowView: View {
    @Environment(AppState.self) private var state
    @State private var model: FollowModel
    @State private var typed = ""
    @State private var importing = false

    /// The followed codes of `state` (one model for the life of the screen).
    init(state: AppState) {
        _model = State(initialValue: state.following())
    }

    var body: some View {
        Form {
            Section {
                TextField("申请编码（可输入多个，用逗号分隔）", text: $typed)
                    .keyboardType(.numbersAndPunctuation)
                    .autocorrectionDisabled()
                Button("关注") {
                    Task { if await model.follow(typed) { typed = "" } }
                }
                .disabled(typed.isEmpty)
            } footer: {
                Text("无需登录：结果公布后自动核对这些编码。")
            }
            Section("已关注的编码") {
                ForEach(model.codes, id: \.self) { code in
                    Text(code).font(.body.monospaced())
                }
                .onDelete { offsets in
                    let codes = offsets.map { model.codes[$0] }
                    Task { for code in codes { await model.unfollow(code) } }
                }
            }
            Section {
                Button("导入结果文件") { importing = true }
                ForEach(model.found, id: \.id) { notification in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(state.text(notification.title)).font(.headline)
                        Text(state.text(notification.body))
                    }
                }
            } footer: {
                Text("打开从官方网站下载的结果文件（PDF 或 TXT），核对关注的编码。")
            }
        }
        .navigationTitle("关注申请编码")
        .task { await model.load() }
        .fileImporter(isPresented: $importing, allowedContentTypes: [.pdf, .plainText]) { picked in
            guard case let .success(url) = picked else { return }
            let access = url.startAccessingSecurityScopedResource()
            defer { if access { url.stopAccessingSecurityScopedResource() } }
            guard let bytes = try? Data(contentsOf: url) else { return }
            Task { await model.importFile(bytes) }
        }
        .errorAlert(Bindable(model).error)
    }
}
