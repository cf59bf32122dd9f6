//! Parsing and validating a budget file (the data contract: docs/data-contract.md).
//!
//! The same code runs in `build.rs` (a bad `data/budget.json` fails the build), in tests and in
//! the app. It never panics: every problem becomes one `DataError` line naming the item and the
//! field, in Japanese and English, and all of them are reported, not just the first.

use super::lang::{message, Lang, Message};
use super::model::{
    Budget, Direction, DirectionId, Initiative, InitiativeId, Line, LineId, Marks, Meta,
};
use super::money;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

/// One problem in a budget file. `Display` is the English line, as the build prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    pub item: Item,
    /// The field at fault, as the file names it, when there is one.
    pub field: Option<String>,
    pub message: Message,
}

/// The part of a budget file a problem is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    File,
    Meta,
    /// Each with its id as written (`2`, `3-1`), or its position (`#12`) without a usable id.
    Direction(String),
    Initiative(String),
    Project(String),
    /// A row of a CSV file.
    Row(usize),
}

impl Item {
    /// `project 3-1` / `事業 3-1`.
    pub fn name(&self, lang: Lang) -> String {
        match (self, lang) {
            (Item::File, Lang::En) => "file".into(),
            (Item::File, Lang::Ja) => "ファイル".into(),
            (Item::Meta, Lang::En) => "meta".into(),
            (Item::Meta, Lang::Ja) => "基本情報（meta）".into(),
            (Item::Direction(id), Lang::En) => format!("direction {id}"),
            (Item::Direction(id), Lang::Ja) => format!("方向性 {id}"),
            (Item::Initiative(id), Lang::En) => format!("initiative {id}"),
            (Item::Initiative(id), Lang::Ja) => format!("取組 {id}"),
            (Item::Project(id), Lang::En) => format!("project {id}"),
            (Item::Project(id), Lang::Ja) => format!("事業 {id}"),
            (Item::Row(n), Lang::En) => format!("row {n}"),
            (Item::Row(n), Lang::Ja) => format!("{n}行目"),
        }
    }
}

impl DataError {
    /// The problem as one line: `project 3-1: field "budget": …` / `事業 3-1・項目「budget」：…`.
    pub fn text(&self, lang: Lang) -> String {
        let (item, why) = (self.item.name(lang), self.message.get(lang));
        match (lang, &self.field) {
            (Lang::En, Some(field)) => format!("{item}: field \"{field}\": {why}"),
            (Lang::En, None) => format!("{item}: {why}"),
            (Lang::Ja, Some(field)) => format!("{item}・項目「{field}」：{why}"),
            // About the whole file, the Japanese is a sentence of its own.
            (Lang::Ja, None) if self.item == Item::File => why.to_string(),
            (Lang::Ja, None) => format!("{item}：{why}"),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
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
        // serde_json counts the column in bytes; a person counts characters (a kanji is 3 bytes).
        let line = e.line();
        let column = text
            .lines()
            .nth(line.saturating_sub(1))
            .map_or(e.column(), |l| {
                let upto = e.column().min(l.len());
                let boundary = (0..=upto)
                    .rev()
                    .find(|&i| l.is_char_boundary(i))
                    .unwrap_or(0);
                l[..boundary].chars().count().max(1)
            });
        let why = if e.is_eof() {
            "ファイルが途中で終わっています"
        } else if e.to_string().starts_with("recursion limit") {
            "入れ子が深すぎます"
        } else {
            "書き方に誤りがあります"
        };
        vec![DataError {
            item: Item::File,
            field: None,
            message: message!(
                "is not valid JSON ({e})",
                "JSON として読み取れません（{line}行目 {column}桁目：{why}）"
            ),
        }]
    })?;
    // The tree is dropped as soon as the budget is built from it.
    check(&root, |list, initiatives, errors| {
        list.map(|l| check_projects(l, initiatives, errors))
    })
}

/// How the projects of a file are checked, given its `projects` list (if it is one) and the
/// initiatives it declares (if they could be read).
trait ProjectCheck:
    FnOnce(Option<&[Value]>, Option<&BTreeSet<InitiativeId>>, &mut Vec<DataError>) -> Option<Vec<Line>>
{
}

impl<F> ProjectCheck for F where
    F: FnOnce(
        Option<&[Value]>,
        Option<&BTreeSet<InitiativeId>>,
        &mut Vec<DataError>,
    ) -> Option<Vec<Line>>
{
}

/// Checks a file whose `meta`, `directions` and `initiatives` are in `head` and whose projects
/// `projects` checks: the CSV reader passes the projects it checked row by row ([`Projects`])
/// and an empty `projects` list in `head`, so that a large file is never one JSON tree.
pub(crate) fn parse_parts(
    head: &Value,
    projects: impl FnOnce(Option<&BTreeSet<InitiativeId>>, &mut Vec<DataError>) -> Vec<Line>,
) -> Result<Budget, Vec<DataError>> {
    check(head, |_, initiatives, errors| {
        Some(projects(initiatives, errors))
    })
}

fn check(root: &Value, projects: impl ProjectCheck) -> Result<Budget, Vec<DataError>> {
    let mut errors = Vec::new();
    let budget = check_budget(root, &mut errors, projects);
    match budget {
        Some(b) if errors.is_empty() => Ok(b),
        _ => Err(errors),
    }
}

/// Reads the fields of one JSON object, recording what is wrong with them.
struct Fields<'a, 'e> {
    item: Item,
    map: &'a Map<String, Value>,
    errors: &'e mut Vec<DataError>,
}

impl<'a, 'e> Fields<'a, 'e> {
    /// `None` (with an error recorded) when `value` is not an object.
    fn of(
        item: Item,
        value: &'a Value,
        allowed: &[&str],
        errors: &'e mut Vec<DataError>,
    ) -> Option<Self> {
        let Some(map) = value.as_object() else {
            let object = match item {
                Item::File => "ファイル全体を1つのオブジェクト（{ }）",
                _ => "オブジェクト（{ }）",
            };
            errors.push(DataError {
                item,
                field: None,
                message: wrong_kind("an object", object, value),
            });
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let (allowed_en, allowed_ja) = (allowed.join(", "), allowed.join("、"));
                errors.push(DataError {
                    item: item.clone(),
                    field: Some(key.clone()),
                    message: message!(
                        "is not in the data contract (allowed: {allowed_en})",
                        "決められた形式にない項目です（使える項目：{allowed_ja}）"
                    ),
                });
            }
        }
        Some(Fields { item, map, errors })
    }

    fn fail(&mut self, field: &str, message: Message) {
        self.errors.push(DataError {
            item: self.item.clone(),
            field: Some(field.to_string()),
            message,
        });
    }

    fn get(&mut self, field: &str) -> Option<&'a Value> {
        let value = self.map.get(field);
        if value.is_none() {
            self.fail(field, message!("is missing", "記載がありません"));
        }
        value
    }

    /// A required string, trimmed and non-empty.
    fn text(&mut self, field: &str) -> Option<String> {
        match self.get(field)? {
            Value::String(s) if s.trim().is_empty() => {
                self.fail(field, message!("must not be empty", "空です"));
                None
            }
            Value::String(s) if s.trim() != s => {
                let m = message!("has leading or trailing spaces", "前後に空白があります");
                self.fail(field, m);
                None
            }
            Value::String(s) => Some(s.clone()),
            other => {
                self.fail(field, wrong_kind("a string", "文字列", other));
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
                let m = message!(
                    "must be a whole number from 1 to {max}, found {value}",
                    "1から{max}までの整数で書いてください（見つかった値：{value}）"
                );
                self.fail(field, m);
                None
            }
        }
    }

    fn flag(&mut self, field: &str) -> Option<bool> {
        match self.get(field)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.fail(field, wrong_kind("true or false", "true か false ", other));
                None
            }
        }
    }

    /// A required, non-empty list of non-empty strings.
    fn text_list(&mut self, field: &str) -> Option<Vec<String>> {
        let value = self.get(field)?;
        let Some(items) = value.as_array() else {
            let m = wrong_kind("a list of strings", "文字列のリスト（[ ]）", value);
            self.fail(field, m);
            return None;
        };
        if items.is_empty() {
            let m = message!("must not be empty", "空です（1つ以上書いてください）");
            self.fail(field, m);
            return None;
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let n = i + 1;
            match item.as_str() {
                Some(s) if !s.trim().is_empty() && s.trim() == s => out.push(s.to_string()),
                _ => self.fail(
                    field,
                    message!(
                        "entry {n} must be a non-empty string without surrounding spaces, found {item}",
                        "{n}番目は、空でない文字列を前後に空白を付けずに書いてください（見つかった値：{item}）"
                    ),
                ),
            }
        }
        (out.len() == items.len()).then_some(out)
    }
}

/// "must be a string, found a number" / 「文字列で書いてください（実際は数値）」.
fn wrong_kind(expected: &str, expected_ja: &str, value: &Value) -> Message {
    let (found, found_ja) = match value {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("true/false", "true/false"),
        Value::Number(_) => ("a number", "数値"),
        Value::String(_) => ("a string", "文字列"),
        Value::Array(_) => ("a list", "リスト"),
        Value::Object(_) => ("an object", "オブジェクト"),
    };
    message!(
        "must be {expected}, found {found}",
        "{expected_ja}で書いてください（実際は{found_ja}）"
    )
}

/// A line id that disagrees with its initiative and number (also checked by the CSV reader, in
/// the same words, so that the two reports of it are one).
pub(crate) fn id_mismatch(expected: LineId, found: &str) -> Message {
    message!(
        "must be \"{expected}\" (initiative-number), found \"{found}\"",
        "取組と項番に合わせて「{expected}」と書いてください（見つかった値：{found}）"
    )
}

fn check_budget(
    root: &Value,
    errors: &mut Vec<DataError>,
    projects: impl ProjectCheck,
) -> Option<Budget> {
    let mut top = Fields::of(Item::File, root, TOP_FIELDS, errors)?;
    let meta_value = top.get("meta");
    let lists: Vec<Option<&Vec<Value>>> = ["directions", "initiatives", "projects"]
        .iter()
        .map(|field| {
            let value = top.get(field)?;
            let list = value.as_array();
            if list.is_none() {
                top.fail(field, wrong_kind("a list", "リスト（[ ]）", value));
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
    let measures = projects(
        lists[2].map(Vec::as_slice),
        initiatives.as_ref().map(|i| &i.1),
        errors,
    );
    Some(Budget {
        meta: meta?,
        directions: directions?.0,
        initiatives: initiatives?.0,
        lines: measures?,
    })
}

fn check_meta(value: &Value, errors: &mut Vec<DataError>) -> Option<Meta> {
    let mut f = Fields::of(Item::Meta, value, META_FIELDS, errors)?;
    let title = f.text("title");
    let city = f.text("city");
    let fiscal_year = f.id_number("fiscal_year", 9999).map(|y| y as u16);
    let era_year = f.text("era_year");
    let unit = f.text("unit");
    let as_of = f.text("as_of");
    if let Some(m) = as_of.as_deref().and_then(|date| date_problem(date, date)) {
        f.fail("as_of", m);
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
    date_problem(text, text).is_none()
}

/// What is wrong with the date `iso` (`YYYY-MM-DD`, a day that exists in the Gregorian
/// calendar), if anything; `found` is how the file wrote it (the CSV reader converts
/// `2023/3/31` before asking), which the message quotes.
pub(crate) fn date_problem(iso: &str, found: &str) -> Option<Message> {
    let b = iso.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let form = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10);
    let (year, month, day): (u32, u32, u32) = match form {
        true => (
            iso[..4].parse().unwrap_or(0),
            iso[5..7].parse().unwrap_or(0),
            iso[8..10].parse().unwrap_or(0),
        ),
        false => (0, 0, 0),
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Some(message!(
            "must be a date written YYYY-MM-DD, found \"{found}\"",
            "日付を YYYY-MM-DD の形で書いてください（見つかった値：{found}）"
        ));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day > days).then(|| {
        message!(
            "must be a date that exists, written YYYY-MM-DD ({year:04}-{month:02} has {days} days), found \"{found}\"",
            "存在しない日付です（{year}年{month}月は{days}日までです）。YYYY-MM-DD の形で書いてください（見つかった値：{found}）"
        )
    })
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
        let item = Item::Direction(item_id(value, i));
        let Some(mut f) = Fields::of(item, value, DIRECTION_FIELDS, errors) else {
            continue;
        };
        let id = f.id_number("id", 255).map(|n| DirectionId(n as u8));
        let title = f.text("title");
        if let Some(id) = id {
            if out.iter().any(|d| d.id == id) {
                let n = id.0;
                let m = message!(
                    "{n} is used by another direction",
                    "{n} はほかの方向性でも使われています"
                );
                f.fail("id", m);
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
        let item = Item::Initiative(item_id(value, i));
        let Some(mut f) = Fields::of(item, value, INITIATIVE_FIELDS, errors) else {
            continue;
        };
        let id = f.id_number("id", 255).map(|n| InitiativeId(n as u8));
        let direction = f.id_number("direction", 255).map(|n| DirectionId(n as u8));
        let title = f.text("title");
        if let (Some(direction), Some(known)) = (direction, directions) {
            if !known.contains(&direction) {
                let n = direction.0;
                let m = message!(
                    "points at direction {n}, which does not exist",
                    "方向性 {n} はありません"
                );
                f.fail("direction", m);
                continue;
            }
        }
        if let Some(id) = id {
            if out.iter().any(|x| x.id == id) {
                let n = id.0;
                let m = message!(
                    "{n} is used by another initiative",
                    "{n} はほかの取組でも使われています"
                );
                f.fail("id", m);
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

/// The item's id ("3-1", "2") when it carries a usable one, else its position ("#12").
fn item_id(value: &Value, index: usize) -> String {
    match value.get("id") {
        Some(Value::String(s)) if LineId::parse(s).is_some() => s.clone(),
        Some(Value::Number(n)) if n.is_u64() => n.to_string(),
        _ => format!("#{}", index + 1),
    }
}

fn check_projects(
    list: &[Value],
    initiatives: Option<&BTreeSet<InitiativeId>>,
    errors: &mut Vec<DataError>,
) -> Vec<Line> {
    let mut projects = Projects::new(initiatives, list.len());
    for (i, value) in list.iter().enumerate() {
        if let Some(id) = value
            .get("id")
            .and_then(Value::as_str)
            .and_then(LineId::parse)
        {
            projects.declare(id);
        }
        if let Some(c) = candidate(i, value, errors) {
            projects.accept(c, errors);
        }
    }
    projects.finish(errors)
}

/// A project read field by field, before the checks across projects ([`Projects`]): the CSV
/// reader makes one per row and keeps only these (never a tree of the whole file), checking
/// them once every initiative is known.
pub(crate) struct Candidate {
    item: Item,
    id: Option<LineId>,
    initiative: Option<InitiativeId>,
    /// The line and its `relisted_of` as written, when every field could be read.
    line: Option<(Line, Option<String>)>,
}

/// The fields of the `index`th project (from 0), each checked on its own; `None` (with an
/// error recorded) when it is not even an object.
pub(crate) fn candidate(
    index: usize,
    value: &Value,
    errors: &mut Vec<DataError>,
) -> Option<Candidate> {
    let item = Item::Project(item_id(value, index));
    let mut f = Fields::of(item.clone(), value, PROJECT_FIELDS, errors)?;
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
                let (max, found) = (money::exact(MAX_AMOUNT), money::exact(n));
                let m = message!(
                    "must be at most {MAX_AMOUNT} thousand yen, found {n}",
                    "{max}以下で書いてください（見つかった値：{found}）"
                );
                f.fail("budget", m);
                None
            }
            Some(n) => Some(Some(n)),
            None => {
                let m = if v.as_i64().is_some_and(|n| n < 0) || v.as_f64().is_some_and(|n| n < 0.0)
                {
                    message!(
                        "must not be negative, found {v}",
                        "0以上の整数（千円）で書いてください（見つかった値：{v}）"
                    )
                } else {
                    message!(
                        "must be a whole number of thousand yen, or null where the source prints \"-\", found {v}",
                        "千円単位の整数で書いてください。金額の記載がない（資料で「-」の）ときは null です（見つかった値：{v}）"
                    )
                };
                f.fail("budget", m);
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
            let m = wrong_kind(
                "a line id such as \"1-5\" or null",
                "「1-5」のような事業の番号か null ",
                other,
            );
            f.fail("relisted_of", m);
            None
        }
    };
    let description = f.text("description");

    let id = match (&id_text, initiative, number) {
        (Some(text), Some(initiative), Some(number)) => {
            let expected = LineId { initiative, number };
            if LineId::parse(text) == Some(expected) {
                Some(expected)
            } else {
                f.fail("id", id_mismatch(expected, text));
                None
            }
        }
        _ => None,
    };
    let line = (|| {
        Some((
            Line {
                id: id?,
                name: name?,
                departments: departments?,
                amount: budget?,
                marks: Marks {
                    key_measure: key?,
                    new: new?,
                    covid: covid?,
                },
                relisted_of: None,
                description: description?,
            },
            relisted_of?,
        ))
    })();
    Some(Candidate {
        item,
        id,
        initiative,
        line,
    })
}

/// The projects of one file, checked across each other: the initiative each points at exists,
/// ids are unique, and (in [`Projects::finish`]) relistings point at their original. What it
/// keeps besides the lines is a few bytes per line: a large file is checked in little more
/// memory than its lines take.
pub(crate) struct Projects<'k> {
    /// `None`: checked later, by [`Projects::check_initiatives`] (the CSV reader knows them only
    /// once every row is read).
    initiatives: Option<&'k BTreeSet<InitiativeId>>,
    lines: Vec<Line>,
    /// Ids accepted so far: a set, so that large files are checked in linear time.
    seen: HashSet<LineId>,
    /// The raw `relisted_of` text per accepted line, resolved once every id is known.
    relisted: Vec<Option<String>>,
    /// Every id a project declares, accepted or not.
    declared: HashSet<LineId>,
    /// Projects not accepted that point at an initiative, while initiatives are unknown.
    unchecked: Vec<(Item, InitiativeId)>,
}

impl<'k> Projects<'k> {
    /// `capacity`: how many projects there are at most (reserved once: no doubling of a large
    /// file's lines).
    pub(crate) fn new(initiatives: Option<&'k BTreeSet<InitiativeId>>, capacity: usize) -> Self {
        Projects {
            initiatives,
            lines: Vec::with_capacity(capacity),
            seen: HashSet::with_capacity(capacity),
            relisted: Vec::with_capacity(capacity),
            declared: HashSet::with_capacity(capacity),
            unchecked: Vec::new(),
        }
    }

    /// An id a project declares, valid or not: a relisting pointing at it is not called
    /// missing (the project's own problems are reported there).
    pub(crate) fn declare(&mut self, id: LineId) {
        self.declared.insert(id);
    }

    pub(crate) fn accept(&mut self, c: Candidate, errors: &mut Vec<DataError>) {
        if let Some(initiative) = c.initiative {
            match self.initiatives {
                Some(known) if !known.contains(&initiative) => {
                    errors.push(no_initiative(c.item, initiative));
                    return;
                }
                None if c.line.is_none() => self.unchecked.push((c.item.clone(), initiative)),
                _ => {}
            }
        }
        if let Some(id) = c.id {
            if self.seen.contains(&id) {
                errors.push(DataError {
                    item: c.item,
                    field: Some("id".into()),
                    message: message!(
                        "\"{id}\" is used by another project",
                        "「{id}」はほかの事業でも使われています"
                    ),
                });
                return;
            }
        }
        let Some((line, relisted_of)) = c.line else {
            return;
        };
        self.seen.insert(line.id);
        self.lines.push(line);
        self.relisted.push(relisted_of);
    }

    /// The initiative check of projects accepted while initiatives were unknown: those pointing
    /// at one that does not exist are reported and left out, as [`Projects::accept`] would have.
    /// (Only for files whose ids are unique otherwise, as the CSV reader's are: a project left
    /// out here has taken its id already. The errors are in no particular order: the CSV reader
    /// sorts them by row.)
    pub(crate) fn check_initiatives(
        &mut self,
        known: Option<&BTreeSet<InitiativeId>>,
        errors: &mut Vec<DataError>,
    ) {
        let Some(known) = known else { return };
        for (item, initiative) in std::mem::take(&mut self.unchecked) {
            if !known.contains(&initiative) {
                errors.push(no_initiative(item, initiative));
            }
        }
        let mut kept = 0;
        for i in 0..self.lines.len() {
            let id = self.lines[i].id;
            if known.contains(&id.initiative) {
                self.lines.swap(kept, i);
                self.relisted.swap(kept, i);
                kept += 1;
            } else {
                errors.push(no_initiative(Item::Project(id.to_string()), id.initiative));
            }
        }
        self.lines.truncate(kept);
        self.relisted.truncate(kept);
    }

    /// The accepted lines, with their relistings resolved.
    pub(crate) fn finish(mut self, errors: &mut Vec<DataError>) -> Vec<Line> {
        resolve_relistings(&mut self.lines, &self.relisted, &self.declared, errors);
        self.lines.shrink_to_fit();
        self.lines
    }
}

fn no_initiative(item: Item, initiative: InitiativeId) -> DataError {
    let n = initiative.0;
    DataError {
        item,
        field: Some("initiative".into()),
        message: message!(
            "points at initiative {n}, which does not exist",
            "取組 {n} はありません"
        ),
    }
}

/// A relisting must point at an original line (not itself a relisting) with the same name,
/// departments and amount: it is the same measure, printed again under another initiative.
fn resolve_relistings(
    measures: &mut [Line],
    relisted: &[Option<String>],
    declared: &HashSet<LineId>,
    errors: &mut Vec<DataError>,
) {
    let index: HashMap<LineId, usize> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    for (i, target) in relisted.iter().enumerate() {
        let Some(text) = target else { continue };
        let mut fail = |message: Message| {
            errors.push(DataError {
                // An accepted line's item is its id (see `item_id`).
                item: Item::Project(measures[i].id.to_string()),
                field: Some("relisted_of".into()),
                message,
            })
        };
        let Some(target) = LineId::parse(text) else {
            fail(message!(
                "must be a line id such as \"1-5\", found \"{text}\"",
                "「1-5」のような事業の番号で書いてください（見つかった値：{text}）"
            ));
            continue;
        };
        let Some(&j) = index.get(&target) else {
            if !declared.contains(&target) {
                fail(message!(
                    "points at \"{text}\", which does not exist",
                    "再掲元の「{text}」という事業はありません"
                ));
            } // else: the original has errors of its own, reported there
            continue;
        };
        let (line, original) = (&measures[i], &measures[j]);
        if i == j {
            fail(message!(
                "points at the line itself",
                "自分自身を再掲元にしています"
            ));
        } else if relisted[j].is_some() {
            fail(message!(
                "points at \"{text}\", which is itself a relisting; point at the original",
                "「{text}」も再掲です。元の掲載の番号を書いてください"
            ));
        } else if line.name != original.name {
            let (this, that) = (&line.name, &original.name);
            fail(message!(
                "points at \"{text}\", whose name differs (\"{this}\" vs \"{that}\")",
                "再掲元の「{text}」と事業名が違います（この行「{this}」、再掲元「{that}」）"
            ));
        } else if line.amount != original.amount {
            let (this, that) = (amount_text(line.amount), amount_text(original.amount));
            let (this_ja, that_ja) = (amount_ja(line.amount), amount_ja(original.amount));
            fail(message!(
                "points at \"{text}\", whose amount differs ({this} vs {that})",
                "再掲元の「{text}」と予算額が違います（この行 {this_ja}、再掲元 {that_ja}）"
            ));
        } else if line.departments != original.departments {
            fail(message!(
                "points at \"{text}\", whose departments differ",
                "再掲元の「{text}」と担当課が違います"
            ));
        } else {
            measures[i].relisted_of = Some(target);
        }
    }
}

fn amount_text(budget: Option<u64>) -> String {
    budget.map_or_else(|| "-".into(), |n| n.to_string())
}

fn amount_ja(budget: Option<u64>) -> String {
    budget.map_or_else(|| "記載なし（-）".into(), money::exact)
}

/// Test support: the Japanese line of `e` is Japanese and names the same item and field.
#[cfg(test)]
pub(crate) fn assert_japanese_line(e: &DataError) {
    let (ja, en) = (e.text(Lang::Ja), e.to_string());
    super::lang::assert_japanese(&ja, &en);
    if e.item != Item::File || e.field.is_some() {
        assert!(ja.starts_with(&e.item.name(Lang::Ja)), "{ja} ({en})");
    }
    if let Some(field) = &e.field {
        assert!(ja.contains(&format!("・項目「{field}」：")), "{ja} ({en})");
    }
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

    /// The English lines; every test that uses it also checks each problem's Japanese line.
    fn errors_of(value: &Value) -> Vec<String> {
        match parse(&value.to_string()) {
            Ok(_) => vec![],
            Err(e) => {
                e.iter().for_each(assert_japanese_line);
                e.iter().map(ToString::to_string).collect()
            }
        }
    }

    #[test]
    fn minimal_file_is_valid() {
        let b = parse(&minimal().to_string()).unwrap();
        assert_eq!(b.lines.len(), 2);
        assert_eq!(b.lines[1].relisted_of, LineId::parse("1-1"));
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
        assert!(is_iso_date("2024-02-29")); // a leap year
        assert!(is_iso_date("2000-02-29"));
        for bad in [
            "2023-02-29",
            "2023-02-30",
            "1900-02-29",
            "2023-04-31",
            "2023-12-32",
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
