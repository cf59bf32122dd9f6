//! Grouping a selection into the trees the treemaps show: direction → initiative → measure, and
//! department group → measure. Totals count measures, not lines: a 【再掲】 leaf is listed under its
//! own initiative but carries no amount (its original does). Amounts are never split between
//! departments: a line naming several departments is its own group named by all of them.

use super::filter::Selection;
use super::model::{Budget, DirectionId, InitiativeId, MeasureId};

/// What a node stands for, in the domain's own terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeKey {
    Direction(DirectionId),
    Initiative(InitiativeId),
    /// Departments in the order the line names them.
    DepartmentGroup(Vec<String>),
    Measure(MeasureId),
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
    pub children: Vec<Node>,
}

impl Node {
    fn leaf(budget: &Budget, at: usize) -> Node {
        let m = &budget.measures[at];
        Node {
            key: NodeKey::Measure(m.id),
            label: m.name.clone(),
            total: m.counted_amount(),
            measures: usize::from(!m.is_relisting()),
            lines: 1,
            children: Vec::new(),
        }
    }

    fn group(key: NodeKey, label: String, children: Vec<Node>) -> Node {
        Node {
            key,
            label,
            total: children.iter().map(|c| c.total).sum(),
            measures: children.iter().map(|c| c.measures).sum(),
            lines: children.iter().map(|c| c.lines).sum(),
            children,
        }
    }

    /// The child with this key, if any (for following a drill path).
    pub fn child(&self, key: &NodeKey) -> Option<&Node> {
        self.children.iter().find(|c| &c.key == key)
    }
}

/// Directions → initiatives → measures, in source order; groups without selected lines are left out.
pub fn by_direction(budget: &Budget, selection: &Selection) -> Vec<Node> {
    budget
        .directions
        .iter()
        .filter_map(|d| {
            let initiatives: Vec<Node> = budget
                .initiatives
                .iter()
                .filter(|i| i.direction == d.id)
                .filter_map(|i| {
                    let leaves: Vec<Node> = selection
                        .lines
                        .iter()
                        .filter(|&&at| budget.measures[at].id.initiative == i.id)
                        .map(|&at| Node::leaf(budget, at))
                        .collect();
                    (!leaves.is_empty())
                        .then(|| Node::group(NodeKey::Initiative(i.id), i.title.clone(), leaves))
                })
                .collect();
            (!initiatives.is_empty())
                .then(|| Node::group(NodeKey::Direction(d.id), d.title.clone(), initiatives))
        })
        .collect()
}

/// Department groups → measures, groups in order of first appearance.
pub fn by_department(budget: &Budget, selection: &Selection) -> Vec<Node> {
    let mut groups: Vec<(Vec<String>, Vec<Node>)> = Vec::new();
    for &at in &selection.lines {
        let m = &budget.measures[at];
        match groups.iter_mut().find(|(k, _)| *k == m.departments) {
            Some((_, leaves)) => leaves.push(Node::leaf(budget, at)),
            None => groups.push((m.departments.clone(), vec![Node::leaf(budget, at)])),
        }
    }
    groups
        .into_iter()
        .map(|(departments, leaves)| {
            let label = departments.join("・");
            Node::group(NodeKey::DepartmentGroup(departments), label, leaves)
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
