//! Everything a user can set, carried in the URL fragment (`#v=dept&q=観光&sel=4-5`).
//!
//! The fragment works the same from `file://`, on any static host and inside the city's CMS, and
//! never reaches a server log. `parse` accepts any string at all: unknown keys are ignored,
//! invalid values are dropped and reported as `Notice`s, so a hand-edited or truncated link
//! shows the nearest valid view. `format` writes only what differs from the default, in a fixed
//! order, so equal states give equal links. Keys are documented in the README.

use super::aggregate;
use super::compare::Correction;
use super::corrections_file::MAX_FILE_CORRECTIONS;
use super::filter::{AmountPresence, Filter, MarkFilter};
pub use super::lang::Lang;
use super::model::{Budget, DirectionId, InitiativeId, Line, LineId};
use std::collections::BTreeSet;

/// Assigns the parsed value when there is one; says whether there was.
macro_rules! set {
    ($target:expr, $value:expr) => {
        match $value {
            Some(v) => {
                $target = v;
                true
            }
            None => false,
        }
    };
}

/// Which picture of the budget is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// Treemap by direction → initiative → measure.
    #[default]
    Directions,
    /// Treemap by department group → measure.
    Departments,
    Table,
}

/// How far the treemap is drilled in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Drill {
    #[default]
    Top,
    Direction(DirectionId),
    Initiative(InitiativeId),
    /// A department group (a line's departments, in its order).
    DepartmentGroup(Vec<String>),
}

impl Drill {
    /// Which lines lie under this level of the tree (every line lies under the top): the
    /// chart's leaves at a level and the printed table of a level both come from here. A
    /// department group holds the lines whose group key (`aggregate::group_keys`, worked out
    /// once here for the whole budget) is its names.
    pub fn holder<'a>(&'a self, budget: &'a Budget) -> Box<dyn Fn(&Line) -> bool + 'a> {
        match self {
            Drill::Top => Box::new(|_| true),
            Drill::Direction(d) => Box::new(move |line| {
                budget
                    .initiative(line.id.initiative)
                    .is_some_and(|i| i.direction == *d)
            }),
            Drill::Initiative(i) => Box::new(move |line| line.id.initiative == *i),
            Drill::DepartmentGroup(names) => {
                let members: std::collections::HashSet<LineId> = budget
                    .lines
                    .iter()
                    .zip(aggregate::group_keys(budget))
                    .filter(|(_, key)| key == names)
                    .map(|(line, _)| line.id)
                    .collect();
                Box::new(move |line| members.contains(&line.id))
            }
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Column {
    /// Source order (the line ids).
    #[default]
    Id,
    Name,
    Department,
    Amount,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl View {
    /// The value of `v=` in the URL (also used as a stable name in the page).
    pub fn key(self) -> &'static str {
        match self {
            View::Directions => "dir",
            View::Departments => "dept",
            View::Table => "table",
        }
    }
}

impl Column {
    /// The name of the column in `sort=` (also used as a stable name in the page).
    pub fn key(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Department => "dept",
            Column::Amount => "amount",
        }
    }
}

impl Drill {
    /// The value of `at=` in the URL; empty at the top.
    pub fn key(&self) -> String {
        match self {
            Drill::Top => String::new(),
            Drill::Direction(d) => format!("d{}", d.0),
            Drill::Initiative(i) => format!("i{}", i.0),
            Drill::DepartmentGroup(names) => format!("g:{}", encode_list(names.iter())),
        }
    }
}

/// The whole view a link reproduces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ViewState {
    pub view: View,
    pub drill: Drill,
    /// How many 「その他」 cells have been opened at the drilled level: each shows the next
    /// largest cells of it (see `chart::MAX_CELLS`). URL key `more`.
    pub others_page: u16,
    pub filter: Filter,
    /// The measure whose details are open.
    pub selected: Option<LineId>,
    pub sort: Sort,
    /// `None`: follow the browser's language.
    pub lang: Option<Lang>,
    /// Compact view for an iframe on another site (no header, a link to the full view).
    pub embed: bool,
    /// The chart lays out only the lines the filter matches (else all lines, the rest dimmed).
    /// Meaningful only while a filter is set: without one it is false. URL key `only`.
    pub only_matches: bool,
    /// Comparing the dataset with a second file (issue 17). URL keys `cmp` and `fix`.
    pub compare: Option<CompareView>,
}

/// Which side the second file is, and a person's corrections of the matching (line ids of the
/// earlier and the later file, applied in order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CompareView {
    /// `cmp=prev`: the second file is the earlier one; `cmp=next`: the later one.
    pub second_is_earlier: bool,
    pub corrections: Vec<Correction>,
    /// Corrections a link said it had beyond those it carries (`fixn=`, the count of all): they
    /// are in the corrections file saved with it (`core::corrections_file`), not opened here.
    pub beyond_link: usize,
    /// The measure whose details are open in the comparison (`sel=`, as elsewhere).
    pub open: Option<CompareOpen>,
}

/// A measure open in a comparison, by one of its lines: `sel=4-5` is line 4-5 of the later
/// list, `sel=e4-5` of the earlier one (a measure that ended has no later line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CompareOpen {
    pub earlier: bool,
    pub id: LineId,
}

impl CompareOpen {
    fn key(self) -> String {
        format!("{}{}", if self.earlier { "e" } else { "" }, self.id)
    }
}

/// Most corrections a link carries (`fix=`, about 500 bytes at most), so a view's own link stays
/// under `MAX_FRAGMENT_BYTES`; more are dropped and reported as too long. The state holds more
/// (up to `corrections_file::MAX_FILE_CORRECTIONS`): the link carries the first ones and the
/// count of all (`fixn=`), the corrections file all of them.
pub const MAX_CORRECTIONS: usize = 24;

impl CompareView {
    /// The value of `cmp=`.
    pub fn key(&self) -> &'static str {
        if self.second_is_earlier {
            "prev"
        } else {
            "next"
        }
    }
}

fn correction_key(c: &Correction) -> String {
    match c {
        Correction::Pair { before, after } => format!("p{before}.{after}"),
        Correction::Unpair { before, after } => format!("u{before}.{after}"),
    }
}

fn correction(s: &str) -> Option<Correction> {
    let (before, after) = s.get(1..)?.split_once('.')?;
    let (before, after) = (LineId::parse(before)?, LineId::parse(after)?);
    match s.as_bytes()[0] {
        b'p' => Some(Correction::Pair { before, after }),
        b'u' => Some(Correction::Unpair { before, after }),
        _ => None,
    }
}

/// Why part of a link was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// The value is not one this key takes.
    InvalidValue,
    /// The value names something the data does not have.
    UnknownItem,
    /// The value is not valid percent-encoded UTF-8.
    BadEncoding,
    /// The value was longer than allowed and was cut.
    TooLong,
}

/// One part of a link that was dropped or changed, for a short notice in the UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub value: String,
    pub kind: NoticeKind,
}

/// The parts of a link dropped for one reason: how many, and the first few distinct ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeGroup {
    pub kind: NoticeKind,
    pub count: usize,
    /// At most `MAX_NOTICE_EXAMPLES`, each different.
    pub examples: Vec<Notice>,
}

/// What the notice box says about a link: one group per kind of problem (never one item per bad
/// part, so a link of a million bad parts is still a short list), and whether the link was cut.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notices {
    /// In the order each kind was first met; at most one per `NoticeKind`.
    groups: Vec<NoticeGroup>,
    /// The length of a fragment longer than `MAX_FRAGMENT_BYTES`, of which only the start was read.
    pub cut_from: Option<usize>,
}

/// Examples kept per kind of problem.
pub const MAX_NOTICE_EXAMPLES: usize = 3;

impl Notices {
    /// Counts `notice` in its kind's group, keeping it as an example while there is room.
    pub fn push(&mut self, notice: Notice) {
        let group = match self.groups.iter().position(|g| g.kind == notice.kind) {
            Some(i) => &mut self.groups[i],
            None => {
                self.groups.push(NoticeGroup {
                    kind: notice.kind,
                    count: 0,
                    examples: Vec::new(),
                });
                self.groups.last_mut().expect("just pushed")
            }
        };
        group.count += 1;
        if group.examples.len() < MAX_NOTICE_EXAMPLES && !group.examples.contains(&notice) {
            group.examples.push(notice);
        }
    }

    pub fn extend(&mut self, other: Notices) {
        self.cut_from = self.cut_from.or(other.cut_from);
        for group in other.groups {
            match self.groups.iter_mut().find(|g| g.kind == group.kind) {
                None => self.groups.push(group),
                Some(mine) => {
                    mine.count += group.count;
                    for e in group.examples {
                        if mine.examples.len() < MAX_NOTICE_EXAMPLES && !mine.examples.contains(&e)
                        {
                            mine.examples.push(e);
                        }
                    }
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.cut_from.is_none()
    }

    pub fn groups(&self) -> &[NoticeGroup] {
        &self.groups
    }

    /// How many parts were dropped, over all kinds.
    pub fn count(&self) -> usize {
        self.groups.iter().map(|g| g.count).sum()
    }
}

/// Longest fragment read (bytes); the rest is ignored, so that the work for any link is bounded
/// (a view's own links are far shorter: the search text is capped, the other values are short).
pub const MAX_FRAGMENT_BYTES: usize = 8 * 1024;

/// Longest department list (`dep=`) and department group (`at=g:`) a link keeps, encoded
/// (bytes). With the search text (at most 200 characters, 2,400 bytes encoded), the id lists (at
/// most 255 ids each) and the short values, a view's own link stays under `MAX_FRAGMENT_BYTES`,
/// so what was read from a link is written back whole.
pub const MAX_DEPARTMENTS_BYTES: usize = 2 * 1024;
pub const MAX_GROUP_BYTES: usize = 1024;

/// The start of a fragment that is read (`fragment` holds at least its first
/// `MAX_FRAGMENT_BYTES` bytes, `length` bytes in all): all of it when short enough, else at most
/// `MAX_FRAGMENT_BYTES` ending before the last `&` (a part cut in two is not read), with the
/// whole length.
fn readable(fragment: &str, length: usize) -> (&str, Option<usize>) {
    if length <= MAX_FRAGMENT_BYTES {
        return (fragment, None);
    }
    if fragment.len() <= MAX_FRAGMENT_BYTES {
        return (
            fragment.rfind('&').map_or(fragment, |i| &fragment[..i]),
            Some(length),
        );
    }
    let mut end = MAX_FRAGMENT_BYTES;
    while !fragment.is_char_boundary(end) {
        end -= 1;
    }
    let head = &fragment[..end];
    let head = head.rfind('&').map_or(head, |i| &head[..i]);
    (head, Some(length))
}

/// Longest search text kept from a link (characters).
pub const MAX_QUERY_CHARS: usize = 200;
/// The search text as a link carries it: its first `MAX_QUERY_CHARS` characters.
pub fn cut_query(query: &str) -> String {
    query.chars().take(MAX_QUERY_CHARS).collect()
}

/// Longest value shown back in a notice (characters).
const NOTICE_VALUE_CHARS: usize = 40;

impl ViewState {
    /// Reads a fragment (with or without the leading `#`). Never fails.
    /// At most `MAX_FRAGMENT_BYTES` of it are read, so the work is bounded whatever its length.
    pub fn parse(fragment: &str) -> (ViewState, Notices) {
        Self::parse_start(fragment, fragment.len())
    }

    /// As [`ViewState::parse`], from the start of a fragment `length` bytes long (with or
    /// without the `#`, as `start` is): reading a long link, the browser hands over only what is
    /// read (its first `MAX_FRAGMENT_BYTES` bytes and a little more), never the whole megabyte.
    pub fn parse_start(start: &str, length: usize) -> (ViewState, Notices) {
        let mut state = ViewState::default();
        let (fragment, length) = match start.strip_prefix('#') {
            Some(rest) => (rest, length.saturating_sub(1)),
            None => (start, length),
        };
        let (fragment, cut_from) = readable(fragment, length.max(fragment.len()));
        let mut notices = Notices {
            cut_from,
            ..Notices::default()
        };
        let mut drill_text: Option<String> = None;
        let mut corrections: Option<Vec<Correction>> = None;
        let mut count_of_corrections: Option<usize> = None;
        let mut earlier_sel: Option<LineId> = None;
        for pair in fragment.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let mut note = |kind: NoticeKind| {
                notices.push(Notice {
                    key: key.chars().take(NOTICE_VALUE_CHARS).collect(),
                    value: raw.chars().take(NOTICE_VALUE_CHARS).collect(),
                    kind,
                })
            };
            if !KEYS.contains(&key) {
                continue; // unknown keys are ignored (newer or older links)
            }
            // Lists are split before decoding, so an encoded comma stays inside its item.
            let decoded: Option<Vec<String>> = raw.split(',').map(decode).collect();
            let Some(items) = decoded else {
                note(NoticeKind::BadEncoding);
                continue;
            };
            let whole = || items.join(",");
            let ok = match key {
                "v" => set!(state.view, view_name(raw)),
                "at" => set!(drill_text, Some(Some(raw.to_string()))),
                "more" => set!(state.others_page, others(raw)),
                "q" => {
                    let q = whole();
                    if q.chars().count() > MAX_QUERY_CHARS {
                        note(NoticeKind::TooLong);
                    }
                    set!(state.filter.query, Some(cut_query(&q)))
                }
                "dir" => set!(
                    state.filter.directions,
                    id_list(&items, |n| DirectionId(n as u8))
                ),
                "ini" => set!(
                    state.filter.initiatives,
                    id_list(&items, |n| InitiativeId(n as u8))
                ),
                "dep" => {
                    // Names beyond what the view's own link may carry are dropped, so that the
                    // link written back (encoded, up to three times longer) is never cut.
                    let mut set = BTreeSet::new();
                    let mut size = 0;
                    for name in items.iter().filter(|s| !s.is_empty()) {
                        size += encode(name).len() + 1;
                        if size > MAX_DEPARTMENTS_BYTES {
                            note(NoticeKind::TooLong);
                            break;
                        }
                        set.insert(name.clone());
                    }
                    set!(state.filter.departments, (!set.is_empty()).then_some(set))
                }
                "mk" => set!(state.filter.marks, marks(raw)),
                "min" => set!(state.filter.min, amount(raw).map(Some)),
                "max" => set!(state.filter.max, amount(raw).map(Some)),
                "amt" => set!(state.filter.presence, presence(raw)),
                "sel" => match raw.strip_prefix('e') {
                    Some(id) => set!(earlier_sel, LineId::parse(id).map(Some)),
                    None => set!(state.selected, LineId::parse(raw).map(Some)),
                },
                "sort" => set!(state.sort, sort(raw)),
                "lang" => set!(state.lang, lang(raw).map(Some)),
                "embed" => set!(state.embed, (raw == "1").then_some(true)),
                "only" => set!(state.only_matches, (raw == "1").then_some(true)),
                "cmp" => {
                    let mode = ["prev", "next"].iter().position(|m| *m == raw);
                    set!(
                        state.compare,
                        mode.map(|m| Some(CompareView {
                            second_is_earlier: m == 0,
                            corrections: Vec::new(),
                            beyond_link: 0,
                            open: None,
                        }))
                    )
                }
                "fix" => {
                    // Each bad item is dropped on its own (and counted); the rest are kept.
                    let mut kept = Vec::new();
                    for item in &items {
                        match correction(item) {
                            Some(_) if kept.len() == MAX_CORRECTIONS => {
                                note(NoticeKind::TooLong);
                                break;
                            }
                            Some(c) => kept.push(c),
                            None => note(NoticeKind::InvalidValue),
                        }
                    }
                    corrections = Some(kept);
                    true
                }
                "fixn" => set!(
                    count_of_corrections,
                    amount(raw)
                        .filter(|&n| n as usize <= MAX_FILE_CORRECTIONS)
                        .map(|n| Some(n as usize))
                ),
                _ => true,
            };
            if !ok {
                note(NoticeKind::InvalidValue);
            }
        }
        // The drill is read last: whether it fits depends on the view.
        if let Some(raw) = drill_text {
            match drill(&raw, state.view).filter(|d| d.key().len() <= MAX_GROUP_BYTES) {
                Some(d) => state.drill = d,
                None => notices.push(Notice {
                    key: "at".into(),
                    value: raw.chars().take(NOTICE_VALUE_CHARS).collect(),
                    kind: NoticeKind::InvalidValue,
                }),
            }
        }
        // Corrections belong to a comparison; `fixn` counts them all, those the link carries too.
        if let (Some(c), Some(n)) = (&mut state.compare, count_of_corrections) {
            let carried = corrections.as_ref().map_or(0, Vec::len);
            match n.checked_sub(carried) {
                Some(beyond) => c.beyond_link = beyond,
                None => notices.push(Notice {
                    key: "fixn".into(),
                    value: n.to_string(),
                    kind: NoticeKind::InvalidValue,
                }),
            }
        }
        match (&mut state.compare, corrections) {
            (Some(c), Some(list)) => c.corrections = list,
            (None, Some(list)) if !list.is_empty() => notices.push(Notice {
                key: "fix".into(),
                value: correction_key(&list[0]),
                kind: NoticeKind::InvalidValue,
            }),
            _ => {}
        }
        // While comparing, `sel` is the measure open in the comparison: its line may be in
        // either file, so it is not checked against the shown list.
        match &mut state.compare {
            Some(c) => {
                c.open = earlier_sel
                    .map(|id| CompareOpen { earlier: true, id })
                    .or(state
                        .selected
                        .take()
                        .map(|id| CompareOpen { earlier: false, id }));
            }
            None => {
                if let Some(id) = earlier_sel {
                    notices.push(Notice {
                        key: "sel".into(),
                        value: format!("e{id}"),
                        kind: NoticeKind::InvalidValue,
                    });
                }
            }
        }
        // Nothing to leave out without a filter: one state, one link.
        state.only_matches &= !state.filter.is_empty();
        // The table has no treemap levels, so no 「その他」 pages either.
        if state.view == View::Table && state.others_page > 0 {
            notices.push(Notice {
                key: "more".into(),
                value: state.others_page.to_string(),
                kind: NoticeKind::InvalidValue,
            });
            state.others_page = 0;
        }
        (state, notices)
    }

    /// Writes the fragment (without `#`); the default state is the empty string.
    pub fn format(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut put = |key: &str, value: String| parts.push(format!("{key}={value}"));
        if self.view != View::default() {
            put("v", self.view.key().into());
        }
        if self.drill != Drill::Top {
            put("at", self.drill.key());
        }
        if self.others_page > 0 {
            put("more", self.others_page.to_string());
        }
        let f = &self.filter;
        if !f.query.is_empty() {
            // The search box keeps what was typed; the link, what a link may carry.
            put("q", encode(&cut_query(&f.query)));
        }
        if !f.directions.is_empty() {
            put("dir", join(f.directions.iter().map(|d| d.0.to_string())));
        }
        if !f.initiatives.is_empty() {
            put("ini", join(f.initiatives.iter().map(|i| i.0.to_string())));
        }
        if !f.departments.is_empty() {
            put("dep", encode_list(f.departments.iter()));
        }
        if f.marks != MarkFilter::default() {
            let m = f.marks;
            let flags = [(m.key_measure, 'k'), (m.new, 'n'), (m.covid, 'c')];
            put(
                "mk",
                flags
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, c)| *c)
                    .collect(),
            );
        }
        if let Some(n) = f.min {
            put("min", n.to_string());
        }
        if let Some(n) = f.max {
            put("max", n.to_string());
        }
        match f.presence {
            AmountPresence::Any => {}
            AmountPresence::With => put("amt", "with".into()),
            AmountPresence::Without => put("amt", "without".into()),
        }
        if self.only_matches && !f.is_empty() {
            put("only", "1".into());
        }
        // While comparing, `sel` is the comparison's own (below).
        if let Some(id) = self.selected.filter(|_| self.compare.is_none()) {
            put("sel", id.to_string());
        }
        if self.sort != Sort::default() {
            let name = match self.sort.column {
                Column::Id => "id",
                Column::Name => "name",
                Column::Department => "dept",
                Column::Amount => "amount",
            };
            put(
                "sort",
                format!("{}{name}", if self.sort.descending { "-" } else { "" }),
            );
        }
        match self.lang {
            None => {}
            Some(Lang::Ja) => put("lang", "ja".into()),
            Some(Lang::En) => put("lang", "en".into()),
        }
        if self.embed {
            put("embed", "1".into());
        }
        if let Some(c) = &self.compare {
            put("cmp", c.key().into());
            if !c.corrections.is_empty() {
                let carried = c.corrections.iter().take(MAX_CORRECTIONS);
                put("fix", join(carried.map(correction_key)));
            }
            let all = c.corrections.len() + c.beyond_link;
            if all > MAX_CORRECTIONS.min(c.corrections.len()) {
                put("fixn", all.to_string());
            }
            if let Some(open) = c.open {
                put("sel", open.key());
            }
        }
        parts.join("&")
    }

    /// The corrections beyond those the link carries, in the form of `fix=` ("" if none): what a
    /// history entry keeps beside its address, so that Back, Forward and a reload keep them.
    pub fn corrections_beyond_link(&self) -> String {
        let Some(c) = &self.compare else {
            return String::new();
        };
        join(
            c.corrections
                .iter()
                .skip(MAX_CORRECTIONS)
                .map(correction_key),
        )
    }

    /// Takes back the corrections a history entry kept beyond its link: only when they are as
    /// many as the link counts (`beyond_link`) and all readable, else nothing changes.
    pub fn restore_corrections_beyond_link(&mut self, kept: &str) {
        let Some(c) = &mut self.compare else { return };
        if c.beyond_link == 0 || c.corrections.len() != MAX_CORRECTIONS {
            return;
        }
        let read: Option<Vec<Correction>> = kept.split(',').map(correction).collect();
        if let Some(list) = read.filter(|l| l.len() == c.beyond_link) {
            c.corrections.extend(list);
            c.beyond_link = 0;
        }
    }

    /// Drops what names something `budget` does not have (a link from another dataset, or a
    /// hand-edited id), reporting each.
    pub fn reconcile(&mut self, budget: &Budget) -> Notices {
        let mut notices = Notices::default();
        let mut unknown = |key: &str, value: String| {
            notices.push(Notice {
                key: key.into(),
                value,
                kind: NoticeKind::UnknownItem,
            })
        };
        let f = &mut self.filter;
        f.directions.retain(|d| {
            let known = budget.direction(*d).is_some();
            if !known {
                unknown("dir", d.0.to_string());
            }
            known
        });
        f.initiatives.retain(|i| {
            let known = budget.initiative(*i).is_some();
            if !known {
                unknown("ini", i.0.to_string());
            }
            known
        });
        let departments = budget.departments();
        f.departments.retain(|d| {
            let known = departments.contains(&d.as_str());
            if !known {
                unknown("dep", d.chars().take(NOTICE_VALUE_CHARS).collect());
            }
            known
        });
        let drill_known = match &self.drill {
            Drill::Top => true,
            Drill::Direction(d) => budget.direction(*d).is_some(),
            Drill::Initiative(i) => budget.initiative(*i).is_some(),
            Drill::DepartmentGroup(g) => aggregate::group_keys(budget).contains(g),
        };
        if !drill_known {
            unknown(
                "at",
                self.drill.key().chars().take(NOTICE_VALUE_CHARS).collect(),
            );
            self.drill = Drill::Top;
            self.others_page = 0; // pages of a level that is not shown
        }
        if let Some(id) = self.selected {
            if budget.line(id).is_none() {
                unknown("sel", id.to_string());
                self.selected = None;
            }
        }
        // A filter of only unknown items is no filter: nothing left to leave out.
        self.only_matches &= !self.filter.is_empty();
        notices
    }
}

fn view_name(s: &str) -> Option<View> {
    [View::Directions, View::Departments, View::Table]
        .into_iter()
        .find(|v| v.key() == s)
}

fn presence(s: &str) -> Option<AmountPresence> {
    match s {
        "with" => Some(AmountPresence::With),
        "without" => Some(AmountPresence::Without),
        _ => None,
    }
}

fn lang(s: &str) -> Option<Lang> {
    match s {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
}

const KEYS: &[&str] = &[
    "v", "at", "more", "q", "dir", "ini", "dep", "mk", "min", "max", "amt", "only", "sel", "sort",
    "lang", "embed", "cmp", "fix", "fixn",
];

fn id_list<T: Ord>(items: &[String], make: impl Fn(u64) -> T) -> Option<BTreeSet<T>> {
    items
        .iter()
        .map(|s| small_number(s).map(&make))
        .collect::<Option<BTreeSet<T>>>()
        .filter(|set| !set.is_empty())
}

/// Most 「その他」 pages a link may open (far more than any level has).
pub const MAX_OTHERS: u16 = 9_999;

fn others(s: &str) -> Option<u16> {
    let n = amount(s)?;
    (1..=u64::from(MAX_OTHERS)).contains(&n).then_some(n as u16)
}

/// 1..=255 written plainly.
fn small_number(s: &str) -> Option<u64> {
    let n = amount(s)?;
    (1..=255).contains(&n).then_some(n)
}

/// A plain decimal amount (no sign, no leading zeros, at most 15 digits).
fn amount(s: &str) -> Option<u64> {
    let plain = !s.is_empty()
        && s.len() <= 15
        && s.bytes().all(|c| c.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'));
    plain.then(|| s.parse().ok()).flatten()
}

fn marks(s: &str) -> Option<MarkFilter> {
    let mut m = MarkFilter::default();
    for c in s.chars() {
        let flag = match c {
            'k' => &mut m.key_measure,
            'n' => &mut m.new,
            'c' => &mut m.covid,
            _ => return None,
        };
        if *flag {
            return None;
        }
        *flag = true;
    }
    (m != MarkFilter::default()).then_some(m)
}

fn sort(s: &str) -> Option<Sort> {
    let (descending, name) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let column = [Column::Id, Column::Name, Column::Department, Column::Amount]
        .into_iter()
        .find(|c| c.key() == name)?;
    Some(Sort { column, descending })
}

fn drill(raw: &str, view: View) -> Option<Drill> {
    match view {
        View::Directions => {
            if let Some(n) = raw.strip_prefix('d') {
                small_number(n).map(|n| Drill::Direction(DirectionId(n as u8)))
            } else if let Some(n) = raw.strip_prefix('i') {
                small_number(n).map(|n| Drill::Initiative(InitiativeId(n as u8)))
            } else {
                None
            }
        }
        View::Departments => {
            let names: Vec<String> = raw
                .strip_prefix("g:")?
                .split(',')
                .map(decode)
                .collect::<Option<_>>()?;
            (names.iter().all(|n| !n.is_empty())).then_some(Drill::DepartmentGroup(names))
        }
        View::Table => None,
    }
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(",")
}

fn encode_list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    join(items.map(|s| encode(s)))
}

/// Percent-encodes everything but unreserved ASCII, so the fragment survives any host, CMS or
/// messenger that re-encodes links.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses `encode`; `+` is a space as forms write it. `None` for a broken escape or bytes that
/// are not UTF-8.
pub fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The link to the published page for `fragment`, when `base` (a build setting, empty by
/// default) is an http(s) address without a fragment or spaces; else `None`.
pub fn published_link(base: &str, fragment: &str) -> Option<String> {
    let base = base.trim();
    let web = base.starts_with("https://") || base.starts_with("http://");
    if !web || base.len() <= "https://".len() || base.contains(['#', ' ', '"', '<', '>']) {
        return None;
    }
    Some(if fragment.is_empty() {
        base.to_string()
    } else {
        format!("{base}#{fragment}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;
    use proptest::prelude::*;

    #[test]
    fn default_state_is_the_empty_fragment() {
        assert_eq!(ViewState::default().format(), "");
        assert_eq!(
            ViewState::parse(""),
            (ViewState::default(), Notices::default())
        );
        assert_eq!(
            ViewState::parse("#"),
            (ViewState::default(), Notices::default())
        );
    }

    #[test]
    fn a_full_state_reads_back() {
        let (s, notices) = ViewState::parse(
            "#v=dept&at=g:%E8%BE%B2%E6%A5%AD%E6%94%BF%E7%AD%96%E8%AA%B2&q=%E8%A6%B3%E5%85%89&dir=2,1&mk=kc&min=100&amt=with&sel=4-5&sort=-amount&lang=en",
        );
        assert!(notices.is_empty());
        assert_eq!(s.view, View::Departments);
        assert_eq!(s.drill, Drill::DepartmentGroup(vec!["農業政策課".into()]));
        assert_eq!(s.filter.query, "観光");
        assert_eq!(
            s.filter.directions,
            BTreeSet::from([DirectionId(1), DirectionId(2)])
        );
        assert_eq!(
            s.filter.marks,
            MarkFilter {
                key_measure: true,
                new: false,
                covid: true
            }
        );
        assert_eq!((s.filter.min, s.filter.max), (Some(100), None));
        assert_eq!(s.selected, LineId::parse("4-5"));
        assert_eq!(
            s.sort,
            Sort {
                column: Column::Amount,
                descending: true
            }
        );
        assert_eq!(s.lang, Some(Lang::En));
        // Canonical order on the way out.
        assert!(s.format().starts_with("v=dept&at=g:%E8%BE%B2"));
        assert!(s.format().contains("&dir=1,2&"));
    }

    #[test]
    fn bad_values_are_dropped_and_reported_and_the_rest_kept() {
        let (s, notices) =
            ViewState::parse("#v=pie&q=%E8%A6&sel=4-5&min=-3&mk=kk&lang=fr&zzz=1&at=d9x&sort=size");
        assert_eq!(s.selected, LineId::parse("4-5"));
        assert_eq!(s.view, View::Directions);
        // Grouped by kind, in the order each kind was first met: six invalid values (the first
        // three shown) and one unreadable one.
        let groups: Vec<(NoticeKind, usize, Vec<&str>)> = notices
            .groups()
            .iter()
            .map(|g| {
                let keys = g.examples.iter().map(|n| n.key.as_str()).collect();
                (g.kind, g.count, keys)
            })
            .collect();
        assert_eq!(
            groups,
            vec![
                (NoticeKind::InvalidValue, 6, vec!["v", "min", "mk"]),
                (NoticeKind::BadEncoding, 1, vec!["q"]),
            ]
        );
        assert_eq!(notices.cut_from, None);
    }

    #[test]
    fn a_fragment_beyond_the_limit_is_cut_before_a_part_and_said_so() {
        let link = format!("#sel=4-5&{}", "v&".repeat(524_288));
        let (s, notices) = ViewState::parse(&link);
        assert_eq!(notices.cut_from, Some(link.len() - 1));
        assert_eq!(s.selected, LineId::parse("4-5"));
        // Only the first 8 KB were read, ending before the last whole part.
        let read = 1 + "sel=4-5&".len() / 2 + (MAX_FRAGMENT_BYTES - "sel=4-5&".len()) / 2;
        assert!(notices.count() < read, "{} parts counted", notices.count());
        assert!(notices.count() > 4000);
        // A part cut in two is not read: `min=12345` cut after `min=12` would set 12.
        let pad = "zz".repeat((MAX_FRAGMENT_BYTES - 6) / 2);
        let (s, n) = ViewState::parse(&format!("{pad}&min=12345678&v=table"));
        assert_eq!((s.filter.min, s.view), (None, View::Directions));
        assert!(n.cut_from.is_some() && n.groups().is_empty());
        // At the limit exactly, nothing is cut.
        let (s, n) = ViewState::parse(&format!("{}&v=table", "z".repeat(MAX_FRAGMENT_BYTES - 8)));
        assert_eq!((s.view, n.is_empty()), (View::Table, true));
        // A cut never splits a character.
        let (_, n) = ViewState::parse(&"観".repeat(MAX_FRAGMENT_BYTES));
        assert!(n.cut_from.is_some());
    }

    #[test]
    fn notices_group_by_kind_with_a_count_and_a_few_distinct_examples() {
        let (_, n) = ViewState::parse(&"v&".repeat(3000));
        assert_eq!(n.groups().len(), 1);
        let g = &n.groups()[0];
        assert_eq!((g.kind, g.count), (NoticeKind::InvalidValue, 3000));
        // The same bad part is one example, not three.
        assert_eq!(g.examples.len(), 1);
        assert_eq!(
            (g.examples[0].key.as_str(), g.examples[0].value.as_str()),
            ("v", "")
        );
        let (_, n) = ViewState::parse("mk=a&mk=b&mk=z&mk=d&q=%E8&v=x");
        let kinds: Vec<_> = n
            .groups()
            .iter()
            .map(|g| (g.kind, g.count, g.examples.len()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (NoticeKind::InvalidValue, 5, MAX_NOTICE_EXAMPLES),
                (NoticeKind::BadEncoding, 1, 1)
            ]
        );
        // Joining the notices of the data's check keeps one group per kind.
        let mut more = n.clone();
        more.extend(n.clone());
        assert_eq!(more.groups().len(), 2);
        assert_eq!(more.count(), 12);
        assert!(more
            .groups()
            .iter()
            .all(|g| g.examples.len() <= MAX_NOTICE_EXAMPLES));
    }

    #[test]
    fn a_comparison_and_its_corrections_round_trip_and_bad_parts_are_grouped() {
        let id = |s| LineId::parse(s).unwrap();
        let (s, n) = ViewState::parse("#cmp=prev&fix=p1-2.3-4,u5-1.5-1");
        assert!(n.is_empty(), "{n:?}");
        let c = s.compare.clone().unwrap();
        assert!(c.second_is_earlier);
        assert_eq!(
            c.corrections,
            [
                Correction::Pair {
                    before: id("1-2"),
                    after: id("3-4")
                },
                Correction::Unpair {
                    before: id("5-1"),
                    after: id("5-1")
                }
            ]
        );
        assert_eq!(s.format(), "cmp=prev&fix=p1-2.3-4,u5-1.5-1");
        // Order does not matter in the link; `fix` before `cmp` reads the same.
        assert_eq!(ViewState::parse("fix=p1-2.3-4,u5-1.5-1&cmp=prev").0, s);
        assert_eq!(ViewState::parse("cmp=next").0.format(), "cmp=next");
        // The measure open in a comparison, on either side; `e` only while comparing.
        let (s, n) = ViewState::parse("sel=e4-15&cmp=prev");
        let open = s.compare.as_ref().and_then(|c| c.open);
        assert_eq!(
            open,
            Some(CompareOpen {
                earlier: true,
                id: LineId::parse("4-15").unwrap()
            })
        );
        assert!(s.selected.is_none() && n.is_empty(), "{n:?}");
        assert_eq!(s.format(), "cmp=prev&sel=e4-15");
        let s = ViewState::parse("cmp=next&sel=3-6").0;
        assert_eq!(s.selected, None);
        assert_eq!(s.format(), "cmp=next&sel=3-6");
        assert_eq!(ViewState::parse("sel=3-6").0.format(), "sel=3-6");
        let (s, n) = ViewState::parse("sel=e3-6");
        assert!(s.selected.is_none() && s.compare.is_none());
        assert_eq!(n.count(), 1);
        assert_eq!(ViewState::parse("cmp=prev&sel=e3-x").0.format(), "cmp=prev");

        // Bad items are dropped one by one, counted in one group; the good ones kept.
        let (s, n) = ViewState::parse("cmp=next&fix=x1-2.3-4,p1-2,p1-2.3-4,p01-2.3-4,q1-1.1-1");
        assert_eq!(s.compare.unwrap().corrections.len(), 1);
        assert_eq!(n.groups().len(), 1);
        assert_eq!(n.groups()[0].kind, NoticeKind::InvalidValue);
        assert_eq!(n.groups()[0].count, 4);
        // Corrections without a comparison, or a mode that is not one, are reported.
        let (s, n) = ViewState::parse("fix=p1-2.3-4&cmp=both");
        assert_eq!(s.compare, None);
        assert_eq!(n.count(), 2);
        // More than a link carries: the first MAX_CORRECTIONS kept, the rest reported once.
        let many = vec!["p1-1.1-1"; 500].join(",");
        let (s, n) = ViewState::parse(&format!("cmp=prev&fix={many}"));
        assert_eq!(s.compare.unwrap().corrections.len(), MAX_CORRECTIONS);
        assert_eq!(n.groups()[0].kind, NoticeKind::TooLong);
        assert_eq!(n.count(), 1);
    }

    #[test]
    fn corrections_beyond_the_link_are_counted_in_it() {
        // The state holds 30: the link carries the first 24 and the count of all.
        let pair = |n: u16| Correction::Pair {
            before: LineId {
                initiative: InitiativeId(1),
                number: n,
            },
            after: LineId {
                initiative: InitiativeId(2),
                number: n,
            },
        };
        let state = ViewState {
            compare: Some(CompareView {
                corrections: (1..=30).map(pair).collect(),
                ..CompareView::default()
            }),
            ..ViewState::default()
        };
        let link = state.format();
        assert!(link.ends_with(",p1-24.2-24&fixn=30"), "{link}");
        let (back, n) = ViewState::parse(&link);
        assert!(n.is_empty(), "{n:?}");
        let c = back.compare.clone().unwrap();
        assert_eq!(c.corrections, (1..=24).map(pair).collect::<Vec<_>>());
        assert_eq!(c.beyond_link, 6);
        // Opened so, the link it writes is the one it came from.
        assert_eq!(back.format(), link);
        // One more made here: still 24 in the link, 31 counted.
        let mut more = c.clone();
        more.corrections.push(pair(31));
        let more = ViewState {
            compare: Some(more),
            ..ViewState::default()
        };
        assert!(more.format().ends_with(",p1-24.2-24&fixn=31"));
        // A history entry keeps the other 6 beside the link: they come back with it.
        let kept = state.corrections_beyond_link();
        assert_eq!(
            kept,
            "p1-25.2-25,p1-26.2-26,p1-27.2-27,p1-28.2-28,p1-29.2-29,p1-30.2-30"
        );
        let mut restored = back.clone();
        restored.restore_corrections_beyond_link(&kept);
        assert_eq!(restored, state);
        // Kept text that does not fit the link (another count, a bad item) changes nothing.
        for wrong in [
            "",
            "p1-25.2-25",
            "p1-25.2-25,x,p1-27.2-27,p1-28.2-28,p1-29.2-29,p1-30.2-30",
        ] {
            let mut r = back.clone();
            r.restore_corrections_beyond_link(wrong);
            assert_eq!(r, back, "{wrong}");
        }
        assert_eq!(back.corrections_beyond_link(), "");
        // A count below what the link carries, or beyond any file, is reported and dropped.
        let (s, n) = ViewState::parse("cmp=prev&fix=p1-1.2-1,p1-2.2-2&fixn=1");
        assert_eq!((s.compare.unwrap().beyond_link, n.count()), (0, 1));
        let (s, n) = ViewState::parse("cmp=prev&fixn=99999");
        assert_eq!((s.compare.unwrap().beyond_link, n.count()), (0, 1));
        // 24 or fewer: no count.
        assert_eq!(
            ViewState::parse("cmp=prev&fix=p1-1.2-1&fixn=1").0.format(),
            "cmp=prev&fix=p1-1.2-1"
        );
    }

    #[test]
    fn the_longest_view_a_link_can_hold_writes_a_link_that_is_not_cut() {
        let name = |i: usize| format!("{}{i}", "\u{10348}".repeat(20));
        let deps: Vec<String> = (0..400).map(name).collect();
        let group: Vec<String> = (0..100).map(name).collect();
        let link = format!(
            "v=dept&at=g:{}&q={}&dir={}&ini={}&dep={}&mk=knc&min=999999999999999&max=999999999999999&amt=without&sel=255-65535&sort=-amount&lang=en&embed=1&more=9999&only=1&cmp=prev&fix={}",
            group[..1].iter().map(|g| encode(g)).collect::<Vec<_>>().join(","),
            encode(&"\u{10348}".repeat(500)),
            (1..=255).map(|n| n.to_string()).collect::<Vec<_>>().join(","),
            (1..=255).map(|n| n.to_string()).collect::<Vec<_>>().join(","),
            deps.iter().map(|d| encode(d)).collect::<Vec<_>>().join(","),
            vec!["u255-65535.255-65534"; 100].join(","),
        );
        // The corrections come last, beyond the cut: the longest view carries them all as well.
        let mut state = ViewState::parse(&link[..link.len().min(MAX_FRAGMENT_BYTES)]).0;
        let (fix, _) = ViewState::parse(&link[link.find("cmp=").unwrap()..]);
        assert_eq!(
            fix.compare.as_ref().unwrap().corrections.len(),
            MAX_CORRECTIONS
        );
        state.compare = fix.compare;
        let written = state.format();
        assert!(
            written.len() <= MAX_FRAGMENT_BYTES,
            "{} bytes",
            written.len()
        );
        let (again, n) = ViewState::parse(&written);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(again, state);
        // Literal characters and reserved ones read from a link encode up to three times longer.
        let (state, n) = ViewState::parse(&format!("dep={}", "=".repeat(MAX_FRAGMENT_BYTES - 4)));
        assert_eq!(n.groups()[0].kind, NoticeKind::TooLong);
        assert!(state.format().len() <= MAX_FRAGMENT_BYTES);
    }

    #[test]
    fn only_the_matches_round_trips_while_a_filter_is_set() {
        let (state, n) = ViewState::parse("at=i4&q=%E8%A6%B3%E5%85%89&only=1");
        assert!(n.is_empty(), "{n:?}");
        assert!(state.only_matches);
        assert_eq!(state.format(), "at=i4&q=%E8%A6%B3%E5%85%89&only=1");
        // Any filter will do, not only a search.
        let (state, _) = ViewState::parse("mk=k&only=1");
        assert_eq!(
            (state.only_matches, state.format().as_str()),
            (true, "mk=k&only=1")
        );
        // Without a filter there is nothing to leave out: dropped, so one view has one link.
        let (state, n) = ViewState::parse("at=i4&only=1");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(
            (state.only_matches, state.format().as_str()),
            (false, "at=i4")
        );
        let stray = ViewState {
            only_matches: true,
            ..ViewState::default()
        };
        assert_eq!(stray.format(), "");
        // A filter the data does not know is dropped, and with it only=1 (found by the fuzzer).
        let b = embedded_budget().unwrap();
        let (mut state, _) = ViewState::parse("only=1&dep=0");
        assert!(state.only_matches);
        let n = state.reconcile(&b);
        assert_eq!(n.count(), 1);
        assert_eq!((state.only_matches, state.format().as_str()), (false, ""));
        // Any other value is not one the key takes.
        let (state, n) = ViewState::parse("q=a&only=yes");
        assert!(!state.only_matches);
        assert_eq!(n.groups()[0].kind, NoticeKind::InvalidValue);
    }

    #[test]
    fn the_search_text_in_a_link_is_capped() {
        let typed = "観".repeat(350_000);
        let state = ViewState {
            filter: Filter {
                query: typed.clone(),
                ..Filter::default()
            },
            ..ViewState::default()
        };
        let link = state.format();
        assert_eq!(link, format!("q={}", encode(&"観".repeat(MAX_QUERY_CHARS))));
        assert!(link.len() < MAX_FRAGMENT_BYTES);
        // The state (the search box) keeps what was typed.
        assert_eq!(state.filter.query, typed);
    }

    #[test]
    fn drill_must_fit_the_view() {
        let (s, n) = ViewState::parse("v=table&at=d2");
        assert_eq!((s.view, s.drill), (View::Table, Drill::Top));
        assert_eq!(n.count(), 1);
        let (s, n) = ViewState::parse("at=i4");
        assert_eq!(
            (s.drill, n.count()),
            (Drill::Initiative(InitiativeId(4)), 0)
        );
    }

    #[test]
    fn opened_others_pages_read_back_within_bounds() {
        let (s, n) = ViewState::parse("at=i4&more=2");
        assert_eq!((s.others_page, n.count()), (2, 0));
        assert_eq!(s.format(), "at=i4&more=2");
        for bad in ["more=0", "more=10000", "more=x", "more=-1", "more=02"] {
            let (s, n) = ViewState::parse(bad);
            assert_eq!((s.others_page, n.count()), (0, 1), "{bad}");
        }
        let (s, _) = ViewState::parse("more=9999");
        assert_eq!(s.others_page, MAX_OTHERS);
        let (s, n) = ViewState::parse("v=table&more=3");
        assert_eq!((s.others_page, n.count()), (0, 1));
    }

    #[test]
    fn overlong_query_is_cut_and_reported() {
        let (s, n) = ViewState::parse(&format!("q={}", "a".repeat(500)));
        assert_eq!(s.filter.query.len(), MAX_QUERY_CHARS);
        assert_eq!(n.groups()[0].kind, NoticeKind::TooLong);
    }

    #[test]
    fn reconcile_drops_what_the_data_lacks() {
        let b = embedded_budget().unwrap();
        let (mut s, _) =
            ViewState::parse("dir=2,9&ini=11&dep=%E7%84%A1%E3%81%84%E8%AA%B2&sel=4-99&at=d7");
        let notices = s.reconcile(&b);
        assert_eq!(s.filter.directions, BTreeSet::from([DirectionId(2)]));
        assert!(s.filter.initiatives.is_empty() && s.filter.departments.is_empty());
        assert_eq!((s.selected, &s.drill), (None, &Drill::Top));
        assert_eq!(notices.count(), 5);
        assert!(notices
            .groups()
            .iter()
            .all(|g| g.kind == NoticeKind::UnknownItem));
        let (mut ok, _) =
            ViewState::parse("sel=10-2&dep=%E5%95%86%E6%A5%AD%E9%87%91%E8%9E%8D%E8%AA%B2");
        assert!(ok.reconcile(&b).is_empty());
    }

    #[test]
    fn encoding_round_trips_and_rejects_broken_escapes() {
        for s in ["", "観光 ＰＲ", "a,b&c=d%e+f#g", "<script>"] {
            assert_eq!(decode(&encode(s)).as_deref(), Some(s));
        }
        assert_eq!(decode("%"), None);
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%E8%A6"), None);
        assert_eq!(decode("%C3%A9").as_deref(), Some("é"));
    }

    fn arb_text() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<char>(), 0..30).prop_map(|c| c.into_iter().collect())
    }

    fn arb_state() -> impl Strategy<Value = ViewState> {
        let filter = (
            prop::collection::vec(any::<char>(), 0..MAX_QUERY_CHARS)
                .prop_map(|c| c.into_iter().collect::<String>()),
            prop::collection::btree_set(1u8..=255, 0..4),
            prop::collection::btree_set(1u8..=255, 0..4),
            prop::collection::btree_set(
                arb_text().prop_filter("non-empty", |s| !s.is_empty()),
                0..4,
            ),
            (any::<bool>(), any::<bool>(), any::<bool>()),
            (
                prop::option::of(0u64..999_999_999_999_999),
                prop::option::of(0u64..999_999_999_999_999),
            ),
            prop_oneof![
                Just(AmountPresence::Any),
                Just(AmountPresence::With),
                Just(AmountPresence::Without)
            ],
        )
            .prop_map(
                |(query, d, i, dep, (key, new, covid), (min, max), presence)| Filter {
                    query,
                    directions: d.into_iter().map(DirectionId).collect(),
                    initiatives: i.into_iter().map(InitiativeId).collect(),
                    departments: dep,
                    marks: MarkFilter {
                        key_measure: key,
                        new,
                        covid,
                    },
                    min,
                    max,
                    presence,
                },
            );
        let view = prop_oneof![
            Just(View::Directions),
            Just(View::Departments),
            Just(View::Table)
        ];
        let sort = (0..4u8, any::<bool>()).prop_map(|(c, descending)| Sort {
            column: [Column::Id, Column::Name, Column::Department, Column::Amount][c as usize],
            descending,
        });
        let lang = (
            prop_oneof![Just(None), Just(Some(Lang::Ja)), Just(Some(Lang::En))],
            any::<bool>(),
            any::<bool>(),
        );
        let selected = prop::option::of((1u8..=255, 1u16..=u16::MAX)).prop_map(|o| {
            o.map(|(i, n)| LineId {
                initiative: InitiativeId(i),
                number: n,
            })
        });
        let drill_choice = (
            0..4u8,
            1u8..=255,
            prop::collection::vec(arb_text().prop_filter("non-empty", |s| !s.is_empty()), 1..3),
        );
        (
            view,
            (drill_choice, 0..=MAX_OTHERS),
            filter,
            selected,
            sort,
            lang,
        )
            .prop_map(
                |(
                    view,
                    ((kind, n, names), others),
                    filter,
                    selected,
                    sort,
                    (lang, embed, only),
                )| {
                    let others = if view == View::Table { 0 } else { others };
                    let drill = match (view, kind) {
                        (View::Directions, 1) => Drill::Direction(DirectionId(n)),
                        (View::Directions, 2) => Drill::Initiative(InitiativeId(n)),
                        (View::Departments, 1 | 2) => Drill::DepartmentGroup(names),
                        _ => Drill::Top,
                    };
                    ViewState {
                        view,
                        drill,
                        others_page: others,
                        only_matches: only && !filter.is_empty(),
                        filter,
                        selected,
                        sort,
                        lang,
                        embed,
                        compare: None,
                    }
                },
            )
    }

    fn arb_compare() -> impl Strategy<Value = Option<CompareView>> {
        let id = (1u8..=255, 1u16..=u16::MAX).prop_map(|(i, n)| LineId {
            initiative: InitiativeId(i),
            number: n,
        });
        let correction = (any::<bool>(), id.clone(), id).prop_map(|(pair, before, after)| {
            if pair {
                Correction::Pair { before, after }
            } else {
                Correction::Unpair { before, after }
            }
        });
        prop::option::of(
            (
                any::<bool>(),
                prop::collection::vec(correction, 0..=MAX_CORRECTIONS),
                prop_oneof![Just(0usize), 1..=MAX_FILE_CORRECTIONS - MAX_CORRECTIONS],
            )
                .prop_map(|(second_is_earlier, corrections, beyond)| CompareView {
                    open: None,
                    second_is_earlier,
                    // Corrections beyond the link's only where it carries all it can.
                    beyond_link: if corrections.len() == MAX_CORRECTIONS {
                        beyond
                    } else {
                        0
                    },
                    corrections,
                }),
        )
    }

    /// Long links of repeated hostile parts (up to a few MB), as a host page or a pasted link can
    /// give: `v&` × 524,288, `mk=z&` × 200,000, 120,000 distinct `dep=` names, mixed.
    fn arb_hostile_link() -> impl Strategy<Value = String> {
        let part = prop_oneof![
            Just(0u8), // v&
            Just(1u8), // mk=z&
            Just(2u8), // dep=<distinct name>&
            Just(3u8), // q=<long text>&
            Just(4u8), // a broken escape
        ];
        (prop::collection::vec(part, 1..4), 1usize..=524_288).prop_map(|(kinds, times)| {
            let mut link = String::from("#");
            for i in 0..times {
                match kinds[i % kinds.len()] {
                    0 => link.push_str("v&"),
                    1 => link.push_str("mk=z&"),
                    2 => link.push_str(&format!("dep=%E8%AA%B2{i}&")),
                    3 => link.push_str("q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&"),
                    _ => link.push_str("sel=%E8&"),
                }
            }
            link
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn any_long_link_is_read_within_bounds(link in arb_hostile_link()) {
            let (state, notices) = ViewState::parse(&link);
            // At most one group per kind, each with a few examples: a short list for any link.
            prop_assert!(notices.groups().len() <= 4);
            prop_assert!(notices.groups().iter().all(|g| g.examples.len() <= MAX_NOTICE_EXAMPLES));
            // No more parts were read than fit in the limit (each is at least two bytes).
            prop_assert!(notices.count() <= MAX_FRAGMENT_BYTES / 2);
            prop_assert_eq!(notices.cut_from.is_some(), link.len() - 1 > MAX_FRAGMENT_BYTES);
            // What was read is bounded as well, and its own link is not cut.
            prop_assert!(state.filter.departments.len() <= MAX_FRAGMENT_BYTES / 5);
            let (again, n) = ViewState::parse(&state.format());
            prop_assert!(n.is_empty(), "{:?}", n);
            prop_assert_eq!(again, state);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Reading only the start of a long link (what the app takes from the browser) reads
        /// exactly what reading all of it does.
        #[test]
        fn the_start_of_a_long_link_reads_as_all_of_it(link in arb_hostile_link(), extra in 0usize..40) {
            let mut end = (MAX_FRAGMENT_BYTES + 1 + extra).min(link.len());
            while !link.is_char_boundary(end) {
                end += 1;
            }
            let whole = ViewState::parse(&link);
            prop_assert_eq!(ViewState::parse_start(&link[..end], link.len()), whole.clone());
            let bare = &link[1..];
            prop_assert_eq!(ViewState::parse_start(&bare[..end - 1], bare.len()), whole);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn format_then_parse_round_trips(state in arb_state(), compare in arb_compare()) {
            // While comparing, `sel` is the comparison's open measure, on either side.
            let compare = compare.map(|c| CompareView {
                open: state.selected.map(|id| CompareOpen { earlier: id.number % 2 == 0, id }),
                ..c
            });
            let selected = if compare.is_some() { None } else { state.selected };
            let state = ViewState { compare, selected, ..state };
            let text = state.format();
            let (back, notices) = ViewState::parse(&text);
            prop_assert!(notices.is_empty());
            prop_assert_eq!(back, state);
        }

        #[test]
        fn any_string_parses_without_panic(text in ".{0,300}") {
            let (state, _) = ViewState::parse(&text);
            // Whatever was read is itself a valid, stable state.
            let (again, notices) = ViewState::parse(&state.format());
            prop_assert!(notices.is_empty());
            prop_assert_eq!(again, state);
        }

        #[test]
        fn url_like_strings_parse_without_panic(
            pairs in prop::collection::vec((prop::sample::select(KEYS.to_vec()), "[%0-9A-Fa-f,:.+gdi&=-]{0,12}"), 0..12)
        ) {
            let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let (state, _) = ViewState::parse(&text.join("&"));
            let (again, _) = ViewState::parse(&state.format());
            prop_assert_eq!(again, state);
        }
    }

    #[test]
    fn a_published_link_only_from_a_web_address() {
        let base = "https://example.jp/budget/";
        assert_eq!(
            published_link(base, "at=i4").as_deref(),
            Some("https://example.jp/budget/#at=i4")
        );
        assert_eq!(
            published_link(" http://a.jp ", "").as_deref(),
            Some("http://a.jp")
        );
        for bad in [
            "",
            "  ",
            "file:///x.html",
            "javascript:alert(1)",
            "https://",
            "https://a.jp/#x",
            "https://a b",
        ] {
            assert_eq!(published_link(bad, "at=i4"), None, "{bad:?}");
        }
    }
}
