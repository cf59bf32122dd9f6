//! The budget as CSV, for people who keep the list in a spreadsheet: one row per line of the list
//! (per project), read with [`parse`] / [`parse_text`] and written with [`to_csv`].
//!
//! # The file
//!
//! - **Encoding**: UTF-8, with or without a BOM. [`to_csv`] writes a BOM and CRLF line ends, so
//!   Excel in Japan opens it as UTF-8. Shift_JIS (CP932, what Excel in Japan saves as
//!   「CSV (コンマ区切り)」) is recognised but not decoded here: [`parse`] answers with one error
//!   that says so, and the browser decodes such a file itself (`TextDecoder('shift_jis')`) and
//!   passes the text to [`parse_text`]. [`looks_like_shift_jis`] tells which case it is.
//! - **Syntax**: RFC 4180. Cells are separated by `,`; a cell holding `,`, `"` or a line break is
//!   quoted, with `"` inside doubled; records end with CRLF, LF or CR. A `"` inside an unquoted
//!   cell is kept as it is. Line breaks inside a cell are read as `\n`.
//! - **Rows** are counted as a spreadsheet shows them (a cell with line breaks is still one row),
//!   from 1. Rows whose cells are all empty are skipped anywhere, and so are empty cells to the
//!   right of the last column (Excel pads every row to the widest).
//! - **Before the header**, optionally: `#meta,key,value` rows (see below), comment rows, whose
//!   first cell starts with `#`, and Excel's `sep=,` line (both ignored). The first other row is
//!   the header.
//! - **The header** names the columns, in any order, in Japanese or English (see [`COLUMNS`]).
//!   Names are compared after trimming, folding full-width ASCII (`ＩＤ`, `（千円）`) and the
//!   ideographic space to their ASCII forms, ignoring case, spaces and `_`. An unknown column, a
//!   column given twice and a missing required column are errors; the data rows are not read
//!   until the header is right. A column with an empty header must be empty.
//! - **Meta**: `#meta,title,…` rows give the contract's `meta` fields, one row each, keys in
//!   English (`title city fiscal_year era_year unit as_of source priorities note`); `priorities`
//!   is repeated, one row per paragraph, in order. `as_of` may also be written `2023/3/31` (what
//!   Excel turns a date into). If there are no `#meta` rows at all, meta is [`default_meta`]:
//!   placeholders whose `note` is [`DEFAULT_META_NOTE`] (the notice the app can show). If there
//!   are some, every key must be there.
//! - **Directions and initiatives** come from the rows (`方向性`/`方向性名`, `取組`/`取組名`) and are
//!   listed in id order; every row of a direction (initiative) must give the same title (and
//!   direction). One without lines cannot be written in CSV.
//!
//! # Cells
//!
//! - Every cell is trimmed.
//! - `担当課` (departments): several are separated by `|` (U+007C; the full-width `｜` is read too).
//!   `・` is *not* a separator: it is part of names such as 「起業・新産業支援課」. A department name
//!   that itself holds `|` or `｜` cannot be written in CSV.
//! - `予算額（千円）` (budget): a whole number of thousand yen (`24200` or `24,200`), or empty or
//!   `-` (also `－ − ― ー`) where the source prints "-"; negative amounts are errors.
//! - `重点` `新規` `コロナ` (marks): yes is `★` / `新` / `コロナ` (the column's own mark, also
//!   `【新】` `【コロナ】`), `1`, `TRUE`, `yes`, `○`; no is empty, `0`, `FALSE`, `no`, `-`, `×`.
//!   [`to_csv`] writes the mark or nothing.
//! - `再掲元` (relisted_of): the id of the original line for a 【再掲】 line, else empty.
//! - Ids and numbers may use full-width digits and hyphen (`１－５`). Excel turns a typed or
//!   opened `1-5` into a date (1月5日) unless the column is formatted as text (文字列); such a
//!   cell is an error whose message says so.
//! - **Formulas**: a text cell (titles, name, departments, description, meta values) that starts
//!   with `=`, `+`, `-` or `@` is an error, as is an id or number cell starting with `=` or `@`:
//!   it is a spreadsheet formula, a sign the export went wrong (the app only ever displays text,
//!   so nothing would be evaluated, but the value is not what the author meant). Text that really
//!   starts with one of those is written with an apostrophe in front (`'=…`, as Excel's own text
//!   prefix): a leading `'` followed by `= + - @ '`, a tab or CR is dropped on reading.
//!   [`to_csv`] does exactly that for text cells (OWASP's advice against CSV injection), so a file
//!   opened in a spreadsheet never runs a formula and reads back the same. Amounts, marks and ids
//!   are written as plain numbers, marks and `1-5` and never need it.
//!
//! # Checks and errors
//!
//! Every problem is reported, not just the first, as a [`CsvError`] naming the row and the column
//! (as its header is written in the file), in Japanese and English. Once the cells are read, the rows are turned into
//! contract JSON and checked by [`validate::parse`], the same check as for `data/budget.json`
//! (ids equal to initiative-number, relistings pointing at a line with the same name, amount and
//! departments, …); its messages are mapped back to rows and columns. A row with a cell that
//! could not be read takes part only by its id (a relisting pointing at it is not called
//! missing), so its relisting checks come once the cell is fixed. Files over [`MAX_BYTES`] and
//! over [`MAX_ROWS`] rows are refused with one message.

use super::lang::{message, Lang, Message};
use super::model::{Budget, InitiativeId, MeasureId, Meta};
use super::money::grouped;
use super::validate::{self, DataError, Item};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

pub use super::export::with_originals;

/// Largest file [`parse`] reads: 20 MB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Largest text [`parse_text`] reads: text decoded from a Shift_JIS file under [`MAX_BYTES`]
/// grows by up to half (two bytes per kanji become three).
pub const MAX_TEXT_BYTES: usize = MAX_BYTES / 2 * 3;
/// Most rows (records, header and `#meta` rows included) a file may have.
pub const MAX_ROWS: usize = 100_000;
/// Separates several departments in one cell.
pub const DEPARTMENT_SEPARATOR: char = '|';
/// The `note` of [`default_meta`]: meta was not in the file.
pub const DEFAULT_META_NOTE: &str = "※このデータはCSVファイルから読み込みました。ファイルに基本情報（#meta 行）がないため、表題・自治体・年度・時点・出典は仮の値です。";

/// One column of the CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// English header; the contract field name where there is one.
    pub key: &'static str,
    /// Japanese header, as [`to_csv`] writes it.
    pub header: &'static str,
    /// Other headers accepted for it.
    pub aliases: &'static [&'static str],
    /// A file without it is refused. Without an optional column, its cells read as empty.
    pub required: bool,
}

/// The columns, in the order [`to_csv`] writes them.
pub const COLUMNS: [Column; 14] = [
    col("id", "番号", &["事業番号"], true),
    col("direction", "方向性", &["方向性番号"], true),
    col("direction_title", "方向性名", &[], true),
    col("initiative", "取組", &["取組番号"], true),
    col("initiative_title", "取組名", &[], true),
    col("number", "項番", &["取組内番号"], true),
    col("name", "事業名", &[], true),
    col("departments", "担当課", &["担当課（室）", "担当課室"], true),
    col("budget", "予算額（千円）", &["予算額", "予算"], true),
    col("key", "重点", &["重点事業", "★"], false),
    col("new", "新規", &["新", "【新】"], false),
    col("covid", "コロナ", &["【コロナ】"], false),
    col("relisted_of", "再掲元", &["再掲", "【再掲】"], false),
    col("description", "事業概要", &["概要"], true),
];

const fn col(
    key: &'static str,
    header: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> Column {
    Column {
        key,
        header,
        aliases,
        required,
    }
}

// Indices into COLUMNS.
const ID: usize = 0;
const DIRECTION: usize = 1;
const DIRECTION_TITLE: usize = 2;
const INITIATIVE: usize = 3;
const INITIATIVE_TITLE: usize = 4;
const NUMBER: usize = 5;
const NAME: usize = 6;
const DEPARTMENTS: usize = 7;
const BUDGET: usize = 8;
const KEY: usize = 9;
const NEW: usize = 10;
const COVID: usize = 11;
const RELISTED_OF: usize = 12;
const DESCRIPTION: usize = 13;

/// `#meta` keys, in the order [`to_csv`] writes them, with Japanese aliases.
const META_KEYS: [(&str, &[&str]); 9] = [
    ("title", &["表題"]),
    ("city", &["自治体"]),
    ("fiscal_year", &["年度"]),
    ("era_year", &["和暦年度"]),
    ("unit", &["単位"]),
    ("as_of", &["時点"]),
    ("source", &["出典"]),
    ("priorities", &["重点事項"]),
    ("note", &["注記"]),
];

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 4] = ['=', '+', '-', '@'];

/// One problem in a CSV file, shown as one line ([`CsvError::text`]; `Display` is the English):
///
/// - `row 12, column "予算額（千円）": must not be negative, found "-5"` — a cell; the column as
///   the file's header names it (or its letter, `column "O"`, when it has no header);
/// - `row 1: the required column "事業名" (name) is missing` — a whole row (also `#meta` rows:
///   `row 6: #meta "as_of": must be a date written YYYY-MM-DD, found "2023-13-01"`);
/// - `file: is not UTF-8: it looks like Shift_JIS …` — the file as a whole.
///
/// In Japanese: `12行目・列「予算額（千円）」：…`, `1行目：…`, and a sentence for the whole file.
/// Errors come sorted by row, then by column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// The row as a spreadsheet numbers it (from 1), when the problem has one.
    pub row: Option<usize>,
    /// The column as its header is written in the file (or a column letter, `"P"`).
    pub column: Option<String>,
    pub message: Message,
}

impl CsvError {
    pub fn text(&self, lang: Lang) -> String {
        let why = self.message.get(lang);
        match (lang, self.row, &self.column) {
            (Lang::En, Some(row), Some(column)) => format!("row {row}, column \"{column}\": {why}"),
            (Lang::En, Some(row), None) => format!("row {row}: {why}"),
            (Lang::En, None, Some(column)) => format!("column \"{column}\": {why}"),
            (Lang::En, None, None) => format!("file: {why}"),
            (Lang::Ja, Some(row), Some(column)) => format!("{row}行目・列「{column}」：{why}"),
            (Lang::Ja, Some(row), None) => format!("{row}行目：{why}"),
            (Lang::Ja, None, Some(column)) => format!("列「{column}」：{why}"),
            (Lang::Ja, None, None) => why.to_string(),
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// For code that shows [`DataError`]s: item `row 7` (or `file`), field the column.
impl From<CsvError> for DataError {
    fn from(e: CsvError) -> DataError {
        DataError {
            item: e.row.map_or(Item::File, Item::Row),
            field: e.column,
            message: e.message,
        }
    }
}

fn file_error(message: Message) -> Vec<CsvError> {
    vec![CsvError {
        row: None,
        column: None,
        message,
    }]
}

/// The meta a file without `#meta` rows gets: placeholders, and [`DEFAULT_META_NOTE`].
pub fn default_meta() -> Meta {
    Meta {
        title: "CSVから読み込んだ事業一覧".into(),
        city: "（記載なし）".into(),
        fiscal_year: 2023,
        era_year: "令和5年度".into(),
        unit: "千円".into(),
        as_of: "2023-03-31".into(),
        source: "読み込んだCSVファイル".into(),
        priorities: vec!["（重点事項の記載はありません）".into()],
        note: DEFAULT_META_NOTE.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const SAVE_AS_UTF8: &str =
    "in Excel use 名前を付けて保存 (Save As) → ファイルの種類 「CSV UTF-8 (コンマ区切り) (*.csv)」";
const SAVE_AS_UTF8_JA: &str =
    "Excel の「名前を付けて保存」で、ファイルの種類を「CSV UTF-8 (コンマ区切り) (*.csv)」にして保存し直してください";

/// Reads a CSV file (bytes as read from disk). UTF-8 with or without BOM; anything else gets one
/// error saying what the file looks like (Shift_JIS, UTF-16, an Excel workbook) and what to do.
pub fn parse(bytes: &[u8]) -> Result<Budget, Vec<CsvError>> {
    if bytes.len() > MAX_BYTES {
        return Err(file_error(too_large(bytes.len(), MAX_BYTES, false)));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(file_error(message!(
            "looks like an Excel workbook (.xlsx/.xls), not CSV: {SAVE_AS_UTF8}",
            "Excel のブック（.xlsx/.xls）のようです。CSV ではありません。{SAVE_AS_UTF8_JA}"
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(file_error(message!(
            "is UTF-16 text (Excel's 「Unicode テキスト」), not UTF-8 CSV: {SAVE_AS_UTF8}",
            "文字コードが UTF-16（Excel の「Unicode テキスト」）です。{SAVE_AS_UTF8_JA}"
        )));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => parse_text(text),
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

/// `decoded`: the text decoded from a Shift_JIS file, not the file as read.
fn too_large(size: usize, limit: usize, decoded: bool) -> Message {
    let (size, mb, limit) = (grouped(size as u64), limit >> 20, grouped(limit as u64));
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
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.len() > MAX_TEXT_BYTES {
        return Err(file_error(too_large(text.len(), MAX_TEXT_BYTES, true)));
    }
    if text.trim_start().starts_with(['{', '[']) {
        return Err(file_error(message!(
            "looks like JSON, not CSV: import it as a JSON budget file",
            "CSV ではなく JSON のようです。名前を .json で終わるようにして開いてください"
        )));
    }
    let split = split_records(text);
    if split.too_many {
        let max = grouped(MAX_ROWS as u64);
        return Err(file_error(message!(
            "has more than {max} rows; the limit is {max} (split the list into several files)",
            "行が多すぎます。読み込めるのは {max}行までです。一覧を複数のファイルに分けてください"
        )));
    }
    Reader::default().read(&split)
}

struct Record {
    /// From 1, as a spreadsheet numbers it.
    row: usize,
    cells: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A syntax problem found while splitting: row, cell index, message.
struct SyntaxProblem {
    row: usize,
    cell: usize,
    message: Message,
}

struct Split {
    records: Vec<Record>,
    problems: Vec<SyntaxProblem>,
    too_many: bool,
}

/// RFC 4180 records. Never fails: an unclosed quote takes the rest of the file into its cell,
/// text after a closing quote is kept; both are reported.
fn split_records(text: &str) -> Split {
    let b = text.as_bytes();
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut i = 0;
    let is_delimiter = |c: &u8| matches!(c, b',' | b'\r' | b'\n');
    let next_delimiter = |from: usize| {
        b[from..]
            .iter()
            .position(is_delimiter)
            .map_or(b.len(), |p| from + p)
    };
    while i < b.len() {
        if records.len() == MAX_ROWS {
            return Split {
                records,
                problems,
                too_many: true,
            };
        }
        let row = records.len() + 1;
        let mut cells: Vec<String> = Vec::new();
        loop {
            let mut cell = String::new();
            if b.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    let Some(q) = b[i..].iter().position(|&c| c == b'"').map(|p| i + p) else {
                        cell.push_str(&text[i..]);
                        i = b.len();
                        problems.push(SyntaxProblem {
                            row,
                            cell: cells.len(),
                            message: message!(
                                "a quoted cell is not closed: its closing \" is missing, \
                                 so the rest of the file was read into it",
                                "\" で始まるセルが閉じていません。閉じる \" がないため、\
                                 ファイルの終わりまでを1つのセルとして読みました"
                            ),
                        });
                        break;
                    };
                    cell.push_str(&text[i..q]);
                    if b.get(q + 1) == Some(&b'"') {
                        cell.push('"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
                let end = next_delimiter(i);
                if end > i {
                    problems.push(SyntaxProblem {
                        row,
                        cell: cells.len(),
                        message: message!(
                            "has text after its closing quote; a \" inside a quoted cell \
                             must be doubled (\"\")",
                            "セルを閉じる \" のあとに文字があります。\
                             \" で囲んだセルの中の \" は \"\" と重ねて書いてください"
                        ),
                    });
                    cell.push_str(&text[i..end]);
                    i = end;
                }
            } else {
                let end = next_delimiter(i);
                cell.push_str(&text[i..end]);
                i = end;
            }
            cells.push(cell);
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b'\r') => {
                    i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                    break;
                }
                Some(b'\n') => {
                    i += 1;
                    break;
                }
                _ => break,
            }
        }
        records.push(Record { row, cells });
    }
    Split {
        records,
        problems,
        too_many: false,
    }
}

/// Full-width ASCII (U+FF01–FF5E) and the ideographic space to ASCII.
fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// How header names and `#meta` keys are compared: width-folded, lower-case, without spaces,
/// `_` or a stray BOM.
fn name_key(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{FEFF}')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn column_of(header: &str) -> Option<usize> {
    let key = name_key(header);
    COLUMNS.iter().position(|c| {
        name_key(c.key) == key
            || name_key(c.header) == key
            || c.aliases.iter().any(|a| name_key(a) == key)
    })
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.iter().rev().map(|&b| b as char).collect()
}

/// The columns, for messages: `番号 (id), 方向性 (direction), …` and `番号、方向性、…`.
fn known_columns() -> (String, String) {
    let en: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("{} ({})", c.header, c.key))
        .collect();
    let ja: Vec<&str> = COLUMNS.iter().map(|c| c.header).collect();
    (en.join(", "), ja.join("、"))
}

/// The `#meta` keys, for messages: `title, city, …` and `title（表題）、city（自治体）、…`.
fn known_meta_keys() -> (String, String) {
    let en: Vec<&str> = META_KEYS.iter().map(|(k, _)| *k).collect();
    let ja: Vec<String> = META_KEYS
        .iter()
        .map(|(k, ja)| format!("{k}（{}）", ja[0]))
        .collect();
    (en.join(", "), ja.join("、"))
}

/// Trimmed, with line breaks inside the cell as `\n`.
fn clean(raw: &str) -> String {
    let t = raw.trim();
    if t.contains('\r') {
        t.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        t.to_string()
    }
}

/// `value` starts with `c`. The Japanese quotes the start of the value, on one line.
fn formula_message(c: char, value: &str) -> Message {
    const SHOWN: usize = 20;
    let mut shown: String = value.chars().take(SHOWN).collect();
    shown = shown.replace(['\n', '\t'], " ");
    if value.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    message!(
        "starts with \"{c}\", like a spreadsheet formula; a budget file holds plain text \
         (if the text really begins with \"{c}\", write '{c} and the apostrophe is dropped)",
        "数式として解釈されるおそれのある値です（{shown}）。先頭の {c} を外すか、先頭に ' を付けてください"
    )
}

/// A required text cell: trimmed, not empty, not a formula; `'` before a formula character is
/// dropped.
fn text_value(raw: &str) -> Result<String, Message> {
    let s = clean(raw);
    if let Some(rest) = s.strip_prefix('\'') {
        if rest.starts_with(FORMULA_START) || rest.starts_with(['\'', '\t', '\r']) {
            return Ok(rest.to_string());
        }
    }
    match s.chars().next() {
        None => Err(message!("is empty", "空欄です")),
        Some(c) if FORMULA_START.contains(&c) => Err(formula_message(c, &s)),
        Some(_) => Ok(s),
    }
}

fn departments_value(raw: &str) -> Result<Vec<String>, Message> {
    let cell = text_value(raw)?;
    let parts: Vec<String> = cell
        .split([DEPARTMENT_SEPARATOR, '｜'])
        .map(|p| p.trim().to_string())
        .collect();
    match parts.iter().position(String::is_empty) {
        Some(i) => {
            let (n, of) = (i + 1, parts.len());
            Err(message!(
                "department {n} of {of} is empty (several departments are separated by {DEPARTMENT_SEPARATOR})",
                "担当課{of}件のうち{n}番目が空です（複数の担当課は {DEPARTMENT_SEPARATOR} で区切ります）"
            ))
        }
        None => Ok(parts),
    }
}

/// A non-text cell: width-folded and trimmed; `=` and `@` are formulas.
fn plain_value(raw: &str) -> Result<String, Message> {
    let s = fold_width(raw).trim().to_string();
    match s.chars().next() {
        Some(c @ ('=' | '@')) => Err(formula_message(c, &s)),
        _ => Ok(s),
    }
}

fn number_value(raw: &str, max: u64) -> Result<u64, Message> {
    let s = plain_value(raw)?;
    let found = raw.trim();
    match s.parse::<u64>() {
        Ok(n) if (1..=max).contains(&n) && s.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ if s.is_empty() => Err(message!(
            "is empty (a whole number from 1 to {max})",
            "空欄です（1から{max}までの整数を書いてください）"
        )),
        _ => Err(message!(
            "must be a whole number from 1 to {max}, found \"{found}\"",
            "1から{max}までの整数で書いてください（見つかった値：{found}）"
        )),
    }
}

/// Marks ("-") where the source prints no amount.
const NO_AMOUNT: [&str; 6] = ["-", "−", "―", "ー", "—", "‐"];

fn budget_value(raw: &str) -> Result<Option<u64>, Message> {
    let s = plain_value(raw)?;
    if s.is_empty() || NO_AMOUNT.contains(&s.as_str()) {
        return Ok(None);
    }
    let found = raw.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    if !is_grouped_number(digits) {
        return Err(match s.chars().next() {
            Some(c @ '+') => formula_message(c, &s),
            _ => message!(
                "must be a whole number of thousand yen (24200 or 24,200), or empty or \"-\" \
                 for none, found \"{found}\"",
                "千円単位の整数（24200 または 24,200）で書いてください。\
                 金額の記載がないときは空欄か「-」です（見つかった値：{found}）"
            ),
        });
    }
    if negative {
        return Err(message!(
            "must not be negative, found \"{found}\"",
            "0以上の整数（千円）で書いてください（見つかった値：{found}）"
        ));
    }
    digits
        .replace(',', "")
        .parse::<u64>()
        .map(Some)
        .map_err(|_| {
            message!(
                "is too large, found \"{found}\"",
                "大きすぎます（見つかった値：{found}）"
            )
        })
}

/// `24200` or `24,200` (groups of three after the first).
fn is_grouped_number(s: &str) -> bool {
    let groups: Vec<&str> = s.split(',').collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if groups.len() == 1 {
        return digits(s);
    }
    groups[0].len() <= 3
        && digits(groups[0])
        && groups[1..].iter().all(|g| g.len() == 3 && digits(g))
}

fn flag_value(raw: &str, column: usize) -> Result<bool, Message> {
    let s = plain_value(raw)?.to_lowercase();
    let own: &[&str] = match column {
        KEY => &["★"],
        NEW => &["新", "【新】"],
        _ => &["コロナ", "【コロナ】"],
    };
    if own.contains(&s.as_str())
        || ["1", "true", "yes", "y", "○", "〇", "◯", "●"].contains(&s.as_str())
    {
        Ok(true)
    } else if ["", "0", "false", "no", "n", "-", "×"].contains(&s.as_str()) {
        Ok(false)
    } else {
        let (yes, found) = (own[0], raw.trim());
        Err(message!(
            "must be {yes} or 1 for yes, empty or 0 for no, found \"{found}\"",
            "該当するときは {yes} か 1、該当しないときは空欄か 0 を書いてください（見つかった値：{found}）"
        ))
    }
}

fn id_value(raw: &str) -> Result<MeasureId, Message> {
    let s = plain_value(raw)?;
    if let Some(id) = MeasureId::parse(&s) {
        return Ok(id);
    }
    if s.is_empty() {
        return Err(message!(
            "is empty (a line id such as \"1-5\", initiative-number)",
            "空欄です（「1-5」のように「取組-項番」の形で書いてください）"
        ));
    }
    let (hint, hint_ja) = if s.contains(['/', '月', '年']) {
        (
            " — a spreadsheet may have turned the id into a date: format the column as text \
             (文字列) and type the id again",
            "。表計算ソフトが日付に変えたのかもしれません。列の書式を「文字列」にして入力し直してください",
        )
    } else {
        ("", "")
    };
    let found = raw.trim();
    Err(message!(
        "must be a line id such as \"1-5\" (initiative-number), found \"{found}\"{hint}",
        "「1-5」のように「取組-項番」の形で書いてください（見つかった値：{found}）{hint_ja}"
    ))
}

fn relisted_value(raw: &str) -> Result<Option<MeasureId>, Message> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        id_value(raw).map(Some)
    }
}

/// `2023-03-31`, or `2023/3/31` as a spreadsheet writes a date, to `2023-03-31`. Anything else
/// is kept for the validator to judge.
fn iso_date(text: &str) -> String {
    let parts: Vec<&str> = text.split('/').collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && (1..=2).contains(&m.len())
                && (1..=2).contains(&d.len())
                && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => text.to_string(),
    }
}

/// Where a direction or initiative is first declared, and what it says.
struct Declared {
    row: usize,
    title: Option<String>,
    direction: Option<u8>,
}

#[derive(Default)]
struct Reader {
    errors: Vec<CsvError>,
    /// Each column's name for messages: its header as written in the file, else the Japanese.
    names: Vec<String>,
    /// Each column's index in the file.
    position: [Option<usize>; COLUMNS.len()],
    /// Meta keys reported already (the validator's messages about them are dropped).
    meta_flagged: Vec<&'static str>,
    /// First row of each meta key.
    meta_rows: HashMap<&'static str, usize>,
    directions: BTreeMap<u8, Declared>,
    initiatives: BTreeMap<u8, Declared>,
    /// Row of each line id, and whether the row was left out of the validation (its own
    /// errors are reported already).
    lines: HashMap<String, (usize, bool)>,
    /// The most cells in a row (for ordering errors named by column letter).
    width: usize,
}

impl Reader {
    fn fail(&mut self, row: usize, column: usize, message: Message) {
        self.errors.push(CsvError {
            row: Some(row),
            column: Some(self.names[column].clone()),
            message,
        });
    }

    fn check<T>(&mut self, row: usize, column: usize, result: Result<T, Message>) -> Option<T> {
        result.map_err(|m| self.fail(row, column, m)).ok()
    }

    fn cell<'r>(&self, record: &'r Record, column: usize) -> &'r str {
        self.position[column]
            .and_then(|j| record.cells.get(j))
            .map_or("", String::as_str)
    }

    fn read(mut self, split: &Split) -> Result<Budget, Vec<CsvError>> {
        self.names = COLUMNS.iter().map(|c| c.header.to_string()).collect();
        let records = &split.records;
        let mut meta_rows: Vec<&Record> = Vec::new();
        let mut header = None;
        for (i, record) in records.iter().enumerate() {
            if record.is_blank() {
                continue;
            }
            let first = record.cells[0].trim_start();
            if name_key(first) == "#meta" {
                meta_rows.push(record);
            } else if name_key(first) == "sep=" {
                // Excel's "sep=," hint line.
            } else if !first.starts_with(['#', '＃']) {
                header = Some(i);
                break;
            }
        }
        let Some(header_index) = header else {
            let (known, known_ja) = known_columns();
            return Err(file_error(message!(
                "has no header row (a row naming the columns: {known})",
                "見出しの行がありません。列の名前（{known_ja}）を並べた行を書いてください"
            )));
        };
        let header = &records[header_index];
        let file_columns = self.read_header(header);
        if !self.errors.is_empty() {
            // By row only: the header's own problems stay in the order of its cells.
            self.syntax_errors(split, header.row, None);
            self.errors.sort_by_key(|e| e.row.unwrap_or(0));
            return Err(self.errors);
        }
        self.width = split
            .records
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0);
        let meta = self.read_meta(&meta_rows);
        let bad_rows = self.syntax_errors(split, header.row, Some(&file_columns));
        let mut projects: Vec<Value> = Vec::new();
        let mut seen: HashMap<MeasureId, usize> = HashMap::new();
        let mut data_rows = 0;
        for record in &records[header_index + 1..] {
            if record.is_blank() {
                continue;
            }
            data_rows += 1;
            if name_key(&record.cells[0]) == "#meta" {
                let header_row = header.row;
                self.errors.push(CsvError {
                    row: Some(record.row),
                    column: None,
                    message: message!(
                        "#meta rows must come before the header row (row {header_row})",
                        "#meta の行は見出しの行（{header_row}行目）より前に書いてください"
                    ),
                });
                continue;
            }
            for (j, cell) in record.cells.iter().enumerate() {
                if file_columns.get(j).copied().flatten().is_none() && !cell.trim().is_empty() {
                    self.errors.push(CsvError {
                        row: Some(record.row),
                        column: Some(column_letter(j)),
                        message: message!(
                            "has a value, but its column has no header",
                            "値がありますが、この列には見出しがありません"
                        ),
                    });
                }
            }
            // A row goes to the validator whole when every cell it needs could be read (even if
            // the row has other problems); else only its id, so that a relisting pointing at it
            // is not called missing. The validator's messages about such a stub are dropped.
            let bad_syntax = bad_rows.contains(&record.row);
            match self.read_line(record, &mut seen) {
                Some((id, Some(value))) if !bad_syntax => {
                    self.lines.insert(id, (record.row, false));
                    projects.push(value);
                }
                Some((id, _)) => {
                    self.lines.insert(id.clone(), (record.row, true));
                    projects.push(json!({ "id": id }));
                }
                None => {}
            }
        }
        if data_rows == 0 {
            self.errors.push(CsvError {
                row: Some(header.row),
                column: None,
                message: message!(
                    "the header is not followed by any data rows",
                    "見出しの行のあとにデータの行がありません"
                ),
            });
        }
        let file = json!({
            "meta": meta,
            "directions": self.directions.iter().map(|(id, d)| json!({
                "id": id, "title": d.title.as_deref().unwrap_or("?"),
            })).collect::<Vec<Value>>(),
            "initiatives": self.initiatives.iter().filter_map(|(id, i)| Some(json!({
                "id": id, "direction": i.direction?, "title": i.title.as_deref().unwrap_or("?"),
            }))).collect::<Vec<Value>>(),
            "projects": projects,
        });
        match validate::parse(&file.to_string()) {
            Ok(budget) if self.errors.is_empty() => Ok(budget),
            Ok(_) => Err(self.sorted()),
            Err(errors) => {
                for e in errors {
                    if let Some(mapped) = self.map_error(e) {
                        self.errors.push(mapped);
                    }
                }
                Err(self.sorted())
            }
        }
    }

    /// The errors by row, and within a row by column (file-level ones first).
    fn sorted(self) -> Vec<CsvError> {
        let rank = |e: &CsvError| -> usize {
            let Some(name) = &e.column else { return 0 };
            if let Some(c) = self.names.iter().position(|n| n == name) {
                return self.position[c].map_or(usize::MAX, |p| p + 1);
            }
            (0..self.width)
                .find(|&j| column_letter(j) == *name)
                .map_or(usize::MAX, |j| j + 1)
        };
        let mut keyed: Vec<((usize, usize), CsvError)> = self
            .errors
            .iter()
            .map(|e| ((e.row.unwrap_or(0), rank(e)), e.clone()))
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        // The validator may repeat a check made here already (an id against its
        // initiative-number): keep one.
        let mut out: Vec<CsvError> = Vec::with_capacity(keyed.len());
        for (_, e) in keyed {
            if !out
                .iter()
                .rev()
                .take_while(|o| o.row == e.row)
                .any(|o| *o == e)
            {
                out.push(e);
            }
        }
        out
    }

    /// Maps the header's cells to columns; returns each file column's column index.
    fn read_header(&mut self, header: &Record) -> Vec<Option<usize>> {
        let row = header.row;
        if let [only] = header.cells.as_slice() {
            for (sep, name, name_ja) in [
                ('\t', "tabs", "タブ"),
                (';', "semicolons", "セミコロン（;）"),
            ] {
                if only.contains(sep) {
                    self.errors.push(CsvError {
                        row: Some(row),
                        column: None,
                        message: message!(
                            "the header is one cell holding {name}: the file seems separated by \
                             {name}, but CSV cells are separated by commas; {SAVE_AS_UTF8}",
                            "見出しの行が{name_ja}を含む1つのセルです。{name_ja}区切りのファイルのようですが、\
                             CSV はコンマ（,）で区切ります。{SAVE_AS_UTF8_JA}"
                        ),
                    });
                    return vec![None];
                }
            }
        }
        let mut file_columns = Vec::new();
        for (j, cell) in header.cells.iter().enumerate() {
            let name = cell.trim().trim_start_matches('\u{FEFF}');
            if name.is_empty() {
                file_columns.push(None);
                continue;
            }
            let found = column_of(name);
            match found {
                None => {
                    let (known, known_ja) = known_columns();
                    self.errors.push(CsvError {
                        row: Some(row),
                        column: Some(name.to_string()),
                        message: message!(
                            "is not a known column; the columns are {known}",
                            "この名前の列は使えません（使える列：{known_ja}）"
                        ),
                    })
                }
                Some(c) => match self.position[c] {
                    Some(first) => {
                        let (a, b) = (column_letter(first), column_letter(j));
                        let Column { header, key, .. } = COLUMNS[c];
                        self.errors.push(CsvError {
                            row: Some(row),
                            column: Some(name.to_string()),
                            message: message!(
                                "is given twice (columns {a} and {b}): both are {header} ({key})",
                                "{a}列と{b}列の2つあります（どちらも「{header}」の列です）"
                            ),
                        })
                    }
                    None => {
                        self.position[c] = Some(j);
                        self.names[c] = name.to_string();
                    }
                },
            }
            file_columns.push(found);
        }
        for (c, column) in COLUMNS.iter().enumerate() {
            if column.required && self.position[c].is_none() {
                let Column { header, key, .. } = column;
                self.errors.push(CsvError {
                    row: Some(row),
                    column: None,
                    message: message!(
                        "the required column \"{header}\" ({key}) is missing",
                        "必要な列「{header}」がありません"
                    ),
                });
            }
        }
        file_columns
    }

    /// Reports the splitter's problems, naming columns by header when `file_columns` is known;
    /// returns the rows that had one.
    fn syntax_errors(
        &mut self,
        split: &Split,
        header_row: usize,
        file_columns: Option<&[Option<usize>]>,
    ) -> HashSet<usize> {
        let mut rows = HashSet::new();
        for p in &split.problems {
            let named = file_columns
                .filter(|_| p.row > header_row)
                .and_then(|f| f.get(p.cell).copied().flatten())
                .map(|c| self.names[c].clone());
            self.errors.push(CsvError {
                row: Some(p.row),
                column: Some(named.unwrap_or_else(|| column_letter(p.cell))),
                message: p.message.clone(),
            });
            rows.insert(p.row);
        }
        rows
    }

    /// The `#meta` rows as the contract's meta object ([`default_meta`] when there are none).
    fn read_meta(&mut self, rows: &[&Record]) -> Value {
        let defaults = default_meta();
        let default_of = |key: &str| -> Value {
            match key {
                "title" => json!(defaults.title),
                "city" => json!(defaults.city),
                "fiscal_year" => json!(defaults.fiscal_year),
                "era_year" => json!(defaults.era_year),
                "unit" => json!(defaults.unit),
                "as_of" => json!(defaults.as_of),
                "source" => json!(defaults.source),
                "priorities" => json!(defaults.priorities),
                _ => json!(defaults.note),
            }
        };
        let mut meta = Map::new();
        if rows.is_empty() {
            for (key, _) in META_KEYS {
                meta.insert(key.into(), default_of(key));
            }
            return Value::Object(meta);
        }
        let mut priorities: Vec<Value> = Vec::new();
        for record in rows {
            let row = record.row;
            let fail = |errors: &mut Vec<CsvError>, message: Message| {
                errors.push(CsvError {
                    row: Some(row),
                    column: None,
                    message,
                })
            };
            if record.cells.iter().skip(3).any(|c| !c.trim().is_empty()) {
                fail(
                    &mut self.errors,
                    message!(
                        "a #meta row has three cells: #meta, the key and the value",
                        "#meta の行は「#meta」「項目名」「値」の3つのセルで書いてください"
                    ),
                );
                continue;
            }
            let written = record.cells.get(1).map_or("", |k| k.trim());
            let Some(key) = META_KEYS
                .iter()
                .find(|(k, ja)| name_key(k) == name_key(written) || ja.contains(&written))
                .map(|(k, _)| *k)
            else {
                let (keys, keys_ja) = known_meta_keys();
                fail(
                    &mut self.errors,
                    message!(
                        "\"#meta {written}\": unknown key (the keys are {keys})",
                        "#meta「{written}」：使えない項目名です（使える項目名：{keys_ja}）"
                    ),
                );
                continue;
            };
            let raw = record.cells.get(2).map_or("", String::as_str);
            if key != "priorities" {
                if let Some(first) = self.meta_rows.get(key) {
                    fail(
                        &mut self.errors,
                        message!(
                            "#meta \"{key}\" is given twice (also on row {first})",
                            "#meta「{key}」が2回あります（{first}行目にもあります）"
                        ),
                    );
                    continue;
                }
            }
            self.meta_rows.entry(key).or_insert(row);
            let value = match key {
                "fiscal_year" => number_value(raw, 9999).map(|n| json!(n)),
                "as_of" => text_value(raw).map(|t| json!(iso_date(&fold_width(&t)))),
                _ => text_value(raw).map(|t| json!(t)),
            };
            match value {
                Ok(v) if key == "priorities" => priorities.push(v),
                Ok(v) => {
                    meta.insert(key.into(), v);
                }
                Err(m) => {
                    fail(&mut self.errors, meta_message(key, &m));
                    self.meta_flagged.push(key);
                }
            }
        }
        if !priorities.is_empty() {
            meta.insert("priorities".into(), Value::Array(priorities));
        }
        for (key, _) in META_KEYS {
            if meta.contains_key(key) {
                continue;
            }
            if !self.meta_flagged.contains(&key) {
                let (keys, count) = (known_meta_keys().0, META_KEYS.len());
                self.errors.push(CsvError {
                    row: Some(rows[0].row),
                    column: None,
                    // One such line per missing key: the Japanese leaves out the list.
                    message: message!(
                        "#meta \"{key}\" is missing: give every key ({keys}), or no #meta rows at all",
                        "#meta「{key}」がありません（#meta の行を書くときは、{count}項目をすべて書いてください）"
                    ),
                });
                self.meta_flagged.push(key);
            }
            meta.insert(key.into(), default_of(key));
        }
        Value::Object(meta)
    }

    /// One data row: its id (when usable and not taken) and its project as contract JSON.
    /// Problems go to `self.errors`.
    fn read_line(
        &mut self,
        record: &Record,
        seen: &mut HashMap<MeasureId, usize>,
    ) -> Option<(String, Option<Value>)> {
        let row = record.row;
        let cell = |c: usize| self.cell(record, c);
        let (raw_id, raw_dir, raw_dir_title, raw_ini, raw_ini_title, raw_number) = (
            cell(ID),
            cell(DIRECTION),
            cell(DIRECTION_TITLE),
            cell(INITIATIVE),
            cell(INITIATIVE_TITLE),
            cell(NUMBER),
        );
        let (raw_name, raw_depts, raw_budget, raw_key, raw_new, raw_covid, raw_rel, raw_desc) = (
            cell(NAME),
            cell(DEPARTMENTS),
            cell(BUDGET),
            cell(KEY),
            cell(NEW),
            cell(COVID),
            cell(RELISTED_OF),
            cell(DESCRIPTION),
        );
        let id = self.check(row, ID, id_value(raw_id));
        let direction = self.check(row, DIRECTION, number_value(raw_dir, 255));
        let direction_title = self.check(row, DIRECTION_TITLE, text_value(raw_dir_title));
        let initiative = self.check(row, INITIATIVE, number_value(raw_ini, 255));
        let initiative_title = self.check(row, INITIATIVE_TITLE, text_value(raw_ini_title));
        let number = self.check(row, NUMBER, number_value(raw_number, u16::MAX as u64));
        let name = self.check(row, NAME, text_value(raw_name));
        let departments = self.check(row, DEPARTMENTS, departments_value(raw_depts));
        let budget = self.check(row, BUDGET, budget_value(raw_budget));
        let key = self.check(row, KEY, flag_value(raw_key, KEY));
        let new = self.check(row, NEW, flag_value(raw_new, NEW));
        let covid = self.check(row, COVID, flag_value(raw_covid, COVID));
        let relisted_of = self.check(row, RELISTED_OF, relisted_value(raw_rel));
        let description = self.check(row, DESCRIPTION, text_value(raw_desc));

        let direction = direction.map(|d| d as u8);
        let initiative = initiative.map(|i| i as u8);
        if let Some(d) = direction {
            self.declare_direction(row, d, direction_title);
        }
        if let Some(i) = initiative {
            self.declare_initiative(row, i, direction, initiative_title);
        }
        let id = id?;
        if let (Some(initiative), Some(number)) = (initiative, number) {
            let expected = MeasureId {
                initiative: InitiativeId(initiative),
                number: number as u16,
            };
            if id != expected {
                self.fail(row, ID, validate::id_mismatch(expected, &id.to_string()));
            }
        }
        if let Some(first) = seen.get(&id) {
            let message = message!(
                "\"{id}\" is already used on row {first}",
                "「{id}」は{first}行目でも使われています"
            );
            self.fail(row, ID, message);
            return None;
        }
        seen.insert(id, row);
        let value = (|| {
            Some(json!({
                "id": id.to_string(), "initiative": initiative?, "number": number?, "name": name?,
                "departments": departments?, "budget": budget?,
                "key": key?, "new": new?, "covid": covid?,
                "relisted_of": relisted_of?.map(|r| r.to_string()),
                "description": description?,
            }))
        })();
        Some((id.to_string(), value))
    }

    fn declare_direction(&mut self, row: usize, id: u8, title: Option<String>) {
        let Some(first) = self.directions.get_mut(&id) else {
            self.directions.insert(
                id,
                Declared {
                    row,
                    title,
                    direction: None,
                },
            );
            return;
        };
        match (&first.title, title) {
            (Some(known), Some(title)) if *known != title => {
                let first_row = first.row;
                let message = message!(
                    "direction {id} is titled \"{known}\" on row {first_row}; every row of a direction \
                     must give the same title",
                    "方向性 {id} の名前は{first_row}行目では「{known}」です。同じ方向性の行には同じ名前を書いてください"
                );
                self.fail(row, DIRECTION_TITLE, message);
            }
            (None, Some(title)) => first.title = Some(title),
            _ => {}
        }
    }

    fn declare_initiative(
        &mut self,
        row: usize,
        id: u8,
        direction: Option<u8>,
        title: Option<String>,
    ) {
        let Some(first) = self.initiatives.get_mut(&id) else {
            self.initiatives.insert(
                id,
                Declared {
                    row,
                    title,
                    direction,
                },
            );
            return;
        };
        let mut problems = Vec::new();
        let first_row = first.row;
        match (first.direction, direction) {
            (Some(known), Some(d)) if known != d => problems.push((
                DIRECTION,
                message!(
                    "initiative {id} is under direction {known} on row {first_row}, not {d}",
                    "取組 {id} は{first_row}行目では方向性 {known} の下にあります（この行では {d}）"
                ),
            )),
            (None, Some(d)) => first.direction = Some(d),
            _ => {}
        }
        match (&first.title, title) {
            (Some(known), Some(title)) if *known != title => problems.push((
                INITIATIVE_TITLE,
                message!(
                    "initiative {id} is titled \"{known}\" on row {first_row}; every row of an \
                     initiative must give the same title",
                    "取組 {id} の名前は{first_row}行目では「{known}」です。同じ取組の行には同じ名前を書いてください"
                ),
            )),
            (None, Some(title)) => first.title = Some(title),
            _ => {}
        }
        for (column, message) in problems {
            self.fail(row, column, message);
        }
    }

    /// A validator message about the JSON built from the rows, as a row and column; `None`
    /// when it is about something already reported.
    fn map_error(&self, e: DataError) -> Option<CsvError> {
        let field = e.field.as_deref().unwrap_or("");
        let declared = |map: &BTreeMap<u8, Declared>, id: &str| {
            id.parse::<u8>()
                .ok()
                .and_then(|n| map.get(&n))
                .map(|d| d.row)
        };
        let at = |row: Option<usize>, column: Option<usize>| CsvError {
            row,
            column: column.map(|c| self.names[c].clone()),
            message: e.message.clone(),
        };
        let mapped = match &e.item {
            Item::Project(id) => {
                let &(row, reported) = self.lines.get(id)?;
                if reported {
                    return None;
                }
                let column = COLUMNS.iter().position(|c| c.key == field);
                Some(at(Some(row), column))
            }
            Item::Direction(id) => declared(&self.directions, id).map(|row| {
                let column = if field == "id" {
                    DIRECTION
                } else {
                    DIRECTION_TITLE
                };
                at(Some(row), Some(column))
            }),
            Item::Initiative(id) => declared(&self.initiatives, id).map(|row| {
                let column = match field {
                    "id" => INITIATIVE,
                    "direction" => DIRECTION,
                    _ => INITIATIVE_TITLE,
                };
                at(Some(row), Some(column))
            }),
            Item::Meta => {
                if self.meta_flagged.contains(&field) {
                    return None;
                }
                self.meta_rows.get(field).map(|&row| CsvError {
                    row: Some(row),
                    column: None,
                    message: meta_message(field, &e.message),
                })
            }
            Item::File | Item::Row(_) => None,
        };
        Some(mapped.unwrap_or_else(|| CsvError {
            row: None,
            column: None,
            message: Message {
                en: e.to_string(),
                ja: e.text(Lang::Ja),
            },
        }))
    }
}

/// A problem with a `#meta` value: `#meta "as_of": …` / `#meta「as_of」：…`.
fn meta_message(key: &str, m: &Message) -> Message {
    let (why, why_ja) = (&m.en, &m.ja);
    message!("#meta \"{key}\": {why}", "#meta「{key}」：{why_ja}")
}

/// Test support: the Japanese line of `e` is Japanese and names the same row and column.
#[cfg(test)]
pub(crate) fn assert_japanese_line(e: &CsvError) {
    let (ja, en) = (e.text(Lang::Ja), e.to_string());
    super::lang::assert_japanese(&ja, &en);
    if let Some(row) = e.row {
        assert!(ja.starts_with(&format!("{row}行目")), "{ja} ({en})");
    }
    if let Some(column) = &e.column {
        assert!(ja.contains(&format!("列「{column}」：")), "{ja} ({en})");
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// The lines at `lines` (indices into `budget.measures`; with the originals of any 【再掲】 lines
/// among them, see [`with_originals`], in source order) as CSV: UTF-8 with BOM, CRLF, `#meta`
/// rows, then the Japanese header, then one row per line. Cells are quoted when they hold `,`,
/// `"` or a line break; text cells starting with `= + - @ '`, a tab or CR get a `'` in front.
/// [`parse`] reads it back to the same budget, restricted to those lines and the initiatives and
/// directions they sit under.
pub fn to_csv(budget: &Budget, lines: &[usize]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let m = &budget.meta;
    let year = m.fiscal_year.to_string();
    let mut meta: Vec<(&str, &str)> = vec![
        ("title", &m.title),
        ("city", &m.city),
        ("fiscal_year", &year),
        ("era_year", &m.era_year),
        ("unit", &m.unit),
        ("as_of", &m.as_of),
        ("source", &m.source),
    ];
    meta.extend(m.priorities.iter().map(|p| ("priorities", p.as_str())));
    meta.push(("note", &m.note));
    for (key, value) in meta {
        write_row(&mut out, &["#meta".into(), key.into(), neutralise(value)]);
    }
    let header: Vec<String> = COLUMNS.iter().map(|c| c.header.to_string()).collect();
    write_row(&mut out, &header);
    for i in with_originals(budget, lines) {
        let line = &budget.measures[i];
        let initiative = budget.initiative(line.id.initiative);
        let direction = initiative.and_then(|i| budget.direction(i.direction));
        let mark = |on: bool, mark: &str| if on { mark.to_string() } else { String::new() };
        let cells = [
            line.id.to_string(),
            direction.map_or(String::new(), |d| d.id.0.to_string()),
            direction.map_or(String::new(), |d| neutralise(&d.title)),
            line.id.initiative.0.to_string(),
            initiative.map_or(String::new(), |i| neutralise(&i.title)),
            line.id.number.to_string(),
            neutralise(&line.name),
            neutralise(&line.departments.join(&DEPARTMENT_SEPARATOR.to_string())),
            line.budget.map_or(String::new(), |b| b.to_string()),
            mark(line.marks.key, "★"),
            mark(line.marks.new, "新"),
            mark(line.marks.covid, "コロナ"),
            line.relisted_of.map_or(String::new(), |r| r.to_string()),
            neutralise(&line.description),
        ];
        write_row(&mut out, &cells);
    }
    out.into_bytes()
}

/// A `'` in front of text a spreadsheet would take for a formula (and of text starting with `'`,
/// so that reading drops exactly the one added).
fn neutralise(text: &str) -> String {
    if text.starts_with(FORMULA_START) || text.starts_with(['\'', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn write_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{embedded_budget, export, synthetic};

    const HEADER: &str = "id,direction,direction_title,initiative,initiative_title,number,name,\
                          departments,budget,key,new,covid,relisted_of,description";

    /// Header plus rows 2, 3, …: a line 1-1 and its relisting 1-2.
    fn small(rows: &[&str]) -> String {
        let mut text = format!("{HEADER}\n");
        for r in rows {
            text.push_str(r);
            text.push('\n');
        }
        text
    }

    const LINE: &str = "1-1,1,D,1,I,1,A,X課,10,,,,,d";
    const RELISTING: &str = "1-2,1,D,1,I,2,A,X課,10,,,,1-1,d";

    /// The English lines; every test that uses it also checks each problem's Japanese line.
    fn errors(text: &str) -> Vec<String> {
        match parse_text(text) {
            Ok(_) => vec![],
            Err(e) => {
                e.iter().for_each(assert_japanese_line);
                e.iter().map(ToString::to_string).collect()
            }
        }
    }

    fn all(b: &Budget) -> Vec<usize> {
        (0..b.measures.len()).collect()
    }

    fn index_of(b: &Budget, id: &str) -> usize {
        let id = MeasureId::parse(id).unwrap();
        b.measures.iter().position(|m| m.id == id).unwrap()
    }

    /// The embedded budget with some awkward text, through the validator.
    fn awkward() -> Budget {
        let b = embedded_budget().unwrap();
        let mut v: Value = serde_json::from_str(&export::to_json(&b)).unwrap();
        let p = &mut v["projects"];
        p[0]["name"] = json!("He said \"hi\", then left");
        p[1]["name"] = json!("=CMD(\"calc\")!A1");
        p[2]["name"] = json!("'quoted'");
        p[3]["name"] = json!("'=already escaped");
        p[8]["name"] = json!("-5% off, +81 \"tel\"");
        p[9]["name"] = json!("@home");
        p[0]["description"] = json!("第1段落、\"引用\"。\n\n第3段落\tタブ\n=1+1");
        p[1]["departments"] = json!(["-課", "起業・新産業支援課"]);
        v["meta"]["priorities"] = json!(["+one", "two, with comma", "three\nlines"]);
        v["directions"][0]["title"] = json!("=D");
        v["initiatives"][0]["title"] = json!("@I,\"x\"");
        validate::parse(&v.to_string()).unwrap()
    }

    #[test]
    fn the_columns_are_the_contract_fields_plus_the_parents() {
        let keys: Vec<&str> = COLUMNS.iter().map(|c| c.key).collect();
        let mut expected: Vec<&str> = validate::PROJECT_FIELDS.to_vec();
        expected.extend(["direction", "direction_title", "initiative_title"]);
        let (mut a, mut b) = (keys.clone(), expected);
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        let positions = [
            (ID, "id"),
            (DIRECTION, "direction"),
            (DIRECTION_TITLE, "direction_title"),
            (INITIATIVE, "initiative"),
            (INITIATIVE_TITLE, "initiative_title"),
            (NUMBER, "number"),
            (NAME, "name"),
            (DEPARTMENTS, "departments"),
            (BUDGET, "budget"),
            (KEY, "key"),
            (NEW, "new"),
            (COVID, "covid"),
            (RELISTED_OF, "relisted_of"),
            (DESCRIPTION, "description"),
        ];
        for (i, key) in positions {
            assert_eq!(COLUMNS[i].key, key);
        }
        let metas: Vec<&str> = META_KEYS.iter().map(|(k, _)| *k).collect();
        assert_eq!(metas, validate::META_FIELDS);
    }

    #[test]
    fn round_trips_the_embedded_and_synthetic_budgets() {
        for b in [
            embedded_budget().unwrap(),
            synthetic::generate(2_000, 7),
            awkward(),
        ] {
            let csv = to_csv(&b, &all(&b));
            assert_eq!(parse(&csv).unwrap(), b, "{}", b.meta.title);
        }
    }

    #[test]
    fn writes_bom_crlf_japanese_headers_and_neutralised_text() {
        let b = awkward();
        let csv = to_csv(&b, &all(&b));
        assert!(csv.starts_with(b"\xEF\xBB\xBF#meta,title,"));
        let text = std::str::from_utf8(&csv).unwrap();
        assert!(text.contains(
            "\r\n番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,重点,新規,コロナ,再掲元,事業概要\r\n"
        ));
        // Records end with CRLF; a line break inside a quoted cell stays a bare LF.
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\r'));
        assert!(text.contains("\"第1段落、\"\"引用\"\"。\n\n第3段落\tタブ\n=1+1\""));
        assert!(
            text.contains("\r\n1-1,1,'=D,1,\"'@I,\"\"x\"\"\",1,\"He said \"\"hi\"\", then left\",")
        );
        assert!(text.contains(",\"'=CMD(\"\"calc\"\")!A1\",'-課|起業・新産業支援課,"));
        assert!(text.contains(",''=already escaped,"));
        assert!(text.contains(",''quoted',"));
        assert!(text.contains(",\"'-5% off, +81 \"\"tel\"\"\","));
        assert!(text.contains(",'@home,"));
        assert!(text.contains("#meta,priorities,'+one\r\n#meta,priorities,\"two, with comma\"\r\n"));
        // Amounts are plain numbers or empty, marks are the marks, ids plain.
        let real = embedded_budget().unwrap();
        let text = String::from_utf8(to_csv(&real, &all(&real))).unwrap();
        assert!(text.contains("\r\n1-1,1,創業・事業承継の促進,1,創業支援,1,創業者チャレンジ支援・育成事業,起業・新産業支援課,24200,,,,,"));
        assert!(text.contains(",契約政策課|工事契約課|技術管理課,,"));
        assert!(text.contains(",★,"));
        assert!(text.contains(",新,"));
        assert!(text.contains(",コロナ,"));
    }

    #[test]
    fn splits_quoted_cells_per_rfc_4180() {
        let s = split_records("a,\"b,c\",\"say \"\"hi\"\"\",\"\",x\"y\r\n\"multi\r\nline\",z\n,\n");
        assert!(s.problems.is_empty());
        let cells: Vec<&Vec<String>> = s.records.iter().map(|r| &r.cells).collect();
        assert_eq!(cells[0], &["a", "b,c", "say \"hi\"", "", "x\"y"]);
        assert_eq!(cells[1], &["multi\r\nline", "z"]);
        assert_eq!(cells[2], &["", ""]);
        assert_eq!(s.records.len(), 3);
        assert_eq!(s.records[2].row, 3);
        // No final line break, and a lone CR as a record end.
        let s = split_records("a,b\rc,d");
        assert_eq!(s.records.len(), 2);
        assert_eq!(s.records[1].cells, ["c", "d"]);
        assert!(split_records("").records.is_empty());
    }

    #[test]
    fn reports_broken_quotes_with_row_and_column() {
        let text = small(&[LINE, "1-2,1,D,1,I,2,\"B\"x,X課,10,,,,,d"]);
        assert_eq!(
            errors(&text),
            ["row 3, column \"name\": has text after its closing quote; a \" inside a quoted cell must be doubled (\"\")"]
        );
        let text = small(&[LINE, "1-2,1,D,1,I,2,B,X課,10,,,,,\"d"]);
        assert_eq!(
            errors(&text),
            ["row 3, column \"description\": a quoted cell is not closed: its closing \" is missing, so the rest of the file was read into it"]
        );
    }

    #[test]
    fn bom_is_optional_and_line_ends_may_be_crlf_lf_or_cr() {
        let lf = small(&[LINE, RELISTING]);
        let expected = parse(lf.as_bytes()).unwrap();
        assert_eq!(expected.measures.len(), 2);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat();
        assert_eq!(parse(&with_bom).unwrap(), expected);
        assert_eq!(parse_text(&format!("\u{FEFF}{lf}")).unwrap(), expected);
        assert_eq!(parse_text(&lf.replace('\n', "\r\n")).unwrap(), expected);
        assert_eq!(parse_text(&lf.replace('\n', "\r")).unwrap(), expected);
    }

    #[test]
    fn quoted_line_breaks_are_paragraphs_and_one_row() {
        let text = small(&[
            "1-1,1,D,1,I,1,A,X課,10,,,,,\"第1段落。\r\n第2段落。\r第3段落。\"",
            "1-2,1,D,1,I,2,A,X課,-5,,,,,d",
        ]);
        assert_eq!(
            errors(&text),
            ["row 3, column \"budget\": must not be negative, found \"-5\""]
        );
        let b = parse_text(&text.replace("-5", "10")).unwrap();
        assert_eq!(b.measures[0].description, "第1段落。\n第2段落。\n第3段落。");
    }

    #[test]
    fn headers_may_be_japanese_english_full_width_and_in_any_order() {
        let english = parse_text(&small(&[LINE, RELISTING])).unwrap();
        let japanese = "番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,重点,新規,コロナ,再掲元,事業概要\n\
                        1-1,1,D,1,I,1,A,X課,10,,,,,d\n1-2,1,D,1,I,2,A,X課,10,,,,1-1,d\n";
        assert_eq!(parse_text(japanese).unwrap(), english);
        let mixed = "事業概要, ＩＤ ,Direction Title,DIRECTION,取組番号,Initiative_Title,項番,name,担当課（室）,予算額(千円),RELISTED_OF\n\
                     d,1-1,D,1,1,I,1,A,X課,10,\nd,１－２,D,1,1,I,2,A,X課,\"10\",1-1\n";
        assert_eq!(parse_text(mixed).unwrap(), english);
    }

    #[test]
    fn unknown_duplicate_and_missing_columns_are_errors() {
        let text =
            "id,direction,direction_title,initiative,initiative_title,number,name,colour,budget,\
                    description,名前,事業名\n1-1,1,D,1,I,1,A,red,10,d,,\n";
        let e = errors(text);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].starts_with("row 1, column \"colour\": is not a known column; the columns are 番号 (id), 方向性 (direction),"), "{}", e[0]);
        assert!(
            e[1].starts_with("row 1, column \"名前\": is not a known column"),
            "{}",
            e[1]
        );
        assert_eq!(
            e[2],
            "row 1, column \"事業名\": is given twice (columns G and L): both are 事業名 (name)"
        );
        assert_eq!(
            e[3],
            "row 1: the required column \"担当課\" (departments) is missing"
        );
        let text = "# a comment\n\nid,name,budget\n1-1,A,10\n";
        assert_eq!(
            errors(text),
            [
                "row 3: the required column \"方向性\" (direction) is missing",
                "row 3: the required column \"方向性名\" (direction_title) is missing",
                "row 3: the required column \"取組\" (initiative) is missing",
                "row 3: the required column \"取組名\" (initiative_title) is missing",
                "row 3: the required column \"項番\" (number) is missing",
                "row 3: the required column \"担当課\" (departments) is missing",
                "row 3: the required column \"事業概要\" (description) is missing",
            ]
        );
        // The optional columns may be left out.
        let text = "id,direction,direction_title,initiative,initiative_title,number,name,departments,budget,description\n\
                    1-1,1,D,1,I,1,A,X課,10,d\n";
        let b = parse_text(text).unwrap();
        assert_eq!(b.measures[0].marks, Default::default());
        assert_eq!(b.measures[0].relisted_of, None);
        let e = errors("番号\t事業名\n1-1\tA\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("row 1: the header is one cell holding tabs"),
            "{}",
            e[0]
        );
        assert_eq!(errors(""), errors("\n\n# only comments\n"));
        assert!(errors("")[0].starts_with("file: has no header row"));
        assert_eq!(
            errors(&small(&[])),
            ["row 1: the header is not followed by any data rows"]
        );
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
    fn formula_cells_are_refused_unless_escaped() {
        let text = small(&[
            "1-1,1,D,1,I,1,=CMD(\"calc\"),+X課,10,,,,,@SUM(A1)",
            "1-2,1,-D,1,I,2,A,X課,=1+1,,,,,d",
            "=A1,1,D,1,I,3,A,X課,+5,,,,,d",
        ]);
        assert_eq!(
            errors(&text),
            [
                "row 2, column \"name\": starts with \"=\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"=\", write '= and the apostrophe is dropped)",
                "row 2, column \"departments\": starts with \"+\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"+\", write '+ and the apostrophe is dropped)",
                "row 2, column \"description\": starts with \"@\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"@\", write '@ and the apostrophe is dropped)",
                "row 3, column \"direction_title\": starts with \"-\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"-\", write '- and the apostrophe is dropped)",
                "row 3, column \"budget\": starts with \"=\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"=\", write '= and the apostrophe is dropped)",
                "row 4, column \"id\": starts with \"=\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"=\", write '= and the apostrophe is dropped)",
                "row 4, column \"budget\": starts with \"+\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"+\", write '+ and the apostrophe is dropped)",
            ]
        );
        // Escaped, they are text; "-" (and nothing) stays "no amount".
        let text = small(&[
            "1-1,1,'-D,1,I,1,'=CMD(\"calc\"),'+X課,-,,,,,'@SUM(A1)",
            "1-2,1,'-D,1,I,2,'abc,X課,,,,,,''=x",
        ]);
        let b = parse_text(&text).unwrap();
        assert_eq!(b.directions[0].title, "-D");
        assert_eq!(b.measures[0].name, "=CMD(\"calc\")");
        assert_eq!(b.measures[0].departments, ["+X課"]);
        assert_eq!(b.measures[0].description, "@SUM(A1)");
        assert_eq!(b.measures[0].budget, None);
        assert_eq!(b.measures[1].budget, None);
        assert_eq!(b.measures[1].name, "'abc");
        assert_eq!(b.measures[1].description, "'=x");
    }

    #[test]
    fn every_problem_is_reported_with_its_row_and_column() {
        // Rows 1-9 meta, 10 header; row 11 holds a line break and is still one row.
        let text = "#meta,title,T\n#meta,city,C\n#meta,fiscal_year,2023\n#meta,era_year,E\n\
                    #meta,unit,千円\n#meta,as_of,2023-13-01\n#meta,source,S\n#meta,priorities,P\n#meta,note,N\n\
                    番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,重点,新規,コロナ,再掲元,事業概要\n\
                    1-1,1,D,1,I,1,A,X課|Y課,\"1,000\",★,,,,\"two\nlines\"\n\
                    1-2,1,D,1,I,2,A,X課|Y課,999,,,,1-1,d\n\
                    1-3,1,D,1,I,3,,X課||Y課,abc,maybe,,,,d\n\
                    1-2,1,D,1,I,4,B,X課,1,,,,,d\n\
                    1-5,2,D2,1,I,5,B,X課,1,,,,,\n\
                    2-1,1,D,2,I2,2,B,X課,1,,,,1/5,d\n\
                    1-7,1,Dx,1,Ix,7,B,X課,1,,,,,d\n\
                    3-1,1,D,3,I3,1,A,X課|Y課,1000,,,,1-1,d\n\
                    3-2,1,D,3,I3,2,A,X課|Y課,1000,,,,3-1,d\n\
                    3-3,1,D,3,I3,3,A,X課|Y課,1000,,,,1-3,d\n\
                    3-4,1,D,3,I3,4,A,X課|Y課,1000,,,,9-9,d,extra\n";
        assert_eq!(
            errors(text),
            [
                "row 6: #meta \"as_of\": must be a date written YYYY-MM-DD, found \"2023-13-01\"",
                "row 12, column \"再掲元\": points at \"1-1\", whose amount differs (999 vs 1000)",
                "row 13, column \"事業名\": is empty",
                "row 13, column \"担当課\": department 2 of 3 is empty (several departments are separated by |)",
                "row 13, column \"予算額（千円）\": must be a whole number of thousand yen (24200 or 24,200), or empty or \"-\" for none, found \"abc\"",
                "row 13, column \"重点\": must be ★ or 1 for yes, empty or 0 for no, found \"maybe\"",
                "row 14, column \"番号\": must be \"1-4\" (initiative-number), found \"1-2\"",
                "row 14, column \"番号\": \"1-2\" is already used on row 12",
                "row 15, column \"方向性\": initiative 1 is under direction 1 on row 11, not 2",
                "row 15, column \"事業概要\": is empty",
                "row 16, column \"番号\": must be \"2-2\" (initiative-number), found \"2-1\"",
                "row 16, column \"再掲元\": must be a line id such as \"1-5\" (initiative-number), found \"1/5\" — a spreadsheet may have turned the id into a date: format the column as text (文字列) and type the id again",
                "row 17, column \"方向性名\": direction 1 is titled \"D\" on row 11; every row of a direction must give the same title",
                "row 17, column \"取組名\": initiative 1 is titled \"I\" on row 11; every row of an initiative must give the same title",
                "row 19, column \"再掲元\": points at \"3-1\", which is itself a relisting; point at the original",
                "row 21, column \"再掲元\": points at \"9-9\", which does not exist",
                "row 21, column \"O\": has a value, but its column has no header",
            ]
        );
        // Row 20 relists 1-3, which has errors of its own: no second error there.
    }

    #[test]
    fn a_subset_brings_the_originals_of_its_relistings() {
        let b = embedded_budget().unwrap();
        // 10-2 relists 1-5, 6-3 relists 2-1.
        let lines = [index_of(&b, "10-2"), index_of(&b, "6-3")];
        let sub = parse(&to_csv(&b, &lines)).unwrap();
        let ids: Vec<String> = sub.measures.iter().map(|m| m.id.to_string()).collect();
        assert_eq!(ids, ["1-5", "2-1", "6-3", "10-2"]);
        assert_eq!(sub.measures[3].relisted_of, MeasureId::parse("1-5"));
        assert_eq!(sub.meta, b.meta);
        let initiatives: Vec<u8> = sub.initiatives.iter().map(|i| i.id.0).collect();
        assert_eq!(initiatives, [1, 2, 6, 10]);
        // The CSV and JSON exports of a view agree.
        assert_eq!(
            sub,
            validate::parse(&export::subset_json(&b, &lines)).unwrap()
        );
        let s = synthetic::generate(2_000, 7);
        let some: Vec<usize> = (0..s.measures.len()).step_by(7).collect();
        let sub = parse(&to_csv(&s, &some)).unwrap();
        assert_eq!(
            sub,
            validate::parse(&export::subset_json(&s, &some)).unwrap()
        );
        assert!(sub.measures.len() > some.len());
        // Without the helper, the relisting's original would be missing.
        let csv = String::from_utf8(to_csv(&b, &lines)).unwrap();
        let without_1_5: String = csv
            .split_inclusive("\r\n")
            .filter(|row| !row.starts_with("1-5,"))
            .collect();
        assert_eq!(
            errors(&without_1_5),
            ["row 15, column \"再掲元\": points at \"1-5\", which does not exist"]
        );
    }

    #[test]
    fn refuses_files_over_the_limits() {
        let big = vec![b'a'; MAX_BYTES + 1];
        let e = parse(&big).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].to_string(),
            "file: is 20,971,521 bytes, over the limit of 20 MB (20,971,520 bytes); split the list into several files"
        );
        let text = "a".repeat(MAX_TEXT_BYTES + 1);
        assert!(parse_text(&text).unwrap_err()[0]
            .to_string()
            .starts_with("file: is 31,457,281 bytes of text, over the limit of 30 MB"));
        assert_eq!(
            errors(&"x\n".repeat(MAX_ROWS + 1)),
            ["file: has more than 100,000 rows; the limit is 100,000 (split the list into several files)"]
        );
        // Exactly the limit is fine.
        let text = format!("{HEADER}\n{}{LINE}\n", ",\n".repeat(MAX_ROWS - 2));
        assert_eq!(parse_text(&text).unwrap().measures.len(), 1);
    }

    #[test]
    fn meta_rows_are_optional_but_complete() {
        let b = parse_text(&small(&[LINE])).unwrap();
        assert_eq!(b.meta, default_meta());
        assert_eq!(b.meta.note, DEFAULT_META_NOTE);

        let meta = "#meta,title,T\n＃META, City ,C,,,\n#meta,年度,２０２３\n#meta,era_year,E\n\
                    #meta,unit,千円\n#meta,as_of,2023/3/1\n#meta,source,S\n#meta,priorities,P1\n\
                    # a comment between\n#meta,priorities,\"P2\nstill P2\"\n#meta,note,'-N\n";
        let b = parse_text(&format!("{meta}{}", small(&[LINE]))).unwrap();
        assert_eq!(
            b.meta,
            Meta {
                title: "T".into(),
                city: "C".into(),
                fiscal_year: 2023,
                era_year: "E".into(),
                unit: "千円".into(),
                as_of: "2023-03-01".into(),
                source: "S".into(),
                priorities: vec!["P1".into(), "P2\nstill P2".into()],
                note: "-N".into(),
            }
        );

        let text = "#meta,title,T\n#meta,title,U\n#meta,colour,red\n#meta,fiscal_year,MMXXIII\n\
                    #meta,city,C,extra\n#meta,era_year,=E\n"
            .to_string()
            + &small(&[LINE, "#meta,unit,千円"]);
        let e = errors(&text);
        let keys = "title, city, fiscal_year, era_year, unit, as_of, source, priorities, note";
        let mut expected: Vec<String> = ["city", "unit", "as_of", "source", "priorities", "note"]
            .iter()
            .map(|k| {
                format!("row 1: #meta \"{k}\" is missing: give every key ({keys}), or no #meta rows at all")
            })
            .collect();
        expected.extend([
            "row 2: #meta \"title\" is given twice (also on row 1)".to_string(),
            format!("row 3: \"#meta colour\": unknown key (the keys are {})", keys),
            "row 4: #meta \"fiscal_year\": must be a whole number from 1 to 9999, found \"MMXXIII\"".into(),
            "row 5: a #meta row has three cells: #meta, the key and the value".into(),
            "row 6: #meta \"era_year\": starts with \"=\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"=\", write '= and the apostrophe is dropped)".into(),
            "row 9: #meta rows must come before the header row (row 7)".into(),
        ]);
        assert_eq!(e, expected);
    }

    #[test]
    fn cells_accept_the_usual_spreadsheet_spellings() {
        for (cell, yes) in [
            ("★", true),
            ("1", true),
            ("TRUE", true),
            ("○", true),
            (" yes ", true),
            ("", false),
            ("0", false),
            ("FALSE", false),
            ("-", false),
        ] {
            assert_eq!(flag_value(cell, KEY), Ok(yes), "{cell}");
        }
        assert_eq!(flag_value("新", NEW), Ok(true));
        assert_eq!(flag_value("【コロナ】", COVID), Ok(true));
        assert_eq!(
            flag_value("新", KEY).unwrap_err().en,
            "must be ★ or 1 for yes, empty or 0 for no, found \"新\""
        );
        assert_eq!(budget_value("24200"), Ok(Some(24_200)));
        assert_eq!(budget_value(" 1,234,567 "), Ok(Some(1_234_567)));
        assert_eq!(budget_value("２４，２００"), Ok(Some(24_200)));
        assert_eq!(budget_value("0"), Ok(Some(0)));
        for none in ["", "-", "－", "−", "―"] {
            assert_eq!(budget_value(none), Ok(None), "{none}");
        }
        for bad in ["2,42,00", "24200.5", "24200円", ",200", "1,2345"] {
            assert!(budget_value(bad).is_err(), "{bad}");
        }
        assert_eq!(
            budget_value("99999999999999999999").unwrap_err().en,
            "is too large, found \"99999999999999999999\""
        );
        assert_eq!(id_value("１０－２"), Ok(MeasureId::parse("10-2").unwrap()));
        assert_eq!(number_value("０７", 255), Ok(7));
        assert_eq!(
            number_value("256", 255).unwrap_err().en,
            "must be a whole number from 1 to 255, found \"256\""
        );
    }

    #[test]
    fn spreadsheet_padding_blank_rows_and_comments_are_ignored() {
        let text = format!(
            "sep=,\n# a comment,,,\n,,,,\n{HEADER},,\n{LINE},,\n,,,,,,\n\n{RELISTING},, \n"
        );
        assert_eq!(
            parse_text(&text).unwrap(),
            parse_text(&small(&[LINE, RELISTING])).unwrap()
        );
    }

    #[test]
    fn errors_convert_to_data_errors() {
        let e = CsvError {
            row: Some(7),
            column: Some("事業名".into()),
            message: message!("is empty", "空欄です"),
        };
        assert_eq!(e.to_string(), "row 7, column \"事業名\": is empty");
        assert_eq!(e.text(Lang::Ja), "7行目・列「事業名」：空欄です");
        let e = DataError::from(e);
        assert_eq!(e.to_string(), "row 7: field \"事業名\": is empty");
        assert_eq!(e.text(Lang::Ja), "7行目・項目「事業名」：空欄です");
        let e = file_error(message!("is empty", "ファイルが空です")).remove(0);
        assert_eq!(DataError::from(e).to_string(), "file: is empty");
    }

    #[test]
    fn the_published_template_reads() {
        let b = parse(include_bytes!("../../data/budget-template.csv")).unwrap();
        assert_eq!(b.measures.len(), 2);
        let (line, relisting) = (&b.measures[0], &b.measures[1]);
        assert_eq!(line.relisted_of, None);
        assert_eq!(relisting.relisted_of, Some(line.id));
        assert_eq!(line.departments, ["起業・新産業支援課", "経済政策課"]);
        assert!(line.name.starts_with("（記入例）"));
        assert!(line.description.starts_with("（記入例）"));
        assert!(relisting.description.starts_with("（記入例）"));
        assert!(line.description.contains('\n'));
        assert_eq!(b.meta.priorities.len(), 2);
        assert_ne!(b.meta, default_meta());
    }
}
