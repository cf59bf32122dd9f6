//! The budget as CSV, for people who keep the list in a spreadsheet: one row per line of the list
//! (per project), read with [`parse`] / [`parse_text`] and written with [`to_csv`] (the table
//! alone, header on row 1, for spreadsheets) or [`to_csv_with_notes`] (`#meta` and note rows
//! first, so the file reopens as the same budget).
//!
//! # The file
//!
//! - **Encoding**: UTF-8, with or without a BOM. [`to_csv`] writes a BOM and CRLF line ends, so
//!   Excel in Japan opens it as UTF-8. Shift_JIS (CP932, what Excel in Japan saves as
//!   「CSV (コンマ区切り)」) is recognised but not decoded here: [`parse`] answers with one error
//!   that says so, and the browser decodes such a file itself (`TextDecoder('shift_jis')`) and
//!   passes the text to [`parse_text`]. [`looks_like_shift_jis`] tells which case it is, and
//!   [`looks_like_utf16`] recognises UTF-16 (refused with advice). A cell holding U+FFFD or a
//!   private-use character (what a decoder leaves for bytes it could not read, and 外字) is a
//!   problem of its row and column.
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
//!   Excel turns a date into); either way a day that exists. If there are no `#meta` rows at all, meta is [`default_meta`]:
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
//!   prefix): a leading `'` followed by `= + - @ '` is dropped on reading, and so is one
//!   followed by a tab or line break, with those spaces (`'<TAB>=x` reads `=x`).
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
//! missing), so its relisting checks come once the cell is fixed. Files over [`MAX_BYTES`] (the
//! one limit for an opened file, in `import`) and over [`MAX_ROWS`] rows are refused with one
//! message.
//!
//! # Files
//!
//! One job each, in the order a file goes through them:
//!
//! - `mod.rs` (here): what every part shares and callers see: the columns and `#meta` keys, the
//!   limits, [`CsvError`], [`default_meta`], and the entry points re-exported.
//! - `sniff.rs`: what the input is before it is split: [`parse`] (bytes: size, Excel workbook,
//!   UTF-16, BOM, UTF-8 or Shift_JIS, see [`looks_like_shift_jis`]) and [`parse_text`] (text:
//!   size, JSON by mistake, too many rows), which hands the records to `read.rs`.
//! - `split.rs`: the RFC 4180 splitter: text → records of raw cells, with their syntax problems
//!   (an unclosed quote, text after a closing quote) kept by row and cell.
//! - `cell.rs`: the grammar of one cell (trimming, width folding, formulas and the `'` prefix,
//!   ids, numbers, amounts, marks, departments, dates), each to a value or a [`Message`].
//! - `read.rs`: records → contract JSON: the header, `#meta` rows and data rows, checked by
//!   [`validate::parse`], whose messages are mapped back to rows and columns.
//! - `write.rs`: [`to_csv`] and [`to_csv_with_notes`], the writers that `parse` reads back to the
//!   same lines (and, with notes, the same budget).
//! - `fixtures.rs`: test data and checks the tests of every file share.
//!
//! [`validate::parse`]: super::validate::parse

mod cell;
#[cfg(test)]
mod fixtures;
mod read;
mod sniff;
mod split;
mod write;

use super::import::MAX_BYTES;
use super::lang::{Lang, Message};
use super::model::Meta;
use super::validate::{DataError, Item};
use std::fmt;

pub use super::export::with_originals;
pub use sniff::{
    looks_like_shift_jis, looks_like_utf16, parse, parse_text, parse_text_with_progress,
    parse_with_progress, utf16_error, ROWS_END, SPLIT_END,
};
pub use write::{to_comparison_csv, to_csv, to_csv_with_notes};

/// Largest text [`parse_text`] reads: text decoded from a Shift_JIS file under [`MAX_BYTES`]
/// grows by up to half (two bytes per kanji become three).
pub const MAX_TEXT_BYTES: u64 = MAX_BYTES / 2 * 3;
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

/// `#meta` keys, in the order [`to_csv_with_notes`] writes them, with Japanese aliases.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::message;
    use crate::core::validate;

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
}
