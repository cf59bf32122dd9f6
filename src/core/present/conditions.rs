//! What narrows a view, in words, for a reader who cannot see the controls: the printed paper's
//! heading, the chart picture and the notes of a CSV all say 「キーワード：観光／方向性：2／★重点のみ」
//! from here, so they cannot disagree. The drill path is not a condition (it is the breadcrumbs).

use super::numbers::circled;
use super::strings::Strings;
use crate::core::action::Mark;
use crate::core::chart::{Crumb, Level};
use crate::core::filter::{AmountPresence, Filter};
use crate::core::money;
use crate::core::view_state::{Drill, Lang};

/// One condition: what is narrowed ("キーワード") and to what ("観光").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    pub label: &'static str,
    pub value: String,
}

/// The filter's conditions, in the order of the filter panel; empty when nothing narrows.
/// Values from a link or a file (the keyword, department names) are returned as they are: the
/// caller isolates them where they are shown (`outside`).
pub fn conditions(filter: &Filter, s: &Strings) -> Vec<Condition> {
    let mut out = Vec::new();
    let mut push = |label: &'static str, value: String| out.push(Condition { label, value });
    let query = filter.query.trim();
    if !query.is_empty() {
        push(s.search, query.to_string());
    }
    let list = |items: Vec<String>| items.join(list_sep(s));
    if !filter.directions.is_empty() {
        push(
            s.directions,
            list(filter.directions.iter().map(|d| d.0.to_string()).collect()),
        );
    }
    if !filter.initiatives.is_empty() {
        push(
            s.initiatives,
            list(filter.initiatives.iter().map(|i| circled(i.0)).collect()),
        );
    }
    if !filter.departments.is_empty() {
        push(
            s.department,
            list(filter.departments.iter().cloned().collect()),
        );
    }
    let marks = [
        (filter.marks.key_measure, Mark::KeyMeasure),
        (filter.marks.new, Mark::New),
        (filter.marks.covid, Mark::Covid),
    ];
    for (on, mark) in marks {
        if on {
            push(s.marks, format!("{}{}", s.mark(mark), s.only));
        }
    }
    if filter.min.is_some() || filter.max.is_some() {
        let bound = |b: Option<u64>| b.map(money::grouped).unwrap_or_default();
        push(
            s.amount_range,
            format!("{}{}{}", bound(filter.min), range_sep(s), bound(filter.max)),
        );
    }
    match filter.presence {
        AmountPresence::Any => {}
        AmountPresence::With => push(s.presence, s.presence_with.to_string()),
        AmountPresence::Without => push(s.presence, s.presence_without.to_string()),
    }
    out
}

/// The conditions as one line: 「キーワード：観光／方向性：2」, or what says nothing narrows.
pub fn in_words(filter: &Filter, s: &Strings) -> String {
    let all = conditions(filter, s);
    if all.is_empty() {
        return s.conditions_none.to_string();
    }
    all.iter()
        .map(|c| {
            // A mark's value already names it ("★重点のみ"): no label in front.
            if c.label == s.marks {
                c.value.clone()
            } else {
                format!("{}{}{}", c.label, s.colon(), c.value)
            }
        })
        .collect::<Vec<_>>()
        .join(s.conditions_sep)
}

/// A breadcrumb in the UI's language (the top is named by the UI, groups by their titles).
pub fn crumb_label(c: &Crumb, s: &Strings) -> String {
    match c.drill {
        _ if c.others_page > 0 => s.others(c.grouped),
        Drill::Top => s.top.to_string(),
        _ => s.title(&c.label).to_string(),
    }
}

/// The drill path of `level` as one line of breadcrumbs: 「全体 › 方向性2 … › 取組④ …」.
pub fn path_in_words(level: &Level, s: &Strings) -> String {
    level
        .crumbs
        .iter()
        .map(|c| crumb_label(c, s))
        .collect::<Vec<_>>()
        .join(" › ")
}

fn list_sep(s: &Strings) -> &'static str {
    match s.lang {
        Lang::Ja => "・",
        Lang::En => ", ",
    }
}

fn range_sep(s: &Strings) -> &'static str {
    match s.lang {
        Lang::Ja => "〜",
        Lang::En => "–",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::filter::MarkFilter;
    use crate::core::model::{DirectionId, InitiativeId};
    use crate::core::present::strings::{EN, JA};

    #[test]
    fn nothing_narrowed_says_so() {
        assert_eq!(in_words(&Filter::default(), &JA), JA.conditions_none);
        assert_eq!(in_words(&Filter::default(), &EN), EN.conditions_none);
        // A keyword of spaces narrows nothing.
        let blank = Filter {
            query: "  ".into(),
            ..Filter::default()
        };
        assert!(conditions(&blank, &JA).is_empty());
    }

    #[test]
    fn every_kind_of_condition_in_the_panels_order() {
        let f = Filter {
            query: "観光".into(),
            directions: [DirectionId(2)].into(),
            initiatives: [InitiativeId(4), InitiativeId(10)].into(),
            departments: ["商業金融課".to_string()].into(),
            marks: MarkFilter {
                key_measure: true,
                new: false,
                covid: true,
            },
            min: Some(1000),
            max: None,
            presence: AmountPresence::With,
        };
        assert_eq!(
            in_words(&f, &JA),
            "キーワード：観光／方向性：2／取組：④・⑩／担当課：商業金融課／★重点のみ／\
             コロナのみ／予算額（千円）：1,000〜／金額の記載：金額あり"
        );
        let en = in_words(&f, &EN);
        assert!(
            en.starts_with("Search: 観光 / Direction: 2 / Initiative: ④, ⑩ / "),
            "{en}"
        );
        assert!(
            en.ends_with(" / Budget (thousand yen): 1,000– / Amount given: With an amount"),
            "{en}"
        );
        let only_max = Filter {
            max: Some(24_200),
            ..Filter::default()
        };
        assert_eq!(in_words(&only_max, &JA), "予算額（千円）：〜24,200");
    }
}
