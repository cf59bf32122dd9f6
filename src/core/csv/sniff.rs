//! What the input is, before it is split: the entry points. [`parse`] takes the bytes of a file
//! and refuses, with one message that says what to do, a file over the size limit, an Excel
//! workbook, UTF-16 and anything not UTF-8 (recognising Shift_JIS, which the browser decodes);
//! [`parse_text`] takes text, refuses too much of it, JSON and too many rows, and hands the
//! records to the reader.

use super::read::Reader;
use super::split::{split_records, Split, SyntaxProblem};
use super::{file_error, CsvError, MAX_BYTES, MAX_ROWS, MAX_TEXT_BYTES};
use crate::core::import::{self, Progress};
use crate::core::lang::{message, Message};
use crate::core::model::Budget;
use crate::core::money::grouped;

pub(super) const SAVE_AS_UTF8: &str =
    "in Excel use 名前を付けて保存 (Save As) → ファイルの種類 「CSV UTF-8 (コンマ区切り) (*.csv)」";
pub(super) const SAVE_AS_UTF8_JA: &str =
    "Excel の「名前を付けて保存」で、ファイルの種類を「CSV UTF-8 (コンマ区切り) (*.csv)」にして保存し直してください";

/// Reads a CSV file (bytes as read from disk). UTF-8 with or without BOM; anything else gets one
/// error saying what the file looks like (Shift_JIS, UTF-16, an Excel workbook) and what to do.
pub fn parse(bytes: &[u8]) -> Result<Budget, Vec<CsvError>> {
    parse_with_progress(bytes, &mut |_| {})
}

/// [`parse`], telling `progress` how far it has got ([`parse_text_with_progress`]).
pub fn parse_with_progress(bytes: &[u8], progress: Progress) -> Result<Budget, Vec<CsvError>> {
    let size = byte_count(bytes.len());
    if size > MAX_BYTES {
        return Err(file_error(too_large(size, MAX_BYTES, false)));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(file_error(message!(
            "looks like an Excel workbook (.xlsx/.xls), not CSV: {SAVE_AS_UTF8}",
            "Excel のブック（.xlsx/.xls）のようです。CSV ではありません。{SAVE_AS_UTF8_JA}"
        )));
    }
    if looks_like_utf16(bytes) {
        return Err(vec![utf16_error()]);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => parse_text_with_progress(text, progress),
        Err(_) if looks_like_shift_jis(body) => Err(file_error(message!(
            "is not UTF-8: it looks like Shift_JIS (CP932), which Excel in Japan writes for \
             「CSV (コンマ区切り)」. The app's import decodes such a file in the browser \
             (TextDecoder('shift_jis')) and reads the text; to convert it yourself, {SAVE_AS_UTF8}",
            "文字コードが Shift_JIS（Excel の「CSV (コンマ区切り)」）のようですが、\
             この環境では読み取れません。{SAVE_AS_UTF8_JA}"
        ))),
        Err(e) => {
            let line = 1 + body[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Err(file_error(message!(
                "is not UTF-8 text (the first invalid byte is on line {line}); {SAVE_AS_UTF8}",
                "文字コードが UTF-8 ではありません（{line}行目に読み取れない文字があります）。\
                 {SAVE_AS_UTF8_JA}"
            )))
        }
    }
}

/// The advice for a UTF-16 file ([`looks_like_utf16`]).
pub fn utf16_error() -> CsvError {
    file_error(message!(
        "is UTF-16 text (Excel's 「Unicode テキスト」), not UTF-8 CSV: {SAVE_AS_UTF8}",
        "文字コードが UTF-16（Excel の「Unicode テキスト」）です。{SAVE_AS_UTF8_JA}"
    ))
    .remove(0)
}

/// How much of a file [`looks_like_utf16`] looks at.
const UTF16_SNIFF: usize = 8192;

/// True for UTF-16 text: a byte order mark, or (without one) the NUL bytes that ASCII characters
/// (commas, digits, line ends, JSON's punctuation) have in UTF-16: in the first 8 KB, NUL bytes
/// mostly at odd offsets (little-endian) or mostly at even ones (big-endian; the other side has
/// them only for characters such as U+4E00 一, at most a quarter as many), in 16 characters or
/// one in eight if fewer (Japanese text has few ASCII characters), never two in a row where a
/// character starts (U+0000), and the 16-bit units pair up (no lone surrogate). A binary file
/// has NUL bytes on both sides or in runs, and text in an 8-bit encoding has none. UTF-16
/// without a mark and without ASCII is not recognised.
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(UTF16_SNIFF) & !1];
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        if pair == [0, 0] {
            return false; // U+0000 is no text
        }
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = head.len() / 2;
    let little = odd > even;
    let (ascii, other) = if little { (odd, even) } else { (even, odd) };
    if ascii == 0 || ascii < (units / 8).min(16) || other * 4 > ascii {
        return false;
    }
    let unit = |pair: &[u8]| match little {
        true => u16::from_le_bytes([pair[0], pair[1]]),
        false => u16::from_be_bytes([pair[0], pair[1]]),
    };
    let mut decoded = char::decode_utf16(head.chunks_exact(2).map(unit)).peekable();
    while let Some(c) = decoded.next() {
        // A lead surrogate cut off by the end of the sniffed part is no evidence either way.
        if c.is_err() && decoded.peek().is_some() {
            return false;
        }
    }
    true
}

/// Every cell holding a replacement or private-use character (`import::odd_characters`) as a
/// problem of its row and cell, reported like a syntax problem (so before the header is
/// known right, and by column letter where there is no header); the first
/// [`import::ODD_LISTED`] one by one.
fn odd_cells(split: &mut Split) {
    let mut places = 0;
    let mut beyond: Option<(usize, usize)> = None;
    let mut more = 0;
    for record in &split.records {
        for (j, cell) in record.cells.iter().enumerate() {
            let found = import::odd_characters(cell);
            if found.is_empty() {
                continue;
            }
            places += 1;
            if places <= import::ODD_LISTED {
                split.problems.extend(found.iter().map(|f| SyntaxProblem {
                    row: record.row,
                    cell: j,
                    message: f.message(),
                }));
            } else if beyond.is_none() {
                beyond = Some((record.row, j));
            } else {
                more += 1;
            }
        }
    }
    if let Some((row, cell)) = beyond {
        split.problems.push(SyntaxProblem {
            row,
            cell,
            message: import::OddCharacters::beyond_listed(more),
        });
    }
}

/// True when `bytes` are not UTF-8 but are well-formed Shift_JIS (CP932): single bytes
/// 0x00–0x7F and half-width katakana 0xA1–0xDF, and lead bytes 0x81–0x9F, 0xE0–0xFC each
/// followed by a trail byte 0x40–0x7E or 0x80–0xFC. Such a file can be decoded with
/// `TextDecoder('shift_jis')` and passed to [`parse_text`].
pub fn looks_like_shift_jis(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x00..=0x7F | 0xA1..=0xDF => i += 1,
            0x81..=0x9F | 0xE0..=0xFC => match bytes.get(i + 1) {
                Some(0x40..=0x7E | 0x80..=0xFC) => i += 2,
                _ => return false,
            },
            _ => return false,
        }
    }
    true
}

/// A length in bytes as the limits count them: `u64`, like a file's size. Lossless on every
/// target (`usize` is at most 64 bits), so the fallback is never taken.
fn byte_count(len: usize) -> u64 {
    u64::try_from(len).unwrap_or(u64::MAX)
}

/// `decoded`: the text decoded from a Shift_JIS file, not the file as read.
fn too_large(size: u64, limit: u64, decoded: bool) -> Message {
    let (size, mb, limit) = (grouped(size), limit >> 20, grouped(limit));
    let (what, what_ja) = match decoded {
        false => ("", "ファイル"),
        true => (" of text", "文字コードを変換したファイル"),
    };
    message!(
        "is {size} bytes{what}, over the limit of {mb} MB ({limit} bytes); split the list into several files",
        "{what_ja}が大きすぎます（{size}バイト）。読み込めるのは {mb} MB（{limit}バイト）までです。一覧を複数のファイルに分けてください"
    )
}

/// Reads CSV text (already decoded; a leading BOM is ignored). See the module documentation for
/// the format and [`CsvError`] for the errors.
pub fn parse_text(text: &str) -> Result<Budget, Vec<CsvError>> {
    parse_text_with_progress(text, &mut |_| {})
}

/// How the work of reading CSV text is shared out for [`Progress`], in thousandths: splitting
/// the records goes up to `SPLIT_END` (by bytes), reading the rows up to `ROWS_END` (by rows),
/// and checking across rows to the end. Measured on 50,000 synthetic lines (see the test).
pub const SPLIT_END: u32 = 300;
pub const ROWS_END: u32 = 950;

/// [`parse_text`], telling `progress` how far it has got.
pub fn parse_text_with_progress(text: &str, progress: Progress) -> Result<Budget, Vec<CsvError>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let size = byte_count(text.len());
    if size > MAX_TEXT_BYTES {
        return Err(file_error(too_large(size, MAX_TEXT_BYTES, true)));
    }
    if text.trim_start().starts_with(['{', '[']) {
        return Err(file_error(message!(
            "looks like JSON, not CSV: import it as a JSON budget file",
            "CSV ではなく JSON のようです。名前を .json で終わるようにして開いてください"
        )));
    }
    let mut split = split_records(text, progress);
    if split.too_many {
        let max = grouped(MAX_ROWS as u64);
        return Err(file_error(message!(
            "has more than {max} rows; the limit is {max} (split the list into several files)",
            "行が多すぎます。読み込めるのは {max}行までです。一覧を複数のファイルに分けてください"
        )));
    }
    odd_cells(&mut split);
    Reader::default().read(split, progress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::csv::fixtures::*;

    #[test]
    fn bom_is_optional_and_line_ends_may_be_crlf_lf_or_cr() {
        let lf = small(&[LINE, RELISTING]);
        let expected = parse(lf.as_bytes()).unwrap();
        assert_eq!(expected.lines.len(), 2);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat();
        assert_eq!(parse(&with_bom).unwrap(), expected);
        assert_eq!(parse_text(&format!("\u{FEFF}{lf}")).unwrap(), expected);
        assert_eq!(parse_text(&lf.replace('\n', "\r\n")).unwrap(), expected);
        assert_eq!(parse_text(&lf.replace('\n', "\r")).unwrap(), expected);
    }

    #[test]
    fn shift_jis_is_recognised_not_decoded() {
        // "事業" in Shift_JIS.
        let mut sjis = b"id,".to_vec();
        sjis.extend([0x8E, 0x96, 0x8B, 0xC6]);
        sjis.extend(b"\r\n1-1,\xB1\xB2\r\n"); // and half-width katakana ｱｲ
        assert!(looks_like_shift_jis(&sjis));
        let e = parse(&sjis).unwrap_err();
        assert_eq!(e.len(), 1);
        let message = e[0].to_string();
        assert!(message.starts_with("file: is not UTF-8: it looks like Shift_JIS (CP932)"));
        assert!(message.contains("TextDecoder('shift_jis')"));
        assert!(message.contains("「CSV UTF-8 (コンマ区切り) (*.csv)」"));

        assert!(!looks_like_shift_jis("事業".as_bytes()));
        assert!(!looks_like_shift_jis(&[0x8E])); // a lead byte without its trail
        assert!(!looks_like_shift_jis(&[b'a', 0x80, b'b']));
        let e = parse(b"id\nabc\n\xFF\xFF").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "file: is not UTF-8 text (the first invalid byte is on line 3); in Excel use 名前を付けて保存 (Save As) → ファイルの種類 「CSV UTF-8 (コンマ区切り) (*.csv)」"
        );
        assert!(parse(b"\xFF\xFEi\x00d\x00").unwrap_err()[0]
            .to_string()
            .starts_with("file: is UTF-16 text"));
        assert!(parse(b"PK\x03\x04rest").unwrap_err()[0]
            .to_string()
            .starts_with("file: looks like an Excel workbook"));
        assert!(parse(b"{\"meta\": {}}").unwrap_err()[0]
            .to_string()
            .starts_with("file: looks like JSON"));
    }

    #[test]
    fn refuses_files_over_the_limits() {
        let big = vec![b'a'; usize::try_from(MAX_BYTES + 1).unwrap()];
        let e = parse(&big).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].to_string(),
            "file: is 20,971,521 bytes, over the limit of 20 MB (20,971,520 bytes); split the list into several files"
        );
        let text = "a".repeat(usize::try_from(MAX_TEXT_BYTES + 1).unwrap());
        assert!(parse_text(&text).unwrap_err()[0]
            .to_string()
            .starts_with("file: is 31,457,281 bytes of text, over the limit of 30 MB"));
        assert_eq!(
            errors(&"x\n".repeat(MAX_ROWS + 1)),
            ["file: has more than 100,000 rows; the limit is 100,000 (split the list into several files)"]
        );
        // Exactly the limit is fine.
        let text = format!("{HEADER}\n{}{LINE}\n", ",\n".repeat(MAX_ROWS - 2));
        assert_eq!(parse_text(&text).unwrap().lines.len(), 1);
    }
}
