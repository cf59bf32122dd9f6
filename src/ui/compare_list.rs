//! One list of the comparison (new, ended, grown, shrunk, no amount): each measure's name, its
//! amounts on both sides and the change. The first `LIST_SHOWN` are rendered; a button shows the
//! rest in place (the table below holds every line too).

use super::compare::{amount_or_dash, change_text, entry_id, entry_name};
use super::state::Data;
use crate::core::compare::Comparison;
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

/// Items rendered until the person asks for all of them.
pub const LIST_SHOWN: usize = 20;

/// Which of the comparison's lists.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    New,
    Ended,
    Grown,
    Shrunk,
    NoAmount,
}

#[derive(Properties, PartialEq)]
pub struct CompareListProps {
    pub id: &'static str,
    pub title: &'static str,
    pub which: Which,
    pub earlier: Data,
    pub later: Data,
    pub comparison: Rc<Comparison>,
    pub on_select: Callback<usize>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn CompareList(props: &CompareListProps) -> Html {
    let s = props.strings;
    let c = &props.comparison;
    let (eb, lb) = (&*props.earlier.budget, &*props.later.budget);
    let all = use_state_eq(|| false);
    let items = match props.which {
        Which::New => &c.new,
        Which::Ended => &c.ended,
        Which::Grown => &c.grown,
        Which::Shrunk => &c.shrunk,
        Which::NoAmount => &c.no_amount,
    };
    let shown = if *all {
        items.len()
    } else {
        items.len().min(LIST_SHOWN)
    };
    let id = props.id;
    // The button goes once pressed: the focus moves to the first item it brought in.
    let list = use_node_ref();
    {
        let list = list.clone();
        use_effect_with(*all, move |&all| {
            let first_new = list
                .cast::<web_sys::Element>()
                .filter(|_| all)
                .and_then(|ol| {
                    ol.query_selector(&format!(":scope > li:nth-child({}) button", LIST_SHOWN + 1))
                        .ok()
                })
                .flatten()
                .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok());
            if let Some(b) = first_new {
                let _ = b.focus();
            }
        });
    }
    let show_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    html! {
        <section class="compare-list" id={id} aria-labelledby={format!("{id}-h")}>
            <h3 id={format!("{id}-h")}>{ props.title }<span class="count">{ s.measures(items.len()) }</span></h3>
            if items.is_empty() {
                <p class="none">{ s.none_in_list }</p>
            } else {
                <ol ref={list}>{ for items[..shown].iter().map(|&i| {
                    let e = &c.entries[i];
                    let on_select = props.on_select.clone();
                    html! {
                        <li key={i}>
                            <button type="button" class="link" data-id={entry_id(eb, lb, e)}
                                    onclick={Callback::from(move |_: MouseEvent| on_select.emit(i))}>
                                { entry_name(eb, lb, e) }
                            </button>
                            <span class="figures">
                                // A side that is not there has no figure (a "-" is the source's).
                                if e.pair.before.is_some() { { amount_or_dash(s, e.before) } }
                                if e.pair.before.is_some() && e.pair.after.is_some() { { " → " } }
                                if e.pair.after.is_some() { { amount_or_dash(s, e.after) } }
                                if e.change().is_some() { { " " }<strong>{ change_text(s, e) }</strong> }
                            </span>
                        </li>
                    }
                }) }</ol>
                if shown < items.len() {
                    <p class="more">{ format!("{}{}", s.more_before, items.len() - shown) }{ s.more_after }
                        <button type="button" class="show-all" aria-describedby={format!("{id}-h")}
                                onclick={show_all}>{ s.show_all_of(items.len()) }</button>
                    </p>
                }
            }
        </section>
    }
}
