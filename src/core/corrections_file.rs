//! The corrections file: a person's corrections of a comparison's matching (issue 17), saved
//! beside the link when there are more than a link carries (`view_state::MAX_CORRECTIONS`), and
//! opened again later. A few lines of text, read by hand here (the app's module has no JSON or
//! CSV parser), refusing anything else with a message in both languages:
//!
//! ```text
//! # comments and blank lines are skipped
//! budget-corrections 1
//! earlier 令和四年度 事業一覧（架空の前年度）
//! later 令和五年度 事業一覧
//! pair 8-5 3-6
//! unpair 4-5 4-5
//! ```
//!
//! The first line that is not a comment names the format and its version. `earlier` and `later`
//! (optional, once each) are the two lists' titles, so that a file saved before the sides were
//! swapped is read the right way round. `pair` and `unpair` take a line id of the earlier list,
//! then one of the later list, as the link's `fix=` does. UTF-8 (a byte-order mark is allowed),
//! LF or CRLF, at most `MAX_FILE_BYTES` and `MAX_FILE_CORRECTIONS`.

use super::compare::Correction;
use super::lang::{message, Message};
use super::model::LineId;

/// The first line of every corrections file.
pub const HEADER: &str = "budget-corrections 1";
/// The largest file opened (about 20 bytes a correction: room for every correction and titles).
pub const MAX_FILE_BYTES: usize = 64 * 1024;
/// Most corrections a file (and the state) holds: far more than anyone pairs by hand.
pub const MAX_FILE_CORRECTIONS: usize = 2_000;
/// Problems listed before the reading stops.
const MAX_PROBLEMS: usize = 10;

/// What a corrections file holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorrectionsFile {
    /// The titles of the earlier and the later list when saved (`title_text` of each).
    pub earlier: Option<String>,
    pub later: Option<String>,
    pub corrections: Vec<Correction>,
}

impl CorrectionsFile {
    /// The corrections for a comparison of `earlier` with `later` (titles): swapped when the file
    /// was saved with the sides the other way round, else as saved.
    pub fn corrections_for(&self, earlier: &str, later: &str) -> Vec<Correction> {
        let (e, l) = (title_text(earlier), title_text(later));
        let swapped = e != l
            && self.earlier.as_deref() == Some(l.as_str())
            && self.later.as_deref() == Some(e.as_str());
        if !swapped {
            return self.corrections.clone();
        }
        self.corrections.iter().map(|&c| swap(c)).collect()
    }
}

/// A correction with its sides exchanged (the earlier list became the later one).
pub fn swap(c: Correction) -> Correction {
    match c {
        Correction::Pair { before, after } => Correction::Pair {
            before: after,
            after: before,
        },
        Correction::Unpair { before, after } => Correction::Unpair {
            before: after,
            after: before,
        },
    }
}

/// A title as the file keeps it: on one line (control characters as spaces), trimmed.
pub fn title_text(title: &str) -> String {
    let one_line: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    one_line.trim().to_string()
}

/// The file for `corrections` between the lists titled `earlier` and `later`.
pub fn format(earlier: &str, later: &str, corrections: &[Correction]) -> String {
    let mut out = String::from(
        "# 予算エクスプローラー：比較の修正（手で組んだ対・外した対）\n\
         # Budget explorer: corrections of a comparison (pairs made or undone by hand)\n",
    );
    out.push_str(HEADER);
    out.push('\n');
    for (key, title) in [("earlier", earlier), ("later", later)] {
        let t = title_text(title);
        if !t.is_empty() {
            out.push_str(&format!("{key} {t}\n"));
        }
    }
    for c in corrections {
        let (word, before, after) = match c {
            Correction::Pair { before, after } => ("pair", before, after),
            Correction::Unpair { before, after } => ("unpair", before, after),
        };
        out.push_str(&format!("{word} {before} {after}\n"));
    }
    out
}

/// Why a file of `size` bytes is not read (checked before reading it), if it is too big.
pub fn size_problem(size: u64) -> Option<Message> {
    let max = MAX_FILE_BYTES;
    (size > max as u64).then(|| {
        message!(
            "The file is {size} bytes; a corrections file is at most {max} bytes.",
            "ファイルが{size}バイトあります。修正のファイルは{max}バイトまでです。",
        )
    })
}

/// The corrections once a file is opened: the file's, then those made here that it lacks (a
/// link's first ones are the file's first ones), at most `MAX_FILE_CORRECTIONS`.
pub fn merge(from_file: &[Correction], here: &[Correction]) -> Vec<Correction> {
    let mut out: Vec<Correction> = Vec::with_capacity(from_file.len() + here.len());
    for &c in from_file.iter().chain(here) {
        if !out.contains(&c) && out.len() < MAX_FILE_CORRECTIONS {
            out.push(c);
        }
    }
    out
}

/// Reads a corrections file, or says what is wrong with it (each problem with its line number,
/// at most `MAX_PROBLEMS`). A correction given twice is kept once.
pub fn parse(bytes: &[u8]) -> Result<CorrectionsFile, Vec<Message>> {
    if let Some(too_big) = size_problem(bytes.len() as u64) {
        return Err(vec![too_big]);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![message!(
            "The file is not UTF-8 text: it is not a corrections file.",
            "ファイルがUTF-8のテキストではありません。修正のファイルではありません。",
        )]);
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut file = CorrectionsFile::default();
    let mut problems = Vec::new();
    let mut seen_header = false;
    let mut seen = std::collections::HashSet::new();
    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if problems.len() == MAX_PROBLEMS {
            problems.push(message!(
                "More problems follow; reading stopped at line {n}.",
                "ほかにも問題があります。{n}行目で読むのをやめました。",
            ));
            break;
        }
        if !seen_header {
            if line.trim_end() == HEADER {
                seen_header = true;
                continue;
            }
            // Nothing else is read from a file that does not say what it is.
            return Err(vec![message!(
                "Line {n}: a corrections file starts with “{HEADER}”: this is not one (or a newer version).",
                "{n}行目：修正のファイルは「{HEADER}」で始まります。このファイルは違います（または新しい版です）。",
            )]);
        }
        let (word, rest) = line.split_once([' ', '\t']).unwrap_or((line, ""));
        match word {
            "earlier" | "later" => {
                let slot = if word == "earlier" {
                    &mut file.earlier
                } else {
                    &mut file.later
                };
                if slot.is_some() {
                    problems.push(message!(
                        "Line {n}: “{word}” is given twice.",
                        "{n}行目：「{word}」が2回あります。",
                    ));
                } else {
                    *slot = Some(title_text(rest));
                }
            }
            "pair" | "unpair" => {
                let ids: Vec<&str> = rest.split([' ', '\t']).filter(|s| !s.is_empty()).collect();
                let parsed = match ids[..] {
                    [b, a] => LineId::parse(b).zip(LineId::parse(a)),
                    _ => None,
                };
                let Some((before, after)) = parsed else {
                    problems.push(message!(
                        "Line {n}: “{word}” takes two line ids (the earlier list's, then the later list's), such as 8-5 3-6.",
                        "{n}行目：「{word}」には行の番号を2つ（前の一覧の番号、後の一覧の番号の順。例：8-5 3-6）書きます。",
                    ));
                    continue;
                };
                let c = if word == "pair" {
                    Correction::Pair { before, after }
                } else {
                    Correction::Unpair { before, after }
                };
                if !seen.insert(c) {
                    continue;
                }
                if file.corrections.len() == MAX_FILE_CORRECTIONS {
                    let max = MAX_FILE_CORRECTIONS;
                    problems.push(message!(
                        "Line {n}: more than {max} corrections; a corrections file holds at most {max}.",
                        "{n}行目：修正が{max}件を超えています。修正のファイルは{max}件までです。",
                    ));
                    break;
                }
                file.corrections.push(c);
            }
            _ => problems.push(message!(
                "Line {n}: a line starts with pair, unpair, earlier, later or # (a comment).",
                "{n}行目：行は pair、unpair、earlier、later、#（注記）のどれかで始まります。",
            )),
        }
    }
    if !seen_header {
        return Err(vec![message!(
            "The file is empty: a corrections file starts with “{HEADER}”.",
            "ファイルが空です。修正のファイルは「{HEADER}」で始まります。",
        )]);
    }
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::assert_japanese;
    use crate::core::model::InitiativeId;
    use proptest::prelude::*;

    fn id(s: &str) -> LineId {
        LineId::parse(s).unwrap()
    }

    fn refused(bytes: &[u8]) -> Vec<Message> {
        let problems = parse(bytes).expect_err("refused");
        assert!(!problems.is_empty());
        for p in &problems {
            assert_japanese(&p.ja, &p.en);
            assert!(!p.en.is_empty());
        }
        problems
    }

    #[test]
    fn reads_what_it_writes() {
        let list = vec![
            Correction::Pair {
                before: id("8-5"),
                after: id("3-6"),
            },
            Correction::Unpair {
                before: id("4-5"),
                after: id("4-5"),
            },
        ];
        let text = format("令和四年度（架空）", "令和五年度\n事業一覧", &list);
        assert!(text.contains("\npair 8-5 3-6\nunpair 4-5 4-5\n"), "{text}");
        assert!(
            text.contains("\nlater 令和五年度 事業一覧\n"),
            "one line: {text}"
        );
        let file = parse(text.as_bytes()).unwrap();
        assert_eq!(file.corrections, list);
        assert_eq!(file.earlier.as_deref(), Some("令和四年度（架空）"));
    }

    #[test]
    fn tolerates_a_bom_crlf_comments_blank_lines_tabs_and_repeats() {
        let text = "\u{FEFF}# saved\r\n\r\nbudget-corrections 1\r\npair\t1-2  3-4\r\n  \r\npair 1-2 3-4\r\n";
        let file = parse(text.as_bytes()).unwrap();
        assert_eq!(
            file.corrections,
            vec![Correction::Pair {
                before: id("1-2"),
                after: id("3-4")
            }]
        );
        assert_eq!(file.earlier, None);
    }

    #[test]
    fn a_file_opened_goes_first_and_keeps_what_was_made_here() {
        let p = |n: u16| Correction::Pair {
            before: LineId {
                initiative: InitiativeId(1),
                number: n,
            },
            after: LineId {
                initiative: InitiativeId(2),
                number: n,
            },
        };
        let file: Vec<_> = (1..=30).map(p).collect();
        // A link's 24, and one more made since.
        let here: Vec<_> = (1..=24).map(p).chain([p(99)]).collect();
        let merged = merge(&file, &here);
        assert_eq!(merged.len(), 31);
        assert_eq!(merged[..30], file[..]);
        assert_eq!(merged[30], p(99));
        let huge: Vec<_> = (1..=3000).map(p).collect();
        assert_eq!(merge(&huge, &[]).len(), MAX_FILE_CORRECTIONS);
        assert!(size_problem(MAX_FILE_BYTES as u64).is_none());
        assert!(size_problem(u64::MAX).is_some());
    }

    #[test]
    fn swaps_a_file_saved_with_the_sides_the_other_way() {
        let list = vec![Correction::Pair {
            before: id("8-5"),
            after: id("3-6"),
        }];
        let file = parse(format("A", "B", &list).as_bytes()).unwrap();
        assert_eq!(file.corrections_for("A", "B"), list);
        assert_eq!(
            file.corrections_for("B", "A"),
            vec![Correction::Pair {
                before: id("3-6"),
                after: id("8-5")
            }]
        );
        // Unknown or equal titles: as saved.
        assert_eq!(file.corrections_for("C", "A"), list);
        let same = parse(format("A", "A", &list).as_bytes()).unwrap();
        assert_eq!(same.corrections_for("A", "A"), list);
    }

    #[test]
    fn refuses_hostile_files_with_a_clear_message() {
        // Not this format at all: a budget file, a picture, nothing.
        let p = refused(br#"{"meta": {"title": "x"}}"#);
        assert!(
            p[0].en.contains("Line 1") && p[0].ja.contains("1行目"),
            "{p:?}"
        );
        assert_eq!(p.len(), 1);
        refused(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        let p = refused(b"");
        assert!(p[0].en.contains("empty"));
        refused(b"# only a comment\n");
        // A newer version is not guessed at.
        refused(b"budget-corrections 2\npair 1-1 1-1\n");
        // Too big, before anything is read.
        let big = vec![b'#'; MAX_FILE_BYTES + 1];
        let p = refused(&big);
        assert!(p[0].en.contains(&MAX_FILE_BYTES.to_string()));
        // Not UTF-8 (Shift_JIS of 修正).
        refused(b"budget-corrections 1\n\x8f\x43\x90\xb3\n");
        // Bad lines, each named by its number.
        let p = refused(
            b"budget-corrections 1\npair 1-1\npair 01-1 2-2\nunpair 1-1 2-2 3-3\n=CMD()\nearlier a\nearlier b\npair 1-1 2-2\n",
        );
        let lines: Vec<&str> = p.iter().map(|m| m.en.split(':').next().unwrap()).collect();
        assert_eq!(
            lines,
            ["Line 2", "Line 3", "Line 4", "Line 5", "Line 7"],
            "{p:?}"
        );
        // Many bad lines: a short list, and the reading stops.
        let many = format!("{HEADER}\n{}", "x\n".repeat(10_000));
        let p = refused(many.as_bytes());
        assert_eq!(p.len(), MAX_PROBLEMS + 1);
        // More corrections than a file holds.
        let mut too_many = format!("{HEADER}\n");
        for n in 1..=MAX_FILE_CORRECTIONS + 1 {
            too_many.push_str(&format!("pair 1-{n} 2-{n}\n"));
        }
        assert!(too_many.len() <= MAX_FILE_BYTES);
        let p = refused(too_many.as_bytes());
        assert!(p[0].en.contains("more than 2000"), "{p:?}");
    }

    fn arb_correction() -> impl Strategy<Value = Correction> {
        let id = (1u8..=255, 1u16..=u16::MAX).prop_map(|(i, n)| LineId {
            initiative: InitiativeId(i),
            number: n,
        });
        (any::<bool>(), id.clone(), id).prop_map(|(pair, before, after)| {
            if pair {
                Correction::Pair { before, after }
            } else {
                Correction::Unpair { before, after }
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn format_then_parse_round_trips(
            list in prop::collection::vec(arb_correction(), 0..300),
            earlier in ".{0,40}",
            later in ".{0,40}",
        ) {
            let text = format(&earlier, &later, &list);
            let file = parse(text.as_bytes()).unwrap();
            // Repeats are kept once, in their first place.
            let mut unique = Vec::new();
            for c in &list {
                if !unique.contains(c) {
                    unique.push(*c);
                }
            }
            prop_assert_eq!(&file.corrections, &unique);
            let titled = |t: &str| Some(title_text(t)).filter(|t| !t.is_empty());
            prop_assert_eq!(file.earlier, titled(&earlier));
            prop_assert_eq!(file.later, titled(&later));
        }

        #[test]
        fn any_bytes_are_read_or_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let mut with_header = HEADER.as_bytes().to_vec();
            with_header.push(b'\n');
            with_header.extend(&bytes);
            for input in [&bytes[..], &with_header[..]] {
                match parse(input) {
                    Ok(file) => prop_assert!(file.corrections.len() <= MAX_FILE_CORRECTIONS),
                    Err(problems) => prop_assert!(!problems.is_empty() && problems.len() <= MAX_PROBLEMS + 1),
                }
            }
        }
    }
}
