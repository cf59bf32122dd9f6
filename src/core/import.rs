//! Opening a budget file a person picked: JSON in the data contract or CSV (see `csv`). Decides
//! which, refuses what cannot be a budget file before any heavy work, and returns every problem.
//! Decoding Shift_JIS needs the platform (the browser's TextDecoder), so it is passed in.

use super::model::Budget;
use super::{csv, validate};

/// Files above this are refused before they are read (no budget list comes near it).
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// What kind of file it looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Json,
    Csv,
}

/// Refuses a file by its size alone, before reading it.
pub fn check_size(bytes: u64) -> Result<(), String> {
    if bytes > MAX_BYTES {
        Err(format!(
            "file: is {:.1} MB; budget files are at most {} MB",
            bytes as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ))
    } else {
        Ok(())
    }
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
) -> Result<(Budget, Kind), Vec<String>> {
    check_size(bytes.len() as u64).map_err(|e| vec![e])?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(vec![
            "file: contains binary data (NUL bytes): choose a JSON or CSV file".to_string(),
        ]);
    }
    let kind = kind(name, bytes);
    let result = match kind {
        Kind::Json => {
            let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
                .map_err(|_| {
                    vec!["file: is not UTF-8 text; JSON files must be UTF-8".to_string()]
                })?;
            validate::parse(text).map_err(|errors| errors.iter().map(ToString::to_string).collect())
        }
        Kind::Csv if std::str::from_utf8(bytes).is_err() && csv::looks_like_shift_jis(bytes) => {
            match decode_shift_jis(bytes) {
                Some(text) => csv::parse_text(&text),
                None => csv::parse(bytes), // its message explains how to save as UTF-8
            }
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
        }
        Kind::Csv => {
            csv::parse(bytes).map_err(|errors| errors.iter().map(ToString::to_string).collect())
        }
    };
    result.map(|b| (b, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{embedded_budget, export};

    fn no_decoder(_: &[u8]) -> Option<String> {
        None
    }

    #[test]
    fn json_and_csv_round_trip_through_read() {
        let b = embedded_budget().unwrap();
        let all: Vec<usize> = (0..b.measures.len()).collect();
        let (json, kind) = read("x.json", export::to_json(&b).as_bytes(), &no_decoder).unwrap();
        assert_eq!((json, kind), (b.clone(), Kind::Json));
        let (from_csv, kind) = read("x.csv", &csv::to_csv(&b, &all), &no_decoder).unwrap();
        assert_eq!(kind, Kind::Csv);
        assert_eq!(from_csv.measures, b.measures);
        // Content decides when the name does not.
        assert_eq!(super::kind("data", b"  {\"meta\""), Kind::Json);
        assert_eq!(super::kind("data", "番号,方向性".as_bytes()), Kind::Csv);
    }

    #[test]
    fn hostile_files_get_one_clear_message() {
        assert!(check_size(100 * 1024 * 1024)
            .unwrap_err()
            .contains("at most 20 MB"));
        let binary = read("x.csv", b"PK\x03\x04\0\0binary", &no_decoder).unwrap_err();
        assert_eq!(binary.len(), 1);
        assert!(binary[0].contains("binary"), "{binary:?}");
        let nested = read("x.json", "[".repeat(100_000).as_bytes(), &no_decoder).unwrap_err();
        assert!(
            nested[0].starts_with("file: is not valid JSON"),
            "{nested:?}"
        );
        let latin1 = read("x.json", b"{\"meta\": \"\xff\"}", &no_decoder).unwrap_err();
        assert!(latin1[0].contains("UTF-8"), "{latin1:?}");
    }

    #[test]
    fn shift_jis_is_decoded_by_the_platform() {
        // 「事業」 in Shift_JIS; the fake decoder stands for the browser's TextDecoder.
        let sjis = b"\x8e\x96\x8b\xc6";
        let decoded = |bytes: &[u8]| (bytes == sjis).then(|| "事業".to_string());
        let errors = read("x.csv", sjis, &decoded).unwrap_err();
        // Decoded, then parsed as CSV text: the complaint is about columns, not the encoding.
        assert!(
            errors.iter().all(|e| !e.contains("Shift_JIS")),
            "{errors:?}"
        );
        let refused = read("x.csv", sjis, &no_decoder).unwrap_err();
        assert!(refused[0].contains("Shift_JIS"), "{refused:?}");
    }
}
