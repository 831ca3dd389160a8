//! What the portal commands print about the account and its applications: personal numbers
//! masked, times in Beijing time, in JSON and in tables.

use chrono::{DateTime, Utc};
use serde::Serialize;
use yaohao_core::actions::Action;
use yaohao_core::api::UnitProfile;
use yaohao_core::facade::{Account, Application, ApplicationCard, MaritalStatus};
use yaohao_core::i18n::{Lang, Reason};
use yaohao_core::time::to_beijing;
use yaohao_core::validate::{mask, mask_mobile};

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
    /// The unit, for a unit's account (the fields above are then its contact person's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitProfile>,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> AccountView {
        AccountView {
            id: a.id,
            resident_id: mask(&a.resident_id),
            name: a.name.clone(),
            mobile: mask_mobile(&a.mobile),
            marital_status: a.marital_status,
            unit: a.unit.clone(),
        }
    }
}

impl AccountView {
    /// `name (id, mobile)`, after the unit's name and credit code for a unit's account.
    pub fn line(&self) -> String {
        let person = format!("{}（{}，{}）", self.name, self.resident_id, self.mobile);
        match &self.unit {
            Some(u) => format!("{}（{}）· 经办人 {person}", u.unit_name, u.credit_code),
            None => person,
        }
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
    /// What may be done on it now, with deadlines and reasons (from the dashboard).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
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
            actions: Vec::new(),
        }
    }
}

impl From<&ApplicationCard> for ApplicationView {
    fn from(card: &ApplicationCard) -> ApplicationView {
        ApplicationView {
            actions: card.actions.clone(),
            ..ApplicationView::from(&card.application)
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
    for a in list.iter().filter(|a| !a.actions.is_empty()) {
        s += &format!("{} {}:\n", lang.pick("申请", "application"), a.id);
        for action in &a.actions {
            s += &format!("  {}\n", action_line(action, lang));
        }
    }
    s
}

/// One action: `→ label (by …)` when allowed, `· label: why not` when not.
pub fn action_line(action: &Action, lang: Lang) -> String {
    let label = action.label.get(lang);
    match (&action.reason, &action.deadline) {
        (Some(reason), _) if !action.allowed => format!("· {label}：{}", reason.message(lang)),
        (_, Some(d)) => format!("→ {label}（{} {}）", lang.pick("截止", "by"), bj(d.at)),
        _ => format!("→ {label}"),
    }
}
