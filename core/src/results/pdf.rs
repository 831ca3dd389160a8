//! Text extraction from result PDFs: `lopdf` reads the objects, a small walker of the page
//! content streams turns text-showing operators into lines (no external program).
//!
//! Line breaks follow the text-positioning operators: `Td`/`TD` with a vertical move, `T*`,
//! `Tm`, `'`, `"` and `ET` end the current line. Strings are decoded through each font's
//! encoding (the official files use Type0 fonts with a `ToUnicode` CMap, two bytes per code);
//! every code is decoded once and cached.

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object, ObjectId};
use std::collections::HashMap;
use thiserror::Error;

/// Why a PDF could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfError {
    /// The bytes are not a readable PDF document.
    #[error("not a readable PDF: {0}")]
    Unreadable(String),
    /// The pages' text decompresses to more than any official list ([`MAX_PAGE_TEXT`]): a
    /// decompression bomb, or not a result list.
    #[error(
        "the PDF's content decompresses to more than {} MB, far beyond any official result list (a decompression bomb?)",
        .limit >> 20
    )]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A page's content stream is malformed.
    #[error("page {page}: {reason}")]
    Page {
        /// 1-based page number.
        page: u32,
        /// What went wrong.
        reason: String,
    },
}

/// The most the content of all pages (and any one object stream) may decompress to. The 17,804
/// rows of the 201506 list decompress to 2.3 MB (about 130 bytes a row), so this holds a list of
/// about a million rows, far beyond any published one (tens of thousands of winners).
pub const MAX_PAGE_TEXT: usize = 128 << 20;

/// Extracts the text of every page, in page order, one `\n`-terminated line per text line.
pub fn extract_text(bytes: &[u8]) -> Result<String, PdfError> {
    extract_within(bytes, MAX_PAGE_TEXT)
}

/// [`extract_text`] with the pages' content bounded by `limit` decompressed bytes.
fn extract_within(bytes: &[u8], limit: usize) -> Result<String, PdfError> {
    let too_large = |e: lopdf::Error| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::TooLarge { limit }
        }
        e => PdfError::Unreadable(e.to_string()),
    };
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(limit),
        ..lopdf::LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(too_large)?;
    let mut budget = limit;
    let mut fonts = FontCache::default();
    let mut out = String::with_capacity(bytes.len() * 4);
    for (number, page_id) in doc.get_pages() {
        let page_err = |reason: String| PdfError::Page {
            page: number,
            reason,
        };
        let content = doc
            .get_page_content_with_limit(page_id, budget)
            .map_err(too_large)?;
        budget = budget.saturating_sub(content.len());
        let page_fonts = page_font_ids(&doc, page_id);
        let mut walker = LineWalker::new(&mut out);
        for op in Content::decode_iter(&content) {
            let op = op.map_err(|e| page_err(e.to_string()))?;
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    let id = name.and_then(|n| page_fonts.get(n)).copied();
                    walker.font = id.and_then(|id| fonts.load(&doc, id));
                }
                "Td" | "TD" => {
                    let dy = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(0.0);
                    if dy != 0.0 {
                        walker.end_line();
                    }
                }
                "T*" | "Tm" | "ET" => walker.end_line(),
                "Tj" => walker.show(&fonts, op.operands.first()),
                "'" => {
                    walker.end_line();
                    walker.show(&fonts, op.operands.first());
                }
                "\"" => {
                    walker.end_line();
                    walker.show(&fonts, op.operands.get(2));
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            walker.show(&fonts, Some(item));
                        }
                    }
                }
                _ => {}
            }
        }
        walker.end_line();
    }
    Ok(out)
}

/// The font object ids a page's resources name (`/F1` → `12 0 R`).
fn page_font_ids(doc: &Document, page_id: ObjectId) -> HashMap<Vec<u8>, ObjectId> {
    fn deref<'d>(doc: &'d Document, o: &'d Object) -> Option<&'d Object> {
        match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            other => Some(other),
        }
    }
    let deref = |o| deref(doc, o);
    let mut ids = HashMap::new();
    let mut node = doc.get_dictionary(page_id).ok();
    // Resources may be inherited from the page tree: walk up until a Font dictionary is found.
    for _ in 0..32 {
        let Some(dict) = node else { break };
        let fonts = dict
            .get(b"Resources")
            .ok()
            .and_then(deref)
            .and_then(|r| r.as_dict().ok())
            .and_then(|r| r.get(b"Font").ok())
            .and_then(deref)
            .and_then(|f| f.as_dict().ok());
        if let Some(fonts) = fonts {
            for (name, value) in fonts.iter() {
                if let Object::Reference(id) = value {
                    ids.insert(name.clone(), *id);
                }
            }
            break;
        }
        node = dict
            .get(b"Parent")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|id| doc.get_dictionary(id).ok());
    }
    ids
}

/// Marks a cached code that maps to several characters (decoded again on each use).
const MULTI: u32 = u32::MAX - 1;
/// Marks a code not decoded yet.
const UNKNOWN: u32 = u32::MAX;

/// One font's decoder: its encoding, its code width and a per-code cache.
struct FontDecoder<'a> {
    encoding: Encoding<'a>,
    code_len: usize,
    cache: std::cell::RefCell<Vec<u32>>,
}

impl FontDecoder<'_> {
    fn decode_into(&self, bytes: &[u8], out: &mut String) {
        let mut cache = self.cache.borrow_mut();
        for chunk in bytes.chunks(self.code_len) {
            let code = chunk
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            let cached = cache.get(code).copied().unwrap_or(MULTI);
            if let Some(c) = char::from_u32(cached) {
                out.push(c);
                continue;
            }
            let mut text = String::new();
            // A code the encoding cannot map becomes U+FFFD, as in other extractors.
            if self.encoding.write_to_string(chunk, &mut text).is_err() {
                text.push(char::REPLACEMENT_CHARACTER);
            }
            if cached == UNKNOWN
                && let Some(slot) = cache.get_mut(code)
            {
                let mut chars = text.chars();
                *slot = match (chars.next(), chars.next()) {
                    (Some(c), None) => u32::from(c),
                    _ => MULTI,
                };
            }
            out.push_str(&text);
        }
    }
}

/// Decoders of the fonts met so far, by object id.
#[derive(Default)]
struct FontCache<'a> {
    decoders: Vec<FontDecoder<'a>>,
    by_id: HashMap<ObjectId, Option<usize>>,
}

impl<'a> FontCache<'a> {
    /// The index of the decoder for font `id`, loading it on first use.
    fn load(&mut self, doc: &'a Document, id: ObjectId) -> Option<usize> {
        if let Some(known) = self.by_id.get(&id) {
            return *known;
        }
        let decoder = doc.get_dictionary(id).ok().and_then(|dict| {
            let encoding = dict.get_font_encoding(doc).ok()?;
            let code_len = if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0")
            {
                2
            } else {
                1
            };
            Some(FontDecoder {
                encoding,
                code_len,
                cache: std::cell::RefCell::new(vec![UNKNOWN; 1 << (8 * code_len)]),
            })
        });
        let index = decoder.map(|d| {
            self.decoders.push(d);
            self.decoders.len() - 1
        });
        self.by_id.insert(id, index);
        index
    }
}

/// Collects the current text line and appends finished lines to the output.
struct LineWalker<'o> {
    out: &'o mut String,
    line: String,
    font: Option<usize>,
}

impl<'o> LineWalker<'o> {
    fn new(out: &'o mut String) -> Self {
        LineWalker {
            out,
            line: String::new(),
            font: None,
        }
    }

    fn show(&mut self, fonts: &FontCache<'_>, operand: Option<&Object>) {
        let Some(Object::String(bytes, _)) = operand else {
            return;
        };
        match self.font.and_then(|i| fonts.decoders.get(i)) {
            Some(decoder) => decoder.decode_into(bytes, &mut self.line),
            None => self.line.extend(bytes.iter().map(|b| char::from(*b))),
        }
    }

    fn end_line(&mut self) {
        if !self.line.is_empty() {
            self.out.push_str(self.line.trim_end());
            self.out.push('\n');
            self.line.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    /// A one-page PDF whose content stream is `content`, Flate-compressed.
    fn pdf_with_content(content: Vec<u8>) -> Vec<u8> {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut stream = Stream::new(dictionary! {}, content);
        stream.compress().unwrap();
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn a_decompression_bomb_is_refused_with_the_limit() {
        // 4 MB of zeros compress to a few kilobytes.
        let bomb = pdf_with_content(vec![0; 4 << 20]);
        assert!(bomb.len() < 64 << 10, "{} bytes", bomb.len());
        assert_eq!(
            extract_within(&bomb, 1 << 20),
            Err(PdfError::TooLarge { limit: 1 << 20 })
        );
        // Under the limit the same file reads (it simply has no text).
        assert_eq!(extract_within(&bomb, 8 << 20), Ok(String::new()));
    }

    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../tests/fixtures/official/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn extracts_header_lines_of_a_real_file() {
        let text = extract_text(&fixture("bj-201506-unit-ordinary.pdf")).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "-1-");
        assert!(
            lines.iter().any(|l| l.starts_with("分期编号：201506")),
            "{:?}",
            &lines[..12]
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(matches!(
            extract_text(b"%PDF-1.4 nonsense"),
            Err(PdfError::Unreadable(_))
        ));
        assert!(extract_text(b"").is_err());
    }
}
