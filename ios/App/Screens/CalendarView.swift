import SwiftUI
import YaohaoKit

/// The lottery calendar of the coming weeks, announced dates included, in Beijing time.
struct CalendarView: View {
    @Bindable var model: CalendarModel

    var body: some View {
        List(model.events, id: \.self) { event in
            EventRow(title: event.note, at: event.at, announced: event.announced)
        }
        .overlay {
            if model.events.isEmpty {
                ContentUnavailableView("暂无日程", systemImage: "calendar")
            }
        }
        .navigationTitle("日程")
        .task { await model.load() }
        .refreshable { await model.load() }
        .errorAlert($model.error)
    }
}
