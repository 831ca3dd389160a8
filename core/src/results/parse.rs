//! Reading the text of a result list: header labels of both templates, then the rows.

use super::check::check;
use super::error::{ParseError, ParseErrorKind as K};
use super::model::{Category, Code, Header, ListKind, ResultFile, Row, Seed, Template};
use chrono::{NaiveDate, NaiveDateTime};

/// The header fields, each with the labels that name it (2014–15 labels first).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Period,
    Title,
    DrawDate,
    RunTime,
    PoolSize,
    PositionTotal,
    Quota,
    Seed,
}

/// Every known label, with its field and the template it belongs to (`None`: both).
const LABELS: &[(&str, Field, Option<Template>)] = &[
    ("分期编号", Field::Period, Some(Template::Y2015)),
    ("期号", Field::Period, Some(Template::Y2016)),
    ("分期描述", Field::Title, Some(Template::Y2015)),
    ("描述", Field::Title, Some(Template::Y2016)),
    ("分期指标配置日期", Field::DrawDate, Some(Template::Y2015)),
    ("指标配置日期", Field::DrawDate, Some(Template::Y2016)),
    ("实际指标配置时间", Field::RunTime, None),
    ("数据生成时间", Field::RunTime, None),
    ("有效个人申请编码总数", Field::PoolSize, None),
    ("有效单位申请编码总数", Field::PoolSize, None),
    ("有效家庭申请编码总数", Field::PoolSize, None),
    ("有效编码总数", Field::PoolSize, None),
    ("基数序号总数", Field::PositionTotal, None),
    ("配置个人指标总数", Field::Quota, None),
    ("配置单位指标总数", Field::Quota, None),
    ("配置家庭指标总数", Field::Quota, None),
    ("指标配置总数", Field::Quota, None),
    ("指标配置初始值", Field::Seed, None),
    ("指标配置种子数", Field::Seed, None),
];

/// The list start markers (2014–15, 2016+).
const START_MARKERS: [&str; 2] = ["-中签详细列表数据-", "-指标配置列表-"];
/// The 2014–15 end marker (2016+ lists end with a line of dashes).
const END_MARKER: &str = "-中签详细列表数据完成-";

/// Parses the text of a result list and checks its structure.
pub fn parse_text(text: &str) -> Result<ResultFile, ParseError> {
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let mut fields = HeaderFields::default();
    let mut category = None;
    let mut start_line = 0;
    for (no, raw) in lines.by_ref() {
        let line = raw.trim();
        if line.is_empty() || page_marker_len(line) == Some(line.len()) {
            continue;
        }
        if START_MARKERS.contains(&line) {
            start_line = no;
            break;
        }
        match line.split_once('：').or_else(|| line.split_once(':')) {
            Some((label, value)) => fields.set(no, label.trim(), value.trim()),
            None if category.is_none() => category = Category::detect(line),
            None => {}
        }
    }
    if start_line == 0 {
        return Err(ParseError::at(0, K::NoList));
    }
    let category = category
        .or_else(|| fields.title.as_ref().and_then(|(_, t)| Category::detect(t)))
        .ok_or(ParseError::at(0, K::NoCategory))?;
    let (columns_line, columns) = lines
        .by_ref()
        .map(|(no, l)| (no, l.trim()))
        .find(|(_, l)| !l.is_empty() && page_marker_len(l) != Some(l.len()))
        .ok_or(ParseError::at(start_line, K::NoList))?;
    let (kind, named) = column_layout(columns)
        .ok_or_else(|| ParseError::at(columns_line, K::UnknownColumns(columns.to_owned())))?;
    let header = fields.finish(category, start_line)?;
    let kind = match kind {
        ListKind::Lottery if header.quota >= header.pool_size && header.seed.is_none() => {
            ListKind::Undersubscribed
        }
        ListKind::Lottery if header.seed.is_none() => {
            return Err(ParseError::at(start_line, K::NoSeed));
        }
        other => other,
    };
    let mut rows: Vec<Row> =
        Vec::with_capacity(header.quota.min(header.pool_size).min(1 << 22) as usize);
    let mut row_lines: Vec<u32> = Vec::with_capacity(rows.capacity());
    let mut last_line = columns_line;
    let plain_lottery = !named && matches!(kind, ListKind::Lottery | ListKind::Undersubscribed);
    for (no, raw) in lines {
        last_line = no;
        if plain_lottery && let Some(row) = plain_lottery_row(raw.as_bytes()) {
            rows.push(row);
            row_lines.push(u32::try_from(no).unwrap_or(u32::MAX));
            continue;
        }
        let mut line = raw.trim();
        if let Some(len) = page_marker_len(line) {
            line = line.get(len..).unwrap_or("").trim_start();
        }
        if line.is_empty() {
            continue;
        }
        if line == END_MARKER || line.bytes().all(|b| b == b'-') {
            break;
        }
        match parse_row(kind, named, line) {
            Ok(row) => {
                rows.push(row);
                row_lines.push(u32::try_from(no).unwrap_or(u32::MAX));
            }
            Err(reason) => match rows.last_mut().and_then(|r| r.name.as_mut()) {
                // A wrapped company name continues on the next line.
                Some(name) if named && !looks_like_row(line) => name.push_str(line),
                _ => return Err(ParseError::at(no, K::BadRow(reason))),
            },
        }
    }
    let file = ResultFile {
        header,
        kind,
        named,
        rows,
    };
    check(&file, &row_lines, last_line)?;
    Ok(file)
}

/// The fast path for the common row `序号 摇号基数序号 申请编码` (ASCII digits and blanks only);
/// `None` sends the line to the general parser, which also explains errors.
fn plain_lottery_row(line: &[u8]) -> Option<Row> {
    let mut at = 0;
    let mut field = |max_digits: usize| -> Option<(u64, usize)> {
        while line.get(at).is_some_and(|b| *b == b' ' || *b == b'\t') {
            at += 1;
        }
        let start = at;
        let mut value = 0u64;
        while let Some(d) = line.get(at).filter(|b| b.is_ascii_digit()) {
            value = value * 10 + u64::from(d - b'0');
            at += 1;
            if at - start > max_digits {
                return None;
            }
        }
        (at > start).then_some((value, at - start))
    };
    let (seq, _) = field(9)?;
    let (position, _) = field(9)?;
    let (code, 13) = field(13)? else { return None };
    if line.get(at..)?.iter().any(|b| !b.is_ascii_whitespace()) {
        return None;
    }
    Some(Row {
        seq: u32::try_from(seq).ok()?,
        position: Some(u32::try_from(position).ok()?),
        code: Code::from_value(code)?,
        name: None,
        queued_at: None,
    })
}

/// The length of a page marker `-N-` at the start of `line`, if there is one.
fn page_marker_len(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('-')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && rest.as_bytes().get(digits) == Some(&b'-')).then_some(digits + 2)
}

/// Whether a line starts like a row (two numeric fields), so it is not a wrapped name.
fn looks_like_row(line: &str) -> bool {
    let mut tokens = line.split_ascii_whitespace();
    let numeric = |t: Option<&str>| t.is_some_and(|t| t.bytes().all(|b| b.is_ascii_digit()));
    numeric(tokens.next()) && numeric(tokens.next())
}

/// Recognises the column header line.
fn column_layout(line: &str) -> Option<(ListKind, bool)> {
    let cols: Vec<&str> = line.split_whitespace().collect();
    let named = |rest: &[&str]| match rest {
        [] => Some(false),
        ["名称" | "姓名"] => Some(true),
        _ => None,
    };
    match cols.as_slice() {
        ["序号", "摇号基数序号", "申请编码", rest @ ..] => {
            Some((ListKind::Lottery, named(rest)?))
        }
        ["轮候序号", "轮候时间", "申请编码"] => Some((ListKind::Queue, false)),
        ["序号", "申请编码", rest @ ..] => Some((ListKind::Roster, named(rest)?)),
        _ => None,
    }
}

/// Parses one row of a list of `kind`; the error is the reason.
fn parse_row(kind: ListKind, named: bool, line: &str) -> Result<Row, String> {
    let mut tokens = line.split_ascii_whitespace();
    let mut next = |what: &str| tokens.next().ok_or_else(|| format!("{what} is missing"));
    let seq = number(next("序号")?, "序号")?;
    let (position, queued_at, code_token) = match kind {
        ListKind::Lottery | ListKind::Undersubscribed => {
            let position = number(next("摇号基数序号")?, "摇号基数序号")?;
            (Some(position), None, next("申请编码")?)
        }
        ListKind::Queue => {
            let date = next("轮候时间")?;
            let time = next("轮候时间")?;
            let at =
                NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M:%S%.f")
                    .map_err(|_| {
                        format!("轮候时间 '{date} {time}' is not YYYY-MM-DD HH:MM:SS.fff")
                    })?;
            (None, Some(at), next("申请编码")?)
        }
        ListKind::Roster => (None, None, next("申请编码")?),
    };
    let code = Code::parse(code_token)
        .ok_or_else(|| format!("申请编码 '{code_token}' is not 13 digits"))?;
    let name = if named {
        // The name is the rest of the line after the code; it may contain spaces.
        let after = line
            .find(code_token)
            .and_then(|at| line.get(at + code_token.len()..))
            .unwrap_or("");
        Some(after.trim().to_owned())
    } else {
        match tokens.next() {
            Some(extra) => return Err(format!("unexpected '{extra}' after the code")),
            None => None,
        }
    };
    Ok(Row {
        seq,
        position,
        code,
        name,
        queued_at,
    })
}

/// Parses a row number field: ASCII digits fitting in `u32`.
fn number(token: &str, what: &str) -> Result<u32, String> {
    if token.is_empty() || token.len() > 10 || !token.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{what} '{token}' is not a number"));
    }
    token
        .parse()
        .map_err(|_| format!("{what} '{token}' is too large"))
}

/// Header values collected so far, each with its line.
#[derive(Default)]
struct HeaderFields {
    template: Option<Template>,
    period: Option<(usize, String)>,
    title: Option<(usize, String)>,
    draw_date: Option<(usize, String)>,
    run_time: Option<(usize, String)>,
    pool_size: Option<(usize, String)>,
    position_total: Option<(usize, String)>,
    quota: Option<(usize, String)>,
    seed: Option<(usize, String)>,
}

impl HeaderFields {
    fn set(&mut self, line: usize, label: &str, value: &str) {
        let Some(&(_, field, template)) = LABELS.iter().find(|(l, _, _)| *l == label) else {
            return; // unknown labels (other cities' extras) are ignored
        };
        if value.is_empty() {
            return; // an empty value is an absent field
        }
        if let Some(t) = template {
            self.template.get_or_insert(t);
        }
        let slot = match field {
            Field::Period => &mut self.period,
            Field::Title => &mut self.title,
            Field::DrawDate => &mut self.draw_date,
            Field::RunTime => &mut self.run_time,
            Field::PoolSize => &mut self.pool_size,
            Field::PositionTotal => &mut self.position_total,
            Field::Quota => &mut self.quota,
            Field::Seed => &mut self.seed,
        };
        *slot = Some((line, value.to_owned()));
    }

    fn finish(self, category: Category, list_line: usize) -> Result<Header, ParseError> {
        let missing = |field| ParseError::at(list_line, K::MissingField(field));
        let bad = |(line, value): (usize, String), field| {
            ParseError::at(line, K::BadField { field, value })
        };
        let count =
            |v: Option<(usize, String)>, field: &'static str| -> Result<Option<u32>, ParseError> {
                match v {
                    None => Ok(None),
                    Some((line, value)) => match number(&value, field) {
                        Ok(n) if n > 0 => Ok(Some(n)),
                        _ => Err(bad((line, value), field)),
                    },
                }
            };
        let (_, period) = self.period.ok_or(missing("期号/分期编号"))?;
        if period.is_empty() || !period.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad((list_line, period), "期号/分期编号"));
        }
        let draw_date = match self.draw_date {
            None => None,
            Some((line, v)) => Some(
                NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| bad((line, v), "指标配置日期"))?,
            ),
        };
        let run_time = match self.run_time {
            None => None,
            Some((line, v)) => Some(
                NaiveDateTime::parse_from_str(&v, "%Y-%m-%d %H:%M:%S%.f")
                    .map_err(|_| bad((line, v), "实际指标配置时间"))?,
            ),
        };
        let positions = count(self.position_total, "基数序号总数")?;
        let codes_field = self.pool_size.clone();
        let pool_size = count(self.pool_size, "有效编码总数")?;
        let (pool_size, codes) = match (positions, pool_size) {
            (Some(n), Some(codes)) if codes > n => {
                return Err(bad(codes_field.unwrap_or_default(), "有效编码总数"));
            }
            (Some(n), codes) => (n, codes),
            (None, Some(n)) => (n, None),
            (None, None) => return Err(missing("有效编码总数")),
        };
        let quota = count(self.quota, "指标配置总数")?.ok_or(missing("指标配置总数"))?;
        let seed = match self.seed {
            None => None,
            Some((line, v)) => {
                Some(Seed::parse(&v).ok_or_else(|| bad((line, v), "指标配置种子数"))?)
            }
        };
        Ok(Header {
            template: self.template.unwrap_or(Template::Y2016),
            category,
            period,
            title: self.title.map(|(_, t)| t).unwrap_or_default(),
            draw_date,
            run_time,
            pool_size,
            codes,
            quota,
            seed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD_2016: &str = "北京市小客车指标调控管理信息系统\n单位普通指标配置\n期号：201602\n描述：2016年第02期单位普通小客车指标配置结果\n\
        指标配置日期：2016-04-26\n实际指标配置时间：2016-04-26 10:17:53\n有效编码总数：10\n指标配置总数：3\n指标配置种子数：026498\n\n\
        -指标配置列表-\n序号      摇号基数序号         申请编码\n";

    #[test]
    fn reads_a_2016_header_and_rows() {
        let text = format!(
            "{HEAD_2016}1 4 0000000000004\n-2-2 7 0000000000007\n-3-\n3 1 0000000000001\n-----\n"
        );
        let file = parse_text(&text).unwrap();
        assert_eq!(file.header.template, Template::Y2016);
        assert_eq!(file.header.seed.as_ref().map(|s| s.text()), Some("026498"));
        assert_eq!(file.header.pool_size, 10);
        assert_eq!(file.kind, ListKind::Lottery);
        let positions: Vec<_> = file.rows.iter().map(|r| r.position).collect();
        assert_eq!(positions, [Some(4), Some(7), Some(1)]);
        assert_eq!(file.rows[1].code.to_string(), "0000000000007");
    }

    #[test]
    fn malformed_rows_report_their_line() {
        let text = format!("{HEAD_2016}1 4 0000000000004\n2 x 0000000000007\n");
        let err = parse_text(&text).unwrap_err();
        assert_eq!(err.line, 14);
        assert!(
            matches!(err.kind, K::BadRow(ref r) if r.contains("摇号基数序号")),
            "{err}"
        );
        let text = format!("{HEAD_2016}1 4 000000000004\n");
        assert!(
            matches!(parse_text(&text).unwrap_err().kind, K::BadRow(ref r) if r.contains("13 digits"))
        );
    }

    #[test]
    fn a_lottery_without_seed_is_rejected() {
        let text = HEAD_2016.replace("指标配置种子数：026498\n", "");
        assert_eq!(parse_text(&text).unwrap_err().kind, K::NoSeed);
    }

    #[test]
    fn huge_numbers_are_errors() {
        let text = HEAD_2016.replace("有效编码总数：10", "有效编码总数：99999999999999999999");
        assert!(matches!(
            parse_text(&text).unwrap_err().kind,
            K::BadField { .. }
        ));
        let text = format!("{HEAD_2016}1 99999999999 0000000000004\n");
        assert!(matches!(parse_text(&text).unwrap_err().kind, K::BadRow(_)));
    }

    #[test]
    fn page_markers_are_recognised() {
        assert_eq!(page_marker_len("-12-"), Some(4));
        assert_eq!(page_marker_len("-3-  1 2 3"), Some(3));
        assert_eq!(page_marker_len("-指标配置列表-"), None);
        assert_eq!(page_marker_len("--"), None);
    }
}
