//! Parsing and validating a budget file (the data contract in DESIGN.md).
//!
//! The same code runs in `build.rs` (a bad `data/budget.json` fails the build), in tests and in
//! the app. It never panics: every problem becomes one `DataError` line naming the item and the
//! field, and all of them are reported, not just the first.

use super::model::{
    Budget, Direction, DirectionId, Initiative, InitiativeId, Marks, Measure, MeasureId, Meta,
};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// One problem in a budget file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// Which item: `meta`, `direction 2`, `initiative 4`, `project 3-1`, or a position
    /// (`project #12`) when the item has no usable id.
    pub item: String,
    /// The field at fault, when there is one.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}: field \"{}\": {}", self.item, field, self.message),
            None => write!(f, "{}: {}", self.item, self.message),
        }
    }
}

/// The fields the contract allows, per item kind.
pub(crate) const TOP_FIELDS: &[&str] = &["meta", "directions", "initiatives", "projects"];
pub(crate) const META_FIELDS: &[&str] = &[
    "title",
    "city",
    "fiscal_year",
    "era_year",
    "unit",
    "as_of",
    "source",
    "priorities",
    "note",
];
pub(crate) const DIRECTION_FIELDS: &[&str] = &["id", "title"];
pub(crate) const INITIATIVE_FIELDS: &[&str] = &["id", "direction", "title"];
pub(crate) const PROJECT_FIELDS: &[&str] = &[
    "id",
    "initiative",
    "number",
    "name",
    "departments",
    "budget",
    "key",
    "new",
    "covid",
    "relisted_of",
    "description",
];

/// The largest amount accepted, in thousand yen (a thousand trillion yen): even the largest
/// possible file (255 initiatives × 65,535 lines) then adds up without overflow.
pub const MAX_AMOUNT: u64 = 999_999_999_999;

/// Parses and validates a budget file.
pub fn parse(text: &str) -> Result<Budget, Vec<DataError>> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        vec![DataError {
            item: "file".into(),
            field: None,
            message: format!("is not valid JSON ({e})"),
        }]
    })?;
    let mut errors = Vec::new();
    let budget = check_budget(&root, &mut errors);
    match budget {
        Some(b) if errors.is_empty() => Ok(b),
        _ => Err(errors),
    }
}

/// Reads the fields of one JSON object, recording what is wrong with them.
struct Fields<'a, 'e> {
    item: String,
    map: &'a Map<String, Value>,
    errors: &'e mut Vec<DataError>,
}

impl<'a, 'e> Fields<'a, 'e> {
    /// `None` (with an error recorded) when `value` is not an object.
    fn of(
        item: String,
        value: &'a Value,
        allowed: &[&str],
        errors: &'e mut Vec<DataError>,
    ) -> Option<Self> {
        let Some(map) = value.as_object() else {
            errors.push(DataError {
                item,
                field: None,
                message: format!("must be an object, found {}", kind(value)),
            });
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                errors.push(DataError {
                    item: item.clone(),
                    field: Some(key.clone()),
                    message: format!(
                        "is not in the data contract (allowed: {})",
                        allowed.join(", ")
                    ),
                });
            }
        }
        Some(Fields { item, map, errors })
    }

    fn fail(&mut self, field: &str, message: String) {
        self.errors.push(DataError {
            item: self.item.clone(),
            field: Some(field.to_string()),
            message,
        });
    }

    fn get(&mut self, field: &str) -> Option<&'a Value> {
        let value = self.map.get(field);
        if value.is_none() {
            self.fail(field, "is missing".into());
        }
        value
    }

    /// A required string, trimmed and non-empty.
    fn text(&mut self, field: &str) -> Option<String> {
        match self.get(field)? {
            Value::String(s) if s.trim().is_empty() => {
                self.fail(field, "must not be empty".into());
                None
            }
            Value::String(s) if s.trim() != s => {
                self.fail(field, "has leading or trailing spaces".into());
                None
            }
            Value::String(s) => Some(s.clone()),
            other => {
                self.fail(field, format!("must be a string, found {}", kind(other)));
                None
            }
        }
    }

    /// A required whole number in `1..=max`.
    fn id_number(&mut self, field: &str, max: u64) -> Option<u64> {
        let value = self.get(field)?;
        match value.as_u64() {
            Some(n) if (1..=max).contains(&n) => Some(n),
            _ => {
                self.fail(
                    field,
                    format!("must be a whole number from 1 to {max}, found {value}"),
                );
                None
            }
        }
    }

    fn flag(&mut self, field: &str) -> Option<bool> {
        match self.get(field)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.fail(
                    field,
                    format!("must be true or false, found {}", kind(other)),
                );
                None
            }
        }
    }

    /// A required, non-empty list of non-empty strings.
    fn text_list(&mut self, field: &str) -> Option<Vec<String>> {
        let value = self.get(field)?;
        let Some(items) = value.as_array() else {
            self.fail(
                field,
                format!("must be a list of strings, found {}", kind(value)),
            );
            return None;
        };
        if items.is_empty() {
            self.fail(field, "must not be empty".into());
            return None;
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) if !s.trim().is_empty() && s.trim() == s => out.push(s.to_string()),
                _ => self.fail(
                    field,
                    format!("entry {} must be a non-empty string without surrounding spaces, found {item}", i + 1),
                ),
            }
        }
        (out.len() == items.len()).then_some(out)
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn check_budget(root: &Value, errors: &mut Vec<DataError>) -> Option<Budget> {
    let mut top = Fields::of("file".into(), root, TOP_FIELDS, errors)?;
    let meta_value = top.get("meta");
    let lists: Vec<Option<&Vec<Value>>> = ["directions", "initiatives", "projects"]
        .iter()
        .map(|field| {
            let value = top.get(field)?;
            let list = value.as_array();
            if list.is_none() {
                top.fail(field, format!("must be a list, found {}", kind(value)));
            }
            list
        })
        .collect();
    let meta = meta_value.and_then(|v| check_meta(v, errors));
    // References are checked against every id an item declares, even an item rejected for
    // another reason: one broken item gives one error, not a cascade in the items naming it.
    let directions = lists[0].map(|l| check_directions(l, errors));
    let initiatives =
        lists[1].map(|l| check_initiatives(l, directions.as_ref().map(|d| &d.1), errors));
    let measures = lists[2].map(|l| check_projects(l, initiatives.as_ref().map(|i| &i.1), errors));
    Some(Budget {
        meta: meta?,
        directions: directions?.0,
        initiatives: initiatives?.0,
        measures: measures?,
    })
}

fn check_meta(value: &Value, errors: &mut Vec<DataError>) -> Option<Meta> {
    let mut f = Fields::of("meta".into(), value, META_FIELDS, errors)?;
    let title = f.text("title");
    let city = f.text("city");
    let fiscal_year = f.id_number("fiscal_year", 9999).map(|y| y as u16);
    let era_year = f.text("era_year");
    let unit = f.text("unit");
    let as_of = f.text("as_of");
    if let Some(date) = &as_of {
        if !is_iso_date(date) {
            f.fail(
                "as_of",
                format!("must be a date written YYYY-MM-DD, found \"{date}\""),
            );
        }
    }
    let source = f.text("source");
    let priorities = f.text_list("priorities");
    let note = f.text("note");
    Some(Meta {
        title: title?,
        city: city?,
        fiscal_year: fiscal_year?,
        era_year: era_year?,
        unit: unit?,
        as_of: as_of.filter(|d| is_iso_date(d))?,
        source: source?,
        priorities: priorities?,
        note: note?,
    })
}

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month: u8 = text[5..7].parse().unwrap_or(0);
    let day: u8 = text[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Ids that items of a list declare, valid or not.
fn declared_ids<T: Ord>(list: &[Value], make: impl Fn(u64) -> T) -> BTreeSet<T> {
    list.iter()
        .filter_map(|v| v.get("id")?.as_u64())
        .filter(|&n| (1..=255).contains(&n))
        .map(make)
        .collect()
}

fn check_directions(
    list: &[Value],
    errors: &mut Vec<DataError>,
) -> (Vec<Direction>, BTreeSet<DirectionId>) {
    let mut out: Vec<Direction> = Vec::new();
    for (i, value) in list.iter().enumerate() {
        let label = item_label("direction", value, i);
        let Some(mut f) = Fields::of(label, value, DIRECTION_FIELDS, errors) else {
            continue;
        };
        let id = f.id_number("id", 255).map(|n| DirectionId(n as u8));
        let title = f.text("title");
        if let Some(id) = id {
            if out.iter().any(|d| d.id == id) {
                f.fail("id", format!("{} is used by another direction", id.0));
                continue;
            }
        }
        if let (Some(id), Some(title)) = (id, title) {
            out.push(Direction { id, title });
        }
    }
    (out, declared_ids(list, |n| DirectionId(n as u8)))
}

fn check_initiatives(
    list: &[Value],
    directions: Option<&BTreeSet<DirectionId>>,
    errors: &mut Vec<DataError>,
) -> (Vec<Initiative>, BTreeSet<InitiativeId>) {
    let mut out: Vec<Initiative> = Vec::new();
    for (i, value) in list.iter().enumerate() {
        let label = item_label("initiative", value, i);
        let Some(mut f) = Fields::of(label, value, INITIATIVE_FIELDS, errors) else {
            continue;
        };
        let id = f.id_number("id", 255).map(|n| InitiativeId(n as u8));
        let direction = f.id_number("direction", 255).map(|n| DirectionId(n as u8));
        let title = f.text("title");
        if let (Some(direction), Some(known)) = (direction, directions) {
            if !known.contains(&direction) {
                f.fail(
                    "direction",
                    format!("points at direction {}, which does not exist", direction.0),
                );
                continue;
            }
        }
        if let Some(id) = id {
            if out.iter().any(|x| x.id == id) {
                f.fail("id", format!("{} is used by another initiative", id.0));
                continue;
            }
        }
        if let (Some(id), Some(direction), Some(title)) = (id, direction, title) {
            out.push(Initiative {
                id,
                direction,
                title,
            });
        }
    }
    (out, declared_ids(list, |n| InitiativeId(n as u8)))
}

/// "project 3-1" when the item carries a usable id, else its position ("project #12").
fn item_label(kind: &str, value: &Value, index: usize) -> String {
    match value.get("id") {
        Some(Value::String(s)) if MeasureId::parse(s).is_some() => format!("{kind} {s}"),
        Some(Value::Number(n)) if n.is_u64() => format!("{kind} {n}"),
        _ => format!("{kind} #{}", index + 1),
    }
}

fn check_projects(
    list: &[Value],
    initiatives: Option<&BTreeSet<InitiativeId>>,
    errors: &mut Vec<DataError>,
) -> Vec<Measure> {
    let mut out: Vec<Measure> = Vec::new();
    // Ids accepted so far: a set, so that large files are checked in linear time.
    let mut seen: std::collections::HashSet<MeasureId> = std::collections::HashSet::new();
    // The raw `relisted_of` text per accepted line, resolved once every id is known.
    let mut relisted: Vec<Option<String>> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for (i, value) in list.iter().enumerate() {
        let label = item_label("project", value, i);
        let Some(mut f) = Fields::of(label.clone(), value, PROJECT_FIELDS, errors) else {
            continue;
        };
        let id_text = f.text("id");
        let initiative = f
            .id_number("initiative", 255)
            .map(|n| InitiativeId(n as u8));
        let number = f.id_number("number", u16::MAX as u64).map(|n| n as u16);
        let name = f.text("name");
        let departments = f.text_list("departments");
        let budget = match f.get("budget") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(v) => match v.as_u64() {
                // A cap far above any city's budget keeps every total within u64.
                Some(n) if n > MAX_AMOUNT => {
                    f.fail(
                        "budget",
                        format!("must be at most {MAX_AMOUNT} thousand yen, found {n}"),
                    );
                    None
                }
                Some(n) => Some(Some(n)),
                None => {
                    let why = if v.as_i64().is_some_and(|n| n < 0)
                        || v.as_f64().is_some_and(|n| n < 0.0)
                    {
                        "must not be negative"
                    } else {
                        "must be a whole number of thousand yen, or null where the source prints \"-\""
                    };
                    f.fail("budget", format!("{why}, found {v}"));
                    None
                }
            },
        };
        let key = f.flag("key");
        let new = f.flag("new");
        let covid = f.flag("covid");
        let relisted_of = match f.get("relisted_of") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(other) => {
                f.fail(
                    "relisted_of",
                    format!(
                        "must be a line id such as \"1-5\" or null, found {}",
                        kind(other)
                    ),
                );
                None
            }
        };
        let description = f.text("description");

        let id = match (&id_text, initiative, number) {
            (Some(text), Some(initiative), Some(number)) => {
                let expected = MeasureId { initiative, number };
                if MeasureId::parse(text) == Some(expected) {
                    Some(expected)
                } else {
                    f.fail(
                        "id",
                        format!("must be \"{expected}\" (initiative-number), found \"{text}\""),
                    );
                    None
                }
            }
            _ => None,
        };
        if let (Some(initiative), Some(known)) = (initiative, initiatives) {
            if !known.contains(&initiative) {
                f.fail(
                    "initiative",
                    format!(
                        "points at initiative {}, which does not exist",
                        initiative.0
                    ),
                );
                continue;
            }
        }
        if let Some(id) = id {
            if seen.contains(&id) {
                f.fail("id", format!("\"{id}\" is used by another project"));
                continue;
            }
        }
        let (
            Some(id),
            Some(name),
            Some(departments),
            Some(budget),
            Some(key),
            Some(new),
            Some(covid),
            Some(relisted_of),
            Some(description),
        ) = (
            id,
            name,
            departments,
            budget,
            key,
            new,
            covid,
            relisted_of,
            description,
        )
        else {
            continue;
        };
        seen.insert(id);
        out.push(Measure {
            id,
            name,
            departments,
            budget,
            marks: Marks { key, new, covid },
            relisted_of: None,
            description,
        });
        relisted.push(relisted_of);
        labels.push(label);
    }
    let declared: BTreeSet<MeasureId> = list
        .iter()
        .filter_map(|v| MeasureId::parse(v.get("id")?.as_str()?))
        .collect();
    resolve_relistings(&mut out, &relisted, &labels, &declared, errors);
    out
}

/// A relisting must point at an original line (not itself a relisting) with the same name,
/// departments and amount: it is the same measure, printed again under another initiative.
fn resolve_relistings(
    measures: &mut [Measure],
    relisted: &[Option<String>],
    labels: &[String],
    declared: &BTreeSet<MeasureId>,
    errors: &mut Vec<DataError>,
) {
    let index: HashMap<MeasureId, usize> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    for (i, target) in relisted.iter().enumerate() {
        let Some(text) = target else { continue };
        let mut fail = |message: String| {
            errors.push(DataError {
                item: labels[i].clone(),
                field: Some("relisted_of".into()),
                message,
            })
        };
        let Some(target) = MeasureId::parse(text) else {
            fail(format!(
                "must be a line id such as \"1-5\", found \"{text}\""
            ));
            continue;
        };
        let Some(&j) = index.get(&target) else {
            if !declared.contains(&target) {
                fail(format!("points at \"{text}\", which does not exist"));
            } // else: the original has errors of its own, reported there
            continue;
        };
        let (line, original) = (&measures[i], &measures[j]);
        if i == j {
            fail("points at the line itself".into());
        } else if relisted[j].is_some() {
            fail(format!(
                "points at \"{text}\", which is itself a relisting; point at the original"
            ));
        } else if line.name != original.name {
            fail(format!(
                "points at \"{text}\", whose name differs (\"{}\" vs \"{}\")",
                line.name, original.name
            ));
        } else if line.budget != original.budget {
            fail(format!(
                "points at \"{text}\", whose amount differs ({} vs {})",
                amount_text(line.budget),
                amount_text(original.budget)
            ));
        } else if line.departments != original.departments {
            fail(format!("points at \"{text}\", whose departments differ"));
        } else {
            measures[i].relisted_of = Some(target);
        }
    }
}

fn amount_text(budget: Option<u64>) -> String {
    budget.map_or_else(|| "-".into(), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> Value {
        serde_json::json!({
            "meta": {"title": "t", "city": "c", "fiscal_year": 2023, "era_year": "e", "unit": "千円",
                     "as_of": "2023-03-31", "source": "s", "priorities": ["p"], "note": "n"},
            "directions": [{"id": 1, "title": "D"}],
            "initiatives": [{"id": 1, "direction": 1, "title": "I"}],
            "projects": [
                {"id": "1-1", "initiative": 1, "number": 1, "name": "A", "departments": ["X課"],
                 "budget": 10, "key": false, "new": false, "covid": false, "relisted_of": null,
                 "description": "d"},
                {"id": "1-2", "initiative": 1, "number": 2, "name": "A", "departments": ["X課"],
                 "budget": 10, "key": false, "new": false, "covid": false, "relisted_of": "1-1",
                 "description": "d"}
            ]
        })
    }

    fn errors_of(value: &Value) -> Vec<String> {
        match parse(&value.to_string()) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn minimal_file_is_valid() {
        let b = parse(&minimal().to_string()).unwrap();
        assert_eq!(b.measures.len(), 2);
        assert_eq!(b.measures[1].relisted_of, MeasureId::parse("1-1"));
    }

    #[test]
    fn not_json_is_one_clear_error() {
        let e = parse("{ nope").unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(
            e[0].to_string().starts_with("file: is not valid JSON"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse(&text).is_err());
    }

    #[test]
    fn reports_every_error_not_just_the_first() {
        let mut v = minimal();
        v["projects"][0]["budget"] = serde_json::json!(-5);
        v["projects"][0]["colour"] = serde_json::json!("red");
        v["directions"][0].as_object_mut().unwrap().remove("title");
        let e = errors_of(&v);
        assert!(
            e.contains(
                &"project 1-1: field \"budget\": must not be negative, found -5".to_string()
            ),
            "{e:?}"
        );
        assert!(
            e.iter().any(
                |m| m.starts_with("project 1-1: field \"colour\": is not in the data contract")
            ),
            "{e:?}"
        );
        assert!(
            e.contains(&"direction 1: field \"title\": is missing".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn absurd_amounts_are_refused() {
        let mut v = minimal();
        v["projects"][0]["budget"] = serde_json::json!(u64::MAX);
        v["projects"][1]["budget"] = serde_json::json!(u64::MAX);
        let e = errors_of(&v);
        assert!(
            e[0].starts_with(
                "project 1-1: field \"budget\": must be at most 999999999999 thousand yen"
            ),
            "{e:?}"
        );
    }

    #[test]
    fn relisting_must_match_its_original() {
        let mut v = minimal();
        v["projects"][1]["budget"] = serde_json::json!(11);
        assert_eq!(
            errors_of(&v),
            vec!["project 1-2: field \"relisted_of\": points at \"1-1\", whose amount differs (11 vs 10)"]
        );
        let mut v = minimal();
        v["projects"][1]["relisted_of"] = serde_json::json!("1-2");
        assert_eq!(
            errors_of(&v),
            vec!["project 1-2: field \"relisted_of\": points at the line itself"]
        );
    }

    #[test]
    fn id_must_agree_with_initiative_and_number() {
        let mut v = minimal();
        v["projects"][1]["id"] = serde_json::json!("1-3");
        assert_eq!(
            errors_of(&v),
            vec!["project 1-3: field \"id\": must be \"1-2\" (initiative-number), found \"1-3\""]
        );
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_iso_date("2023-03-31"));
        for bad in [
            "2023-3-31",
            "2023-13-01",
            "2023-00-10",
            "20230331xx",
            "２０２３-03-31",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
