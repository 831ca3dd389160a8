import Foundation
import YaohaoFFI

/// The materials an application may need (the core's `DocumentKind`; raw values are the portal's names).
public enum DocumentType: String, Sendable, Hashable, CaseIterable, Identifiable {
    /// 身份证人像面.
    case idCardFront = "id_front"
    /// 身份证国徽面.
    case idCardBack = "id_back"
    /// 证件照.
    case idPhoto = "id_photo"
    /// 驾驶证.
    case drivingLicence = "driving_licence"
    /// 居住证.
    case residencePermit = "residence_permit"
    /// 工作居住证.
    case workResidencePermit = "work_residence_permit"
    /// 社保缴纳记录.
    case socialInsuranceRecord = "social_insurance_record"
    /// 户口簿或亲属关系证明 (family applications).
    case familyRelationProof = "family_relation_proof"
    /// 结婚证.
    case marriageCertificate = "marriage_certificate"
    /// 营业执照.
    case businessLicence = "business_licence"
    /// 纳税证明.
    case taxProof = "tax_proof"

    /// The portal's name.
    public var id: String { rawValue }

    /// The material of the core's kind.
    init(_ kind: DocumentKind) {
        self = switch kind {
        case .idCardFront: .idCardFront
        case .idCardBack: .idCardBack
        case .idPhoto: .idPhoto
        case .drivingLicence: .drivingLicence
        case .residencePermit: .residencePermit
        case .workResidencePermit: .workResidencePermit
        case .socialInsuranceRecord: .socialInsuranceRecord
        case .familyRelationProof: .familyRelationProof
        case .marriageCertificate: .marriageCertificate
        case .businessLicence: .businessLicence
        case .taxProof: .taxProof
        }
    }

    /// The core's kind.
    var core: DocumentKind {
        switch self {
        case .idCardFront: .idCardFront
        case .idCardBack: .idCardBack
        case .idPhoto: .idPhoto
        case .drivingLicence: .drivingLicence
        case .residencePermit: .residencePermit
        case .workResidencePermit: .workResidencePermit
        case .socialInsuranceRecord: .socialInsuranceRecord
        case .familyRelationProof: .familyRelationProof
        case .marriageCertificate: .marriageCertificate
        case .businessLicence: .businessLicence
        case .taxProof: .taxProof
        }
    }

    /// The largest file the portal accepts for this material.
    public var maxBytes: UInt64 { documentMaxBytes(kind: core) }
}

/// A photo prepared by the core for upload: upright, within the size limits, re-encoded as JPEG.
public struct PreparedPhoto: Sendable, Hashable {
    /// Which material.
    public var kind: DocumentType
    /// The JPEG to upload (and to preview).
    public var jpeg: Data
    /// Pixel width.
    public var width: UInt32
    /// Pixel height.
    public var height: UInt32
    /// Sharpness score (higher is sharper).
    public var sharpness: Double
    /// What the user may want to fix (blur, small size), the photo is still accepted.
    public var warnings: [LocalizedText]
}

/// Prepares photos with the core, on the core's own threads (the caller only awaits).
public enum PhotoPreparation {
    /// Prepares `bytes` (JPEG or PNG from the camera or the photo library) as `kind`.
    public static func prepare(_ bytes: Data, as kind: DocumentType) async throws(PortalError) -> PreparedPhoto {
        do {
            let p = try await prepareDocument(bytes: bytes, kind: kind.core)
            return PreparedPhoto(kind: kind, jpeg: p.jpeg, width: p.width, height: p.height,
                                 sharpness: p.sharpness, warnings: p.warnings.map(\.localized))
        } catch {
            throw PortalError(error)
        }
    }
}
