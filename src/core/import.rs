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
            format!("{:.1}", bytes as f64 / 1_048_576.0),
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

/// JSON if the name says so or the content starts like JSON, else CSV.
pub fn kind(name: &str, bytes: &[u8]) -> Kind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        return Kind::Json;
    }
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        return Kind::Csv;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') | Some(b'[') => Kind::Json,
        _ => Kind::Csv,
    }
}

/// Reads a picked file. `decode_shift_jis` turns Shift_JIS bytes into text (the browser's
/// TextDecoder); `None` from it means the platform cannot, and the file is refused with advice.
pub fn read(
    name: &str,
    bytes: &[u8],
    decode_shift_jis: &dyn Fn(&[u8]) -> Option<String>,
) -> Result<(Budget, Kind), Vec<Message>> {
    // Lossless: `usize` is at most 64 bits on every target.
    check_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX)).map_err(|e| vec![e])?;
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
            validate::parse(text).map_err(|errors| lines(&errors, DataError::text))
        }
        Kind::Csv if std::str::from_utf8(bytes).is_err() && csv::looks_like_shift_jis(bytes) => {
            match decode_shift_jis(bytes) {
                Some(text) => csv::parse_text(&text),
                None => csv::parse(bytes), // its message explains how to save as UTF-8
            }
            .map_err(|errors| lines(&errors, CsvError::text))
        }
        Kind::Csv => csv::parse(bytes).map_err(|errors| lines(&errors, CsvError::text)),
    };
    result.map(|b| (b, kind))
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
