//! What an empty result tells the reader: what to try instead, and the filters that are on,
//! each with the action that removes it.

use super::outside::Around;
use super::strings::Strings;
use crate::core::action::{Action, Mark};
use crate::core::filter::{AmountPresence, Filter};
use crate::core::model::Budget;

/// Something to try when nothing matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// A word in hiragana or Latin letters, without kanji: the search has no readings (かんこう
    /// does not find 観光), and the names are Japanese (tourism does not either). Katakana
    /// words are left alone: loanwords (ロボット) have no kanji to suggest.
    Kanji,
    /// Several words: a line must contain every one.
    FewerWords,
    /// Filters beyond the search are on.
    RemoveFilters,
}

impl Hint {
    pub fn text(self, s: &Strings) -> &'static str {
        match self {
            Hint::Kanji => s.hint_kanji,
            Hint::FewerWords => s.hint_fewer_words,
            Hint::RemoveFilters => s.hint_remove_filters,
        }
    }
}

/// A kanji (CJK ideograph, or 々) or a katakana (full or half width) anywhere in `word`.
fn has_kanji_or_katakana(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(c,
            '\u{3005}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}'
            | '\u{30A1}'..='\u{30FA}' | '\u{FF66}'..='\u{FF9D}')
    })
}

/// The hints for a filter that matched nothing, in the order to try them.
pub fn hints(filter: &Filter) -> Vec<Hint> {
    // Words as the search splits them (any white space, the ideographic one too).
    let words: Vec<&str> = filter.query.split_whitespace().collect();
    let mut out = Vec::new();
    if words.iter().any(|w| !has_kanji_or_katakana(w)) {
        out.push(Hint::Kanji);
    }
    if words.len() > 1 {
        out.push(Hint::FewerWords);
    }
    if filter.narrows_beyond_search() {
        out.push(Hint::RemoveFilters);
    }
    out
}

/// One filter that is on, and what removes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Removable {
    pub label: Around,
    pub remove: Action,
}

/// Every filter that is on, the search first, then in the order of the filter controls.
pub fn active(budget: &Budget, filter: &Filter, s: &Strings) -> Vec<Removable> {
    let mut out = Vec::new();
    let mut push = |label: Around, remove: Action| out.push(Removable { label, remove });
    let ours = |text: &str| Around::new(text, "", "");
    if !filter.query.trim().is_empty() {
        push(
            s.query_chip(filter.query.trim()),
            Action::Query(String::new()),
        );
    }
    for &d in &filter.directions {
        let title = budget.direction(d).map_or("", |x| s.title(&x.title));
        push(s.direction_chip(d.0, title), Action::ToggleDirection(d));
    }
    for &i in &filter.initiatives {
        let title = budget.initiative(i).map_or("", |x| s.title(&x.title));
        push(s.initiative_chip(i.0, title), Action::ToggleInitiative(i));
    }
    if !filter.departments.is_empty() {
        let names: Vec<&str> = filter.departments.iter().map(String::as_str).collect();
        push(
            s.department_chip(&names.join("・")),
            Action::Department(None),
        );
    }
    for (on, mark) in [
        (filter.marks.key_measure, Mark::KeyMeasure),
        (filter.marks.new, Mark::New),
        (filter.marks.covid, Mark::Covid),
    ] {
        if on {
            push(ours(s.mark(mark)), Action::ToggleMark(mark));
        }
    }
    if let Some(n) = filter.min {
        push(ours(&s.min_chip(n)), Action::Min(None));
    }
    if let Some(n) = filter.max {
        push(ours(&s.max_chip(n)), Action::Max(None));
    }
    match filter.presence {
        AmountPresence::Any => {}
        AmountPresence::With => push(ours(s.presence_with), Action::Presence(AmountPresence::Any)),
        AmountPresence::Without => push(
            ours(s.presence_without),
            Action::Presence(AmountPresence::Any),
        ),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::action::apply;
    use crate::core::embedded_budget;
    use crate::core::model::{DirectionId, InitiativeId};
    use crate::core::present::strings::{EN, JA};
    use crate::core::view_state::ViewState;

    fn query(q: &str) -> Filter {
        Filter {
            query: q.to_string(),
            ..Filter::default()
        }
    }

    #[test]
    fn hints_follow_what_was_typed() {
        assert_eq!(hints(&query("かんこう")), [Hint::Kanji]);
        assert_eq!(hints(&query("kankou")), [Hint::Kanji]);
        assert_eq!(hints(&query("ロボット")), []);
        assert_eq!(hints(&query("ｲﾝﾊﾞｳﾝﾄﾞ")), []);
        assert_eq!(hints(&query("tourism")), [Hint::Kanji]);
        assert_eq!(hints(&query("観光")), []);
        assert_eq!(hints(&query("々")), []);
        assert_eq!(
            hints(&query("かんこう\u{3000}ロボット")),
            [Hint::Kanji, Hint::FewerWords]
        );
        assert_eq!(hints(&query("観光 商店街")), [Hint::FewerWords]);
        assert_eq!(hints(&query("観光 ロボット")), [Hint::FewerWords]);
        let narrowed = Filter {
            min: Some(1),
            ..query("観光")
        };
        assert_eq!(hints(&narrowed), [Hint::RemoveFilters]);
        assert_eq!(hints(&Filter::default()), []);
        assert_eq!(Hint::Kanji.text(&JA), JA.hint_kanji);
        assert!(JA.hint_kanji.contains("かんこう → 観光"));
        assert!(EN.hint_kanji.contains("観光"));
    }

    #[test]
    fn every_active_filter_is_listed_and_its_action_removes_it() {
        let b = embedded_budget().unwrap();
        let mut view = ViewState {
            filter: Filter {
                query: " かんこう ".into(),
                directions: [DirectionId(2)].into(),
                initiatives: [InitiativeId(3)].into(),
                departments: ["商業金融課".to_string()].into(),
                marks: crate::core::filter::MarkFilter {
                    key_measure: true,
                    new: false,
                    covid: true,
                },
                min: Some(300_000),
                max: Some(500_000),
                presence: AmountPresence::With,
            },
            ..ViewState::default()
        };
        let chips = active(&b, &view.filter, &JA);
        let labels: Vec<String> = chips.iter().map(|c| c.label.plain()).collect();
        assert_eq!(
            labels,
            [
                "キーワード「かんこう」",
                "方向性2 新たな事業活動の促進",
                "取組③ 技術革新・生産性向上支援",
                "担当課：商業金融課",
                "★重点",
                "コロナ",
                "予算額 300,000千円以上",
                "予算額 500,000千円以下",
                "金額あり",
            ]
        );
        // The outside part (typed, or the data's) is kept apart from our words.
        assert_eq!(chips[0].label.outside, "かんこう");
        assert_eq!(chips[3].label.outside, "商業金融課");
        assert_eq!(JA.remove_label(&chips[4].label), "「★重点」を外す");
        assert_eq!(EN.remove_label(&chips[4].label), "Remove “★重点”");
        // Each action removes its own filter and leaves the others: removing them all, one by
        // one, leaves no filter.
        let mut left = chips.len();
        for chip in chips {
            apply(&mut view, chip.remove.clone(), &b);
            left -= 1;
            assert_eq!(active(&b, &view.filter, &JA).len(), left, "{chip:?}");
        }
        assert!(view.filter.is_empty(), "{:?}", view.filter);
    }

    #[test]
    fn english_chips_use_the_translated_titles() {
        let b = embedded_budget().unwrap();
        let f = Filter {
            directions: [DirectionId(2)].into(),
            min: Some(1000),
            ..query("tourism")
        };
        let labels: Vec<String> = active(&b, &f, &EN)
            .iter()
            .map(|c| c.label.plain())
            .collect();
        assert_eq!(
            labels,
            [
                "Search “tourism”",
                "Direction 2: New business activities",
                "Budget from ¥1,000 thousand",
            ]
        );
        assert_eq!(active(&b, &Filter::default(), &EN), []);
    }
}
