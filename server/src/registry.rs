//! The reference registry the operator imports from CSV — hukou, permits, social insurance and
//! tax months, driving licences, cars registered in Beijing — and the eligibility facts a review
//! reads from it.
//!
//! CSV layout (UTF-8, header required): `resident_id,record,value,valid_until` where `record` is
//! one of [`RecordKind`] (the `unit_*` records name a unit's credit code in the first column),
//! `value` a number of months, a licence file number, a plate, a unit's tax in CNY or its cars, and
//! `valid_until` a `YYYY-MM-DD` date for permits and licences. An import replaces every record
//! of the people it names, and is all-or-nothing.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use yaohao_core::eligibility::{PersonFacts, Residence, UnitFacts};

use crate::error::{ApiError, ApiResult};

/// What a registry row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// 本市户籍.
    Hukou,
    /// Active military or armed police stationed in Beijing.
    Military,
    /// 工作居住证, with its endorsement's expiry.
    WorkResidencePermit,
    /// 居住证, with its expiry.
    ResidencePermit,
    /// Consecutive months of Beijing social insurance (`value`).
    SocialInsuranceMonths,
    /// Consecutive months of Beijing individual income tax (`value`).
    TaxMonths,
    /// Driving licence: file number (`value`) and expiry.
    DrivingLicence,
    /// A passenger car registered in Beijing (`value`: plate).
    Car,
    /// A unit registered in Beijing (keyed by its credit code).
    UnitRegistered,
    /// Tax a unit paid in Beijing in the last year (`value`: CNY).
    UnitTaxCny,
    /// Passenger cars registered in Beijing in a unit's name (`value`: count).
    UnitVehicles,
}

impl RecordKind {
    /// The name a record is stored and imported under.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Hukou => "hukou",
            RecordKind::Military => "military",
            RecordKind::WorkResidencePermit => "work_residence_permit",
            RecordKind::ResidencePermit => "residence_permit",
            RecordKind::SocialInsuranceMonths => "social_insurance_months",
            RecordKind::TaxMonths => "tax_months",
            RecordKind::DrivingLicence => "driving_licence",
            RecordKind::Car => "car",
            RecordKind::UnitRegistered => "unit_registered",
            RecordKind::UnitTaxCny => "unit_tax_cny",
            RecordKind::UnitVehicles => "unit_vehicles",
        }
    }

    fn parse(name: &str) -> Option<RecordKind> {
        [
            RecordKind::Hukou,
            RecordKind::Military,
            RecordKind::WorkResidencePermit,
            RecordKind::ResidencePermit,
            RecordKind::SocialInsuranceMonths,
            RecordKind::TaxMonths,
            RecordKind::DrivingLicence,
            RecordKind::Car,
            RecordKind::UnitRegistered,
            RecordKind::UnitTaxCny,
            RecordKind::UnitVehicles,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
    }

    fn needs_date(self) -> bool {
        matches!(
            self,
            RecordKind::WorkResidencePermit
                | RecordKind::ResidencePermit
                | RecordKind::DrivingLicence
        )
    }

    fn needs_number(self) -> bool {
        matches!(
            self,
            RecordKind::SocialInsuranceMonths
                | RecordKind::TaxMonths
                | RecordKind::UnitTaxCny
                | RecordKind::UnitVehicles
        )
    }

    /// Whether the record is a unit's, keyed by its credit code instead of a resident ID.
    fn of_unit(self) -> bool {
        matches!(
            self,
            RecordKind::UnitRegistered | RecordKind::UnitTaxCny | RecordKind::UnitVehicles
        )
    }
}

/// One registry record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Whose record it is.
    pub resident_id: String,
    /// What it records.
    pub kind: RecordKind,
    /// Months, file number or plate.
    pub value: String,
    /// Expiry of permits and licences.
    pub valid_until: Option<NaiveDate>,
}

fn line_error(line: u64, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
    ApiError::invalid(&format!("line {line}"), zh, en)
}

/// Parses a registry CSV, reporting the first bad line.
pub fn parse_csv(text: &[u8]) -> ApiResult<Vec<Record>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text);
    let headers = reader
        .headers()
        .map_err(|e| {
            line_error(
                1,
                format!("表头无法读取：{e}"),
                format!("unreadable header: {e}"),
            )
        })?
        .clone();
    let expected = ["resident_id", "record", "value", "valid_until"];
    if headers.iter().collect::<Vec<_>>() != expected {
        return Err(line_error(
            1,
            "表头应为 resident_id,record,value,valid_until",
            "the header must be resident_id,record,value,valid_until",
        ));
    }
    let mut records = Vec::new();
    for (index, row) in reader.records().enumerate() {
        let line = index as u64 + 2;
        let row = row.map_err(|e| line_error(line, format!("格式错误：{e}"), format!("{e}")))?;
        let cell = |i: usize| row.get(i).unwrap_or("").to_owned();
        let resident_id = cell(0);
        let kind = RecordKind::parse(&cell(1))
            .ok_or_else(|| line_error(line, "未知的记录类型", "unknown record kind"))?;
        // A unit's records are keyed by its credit code, a person's by the resident ID.
        let valid_id = if kind.of_unit() {
            yaohao_core::validate::credit_code(&resident_id)
        } else {
            yaohao_core::validate::resident_id(&resident_id)
        };
        if !valid_id.valid {
            return Err(if kind.of_unit() {
                line_error(line, "统一社会信用代码无效", "invalid credit code")
            } else {
                line_error(line, "身份证号无效", "invalid resident ID")
            });
        }
        let value = cell(2);
        if kind.needs_number() && value.parse::<u64>().is_err() {
            return Err(line_error(
                line,
                "数值须为非负整数",
                "the value must be a whole number",
            ));
        }
        let date = cell(3);
        let valid_until =
            if date.is_empty() {
                None
            } else {
                Some(NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
                    line_error(line, "日期须为 YYYY-MM-DD", "dates must be YYYY-MM-DD")
                })?)
            };
        if kind.needs_date() && valid_until.is_none() {
            return Err(line_error(
                line,
                "该记录需要有效期",
                "this record needs valid_until",
            ));
        }
        records.push(Record {
            resident_id: valid_id.normalized.unwrap_or(resident_id),
            kind,
            value,
            valid_until,
        });
    }
    Ok(records)
}

/// Replaces the records of everyone named in `records`; returns (people, records) imported.
pub fn import(tx: &Transaction<'_>, records: &[Record], at_ms: i64) -> ApiResult<(usize, usize)> {
    let people: BTreeSet<&str> = records.iter().map(|r| r.resident_id.as_str()).collect();
    for person in &people {
        crate::store::registry::forget(tx, person)?;
    }
    crate::store::registry::insert_all(tx, records, at_ms)?;
    Ok((people.len(), records.len()))
}

/// Everything the registry holds about one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonRecords {
    /// The records, in import order.
    pub records: Vec<Record>,
}

impl PersonRecords {
    /// Reads a person's records.
    pub fn load(conn: &Connection, resident_id: &str) -> ApiResult<PersonRecords> {
        let rows = crate::store::registry::rows_of(conn, resident_id)?;
        let mut records = Vec::new();
        for (kind, value, until) in rows {
            if let Some(kind) = RecordKind::parse(&kind) {
                records.push(Record {
                    resident_id: resident_id.to_owned(),
                    kind,
                    value,
                    valid_until: until.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                });
            }
        }
        Ok(PersonRecords { records })
    }

    fn find(&self, kind: RecordKind) -> Option<&Record> {
        self.records.iter().find(|r| r.kind == kind)
    }

    fn count(&self, kind: RecordKind) -> u32 {
        self.find(kind)
            .and_then(|r| r.value.parse().ok())
            .unwrap_or(0)
    }

    /// A unit's facts from its records, with the quotas it won this year.
    pub fn unit_facts(&self, quotas_this_year: u32) -> UnitFacts {
        UnitFacts {
            registered_in_beijing: self.find(RecordKind::UnitRegistered).is_some(),
            tax_paid_cny: self
                .find(RecordKind::UnitTaxCny)
                .and_then(|r| r.value.parse().ok())
                .unwrap_or(0),
            quotas_this_year,
            vehicles: self.count(RecordKind::UnitVehicles),
        }
    }

    /// Whether a car is registered in Beijing in this person's name.
    pub fn owns_car(&self) -> bool {
        self.find(RecordKind::Car).is_some()
    }

    /// The driving licence's file number, if the registry has a licence.
    pub fn licence_file(&self) -> Option<&str> {
        self.find(RecordKind::DrivingLicence)
            .map(|r| r.value.as_str())
    }

    /// The residence ground the records prove (hukou first, then military, then permits).
    pub fn residence(&self) -> Residence {
        if self.find(RecordKind::Hukou).is_some() {
            return Residence::BeijingHukou;
        }
        if self.find(RecordKind::Military).is_some() {
            return Residence::MilitaryInBeijing;
        }
        if let Some(until) = self
            .find(RecordKind::WorkResidencePermit)
            .and_then(|r| r.valid_until)
        {
            return Residence::WorkResidencePermit { valid_until: until };
        }
        if let Some(until) = self
            .find(RecordKind::ResidencePermit)
            .and_then(|r| r.valid_until)
        {
            return Residence::ResidencePermit {
                valid_until: until,
                social_insurance_months: self.count(RecordKind::SocialInsuranceMonths),
                income_tax_months: self.count(RecordKind::TaxMonths),
            };
        }
        Residence::Unqualified
    }

    /// The core's eligibility facts for a person born on `birth_date`.
    pub fn facts(&self, birth_date: NaiveDate, holds_valid_quota: bool) -> PersonFacts {
        PersonFacts {
            birth_date,
            residence: self.residence(),
            licence_valid_until: self
                .find(RecordKind::DrivingLicence)
                .and_then(|r| r.valid_until),
            owns_beijing_car: self.owns_car(),
            holds_valid_quota,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reports_the_bad_line() {
        let good = "resident_id,record,value,valid_until\n\
                    110105199001011232,hukou,,\n\
                    110105199001011232,driving_licence,123456789012,2030-01-01\n";
        let records = parse_csv(good.as_bytes()).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].valid_until, NaiveDate::from_ymd_opt(2030, 1, 1));
        let people = PersonRecords { records };
        assert_eq!(people.residence(), Residence::BeijingHukou);
        assert_eq!(people.licence_file(), Some("123456789012"));
        let bad = format!("{good}110105199001011232,tax_months,many,\n");
        let e = parse_csv(bad.as_bytes()).unwrap_err();
        assert_eq!(e.body().field.as_deref(), Some("line 4"));
        assert!(parse_csv(b"id,what\n").is_err());
    }
}
