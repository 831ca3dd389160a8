import SwiftUI
import UserNotifications
import YaohaoKit

/// The reminders the core computed (cut-offs, draws, confirmations, renewals), as scheduled.
struct RemindersView: View {
    @Environment(AppState.self) private var state
    @State private var authorized = true

    var body: some View {
        List {
            if !authorized {
                Section {
                    Button("允许通知，以便按时提醒") {
                        Task { authorized = await state.requestNotificationPermission() }
                    }
                }
            }
            if (state.dashboard?.reminders ?? []).isEmpty {
                ContentUnavailableView("暂无提醒", systemImage: "bell.slash")
            }
            ForEach(state.dashboard?.reminders ?? [], id: \.id) { reminder in
                VStack(alignment: .leading, spacing: 4) {
                    Text(state.text(reminder.title))
                        .font(.headline)
                    Text(state.text(reminder.body))
                        .font(.subheadline)
                    Text(BeijingTime.string(reminder.fireAt, state.language))
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
            }
        }
        .navigationTitle("提醒")
        .task {
            let settings = await UNUserNotificationCenter.current().notificationSettings()
            authorized = settings.authorizationStatus == .authorized || settings.authorizationStatus == .provisional
        }
    }
}
