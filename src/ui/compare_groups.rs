//! The totals of the comparison by direction, initiative or department group, in a disclosure.
//! Its rows are rendered only while it is open (a closed one shows nothing, and a file of 300
//! departments has over a thousand groups), the first `GROUPS_SHOWN` until a button shows the rest.

use super::compare::{group_name, totals_head, totals_row};
use super::hooks::use_window_event;
use crate::core::compare::{Comparison, Group};
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

/// Rows rendered until the person asks for all of them.
pub const GROUPS_SHOWN: usize = 50;

/// Which of the comparison's group lists.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Directions,
    Initiatives,
    Departments,
}

#[derive(Properties, PartialEq)]
pub struct CompareGroupsProps {
    pub id: &'static str,
    pub label: &'static str,
    pub which: Which,
    /// Open at first.
    pub open: bool,
    pub comparison: Rc<Comparison>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn CompareGroups(props: &CompareGroupsProps) -> Html {
    let s = props.strings;
    let c = &props.comparison;
    let open = use_state_eq(|| props.open);
    let all = use_state_eq(|| false);
    let list: &[Group] = match props.which {
        Which::Directions => &c.directions,
        Which::Initiatives => &c.initiatives,
        Which::Departments => &c.departments,
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    // Paper gets every row, the folded tables opened (`hooks::use_details_open_for_print`):
    // beforeprint's handler re-renders before the page is laid out for print.
    let printing = use_state_eq(|| false);
    {
        let (set, unset) = (printing.setter(), printing.setter());
        use_window_event("beforeprint", Callback::from(move |_| set.set(true)));
        use_window_event("afterprint", Callback::from(move |_| unset.set(false)));
    }
    let shown = if *all || *printing {
        list.len()
    } else {
        list.len().min(GROUPS_SHOWN)
    };
    let body = use_node_ref();
    // The button goes once pressed: the focus moves to the first row it brought in.
    {
        let body = body.clone();
        use_effect_with(*all, move |&all| {
            let first_new = body
                .cast::<web_sys::Element>()
                .filter(|_| all)
                .and_then(|b| {
                    b.query_selector(&format!(":scope > tr:nth-child({}) th", GROUPS_SHOWN + 1))
                        .ok()
                })
                .flatten()
                .and_then(|th| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(th).ok());
            if let Some(th) = first_new {
                let _ = th.set_attribute("tabindex", "-1");
                let _ = th.focus();
            }
        });
    }
    let show_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    let label = props.label;
    html! {
        <details class="compare-groups" id={props.id} open={*open} {ontoggle} data-print-open="">
            <summary>{ label }</summary>
            if *open || *printing {
                // Focusable, so that a keyboard can scroll a table wider than a phone.
                <div class="table-scroll" tabindex="0" role="region" aria-label={label}>
                    <table>
                        { totals_head(s, label) }
                        <tbody ref={body}>{ for list[..shown].iter().enumerate().map(|(i, g)| totals_row(s, group_name(s, g), g.totals, &i.to_string())) }</tbody>
                    </table>
                </div>
                if shown < list.len() {
                    <p class="more">
                        <button type="button" class="show-all" onclick={show_all}>{ s.show_all_of(list.len()) }</button>
                    </p>
                }
            }
        </details>
    }
}
