//! What a user can do, as plain data, and how each changes the view state. The UI's one reducer
//! calls `apply`; the returned `Step` tells the URL sync whether this is a step a person would
//! walk back to (a new history entry) or a refinement of the current one (typing).

use super::aggregate::NodeKey;
use super::chart::drill_into;
use super::filter::{AmountPresence, Filter};
use super::model::{Budget, DirectionId, InitiativeId, LineId};
use super::view_state::{Column, CompareView, Drill, Lang, Sort, View, ViewState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    KeyMeasure,
    New,
    Covid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    ShowView(View),
    Drill(Drill),
    /// Opens the level's n-th 「その他」 page (0: the level itself); the cell and breadcrumbs.
    OthersPage(u16),
    /// One level up (Escape, or the breadcrumb before the last).
    Up,
    Select(Option<LineId>),
    Query(String),
    ToggleDirection(DirectionId),
    ToggleInitiative(InitiativeId),
    /// `None`: any department.
    Department(Option<String>),
    ToggleMark(Mark),
    Min(Option<u64>),
    Max(Option<u64>),
    Presence(AmountPresence),
    ClearFilters,
    /// Lay out only the matching lines (true) or all lines with the rest dimmed (false).
    OnlyMatches(bool),
    SortBy(Column),
    Lang(Option<Lang>),
    /// Start, change (sides, corrections) or end (`None`) a comparison with a second file.
    Compare(Option<CompareView>),
}

/// What activating a cell of a level on its 「その他」 page `others_page` does (a tap, Enter, or
/// a prerendered chart's link): a group opens its level, a line its details, 「その他」 its
/// next page.
pub fn activate(key: &NodeKey, others_page: u16) -> Option<Action> {
    match (drill_into(key), key) {
        (Some(drill), _) => Some(Action::Drill(drill)),
        (None, NodeKey::Line(id)) => Some(Action::Select(Some(*id))),
        (None, NodeKey::Others) => Some(Action::OthersPage(others_page + 1)),
        _ => None,
    }
}

/// How the URL should record a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Nothing changed, or the change came from the URL itself.
    None,
    /// A discrete step: a new history entry.
    Push,
    /// Typing: replace the current entry.
    Replace,
}

/// Applies `action` to `state`.
pub fn apply(state: &mut ViewState, action: Action, budget: &Budget) -> Step {
    let before = state.clone();
    let step = match action {
        Action::ShowView(view) => {
            if state.view != view {
                state.view = view;
                state.drill = Drill::Top;
                state.others_page = 0;
            }
            Step::Push
        }
        Action::Drill(drill) => {
            state.drill = drill;
            state.others_page = 0;
            Step::Push
        }
        Action::OthersPage(n) => {
            state.others_page = n;
            Step::Push
        }
        Action::Up => {
            if state.selected.is_some() {
                state.selected = None;
            } else if state.others_page > 0 {
                state.others_page -= 1;
            } else {
                state.drill = match &state.drill {
                    Drill::Initiative(i) => budget
                        .initiative(*i)
                        .map_or(Drill::Top, |i| Drill::Direction(i.direction)),
                    _ => Drill::Top,
                };
            }
            Step::Push
        }
        Action::Select(id) => {
            state.selected = id;
            Step::Push
        }
        Action::Query(q) => {
            state.filter.query = q;
            Step::Replace
        }
        Action::ToggleDirection(d) => {
            toggle(&mut state.filter.directions, d);
            Step::Push
        }
        Action::ToggleInitiative(i) => {
            toggle(&mut state.filter.initiatives, i);
            Step::Push
        }
        Action::Department(d) => {
            state.filter.departments = d.into_iter().collect();
            Step::Push
        }
        Action::ToggleMark(mark) => {
            let m = &mut state.filter.marks;
            let flag = match mark {
                Mark::KeyMeasure => &mut m.key_measure,
                Mark::New => &mut m.new,
                Mark::Covid => &mut m.covid,
            };
            *flag = !*flag;
            Step::Push
        }
        Action::Min(n) => {
            state.filter.min = n;
            Step::Replace
        }
        Action::Max(n) => {
            state.filter.max = n;
            Step::Replace
        }
        Action::Presence(p) => {
            state.filter.presence = p;
            Step::Push
        }
        Action::ClearFilters => {
            state.filter = Filter::default();
            Step::Push
        }
        Action::OnlyMatches(only) => {
            // Other cells, so other 「その他」 pages.
            if state.only_matches != only {
                state.only_matches = only;
                state.others_page = 0;
            }
            Step::Push
        }
        Action::SortBy(column) => {
            state.sort = if state.sort.column == column {
                Sort {
                    column,
                    descending: !state.sort.descending,
                }
            } else {
                // Amounts read best largest first; names and ids from the top.
                Sort {
                    column,
                    descending: column == Column::Amount,
                }
            };
            Step::Push
        }
        Action::Lang(lang) => {
            state.lang = lang;
            Step::Push
        }
        Action::Compare(compare) => {
            // While comparing, `sel=` is the comparison's open measure.
            if compare.is_some() {
                state.selected = None;
            }
            state.compare = compare;
            Step::Push
        }
    };
    // Without a filter nothing is left out (and the link has no `only`).
    state.only_matches &= !state.filter.is_empty();
    // Laid out over all lines, a level's 「その他」 pages do not depend on the filter, so
    // filtering keeps the page; laid out over the matches, a new filter starts the level over.
    if state.filter != before.filter && (state.only_matches || before.only_matches) {
        state.others_page = 0;
    }
    if *state == before {
        Step::None
    } else {
        step
    }
}

fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, item: T) {
    if !set.remove(&item) {
        set.insert(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded_budget;

    #[test]
    fn steps_are_pushed_and_typing_replaces() {
        let b = embedded_budget().unwrap();
        let mut s = ViewState::default();
        assert_eq!(
            apply(
                &mut s,
                Action::Drill(Drill::Initiative(InitiativeId(4))),
                &b
            ),
            Step::Push
        );
        assert_eq!(apply(&mut s, Action::Query("観".into()), &b), Step::Replace);
        assert_eq!(
            apply(&mut s, Action::Query("観光".into()), &b),
            Step::Replace
        );
        assert_eq!(apply(&mut s, Action::Query("観光".into()), &b), Step::None);
        assert_eq!(
            apply(&mut s, Action::Select(LineId::parse("4-5")), &b),
            Step::Push
        );
    }

    #[test]
    fn up_closes_details_then_climbs_the_drill_path() {
        let b = embedded_budget().unwrap();
        let mut s = ViewState::default();
        apply(
            &mut s,
            Action::Drill(Drill::Initiative(InitiativeId(4))),
            &b,
        );
        apply(&mut s, Action::Select(LineId::parse("4-5")), &b);
        apply(&mut s, Action::Up, &b);
        assert_eq!(
            (s.selected, &s.drill),
            (None, &Drill::Initiative(InitiativeId(4)))
        );
        apply(&mut s, Action::Up, &b);
        assert_eq!(s.drill, Drill::Direction(DirectionId(2)));
        apply(&mut s, Action::Up, &b);
        assert_eq!(s.drill, Drill::Top);
        assert_eq!(apply(&mut s, Action::Up, &b), Step::None);
    }

    #[test]
    fn others_pages_open_close_and_reset() {
        let b = embedded_budget().unwrap();
        let mut s = ViewState::default();
        apply(&mut s, Action::Drill(Drill::Direction(DirectionId(2))), &b);
        assert_eq!(apply(&mut s, Action::OthersPage(1), &b), Step::Push);
        apply(&mut s, Action::OthersPage(2), &b);
        apply(&mut s, Action::Select(LineId::parse("4-5")), &b);
        apply(&mut s, Action::Up, &b);
        assert_eq!((s.selected, s.others_page), (None, 2));
        apply(&mut s, Action::Up, &b);
        assert_eq!(
            (&s.drill, s.others_page),
            (&Drill::Direction(DirectionId(2)), 1)
        );
        // Typing keeps the page: pages are of all lines, the matches only marked on them.
        apply(&mut s, Action::Query("観".into()), &b);
        assert_eq!(
            (&s.drill, s.others_page),
            (&Drill::Direction(DirectionId(2)), 1)
        );
        // Only the matches: other cells, so the level starts over, and again on a new filter.
        assert_eq!(apply(&mut s, Action::OnlyMatches(true), &b), Step::Push);
        assert_eq!((s.only_matches, s.others_page), (true, 0));
        apply(&mut s, Action::OthersPage(1), &b);
        apply(&mut s, Action::Query("観光".into()), &b);
        assert_eq!(s.others_page, 0);
        // Clearing the search leaves nothing to leave out.
        apply(&mut s, Action::Query(String::new()), &b);
        assert!(!s.only_matches);
        assert_eq!(apply(&mut s, Action::OnlyMatches(true), &b), Step::None);
        apply(&mut s, Action::OthersPage(3), &b);
        apply(
            &mut s,
            Action::Drill(Drill::Initiative(InitiativeId(4))),
            &b,
        );
        assert_eq!(s.others_page, 0);
        apply(&mut s, Action::OthersPage(1), &b);
        apply(&mut s, Action::ShowView(View::Departments), &b);
        assert_eq!((&s.drill, s.others_page), (&Drill::Top, 0));
    }

    #[test]
    fn switching_view_resets_the_drill_and_sorting_toggles() {
        let b = embedded_budget().unwrap();
        let mut s = ViewState::default();
        apply(&mut s, Action::Drill(Drill::Direction(DirectionId(1))), &b);
        apply(&mut s, Action::ShowView(View::Departments), &b);
        assert_eq!(s.drill, Drill::Top);
        apply(&mut s, Action::SortBy(Column::Amount), &b);
        assert_eq!(
            s.sort,
            Sort {
                column: Column::Amount,
                descending: true
            }
        );
        apply(&mut s, Action::SortBy(Column::Amount), &b);
        assert_eq!(
            s.sort,
            Sort {
                column: Column::Amount,
                descending: false
            }
        );
        apply(&mut s, Action::ToggleDirection(DirectionId(2)), &b);
        apply(&mut s, Action::ToggleMark(Mark::KeyMeasure), &b);
        assert!(!s.filter.is_empty());
        apply(&mut s, Action::ClearFilters, &b);
        assert!(s.filter.is_empty());
    }
}
