//! The shares a measure's details show: of the whole budget, of its direction, and of what the
//! filters selected.

use super::strings::Strings;
use crate::core::filter::Selection;
use crate::core::model::{Budget, LineId};

/// A measure's amount and the wholes it is a share of (thousand yen, each measure once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shares {
    pub amount: u64,
    pub budget: u64,
    pub direction: u64,
    /// Its initiative's total: the whole the cells of the initiative's level are shares of.
    pub initiative: u64,
    /// The filtered total, when filters are set.
    pub filtered: Option<u64>,
}

impl Shares {
    /// `None` for a line without an amount and for a 【再掲】 line (its amount counts at the
    /// original, which shows the shares).
    pub fn of(budget: &Budget, id: LineId, selection: &Selection, filtered: bool) -> Option<Self> {
        let m = budget.line(id)?;
        if m.is_relisting() {
            return None;
        }
        let amount = m.amount?;
        let direction = budget.direction_of(m);
        Some(Shares {
            amount,
            budget: Selection::all(budget).total,
            direction: budget
                .lines
                .iter()
                .filter(|x| direction.is_some() && budget.direction_of(x) == direction)
                .map(|x| x.counted_amount())
                .sum(),
            initiative: budget
                .lines
                .iter()
                .filter(|x| x.id.initiative == m.id.initiative)
                .map(|x| x.counted_amount())
                .sum(),
            filtered: filtered.then_some(selection.total),
        })
    }

    /// The rows of the details: what each share is of, and the share.
    pub fn rows(&self, s: &Strings) -> Vec<(&'static str, String)> {
        let mut rows = vec![
            (s.share_of_all, s.share(self.amount, self.budget)),
            (s.share_of_direction, s.share(self.amount, self.direction)),
            (s.share_of_initiative, s.share(self.amount, self.initiative)),
        ];
        if let Some(whole) = self.filtered {
            rows.push((s.share_of_filtered, s.share(self.amount, whole)));
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;
    use crate::core::present::strings::{EN, JA};

    fn id(text: &str) -> LineId {
        LineId::parse(text).unwrap()
    }

    /// 3-3 (578,800千円) is in 方向性2, whose 20 measures total 1,473,362千円; the whole budget
    /// is 3,739,426千円. By hand: 578,800 / 3,739,426 = 0.15478 → 15.5%; 578,800 / 1,473,362 =
    /// 0.39284 → 39.3%; its initiative 取組③ totals 635,800千円: 0.91035 → 91.0%.
    #[test]
    fn shares_of_a_measure_by_hand() {
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let shares = Shares::of(&b, id("3-3"), &all, false).unwrap();
        assert_eq!(
            shares,
            Shares {
                amount: 578_800,
                budget: 3_739_426,
                direction: 1_473_362,
                initiative: 635_800,
                filtered: None,
            }
        );
        assert_eq!(
            shares.rows(&JA),
            [
                ("予算総額に占める割合", "15.5%".to_string()),
                ("方向性の中での割合", "39.3%".to_string()),
                ("取組の中での割合", "91.0%".to_string()),
            ]
        );
        assert_eq!(
            shares.rows(&EN),
            [
                ("Share of the total budget", "15.5%".to_string()),
                ("Share of its direction", "39.3%".to_string()),
                ("Share of its initiative", "91.0%".to_string()),
            ]
        );
    }

    #[test]
    fn filtered_shares_refer_to_the_selection() {
        let b = embedded_budget().unwrap();
        // The lines of 方向性2 only: 3-3 is 39.3% of them, as of its direction.
        let lines = (0..b.lines.len())
            .filter(|&i| b.direction_of(&b.lines[i]).map(|d| d.0) == Some(2))
            .collect();
        let selection = Selection::of(&b, lines);
        let shares = Shares::of(&b, id("3-3"), &selection, true).unwrap();
        assert_eq!(shares.filtered, Some(1_473_362));
        let rows = shares.rows(&JA);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[3], ("絞り込み結果の中での割合", "39.3%".to_string()));
    }

    /// 4-5 旅行商品割引事業 (300,000千円) has the share of 取組④ its cell there shows: the 14
    /// measures of 取組④ add up to 837,562千円 (summed from data/budget.json by hand);
    /// 300,000 / 837,562 = 0.35818 → 35.8%.
    #[test]
    fn the_initiative_share_is_the_cells_share_of_its_level() {
        let b = embedded_budget().unwrap();
        let shares = Shares::of(&b, id("4-5"), &Selection::all(&b), false).unwrap();
        assert_eq!((shares.amount, shares.initiative), (300_000, 837_562));
        assert_eq!(
            shares.rows(&JA)[2],
            ("取組の中での割合", "35.8%".to_string())
        );
    }

    #[test]
    fn no_shares_without_an_amount_or_for_a_relisting() {
        let b = embedded_budget().unwrap();
        let all = Selection::all(&b);
        let relisting = b.lines.iter().find(|m| m.is_relisting()).unwrap();
        assert!(relisting.amount.is_some());
        assert_eq!(Shares::of(&b, relisting.id, &all, false), None);
        let dash = b.lines.iter().find(|m| m.amount.is_none()).unwrap();
        assert_eq!(Shares::of(&b, dash.id, &all, false), None);
        assert_eq!(Shares::of(&b, id("99-1"), &all, false), None);
    }
}
