//! What the portal commands print about the account and its applications: personal numbers
//! masked, times in Beijing time, in JSON and in tables.

use chrono::{DateTime, Utc};
use serde::Serialize;
use yaohao_core::facade::{Account, Application, MaritalStatus};
use yaohao_core::i18n::{Lang, Reason};
use yaohao_core::time::to_beijing;

use crate::portal::privacy::{mask_id, mask_mobile};

/// An instant in Beijing time, to the minute.
pub fn bj(at: DateTime<Utc>) -> String {
    to_beijing(at).format("%Y-%m-%d %H:%M").to_string()
}

/// The account with its numbers masked.
#[derive(Debug, Serialize)]
pub struct AccountView {
    /// Portal account id.
    pub id: i64,
    /// Resident ID, masked.
    pub resident_id: String,
    /// Name.
    pub name: String,
    /// Mobile, masked.
    pub mobile: String,
    /// Marital status.
    pub marital_status: MaritalStatus,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> AccountView {
        AccountView {
            id: a.id,
            resident_id: mask_id(&a.resident_id),
            name: a.name.clone(),
            mobile: mask_mobile(&a.mobile),
            marital_status: a.marital_status,
        }
    }
}

impl AccountView {
    /// `name (id, mobile)`.
    pub fn line(&self) -> String {
        format!("{}（{}，{}）", self.name, self.resident_id, self.mobile)
    }
}

/// An application as listed.
#[derive(Debug, Serialize)]
pub struct ApplicationView {
    /// Portal id.
    pub id: i64,
    /// Kind (portal name).
    pub kind: &'static str,
    /// Status (portal name).
    pub status: String,
    /// Status label, Chinese.
    pub status_zh: String,
    /// Status label, English.
    pub status_en: String,
    /// 13-digit application code, once submitted.
    pub code: Option<String>,
    /// Unsuccessful draws so far.
    pub draw_count: i64,
    /// Why the last review refused it.
    pub rejection_reasons: Vec<Reason>,
}

impl From<&Application> for ApplicationView {
    fn from(a: &Application) -> ApplicationView {
        let label = a.status.label();
        ApplicationView {
            id: a.id,
            kind: a.kind.as_str(),
            status: a.status.as_str().to_owned(),
            status_zh: label.zh,
            status_en: label.en,
            code: a.code.clone(),
            draw_count: a.draw_count,
            rejection_reasons: a.rejection_reasons.clone(),
        }
    }
}

/// Applications as a table, with the rejection reasons under each.
pub fn applications_table(list: &[ApplicationView], lang: Lang) -> String {
    if list.is_empty() {
        return lang
            .pick("（还没有申请）\n", "(no applications yet)\n")
            .to_owned();
    }
    let header = match lang {
        Lang::Zh => ["编号", "类型", "状态", "申请编码", "已摇期数"],
        Lang::En => ["id", "kind", "status", "code", "draws"],
    };
    let mut s = crate::output::table(
        header,
        list.iter().map(|a| {
            [
                a.id.to_string(),
                a.kind.to_owned(),
                lang.pick(&a.status_zh, &a.status_en).to_owned(),
                a.code.clone().unwrap_or_else(|| "—".to_owned()),
                a.draw_count.to_string(),
            ]
        }),
    );
    for a in list.iter().filter(|a| !a.rejection_reasons.is_empty()) {
        s += &format!("{} {}:\n", lang.pick("申请", "application"), a.id);
        for r in &a.rejection_reasons {
            s += &format!("  ✗ {}\n", r.message(lang));
        }
    }
    s
}
