import SwiftUI
import YaohaoKit

/// Policy notices from the portal, newest first.
struct AnnouncementsView: View {
    @Environment(AppState.self) private var state

    var body: some View {
        List(state.announcements, id: \.id) { notice in
            NavigationLink {
                ScrollView {
                    Text(state.text(notice.body))
                        .padding()
                        .frame(maxWidth: .infinity, alignment: .leading)
                }
                .navigationTitle(state.text(notice.title))
            } label: {
                VStack(alignment: .leading, spacing: 4) {
                    Text(state.text(notice.title))
                    Text(BeijingTime.string(notice.publishedAt, state.language))
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
            }
        }
        .overlay {
            if state.announcements.isEmpty {
                ContentUnavailableView("暂无公告", systemImage: "megaphone")
            }
        }
        .navigationTitle("公告")
        .task { await state.loadAnnouncements() }
        .refreshable { await state.loadAnnouncements() }
    }
}
