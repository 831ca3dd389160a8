import SwiftUI
import YaohaoKit

/// The lottery calendar of the coming weeks, announced dates included, in Beijing time.
struct CalendarView: View {
    @State private var model: CalendarModel

    /// The calendar over `core` (one model for the life of the screen).
    init(core: Yaohao) {
        _model = State(initialValue: CalendarModel(core: core))
    }

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
        .errorAlert(Bindable(model).error)
    }
}
