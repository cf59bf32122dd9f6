//! The table's order: the selection's lines sorted by the column the view state names (source
//! order, name with katakana folded to hiragana, department group or amount), either way. The
//! table component and the fuzz checks both take it from here.

use super::filter::Selection;
use super::model::Budget;
use super::text::kana_fold;
use super::view_state::{Column, Sort};

/// The selection's lines in table order.
pub fn sorted_lines(budget: &Budget, selection: &Selection, sort: Sort) -> Vec<usize> {
    let mut lines = selection.lines.clone();
    let m = |i: usize| &budget.lines[i];
    match sort.column {
        // Source order is the order of the lines themselves.
        Column::Id => {}
        Column::Name => lines.sort_by_cached_key(|&i| kana_fold(&m(i).name)),
        Column::Department => lines.sort_by_cached_key(|&i| m(i).department_group()),
        // A line without an amount sorts below every amount; 【再掲】 lines sort by their amount.
        Column::Amount => lines.sort_by_key(|&i| m(i).amount.map_or(0, |b| b + 1)),
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
    use crate::core::model::LineId;

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
        assert_eq!(Some(b.lines[by_amount[0]].id), LineId::parse("3-3")); // 578,800千円
        assert!(b.lines[*by_amount.last().unwrap()].amount.is_none());
        let source = sorted_lines(&b, &all, Sort::default());
        assert_eq!(source, all.lines);
    }
}
