//! Target `decoded`: what a file's encoding leaves in its text. Files in the forms the checks
//! must recognise (CSV and JSON as UTF-8, UTF-16 either way round with and without a mark, and
//! Shift_JIS byte pairs through a stand-in for the browser's TextDecoder) holding replacement
//! characters (U+FFFD) and private-use characters (外字), and random bytes with NUL bytes on one
//! side. Properties: no panic; UTF-16 always gets the UTF-16 advice; every cell or line holding
//! such a character is reported once per kind, at its row and column (CSV) or line (JSON), with
//! the right character, place in the cell and count, worked out here independently.

use super::strategies::{any_char, few, random_bytes};
use super::{json, said_in_both, Corpus};
use kumamoto_sme_budget::core::csv::{self, CsvError, COLUMNS};
use kumamoto_sme_budget::core::import::{self, Odd, OddCharacters};
use kumamoto_sme_budget::core::lang::{Lang, Message};
use proptest::prelude::*;
use proptest::sample::Index;

/// The characters to report, as the checks must see them: written out here, not taken from
/// the core.
fn odd_char() -> BoxedStrategy<char> {
    use proptest::char::range;
    prop_oneof![
        3 => Just('\u{FFFD}'),
        2 => range('\u{E000}', '\u{F8FF}'),
        1 => prop_oneof![Just('\u{E000}'), Just('\u{F8FF}'), Just('\u{F0000}'), Just('\u{10FFFD}')],
        1 => range('\u{F0000}', '\u{FFFFD}'),
        1 => range('\u{100000}', '\u{10FFFD}'),
    ]
    .boxed()
}

fn kind_of(c: char) -> Option<Odd> {
    let c = u32::from(c);
    if c == 0xFFFD {
        Some(Odd::Unreadable)
    } else if (0xE000..=0xF8FF).contains(&c)
        || (0xF0000..=0xFFFFD).contains(&c)
        || (0x10_0000..=0x10_FFFD).contains(&c)
    {
        Some(Odd::PrivateUse)
    } else {
        None
    }
}

/// What the checks must say about `text` (a cell or a line), found by a plain scan.
fn expected(text: &str) -> Vec<OddCharacters> {
    let mut out: Vec<OddCharacters> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if let Some(kind) = kind_of(c) {
            if let Some(f) = out.iter_mut().find(|f| f.kind == kind) {
                f.count += 1;
            } else {
                out.push(OddCharacters {
                    kind,
                    first: c,
                    at: i + 1,
                    count: 1,
                });
            }
        }
    }
    out
}

/// A cell of the simple form the oracle splits: no quote, no line break.
fn cell() -> BoxedStrategy<String> {
    let plain = any_char().prop_map(|c| match c {
        '"' | '\r' | '\n' => 'x',
        c => c,
    });
    few(prop_oneof![5 => plain, 1 => odd_char()], 12)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

/// Rows of a CSV file: comment rows, the header (perhaps with an odd character in it), data
/// rows. Every cell is quoted, so the file splits on `","` and line ends.
fn csv_rows() -> BoxedStrategy<Vec<Vec<String>>> {
    let comment = (cell(), few(cell(), 3)).prop_map(|(first, mut rest)| {
        rest.insert(0, format!("#{first}"));
        rest
    });
    let header = prop::option::weighted(0.2, (any::<Index>(), odd_char())).prop_map(|odd| {
        let mut h: Vec<String> = COLUMNS.iter().map(|c| c.header.to_string()).collect();
        if let Some((at, c)) = odd {
            let i = at.index(h.len());
            h[i].push(c);
        }
        h
    });
    (few(comment, 3), header, few(few(cell(), 17), 8))
        .prop_map(|(mut rows, header, data)| {
            rows.push(header);
            rows.extend(data.into_iter().filter(|r| !r.is_empty()));
            rows
        })
        .boxed()
}

fn write_csv(rows: &[Vec<String>]) -> String {
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().map(|c| format!("\"{c}\"")).collect();
            cells.join(",")
        })
        .collect();
    lines.join("\n") + "\n"
}

/// The whole budget as JSON (pretty or not) with odd characters put in at random places.
fn json_text(c: &'static Corpus) -> BoxedStrategy<String> {
    (any::<bool>(), few((any::<Index>(), odd_char()), 8))
        .prop_map(move |(pretty, odd)| {
            let mut chars: Vec<char> = json::write(&c.full_tree, pretty, false).chars().collect();
            for (at, ch) in odd {
                let i = at.index(chars.len() + 1);
                chars.insert(i, ch);
            }
            chars.into_iter().collect()
        })
        .boxed()
}

#[derive(Clone, Copy, Debug)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16 { little: bool, bom: bool },
}

fn encode(text: &str, e: Encoding) -> Vec<u8> {
    match e {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16 { little, bom } => bom
            .then_some(0xFEFF)
            .into_iter()
            .chain(text.encode_utf16())
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect(),
    }
}

fn encoding() -> BoxedStrategy<Encoding> {
    prop_oneof![
        6 => Just(Encoding::Utf8),
        1 => Just(Encoding::Utf8Bom),
        3 => (any::<bool>(), any::<bool>()).prop_map(|(little, bom)| Encoding::Utf16 { little, bom }),
    ]
    .boxed()
}

/// Shift_JIS bytes: ASCII CSV punctuation, half-width kana, assigned double-byte codes, codes
/// nothing is assigned to (lead 85, 86) and user-defined ones (lead F0–F9).
fn shift_jis() -> BoxedStrategy<Vec<u8>> {
    let trail = prop_oneof![0x40..=0x7Eu8, 0x80..=0xFCu8];
    let piece = prop_oneof![
        4 => prop::sample::select(&b"abc19,\"\n-"[..]).prop_map(|b| vec![b]),
        1 => (0xA1..=0xDFu8).prop_map(|b| vec![b]),
        3 => (0x88..=0x9Fu8, trail.clone()).prop_map(|(l, t)| vec![l, t]),
        2 => (0x85..=0x86u8, trail.clone()).prop_map(|(l, t)| vec![l, t]),
        2 => (0xF0..=0xF9u8, trail).prop_map(|(l, t)| vec![l, t]),
    ];
    (few(piece, 200), any::<bool>())
        .prop_map(|(pieces, non_utf8)| {
            let mut bytes = pieces.concat();
            if non_utf8 {
                bytes.push(0x85); // a lead byte never starts UTF-8
                bytes.push(0x40);
            }
            bytes
        })
        .boxed()
}

/// Random bytes with NUL bytes put on one side, as UTF-16 ASCII has them.
fn nul_pattern() -> BoxedStrategy<Vec<u8>> {
    (random_bytes(300), any::<bool>(), 1..=4usize)
        .prop_map(|(mut bytes, odd_side, every)| {
            let start = usize::from(odd_side);
            for i in (start..bytes.len()).step_by(2 * every) {
                bytes[i] = 0;
            }
            bytes
        })
        .boxed()
}

pub fn input(c: &'static Corpus) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        6 => (csv_rows(), encoding()).prop_map(|(rows, e)| encode(&write_csv(&rows), e)),
        3 => (json_text(c), encoding()).prop_map(|(t, e)| encode(&t, e)),
        2 => shift_jis(),
        1 => nul_pattern(),
        1 => random_bytes(200),
    ]
    .boxed()
}

/// A stand-in for TextDecoder('shift_jis') on what `import` hands it: unassigned codes become
/// U+FFFD (an ASCII trail byte is kept after it, as the WHATWG decoder does), user-defined ones
/// private-use characters, assigned ones a kanji.
fn decode_shift_jis(bytes: &[u8]) -> Option<String> {
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match (b, bytes.get(i + 1).copied()) {
            (0x00..=0x7F, _) => out.push(char::from(b)),
            (0xA1..=0xDF, _) => out.push(char::from_u32(0xFF61 + u32::from(b - 0xA1))?),
            (0x85..=0x86, Some(t)) => {
                out.push('\u{FFFD}');
                if t.is_ascii() {
                    out.push(char::from(t));
                }
                i += 1;
            }
            (0xF0..=0xF9, Some(t)) => {
                let n =
                    u32::from(b - 0xF0) * 188 + u32::from(t - if t < 0x80 { 0x40 } else { 0x41 });
                out.push(char::from_u32(0xE000 + n)?);
                i += 1;
            }
            (_, Some(t)) => {
                out.push(char::from_u32(
                    0x4E00 + (u32::from(b) * 256 + u32::from(t)) % 0x5000,
                )?);
                i += 1;
            }
            (_, None) => out.push('\u{FFFD}'),
        }
        i += 1;
    }
    Some(out)
}

fn both(m: &Message) -> [String; 2] {
    [m.en.clone(), m.ja.clone()]
}

pub fn check(input: &[u8], _: &Corpus) -> Result<(), String> {
    let as_csv = import::read("x.csv", input, &decode_shift_jis);
    let as_json = import::read("x.json", input, &decode_shift_jis);
    for (name, result) in [("csv", &as_csv), ("json", &as_json)] {
        if let Err(problems) = result {
            if problems.is_empty() {
                return Err(format!("import::read as {name}: refused without a reason"));
            }
            for m in problems {
                said_in_both(m, both(m))?;
            }
        }
    }
    if csv::looks_like_utf16(input) {
        let utf16 = |r: &Result<_, Vec<Message>>, start: &str| match r {
            Err(p) if p.len() == 1 && p[0].en.starts_with(start) => Ok(()),
            Err(p) => Err(format!(
                "UTF-16 without the UTF-16 advice: {:?}",
                p.first().map(both)
            )),
            Ok(_) => Err("UTF-16 accepted".to_string()),
        };
        utf16(&as_csv, "file: is UTF-16 text (Excel's")?;
        return utf16(&as_json, "file: is UTF-16 text, not UTF-8; JSON");
    }
    if input.starts_with(&[0xFF, 0xFE]) || input.starts_with(&[0xFE, 0xFF]) {
        return Err("a UTF-16 byte order mark not recognised".into());
    }
    let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_string(),
        Err(_) if csv::looks_like_shift_jis(body) && !input.contains(&0) => {
            // The Shift_JIS path: decoded, then the same checks as UTF-8 text.
            let decoded = decode_shift_jis(body).unwrap_or_default();
            let direct = csv::parse_text(&decoded).map_err(|e| lines(&e));
            let via_import = as_csv.clone().map(|(b, _)| b);
            if via_import != direct {
                return Err(
                    "Shift_JIS: import::read differs from parse_text of the decoded text".into(),
                );
            }
            decoded
        }
        Err(_) => return Ok(()),
    };
    if input.contains(&0) {
        return Ok(()); // refused as binary before any decoding
    }
    csv_places(&text)?;
    if std::str::from_utf8(body).is_ok() {
        json_lines(&text, &as_json)?;
    }
    Ok(())
}

fn lines(errors: &[CsvError]) -> Vec<Message> {
    errors
        .iter()
        .map(|e| Message {
            ja: e.text(Lang::Ja),
            en: e.text(Lang::En),
        })
        .collect()
}

fn is_odd_problem(m: &Message) -> bool {
    m.en.contains(": has a character that could not be read (U+")
        || m.en.contains(": has a private-use character (U+")
        || m.en
            .starts_with("has a character that could not be read (U+")
        || m.en.starts_with("has a private-use character (U+")
}

/// Spreadsheet column letters, written out again: 0 → A, 26 → AA.
fn letter(mut j: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + (j % 26) as u8));
        if j < 26 {
            break;
        }
        j = j / 26 - 1;
    }
    out.iter().rev().collect()
}

/// For text of the simple form (every cell quoted, no quote or line break inside), every cell
/// with odd characters has one problem per kind at its row and column, and there are no others.
fn csv_places(text: &str) -> Result<(), String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Some(body) = text.strip_suffix('\n') else {
        return Ok(());
    };
    let mut rows: Vec<Vec<&str>> = Vec::new();
    for line in body.split('\n') {
        let Some(inner) = line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) else {
            return Ok(());
        };
        let cells: Vec<&str> = inner.split("\",\"").collect();
        if cells.iter().any(|c| c.contains(['"', '\r'])) {
            return Ok(());
        }
        rows.push(cells);
    }
    let headers: Vec<&str> = COLUMNS.iter().map(|c| c.header).collect();
    let stripped = |c: &str| -> String { c.chars().filter(|&x| kind_of(x).is_none()).collect() };
    let Some(header) = rows.iter().position(|r| {
        r.iter()
            .map(|c| stripped(c))
            .eq(headers.iter().map(|h| h.to_string()))
    }) else {
        return Ok(());
    };
    if rows[..header].iter().any(|r| !r[0].starts_with('#')) {
        return Ok(());
    }
    let header_clean = rows[header].iter().all(|c| expected(c).is_empty());
    let errors = match csv::parse_text(text) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    };
    let mut wanted = 0;
    for (i, row) in rows.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            let column = match header_clean && i > header && j < headers.len() {
                true => headers[j].to_string(),
                false => letter(j),
            };
            for found in expected(cell) {
                wanted += 1;
                let message = found.message();
                if !errors.iter().any(|e| {
                    e.row == Some(i + 1)
                        && e.column.as_deref() == Some(&column)
                        && e.message == message
                }) {
                    return Err(format!(
                        "csv: row {}, column {column}: {:?} not reported as {:?}",
                        i + 1,
                        found,
                        message.en
                    ));
                }
            }
        }
    }
    let reported = errors.iter().filter(|e| is_odd_problem(&e.message)).count();
    if reported != wanted {
        return Err(format!(
            "csv: {reported} odd-character problems for {wanted} found"
        ));
    }
    Ok(())
}

/// Every line of a JSON text with odd characters has one problem per kind, naming the line.
fn json_lines(
    text: &str,
    result: &Result<(kumamoto_sme_budget::core::model::Budget, import::Kind), Vec<Message>>,
) -> Result<(), String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let problems: &[Message] = match result {
        Ok(_) => &[],
        Err(p) => p,
    };
    let mut wanted = 0;
    for (i, line) in text.split('\n').enumerate() {
        for found in expected(line) {
            wanted += 1;
            let m = found.message();
            let n = i + 1;
            let (en, ja) = (format!("line {n}: {}", m.en), format!("{n}行目：{}", m.ja));
            if !problems.iter().any(|p| p.en == en && p.ja == ja) {
                return Err(format!("json: line {n}: {found:?} not reported"));
            }
        }
    }
    let reported = problems.iter().filter(|p| is_odd_problem(p)).count();
    if reported != wanted {
        return Err(format!(
            "json: {reported} odd-character problems for {wanted} found"
        ));
    }
    Ok(())
}
