//! Opening a budget file a person picked: JSON in the data contract or CSV (see `csv`). Decides
//! which, refuses what cannot be a budget file before any heavy work, and returns every problem,
//! each as one line in Japanese and English (the UI shows the one it speaks). Decoding Shift_JIS
//! needs the platform (the browser's TextDecoder), so it is passed in.

use super::csv::{self, CsvError};
use super::lang::{message, Lang, Message};
use super::model::Budget;
use super::validate::{self, DataError};

/// Files above this are refused before they are read (no budget list comes near it). The one
/// size limit of an opened file: `csv::parse` refuses the same for callers that skip [`read`].
/// A `u64`, as a file's size is: lengths in memory are converted to `u64` (losslessly) to be
/// compared with it, never the limit to `usize`.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// What kind of file it looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Json,
    Csv,
}

/// Refuses a file by its size alone, before reading it.
pub fn check_size(bytes: u64) -> Result<(), Message> {
    if bytes > MAX_BYTES {
        let (size, max) = (
            super::decimal::fixed(bytes as f64 / 1_048_576.0, 1),
            MAX_BYTES / 1_048_576,
        );
        Err(message!(
            "file: is {size} MB; budget files are at most {max} MB",
            "ファイルが大きすぎます（{size} MB）。読み込めるのは {max} MB までです"
        ))
    } else {
        Ok(())
    }
}

/// The platform could not give the file's bytes.
pub fn unreadable() -> Message {
    message!("file: could not be read", "ファイルを読み取れませんでした")
}

/// JSON if the name says so or the content starts like JSON, else CSV. The content is looked at
/// past a byte order mark (UTF-8 or UTF-16) and NUL bytes (the other half of UTF-16 ASCII), so
/// that a UTF-16 file gets the advice for its kind.
pub fn kind(name: &str, bytes: &[u8]) -> Kind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        return Kind::Json;
    }
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        return Kind::Csv;
    }
    let text = [b"\xEF\xBB\xBF".as_slice(), b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .find_map(|bom| bytes.strip_prefix(*bom))
        .unwrap_or(bytes);
    match text.iter().find(|&&b| !b.is_ascii_whitespace() && b != 0) {
        Some(b'{') | Some(b'[') => Kind::Json,
        _ => Kind::Csv,
    }
}

/// How far reading a file has got, in thousandths of the work (0 to [`PROGRESS_END`]). Called
/// often (for a CSV file at every row), so it must be cheap: the caller shows only what changed.
pub type Progress<'a> = &'a mut dyn FnMut(u32);

/// The progress of a file read to its end.
pub const PROGRESS_END: u32 = 1000;

/// Reads a picked file. `decode_shift_jis` turns Shift_JIS bytes into text (the browser's
/// TextDecoder); `None` from it means the platform cannot, and the file is refused with advice.
pub fn read(
    name: &str,
    bytes: &[u8],
    decode_shift_jis: &dyn Fn(&[u8]) -> Option<String>,
) -> Result<(Budget, Kind), Vec<Message>> {
    read_with_progress(name, bytes, decode_shift_jis, &mut |_| {})
}

/// [`read`], telling `progress` how far it has got. A CSV file reports as its rows are split
/// and read; a JSON file is parsed in one step and reports only its end.
pub fn read_with_progress(
    name: &str,
    bytes: &[u8],
    decode_shift_jis: &dyn Fn(&[u8]) -> Option<String>,
    progress: Progress,
) -> Result<(Budget, Kind), Vec<Message>> {
    // Lossless: `usize` is at most 64 bits on every target.
    check_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX)).map_err(|e| vec![e])?;
    // Before the NUL check: UTF-16 text is full of NUL bytes, and deserves its own advice.
    if csv::looks_like_utf16(bytes) {
        return Err(match kind(name, bytes) {
            Kind::Csv => lines(&[csv::utf16_error()], CsvError::text),
            Kind::Json => vec![message!(
                "file: is UTF-16 text, not UTF-8; JSON files must be UTF-8: save it again with \
                 the encoding (文字コード) UTF-8",
                "文字コードが UTF-16 です。JSON のファイルは UTF-8 で保存し直してください"
            )],
        });
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(vec![message!(
            "file: contains binary data (NUL bytes): choose a JSON or CSV file",
            "バイナリデータを含んでいます。JSON か CSV のファイルを選んでください"
        )]);
    }
    let kind = kind(name, bytes);
    let result = match kind {
        Kind::Json => {
            let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
                .map_err(|_| {
                    vec![message!(
                        "file: is not UTF-8 text; JSON files must be UTF-8",
                        "文字コードが UTF-8 ではありません。JSON のファイルは UTF-8 で保存してください"
                    )]
                })?;
            let odd = odd_lines(text);
            match validate::parse(text) {
                Ok(budget) if odd.is_empty() => Ok(budget),
                Ok(_) => Err(odd),
                // The characters first: they may explain the rest.
                Err(errors) => Err([odd, lines(&errors, DataError::text)].concat()),
            }
        }
        Kind::Csv if std::str::from_utf8(bytes).is_err() && csv::looks_like_shift_jis(bytes) => {
            match decode_shift_jis(bytes) {
                Some(text) => csv::parse_text_with_progress(&text, progress),
                None => csv::parse(bytes), // its message explains how to save as UTF-8
            }
            .map_err(|errors| lines(&errors, CsvError::text))
        }
        Kind::Csv => csv::parse_with_progress(bytes, progress)
            .map_err(|errors| lines(&errors, CsvError::text)),
    };
    progress(PROGRESS_END);
    result.map(|b| (b, kind))
}

/// A character a decoded file should not hold. U+FFFD stands where the decoder met bytes that
/// are no character of the encoding (Shift_JIS `85 40`, a code nothing is assigned to, becomes
/// "�@"); a private-use character is a user-defined one (外字, Shift_JIS `F0 40` and on), which
/// other devices show as nothing or as another glyph. Either way the text is not what the
/// author saw, so a file holding one is refused, naming the place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Odd {
    Unreadable,
    PrivateUse,
}

impl Odd {
    pub fn of(c: char) -> Option<Odd> {
        match c {
            '\u{FFFD}' => Some(Odd::Unreadable),
            '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}' => {
                Some(Odd::PrivateUse)
            }
            _ => None,
        }
    }
}

/// The odd characters of one kind in one cell (CSV) or line (JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OddCharacters {
    pub kind: Odd,
    /// The first of them, and its place in the cell or line, in characters from 1.
    pub first: char,
    pub at: usize,
    /// How many of this kind the cell or line holds.
    pub count: usize,
}

/// At most this many cells or lines with odd characters are listed one by one; the next one
/// says how many more there are (a whole file of them would otherwise be millions of lines).
pub const ODD_LISTED: usize = 1000;

/// The odd characters of `text` (a cell or a line), one entry per kind, in order of first
/// appearance.
pub fn odd_characters(text: &str) -> Vec<OddCharacters> {
    let mut found: Vec<OddCharacters> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let Some(kind) = Odd::of(c) else { continue };
        match found.iter_mut().find(|f| f.kind == kind) {
            Some(f) => f.count += 1,
            None => found.push(OddCharacters {
                kind,
                first: c,
                at: i + 1,
                count: 1,
            }),
        }
    }
    found
}

impl OddCharacters {
    /// What is wrong, for a place the caller names (`row 3, column "事業名": …`).
    pub fn message(&self) -> Message {
        let (at, code) = (self.at, format!("U+{:04X}", u32::from(self.first)));
        let (more, more_ja) = match self.count - 1 {
            0 => (String::new(), String::new()),
            n => (format!(" and {n} more"), format!("ほか{n}か所")),
        };
        match self.kind {
            Odd::Unreadable => message!(
                "has a character that could not be read ({code}, shown as �) at character \
                 {at}{more}: the file holds bytes that are no character in its encoding (in \
                 Shift_JIS, a code nothing is assigned to); correct the text and save it again",
                "読み取れない文字（{code}、「�」と表示）が{at}文字目{more_ja}にあります。\
                 ファイルに、文字コードで文字にならないバイト（Shift_JIS で文字の割り当てのない\
                 符号など）が含まれています。文字を直して保存し直してください"
            ),
            Odd::PrivateUse => message!(
                "has a private-use character ({code}, a user-defined character, 外字) at \
                 character {at}{more}: other devices show it as nothing or as another character; \
                 replace it with ordinary characters",
                "外字（私用領域の文字 {code}）が{at}文字目{more_ja}にあります。ほかの端末では\
                 表示されないか、別の文字になります。通常の文字に置き換えてください"
            ),
        }
    }

    /// Said of the first place beyond [`ODD_LISTED`]: it and `more` further places.
    pub fn beyond_listed(more: usize) -> Message {
        let listed = ODD_LISTED;
        message!(
            "holds such characters too, and so do {more} more places after it; only the first \
             {listed} are listed",
            "ここにも読み取れない文字か外字があり、このあとにも{more}か所あります（一覧は最初の{listed}か所までです）"
        )
    }
}

/// The odd characters of a JSON text, by line (from 1) and character.
fn odd_lines(text: &str) -> Vec<Message> {
    let mut out = Vec::new();
    let mut places = 0;
    for (i, line) in text.split('\n').enumerate() {
        let found = odd_characters(line);
        if found.is_empty() {
            continue;
        }
        places += 1;
        let n = i + 1;
        let at_line = |m: Message| Message {
            en: format!("line {n}: {}", m.en),
            ja: format!("{n}行目：{}", m.ja),
        };
        if places > ODD_LISTED {
            let rest = text.split('\n').skip(i + 1);
            let more = rest
                .filter(|l| l.chars().any(|c| Odd::of(c).is_some()))
                .count();
            out.push(at_line(OddCharacters::beyond_listed(more)));
            break;
        }
        out.extend(found.iter().map(|f| at_line(f.message())));
    }
    out
}

/// Each problem as its line in both languages.
fn lines<E>(errors: &[E], text: fn(&E, Lang) -> String) -> Vec<Message> {
    errors
        .iter()
        .map(|e| Message {
            ja: text(e, Lang::Ja),
            en: text(e, Lang::En),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{embedded_budget, export, lang};

    fn no_decoder(_: &[u8]) -> Option<String> {
        None
    }

    /// Every progress report of reading `bytes` as `name`.
    fn reports(name: &str, bytes: &[u8]) -> Vec<u32> {
        let mut seen = Vec::new();
        let read = read_with_progress(name, bytes, &no_decoder, &mut |p| seen.push(p));
        assert_eq!(
            read.is_ok(),
            read_with_progress(name, bytes, &no_decoder, &mut |_| {}).is_ok()
        );
        seen
    }

    #[test]
    fn a_csv_file_reports_its_progress_in_order_up_to_the_end() {
        let b = crate::core::synthetic::generate(2_000, 4);
        let all: Vec<usize> = (0..b.lines.len()).collect();
        let seen = reports("big.csv", &csv::to_csv(&b, &all));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "never backwards");
        assert_eq!(seen.last(), Some(&PROGRESS_END));
        // Both phases report on the way: splitting (by bytes) and reading rows (by rows).
        let between = |lo: u32, hi: u32| seen.iter().filter(|&&p| lo < p && p < hi).count();
        assert!(between(0, csv::SPLIT_END) > 100, "{seen:?}");
        assert!(between(csv::SPLIT_END, csv::ROWS_END) > 100, "{seen:?}");
        // A file with problems ends too; a JSON file reports its end.
        assert_eq!(reports("bad.csv", b"id\n1").last(), Some(&PROGRESS_END));
        let json = export::to_json(&embedded_budget().unwrap());
        assert_eq!(reports("b.json", json.as_bytes()), vec![PROGRESS_END]);
    }

    #[test]
    fn json_and_csv_round_trip_through_read() {
        let b = embedded_budget().unwrap();
        let all: Vec<usize> = (0..b.lines.len()).collect();
        let (json, kind) = read("x.json", export::to_json(&b).as_bytes(), &no_decoder).unwrap();
        assert_eq!((json, kind), (b.clone(), Kind::Json));
        let (from_csv, kind) = read("x.csv", &csv::to_csv(&b, &all), &no_decoder).unwrap();
        assert_eq!(kind, Kind::Csv);
        assert_eq!(from_csv.lines, b.lines);
        // Content decides when the name does not.
        assert_eq!(super::kind("data", b"  {\"meta\""), Kind::Json);
        assert_eq!(super::kind("data", "番号,方向性".as_bytes()), Kind::Csv);
    }

    #[test]
    fn hostile_files_get_one_clear_message() {
        assert!(check_size(100 * 1024 * 1024)
            .unwrap_err()
            .en
            .contains("at most 20 MB"));
        let binary = read("x.csv", b"PK\x03\x04\0\0binary", &no_decoder).unwrap_err();
        assert_eq!(binary.len(), 1);
        assert!(binary[0].en.contains("binary"), "{binary:?}");
        let nested = read("x.json", "[".repeat(100_000).as_bytes(), &no_decoder).unwrap_err();
        assert!(
            nested[0].en.starts_with("file: is not valid JSON"),
            "{nested:?}"
        );
        let latin1 = read("x.json", b"{\"meta\": \"\xff\"}", &no_decoder).unwrap_err();
        assert!(latin1[0].en.contains("UTF-8"), "{latin1:?}");
    }

    const HEADER: &str =
        "番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,事業概要";

    /// The Japanese lines of a file's problems, each checked for Japanese and English wording.
    fn japanese(name: &str, bytes: &[u8]) -> Vec<String> {
        let problems = read(name, bytes, &no_decoder).unwrap_err();
        assert!(!problems.is_empty(), "{name}");
        for p in &problems {
            lang::assert_japanese(&p.ja, &p.en);
        }
        problems.into_iter().map(|p| p.ja).collect()
    }

    #[test]
    fn every_problem_is_also_in_japanese() {
        // What a person sees, word for word, for the commonest mistakes.
        assert_eq!(
            check_size(100 * 1024 * 1024).unwrap_err().ja,
            "ファイルが大きすぎます（100.0 MB）。読み込めるのは 20 MB までです"
        );
        let formula = format!("{HEADER}\r\n1-1,1,D,1,I,1,=CMD(\"calc\"),X課,-5,d\r\n");
        assert_eq!(
            japanese("x.csv", formula.as_bytes()),
            [
                "2行目・列「事業名」：数式として解釈されるおそれのある値です（=CMD(\"calc\")）。先頭の = を外すか、先頭に ' を付けてください",
                "2行目・列「予算額（千円）」：0以上の整数（千円）で書いてください（見つかった値：-5）",
            ]
        );
        assert_eq!(
            japanese("x.json", b"{\"meta\": {\"title\": "),
            ["JSON として読み取れません（1行目 19桁目：ファイルが途中で終わっています）"]
        );
        // Columns count characters, not bytes: the x is the 8th character (the 12th byte).
        assert_eq!(
            japanese("x.json", "{\"題名\": x}".as_bytes()),
            ["JSON として読み取れません（1行目 8桁目：書き方に誤りがあります）"]
        );
        // Every other kind of whole-file problem, and a wrong header.
        let mut sjis = b"id,".to_vec();
        sjis.extend([0x8E, 0x96, 0x8B, 0xC6]);
        let hostile: [(&str, &[u8]); 13] = [
            (
                "huge.json",
                &vec![b' '; usize::try_from(MAX_BYTES + 1).unwrap()],
            ),
            ("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ("nested.json", &b"[".repeat(200_000)),
            ("latin1.json", b"{\"meta\": \"\xff\"}"),
            ("list.json", b"[1, 2]"),
            ("empty.csv", b""),
            ("sjis.csv", &sjis),
            ("other.csv", b"id\nabc\n\xFF\xFF"),
            ("book.csv", b"PK\x03\x04rest"),
            ("utf16.csv", b"\xFF\xFEi\x00d\x00"),
            ("json.csv", b"{\"meta\": {}}"),
            ("tabs.csv", "番号\t事業名\n1-1\tA\n".as_bytes()),
            ("header.csv", b"id,name,colour,name\n1-1,A,red,B\n"),
        ];
        for (name, bytes) in hostile {
            japanese(name, bytes);
        }
        assert_eq!(
            japanese("sjis.csv", &sjis),
            ["文字コードが Shift_JIS（Excel の「CSV (コンマ区切り)」）のようですが、この環境では読み取れません。Excel の「名前を付けて保存」で、ファイルの種類を「CSV UTF-8 (コンマ区切り) (*.csv)」にして保存し直してください"]
        );
        assert_eq!(
            japanese("picture.png", b"\x89PNG\0"),
            ["バイナリデータを含んでいます。JSON か CSV のファイルを選んでください"]
        );
        assert_eq!(
            japanese("nested.json", &b"[".repeat(200_000))[0],
            "JSON として読み取れません（1行目 128桁目：入れ子が深すぎます）"
        );
        assert_eq!(
            japanese("header.csv", b"id,name,colour,name\n1-1,A,red,B\n")[..2],
            [
                "1行目・列「colour」：この名前の列は使えません（使える列：番号、方向性、方向性名、取組、取組名、項番、事業名、担当課、予算額（千円）、重点、新規、コロナ、再掲元、事業概要）",
                "1行目・列「name」：B列とD列の2つあります（どちらも「事業名」の列です）",
            ]
        );
    }

    /// The bad-file fixtures of tests/validation.rs (whose English lines it checks word for word):
    /// every problem names its item and field in Japanese too.
    #[test]
    fn the_bad_fixtures_name_item_and_field_in_japanese() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                if let Err(errors) = validate::parse(&std::fs::read_to_string(&path).unwrap()) {
                    errors.iter().for_each(validate::assert_japanese_line);
                    checked += errors.len();
                }
            }
        }
        assert!(checked >= 15, "{checked} problems in {dir}");
        let example =
            validate::parse(&std::fs::read_to_string(format!("{dir}/bad_amounts.json")).unwrap())
                .unwrap_err();
        assert_eq!(
            example[1].text(Lang::Ja),
            "事業 3-2・項目「budget」：0以上の整数（千円）で書いてください（見つかった値：-578800）"
        );
    }

    const ENGLISH_HEADER: &str =
        "id,direction,direction_title,initiative,initiative_title,number,name,departments,budget,description";

    /// A one-line CSV file whose name and description are given, as bytes and as the text the
    /// browser's TextDecoder('shift_jis') makes of them.
    fn sjis_file(
        name: &[u8],
        name_text: &str,
        description: &[u8],
        description_text: &str,
    ) -> (Vec<u8>, String) {
        let (head, mid, tail) = (
            format!("{ENGLISH_HEADER}\r\n1-1,1,D,1,I,1,"),
            ",X,10,",
            "\r\n",
        );
        let bytes = [
            head.as_bytes(),
            name,
            mid.as_bytes(),
            description,
            tail.as_bytes(),
        ]
        .concat();
        (
            bytes,
            format!("{head}{name_text}{mid}{description_text}{tail}"),
        )
    }

    #[test]
    fn shift_jis_codes_without_a_character_or_user_defined_are_problems_of_their_cell() {
        // 85 40 85 41: codes nothing is assigned to, which TextDecoder makes "�@�A"; F0 40: the
        // first user-defined code (外字), U+E000.
        let (bytes, text) = sjis_file(
            b"\x85\x40\x85\x41",
            "\u{FFFD}@\u{FFFD}A",
            b"ab\xF0\x40",
            "ab\u{E000}",
        );
        assert!(csv::looks_like_shift_jis(&bytes));
        let decoder = |b: &[u8]| (b == bytes.as_slice()).then(|| text.clone());
        let problems = read("x.csv", &bytes, &decoder).unwrap_err();
        let en: Vec<&str> = problems.iter().map(|p| p.en.as_str()).collect();
        assert_eq!(
            en,
            [
                "row 2, column \"name\": has a character that could not be read (U+FFFD, shown as �) at character 1 and 1 more: the file holds bytes that are no character in its encoding (in Shift_JIS, a code nothing is assigned to); correct the text and save it again",
                "row 2, column \"description\": has a private-use character (U+E000, a user-defined character, 外字) at character 3: other devices show it as nothing or as another character; replace it with ordinary characters",
            ]
        );
        let ja: Vec<&str> = problems.iter().map(|p| p.ja.as_str()).collect();
        assert_eq!(
            ja,
            [
                "2行目・列「name」：読み取れない文字（U+FFFD、「�」と表示）が1文字目ほか1か所にあります。ファイルに、文字コードで文字にならないバイト（Shift_JIS で文字の割り当てのない符号など）が含まれています。文字を直して保存し直してください",
                "2行目・列「description」：外字（私用領域の文字 U+E000）が3文字目にあります。ほかの端末では表示されないか、別の文字になります。通常の文字に置き換えてください",
            ]
        );
        for p in &problems {
            lang::assert_japanese(&p.ja, &p.en);
        }
        // The same file with ordinary characters loads.
        let (bytes, text) = sjis_file(b"\x8e\x96\x8b\xc6", "事業", b"ab", "ab");
        let decoder = |b: &[u8]| (b == bytes.as_slice()).then(|| text.clone());
        assert_eq!(
            read("x.csv", &bytes, &decoder).unwrap().0.lines[0].name,
            "事業"
        );
    }

    #[test]
    fn odd_characters_in_a_json_file_are_problems_of_their_line() {
        let b = embedded_budget().unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&export::to_json(&b)).unwrap();
        v["projects"][2]["name"] = serde_json::json!("A\u{FFFD}B");
        v["meta"]["note"] = serde_json::json!("\u{F8FF}\u{100000}");
        let text = serde_json::to_string_pretty(&v).unwrap();
        let line_of = |needle: &str| 1 + text[..text.find(needle).unwrap()].matches('\n').count();
        let (name_line, note_line) = (line_of("A\u{FFFD}B"), line_of("\u{F8FF}"));
        let problems = read("x.json", text.as_bytes(), &no_decoder).unwrap_err();
        // Where each is on its line, in characters from 1.
        let at = |line: usize, c: char| {
            1 + text
                .split('\n')
                .nth(line - 1)
                .unwrap()
                .chars()
                .position(|x| x == c)
                .unwrap()
        };
        let (name_at, note_at) = (at(name_line, '\u{FFFD}'), at(note_line, '\u{F8FF}'));
        let mut expected = [
            (note_line, format!("has a private-use character (U+F8FF, a user-defined character, 外字) at character {note_at} and 1 more:")),
            (name_line, format!("has a character that could not be read (U+FFFD, shown as �) at character {name_at}:")),
        ];
        expected.sort();
        assert_eq!(problems.len(), 2, "{problems:?}");
        for (p, (line, start)) in problems.iter().zip(expected) {
            assert!(p.en.starts_with(&format!("line {line}: {start}")), "{p:?}");
            assert!(p.ja.starts_with(&format!("{line}行目：")), "{p:?}");
            lang::assert_japanese(&p.ja, &p.en);
        }
    }

    /// `text` in UTF-16, little- or big-endian, with or without a byte order mark.
    fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        units
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_files_get_the_utf16_advice_not_binary() {
        let b = embedded_budget().unwrap();
        let all: Vec<usize> = (0..b.lines.len()).collect();
        let csv_text = String::from_utf8(csv::to_csv(&b, &all)).unwrap();
        let json_text = export::to_json(&b);
        for (little, bom) in [(true, true), (true, false), (false, true), (false, false)] {
            for name in ["x.csv", "data"] {
                let problems = read(name, &utf16(&csv_text, little, bom), &no_decoder).unwrap_err();
                assert_eq!(problems.len(), 1, "{name} {little} {bom}: {problems:?}");
                assert!(problems[0].en.starts_with("file: is UTF-16 text (Excel's 「Unicode テキスト」), not UTF-8 CSV: in Excel use 名前を付けて保存"), "{problems:?}");
                assert!(problems[0]
                    .ja
                    .starts_with("文字コードが UTF-16（Excel の「Unicode テキスト」）です。"));
            }
            for name in ["x.json", "data"] {
                let problems =
                    read(name, &utf16(&json_text, little, bom), &no_decoder).unwrap_err();
                assert_eq!(
                    problems,
                    [message!(
                        "file: is UTF-16 text, not UTF-8; JSON files must be UTF-8: save it again with the encoding (文字コード) UTF-8",
                        "文字コードが UTF-16 です。JSON のファイルは UTF-8 で保存し直してください"
                    )],
                    "{name} {little} {bom}"
                );
            }
        }
        // Binary files are still binary: NUL bytes on both sides, or in runs.
        for binary in [
            b"PK\x03\x04\0\0binary".as_slice(),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            b"a\0\0\0b\0c\0",
        ] {
            assert!(!csv::looks_like_utf16(binary), "{binary:?}");
            assert!(read("x.csv", binary, &no_decoder).unwrap_err()[0]
                .en
                .contains("binary"));
        }
    }

    #[test]
    fn shift_jis_is_decoded_by_the_platform() {
        // 「事業」 in Shift_JIS; the fake decoder stands for the browser's TextDecoder.
        let sjis = b"\x8e\x96\x8b\xc6";
        let decoded = |bytes: &[u8]| (bytes == sjis).then(|| "事業".to_string());
        let errors = read("x.csv", sjis, &decoded).unwrap_err();
        // Decoded, then parsed as CSV text: the complaint is about columns, not the encoding.
        assert!(
            errors.iter().all(|e| !e.en.contains("Shift_JIS")),
            "{errors:?}"
        );
        let refused = read("x.csv", sjis, &no_decoder).unwrap_err();
        assert!(refused[0].en.contains("Shift_JIS"), "{refused:?}");
    }
}
