import SwiftUI
import YaohaoKit

/// The first screen: what the app keeps and why, before any personal data is entered and
/// before notification permission is asked.
struct ConsentView: View {
    @Environment(AppState.self) private var state

    var body: some View {
        NavigationStack {
            List {
                Section {
                    Text("摇号助手帮助你申请北京市小客车指标、核对摇号结果并按时提醒。")
                }
                Section("我们处理的个人信息") {
                    Label("姓名、身份证号、手机号：用于登录和提交申请", systemImage: "person.text.rectangle")
                    Label("证件照片：在本机处理后上传给指标管理系统", systemImage: "photo")
                    Label("推送标识：用于通知摇号结果", systemImage: "bell")
                }
                Section {
                    Text("这些信息只用于办理指标申请，不用于追踪，也不与第三方共享。你可以随时在“设置”中撤回同意。")
                    Link("阅读完整的隐私政策", destination: Consent.policyURL)
                }
                Section {
                    Button("同意并继续") {
                        Task { await state.giveConsent() }
                    }
                    .bold()
                }
            }
            .navigationTitle("隐私与数据")
        }
    }
}
