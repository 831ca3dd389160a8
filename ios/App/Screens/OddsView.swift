import Charts
import SwiftUI
import YaohaoKit

/// Odds of the ordinary lottery with the chart of the chance of having won within n years, and
/// points of a family application, computed by the core (the odds off the main actor).
struct OddsView: View {
    @State private var model = CalculatorModel()

    var body: some View {
        Form {
            Section {
                NavigationLink("我能申请吗？") { EligibilityView() }
            }
            Section("普通指标中签概率") {
                LabeledContent("有效编码数（含阶梯）") {
                    TextField("有效编码数（含阶梯）", value: $model.poolSize, format: .number)
                        .keyboardType(.numberPad)
                        .multilineTextAlignment(.trailing)
                }
                LabeledContent("本期指标数") {
                    TextField("本期指标数", value: $model.quota, format: .number)
                        .keyboardType(.numberPad)
                        .multilineTextAlignment(.trailing)
                }
                Stepper("累计未中签 \(model.unsuccessfulDraws) 次", value: $model.unsuccessfulDraws, in: 0...200)
                Toggle("持有 C5 驾驶证", isOn: $model.c5)
                switch model.odds {
                case let .success(chart)?:
                    LabeledContent("阶梯倍数", value: "\(chart.weight)")
                    LabeledContent("下期中签概率", value: chart.odds.probability.formatted(.percent.precision(.fractionLength(3))))
                    LabeledContent("中签中位等待", value: String(localized: "\(chart.medianYears, format: .number.precision(.fractionLength(1))) 年"))
                case let .failure(error)?:
                    FieldProblems(problems: [error.message])
                case nil:
                    ProgressView()
                }
            }
            if case let .success(chart)? = model.odds {
                Section {
                    OddsChartView(chart: chart)
                } header: {
                    Text("多少年内中签")
                } footer: {
                    Text("曲线为到该年份时至少中签一次的概率，竖线为中位等待。")
                }
            }
            Section("家庭积分") {
                ForEach($model.members.indices, id: \.self) { index in
                    MemberEditor(member: $model.members[index])
                        .swipeActions {
                            Button("移除", role: .destructive) { model.removeMember(at: index) }
                        }
                }
                Button("添加家庭成员") { model.addMember(.child) }
                Stepper("家庭申请已满 \(model.familyFullYears) 年", value: $model.familyFullYears, in: 0...20)
                switch model.points {
                case let .success(points):
                    LabeledContent("总积分", value: "\(points.total)")
                    Text(points.formula)
                        .font(.footnote.monospaced())
                case let .failure(error):
                    FieldProblems(problems: [error.message])
                case nil:
                    ProgressView()
                }
            }
        }
        .navigationTitle("积分与概率")
        .task(id: model.oddsQuestion) { await model.computeOdds() }
        .task(id: model.pointsQuestion) { await model.computePoints() }
    }
}

/// The core's curve: the chance of having won within n years, the median wait marked; VoiceOver
/// reads the summary YaohaoKit takes off the curve.
struct OddsChartView: View {
    @Environment(AppState.self) private var state
    let chart: OddsChart

    var body: some View {
        Chart {
            ForEach(chart.points, id: \.draws) { point in
                AreaMark(x: .value("年", point.years), y: .value("概率", point.probability))
                    .foregroundStyle(Color.accentColor.opacity(0.15))
                LineMark(x: .value("年", point.years), y: .value("概率", point.probability))
                    .foregroundStyle(Color.accentColor)
            }
            RuleMark(x: .value("中位等待", chart.medianYears))
                .foregroundStyle(.secondary)
                .lineStyle(StrokeStyle(lineWidth: 1, dash: [4, 3]))
                .annotation(position: .top, alignment: .leading) {
                    Text("中位 \(chart.medianYears, format: .number.precision(.fractionLength(1))) 年")
                        .font(.caption2)
                        .foregroundStyle(.secondary)
                }
        }
        .chartYScale(domain: 0...1)
        .chartYAxis {
            AxisMarks(values: [0, 0.25, 0.5, 0.75, 1]) { value in
                AxisGridLine()
                AxisValueLabel {
                    if let chance = value.as(Double.self) {
                        Text(chance, format: .percent.precision(.fractionLength(0)))
                    }
                }
            }
        }
        .chartXAxisLabel("年")
        .frame(height: 220)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(Text("中签概率随年份变化"))
        .accessibilityValue(Text(chart.summary(state.language)))
    }
}

/// One family member's relation, ladder steps and NEV-queue years.
struct MemberEditor: View {
    @Binding var member: Member

    var body: some View {
        VStack {
            Picker("关系", selection: $member.relation) {
                ForEach(CalculatorModel.relations, id: \.self) { relation in
                    Text(relationTitle(relation)).tag(relation)
                }
            }
            Stepper("阶梯 \(member.ladderSteps)", value: $member.ladderSteps, in: 0...50)
            Stepper("新能源轮候 \(member.nevQueueFullYears) 年", value: $member.nevQueueFullYears, in: 0...20)
        }
    }
}

/// The name of a family relation.
func relationTitle(_ relation: Relation) -> LocalizedStringKey {
    switch relation {
    case .main: "主申请人"
    case .spouse: "配偶"
    case .child: "子女"
    case .parent: "父母"
    case .spouseParent: "配偶父母"
    case .other: "其他"
    }
}
