//! Target `view_state`: the URL fragment.

use super::strategies::{few, maybe_edited, random_bytes, random_text, small, some_text};
use super::Corpus;
use kumamoto_sme_budget::core::filter::{AmountPresence, Filter, MarkFilter};
use kumamoto_sme_budget::core::model::{DirectionId, InitiativeId, LineId};
use kumamoto_sme_budget::core::view_state::{self, Column, Drill, Lang, Sort, View, ViewState};
use kumamoto_sme_budget::core::{chart, table};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};

#[rustfmt::skip]
const KEYS: &[&str] = &[
    "v", "at", "q", "dir", "ini", "dep", "mk", "min", "max", "amt", "sel", "sort", "lang", "embed",
    "only",
];

/// Keys that look like real ones but are not (keys are not decoded).
#[rustfmt::skip]
const ODD_KEYS: &[&str] = &[
    "", "V", "%76", "q ", " q", "#v", "dir[]", "Q", "sel%3D", "\u{FEFF}v",
];

/// Escapes and near-escapes that decoding has to refuse or get right.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "%", "%%", "%2", "%G0", "%zz", "%FF", "%C3", "%C3%28", "%E8%A6", "%F0%9F%98", "%ED%A0%80",
    "%C0%AF", "%00", "%25", "%2C", "%26", "%3D", "%23", "%E8%A6%B3", "+", ",", ",,", "&", "&&", "=",
    "==", "#", "-", ":", "g:", "d", "i", "%20", "%E3%80%80",
];

#[rustfmt::skip]
const INVALID: &[&str] = &[
    "", "0", "00", "01", "256", "-1", "+1", "1.0", "1e3", " 1", "1 ", "１", "٣",
    "99999999999999999999", "18446744073709551616", "1000000000000000", "9999999999999999", ",",
    ",,", "1,", ",1", "1,,2", "x", "DIR", "Dept", "Ja", "EN", "with ", "WITH", "-", "--amount",
    "-id-", "kk", "knck", "K", "d", "d0", "d256", "d01", "i", "i0", "g:", "g:,", "g:a,", "i1x",
    "0-1", "1-0", "256-1", "1-65536", "1-65535", "255-65535", "1-1-1", "1--1", "a-b", "-1-1",
    "null", "true", "1", "2",
];

pub fn input(c: &'static Corpus) -> BoxedStrategy<Vec<u8>> {
    let state = (
        random_state(c),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.5),
    )
        .prop_map(|(state, embed, hash)| {
            let mut text = state.format();
            if embed {
                text.push_str("&embed=1");
            }
            if hash {
                text.insert(0, '#');
            }
            text.into_bytes()
        })
        .boxed();
    prop_oneof![
        8 => random_bytes(300),
        10 => maybe_edited(random_text(300).prop_map(String::into_bytes).boxed(), 0.4, TOKENS),
        47 => maybe_edited(pairs(c).prop_map(String::into_bytes).boxed(), 0.4, TOKENS),
        // Exactly as the app writes it, or edited.
        7 => state.clone(),
        28 => maybe_edited(state, 0.5, TOKENS),
    ]
    .boxed()
}

/// An id of one of the real items (`1..=real`) or of any possible one.
fn id_text(real: usize) -> BoxedStrategy<String> {
    prop_oneof![4 => 1..=real, 1 => 1..=255usize]
        .prop_map(|n| n.to_string())
        .boxed()
}

fn list_text(item: BoxedStrategy<String>) -> BoxedStrategy<String> {
    vec(item, 1..=5).prop_map(|items| items.join(",")).boxed()
}

/// Department names, mostly real and percent-encoded.
fn encoded_names(c: &'static Corpus) -> BoxedStrategy<String> {
    let name = prop_oneof![4 => select(c.departments.clone()), 1 => some_text(c)];
    list_text(
        (name, prop::bool::weighted(0.9))
            .prop_map(|(name, encode)| {
                if encode {
                    view_state::encode(&name)
                } else {
                    name
                }
            })
            .boxed(),
    )
}

/// A value that the key could have (or one it must refuse), sometimes edited.
fn value(key: &'static str, c: &'static Corpus) -> BoxedStrategy<String> {
    let b = &c.budget;
    let (directions, initiatives) = (b.directions.len(), b.initiatives.len());
    let own: BoxedStrategy<String> = match key {
        "v" => select(&["dir", "dept", "table"][..])
            .prop_map(str::to_string)
            .boxed(),
        "at" => prop_oneof![
            1 => id_text(directions).prop_map(|n| format!("d{n}")),
            1 => id_text(initiatives).prop_map(|n| format!("i{n}")),
            2 => select(c.groups.clone()).prop_map(|group| {
                let names: Vec<String> = group.iter().map(|s| view_state::encode(s)).collect();
                format!("g:{}", names.join(","))
            }),
            1 => encoded_names(c).prop_map(|names| format!("g:{names}")),
        ]
        .boxed(),
        "q" => (vec(some_text(c), 1..=4), prop::bool::weighted(0.7))
            .prop_map(|(words, encode)| {
                let q = words.join(" ");
                if encode {
                    view_state::encode(&q)
                } else {
                    q
                }
            })
            .boxed(),
        "dir" => list_text(id_text(directions)),
        "ini" => list_text(id_text(initiatives)),
        "dep" => encoded_names(c),
        "mk" => subsequence(vec!['k', 'n', 'c'], 1..=3)
            .prop_shuffle()
            .prop_map(|flags| flags.into_iter().collect())
            .boxed(),
        "min" | "max" => prop_oneof![
            select(
                b.lines
                    .iter()
                    .map(|m| m.amount.unwrap_or(0))
                    .collect::<Vec<_>>()
            ),
            0..1_000_000u64,
            0..1_000_000_000_000_000u64,
        ]
        .prop_map(|n| n.to_string())
        .boxed(),
        "amt" => select(&["with", "without"][..])
            .prop_map(str::to_string)
            .boxed(),
        "sel" => prop_oneof![
            7 => select(b.lines.iter().map(|m| m.id.to_string()).collect::<Vec<_>>()),
            3 => (1..=255u8, 1..=65535u16).prop_map(|(i, n)| format!("{i}-{n}")),
        ]
        .boxed(),
        "sort" => (
            prop::bool::ANY,
            select(&["id", "name", "dept", "amount"][..]),
        )
            .prop_map(|(descending, column)| {
                format!("{}{column}", if descending { "-" } else { "" })
            })
            .boxed(),
        "lang" => select(&["ja", "en"][..]).prop_map(str::to_string).boxed(),
        "embed" | "only" => Just("1".to_string()).boxed(),
        _ => random_text(10),
    };
    (
        prop_oneof![1 => select(INVALID).prop_map(str::to_string), 3 => own],
        prop::option::weighted(0.35, vec(value_edit(), 1..=3)),
    )
        .prop_map(|(mut value, edits)| {
            for edit in edits.unwrap_or_default() {
                edit.apply(&mut value);
            }
            value
        })
        .boxed()
}

/// Char-boundary edits of one value: escape junk, encoding, truncation, repetition, case.
#[derive(Clone, Debug)]
enum ValueEdit {
    Token(Index, &'static str),
    Encode,
    EncodeChar(Index),
    Truncate(Index),
    Twice,
    Repeat(usize),
    Upper,
    Insert(Index, char),
}

fn value_edit() -> BoxedStrategy<ValueEdit> {
    use ValueEdit::*;
    prop_oneof![
        (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| Token(i, t)),
        Just(Encode),
        any::<Index>().prop_map(EncodeChar),
        any::<Index>().prop_map(Truncate),
        Just(Twice),
        small(1, 401).prop_map(Repeat),
        Just(Upper),
        (any::<Index>(), super::strategies::any_char()).prop_map(|(i, ch)| Insert(i, ch)),
    ]
    .boxed()
}

impl ValueEdit {
    fn apply(&self, value: &mut String) {
        let bounds: Vec<usize> = (0..=value.len())
            .filter(|&i| value.is_char_boundary(i))
            .collect();
        let at = |i: &Index| *i.get(&bounds);
        match self {
            ValueEdit::Token(i, token) => value.insert_str(at(i), token),
            ValueEdit::Encode => *value = view_state::encode(value),
            ValueEdit::EncodeChar(i) => {
                let at = at(i);
                if let Some(ch) = value[at..].chars().next() {
                    let enc = view_state::encode(&ch.to_string());
                    value.replace_range(at..at + ch.len_utf8(), &enc);
                }
            }
            ValueEdit::Truncate(i) => value.truncate(at(i)),
            ValueEdit::Twice => *value = format!("{value},{value}"),
            ValueEdit::Repeat(n) => *value = value.repeat(*n),
            ValueEdit::Upper => *value = value.to_uppercase(),
            ValueEdit::Insert(i, ch) => value.insert(at(i), *ch),
        }
    }
}

/// How one `key=value` pair is written.
#[derive(Clone, Debug)]
enum Pair {
    /// A real key, and a value for it.
    Real(&'static str, String, Form),
    /// A key used earlier in the fragment again (or an odd one when none was).
    Again(Index, String, Form),
    Odd(&'static str, String, Form),
}

#[derive(Clone, Debug)]
enum Form {
    KeyOnly,
    /// `key=value=another`.
    TwoValues(String),
    ValueOnly,
    Plain,
}

fn form(c: &'static Corpus) -> BoxedStrategy<Form> {
    prop_oneof![
        1 => Just(Form::KeyOnly),
        1 => value("q", c).prop_map(Form::TwoValues),
        1 => Just(Form::ValueOnly),
        17 => Just(Form::Plain),
    ]
    .boxed()
}

fn pair(c: &'static Corpus) -> BoxedStrategy<Pair> {
    let real = select(KEYS).prop_flat_map(move |key| {
        (Just(key), value(key, c), form(c)).prop_map(|(k, v, f)| Pair::Real(k, v, f))
    });
    prop_oneof![
        80 => real,
        8 => (any::<Index>(), value("dir", c), form(c)).prop_map(|(i, v, f)| Pair::Again(i, v, f)),
        12 => (select(ODD_KEYS), random_text(10), form(c)).prop_map(|(k, v, f)| Pair::Odd(k, v, f)),
    ]
    .boxed()
}

/// A fragment of pairs: real keys with plausible values, repeated and odd keys, odd separators.
fn pairs(c: &'static Corpus) -> BoxedStrategy<String> {
    let start = prop_oneof![10 => Just("#"), 1 => Just("##"), 1 => Just("?#"), 8 => Just("")];
    let separator = prop_oneof![1 => Just("&&"), 1 => Just(";"), 1 => Just(""), 37 => Just("&")];
    (start, few((separator, pair(c)), 16))
        .prop_map(|(start, pairs)| {
            let mut out = start.to_string();
            let mut used: Vec<&str> = Vec::new();
            for (i, (separator, pair)) in pairs.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(separator);
                }
                let (key, value, form) = match pair {
                    Pair::Real(k, v, f) => (k, v, f),
                    Pair::Again(i, v, f) if !used.is_empty() => (*i.get(&used), v, f),
                    Pair::Again(i, v, f) => (*i.get(ODD_KEYS), v, f),
                    Pair::Odd(k, v, f) => (k, v, f),
                };
                if KEYS.contains(&key) {
                    used.push(key);
                }
                match form {
                    Form::KeyOnly => out.push_str(key),
                    Form::TwoValues(more) => out.push_str(&format!("{key}={value}={more}")),
                    Form::ValueOnly => out.push_str(&format!("={value}")),
                    Form::Plain => out.push_str(&format!("{key}={value}")),
                }
            }
            out
        })
        .boxed()
}

/// A state the app could be in (mostly naming real items), for `format` to write.
fn random_state(c: &'static Corpus) -> BoxedStrategy<ViewState> {
    let b = &c.budget;
    let small_id = |real: usize| prop_oneof![4 => 1..=real as u8, 1 => 1..=255u8];
    let directions = small_id(b.directions.len());
    let initiatives = small_id(b.initiatives.len());
    let group = prop_oneof![
        7 => select(c.groups.clone()),
        3 => vec(some_text(c).prop_map(|t| format!("{t}課")), 1..=4),
    ];
    let drill = (0..3u8, directions.clone(), initiatives.clone(), group);
    let amount = || {
        prop_oneof![
            Just(None),
            (0..100_000u64).prop_map(Some),
            (0..1_000_000_000_000_000u64).prop_map(Some),
        ]
    };
    let department = prop_oneof![
        4 => select(c.departments.clone()),
        1 => random_text(5).prop_map(|t| format!("{t}課")),
    ];
    let filter = (
        prop_oneof![Just(String::new()), some_text(c)],
        few(directions.prop_map(DirectionId), 3),
        few(initiatives.prop_map(InitiativeId), 3),
        few(department, 3),
        (
            prop::bool::weighted(0.3),
            prop::bool::weighted(0.3),
            prop::bool::weighted(0.3),
        ),
        amount(),
        amount(),
        select(
            &[
                AmountPresence::Any,
                AmountPresence::With,
                AmountPresence::Without,
            ][..],
        ),
    )
        .prop_map(
            |(
                query,
                directions,
                initiatives,
                departments,
                (key, new, covid),
                min,
                max,
                presence,
            )| {
                Filter {
                    query,
                    directions: directions.into_iter().collect(),
                    initiatives: initiatives.into_iter().collect(),
                    departments: departments.into_iter().collect(),
                    marks: MarkFilter {
                        key_measure: key,
                        new,
                        covid,
                    },
                    min,
                    max,
                    presence,
                }
            },
        );
    let selected = prop::option::weighted(
        0.4,
        prop_oneof![
            4 => select(b.lines.iter().map(|m| m.id).collect::<Vec<_>>()),
            1 => (1..=255u8, 1..=65535u16).prop_map(|(i, number)| LineId {
                initiative: InitiativeId(i),
                number,
            }),
        ],
    );
    let sort = (
        select(&[Column::Id, Column::Name, Column::Department, Column::Amount][..]),
        prop::bool::ANY,
    )
        .prop_map(|(column, descending)| Sort { column, descending });
    (
        select(&[View::Directions, View::Departments, View::Table][..]),
        drill,
        filter,
        selected,
        sort,
        (
            select(&[None, Some(Lang::Ja), Some(Lang::En)][..]),
            prop::bool::weighted(0.3),
        ),
    )
        .prop_map(
            |(
                view,
                (drill, direction, initiative, group),
                filter,
                selected,
                sort,
                (lang, only),
            )| {
                let drill = match (view, drill) {
                    (View::Directions, 1) => Drill::Direction(DirectionId(direction)),
                    (View::Directions, 2) => Drill::Initiative(InitiativeId(initiative)),
                    (View::Departments, 1 | 2) => Drill::DepartmentGroup(group),
                    _ => Drill::Top,
                };
                ViewState {
                    view,
                    drill,
                    only_matches: only && !filter.is_empty(),
                    filter,
                    selected,
                    sort,
                    lang,
                    ..ViewState::default()
                }
            },
        )
        .boxed()
}

pub fn check(input: &[u8], c: &Corpus) -> Result<(), String> {
    let fragment = String::from_utf8_lossy(input);
    let (state, _) = ViewState::parse(&fragment);
    // What was read is a valid state that `format` writes canonically.
    let link = state.format();
    let (again, notices) = ViewState::parse(&link);
    if !notices.is_empty() || again != state {
        return Err(format!(
            "round trip: format → parse changed the state (link {link:?}, notices {notices:?}, {state:?} became {again:?})"
        ));
    }
    if again.format() != link {
        return Err(format!(
            "canonical link: {link:?} reads back as {:?}",
            again.format()
        ));
    }
    // What the app does with a link: reconcile with the data, filter, build the chart level and
    // the table order.
    let b = &c.budget;
    let mut view = state;
    view.reconcile(b);
    let mut twice = view.clone();
    let more = twice.reconcile(b);
    if !more.is_empty() || twice != view {
        return Err(format!("reconcile twice: the second pass dropped {more:?}"));
    }
    let (back, notices) = ViewState::parse(&view.format());
    if !notices.is_empty() || back != view {
        return Err(format!(
            "reconciled round trip: {view:?} became {back:?} ({notices:?})"
        ));
    }
    let selection = view.filter.apply(b, &c.index);
    if selection.lines.iter().any(|&i| i >= b.lines.len()) {
        return Err("selection: a line index is out of range".into());
    }
    let level = chart::level(
        b,
        &selection,
        view.only_matches,
        view.view,
        &view.drill,
        view.others_page,
        "全体",
    );
    if level.nodes.len() > chart::MAX_CELLS || level.others_page > view.others_page {
        return Err(format!(
            "chart level: {} cells on 「その他」 page {} of {} asked",
            level.nodes.len(),
            level.others_page,
            view.others_page
        ));
    }
    // Laid out over the matches, the nodes add up to no more than the selection; over all
    // lines, what they mark as matched does.
    let matched: u128 = level.nodes.iter().map(|n| n.matched.total as u128).sum();
    let laid_out: u128 = level.nodes.iter().map(|n| n.total as u128).sum();
    if matched > selection.total as u128
        || (level.only_matches && laid_out != matched)
        || level.nodes.iter().any(|n| n.matched.total > n.total)
    {
        return Err(format!(
            "chart level: its nodes mark {matched} of {laid_out} as matched, the selection has {}",
            selection.total
        ));
    }
    let lines = table::sorted_lines(b, &selection, view.sort);
    if lines.len() != selection.lines.len() {
        return Err("table order: lines were lost or added".into());
    }
    Ok(())
}
