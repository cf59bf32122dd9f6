//! The RFC 4180 splitter: text → records of raw cells. Written by hand because it must report
//! an unclosed quote (and text after a closing quote) by row and cell, and still read on.

use super::sniff::SPLIT_END;
use super::MAX_ROWS;
use crate::core::import::Progress;
use crate::core::lang::{message, Message};
use std::borrow::Cow;

pub(super) struct Record<'a> {
    /// From 1, as a spreadsheet numbers it.
    pub(super) row: usize,
    /// Borrowed from the text unless the splitter had to change a cell (`""` inside quotes): a
    /// large file is not copied cell by cell.
    pub(super) cells: Vec<Cow<'a, str>>,
}

impl Record<'_> {
    pub(super) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A syntax problem found while splitting: row, cell index, message.
pub(super) struct SyntaxProblem {
    pub(super) row: usize,
    pub(super) cell: usize,
    pub(super) message: Message,
}

pub(super) struct Split<'a> {
    pub(super) records: Vec<Record<'a>>,
    pub(super) problems: Vec<SyntaxProblem>,
    pub(super) too_many: bool,
}

/// RFC 4180 records. Never fails: an unclosed quote takes the rest of the file into its cell,
/// text after a closing quote is kept; both are reported.
pub(super) fn split_records<'a>(text: &'a str, progress: Progress) -> Split<'a> {
    let b = text.as_bytes();
    let share = |i: usize| (i as u64 * u64::from(SPLIT_END) / b.len().max(1) as u64) as u32;
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
        progress(share(i));
        let row = records.len() + 1;
        let mut cells: Vec<Cow<str>> = Vec::new();
        loop {
            let mut cell: Cow<str> = Cow::Borrowed("");
            if b.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    let Some(q) = b[i..].iter().position(|&c| c == b'"').map(|p| i + p) else {
                        append(&mut cell, &text[i..]);
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
                    append(&mut cell, &text[i..q]);
                    if b.get(q + 1) == Some(&b'"') {
                        cell.to_mut().push('"');
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
                    append(&mut cell, &text[i..end]);
                    i = end;
                }
            } else {
                let end = next_delimiter(i);
                cell = Cow::Borrowed(&text[i..end]);
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

/// `piece` after `cell`, still borrowed while it is the whole cell.
fn append<'a>(cell: &mut Cow<'a, str>, piece: &'a str) {
    if cell.is_empty() {
        *cell = Cow::Borrowed(piece);
    } else {
        cell.to_mut().push_str(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_records_(text: &str) -> Split<'_> {
        split_records(text, &mut |_| {})
    }
    use crate::core::csv::fixtures::*;
    use crate::core::csv::parse_text;

    #[test]
    fn splits_quoted_cells_per_rfc_4180() {
        let s =
            split_records_("a,\"b,c\",\"say \"\"hi\"\"\",\"\",x\"y\r\n\"multi\r\nline\",z\n,\n");
        assert!(s.problems.is_empty());
        let cells: Vec<&Vec<Cow<str>>> = s.records.iter().map(|r| &r.cells).collect();
        assert_eq!(cells[0], &["a", "b,c", "say \"hi\"", "", "x\"y"]);
        assert_eq!(cells[1], &["multi\r\nline", "z"]);
        assert_eq!(cells[2], &["", ""]);
        assert_eq!(s.records.len(), 3);
        assert_eq!(s.records[2].row, 3);
        // No final line break, and a lone CR as a record end.
        let s = split_records_("a,b\rc,d");
        assert_eq!(s.records.len(), 2);
        assert_eq!(s.records[1].cells, ["c", "d"]);
        assert!(split_records_("").records.is_empty());
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
        assert_eq!(b.lines[0].description, "第1段落。\n第2段落。\n第3段落。");
    }
}
