//! The result list as a PDF whose text is the official layout, written with `lopdf`.
//!
//! The font is not embedded: a Type0 font `STSong-Light` with the predefined CMap `UniGB-UCS2-H`
//! over a `CIDFontType0` of the `Adobe-GB1` collection, which every reader with Adobe's Simplified
//! Chinese font pack (or a substitute) renders; strings are UCS-2 big-endian, so a text extractor
//! maps them back to Unicode without a `ToUnicode` table. One text line per layout line.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

use crate::error::{ApiError, ApiResult};

/// A4 in points.
const PAGE_WIDTH: i64 = 595;
const PAGE_HEIGHT: i64 = 842;
/// Font size and line distance in points.
const FONT_SIZE: i64 = 10;
const LEADING: i64 = 14;
/// Margins in points.
const MARGIN_X: i64 = 56;
const MARGIN_TOP: i64 = 56;
/// Lines per page.
const LINES_PER_PAGE: usize = ((PAGE_HEIGHT - 2 * MARGIN_TOP) / LEADING) as usize;

/// `text` as UCS-2 big-endian; characters outside the Basic Multilingual Plane (never in the
/// layout) become U+FFFD.
fn ucs2(text: &str) -> Vec<u8> {
    text.chars()
        .flat_map(|c| {
            let unit = u16::try_from(u32::from(c)).unwrap_or(0xFFFD);
            unit.to_be_bytes()
        })
        .collect()
}

/// The font dictionary (and its descendant) for `STSong-Light`.
fn font(doc: &mut Document) -> ObjectId {
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "STSong-Light",
        "Flags" => 6,
        "FontBBox" => vec![(-25).into(), (-254).into(), 1000.into(), 880.into()],
        "ItalicAngle" => 0,
        "Ascent" => 880,
        "Descent" => -120,
        "CapHeight" => 880,
        "StemV" => 93,
    });
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
    });
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H",
        "DescendantFonts" => vec![descendant.into()],
    })
}

/// The content stream of one page of `lines`.
fn page_content(lines: &[&str]) -> ApiResult<Vec<u8>> {
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), FONT_SIZE.into()]),
        Operation::new("TL", vec![LEADING.into()]),
        Operation::new(
            "Td",
            vec![MARGIN_X.into(), (PAGE_HEIGHT - MARGIN_TOP).into()],
        ),
    ];
    for line in lines {
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(ucs2(line), StringFormat::Hexadecimal)],
        ));
        ops.push(Operation::new("T*", vec![]));
    }
    ops.push(Operation::new("ET", vec![]));
    Content { operations: ops }
        .encode()
        .map_err(|e| ApiError::internal(format_args!("encoding a PDF page: {e}")))
}

/// A PDF of `text` (the official layout), one PDF text line per line, blank lines kept as space.
pub fn render(text: &str) -> ApiResult<Vec<u8>> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = font(&mut doc);
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
    });
    let lines: Vec<&str> = text.lines().collect();
    let mut kids = Vec::new();
    for chunk in lines.chunks(LINES_PER_PAGE) {
        let content = doc.add_object(Stream::new(Dictionary::new(), page_content(chunk)?));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
        });
        kids.push(Object::Reference(page));
    }
    let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| ApiError::internal(format_args!("writing the PDF: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_comes_back_line_by_line() {
        let text = "分期编号：202602\n\n序号 申请编码\n1 1234567890123\n";
        let pdf = render(text).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.5"));
        let back = yaohao_core::results::pdf::extract_text(&pdf).unwrap();
        // The extractor drops empty lines, as in the official files.
        assert_eq!(back, "分期编号：202602\n序号 申请编码\n1 1234567890123\n");
    }

    #[test]
    fn long_texts_span_pages() {
        let text: String = (1..=200).map(|i| format!("{i} 行\n")).collect();
        let pdf = render(&text).unwrap();
        let doc = Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 200usize.div_ceil(LINES_PER_PAGE));
        let back = yaohao_core::results::pdf::extract_text(&pdf).unwrap();
        assert_eq!(back, text);
    }
}
