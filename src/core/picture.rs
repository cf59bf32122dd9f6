//! The picture of a chart level: one `Cell` per node (its rectangle, fill, label, number, and
//! whether it is selected, highlighted or dimmed). Pure, so that the canvas (`ui::draw`), the SVG
//! (`core::svg`: the build's prerendered chart and the app's SVG download) and the tests all
//! draw the same cells.

use super::aggregate::{Node, NodeKey};
use super::chart::Level;
use super::label::{node_name, spoken_figures, CellLabel, CellPlan};
use super::model::{Budget, LineId};
use super::present::colour::{dimmed, fill_for, Rgb};
use super::present::strings::Strings;
use super::treemap::Rect;

/// System fonts only (the page loads no web fonts); CJK families first where the OS has them.
pub const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic UI', Meiryo, sans-serif";

/// A cell's number is drawn at the smallest type size, or smaller in a cell under 13 px, down
/// to this.
pub const NUMBER_PX: f64 = 11.0;
pub const MIN_NUMBER_PX: f64 = 8.0;

/// The thickness of the selected cell's ring, and of the highlighted cell's outer (dark) and
/// inner (white) rings, in CSS px.
pub const SELECTED_RING: f64 = 3.0;
pub const HIGHLIGHT_RING: f64 = 4.0;
pub const HIGHLIGHT_INNER: f64 = 2.0;

/// One cell to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub rect: Rect,
    pub fill: (u8, u8, u8),
    pub label: Option<CellLabel>,
    pub selected: bool,
    /// Drawn in a cell too small for its name, and shown on its row of the list below.
    pub number: Option<u16>,
    /// Its row of the list (or the cell itself) is hovered or focused.
    pub highlighted: bool,
    /// It does not match the filters: drawn set back towards the page (`colour::dimmed`).
    pub dimmed: bool,
}

impl Cell {
    /// The fill as drawn on a page of colour `gap`.
    pub fn drawn_fill(&self, gap: Rgb) -> Rgb {
        if self.dimmed {
            dimmed(self.fill, gap)
        } else {
            self.fill
        }
    }

    /// The size a number is drawn at in this cell, where one fits (a sliver is reached
    /// through the list's row).
    pub fn number_px(&self) -> Option<f64> {
        self.number?;
        let r = &self.rect;
        let px = NUMBER_PX.min(r.width().min(r.height()) - 2.0);
        (px >= MIN_NUMBER_PX).then_some(px)
    }
}

/// The cells to draw for a level laid out in `rects` (one per node) with the label plan
/// `plans`: the same layout and labels on screen, in the PNG and in the SVG.
pub fn cells(
    budget: &Budget,
    level: &Level,
    rects: &[Rect],
    plans: &[CellPlan],
    selected: Option<LineId>,
    highlighted: Option<usize>,
) -> Vec<Cell> {
    level
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| Cell {
            rect: rects[i],
            fill: fill_for(budget, &node.key, i),
            label: plans.get(i).and_then(|p| p.label.clone()),
            selected: matches!(node.key, NodeKey::Line(id) if Some(id) == selected),
            number: plans.get(i).and_then(|p| p.number),
            highlighted: highlighted == Some(i),
            dimmed: !node.matches(),
        })
        .collect()
}

/// A cell's accessible name: its name, that it does not match (when so), and its spoken
/// figures (the app's buttons and the prerendered chart's links say the same).
pub fn describe(node: &Node, level: &Level, s: &Strings, budget: &Budget) -> String {
    let no_match = if node.matches() {
        String::new()
    } else {
        format!("{}{}", s.no_match_cell, s.sep())
    };
    format!(
        "{}{}{no_match}{}",
        node_name(node, s),
        s.sep(),
        spoken_figures(node, level, s, budget).join(s.sep())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::chart;
    use crate::core::filter::{Filter, SearchIndex};
    use crate::core::label::{level_plan, rule_breaks};
    use crate::core::present::strings::JA;
    use crate::core::treemap::{layout, GOLDEN};
    use crate::core::view_state::ViewState;

    fn top(query: &str) -> (Budget, Level) {
        let b = crate::core::embedded_budget().expect("valid");
        let index = SearchIndex::new(&b, crate::core::text::nfkc_lower);
        let selection = Filter {
            query: query.into(),
            ..Default::default()
        }
        .apply(&b, &index);
        let view = ViewState::default();
        let level = chart::level(
            &b,
            &selection,
            view.only_matches,
            view.view,
            &view.drill,
            view.others_page,
            JA.top,
        );
        (b, level)
    }

    #[test]
    fn cells_carry_the_layout_the_plan_and_the_colours() {
        let (b, level) = top("");
        let values: Vec<f64> = level.drawn().iter().map(|&v| v as f64).collect();
        let rects = layout(&values, Rect::new(0.0, 0.0, 800.0, 500.0), GOLDEN);
        let (plans, _) = level_plan(&b, &level, &rects, &JA, rule_breaks);
        let cells = cells(&b, &level, &rects, &plans, None, Some(1));
        assert_eq!(cells.len(), level.nodes.len());
        for (i, c) in cells.iter().enumerate() {
            assert_eq!(c.rect, rects[i]);
            assert_eq!(c.fill, fill_for(&b, &level.nodes[i].key, i));
            assert_eq!(c.label, plans[i].label);
            assert_eq!(c.number, plans[i].number);
            assert_eq!(c.highlighted, i == 1);
            assert!(!c.selected && !c.dimmed);
        }
        assert!(cells[0].label.is_some());
    }

    #[test]
    fn a_filter_dims_the_cells_it_does_not_match() {
        let (b, level) = top("観光");
        let rects = vec![Rect::new(0.0, 0.0, 10.0, 10.0); level.nodes.len()];
        let cells = cells(&b, &level, &rects, &[], None, None);
        assert!(cells.iter().any(|c| c.dimmed) && cells.iter().any(|c| !c.dimmed));
        let gap = (255, 255, 255);
        for c in &cells {
            assert_eq!(c.drawn_fill(gap) == c.fill, !c.dimmed);
        }
        let i = cells.iter().position(|c| c.dimmed).unwrap();
        assert!(describe(&level.nodes[i], &level, &JA, &b).contains(JA.no_match_cell));
    }

    #[test]
    fn numbers_shrink_in_small_cells_and_vanish_in_slivers() {
        let cell = |w: f64, h: f64| Cell {
            rect: Rect::new(0.0, 0.0, w, h),
            fill: (0, 0, 0),
            label: None,
            selected: false,
            number: Some(3),
            highlighted: false,
            dimmed: false,
        };
        assert_eq!(cell(40.0, 30.0).number_px(), Some(11.0));
        assert_eq!(cell(40.0, 11.0).number_px(), Some(9.0));
        assert_eq!(cell(9.0, 40.0).number_px(), None);
        assert_eq!(
            Cell {
                number: None,
                ..cell(40.0, 30.0)
            }
            .number_px(),
            None
        );
    }
}
