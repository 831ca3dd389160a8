//! Official result lists (PDF or text): reading them into typed rows, structural checks and
//! looking a code up. Verification against the draw algorithm lives in [`crate::draw`].
//!
//! ```no_run
//! let bytes = std::fs::read("bj-201506-person-ordinary.pdf").unwrap();
//! let file = yaohao_core::results::parse_bytes(&bytes).unwrap();
//! let code = yaohao_core::results::Code::parse("3859102325290").unwrap();
//! println!("{:?}", yaohao_core::results::lookup(&file, code));
//! ```

mod check;
mod error;
mod lookup;
mod model;
mod parse;
pub mod pdf;
mod text;

pub use error::{ParseError, ParseErrorKind};
pub use lookup::{Lookup, lookup};
pub use model::{
    Applicant, Category, Code, Header, ListKind, QuotaKind, ResultFile, Row, Seed, Template,
};
pub use parse::parse_text;
pub use text::decode as decode_text;

/// The largest result file read: the official 17,804-row PDF of 201506 is 0.6 MB and its text
/// 1.1 MB, so this leaves room for lists a hundred times longer.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Parses a result file given as bytes: a PDF (starts with `%PDF`) or a UTF-8/GB18030 text copy.
pub fn parse_bytes(bytes: &[u8]) -> Result<ResultFile, ParseError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ParseError::at(
            0,
            ParseErrorKind::TooLarge {
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    if bytes.starts_with(b"%PDF") {
        let text = pdf::extract_text(bytes).map_err(|e| ParseError::at(0, e))?;
        return parse_text(&text);
    }
    let text = text::decode(bytes).ok_or(ParseError::at(0, ParseErrorKind::Encoding))?;
    parse_text(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::layout::render;

    fn read(dir: &str, name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../tests/fixtures/{dir}/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn every_official_pdf_parses_with_its_header() {
        for (name, category, kind, n, q, seed) in [
            (
                "bj-201506-person-ordinary.pdf",
                "individual_ordinary",
                ListKind::Lottery,
                3647274,
                17804,
                Some("390922"),
            ),
            (
                "bj-201506-unit-ordinary.pdf",
                "unit_ordinary",
                ListKind::Lottery,
                84719,
                1200,
                Some("530670"),
            ),
            (
                "bj-201602-unit-ordinary.pdf",
                "unit_ordinary",
                ListKind::Lottery,
                60353,
                900,
                Some("370919"),
            ),
            (
                "bj-201402-person-nev.pdf",
                "individual_nev",
                ListKind::Lottery,
                2062,
                1904,
                Some("626946"),
            ),
            (
                "bj-201601-person-nev-queue.pdf",
                "individual_nev",
                ListKind::Queue,
                12214,
                12214,
                None,
            ),
        ] {
            let file = parse_bytes(&read("official", name)).unwrap();
            let h = &file.header;
            assert_eq!(
                (h.category.as_str(), file.kind, h.pool_size, h.quota),
                (category, kind, n, q),
                "{name}"
            );
            assert_eq!(h.seed.as_ref().map(Seed::text), seed, "{name}");
            assert_eq!(file.rows.len() as u32, q.min(n), "{name}");
            assert!(h.draw_date.is_some() && h.run_time.is_some(), "{name}");
        }
    }

    #[test]
    fn both_templates_are_recognised() {
        let old = parse_bytes(&read("official", "bj-201506-unit-ordinary.pdf")).unwrap();
        assert_eq!(
            (old.header.template, old.header.period.as_str()),
            (Template::Y2015, "201506")
        );
        assert_eq!(
            old.header.run_time.unwrap().to_string(),
            "2015-12-26 10:15:56"
        );
        assert!(old.named);
        let new = parse_bytes(&read("official", "bj-201602-unit-ordinary.pdf")).unwrap();
        assert_eq!(
            (new.header.template, new.header.title.as_str()),
            (Template::Y2016, "2016年第02期单位普通小客车指标配置结果")
        );
    }

    #[test]
    fn synthetic_lists_round_trip_through_the_layout() {
        for name in [
            "unit-2015-named.utf8.txt",
            "unit-nev-2016-undersubscribed.txt",
            "person-nev-queue-ties.txt",
        ] {
            let bytes = read("results", name);
            let file = parse_bytes(&bytes).unwrap();
            assert_eq!(render(&file).as_bytes(), bytes.as_slice(), "{name}");
        }
        let bom = read("results", "person-2016-bom.txt");
        let file = parse_bytes(&bom).unwrap();
        assert_eq!(file.header.seed.as_ref().map(Seed::text), Some("026498"));
        assert_eq!(render(&file).as_bytes(), &bom[3..]);
    }

    #[test]
    fn gb18030_copy_with_wrapped_names_and_glued_markers_reads_like_the_utf8_one() {
        let gb = parse_bytes(&read("results", "unit-2015-named.gb18030.txt")).unwrap();
        let utf8 = parse_bytes(&read("results", "unit-2015-named.utf8.txt")).unwrap();
        assert_eq!(gb, utf8);
        assert_eq!(
            gb.rows[2].name.as_deref(),
            Some("中天银都（天津）建设工程有限公司北京昌平分公司")
        );
        assert_eq!(
            gb.rows[1].name.as_deref(),
            Some("Beijing Star Trading Co Ltd 1")
        );
    }

    #[test]
    fn other_cities_rosters_and_undersubscribed_lists() {
        let roster = parse_bytes(&read("results", "guangzhou-roster.txt")).unwrap();
        assert_eq!((roster.kind, roster.rows.len()), (ListKind::Roster, 4));
        assert_eq!(roster.rows[2].name.as_deref(), Some("阿依古丽·买买提"));
        assert_eq!(roster.rows[3].name.as_deref(), Some("王 五"));
        let under = parse_bytes(&read("results", "unit-nev-2016-undersubscribed.txt")).unwrap();
        assert_eq!(
            (under.kind, under.rows.len(), under.header.seed.is_none()),
            (ListKind::Undersubscribed, 12, true)
        );
    }

    #[test]
    fn lookup_answers_won_and_queue_rank() {
        let file = parse_bytes(&read("official", "bj-201506-person-ordinary.pdf")).unwrap();
        let code = Code::parse("8704104177090").unwrap();
        assert_eq!(
            lookup(&file, code),
            Lookup::Draw {
                won: true,
                row: Some(2),
                position: Some(2225388)
            }
        );
        let absent = Code::parse("8704104177091").unwrap();
        assert_eq!(
            lookup(&file, absent),
            Lookup::Draw {
                won: false,
                row: None,
                position: None
            }
        );
        let queue = parse_bytes(&read("results", "person-nev-queue-ties.txt")).unwrap();
        let Lookup::Queue {
            queued,
            rank,
            queued_at,
        } = lookup(&queue, Code::parse("4919104433071").unwrap())
        else {
            panic!("a queue list answers with a rank")
        };
        assert_eq!((queued, rank), (true, Some(2)));
        assert_eq!(queued_at, queue.rows[0].queued_at, "tied with rank 1");
    }

    #[test]
    fn unreadable_inputs_are_errors() {
        assert_eq!(
            parse_bytes(&[0xFF, 0xFE, 0x00]).unwrap_err().kind,
            ParseErrorKind::Encoding
        );
        assert!(matches!(
            parse_bytes(b"%PDF-1.4\n%%EOF").unwrap_err().kind,
            ParseErrorKind::Pdf(_)
        ));
        assert_eq!(
            parse_bytes(b"hello").unwrap_err().kind,
            ParseErrorKind::NoList
        );
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn official_text() -> &'static str {
            static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            TEXT.get_or_init(|| {
                String::from_utf8(read("results", "unit-2015-named.utf8.txt")).unwrap()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn truncated_pdfs_are_rejected_or_complete(cut in 0usize..60239) {
                let bytes = read("official", "bj-201602-unit-ordinary.pdf");
                if let Ok(file) = parse_bytes(&bytes[..cut.min(bytes.len())]) {
                    prop_assert_eq!(file.rows.len(), 900);
                }
            }

            #[test]
            fn corrupted_pdfs_never_panic(flips in proptest::collection::vec((0usize..60239, any::<u8>()), 1..40)) {
                let mut bytes = read("official", "bj-201602-unit-ordinary.pdf");
                for (at, value) in flips {
                    if let Some(b) = bytes.get_mut(at) {
                        *b = value;
                    }
                }
                // Either an error or a list that passed every structural check.
                if let Ok(file) = parse_bytes(&bytes) {
                    prop_assert_eq!(file.rows.len() as u32, file.expected_rows());
                }
            }
        }

        proptest! {
            #[test]
            fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
                let _ = parse_bytes(&bytes);
            }

            #[test]
            fn random_pdf_like_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
                let mut bytes = b"%PDF-1.4\n".to_vec();
                bytes.extend(tail);
                prop_assert!(parse_bytes(&bytes).is_err());
            }

            #[test]
            fn truncated_lists_are_rejected(cut in 0usize..1600) {
                let text = official_text();
                let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                // Every truncation before the last row loses a row or a header field.
                let last_row = text.find("        12 ").unwrap();
                if cut < last_row {
                    prop_assert!(parse_text(&text[..cut]).is_err());
                }
            }

            #[test]
            fn huge_or_mangled_numbers_are_errors(n in "[0-9]{11,30}") {
                let text = official_text().replace("有效单位申请编码总数：300", &format!("有效单位申请编码总数：{n}"));
                prop_assert!(parse_text(&text).is_err());
                let text = official_text().replacen("               218", &format!("{n:>18}"), 1);
                prop_assert!(parse_text(&text).is_err());
            }
        }
    }
}
