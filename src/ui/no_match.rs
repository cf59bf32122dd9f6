//! An empty result: what matched nothing, what to try instead, and the filters that are on, each
//! removable on its own. The words and the choice of hints are `core::present::no_match`'s.

use super::table::around;
use crate::core::action::Action;
use crate::core::filter::Filter;
use crate::core::model::Budget;
use crate::core::present::no_match::{active, hints};
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoMatchProps {
    pub budget: Rc<Budget>,
    pub filter: Filter,
    pub on_action: Callback<Action>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn NoMatch(props: &NoMatchProps) -> Html {
    let s = props.strings;
    let f = &props.filter;
    let query = f.query.trim();
    let hints = hints(f);
    let chips = active(&props.budget, f, s);
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    html! {
        <div class="empty" id="empty">
            <p class="empty-what">
                if query.is_empty() {
                    { s.no_match }
                } else {
                    { around(&s.no_match_for(query, f.narrows_beyond_search())) }
                }
            </p>
            if !hints.is_empty() {
                <p class="empty-try">{ s.try_these }</p>
                <ul class="hints" id="hints">
                    { for hints.iter().map(|h| html! { <li key={format!("{h:?}")}>{ h.text(s) }</li> }) }
                </ul>
            }
            if !chips.is_empty() {
                <p class="empty-try" id="filters-on-label">{ s.filters_on }</p>
                <ul class="chips" id="filters-on" aria-labelledby="filters-on-label">
                    { for chips.iter().enumerate().map(|(i, c)| html! {
                        <li key={i}>
                            <button type="button" class="chip" aria-label={s.remove_label(&c.label)}
                                    onclick={act(c.remove.clone())}>
                                <span>{ around(&c.label) }</span><span class="chip-x" aria-hidden="true">{ "×" }</span>
                            </button>
                        </li>
                    }) }
                </ul>
                <button type="button" class="clear" onclick={act(Action::ClearFilters)}>{ s.clear_all }</button>
            }
        </div>
    }
}
