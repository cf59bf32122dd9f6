//! Filtering and search. A `Filter` knows which lines it matches; applying it gives a
//! `Selection` that carries the count and total, counting measures, not lines.

use super::model::{Budget, DirectionId, InitiativeId, Line};
use super::text;
use std::collections::BTreeSet;

/// Whether a line must have an amount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AmountPresence {
    #[default]
    Any,
    /// Only lines with an amount.
    With,
    /// Only lines printed "-".
    Without,
}

/// Marks a line must carry (all that are switched on).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct MarkFilter {
    pub key_measure: bool,
    pub new: bool,
    pub covid: bool,
}

/// Everything a user can filter by. Empty lists mean "any"; within a list any entry may match,
/// across fields all must.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub query: String,
    pub directions: BTreeSet<DirectionId>,
    pub initiatives: BTreeSet<InitiativeId>,
    /// A single department matches every line that names it, alone or with others.
    pub departments: BTreeSet<String>,
    pub marks: MarkFilter,
    /// Inclusive amount range in thousand yen; a line without an amount is outside any range.
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub presence: AmountPresence,
}

/// Folded search text per line, computed once per dataset (not per keystroke), and the
/// normaliser that folds queries the same way.
#[derive(Clone, Debug)]
pub struct SearchIndex {
    haystacks: Vec<String>,
    normalize: text::Normalize,
}

impl SearchIndex {
    pub fn new(budget: &Budget, normalize: text::Normalize) -> Self {
        SearchIndex {
            haystacks: Self::folded(budget, normalize),
            normalize,
        }
    }

    /// Each line's folded search text. The reader module works it out in its worker, so that
    /// the page's thread only takes it ([`SearchIndex::from_folded`]).
    pub fn folded(budget: &Budget, normalize: text::Normalize) -> Vec<String> {
        budget
            .lines
            .iter()
            .map(|m| {
                text::fold(
                    &format!(
                        "{}\n{}\n{}",
                        m.name,
                        m.departments.join("\n"),
                        m.description
                    ),
                    normalize,
                )
            })
            .collect()
    }

    /// The index of `budget` from its lines' folded texts, if there is one per line.
    pub fn from_folded(
        budget: &Budget,
        haystacks: Vec<String>,
        normalize: text::Normalize,
    ) -> Option<Self> {
        (haystacks.len() == budget.lines.len()).then_some(SearchIndex {
            haystacks,
            normalize,
        })
    }
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether anything but the search text is set (the UI keeps those controls open).
    pub fn narrows_beyond_search(&self) -> bool {
        Filter {
            query: String::new(),
            ..self.clone()
        } != Filter::default()
    }

    /// Whether line `index` of `budget` passes every part of the filter. `terms` are the
    /// folded query terms (see `text::terms`), computed once per query.
    fn fits(&self, budget: &Budget, index: &SearchIndex, at: usize, terms: &[String]) -> bool {
        let m: &Line = &budget.lines[at];
        let marks = self.marks;
        (self.directions.is_empty()
            || budget
                .direction_of(m)
                .is_some_and(|d| self.directions.contains(&d)))
            && (self.initiatives.is_empty() || self.initiatives.contains(&m.id.initiative))
            && (self.departments.is_empty()
                || m.departments.iter().any(|d| self.departments.contains(d)))
            && (!marks.key_measure || m.marks.key_measure)
            && (!marks.new || m.marks.new)
            && (!marks.covid || m.marks.covid)
            && match self.presence {
                AmountPresence::Any => true,
                AmountPresence::With => m.amount.is_some(),
                AmountPresence::Without => m.amount.is_none(),
            }
            && self.fits_range(m.amount)
            && terms
                .iter()
                .all(|t| index.haystacks[at].contains(t.as_str()))
    }

    fn fits_range(&self, budget: Option<u64>) -> bool {
        if self.min.is_none() && self.max.is_none() {
            return true;
        }
        budget
            .is_some_and(|b| self.min.is_none_or(|lo| b >= lo) && self.max.is_none_or(|hi| b <= hi))
    }

    /// As [`Filter::apply`], but `previous` itself when this filter finds the same lines (a
    /// keystroke such as 商店 → 商店街): what shows them then sees by pointer that nothing
    /// changed, and skips its work.
    pub fn apply_keeping(
        &self,
        budget: &Budget,
        index: &SearchIndex,
        previous: &std::rc::Rc<Selection>,
    ) -> std::rc::Rc<Selection> {
        let found = self.apply(budget, index);
        if found == **previous {
            previous.clone()
        } else {
            std::rc::Rc::new(found)
        }
    }

    /// The lines this filter matches, in source order, with their count and total.
    pub fn apply(&self, budget: &Budget, index: &SearchIndex) -> Selection {
        let terms = text::terms(&self.query, index.normalize);
        let lines = (0..budget.lines.len())
            .filter(|&i| self.fits(budget, index, i, &terms))
            .collect();
        Selection::of(budget, lines)
    }
}

/// Matching lines (indices into `Budget::measures`, source order) and what they add up to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub lines: Vec<usize>,
    /// Distinct measures: lines that are not 【再掲】.
    pub measures: usize,
    /// 【再掲】 lines among `lines` (listed, but adding nothing).
    pub relistings: usize,
    /// Measures printed "-" (no amount).
    pub without_amount: usize,
    /// Thousand yen, each measure once.
    pub total: u64,
}

impl Selection {
    /// The lines of this selection that `keep` keeps, counted again (a level's lines for paper).
    pub fn within(&self, budget: &Budget, keep: impl Fn(&Line) -> bool) -> Self {
        let lines = self
            .lines
            .iter()
            .copied()
            .filter(|&i| keep(&budget.lines[i]))
            .collect();
        Selection::of(budget, lines)
    }

    pub fn of(budget: &Budget, lines: Vec<usize>) -> Self {
        let mut s = Selection {
            lines,
            measures: 0,
            relistings: 0,
            without_amount: 0,
            total: 0,
        };
        for &i in &s.lines {
            let m = &budget.lines[i];
            if m.is_relisting() {
                s.relistings += 1;
            } else {
                s.measures += 1;
                s.without_amount += usize::from(m.amount.is_none());
                s.total += m.counted_amount();
            }
        }
        s
    }

    /// Every line of the budget.
    pub fn all(budget: &Budget) -> Self {
        Selection::of(budget, (0..budget.lines.len()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;
    use crate::core::model::LineId;

    fn ids(budget: &Budget, s: &Selection) -> Vec<String> {
        s.lines
            .iter()
            .map(|&i| budget.lines[i].id.to_string())
            .collect()
    }

    fn run(filter: &Filter) -> (Budget, Selection) {
        let b = embedded_budget().unwrap();
        let index = SearchIndex::new(&b, text::nfkc_lower);
        let s = filter.apply(&b, &index);
        (b, s)
    }

    #[test]
    fn empty_filter_counts_measures_once() {
        let (_, s) = run(&Filter::default());
        assert_eq!(s.lines.len(), 63);
        assert_eq!((s.measures, s.relistings, s.without_amount), (59, 4, 8));
        assert_eq!(s.total, 3_739_426);
    }

    #[test]
    fn a_level_of_a_selection_holds_the_lines_under_it() {
        use crate::core::view_state::Drill;
        let (b, all) = run(&Filter::default());
        // 取組④ lists fourteen lines; direction 2 holds 取組③ (seven) and 取組④.
        let i4 = all.within(&b, Drill::Initiative(InitiativeId(4)).holder(&b));
        assert_eq!((i4.lines.len(), i4.measures), (14, 14));
        let d2 = all.within(&b, Drill::Direction(DirectionId(2)).holder(&b));
        assert_eq!(d2.lines.len(), 21);
        assert_eq!((d2.measures, d2.relistings), (20, 1));
        assert_eq!(all.within(&b, Drill::Top.holder(&b)), all);
        // A joint group holds the lines of every set of departments it contains; a set that
        // joined a larger one is no group of its own.
        let names = |n: &[&str]| n.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        let joint = names(&["契約政策課", "工事契約課", "技術管理課"]);
        let group = all.within(&b, Drill::DepartmentGroup(joint.clone()).holder(&b));
        assert_eq!(group.lines.len(), 3);
        assert!(group
            .lines
            .iter()
            .all(|&i| b.lines[i].departments.len() > 1));
        let part = Drill::DepartmentGroup(names(&["契約政策課", "工事契約課"]));
        assert!(all.within(&b, part.holder(&b)).lines.is_empty());
        // Within a search: the level's share of what matches, counted again.
        let (b, found) = run(&Filter {
            marks: MarkFilter {
                covid: true,
                ..MarkFilter::default()
            },
            ..Filter::default()
        });
        assert_eq!(found.lines.len(), 10);
        let level = found.within(&b, Drill::Initiative(InitiativeId(4)).holder(&b));
        assert_eq!(ids(&b, &level), vec!["4-1"]);
        assert_eq!(
            level.total,
            level
                .lines
                .iter()
                .map(|&i| b.lines[i].counted_amount())
                .sum::<u64>()
        );
    }

    #[test]
    fn search_folds_width_and_kana() {
        let full = run(&Filter {
            query: "ＵＩＪ".into(),
            ..Filter::default()
        });
        let half = run(&Filter {
            query: "uij".into(),
            ..Filter::default()
        });
        assert_eq!(ids(&full.0, &full.1), vec!["5-3"]);
        assert_eq!(full.1, half.1);
        // ｲﾝﾊﾞｳﾝﾄﾞ (half-width) and いんばうんど (hiragana) both find the インバウンド lines.
        let a = run(&Filter {
            query: "ｲﾝﾊﾞｳﾝﾄﾞ".into(),
            ..Filter::default()
        });
        let b = run(&Filter {
            query: "いんばうんど".into(),
            ..Filter::default()
        });
        assert_eq!(a.1, b.1);
        assert!(ids(&a.0, &a.1).contains(&"4-8".to_string()));
    }

    #[test]
    fn search_covers_name_description_and_department() {
        let (b, s) = run(&Filter {
            query: "観光".into(),
            ..Filter::default()
        });
        let found = ids(&b, &s);
        for id in ["4-5", "4-6", "4-7", "4-8", "4-11", "4-12", "4-13", "4-14"] {
            assert!(found.contains(&id.to_string()), "{id} in {found:?}");
        }
        // 4-8's name has no 観光, its department 観光政策課 does.
        let (b, s) = run(&Filter {
            query: "農水ブランド".into(),
            ..Filter::default()
        });
        assert_eq!(ids(&b, &s), vec!["4-9", "4-10"]);
        // Words only in a description.
        let (b, s) = run(&Filter {
            query: "台湾 直行便".into(),
            ..Filter::default()
        });
        assert_eq!(ids(&b, &s), vec!["4-13"]);
    }

    #[test]
    fn one_department_matches_lines_naming_it_with_others() {
        let (b, s) = run(&Filter {
            departments: BTreeSet::from(["工事契約課".into()]),
            ..Filter::default()
        });
        assert_eq!(ids(&b, &s), vec!["9-1", "9-2", "9-3", "9-4", "9-5"]);
        assert_eq!((s.measures, s.without_amount, s.total), (5, 5, 0));
    }

    #[test]
    fn relisted_lines_are_listed_but_add_nothing() {
        let (b, s) = run(&Filter {
            initiatives: BTreeSet::from([InitiativeId(3)]),
            ..Filter::default()
        });
        assert_eq!(s.lines.len(), 7);
        assert_eq!((s.measures, s.relistings), (6, 1));
        assert_eq!(s.total, 2_000 + 578_800 + 3_000 + 10_000 + 32_000 + 10_000);
        assert_eq!(b.lines[s.lines[0]].relisted_of, LineId::parse("1-5"));
    }

    #[test]
    fn marks_directions_and_amounts_combine() {
        let (b, s) = run(&Filter {
            marks: MarkFilter {
                key_measure: true,
                new: true,
                covid: false,
            },
            ..Filter::default()
        });
        assert_eq!(ids(&b, &s), vec!["3-6", "3-7", "4-14"]);
        let (_, s) = run(&Filter {
            directions: BTreeSet::from([DirectionId(4)]),
            ..Filter::default()
        });
        assert_eq!((s.measures, s.without_amount, s.total), (7, 7, 0));
        let (b, s) = run(&Filter {
            min: Some(300_000),
            max: Some(470_000),
            ..Filter::default()
        });
        assert_eq!(ids(&b, &s), vec!["1-2", "4-5", "6-6"]);
        let (_, s) = run(&Filter {
            presence: AmountPresence::Without,
            ..Filter::default()
        });
        assert_eq!(s.lines.len(), 8);
        let (_, s) = run(&Filter {
            presence: AmountPresence::With,
            ..Filter::default()
        });
        assert_eq!(s.lines.len(), 55);
    }

    /// A keystroke that finds the same lines keeps the selection itself; one that finds others
    /// gets a new one (so nothing keyed on it can show stale lines).
    #[test]
    fn the_same_lines_keep_the_selection() {
        use std::rc::Rc;
        let b = crate::core::embedded_budget().unwrap();
        let index = SearchIndex::new(&b, text::nfkc_lower);
        let search = |q: &str| Filter {
            query: q.into(),
            ..Filter::default()
        };
        let first = Rc::new(search("商店").apply(&b, &index));
        assert!(!first.lines.is_empty());
        let same = search("商店街").apply_keeping(&b, &index, &first);
        assert_eq!(*same, search("商店街").apply(&b, &index));
        assert!(
            Rc::ptr_eq(&same, &first),
            "商店 and 商店街 find the same lines"
        );
        let other = search("観光").apply_keeping(&b, &index, &first);
        assert!(!Rc::ptr_eq(&other, &first));
        assert_eq!(*other, search("観光").apply(&b, &index));
        let none = search("zzz").apply_keeping(&b, &index, &other);
        assert!(none.lines.is_empty() && !Rc::ptr_eq(&none, &other));
    }
}
