//! The figures of the page's header: the whole budget, and the measures under each mark. The
//! app's header and the page prerendered at build time both show these (worded by `Strings`).

use crate::core::action::Mark;
use crate::core::filter::Selection;
use crate::core::model::{Budget, Line};

/// A count of measures and their total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figures {
    pub measures: usize,
    /// Thousand yen, each measure once.
    pub total: u64,
}

/// What the header says about a budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Thousand yen, each measure once (【再掲】 lines add nothing).
    pub total: u64,
    /// Distinct measures.
    pub measures: usize,
    /// Rows of the list, 【再掲】 lines included.
    pub lines: usize,
    /// 【再掲】 lines.
    pub relistings: usize,
    /// The measures under each mark, in the order the header lists them (★重点, 新規, コロナ).
    pub marks: [(Mark, Figures); 3],
}

impl Summary {
    pub fn of(budget: &Budget) -> Self {
        let all = Selection::all(budget);
        let marked = |mark: Mark| {
            let on = |m: &Line| match mark {
                Mark::KeyMeasure => m.marks.key_measure,
                Mark::New => m.marks.new,
                Mark::Covid => m.marks.covid,
            };
            // A 【再掲】 line repeats its original's marks: count the measure once.
            let (measures, total) = budget
                .lines
                .iter()
                .filter(|m| !m.is_relisting() && on(m))
                .fold((0, 0), |(n, t), m| (n + 1, t + m.counted_amount()));
            (mark, Figures { measures, total })
        };
        Summary {
            total: all.total,
            measures: all.measures,
            lines: all.lines.len(),
            relistings: all.relistings,
            marks: [
                marked(Mark::KeyMeasure),
                marked(Mark::New),
                marked(Mark::Covid),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;

    /// The figures counted by hand from data/budget.json (63 rows, 4 of them 【再掲】, whose
    /// amounts are not added again).
    #[test]
    fn the_embedded_budget_in_figures() {
        let s = Summary::of(&embedded_budget().unwrap());
        assert_eq!(
            (s.lines, s.measures, s.relistings, s.total),
            (63, 59, 4, 3_739_426)
        );
        let figures = |measures, total| Figures { measures, total };
        assert_eq!(
            s.marks,
            [
                (Mark::KeyMeasure, figures(8, 198_200)),
                (Mark::New, figures(3, 72_000)),
                (Mark::Covid, figures(10, 1_455_579)),
            ]
        );
    }

    #[test]
    fn a_relisting_counts_neither_its_amount_nor_its_marks() {
        let mut b = embedded_budget().unwrap();
        let before = Summary::of(&b);
        // 10-2 relists 1-5; marking the copy changes nothing, marking the original does.
        let copy = b
            .lines
            .iter()
            .position(|m| m.id.to_string() == "10-2")
            .unwrap();
        assert!(b.lines[copy].is_relisting());
        b.lines[copy].marks.key_measure = true;
        assert_eq!(Summary::of(&b), before);
        let original = b
            .lines
            .iter()
            .position(|m| m.id.to_string() == "1-5")
            .unwrap();
        b.lines[original].marks.key_measure = true;
        let after = Summary::of(&b);
        let amount = b.lines[original].amount.unwrap_or(0);
        assert_eq!(after.marks[0].1.measures, before.marks[0].1.measures + 1);
        assert_eq!(after.marks[0].1.total, before.marks[0].1.total + amount);
        assert_eq!(after.total, before.total);
    }
}
