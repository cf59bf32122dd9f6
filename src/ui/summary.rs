//! The full view's header: the dataset's title, its total and the counts by mark.

use super::strings::Strings;
use crate::core::filter::Selection;
use crate::core::model::Budget;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub budget: Rc<Budget>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let b = &props.budget;
    let s = props.strings;
    let all = Selection::all(b);
    let counted = || b.measures.iter().filter(|m| !m.is_relisting());
    let stat = |label: &'static str, pick: fn(&crate::core::model::Measure) -> bool| {
        let (n, total) = counted()
            .filter(|m| pick(m))
            .fold((0, 0), |(n, t), m| (n + 1, t + m.counted_amount()));
        html! { <li><span class="stat-label">{ label }</span>{ format!(" {} · {}", s.measures(n), s.amount(total)) }</li> }
    };
    html! {
        <header class="summary">
            <p class="city">{ s.app_name }{ s.paren(&format!("{}・FY{}", b.meta.era_year, b.meta.fiscal_year)) }</p>
            <h1>{ format!("{} {} {}", b.meta.city, s.subject, s.title(&b.meta.title)) }</h1>
            <p class="total" id="total">
                { s.total_label }{ " " }<strong>{ s.amount(all.total) }</strong>
                <span class="exact">{ s.paren(&format!("{}{}{}", s.exact(all.total), s.sep(), s.measures(all.measures))) }</span>
            </p>
            <ul class="stats">
                { stat(s.key, |m| m.marks.key) }
                { stat(s.new, |m| m.marks.new) }
                { stat(s.covid, |m| m.marks.covid) }
            </ul>
            <details class="priorities">
                <summary>{ s.priorities }</summary>
                <ol>{ for b.meta.priorities.iter().enumerate().map(|(i, p)| html! { <li key={i}>{ p }</li> }) }</ol>
            </details>
        </header>
    }
}
