//! Grouping a selection into the trees the treemaps show: direction → initiative → measure, and
//! department group → measure. Totals count measures, not lines: a 【再掲】 leaf is listed under its
//! own initiative but carries no amount (its original does). Amounts are never split between
//! departments: a line naming several departments is its own group named by all of them.

use super::filter::Selection;
use super::model::{Budget, DirectionId, InitiativeId, Line, LineId};
use std::collections::HashMap;

/// Which lines of a budget the current filter matches, to mark the nodes of a level laid out
/// over more lines than that (the chart dims what does not match instead of moving cells).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matching(Option<Vec<bool>>);

impl Matching {
    /// Every line matches (nothing narrows, or only the matches are laid out).
    pub fn all() -> Self {
        Matching(None)
    }

    /// The lines of `selection` match.
    pub fn of(budget: &Budget, selection: &Selection) -> Self {
        if selection.lines.len() == budget.lines.len() {
            return Matching::all();
        }
        let mut mask = vec![false; budget.lines.len()];
        selection.lines.iter().for_each(|&i| mask[i] = true);
        Matching(Some(mask))
    }

    fn has(&self, line: usize) -> bool {
        self.0.as_ref().is_none_or(|mask| mask[line])
    }
}

/// The part of a node the current filter matches (all of it when nothing narrows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Matched {
    /// Thousand yen, each measure once.
    pub total: u64,
    pub measures: usize,
    pub lines: usize,
}

impl Matched {
    pub fn add(&mut self, other: Matched) {
        self.total += other.total;
        self.measures += other.measures;
        self.lines += other.lines;
    }
}

/// What a node stands for, in the domain's own terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeKey {
    Direction(DirectionId),
    Initiative(InitiativeId),
    /// Departments in the order the line names them.
    DepartmentGroup(Vec<String>),
    Line(LineId),
    /// A level's smaller nodes in one 「その他」 cell (its children); opening it shows them.
    Others,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub key: NodeKey,
    pub label: String,
    /// Thousand yen, each measure once.
    pub total: u64,
    /// Distinct measures below (【再掲】 lines not counted).
    pub measures: usize,
    /// Lines below, 【再掲】 included.
    pub lines: usize,
    /// What of it the current filter matches: a node matches when any of its lines does.
    pub matched: Matched,
    pub children: Vec<Node>,
}

impl Node {
    fn leaf(budget: &Budget, at: usize, matching: &Matching) -> Node {
        let m = &budget.lines[at];
        let own = Matched {
            total: m.counted_amount(),
            measures: usize::from(!m.is_relisting()),
            lines: 1,
        };
        Node {
            key: NodeKey::Line(m.id),
            label: m.name.clone(),
            total: own.total,
            measures: own.measures,
            lines: own.lines,
            matched: if matching.has(at) {
                own
            } else {
                Matched::default()
            },
            children: Vec::new(),
        }
    }

    pub(crate) fn group(key: NodeKey, label: String, children: Vec<Node>) -> Node {
        let mut matched = Matched::default();
        children.iter().for_each(|c| matched.add(c.matched));
        Node {
            key,
            label,
            total: children.iter().map(|c| c.total).sum(),
            measures: children.iter().map(|c| c.measures).sum(),
            lines: children.iter().map(|c| c.lines).sum(),
            matched,
            children,
        }
    }

    /// Whether any line below it matches the current filter.
    pub fn matches(&self) -> bool {
        self.matched.lines > 0
    }

    /// The child with this key, if any (for following a drill path).
    pub fn child(&self, key: &NodeKey) -> Option<&Node> {
        self.children.iter().find(|c| &c.key == key)
    }
}

/// Groups `lines` by `key`, in the order the keys first appear, each with its totals and without
/// children (one pass; used for the level a chart shows, so large datasets stay fast).
fn groups<'a, K: Eq + std::hash::Hash + Clone + 'a>(
    budget: &'a Budget,
    lines: impl IntoIterator<Item = usize>,
    matching: &Matching,
    key: impl Fn(usize, &'a Line) -> K,
) -> Vec<(K, Node)> {
    let mut at: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<(K, Node)> = Vec::new();
    for i in lines {
        let m = &budget.lines[i];
        let k = key(i, m);
        let slot = *at.entry(k.clone()).or_insert_with(|| {
            out.push((
                k,
                Node::group(NodeKey::Line(m.id), String::new(), Vec::new()),
            ));
            out.len() - 1
        });
        let node = &mut out[slot].1;
        let own = Matched {
            total: m.counted_amount(),
            measures: usize::from(!m.is_relisting()),
            lines: 1,
        };
        node.total += own.total;
        node.measures += own.measures;
        node.lines += own.lines;
        if matching.has(i) {
            node.matched.add(own);
        }
    }
    out
}

/// One node per direction that has selected lines, in the budget's order, without children;
/// `matching` marks what the current filter matches.
pub fn directions(budget: &Budget, selection: &Selection, matching: &Matching) -> Vec<Node> {
    let mut found = groups(budget, selection.lines.iter().copied(), matching, |_, m| {
        budget.direction_of(m)
    });
    found.retain(|(d, _)| d.is_some());
    budget
        .directions
        .iter()
        .filter_map(|d| {
            let (_, node) = found.iter().find(|(k, _)| *k == Some(d.id))?;
            Some(Node {
                key: NodeKey::Direction(d.id),
                label: d.title.clone(),
                ..node.clone()
            })
        })
        .collect()
}

/// The initiatives of direction `d` that have selected lines, in the budget's order.
pub fn initiatives(
    budget: &Budget,
    selection: &Selection,
    matching: &Matching,
    d: DirectionId,
) -> Vec<Node> {
    let lines = selection
        .lines
        .iter()
        .copied()
        .filter(|&i| budget.direction_of(&budget.lines[i]) == Some(d));
    let found = groups(budget, lines, matching, |_, m| m.id.initiative);
    budget
        .initiatives
        .iter()
        .filter(|i| i.direction == d)
        .filter_map(|i| {
            let (_, node) = found.iter().find(|(k, _)| *k == i.id)?;
            Some(Node {
                key: NodeKey::Initiative(i.id),
                label: i.title.clone(),
                ..node.clone()
            })
        })
        .collect()
}

/// The department group of each line of the budget (by index). A line naming one department is
/// in that department's group. A line naming several departments (共管, joint) is in a joint
/// group: the first (in source order) of the largest sets of departments that contain its own,
/// so 契約政策課・工事契約課 joins 契約政策課・工事契約課・技術管理課, while joint lines that
/// merely share a department stay apart (no chains of groups). Groups come from the whole budget,
/// not a selection, so a filter never changes what a group is. A department's lines alone and
/// its joint lines stay apart (an amount is never split, and a joint line is not one
/// department's).
pub fn group_keys(budget: &Budget) -> Vec<Vec<String>> {
    use std::collections::BTreeSet;
    // The distinct sets of several departments, in order of first appearance.
    let mut sets: Vec<(BTreeSet<&str>, &[String])> = Vec::new();
    let mut index: HashMap<BTreeSet<&str>, usize> = HashMap::new();
    let mut line_set: Vec<Option<usize>> = vec![None; budget.lines.len()];
    for (at, m) in budget.lines.iter().enumerate() {
        if m.departments.len() > 1 {
            let set: BTreeSet<&str> = m.departments.iter().map(String::as_str).collect();
            let i = *index.entry(set.clone()).or_insert_with(|| {
                sets.push((set, &m.departments));
                sets.len() - 1
            });
            line_set[at] = Some(i);
        }
    }
    // Only sets sharing a department can contain one another: compare within each department.
    let mut with: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (set, _)) in sets.iter().enumerate() {
        for d in set {
            with.entry(d).or_default().push(i);
        }
    }
    let maximal = |i: usize| {
        let set = &sets[i].0;
        let first = set.iter().next().copied().unwrap_or_default();
        !with[first]
            .iter()
            .any(|&j| sets[j].0.len() > set.len() && set.is_subset(&sets[j].0))
    };
    let group_of = |i: usize| -> Vec<String> {
        let set = &sets[i].0;
        let first = set.iter().next().copied().unwrap_or_default();
        with[first]
            .iter()
            .copied()
            .find(|&j| maximal(j) && set.is_subset(&sets[j].0))
            .map_or_else(|| sets[i].1.to_vec(), |j| sets[j].1.to_vec())
    };
    let keys: Vec<Vec<String>> = (0..sets.len()).map(group_of).collect();
    budget
        .lines
        .iter()
        .zip(line_set)
        .map(|(m, set)| set.map_or_else(|| m.departments.clone(), |i| keys[i].clone()))
        .collect()
}

/// Whether a department group is joint (共管): named by more than one department.
pub fn is_joint(names: &[String]) -> bool {
    names.len() > 1
}

/// The distinct sets of departments that the lines of a joint group name, in source order, each
/// with its number of lines (for the 共管 note).
pub fn joint_members(budget: &Budget, group: &[String]) -> Vec<(Vec<String>, usize)> {
    let keys = group_keys(budget);
    let mut out: Vec<(Vec<String>, usize)> = Vec::new();
    for (line, key) in budget.lines.iter().zip(&keys) {
        if key.as_slice() == group && is_joint(group) {
            match out.iter_mut().find(|(d, _)| *d == line.departments) {
                Some((_, n)) => *n += 1,
                None => out.push((line.departments.clone(), 1)),
            }
        }
    }
    out
}

/// Department groups with selected lines, in order of first appearance.
pub fn department_groups(budget: &Budget, selection: &Selection, matching: &Matching) -> Vec<Node> {
    let keys = group_keys(budget);
    groups(budget, selection.lines.iter().copied(), matching, |i, _| {
        keys[i].as_slice()
    })
    .into_iter()
    .map(|(departments, node)| Node {
        key: NodeKey::DepartmentGroup(departments.to_vec()),
        label: departments.join("・"),
        ..node
    })
    .collect()
}

/// One leaf per selected line that `keep` accepts, in source order.
pub fn leaves(
    budget: &Budget,
    selection: &Selection,
    matching: &Matching,
    keep: impl Fn(&Line) -> bool,
) -> Vec<Node> {
    selection
        .lines
        .iter()
        .filter(|&&i| keep(&budget.lines[i]))
        .map(|&i| Node::leaf(budget, i, matching))
        .collect()
}

/// The whole tree: directions → initiatives → measures, in source order; groups without selected
/// lines are left out.
pub fn by_direction(budget: &Budget, selection: &Selection) -> Vec<Node> {
    let all = Matching::all();
    directions(budget, selection, &all)
        .into_iter()
        .map(|mut d| {
            let NodeKey::Direction(id) = d.key else {
                return d;
            };
            d.children = initiatives(budget, selection, &all, id)
                .into_iter()
                .map(|mut i| {
                    let NodeKey::Initiative(iid) = i.key else {
                        return i;
                    };
                    i.children = leaves(budget, selection, &all, |m| m.id.initiative == iid);
                    i
                })
                .collect();
            d
        })
        .collect()
}

/// Department groups → measures, groups in order of first appearance.
pub fn by_department(budget: &Budget, selection: &Selection) -> Vec<Node> {
    let all = Matching::all();
    department_groups(budget, selection, &all)
        .into_iter()
        .map(|mut g| {
            if let NodeKey::DepartmentGroup(names) = &g.key {
                let drill = crate::core::view_state::Drill::DepartmentGroup(names.clone());
                g.children = leaves(budget, selection, &all, drill.holder(budget));
            }
            g
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;

    #[test]
    fn directions_add_up_counting_measures_once() {
        let b = embedded_budget().unwrap();
        let tree = by_direction(&b, &Selection::all(&b));
        assert_eq!(tree.len(), 5);
        assert_eq!(tree.iter().map(|n| n.total).sum::<u64>(), 3_739_426);
        assert_eq!(tree.iter().map(|n| n.measures).sum::<usize>(), 59);
        assert_eq!(tree.iter().map(|n| n.lines).sum::<usize>(), 63);
        // 方向性4 has seven measures and no amounts: kept, with zero total.
        assert_eq!((tree[3].measures, tree[3].total), (7, 0));
        // 取組③ lists its 【再掲】 line first, with no amount of its own.
        let third = &tree[1].children[0];
        assert_eq!(third.key, NodeKey::Initiative(InitiativeId(3)));
        assert_eq!((third.lines, third.measures), (7, 6));
        assert_eq!(third.children[0].total, 0);
    }

    #[test]
    fn departments_are_never_split() {
        let b = embedded_budget().unwrap();
        let groups = by_department(&b, &Selection::all(&b));
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert!(labels.contains(&"農業政策課・農水ブランド戦略室"));
        assert!(labels.contains(&"契約政策課・工事契約課・技術管理課"));
        // A joint set inside a larger one joins it: 契約政策課・工事契約課 (2 lines)
        // and 契約政策課・工事契約課・技術管理課 (1) are 契約政策課・工事契約課・技術管理課 (3);
        // 工事契約課 alone stays its own group. 10 sets of departments, 9 groups.
        assert!(!labels.contains(&"契約政策課・工事契約課"));
        assert_eq!(groups.len(), 9);
        let contracts = groups
            .iter()
            .find(|g| g.label == "契約政策課・工事契約課・技術管理課")
            .unwrap();
        assert_eq!((contracts.lines, contracts.children.len()), (3, 3));
        let names: Vec<String> = ["契約政策課", "工事契約課", "技術管理課"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            joint_members(&b, &names),
            vec![(names[..2].to_vec(), 2), (names.clone(), 1)]
        );
        assert!(joint_members(&b, &names[1..2]).is_empty());
        assert_eq!(
            groups
                .iter()
                .find(|g| g.label == "工事契約課")
                .unwrap()
                .lines,
            2
        );
        let joint = groups
            .iter()
            .find(|g| g.label == "農業政策課・農水ブランド戦略室")
            .unwrap();
        assert_eq!(joint.total, 5_300 + 39_800);
        assert_eq!(groups.iter().map(|n| n.total).sum::<u64>(), 3_739_426);
        assert_eq!(groups.iter().map(|n| n.lines).sum::<usize>(), 63);
    }

    #[test]
    fn joint_groups_are_the_largest_sets_containing_them() {
        // A hand-made budget: A+B and C+B inside A+B+C; C alone; D+E apart; E+F shares E with
        // D+E but neither contains the other: apart (no chains).
        let mut b = embedded_budget().unwrap();
        let sets: [&[&str]; 6] = [
            &["A", "B"],
            &["C", "B"],
            &["C"],
            &["D", "E"],
            &["A", "B", "C"],
            &["E", "F"],
        ];
        for (line, set) in b.lines.iter_mut().zip(sets) {
            line.departments = set.iter().map(|d| d.to_string()).collect();
        }
        let keys = group_keys(&b);
        let s = |v: &[&str]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(keys[0], s(&["A", "B", "C"]));
        assert_eq!(keys[1], s(&["A", "B", "C"]));
        assert_eq!(keys[2], s(&["C"]));
        assert_eq!(keys[3], s(&["D", "E"]));
        assert_eq!(keys[4], s(&["A", "B", "C"]));
        assert_eq!(keys[5], s(&["E", "F"]));
    }

    #[test]
    fn a_department_filter_matches_its_joint_lines_too() {
        use crate::core::filter::Filter;
        use std::collections::BTreeSet;
        let b = embedded_budget().unwrap();
        let filter = Filter {
            departments: BTreeSet::from(["工事契約課".to_string()]),
            ..Filter::default()
        };
        let index = crate::core::filter::SearchIndex::new(&b, crate::core::text::nfkc_lower);
        let sel = filter.apply(&b, &index);
        // 2 lines of 工事契約課 alone, 3 joint lines naming it.
        assert_eq!(sel.lines.len(), 5);
        let groups = department_groups(&b, &sel, &Matching::all());
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            vec!["契約政策課・工事契約課・技術管理課", "工事契約課"]
        );
        // 技術管理課 names only one line, which is in the joint group.
        let filter = Filter {
            departments: BTreeSet::from(["技術管理課".to_string()]),
            ..Filter::default()
        };
        let sel = filter.apply(&b, &index);
        assert_eq!(sel.lines.len(), 1);
        let groups = department_groups(&b, &sel, &Matching::all());
        assert_eq!(groups[0].label, "契約政策課・工事契約課・技術管理課");
        let NodeKey::DepartmentGroup(names) = &groups[0].key else {
            panic!("{:?}", groups[0].key)
        };
        let drill = crate::core::view_state::Drill::DepartmentGroup(names.clone());
        let leaves = leaves(&b, &sel, &Matching::all(), drill.holder(&b));
        assert_eq!(leaves.len(), 1);
        // The group holds all three joint lines of the budget, whichever departments each names.
        let all = Selection::all(&b);
        assert_eq!(all.within(&b, drill.holder(&b)).lines.len(), 3);
    }

    #[test]
    fn empty_selection_gives_empty_trees() {
        let b = embedded_budget().unwrap();
        let none = Selection::of(&b, vec![]);
        assert!(by_direction(&b, &none).is_empty());
        assert!(by_department(&b, &none).is_empty());
    }
}
