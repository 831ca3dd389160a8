import SwiftUI
import YaohaoKit

/// Whether an individual may apply, with every reason the core gives when not.
struct EligibilityView: View {
    @Environment(AppState.self) private var state
    @State private var model = EligibilityModel()
    @State private var kind = Kind.hukou
    @State private var permitValidUntil = Date().addingTimeInterval(365 * 86_400)
    @State private var insuranceMonths: UInt32 = 60
    @State private var taxMonths: UInt32 = 60
    @State private var hasLicence = true

    /// Where the right to apply comes from, as the form asks it.
    enum Kind: Hashable { case hukou, military, workPermit, residencePermit, none }

    var body: some View {
        Form {
            Section {
                DatePicker("出生日期", selection: $model.birthDate, displayedComponents: .date)
                Picker("户籍或居住证明", selection: $kind) {
                    Text("北京户籍").tag(Kind.hukou)
                    Text("驻京部队").tag(Kind.military)
                    Text("工作居住证").tag(Kind.workPermit)
                    Text("居住证").tag(Kind.residencePermit)
                    Text("以上都没有").tag(Kind.none)
                }
                if kind == .workPermit || kind == .residencePermit {
                    DatePicker("证件有效期至", selection: $permitValidUntil, displayedComponents: .date)
                }
                if kind == .residencePermit {
                    Stepper("社保连续缴纳 \(insuranceMonths) 个月", value: $insuranceMonths, in: 0...240)
                    Stepper("个税连续缴纳 \(taxMonths) 个月", value: $taxMonths, in: 0...240)
                }
                Toggle("持有有效驾驶证", isOn: $hasLicence)
                if hasLicence, let until = Binding($model.licenceValidUntil) {
                    DatePicker("驾驶证有效期至", selection: until, displayedComponents: .date)
                }
                Toggle("名下有北京登记的小客车", isOn: $model.ownsBeijingCar)
                Toggle("持有有效指标", isOn: $model.holdsValidQuota)
            }
            Section("结果") {
                switch model.eligibility {
                case let .success(verdict) where verdict.eligible:
                    Label("符合申请条件", systemImage: "checkmark.circle")
                        .foregroundStyle(.green)
                case let .success(verdict):
                    FieldProblems(problems: verdict.failures.map(\.text))
                case let .failure(error):
                    FieldProblems(problems: [error.message])
                }
            }
        }
        .navigationTitle("申请资格")
        .onChange(of: kind) { model.residence = residence }
        .onChange(of: permitValidUntil) { model.residence = residence }
        .onChange(of: insuranceMonths) { model.residence = residence }
        .onChange(of: taxMonths) { model.residence = residence }
        .onChange(of: hasLicence) { _, has in
            model.licenceValidUntil = has ? Date().addingTimeInterval(5 * 365 * 86_400) : nil
        }
    }

    /// The core's residence of what the form says.
    private var residence: Residence {
        let until = BeijingTime.dateString(permitValidUntil)
        return switch kind {
        case .hukou: .beijingHukou
        case .military: .militaryInBeijing
        case .workPermit: .workResidencePermit(validUntil: until)
        case .residencePermit: .residencePermit(validUntil: until, socialInsuranceMonths: insuranceMonths,
                                                incomeTaxMonths: taxMonths)
        case .none: .unqualified
        }
    }
}
