//! Target `validate`: budget files as JSON.

use super::strategies::{
    apply_byte_edits, byte_edits, few, interesting_number, interesting_string, random_bytes,
    random_text, small, some_text,
};
use super::{check_accepted, refused_well, Corpus};
use kumamoto_sme_budget::core::model::Budget;
use kumamoto_sme_budget::core::view_state::Lang;
use kumamoto_sme_budget::core::{export, synthetic, validate, EMBEDDED_BUDGET};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};
use serde_json::{json, Value};

/// A JSON document to edit below the text: objects keep their order and may repeat a key,
/// numbers are kept as their text (so they can be huge, negative, fractional or malformed) and
/// `Raw` is written verbatim. serde_json reads the valid documents this starts from, and
/// escapes its strings; it has no room for the invalid ones this writes.
#[derive(Clone, Debug, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    Raw(String),
}

/// The tree of a JSON text that serde_json reads (the core's own exports).
pub fn tree(text: &str) -> J {
    fn from(v: &Value) -> J {
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => J::Num(n.to_string()),
            Value::String(s) => J::Str(s.clone()),
            Value::Array(items) => J::Arr(items.iter().map(from).collect()),
            Value::Object(fields) => {
                J::Obj(fields.iter().map(|(k, v)| (k.clone(), from(v))).collect())
            }
        }
    }
    serde_json::from_str(text).map_or_else(|e| J::Raw(format!("{e}")), |v| from(&v))
}

/// Writes compactly or indented; with `ascii`, non-ASCII characters as `\u` escapes (they only
/// occur inside strings).
pub fn write(j: &J, pretty: bool, ascii: bool) -> String {
    fn string(s: &str, out: &mut String) {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }
    fn go(j: &J, pretty: bool, depth: usize, out: &mut String) {
        let newline = |out: &mut String, depth: usize| {
            if pretty {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
        };
        let (open, close, len) = match j {
            J::Null => return out.push_str("null"),
            J::Bool(b) => return out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) | J::Raw(n) => return out.push_str(n),
            J::Str(s) => return string(s, out),
            J::Arr(items) => ('[', ']', items.len()),
            J::Obj(fields) => ('{', '}', fields.len()),
        };
        out.push(open);
        for i in 0..len {
            if i > 0 {
                out.push(',');
            }
            newline(out, depth + 1);
            match j {
                J::Arr(items) => go(&items[i], pretty, depth + 1, out),
                J::Obj(fields) => {
                    string(&fields[i].0, out);
                    out.push_str(if pretty { ": " } else { ":" });
                    go(&fields[i].1, pretty, depth + 1, out);
                }
                _ => {}
            }
        }
        if len > 0 {
            newline(out, depth);
        }
        out.push(close);
    }
    let mut out = String::new();
    go(j, pretty, 0, &mut out);
    if !ascii {
        return out;
    }
    let mut escaped = String::with_capacity(out.len());
    for ch in out.chars() {
        if ch.is_ascii() {
            escaped.push(ch);
        } else {
            let mut units = [0u16; 2];
            for u in ch.encode_utf16(&mut units) {
                escaped.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    escaped
}

fn get_mut<'a>(j: &'a mut J, key: &str) -> Option<&'a mut J> {
    match j {
        J::Obj(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn list_mut<'a>(doc: &'a mut J, key: &str) -> Option<&'a mut Vec<J>> {
    match get_mut(doc, key)? {
        J::Arr(items) => Some(items),
        _ => None,
    }
}

/// The entry at `at` of a list of the document, if the list has any.
fn entry<'a>(doc: &'a mut J, list: &str, at: &Index) -> Option<&'a mut J> {
    let items = list_mut(doc, list)?;
    let len = items.len();
    (len > 0).then(|| &mut items[at.index(len)])
}

/// The field `key` of the entry at `at` of `list`.
fn entry_field<'a>(doc: &'a mut J, list: &str, at: &Index, key: &str) -> Option<&'a mut J> {
    get_mut(entry(doc, list, at)?, key)
}

const LISTS: &[&str] = &["directions", "initiatives", "projects"];
#[rustfmt::skip]
const FIELD_NAMES: &[&str] = &[
    "meta", "directions", "initiatives", "projects", "title", "city", "fiscal_year", "era_year",
    "unit", "as_of", "source", "priorities", "note", "id", "direction", "initiative", "number",
    "name", "departments", "budget", "key", "new", "covid", "relisted_of", "description",
];

/// One item of the document: the meta object or an entry of one of the lists (projects most).
#[derive(Clone, Debug)]
struct Item(u8, Index);

fn item() -> BoxedStrategy<Item> {
    (0..8u8, any::<Index>())
        .prop_map(|(l, i)| Item(l, i))
        .boxed()
}

impl Item {
    fn fields<'a>(&self, doc: &'a mut J) -> Option<&'a mut Vec<(String, J)>> {
        let item = match self.0 {
            0 => get_mut(doc, "meta"),
            1 => entry(doc, "directions", &self.1),
            2 => entry(doc, "initiatives", &self.1),
            _ => entry(doc, "projects", &self.1),
        }?;
        match item {
            J::Obj(fields) => Some(fields),
            _ => None,
        }
    }
}

/// The string ids of the projects (for references that exist).
fn project_ids(doc: &mut J) -> Vec<String> {
    let Some(items) = list_mut(doc, "projects") else {
        return Vec::new();
    };
    items
        .iter_mut()
        .filter_map(|p| match get_mut(p, "id") {
            Some(J::Str(s)) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// Literals and fragments that are not JSON, or barely.
#[rustfmt::skip]
const BAD_JSON: &[&str] = &[
    "NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x10", "'a'", "undefined", "True",
    "nul", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u00\"", "\"\\x41\"", "\"a\nb\"", "\"\t\"",
    "[1,]", "{\"a\":1,}", "[,1]", "{,}", "\"\\uD83D\\uDE00\"", "1e99999", "-", "--1", "/* */1",
];

/// Deep nesting (serde_json stops at 128 levels), bad literals and other raw text.
fn raw_junk() -> BoxedStrategy<String> {
    let depth = select(&[2usize, 64, 126, 127, 128, 129, 200, 1000, 5000, 20_000][..]);
    prop_oneof![
        1 => depth.clone().prop_map(|d| format!("{}{}", "[".repeat(d), "]".repeat(d))),
        1 => depth.clone().prop_map(|d| "[".repeat(d)),
        1 => depth.clone().prop_map(|d| format!("{}1{}", "{\"a\":".repeat(d), "}".repeat(d))),
        1 => depth.prop_map(|d| format!("{}{}", "[{\"id\":".repeat(d), "1}]".repeat(d))),
        4 => select(BAD_JSON).prop_map(str::to_string),
    ]
    .boxed()
}

fn random_value(c: &'static Corpus) -> BoxedStrategy<J> {
    prop_oneof![
        1 => Just(J::Null),
        1 => any::<bool>().prop_map(J::Bool),
        3 => interesting_number().prop_map(J::Num),
        3 => interesting_string(c).prop_map(J::Str),
        1 => vec(some_text(c).prop_map(J::Str), 0..=4).prop_map(J::Arr),
        1 => vec(
            (select(FIELD_NAMES).prop_map(str::to_string), interesting_number().prop_map(J::Num)),
            0..=3
        )
        .prop_map(J::Obj),
        1 => Just(J::Arr(Vec::new())),
        1 => raw_junk().prop_map(J::Raw),
    ]
    .boxed()
}

/// A key renamed: to another field's, upper case, padded, empty, plural, or random.
#[derive(Clone, Debug)]
enum Rename {
    Field(&'static str),
    Upper,
    Padded,
    Empty,
    Plural,
    Text(String),
}

fn rename() -> BoxedStrategy<Rename> {
    prop_oneof![
        select(FIELD_NAMES).prop_map(Rename::Field),
        Just(Rename::Upper),
        Just(Rename::Padded),
        Just(Rename::Empty),
        Just(Rename::Plural),
        random_text(8).prop_map(Rename::Text),
    ]
    .boxed()
}

impl Rename {
    fn of(&self, key: &str) -> String {
        match self {
            Rename::Field(f) => f.to_string(),
            Rename::Upper => key.to_uppercase(),
            Rename::Padded => format!("{key} "),
            Rename::Empty => String::new(),
            Rename::Plural => format!("{key}s"),
            Rename::Text(t) => t.clone(),
        }
    }
}

/// What a relisting points at.
#[derive(Clone, Debug)]
enum Reference {
    Existing(Index),
    Made(u8, u8),
    Value(J),
}

/// Schema-aware edits: the ones a hand-edited or half-converted file has.
#[derive(Clone, Debug)]
enum Semantic {
    DropField(Item, Index),
    /// A field given a value of the wrong type or at an edge.
    Retype(Item, Index, J),
    /// A relisting pointing at another line, itself, nothing, or something malformed.
    Relist(Index, Reference),
    /// An initiative under a direction that may not exist.
    Under(Index, u8),
    /// A line moved to another initiative or renumbered (the id may no longer agree).
    Renumber(Index, &'static str, Reference, u16),
    /// An entry duplicated (same id twice).
    Duplicate(&'static str, Index, Index),
    /// A new relisting of a line, correct or nearly so.
    NewRelisting(Index, u8, u8, Option<(&'static str, J)>),
    /// Amounts: huge, negative, fractional, missing.
    Amounts(Vec<(Index, Option<String>)>),
    Rename(Item, Index, Rename),
    AddField(Item, String, J),
    /// An entry removed: lines and initiatives pointing at it dangle.
    Remove(&'static str, Index),
    Meta(&'static str, J),
}

fn semantic(c: &'static Corpus) -> BoxedStrategy<Semantic> {
    use Semantic::*;
    let at = any::<Index>;
    let reference = || {
        prop_oneof![
            2 => at().prop_map(Reference::Existing),
            1 => (1..=12u8, 1..=12u8).prop_map(|(i, n)| Reference::Made(i, n)),
            1 => random_value(c).prop_map(Reference::Value),
        ]
    };
    prop_oneof![
        (item(), at()).prop_map(|(i, f)| DropField(i, f)),
        (item(), at(), random_value(c)).prop_map(|(i, f, v)| Retype(i, f, v)),
        (at(), reference()).prop_map(|(p, r)| Relist(p, r)),
        (at(), 0..=12u8).prop_map(|(i, d)| Under(i, d)),
        (
            at(),
            select(&["initiative", "number", "id"][..]),
            prop_oneof![
                at().prop_map(Reference::Existing),
                (0..=12u8, 0..=30u8).prop_map(|(i, n)| Reference::Made(i, n)),
            ],
            0..=300u16
        )
            .prop_map(|(p, f, r, n)| Renumber(p, f, r, n)),
        (select(LISTS), at(), at()).prop_map(|(l, i, to)| Duplicate(l, i, to)),
        (
            at(),
            1..=10u8,
            20..=40u8,
            prop::option::weighted(
                0.3,
                (
                    select(&["name", "budget", "departments"][..]),
                    random_value(c)
                )
            )
        )
            .prop_map(|(p, i, n, change)| NewRelisting(p, i, n, change)),
        vec(
            (at(), prop::option::weighted(0.9, interesting_number())),
            1..=4
        )
        .prop_map(Amounts),
        (item(), at(), rename()).prop_map(|(i, f, r)| Rename(i, f, r)),
        (
            item(),
            prop_oneof![
                select(FIELD_NAMES).prop_map(str::to_string),
                random_text(10)
            ],
            random_value(c)
        )
            .prop_map(|(i, k, v)| AddField(i, k, v)),
        (select(LISTS), at()).prop_map(|(l, i)| Remove(l, i)),
        prop_oneof![
            interesting_string(c).prop_map(|s| Meta("as_of", J::Str(s))),
            interesting_number().prop_map(|n| Meta("fiscal_year", J::Num(n))),
            random_value(c).prop_map(|v| Meta("priorities", v)),
        ],
    ]
    .boxed()
}

impl Semantic {
    fn apply(&self, doc: &mut J) {
        let ids = project_ids(doc);
        let existing = |i: &Index| (!ids.is_empty()).then(|| J::Str(i.get(&ids).clone()));
        match self {
            Semantic::DropField(item, f) => {
                if let Some(fields) = item.fields(doc).filter(|f| !f.is_empty()) {
                    fields.remove(f.index(fields.len()));
                }
            }
            Semantic::Retype(item, f, value) => {
                if let Some(fields) = item.fields(doc).filter(|f| !f.is_empty()) {
                    f.get_mut(fields).1 = value.clone();
                }
            }
            Semantic::Relist(p, reference) => {
                let target = match reference {
                    Reference::Existing(i) => existing(i),
                    Reference::Made(i, n) => Some(J::Str(format!("{i}-{n}"))),
                    Reference::Value(v) => Some(v.clone()),
                };
                if let (Some(target), Some(v)) =
                    (target, entry_field(doc, "projects", p, "relisted_of"))
                {
                    *v = target;
                }
            }
            Semantic::Under(i, direction) => {
                if let Some(v) = entry_field(doc, "initiatives", i, "direction") {
                    *v = J::Num(direction.to_string());
                }
            }
            Semantic::Renumber(p, field, reference, n) => {
                let value = match (*field, reference) {
                    ("id", Reference::Existing(i)) => existing(i),
                    ("id", Reference::Made(i, n)) => Some(J::Str(format!("{i}-{n}"))),
                    _ => Some(J::Num(n.to_string())),
                };
                if let (Some(value), Some(v)) = (value, entry_field(doc, "projects", p, field)) {
                    *v = value;
                }
            }
            Semantic::Duplicate(list, i, to) => {
                if let Some(l) = list_mut(doc, list).filter(|l| !l.is_empty()) {
                    let copy = i.get(l).clone();
                    l.insert(to.index(l.len() + 1), copy);
                }
            }
            Semantic::NewRelisting(p, ini, num, change) => {
                let Some(mut copy) = entry(doc, "projects", p).cloned() else {
                    return;
                };
                let original = match get_mut(&mut copy, "id") {
                    Some(J::Str(s)) => s.clone(),
                    _ => "1-1".into(),
                };
                for (field, value) in [
                    ("id", J::Str(format!("{ini}-{num}"))),
                    ("initiative", J::Num(ini.to_string())),
                    ("number", J::Num(num.to_string())),
                    ("relisted_of", J::Str(original)),
                ]
                .into_iter()
                .chain(change.clone())
                {
                    if let Some(v) = get_mut(&mut copy, field) {
                        *v = value;
                    }
                }
                if let Some(l) = list_mut(doc, "projects") {
                    l.push(copy);
                }
            }
            Semantic::Amounts(amounts) => {
                for (p, amount) in amounts {
                    if let Some(v) = entry_field(doc, "projects", p, "budget") {
                        *v = amount.clone().map_or(J::Null, J::Num);
                    }
                }
            }
            Semantic::Rename(item, f, rename) => {
                if let Some(fields) = item.fields(doc).filter(|f| !f.is_empty()) {
                    let field = f.get_mut(fields);
                    field.0 = rename.of(&field.0);
                }
            }
            Semantic::AddField(item, key, value) => {
                if let Some(fields) = item.fields(doc) {
                    fields.push((key.clone(), value.clone()));
                }
            }
            Semantic::Remove(list, i) => {
                if let Some(l) = list_mut(doc, list).filter(|l| !l.is_empty()) {
                    l.remove(i.index(l.len()));
                }
            }
            Semantic::Meta(field, value) => {
                if let Some(v) = get_mut(doc, "meta").and_then(|m| get_mut(m, field)) {
                    *v = value.clone();
                }
            }
        }
    }
}

/// A generic edit at a node found by walking `path` down from the root (as far as it goes):
/// objects lose, repeat, rename, swap or gain fields; lists lose, repeat, reorder or gain
/// entries; any value may become another type.
#[derive(Clone, Debug)]
struct NodeEdit {
    path: Vec<Index>,
    /// Edit the container's entries (else replace the node).
    entries: bool,
    kind: u8,
    at: Index,
    other: Index,
    rename: Rename,
    value: J,
}

fn node_edit(c: &'static Corpus) -> BoxedStrategy<NodeEdit> {
    (
        vec(any::<Index>(), 0..=6),
        prop::bool::weighted(0.6),
        0..6u8,
        any::<Index>(),
        any::<Index>(),
        rename(),
        random_value(c),
    )
        .prop_map(|(path, entries, kind, at, other, rename, value)| NodeEdit {
            path,
            entries,
            kind,
            at,
            other,
            rename,
            value,
        })
        .boxed()
}

impl NodeEdit {
    fn apply(&self, doc: &mut J) {
        let node = walk(doc, &self.path);
        match node {
            J::Obj(fields) if !fields.is_empty() && self.entries => {
                let i = self.at.index(fields.len());
                match self.kind % 5 {
                    0 => {
                        fields.remove(i);
                    }
                    1 => {
                        let copy = fields[i].clone();
                        fields.push(copy);
                    }
                    2 => fields[i].0 = self.rename.of(&fields[i].0),
                    3 => {
                        let k = self.other.index(fields.len());
                        fields.swap(i, k);
                    }
                    _ => fields.push((self.rename.of("id"), self.value.clone())),
                }
            }
            J::Arr(items) if !items.is_empty() && self.entries => {
                let i = self.at.index(items.len());
                match self.kind {
                    0 => {
                        items.remove(i);
                    }
                    1 => {
                        let copy = items[i].clone();
                        items.insert(i, copy);
                    }
                    2 => {
                        let k = self.other.index(items.len());
                        items.swap(i, k);
                    }
                    3 => items.clear(),
                    4 => items.truncate(i),
                    _ => items.insert(i, self.value.clone()),
                }
            }
            node => {
                let old = node.clone();
                *node = match self.kind % 4 {
                    0 => J::Arr(vec![old]),
                    1 => J::Obj(vec![("id".into(), old)]),
                    _ => self.value.clone(),
                }
            }
        }
    }
}

/// The node that `path` leads to from `node`, as far as it goes.
fn walk<'a>(node: &'a mut J, path: &[Index]) -> &'a mut J {
    let Some((step, rest)) = path.split_first() else {
        return node;
    };
    let len = match node {
        J::Arr(items) => items.len(),
        J::Obj(fields) => fields.len(),
        _ => 0,
    };
    if len == 0 {
        return node;
    }
    match node {
        J::Arr(items) => walk(&mut items[step.index(len)], rest),
        J::Obj(fields) => walk(&mut fields[step.index(len)].1, rest),
        other => other,
    }
}

#[derive(Clone, Debug)]
enum Edit {
    Semantic(Semantic),
    Node(NodeEdit),
}

/// A small valid document: a handful of the real lines (with every direction and initiative, or
/// only those they need), a tiny hand-made one, or a small synthetic one.
fn small_doc(c: &'static Corpus) -> BoxedStrategy<J> {
    let real = c.budget.lines.len();
    let hand_made = (prop::bool::ANY, 1..=3usize).prop_map(|(relisting, lines)| {
        let lines = if relisting { 2 } else { lines };
        let projects: Vec<Value> = (1..=lines)
            .map(|n| {
                json!({
                    "id": format!("1-{n}"), "initiative": 1, "number": n, "name": "A",
                    "departments": ["X課"], "budget": 10, "key": false, "new": false,
                    "covid": false,
                    "relisted_of": if relisting && n == 2 { json!("1-1") } else { Value::Null },
                    "description": "d",
                })
            })
            .collect();
        let doc = json!({
            "meta": {
                "title": "t", "city": "c", "fiscal_year": 2023, "era_year": "e", "unit": "千円",
                "as_of": "2023-03-31", "source": "s", "priorities": ["p"], "note": "n",
            },
            "directions": [{"id": 1, "title": "D"}],
            "initiatives": [{"id": 1, "direction": 1, "title": "I"}],
            "projects": projects,
        });
        tree(&doc.to_string())
    });
    let synthetic = (small(1, 7), any::<u64>())
        .prop_map(|(lines, seed)| tree(&export::to_json(&synthetic::generate(lines, seed))));
    let lines = subsequence((0..real).collect::<Vec<_>>(), 1..=7);
    let subset = (lines, prop::bool::ANY).prop_map(move |(lines, needed_only)| {
        let b = &c.budget;
        if needed_only {
            // Only the initiatives and directions the lines need, originals of 【再掲】 lines with
            // them: the core's own subset export.
            return tree(&export::subset_json(b, &lines));
        }
        // Every direction and initiative; a relisting whose original is left out is not one.
        let ids: Vec<_> = lines.iter().map(|&i| b.lines[i].id).collect();
        let measures = lines
            .iter()
            .map(|&i| {
                let mut m = b.lines[i].clone();
                m.relisted_of = m.relisted_of.filter(|r| ids.contains(r));
                m
            })
            .collect();
        tree(&export::to_json(&Budget {
            lines: measures,
            ..b.clone()
        }))
    });
    prop_oneof![1 => hand_made, 1 => synthetic, 8 => subset].boxed()
}

#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true", "-", "1e999",
    "\"id\":", "\"projects\":", "\"budget\":", " ", "\n", "\u{FEFF}", "\u{0}", "/*", "0", "1-1",
    "\"1-1\"", "NaN",
];

pub fn input(c: &'static Corpus) -> BoxedStrategy<Vec<u8>> {
    let edit = prop_oneof![
        55 => semantic(c).prop_map(Edit::Semantic),
        45 => node_edit(c).prop_map(Edit::Node),
    ];
    let edits = prop_oneof![1 => Just(Vec::new()), 9 => vec(edit, 1..=7)];
    // Smallest first: proptest shrinks a union towards its first strategy.
    let doc = prop_oneof![85 => small_doc(c), 3 => Just(c.full_tree.clone())];
    let written = (
        doc,
        edits,
        prop::bool::ANY,
        prop::bool::weighted(0.1),
        prop::option::weighted(0.15, byte_edits(TOKENS)),
    )
        .prop_map(|(mut doc, edits, pretty, ascii, bytes)| {
            for edit in &edits {
                match edit {
                    Edit::Semantic(e) => e.apply(&mut doc),
                    Edit::Node(e) => e.apply(&mut doc),
                }
            }
            let mut out = write(&doc, pretty, ascii).into_bytes();
            apply_byte_edits(&mut out, bytes.as_deref().unwrap_or_default());
            out
        });
    prop_oneof![
        4 => random_bytes(400),
        5 => few(select(TOKENS), 300).prop_map(|t| t.concat().into_bytes()),
        // The real file, edited as text.
        3 => byte_edits(TOKENS).prop_map(|edits| {
            let mut text = EMBEDDED_BUDGET.as_bytes().to_vec();
            apply_byte_edits(&mut text, &edits);
            text
        }),
        88 => written,
    ]
    .boxed()
}

pub fn check(input: &[u8], _: &Corpus) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    match validate::parse(&text) {
        Err(errors) => refused_well("validate::parse", &errors, |e| {
            (&e.message, e.text(Lang::Ja))
        }),
        Ok(budget) => check_accepted(&budget),
    }
}
