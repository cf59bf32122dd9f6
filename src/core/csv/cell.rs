//! The grammar of one cell: trimmed, width-folded where it is not text, formulas refused unless
//! written with a `'` in front; each kind of cell (text, departments, number, amount, mark, id,
//! date) to its value or a [`Message`] saying what was found and what is expected.

use super::{DEPARTMENT_SEPARATOR, FORMULA_START, KEY, NEW};
use crate::core::lang::{message, Message};
use crate::core::model::LineId;

/// Full-width ASCII (U+FF01–FF5E) and the ideographic space to ASCII.
pub(super) fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
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
/// dropped. So is `'` before a tab or a line break (another guard against formulas, which some
/// programs write), with the spaces after it: a budget's text never starts with a space, and
/// what follows is kept even if it starts like a formula (`'<TAB>=x` is `=x`).
pub(super) fn text_value(raw: &str) -> Result<String, Message> {
    let s = clean(raw);
    if let Some(rest) = s.strip_prefix('\'') {
        if rest.starts_with(FORMULA_START) || rest.starts_with('\'') {
            return Ok(rest.to_string());
        }
        // `clean` has made a CR a line break.
        if rest.starts_with(['\t', '\n']) {
            // Not empty: the cell is trimmed, so something follows the spaces.
            return Ok(rest.trim_start().to_string());
        }
    }
    match s.chars().next() {
        None => Err(message!("is empty", "空欄です")),
        Some(c) if FORMULA_START.contains(&c) => Err(formula_message(c, &s)),
        Some(_) => Ok(s),
    }
}

pub(super) fn departments_value(raw: &str) -> Result<Vec<String>, Message> {
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

pub(super) fn number_value(raw: &str, max: u64) -> Result<u64, Message> {
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

pub(super) fn budget_value(raw: &str) -> Result<Option<u64>, Message> {
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

pub(super) fn flag_value(raw: &str, column: usize) -> Result<bool, Message> {
    // ASCII case only: every accepted word is ASCII or has no case, and the full Unicode
    // lowercasing would ship its tables in the wasm (about 4 KB) for nothing.
    let s = plain_value(raw)?.to_ascii_lowercase();
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

pub(super) fn id_value(raw: &str) -> Result<LineId, Message> {
    let s = plain_value(raw)?;
    if let Some(id) = LineId::parse(&s) {
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

pub(super) fn relisted_value(raw: &str) -> Result<Option<LineId>, Message> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        id_value(raw).map(Some)
    }
}

/// `2023-03-31`, or `2023/3/31` as a spreadsheet writes a date, to `2023-03-31`. Anything else
/// is kept for the validator to judge.
pub(super) fn iso_date(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::csv::fixtures::*;
    use crate::core::csv::{parse_text, COVID};

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
        assert_eq!(b.lines[0].name, "=CMD(\"calc\")");
        assert_eq!(b.lines[0].departments, ["+X課"]);
        assert_eq!(b.lines[0].description, "@SUM(A1)");
        assert_eq!(b.lines[0].amount, None);
        assert_eq!(b.lines[1].amount, None);
        assert_eq!(b.lines[1].name, "'abc");
        assert_eq!(b.lines[1].description, "'=x");
        // A tab or a line break after the apostrophe (another spreadsheet's guard) goes with it:
        // a budget's text never starts with a space.
        let b = parse_text(&small(&["1-1,1,'\t=tab,1,I,1,\"'\r\n+x\",X課,,,,,,d"])).unwrap();
        assert_eq!(b.directions[0].title, "=tab");
        assert_eq!(b.lines[0].name, "+x");
    }

    #[test]
    fn cells_accept_the_usual_spreadsheet_spellings() {
        for (cell, yes) in [
            ("★", true),
            ("1", true),
            ("TRUE", true),
            ("○", true),
            (" yes ", true),
            ("Ｙｅｓ", true),
            ("ＦＡＬＳＥ", false),
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
        assert_eq!(id_value("１０－２"), Ok(LineId::parse("10-2").unwrap()));
        assert_eq!(number_value("０７", 255), Ok(7));
        assert_eq!(
            number_value("256", 255).unwrap_err().en,
            "must be a whole number from 1 to 255, found \"256\""
        );
    }
}
