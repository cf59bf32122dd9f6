//! The full view's header: the dataset's title, its total and the counts by mark.

use crate::core::model::Budget;
use crate::core::present::strings::Strings;
use crate::core::present::summary;
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
    let all = summary::Summary::of(b);
    html! {
        <header class="summary">
            <p class="city">{ s.city_line(&b.meta) }</p>
            <h1>{ s.heading(&b.meta) }</h1>
            <p class="total" id="total">
                { s.total_label }{ " " }<strong>{ s.amount(all.total) }</strong>
                <span class="exact">{ s.total_detail(&all) }</span>
            </p>
            <ul class="stats">
                { for all.marks.iter().map(|&(mark, figures)| html! {
                    <li key={s.mark(mark)}><span class="stat-label">{ s.mark(mark) }</span>{ s.mark_figures(figures) }</li>
                }) }
            </ul>
            <details class="priorities">
                <summary>{ s.priorities }</summary>
                <ol>{ for b.meta.priorities.iter().enumerate().map(|(i, p)| html! { <li key={i}>{ p }</li> }) }</ol>
            </details>
        </header>
    }
}
