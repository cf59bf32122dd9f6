//! Writing a budget back out in the data contract's shape (the inverse of `validate::parse`),
//! whole or as a subset (a filtered view) that still validates on its own.

use super::model::{Budget, Direction, Initiative, InitiativeId, Line, LineId};
use std::collections::{BTreeSet, HashMap};

/// The budget as contract JSON, pretty-printed.
pub fn to_json(budget: &Budget) -> String {
    let directions: Vec<&Direction> = budget.directions.iter().collect();
    let initiatives: Vec<&Initiative> = budget.initiatives.iter().collect();
    let projects: Vec<&Line> = budget.lines.iter().collect();
    let ids = line_ids(&projects);
    pretty(&contract_value(
        budget,
        &directions,
        &initiatives,
        &projects,
        &ids,
    ))
}

/// The lines at `lines` (indices into `budget.lines`) as contract JSON that validates on its
/// own: every 【再掲】 line brings its original along (see [`with_originals`]), and only the
/// initiatives and directions those lines sit under are written, in the budget's order. Meta is
/// written unchanged.
pub fn subset_json(budget: &Budget, lines: &[usize]) -> String {
    let projects: Vec<&Line> = with_originals(budget, lines)
        .into_iter()
        .map(|i| &budget.lines[i])
        .collect();
    let used: BTreeSet<InitiativeId> = projects.iter().map(|m| m.id.initiative).collect();
    let initiatives: Vec<&Initiative> = budget
        .initiatives
        .iter()
        .filter(|i| used.contains(&i.id))
        .collect();
    let directions: Vec<&Direction> = budget
        .directions
        .iter()
        .filter(|d| initiatives.iter().any(|i| i.direction == d.id))
        .collect();
    let ids = line_ids(&projects);
    pretty(&contract_value(
        budget,
        &directions,
        &initiatives,
        &projects,
        &ids,
    ))
}

/// The lines to export for a selection: `lines` (indices into `budget.lines`) plus, for each
/// 【再掲】 line among them, its original line, so that the exported file validates (a relisting
/// must point at a line in the same file). Returned in source order without duplicates, whatever
/// the order of `lines`; indices out of range are ignored. Used by both JSON and CSV export.
pub fn with_originals(budget: &Budget, lines: &[usize]) -> Vec<usize> {
    let count = budget.lines.len();
    let mut keep = vec![false; count];
    let mut wanted: Vec<LineId> = Vec::new();
    for &i in lines.iter().filter(|&&i| i < count) {
        keep[i] = true;
        wanted.extend(budget.lines[i].relisted_of);
    }
    if !wanted.is_empty() {
        let index: HashMap<LineId, usize> = budget
            .lines
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id, i))
            .collect();
        for id in wanted {
            if let Some(&j) = index.get(&id) {
                keep[j] = true;
            }
        }
    }
    (0..count).filter(|&i| keep[i]).collect()
}

/// A file a person downloads of the view shown. Made in the reader module's worker on the
/// click (the app's module carries neither writer), from the budget in the `wire` form, the
/// lines' indices and, for the CSV with notes, its note rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download {
    /// The table alone, header on row 1, for Excel (`csv::to_csv`).
    Csv,
    /// `#meta` and note rows first, then the table (`csv::to_csv_with_notes`).
    CsvWithNotes,
    /// The data contract (`subset_json`).
    Json,
}

impl Download {
    const ALL: [Download; 3] = [Download::Csv, Download::CsvWithNotes, Download::Json];

    /// The number the page's worker protocol carries.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Download> {
        Download::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The file: its bytes for `lines` of `budget`; `notes` only for the CSV with notes.
    pub fn make(self, budget: &Budget, lines: &[usize], notes: &[String]) -> Vec<u8> {
        match self {
            Download::Csv => super::csv::to_csv(budget, lines),
            Download::CsvWithNotes => super::csv::to_csv_with_notes(budget, lines, notes),
            Download::Json => subset_json(budget, lines).into_bytes(),
        }
    }
}

/// What the worker makes of a download request: the file, or `None` when the request is not
/// one (an unknown kind, a budget that is not in the `wire` form).
pub fn download_from_wire(
    code: u8,
    wire: &[u8],
    lines: &[u32],
    notes: &[String],
) -> Option<Vec<u8>> {
    let kind = Download::from_code(code)?;
    let budget = super::wire::decode(wire).ok()?;
    let lines: Vec<usize> = lines.iter().map(|&i| i as usize).collect();
    Some(kind.make(&budget, &lines, notes))
}

/// A JSON value as the contract writes it: typed, borrowed, no parser or `Value` tree needed.
enum J<'a> {
    Null,
    Bool(bool),
    Num(u64),
    Str(&'a str),
    Arr(Vec<J<'a>>),
    /// Written with its keys in sorted order, as serde_json's default map did before.
    Obj(Vec<(&'static str, J<'a>)>),
}

fn texts(list: &[String]) -> J<'_> {
    J::Arr(list.iter().map(|s| J::Str(s)).collect())
}

fn contract_value<'a>(
    budget: &'a Budget,
    directions: &[&'a Direction],
    initiatives: &[&'a Initiative],
    projects: &[&'a Line],
    ids: &'a [(String, Option<String>)],
) -> J<'a> {
    let m = &budget.meta;
    let meta = J::Obj(vec![
        ("title", J::Str(&m.title)),
        ("city", J::Str(&m.city)),
        ("fiscal_year", J::Num(m.fiscal_year.into())),
        ("era_year", J::Str(&m.era_year)),
        ("unit", J::Str(&m.unit)),
        ("as_of", J::Str(&m.as_of)),
        ("source", J::Str(&m.source)),
        ("priorities", texts(&m.priorities)),
        ("note", J::Str(&m.note)),
    ]);
    let directions = directions
        .iter()
        .map(|d| {
            J::Obj(vec![
                ("id", J::Num(d.id.0.into())),
                ("title", J::Str(&d.title)),
            ])
        })
        .collect();
    let initiatives = initiatives
        .iter()
        .map(|i| {
            J::Obj(vec![
                ("id", J::Num(i.id.0.into())),
                ("direction", J::Num(i.direction.0.into())),
                ("title", J::Str(&i.title)),
            ])
        })
        .collect();
    let projects = projects
        .iter()
        .zip(ids)
        .map(|(p, (id, relisted_of))| {
            J::Obj(vec![
                ("id", J::Str(id)),
                ("initiative", J::Num(p.id.initiative.0.into())),
                ("number", J::Num(p.id.number.into())),
                ("name", J::Str(&p.name)),
                ("departments", texts(&p.departments)),
                ("budget", p.amount.map_or(J::Null, J::Num)),
                ("key", J::Bool(p.marks.key_measure)),
                ("new", J::Bool(p.marks.new)),
                ("covid", J::Bool(p.marks.covid)),
                (
                    "relisted_of",
                    relisted_of.as_deref().map_or(J::Null, J::Str),
                ),
                ("description", J::Str(&p.description)),
            ])
        })
        .collect();
    J::Obj(vec![
        ("meta", meta),
        ("directions", J::Arr(directions)),
        ("initiatives", J::Arr(initiatives)),
        ("projects", J::Arr(projects)),
    ])
}

/// The written ids of `projects` and of what they relist (borrowed by [`contract_value`]).
fn line_ids(projects: &[&Line]) -> Vec<(String, Option<String>)> {
    projects
        .iter()
        .map(|p| (p.id.to_string(), p.relisted_of.map(|r| r.to_string())))
        .collect()
}

/// Pretty-printed as serde_json's `to_string_pretty` prints (two-space indent, `"key": value`,
/// `[]` for an empty list, the same string escapes), so files written before read the same.
fn pretty(value: &J) -> String {
    let mut out = String::with_capacity(64 * 1024);
    write_value(&mut out, value, 0);
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_value(out: &mut String, value: &J, depth: usize) {
    match value {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(&n.to_string()),
        J::Str(s) => write_str(out, s),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_value(out, item, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        J::Obj(fields) => {
            let mut sorted: Vec<&(&str, J)> = fields.iter().collect();
            sorted.sort_by_key(|(k, _)| *k);
            out.push('{');
            for (i, (key, item)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_str(out, key);
                out.push_str(": ");
                write_value(out, item, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xF] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_download_made_from_the_wire_form_is_the_file_made_directly() {
        let b = embedded_budget().unwrap();
        let wire = crate::core::wire::encode(&b);
        let lines: Vec<usize> = vec![0, 3, 7, b.lines.len() - 1];
        let wanted: Vec<u32> = lines.iter().map(|&i| i as u32).collect();
        let notes = vec![
            "条件：すべて\n二行".to_string(),
            "https://example.org/#at=d2".to_string(),
        ];
        for kind in Download::ALL {
            assert_eq!(Download::from_code(kind.code()), Some(kind));
            assert_eq!(
                download_from_wire(kind.code(), &wire, &wanted, &notes),
                Some(kind.make(&b, &lines, &notes)),
                "{kind:?}"
            );
        }
        assert_eq!(
            Download::CsvWithNotes.make(&b, &lines, &notes),
            crate::core::csv::to_csv_with_notes(&b, &lines, &notes)
        );
        assert_eq!(
            Download::Json.make(&b, &lines, &notes),
            subset_json(&b, &lines).into_bytes()
        );
        assert_eq!(
            Download::Csv.make(&b, &lines, &[]),
            crate::core::csv::to_csv(&b, &lines)
        );
    }

    #[test]
    fn a_request_that_is_not_one_makes_no_file() {
        let wire = crate::core::wire::encode(&embedded_budget().unwrap());
        assert_eq!(download_from_wire(3, &wire, &[0], &[]), None);
        assert_eq!(
            download_from_wire(0, &wire[..wire.len() - 1], &[0], &[]),
            None
        );
        assert_eq!(download_from_wire(0, b"", &[], &[]), None);
    }
    use crate::core::{embedded_budget, synthetic, validate};
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// The writer this module used before (serde_json's `json!` and `to_string_pretty`), with the
    /// initiatives and directions `projects` use: the typed writer must equal it byte for byte.
    fn reference(budget: &Budget, projects: &[&Line]) -> String {
        let m = &budget.meta;
        let used: BTreeSet<InitiativeId> = projects.iter().map(|m| m.id.initiative).collect();
        let initiatives: Vec<&Initiative> = budget
            .initiatives
            .iter()
            .filter(|i| used.contains(&i.id))
            .collect();
        let directions: Vec<&Direction> = budget
            .directions
            .iter()
            .filter(|d| initiatives.iter().any(|i| i.direction == d.id))
            .collect();
        let value = json!({
            "meta": {
                "title": m.title, "city": m.city, "fiscal_year": m.fiscal_year, "era_year": m.era_year,
                "unit": m.unit, "as_of": m.as_of, "source": m.source, "priorities": m.priorities,
                "note": m.note,
            },
            "directions": directions.iter()
                .map(|d| json!({ "id": d.id.0, "title": d.title }))
                .collect::<Vec<Value>>(),
            "initiatives": initiatives.iter()
                .map(|i| json!({ "id": i.id.0, "direction": i.direction.0, "title": i.title }))
                .collect::<Vec<Value>>(),
            "projects": projects.iter().map(|p| json!({
                "id": p.id.to_string(), "initiative": p.id.initiative.0, "number": p.id.number,
                "name": p.name, "departments": p.departments, "budget": p.amount,
                "key": p.marks.key_measure, "new": p.marks.new, "covid": p.marks.covid,
                "relisted_of": p.relisted_of.map(|r| r.to_string()), "description": p.description,
            })).collect::<Vec<Value>>(),
        });
        serde_json::to_string_pretty(&value).unwrap()
    }

    #[test]
    fn the_typed_writer_writes_what_serde_json_wrote() {
        let b = embedded_budget().unwrap();
        let all: Vec<&Line> = b.lines.iter().collect();
        assert_eq!(to_json(&b), reference(&b, &all));
        let s = synthetic::generate(500, 11);
        let all: Vec<&Line> = s.lines.iter().collect();
        assert_eq!(to_json(&s), reference(&s, &all));
        let picked = with_originals(&s, &(0..s.lines.len()).step_by(7).collect::<Vec<_>>());
        let lines: Vec<&Line> = picked.iter().map(|&i| &s.lines[i]).collect();
        assert_eq!(
            subset_json(&s, &(0..s.lines.len()).step_by(7).collect::<Vec<_>>()),
            reference(&s, &lines)
        );
        // Nothing at all, and empty lists.
        let mut empty = b.clone();
        empty.meta.priorities.clear();
        empty.lines.truncate(1);
        empty.lines[0].departments.clear();
        let one: Vec<&Line> = empty.lines.iter().collect();
        assert_eq!(subset_json(&empty, &[0]), reference(&empty, &one));
        assert_eq!(subset_json(&b, &[]), reference(&b, &[]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in "(\\PC|[\\x00-\\x20\\x7f\"\\\\\u{2028}\u{202e}])*") {
            let mut ours = String::new();
            write_str(&mut ours, &s);
            prop_assert_eq!(ours, serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn embedded_budget_round_trips() {
        let b = embedded_budget().unwrap();
        assert_eq!(validate::parse(&to_json(&b)).unwrap(), b);
    }

    fn index_of(b: &Budget, id: &str) -> usize {
        let id = LineId::parse(id).unwrap();
        b.lines.iter().position(|m| m.id == id).unwrap()
    }

    #[test]
    fn with_originals_adds_the_originals_of_relistings_in_source_order() {
        let b = embedded_budget().unwrap();
        // 10-2 and 3-1 relist 1-5; 6-3 relists 2-1.
        let (l1_5, l3_1, l6_3, l10_2) = (
            index_of(&b, "1-5"),
            index_of(&b, "3-1"),
            index_of(&b, "6-3"),
            index_of(&b, "10-2"),
        );
        let l2_1 = index_of(&b, "2-1");
        assert_eq!(
            with_originals(&b, &[l10_2, l6_3, l3_1, l10_2, 9_999]),
            vec![l1_5, l2_1, l3_1, l6_3, l10_2]
        );
        assert_eq!(with_originals(&b, &[l1_5]), vec![l1_5]);
        assert!(with_originals(&b, &[]).is_empty());
        let all: Vec<usize> = (0..b.lines.len()).collect();
        assert_eq!(with_originals(&b, &all), all);
    }

    #[test]
    fn subset_json_validates_and_keeps_only_what_it_needs() {
        let b = embedded_budget().unwrap();
        let sub = validate::parse(&subset_json(&b, &[index_of(&b, "10-2")])).unwrap();
        let ids: Vec<String> = sub.lines.iter().map(|m| m.id.to_string()).collect();
        assert_eq!(ids, ["1-5", "10-2"]);
        assert_eq!(sub.lines[1].relisted_of, LineId::parse("1-5"));
        let ini: Vec<u8> = sub.initiatives.iter().map(|i| i.id.0).collect();
        assert_eq!(ini, [1, 10]);
        let dir: Vec<u8> = sub.directions.iter().map(|d| d.id.0).collect();
        assert_eq!(dir, [1, 5]);
        assert_eq!(sub.meta, b.meta);

        let all: Vec<usize> = (0..b.lines.len()).collect();
        assert_eq!(validate::parse(&subset_json(&b, &all)).unwrap(), b);

        let s = synthetic::generate(2_000, 7);
        let every_third: Vec<usize> = (0..s.lines.len()).step_by(3).collect();
        let sub = validate::parse(&subset_json(&s, &every_third)).unwrap();
        assert!(sub.lines.len() >= every_third.len());
        assert!(sub.lines.iter().any(|m| m.relisted_of.is_some()));
    }

    #[test]
    fn the_published_schema_lists_the_validators_fields() {
        let schema: Value =
            serde_json::from_str(include_str!("../../data/budget.schema.json")).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let defs = &schema["$defs"];
        let names = |v: &Value| -> Vec<String> {
            let mut out: Vec<String> = match v {
                Value::Array(a) => a.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
                Value::Object(o) => o.keys().cloned().collect(),
                _ => panic!("{v}"),
            };
            out.sort();
            out
        };
        for (name, object, fields) in [
            ("file", &schema, validate::TOP_FIELDS),
            ("meta", &defs["meta"], validate::META_FIELDS),
            ("direction", &defs["direction"], validate::DIRECTION_FIELDS),
            (
                "initiative",
                &defs["initiative"],
                validate::INITIATIVE_FIELDS,
            ),
            ("project", &defs["project"], validate::PROJECT_FIELDS),
        ] {
            let mut fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
            fields.sort();
            assert_eq!(names(&object["required"]), fields, "{name}: required");
            assert_eq!(names(&object["properties"]), fields, "{name}: properties");
            assert_eq!(object["additionalProperties"], false, "{name}");
        }
        assert_eq!(defs["line_id"]["pattern"], "^[1-9][0-9]*-[1-9][0-9]*$");
    }
}
