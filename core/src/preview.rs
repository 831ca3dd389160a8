//! What an application needs and whether a form has it: the fields checked and the materials
//! required per kind, the family model, and the preview of a form. The portal refuses a
//! submission with the same preview; the facade computes it offline.

use crate::api::{ApplicationForm, ApplicationKind, DocumentKind, FamilyForm, FieldCheck, Preview};
use crate::i18n::{Reason, Text};
use crate::points::{self, Relation};
use crate::validate::{self, Validation};

/// The materials every application of a person or a family needs.
pub const REQUIRED_DOCUMENTS: [DocumentKind; 3] = [
    DocumentKind::IdCardFront,
    DocumentKind::IdCardBack,
    DocumentKind::DrivingLicence,
];

/// The materials a unit's application needs: its business licence and its tax proof.
pub const UNIT_DOCUMENTS: [DocumentKind; 2] =
    [DocumentKind::BusinessLicence, DocumentKind::TaxProof];

/// A text field of the application form that the applicant types, checked by the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormField {
    /// 驾驶证档案编号.
    LicenceFile,
    /// 联系地址.
    Address,
}

impl FormField {
    /// Every typed field, in the order a form asks for them.
    pub const ALL: [FormField; 2] = [FormField::LicenceFile, FormField::Address];

    /// The fields a form of `kind` asks for: a unit has no driving licence.
    pub fn of(kind: ApplicationKind) -> &'static [FormField] {
        if kind.is_unit() {
            &[FormField::Address]
        } else {
            &FormField::ALL
        }
    }

    /// The field's name on the wire and in the preview's checks.
    pub fn name(self) -> &'static str {
        match self {
            FormField::LicenceFile => "licence_file",
            FormField::Address => "address",
        }
    }

    /// The field with this name.
    pub fn parse(name: &str) -> Option<FormField> {
        FormField::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The question that asks for it, with where to find the value.
    pub fn question(self) -> Text {
        match self {
            FormField::LicenceFile => Text::new(
                "驾驶证档案编号（驾驶证副页上的 12 位数字）：",
                "Driving-licence file number (12 digits on the licence's second page): ",
            ),
            FormField::Address => Text::new("联系地址：", "Contact address: "),
        }
    }

    /// Checks a typed value (the applicant's resident ID names the licence-number mix-up).
    pub fn check(self, value: &str, resident_id: Option<&str>) -> Validation {
        match self {
            FormField::LicenceFile => validate::licence_file(value, resident_id),
            FormField::Address => validate::address(value),
        }
    }

    /// The field's value in `form`.
    pub fn slot(self, form: &mut ApplicationForm) -> &mut Option<String> {
        match self {
            FormField::LicenceFile => &mut form.licence_file,
            FormField::Address => &mut form.address,
        }
    }
}

/// The materials an application of `kind` needs before it can be submitted: the applicant's ID
/// card (both sides) and driving licence; a family also proves its relations (户口簿 or
/// 亲属关系证明); a unit gives its business licence and tax proof instead.
pub fn required_documents(kind: ApplicationKind) -> Vec<DocumentKind> {
    if kind.is_unit() {
        return UNIT_DOCUMENTS.to_vec();
    }
    let mut needed = REQUIRED_DOCUMENTS.to_vec();
    if kind.is_family() {
        needed.push(DocumentKind::FamilyRelationProof);
    }
    needed
}

/// Whether an application of `kind` holds the material `doc`: a unit's application holds its
/// business licence and tax proof, a person's or a family's the personal materials; the
/// changes' proofs travel with the change, not with an application.
pub fn holds(kind: ApplicationKind, doc: DocumentKind) -> bool {
    doc.is_application_material() && kind.is_unit() == UNIT_DOCUMENTS.contains(&doc)
}

/// The core family model of a family form (the main applicant first).
pub fn family_model(family: &FamilyForm) -> points::Family {
    let mut members = vec![points::Member {
        relation: Relation::Main,
        ladder_steps: family.main_ladder_steps,
        nev_queue_full_years: family.main_nev_queue_full_years,
    }];
    members.extend(family.members.iter().map(|m| points::Member {
        relation: m.relation,
        ladder_steps: m.ladder_steps,
        nev_queue_full_years: m.nev_queue_full_years,
    }));
    points::Family {
        generations: family.generations,
        family_full_years: 0,
        members,
    }
}

/// Every check a submission of `form` as `kind` runs, for the applicant with `resident_id`,
/// when the materials in `present` are with the portal (or on their way).
pub fn preview(
    kind: ApplicationKind,
    form: &ApplicationForm,
    resident_id: &str,
    present: &[DocumentKind],
) -> Preview {
    let mut typed = form.clone();
    let mut checks: Vec<FieldCheck> = FormField::of(kind)
        .iter()
        .map(|&f| {
            let value = f.slot(&mut typed).clone().unwrap_or_default();
            FieldCheck::new(f.name(), f.check(&value, Some(resident_id)))
        })
        .collect();
    let (mut points, mut family_problem) = (None, None);
    if kind.is_family() {
        let family = form.family.clone().unwrap_or_default();
        for (i, m) in family.members.iter().enumerate() {
            checks.push(FieldCheck::new(
                format!("family.members[{i}].resident_id"),
                validate::resident_id(&m.resident_id),
            ));
            checks.push(FieldCheck::new(
                format!("family.members[{i}].name"),
                validate::name(&m.name),
            ));
        }
        match points::family_points(&family_model(&family)) {
            Ok(p) => points = Some(p),
            Err(reason) => family_problem = Some(reason),
        }
    }
    let required_documents = required_documents(kind);
    let missing_documents: Vec<DocumentKind> = required_documents
        .iter()
        .copied()
        .filter(|k| !present.contains(k))
        .collect();
    let ready =
        checks.iter().all(|c| c.valid) && missing_documents.is_empty() && family_problem.is_none();
    Preview {
        ready,
        checks,
        required_documents,
        missing_documents,
        points,
        family_problem,
    }
}

/// The first problem of a preview that is not ready, with the field it is about (what a
/// refused submission says); `None` when it is ready.
pub fn first_problem(preview: &Preview) -> Option<(String, Reason)> {
    if let Some(c) = preview.checks.iter().find(|c| !c.valid) {
        let zh: String = c.errors.iter().map(|r| r.message_zh.as_str()).collect();
        let en: Vec<&str> = c.errors.iter().map(|r| r.message_en.as_str()).collect();
        let code = c
            .errors
            .first()
            .map_or("invalid_input", |r| r.code.as_str());
        return Some((c.field.clone(), Reason::new(code, zh, en.join(" "))));
    }
    if let Some(reason) = &preview.family_problem {
        return Some(("family".to_owned(), reason.clone()));
    }
    if preview.missing_documents.is_empty() {
        return None;
    }
    let names: Vec<&str> = preview
        .missing_documents
        .iter()
        .map(|k| k.as_str())
        .collect();
    Some((
        "documents".to_owned(),
        Reason::new(
            "missing_documents",
            format!("请上传以下材料：{}", names.join("、")),
            format!("upload these materials: {}", names.join(", ")),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::MemberForm;

    const ID: &str = "11010519491231002X";
    const SPOUSE: &str = "110105195001010012";

    fn form() -> ApplicationForm {
        ApplicationForm {
            licence_file: Some("110105012345".into()),
            address: Some("北京市朝阳区建国路88号".into()),
            c5_licence: false,
            family: None,
        }
    }

    #[test]
    fn an_individual_form_is_ready_with_its_three_materials() {
        let kind = ApplicationKind::IndividualOrdinary;
        let none = preview(kind, &form(), ID, &[]);
        assert!(!none.ready);
        assert!(none.checks.iter().all(|c| c.valid), "{:?}", none.checks);
        assert_eq!(none.missing_documents, REQUIRED_DOCUMENTS);
        let (field, reason) = first_problem(&none).unwrap();
        assert_eq!(
            (field.as_str(), reason.code.as_str()),
            ("documents", "missing_documents")
        );
        let all = preview(kind, &form(), ID, &REQUIRED_DOCUMENTS);
        assert!(all.ready && all.points.is_none());
        assert_eq!(first_problem(&all), None);
    }

    #[test]
    fn a_unit_gives_an_address_and_its_licence_and_tax_proof_not_a_driving_licence() {
        for kind in [ApplicationKind::UnitOrdinary, ApplicationKind::UnitNev] {
            let form = ApplicationForm {
                licence_file: None,
                ..form()
            };
            let none = preview(kind, &form, ID, &[]);
            assert_eq!(
                none.checks
                    .iter()
                    .map(|c| c.field.as_str())
                    .collect::<Vec<_>>(),
                ["address"]
            );
            assert_eq!(none.required_documents, UNIT_DOCUMENTS);
            assert_eq!(none.missing_documents, UNIT_DOCUMENTS);
            assert!(!none.ready);
            assert!(preview(kind, &form, ID, &UNIT_DOCUMENTS).ready);
            // Its identity documents are not what a unit is asked for, nor does it hold them.
            assert!(!preview(kind, &form, ID, &REQUIRED_DOCUMENTS).ready);
            assert!(UNIT_DOCUMENTS.iter().all(|&d| holds(kind, d)));
            assert!(!holds(kind, DocumentKind::IdCardFront));
            assert!(!holds(
                ApplicationKind::IndividualOrdinary,
                DocumentKind::TaxProof
            ));
            assert!(holds(ApplicationKind::Family, DocumentKind::IdPhoto));
            assert!(!holds(kind, DocumentKind::AddressProof));
        }
    }

    #[test]
    fn field_problems_come_first_and_name_the_field() {
        let bad = ApplicationForm {
            address: Some("北京朝阳区建国路88号".into()),
            licence_file: Some(ID.into()),
            ..form()
        };
        let p = preview(
            ApplicationKind::IndividualNev,
            &bad,
            ID,
            &REQUIRED_DOCUMENTS,
        );
        assert!(!p.ready);
        let (field, reason) = first_problem(&p).unwrap();
        assert_eq!(field, "licence_file");
        assert_eq!(reason.code, "licence_file_is_licence_number");
    }

    #[test]
    fn a_family_needs_its_relation_proof_and_gets_its_points() {
        let family = FamilyForm {
            generations: None,
            main_ladder_steps: 5,
            main_nev_queue_full_years: 0,
            members: vec![MemberForm {
                relation: Relation::Spouse,
                resident_id: SPOUSE.into(),
                name: "李四".into(),
                ladder_steps: 5,
                nev_queue_full_years: 0,
            }],
        };
        let f = ApplicationForm {
            family: Some(family),
            ..form()
        };
        let kind = ApplicationKind::Family;
        let p = preview(kind, &f, ID, &REQUIRED_DOCUMENTS);
        assert_eq!(p.missing_documents, [DocumentKind::FamilyRelationProof]);
        assert_eq!(p.checks.len(), 4, "licence, address, member ID and name");
        // ((7 + 6) × 2) × 1 = 26.
        assert_eq!(p.points.as_ref().map(|x| x.total), Some(26));
        let ready = preview(kind, &f, ID, &required_documents(kind));
        assert!(ready.ready, "{ready:?}");
        let lonely = ApplicationForm {
            family: Some(FamilyForm::default()),
            ..form()
        };
        let p = preview(kind, &lonely, ID, &required_documents(kind));
        assert!(!p.ready && p.family_problem.is_some());
        assert_eq!(first_problem(&p).unwrap().0, "family");
    }
}
