//! The embedded view's header.

use crate::core::filter::Selection;
use crate::core::model::Budget;
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedHeaderProps {
    pub budget: Rc<Budget>,
    pub strings: &'static Strings,
    /// The link to the full view at the state shown (from the app state, which the address
    /// follows, not the address itself, which may not have caught up yet).
    pub full: String,
}

/// The compact header of the embedded view: the total, and a way out to the full view at the
/// same state.
#[function_component]
pub fn EmbedHeader(props: &EmbedHeaderProps) -> Html {
    let s = props.strings;
    // Once per dataset: the link changes with every step, the totals do not.
    let all = use_memo(props.budget.clone(), |b| Selection::all(b));
    html! {
        <header class="embed-header">
            <p class="total" id="total">
                { s.total_label }{ " " }<strong>{ s.amount(all.total) }</strong>
                <span class="exact">{ s.paren(&s.measures(all.measures)) }</span>
            </p>
            <a class="open-full" href={props.full.clone()} target="_blank" rel="noopener">{ s.open_full }</a>
        </header>
    }
}
