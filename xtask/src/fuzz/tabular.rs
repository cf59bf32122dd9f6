//! Target `csv`: budget files as CSV.

use super::strategies::{
    apply_byte_edits, byte_edits, few, interesting_number, interesting_string, random_bytes,
    random_text, small, some_text,
};
use super::{check_accepted, refused_well, Corpus};
use kumamoto_sme_budget::core::csv;
use kumamoto_sme_budget::core::synthetic;
use kumamoto_sme_budget::core::view_state::Lang;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

/// The rows of cells of a CSV file that the core wrote (read with the `csv` crate: the file is
/// well formed, so any RFC 4180 reader will do).
pub fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.map_or_else(|_| Vec::new(), |r| r.iter().map(str::to_string).collect()))
        .collect()
}

/// How rows are written back: quoting where needed, everywhere or nowhere (which may break
/// rows), with one line end or a mix, a BOM or not, and now and then another separator.
#[derive(Clone, Debug)]
struct Writing {
    separator: &'static str,
    /// 0: quote every cell, 1: none, else where needed.
    quoting: u8,
    /// The line end of each row in turn (one, or a mix).
    ends: Vec<&'static str>,
    bom: bool,
    final_end: bool,
}

fn writing() -> BoxedStrategy<Writing> {
    let end = select(&["\r\n", "\n", "\r"][..]);
    (
        prop_oneof![1 => Just(";"), 1 => Just("\t"), 38 => Just(",")],
        0..10u8,
        prop_oneof![19 => vec(end.clone(), 1..=1), 1 => vec(end, 2..=8)],
        prop::bool::ANY,
        prop::bool::weighted(0.7),
    )
        .prop_map(|(separator, quoting, ends, bom, final_end)| Writing {
            separator,
            quoting,
            ends,
            bom,
            final_end,
        })
        .boxed()
}

impl Writing {
    fn write(&self, rows: &[Vec<String>]) -> Vec<u8> {
        let sep = self.separator;
        let mut out = String::new();
        if self.bom {
            out.push('\u{FEFF}');
        }
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                out.push_str(self.ends[i % self.ends.len()]);
            }
            for (j, cell) in row.iter().enumerate() {
                if j > 0 {
                    out.push_str(sep);
                }
                let needs = cell.contains([',', '"', '\r', '\n']) || cell.contains(sep);
                if self.quoting == 0 || (self.quoting > 1 && needs) {
                    out.push('"');
                    out.push_str(&cell.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(cell);
                }
            }
        }
        if self.final_end {
            out.push_str(self.ends[0]);
        }
        out.into_bytes()
    }
}

/// Cell spellings the importer has to accept or refuse: formulas and their escapes, marks,
/// "no amount" dashes, grouped and full-width numbers, department separators, line breaks.
fn interesting_cell(c: &'static Corpus) -> BoxedStrategy<String> {
    #[rustfmt::skip]
    const EDGES: &[&str] = &[
        "", " ", " a ", "=1+1", "+1", "-1", "@x", "=", "'=x", "'+1", "'", "''", "'a", "\t=1",
        "a\nb", "a\r\nb", "a,b", "\"", "a\"b", "★", "☆", "新", "コロナ", "【新】", "【コロナ】", "【再掲】", "○",
        "〇", "×", "TRUE", "True", "false", "FALSE", "yes", "no", "1", "0", "2", "-", "－", "−", "―",
        "ー", "—", "‐", "--", "24,200", "24200", "２４２００", "24,20", "2,4200", ",200", "1,000,000",
        "1-5", "１－５", "1ー5", "1－5", "0-1", "256-1", "1-65536", "X課|Y課", "X課｜Y課", "|", "X課|", "|X課",
        "X課||Y課", "#meta", "#", "2023/3/31", "2023/03/31", "2023-3-31", "2023/13/1", "2023/2/30",
        "R5", "ＩＤ", "\u{3000}", "\u{FEFF}",
    ];
    prop_oneof![
        4 => select(EDGES).prop_map(str::to_string),
        1 => interesting_number(),
        1 => interesting_string(c),
        2 => some_text(c),
    ]
    .boxed()
}

/// A column header: a column's own, an alias or its English key, respelled (case, full width,
/// spaces, `_`), or something unknown or empty.
fn header_variant() -> BoxedStrategy<String> {
    let names: Vec<&'static str> = csv::COLUMNS
        .iter()
        .flat_map(|c| {
            [c.key, c.header]
                .into_iter()
                .chain(c.aliases.iter().copied())
        })
        .collect();
    (select(names), 0..8u8, random_text(6))
        .prop_map(|(name, how, text)| match how {
            0 => name.to_uppercase(),
            1 => format!(" {name}\u{3000}"),
            2 => name.replace('_', " "),
            3 => name
                .chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    _ => c,
                })
                .collect(),
            4 => text,
            5 => String::new(),
            _ => name.to_string(),
        })
        .boxed()
}

/// The index of the header row (the first that is not `#meta` or a comment).
fn header_row(rows: &[Vec<String>]) -> Option<usize> {
    rows.iter()
        .position(|r| !r.first().is_some_and(|c| c.starts_with('#')))
}

/// The header row and a column in it, found by its Japanese header.
fn column(rows: &[Vec<String>], key: &str) -> Option<(usize, usize)> {
    let header = header_row(rows)?;
    let name = csv::COLUMNS.iter().find(|c| c.key == key)?.header;
    let column = rows[header].iter().position(|c| c == name)?;
    Some((header, column))
}

/// Edits of the rows, as a spreadsheet user or a converter makes them.
#[derive(Clone, Debug)]
enum RowEdit {
    Cell(Index, Index, String),
    Header(Index, String),
    DropColumn(Index),
    RepeatColumn(Index),
    SwapColumns(Index, Index),
    DropRow(Index),
    RepeatRow(Index, Index),
    /// An empty, blank, comment or `#meta` row inserted.
    InsertRow(Index, Vec<String>),
    /// A `#meta` row dropped, or its key or value changed.
    Meta(Index, u8, String, String),
    /// A data row cut short or given extra cells.
    Width(Index, bool, Index, Vec<String>),
    /// References: a relisting of another line or itself, ids that disagree.
    Reference(Index, &'static str, Option<Index>, u8, u8),
    /// A direction or initiative whose title differs between its rows.
    Title(Index, &'static str),
    Amount(Index, String),
    /// A new relisting of a line: a copy of its row under another id pointing at it.
    NewRelisting(Index, u8, u8),
}

fn row_edit(c: &'static Corpus) -> BoxedStrategy<RowEdit> {
    use RowEdit::*;
    let at = any::<Index>;
    let meta_key = select(
        &[
            "title",
            "note",
            "priorities",
            "as_of",
            "fiscal_year",
            "colour",
            "",
        ][..],
    );
    let inserted = prop_oneof![
        Just(Vec::new()),
        small(1, 21).prop_map(|n| vec![String::new(); n]),
        some_text(c).prop_map(|t| vec![format!("#{t}")]),
        (meta_key, interesting_cell(c)).prop_map(|(k, v)| vec![
            "#meta".to_string(),
            k.to_string(),
            v
        ]),
    ];
    let extra = vec(prop_oneof![Just(String::new()), interesting_cell(c)], 1..=4);
    prop_oneof![
        (at(), at(), interesting_cell(c)).prop_map(|(r, k, v)| Cell(r, k, v)),
        (at(), header_variant()).prop_map(|(k, v)| Header(k, v)),
        at().prop_map(DropColumn),
        at().prop_map(RepeatColumn),
        (at(), at()).prop_map(|(a, b)| SwapColumns(a, b)),
        at().prop_map(DropRow),
        (at(), at()).prop_map(|(r, to)| RepeatRow(r, to)),
        (at(), inserted).prop_map(|(to, row)| InsertRow(to, row)),
        (at(), 0..3u8, header_variant(), interesting_cell(c))
            .prop_map(|(r, how, k, v)| Meta(r, how, k, v)),
        (at(), prop::bool::ANY, at(), extra).prop_map(|(r, cut, k, cells)| Width(r, cut, k, cells)),
        (
            at(),
            select(&["relisted_of", "id", "number", "initiative", "direction"][..]),
            prop::option::weighted(0.7, at()),
            0..=12u8,
            0..=30u8
        )
            .prop_map(|(r, key, existing, i, n)| Reference(r, key, existing, i, n)),
        (at(), select(&["direction_title", "initiative_title"][..])).prop_map(|(r, k)| Title(r, k)),
        (at(), prop_oneof![interesting_number(), interesting_cell(c)])
            .prop_map(|(r, v)| Amount(r, v)),
        (at(), 1..=10u8, 20..=40u8).prop_map(|(r, i, n)| NewRelisting(r, i, n)),
    ]
    .boxed()
}

impl RowEdit {
    fn apply(&self, rows: &mut Vec<Vec<String>>) {
        let header = header_row(rows).unwrap_or(0);
        // A data row: one after the header.
        let data_row = |at: &Index, rows: &Vec<Vec<String>>| {
            (header + 1 < rows.len()).then(|| header + 1 + at.index(rows.len() - header - 1))
        };
        let width = rows.get(header).map_or(0, Vec::len);
        match self {
            RowEdit::Cell(r, k, value) => {
                if let Some(r) = data_row(r, rows) {
                    if let Some(cell) = (!rows[r].is_empty()).then(|| k.get_mut(&mut rows[r])) {
                        *cell = value.clone();
                    }
                }
            }
            RowEdit::Header(k, value) => {
                if let Some(row) = rows.get_mut(header).filter(|r| !r.is_empty()) {
                    *k.get_mut(row) = value.clone();
                }
            }
            RowEdit::DropColumn(k) if width > 0 => {
                let k = k.index(width);
                for row in rows.iter_mut().skip(header).filter(|r| k < r.len()) {
                    row.remove(k);
                }
            }
            RowEdit::RepeatColumn(k) if width > 0 => {
                let k = k.index(width);
                for row in rows.iter_mut().skip(header).filter(|r| k < r.len()) {
                    row.push(row[k].clone());
                }
            }
            RowEdit::SwapColumns(a, b) if width > 0 => {
                let (a, b) = (a.index(width), b.index(width));
                for row in rows.iter_mut().skip(header) {
                    if a < row.len() && b < row.len() {
                        row.swap(a, b);
                    }
                }
            }
            RowEdit::DropRow(r) if !rows.is_empty() => {
                rows.remove(r.index(rows.len()));
            }
            RowEdit::RepeatRow(r, to) if !rows.is_empty() => {
                let copy = r.get(rows).clone();
                rows.insert(to.index(rows.len() + 1), copy);
            }
            RowEdit::InsertRow(to, row) => rows.insert(to.index(rows.len() + 1), row.clone()),
            RowEdit::Meta(r, how, key, value) => {
                let metas: Vec<usize> = (0..header)
                    .filter(|&r| rows[r].first().is_some_and(|c| c == "#meta"))
                    .collect();
                if metas.is_empty() {
                    return;
                }
                let r = *r.get(&metas);
                match how {
                    0 => {
                        rows.remove(r);
                    }
                    1 if rows[r].len() > 1 => rows[r][1] = key.clone(),
                    _ => {
                        if let Some(v) = rows[r].last_mut() {
                            *v = value.clone();
                        }
                    }
                }
            }
            RowEdit::Width(r, cut, k, cells) => {
                if let Some(r) = data_row(r, rows) {
                    let row = &mut rows[r];
                    if *cut {
                        row.truncate(k.index(row.len() + 1));
                    } else {
                        row.extend(cells.iter().cloned());
                    }
                }
            }
            RowEdit::Reference(r, key, existing, i, n) => {
                let ids: Vec<String> = column(rows, "id")
                    .map(|(h, k)| {
                        rows[h + 1..]
                            .iter()
                            .filter_map(|r| r.get(k).cloned())
                            .collect()
                    })
                    .unwrap_or_default();
                let value = match (*key, existing) {
                    ("relisted_of" | "id", Some(e)) if !ids.is_empty() => e.get(&ids).clone(),
                    ("relisted_of" | "id", _) => format!("{i}-{n}"),
                    _ => (i % 13).to_string(),
                };
                if let (Some((_, k)), Some(r)) = (column(rows, key), data_row(r, rows)) {
                    if let Some(cell) = rows[r].get_mut(k) {
                        *cell = value;
                    }
                }
            }
            RowEdit::Title(r, key) => {
                if let (Some((_, k)), Some(r)) = (column(rows, key), data_row(r, rows)) {
                    if let Some(cell) = rows[r].get_mut(k) {
                        cell.push('X');
                    }
                }
            }
            RowEdit::Amount(r, value) => {
                if let (Some((_, k)), Some(r)) = (column(rows, "budget"), data_row(r, rows)) {
                    if let Some(cell) = rows[r].get_mut(k) {
                        *cell = value.clone();
                    }
                }
            }
            RowEdit::NewRelisting(r, i, n) => {
                if let (Some((_, id)), Some((_, ini)), Some((_, num)), Some((_, rel)), Some(r)) = (
                    column(rows, "id"),
                    column(rows, "initiative"),
                    column(rows, "number"),
                    column(rows, "relisted_of"),
                    data_row(r, rows),
                ) {
                    let mut copy = rows[r].clone();
                    let original = copy.get(id).cloned().unwrap_or_default();
                    for (k, v) in [
                        (id, format!("{i}-{n}")),
                        (ini, i.to_string()),
                        (num, n.to_string()),
                        (rel, original),
                    ] {
                        if let Some(cell) = copy.get_mut(k) {
                            *cell = v;
                        }
                    }
                    rows.push(copy);
                }
            }
            RowEdit::DropColumn(_)
            | RowEdit::RepeatColumn(_)
            | RowEdit::SwapColumns(..)
            | RowEdit::DropRow(_)
            | RowEdit::RepeatRow(..) => {}
        }
    }
}

#[rustfmt::skip]
const TOKENS: &[&str] = &[
    ",", "\"", "\"\"", "\r\n", "\n", "\r", "|", "｜", "#meta,", "#", "'", "=", "\u{FEFF}",
    "\u{3000}", ",,,,,,,,,,,,,,", "\"a\nb\"", "-", "★",
];

/// Non-UTF-8 files: Shift_JIS-looking bytes (every non-ASCII character as a lead and a trail
/// byte, taken in turn from `pairs`) or a workbook or UTF-16 signature in front.
#[derive(Clone, Debug)]
enum Foreign {
    ShiftJis(Vec<(u8, u8)>),
    Signature(&'static [u8]),
}

/// A workbook (zip), UTF-16 and an old Office file.
const SIGNATURES: &[&[u8]] = &[b"PK\x03\x04", &[0xFF, 0xFE], &[0xD0, 0xCF, 0x11, 0xE0]];

fn foreign() -> BoxedStrategy<Foreign> {
    prop_oneof![
        vec((0x81..=0x9Fu8, 0x40..=0x7Eu8), 1..=16).prop_map(Foreign::ShiftJis),
        select(SIGNATURES).prop_map(Foreign::Signature),
    ]
    .boxed()
}

impl Foreign {
    fn apply(&self, text: Vec<u8>) -> Vec<u8> {
        match self {
            Foreign::ShiftJis(pairs) => {
                let mut out = Vec::with_capacity(text.len());
                for (i, ch) in String::from_utf8_lossy(&text).chars().enumerate() {
                    if ch.is_ascii() {
                        out.push(ch as u8);
                    } else {
                        let (lead, trail) = pairs[i % pairs.len()];
                        out.extend([lead, trail]);
                    }
                }
                out
            }
            Foreign::Signature(signature) => [signature, text.as_slice()].concat(),
        }
    }
}

/// A few lines of the real list (or of a small synthetic one) as the core writes them, as rows.
fn few_lines(c: &'static Corpus) -> BoxedStrategy<Vec<Vec<String>>> {
    let real = c.budget.lines.len();
    (
        prop::option::weighted(0.15, (small(1, 7), any::<u64>())),
        vec(any::<Index>(), 1..=7),
        prop::bool::weighted(0.15),
    )
        .prop_map(move |(synthetic, picks, default_meta)| {
            let made;
            let b = match synthetic {
                Some((lines, seed)) => {
                    made = synthetic::generate(lines, seed);
                    &made
                }
                None => &c.budget,
            };
            let len = if synthetic.is_some() {
                b.lines.len()
            } else {
                real
            };
            let lines: Vec<usize> = picks.iter().map(|p| p.index(len)).collect();
            let mut rows = rows(&csv::to_csv_with_notes(b, &lines, &[]));
            if default_meta {
                rows.retain(|r| r.first().is_none_or(|c| c != "#meta"));
            }
            rows
        })
        .boxed()
}

pub fn input(c: &'static Corpus) -> BoxedStrategy<Vec<u8>> {
    // Smallest first: proptest shrinks a union towards its first strategy.
    let start = prop_oneof![86 => few_lines(c), 3 => Just(c.full_csv_rows.clone())];
    let edits = prop_oneof![1 => Just(Vec::new()), 9 => vec(row_edit(c), 1..=7)];
    let written = (
        start,
        edits,
        writing(),
        prop::option::weighted(0.15, byte_edits(TOKENS)),
        prop::option::weighted(0.03, foreign()),
    )
        .prop_map(|(mut rows, edits, writing, bytes, foreign)| {
            for edit in &edits {
                edit.apply(&mut rows);
            }
            let mut out = writing.write(&rows);
            apply_byte_edits(&mut out, bytes.as_deref().unwrap_or_default());
            match foreign {
                Some(f) => f.apply(out),
                None => out,
            }
        });
    let full = (byte_edits(TOKENS)).prop_map(move |edits| {
        let mut bytes = c.full_csv.clone();
        apply_byte_edits(&mut bytes, &edits);
        bytes
    });
    prop_oneof![
        4 => random_bytes(400),
        4 => few(select(TOKENS), 300).prop_map(|t| t.concat().into_bytes()),
        3 => full,
        89 => written,
    ]
    .boxed()
}

pub fn check(input: &[u8], _: &Corpus) -> Result<(), String> {
    match csv::parse(input) {
        Err(errors) => refused_well("csv::parse", &errors, |e| (&e.message, e.text(Lang::Ja))),
        Ok(budget) => {
            check_accepted(&budget)?;
            let all: Vec<usize> = (0..budget.lines.len()).collect();
            match csv::parse(&csv::to_csv_with_notes(&budget, &all, &[])) {
                Ok(again) if again == budget => Ok(()),
                Ok(_) => Err("csv round trip: parse(to_csv_with_notes(b)) differs from b".into()),
                Err(e) => Err(format!(
                    "csv round trip: the written file is rejected: {}",
                    e.first().map(ToString::to_string).unwrap_or_default()
                )),
            }
        }
    }
}
