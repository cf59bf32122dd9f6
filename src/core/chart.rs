//! What a treemap shows for a view state: the nodes of the current level, the breadcrumb path to
//! it, and the direction each node belongs to (colour follows the direction in every view).

use super::aggregate::{self, Node, NodeKey};
use super::filter::Selection;
use super::model::{Budget, DirectionId};
use super::view_state::{Column, Drill, Sort, View};

/// One step of the breadcrumb trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub label: String,
    pub drill: Drill,
}

/// The level of the tree the chart shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// From the top ("全体") down to the current level; the last is where we are.
    pub crumbs: Vec<Crumb>,
    pub nodes: Vec<Node>,
    /// Total of the level (each measure once), the whole that shares refer to.
    pub total: u64,
    /// Whether the nodes are measures (tapping opens details) or groups (tapping drills in).
    pub leaves: bool,
    /// `false` when the drill names a group the filter left empty.
    pub found: bool,
}

/// The level for a chart view (`View::Table` is treated as the direction view).
pub fn level(
    budget: &Budget,
    selection: &Selection,
    view: View,
    drill: &Drill,
    top_label: &str,
) -> Level {
    let mut crumbs = vec![Crumb {
        label: top_label.to_string(),
        drill: Drill::Top,
    }];
    // Only the level shown is built (one pass over the selection), never the whole tree.
    let (nodes, found) = match (view, drill) {
        (View::Departments, Drill::DepartmentGroup(names)) => {
            crumbs.push(Crumb {
                label: names.join("・"),
                drill: drill.clone(),
            });
            let nodes = aggregate::leaves(budget, selection, |m| &m.departments == names);
            let found = !nodes.is_empty();
            (nodes, found)
        }
        (View::Departments, _) => (aggregate::department_groups(budget, selection), true),
        (_, Drill::Direction(d)) => {
            if let Some(dir) = budget.direction(*d) {
                crumbs.push(Crumb {
                    label: dir.title.clone(),
                    drill: drill.clone(),
                });
            }
            let nodes = aggregate::initiatives(budget, selection, *d);
            let found = !nodes.is_empty();
            (nodes, found)
        }
        (_, Drill::Initiative(i)) => {
            if let Some(init) = budget.initiative(*i) {
                if let Some(dir) = budget.direction(init.direction) {
                    crumbs.push(Crumb {
                        label: dir.title.clone(),
                        drill: Drill::Direction(dir.id),
                    });
                }
                crumbs.push(Crumb {
                    label: init.title.clone(),
                    drill: drill.clone(),
                });
            }
            let nodes = aggregate::leaves(budget, selection, |m| m.id.initiative == *i);
            let found = !nodes.is_empty();
            (nodes, found)
        }
        _ => (aggregate::directions(budget, selection), true),
    };
    let leaves = nodes.iter().all(|n| matches!(n.key, NodeKey::Measure(_)));
    Level {
        crumbs,
        total: nodes.iter().map(|n| n.total).sum(),
        leaves: leaves && !nodes.is_empty(),
        nodes,
        found,
    }
}

/// The direction a node belongs to, if it belongs to exactly one (a department group may not).
pub fn direction_of(budget: &Budget, key: &NodeKey) -> Option<DirectionId> {
    match key {
        NodeKey::Direction(d) => Some(*d),
        NodeKey::Initiative(i) => budget.initiative(*i).map(|i| i.direction),
        NodeKey::Measure(id) => budget.initiative(id.initiative).map(|i| i.direction),
        NodeKey::DepartmentGroup(_) => None,
    }
}

/// Where a node leads when activated: deeper into the tree, or `None` for a measure (details).
pub fn drill_into(key: &NodeKey) -> Option<Drill> {
    match key {
        NodeKey::Direction(d) => Some(Drill::Direction(*d)),
        NodeKey::Initiative(i) => Some(Drill::Initiative(*i)),
        NodeKey::DepartmentGroup(g) => Some(Drill::DepartmentGroup(g.clone())),
        NodeKey::Measure(_) => None,
    }
}

/// WCAG relative luminance of an sRGB colour.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// Label colour on a cell: the dark `ink` where it reaches 4.5:1 on `fill`, else white.
pub fn text_on(fill: (u8, u8, u8), ink: (u8, u8, u8)) -> (u8, u8, u8) {
    let contrast = (luminance(fill) + 0.05) / (luminance(ink) + 0.05);
    if contrast >= 4.5 {
        ink
    } else {
        (255, 255, 255)
    }
}

/// The selection's lines in table order.
pub fn sorted_lines(budget: &Budget, selection: &Selection, sort: Sort) -> Vec<usize> {
    let mut lines = selection.lines.clone();
    let m = |i: usize| &budget.measures[i];
    match sort.column {
        // Source order is the order of the lines themselves.
        Column::Id => {}
        Column::Name => lines.sort_by_cached_key(|&i| super::text::kana_fold(&m(i).name)),
        Column::Department => lines.sort_by_cached_key(|&i| m(i).department_group()),
        // A line without an amount sorts below every amount; 【再掲】 lines sort by their amount.
        Column::Amount => lines.sort_by_key(|&i| m(i).budget.map_or(0, |b| b + 1)),
    }
    if sort.descending {
        lines.reverse();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;
    use crate::core::model::{InitiativeId, MeasureId};

    #[test]
    fn levels_follow_the_drill_path() {
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let top = level(&b, &all, View::Directions, &Drill::Top, "全体");
        assert_eq!(
            (top.nodes.len(), top.total, top.leaves),
            (5, 3_739_426, false)
        );
        let ini = level(
            &b,
            &all,
            View::Directions,
            &Drill::Initiative(InitiativeId(4)),
            "全体",
        );
        let labels: Vec<&str> = ini.crumbs.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            vec!["全体", "新たな事業活動の促進", "販路開拓・消費拡大支援"]
        );
        assert!(ini.leaves && ini.found);
        assert_eq!(ini.nodes.len(), 14);
        let dept = level(
            &b,
            &all,
            View::Departments,
            &Drill::DepartmentGroup(vec!["商業金融課".into()]),
            "全体",
        );
        assert!(dept.leaves);
        assert_eq!(dept.nodes.len(), 12); // 2-1, 2-2, 6-2 … 6-7, 8-1 … 8-4
    }

    #[test]
    fn a_drill_the_filter_empties_says_so() {
        let b = embedded_budget().unwrap();
        let none = Selection::of(&b, vec![]);
        let l = level(
            &b,
            &none,
            View::Directions,
            &Drill::Direction(DirectionId(2)),
            "全体",
        );
        assert!(!l.found && l.nodes.is_empty());
        assert_eq!(l.crumbs.len(), 2);
    }

    #[test]
    fn labels_keep_contrast_on_every_fill() {
        let ink = (17, 17, 17);
        assert_eq!(text_on((240, 228, 66), ink), ink); // yellow
        assert_eq!(text_on((0, 158, 115), ink), ink); // bluish green, 6:1
        assert_eq!(text_on((0, 114, 178), ink), (255, 255, 255)); // blue: 3.6:1 with ink
    }

    #[test]
    fn table_order() {
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let by_amount = sorted_lines(
            &b,
            &all,
            Sort {
                column: Column::Amount,
                descending: true,
            },
        );
        assert_eq!(Some(b.measures[by_amount[0]].id), MeasureId::parse("3-3")); // 578,800千円
        assert!(b.measures[*by_amount.last().unwrap()].budget.is_none());
        let source = sorted_lines(&b, &all, Sort::default());
        assert_eq!(source, all.lines);
    }
}
