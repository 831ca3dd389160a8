//! The official text layout of a result list, in either template — what `pdftotext -layout`
//! gives for the published PDFs, without the page markers. The portal publishes with it, and
//! [`crate::results::parse_text`] reads it back.

use super::run::DrawOutcome;
use crate::results::{Applicant, Header, ListKind, ResultFile, Row, Template};
use std::fmt::Write;

/// The system name on the first line of every list.
const SYSTEM: &str = "北京市小客车指标调控管理信息系统";

/// A lottery result file for a finished draw; when Q ≥ N it is an undersubscribed list, which
/// has no seed.
pub fn lottery_file(mut header: Header, outcome: &DrawOutcome) -> ResultFile {
    let kind = if header.quota >= header.pool_size {
        header.seed = None;
        ListKind::Undersubscribed
    } else {
        ListKind::Lottery
    };
    let rows = outcome
        .rows
        .iter()
        .map(|r| Row {
            seq: r.seq,
            position: Some(r.position),
            code: r.code,
            name: None,
            queued_at: None,
        })
        .collect();
    ResultFile {
        header,
        kind,
        named: false,
        rows,
    }
}

/// Renders `file` in the official layout of its header's template.
pub fn render(file: &ResultFile) -> String {
    let h = &file.header;
    let mut out = String::with_capacity(200 + file.rows.len() * 64);
    let who = h.category.applicant.zh();
    let date = h
        .draw_date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let run = h
        .run_time
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{SYSTEM}\n{who}{}指标配置", h.category.quota.zh());
    match h.template {
        Template::Y2015 => {
            let run_label = if h.category.applicant == Applicant::Unit {
                "数据生成时间"
            } else {
                "实际指标配置时间"
            };
            let _ = writeln!(
                out,
                "分期编号：{}\n分期描述：{}\n分期指标配置日期：{date}",
                h.period, h.title
            );
            let _ = writeln!(
                out,
                "{run_label}：{run}\n有效{who}申请编码总数：{}\n配置{who}指标总数：{}",
                h.pool_size, h.quota
            );
            if let Some(seed) = &h.seed {
                let _ = writeln!(out, "指标配置初始值：{}", seed.text());
            }
        }
        Template::Y2016 => {
            let _ = writeln!(
                out,
                "期号：{}\n描述：{}\n指标配置日期：{date}",
                h.period, h.title
            );
            let _ = writeln!(out, "实际指标配置时间：{run}");
            match h.codes {
                Some(codes) => {
                    let _ = writeln!(out, "有效编码总数：{codes}\n基数序号总数：{}", h.pool_size);
                }
                None => {
                    let _ = writeln!(out, "有效编码总数：{}", h.pool_size);
                }
            }
            let _ = writeln!(out, "指标配置总数：{}", h.quota);
            if let Some(seed) = &h.seed {
                let _ = writeln!(out, "指标配置种子数：{}", seed.text());
            }
        }
    }
    out.push('\n');
    // Column header indent, 序号 width, start and end lines.
    let (indent, seq_width, start, end) = match h.template {
        Template::Y2015 => (
            6,
            10,
            "      -中签详细列表数据-",
            "      -中签详细列表数据完成-".to_owned(),
        ),
        Template::Y2016 => {
            let (spaces, dashes) = if file.kind == ListKind::Queue {
                (15, 60)
            } else {
                (14, 45)
            };
            (
                18,
                18,
                "                                 -指标配置列表-",
                format!("{:spaces$}{}", "", "-".repeat(dashes)),
            )
        }
    };
    let _ = writeln!(out, "{start}");
    let name_col = match (file.named, file.kind) {
        (false, _) => "",
        (true, ListKind::Roster) => "         姓名",
        (true, _) => "         名称",
    };
    match file.kind {
        ListKind::Queue => {
            out.push_str("               轮候序号            轮候时间              申请编码\n")
        }
        ListKind::Roster => {
            let _ = writeln!(out, "{:indent$}序号         申请编码{name_col}", "");
        }
        ListKind::Lottery | ListKind::Undersubscribed => {
            let _ = writeln!(
                out,
                "{:indent$}序号      摇号基数序号         申请编码{name_col}",
                ""
            );
        }
    }
    for row in &file.rows {
        match file.kind {
            ListKind::Queue => {
                let at = row
                    .queued_at
                    .map(|t| t.format("%Y-%m-%d %H:%M:%S%.3f").to_string())
                    .unwrap_or_default();
                let _ = write!(out, "{:>20}{at:>30}{:>17}", row.seq, row.code.to_string());
            }
            ListKind::Roster => {
                let _ = write!(out, "{:>seq_width$}{:>19}", row.seq, row.code.to_string());
            }
            ListKind::Lottery | ListKind::Undersubscribed => {
                let position = row.position.unwrap_or_default();
                let _ = write!(
                    out,
                    "{:>seq_width$}{position:>18}{:>19}",
                    row.seq,
                    row.code.to_string()
                );
            }
        }
        if let Some(name) = row.name.as_deref().filter(|_| file.named) {
            let _ = write!(out, "      {name}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{end}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::parse_text;

    fn fixture_text(name: &str) -> String {
        let path = format!(
            "{}/../tests/fixtures/official/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::results::pdf::extract_text(&std::fs::read(path).unwrap()).unwrap()
    }

    /// The extracted text without page markers, as the layout should reproduce it.
    fn without_page_markers(text: &str) -> String {
        text.lines()
            .filter(|l| {
                !(l.starts_with('-')
                    && l.ends_with('-')
                    && l[1..l.len() - 1].bytes().all(|b| b.is_ascii_digit()))
            })
            .map(|l| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn renders_each_unwrapped_fixture_exactly_as_published() {
        for name in [
            "bj-201506-person-ordinary.pdf",
            "bj-201402-person-nev.pdf",
            "bj-201601-person-nev-queue.pdf",
            "bj-201602-unit-ordinary.pdf",
        ] {
            let text = fixture_text(name);
            let file = parse_text(&text).unwrap();
            assert_eq!(render(&file), without_page_markers(&text), "{name}");
        }
    }

    #[test]
    fn wrapped_names_round_trip() {
        let file = parse_text(&fixture_text("bj-201506-unit-ordinary.pdf")).unwrap();
        let row5 = &file.rows[4];
        assert_eq!(
            row5.name.as_deref(),
            Some("中天银都（天津）建设工程有限公司北京昌平分公司")
        );
        assert_eq!(parse_text(&render(&file)).unwrap(), file);
    }
}
