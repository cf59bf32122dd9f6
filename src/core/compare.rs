//! Comparing two budgets: which line of one is which line of the other, and what changed.
//!
//! Lines are matched in stages, each taking only lines no earlier stage took:
//! 1. a person's corrections (`Correction::Pair`; `Correction::Unpair` forbids a pair everywhere);
//! 2. by name (`name_key`: search folding, 【…】 marks, ★ and spaces removed), first within
//!    initiatives that match, then anywhere;
//! 3. by number within the matching initiative, when the two lines share a department (a
//!    renamed measure keeps its number and department; a different department is another measure);
//! 4. 【再掲】 lines follow their originals: a relisting pairs with a relisting of its original's
//!    partner.
//!
//!    Directions and initiatives are matched the same way (by title, then by id) before lines.
//!    Where several lines share a key, the k-th on one side pairs with the k-th on the other in
//!    source order, so swapping the sides gives the same pairs.
//!
//! Totals count measures as the rest of the app does (`Line::counted_amount`); a change is only
//! stated where both sides have an amount (a line printed "-" is never 0 and never ∞%).

use super::model::{Budget, InitiativeId, LineId};
use super::text::{self, Normalize};
use std::collections::{HashMap, HashSet, VecDeque};

/// How a pair was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// Corrected by hand.
    Manual,
    Name,
    /// Same number in the matching initiative, a shared department, another name.
    Number,
    /// A 【再掲】 line following its original.
    Relisted,
}

impl Method {
    /// The method's key in the URL and the CSV.
    pub fn key(self) -> &'static str {
        match self {
            Method::Manual => "manual",
            Method::Name => "name",
            Method::Number => "number",
            Method::Relisted => "relisted",
        }
    }
}

/// A person's correction of the matching, by line ids (`before` in the earlier file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Correction {
    Pair { before: LineId, after: LineId },
    Unpair { before: LineId, after: LineId },
}

/// One compared line: its index in each budget's `lines` (one side may be missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub before: Option<usize>,
    pub after: Option<usize>,
    pub method: Option<Method>,
}

/// What happened to a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    New,
    Ended,
    Grown,
    Shrunk,
    Same,
    /// Paired, but one side (or both) prints "-": no change can be stated.
    NoAmount,
    /// A 【再掲】 line (on either side): it adds nothing, so it has no change of its own.
    Relisting,
}

/// A compared line with its amounts (thousand yen; `None` where "-").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub pair: Pair,
    pub kind: Kind,
    pub before: Option<u64>,
    pub after: Option<u64>,
    /// What the line adds to each side's total (0 for a relisting and "-").
    pub counted_before: u64,
    pub counted_after: u64,
}

impl Entry {
    /// The stated change: only where the line is paired and both sides have an amount.
    pub fn change(&self) -> Option<i64> {
        match self.kind {
            Kind::Grown | Kind::Shrunk | Kind::Same => {
                Some(self.after? as i64 - self.before? as i64)
            }
            _ => None,
        }
    }

    /// The difference this line makes to the totals (after − before).
    pub fn counted_change(&self) -> i64 {
        self.counted_after as i64 - self.counted_before as i64
    }

    /// Percent of the earlier amount, where there is a change and the earlier amount is not 0.
    pub fn percent(&self) -> Option<f64> {
        percent(self.change()?, self.before?)
    }
}

fn percent(change: i64, before: u64) -> Option<f64> {
    (before > 0).then(|| change as f64 * 100.0 / before as f64)
}

/// Two totals (thousand yen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub before: u64,
    pub after: u64,
}

impl Change {
    pub fn change(&self) -> i64 {
        self.after as i64 - self.before as i64
    }
    /// `None` when the earlier total is 0 (never ∞%).
    pub fn percent(&self) -> Option<f64> {
        percent(self.change(), self.before)
    }
}

/// A direction, initiative or department on both sides, with its totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub before: Option<String>,
    pub after: Option<String>,
    pub totals: Change,
}

/// The comparison of two budgets.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The later budget's lines in source order, then the lines that ended, in the earlier order.
    pub entries: Vec<Entry>,
    pub whole: Change,
    pub directions: Vec<Group>,
    pub initiatives: Vec<Group>,
    /// By department group (a line's departments joined), matched by name.
    pub departments: Vec<Group>,
    /// Indices into `entries`, each sorted by the size of the change (largest first).
    pub new: Vec<usize>,
    pub ended: Vec<usize>,
    pub grown: Vec<usize>,
    pub shrunk: Vec<usize>,
    /// Paired measures with "-" on a side, in entry order.
    pub no_amount: Vec<usize>,
    /// Corrections that name a line that is not there, a relisting, or a line already paired by
    /// an earlier correction: not applied.
    pub ignored: Vec<Correction>,
}

/// Sorts indices by `order`, stably. Every list of the comparison sorts through this one call:
/// each `sort_by` with its own closure is another copy of the sort in the wasm (about 5 KB).
pub fn sort_indices(indices: &mut [usize], order: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    indices.sort_by(|&a, &b| order(a, b));
}

/// The key a name is matched by: folded as search folds it (NFKC, width, kana, case), with
/// bracketed marks (【新】【再掲】…), ★☆ and spaces removed.
pub fn name_key(name: &str, normalize: Normalize) -> String {
    // Most names are kanji and kana that NFKC and lower-casing leave as they are: skip the
    // normaliser for them (natively a table walk, in the browser a call out to JavaScript).
    let folded = if name.chars().all(already_folded) {
        text::kana_fold(name)
    } else {
        text::fold(name, normalize)
    };
    let mut out = String::with_capacity(folded.len());
    let mut rest = folded.as_str();
    while let Some(open) = rest.find('【') {
        match rest[open..].find('】') {
            Some(close) => {
                out.push_str(&rest[..open]);
                rest = &rest[open + close + '】'.len_utf8()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out.retain(|c| !c.is_whitespace() && !matches!(c, '★' | '☆'));
    out
}

/// Characters NFKC and lower-casing leave unchanged (a conservative list: anything else goes
/// through the normaliser).
fn already_folded(c: char) -> bool {
    matches!(c,
        '\u{21}'..='\u{40}' | '\u{5B}'..='\u{7E}' // ASCII but space and capitals
        | '\u{3001}'..='\u{3002}' | '\u{3005}' | '\u{300C}'..='\u{3011}' // 、。々「」『』【】
        | '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' // hiragana (not ゛゜)
        | '\u{30A1}'..='\u{30FA}' | '\u{30FB}'..='\u{30FE}' // katakana, ・ー
        | '\u{4E00}'..='\u{9FFF}') // CJK unified ideographs
}

/// Which item of the earlier side each item of the later side pairs with.
struct Pairing {
    partner: Vec<Option<(usize, Method)>>,
    taken: Vec<bool>,
}

impl Pairing {
    fn new(before: usize, after: usize) -> Self {
        Pairing {
            partner: vec![None; after],
            taken: vec![false; before],
        }
    }

    fn set(&mut self, b: usize, a: usize, method: Method) {
        self.partner[a] = Some((b, method));
        self.taken[b] = true;
    }

    /// Pairs free items with equal keys, the k-th with the k-th in source order, skipping pairs
    /// `allow` refuses. One key type and `dyn` functions: a single copy of this in the wasm.
    fn stage(
        &mut self,
        method: Method,
        key_before: &dyn Fn(usize) -> Option<u64>,
        key_after: &dyn Fn(usize) -> Option<u64>,
        allow: &dyn Fn(usize, usize) -> bool,
    ) {
        let mut waiting: HashMap<u64, VecDeque<usize>> = HashMap::new();
        for b in (0..self.taken.len()).filter(|&b| !self.taken[b]) {
            if let Some(k) = key_before(b) {
                waiting.entry(k).or_default().push_back(b);
            }
        }
        for a in 0..self.partner.len() {
            if self.partner[a].is_some() {
                continue;
            }
            let Some(queue) = key_after(a).and_then(|k| waiting.get_mut(&k)) else {
                continue;
            };
            if let Some(at) = queue.iter().position(|&b| allow(b, a)) {
                let b = queue.remove(at).unwrap_or_default();
                self.set(b, a, method);
            }
        }
    }

    /// Earlier index → later index.
    fn reverse(&self) -> Vec<Option<usize>> {
        let mut out = vec![None; self.taken.len()];
        for (a, p) in self.partner.iter().enumerate() {
            if let Some((b, _)) = p {
                out[*b] = Some(a);
            }
        }
        out
    }
}

/// Two small numbers as one key (each below 2³²).
fn pack(high: u64, low: u64) -> u64 {
    high << 32 | low
}

/// Numbers for strings, so that every key is a `u64` (the same string, the same number).
#[derive(Default)]
struct Interner<'a>(HashMap<&'a str, u64>);

impl<'a> Interner<'a> {
    fn id(&mut self, key: &'a str) -> u64 {
        let next = self.0.len() as u64;
        *self.0.entry(key).or_insert(next)
    }

    fn ids(&mut self, keys: &'a [String]) -> Vec<u64> {
        keys.iter().map(|k| self.id(k)).collect()
    }

    fn some_ids(&mut self, keys: &'a [Option<String>]) -> Vec<Option<u64>> {
        keys.iter()
            .map(|k| k.as_deref().map(|k| self.id(k)))
            .collect()
    }
}

/// Matches titled items (directions, initiatives: their ids and title keys) by title key, then
/// by id.
fn match_titled(before: (&[u8], &[String]), after: (&[u8], &[String])) -> Pairing {
    let mut names = Interner::default();
    let (kb, ka) = (names.ids(before.1), names.ids(after.1));
    let mut p = Pairing::new(kb.len(), ka.len());
    let any = |_, _| true;
    p.stage(Method::Name, &|b| Some(kb[b]), &|a| Some(ka[a]), &any);
    p.stage(
        Method::Number,
        &|b| Some(u64::from(before.0[b])),
        &|a| Some(u64::from(after.0[a])),
        &any,
    );
    p
}

/// What a budget is matched by, worked out once per budget: its names folded (`name_key`), its
/// lines' places and department groups. Comparing the same file again (the sides swapped, a
/// correction made) starts from here, so only the pairing and the sums are done again.
#[derive(Clone, Debug, PartialEq)]
pub struct Keys {
    /// Each line's name key; `None` for a relisting, which follows its original instead.
    names: Vec<Option<String>>,
    direction_ids: Vec<u8>,
    directions: Vec<String>,
    initiative_ids: Vec<u8>,
    initiatives: Vec<String>,
    /// Each line's place in `initiatives` and in `directions`.
    line_initiative: Vec<Option<usize>>,
    line_direction: Vec<Option<usize>>,
    /// Each line's department group: an index into `groups`, each a label and its key.
    line_group: Vec<usize>,
    groups: Vec<(String, String)>,
    /// Line id → its index in `lines`.
    index: HashMap<LineId, usize>,
}

impl Keys {
    pub fn new(b: &Budget, normalize: Normalize) -> Keys {
        let names = b
            .lines
            .iter()
            .map(|l| (!l.is_relisting()).then(|| name_key(&l.name, normalize)))
            .collect();
        let initiative_at: HashMap<InitiativeId, usize> = b
            .initiatives
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id, i))
            .collect();
        let direction_of_initiative: Vec<Option<usize>> = b
            .initiatives
            .iter()
            .map(|i| b.directions.iter().position(|d| d.id == i.direction))
            .collect();
        let line_initiative: Vec<Option<usize>> = b
            .lines
            .iter()
            .map(|l| initiative_at.get(&l.id.initiative).copied())
            .collect();
        let line_direction = line_initiative
            .iter()
            .map(|i| direction_of_initiative[(*i)?])
            .collect();
        // Each distinct set of departments named and folded once.
        let mut groups: Vec<(String, String)> = Vec::new();
        let mut seen: HashMap<&[String], usize> = HashMap::new();
        let line_group = b
            .lines
            .iter()
            .map(|l| {
                *seen.entry(&l.departments).or_insert_with(|| {
                    let label = l.department_group();
                    let key = name_key(&label, normalize);
                    groups.push((label, key));
                    groups.len() - 1
                })
            })
            .collect();
        Keys {
            names,
            direction_ids: b.directions.iter().map(|d| d.id.0).collect(),
            directions: b
                .directions
                .iter()
                .map(|d| name_key(&d.title, normalize))
                .collect(),
            initiative_ids: b.initiatives.iter().map(|i| i.id.0).collect(),
            initiatives: b
                .initiatives
                .iter()
                .map(|i| name_key(&i.title, normalize))
                .collect(),
            line_initiative,
            line_direction,
            line_group,
            groups,
            index: b.lines.iter().enumerate().map(|(i, l)| (l.id, i)).collect(),
        }
    }

    /// Whether these can be the keys of `b` (a guard against pairing one budget's keys with
    /// another's lines: the counts must agree, or the keys are worked out again).
    fn fits(&self, b: &Budget) -> bool {
        self.names.len() == b.lines.len()
            && self.directions.len() == b.directions.len()
            && self.initiatives.len() == b.initiatives.len()
    }
}

/// Compares `before` (the earlier file) with `after`, applying `corrections` on top.
pub fn compare(
    before: &Budget,
    after: &Budget,
    corrections: &[Correction],
    normalize: Normalize,
) -> Comparison {
    let (kb, ka) = (Keys::new(before, normalize), Keys::new(after, normalize));
    compare_keyed((before, &kb), (after, &ka), corrections, normalize)
}

/// `compare`, from each budget's `Keys` (worked out again for a budget they do not fit).
pub fn compare_keyed(
    (before, keys_b): (&Budget, &Keys),
    (after, keys_a): (&Budget, &Keys),
    corrections: &[Correction],
    normalize: Normalize,
) -> Comparison {
    let (own_b, own_a);
    let keys_b = if keys_b.fits(before) {
        keys_b
    } else {
        own_b = Keys::new(before, normalize);
        &own_b
    };
    let keys_a = if keys_a.fits(after) {
        keys_a
    } else {
        own_a = Keys::new(after, normalize);
        &own_a
    };
    let directions = match_titled(
        (&keys_b.direction_ids, &keys_b.directions),
        (&keys_a.direction_ids, &keys_a.directions),
    );
    let initiatives = match_titled(
        (&keys_b.initiative_ids, &keys_b.initiatives),
        (&keys_a.initiative_ids, &keys_a.initiatives),
    );
    // Earlier initiative id → the later id it matches.
    let initiative_to_after: HashMap<InitiativeId, InitiativeId> = initiatives
        .partner
        .iter()
        .enumerate()
        .filter_map(|(a, p)| p.map(|(b, _)| (before.initiatives[b].id, after.initiatives[a].id)))
        .collect();
    let in_after = |id: InitiativeId| initiative_to_after.get(&id).map(|i| u64::from(i.0));
    let ini = |id: InitiativeId| u64::from(id.0);

    let (lb, la) = (&before.lines, &after.lines);
    let (ib, ia) = (&keys_b.index, &keys_a.index);
    let mut p = Pairing::new(lb.len(), la.len());

    let mut forbidden: HashSet<(usize, usize)> = HashSet::new();
    let mut ignored = Vec::new();
    for &c in corrections {
        let (Correction::Pair {
            before: b,
            after: a,
        }
        | Correction::Unpair {
            before: b,
            after: a,
        }) = c;
        let found = ib.get(&b).zip(ia.get(&a)).map(|(&b, &a)| (b, a));
        match (c, found) {
            (Correction::Pair { .. }, Some((b, a)))
                if !lb[b].is_relisting()
                    && !la[a].is_relisting()
                    && !p.taken[b]
                    && p.partner[a].is_none() =>
            {
                p.set(b, a, Method::Manual)
            }
            (Correction::Unpair { .. }, Some(pair)) => {
                forbidden.insert(pair);
            }
            _ => ignored.push(c),
        }
    }
    let allowed = |b: usize, a: usize| !forbidden.contains(&(b, a));

    let mut names = Interner::default();
    let (kb, ka) = (names.some_ids(&keys_b.names), names.some_ids(&keys_a.names));
    p.stage(
        Method::Name,
        &|b| Some(pack(kb[b]?, in_after(lb[b].id.initiative)?)),
        &|a| Some(pack(ka[a]?, ini(la[a].id.initiative))),
        &allowed,
    );
    p.stage(Method::Name, &|b| kb[b], &|a| ka[a], &allowed);
    let number = |l: &super::model::Line| u64::from(l.id.number);
    p.stage(
        Method::Number,
        &|b| {
            let l = &lb[b];
            (!l.is_relisting()).then_some(pack(in_after(l.id.initiative)?, number(l)))
        },
        &|a| {
            let l = &la[a];
            (!l.is_relisting()).then_some(pack(ini(l.id.initiative), number(l)))
        },
        &|b, a| {
            allowed(b, a)
                && lb[b]
                    .departments
                    .iter()
                    .any(|d| la[a].departments.contains(d))
        },
    );

    // A relisting's key: the earlier line of its original's pair (the pairs are one to one, so
    // that line names the pair).
    let originals = p.partner.clone();
    let original_pair_after = |a: usize| -> Option<u64> {
        let o = *ia.get(&la[a].relisted_of?)?;
        Some(originals[o]?.0 as u64)
    };
    let reverse = p.reverse();
    let original_pair_before = |b: usize| -> Option<u64> {
        let o = *ib.get(&lb[b].relisted_of?)?;
        reverse[o]?;
        Some(o as u64)
    };
    p.stage(
        Method::Relisted,
        &|b| {
            Some(pack(
                original_pair_before(b)?,
                in_after(lb[b].id.initiative)?,
            ))
        },
        &|a| Some(pack(original_pair_after(a)?, ini(la[a].id.initiative))),
        &allowed,
    );
    p.stage(
        Method::Relisted,
        &original_pair_before,
        &original_pair_after,
        &allowed,
    );

    let mut entries: Vec<Entry> = Vec::with_capacity(la.len() + lb.len() / 8);
    for (a, partner) in p.partner.iter().enumerate() {
        let (b, method) = match partner {
            Some((b, m)) => (Some(*b), Some(*m)),
            None => (None, None),
        };
        entries.push(entry(
            before,
            after,
            Pair {
                before: b,
                after: Some(a),
                method,
            },
        ));
    }
    for b in (0..lb.len()).filter(|&b| !p.taken[b]) {
        let pair = Pair {
            before: Some(b),
            after: None,
            method: None,
        };
        entries.push(entry(before, after, pair));
    }

    let whole = Change {
        before: entries.iter().map(|e| e.counted_before).sum(),
        after: entries.iter().map(|e| e.counted_after).sum(),
    };
    let directions = groups(
        &directions,
        |i| before.directions[i].title.clone(),
        |i| after.directions[i].title.clone(),
        &entries,
        |b| keys_b.line_direction[b],
        |a| keys_a.line_direction[a],
    );
    let initiatives = groups(
        &initiatives,
        |i| before.initiatives[i].title.clone(),
        |i| after.initiatives[i].title.clone(),
        &entries,
        |b| keys_b.line_initiative[b],
        |a| keys_a.line_initiative[a],
    );
    let departments = department_groups(keys_b, keys_a, &entries);

    let list = |kind: Kind, size: &dyn Fn(&Entry) -> i64| -> Vec<usize> {
        let mut v: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].kind == kind)
            .collect();
        // Stable: equal sizes keep entry order.
        sort_indices(&mut v, &|a, b| size(&entries[b]).cmp(&size(&entries[a])));
        v
    };
    // A side without an amount sorts below every amount.
    let amount = |x: Option<u64>| x.map_or(-1, |n| n as i64);
    let new = list(Kind::New, &|e| amount(e.after));
    let ended = list(Kind::Ended, &|e| amount(e.before));
    let grown = list(Kind::Grown, &|e| e.change().unwrap_or(0));
    let shrunk = list(Kind::Shrunk, &|e| -e.change().unwrap_or(0));
    let no_amount = list(Kind::NoAmount, &|_| 0);
    Comparison {
        entries,
        whole,
        directions,
        initiatives,
        departments,
        new,
        ended,
        grown,
        shrunk,
        no_amount,
        ignored,
    }
}

fn entry(before: &Budget, after: &Budget, pair: Pair) -> Entry {
    let lb = pair.before.map(|i| &before.lines[i]);
    let la = pair.after.map(|i| &after.lines[i]);
    let (amount_b, amount_a) = (lb.and_then(|l| l.amount), la.and_then(|l| l.amount));
    let relisting = lb.is_some_and(|l| l.is_relisting()) || la.is_some_and(|l| l.is_relisting());
    let kind = match (lb, la) {
        _ if relisting => Kind::Relisting,
        (None, _) => Kind::New,
        (_, None) => Kind::Ended,
        _ => match (amount_b, amount_a) {
            (Some(b), Some(a)) if a > b => Kind::Grown,
            (Some(b), Some(a)) if a < b => Kind::Shrunk,
            (Some(_), Some(_)) => Kind::Same,
            _ => Kind::NoAmount,
        },
    };
    Entry {
        pair,
        kind,
        before: amount_b,
        after: amount_a,
        counted_before: lb.map_or(0, |l| l.counted_amount()),
        counted_after: la.map_or(0, |l| l.counted_amount()),
    }
}

/// Totals per matched group: the later side's groups in order (with their partners), then the
/// earlier side's unmatched ones.
fn groups(
    pairing: &Pairing,
    title_before: impl Fn(usize) -> String,
    title_after: impl Fn(usize) -> String,
    entries: &[Entry],
    group_before: impl Fn(usize) -> Option<usize>,
    group_after: impl Fn(usize) -> Option<usize>,
) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut slot_before = vec![None; pairing.taken.len()];
    let mut slot_after = vec![0; pairing.partner.len()];
    for (a, p) in pairing.partner.iter().enumerate() {
        slot_after[a] = out.len();
        if let Some((b, _)) = p {
            slot_before[*b] = Some(out.len());
        }
        out.push(Group {
            before: p.map(|(b, _)| title_before(b)),
            after: Some(title_after(a)),
            totals: Change::default(),
        });
    }
    for (b, slot) in slot_before.iter_mut().enumerate() {
        if slot.is_none() {
            *slot = Some(out.len());
            out.push(Group {
                before: Some(title_before(b)),
                after: None,
                totals: Change::default(),
            });
        }
    }
    for e in entries {
        if let Some(s) = e
            .pair
            .before
            .and_then(&group_before)
            .and_then(|g| slot_before[g])
        {
            out[s].totals.before += e.counted_before;
        }
        if let Some(g) = e.pair.after.and_then(&group_after) {
            out[slot_after[g]].totals.after += e.counted_after;
        }
    }
    out
}

/// Totals per department group, matched by key: the later side's groups in order of first
/// appearance, then the earlier side's that the later one lacks.
fn department_groups(before: &Keys, after: &Keys, entries: &[Entry]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut slots: HashMap<&str, usize> = HashMap::new();
    let slot_after = group_slots(after, &mut slots, &mut out, true);
    let slot_before = group_slots(before, &mut slots, &mut out, false);
    for e in entries {
        if let Some(b) = e.pair.before {
            out[slot_before[b]].totals.before += e.counted_before;
        }
        if let Some(a) = e.pair.after {
            out[slot_after[a]].totals.after += e.counted_after;
        }
    }
    out
}

/// Each line's slot in `out`, a new slot for each group key not seen on either side yet.
fn group_slots<'k>(
    keys: &'k Keys,
    slots: &mut HashMap<&'k str, usize>,
    out: &mut Vec<Group>,
    later: bool,
) -> Vec<usize> {
    let mut seen = vec![None; keys.groups.len()];
    keys.line_group
        .iter()
        .map(|&g| {
            *seen[g].get_or_insert_with(|| {
                let (label, key) = &keys.groups[g];
                let s = *slots.entry(key.as_str()).or_insert_with(|| {
                    out.push(Group {
                        before: None,
                        after: None,
                        totals: Change::default(),
                    });
                    out.len() - 1
                });
                let side = if later {
                    &mut out[s].after
                } else {
                    &mut out[s].before
                };
                side.get_or_insert_with(|| label.clone());
                s
            })
        })
        .collect()
}

/// A run of a description in [`text_changes`]: text both sides share, or only one has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Kept(String),
    Removed(String),
    Added(String),
}

/// Above this many characters on a side (after the shared start and end are set aside), the
/// differing middle is shown as wholly replaced: the table below is this squared, so a hostile
/// file cannot make a details panel slow or large.
pub const MAX_TEXT_DIFF_CHARS: usize = 1000;

/// What changed from `before` to `after`, character by character (Japanese has no spaces to
/// split words on): a longest common subsequence, as kept, removed and added runs in order.
pub fn text_changes(before: &str, after: &str) -> Vec<Span> {
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    let start = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let end = b[start..]
        .iter()
        .rev()
        .zip(a[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (bm, am) = (&b[start..b.len() - end], &a[start..a.len() - end]);
    let mut out: Vec<Span> = Vec::new();
    let mut push = |kind: fn(String) -> Span, c: char| {
        let same = matches!(
            (out.last(), kind(String::new())),
            (Some(Span::Kept(_)), Span::Kept(_))
                | (Some(Span::Removed(_)), Span::Removed(_))
                | (Some(Span::Added(_)), Span::Added(_))
        );
        match out.last_mut() {
            Some(Span::Kept(t) | Span::Removed(t) | Span::Added(t)) if same => t.push(c),
            _ => out.push(kind(c.to_string())),
        }
    };
    b[..start].iter().for_each(|&c| push(Span::Kept, c));
    if bm.len() > MAX_TEXT_DIFF_CHARS || am.len() > MAX_TEXT_DIFF_CHARS {
        bm.iter().for_each(|&c| push(Span::Removed, c));
        am.iter().for_each(|&c| push(Span::Added, c));
    } else {
        // lcs[i][j]: the longest common subsequence of bm[i..] and am[j..].
        let w = am.len() + 1;
        let mut lcs = vec![0u16; (bm.len() + 1) * w];
        for i in (0..bm.len()).rev() {
            for j in (0..am.len()).rev() {
                lcs[i * w + j] = if bm[i] == am[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < bm.len() || j < am.len() {
            if i < bm.len() && j < am.len() && bm[i] == am[j] {
                push(Span::Kept, bm[i]);
                (i, j) = (i + 1, j + 1);
            } else if j == am.len() || (i < bm.len() && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
            {
                push(Span::Removed, bm[i]);
                i += 1;
            } else {
                push(Span::Added, am[j]);
                j += 1;
            }
        }
    }
    b[b.len() - end..].iter().for_each(|&c| push(Span::Kept, c));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Direction, DirectionId, Initiative, Line, Marks, Meta};
    use crate::core::synthetic;
    use crate::core::text::nfkc_lower;
    use proptest::prelude::*;

    fn spans(v: &[(&str, char)]) -> Vec<Span> {
        v.iter()
            .map(|&(t, k)| match k {
                '=' => Span::Kept(t.into()),
                '-' => Span::Removed(t.into()),
                _ => Span::Added(t.into()),
            })
            .collect()
    }

    #[test]
    fn text_changes_marks_kept_removed_and_added_runs() {
        assert_eq!(
            text_changes("同じ説明", "同じ説明"),
            spans(&[("同じ説明", '=')])
        );
        assert_eq!(text_changes("", ""), vec![]);
        assert_eq!(text_changes("", "新しい"), spans(&[("新しい", '+')]));
        assert_eq!(text_changes("古い", ""), spans(&[("古い", '-')]));
        assert_eq!(
            text_changes("創業支援を実施", "創業支援と販路開拓を実施"),
            spans(&[("創業支援", '='), ("と販路開拓", '+'), ("を実施", '=')])
        );
        assert_eq!(
            text_changes("経営相談や創業支援", "創業支援"),
            spans(&[("経営相談や", '-'), ("創業支援", '=')])
        );
        assert_eq!(
            text_changes("令和３年度に開始", "令和４年度に開始"),
            spans(&[("令和", '='), ("３", '-'), ("４", '+'), ("年度に開始", '=')])
        );
        // Changes apart from each other, with shared text between them.
        assert_eq!(
            text_changes("aXbYc", "abZc"),
            spans(&[
                ("a", '='),
                ("X", '-'),
                ("b", '='),
                ("Y", '-'),
                ("Z", '+'),
                ("c", '=')
            ])
        );
    }

    #[test]
    fn text_changes_above_the_cap_replaces_the_middle_whole() {
        let (b, a) = (
            format!("前{}後", "あ".repeat(MAX_TEXT_DIFF_CHARS + 1)),
            format!("前{}後", "い".repeat(MAX_TEXT_DIFF_CHARS + 1)),
        );
        assert_eq!(
            text_changes(&b, &a),
            vec![
                Span::Kept("前".into()),
                Span::Removed("あ".repeat(MAX_TEXT_DIFF_CHARS + 1)),
                Span::Added("い".repeat(MAX_TEXT_DIFF_CHARS + 1)),
                Span::Kept("後".into()),
            ]
        );
        // At the cap, still character by character.
        let (b, a) = (
            "あ".repeat(MAX_TEXT_DIFF_CHARS),
            "あ".repeat(MAX_TEXT_DIFF_CHARS - 1) + "い",
        );
        assert_eq!(text_changes(&b, &a).len(), 3);
    }

    proptest! {
        #[test]
        fn text_changes_rebuild_both_sides(b in "[あいうab]{0,40}", a in "[あいうab]{0,40}") {
            let c = text_changes(&b, &a);
            let side = |keep_removed: bool| c.iter().filter_map(|s| match s {
                Span::Kept(t) => Some(t.as_str()),
                Span::Removed(t) if keep_removed => Some(t.as_str()),
                Span::Added(t) if !keep_removed => Some(t.as_str()),
                _ => None,
            }).collect::<String>();
            prop_assert_eq!(side(true), b);
            prop_assert_eq!(side(false), a);
        }
    }

    fn line(id: &str, name: &str, dept: &str, amount: Option<u64>) -> Line {
        Line {
            id: LineId::parse(id).unwrap(),
            name: name.into(),
            departments: vec![dept.into()],
            amount,
            marks: Marks::default(),
            relisted_of: None,
            description: "説明".into(),
        }
    }

    fn relisting(id: &str, of: &Line) -> Line {
        Line {
            id: LineId::parse(id).unwrap(),
            relisted_of: Some(of.id),
            ..of.clone()
        }
    }

    /// A budget of two directions and initiatives 1–3 (1, 2 under direction 1; 3 under 2).
    fn budget(initiative_titles: [&str; 3], lines: Vec<Line>) -> Budget {
        let mut b = synthetic::generate(1, 1);
        b.meta = Meta {
            title: "テスト".into(),
            ..b.meta
        };
        b.directions = vec![
            Direction {
                id: DirectionId(1),
                title: "方向A".into(),
            },
            Direction {
                id: DirectionId(2),
                title: "方向B".into(),
            },
        ];
        b.initiatives = initiative_titles
            .iter()
            .enumerate()
            .map(|(i, t)| Initiative {
                id: InitiativeId(i as u8 + 1),
                direction: DirectionId(if i < 2 { 1 } else { 2 }),
                title: t.to_string(),
            })
            .collect();
        b.lines = lines;
        b
    }

    const TITLES: [&str; 3] = ["創業支援", "販路開拓", "商店街"];

    fn run(before: &Budget, after: &Budget, corrections: &[Correction]) -> Comparison {
        compare(before, after, corrections, nfkc_lower)
    }

    /// (earlier id, later id, method) of every pair, and the kinds.
    fn pairs(c: &Comparison, before: &Budget, after: &Budget) -> Vec<(String, String, String)> {
        c.entries
            .iter()
            .map(|e| {
                let id = |b: &Budget, i: Option<usize>| {
                    i.map_or("-".to_string(), |i| b.lines[i].id.to_string())
                };
                (
                    id(before, e.pair.before),
                    id(after, e.pair.after),
                    e.pair.method.map_or("-", Method::key).to_string(),
                )
            })
            .collect()
    }

    fn t(b: &str, a: &str, m: &str) -> (String, String, String) {
        (b.into(), a.into(), m.into())
    }

    #[test]
    fn name_key_drops_marks_width_and_kana() {
        let k = |s| name_key(s, nfkc_lower);
        assert_eq!(k("【新】中小企業等ＤＸ推進事業"), k("中小企業等dx推進事業"));
        assert_eq!(k("★ ｶﾝｺｳ戦略経費【再掲】"), k("カンコウ戦略経費"));
        assert_eq!(k("観光戦略経費"), "観光戦略経費");
        // An unclosed bracket is kept, not eaten to the end.
        assert_eq!(k("【新 事業"), "【新事業");
        assert_ne!(
            k("商店街魅力向上総合事業（政策）"),
            k("商店街魅力向上総合事業")
        );
    }

    #[test]
    fn lines_match_by_name_across_marks_width_and_initiatives() {
        let before = budget(
            TITLES,
            vec![
                line("1-1", "【新】ＤＸ推進事業", "甲課", Some(100)),
                line("1-2", "観光経費", "乙課", Some(50)),
                line("2-1", "販路事業", "丙課", Some(10)),
            ],
        );
        let after = budget(
            TITLES,
            vec![
                // Moved to another initiative and renumbered: still found by its name.
                line("3-7", "dx推進事業", "甲課", Some(150)),
                line("1-1", "観光経費", "乙課", Some(40)),
                line("2-2", "全く別の事業", "丁課", Some(5)),
            ],
        );
        let c = run(&before, &after, &[]);
        assert_eq!(
            pairs(&c, &before, &after),
            vec![
                t("1-1", "3-7", "name"),
                t("1-2", "1-1", "name"),
                t("-", "2-2", "-"),
                t("2-1", "-", "-"),
            ]
        );
        let kinds: Vec<Kind> = c.entries.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [Kind::Grown, Kind::Shrunk, Kind::New, Kind::Ended]);
        assert_eq!(c.entries[0].change(), Some(50));
        assert_eq!(c.entries[0].percent(), Some(50.0));
        assert_eq!(c.entries[1].change(), Some(-10));
    }

    #[test]
    fn a_shared_name_pairs_within_its_initiative_first() {
        let before = budget(
            TITLES,
            vec![
                line("1-1", "利子補給金", "甲課", Some(1)),
                line("3-1", "利子補給金", "乙課", Some(2)),
            ],
        );
        // The later file lists them the other way round.
        let after = budget(
            TITLES,
            vec![
                line("3-1", "利子補給金", "乙課", Some(20)),
                line("1-1", "利子補給金", "甲課", Some(10)),
            ],
        );
        let c = run(&before, &after, &[]);
        assert_eq!(
            pairs(&c, &before, &after),
            vec![t("3-1", "3-1", "name"), t("1-1", "1-1", "name")]
        );
    }

    #[test]
    fn renamed_lines_match_by_number_when_they_share_a_department() {
        let before = budget(
            TITLES,
            vec![
                line("1-1", "旧い名前の事業", "甲課", Some(100)),
                line("1-2", "終わった事業", "乙課", Some(50)),
            ],
        );
        let after = budget(
            TITLES,
            vec![
                line("1-1", "新しい名前の事業", "甲課", Some(100)),
                // Same number, another department: a new measure, not a renamed one.
                line("1-2", "始まった事業", "丙課", Some(70)),
            ],
        );
        let c = run(&before, &after, &[]);
        assert_eq!(
            pairs(&c, &before, &after),
            vec![
                t("1-1", "1-1", "number"),
                t("-", "1-2", "-"),
                t("1-2", "-", "-")
            ]
        );
        assert_eq!(c.entries[0].kind, Kind::Same);
        assert_eq!(c.new, [1]);
        assert_eq!(c.ended, [2]);
    }

    #[test]
    fn renamed_and_renumbered_initiatives_are_matched() {
        // Initiative 2 is renamed (same id); 販路開拓 and 商店街 swap ids.
        let before = budget(
            ["創業支援", "販路開拓", "商店街"],
            vec![
                line("2-1", "旧名A", "甲課", Some(10)),
                line("3-1", "旧名B", "乙課", Some(20)),
            ],
        );
        let after = budget(
            ["創業支援", "商店街", "販路開拓"],
            vec![
                line("3-1", "新名A", "甲課", Some(11)),
                line("2-1", "新名B", "乙課", Some(22)),
            ],
        );
        let c = run(&before, &after, &[]);
        // Lines are renamed too: found by number within the initiative that matched by title.
        assert_eq!(
            pairs(&c, &before, &after),
            vec![t("2-1", "3-1", "number"), t("3-1", "2-1", "number")]
        );
        let names: Vec<_> = c
            .initiatives
            .iter()
            .map(|g| (g.before.as_deref(), g.after.as_deref(), g.totals))
            .collect();
        assert_eq!(
            names[1],
            (
                Some("商店街"),
                Some("商店街"),
                Change {
                    before: 20,
                    after: 22
                }
            )
        );
        assert_eq!(names[2].0, Some("販路開拓"));

        // A renamed initiative with the same id is matched by id.
        let renamed = budget(["創業の支援", "販路開拓", "商店街"], vec![]);
        let c = run(&before, &renamed, &[]);
        assert_eq!(c.initiatives[0].before.as_deref(), Some("創業支援"));
        assert_eq!(c.initiatives[0].after.as_deref(), Some("創業の支援"));
        assert_eq!(c.initiatives.len(), 3);
        // So is a renamed direction.
        let mut renamed = before.clone();
        renamed.directions[0].title = "方向Aの新しい名前".into();
        let c = run(&before, &renamed, &[]);
        assert_eq!(c.directions.len(), 2);
        assert_eq!(c.directions[0].before.as_deref(), Some("方向A"));
    }

    #[test]
    fn corrections_pair_and_unpair_on_top_of_the_rules() {
        let before = budget(
            TITLES,
            vec![
                line("1-1", "事業甲", "甲課", Some(100)),
                line("1-2", "事業乙", "乙課", Some(50)),
            ],
        );
        let after = budget(
            TITLES,
            vec![
                line("1-1", "事業甲", "甲課", Some(100)),
                line("2-5", "まるで違う名前", "丙課", Some(60)),
            ],
        );
        let id = |s| LineId::parse(s).unwrap();
        assert_eq!(
            pairs(&run(&before, &after, &[]), &before, &after),
            vec![
                t("1-1", "1-1", "name"),
                t("-", "2-5", "-"),
                t("1-2", "-", "-")
            ]
        );
        let c = run(
            &before,
            &after,
            &[
                Correction::Pair {
                    before: id("1-2"),
                    after: id("2-5"),
                },
                Correction::Unpair {
                    before: id("1-1"),
                    after: id("1-1"),
                },
                // Not there: ignored and reported.
                Correction::Pair {
                    before: id("9-9"),
                    after: id("1-1"),
                },
            ],
        );
        assert_eq!(
            pairs(&c, &before, &after),
            vec![
                t("-", "1-1", "-"),
                t("1-2", "2-5", "manual"),
                t("1-1", "-", "-")
            ]
        );
        assert_eq!(c.entries[1].change(), Some(10));
        assert_eq!(
            c.ignored,
            [Correction::Pair {
                before: id("9-9"),
                after: id("1-1")
            }]
        );
        // A second pair for a line already paired by hand is ignored too.
        let twice = [
            Correction::Pair {
                before: id("1-2"),
                after: id("2-5"),
            },
            Correction::Pair {
                before: id("1-2"),
                after: id("1-1"),
            },
        ];
        assert_eq!(run(&before, &after, &twice).ignored, [twice[1]]);
    }

    #[test]
    fn relistings_follow_their_originals() {
        let a = line("1-1", "成長事業", "甲課", Some(100));
        let before = budget(
            TITLES,
            vec![a.clone(), relisting("2-1", &a), relisting("3-1", &a)],
        );
        // The original is renamed (matched by number) and its relistings swap places.
        let a2 = line("1-1", "成長産業事業", "甲課", Some(120));
        let after = budget(
            TITLES,
            vec![a2.clone(), relisting("3-4", &a2), relisting("2-9", &a2)],
        );
        let c = run(&before, &after, &[]);
        assert_eq!(
            pairs(&c, &before, &after),
            vec![
                t("1-1", "1-1", "number"),
                t("3-1", "3-4", "relisted"),
                t("2-1", "2-9", "relisted")
            ]
        );
        assert!(c.entries[1..].iter().all(|e| e.kind == Kind::Relisting));
        assert_eq!(
            c.whole,
            Change {
                before: 100,
                after: 120
            }
        );
        // Relistings are not measures: in none of the lists.
        assert_eq!(c.grown, [0]);
    }

    #[test]
    fn lines_without_an_amount_are_reported_never_zero() {
        let before = budget(
            TITLES,
            vec![
                line("1-1", "甲", "甲課", None),
                line("1-2", "乙", "乙課", Some(0)),
            ],
        );
        let after = budget(
            TITLES,
            vec![
                line("1-1", "甲", "甲課", Some(30)),
                line("1-2", "乙", "乙課", Some(5)),
            ],
        );
        let c = run(&before, &after, &[]);
        assert_eq!(c.entries[0].kind, Kind::NoAmount);
        assert_eq!(c.entries[0].change(), None);
        assert_eq!(c.entries[0].percent(), None);
        assert_eq!(c.no_amount, [0]);
        // From 0 it grew, but by no percentage.
        assert_eq!(c.entries[1].kind, Kind::Grown);
        assert_eq!(c.entries[1].percent(), None);
        // The totals still count what each side adds.
        assert_eq!(
            c.whole,
            Change {
                before: 0,
                after: 35
            }
        );
        assert_eq!(c.whole.percent(), None);
    }

    /// Every group list adds up to the whole on each side, and the entries' counted changes add
    /// up to the difference of the totals.
    fn assert_totals(c: &Comparison, before: &Budget, after: &Budget) {
        let total = |b: &Budget| b.lines.iter().map(|l| l.counted_amount()).sum::<u64>();
        assert_eq!(c.whole.before, total(before));
        assert_eq!(c.whole.after, total(after));
        let sum: i64 = c.entries.iter().map(Entry::counted_change).sum();
        assert_eq!(sum, c.whole.change());
        for groups in [&c.directions, &c.initiatives, &c.departments] {
            let b: u64 = groups.iter().map(|g| g.totals.before).sum();
            let a: u64 = groups.iter().map(|g| g.totals.after).sum();
            assert_eq!((b, a), (c.whole.before, c.whole.after));
        }
        // Every line of both files appears exactly once.
        let mut seen_b = vec![0; before.lines.len()];
        let mut seen_a = vec![0; after.lines.len()];
        for e in &c.entries {
            e.pair.before.inspect(|&i| seen_b[i] += 1);
            e.pair.after.inspect(|&i| seen_a[i] += 1);
        }
        assert!(seen_b.iter().chain(&seen_a).all(|&n| n == 1));
    }

    #[test]
    fn synthetic_years_compare_with_consistent_totals_and_sorted_lists() {
        let before = synthetic::generate(3_000, 5);
        let after = synthetic::next_year(&before, 6);
        let c = run(&before, &after, &[]);
        assert_totals(&c, &before, &after);
        for (list, kind) in [
            (&c.new, Kind::New),
            (&c.ended, Kind::Ended),
            (&c.grown, Kind::Grown),
            (&c.shrunk, Kind::Shrunk),
        ] {
            assert!(!list.is_empty(), "{kind:?}");
            assert!(list.iter().all(|&i| c.entries[i].kind == kind));
        }
        let changes: Vec<i64> = c
            .grown
            .iter()
            .map(|&i| c.entries[i].change().unwrap())
            .collect();
        assert!(changes.windows(2).all(|w| w[0] >= w[1]));
        let changes: Vec<i64> = c
            .shrunk
            .iter()
            .map(|&i| c.entries[i].change().unwrap())
            .collect();
        assert!(changes.windows(2).all(|w| w[0] <= w[1]));
        let by = |m: Method| {
            c.entries
                .iter()
                .filter(|e| e.pair.method == Some(m))
                .count()
        };
        assert!(by(Method::Name) > 2_000);
        assert!(by(Method::Number) > 0);
        assert!(by(Method::Relisted) > 0);
    }

    #[test]
    fn ten_thousand_lines_each_compare_with_consistent_totals() {
        // Timed by `cargo xtask bench` (native and in the browser); here only the result.
        let before = synthetic::generate(10_000, 11);
        let after = synthetic::next_year(&before, 12);
        let c = run(&before, &after, &[]);
        assert_totals(&c, &before, &after);
        assert_eq!(
            c.entries.len(),
            after.lines.len() + c.ended.len() + {
                // Ended relistings are entries too, though in no list.
                c.entries
                    .iter()
                    .filter(|e| e.pair.after.is_none() && e.kind == Kind::Relisting)
                    .count()
            }
        );
    }

    #[test]
    fn keys_worked_out_once_give_the_same_comparison_either_way_round() {
        let before = crowded(synthetic::generate(2_000, 21));
        let after = synthetic::next_year(&before, 22);
        let (kb, ka) = (
            Keys::new(&before, text::nfkc_lower),
            Keys::new(&after, text::nfkc_lower),
        );
        let fix = [Correction::Unpair {
            before: before.lines[3].id,
            after: after.lines[3].id,
        }];
        for corrections in [&[][..], &fix[..]] {
            assert_eq!(
                compare_keyed((&before, &kb), (&after, &ka), corrections, text::nfkc_lower),
                compare(&before, &after, corrections, text::nfkc_lower)
            );
            let back: Vec<Correction> = corrections
                .iter()
                .map(|c| match *c {
                    Correction::Unpair { before, after } | Correction::Pair { before, after } => {
                        Correction::Unpair {
                            before: after,
                            after: before,
                        }
                    }
                })
                .collect();
            assert_eq!(
                compare_keyed((&after, &ka), (&before, &kb), &back, text::nfkc_lower),
                compare(&after, &before, &back, text::nfkc_lower)
            );
        }
        // Another budget's keys do not fit: they are worked out again, never misapplied.
        let other = Keys::new(&synthetic::generate(10, 3), text::nfkc_lower);
        assert_eq!(
            compare_keyed((&before, &other), (&after, &ka), &[], text::nfkc_lower),
            compare(&before, &after, &[], text::nfkc_lower)
        );
    }

    /// `b` with only a few distinct names, so that many lines share one (as 利子補給金 does).
    fn crowded(mut b: Budget) -> Budget {
        let names: HashMap<LineId, String> = b
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id, format!("事業{}", i % 7)))
            .collect();
        for l in &mut b.lines {
            l.name = names[&l.relisted_of.unwrap_or(l.id)].clone();
        }
        b
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn a_file_compared_with_itself_shows_no_change(size in 1usize..300, seed in 1u64..1_000) {
            let b = synthetic::next_year(&synthetic::generate(size, seed), seed + 1);
            let c = run(&b, &b, &[]);
            assert_totals(&c, &b, &b);
            prop_assert!(c.new.is_empty() && c.ended.is_empty());
            prop_assert!(c.grown.is_empty() && c.shrunk.is_empty());
            for e in &c.entries {
                prop_assert_eq!(e.pair.before, e.pair.after);
                prop_assert_eq!(e.counted_change(), 0);
                prop_assert!(e.change().is_none_or(|d| d == 0));
            }
            for g in c.directions.iter().chain(&c.initiatives).chain(&c.departments) {
                prop_assert_eq!(g.totals.change(), 0);
            }
        }

        #[test]
        fn swapping_sides_negates_every_change(
            size in 1usize..300,
            seed in 1u64..1_000,
            crowd in any::<bool>(),
        ) {
            let before = synthetic::generate(size, seed);
            let before = if crowd { crowded(before) } else { before };
            let after = synthetic::next_year(&before, seed + 7);
            let forth = run(&before, &after, &[]);
            let back = run(&after, &before, &[]);
            assert_totals(&forth, &before, &after);
            assert_totals(&back, &after, &before);
            prop_assert_eq!(back.whole.change(), -forth.whole.change());
            let key = |e: &Entry| (e.pair.before, e.pair.after);
            let back_of: HashMap<_, &Entry> =
                back.entries.iter().map(|e| ((e.pair.after, e.pair.before), e)).collect();
            prop_assert_eq!(back_of.len(), forth.entries.len());
            for e in &forth.entries {
                let r = back_of[&key(e)];
                prop_assert_eq!(r.pair.method, e.pair.method);
                prop_assert_eq!(r.change(), e.change().map(|d| -d));
                prop_assert_eq!(r.counted_change(), -e.counted_change());
                let mirrored = match e.kind {
                    Kind::New => Kind::Ended,
                    Kind::Ended => Kind::New,
                    Kind::Grown => Kind::Shrunk,
                    Kind::Shrunk => Kind::Grown,
                    k => k,
                };
                prop_assert_eq!(r.kind, mirrored);
            }
            prop_assert_eq!(back.new.len(), forth.ended.len());
            prop_assert_eq!(back.grown.len(), forth.shrunk.len());
        }
    }
}
