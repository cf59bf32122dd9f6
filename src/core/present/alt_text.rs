//! The alternative text suggested beside the chart picture's downloads, for a reader who pastes
//! the picture into a document: what the chart shows (the list, the level), the conditions, and
//! its largest cells with their amounts, in one short paragraph.

use super::conditions;
use super::outside;
use super::strings::Strings;
use crate::core::chart::Level;
use crate::core::filter::Filter;
use crate::core::label::node_name;
use crate::core::model::Budget;

/// How many of the largest cells are named.
pub const LARGEST: usize = 3;

/// The alt text of `level` under `filter`: with a filter, the largest cells that match (the
/// others are drawn dimmed).
pub fn alt_text(budget: &Budget, level: &Level, filter: &Filter, s: &Strings) -> String {
    let filtered = !filter.is_empty();
    let mut cells: Vec<_> = level
        .nodes
        .iter()
        .filter(|n| n.total > 0 && (!filtered || n.matches()))
        .collect();
    // Largest first; equal amounts keep the level's order.
    cells.sort_by_key(|n| std::cmp::Reverse(n.total));
    let largest: Vec<String> = cells
        .iter()
        .take(LARGEST)
        .map(|n| format!("{} {}", node_name(n, s), s.amount(n.total)))
        .collect();
    let figures = if filtered {
        s.level_matches(
            level.matched.measures,
            (!level.only_matches).then_some(level.measures),
            level.matched.total,
        )
    } else {
        s.level_figures(level.measures, level.total)
    };
    let conditions = filtered.then(|| conditions::in_words(filter, s));
    // Texts from a link or a file, with their bidi controls shown (`outside`).
    outside::visible(&s.alt_text(
        &s.heading(&budget.meta),
        &conditions::path_in_words(level, s),
        conditions.as_deref(),
        filtered,
        &largest,
        &figures,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::chart::level;
    use crate::core::embedded_budget;
    use crate::core::filter::SearchIndex;
    use crate::core::model::InitiativeId;
    use crate::core::present::strings::{EN, JA};
    use crate::core::view_state::{Drill, View};

    fn at(query: &str, drill: Drill, s: &Strings) -> (Budget, Level, Filter) {
        let b = embedded_budget().unwrap();
        let filter = Filter {
            query: query.into(),
            ..Filter::default()
        };
        let index = SearchIndex::new(&b, crate::core::text::nfkc_lower);
        let selection = filter.apply(&b, &index);
        let l = level(&b, &selection, false, View::Directions, &drill, 0, s.top);
        (b, l, filter)
    }

    #[test]
    fn names_the_level_the_conditions_and_the_largest_matching_cells() {
        let (b, l, f) = at("観光", Drill::Initiative(InitiativeId(4)), &JA);
        let text = alt_text(&b, &l, &f, &JA);
        assert!(
            text.contains("熊本市 中小企業振興 令和五年度 事業一覧"),
            "{text}"
        );
        assert!(
            text.contains(&b.initiative(InitiativeId(4)).unwrap().title),
            "{text}"
        );
        assert!(text.contains("キーワード：観光"), "{text}");
        // The three largest matching cells, by hand from the level, in order, with amounts.
        let mut matching: Vec<_> = l
            .nodes
            .iter()
            .filter(|n| n.matches() && n.total > 0)
            .collect();
        matching.sort_by_key(|n| std::cmp::Reverse(n.total));
        assert!(matching.len() >= 2);
        let mut from = 0;
        for n in matching.iter().take(LARGEST) {
            let named = format!("{} {}", n.label, JA.amount(n.total));
            let found = text[from..]
                .find(&named)
                .unwrap_or_else(|| panic!("{named} in {text}"));
            from += found + named.len();
        }
        // A cell that does not match is not named among them.
        let dimmed = l.nodes.iter().find(|n| !n.matches()).unwrap();
        assert!(!text.contains(&dimmed.label), "{text}");
        assert!(text.contains(&JA.level_matches(l.matched.measures, Some(14), l.matched.total)));
        assert!(text.chars().count() < 300, "short: {text}");
    }

    #[test]
    fn without_conditions_in_english() {
        let (b, l, f) = at("", Drill::Top, &EN);
        let text = alt_text(&b, &l, &f, &EN);
        assert!(text.starts_with("Treemap of "), "{text}");
        assert!(!text.contains(EN.conditions_label), "{text}");
        let biggest = l.nodes.iter().max_by_key(|n| n.total).unwrap();
        assert!(
            text.contains(&format!(
                "{} {}",
                EN.title(&biggest.label),
                EN.amount(biggest.total)
            )),
            "{text}"
        );
        assert!(
            text.contains(&EN.level_figures(l.measures, l.total)),
            "{text}"
        );
    }
}
