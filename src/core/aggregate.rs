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
    key: impl Fn(&'a Line) -> K,
) -> Vec<(K, Node)> {
    let mut at: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<(K, Node)> = Vec::new();
    for i in lines {
        let m = &budget.lines[i];
        let k = key(m);
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
    let mut found = groups(budget, selection.lines.iter().copied(), matching, |m| {
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
    let found = groups(budget, lines, matching, |m| m.id.initiative);
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

/// Department groups with selected lines, in order of first appearance.
pub fn department_groups(budget: &Budget, selection: &Selection, matching: &Matching) -> Vec<Node> {
    groups(budget, selection.lines.iter().copied(), matching, |m| {
        m.departments.as_slice()
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
                let names = names.clone();
                g.children = leaves(budget, selection, &all, |m| m.departments == names);
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
        let joint = groups
            .iter()
            .find(|g| g.label == "農業政策課・農水ブランド戦略室")
            .unwrap();
        assert_eq!(joint.total, 5_300 + 39_800);
        assert_eq!(groups.iter().map(|n| n.total).sum::<u64>(), 3_739_426);
        assert_eq!(groups.iter().map(|n| n.lines).sum::<usize>(), 63);
    }

    #[test]
    fn empty_selection_gives_empty_trees() {
        let b = embedded_budget().unwrap();
        let none = Selection::of(&b, vec![]);
        assert!(by_direction(&b, &none).is_empty());
        assert!(by_department(&b, &none).is_empty());
    }
}
