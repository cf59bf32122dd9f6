//! What a treemap shows for a view state: the nodes of the current level, the breadcrumb path to
//! it, and the direction each node belongs to (colour follows the direction in every view).

use super::aggregate::{self, Matched, Matching, Node, NodeKey};
use super::filter::Selection;
use super::model::{Budget, DirectionId};
use super::view_state::{Drill, View};

/// At most this many cells at one level: beyond it the largest `MAX_CELLS - 1` keep their own cell
/// and the rest share one 「その他」 cell, so every cell stays big enough to read and to tap, and a
/// level of thousands draws as fast as one of twenty. The real data has at most 14 per level.
pub const MAX_CELLS: usize = 20;

/// One step of the breadcrumb trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub label: String,
    pub drill: Drill,
    /// For a 「その他」 page: which one (from 1) and how many nodes its cell grouped; else 0, 0.
    pub others_page: u16,
    pub grouped: usize,
}

/// The level of the tree the chart shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// From the top ("全体") down to the current level; the last is where we are.
    pub crumbs: Vec<Crumb>,
    pub nodes: Vec<Node>,
    /// Total of the level (each measure once), the whole that shares refer to; on a 「その他」
    /// page still the whole level's, so that shares mean the same on every page.
    pub total: u64,
    /// Distinct measures of the whole level (on every 「その他」 page, like `total`).
    pub measures: usize,
    /// What of the whole level the current filter matches.
    pub matched: Matched,
    /// Whether the level is laid out over the matching lines only (`ViewState::only_matches`);
    /// otherwise over all lines, the matches marked on their nodes.
    pub only_matches: bool,
    /// The 「その他」 page shown (0: the level's first page): the view state's, or the last if
    /// the level has fewer.
    pub others_page: u16,
}

/// The level for a chart view (`View::Table` is treated as the direction view), on its
/// `others`-th 「その他」 page. Its nodes, their order and their 「その他」 pages come from all of
/// the budget's lines, so that filtering never moves a cell: `selection` only marks what matches.
/// With `only_matches` they come from the selection alone.
#[allow(clippy::too_many_arguments)]
pub fn level(
    budget: &Budget,
    selection: &Selection,
    only_matches: bool,
    view: View,
    drill: &Drill,
    others: u16,
    top_label: &str,
) -> Level {
    let crumb = |label: String, drill: &Drill| Crumb {
        label,
        drill: drill.clone(),
        others_page: 0,
        grouped: 0,
    };
    let mut crumbs = vec![crumb(top_label.to_string(), &Drill::Top)];
    let everything;
    let (laid_out, matching) = if only_matches || selection.lines.len() == budget.lines.len() {
        (selection, Matching::all())
    } else {
        everything = Selection::all(budget);
        (&everything, Matching::of(budget, selection))
    };
    let (selection, matching) = (laid_out, &matching);
    // Only the level shown is built (one pass over the lines), never the whole tree.
    let nodes = match (view, drill) {
        (View::Departments, Drill::DepartmentGroup(names)) => {
            crumbs.push(crumb(names.join("・"), drill));
            aggregate::leaves(budget, selection, matching, drill.holder(budget))
        }
        (View::Departments, _) => aggregate::department_groups(budget, selection, matching),
        (_, Drill::Direction(d)) => {
            if let Some(dir) = budget.direction(*d) {
                crumbs.push(crumb(dir.title.clone(), drill));
            }
            aggregate::initiatives(budget, selection, matching, *d)
        }
        (_, Drill::Initiative(i)) => {
            if let Some(init) = budget.initiative(*i) {
                if let Some(dir) = budget.direction(init.direction) {
                    crumbs.push(crumb(dir.title.clone(), &Drill::Direction(dir.id)));
                }
                crumbs.push(crumb(init.title.clone(), drill));
            }
            aggregate::leaves(budget, selection, matching, drill.holder(budget))
        }
        _ => aggregate::directions(budget, selection, matching),
    };
    let total = nodes.iter().map(|n| n.total).sum();
    let measures = nodes.iter().map(|n| n.measures).sum();
    let mut matched = Matched::default();
    nodes.iter().for_each(|n| matched.add(n.matched));
    let page = others_page(nodes, others);
    for (at, &grouped) in page.opened.iter().enumerate() {
        crumbs.push(Crumb {
            others_page: at as u16 + 1,
            grouped,
            ..crumb(String::new(), drill)
        });
    }
    Level {
        crumbs,
        total,
        measures,
        matched,
        only_matches,
        others_page: page.opened.len() as u16,
        nodes: page.nodes,
    }
}

impl Level {
    /// The 「その他」 node when it would fill more than half the box: it is then offered beside
    /// the chart instead of in it, so that the cells drawn are big enough to read and tap (a level
    /// of many similar amounts, such as hundreds of departments, would otherwise draw as one
    /// grey box and slivers).
    pub fn others_apart(&self) -> Option<usize> {
        let last = self.nodes.len().checked_sub(1)?;
        let page: u64 = self.nodes.iter().map(|n| n.total).sum();
        (self.nodes[last].key == NodeKey::Others && self.nodes[last].total > page / 2)
            .then_some(last)
    }

    /// The value each node is drawn with: its total, but 0 (no area) for 「その他」 set apart.
    pub fn drawn(&self) -> Vec<u64> {
        let apart = self.others_apart();
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| if Some(i) == apart { 0 } else { n.total })
            .collect()
    }
}

/// A level compared only by what its layout and label plan depend on: its nodes' keys, names
/// and figures in order, and the level's total. What matches is left out, so that a search,
/// which only re-dims the same cells, keeps the layout and the labels (compare the budget too:
/// a line's figures name its original).
#[derive(Clone, Debug)]
pub struct Shape(pub std::rc::Rc<Level>);

impl PartialEq for Shape {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.0, &*other.0);
        std::rc::Rc::ptr_eq(&self.0, &other.0)
            || a.total == b.total
                && a.nodes.len() == b.nodes.len()
                && a.nodes.iter().zip(&b.nodes).all(|(x, y)| {
                    x.key == y.key
                        && x.label == y.label
                        && x.total == y.total
                        && x.measures == y.measures
                        // A 「その他」 cell is named by how many it holds.
                        && x.children.len() == y.children.len()
                })
    }
}

/// Node indices, largest first; ties in source order.
fn ranked(nodes: &[Node]) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..nodes.len()).collect();
    ranked.sort_by(|&a, &b| nodes[b].total.cmp(&nodes[a].total).then(a.cmp(&b)));
    ranked
}

/// The 「その他」 page of the level at `drill` that shows the group `child` leads into (going up
/// from a group returns to where it was listed); 0 if the level fits or lacks it.
pub fn page_holding(
    budget: &Budget,
    selection: &Selection,
    only_matches: bool,
    view: View,
    drill: &Drill,
    child: &Drill,
) -> u16 {
    let nodes = level(budget, selection, only_matches, view, drill, 0, "").nodes;
    let all: Vec<Node> = nodes
        .into_iter()
        .flat_map(|n| match n.key {
            NodeKey::Others => n.children,
            _ => vec![n],
        })
        .collect();
    let Some(at) = ranked(&all)
        .iter()
        .position(|&i| drill_into(&all[i].key).as_ref() == Some(child))
    else {
        return 0;
    };
    // Pages before the last show MAX_CELLS - 1 each; the last shows all that is left.
    let keep = MAX_CELLS - 1;
    let (mut page, mut start) = (0u16, 0usize);
    while all.len() - start > MAX_CELLS && at >= start + keep {
        page += 1;
        start += keep;
    }
    page
}

/// What one 「その他」 page of a level shows.
struct OthersPage {
    /// The page's own nodes in their source order, then its 「その他」 node if it needs one.
    nodes: Vec<Node>,
    /// For each page opened to get here, how many nodes its 「その他」 cell grouped.
    opened: Vec<usize>,
}

/// Page `wanted` of a level: each page keeps the largest `MAX_CELLS - 1` of what is left (ties in
/// source order) and groups the rest; a page that fits in `MAX_CELLS` is the last.
fn others_page(nodes: Vec<Node>, wanted: u16) -> OthersPage {
    let keep = MAX_CELLS - 1;
    let ranked = ranked(&nodes);
    let mut rest = ranked.as_slice();
    let mut opened = Vec::new();
    while opened.len() < usize::from(wanted) && rest.len() > MAX_CELLS {
        rest = &rest[keep..];
        opened.push(rest.len());
    }
    let (own, grouped) = if rest.len() > MAX_CELLS {
        rest.split_at(keep)
    } else {
        (rest, &[][..])
    };
    // Where each node goes; nodes of earlier pages go nowhere. Source order is kept.
    #[derive(Clone, Copy, PartialEq)]
    enum Place {
        Earlier,
        Own,
        Grouped,
    }
    let mut place = vec![Place::Earlier; nodes.len()];
    own.iter().for_each(|&i| place[i] = Place::Own);
    grouped.iter().for_each(|&i| place[i] = Place::Grouped);
    let mut page = Vec::with_capacity(own.len() + 1);
    let mut others = Vec::with_capacity(grouped.len());
    for (node, place) in nodes.into_iter().zip(place) {
        match place {
            Place::Own => page.push(node),
            Place::Grouped => others.push(node),
            Place::Earlier => {}
        }
    }
    if !others.is_empty() {
        page.push(Node::group(NodeKey::Others, String::new(), others));
    }
    OthersPage {
        nodes: page,
        opened,
    }
}

/// The direction a node belongs to, if it belongs to exactly one (a department group may not).
pub fn direction_of(budget: &Budget, key: &NodeKey) -> Option<DirectionId> {
    match key {
        NodeKey::Direction(d) => Some(*d),
        NodeKey::Initiative(i) => budget.initiative(*i).map(|i| i.direction),
        NodeKey::Line(id) => budget.initiative(id.initiative).map(|i| i.direction),
        NodeKey::DepartmentGroup(_) | NodeKey::Others => None,
    }
}

/// Where a node leads when activated: deeper into the tree, or `None` for a measure (details)
/// and for 「その他」 (the next page of the same level).
pub fn drill_into(key: &NodeKey) -> Option<Drill> {
    match key {
        NodeKey::Direction(d) => Some(Drill::Direction(*d)),
        NodeKey::Initiative(i) => Some(Drill::Initiative(*i)),
        NodeKey::DepartmentGroup(g) => Some(Drill::DepartmentGroup(g.clone())),
        NodeKey::Line(_) | NodeKey::Others => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;
    use crate::core::model::{InitiativeId, LineId};

    #[test]
    fn levels_follow_the_drill_path() {
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let top = level(&b, &all, false, View::Directions, &Drill::Top, 0, "全体");
        assert_eq!((top.nodes.len(), top.total), (5, 3_739_426));
        let measures = |l: &Level| l.nodes.iter().all(|n| matches!(n.key, NodeKey::Line(_)));
        assert!(!measures(&top));
        let ini = level(
            &b,
            &all,
            false,
            View::Directions,
            &Drill::Initiative(InitiativeId(4)),
            0,
            "全体",
        );
        let labels: Vec<&str> = ini.crumbs.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            vec!["全体", "新たな事業活動の促進", "販路開拓・消費拡大支援"]
        );
        assert!(measures(&ini));
        assert_eq!(ini.nodes.len(), 14);
        let dept = level(
            &b,
            &all,
            false,
            View::Departments,
            &Drill::DepartmentGroup(vec!["商業金融課".into()]),
            0,
            "全体",
        );
        assert!(measures(&dept));
        assert_eq!(dept.nodes.len(), 12); // 2-1, 2-2, 6-2 … 6-7, 8-1 … 8-4
    }

    /// Nodes with the given totals, as measures 1-1, 1-2, … (source order).
    fn nodes(totals: &[u64]) -> Vec<Node> {
        totals
            .iter()
            .enumerate()
            .map(|(i, &t)| Node {
                key: NodeKey::Line(LineId {
                    initiative: InitiativeId(1),
                    number: i as u16 + 1,
                }),
                label: format!("m{}", i + 1),
                total: t,
                measures: 1,
                lines: 1,
                matched: Matched {
                    total: t,
                    measures: 1,
                    lines: 1,
                },
                children: Vec::new(),
            })
            .collect()
    }

    fn labels(page: &OthersPage) -> Vec<String> {
        page.nodes
            .iter()
            .map(|n| match n.key {
                NodeKey::Others => format!("others:{}={}", n.children.len(), n.total),
                _ => n.label.clone(),
            })
            .collect()
    }

    #[test]
    fn small_cells_are_grouped_into_others_pages() {
        // 25 nodes, 1…25 in source order (so the largest come last).
        let totals: Vec<u64> = (1..=25).collect();
        let first = others_page(nodes(&totals), 0);
        let mut want: Vec<String> = (7..=25).map(|i| format!("m{i}")).collect();
        want.push("others:6=21".into()); // 1 + 2 + … + 6
        assert_eq!((labels(&first), first.opened.len()), (want, 0));
        // Its page: the six, which fit, so no further 「その他」; asking for more stops there.
        for wanted in [1, 2, 9_999] {
            let second = others_page(nodes(&totals), wanted);
            let want: Vec<String> = (1..=6).map(|i| format!("m{i}")).collect();
            assert_eq!((labels(&second), second.opened), (want, vec![6]));
        }
    }

    #[test]
    fn grouping_edges() {
        // Exactly MAX_CELLS: no group; one more: two grouped, never 「その他 1件」.
        assert_eq!(
            others_page(nodes(&[5; MAX_CELLS]), 0).nodes.len(),
            MAX_CELLS
        );
        let over = others_page(nodes(&[5; MAX_CELLS + 1]), 0);
        assert_eq!(over.nodes.len(), MAX_CELLS);
        assert_eq!(labels(&over)[MAX_CELLS - 1], "others:2=10");
        // Ties keep source order: the last two are grouped.
        assert_eq!(labels(&over)[..2], ["m1", "m2"]);
        // Zeros rank last; a group of zeros has no area (listed, not drawn).
        let mut totals = vec![0; 10];
        totals.extend([7; 19]);
        let page = others_page(nodes(&totals), 0);
        assert_eq!(labels(&page).last().unwrap(), "others:10=0");
        assert!(others_page(Vec::new(), 3).nodes.is_empty());
        assert_eq!(others_page(nodes(&[1]), 3).opened, Vec::<usize>::new());
    }

    #[test]
    fn going_up_returns_to_the_page_listing_the_group() {
        let b = crate::core::synthetic::generate(3_000, 7);
        let all = Selection::all(&b);
        let groups = level(&b, &all, false, View::Departments, &Drill::Top, 0, "").nodes;
        assert_eq!(groups.len(), MAX_CELLS);
        // Every group is found on the page that page_holding names.
        let mut checked = 0;
        for others in 0u16.. {
            let l = level(&b, &all, false, View::Departments, &Drill::Top, others, "");
            for n in l.nodes.iter().filter(|n| n.key != NodeKey::Others) {
                let child = drill_into(&n.key).unwrap();
                let page = page_holding(&b, &all, false, View::Departments, &Drill::Top, &child);
                assert_eq!(page, others, "{:?}", n.key);
                checked += 1;
            }
            if l.others_page < others || !l.nodes.iter().any(|n| n.key == NodeKey::Others) {
                break;
            }
        }
        assert!(checked > 3 * MAX_CELLS, "{checked}");
        // A level that fits, and a group it does not have.
        let real = embedded_budget().unwrap();
        let top = Selection::all(&real);
        let d2 = Drill::Direction(DirectionId(2));
        assert_eq!(
            page_holding(&real, &top, false, View::Directions, &Drill::Top, &d2),
            0
        );
        let nowhere = Drill::Direction(DirectionId(99));
        assert_eq!(
            page_holding(&b, &all, false, View::Directions, &Drill::Top, &nowhere),
            0
        );
    }

    #[test]
    fn others_filling_most_of_the_box_is_set_apart() {
        let level = |totals: &[u64]| Level {
            crumbs: Vec::new(),
            nodes: others_page(nodes(totals), 0).nodes,
            total: totals.iter().sum(),
            measures: totals.len(),
            matched: Matched::default(),
            only_matches: false,
            others_page: 0,
        };
        // 19 of 100 and 6 of 1: 「その他」 is small, drawn in the box.
        let mut totals = vec![1; 6];
        totals.extend([100; 19]);
        let l = level(&totals);
        assert_eq!(l.others_apart(), None);
        assert_eq!(l.drawn().last(), Some(&6));
        // Forty equal amounts: 21 of 40 grouped, more than half: set apart, drawn with no area.
        let l = level(&[5; 40]);
        assert_eq!(l.others_apart(), Some(19));
        assert_eq!(l.drawn()[19], 0);
        assert!(l.drawn()[..19].iter().all(|&v| v == 5));
        // Exactly half stays in the box: 19 × 2 drawn, 38 × 1 grouped.
        let mut half = vec![2; 19];
        half.extend([1; 38]);
        let l = level(&half);
        assert_eq!((l.nodes.len(), l.others_apart()), (MAX_CELLS, None));
        // No 「その他」: nothing apart.
        assert_eq!(level(&[3; 5]).others_apart(), None);
    }

    #[test]
    fn every_node_of_a_large_level_is_on_exactly_one_page() {
        let b = crate::core::synthetic::generate(3_000, 7);
        let all = Selection::all(&b);
        let top = level(&b, &all, false, View::Departments, &Drill::Top, 0, "全体");
        let mut seen = 0;
        let mut total = 0;
        for others in 0.. {
            let l = level(
                &b,
                &all,
                false,
                View::Departments,
                &Drill::Top,
                others,
                "全体",
            );
            assert!(l.nodes.len() <= MAX_CELLS);
            assert_eq!(
                (l.total, l.crumbs.len()),
                (top.total, 1 + l.others_page as usize)
            );
            let own = l.nodes.iter().filter(|n| n.key != NodeKey::Others);
            seen += own.clone().count();
            total += own.map(|n| n.total).sum::<u64>();
            if l.others_page < others {
                break;
            }
            // The 「その他」 cell groups exactly what the pages after it show.
            let grouped = l.nodes.iter().find(|n| n.key == NodeKey::Others);
            if let Some(g) = grouped {
                let next = level(
                    &b,
                    &all,
                    false,
                    View::Departments,
                    &Drill::Top,
                    others + 1,
                    "全体",
                );
                let rest: u64 = next.nodes.iter().map(|n| n.total).sum();
                assert_eq!(g.total, rest);
                assert_eq!(next.crumbs.last().unwrap().grouped, g.children.len());
            } else {
                break;
            }
        }
        let groups = aggregate::department_groups(&b, &all, &Matching::all());
        assert!(groups.len() > 3 * MAX_CELLS, "{} groups", groups.len());
        assert_eq!((seen, total), (groups.len(), all.total));
    }

    #[test]
    fn a_drill_the_filter_empties_says_so() {
        let b = embedded_budget().unwrap();
        let none = Selection::of(&b, vec![]);
        let at = |only| {
            level(
                &b,
                &none,
                only,
                View::Directions,
                &Drill::Direction(DirectionId(2)),
                0,
                "全体",
            )
        };
        // Only the matches: nothing to lay out.
        let l = at(true);
        assert!(l.nodes.is_empty());
        assert_eq!(l.crumbs.len(), 2);
        // Highlighting: every cell stays, none matches.
        let l = at(false);
        assert!(!l.nodes.is_empty());
        assert!(l.nodes.iter().all(|n| !n.matches()));
        assert_eq!(l.matched, Matched::default());
    }

    fn searched(b: &Budget, query: &str) -> Selection {
        let index = crate::core::filter::SearchIndex::new(b, crate::core::text::nfkc_lower);
        crate::core::filter::Filter {
            query: query.into(),
            ..Default::default()
        }
        .apply(b, &index)
    }

    fn rects(l: &Level) -> Vec<crate::core::treemap::Rect> {
        let values: Vec<f64> = l.drawn().into_iter().map(|v| v as f64).collect();
        let frame = crate::core::treemap::Rect::new(0.0, 0.0, 390.0, 480.0);
        crate::core::treemap::layout(&values, frame, crate::core::treemap::GOLDEN)
    }

    /// 観光 at 販路開拓・消費拡大支援 (取組④): the level keeps its 14 cells where they were; the
    /// matching ones are marked with their whole amounts, the others with nothing.
    #[test]
    fn a_search_marks_the_matches_and_moves_no_cell() {
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let found = searched(&b, "観光");
        assert!(!found.lines.is_empty() && found.lines.len() < all.lines.len());
        for (view, drill) in [
            (View::Directions, Drill::Top),
            (View::Directions, Drill::Direction(DirectionId(2))),
            (View::Directions, Drill::Initiative(InitiativeId(4))),
            (View::Departments, Drill::Top),
        ] {
            let plain = level(&b, &all, false, view, &drill, 0, "全体");
            let marked = level(&b, &found, false, view, &drill, 0, "全体");
            let keys = |l: &Level| l.nodes.iter().map(|n| n.key.clone()).collect::<Vec<_>>();
            assert_eq!(keys(&marked), keys(&plain), "{drill:?}");
            assert_eq!(rects(&marked), rects(&plain), "{drill:?}");
            // Shares stay of the whole level.
            assert_eq!(marked.total, plain.total);
            assert_eq!(plain.matched.total, plain.total);
            assert!(plain.nodes.iter().all(|n| n.matches()));
            // Each node's matched part is what the selection has of it, counted here by hand
            // from the lines (a line is under a node when the unfiltered level puts it there).
            for n in &marked.nodes {
                let under = |i: &usize| {
                    let m = &b.lines[*i];
                    match &n.key {
                        NodeKey::Direction(d) => b.direction_of(m) == Some(*d),
                        NodeKey::Initiative(id) => m.id.initiative == *id,
                        NodeKey::Line(id) => m.id == *id,
                        NodeKey::DepartmentGroup(g) => &m.departments == g,
                        NodeKey::Others => unreachable!("the real data has no 「その他」"),
                    }
                };
                let hit: Vec<usize> = found.lines.iter().copied().filter(under).collect();
                let sub = Selection::of(&b, hit.clone());
                assert_eq!(
                    (n.matched.lines, n.matched.measures, n.matched.total),
                    (hit.len(), sub.measures, sub.total),
                    "{:?}",
                    n.key
                );
                assert_eq!(n.matches(), !hit.is_empty());
            }
        }
        // At the top, the search does not collapse the chart into one block: five directions,
        // and at least one of them does not match.
        let top = level(&b, &found, false, View::Directions, &Drill::Top, 0, "全体");
        assert_eq!(top.nodes.len(), 5);
        assert!(top.nodes.iter().any(|n| !n.matches()));
        assert_eq!(top.matched.total, found.total);
        // 取組④ by hand: of its 14 measures, 旅行商品割引事業 keeps its share of the level.
        let i4 = level(
            &b,
            &found,
            false,
            View::Directions,
            &Drill::Initiative(InitiativeId(4)),
            0,
            "全体",
        );
        assert_eq!((i4.nodes.len(), i4.measures), (14, 14));
        assert!(i4.matched.measures > 0 && i4.matched.measures < 14);
        let trip = i4
            .nodes
            .iter()
            .find(|n| n.label == "旅行商品割引事業")
            .unwrap();
        assert!(trip.matches());
        assert_eq!(crate::core::money::share(trip.total, i4.total), "35.8%");
    }

    /// The chart keys its layout and label plan on a level's `Shape`: equal for a search that
    /// only re-dims (and then the plan is indeed the same), different whenever the cells or
    /// their figures change (only the matches, another drill or page, another language's
    /// top does not matter).
    #[test]
    fn a_search_keeps_the_shape_and_a_new_layout_changes_it() {
        use crate::core::label::{level_plan, rule_breaks};
        use crate::core::present::strings::JA;
        use std::rc::Rc;
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let shape = |sel: &Selection, only: bool, view: View, drill: &Drill| {
            Shape(Rc::new(level(&b, sel, only, view, drill, 0, "全体")))
        };
        for query in ["観光", "雇用", "zzz"] {
            let found = searched(&b, query);
            for (view, drill) in [
                (View::Directions, Drill::Top),
                (View::Directions, Drill::Direction(DirectionId(2))),
                (View::Directions, Drill::Initiative(InitiativeId(4))),
                (View::Departments, Drill::Top),
            ] {
                let plain = shape(&all, false, view, &drill);
                let marked = shape(&found, false, view, &drill);
                assert_ne!(*plain.0, *marked.0, "{query} marks matches at {drill:?}");
                assert_eq!(plain, marked, "{query} at {drill:?}");
                let r = rects(&plain.0);
                assert_eq!(r, rects(&marked.0));
                assert_eq!(
                    level_plan(&b, &plain.0, &r, &JA, rule_breaks),
                    level_plan(&b, &marked.0, &r, &JA, rule_breaks),
                    "{query} at {drill:?}"
                );
                if !found.lines.is_empty() && found.lines.len() < all.lines.len() {
                    let only = shape(&found, true, view, &drill);
                    assert_ne!(only, plain, "only the matches: {query} at {drill:?}");
                }
            }
        }
        let top = shape(&all, false, View::Directions, &Drill::Top);
        let d2 = shape(
            &all,
            false,
            View::Directions,
            &Drill::Direction(DirectionId(2)),
        );
        let departments = shape(&all, false, View::Departments, &Drill::Top);
        assert_ne!(top, d2);
        assert_ne!(top, departments);
        // A 「その他」 page is another set of cells.
        let big = crate::core::synthetic::generate(3_000, 7);
        let every = Selection::all(&big);
        let page = |n| {
            Shape(Rc::new(level(
                &big,
                &every,
                false,
                View::Departments,
                &Drill::Top,
                n,
                "",
            )))
        };
        assert_eq!(page(1), page(1));
        assert_ne!(page(0), page(1));
    }

    #[test]
    fn only_the_matches_lays_out_the_matches() {
        let b = embedded_budget().unwrap();
        let found = searched(&b, "観光");
        let drill = Drill::Initiative(InitiativeId(4));
        let marked = level(&b, &found, false, View::Directions, &drill, 0, "全体");
        let only = level(&b, &found, true, View::Directions, &drill, 0, "全体");
        let matching: Vec<&NodeKey> = marked
            .nodes
            .iter()
            .filter(|n| n.matches())
            .map(|n| &n.key)
            .collect();
        let kept: Vec<&NodeKey> = only.nodes.iter().map(|n| &n.key).collect();
        assert_eq!(kept, matching);
        assert!(kept.len() < marked.nodes.len());
        assert!(only.only_matches && !marked.only_matches);
        assert_eq!(only.total, marked.matched.total);
        assert!(only.nodes.iter().all(|n| n.matched.total == n.total));
    }

    /// On a level of 「その他」 pages, filtering keeps every page's cells: pages are of all lines.
    #[test]
    fn others_pages_do_not_move_when_filtering() {
        let b = crate::core::synthetic::generate(3_000, 7);
        let all = Selection::all(&b);
        let some = Selection::of(&b, (0..b.lines.len()).step_by(7).collect());
        for page in 0..3 {
            let plain = level(&b, &all, false, View::Departments, &Drill::Top, page, "");
            let marked = level(&b, &some, false, View::Departments, &Drill::Top, page, "");
            let keys = |l: &Level| l.nodes.iter().map(|n| n.key.clone()).collect::<Vec<_>>();
            assert_eq!(keys(&marked), keys(&plain), "page {page}");
            assert_eq!(rects(&marked), rects(&plain), "page {page}");
            assert!(marked.nodes.iter().any(|n| n.matched.total < n.total));
            // 「その他」 marks what its grouped nodes match.
            if let Some(o) = marked.nodes.iter().find(|n| n.key == NodeKey::Others) {
                let sum: u64 = o.children.iter().map(|c| c.matched.total).sum();
                assert_eq!(o.matched.total, sum);
            }
        }
    }
}
