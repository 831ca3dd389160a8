//! The OpenAPI contract and the server agree: every route in the source is in
//! `docs/api/portal.openapi.yaml` and every operation in the spec is routed by the live server.

mod common;

use std::collections::BTreeSet;

use common::*;
use reqwest::Method;

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (METHOD, path) of every operation in the spec: path keys are indented two spaces under
/// `paths:`, operation keys four.
fn spec_operations() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(root().join("docs/api/portal.openapi.yaml")).unwrap();
    let mut ops = BTreeSet::new();
    let mut in_paths = false;
    let mut path = String::new();
    for line in text.lines() {
        if !line.starts_with(' ') {
            in_paths = line == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|p| p.strip_suffix(':')) {
            path = format!("/{p}");
        } else if let Some(m) = line.strip_prefix("    ").and_then(|m| m.strip_suffix(':'))
            && METHODS.contains(&m)
        {
            ops.insert((m.to_uppercase(), path.clone()));
        }
    }
    ops
}

/// (METHOD, path) of every `.route("…", …)` in `server/src/routes/`.
fn source_operations() -> BTreeSet<(String, String)> {
    let mut ops = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("server/src/routes")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for chunk in text.split(".route(").skip(1) {
            let path = chunk.split('"').nth(1).unwrap().to_owned();
            let call = chunk.split("\n        .").next().unwrap();
            let call = call.split("\n}").next().unwrap();
            for method in METHODS {
                let token = format!("{method}(");
                let found = call.match_indices(&token).any(|(at, _)| {
                    at == 0 || !call[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                if found {
                    ops.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
    }
    ops
}

#[test]
fn the_spec_lists_exactly_the_served_routes() {
    let spec = spec_operations();
    let source = source_operations();
    assert!(source.len() > 50, "routes found: {source:?}");
    let missing: Vec<_> = source.difference(&spec).collect();
    let extra: Vec<_> = spec.difference(&source).collect();
    assert!(
        missing.is_empty(),
        "served but not in the spec: {missing:?}"
    );
    assert!(extra.is_empty(), "in the spec but not served: {extra:?}");
}

#[tokio::test]
async fn every_spec_operation_is_routed_by_the_live_server() {
    let t = start().await;
    for (method, path) in spec_operations() {
        let concrete = path
            .replace("{id}", "999999")
            .replace("{kind}", "id_front")
            .replace("{period}", "209901")
            .replace("{file}", "result.txt");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let r = t.req(method.clone(), &concrete, None).send().await.unwrap();
        let status = r.status();
        let body = r.text().await.unwrap();
        assert_ne!(status.as_u16(), 405, "{method} {path}: {body}");
        assert!(
            !body.contains("unknown_route"),
            "{method} {path} is not routed"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The contract types (`yaohao_core::api`) agree with the spec's schemas: a sample of each type,
// serialised, satisfies its schema; every schema has a type; every enum has the spec's names.

mod schema {
    //! The spec as JSON, and a checker for the part of OpenAPI 3.0 it uses: `$ref`, `allOf`,
    //! `nullable`, `type`, `enum`, `required`, `properties`, `additionalProperties: false`,
    //! `items`, `minimum`, `maxLength`, `minLength`, the `date`/`date-time` formats and the
    //! digit-run `pattern`s.

    use serde_json::{Map, Value};
    use yaml_rust2::{Yaml, YamlLoader};

    fn json(yaml: &Yaml) -> Value {
        match yaml {
            Yaml::Real(r) => r.parse::<f64>().map_or(Value::Null, Value::from),
            Yaml::Integer(i) => Value::from(*i),
            Yaml::String(s) => Value::from(s.clone()),
            Yaml::Boolean(b) => Value::from(*b),
            Yaml::Array(items) => Value::Array(items.iter().map(json).collect()),
            Yaml::Hash(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            Yaml::String(s) => s.clone(),
                            Yaml::Integer(i) => i.to_string(),
                            other => format!("{other:?}"),
                        };
                        (key, json(v))
                    })
                    .collect::<Map<_, _>>(),
            ),
            _ => Value::Null,
        }
    }

    /// `docs/api/portal.openapi.yaml` as JSON.
    pub fn spec() -> Value {
        let path = super::root().join("docs/api/portal.openapi.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        json(&YamlLoader::load_from_str(&text).unwrap()[0])
    }

    /// The named schemas.
    pub fn schemas(spec: &Value) -> &Map<String, Value> {
        spec["components"]["schemas"].as_object().unwrap()
    }

    /// `^[0-9]{n}$` or `^[0-9]{a,b}$`; other patterns are not checked.
    fn digits(pattern: &str, text: &str) -> bool {
        let Some(count) = pattern
            .strip_prefix("^[0-9]{")
            .and_then(|p| p.strip_suffix("}$"))
        else {
            return true;
        };
        let (low, high) = match count.split_once(',') {
            Some((a, b)) => (a.parse().unwrap(), b.parse().unwrap()),
            None => (count.parse().unwrap(), count.parse().unwrap()),
        };
        text.chars().all(|c| c.is_ascii_digit()) && (low..=high).contains(&text.len())
    }

    /// Every way `value` breaks `schema`, with its path.
    pub fn check(spec: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
        if let Some(reference) = schema["$ref"].as_str() {
            let name = reference.trim_start_matches("#/components/schemas/");
            let Some(target) = schemas(spec).get(name) else {
                out.push(format!("{path}: no schema {name}"));
                return;
            };
            return check(spec, target, value, path, out);
        }
        if value.is_null() {
            if schema["nullable"] != true {
                out.push(format!("{path}: null where the schema is not nullable"));
            }
            return;
        }
        if let Some(all) = schema["allOf"].as_array() {
            for part in all {
                check(spec, part, value, path, out);
            }
        }
        if let Some(names) = schema["enum"].as_array()
            && !names.contains(value)
        {
            out.push(format!("{path}: {value} is not one of {names:?}"));
        }
        let fail = |out: &mut Vec<String>, what: &str| {
            out.push(format!("{path}: {value} is not {what}"));
        };
        match schema["type"].as_str() {
            Some("object") => {
                let Some(fields) = value.as_object() else {
                    return fail(out, "an object");
                };
                for name in schema["required"].as_array().into_iter().flatten() {
                    if !fields.contains_key(name.as_str().unwrap()) {
                        out.push(format!("{path}: missing required {name}"));
                    }
                }
                let properties = schema["properties"].as_object();
                for (name, field) in fields {
                    match properties.and_then(|p| p.get(name)) {
                        Some(property) => {
                            check(spec, property, field, &format!("{path}.{name}"), out)
                        }
                        None if schema["additionalProperties"] == false => {
                            out.push(format!("{path}: field {name} is not in the schema"))
                        }
                        // Open objects (Policy, FamilyPoints) are described, not enumerated.
                        None if properties.is_some() => {
                            out.push(format!("{path}: field {name} is not in the schema"))
                        }
                        None => {}
                    }
                }
            }
            Some("array") => {
                let Some(items) = value.as_array() else {
                    return fail(out, "an array");
                };
                for (i, item) in items.iter().enumerate() {
                    check(spec, &schema["items"], item, &format!("{path}[{i}]"), out);
                }
            }
            Some("string") => {
                let Some(text) = value.as_str() else {
                    return fail(out, "a string");
                };
                let ok = match schema["format"].as_str() {
                    Some("date-time") => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
                    Some("date") => text.parse::<chrono::NaiveDate>().is_ok(),
                    _ => true,
                };
                if !ok {
                    fail(out, "in the schema's format");
                }
                if let Some(pattern) = schema["pattern"].as_str()
                    && !digits(pattern, text)
                {
                    fail(out, pattern);
                }
                let chars = text.chars().count() as u64;
                if schema["minLength"].as_u64().is_some_and(|min| chars < min)
                    || schema["maxLength"].as_u64().is_some_and(|max| chars > max)
                {
                    fail(out, "of the schema's length");
                }
            }
            Some("integer") => {
                if !(value.is_i64() || value.is_u64()) {
                    return fail(out, "an integer");
                }
                if let Some(min) = schema["minimum"].as_f64()
                    && value.as_f64().unwrap() < min
                {
                    fail(out, "at or above the minimum");
                }
            }
            Some("number") if !value.is_number() => fail(out, "a number"),
            Some("boolean") if !value.is_boolean() => fail(out, "a boolean"),
            _ => {}
        }
    }
}

mod samples {
    //! A sample of every contract type, serialised, by the name of its schema.

    use chrono::{DateTime, NaiveDate, Utc};
    use serde::Serialize;
    use serde_json::Value;
    use yaohao_core::api::*;
    use yaohao_core::{calendar, points, policy};

    fn at() -> DateTime<Utc> {
        "2026-06-24T01:00:00Z".parse().unwrap()
    }

    fn v(value: impl Serialize) -> Value {
        serde_json::to_value(value).unwrap()
    }

    fn reason() -> Reason {
        Reason::new("id_checksum", "校验位错误", "the check digit is wrong")
    }

    fn exported_application() -> ExportedApplication {
        ExportedApplication {
            application: application(ApplicationStatus::Withdrawn),
            documents: vec![document(DocumentKind::IdCardFront)],
        }
    }

    fn session_record() -> SessionRecord {
        SessionRecord {
            created_at: at(),
            expires_at: at(),
            ended_reason: Some("logout".into()),
        }
    }

    fn data_export() -> DataExport {
        DataExport {
            exported_at: at(),
            account: account(),
            applications: vec![exported_application()],
            marital_changes: Vec::new(),
            address_changes: vec![AddressChange {
                id: 2,
                requested_address: "北京市海淀区中关村大街27号".into(),
                status: MaritalChangeStatus::Pending,
                reason: None,
                created_at: at(),
                decided_at: None,
            }],
            quotas: vec![quota(QuotaStatus::Confirmed)],
            results: vec![result(PeriodOutcome::Won)],
            devices: vec![device()],
            sessions: vec![session_record()],
        }
    }

    fn account() -> Account {
        Account {
            id: 7,
            resident_id: "11010519491231002X".into(),
            name: "张三".into(),
            mobile: "13800138000".into(),
            marital_status: MaritalStatus::Married,
            created_at: at(),
            unit: Some(UnitProfile {
                credit_code: "91110108551385082Q".into(),
                unit_name: "北京某某科技有限公司".into(),
            }),
        }
    }

    fn form() -> ApplicationForm {
        ApplicationForm {
            licence_file: Some("110000123456".into()),
            address: Some("北京市海淀区".into()),
            c5_licence: false,
            family: Some(FamilyForm {
                generations: Some(2),
                main_ladder_steps: 3,
                main_nev_queue_full_years: 1,
                members: vec![MemberForm {
                    relation: Relation::Spouse,
                    resident_id: "110105199001011232".into(),
                    name: "李四".into(),
                    ladder_steps: 2,
                    nev_queue_full_years: 0,
                }],
            }),
        }
    }

    fn application(status: ApplicationStatus) -> Application {
        Application {
            id: 1,
            kind: ApplicationKind::Family,
            status,
            code: Some("1234000000001".into()),
            form: form(),
            rejection_reasons: vec![reason()],
            draw_count: 3,
            submitted_at: Some(at()),
            reviewed_at: None,
            created_at: at(),
            updated_at: at(),
            continued_on: NaiveDate::from_ymd_opt(2026, 12, 3),
        }
    }

    fn family_points() -> FamilyPoints {
        let member = |relation, ladder_steps| points::Member {
            relation,
            ladder_steps,
            nev_queue_full_years: 0,
        };
        points::family_points(&points::Family {
            generations: None,
            family_full_years: 0,
            members: vec![member(Relation::Main, 3), member(Relation::Spouse, 2)],
        })
        .unwrap()
    }

    fn period(status: PeriodStatus) -> Period {
        Period {
            id: "202603".into(),
            kind: PeriodKind::Draw,
            title: "2026年第3期".into(),
            quota: 10_000,
            status,
            cutoff_at: at(),
            freeze_from: at(),
            freeze_until: at(),
            draw_at: at(),
            publish_at: at(),
            pool_size: Some(3),
            seed: Some("390922".into()),
            run_at: None,
            published_at: None,
        }
    }

    fn quota(status: QuotaStatus) -> Quota {
        Quota {
            id: 3,
            application_id: 1,
            period: "202603".into(),
            certificate: "BJ2026030000001".into(),
            status,
            issued_at: at(),
            confirm_by: at(),
            confirmed_at: None,
            expires_at: at(),
        }
    }

    fn result(outcome: PeriodOutcome) -> ResultEntry {
        ResultEntry {
            period: "202603".into(),
            title: "2026年第3期".into(),
            code: "1234000000001".into(),
            outcome,
            seq: Some(12),
            position: None,
        }
    }

    fn events() -> Vec<calendar::Event> {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        calendar::events(policy::default_policy(), from, to, &[])
    }

    fn error(code: ErrorCode) -> ErrorBody {
        ErrorBody {
            code,
            message_zh: "中".into(),
            message_en: "en".into(),
            field: Some("mobile".into()),
            retry_after: Some(60),
            until: Some(at()),
        }
    }

    fn device() -> Device {
        Device {
            id: 1,
            provider: Provider::Fcm,
            token: "t".into(),
            created_at: at(),
        }
    }

    fn sms() -> SmsOutboxEntry {
        SmsOutboxEntry {
            id: 1,
            mobile: "13800138000".into(),
            body: "验证码 123456".into(),
            created_at: at(),
        }
    }

    fn push_entry(status: PushStatus) -> PushOutboxEntry {
        PushOutboxEntry {
            idempotency_key: "result:202603:1".into(),
            account_id: 7,
            won: true,
            status,
            attempts: 1,
            last_error: None,
        }
    }

    fn queue_rank() -> QueueRank {
        QueueRank {
            application_id: 1,
            kind: ApplicationKind::Family,
            rank: 2,
            total: 9,
            points: Some(126),
        }
    }

    fn preview() -> Preview {
        Preview {
            ready: false,
            checks: vec![field_check()],
            required_documents: vec![DocumentKind::IdCardFront, DocumentKind::DrivingLicence],
            missing_documents: vec![DocumentKind::IdCardFront],
            points: Some(family_points()),
            family_problem: Some(reason()),
        }
    }

    fn field_check() -> FieldCheck {
        FieldCheck {
            field: "licence_file".into(),
            valid: false,
            normalized: None,
            errors: vec![reason()],
        }
    }

    fn announcement() -> Announcement {
        Announcement {
            id: 1,
            title_zh: "通告".into(),
            title_en: "Notice".into(),
            body_zh: "正文".into(),
            body_en: "Body".into(),
            published_at: at(),
        }
    }

    fn document(kind: DocumentKind) -> Document {
        Document {
            kind,
            sha256: "ab".repeat(32),
            media_type: "image/jpeg".into(),
            size: 1024,
            uploaded_at: at(),
        }
    }

    fn tick() -> TickReport {
        TickReport {
            frozen: vec!["202603".into()],
            published: vec!["202602".into()],
            forfeited: 1,
            push: DeliveryReport {
                sent: 1,
                ..DeliveryReport::default()
            },
            ..TickReport::default()
        }
    }

    fn result_file() -> Value {
        let text = std::fs::read(super::root().join("tests/fixtures/results/person-2016-bom.txt"))
            .unwrap();
        let file = yaohao_core::results::parse_bytes(&text).unwrap();
        let winners = [yaohao_core::draw::DrawRow {
            seq: 1,
            position: 5,
            code: yaohao_core::results::Code::parse("1234000000001").unwrap(),
        }];
        v(ResultFile {
            header: &file.header,
            winners: &winners,
        })
    }

    /// (schema, serialised sample), every schema of the spec at least once.
    pub fn all() -> Vec<(&'static str, Value)> {
        let mut out = vec![
            ("Error", v(error(ErrorCode::DataFreeze))),
            ("Reason", v(reason())),
            ("Health", v(Health::default())),
            ("HealthStatus", v(HealthStatus::Ok)),
            (
                "Clock",
                v(Clock {
                    now: at(),
                    simulated: true,
                }),
            ),
            (
                "ClockMove",
                v(ClockMove {
                    advance_seconds: Some(60),
                    to: None,
                }),
            ),
            ("Policy", v(policy::default_policy())),
            ("Event", v(&events()[0])),
            ("EventList", v(events())),
            (
                "AnnouncedDate",
                v(AnnouncedDate {
                    kind: EventKind::Draw,
                    projected: NaiveDate::from_ymd_opt(2026, 6, 26).unwrap(),
                    at: at().fixed_offset(),
                }),
            ),
            ("Announcement", v(announcement())),
            ("AnnouncementList", v(vec![announcement()])),
            (
                "NewAnnouncement",
                v(NewAnnouncement {
                    title_zh: "通告".into(),
                    title_en: "Notice".into(),
                    body_zh: String::new(),
                    body_en: String::new(),
                }),
            ),
            (
                "CodeRequest",
                v(CodeRequest {
                    purpose: SmsPurpose::Login,
                    mobile: None,
                    resident_id: None,
                    credit_code: Some("91110108551385082Q".into()),
                }),
            ),
            (
                "CodeSent",
                v(CodeSent {
                    expires_in: 300,
                    resend_after: 60,
                }),
            ),
            (
                "Registration",
                v(Registration {
                    resident_id: "11010519491231002X".into(),
                    name: "张三".into(),
                    mobile: "13800138000".into(),
                    password: "secret123".into(),
                    sms_code: "123456".into(),
                }),
            ),
            (
                "Login",
                v(Login {
                    resident_id: Some("11010519491231002X".into()),
                    credit_code: None,
                    password: "secret123".into(),
                    sms_code: "123456".into(),
                }),
            ),
            (
                "PasswordReset",
                v(PasswordReset {
                    resident_id: None,
                    credit_code: Some("91110108551385082Q".into()),
                    mobile: "13800138000".into(),
                    sms_code: "123456".into(),
                    new_password: "secret456".into(),
                }),
            ),
            (
                "MobileCodes",
                v(MobileCodes {
                    new_mobile: "13900139000".into(),
                }),
            ),
            (
                "MobileChange",
                v(MobileChange {
                    new_mobile: "13900139000".into(),
                    old_code: "123456".into(),
                    new_code: "654321".into(),
                }),
            ),
            ("Account", v(account())),
            ("UnitProfile", v(account().unit)),
            (
                "UnitRegistration",
                v(UnitRegistration {
                    credit_code: "91110108551385082Q".into(),
                    unit_name: "北京某某科技有限公司".into(),
                    contact_resident_id: "11010519491231002X".into(),
                    contact_name: "张三".into(),
                    mobile: "13800138000".into(),
                    password: "secret123".into(),
                    sms_code: "123456".into(),
                }),
            ),
            (
                "Session",
                v(Session {
                    token: "ab".repeat(32),
                    expires_at: at(),
                    account: account(),
                }),
            ),
            (
                "MaritalChange",
                v(MaritalChange {
                    id: 1,
                    requested_status: MaritalStatus::Divorced,
                    status: MaritalChangeStatus::Rejected,
                    reason: Some("证件不清晰".into()),
                    created_at: at(),
                    decided_at: Some(at()),
                }),
            ),
            ("AddressChange", v(&data_export().address_changes[0])),
            (
                "Decision",
                v(Decision {
                    approve: false,
                    reason: Some("证件不清晰".into()),
                }),
            ),
            ("MemberForm", v(&form().family.unwrap().members[0])),
            ("FamilyForm", v(form().family)),
            ("Form", v(form())),
            ("Form", v(ApplicationForm::default())),
            (
                "NewApplication",
                v(NewApplication {
                    kind: ApplicationKind::Family,
                    form: form(),
                }),
            ),
            ("FormUpdate", v(FormUpdate { form: form() })),
            ("Application", v(application(ApplicationStatus::Approved))),
            (
                "ApplicationList",
                v(vec![application(ApplicationStatus::Draft)]),
            ),
            ("Preview", v(preview())),
            ("FieldCheck", v(field_check())),
            ("Document", v(document(DocumentKind::DrivingLicence))),
            (
                "DocumentList",
                v(vec![document(DocumentKind::FamilyRelationProof)]),
            ),
            ("Period", v(period(PeriodStatus::Published))),
            ("PeriodList", v(vec![period(PeriodStatus::Open)])),
            (
                "NewPeriod",
                v(NewPeriod {
                    quota: 10_000,
                    kind: PeriodKind::UnitDraw,
                    draw_date: NaiveDate::from_ymd_opt(2026, 6, 26),
                }),
            ),
            (
                "DrawRequest",
                v(DrawRequest {
                    seed: Some("390922".into()),
                }),
            ),
            ("ResultEntry", v(result(PeriodOutcome::Won))),
            ("ResultList", v(vec![result(PeriodOutcome::Pending)])),
            (
                "Captcha",
                v(Captcha {
                    captcha_id: "c1".into(),
                    image_url: "/v1/captcha/c1".into(),
                    expires_at: at(),
                }),
            ),
            ("Quota", v(quota(QuotaStatus::Confirmed))),
            (
                "QuotaList",
                v(vec![quota(QuotaStatus::PendingConfirmation)]),
            ),
            ("QueueRank", v(queue_rank())),
            ("QueueRankList", v(vec![queue_rank()])),
            (
                "NewDevice",
                v(NewDevice {
                    provider: Provider::Apns,
                    token: "t".into(),
                    keys: None,
                }),
            ),
            (
                "NewDevice",
                v(NewDevice {
                    provider: Provider::WebPush,
                    token: "https://push.example.org/up/1".into(),
                    keys: Some(WebPushKeys {
                        p256dh: "BP".into(),
                        auth: "au".into(),
                    }),
                }),
            ),
            (
                "WebPushKeys",
                v(WebPushKeys {
                    p256dh: "BP".into(),
                    auth: "au".into(),
                }),
            ),
            (
                "VapidKey",
                v(VapidKey {
                    public_key: "BP".into(),
                }),
            ),
            ("Device", v(device())),
            ("DeviceList", v(vec![device()])),
            (
                "AccountDeletion",
                v(AccountDeletion {
                    password: "secret123".into(),
                }),
            ),
            ("DataExport", v(data_export())),
            ("ExportedApplication", v(exported_application())),
            ("SessionRecord", v(session_record())),
            (
                "PushNotification",
                v(PushNotification {
                    idempotency_key: "result:202603:1".into(),
                    period: "202603".into(),
                    application_id: 1,
                    won: false,
                    title_zh: "摇号结果".into(),
                    title_en: "Draw result".into(),
                    body_zh: "未中签".into(),
                    body_en: "Not drawn".into(),
                }),
            ),
            ("SmsOutboxEntry", v(sms())),
            ("OutboxList", v(vec![sms()])),
            ("PushOutboxEntry", v(push_entry(PushStatus::NoDevice))),
            ("PushOutboxList", v(vec![push_entry(PushStatus::Sent)])),
            (
                "ImportSummary",
                v(ImportSummary {
                    people: 2,
                    records: 9,
                }),
            ),
            (
                "ReviewSummary",
                v(ReviewSummary {
                    approved: 1,
                    rejected: 0,
                }),
            ),
            ("TickReport", v(tick())),
            ("DeliveryReport", v(DeliveryReport::default())),
            ("SmsPurpose", v(SmsPurpose::ResetPassword)),
            ("ResultFile", result_file()),
            ("PeriodKind", v(PeriodKind::Draw)),
        ];
        let enums: Vec<(&'static str, Vec<Value>)> = vec![
            ("ErrorCode", ErrorCode::KNOWN.iter().map(v).collect()),
            (
                "ApplicationStatus",
                ApplicationStatus::KNOWN.iter().map(v).collect(),
            ),
            ("PeriodStatus", PeriodStatus::KNOWN.iter().map(v).collect()),
            ("QuotaStatus", QuotaStatus::KNOWN.iter().map(v).collect()),
            (
                "MaritalChangeStatus",
                MaritalChangeStatus::KNOWN.iter().map(v).collect(),
            ),
            (
                "PeriodOutcome",
                PeriodOutcome::KNOWN.iter().map(v).collect(),
            ),
            ("PushStatus", PushStatus::KNOWN.iter().map(v).collect()),
            ("DocumentKind", DocumentKind::ALL.iter().map(v).collect()),
            ("MaritalStatus", MaritalStatus::ALL.iter().map(v).collect()),
            (
                "ApplicationKind",
                ApplicationKind::ALL.iter().map(v).collect(),
            ),
            ("PeriodKind", PeriodKind::ALL.iter().map(v).collect()),
            (
                "Provider",
                [
                    Provider::Fcm,
                    Provider::Apns,
                    Provider::Dev,
                    Provider::WebPush,
                ]
                .iter()
                .map(v)
                .collect(),
            ),
            (
                "Relation",
                events_free_relations().into_iter().map(v).collect(),
            ),
            ("EventKind", events().iter().map(|e| v(e.kind)).collect()),
        ];
        for (name, values) in enums {
            out.extend(values.into_iter().map(|value| (name, value)));
        }
        out
    }

    fn events_free_relations() -> Vec<Relation> {
        vec![
            Relation::Main,
            Relation::Spouse,
            Relation::Child,
            Relation::Parent,
            Relation::SpouseParent,
            Relation::Other,
        ]
    }

    /// Whether the spec's name `name` of enum `schema` decodes into the contract type.
    pub fn decodes(schema: &str, name: &str) -> bool {
        let value = Value::from(name);
        fn known<T: serde::de::DeserializeOwned + Serialize>(value: &Value) -> bool {
            // Round trip: open statuses decode anything, but give back the same name only if it
            // is known, or as `Other` (checked by the callers through `KNOWN`).
            serde_json::from_value::<T>(value.clone())
                .is_ok_and(|t| serde_json::to_value(t).unwrap() == *value)
        }
        match schema {
            "ErrorCode" => ErrorCode::KNOWN.iter().any(|c| c.as_str() == name),
            "ApplicationStatus" => ApplicationStatus::KNOWN.iter().any(|c| c.as_str() == name),
            "PeriodStatus" => PeriodStatus::KNOWN.iter().any(|c| c.as_str() == name),
            "QuotaStatus" => QuotaStatus::KNOWN.iter().any(|c| c.as_str() == name),
            "MaritalChangeStatus" => MaritalChangeStatus::KNOWN
                .iter()
                .any(|c| c.as_str() == name),
            "PeriodOutcome" => PeriodOutcome::KNOWN.iter().any(|c| c.as_str() == name),
            "PushStatus" => PushStatus::KNOWN.iter().any(|c| c.as_str() == name),
            "DocumentKind" => known::<DocumentKind>(&value),
            "MaritalStatus" => known::<MaritalStatus>(&value),
            "ApplicationKind" => known::<ApplicationKind>(&value),
            "Provider" => known::<Provider>(&value),
            "Relation" => known::<Relation>(&value),
            "EventKind" => known::<EventKind>(&value),
            "SmsPurpose" => known::<SmsPurpose>(&value),
            "PeriodKind" => known::<PeriodKind>(&value),
            "HealthStatus" => known::<HealthStatus>(&value),
            other => panic!("no contract enum for schema {other}"),
        }
    }
}

#[test]
fn every_contract_type_satisfies_its_schema() {
    let spec = schema::spec();
    let mut errors = Vec::new();
    for (name, value) in samples::all() {
        match schema::schemas(&spec).get(name) {
            Some(s) => schema::check(&spec, s, &value, name, &mut errors),
            None => errors.push(format!("{name}: not in the spec")),
        }
    }
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_schema_is_a_contract_type() {
    let spec = schema::spec();
    let sampled: BTreeSet<&str> = samples::all().into_iter().map(|(n, _)| n).collect();
    let declared: BTreeSet<&str> = schema::schemas(&spec).keys().map(String::as_str).collect();
    let untyped: Vec<_> = declared.difference(&sampled).collect();
    assert!(
        untyped.is_empty(),
        "schemas without a contract type: {untyped:?}"
    );
}

#[test]
fn every_enum_of_the_spec_names_exactly_the_contract_variants() {
    let spec = schema::spec();
    let samples = samples::all();
    for (name, schema) in schema::schemas(&spec) {
        let Some(names) = schema["enum"].as_array() else {
            continue;
        };
        let names: BTreeSet<&str> = names.iter().map(|n| n.as_str().unwrap()).collect();
        for n in &names {
            assert!(samples::decodes(name, n), "{name}: `{n}` does not decode");
        }
        let rust: BTreeSet<&str> = samples
            .iter()
            .filter(|(schema, _)| schema == name)
            .filter_map(|(_, v)| v.as_str())
            .collect();
        assert!(
            rust.is_subset(&names),
            "{name}: the contract has {:?} beyond the spec",
            rust.difference(&names).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_checker_refuses_a_renamed_field_a_wrong_type_and_an_unknown_name() {
    let spec = schema::spec();
    let period = &schema::schemas(&spec)["Period"];
    let good = samples::all()
        .into_iter()
        .find(|(name, _)| *name == "Period")
        .unwrap()
        .1;
    let mut renamed = good.clone();
    let cutoff = renamed
        .as_object_mut()
        .unwrap()
        .remove("cutoff_at")
        .unwrap();
    renamed["cutoff"] = cutoff;
    let mut wrong = good.clone();
    wrong["quota"] = serde_json::json!("many");
    let mut unknown = good;
    unknown["status"] = serde_json::json!("archived");
    for (bad, expected) in [
        (renamed, "missing required \"cutoff_at\""),
        (wrong, "Period.quota"),
        (unknown, "Period.status"),
    ] {
        let mut errors = Vec::new();
        schema::check(&spec, period, &bad, "Period", &mut errors);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}: {errors:?}"
        );
    }
}
