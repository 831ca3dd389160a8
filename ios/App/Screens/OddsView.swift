import SwiftUI
import YaohaoKit

/// Points of a family application and odds of the ordinary lottery, computed by the core.
struct OddsView: View {
    @Environment(AppState.self) private var state
    @State private var poolSize = 3_000_000
    @State private var quota = 6_000
    @State private var unsuccessfulDraws = 0
    @State private var c5 = false
    @State private var members = [FamilyMember(relation: .main), FamilyMember(relation: .spouse)]
    @State private var familyYears = 0

    var body: some View {
        Form {
            Section("普通指标中签概率") {
                LabeledContent("参与人数") {
                    TextField("参与人数", value: $poolSize, format: .number)
                        .keyboardType(.numberPad)
                        .multilineTextAlignment(.trailing)
                }
                LabeledContent("本期指标数") {
                    TextField("本期指标数", value: $quota, format: .number)
                        .keyboardType(.numberPad)
                        .multilineTextAlignment(.trailing)
                }
                Stepper("累计未中签 \(unsuccessfulDraws) 次", value: $unsuccessfulDraws, in: 0...200)
                Toggle("持有 C5 驾驶证", isOn: $c5)
                switch Result(catching: { () throws(PortalError) in
                    try Rules.odds(poolSize: UInt64(max(poolSize, 0)), quota: UInt64(max(quota, 0)),
                                   unsuccessfulDraws: UInt32(unsuccessfulDraws), c5: c5)
                }) {
                case let .success(odds):
                    LabeledContent("阶梯倍数", value: "\(odds.weight)")
                    LabeledContent("下期中签概率", value: odds.probability.formatted(.percent.precision(.fractionLength(3))))
                    LabeledContent("中签中位等待", value: String(localized: "\(odds.medianYears, format: .number.precision(.fractionLength(1))) 年"))
                case let .failure(error):
                    FieldProblems(problems: [error.message])
                }
            }
            Section("家庭积分") {
                ForEach($members) { $member in
                    MemberEditor(member: $member)
                }
                .onDelete { members.remove(atOffsets: $0) }
                Button("添加家庭成员") { members.append(FamilyMember(relation: .child)) }
                Stepper("家庭申请已满 \(familyYears) 年", value: $familyYears, in: 0...20)
                switch Result(catching: { () throws(PortalError) in
                    try Rules.points(members: members, familyFullYears: UInt32(familyYears))
                }) {
                case let .success(points):
                    LabeledContent("总积分", value: "\(points.total)")
                    Text(points.formula)
                        .font(.footnote.monospaced())
                case let .failure(error):
                    FieldProblems(problems: [error.message])
                }
            }
        }
        .navigationTitle("积分与概率")
    }
}

/// One family member's relation, ladder steps and NEV-queue years.
struct MemberEditor: View {
    @Binding var member: FamilyMember

    var body: some View {
        VStack {
            Picker("关系", selection: $member.relation) {
                ForEach(Rules.relations, id: \.self) { relation in
                    Text(relationTitle(relation)).tag(relation)
                }
            }
            Stepper("阶梯 \(member.ladderSteps)", value: $member.ladderSteps, in: 0...50)
            Stepper("新能源轮候 \(member.nevQueueFullYears) 年", value: $member.nevQueueFullYears, in: 0...20)
        }
    }
}

/// The name of a family relation.
func relationTitle(_ relation: FamilyRelation) -> LocalizedStringKey {
    switch relation {
    case .main: "主申请人"
    case .spouse: "配偶"
    case .child: "子女"
    case .parent: "父母"
    case .spouseParent: "配偶父母"
    case .other: "其他"
    }
}
