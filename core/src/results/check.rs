//! Structural checks of a parsed list: 序号 contiguous, unique 13-digit codes, positions within
//! 1..=N (equal to 序号 when undersubscribed), and as many rows as the header announces.

use super::error::{ParseError, ParseErrorKind as K};
use super::model::{ListKind, ResultFile};

/// Checks `file`; `row_lines[i]` is the text line of row `i`, `end_line` the line after the list.
pub fn check(file: &ResultFile, row_lines: &[u32], end_line: usize) -> Result<(), ParseError> {
    let line_of = |i: usize| row_lines.get(i).map_or(end_line, |&l| l as usize);
    let n = file.header.pool_size;
    for (i, row) in file.rows.iter().enumerate() {
        let expected = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if row.seq != expected {
            return Err(ParseError::at(
                line_of(i),
                K::SeqGap {
                    expected,
                    found: row.seq,
                },
            ));
        }
        if let Some(position) = row.position {
            if position == 0 || position > n {
                return Err(ParseError::at(
                    line_of(i),
                    K::PositionOutOfRange {
                        position,
                        pool_size: n,
                    },
                ));
            }
            if file.kind == ListKind::Undersubscribed && position != row.seq {
                return Err(ParseError::at(
                    line_of(i),
                    K::PositionNotSeq {
                        seq: row.seq,
                        position,
                    },
                ));
            }
        }
    }
    if let Some((first, second)) = first_duplicate_code(file) {
        let code = file
            .rows
            .get(second)
            .map(|r| r.code.to_string())
            .unwrap_or_default();
        let first_row = u32::try_from(first + 1).unwrap_or(u32::MAX);
        return Err(ParseError::at(
            line_of(second),
            K::DuplicateCode { code, first_row },
        ));
    }
    let found = u32::try_from(file.rows.len()).unwrap_or(u32::MAX);
    let expected = file.expected_rows();
    if found != expected {
        let line = if found > expected {
            line_of(expected as usize)
        } else {
            end_line
        };
        return Err(ParseError::at(line, K::RowCount { expected, found }));
    }
    Ok(())
}

/// The rows (first, later) of the earliest repeated code. Sorting the bare codes finds whether
/// any repeats (fast for millions of rows); only then are the rows located.
fn first_duplicate_code(file: &ResultFile) -> Option<(usize, usize)> {
    let mut codes: Vec<u64> = file.rows.iter().map(|r| r.code.value()).collect();
    codes.sort_unstable();
    if !codes.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
        return None;
    }
    let mut first_row = std::collections::HashMap::with_capacity(file.rows.len());
    file.rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| first_row.insert(r.code, i).map(|first| (first, i)))
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse_text;
    use super::*;

    fn list(n: u32, q: u32, rows: &str) -> String {
        format!(
            "个人新能源指标配置\n期号：201601\n有效编码总数：{n}\n指标配置总数：{q}\n指标配置种子数：123456\n\
             -指标配置列表-\n序号 摇号基数序号 申请编码\n{rows}-----\n"
        )
    }

    #[test]
    fn accepts_a_consistent_list() {
        let file = parse_text(&list(9, 2, "1 5 1000000000005\n2 3 1000000000003\n")).unwrap();
        assert_eq!(file.rows.len(), 2);
    }

    #[test]
    fn each_structural_failure_has_its_reason_and_line() {
        let err = parse_text(&list(9, 2, "1 5 1000000000005\n3 3 1000000000003\n")).unwrap_err();
        assert_eq!(
            (err.line, err.kind),
            (
                9,
                K::SeqGap {
                    expected: 2,
                    found: 3
                }
            )
        );
        let err = parse_text(&list(9, 2, "1 5 1000000000005\n2 3 1000000000005\n")).unwrap_err();
        assert_eq!(err.line, 9);
        assert!(matches!(err.kind, K::DuplicateCode { first_row: 1, .. }));
        let err = parse_text(&list(9, 2, "1 10 1000000000005\n2 3 1000000000003\n")).unwrap_err();
        assert_eq!(
            (err.line, err.kind),
            (
                8,
                K::PositionOutOfRange {
                    position: 10,
                    pool_size: 9
                }
            )
        );
        let err = parse_text(&list(9, 3, "1 5 1000000000005\n2 3 1000000000003\n")).unwrap_err();
        assert_eq!(
            (err.line, err.kind),
            (
                10,
                K::RowCount {
                    expected: 3,
                    found: 2
                }
            )
        );
        let err = parse_text(&list(9, 1, "1 5 1000000000005\n2 3 1000000000003\n")).unwrap_err();
        assert_eq!(
            (err.line, err.kind),
            (
                9,
                K::RowCount {
                    expected: 1,
                    found: 2
                }
            )
        );
    }

    #[test]
    fn undersubscribed_positions_must_equal_seq() {
        let text = list(2, 5, "1 1 1000000000005\n2 2 1000000000003\n")
            .replace("指标配置种子数：123456\n", "");
        assert_eq!(parse_text(&text).unwrap().kind, ListKind::Undersubscribed);
        let text = list(2, 5, "1 2 1000000000005\n2 1 1000000000003\n")
            .replace("指标配置种子数：123456\n", "");
        assert_eq!(
            parse_text(&text).unwrap_err().kind,
            K::PositionNotSeq {
                seq: 1,
                position: 2
            }
        );
    }
}
