//! The typed result list: header, list kind and rows.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Serialize, Serializer};
use std::fmt;

/// A 13-digit application code (申请编码), kept as a number; shown with its leading zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(u64);

impl Code {
    /// Parses exactly 13 ASCII digits; anything else is `None`.
    pub fn parse(text: &str) -> Option<Code> {
        let bytes = text.as_bytes();
        if bytes.len() != 13 {
            return None;
        }
        let mut value = 0u64;
        for b in bytes {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u64::from(b - b'0');
        }
        Some(Code(value))
    }

    /// The code as a number (its digits without the leading zeros).
    pub fn value(self) -> u64 {
        self.0
    }

    /// The code for a number below 10¹³; `None` for larger numbers.
    pub fn from_value(value: u64) -> Option<Code> {
        (value < 10_000_000_000_000).then_some(Code(value))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:013}", self.0)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The draw seed (种子数 / 初始值): its value and the text as published (`026498` keeps its zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    value: i32,
    text: String,
}

impl Seed {
    /// Parses 1 to 9 ASCII digits (the published seeds have 6).
    pub fn parse(text: &str) -> Option<Seed> {
        if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value = text.parse().ok()?;
        Some(Seed {
            value,
            text: text.to_owned(),
        })
    }

    /// The seed passed to the generator.
    pub fn value(&self) -> i32 {
        self.value
    }

    /// The seed as published.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl Serialize for Seed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// Who applied: individuals, units (companies) or families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    /// 个人.
    Individual,
    /// 单位.
    Unit,
    /// 家庭.
    Family,
}

impl Applicant {
    /// The Chinese word used in the files.
    pub fn zh(self) -> &'static str {
        match self {
            Applicant::Individual => "个人",
            Applicant::Unit => "单位",
            Applicant::Family => "家庭",
        }
    }
}

/// Which quota a list allocates: ordinary (petrol) or new-energy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaKind {
    /// 普通指标.
    Ordinary,
    /// 新能源指标.
    Nev,
}

impl QuotaKind {
    /// The Chinese word used in the files.
    pub fn zh(self) -> &'static str {
        match self {
            QuotaKind::Ordinary => "普通",
            QuotaKind::Nev => "新能源",
        }
    }
}

/// A list's category, serialised as `individual_ordinary`, `unit_nev`, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// Who applied.
    pub applicant: Applicant,
    /// Which quota.
    pub quota: QuotaKind,
}

impl Category {
    /// Reads the category from a line naming it (`个人普通指标配置`, `单位新能源…`).
    pub fn detect(line: &str) -> Option<Category> {
        let applicant = [Applicant::Individual, Applicant::Unit, Applicant::Family]
            .into_iter()
            .find(|a| line.contains(a.zh()))?;
        let quota = [QuotaKind::Ordinary, QuotaKind::Nev]
            .into_iter()
            .find(|q| line.contains(q.zh()))?;
        Some(Category { applicant, quota })
    }

    /// Whether applicants can hold several positions (ladder copies), so draws dedupe on the code.
    pub fn has_ladder(self) -> bool {
        self.applicant != Applicant::Unit && self.quota == QuotaKind::Ordinary
    }

    /// The stable snake_case name (`individual_ordinary`).
    pub fn as_str(self) -> &'static str {
        match (self.applicant, self.quota) {
            (Applicant::Individual, QuotaKind::Ordinary) => "individual_ordinary",
            (Applicant::Individual, QuotaKind::Nev) => "individual_nev",
            (Applicant::Unit, QuotaKind::Ordinary) => "unit_ordinary",
            (Applicant::Unit, QuotaKind::Nev) => "unit_nev",
            (Applicant::Family, QuotaKind::Ordinary) => "family_ordinary",
            (Applicant::Family, QuotaKind::Nev) => "family_nev",
        }
    }
}

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The header template: labels used 2014–2015 (`分期编号`…) or from 2016 (`期号`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// 2014–2015 labels, `-中签详细列表数据-` markers.
    Y2015,
    /// 2016+ labels, `-指标配置列表-` marker and a dashed end line.
    Y2016,
}

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Template::Y2015 => "2015",
            Template::Y2016 => "2016",
        })
    }
}

/// What the rows of a list are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// A draw: `序号 摇号基数序号 申请编码 [名称]`, Q < N.
    Lottery,
    /// Q ≥ N: every position allocated in order, no seed.
    Undersubscribed,
    /// NEV queue: `轮候序号 轮候时间 申请编码`.
    Queue,
    /// Other cities' lists without positions: `序号 申请编码 姓名`.
    Roster,
}

/// The header of a result list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Which label set the file uses.
    pub template: Template,
    /// Individual/unit/family × ordinary/NEV.
    pub category: Category,
    /// Period number (`201506`).
    pub period: String,
    /// Title (`2015年第06期个人普通摇号`).
    pub title: String,
    /// Draw date (Beijing).
    pub draw_date: Option<NaiveDate>,
    /// When the draw actually ran (Beijing wall-clock time).
    pub run_time: Option<NaiveDateTime>,
    /// N: positions in the pool, ladder copies included (基数序号总数 where the file gives it,
    /// else 有效编码总数).
    pub pool_size: u32,
    /// 有效编码总数 when the file gives 基数序号总数 (N) beside it: the distinct applicants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codes: Option<u32>,
    /// Q: quotas allocated.
    pub quota: u32,
    /// The seed; absent for undersubscribed and queue lists.
    pub seed: Option<Seed>,
}

/// One row of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// 序号 / 轮候序号 (1-based).
    pub seq: u32,
    /// 摇号基数序号: the drawn position (1-based); absent for queue and roster lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// 申请编码.
    pub code: Code,
    /// 名称 / 姓名 when the list has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 轮候时间 for queue lists (Beijing wall-clock time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queued_at: Option<NaiveDateTime>,
}

/// A parsed and structurally checked result list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultFile {
    /// Header fields.
    pub header: Header,
    /// What the rows are.
    pub kind: ListKind,
    /// Whether the list has a 名称/姓名 column.
    pub named: bool,
    /// The rows, in published order.
    pub rows: Vec<Row>,
}

impl ResultFile {
    /// How many rows a complete list has: Q, or N when Q ≥ N.
    pub fn expected_rows(&self) -> u32 {
        self.header.quota.min(self.header.pool_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_leading_zeros_and_reject_other_shapes() {
        let code = Code::parse("0773104526926").unwrap();
        assert_eq!(code.to_string(), "0773104526926");
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"0773104526926\"");
        assert!(Code::parse("773104526926").is_none());
        assert!(Code::parse("07731045269261").is_none());
        assert!(Code::parse("07731O4526926").is_none());
        assert_eq!(Code::from_value(10_000_000_000_000), None);
    }

    #[test]
    fn seeds_keep_their_text() {
        let seed = Seed::parse("026498").unwrap();
        assert_eq!((seed.value(), seed.text()), (26498, "026498"));
        assert!(Seed::parse("9999999999").is_none());
        assert!(Seed::parse("-1").is_none());
    }

    #[test]
    fn categories_are_read_from_the_second_line() {
        let c = Category::detect("个人普通指标配置").unwrap();
        assert_eq!(c.as_str(), "individual_ordinary");
        assert!(c.has_ladder());
        let u = Category::detect("单位新能源指标配置").unwrap();
        assert_eq!(u.as_str(), "unit_nev");
        assert!(!u.has_ladder());
        assert!(Category::detect("北京市小客车指标调控管理信息系统").is_none());
    }
}
