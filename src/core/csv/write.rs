//! The writer: lines of a budget → CSV that spreadsheets open as UTF-8 and never evaluate, and
//! that [`parse`] reads back to the same budget.
//!
//! [`parse`]: super::parse

use super::{with_originals, COLUMNS, DEPARTMENT_SEPARATOR, FORMULA_START};
use crate::core::model::Budget;

/// The lines at `lines` (indices into `budget.lines`; with the originals of any 【再掲】 lines
/// among them, see [`with_originals`], in source order) as CSV for a spreadsheet: UTF-8 with BOM,
/// CRLF, the Japanese header on the first row (so Excel's filter and sort find it), then one row
/// per line. Cells are quoted when they hold `,`, `"` or a line break; text cells starting with
/// `= + - @ '`, a tab or CR get a `'` in front. [`parse`] reads it back to the same lines,
/// initiatives and directions, with [`default_meta`](super::default_meta) (a spreadsheet keeps no
/// rows apart from the table; [`to_csv_with_notes`] carries the source).
///
/// [`parse`]: super::parse
pub fn to_csv(budget: &Budget, lines: &[usize]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    write_table(&mut out, budget, lines);
    out.into_bytes()
}

/// As [`to_csv`], with the source first: `#meta` rows (the contract's meta, so the file reopens
/// here as the same budget), then `notes` (the view's conditions, the date made) as comment
/// rows, then the table. For reopening in the app and for reading, not for sorting in Excel.
pub fn to_csv_with_notes(budget: &Budget, lines: &[usize], notes: &[String]) -> Vec<u8> {
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
    for note in notes {
        // One cell starting with "#": a comment row to the reader, text to a spreadsheet.
        write_row(
            &mut out,
            &[format!("# {}", note.replace(['\r', '\n'], " "))],
        );
    }
    write_table(&mut out, budget, lines);
    out.into_bytes()
}

/// The header row, then one row per line.
fn write_table(out: &mut String, budget: &Budget, lines: &[usize]) {
    let header: Vec<String> = COLUMNS.iter().map(|c| c.header.to_string()).collect();
    write_row(out, &header);
    for i in with_originals(budget, lines) {
        let line = &budget.lines[i];
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
            line.amount.map_or(String::new(), |b| b.to_string()),
            mark(line.marks.key_measure, "★"),
            mark(line.marks.new, "新"),
            mark(line.marks.covid, "コロナ"),
            line.relisted_of.map_or(String::new(), |r| r.to_string()),
            neutralise(&line.description),
        ];
        write_row(out, &cells);
    }
}

// wave4 compare
/// A comparison as CSV for a spreadsheet, in the conventions of [`to_csv`] (BOM, CRLF, header on
/// row 1, formula cells neutralised): one row per compared line, with both ids, names and
/// amounts ("" where a side has none or prints "-"), the change (only where both sides have an
/// amount), what happened, and how the lines were matched. `notes` (both files, the date) come
/// after the table as comment rows, so that Excel's filter still finds the header.
pub fn to_comparison_csv(
    before: &Budget,
    after: &Budget,
    comparison: &crate::core::compare::Comparison,
    notes: &[String],
) -> Vec<u8> {
    use crate::core::compare::{Kind, Method};
    let mut out = String::from("\u{FEFF}");
    let header = [
        "番号（前）",
        "番号（後）",
        "事業名（前）",
        "事業名（後）",
        "担当課（後）",
        "予算額（前）",
        "予算額（後）",
        "増減",
        "区分",
        "対応づけ",
    ];
    write_row(&mut out, &header.map(String::from));
    for e in &comparison.entries {
        let b = e.pair.before.map(|i| &before.lines[i]);
        let a = e.pair.after.map(|i| &after.lines[i]);
        let amount = |x: Option<u64>| x.map_or(String::new(), |n| n.to_string());
        let kind = match e.kind {
            Kind::New => "新規",
            Kind::Ended => "終了",
            Kind::Grown => "増額",
            Kind::Shrunk => "減額",
            Kind::Same => "増減なし",
            Kind::NoAmount => "金額なし",
            Kind::Relisting => "再掲",
        };
        let method = match e.pair.method {
            None => "",
            Some(Method::Name) => "名称",
            Some(Method::Number) => "番号",
            Some(Method::Manual) => "手動",
            Some(Method::Relisted) => "再掲",
        };
        let cells = [
            b.map_or(String::new(), |l| l.id.to_string()),
            a.map_or(String::new(), |l| l.id.to_string()),
            b.map_or(String::new(), |l| neutralise(&l.name)),
            a.map_or(String::new(), |l| neutralise(&l.name)),
            a.or(b)
                .map_or(String::new(), |l| neutralise(&l.department_group())),
            amount(e.before),
            amount(e.after),
            e.change().map_or(String::new(), |d| d.to_string()),
            kind.into(),
            method.into(),
        ];
        write_row(&mut out, &cells);
    }
    for note in notes {
        write_row(
            &mut out,
            &[format!("# {}", note.replace(['\r', '\n'], " "))],
        );
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
mod compare_tests {
    use super::*;
    use crate::core::{compare, synthetic, text};

    #[test]
    fn the_comparison_csv_has_one_row_per_entry_and_states_no_change_without_amounts() {
        let before = synthetic::generate(300, 3);
        let mut after = synthetic::next_year(&before, 4);
        after.lines[0].name = "=HYPERLINK(\"x\")".into();
        let c = compare::compare(&before, &after, &[], text::nfkc_lower);
        let text =
            String::from_utf8(to_comparison_csv(&before, &after, &c, &["前：A".into()])).unwrap();
        let rows: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert!(rows[0].starts_with("番号（前）,番号（後）"));
        // Header, the entries, the note, and the empty string after the last CRLF.
        assert_eq!(rows.len(), 1 + c.entries.len() + 1 + 1);
        assert_eq!(rows[rows.len() - 2], "# 前：A");
        assert!(text.contains("\"'=HYPERLINK"), "formula neutralised");
        assert!(!text.contains("\"=HYPERLINK") && !text.contains(",=HYPERLINK"));
        for (row, e) in rows[1..].iter().zip(&c.entries) {
            let cells: Vec<&str> = row.rsplitn(4, ',').collect();
            // From the right: method, kind, change.
            let change = cells[2];
            assert_eq!(change, e.change().map_or(String::new(), |d| d.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::csv::fixtures::*;
    use crate::core::csv::parse;
    use crate::core::model::LineId;
    use crate::core::{embedded_budget, export, synthetic, validate};

    #[test]
    fn round_trips_the_embedded_and_synthetic_budgets() {
        for b in [
            embedded_budget().unwrap(),
            synthetic::generate(2_000, 7),
            awkward(),
        ] {
            let with_notes = to_csv_with_notes(&b, &all(&b), &["条件：なし".into()]);
            assert_eq!(parse(&with_notes).unwrap(), b, "{}", b.meta.title);
            // For Excel: the same lines, initiatives and directions; meta is not in the table.
            let plain = parse(&to_csv(&b, &all(&b))).unwrap();
            assert_eq!(plain.lines, b.lines, "{}", b.meta.title);
            assert_eq!(plain.initiatives, b.initiatives);
            assert_eq!(plain.directions, b.directions);
            assert_eq!(plain.meta, crate::core::csv::default_meta());
        }
    }

    #[test]
    fn the_spreadsheet_file_starts_with_its_header_and_holds_only_the_table() {
        let b = embedded_budget().unwrap();
        let text = String::from_utf8(to_csv(&b, &all(&b))).unwrap();
        let rows: Vec<&str> = text.split("\r\n").collect();
        assert!(
            rows[0].starts_with("\u{FEFF}番号,方向性,方向性名,"),
            "{}",
            rows[0]
        );
        assert!(!text.contains("#meta") && !text.contains("\r\n#"));
        // Header, 63 lines, and the empty string after the last CRLF (descriptions hold no CR).
        assert_eq!(rows.len(), 1 + 63 + 1);
    }

    #[test]
    fn notes_are_comment_rows_that_reading_skips_whatever_they_say() {
        let b = embedded_budget().unwrap();
        let hostile = "キーワード：=HYPERLINK(\"x\"), \"引用\"\r\n#meta,title,偽".to_string();
        let csv = to_csv_with_notes(&b, &all(&b), &[hostile, "作成日：2026-12-01".into()]);
        let text = String::from_utf8(csv.clone()).unwrap();
        // One row each, starting with "#" (a spreadsheet shows text, the reader a comment).
        assert!(text.contains(
            "\r\n\"# キーワード：=HYPERLINK(\"\"x\"\"), \"\"引用\"\"  #meta,title,偽\"\r\n# 作成日：2026-12-01\r\n番号,"
        ), "{text}");
        assert_eq!(parse(&csv).unwrap(), b);
    }

    #[test]
    fn writes_bom_crlf_japanese_headers_and_neutralised_text() {
        let b = awkward();
        let csv = to_csv_with_notes(&b, &all(&b), &[]);
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
    fn a_subset_brings_the_originals_of_its_relistings() {
        let b = embedded_budget().unwrap();
        // 10-2 relists 1-5, 6-3 relists 2-1.
        let lines = [index_of(&b, "10-2"), index_of(&b, "6-3")];
        let sub = parse(&to_csv_with_notes(&b, &lines, &[])).unwrap();
        let ids: Vec<String> = sub.lines.iter().map(|m| m.id.to_string()).collect();
        assert_eq!(ids, ["1-5", "2-1", "6-3", "10-2"]);
        assert_eq!(sub.lines[3].relisted_of, LineId::parse("1-5"));
        assert_eq!(sub.meta, b.meta);
        let initiatives: Vec<u8> = sub.initiatives.iter().map(|i| i.id.0).collect();
        assert_eq!(initiatives, [1, 2, 6, 10]);
        // The CSV and JSON exports of a view agree.
        assert_eq!(
            sub,
            validate::parse(&export::subset_json(&b, &lines)).unwrap()
        );
        let s = synthetic::generate(2_000, 7);
        let some: Vec<usize> = (0..s.lines.len()).step_by(7).collect();
        let sub = parse(&to_csv_with_notes(&s, &some, &[])).unwrap();
        assert_eq!(
            sub,
            validate::parse(&export::subset_json(&s, &some)).unwrap()
        );
        assert!(sub.lines.len() > some.len());
        // Without the helper, the relisting's original would be missing.
        let csv = String::from_utf8(to_csv(&b, &lines)).unwrap();
        let without_1_5: String = csv
            .split_inclusive("\r\n")
            .filter(|row| !row.starts_with("1-5,"))
            .collect();
        assert_eq!(
            errors(&without_1_5),
            ["row 4, column \"再掲元\": points at \"1-5\", which does not exist"]
        );
    }
}
